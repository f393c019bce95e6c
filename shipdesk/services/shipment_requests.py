"""What a carrier is asked to ship for a label: its stored details as a ShipmentRequest."""

from __future__ import annotations

from shipdesk.carriers.base import ShipmentRequest
from shipdesk.domain.labels import Receiver
from shipdesk.domain.shipping import SenderAddress
from shipdesk.services.print_settings import PrintSettings
from shipdesk.store.labels import Label


def shipment_request(
    label: Label, shipment_id: str, sender: SenderAddress, documents: PrintSettings
) -> ShipmentRequest:
    """The label as stored (its own sender address when it has one, else `sender`), with the
    document the printer wants back."""
    stored_sender = label.sender
    if stored_sender:
        sender = SenderAddress(**stored_sender)
    return ShipmentRequest(
        shipment_id=shipment_id,
        order_reference=label.order_id,
        account_number=label.account_number or "",
        receiver=Receiver.from_json(label.receiver),
        sender=sender,
        options=tuple(label.option_pairs),
        parcel_type=label.parcel_type or "SMALL",
        weight_kg=float(label.weight_kg or 1.0),
        pieces=int(label.pieces or 1),
        parcel_weights=tuple(float(w) for w in label.parcel_weights or ()),
        label_format=documents.label_format,
        dpi=documents.zpl_dpi,
    )
