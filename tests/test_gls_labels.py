"""GLS labels through ShipDesk's services against the GLS and Amazon sandboxes: drafts, labels
with their A6 documents, tracking queued at creation, a lost answer never making a second
parcel, the owner's choices for an unclear label, void, and the grace before confirmations."""

from __future__ import annotations

import datetime as dt
import socket
from collections import Counter

import pytest

from shipdesk.domain.labels import Receiver
from shipdesk.domain.shipping import SenderAddress, ShippingSettings
from shipdesk.services import (
    alerts,
    amazon_account,
    carrier_account,
    day_close,
    label_recovery,
    shipping_settings,
    tracking,
)
from shipdesk.services import labels as label_service
from shipdesk.services.carrier_account import TrackingRule
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import import_orders
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from tests.conftest import ALL_SANDBOX_MARKETPLACES, connect_sandbox_seller, make_context

SENDER = SenderAddress(
    None, "Petra", "Webwinkel De Mok", "Oudegracht", "112", "", "3511 AW", "Utrecht", "NL"
)


def open_gls_shop(tmp_path, start_sandbox, **options):
    """Amazon and GLS (only) connected, a sender, orders imported and drafted."""
    sandbox = start_sandbox(time_scale=1000, **{"orders": 40, "seed": 7, **options})
    ctx = make_context(tmp_path / "data", sandbox)
    prepare_gls(ctx, sandbox)
    return ctx, sandbox


def prepare_gls(ctx, sandbox) -> None:
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    accounts = carrier_account.connect(ctx, "gls", sandbox.carrier_credentials()["gls"])
    assert accounts == sandbox.gls.customer_numbers
    sender_id = shipping_settings.save_address(ctx, SENDER)
    shipping_settings.save(ctx, ShippingSettings(sender_id=sender_id), "gls")
    import_orders(ctx)
    make_drafts(ctx)


@pytest.fixture
def shop(tmp_path, start_sandbox):
    return open_gls_shop(tmp_path, start_sandbox)


def labels(ctx, state: str | None = None) -> list[dict]:
    with ctx.connect() as db:
        ids = [r[0] for r in db.execute("SELECT id FROM labels ORDER BY id")]
        found = label_store.get_labels(db, ids)
    return [lb for lb in found if state is None or lb.state == state]


def outbox(ctx) -> list[dict]:
    with ctx.connect() as db:
        return [dict(r) for r in db.query("SELECT * FROM tracking_outbox ORDER BY id")]


def one_draft(ctx) -> dict:
    drafts = [lb for lb in labels(ctx, "draft") if lb.receiver["country_code"] == "NL"]
    assert drafts
    return drafts[0]


def test_gls_drafts_labels_documents_and_tracking_at_creation(shop) -> None:
    ctx, sandbox = shop
    drafts = label_service.drafts_ready_ids(ctx)
    assert drafts and {lb.carrier for lb in labels(ctx)} == {"gls"}
    result = label_service.create_labels(ctx, drafts)
    assert (result.created, result.failed) == (len(drafts), 0)
    made = labels(ctx, "created")
    assert len(made) == len(drafts) == len(sandbox.gls.live_units())
    for label in made:
        [unit_no] = label.tracker_codes
        unit = sandbox.gls.units[unit_no]
        assert unit.reference == label.order_id
        assert label.parcel_numbers == [{"unitNo": unit_no, "uniqueNo": unit.unique_no}]
        with ctx.connect() as db:
            document = label_store.document(db, unit_no, "pdf")
        assert document == sandbox.gls.documents[unit_no]  # kept from the answer itself
    # GLS's rule: queued for Amazon as soon as the label is made, with the unitNo.
    queued = outbox(ctx)
    assert len(queued) == len(made)
    assert {(q["carrier_code"], q["carrier_name"]) for q in queued} == {("GLS", "GLS")}
    assert {q["tracking_number"] for q in queued} == {lb.tracker_codes[0] for lb in made}


def test_the_number_amazon_gets_is_a_setting(shop) -> None:
    ctx, _sandbox = shop
    carrier_account.set_tracking_rule(ctx, "gls", TrackingRule("created", "uniqueNo"))
    label = one_draft(ctx)
    label_service.create_labels(ctx, [label.id])
    [queued] = outbox(ctx)
    [made] = [lb for lb in labels(ctx) if lb.id == label.id]
    assert queued["tracking_number"] == made.parcel_numbers[0]["uniqueNo"]


def test_a_label_over_gls_limits_is_refused_before_sending_on_its_field(shop) -> None:
    ctx, sandbox = shop
    label = one_draft(ctx)
    with ctx.connect() as db, write_transaction(db):
        label_store.update_draft(
            db,
            label.id,
            receiver={**label.receiver, "number": "123456"},
            options=[],
            parcel_type="PARCEL",
            weight_kg=1.0,
            pieces=1,
            note="",
        )
    result = label_service.create_labels(ctx, [label.id])
    [outcome] = result.outcomes
    assert not outcome.ok and outcome.error_code == "carrier_rejected"
    assert [(r.field, r.reason, r.limit) for r in outcome.refusals] == [("number", "too_long", "5")]
    assert sandbox.gls.stats["create"] == 0


def test_a_lost_answer_whose_parcel_is_found_is_replaced_never_doubled(shop) -> None:
    """GLS made it but the answer was lost: found by reference without its document (GLS gives
    it only once), so it is deleted there and made again; one live parcel, one confirmation."""
    ctx, sandbox = shop
    label = one_draft(ctx)
    sandbox.faults.kinds = ("drop",)
    sandbox.set_fault_rate(1.0)
    result = _create_with_faults_only_on_create(ctx, sandbox, label)
    [outcome] = result.outcomes
    assert outcome.error_code == "carrier_replaced"
    assert sandbox.gls.stats["delete:ok"] == 1 and sandbox.gls.live_units(label.order_id) == []
    assert outbox(ctx) == []
    again = label_service.create_labels(ctx, label_service.retry_failed_ids(ctx))
    assert again.created == 1
    [unit] = sandbox.gls.live_units(label.order_id)
    assert len(outbox(ctx)) == 1 and outbox(ctx)[0]["tracking_number"] == unit.unit_no


def _create_with_faults_only_on_create(ctx, sandbox, label):
    """Faults on Label/Create only: the lookup and Delete that follow get through."""
    sandbox.faults.only_paths = ("/Label/Create",)
    try:
        return label_service.create_labels(ctx, [label.id])
    finally:
        sandbox.set_fault_rate(0)
        sandbox.faults.only_paths = ()


def test_not_found_after_a_lost_answer_waits_for_the_owner_who_marks_it_made(shop) -> None:
    ctx, sandbox = shop
    sandbox.gls.search_before_scan = False  # the uncertain case: not in the search yet
    label = one_draft(ctx)
    sandbox.faults.kinds = ("drop",)
    sandbox.set_fault_rate(1.0)
    [outcome] = _create_with_faults_only_on_create(ctx, sandbox, label).outcomes
    assert outcome.error_code == "carrier_unclear" and "MyGLS" in outcome.message
    [held] = labels(ctx, "unclear")
    assert held.id == label.id and held.shipment_id
    # Never tried again by itself: a batch skips it.
    assert label_service.create_labels(ctx, [label.id]).skipped == 1
    [unit] = sandbox.gls.live_units(label.order_id)
    with pytest.raises(label_recovery.BadParcelNumber):
        label_recovery.mark_made(ctx, label.id, "JVGL123")
    label_recovery.mark_made(ctx, label.id, unit.unit_no)
    [made] = [lb for lb in labels(ctx) if lb.id == label.id]
    assert made.state == "created" and made.tracker_codes == [unit.unit_no]
    assert [q["tracking_number"] for q in outbox(ctx)] == [unit.unit_no]
    assert len(sandbox.gls.live_units(label.order_id)) == 1


def test_an_unclear_label_gls_never_made_is_made_again_by_the_owner(shop) -> None:
    ctx, sandbox = shop
    label = one_draft(ctx)
    sandbox.faults.kinds = ("server_error",)
    sandbox.set_fault_rate(1.0)
    _create_with_faults_only_on_create(ctx, sandbox, label)
    assert [lb.id for lb in labels(ctx, "unclear")] == [label.id]
    assert sandbox.gls.live_units(label.order_id) == []
    result = label_recovery.make_again(ctx, [label.id])
    assert result.created == 1
    assert len(sandbox.gls.live_units(label.order_id)) == 1
    with pytest.raises(label_recovery.NotUnclear):
        label_recovery.mark_made(ctx, label.id, "52800071000001")


def test_void_deletes_at_gls_withdraws_the_confirmation_and_drafts_again(shop) -> None:
    ctx, sandbox = shop
    first, second = labels(ctx, "draft")[:2]
    label_service.create_labels(ctx, [first.id, second.id])
    assert len(outbox(ctx)) == 2
    [outcome] = label_recovery.void(ctx, [first.id])
    assert outcome.ok and outcome.at_carrier and outcome.amazon == "none"
    assert sandbox.gls.live_units(first.order_id) == []
    assert [q["label_id"] for q in outbox(ctx)] == [second.id]
    [draft] = [lb for lb in labels(ctx, "draft") if lb.order_id == first.order_id]
    assert draft.id == outcome.draft_id and draft.receiver == first.receiver
    # Scanned by GLS meanwhile: not deleted, and its confirmation stays queued.
    sandbox.clock.advance(1.1 * 3600 / 1000)
    [late] = label_recovery.void(ctx, [second.id])
    assert not late.ok and late.error_code == "carrier_rejected" and "V033" in late.message
    assert [q["label_id"] for q in outbox(ctx)] == [second.id]
    assert len(sandbox.gls.live_units(second.order_id)) == 1
    assert tracking.upload_due(ctx).confirmed == 1  # released: it goes out as before


def test_a_label_made_again_after_amazon_has_the_first_is_not_confirmed_twice(shop) -> None:
    """Voided after Amazon accepted its number, then made again before the next import: Amazon
    already counts the items as shipped, so the new label is not sent (Amazon would refuse)."""
    ctx, sandbox = shop
    label = one_draft(ctx)
    label_service.create_labels(ctx, [label.id])
    assert tracking.upload_due(ctx).confirmed == 1
    [voided] = label_recovery.void(ctx, [label.id])
    assert voided.ok and voided.amazon == "sent"
    assert label_service.create_labels(ctx, [voided.draft_id]).created == 1
    tracking.upload_due(ctx)
    sent = [c for c in sandbox.amazon.confirmations if c.order_id == label.order_id]
    assert len(sent) == 1
    assert not [a for a in alerts.current(ctx) if a.code == "tracking_refused"]


def test_a_confirmation_amazon_has_cannot_be_taken_back(shop) -> None:
    ctx, _sandbox = shop
    label = one_draft(ctx)
    label_service.create_labels(ctx, [label.id])
    assert tracking.upload_due(ctx).confirmed == 1
    [outcome] = label_recovery.void(ctx, [label.id])
    assert outcome.ok and outcome.amazon == "sent"


def test_a_grace_holds_gls_confirmations_back(shop) -> None:
    ctx, _sandbox = shop
    carrier_account.set_tracking_rule(ctx, "gls", TrackingRule("created", "unitNo", 30))
    label = one_draft(ctx)
    label_service.create_labels(ctx, [label.id])
    assert tracking.upload_due(ctx).due == 0  # not due yet: it may still be voided
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
    assert tracking.upload_due(ctx, now=later).confirmed == 1


def test_one_order_switches_carrier_and_its_options_are_resolved_again(tmp_path, start_sandbox):
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    label = one_draft(ctx)
    edit = label_service.load_for_edit(ctx, label.id)
    assert edit.label.carrier == "gls" and {k for k, _ in edit.carriers} == {"dhl", "gls"}
    receiver = Receiver.from_json(label.receiver)
    to_dhl, resolution = label_service.switch_carrier(ctx, label, edit.order, "dhl", receiver)
    assert to_dhl.roles.same_day == "SDD" and resolution is not None
    assert resolution.product and ("DOOR", None) in resolution.options
    back, resolution = label_service.switch_carrier(ctx, label, edit.order, "gls", receiver)
    assert back.limits.number == 5 and resolution is not None
    assert resolution.parcel_type == "PARCEL" and not resolution.options


def test_gls_down_mid_batch_fails_plainly_and_the_retry_makes_each_once(shop) -> None:
    """No connection to GLS: nothing reached it, so the labels fail plainly (not unclear) and
    are made once GLS is back; those made before it went down stay as they are."""
    ctx, sandbox = shop
    first, *rest = label_service.drafts_ready_ids(ctx)[:5]
    assert label_service.create_labels(ctx, [first]).created == 1
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    ctx.endpoint_overrides["gls"] = dead
    ctx.clients.forget()
    result = label_service.create_labels(ctx, rest)
    assert result.failed == len(rest) and {o.error_code for o in result.outcomes} == {
        "carrier_unavailable"
    }
    assert all(lb.shipment_id is None for lb in labels(ctx, "error"))
    ctx.endpoint_overrides["gls"] = sandbox.urls["gls"]
    ctx.clients.forget()
    again = label_service.create_labels(ctx, label_service.retry_failed_ids(ctx))
    assert again.created == len(rest) and not labels(ctx, "unclear")
    assert set(Counter(u.reference for u in sandbox.gls.live_units()).values()) == {1}


def test_end_of_day_confirmation_is_off_until_chosen_then_confirms_today_once(shop) -> None:
    ctx, sandbox = shop
    ids = label_service.drafts_ready_ids(ctx)[:3]
    label_service.create_labels(ctx, ids)
    assert day_close.confirm_due(ctx).confirmed == {}  # off by default, as GLS's plugins
    assert not any(u.confirmed for u in sandbox.gls.live_units())
    carrier_account.set_end_of_day(ctx, "gls", dt.time(17, 0))
    morning = dt.datetime.now(day_close.SHOP_TIME_ZONE).replace(hour=9, minute=0)
    assert day_close.confirm_due(ctx, now=morning).confirmed == {}  # not yet
    evening = dt.datetime.now(day_close.SHOP_TIME_ZONE).replace(hour=17, minute=30)
    assert day_close.confirm_due(ctx, now=evening).confirmed == {"gls": 3}
    assert all(u.confirmed for u in sandbox.gls.live_units())
    assert sandbox.gls.stats["confirm_multiple"] == 1
    assert day_close.confirm_due(ctx, now=evening).confirmed == {}  # each label once
    with pytest.raises(ValueError):
        carrier_account.set_end_of_day(ctx, "dhl", dt.time(17, 0))  # DHL takes none


def test_a_refused_end_of_day_confirmation_is_one_alert_until_it_works(shop) -> None:
    ctx, sandbox = shop
    label_service.create_labels(ctx, label_service.drafts_ready_ids(ctx)[:2])
    carrier_account.set_end_of_day(ctx, "gls", dt.time(0, 0))
    sandbox.faults.kinds, sandbox.faults.only_paths = ("server_error",), ("/ConfirmMultiple",)
    sandbox.set_fault_rate(1.0)
    for _ in range(2):
        assert "gls" in day_close.confirm_due(ctx).failed
    assert [(a.code, a.detail) for a in confirming(ctx)] == [("carrier_confirm", "gls")]
    sandbox.set_fault_rate(0)
    assert day_close.confirm_due(ctx).confirmed == {"gls": 2}
    assert confirming(ctx) == []


def confirming(ctx) -> list:
    """The alerts about confirming the day's labels to the carrier."""
    return [a for a in alerts.current(ctx) if a.code.startswith("carrier_confirm")]


def test_a_label_gls_refuses_to_confirm_does_not_hold_the_day_back(shop) -> None:
    """One parcel deleted in GLS's portal: the batch is refused, so each label is confirmed
    on its own; the refused one is named by its order once and not offered again."""
    ctx, sandbox = shop
    ids = label_service.drafts_ready_ids(ctx)[:3]
    label_service.create_labels(ctx, ids)
    with ctx.connect() as db:
        gone = label_store.get_labels(db, ids[1:2])[0]
    client = carrier_account.client(ctx, "gls")
    client.void(gone.carrier_label_ids)  # behind ShipDesk's back
    carrier_account.set_end_of_day(ctx, "gls", dt.time(0, 0))
    closed = day_close.confirm_due(ctx)
    assert closed.confirmed == {"gls": 2} and list(closed.refused) == [gone.order_id]
    assert "V032" in closed.refused[gone.order_id] and not closed.failed
    confirmed = {u.unit_no for u in sandbox.gls.live_units() if u.confirmed}
    assert len(confirmed) == 2
    [alert] = confirming(ctx)
    assert (alert.code, alert.orders) == ("carrier_confirm_refused", (gone.order_id,))
    again = day_close.confirm_due(ctx)
    assert again.confirmed == {} and not again.refused  # not offered again
    # Voided in ShipDesk too, as the manual says: the alert has done its work.
    [voided] = label_recovery.void(ctx, [gone.id])
    assert voided.ok, voided.message
    assert confirming(ctx) == []
