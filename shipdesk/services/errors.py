"""The errors the layers below raise that the window shows, in one place for the UI.

Each carries a stable `code` (the UI words it in the owner's language) and an English message
with the outside party's own words (the carrier's, Amazon's, the printer's).
"""

from __future__ import annotations

from shipdesk.amazon.errors import AmazonError
from shipdesk.carriers.base import CarrierError, CarrierRejected, NotConnected
from shipdesk.keychain import KeychainUnavailable
from shipdesk.printing.printers import PrintError
from shipdesk.store.database import DatabaseError


class NoSenderAddress(CarrierError):
    """Labels and packing slips need the shop's own address (Shipping Options, setting 1)."""

    code = "no_sender"

    def __init__(self) -> None:
        super().__init__("Add a sender address in the Shipping Options tab (setting 1) first.")


__all__ = [
    "AmazonError",
    "CarrierError",
    "CarrierRejected",
    "DatabaseError",
    "KeychainUnavailable",
    "NoSenderAddress",
    "NotConnected",
    "PrintError",
]
