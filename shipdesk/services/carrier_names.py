"""How the window names a carrier, where the owner manages its account and which options
ShipDesk fills in itself: from the registry, without the label services (the window's texts
and order list need these before its first paint)."""

from __future__ import annotations

from shipdesk.carriers.registry import CARRIERS


def carrier_short_name(carrier: str) -> str:
    """The carrier as a sentence names it; "" when it is not known."""
    return CARRIERS[carrier].short_name if carrier in CARRIERS else ""


def carrier_portal(carrier: str) -> str:
    """Where the owner manages the carrier account ("" when not known)."""
    return CARRIERS[carrier].portal if carrier in CARRIERS else ""


def automatic_options(carrier: str) -> frozenset[str]:
    """What ShipDesk fills in itself on this carrier's labels (the order reference...), less
    home delivery: not worth a word in a list."""
    return CARRIERS[carrier].roles.hidden_on_labels if carrier in CARRIERS else frozenset()
