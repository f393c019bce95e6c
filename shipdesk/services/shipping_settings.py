"""The Shipping Options tab's settings and address book, kept in SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from shipdesk.carriers.registry import CARRIERS, spec
from shipdesk.domain.countries import postal_code_example
from shipdesk.domain.labels import normalise_postal_code
from shipdesk.domain.options import settings_problems as settings_problems
from shipdesk.domain.routing import CarrierRule as CarrierRule  # for the rules editor
from shipdesk.domain.shipping import BUSINESS as BUSINESS  # the settings' vocabulary, for the UI
from shipdesk.domain.shipping import CONSUMER as CONSUMER
from shipdesk.domain.shipping import WEEKDAYS as WEEKDAYS
from shipdesk.domain.shipping import Capability as Capability
from shipdesk.domain.shipping import DayWindow as DayWindow
from shipdesk.domain.shipping import OptionRoles, SenderAddress, ShippingSettings
from shipdesk.services import routing
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
    return frozenset(tuple(item) for item in stored if len(item) == 3)


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


def _key(ctx: AppContext, carrier: str | None) -> str:
    return f"{SETTINGS_KEY}.{carrier or routing.default_carrier(ctx)}"


def load(ctx: AppContext, carrier: str | None = None) -> ShippingSettings:
    """A carrier's six settings (the default carrier's when none is named)."""
    key = carrier or routing.default_carrier(ctx)
    with ctx.connect() as db:
        stored = settings.get(db, _key(ctx, key))
    if not stored:  # nothing chosen yet: the carrier's own everyday parcel
        return ShippingSettings(parcel_type=spec(key).default_parcel_type)
    return ShippingSettings.from_json(stored)


def save(ctx: AppContext, shipping: ShippingSettings, carrier: str | None = None) -> None:
    """Applies to drafts made from now on; existing drafts keep what they were made with."""
    with ctx.connect() as db:
        settings.put(db, _key(ctx, carrier), shipping.to_json())


def max_weight(carrier: str) -> float:
    """The heaviest parcel the carrier takes (setting 6 goes no higher)."""
    return spec(carrier).max_weight_kg


def roles(carrier: str) -> OptionRoles:
    """What the carrier's options mean to the settings (which is home delivery, same day…)."""
    return spec(carrier).roles


def drafts_to_update(ctx: AppContext, carrier: str | None = None) -> tuple[int, int]:
    """(drafts still as the settings made them, drafts the owner edited), of one carrier or
    all: what "apply the saved settings to the drafts" would change, and what it leaves."""
    with ctx.connect() as db:
        unedited, edited = label_store.drafts_from_settings(db, carrier=carrier)
    return len(unedited), edited


def carriers(ctx: AppContext) -> list[tuple[str, str]]:
    """(key, name) of the carriers whose settings the tab shows: the connected ones, or the
    default carrier while none is connected (settings can be prepared before connecting)."""
    keys = routing.carrier_account.connected(ctx) or [routing.default_carrier(ctx)]
    return [(key, spec(key).name) for key in keys]


def address_book(ctx: AppContext) -> list[SenderAddress]:
    with ctx.connect() as db:
        return addresses.list_addresses(db)


def normalised(address: SenderAddress) -> SenderAddress:
    """As it goes on the label: trimmed, the country code in capitals, a Dutch postcode as
    '1234 AB'."""
    country = address.country_code.strip().upper()
    values: dict[str, Any] = {
        k: v.strip() if isinstance(v, str) else v for k, v in address.__dict__.items()
    }
    values.update(
        country_code=country,
        postal_code=normalise_postal_code(address.postal_code, country),
    )
    return SenderAddress(**values)


class AddressRefused(ValueError):
    """A sender address that cannot go on a label: `missing` (field names, and
    "number_digits"), `too_long` ((field, limit) for the strictest carrier) and `invalid`
    ((field, reason): see SenderAddress.invalid)."""

    def __init__(
        self,
        missing: list[str],
        too_long: list[tuple[str, int]],
        invalid: list[tuple[str, str]] | None = None,
        country: str = "",
    ) -> None:
        self.missing = missing
        self.too_long = too_long
        self.invalid = invalid or []
        self.country = country.strip().upper()  # the address's, for a postcode's example
        parts = [f"missing: {', '.join(missing)}"] if missing else []
        parts += [f"{field} longer than {limit} characters" for field, limit in too_long]
        parts += [f"{field}: {self.words(reason)}" for field, reason in self.invalid]
        super().__init__("; ".join(parts))

    def words(self, reason: str) -> str:
        """A reason of `invalid` in English words (a postcode's with an example)."""
        return invalid_words(reason, self.country)


# The reasons of SenderAddress.invalid, in words for the CLI and the settings file import.
INVALID_WORDS = {
    "control_characters": "holds characters nobody can see (such as a direction mark)",
    "unknown_country": "is not a country code (two letters, such as NL)",
    "postal_code_format": "is not written as the post of that country writes postcodes",
    "number_zero": "cannot be 0",
    "email_format": "is not an e-mail address",
    "phone_format": "is not a phone number (digits, spaces, + ( ) - / . only)",
}


def invalid_words(reason: str, country: str = "") -> str:
    """INVALID_WORDS[reason]; for a postcode, with how the post of `country` writes one."""
    words = INVALID_WORDS[reason]
    example = postal_code_example(country) if reason == "postal_code_format" else ""
    return f"{words} ({country.strip().upper()}: for example {example})" if example else words


def address_problems(ctx: AppContext, address: SenderAddress) -> AddressRefused | None:
    """What is missing, and what is longer than a connected carrier takes (every known
    carrier's limits while none is connected)."""
    connected = routing.carrier_account.connected(ctx)
    limits = [spec(key).limits for key in connected or CARRIERS]
    too_long: dict[str, int] = {}
    for carrier_limits in limits:
        for field, limit in address.too_long(carrier_limits):
            too_long[field] = min(limit, too_long.get(field, limit))
    missing = address.problems()
    invalid = address.invalid()
    if not missing and not too_long and not invalid:
        return None
    return AddressRefused(missing, sorted(too_long.items()), invalid, address.country_code)


def save_address(ctx: AppContext, address: SenderAddress) -> int:
    address = normalised(address)
    problem = address_problems(ctx, address)
    if problem is not None:
        raise problem
    with ctx.connect() as db:
        return addresses.save_address(db, address)


def delete_address(ctx: AppContext, address_id: int) -> None:
    """Gone from the book; carriers that printed it fall back to the first address."""
    with ctx.connect() as db:
        addresses.delete_address(db, address_id)
    for key in CARRIERS:
        current = load(ctx, key)
        if current.sender_id == address_id:
            save(ctx, replace(current, sender_id=None), key)


def use_sender(ctx: AppContext, address_id: int, *, where_unset: bool = False) -> None:
    """Print this address on every carrier's new labels (`where_unset`: only for carriers
    that have none chosen yet)."""
    for key in CARRIERS:
        current = load(ctx, key)
        if not where_unset or current.sender_id is None:
            save(ctx, replace(current, sender_id=address_id), key)


def sender(
    ctx: AppContext, shipping: ShippingSettings | None = None, carrier: str | None = None
) -> SenderAddress | None:
    """The chosen sender address, or the first in the book when none is chosen."""
    shipping = shipping or load(ctx, carrier)
    with ctx.connect() as db:
        chosen = addresses.get_address(db, shipping.sender_id)
        if chosen is None:
            book = addresses.list_addresses(db)
            chosen = book[0] if book else None
    return chosen


# -- moving the settings between PCs (and keeping a copy) --

EXPORT_FORMAT = "shipdesk-shipping-options"
# 1: one carrier's six settings; 2: each carrier's, the default carrier and the rules. Newer
# files are refused rather than half read.
EXPORT_VERSION = 2
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
    """Every carrier's shipping settings, the default carrier and the rules, the sender
    addresses by value (ids differ between PCs), and the warnings turned off per destination."""
    book = address_book(ctx)
    ids = [a.id for a in book]
    carriers = {}
    for key in CARRIERS:
        current = load(ctx, key).to_json()
        chosen_id = current.pop("sender_id", None)
        current["sender"] = ids.index(chosen_id) if chosen_id in ids else None  # by position
        carriers[key] = current
    chosen = sender(ctx)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "carriers": carriers,
        "defaultCarrier": routing.default_carrier(ctx),
        "rules": [rule.to_json() for rule in routing.rules(ctx)],
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
    """Replace the shipping settings, the sender addresses, the carrier rules and the silenced
    warnings with those of an export; all or nothing. Returns what changed, a line each."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValueError("this is not a ShipDesk shipping-options file")
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ValueError(f"the file's format version ({version!r}) is not one ShipDesk knows")
    if version > EXPORT_VERSION:
        raise ValueError(
            f"this file was made by a newer ShipDesk (format version {version}); update ShipDesk"
        )
    senders = data.get("senders", [])
    if not isinstance(senders, list) or not all(isinstance(s, dict) for s in senders):
        raise ValueError("the file's senders are not a list of addresses")
    new_book = [
        normalised(SenderAddress(None, **{f: _text(s, f) for f in ADDRESS_FIELDS})) for s in senders
    ]
    for number, address in enumerate(new_book, start=1):
        refused = address_problems(ctx, address)
        if refused is not None:
            raise ValueError(f"sender address {number} cannot go on a label: {refused}")
    defaults = [i for i, s in enumerate(senders) if s.get("default") is True]
    if len(defaults) > 1:
        raise ValueError("more than one sender address is marked as the default")
    carriers = _carrier_settings(data, version, len(new_book), defaults[0] if defaults else 0)
    warnings = data.get("acknowledgedWarnings", [])
    if not isinstance(warnings, list) or not all(
        isinstance(w, list) and len(w) == 3 and all(isinstance(x, str) for x in w) for w in warnings
    ):
        raise ValueError("the file's silenced warnings are not a list of [code, option, country]")
    raw_rules = data.get("rules", [])
    rules = [CarrierRule.from_json(r) for r in raw_rules] if isinstance(raw_rules, list) else [None]
    if any(rule is None or rule.carrier not in CARRIERS for rule in rules):
        raise ValueError("a carrier rule is not readable or names no carrier ShipDesk knows")
    default_carrier = data.get("defaultCarrier")
    if default_carrier is not None and default_carrier not in CARRIERS:
        raise ValueError(f"the default carrier {default_carrier!r} is not one ShipDesk knows")

    before = export_data(ctx)
    with ctx.connect() as db, write_transaction(db):
        for address in addresses.list_addresses(db):
            assert address.id is not None  # stored addresses have one
            addresses.delete_address(db, address.id)
        ids = [addresses.save_address(db, address) for address in new_book]
        for key, (value, position) in carriers.items():
            chosen = ids[position] if position is not None else None
            settings.put(db, f"{SETTINGS_KEY}.{key}", replace(value, sender_id=chosen).to_json())
        settings.put(db, ACKNOWLEDGED_KEY, sorted(warnings))
        settings.put(db, routing.RULES_KEY, [r.to_json() for r in rules if r is not None])
        if default_carrier:
            settings.put(db, routing.DEFAULT_KEY, default_carrier)
    return _changes(before, export_data(ctx))


def _text(values: dict[str, Any], name: str) -> str:
    value = values.get(name) or ""
    if not isinstance(value, str):
        raise ValueError(f"the sender field {name!r} holds {value!r}, not text")
    return value


def _carrier_settings(
    data: dict[str, Any], version: int, senders: int, default_sender: int
) -> dict[str, tuple[ShippingSettings, int | None]]:
    """Each carrier's settings in the file, with the position of its sender address."""
    if version == 1:  # one carrier then: the first there was
        raw = {next(iter(CARRIERS)): {**(data.get("settings") or {}), "sender": default_sender}}
    else:
        raw = data.get("carriers") or {}
    if not isinstance(raw, dict):
        raise ValueError("the file's carrier settings are not readable")
    found = {}
    for key, value in raw.items():
        if key not in CARRIERS:
            raise ValueError(f"the file has settings for {key!r}, a carrier ShipDesk does not know")
        if not isinstance(value, dict):
            raise ValueError(f"the settings for {key} are not readable")
        try:
            incoming = ShippingSettings.from_json({**value, "sender_id": None})
        except (AttributeError, TypeError, ValueError):
            raise ValueError(f"the settings for {key} are not readable") from None
        problem = _settings_problem(incoming, spec(key).max_weight_kg)
        if problem:
            raise ValueError(f"{key}: {problem}")
        position = value.get("sender", default_sender)
        if position is not None and (type(position) is not int or not 0 <= position < senders):
            position = default_sender  # None: the default sender address, as it was there
        found[key] = (incoming, position if senders else None)
    return found


def _settings_problem(value: ShippingSettings, max_weight_kg: float) -> str:
    if value.recipient_type not in (None, BUSINESS, CONSUMER):
        return f"unknown recipient type {value.recipient_type!r}"
    if not 0 < value.weight_kg <= max_weight_kg:
        return (
            f"the default weight must be above 0 and at most {max_weight_kg:g} kg, "
            f"not {value.weight_kg:g}"
        )
    for day in value.same_day:
        if day.problem():
            return "a same-day window starts after it ends, or has only one of its times"
    return ""


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    lines = []
    for carrier in sorted(set(before["carriers"]) | set(after["carriers"])):
        old, new = before["carriers"].get(carrier, {}), after["carriers"].get(carrier, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                lines.append(
                    f"{carrier} {key}: {json.dumps(old.get(key))} -> {json.dumps(new.get(key))}"
                )
    if before["defaultCarrier"] != after["defaultCarrier"]:
        lines.append(f"default carrier: {before['defaultCarrier']} -> {after['defaultCarrier']}")
    if before["rules"] != after["rules"]:
        lines.append(f"carrier rules: {len(before['rules'])} -> {len(after['rules'])}")

    def described(items: list[dict]) -> list[str]:
        return [
            f"{a['company_name'] or a['name']}, {a['street']} {a['number']}{a['addition']}, "
            f"{a['postal_code']} {a['city']}, {a['country_code']}"
            + (" (default)" if a["default"] else "")
            for a in items
        ]

    old_senders, new_senders = described(before["senders"]), described(after["senders"])
    for line in old_senders:
        if line in new_senders:
            new_senders.remove(line)
        else:
            lines.append(f"sender removed: {line}")
    lines += [f"sender added: {line}" for line in new_senders]
    old_keys = {tuple(k) for k in before["acknowledgedWarnings"]}
    new_keys = {tuple(k) for k in after["acknowledgedWarnings"]}
    lines += [f"warning on again: {' '.join(k)}" for k in sorted(old_keys - new_keys)]
    lines += [f"warning turned off: {' '.join(k)}" for k in sorted(new_keys - old_keys)]
    return lines
