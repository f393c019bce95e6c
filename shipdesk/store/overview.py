"""What the Overview and the alerts count, straight from SQLite: each a few indexed reads, so
they stay quick on 100,000 orders (bench/overview_bench.py). Moments are UTC ISO strings."""

from __future__ import annotations

import json
from dataclasses import dataclass

from shipdesk.store.connection import Database

WAITING = "o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED')"
MERCHANT = "(o.fulfilled_by = 'MERCHANT' OR o.fulfilled_by IS NULL)"
NOT_HANDED_OVER = "COALESCE(o.label_state, '') NOT IN ('printed', 'shipped')"


@dataclass(frozen=True)
class OpenOrder:
    """An order still to print, with its label's carrier and options (none without a label)."""

    order_id: str
    ship_by: str | None
    carrier: str
    options: tuple[str, ...]


def to_print(db: Database, ship_by_before: str) -> list[OpenOrder]:
    """Orders waiting to ship whose label is not printed yet and whose ship-by moment comes
    before `ship_by_before`, soonest first."""
    rows = db.execute(
        "SELECT o.order_id, o.ship_by_latest, COALESCE(l.carrier, ''), l.options "
        "FROM orders o LEFT JOIN labels l "
        "ON l.order_id = o.order_id AND l.state != 'cancelled' "
        f"WHERE {WAITING} AND {MERCHANT} AND {NOT_HANDED_OVER} AND o.ship_by_latest < ? "
        "AND o.buyer_data_erased_at IS NULL ORDER BY o.ship_by_latest",
        [ship_by_before],
    ).fetchall()
    return [
        OpenOrder(r[0], r[1], r[2], tuple(k for k, _ in json.loads(r[3] or "[]"))) for r in rows
    ]


def in_label_state(db: Database, state: str) -> list[str]:
    """Orders waiting to ship whose label is in `state` (needs_review, created, ...)."""
    return [
        r[0]
        for r in db.execute(
            f"SELECT o.order_id FROM orders o WHERE {WAITING} AND o.label_state = ? "
            "ORDER BY o.ship_by_latest",
            [state],
        )
    ]


def printed_not_scanned(db: Database, printed_before: str) -> list[tuple[str, str]]:
    """(order id, carrier) of printed labels the carrier has not scanned, printed before
    `printed_before` (the far future: all of them)."""
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT l.order_id, l.carrier FROM labels l WHERE l.state = 'printed' "
            "AND COALESCE(l.delivery_status, 'not_scanned') = 'not_scanned' "
            "AND l.first_scan_at IS NULL AND l.printed_at < ? ORDER BY l.printed_at",
            [printed_before],
        )
    ]


def carrier_never_scanned(db: Database, carrier: str, printed_before: str) -> bool:
    """Whether the carrier has parcels printed before `printed_before` and has scanned none of
    its parcels at all (an account whose tracking updates are not switched on)."""
    printed = db.execute(
        "SELECT 1 FROM labels WHERE carrier = ? AND state IN ('printed', 'shipped') "
        "AND printed_at < ? LIMIT 1",
        [carrier, printed_before],
    ).fetchone()
    if printed is None:
        return False
    scanned = db.execute(
        "SELECT 1 FROM labels WHERE carrier = ? AND (first_scan_at IS NOT NULL "
        "OR delivered_at IS NOT NULL) LIMIT 1",
        [carrier],
    ).fetchone()
    return scanned is None


def moving_without_tracking(db: Database) -> list[str]:
    """Orders whose parcel the carrier is carrying while Amazon has no accepted tracking for
    it (not sent, or still waiting): a Valid Tracking Rate defect in the making. Not an order
    Amazon already has as shipped (confirmed in Seller Central: ShipDesk then sends nothing)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT l.order_id FROM labels l JOIN orders o ON o.order_id = l.order_id "
            "WHERE l.state IN ('created', 'printed', 'shipped') "
            "AND l.delivery_status = 'in_transit' AND o.status != 'SHIPPED' "
            "AND NOT EXISTS (SELECT 1 FROM tracking_outbox t "
            "WHERE t.label_id = l.id AND t.state = 'done') ORDER BY l.first_scan_at"
        )
    ]


def cancelled_with_label(db: Database) -> list[str]:
    """Orders cancelled at Amazon whose label was made or printed: not to ship."""
    return [
        r[0]
        for r in db.execute(
            "SELECT o.order_id FROM orders o WHERE o.status IN ('CANCELLED', 'UNFULFILLABLE') "
            "AND o.label_state IN ('created', 'printed') ORDER BY o.order_id"
        )
    ]


def last_import(db: Database) -> str | None:
    """When orders were last fetched from Amazon (any marketplace)."""
    last = db.execute("SELECT max(last_run_at) FROM sync_state").fetchone()[0]
    return str(last) if last else None
