"""Creating labels at the carrier, in batches: bounded concurrency, partial success, no doubles.

Per label: the shipment id is chosen and committed *before* the carrier is called; a retry
reuses it. When an earlier attempt may have reached the carrier (an unclear failure, or the app
was killed mid-call) the carrier is first asked for labels under the order reference, and an
existing shipment is adopted instead of creating another. One bad label never stops the rest;
each failure stays on its own row with the carrier's message.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from shipdesk.carriers import SHORT_NAMES, tracking_url
from shipdesk.carriers.base import (
    Carrier,
    CarrierAuthError,
    CarrierError,
    CarrierRejected,
    CreatedPiece,
    CreatedShipment,
    Refusal,
    ShipmentRequest,
)
from shipdesk.domain.labels import DRAFT, ERROR, Receiver, ReceiverLimits, validate_label
from shipdesk.domain.labels import EDITABLE as EDITABLE  # the edit dialog's rules, for the UI
from shipdesk.domain.labels import normalise_postal_code as normalise_postal_code
from shipdesk.domain.options import Notice, normalise_input
from shipdesk.domain.options import choose_capability as choose_capability
from shipdesk.domain.options import parse_decimal as parse_decimal
from shipdesk.domain.orders import ITEM_PROBLEMS
from shipdesk.domain.shipping import AUTOMATIC_OPTIONS as AUTOMATIC_OPTIONS
from shipdesk.domain.shipping import BUSINESS, CONSUMER, Capability, SenderAddress
from shipdesk.httpclient import CancelledError
from shipdesk.services import carrier_account, label_documents, shipping_settings
from shipdesk.services.context import AppContext
from shipdesk.services.drafts import DraftResult, make_drafts
from shipdesk.services.errors import NoSenderAddress
from shipdesk.services.print_settings import load_settings as load_print_settings
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders, problems_of
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

CREATABLE = (DRAFT, ERROR)
DEFAULT_CONCURRENCY = 4


@dataclass
class LabelOutcome:
    label_id: int
    order_id: str
    ok: bool
    tracker_codes: list[str] = field(default_factory=list)
    error_code: str = ""
    message: str = ""
    adopted: bool = False  # found at the carrier after an unclear failure
    refusals: tuple[Refusal, ...] = ()  # what the carrier refused, field by field


@dataclass
class BatchProgress:
    total: int
    done: int = 0
    created: int = 0
    failed: int = 0
    skipped: int = 0
    outcomes: list[LabelOutcome] = field(default_factory=list)
    drafts: DraftResult | None = None  # the drafts made first (create_for_orders)


def _request(label: dict[str, Any], shipment_id: str, sender: SenderAddress) -> ShipmentRequest:
    stored_sender = label.get("sender")
    if stored_sender:
        sender = SenderAddress(**stored_sender)
    return ShipmentRequest(
        shipment_id=shipment_id,
        order_reference=label["order_id"],
        account_number=label["account_number"] or "",
        receiver=Receiver.from_json(label["receiver"]),
        sender=sender,
        options=tuple((k, v) for k, v in label["options"]),
        parcel_type=label["parcel_type"] or "SMALL",
        weight_kg=float(label["weight_kg"] or 1.0),
        pieces=int(label["pieces"] or 1),
    )


def _adopt_existing(carrier, order_id: str, shipment_id: str, cancel) -> CreatedShipment | None:
    """After an unclear failure: does the carrier already have our shipment?"""
    records = [
        r for r in carrier.labels_for_reference(order_id, cancel) if r.shipment_id == shipment_id
    ]
    if not records:
        return None
    pieces = tuple(
        CreatedPiece(r.label_id, r.tracker_code, "", r.piece_number)
        for r in sorted(records, key=lambda r: r.piece_number)
    )
    return CreatedShipment(shipment_id, "", pieces)


def create_one(
    ctx: AppContext,
    carrier: Carrier,
    label_id: int,
    sender: SenderAddress,
    cancel: threading.Event | None = None,
) -> LabelOutcome:
    with ctx.connect() as db, write_transaction(db):
        [label] = label_store.get_labels(db, [label_id])
        if label["state"] not in CREATABLE:
            return LabelOutcome(
                label_id,
                label["order_id"],
                False,
                error_code="not_creatable",
                message=label["state"],
            )
        unreadable = ITEM_PROBLEMS.intersection(problems_of(db, label["order_id"]))
        if unreadable:  # never a label from guessed items
            return LabelOutcome(
                label_id,
                label["order_id"],
                False,
                error_code="order_items_unreadable",
                message=", ".join(sorted(unreadable)),
            )
        shipment_id, retrying = label_store.start_attempt(db, label_id, str(uuid.uuid4()))
    order_id = label["order_id"]
    adopted = False
    try:
        created = _adopt_existing(carrier, order_id, shipment_id, cancel) if retrying else None
        adopted = created is not None
        if created is None:
            created = carrier.create_shipment(_request(label, shipment_id, sender), cancel)
    except CarrierRejected as exc:
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_failed(
                db,
                label_id,
                shipment_id,
                exc.code,
                str(exc),
                forget_shipment=True,
                details=[r.to_json() for r in exc.refusals],
            )
        return LabelOutcome(
            label_id,
            order_id,
            False,
            error_code=exc.code,
            message=str(exc),
            refusals=exc.refusals,
        )
    except CarrierError as exc:
        # Unclear (or the key was refused): keep the shipment id for the retry.
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_failed(
                db, label_id, shipment_id, exc.code, str(exc), forget_shipment=False
            )
        carrier_account.record_error(ctx, exc)
        return LabelOutcome(label_id, order_id, False, error_code=exc.code, message=str(exc))
    trackers = [p.tracker_code for p in created.pieces]
    with ctx.connect() as db, write_transaction(db):
        current = label_store.mark_created(
            db,
            label_id,
            shipment_id,
            product=created.product,
            tracker_codes=trackers,
            carrier_label_ids=[p.label_id for p in created.pieces],
        )
    if not current:  # edited while DHL worked: that shipment has the old details
        log.info("label %s: shipment %s superseded by an edit", label_id, shipment_id)
        return LabelOutcome(
            label_id,
            order_id,
            False,
            error_code="superseded",
            message="The label was edited while DHL made it; create it again.",
        )
    log.info("label %s created for %s (%s)", label_id, order_id, "adopted" if adopted else "new")
    # Kept now, while the carrier has them: printing and the preview need no carrier later.
    documents = {"id": label_id, "carrier_label_ids": [p.label_id for p in created.pieces]}
    label_documents.keep(ctx, carrier, documents, load_print_settings(ctx).label_documents, cancel)
    return LabelOutcome(label_id, order_id, True, trackers, adopted=adopted)


def create_labels(
    ctx: AppContext,
    label_ids: Sequence[int],
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> BatchProgress:
    """Create these labels; at most `concurrency` carrier calls at a time. Cancel stops
    starting new ones; calls under way finish and are recorded."""
    with ctx.connect() as db:
        labels = label_store.get_labels(db, label_ids)
    todo = [label["id"] for label in labels if label["state"] in CREATABLE]
    result = BatchProgress(total=len(todo), skipped=len(labels) - len(todo))
    if not todo:
        return result
    sender = shipping_settings.sender(ctx)
    if sender is None:
        raise NoSenderAddress()
    carrier = carrier_account.carrier(ctx)  # fails early when no carrier is connected
    lock = threading.Lock()
    auth_failed = threading.Event()

    def record(outcome: LabelOutcome) -> None:
        with lock:
            result.done += 1
            result.outcomes.append(outcome)
            if outcome.ok:
                result.created += 1
            else:
                result.failed += 1
                if outcome.error_code == CarrierAuthError.code:
                    auth_failed.set()  # every further call would fail the same way
        if progress is not None:
            progress(result)

    pending = iter(todo)
    running: set[Future] = set()
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="label") as pool:
        while True:
            stop = (cancel is not None and cancel.is_set()) or auth_failed.is_set()
            while not stop and len(running) < concurrency:
                label_id = next(pending, None)
                if label_id is None:
                    break
                running.add(pool.submit(create_one, ctx, carrier, label_id, sender, cancel))
            if not running:
                break
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                # Cancelled mid-wait: the label keeps its shipment id for next time.
                with contextlib.suppress(CancelledError):
                    record(future.result())
    return result


def create_for_orders(
    ctx: AppContext,
    order_ids: Sequence[str],
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> BatchProgress:
    """Create the labels of these orders. An order without a label gets its draft first: the
    owner may make labels by hand with the automatic drafts switched off."""
    drafts = make_drafts(ctx, cancel, order_ids=order_ids)
    with ctx.connect() as db:
        ids = label_store.active_label_ids(db, order_ids)
    result = create_labels(ctx, ids, progress, cancel, concurrency=concurrency)
    result.drafts = drafts
    return result


def draft_for_order(
    ctx: AppContext, order_id: str, cancel: threading.Event | None = None
) -> tuple[int | None, DraftResult]:
    """The order's label to edit, made now from the Shipping Options when it has none; None
    (with the draft run's reasons) when none could be made."""
    with ctx.connect() as db:
        existing = label_store.active_label_ids(db, [order_id])
    if existing:
        return existing[0], DraftResult()
    drafts = make_drafts(ctx, cancel, order_ids=[order_id])
    with ctx.connect() as db:
        made = label_store.active_label_ids(db, [order_id])
    return (made[0] if made else None), drafts


def carrier_short_name(carrier: str) -> str:
    """The carrier as a sentence names it ("DHL"), or "the carrier" when it is not known."""
    return SHORT_NAMES.get(carrier, "")


def tracking_links(label: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Each parcel's tracking number with its carrier's track & trace page."""
    postal = (label.get("receiver") or {}).get("postal_code", "")
    return [
        (number, tracking_url(label["carrier"], number, postal))
        for number in label.get("tracker_codes") or []
    ]


def retry_failed_ids(ctx: AppContext) -> list[int]:
    with ctx.connect() as db:
        return label_store.label_ids_in_state(db, [ERROR])


def drafts_ready_ids(ctx: AppContext) -> list[int]:
    """Drafts that can be created as they are (those needing review wait for the owner)."""
    with ctx.connect() as db:
        return label_store.label_ids_in_state(db, [DRAFT])


@dataclass
class LabelEdit:
    """What the edit dialog shows: the label, its order, and what the carrier allows there."""

    label: dict[str, Any]
    order: dict[str, Any]
    capabilities: list[Capability]
    limits: ReceiverLimits
    destination_refused: str = ""  # DHL's reason when it will not check this address at all
    acknowledged: frozenset = frozenset()  # warnings the owner said "I know" to

    @property
    def open_warnings(self) -> list[dict]:
        """The label's warnings, without those acknowledged for its destination."""
        country = self.label["receiver"].get("country_code") or ""
        return shipping_settings.open_warnings(self.label["warnings"], country, self.acknowledged)


def load_for_edit(
    ctx: AppContext, label_id: int, cancel: threading.Event | None = None
) -> LabelEdit:
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, [label_id])
        [order] = list_orders(db, [label["order_id"]])
    limits = carrier_account.carrier(ctx).limits
    known = shipping_settings.acknowledged(ctx)
    try:
        capabilities = destination_capabilities(ctx, Receiver.from_json(label["receiver"]), cancel)
    except CarrierRejected as exc:
        if not exc.about_destination():
            raise
        # The address is what is wrong: open it to be corrected.
        return LabelEdit(label, order, [], limits, str(exc), known)
    return LabelEdit(label, order, capabilities, limits, acknowledged=known)


def destination_capabilities(
    ctx: AppContext, receiver: Receiver, cancel: threading.Event | None = None
) -> list[Capability]:
    if not receiver.country_code:
        return []
    kind = BUSINESS if receiver.is_business else CONSUMER
    return carrier_account.capabilities(
        ctx, receiver.country_code, kind, receiver.postal_code, cancel
    )


def save_edit(
    ctx: AppContext,
    label_id: int,
    *,
    receiver: Receiver,
    options: list[tuple[str, str | None]],
    parcel_type: str,
    weight_kg: float,
    pieces: int,
    note: str,
    capabilities: list[Capability],
) -> list[Notice]:
    """Save the owner's changes when the carrier would accept them; else return why not."""
    limits = carrier_account.carrier(ctx).limits
    problems = validate_label(
        receiver, options, parcel_type, weight_kg, pieces, capabilities, limits
    )
    if problems:
        return problems
    capability = next((c for c in capabilities if c.parcel_type == parcel_type), None)
    if capability is not None:  # "250,50" is stored as the carrier takes it: "250.5"
        options = [
            (key, normalise_input(option, value) if (option := capability.option(key)) else value)
            for key, value in options
        ]
    with ctx.connect() as db, write_transaction(db):
        retired = label_store.update_draft(
            db,
            label_id,
            receiver=receiver.to_json(),
            options=options,
            parcel_type=parcel_type,
            weight_kg=weight_kg,
            pieces=pieces,
            note=note,
        )
    if retired:
        log.info("label %s edited after an unclear attempt: shipment %s retired", label_id, retired)
    return []
