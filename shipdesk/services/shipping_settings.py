"""The Shipping Options tab's settings and address book, kept in SQLite."""

from __future__ import annotations

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

SETTINGS_KEY = "shipping.settings"


def load(ctx: AppContext) -> ShippingSettings:
    with ctx.connect() as db:
        return ShippingSettings.from_json(settings.get(db, SETTINGS_KEY))


def save(ctx: AppContext, shipping: ShippingSettings) -> None:
    """Applies to drafts made from now on; existing drafts keep what they were made with."""
    with ctx.connect() as db:
        settings.put(db, SETTINGS_KEY, shipping.to_json())


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
