"""Pickup points (a DHL ServicePoint, a GLS ParcelShop or locker), in the carriers' common
words, and how one goes on a label.

Pure: each carrier client maps its finder's answer onto `ServicePoint`; the label holds the
chosen one (its id in the carrier's pickup option, see `OptionRoles.pickup_point`, and its name
and address to show). An Amazon order whose address is a pickup point is matched against the
points a carrier finds near it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shipdesk.domain.shipping import Capability, OptionRoles

SHOP, LOCKER = "shop", "locker"
# Amazon's addressType for an order to be picked up (a locker, a shop counter).
AMAZON_PICKUP_POINT = "PICKUP_POINT"


@dataclass(frozen=True)
class OpeningHours:
    """One opening period of a weekday: 0 = Monday … 6 = Sunday, times as "HH:MM"."""

    weekday: int
    opens: str
    closes: str


@dataclass(frozen=True)
class ServicePoint:
    id: str  # the carrier's own id, as its label request takes it
    carrier: str  # registry key of the carrier
    name: str
    street: str = ""
    number: str = ""
    postal_code: str = ""
    city: str = ""
    country_code: str = ""
    distance_m: int | None = None  # from the postcode searched for
    hours: tuple[OpeningHours, ...] = ()
    kind: str = SHOP  # SHOP | LOCKER

    def hours_on(self, weekday: int) -> tuple[OpeningHours, ...]:
        return tuple(h for h in self.hours if h.weekday == weekday)

    @property
    def address_line(self) -> str:
        """ "Oudegracht 112, 3511 AW Utrecht" (with the country only when asked)."""
        street = " ".join(p for p in (self.street, self.number) if p)
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (street, place) if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "carrier": self.carrier,
            "name": self.name,
            "street": self.street,
            "number": self.number,
            "postalCode": self.postal_code,
            "city": self.city,
            "countryCode": self.country_code,
            "distanceMeters": self.distance_m,
            "kind": self.kind,
            "openingHours": [
                {"weekday": h.weekday, "opens": h.opens, "closes": h.closes} for h in self.hours
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ServicePoint:
        distance = data.get("distanceMeters")
        return cls(
            id=str(data.get("id") or ""),
            carrier=str(data.get("carrier") or ""),
            name=str(data.get("name") or ""),
            street=str(data.get("street") or ""),
            number=str(data.get("number") or ""),
            postal_code=str(data.get("postalCode") or ""),
            city=str(data.get("city") or ""),
            country_code=str(data.get("countryCode") or ""),
            distance_m=int(distance) if isinstance(distance, int | float) else None,
            hours=tuple(
                OpeningHours(int(h["weekday"]), str(h["opens"]), str(h["closes"]))
                for h in data.get("openingHours") or ()
                if isinstance(h, dict) and "weekday" in h
            ),
            kind=LOCKER if data.get("kind") == LOCKER else SHOP,
        )


def by_distance(points: Sequence[ServicePoint]) -> list[ServicePoint]:
    """Nearest first; points without a distance last, in the carrier's order."""
    return sorted(points, key=lambda p: (p.distance_m is None, p.distance_m or 0))


# -- on a label --


def with_point(
    options: Sequence[tuple[str, str | None]],
    point_id: str,
    roles: OptionRoles,
    capability: Capability | None,
) -> list[tuple[str, str | None]] | None:
    """The label's options delivering to pickup point `point_id`: home delivery and whatever
    the pickup option excludes (evening, Saturday…) taken off. None when the carrier offers
    no pickup delivery for this destination and size."""
    key = roles.pickup_point
    option = capability.option(key) if (capability is not None and key) else None
    if option is None or key is None:
        return None
    kept = []
    for other, value in options:
        if other in (key, roles.base_delivery):
            continue
        theirs = capability.option(other) if capability is not None else None
        if other in option.exclusions or (theirs is not None and key in theirs.exclusions):
            continue
        kept.append((other, value))
    return [(key, point_id), *kept]


def without_point(
    options: Sequence[tuple[str, str | None]],
    roles: OptionRoles,
    capability: Capability | None,
) -> list[tuple[str, str | None]]:
    """Back to the door: the pickup option off, home delivery back where the carrier has it."""
    kept = [(k, v) for k, v in options if k != roles.pickup_point]
    base = roles.base_delivery
    if (
        base
        and capability is not None
        and capability.option(base) is not None
        and all(k != base for k, _ in kept)
    ):
        kept.insert(0, (base, None))
    return kept


def point_id_of(options: Sequence[tuple[str, str | None]], roles: OptionRoles) -> str:
    """The pickup point id on a label's options ('' when it goes to the door)."""
    return next((v or "" for k, v in options if k == roles.pickup_point), "")


# -- an Amazon order addressed to a pickup point --

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\b(\d{1,5})\s*[a-zA-Z]?\b")


def _plain(text: str) -> str:
    return _SPACE.sub(" ", re.sub(r"[^\w ]+", " ", text.casefold())).strip()


def _postcode(text: str) -> str:
    return text.replace(" ", "").upper()


def match_point(
    lines: Sequence[str], postal_code: str, points: Sequence[ServicePoint]
) -> ServicePoint | None:
    """The nearest of `points` that Amazon's address names: same postcode and house number,
    or its name in one of the lines. None when none matches (then the owner chooses)."""
    text = " ".join(line for line in lines if line)
    plain = _plain(text)
    numbers = {m.group(1) for m in _NUMBER.finditer(text)}
    postal = _postcode(postal_code)
    for point in by_distance(points):
        same_place = bool(postal) and _postcode(point.postal_code) == postal
        digits = re.match(r"\d+", point.number)
        if same_place and digits and digits.group() in numbers:
            return point
        name = _plain(point.name)
        if name and len(name) >= 3 and name in plain and (same_place or not postal):
            return point
        if name and len(name) >= 3 and name in plain and _plain(point.street) in plain:
            return point
    return None
