"""The carriers ShipDesk makes labels with, behind one interface (`base.Carrier`)."""

from __future__ import annotations

from shipdesk.carriers.dhl import DhlClient

# How Amazon names each carrier in confirmShipment: fixed per carrier, so telling Amazon about
# a label never needs the carrier's connection (or the keychain) to be there.
AMAZON_CARRIERS: dict[str, tuple[str, str]] = {
    "dhl": (DhlClient.amazon_carrier_code, DhlClient.amazon_carrier_name),
}
