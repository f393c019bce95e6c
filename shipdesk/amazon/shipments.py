"""Orders API v0 confirmShipment: telling Amazon the tracking number of a package.

v0 is deprecated for reading orders but not for this call. Rate 2/s, burst 10; success is 204.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from shipdesk.amazon.client import SpApiClient
from shipdesk.amazon.errors import RequestRejected


@dataclass(frozen=True)
class PackageConfirmation:
    order_id: str
    marketplace_id: str
    package_reference_id: str  # a positive number, unique within the order
    carrier_code: str
    carrier_name: str | None
    shipping_method: str | None
    tracking_number: str
    ship_date: str  # ISO 8601
    items: tuple[tuple[str, int], ...]  # (orderItemId, quantity)

    def body(self) -> dict:
        detail = {
            "packageReferenceId": self.package_reference_id,
            "carrierCode": self.carrier_code,
            "trackingNumber": self.tracking_number,
            "shipDate": self.ship_date,
            "orderItems": [{"orderItemId": i, "quantity": q} for i, q in self.items],
        }
        if self.carrier_name:
            detail["carrierName"] = self.carrier_name
        if self.shipping_method:
            detail["shippingMethod"] = self.shipping_method
        return {"marketplaceId": self.marketplace_id, "packageDetail": detail}


def already_confirmed(error: RequestRejected, tracking_number: str) -> bool:
    """Amazon refuses to confirm a package twice; when the refusal says it was already
    confirmed (and does not name another tracking number) our earlier call got through."""
    text = " ".join(
        f"{e.get('code', '')} {e.get('message', '')} {e.get('details', '')}" for e in error.errors
    ).lower()
    if "already" not in text or ("confirm" not in text and "shipped" not in text):
        return False
    other_number = "different tracking" in text or "another tracking" in text
    return not other_number or tracking_number.lower() in text


def confirm_shipment(
    client: SpApiClient, confirmation: PackageConfirmation, cancel: threading.Event | None = None
) -> None:
    client.call(
        "confirmShipment",
        "POST",
        f"/orders/v0/orders/{confirmation.order_id}/shipmentConfirmation",
        json=confirmation.body(),
        cancel=cancel,
    )
