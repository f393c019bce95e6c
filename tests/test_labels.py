"""Creating labels at the DHL sandbox in batches: partial success, idempotence, retries."""

from __future__ import annotations

import json
import socket
import uuid

import pytest

from shipdesk.domain.labels import Receiver
from shipdesk.domain.shipping import SenderAddress, ShippingSettings
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.services import labels as label_service
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import import_orders
from shipdesk.services.print_settings import PrintSettings
from shipdesk.services.shipment_requests import shipment_request
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from tests.conftest import ALL_SANDBOX_MARKETPLACES, connect_sandbox_seller, make_context

PDF = PrintSettings()  # the documents a label is made with, as a desk with a PDF printer
SENDER = SenderAddress(
    None, "Petra", "Webwinkel De Mok", "Oudegracht", "112", "", "3511 AW", "Utrecht", "NL"
)


def prepare_shop(ctx, sandbox) -> None:
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    sender_id = shipping_settings.save_address(ctx, SENDER)
    shipping_settings.save(ctx, ShippingSettings(sender_id=sender_id))
    import_orders(ctx)
    make_drafts(ctx)


def open_shop(tmp_path, start_sandbox, **options):
    """A sandbox (Amazon's rates sped up 1000 times) and a shop ready to ship: Amazon and DHL
    connected, a sender address, its orders imported and their drafts made."""
    sandbox = start_sandbox(time_scale=1000, **options)
    ctx = make_context(tmp_path / "data", sandbox)
    prepare_shop(ctx, sandbox)
    return ctx, sandbox


@pytest.fixture
def shop(tmp_path, start_sandbox):
    return open_shop(tmp_path, start_sandbox, orders=80, seed=5)


def labels(ctx, state: str | None = None) -> list[dict]:
    with ctx.connect() as db:
        ids = [r[0] for r in db.execute("SELECT id FROM labels ORDER BY id")]
        found = label_store.get_labels(db, ids)
    return [lb for lb in found if state is None or lb.state == state]


def break_street(ctx, label: dict) -> None:
    """A street DHL refuses (too long), as a careless edit could leave it."""
    edit_receiver(ctx, label, street="Lange Straatnaam Die Veel Te Lang Is " * 2)


def edit_receiver(ctx, label: dict, **changes: str) -> None:
    """The owner's edit of the receiver, stored as the edit dialog stores it."""
    edit_draft(ctx, label, receiver={**label.receiver, **changes}, weight_kg=1.0, pieces=1)


def edit_draft(ctx, label: dict, **changes) -> None:
    """The owner's edit of a draft, stored as the edit dialog stores it: what `changes` names
    (receiver, options, parcel_type, weight_kg, pieces, note), the rest as it was."""
    stored = {
        "receiver": label.receiver,
        "options": [tuple(o) for o in label.options],
        "parcel_type": label.parcel_type,
        "weight_kg": float(label.weight_kg or 1),
        "pieces": int(label.pieces or 1),
        "note": label.note or "",
    }
    with ctx.connect() as db, write_transaction(db):
        label_store.update_draft(db, label.id, **{**stored, **changes})


def test_a_batch_creates_every_ready_draft_once(shop) -> None:
    ctx, sandbox = shop
    drafts = label_service.drafts_ready_ids(ctx)
    assert len(drafts) > 30
    seen = []
    result = label_service.create_labels(ctx, drafts, progress=lambda p: seen.append(p.done))
    assert (result.created, result.failed) == (len(drafts), 0)
    assert seen[-1] == len(drafts)
    created = labels(ctx, "created")
    assert len(created) == len(drafts)
    assert all(lb.tracker_codes[0].startswith("JVGL") and lb.shipment_id for lb in created)
    assert sandbox.dhl.stats["shipments:created"] == len(drafts)
    again = label_service.create_labels(ctx, drafts)
    assert again.total == 0 and again.skipped == len(drafts)
    assert sandbox.dhl.stats["shipments:created"] == len(drafts)


def test_labels_needing_review_wait_for_the_owner(shop) -> None:
    ctx, _ = shop
    review = [lb.id for lb in labels(ctx, "needs_review")]
    assert review
    result = label_service.create_labels(ctx, review)
    assert result.total == 0 and result.skipped == len(review)


def test_one_refused_label_never_stops_the_rest(shop) -> None:
    ctx, sandbox = shop
    drafts = labels(ctx, "draft")[:8]
    break_street(ctx, drafts[3])
    result = label_service.create_labels(ctx, [lb.id for lb in drafts], concurrency=3)
    assert (result.created, result.failed) == (7, 1)
    [failed] = labels(ctx, "error")
    assert failed.id == drafts[3].id
    assert "receiver.address.street" in failed.error_message
    assert failed.shipment_id is None  # refused: the next attempt gets a fresh id

    # The owner fixes the street in the edit dialog's way; the label is a draft again.
    edit = label_service.load_for_edit(ctx, failed.id)
    receiver = Receiver.from_json({**failed.receiver, "street": "Kerkstraat"})
    problems = label_service.save_edit(
        ctx,
        failed.id,
        receiver=receiver,
        options=[tuple(o) for o in failed.options],
        parcel_type=failed.parcel_type,
        weight_kg=1.2,
        pieces=1,
        note="Fragile",
        capabilities=edit.capabilities,
    )
    assert problems == []
    assert label_service.retry_failed_ids(ctx) == []
    retry = label_service.create_labels(ctx, [failed.id])
    assert retry.created == 1
    assert sandbox.dhl.stats["shipments:created"] == 8


def test_the_edit_check_refuses_what_dhl_would_refuse(shop) -> None:
    ctx, _ = shop
    label = labels(ctx, "draft")[0]
    edit = label_service.load_for_edit(ctx, label.id)
    receiver = Receiver.from_json({**label.receiver, "street": "x" * 60, "number": "12b"})
    options = [("DOOR", None), ("EVE", None), ("S", None)]
    problems = label_service.save_edit(
        ctx,
        label.id,
        receiver=receiver,
        options=options,
        parcel_type="SMALL",
        weight_kg=45,
        pieces=1,
        note="",
        capabilities=edit.capabilities,
    )
    codes = {(p.code, p.option) for p in problems}
    assert ("too_long", "street") in codes and ("not_digits", "number") in codes
    assert any(code == "default_services_conflict" for code, _ in codes)
    assert any(code == "weight_out_of_range" for code, _ in codes)
    assert labels(ctx, None)[0].receiver == label.receiver  # nothing saved


def test_unclear_failures_never_make_a_second_shipment(shop) -> None:
    ctx, sandbox = shop
    drafts = label_service.drafts_ready_ids(ctx)[:20]
    sandbox.faults.kinds = ("drop", "malformed", "server_error")
    sandbox.set_fault_rate(0.35)
    first = label_service.create_labels(ctx, drafts)
    sandbox.set_fault_rate(0)
    for _ in range(3):  # "Retry failed" until the carrier's bad day is over
        if not label_service.retry_failed_ids(ctx):
            break
        label_service.create_labels(ctx, label_service.retry_failed_ids(ctx))
    created = labels(ctx, "created")
    assert len(created) == 20
    trackers = [lb.tracker_codes[0] for lb in created]
    assert len(set(trackers)) == 20
    assert sandbox.dhl.stats["shipments:created"] == 20  # never a second shipment
    assert sandbox.dhl_app.injected["drop"] + sandbox.dhl_app.injected["malformed"] > 0
    assert first.created + first.failed == 20


def test_a_lost_answer_is_found_by_order_reference(shop) -> None:
    """The app died after DHL made the shipment: the retry adopts it instead of creating."""
    ctx, sandbox = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    with ctx.connect() as db, write_transaction(db):
        shipment_id, _ = label_store.start_attempt(
            db, label_id, "2b7f8a4e-0d3c-4a55-9d8e-1f2a3b4c5d6e"
        )
        [label] = label_store.get_labels(db, [label_id])
    client = carrier_account.client(ctx, "dhl")
    sender = shipping_settings.sender(ctx)
    client.create_shipment(shipment_request(label, shipment_id, sender, PDF))  # lost
    result = label_service.create_labels(ctx, [label_id])
    assert result.created == 1 and result.outcomes[0].adopted
    assert sandbox.dhl.stats["shipments:created"] == 1
    assert sandbox.dhl.stats["shipments:replayed"] == 0


def test_a_lookup_that_fails_keeps_the_attempt_for_the_next_retry(shop) -> None:
    """The answer was lost, and DHL is down when the owner retries: the label keeps its
    attempt (never a fresh one that would make a second shipment), and is adopted later."""
    ctx, sandbox = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    with ctx.connect() as db, write_transaction(db):
        shipment_id, _ = label_store.start_attempt(db, label_id, str(uuid.uuid4()))
        [label] = label_store.get_labels(db, [label_id])
    sender = shipping_settings.sender(ctx)
    carrier_account.client(ctx, "dhl").create_shipment(
        shipment_request(label, shipment_id, sender, PDF)
    )  # made, answer lost
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        ctx.endpoint_overrides["dhl"] = f"http://127.0.0.1:{probe.getsockname()[1]}"
    ctx.clients.forget()
    down = label_service.create_labels(ctx, [label_id])
    assert down.failed == 1 and down.outcomes[0].error_code == "carrier_unavailable"
    with ctx.connect() as db:
        assert label_store.get_labels(db, [label_id])[0].shipment_id == shipment_id
    ctx.endpoint_overrides["dhl"] = sandbox.urls["dhl"]
    ctx.clients.forget()
    back = label_service.create_labels(ctx, [label_id])
    assert back.created == 1 and back.outcomes[0].adopted
    assert sandbox.dhl.stats["shipments:created"] == 1


def test_without_a_sender_address_nothing_is_sent(shop) -> None:
    ctx, sandbox = shop
    for address in shipping_settings.address_book(ctx):
        shipping_settings.delete_address(ctx, address.id)
    with pytest.raises(Exception, match="sender address"):
        label_service.create_labels(ctx, label_service.drafts_ready_ids(ctx)[:2])
    assert sandbox.dhl.stats["shipments:created"] == 0


def test_labels_show_in_the_json_listing(shop) -> None:
    ctx, _ = shop
    ids = label_service.drafts_ready_ids(ctx)[:2]
    label_service.create_labels(ctx, ids)
    with ctx.connect() as db:
        row = db.execute("SELECT tracker_codes FROM labels WHERE id = ?", [ids[0]]).fetchone()
    assert json.loads(row[0])[0].startswith("JVGL")


def test_an_edit_after_a_lost_answer_makes_a_label_with_the_corrected_address(shop) -> None:
    """DHL made the shipment but the answer was lost; the owner then corrects the street.
    The retry must not adopt the old shipment: the printed label would carry the old street."""
    ctx, sandbox = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    with ctx.connect() as db, write_transaction(db):
        shipment_id, _ = label_store.start_attempt(db, label_id, str(uuid.uuid4()))
        [label] = label_store.get_labels(db, [label_id])
    sender = shipping_settings.sender(ctx)
    carrier_account.client(ctx, "dhl").create_shipment(
        shipment_request(label, shipment_id, sender, PDF)
    )
    with ctx.connect() as db, write_transaction(db):
        label_store.mark_failed(
            db, label_id, shipment_id, "timeout", "no answer", forget_shipment=False
        )

    edit = label_service.load_for_edit(ctx, label_id)
    receiver = Receiver.from_json({**edit.label.receiver, "street": "Nieuwe Straat"})
    assert not label_service.save_edit(
        ctx,
        label_id,
        receiver=receiver,
        options=[tuple(o) for o in edit.label.options],
        parcel_type=edit.label.parcel_type,
        weight_kg=edit.label.weight_kg,
        pieces=edit.label.pieces,
        note="",
        capabilities=edit.capabilities,
    )
    result = label_service.create_labels(ctx, [label_id])
    assert result.created == 1 and not result.outcomes[0].adopted
    [made] = labels(ctx, "created")
    assert made.shipment_id != shipment_id
    body = sandbox.dhl.shipments[made.shipment_id].body
    assert body["receiver"]["address"]["street"] == "Nieuwe Straat"


def test_an_answer_that_arrives_after_an_edit_does_not_overwrite_it(shop) -> None:
    """The CLI creates while the owner edits in the window: DHL's late answer belongs to the
    old details, so it must not turn the edited label into 'created' with the old tracker."""
    ctx, _ = shop
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    with ctx.connect() as db, write_transaction(db):
        shipment_id, _ = label_store.start_attempt(db, label_id, str(uuid.uuid4()))
        [label] = label_store.get_labels(db, [label_id])
    break_street(ctx, label)  # the owner's edit lands while DHL is still working
    with ctx.connect() as db, write_transaction(db):
        current = label_store.mark_created(
            db, label_id, shipment_id, product="DFY-B2C", tracker_codes=["JVGL1"],
            carrier_label_ids=["x"],
        )  # fmt: skip
        assert not label_store.mark_failed(
            db, label_id, shipment_id, "timeout", "late", forget_shipment=False
        )
    assert not current
    [after] = [lb for lb in labels(ctx, None) if lb.id == label_id]
    assert after.state == "draft" and after.tracker_codes == []
    assert after.shipment_id is None and after.receiver["street"].startswith("Lange")
