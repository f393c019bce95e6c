"""Return labels: a shipment of its own from the buyer back to the shop, made with the
outbound label (its carrier's return option, as a default or per order) or later for an order
already shipped (the buyer asked).

A return's tracking number stays in ShipDesk: returns live in their own table, which nothing
that confirms to Amazon reads. As with labels, the shipment id is committed before the carrier
is called; a lost answer is never followed by a blind second request: a carrier that takes our
id again (DHL) is asked again with the same one, for the others the owner checks first.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, replace
from typing import Any

from shipdesk.carriers.base import (
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    CarrierUnclear,
    CreatedShipment,
)
from shipdesk.carriers.registry import spec
from shipdesk.domain.labels import CREATED, PRINTED, SHIPPED, Receiver
from shipdesk.services import carrier_account, label_documents, shipping_settings
from shipdesk.services.context import AppContext
from shipdesk.services.errors import NoSenderAddress
from shipdesk.services.print_settings import PrintSettings
from shipdesk.services.print_settings import load_settings as load_print_settings
from shipdesk.services.shipment_requests import shipment_request
from shipdesk.store import erasure
from shipdesk.store import labels as label_store
from shipdesk.store import returns as return_store
from shipdesk.store.labels import Label
from shipdesk.store.returns import StoredReturn as StoredReturn  # for the window
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

MADE_STATES = (CREATED, PRINTED, SHIPPED)  # an outbound label a return can go with
DEFAULT_REASON = "Return"


class ReturnRefused(CarrierRejected):
    """No return label can be made for this order; `code` says why: return_no_label (no made
    outbound label), return_country (the carrier takes no returns from the buyer's country:
    `country`, `allowed`), return_unclear (an earlier attempt's answer was lost: check first)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        service: str = "",
        country: str = "",
        allowed: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, key=code, service=service)
        self.code = code
        self.country = country
        self.allowed = allowed


@dataclass(frozen=True)
class ReturnLabel:
    return_id: int
    order_id: str
    carrier: str
    tracker_codes: tuple[str, ...]
    already: bool = False  # made before: nothing was asked of the carrier now


def make_return(
    ctx: AppContext,
    order_id: str,
    reason: str = "",
    cancel: threading.Event | None = None,
) -> ReturnLabel:
    """The order's return label: made now at its label's carrier, or the one it has."""
    with ctx.connect() as db:
        ids = label_store.active_label_ids(db, [order_id])
        labels = [lb for lb in label_store.get_labels(db, ids) if lb.state in MADE_STATES]
    if not labels:
        raise ReturnRefused(
            "return_no_label",
            f"order {order_id} has no label made yet: a return label goes with the label the "
            "parcel was sent with",
        )
    label = labels[0]
    key = label.carrier
    sender = shipping_settings.sender(ctx, carrier=key)
    if sender is None and not label.sender:
        raise NoSenderAddress()
    client = carrier_account.client(ctx, key)
    return make_for_label(ctx, label, client, sender, load_print_settings(ctx), reason, cancel)


def make_for_label(
    ctx: AppContext,
    label: Label,
    client: Any,
    sender: Any,
    documents: PrintSettings,
    reason: str = "",
    cancel: threading.Event | None = None,
) -> ReturnLabel:
    """The return of this made outbound label (see make_return); raises ReturnRefused or the
    carrier's error, and records a failure on the order either way."""
    carrier = spec(label.carrier)
    order_id = label.order_id
    country = Receiver.from_json(label.receiver).country_code
    if country not in carrier.return_from:
        with ctx.connect() as db, write_transaction(db):
            return_store.failed(
                db,
                order_id=order_id,
                label_id=label.id,
                carrier=carrier.key,
                code="return_country",
                message=country,
            )
        raise ReturnRefused(
            "return_country",
            f"{carrier.short_name} takes return labels back from "
            f"{', '.join(carrier.return_from)} only; this buyer is in {country}",
            service=carrier.key,
            country=country,
            allowed=carrier.return_from,
        )
    unclear = False
    with ctx.connect() as db, write_transaction(db):
        if erasure.is_erased(db, order_id):
            raise label_documents.BuyerDataErased(
                f"the buyer data of order {order_id} was erased, so no return label is made"
            )
        found = return_store.open_return(db, label.id)
        if found is not None and found.state == return_store.MADE:
            return _as_made(found)
        if found is not None and not carrier.lookup_is_complete:
            # The carrier takes no id of ours: asking again could make a second one. Say so
            # once; the next request (after the owner looked) makes a new label.
            return_store.mark_failed(db, found.id, "return_unclear", "answer lost")
            unclear = True
        elif found is not None:  # the same shipment id again: the carrier gives that one
            return_id, shipment_id = found.id, found.shipment_id
        else:
            shipment_id = str(uuid.uuid4())
            return_id = return_store.start(
                db,
                order_id=order_id,
                label_id=label.id,
                carrier=carrier.key,
                shipment_id=shipment_id,
                reason=(reason or DEFAULT_REASON)[:50],
            )
    if unclear:
        raise ReturnRefused(
            "return_unclear",
            f"the answer to the last return label for {order_id} was lost: check in "
            f"{carrier.portal} whether it was made before asking for another",
            service=carrier.key,
        )
    request = replace(
        shipment_request(label, shipment_id, sender, documents),
        pieces=1,
        parcel_weights=(),
        return_reason=(reason or DEFAULT_REASON)[:50],
    )
    try:
        created = client.create_return(request, cancel)
    except CarrierUnclear:
        raise  # stays pending: the next request asks again or says to check
    except CarrierError as exc:
        if not (isinstance(exc, CarrierUnavailable) and exc.maybe_sent):
            with ctx.connect() as db, write_transaction(db):
                return_store.mark_failed(db, return_id, exc.code, str(exc))
        raise
    return _made(ctx, client, return_id, label, created, documents, cancel)


def _made(
    ctx: AppContext,
    client: Any,
    return_id: int,
    label: Label,
    created: CreatedShipment,
    documents: PrintSettings,
    cancel: threading.Event | None,
) -> ReturnLabel:
    ids = [p.label_id for p in created.pieces]
    trackers = [p.tracker_code for p in created.pieces]
    with ctx.connect() as db, write_transaction(db):
        return_store.mark_made(db, return_id, carrier_label_ids=ids, tracker_codes=trackers)
        for piece in created.pieces:
            if piece.document is not None:
                label_store.save_document(
                    db, piece.label_id, created.document_format, piece.document
                )
    log.info("return label made for %s", label.order_id)
    if not any(p.document is not None for p in created.pieces):
        label_documents.keep(
            ctx,
            client,
            label_documents.Owner(label.id, label.order_id, label.carrier, ids),
            documents.label_documents,
            cancel,
        )
    return ReturnLabel(return_id, label.order_id, label.carrier, tuple(trackers))


def _as_made(row: return_store.StoredReturn) -> ReturnLabel:
    return ReturnLabel(row.id, row.order_id, row.carrier, tuple(row.tracker_codes), already=True)


def wanted(label: Label) -> bool:
    """Whether the label's options ask for a return label in the box."""
    role = spec(label.carrier).roles.return_label
    return role is not None and any(key == role for key, _ in label.options)


def returns_of(ctx: AppContext, order_ids: list[str]) -> dict[str, list[return_store.StoredReturn]]:
    """Every return label of these orders, oldest first (see store.returns)."""
    with ctx.connect() as db:
        return return_store.of_orders(db, order_ids)
