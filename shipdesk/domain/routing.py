"""Which carrier ships an order: the owner's rules, in order, then the default carrier.

Pure: the rules and the facts of the order go in, a carrier key comes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CarrierRule:
    """Send matching orders with `carrier`. Each condition left empty matches every order."""

    carrier: str
    countries: tuple[str, ...] = ()  # destination country codes
    marketplaces: tuple[str, ...] = ()  # Amazon marketplace ids
    max_weight_kg: float | None = None  # parcels up to this weight

    def matches(self, country: str, marketplace_id: str | None, weight_kg: float) -> bool:
        return (
            (not self.countries or country.upper() in self.countries)
            and (not self.marketplaces or (marketplace_id or "") in self.marketplaces)
            and (self.max_weight_kg is None or weight_kg <= self.max_weight_kg)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "carrier": self.carrier,
            "countries": list(self.countries),
            "marketplaces": list(self.marketplaces),
            "max_weight_kg": self.max_weight_kg,
        }

    @classmethod
    def from_json(cls, data: Any) -> CarrierRule | None:
        if not isinstance(data, dict) or not isinstance(data.get("carrier"), str):
            return None
        weight = data.get("max_weight_kg")
        return cls(
            carrier=data["carrier"],
            countries=tuple(str(c).upper() for c in data.get("countries") or ()),
            marketplaces=tuple(str(m) for m in data.get("marketplaces") or ()),
            max_weight_kg=float(weight) if isinstance(weight, int | float) else None,
        )


def choose_carrier(
    rules: Sequence[CarrierRule],
    default: str | None,
    connected: Sequence[str],
    *,
    country: str,
    marketplace_id: str | None,
    weight_kg: float,
) -> str | None:
    """The first rule that matches and names a connected carrier; else the default carrier
    (when connected); else the only, or first, connected carrier; None without any."""
    for rule in rules:
        if rule.carrier in connected and rule.matches(country, marketplace_id, weight_kg):
            return rule.carrier
    if default in connected:
        return default
    return connected[0] if connected else None
