"""The whole day's work on a bad day: import → drafts → 50 labels → print → tracking to Amazon,
with 10% of the carrier's and Amazon's answers failing. Every order ends shipped exactly once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from shipdesk.services import labels as label_service
from shipdesk.services import printing, tracking
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import import_orders
from shipdesk.store import labels as label_store
from tests.support.cups import PDF_QUEUE
from tests.test_labels import open_shop

FAULTS = ("server_error", "throttle", "drop", "malformed")


def test_fifty_orders_ship_exactly_once_through_failures(
    tmp_path, start_sandbox, zebra, qapp
) -> None:
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=160, seed=12, slow_seconds=0.05)
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    chosen = label_service.drafts_ready_ids(ctx)[:50]
    assert len(chosen) == 50

    sandbox.faults.kinds = FAULTS
    sandbox.set_fault_rate(0.10)

    # Create, and retry what failed, as the owner would with "Retry failed".
    label_service.create_labels(ctx, chosen, concurrency=4)
    for _ in range(6):
        failed = [i for i in label_service.retry_failed_ids(ctx) if i in chosen]
        if not failed:
            break
        label_service.create_labels(ctx, failed)
    with ctx.connect() as db:
        created = label_store.get_labels(db, chosen)
    assert {lb["state"] for lb in created} == {"created"}

    # Print in batches of ten; each print queues the tracking numbers.
    for start in range(0, 50, 10):
        result = printing.print_labels(ctx, chosen[start : start + 10])
        assert result.pages == 10

    # Upload until the outbox is empty, letting time pass for the backoff.
    moment = dt.datetime.now(dt.UTC)
    for _ in range(20):
        tracking.upload_due(ctx, now=moment)
        if not tracking.status(ctx).get("pending"):
            break
        moment += dt.timedelta(hours=6)
    sandbox.set_fault_rate(0)

    assert tracking.status(ctx) == {"done": 50}
    with ctx.connect() as db:
        labels = label_store.get_labels(db, chosen)
    assert {lb["state"] for lb in labels} == {"shipped"}
    orders = {lb["order_id"] for lb in labels}

    # At DHL: one shipment per order, never a second one.
    shipments = Counter(s.body["orderReference"] for s in sandbox.dhl.shipments.values())
    assert set(shipments) == orders and set(shipments.values()) == {1}
    # At Amazon: one accepted confirmation per order, with the label's tracking number.
    confirmed = Counter(c.order_id for c in sandbox.amazon.confirmations)
    assert set(confirmed) == orders and set(confirmed.values()) == {1}
    tracker = {lb["order_id"]: lb["tracker_codes"][0] for lb in labels}
    for confirmation in sandbox.amazon.confirmations:
        assert confirmation.tracking_number == tracker[confirmation.order_id]
    assert sum(sandbox.dhl_app.injected.values()) > 0
    assert sum(sandbox.spapi_app.injected.values()) > 0

    # The next import brings the orders back from Amazon as shipped.
    sandbox.clock.advance(1)
    import_orders(ctx)
    make_drafts(ctx)
    with ctx.connect() as db:
        statuses = dict(
            db.execute(
                f"SELECT order_id, status FROM orders WHERE order_id IN "
                f"({','.join('?' * len(orders))})",
                sorted(orders),
            ).fetchall()
        )
    assert set(statuses.values()) <= {"SHIPPED", "PARTIALLY_SHIPPED"}
    assert list(statuses.values()).count("SHIPPED") >= 45
