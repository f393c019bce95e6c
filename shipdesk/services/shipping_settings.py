"""The Shipping Options tab's settings and address book, kept in SQLite."""

from __future__ import annotations

from collections.abc import Iterable

from shipdesk.domain.labels import normalise_postal_code
from shipdesk.domain.options import settings_problems as settings_problems
from shipdesk.domain.shipping import (  # the settings' vocabulary, for the UI
    AUTOMATIC_OPTIONS as AUTOMATIC_OPTIONS,
)
from shipdesk.domain.shipping import BUSINESS as BUSINESS
from shipdesk.domain.shipping import CONSUMER as CONSUMER
from shipdesk.domain.shipping import PER_ORDER_OPTIONS as PER_ORDER_OPTIONS
from shipdesk.domain.shipping import SAME_DAY as SAME_DAY
from shipdesk.domain.shipping import WEEKDAYS as WEEKDAYS
from shipdesk.domain.shipping import Capability as Capability
from shipdesk.domain.shipping import DayWindow as DayWindow
from shipdesk.domain.shipping import SenderAddress, ShippingSettings
from shipdesk.services.context import AppContext
from shipdesk.store import addresses, settings
from shipdesk.store import labels as label_store

SETTINGS_KEY = "shipping.settings"
ACKNOWLEDGED_KEY = "shipping.acknowledged_warnings"
# Warnings about what the settings could not do for a destination; the owner may say "I know"
# once per setting and destination instead of reading it on every row.
ACKNOWLEDGEABLE = frozenset(
    {"default_service_impossible", "default_services_conflict", "parcel_type_unavailable"}
)

Acknowledgement = tuple[str, str, str]  # warning code, option (or size detail), country


def acknowledgement(warning: dict, country: str) -> Acknowledgement | None:
    """The key under which a draft's warning is acknowledged; None if it cannot be."""
    if warning.get("code") not in ACKNOWLEDGEABLE or not country:
        return None
    subject = warning.get("option") or warning.get("detail") or ""
    return (str(warning["code"]), str(subject), country.upper())


def acknowledged(ctx: AppContext) -> frozenset[Acknowledgement]:
    with ctx.connect() as db:
        stored = settings.get(db, ACKNOWLEDGED_KEY) or []
    return frozenset(tuple(item) for item in stored if len(item) == 3)  # type: ignore[misc]


def acknowledge(ctx: AppContext, key: Acknowledgement, *, on: bool = True) -> None:
    """Stop (or, with on=False, start again) showing this warning for this destination."""
    current = set(acknowledged(ctx))
    if on:
        current.add(key)
    else:
        current.discard(key)
    with ctx.connect() as db:
        settings.put(db, ACKNOWLEDGED_KEY, sorted(list(k) for k in current))


def open_warnings(
    warnings: Iterable[dict], country: str, known: frozenset[Acknowledgement]
) -> list[dict]:
    """The warnings the owner has not said "I know" to for this destination."""
    return [w for w in warnings if acknowledgement(w, country) not in known]


def load(ctx: AppContext) -> ShippingSettings:
    with ctx.connect() as db:
        return ShippingSettings.from_json(settings.get(db, SETTINGS_KEY))


def save(ctx: AppContext, shipping: ShippingSettings) -> None:
    """Applies to drafts made from now on; existing drafts keep what they were made with."""
    with ctx.connect() as db:
        settings.put(db, SETTINGS_KEY, shipping.to_json())


def drafts_to_update(ctx: AppContext) -> tuple[int, int]:
    """(drafts still as the settings made them, drafts the owner edited): what "apply the
    saved settings to the drafts" would change, and what it leaves alone."""
    with ctx.connect() as db:
        unedited, edited = label_store.drafts_from_settings(db)
    return len(unedited), edited


def address_book(ctx: AppContext) -> list[SenderAddress]:
    with ctx.connect() as db:
        return addresses.list_addresses(db)


def normalised(address: SenderAddress) -> SenderAddress:
    """As it goes on the label: trimmed, the country code in capitals, a Dutch postcode as
    '1234 AB'."""
    country = address.country_code.strip().upper()
    values = {k: v.strip() if isinstance(v, str) else v for k, v in address.__dict__.items()}
    values.update(
        country_code=country,
        postal_code=normalise_postal_code(address.postal_code, country),
    )
    return SenderAddress(**values)


def save_address(ctx: AppContext, address: SenderAddress) -> int:
    address = normalised(address)
    problems = address.problems()
    if problems:
        raise ValueError(", ".join(problems))
    with ctx.connect() as db:
        return addresses.save_address(db, address)


def delete_address(ctx: AppContext, address_id: int) -> None:
    with ctx.connect() as db:
        addresses.delete_address(db, address_id)


def sender(ctx: AppContext, shipping: ShippingSettings | None = None) -> SenderAddress | None:
    """The chosen sender address, or the first in the book when none is chosen."""
    shipping = shipping or load(ctx)
    with ctx.connect() as db:
        chosen = addresses.get_address(db, shipping.sender_id)
        if chosen is None:
            book = addresses.list_addresses(db)
            chosen = book[0] if book else None
    return chosen
