"""Labels in SQLite: drafts for new orders, and their state as they move on."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import sqlite_utils

from shipdesk.domain.labels import CANCELLED, DRAFT, NEEDS_REVIEW, Draft
from shipdesk.domain.shipping import SenderAddress
from shipdesk.store.orders import now_iso


def _notices(notices) -> str:
    return json.dumps([{"code": n.code, "option": n.option, "detail": n.detail} for n in notices])


def insert_draft(
    db: sqlite_utils.Database,
    draft: Draft,
    *,
    carrier: str,
    account_number: str,
    sender: SenderAddress | None,
    weight_kg: float,
) -> bool:
    """Add the draft unless the order already has an active label; the caller owns the
    transaction. True when a draft was added."""
    stamp = now_iso()
    cursor = db.execute(
        "INSERT INTO labels (order_id, package_no, carrier, state, account_number, "
        "recipient_type, receiver, sender, review, warnings, product, parcel_type, options, "
        "weight_kg, pieces, created_at, updated_at) "
        "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [
            draft.order_id,
            carrier,
            draft.state,
            account_number,
            draft.recipient_type,
            json.dumps(draft.receiver.to_json()),
            json.dumps(asdict(sender)) if sender else None,
            _notices(draft.review),
            _notices(draft.resolution.warnings),
            draft.resolution.product,
            draft.resolution.parcel_type,
            json.dumps([[k, v] for k, v in draft.resolution.options]),
            weight_kg,
            stamp,
            stamp,
        ],
    )
    return cursor.rowcount == 1


def orders_needing_drafts(db: sqlite_utils.Database, limit: int = 10_000) -> list[str]:
    """Merchant-fulfilled orders waiting to ship that have no active label yet."""
    rows = db.execute(
        "SELECT o.order_id FROM orders o WHERE o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED') "
        "AND (o.fulfilled_by = 'MERCHANT' OR o.fulfilled_by IS NULL) "
        "AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.order_id = o.order_id "
        "AND l.state != 'cancelled') ORDER BY o.created_time LIMIT ?",
        [limit],
    ).fetchall()
    return [r[0] for r in rows]


def drop_drafts_of_cancelled_orders(db: sqlite_utils.Database) -> int:
    """Cancelled orders lose their draft (labels already made stay, for the owner to see)."""
    cursor = db.execute(
        "DELETE FROM labels WHERE state IN (?, ?) AND order_id IN "
        "(SELECT order_id FROM orders WHERE status = 'CANCELLED')",
        [DRAFT, NEEDS_REVIEW],
    )
    return cursor.rowcount


def label_rows(
    db: sqlite_utils.Database, order_ids: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """The active label of each order (as plain data), keyed by order id; all when None."""
    if order_ids is None:
        rows = db.query("SELECT * FROM labels WHERE state != ?", [CANCELLED])
    else:
        wanted = list(order_ids)
        rows = (
            row
            for start in range(0, len(wanted), 500)  # SQLite limits bound parameters
            for row in db.query(
                f"SELECT * FROM labels WHERE state != ? AND order_id IN "
                f"({','.join('?' * len(wanted[start : start + 500]))})",
                [CANCELLED, *wanted[start : start + 500]],
            )
        )
    result = {}
    for row in rows:
        for key in ("receiver", "review", "warnings", "options"):
            row[key] = json.loads(row[key])
        row["sender"] = json.loads(row["sender"]) if row["sender"] else None
        result[row["order_id"]] = row
    return result
