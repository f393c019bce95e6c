"""Helpers shared by the benchmarks: a table printer and a quickly seeded database."""

from __future__ import annotations

import datetime as dt
import resource
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# The sandbox's four EU marketplaces (NL, BE, DE, FR), as the benchmarks import them.
EU = ["A1805IZSGTT6HS", "AMEN7PMS3EDWL", "A1PA6795UKMFR9", "A13V1IB3VIYZZH"]


def print_table(title: str, rows: Sequence[tuple[str, str, str]]) -> None:
    """Rows of (measure, value, target)."""
    widths = [max(len(r[i]) for r in [("measure", "value", "target"), *rows]) for i in range(3)]
    line = "+".join("-" * (w + 2) for w in widths)
    print(f"\n{title}\n{line}")
    header = ("measure", "value", "target")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line)
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print(line)


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def seed_database(ctx, count: int, seed: int = 99, days: int = 60) -> None:
    """Fill the store with `count` generated orders over the last `days` days, mapped and
    stored as an import would."""
    from shipdesk.amazon.mapping import order_from_api
    from shipdesk.sandbox.generator import generate_orders
    from shipdesk.store.orders import upsert_orders

    now = dt.datetime.now(dt.UTC)
    with ctx.connect() as db:
        for start in range(0, count, 10_000):
            batch = generate_orders(min(10_000, count - start), seed + start, now, days=days)
            orders = [order_from_api(o) for o in batch]
            with db.atomic():
                upsert_orders(db, orders)
        # A label for every order still to ship, as drafts would be: the list joins them.
        with db.atomic():
            db.execute(
                "INSERT INTO labels (order_id, carrier, state, receiver, options, parcel_type, "
                "created_at, updated_at) SELECT order_id, 'dhl', 'draft', '{}', "
                "'[[\"DOOR\", null], [\"NBB\", null]]', 'SMALL', created_time, created_time "
                "FROM orders WHERE status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED')"
            )


# A year of labels for the shipped orders: made 2 hours after the order, printed an hour
# later, scanned that evening, delivered the next day; tracking accepted at print. A third
# with GLS; one parcel in fifty never scanned.
SHOP_HISTORY = [
    # A shop ships within days: orders older than three days are shipped (the generator leaves
    # many open for the Orders tab benchmark); their drafts make way for the history below.
    "UPDATE orders SET status = 'SHIPPED' WHERE status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED') "
    "AND created_time < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-3 days')",
    "DELETE FROM labels WHERE order_id IN (SELECT order_id FROM orders WHERE status = 'SHIPPED')",
    "INSERT INTO labels (order_id, carrier, state, receiver, options, parcel_type, "
    "tracker_codes, label_created_at, printed_at, first_scan_at, delivered_at, "
    "delivery_status, created_at, updated_at) "
    "SELECT order_id, CASE WHEN id % 3 = 0 THEN 'gls' ELSE 'dhl' END, 'shipped', '{}', '[]', "
    "'SMALL', json_array('JVGL' || id), "
    "strftime('%Y-%m-%dT%H:%M:%SZ', created_time, '+2 hours'), "
    "strftime('%Y-%m-%dT%H:%M:%SZ', created_time, '+3 hours'), "
    "CASE WHEN id % 50 = 0 THEN NULL "
    "ELSE strftime('%Y-%m-%dT%H:%M:%SZ', created_time, '+9 hours') END, "
    "CASE WHEN id % 50 = 0 THEN NULL "
    "ELSE strftime('%Y-%m-%dT%H:%M:%SZ', created_time, '+30 hours') END, "
    "CASE WHEN id % 50 = 0 THEN 'not_scanned' ELSE 'delivered' END, created_time, created_time "
    "FROM orders WHERE status = 'SHIPPED'",
    "INSERT INTO tracking_outbox (order_id, label_id, marketplace_id, package_reference_id, "
    "carrier_code, tracking_number, ship_date, items, state, next_attempt_at, created_at, "
    "updated_at, done_at, first_sent_at) "
    "SELECT l.order_id, l.id, o.marketplace_id, '1', upper(l.carrier), "
    "json_extract(l.tracker_codes, '$[0]'), l.printed_at, '[]', 'done', l.printed_at, "
    "l.printed_at, l.printed_at, l.printed_at, l.printed_at "
    "FROM labels l JOIN orders o ON o.order_id = l.order_id WHERE l.state = 'shipped'",
]


def seed_shop(ctx, count: int, days: int) -> None:
    """`count` orders over the last `days` days as a busy shop has them: the last three days'
    orders still open with their drafts, the rest shipped with the history above."""
    seed_database(ctx, count, days=days)
    with ctx.connect() as db, db.atomic():
        for statement in SHOP_HISTORY:
            db.execute(statement)
