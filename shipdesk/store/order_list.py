"""The Orders tab's queries: ordered row ids for a view and search, then rows by id in blocks.

The view holds only the id list (a few MB at 100,000 orders) and fetches the rows it paints;
sorting and filtering run in SQLite over indexed columns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shipdesk.store.connection import Database
from shipdesk.store.orders import fold

# Each order joined with its active label (at most one per order package 1) and that label's
# tracking upload that says most: a parcel Amazon refused, else one waiting, else the first
# (read for the rows on screen only, so the subquery costs a lookup per visible row).
_FROM = (
    "FROM orders o LEFT JOIN labels l ON l.order_id = o.order_id AND l.state != 'cancelled' "
    "LEFT JOIN tracking_outbox t ON t.id = (SELECT w.id FROM tracking_outbox w "
    "WHERE w.label_id = l.id ORDER BY CASE w.state WHEN 'needs_attention' THEN 0 "
    "WHEN 'pending' THEN 1 ELSE 2 END, w.parcel LIMIT 1)"
)

# Each sort key: the expressions to order by, in turn.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "order_id": ("o.order_id",),
    "created": ("o.created_time",),
    "recipient": ("o.recipient_name COLLATE NOCASE",),
    "destination": ("o.country_code", "o.city COLLATE NOCASE"),
    "items": ("o.items_summary COLLATE NOCASE",),
    "size": ("o.parcel_type",),
    "ship_by": ("o.ship_by_latest",),
    "state": ("COALESCE(o.label_state, o.status)",),
}

# The work list's views: what the owner filters on.
# (The label and upload states are copied onto the order by triggers: no join needed.)
VIEWS: dict[str, str] = {
    "all": "",
    "to_ship": "o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED') AND "
    "(o.label_state IS NULL OR o.label_state != 'shipped')",
    "draft": "o.label_state = 'draft'",
    "needs_review": "o.label_state = 'needs_review'",
    "created": "o.label_state = 'created'",
    "printed": "o.label_state = 'printed'",
    "shipped": "(o.label_state = 'shipped' OR o.status = 'SHIPPED')",
    "error": "(o.label_state IN ('error', 'unclear') OR o.upload_state = 'needs_attention')",
    "pending": "o.status IN ('PENDING', 'PENDING_AVAILABILITY')",
    "cancelled": "o.status IN ('CANCELLED', 'UNFULFILLABLE')",
}


@dataclass(frozen=True)
class OrderRow:
    id: int
    order_id: str
    created_time: str
    recipient_name: str
    company_name: str
    city: str
    postal_code: str
    country_code: str
    items_summary: str
    item_count: int
    ship_by_latest: str
    status: str
    problems: tuple[str, ...]
    programs: tuple[str, ...]
    label_id: int | None = None
    label_state: str = ""
    label_notes: tuple[dict[str, Any], ...] = ()  # why the label needs review
    label_warnings: tuple[dict[str, Any], ...] = ()  # what the settings could not do for this order
    options: tuple[str, ...] = ()
    parcel_type: str = ""
    error_message: str = ""
    error_code: str = ""
    tracker_codes: tuple[str, ...] = ()
    upload_state: str = ""
    upload_error: str = ""
    carrier: str = ""
    error_details: tuple[dict[str, Any], ...] = ()
    delivery_status: str = ""  # from the carrier's track & trace
    delivered_at: str = ""
    buyer_data_erased: bool = False  # name and address erased (30 days after delivery)


_ROW_SQL = (
    "SELECT o.id, o.order_id, o.created_time, o.recipient_name, o.company_name, o.city, "
    "o.postal_code, o.country_code, o.items_summary, o.item_count, o.ship_by_latest, o.status, "
    "o.problems, o.programs, l.id, l.state, l.review, l.warnings, l.options, l.parcel_type, "
    "l.error_message, l.tracker_codes, t.state, t.last_error, l.error_code, l.carrier, "
    "l.error_details, l.delivery_status, l.delivered_at, o.buyer_data_erased_at "
    f"{_FROM} WHERE o.id IN ({{}})"
)


def _like_pattern(word: str) -> str:
    # No ESCAPE clause: the trigram index cannot serve one. A literal % in a search word is
    # dropped; _ still matches itself (and any other single character).
    return f"%{fold(word).replace('%', '')}%"


def ordered_ids(
    db: Database,
    *,
    search: str = "",
    sort_key: str = "created",
    descending: bool = True,
    view: str = "all",
    order_ids: Sequence[str] | None = None,
) -> list[int]:
    """Ids of the matching orders in display order. Every search word must match (AND);
    `order_ids`: only these orders (the ones an Overview figure or alert counts)."""
    clauses, args = [], []
    if order_ids is not None:
        clauses.append("o.order_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(list(order_ids)))
    words = [w for w in search.split() if w.replace("%", "")]
    if words:
        matches = " AND ".join("search_text LIKE ?" for _ in words)
        clauses.append(f"o.id IN (SELECT rowid FROM orders_search WHERE {matches})")
        args.extend(_like_pattern(w) for w in words)
    if VIEWS[view]:
        clauses.append(VIEWS[view])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{expression} {direction}" for expression in SORT_KEYS[sort_key])
    sql = f"SELECT o.id FROM orders o {where} ORDER BY {order}, o.id {direction}"
    return [row[0] for row in db.execute(sql, args).fetchall()]


def rows_by_id(db: Database, ids: Sequence[int]) -> dict[int, OrderRow]:
    if not ids:
        return {}
    cursor = db.execute(_ROW_SQL.format(",".join("?" * len(ids))), list(ids))
    rows = {}
    for r in cursor.fetchall():
        options = json.loads(r[18] or "[]")
        rows[r[0]] = OrderRow(
            id=r[0],
            order_id=r[1],
            created_time=r[2],
            recipient_name=r[3] or "",
            company_name=r[4] or "",
            city=r[5] or "",
            postal_code=r[6] or "",
            country_code=r[7] or "",
            items_summary=r[8] or "",
            item_count=r[9] or 0,
            ship_by_latest=r[10] or "",
            status=r[11],
            problems=tuple(json.loads(r[12])),
            programs=tuple(json.loads(r[13])),
            label_id=r[14],
            label_state=r[15] or "",
            label_notes=tuple(json.loads(r[16] or "[]")),
            label_warnings=tuple(json.loads(r[17] or "[]")),
            options=tuple(key for key, _ in options),
            parcel_type=r[19] or "",
            error_message=r[20] or "",
            tracker_codes=tuple(json.loads(r[21] or "[]")),
            upload_state=r[22] or "",
            upload_error=r[23] or "",
            error_code=r[24] or "",
            carrier=r[25] or "",
            error_details=tuple(json.loads(r[26] or "[]")),
            delivery_status=r[27] or "",
            delivered_at=r[28] or "",
            buyer_data_erased=bool(r[29]),
        )
    return rows


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM orders").fetchone()[0])
