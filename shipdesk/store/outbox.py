"""The tracking outbox: shipment confirmations waiting for Amazon, and the alerts table."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from shipdesk.store.connection import Database, chunks
from shipdesk.store.orders import now_iso

PENDING, DONE, NEEDS_ATTENTION = "pending", "done", "needs_attention"


def enqueue(db: Database, entry: dict[str, Any]) -> bool:
    """Add the confirmation of a label's parcel (`entry["parcel"]`, 0 for the first) unless
    it has one (a reprint never sends twice).
    The package reference is the next number within the order, past ours and past the
    packages Amazon already knows (`entry["known_references"]`). The caller owns the
    transaction. True when added."""
    parcel = int(entry.get("parcel", 0))
    if db.execute(
        "SELECT 1 FROM tracking_outbox WHERE label_id = ? AND parcel = ?",
        [entry["label_id"], parcel],
    ).fetchone():
        return False
    used = db.execute(
        "SELECT COALESCE(MAX(CAST(package_reference_id AS INTEGER)), 0) FROM tracking_outbox "
        "WHERE order_id = ?",
        [entry["order_id"]],
    ).fetchone()[0]
    known = [int(r) for r in entry.get("known_references", ()) if str(r).isdigit()]
    used = max([used, *known])
    stamp = now_iso()
    due = entry.get("not_before") or stamp
    db.execute(
        "INSERT INTO tracking_outbox (order_id, label_id, parcel, marketplace_id, "
        "package_reference_id, carrier_code, carrier_name, shipping_method, tracking_number, "
        "ship_date, items, state, next_attempt_at, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            entry["order_id"],
            entry["label_id"],
            parcel,
            entry["marketplace_id"],
            str(used + 1),
            entry["carrier_code"],
            entry.get("carrier_name"),
            entry.get("shipping_method"),
            entry["tracking_number"],
            entry["ship_date"],
            json.dumps(entry["items"]),
            PENDING,
            due,
            stamp,
            stamp,
        ],
    )
    return True


HELD = "9999-12-31T00:00:00Z"  # a lease no upload ever outlasts: the entry is held


def hold(db: Database, label_id: int, now: str) -> str:
    """Hold a label's confirmations (one per parcel) back while its label is being voided: no
    upload takes them until they are dropped (voided) or released (the void failed). Says
    what it found: "held", "sending" (an upload has one now: too late), "sent" (Amazon has
    one), or "none". The caller owns the transaction."""
    rows = db.execute(
        "SELECT state, leased_until FROM tracking_outbox WHERE label_id = ?", [label_id]
    ).fetchall()
    if not rows:
        return "none"
    if any(state == DONE for state, _ in rows):
        return "sent"
    if any(
        state == PENDING and leased is not None and now < leased < HELD for state, leased in rows
    ):
        return "sending"
    db.execute("UPDATE tracking_outbox SET leased_until = ? WHERE label_id = ?", [HELD, label_id])
    return "held"


def drop_held(db: Database, label_id: int) -> None:
    """The label is voided: its held confirmation never goes to Amazon."""
    db.execute(
        "DELETE FROM tracking_outbox WHERE label_id = ? AND leased_until = ?", [label_id, HELD]
    )


def release_held(db: Database, label_id: int) -> None:
    """The void did not happen: the confirmation goes out as it would have."""
    db.execute(
        "UPDATE tracking_outbox SET leased_until = NULL WHERE label_id = ? AND leased_until = ?",
        [label_id, HELD],
    )


def confirmed_not_imported(
    db: Database, order_id: str, known_references: Sequence[str]
) -> dict[str, int]:
    """Per order item, the quantity Amazon accepted from us in packages the last import did
    not bring back yet (so the order's quantity shipped does not count them)."""
    found: dict[str, int] = {}
    rows = db.execute(
        "SELECT package_reference_id, items FROM tracking_outbox WHERE order_id = ? AND state = ?",
        [order_id, DONE],
    ).fetchall()
    for reference, items in rows:
        if str(reference) in {str(k) for k in known_references}:
            continue
        for item in json.loads(items):
            key = str(item["orderItemId"])
            found[key] = found.get(key, 0) + int(item["quantity"])
    return found


def claim_due(db: Database, now: str, lease_until: str, limit: int = 200) -> list[dict[str, Any]]:
    """Due entries, leased until `lease_until` so a second uploader (the CLI beside the app)
    does not take them too; if this process dies, the lease runs out and they are due again.
    The caller owns the (write) transaction."""
    rows = list(
        db.query(
            "SELECT * FROM tracking_outbox WHERE state = ? AND next_attempt_at <= ? "
            "AND (leased_until IS NULL OR leased_until <= ?) "
            "ORDER BY next_attempt_at, id LIMIT ?",
            [PENDING, now, now, limit],
        )
    )
    for row in rows:
        row["items"] = json.loads(row["items"])
        db.execute(
            "UPDATE tracking_outbox SET leased_until = ?, "
            "first_sent_at = COALESCE(first_sent_at, ?) WHERE id = ?",
            [lease_until, now, row["id"]],
        )
    return rows


def release(db: Database, entry_ids: list[int], when: str) -> None:
    for entry_id in entry_ids:
        db.execute(
            "UPDATE tracking_outbox SET next_attempt_at = ?, leased_until = NULL "
            "WHERE id = ? AND state = ?",
            [when, entry_id, PENDING],
        )


def mark_done(db: Database, entry_id: int) -> None:
    stamp = now_iso()
    db.execute(
        "UPDATE tracking_outbox SET state = ?, done_at = ?, updated_at = ?, last_error = NULL, "
        "leased_until = NULL WHERE id = ?",
        [DONE, stamp, stamp, entry_id],
    )


def reschedule(db: Database, entry_id: int, next_attempt_at: str, error: str) -> None:
    db.execute(
        "UPDATE tracking_outbox SET attempts = attempts + 1, next_attempt_at = ?, "
        "last_error = ?, updated_at = ?, leased_until = NULL WHERE id = ?",
        [next_attempt_at, error, now_iso(), entry_id],
    )


def needs_attention(db: Database, entry_id: int, error: str) -> None:
    db.execute(
        "UPDATE tracking_outbox SET state = ?, attempts = attempts + 1, last_error = ?, "
        "updated_at = ?, leased_until = NULL WHERE id = ?",
        [NEEDS_ATTENTION, error, now_iso(), entry_id],
    )


def retry(db: Database, entry_ids: list[int]) -> None:
    """The owner fixed something: try these again now."""
    stamp = now_iso()
    for entry_id in entry_ids:
        db.execute(
            "UPDATE tracking_outbox SET state = ?, next_attempt_at = ?, updated_at = ? "
            "WHERE id = ? AND state = ?",
            [PENDING, stamp, stamp, entry_id, NEEDS_ATTENTION],
        )


def counts(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT state, count(*) FROM tracking_outbox GROUP BY state").fetchall())


def add_alert(db: Database, kind: str, order_id: str | None, message: str) -> None:
    db.execute(
        "INSERT INTO alerts (kind, order_id, message, created_at) VALUES (?, ?, ?, ?)",
        [kind, order_id, message, now_iso()],
    )


def open_alerts(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY id"))


def resolve_alerts(db: Database, kind: str, order_id: str | None) -> None:
    db.execute(
        "UPDATE alerts SET resolved_at = ? WHERE kind = ? AND order_id IS ? "
        "AND resolved_at IS NULL",
        [now_iso(), kind, order_id],
    )


def resolve_alerts_saying(db: Database, kind: str, message: str) -> None:
    """Resolve the open alerts of a kind about one subject (kept in their message)."""
    db.execute(
        "UPDATE alerts SET resolved_at = ? WHERE kind = ? AND message = ? AND resolved_at IS NULL",
        [now_iso(), kind, message],
    )


def sent_for_voided(db: Database, order_ids: Iterable[str]) -> dict[str, list[str]]:
    """The tracking numbers Amazon accepted for labels of these orders that were voided since:
    Amazon keeps them (the API cannot take one back), so the owner corrects them by hand."""
    found: dict[str, list[str]] = {}
    for chunk in chunks(list(order_ids)):
        rows = db.execute(
            "SELECT t.order_id, t.tracking_number FROM tracking_outbox t "
            "JOIN labels l ON l.id = t.label_id WHERE t.state = ? AND l.state = 'cancelled' "
            f"AND l.error_code = 'voided' AND t.order_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY t.id",
            [DONE, *chunk],
        ).fetchall()
        for order_id, number in rows:
            found.setdefault(order_id, []).append(number)
    return found


def times_by_label(
    db: Database, label_ids: Iterable[int] | None = None
) -> dict[int, tuple[str | None, str | None]]:
    """For each label: when its tracking first went to Amazon, and when Amazon had accepted
    all of it (None while a package is still waiting or refused); of every label when None."""
    query = (
        "SELECT label_id, min(first_sent_at), CASE WHEN sum(state != 'done') = 0 "
        "THEN max(done_at) END FROM tracking_outbox WHERE label_id IS NOT NULL {} "
        "GROUP BY label_id"
    )
    if label_ids is None:
        rows = db.execute(query.format("")).fetchall()
    else:
        rows = [
            row
            for chunk in chunks(list(label_ids))
            for row in db.execute(
                query.format(f"AND label_id IN ({','.join('?' * len(chunk))})"), chunk
            ).fetchall()
        ]
    return {r[0]: (r[1], r[2]) for r in rows}
