"""The error for work that needs the shop's own address before it has one."""

from __future__ import annotations

from shipdesk.carriers.base import CarrierError


class NoSenderAddress(CarrierError):
    """Labels and packing slips need the shop's own address (Shipping Options, setting 1)."""

    code = "no_sender"

    def __init__(self) -> None:
        super().__init__("Add a sender address in the Shipping Options tab (setting 1) first.")
