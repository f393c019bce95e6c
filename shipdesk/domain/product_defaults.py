"""A draft's size, weight and parcels from what is known of its products (per SKU)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol


class Known(Protocol):
    parcel_type: str
    unit_weight_kg: float
    pieces: int


@dataclass(frozen=True)
class ParcelGuess:
    parcel_type: str
    weight_kg: float
    pieces: int


def guess(
    items: Iterable[tuple[str, int]], known: Mapping[str, Known], default_weight_kg: float
) -> ParcelGuess | None:
    """The parcel for these (SKU, quantity) lines when at least one SKU is known: the weights
    added up (an unknown product counts the shop's default weight per unit), the size of the
    heaviest known line (the biggest item sets the box), the most parcels any product needs.
    None when no product is known: the shop's defaults apply as they are."""
    lines = [(sku, max(0, int(quantity))) for sku, quantity in items]
    if not any(sku in known for sku, _ in lines):
        return None
    weight = 0.0
    heaviest: tuple[float, str] = (-1.0, "")
    pieces = 1
    for sku, quantity in lines:
        product = known.get(sku)
        unit = product.unit_weight_kg if product else default_weight_kg
        weight += quantity * unit
        if product:
            heaviest = max(heaviest, (quantity * unit, product.parcel_type))
            pieces = max(pieces, product.pieces)
    return ParcelGuess(heaviest[1], round(max(weight, 0.01), 3), pieces)
