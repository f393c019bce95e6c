"""Amazon's EU marketplaces (ids from Amazon's developer documentation)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Marketplace:
    id: str
    country: str
    name: str


EU_MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace("A1805IZSGTT6HS", "NL", "Amazon.nl"),
    Marketplace("AMEN7PMS3EDWL", "BE", "Amazon.com.be"),
    Marketplace("A1PA6795UKMFR9", "DE", "Amazon.de"),
    Marketplace("A13V1IB3VIYZZH", "FR", "Amazon.fr"),
    Marketplace("APJ6JRA9NG5V4", "IT", "Amazon.it"),
    Marketplace("A1RKKUPIHCS9HS", "ES", "Amazon.es"),
    Marketplace("A1C3SOZRARQ6R3", "PL", "Amazon.pl"),
    Marketplace("A2NODRKZP88ZB9", "SE", "Amazon.se"),
    Marketplace("A1F83G8C2ARO7P", "UK", "Amazon.co.uk"),
)

BY_ID = {m.id: m for m in EU_MARKETPLACES}
NL = BY_ID["A1805IZSGTT6HS"]


def marketplace(marketplace_id: str | None) -> Marketplace | None:
    return BY_ID.get(marketplace_id or "")


def is_known(marketplace_id: str | None) -> bool:
    return marketplace_id in BY_ID
