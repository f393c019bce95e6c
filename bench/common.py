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
