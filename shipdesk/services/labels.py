"""Creating labels at the carrier, in batches: bounded concurrency, partial success, no doubles.

Per label: the shipment id is chosen and committed *before* the carrier is called; a retry
reuses it. When an earlier attempt may have reached the carrier (an unclear failure, or the app
was killed mid-call) the carrier is first asked for labels under the order reference, and an
existing shipment is adopted instead of creating another. One bad label never stops the rest;
each failure stays on its own row with the carrier's message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any

from shipdesk.carriers.base import (
    Carrier,
    CarrierAuthError,
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    CarrierUnclear,
    CreatedShipment,
    Refusal,
)
from shipdesk.carriers.registry import CARRIERS, CarrierSpec, UnknownCarrier, spec
from shipdesk.carriers.registry import CREATED as CREATED_RULE
from shipdesk.domain.labels import (
    CREATED,
    DRAFT,
    ERROR,
    NEEDS_REVIEW,
    PRINTED,
    SHIPPED,
    UNCLEAR,
    Receiver,
    ReceiverLimits,
    validate_label,
)
from shipdesk.domain.labels import EDITABLE as EDITABLE  # the edit dialog's rules, for the UI
from shipdesk.domain.labels import normalise_postal_code as normalise_postal_code
from shipdesk.domain.options import Notice, Resolution, normalise_input, resolve
from shipdesk.domain.options import choose_capability as choose_capability
from shipdesk.domain.options import parse_decimal as parse_decimal
from shipdesk.domain.orders import ITEM_PROBLEMS
from shipdesk.domain.service_points import ServicePoint, point_id_of
from shipdesk.domain.shipping import BUSINESS, CONSUMER, Capability, OptionRoles, SenderAddress
from shipdesk.keychain import KeychainUnavailable
from shipdesk.retrying import CancelledError
from shipdesk.services import (
    carrier_account,
    label_documents,
    returns,
    shipping_settings,
    tracking,
)
from shipdesk.services.carrier_account import TrackingRule
from shipdesk.services.carrier_names import automatic_options as automatic_options
from shipdesk.services.carrier_names import carrier_portal as carrier_portal
from shipdesk.services.carrier_names import carrier_short_name as carrier_short_name
from shipdesk.services.context import AppContext
from shipdesk.services.drafts import DraftResult, make_drafts
from shipdesk.services.errors import NoSenderAddress
from shipdesk.services.print_settings import PrintSettings
from shipdesk.services.print_settings import load_settings as load_print_settings
from shipdesk.services.shipment_requests import shipment_request
from shipdesk.store import erasure, outbox, sku_defaults
from shipdesk.store import labels as label_store
from shipdesk.store.labels import Label as Label  # the stored label, for the UI
from shipdesk.store.orders import StoredOrder, list_orders, problems_of
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
    # The return label its options asked for: its tracking numbers, or why it was not made.
    return_codes: list[str] = field(default_factory=list)
    return_problem: CarrierError | None = None
    # Numbers of the order's voided labels that Amazon has (and keeps): to correct in Seller
    # Central (Manage Orders → the order → Edit shipment), replaced by this label's number.
    amazon_has_voided: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    """An order whose label was not tried, and why. `reason`: unknown_order (no such order
    here), cancelled (at Amazon), needs_review (`review`: the draft's notices, what to fix),
    made (`state`: created, printed or shipped), unclear (waiting for the owner's check at the
    carrier), carrier_refused (the carrier refused the login earlier in the batch), no_draft
    (`detail`: not_waiting with Amazon's status in `state`, fulfilled_by_amazon,
    items_unreadable, no_carrier, failed with the reason in `message`, unchecked, or unknown),
    or not_creatable (another `state`)."""

    order_id: str
    reason: str
    state: str = ""
    detail: str = ""
    message: str = ""
    review: tuple[dict[str, Any], ...] = ()


@dataclass
class BatchProgress:
    total: int
    done: int = 0
    created: int = 0
    failed: int = 0
    skipped: int = 0  # labels not tried (needing review, already made, ...)
    outcomes: list[LabelOutcome] = field(default_factory=list)
    drafts: DraftResult | None = None  # the drafts made first (create_for_orders)
    # Every order not tried, with the reason: the skipped labels, and with create_for_orders
    # also the orders named that are unknown, cancelled or have no draft.
    skipped_orders: list[Skipped] = field(default_factory=list)


@dataclass
class CarrierRun:
    """What one batch needs of a carrier: its client, sender address and rules."""

    spec: CarrierSpec
    client: Carrier
    sender: SenderAddress
    tracking: TrackingRule
    documents: PrintSettings


def create_one(
    ctx: AppContext,
    run: CarrierRun,
    label_id: int,
    cancel: threading.Event | None = None,
) -> LabelOutcome:
    with ctx.connect() as db, write_transaction(db):
        [label] = label_store.get_labels(db, [label_id])
        if label.state not in CREATABLE:
            return LabelOutcome(
                label_id,
                label.order_id,
                False,
                error_code="not_creatable",
                message=label.state,
            )
        unreadable = ITEM_PROBLEMS.intersection(problems_of(db, label.order_id))
        if unreadable:  # never a label from guessed items
            return LabelOutcome(
                label_id,
                label.order_id,
                False,
                error_code="order_items_unreadable",
                message=", ".join(sorted(unreadable)),
            )
        if erasure.is_erased(db, label.order_id):  # no address to send it to any more
            return LabelOutcome(
                label_id,
                label.order_id,
                False,
                error_code=BUYER_DATA_ERASED,
                message="the buyer's name and address of this order were erased (30 days "
                "after delivery, or at Amazon's request), so no label can be made for it",
            )
        shipment_id, retrying = label_store.start_attempt(db, label_id, str(uuid.uuid4()))
    order_id = label.order_id
    carrier = run.client
    adopted = False
    created: CreatedShipment | None = None
    if retrying:  # an earlier attempt may have reached the carrier: look before anything
        try:
            created = _look_up(ctx, run, label_id, order_id, shipment_id, cancel)
        except CarrierError as exc:  # not known yet: keep the attempt, look again next time
            with ctx.connect() as db, write_transaction(db):
                label_store.mark_failed(
                    db, label_id, shipment_id, exc.code, str(exc), forget_shipment=False
                )
            return LabelOutcome(label_id, order_id, False, error_code=exc.code, message=str(exc))
    try:
        adopted = created is not None
        if created is None and retrying and not run.spec.lookup_is_complete:
            return _hold_unclear(ctx, run, label_id, order_id, shipment_id)
        if created is not None and _without_documents(run, created):
            created, adopted = _replace_found(run, label_id, created, cancel), False
        if created is None:
            created = carrier.create_shipment(
                shipment_request(label, shipment_id, run.sender, run.documents), cancel
            )
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
    except CarrierUnclear as exc:
        # The answer was lost and the carrier takes no id of ours: look for it at once.
        log.warning("label %s: %s", label_id, exc)
        outcome = _after_lost_answer(ctx, run, label_id, order_id, shipment_id, exc, cancel)
        return _with_return(ctx, run, label, outcome, cancel)
    except CarrierError as exc:
        # It may have reached the carrier: keep the shipment id, so the retry looks first.
        maybe_made = isinstance(exc, CarrierUnavailable) and exc.maybe_sent
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_failed(
                db, label_id, shipment_id, exc.code, str(exc), forget_shipment=not maybe_made
            )
        carrier_account.record_error(ctx, exc, run.spec.key)
        return LabelOutcome(label_id, order_id, False, error_code=exc.code, message=str(exc))
    outcome = _made(ctx, run, label_id, order_id, shipment_id, created, adopted, cancel)
    return _with_return(ctx, run, label, outcome, cancel)


def _with_return(
    ctx: AppContext,
    run: CarrierRun,
    label: Label,
    outcome: LabelOutcome,
    cancel: threading.Event | None,
) -> LabelOutcome:
    """The return label the label's options ask for, made right after it (to print with it).
    Its failure never undoes the label: it is kept on the order, to make it again later.
    And the numbers of voided labels Amazon still has, which this label's number replaces."""
    if not outcome.ok:
        return outcome
    with ctx.connect() as db:
        outcome.amazon_has_voided = outbox.sent_for_voided(db, [label.order_id]).get(
            label.order_id, []
        )
    if not returns.wanted(label):
        return outcome
    try:
        made = returns.make_for_label(ctx, label, run.client, run.sender, run.documents, "", cancel)
        outcome.return_codes = list(made.tracker_codes)
    except CarrierError as exc:
        log.warning("label %s: return label not made: %s", label.id, exc.code)
        outcome.return_problem = exc
    return outcome


def _made(
    ctx: AppContext,
    run: CarrierRun,
    label_id: int,
    order_id: str,
    shipment_id: str,
    created: CreatedShipment,
    adopted: bool,
    cancel: threading.Event | None,
) -> LabelOutcome:
    """Store what the carrier made, with its documents when it sent them, and queue the
    tracking number now when the carrier's rule says so; all in one transaction."""
    trackers = [p.tracker_code for p in created.pieces]
    queue_now = run.tracking.after == CREATED_RULE
    with ctx.connect() as db, write_transaction(db):
        current = label_store.mark_created(
            db,
            label_id,
            shipment_id,
            product=created.product,
            tracker_codes=trackers,
            carrier_label_ids=[p.label_id for p in created.pieces],
            parcel_numbers=[dict(p.numbers) for p in created.pieces],
        )
        if current:
            for piece in created.pieces:
                if piece.document is not None:
                    label_store.save_document(
                        db, piece.label_id, created.document_format, piece.document
                    )
            if queue_now:
                tracking.enqueue(db, [label_id], {run.spec.key: run.tracking})
            learn_product(db, label_id)
    if not current:  # edited while the carrier worked: that shipment has the old details
        log.info("label %s: shipment %s superseded by an edit", label_id, shipment_id)
        return LabelOutcome(
            label_id,
            order_id,
            False,
            error_code="superseded",
            message="The label was edited while the carrier made it; create it again.",
        )
    log.info("label %s created for %s (%s)", label_id, order_id, "adopted" if adopted else "new")
    # Kept now, while the carrier has them: printing and the preview need no carrier later.
    documents = label_documents.Owner(
        label_id, order_id, run.spec.key, [p.label_id for p in created.pieces]
    )
    if not any(p.document is not None for p in created.pieces):
        label_documents.keep(ctx, run.client, documents, run.documents.label_documents, cancel)
    return LabelOutcome(label_id, order_id, True, trackers, adopted=adopted)


def _after_lost_answer(
    ctx: AppContext,
    run: CarrierRun,
    label_id: int,
    order_id: str,
    shipment_id: str,
    error: CarrierUnclear,
    cancel: threading.Event | None,
) -> LabelOutcome:
    try:
        found = _look_up(ctx, run, label_id, order_id, shipment_id, cancel)
    except CarrierError:
        found = None
    # Made, but its label cannot be had: deleted at the carrier, so it is made again.
    if (
        found is not None
        and _without_documents(run, found)
        and _replace_found(run, label_id, found, cancel) is None
    ):
        message = (
            f"{run.spec.short_name}'s answer was lost; the label it made was deleted there "
            "because its document cannot be had again. Make the label again."
        )
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_failed(
                db, label_id, shipment_id, "carrier_replaced", message, forget_shipment=True
            )
        return LabelOutcome(
            label_id, order_id, False, error_code="carrier_replaced", message=message
        )
    if found is not None:
        return _made(ctx, run, label_id, order_id, shipment_id, found, True, cancel)
    return _hold_unclear(ctx, run, label_id, order_id, shipment_id, str(error))


def _look_up(
    ctx: AppContext,
    run: CarrierRun,
    label_id: int,
    order_id: str,
    shipment_id: str,
    cancel: threading.Event | None,
) -> CreatedShipment | None:
    """What the carrier made for this attempt, by the order reference; parcels that belong to
    the order's other labels (a second package) are not this attempt's."""
    found = run.client.find_created(order_id, shipment_id, cancel)
    if found is None:
        return None
    with ctx.connect() as db:
        known = label_store.parcels_of_other_labels(
            db, label_id, [p.tracker_code for p in found.pieces]
        )
    pieces = tuple(p for p in found.pieces if p.tracker_code not in known)
    return replace(found, pieces=pieces) if pieces else None


def _without_documents(run: CarrierRun, found: CreatedShipment) -> bool:
    """A label found after a lost answer, whose document the carrier never gives again."""
    return not run.spec.documents_later and not any(p.document for p in found.pieces)


def _replace_found(
    run: CarrierRun, label_id: int, found: CreatedShipment, cancel: threading.Event | None
) -> CreatedShipment | None:
    """Delete a found label that cannot be printed (None: deleted, make it anew); where the
    carrier cannot delete it, it is kept without its document (printed from the portal)."""
    if not run.spec.can_void:
        return found
    try:
        run.client.void([p.label_id for p in found.pieces], cancel)
    except CarrierError as exc:
        log.warning("label %s: found without its document and not deleted: %s", label_id, exc)
        return found
    log.info("label %s: found without its document; deleted at the carrier", label_id)
    return None


def _hold_unclear(
    ctx: AppContext,
    run: CarrierRun,
    label_id: int,
    order_id: str,
    shipment_id: str,
    reason: str = "",
) -> LabelOutcome:
    """Not found, and the carrier's search cannot prove it was not made: never a second parcel
    blindly. The owner checks the carrier's portal, then makes it again or marks it made."""
    message = (
        f"{run.spec.short_name} may have made this label: its answer was lost"
        + (f" ({reason})" if reason else "")
        + f" and it is not found by the order reference. Check {run.spec.portal}, then "
        "make the label again or mark it made."
    )
    with ctx.connect() as db, write_transaction(db):
        label_store.mark_unclear(db, label_id, shipment_id, message)
    return LabelOutcome(label_id, order_id, False, error_code="carrier_unclear", message=message)


def _runs(
    ctx: AppContext, labels: Sequence[Label]
) -> tuple[dict[str, CarrierRun], dict[str, Exception]]:
    """A run per carrier of these labels; why a carrier cannot make labels now."""
    runs: dict[str, CarrierRun] = {}
    problems: dict[str, Exception] = {}
    documents = load_print_settings(ctx)
    for key in dict.fromkeys(label.carrier for label in labels):
        try:
            carrier = spec(key)
            sender = shipping_settings.sender(ctx, carrier=key)
            if sender is None:
                raise NoSenderAddress()
            runs[key] = CarrierRun(
                carrier,
                carrier_account.client(ctx, key),
                sender,
                carrier_account.tracking_rule(ctx, key),
                documents,
            )
        except (CarrierError, KeychainUnavailable, UnknownCarrier) as exc:
            problems[key] = exc
    return runs, problems


def create_labels(
    ctx: AppContext,
    label_ids: Sequence[int],
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> BatchProgress:
    """Create these labels, with each label's own carrier; at most `concurrency` carrier calls
    at a time. Cancel stops starting new ones; calls under way finish and are recorded."""
    with ctx.connect() as db:
        labels = label_store.get_labels(db, label_ids)
    todo = [label for label in labels if label.state in CREATABLE]
    result = BatchProgress(total=len(todo), skipped=len(labels) - len(todo))
    result.skipped_orders += [_not_creatable(label) for label in labels if label not in todo]
    if not todo:
        return result
    runs, problems = _runs(ctx, todo)
    if not runs:  # no carrier of the batch can make labels: say why (the first reason)
        raise next(iter(problems.values()))
    lock = threading.Lock()
    refused: set[str] = set()  # carriers whose key was refused: every further call would fail

    def record(outcome: LabelOutcome, carrier: str) -> None:
        with lock:
            result.done += 1
            result.outcomes.append(outcome)
            if outcome.ok:
                result.created += 1
            else:
                result.failed += 1
                if outcome.error_code == CarrierAuthError.code:
                    refused.add(carrier)
        if progress is not None:
            progress(result)

    for label in todo:  # a carrier that cannot make labels now: each of its labels says why
        problem = problems.get(label.carrier)
        if problem is not None:
            code = getattr(problem, "code", "carrier_not_connected")
            outcome = LabelOutcome(
                label.id, label.order_id, False, error_code=code, message=str(problem)
            )
            record(outcome, "")
    pending = iter([each for each in todo if each.carrier in runs])
    running: dict[Future, str] = {}
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="label") as pool:
        while True:
            stop = cancel is not None and cancel.is_set()
            while not stop and len(running) < concurrency:
                waiting = next(pending, None)
                if waiting is None:
                    break
                label = waiting
                if label.carrier in refused:
                    result.skipped += 1
                    result.total -= 1
                    result.skipped_orders.append(Skipped(label.order_id, "carrier_refused"))
                    continue
                key = label.carrier
                running[pool.submit(create_one, ctx, runs[key], label.id, cancel)] = key
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                key = running.pop(future)
                # Cancelled mid-wait: the label keeps its shipment id for next time.
                with contextlib.suppress(CancelledError):
                    record(future.result(), key)
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
    owner may make labels by hand with the automatic drafts switched off. An order that is
    not known here, was cancelled at Amazon or could get no draft is not tried; each is named
    in `skipped_orders` with the reason."""
    drafts = make_drafts(ctx, cancel, order_ids=order_ids)
    wanted = list(dict.fromkeys(order_ids))
    with ctx.connect() as db:
        orders = {order.order_id: order for order in list_orders(db, wanted)}
        labels = label_store.active_labels(db, wanted)
        skipped: list[Skipped] = []
        for order_id in wanted:
            order = orders.get(order_id)
            if order is None:
                skipped.append(Skipped(order_id, "unknown_order"))
            elif order.status == CANCELLED_AT_AMAZON:  # never a label for it, whatever state
                skipped.append(Skipped(order_id, "cancelled"))
            elif order_id not in labels:
                skipped.append(_no_draft(order, drafts))
        ids = label_store.active_label_ids(
            db, [o for o in wanted if o not in {s.order_id for s in skipped}]
        )
    result = create_labels(ctx, ids, progress, cancel, concurrency=concurrency)
    result.drafts = drafts
    result.skipped_orders[:0] = skipped
    return result


CANCELLED_AT_AMAZON = "CANCELLED"
BUYER_DATA_ERASED = "buyer_data_erased"  # a label refused: its order has no address any more
WAITING_TO_SHIP = ("UNSHIPPED", "PARTIALLY_SHIPPED")


def _not_creatable(label: Label) -> Skipped:
    """Why a label that is not a draft (or a failed one) is not made."""
    state, order_id = label.state, label.order_id
    if state == NEEDS_REVIEW:
        return Skipped(order_id, "needs_review", state, review=tuple(label.review or ()))
    if state in (CREATED, PRINTED, SHIPPED):
        return Skipped(order_id, "made", state)
    if state == UNCLEAR:
        return Skipped(order_id, "unclear", state)
    return Skipped(order_id, "not_creatable", state)


def _no_draft(order: StoredOrder, drafts: DraftResult) -> Skipped:
    """Why an order got no draft to make its label from (the same tests as the draft run)."""
    order_id = order.order_id
    if order.status not in WAITING_TO_SHIP:
        return Skipped(order_id, "no_draft", order.status, detail="not_waiting")
    if order.fulfilled_by not in (None, "MERCHANT"):
        return Skipped(order_id, "no_draft", detail="fulfilled_by_amazon")
    if ITEM_PROBLEMS.intersection(order.problems):
        return Skipped(order_id, "no_draft", detail="items_unreadable")
    if drafts.skipped_reason == "no_carrier":
        return Skipped(order_id, "no_draft", detail="no_carrier")
    if drafts.skipped_reason == "failed":
        message = " ".join(drafts.problems)
        return Skipped(order_id, "no_draft", detail="failed", message=message)
    if drafts.unchecked or drafts.problems:
        message = " ".join(drafts.problems)
        return Skipped(order_id, "no_draft", detail="unchecked", message=message)
    return Skipped(order_id, "no_draft", detail="unknown")


MAX_PARCELS = 10
MAX_PARCEL_KG = 70.0


def check_parcels(pieces: int | None, weights: Sequence[float] = ()) -> None:
    """ValueError, in words, for a number of parcels or a parcel weight out of range (the
    carriers check their own limits when the label is made)."""
    if pieces is not None and not 1 <= pieces <= MAX_PARCELS:
        raise ValueError(f"from 1 to {MAX_PARCELS} parcels, not {pieces}")
    if any(not 0 < w <= MAX_PARCEL_KG for w in weights):
        raise ValueError(f"each parcel weighs above 0 and at most {MAX_PARCEL_KG:g} kg")


def learn_product(db, label_id: int) -> None:
    """A label made for an order of one product teaches that product's defaults: its size,
    the weight of one unit and (for one unit) its parcels. The owner's own values stay."""
    [label] = label_store.get_labels(db, [label_id])
    orders = list_orders(db, [label.order_id])
    items = orders[0].items if orders else []
    skus = {(item.seller_sku or "").strip() for item in items}
    units = sum(int(item.quantity or 0) for item in items)
    if len(skus) != 1 or "" in skus or units < 1 or not label.parcel_type:
        return
    pieces = int(label.pieces or 1)
    weights = [float(w) for w in label.parcel_weights or ()]
    total = sum(weights) if weights else float(label.weight_kg or 0) * pieces
    if total <= 0:
        return
    sku_defaults.learn(
        db,
        sku_defaults.SkuDefault(
            sku=skus.pop(),
            parcel_type=label.parcel_type,
            unit_weight_kg=round(total / units, 3),
            pieces=pieces if units == 1 else 1,
            learned_from=label.order_id,
        ),
    )


@dataclass
class BulkEdited:
    changed: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # labels made already, with why


def bulk_edit(
    ctx: AppContext,
    label_ids: Sequence[int],
    *,
    parcel_type: str | None = None,
    weight_kg: float | None = None,
    pieces: int | None = None,
) -> BulkEdited:
    """Size, weight or parcels (None: as they are) for a selection of drafts at once; labels
    made already are named, not changed. ValueError for a weight or count out of range."""
    check_parcels(pieces, [weight_kg] if weight_kg is not None else [])
    result = BulkEdited()
    with ctx.connect() as db, write_transaction(db):
        labels = label_store.get_labels(db, label_ids)
        changed = set(
            label_store.set_parcel_details(
                db,
                [lb.id for lb in labels],
                parcel_type=parcel_type,
                weight_kg=weight_kg,
                pieces=pieces,
            )
        )
    result.changed = len(changed)
    result.skipped = [_not_creatable(lb) for lb in labels if lb.id not in changed]
    return result


def bulk_options(ctx: AppContext, key: str, cancel: threading.Event | None = None) -> list[str]:
    """The options of carrier `key` a selection of drafts can be given at once: services the
    owner may choose that take no value (an insurance amount, a note are set per order)."""
    roles = spec(key).roles
    found: dict[str, None] = {}
    for capabilities in carrier_account.catalogue(ctx, key, cancel).values():
        for capability in capabilities:
            for option in capability.options:
                if option.input_type is None and option.key not in roles.not_choosable:
                    found.setdefault(option.key)
    return list(found)


def bulk_change(
    ctx: AppContext,
    label_ids: Sequence[int],
    *,
    carrier: str | None = None,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    cancel: threading.Event | None = None,
) -> BulkEdited:
    """Another carrier (its Shipping Options give each order its options and size there), or
    options added and removed, for a selection of drafts; each change checked as the edit
    dialog checks it. Labels made already, drafts needing review (open them one by one) and
    drafts the carrier would refuse so are named in `skipped`, with why, and left as they are."""
    result = BulkEdited()
    with ctx.connect() as db:
        labels = label_store.get_labels(db, label_ids)
        orders = {o.order_id: o for o in list_orders(db, [lb.order_id for lb in labels])}
    for label in labels:
        if cancel is not None and cancel.is_set():
            break
        if label.state not in CREATABLE:
            result.skipped.append(_not_creatable(label))
            continue
        key = carrier or label.carrier
        receiver = Receiver.from_json(label.receiver)
        options = label.option_pairs
        parcel_type = label.parcel_type or ""
        try:
            if key != label.carrier:
                # A label's order is always there (a foreign key; orders stay).
                edit, resolution = switch_carrier(
                    ctx, label, orders[label.order_id], key, receiver, cancel
                )
                if resolution is None:
                    result.skipped.append(
                        Skipped(label.order_id, "carrier_refused", message=edit.destination_refused)
                    )
                    continue
                capabilities = edit.capabilities
                options = list(resolution.options)
                offered = {c.parcel_type for c in capabilities}
                parcel_type = (
                    parcel_type if parcel_type in offered else resolution.parcel_type or ""
                )
            else:
                capabilities = destination_capabilities(ctx, receiver, cancel, carrier=key)
        except CarrierError as exc:
            result.skipped.append(Skipped(label.order_id, "carrier_refused", message=str(exc)))
            continue
        options = [o for o in options if o[0] not in set(remove)]
        options += [(k, None) for k in add if k not in {o[0] for o in options}]
        problems = save_edit(
            ctx,
            label.id,
            receiver=receiver,
            options=options,
            parcel_type=parcel_type,
            weight_kg=float(label.weight_kg or 1.0),
            pieces=int(label.pieces or 1),
            note=label.note or "",
            capabilities=capabilities,
            carrier=key,
        )
        if problems:
            review = tuple(
                {"code": n.code, "option": n.option, "detail": n.detail} for n in problems
            )
            result.skipped.append(Skipped(label.order_id, "refused", review=review))
            continue
        result.changed += 1
    return result


def weights_to_store(weights: Sequence[float], weight_kg: float) -> tuple[float, list[float]]:
    """A label's weight and its parcels' weights as stored: parcels of one weight keep it as
    the label's weight (each parcel weighs `weight_kg`, as before parcels were weighed apart);
    parcels weighed apart keep their weights, and the label's weight is their total."""
    if not weights:
        return weight_kg, []
    if len(set(weights)) == 1:
        return float(weights[0]), []
    return round(sum(weights), 3), [float(w) for w in weights]


def set_parcels(
    ctx: AppContext, order_ids: Sequence[str], pieces: int, weights: Sequence[float] = ()
) -> list[Skipped]:
    """Put these orders' labels in `pieces` parcels (each weighing `weights[n]` when given; the
    label's weight is then their total), making their drafts first where needed. An order
    whose label is made already, or that gets no draft, is named with the reason."""
    check_parcels(pieces, weights)
    if weights and len(weights) != pieces:
        raise ValueError(f"{len(weights)} weights for {pieces} parcels")
    skipped: list[Skipped] = []
    for order_id in dict.fromkeys(order_ids):
        label_id, drafts = draft_for_order(ctx, order_id)
        if label_id is None:
            with ctx.connect() as db:
                orders = list_orders(db, [order_id])
            why = _no_draft(orders[0], drafts) if orders else Skipped(order_id, "unknown_order")
            skipped.append(why)
            continue
        with ctx.connect() as db, write_transaction(db):
            [label] = label_store.get_labels(db, [label_id])
            if label.state not in (DRAFT, ERROR):  # a draft needing review waits for the owner
                skipped.append(_not_creatable(label))
                continue
            weight, each = weights_to_store(weights, float(label.weight_kg or 1))
            label_store.update_draft(
                db,
                label_id,
                receiver=label.receiver,
                options=label.option_pairs,
                parcel_type=label.parcel_type,
                weight_kg=weight,
                pieces=pieces,
                note=label.note or "",
                parcel_weights=each,
            )
    return skipped


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


def connected_carriers(ctx: AppContext) -> list[tuple[str, str]]:
    """(key, name) of the carriers labels can be made with now."""
    return [(key, spec(key).name) for key in carrier_account.connected(ctx)]


def tracking_links(label: Label) -> list[tuple[str, str | None]]:
    """Each parcel's tracking number with its carrier's track & trace page."""
    postal = (label.receiver or {}).get("postal_code", "")
    carrier = CARRIERS.get(label.carrier)
    return [
        (number, carrier.tracking_url(number, postal) if carrier else None)
        for number in label.tracker_codes or []
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

    label: Label
    order: StoredOrder
    capabilities: list[Capability]
    limits: ReceiverLimits
    destination_refused: str = ""  # the carrier's reason when it will not check the address
    acknowledged: frozenset = frozenset()  # warnings the owner said "I know" to
    roles: OptionRoles = field(default_factory=OptionRoles)  # what the carrier's options mean
    carriers: tuple[tuple[str, str], ...] = ()  # (key, name) of each carrier it may go with

    @property
    def open_warnings(self) -> list[dict]:
        """The label's warnings, without those acknowledged for its destination."""
        country = self.label.receiver.get("country_code") or ""
        return shipping_settings.open_warnings(self.label.warnings, country, self.acknowledged)


def load_for_edit(
    ctx: AppContext, label_id: int, cancel: threading.Event | None = None
) -> LabelEdit:
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, [label_id])
        [order] = list_orders(db, [label.order_id])
    return edit_for_carrier(ctx, label, order, label.carrier, cancel)


def edit_for_carrier(
    ctx: AppContext,
    label: Label,
    order: StoredOrder,
    key: str,
    cancel: threading.Event | None = None,
) -> LabelEdit:
    """What the dialog offers for this label with carrier `key`: that carrier's options for
    the destination, its field lengths and the parts its options play."""
    carrier = spec(key)
    known = shipping_settings.acknowledged(ctx)
    others = tuple((other, spec(other).name) for other in carrier_account.connected(ctx)) or (
        (key, carrier.name),
    )
    edit = LabelEdit(label, order, [], carrier.limits, "", known, carrier.roles, others)
    try:
        capabilities = destination_capabilities(
            ctx, Receiver.from_json(label.receiver), cancel, carrier=key
        )
    except CarrierRejected as exc:
        if not exc.about_destination():
            raise
        # The address is what is wrong: open it to be corrected.
        return replace(edit, destination_refused=str(exc))
    return replace(edit, capabilities=capabilities)


def switch_carrier(
    ctx: AppContext,
    label: Label,
    order: StoredOrder,
    key: str,
    receiver: Receiver,
    cancel: threading.Event | None = None,
) -> tuple[LabelEdit, Resolution | None]:
    """The order with another carrier: what that carrier allows for the (possibly edited)
    receiver, and the options and size its Shipping Options give this order there."""
    edit = edit_for_carrier(ctx, replace(label, receiver=receiver.to_json()), order, key, cancel)
    if edit.destination_refused:
        return edit, None
    resolution = resolve(
        shipping_settings.load(ctx, key),
        edit.capabilities,
        roles=edit.roles,
        order_reference=label.order_id,
        order_placed=None,  # same day is for new orders, made that day: never switched to
        now=dt.datetime.now(dt.UTC),
    )
    return edit, resolution


def _point_kept(point: Any, options: Sequence[tuple[str, str | None]], roles: OptionRoles) -> Any:
    """The pickup point to store with these options: only one whose id they carry."""
    if point is label_store.KEEP:
        return point if point_id_of(options, roles) else None  # off the options: off the label
    if isinstance(point, ServicePoint) and point_id_of(options, roles) == point.id:
        return point.to_json()
    return None


def destination_capabilities(
    ctx: AppContext,
    receiver: Receiver,
    cancel: threading.Event | None = None,
    *,
    carrier: str,
) -> list[Capability]:
    if not receiver.country_code:
        return []
    kind = BUSINESS if receiver.is_business else CONSUMER
    return carrier_account.capabilities(
        ctx, carrier, receiver.country_code, kind, receiver.postal_code, cancel
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
    carrier: str | None = None,
    service_point: ServicePoint | object | None = label_store.KEEP,
    parcel_weights: Sequence[float] | object = label_store.KEEP,
) -> list[Notice]:
    """Save the owner's changes when the carrier would accept them; else return why not.
    `parcel_weights`: each parcel's weight (several parcels weighed apart; `weight_kg` is
    then their total and each is checked against the carrier's limits): `weights_to_store`.
    `carrier`: the carrier the owner chose for this order (its own when None);
    `service_point`: the pickup point chosen (None: to the door; its id is in `options`)."""
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, [label_id])
    key = carrier or label.carrier
    chosen = spec(key)
    heaviest = (
        max(parcel_weights)
        if isinstance(parcel_weights, Sequence) and parcel_weights
        else weight_kg
    )
    problems = validate_label(
        receiver,
        options,
        parcel_type,
        heaviest,
        pieces,
        capabilities,
        chosen.limits,
        chosen.roles,
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
            carrier=key,
            account_number=carrier_account.account_number(ctx, key)
            if key != label.carrier
            else None,
            service_point=_point_kept(service_point, options, chosen.roles),
            parcel_weights=parcel_weights,
        )
    if retired:
        log.info("label %s edited after an unclear attempt: shipment %s retired", label_id, retired)
    return []
