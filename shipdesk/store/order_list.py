"""The Orders tab's queries: ordered row ids for a search, then rows by id in blocks.

The view holds only the id list (a few MB at 100,000 orders) and fetches the rows it paints;
sorting and filtering run in SQLite over indexed columns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from shipdesk.store.orders import fold

SORT_KEYS: dict[str, str] = {
    "order_id": "order_id",
    "created": "created_time",
    "recipient": "recipient_name COLLATE NOCASE",
    "destination": "country_code, city COLLATE NOCASE",
    "items": "items_summary COLLATE NOCASE",
    "ship_by": "ship_by_latest",
    "status": "status",
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
    label_state: str = ""
    label_notes: tuple[dict, ...] = ()


_ROW_SQL = (
    "SELECT o.id, o.order_id, o.created_time, o.recipient_name, o.company_name, o.city, "
    "o.postal_code, o.country_code, o.items_summary, o.item_count, o.ship_by_latest, o.status, "
    "o.problems, o.programs, l.state, l.review, l.warnings FROM orders o "
    "LEFT JOIN labels l ON l.order_id = o.order_id AND l.state != 'cancelled' "
    "WHERE o.id IN ({})"
)


def _like_pattern(word: str) -> str:
    # No ESCAPE clause: the trigram index cannot serve one. A literal % in a search word is
    # dropped; _ still matches itself (and any other single character).
    return f"%{fold(word).replace('%', '')}%"


def ordered_ids(
    db: sqlite_utils.Database,
    *,
    search: str = "",
    sort_key: str = "created",
    descending: bool = True,
    statuses: Sequence[str] = (),
) -> list[int]:
    """Ids of the matching orders in display order. Every word must match (AND)."""
    clauses, args = [], []
    words = [w for w in search.split() if w.replace("%", "")]
    if words:
        matches = " AND ".join("search_text LIKE ?" for _ in words)
        clauses.append(f"id IN (SELECT rowid FROM orders_search WHERE {matches})")
        args.extend(_like_pattern(w) for w in words)
    if statuses:
        clauses.append(f"status IN ({','.join('?' * len(statuses))})")
        args.extend(statuses)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part.strip()} {direction}" for part in SORT_KEYS[sort_key].split(","))
    sql = f"SELECT id FROM orders {where} ORDER BY {order}, id {direction}"
    return [row[0] for row in db.execute(sql, args).fetchall()]


def rows_by_id(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, OrderRow]:
    if not ids:
        return {}
    cursor = db.execute(_ROW_SQL.format(",".join("?" * len(ids))), list(ids))
    rows = {}
    for r in cursor.fetchall():
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
            label_state=r[14] or "",
            label_notes=tuple(json.loads(r[15] or "[]")) + tuple(json.loads(r[16] or "[]")),
        )
    return rows


def count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM orders").fetchone()[0]
