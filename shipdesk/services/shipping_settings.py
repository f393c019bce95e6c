"""The Shipping Options tab's settings and address book, kept in SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

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
from shipdesk.store.transactions import write_transaction

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


class AddressRefused(ValueError):
    """A sender address that cannot go on a label: `missing` (field names, and
    "number_digits") and `too_long` ((field, limit) for the strictest carrier)."""

    def __init__(self, missing: list[str], too_long: list[tuple[str, int]]) -> None:
        parts = [f"missing: {', '.join(missing)}"] if missing else []
        parts += [f"{field} longer than {limit} characters" for field, limit in too_long]
        super().__init__("; ".join(parts))
        self.missing = missing
        self.too_long = too_long


def address_problems(ctx: AppContext, address: SenderAddress) -> AddressRefused | None:
    """What is missing, and what is longer than a connected carrier takes (every known
    carrier's limits while none is connected)."""
    from shipdesk.carriers import LIMITS

    with ctx.connect() as db:
        connected = settings.get(db, "carrier.name")
    limits = [LIMITS[connected]] if connected in LIMITS else list(LIMITS.values())
    too_long: dict[str, int] = {}
    for carrier_limits in limits:
        for field, limit in address.too_long(carrier_limits):
            too_long[field] = min(limit, too_long.get(field, limit))
    missing = address.problems()
    if not missing and not too_long:
        return None
    return AddressRefused(missing, sorted(too_long.items()))


def save_address(ctx: AppContext, address: SenderAddress) -> int:
    address = normalised(address)
    problem = address_problems(ctx, address)
    if problem is not None:
        raise problem
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


# -- moving the settings between PCs (and keeping a copy) --

EXPORT_FORMAT = "shipdesk-shipping-options"
EXPORT_VERSION = 1  # a later version may add carriers and rules; this one refuses newer files
ADDRESS_FIELDS = (
    "name",
    "company_name",
    "street",
    "number",
    "addition",
    "postal_code",
    "city",
    "country_code",
    "email",
    "phone",
)


def export_data(ctx: AppContext) -> dict[str, Any]:
    """Every shipping setting, the sender addresses by value (ids differ between PCs), and
    the warnings turned off per destination."""
    current = load(ctx)
    chosen = sender(ctx, current)
    book = address_book(ctx)
    shipping = current.to_json()
    shipping.pop("sender_id", None)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "settings": shipping,
        "senders": [
            {
                **{f: getattr(a, f) for f in ADDRESS_FIELDS},
                "default": chosen is not None and a.id == chosen.id,
            }
            for a in book
        ],
        "acknowledgedWarnings": sorted(list(k) for k in acknowledged(ctx)),
    }


def import_data(ctx: AppContext, data: Any) -> list[str]:
    """Replace the shipping settings, the sender addresses and the silenced warnings with
    those of an export; all or nothing. Returns what changed, a line per setting."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError("this is not a ShipDesk shipping-options file")
    version = data.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise ValueError(
            f"this file was made by a newer ShipDesk (format version {version}); update ShipDesk"
        )
    try:
        incoming = ShippingSettings.from_json(data.get("settings") or {})
    except (AttributeError, TypeError, ValueError) as exc:
        raise ValueError(f"the file's settings cannot be read ({exc})") from None
    problem = _settings_problem(incoming)
    if problem:
        raise ValueError(problem)
    senders = data.get("senders")
    if not isinstance(senders, list) or not all(isinstance(s, dict) for s in senders):
        raise ValueError("the file's senders are not a list of addresses")
    new_book = [
        normalised(SenderAddress(None, **{f: str(s.get(f) or "") for f in ADDRESS_FIELDS}))
        for s in senders
    ]
    for number, address in enumerate(new_book, start=1):
        refused = address_problems(ctx, address)
        if refused is not None:
            raise ValueError(f"sender address {number} cannot go on a label: {refused}")
    default_index = next((i for i, s in enumerate(senders) if s.get("default")), 0)
    warnings = data.get("acknowledgedWarnings") or []
    keys = sorted({tuple(str(x) for x in w) for w in warnings if len(w) == 3})

    before = export_data(ctx)
    with ctx.connect() as db, write_transaction(db):
        for address in addresses.list_addresses(db):
            addresses.delete_address(db, address.id)
        ids = [addresses.save_address(db, address) for address in new_book]
        chosen = ids[default_index] if ids else None
        settings.put(db, SETTINGS_KEY, replace(incoming, sender_id=chosen).to_json())
        settings.put(db, ACKNOWLEDGED_KEY, [list(k) for k in keys])
    return _changes(before, export_data(ctx))


def _settings_problem(value: ShippingSettings) -> str:
    if value.recipient_type not in (None, BUSINESS, CONSUMER):
        return f"unknown recipient type {value.recipient_type!r}"
    if not 0 < value.weight_kg <= 31.5:
        return f"the default weight must be above 0 and at most 31.5 kg, not {value.weight_kg}"
    for day in value.same_day:
        if day.problem():
            return "a same-day window starts after it ends, or has only one of its times"
    return ""


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    lines = []
    for key in sorted(set(before["settings"]) | set(after["settings"])):
        old, new = before["settings"].get(key), after["settings"].get(key)
        if old != new:
            lines.append(f"{key}: {json.dumps(old)} -> {json.dumps(new)}")

    def described(items: list[dict]) -> set[str]:
        return {
            f"{a['company_name'] or a['name']}, {a['street']} {a['number']}{a['addition']}, "
            f"{a['postal_code']} {a['city']}" + (" (default)" if a["default"] else "")
            for a in items
        }

    old_senders, new_senders = described(before["senders"]), described(after["senders"])
    lines += [f"sender removed: {a}" for a in sorted(old_senders - new_senders)]
    lines += [f"sender added: {a}" for a in sorted(new_senders - old_senders)]
    old_keys = {tuple(k) for k in before["acknowledgedWarnings"]}
    new_keys = {tuple(k) for k in after["acknowledgedWarnings"]}
    lines += [f"warning on again: {' '.join(k)}" for k in sorted(old_keys - new_keys)]
    lines += [f"warning turned off: {' '.join(k)}" for k in sorted(new_keys - old_keys)]
    return lines
