"""Return labels in SQLite (table `return_labels`, migration 0020): apart from the order's
labels, so that what uploads, confirms or voids those never takes a return by mistake."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from shipdesk.store.connection import Database, chunks
from shipdesk.store.orders import now_iso
from shipdesk.store.records import columns_of

PENDING, MADE, FAILED, VOIDED = "pending", "made", "failed", "voided"
OPEN = (PENDING, MADE)


@dataclass(frozen=True)
class StoredReturn:
    """A return label, as read from its row of `return_labels` (in the table's order)."""

    id: int
    order_id: str
    label_id: int  # the outbound label it was made with
    carrier: str
    state: str  # PENDING, MADE, FAILED or VOIDED
    shipment_id: str
    reason: str
    carrier_label_ids: list[str]
    tracker_codes: list[str]
    error_code: str | None
    error: str | None
    created_at: str
    updated_at: str
    printed_at: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StoredReturn:
        return cls(**columns_of(cls, row, lists=frozenset({"carrier_label_ids", "tracker_codes"})))

    def to_json(self) -> dict[str, Any]:
        """The row as plain data: its columns by name, the JSON ones parsed (a copy)."""
        return asdict(self)


def _select(db: Database, where: str, params: Sequence[Any]) -> list[StoredReturn]:
    rows = db.query(f"SELECT * FROM return_labels WHERE {where} ORDER BY id", list(params))
    return [StoredReturn.from_row(row) for row in rows]


def open_return(db: Database, label_id: int) -> StoredReturn | None:
    """The outbound label's return that is asked for or made, if any."""
    found = _select(db, "label_id = ? AND state IN (?, ?)", [label_id, *OPEN])
    return found[0] if found else None


def start(
    db: Database,
    *,
    order_id: str,
    label_id: int,
    carrier: str,
    shipment_id: str,
    reason: str,
) -> int:
    """Record that the carrier is about to be asked (committed before the call, so a lost
    answer is known afterwards); the caller owns the transaction."""
    stamp = now_iso()
    cursor = db.execute(
        "INSERT INTO return_labels (order_id, label_id, carrier, state, shipment_id, reason, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [order_id, label_id, carrier, PENDING, shipment_id, reason, stamp, stamp],
    )
    return int(cursor.lastrowid or 0)


def failed(
    db: Database,
    *,
    order_id: str,
    label_id: int,
    carrier: str,
    code: str,
    message: str,
) -> None:
    """A return refused before the carrier was asked, kept as the reason on the order."""
    return_id = start(
        db, order_id=order_id, label_id=label_id, carrier=carrier, shipment_id="", reason=""
    )
    mark_failed(db, return_id, code, message)


def mark_made(
    db: Database,
    return_id: int,
    *,
    carrier_label_ids: Sequence[str],
    tracker_codes: Sequence[str],
) -> None:
    db.execute(
        "UPDATE return_labels SET state = ?, carrier_label_ids = ?, tracker_codes = ?, "
        "error_code = NULL, error = NULL, updated_at = ? WHERE id = ?",
        [
            MADE,
            json.dumps(list(carrier_label_ids)),
            json.dumps(list(tracker_codes)),
            now_iso(),
            return_id,
        ],
    )


def mark_failed(db: Database, return_id: int, code: str, message: str) -> None:
    """Nothing was made: the row stays as the reason shown on the order, and frees the way for
    another try."""
    db.execute(
        "UPDATE return_labels SET state = ?, error_code = ?, error = ?, updated_at = ? "
        "WHERE id = ?",
        [FAILED, code, message, now_iso(), return_id],
    )


def mark_printed(db: Database, return_ids: Iterable[int]) -> None:
    stamp = now_iso()
    for chunk in chunks(list(return_ids)):
        db.execute(
            f"UPDATE return_labels SET printed_at = ?, updated_at = ? "
            f"WHERE id IN ({','.join('?' * len(chunk))})",
            [stamp, stamp, *chunk],
        )


def void_of_label(db: Database, label_id: int) -> list[StoredReturn]:
    """Void the returns made with an outbound label (voided itself); the ones voided."""
    found = _select(db, "label_id = ? AND state IN (?, ?)", [label_id, *OPEN])
    db.execute(
        "UPDATE return_labels SET state = ?, updated_at = ? WHERE label_id = ? AND state IN (?, ?)",
        [VOIDED, now_iso(), label_id, *OPEN],
    )
    return found


def made_for_labels(db: Database, label_ids: Iterable[int]) -> dict[int, list[StoredReturn]]:
    """The made returns of each outbound label (printed with it)."""
    found: dict[int, list[StoredReturn]] = {}
    for chunk in chunks(list(label_ids)):
        for row in _select(
            db, f"state = ? AND label_id IN ({','.join('?' * len(chunk))})", [MADE, *chunk]
        ):
            found.setdefault(row.label_id, []).append(row)
    return found


def of_orders(db: Database, order_ids: Iterable[str] | None) -> dict[str, list[StoredReturn]]:
    """Every return of each order (made, failed, voided, asked for), oldest first; of every
    order when `order_ids` is None."""
    found: dict[str, list[StoredReturn]] = {}
    if order_ids is None:
        for row in _select(db, "1", []):
            found.setdefault(row.order_id, []).append(row)
        return found
    for chunk in chunks(list(order_ids)):
        for row in _select(db, f"order_id IN ({','.join('?' * len(chunk))})", chunk):
            found.setdefault(row.order_id, []).append(row)
    return found
