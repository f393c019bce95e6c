"""Tracking numbers back to Amazon through the outbox, over real HTTP to the sandbox."""

from __future__ import annotations

import datetime as dt

import pytest

from shipdesk.services import amazon_account, carrier_account, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store import outbox
from shipdesk.store.orders import list_orders
from shipdesk.store.transactions import write_transaction
from tests.conftest import make_context
from tests.test_labels import open_shop

LATER = dt.timedelta(days=2)  # far enough ahead that every backoff has passed


@pytest.fixture
def shipped_shop(tmp_path, start_sandbox):
    """A shop with 12 labels created at DHL and queued for Amazon (as printing does)."""
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=60, seed=8)
    ids = label_service.drafts_ready_ids(ctx)[:12]
    label_service.create_labels(ctx, ids)
    with ctx.connect() as db, write_transaction(db):
        label_store.mark_printed(db, ids)
    assert tracking.enqueue_labels(ctx, ids).added == 12
    return ctx, sandbox, ids


def outbox_rows(ctx: AppContext) -> list[dict]:
    with ctx.connect() as db:
        return list(db.query("SELECT * FROM tracking_outbox ORDER BY id"))


def test_confirmations_reach_amazon_and_the_orders_show_shipped(shipped_shop) -> None:
    ctx, sandbox, ids = shipped_shop
    result = tracking.upload_due(ctx)
    assert (result.due, result.confirmed) == (12, 12)
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 12
    with ctx.connect() as db:
        labels = label_store.get_labels(db, ids)
    assert {lb.state for lb in labels} == {"shipped"}
    accepted = {c.order_id: c for c in sandbox.amazon.confirmations}
    for label in labels:
        confirmation = accepted[label.order_id]
        assert confirmation.tracking_number == label.tracker_codes[0]
        assert confirmation.carrier_code == "DHL"
        order = sandbox.amazon.orders[label.order_id]
        assert order["fulfillment"]["fulfillmentStatus"] == "SHIPPED"
        references = [p["packageReferenceId"] for p in order["packages"]]
        assert len(references) == len(set(references))  # past Amazon's earlier packages
    assert tracking.upload_due(ctx).due == 0  # nothing is sent twice


def test_a_label_is_queued_once_however_often_it_is_printed(shipped_shop) -> None:
    ctx, _sandbox, ids = shipped_shop
    assert tracking.enqueue_labels(ctx, ids).added == 0
    assert len(outbox_rows(ctx)) == 12


def test_a_lost_answer_counts_as_done_without_a_second_confirmation(shipped_shop) -> None:
    ctx, sandbox, _ = shipped_shop
    sandbox.faults.kinds = ("drop",)
    sandbox.set_fault_rate(0.5)
    moment = dt.datetime.now(dt.UTC)
    for _ in range(12):
        tracking.upload_due(ctx, now=moment)
        moment += LATER
        if not any(r["state"] == "pending" for r in outbox_rows(ctx)):
            break
    sandbox.set_fault_rate(0)
    assert {r["state"] for r in outbox_rows(ctx)} == {"done"}
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 12  # exactly once each
    assert sandbox.spapi_app.injected["drop"] > 0


def test_rate_limits_and_server_errors_are_retried_later(shipped_shop) -> None:
    ctx, sandbox, _ = shipped_shop
    sandbox.faults.kinds = ("throttle", "server_error")
    sandbox.set_fault_rate(0.7)
    first = tracking.upload_due(ctx)
    assert first.retrying > 0
    rescheduled = [r for r in outbox_rows(ctx) if r["state"] == "pending"]
    assert rescheduled and all(r["attempts"] >= 1 and r["last_error"] for r in rescheduled)
    sandbox.set_fault_rate(0)
    assert tracking.upload_due(ctx).due == 0  # not due yet: backoff
    tracking.upload_due(ctx, now=dt.datetime.now(dt.UTC) + LATER)
    assert {r["state"] for r in outbox_rows(ctx)} == {"done"}
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 12


def test_a_refused_confirmation_needs_attention_and_can_be_retried(shipped_shop) -> None:
    ctx, _sandbox, _ = shipped_shop
    with ctx.connect() as db, write_transaction(db):
        db.execute(
            "UPDATE tracking_outbox SET carrier_code = 'DHL Parcel' WHERE id = "
            "(SELECT min(id) FROM tracking_outbox)"
        )
    result = tracking.upload_due(ctx)
    assert (result.confirmed, result.needs_attention) == (11, 1)
    [refused] = [r for r in outbox_rows(ctx) if r["state"] == "needs_attention"]
    assert "carrierCode" in refused["last_error"]
    with ctx.connect() as db:
        alerts = outbox.open_alerts(db)
    assert [a["order_id"] for a in alerts] == [refused["order_id"]]

    with ctx.connect() as db, write_transaction(db):  # the owner's fix
        db.execute("UPDATE tracking_outbox SET carrier_code = 'DHL' WHERE id = ?", [refused["id"]])
    assert tracking.retry_attention(ctx) == 1
    assert tracking.upload_due(ctx).confirmed == 1
    with ctx.connect() as db:
        assert outbox.open_alerts(db) == []


def test_a_revoked_connection_stops_the_run_and_keeps_every_entry(shipped_shop) -> None:
    ctx, sandbox, _ = shipped_shop
    sandbox.lwa.revoke(sandbox.seller.refresh_token)
    sandbox.lwa.expire_access_tokens()
    result = tracking.upload_due(ctx)
    assert result.stopped == "authorization_revoked" and result.confirmed == 0
    rows = outbox_rows(ctx)
    assert {r["state"] for r in rows} == {"pending"} and {r["attempts"] for r in rows} == {0}
    assert amazon_account.status(ctx).state == amazon_account.ERROR
    assert tracking.upload_due(ctx).due == 12  # due again at once, not after the lease


def test_the_outbox_survives_a_restart(shipped_shop, tmp_path) -> None:
    _ctx, sandbox, _ = shipped_shop
    again = make_context(tmp_path / "data", sandbox)  # a new process on the same data folder
    assert tracking.upload_due(again).confirmed == 12


def test_backoff_grows_and_is_capped() -> None:
    now = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)
    import random

    rng = random.Random(1)
    delays = [
        dt.datetime.fromisoformat(tracking.next_attempt(n, now, rng).replace("Z", "+00:00")) - now
        for n in range(1, 12)
    ]
    assert delays[0] < delays[3] < delays[6]
    assert max(delays) <= tracking.LONGEST_RETRY * 1.2


def test_a_partly_shipped_order_confirms_only_what_is_left(tmp_path, start_sandbox) -> None:
    """Amazon already has the first item shipped: the confirmation carries the rest only,
    and Amazon accepts it."""
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=300, seed=8)
    with ctx.connect() as db:
        partly = {o.order_id: o for o in list_orders(db) if o.status == "PARTIALLY_SHIPPED"}
        labels = [
            lb
            for lb in label_store.get_labels(db, label_service.drafts_ready_ids(ctx))
            if lb.order_id in partly
        ]
    assert labels, "the sandbox makes partly shipped orders"
    ids = [lb.id for lb in labels]
    label_service.create_labels(ctx, ids)
    assert tracking.enqueue_labels(ctx, ids).added == len(ids)
    result = tracking.upload_due(ctx)
    assert (result.confirmed, result.needs_attention) == (len(ids), 0)
    for confirmation in (c for c in sandbox.amazon.confirmations if c.order_id in partly):
        order = partly[confirmation.order_id]
        left = {i.order_item_id: i.quantity - (i.quantity_shipped or 0) for i in order.items}
        sent = {item.order_item_id: item.quantity for item in confirmation.items}
        assert sent == {k: n for k, n in left.items() if n > 0}


def test_queueing_needs_no_carrier_connection(shipped_shop) -> None:
    """Marking a label shipped tells Amazon even when DHL was disconnected since."""
    ctx, sandbox, _ = shipped_shop
    [extra] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [extra])
    carrier_account.disconnect(ctx, "dhl")
    assert tracking.enqueue_labels(ctx, [extra]).added == 1
    assert tracking.upload_due(ctx).confirmed == 13
    assert sandbox.amazon.stats["confirmShipment:accepted"] == 13


def test_an_order_amazon_already_has_as_shipped_is_not_confirmed_again(shipped_shop) -> None:
    """The owner confirmed it in Seller Central before printing here: nothing is left to ship,
    so nothing is sent; the label still waits to be printed, then counts as shipped."""
    ctx, sandbox, _ = shipped_shop
    [extra] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [extra])
    with ctx.connect() as db, write_transaction(db):
        [label] = label_store.get_labels(db, [extra])
        db.execute(  # as the next import records it
            "UPDATE order_items SET quantity_shipped = quantity WHERE order_id = ?",
            [label.order_id],
        )
    queued = tracking.enqueue_labels(ctx, [extra])
    assert (queued.added, queued.nothing_left) == (0, [label.order_id])
    with ctx.connect() as db:
        [told] = label_store.get_labels(db, [extra])
    assert told.state == "created" and told.shipped_at  # still to print
    with ctx.connect() as db, write_transaction(db):
        label_store.mark_printed(db, [extra])
        assert label_store.get_labels(db, [extra])[0].state == "shipped"
    tracking.upload_due(ctx)
    assert label.order_id not in {c.order_id for c in sandbox.amazon.confirmations}


def test_an_order_whose_items_became_unreadable_is_never_marked_shipped(
    tmp_path, start_sandbox
) -> None:
    """Amazon cannot be told about an order without readable items: its label is neither
    made nor queued, and it is never shown as shipped."""
    from shipdesk.services.importing import import_orders

    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=30, seed=8)
    first, second = label_service.drafts_ready_ids(ctx)[:2]
    label_service.create_labels(ctx, [first])
    with ctx.connect() as db:
        made, draft = label_store.get_labels(db, [first, second])
    for label in (made, draft):
        order = sandbox.amazon.orders[label.order_id]
        order["orderItems"] = []  # what a broken answer from Amazon could say
        sandbox.amazon.update_order(label.order_id)
    sandbox.clock.advance(1)
    import_orders(ctx)
    queued = tracking.enqueue_labels(ctx, [first])
    assert (queued.added, queued.unsendable, queued.nothing_left) == (0, [made.order_id], [])
    result = label_service.create_labels(ctx, [second])
    assert result.created == 0
    assert result.outcomes[0].error_code == "order_items_unreadable"
    with ctx.connect() as db:
        states = [lb.state for lb in label_store.get_labels(db, [first, second])]
    assert states == ["created", "draft"]  # not "shipped"
    assert outbox_rows(ctx) == []
