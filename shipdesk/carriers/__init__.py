"""The carriers ShipDesk makes labels with, behind one interface (`base.Carrier`)."""

from __future__ import annotations

from urllib.parse import quote

from shipdesk.carriers.dhl import DhlClient
from shipdesk.domain.labels import ReceiverLimits

# How Amazon names each carrier in confirmShipment: fixed per carrier, so telling Amazon about
# a label never needs the carrier's connection (or the keychain) to be there.
AMAZON_CARRIERS: dict[str, tuple[str, str]] = {
    "dhl": (DhlClient.amazon_carrier_code, DhlClient.amazon_carrier_name),
}

# Each carrier's field lengths (for receiver and sender alike).
LIMITS: dict[str, ReceiverLimits] = {"dhl": DhlClient.limits}

# How the window names each carrier in a sentence ("DHL refused the street").
SHORT_NAMES: dict[str, str] = {"dhl": "DHL"}

# The carriers' public track & trace pages, for the owner (and the buyer).
TRACKING_PAGES: dict[str, str] = {
    "dhl": "https://my.dhlparcel.nl/home/tracktrace/{number}",
}


def tracking_url(carrier: str, number: str, postal_code: str = "") -> str | None:
    """The carrier's track & trace page for a parcel; None for an unknown carrier."""
    page = TRACKING_PAGES.get(carrier)
    if page is None or not number:
        return None
    return page.format(number=quote(number, safe=""), postal_code=quote(postal_code, safe=""))
