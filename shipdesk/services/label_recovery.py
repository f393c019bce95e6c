"""What the owner does with a label that went wrong after it reached the carrier: an *unclear*
one (the carrier may have made it; its answer was lost) is made again or marked made with the
parcel number found in the carrier's portal; a made one is voided.

Amazon cannot take a shipment confirmation back, so a voided label's confirmation is
withdrawn from the outbox first; when an upload has it at that moment, nothing is voided.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from shipdesk.carriers.base import CarrierError
from shipdesk.carriers.registry import spec
from shipdesk.domain.labels import CREATED, PRINTED, SHIPPED, UNCLEAR
from shipdesk.services import carrier_account, day_close, tracking
from shipdesk.services.context import AppContext
from shipdesk.services.errors import KeychainUnavailable
from shipdesk.services.labels import BatchProgress, create_labels
from shipdesk.store import labels as label_store
from shipdesk.store import outbox
from shipdesk.store import returns as return_store
from shipdesk.store.labels import Label
from shipdesk.store.orders import now_iso
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

VOIDABLE = (CREATED, PRINTED, SHIPPED)


def can_void(carrier: str) -> bool:
    """Whether the carrier deletes a voided label itself (else it is binned in its portal)."""
    return spec(carrier).can_void


class NotUnclear(ValueError):
    """The label is not (or no longer) waiting for the owner's check."""


class BadParcelNumber(ValueError):
    """Not a parcel number of this carrier (`pattern` says what one looks like)."""


def make_again(
    ctx: AppContext,
    label_ids: Sequence[int],
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> BatchProgress:
    """The owner checked the carrier's portal and the label is not there: make it again."""
    with ctx.connect() as db, write_transaction(db):
        released = [i for i in label_ids if label_store.release_unclear(db, i)]
    log.info("unclear labels released to be made again: %s", released)
    return create_labels(ctx, released, progress, cancel)


def mark_made(ctx: AppContext, label_id: int, parcel_number: str) -> None:
    """The owner found the label in the carrier's portal: it is made, with this number. Its
    document is printed from the portal (ShipDesk has none), and the tracking number is queued
    for Amazon now, whatever the carrier's rule (it will not be printed here)."""
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, [label_id])
    if label.state != UNCLEAR:
        raise NotUnclear(label.state)
    carrier = spec(label.carrier)
    number = "".join(parcel_number.split()).upper()
    if not re.fullmatch(carrier.parcel_number_pattern, number):
        raise BadParcelNumber(carrier.parcel_number_pattern)
    rules = {carrier.key: carrier_account.tracking_rule(ctx, carrier.key)}
    with ctx.connect() as db, write_transaction(db):
        made = label_store.mark_created(
            db,
            label_id,
            label.shipment_id or "",  # an unclear label keeps its attempt's id
            product="",
            tracker_codes=[number],
            carrier_label_ids=[number],
            parcel_numbers=[{carrier.tracking_numbers[0]: number}],
        )
        if not made:
            raise NotUnclear("changed meanwhile")
        tracking.enqueue(db, [label_id], rules)
    log.info("label %s marked made by the owner", label_id)


@dataclass
class VoidOutcome:
    label_id: int
    order_id: str
    ok: bool
    carrier: str
    at_carrier: bool = False  # deleted at the carrier (else: only here; bin it in the portal)
    amazon: str = "none"  # the confirmation: sent (Amazon has it) | none
    draft_id: int | None = None  # the order's new draft, to make the label again
    error_code: str = ""
    message: str = ""


def void(
    ctx: AppContext, label_ids: Sequence[int], cancel: threading.Event | None = None
) -> list[VoidOutcome]:
    """Void made labels: deleted at carriers that can (before the first scan), binned here for
    the others; their confirmations withdrawn while still waiting; each order back to a draft."""
    with ctx.connect() as db:
        labels = label_store.get_labels(db, label_ids)
    return [_void_one(ctx, label, cancel) for label in labels]


def _void_one(ctx: AppContext, label: Label, cancel: threading.Event | None) -> VoidOutcome:
    outcome = VoidOutcome(label.id, label.order_id, False, label.carrier)
    if label.state not in VOIDABLE:
        outcome.error_code, outcome.message = "not_voidable", label.state
        return outcome
    carrier = spec(label.carrier)
    # Held first, so no upload takes it while the carrier deletes the label; dropped only once
    # the label is voided, released whatever stops the void.
    with ctx.connect() as db, write_transaction(db):
        outcome.amazon = outbox.hold(db, label.id, now_iso())
    if outcome.amazon == "sending":
        outcome.error_code = "confirmation_sending"
        outcome.message = "Its tracking number is being sent to Amazon right now."
        return outcome
    try:
        if carrier.can_void:
            # Its return label, made for this parcel, goes with it.
            with ctx.connect() as db:
                made = return_store.made_for_labels(db, [label.id]).get(label.id, [])
            returned = [i for row in made for i in row.carrier_label_ids]
            carrier_account.client(ctx, carrier.key).void(
                [*label.carrier_label_ids, *returned], cancel
            )
            outcome.at_carrier = True
    except BaseException as exc:
        with ctx.connect() as db, write_transaction(db):
            outbox.release_held(db, label.id)
        if not isinstance(exc, (CarrierError, KeychainUnavailable)):
            raise
        outcome.error_code = getattr(exc, "code", "keychain_unavailable")
        outcome.message = str(exc)
        return outcome
    reason = "deleted at the carrier" if outcome.at_carrier else "voided in ShipDesk"
    with ctx.connect() as db, write_transaction(db):
        outbox.drop_held(db, label.id)
        outbox.resolve_alerts(db, "tracking_upload", label.order_id)
        # A label the carrier refused to confirm at the day's end is dealt with once voided.
        outbox.resolve_alerts(db, day_close.REFUSED_ALERT, label.order_id)
        outcome.draft_id = label_store.void(db, label.id, reason)
        return_store.void_of_label(db, label.id)
    outcome.ok = outcome.draft_id is not None
    if outcome.amazon == "held":
        outcome.amazon = "none"  # Amazon never had it
    log.info("label %s voided (%s); confirmation: %s", label.id, reason, outcome.amazon)
    return outcome
