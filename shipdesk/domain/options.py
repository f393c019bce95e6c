"""Resolving the shop's shipping settings against a carrier's capabilities for one order.

Pure functions. The rules of the Shipping Options tab:
- (6) the default parcel size, or the next bigger size the destination allows (with a warning);
- (3) default extra services are always applied; one the destination does not allow, or one
  that excludes an earlier default, is left off *with a warning* so the owner decides;
- home delivery (DOOR) is the base, unless a default delivery option replaces it (mailbox);
- (4) same day ("DHL Vandaag") for orders placed on an enabled weekday, inside that day's
  window, when the label is made the same day and the destination allows it;
- (5) optional services where the destination allows them and nothing chosen excludes them,
  silently left out elsewhere;
- the Amazon order id goes on the label as reference where the carrier takes one that long.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from shipdesk.domain.shipping import (
    WEEKDAYS,
    Capability,
    OptionCapability,
    OptionRoles,
    ShippingSettings,
)

# Smallest to largest: when the default size is not offered, the next bigger one is used.
PARCEL_SIZES = (
    "ENVELOPE",
    "XSMALL",
    "SMALL",
    "MEDIUM",
    "LARGE",
    "XLARGE",
    "BULKY",
    "ROLL",
    "PALLET",
)


@dataclass(frozen=True)
class Notice:
    """A warning on a draft (or in the settings tab), by stable code; the UI words it."""

    code: str
    option: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class Resolution:
    product: str | None
    parcel_type: str | None
    options: tuple[tuple[str, str | None], ...]
    warnings: tuple[Notice, ...]
    same_day: bool = False

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.options)


def _excluded(option: OptionCapability, chosen: dict[str, OptionCapability]) -> str | None:
    """The chosen option that rules `option` out (exclusions can be listed on either side)."""
    for key, other in chosen.items():
        if key in option.exclusions or option.key in other.exclusions:
            return key
    return None


def parse_decimal(text: str) -> float | None:
    """A number as an owner types it: "250,50" and "250.50" alike, "1.250,50" and
    "1,250.50" too (the last separator is the decimal one). None when it is no number."""
    cleaned = "".join(text.split()).replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    if not cleaned or cleaned.count(".") > 1:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def normalise_input(option: OptionCapability, value: str | None) -> str | None:
    """An option's input as the carrier takes it: numbers with a decimal point."""
    if value is None or option.input_type != "number":
        return value
    amount = parse_decimal(value)
    return value.strip() if amount is None else f"{amount:.2f}".rstrip("0").rstrip(".")


def input_problem(option: OptionCapability, value: str | None) -> str:
    """Why an option's input is not acceptable ('' when it is)."""
    text = (value or "").strip()
    if not text:
        return "input_missing"
    if option.input_type == "number":
        amount = parse_decimal(text)
        if amount is None:
            return "input_invalid"
        if amount <= 0 or (option.input_max is not None and amount > option.input_max):
            return "input_out_of_range"
    elif option.input_max is not None and len(text) > option.input_max:
        return "input_too_long"
    return ""


def _input_for(option: OptionCapability, settings: ShippingSettings) -> tuple[str | None, str]:
    """(input, problem) for an option that needs one; problem '' when fine."""
    if not option.input_type:
        return None, ""
    value = settings.inputs.get(option.key, "").strip()
    problem = input_problem(option, value)
    return (None, problem) if problem else (normalise_input(option, value), "")


def choose_capability(
    capabilities: Sequence[Capability], wanted: str
) -> tuple[Capability | None, Notice | None]:
    """The entry for the wanted parcel size, else the next bigger size on offer."""
    if not capabilities:
        return None, None
    by_type: dict[str, Capability] = {}
    for capability in sorted(capabilities, key=lambda c: c.rank):
        by_type.setdefault(capability.parcel_type, capability)
    if wanted in by_type:
        return by_type[wanted], None
    order = {size: n for n, size in enumerate(PARCEL_SIZES)}
    wanted_rank = order.get(wanted, 0)
    bigger = sorted(
        (c for c in by_type.values() if order.get(c.parcel_type, 99) >= wanted_rank),
        key=lambda c: order.get(c.parcel_type, 99),
    )
    chosen = bigger[0] if bigger else sorted(by_type.values(), key=lambda c: c.rank)[0]
    return chosen, Notice("parcel_type_unavailable", detail=f"{wanted}>{chosen.parcel_type}")


def same_day_applies(
    settings: ShippingSettings, order_placed: dt.datetime | None, now: dt.datetime
) -> bool:
    """Both times in the shop's local time zone."""
    if order_placed is None or order_placed.date() != now.date():
        return False
    day = settings.same_day[order_placed.weekday()]
    return day.allows(order_placed.time())


def resolve(
    settings: ShippingSettings,
    capabilities: Sequence[Capability],
    *,
    roles: OptionRoles,
    order_reference: str,
    order_placed: dt.datetime | None,
    now: dt.datetime,
) -> Resolution:
    capability, size_notice = choose_capability(capabilities, settings.parcel_type)
    if capability is None:
        return Resolution(None, None, (), (Notice("destination_not_served"),))
    warnings: list[Notice] = [size_notice] if size_notice else []
    chosen: dict[str, OptionCapability] = {}
    inputs: dict[str, str | None] = {}

    def add(key: str, *, required: bool) -> None:
        option = capability.option(key)
        if option is None:
            if required:
                warnings.append(Notice("default_service_impossible", key))
            return
        blocker = _excluded(option, chosen)
        if blocker is not None:
            if required:
                warnings.append(Notice("default_services_conflict", key, blocker))
            return
        value, problem = _input_for(option, settings)
        if problem:
            if required:
                warnings.append(Notice(problem, key))
            return
        chosen[key] = option
        inputs[key] = value

    for key in settings.default_services:
        if key not in roles.per_order:
            add(key, required=True)
    base = capability.option(roles.base_delivery) if roles.base_delivery else None
    if base is not None and _excluded(base, chosen) is None:
        chosen[base.key], inputs[base.key] = base, None
    same_day = False
    if (
        roles.same_day
        and roles.same_day not in chosen
        and same_day_applies(settings, order_placed, now)
    ):
        add(roles.same_day, required=False)
        same_day = roles.same_day in chosen
    for key in settings.optional_services:
        if key not in chosen and key not in roles.per_order:
            add(key, required=False)
    reference = capability.option(roles.reference) if roles.reference else None
    if reference is not None and (reference.input_max or 70) >= len(order_reference):
        chosen[reference.key], inputs[reference.key] = reference, order_reference

    # Home delivery first, then in the order they were chosen: stable for tests and labels.
    ordered = sorted(chosen, key=lambda k: (k != roles.base_delivery, list(chosen).index(k)))
    return Resolution(
        product=capability.product,
        parcel_type=capability.parcel_type,
        options=tuple((key, inputs[key]) for key in ordered),
        warnings=tuple(warnings),
        same_day=same_day,
    )


def settings_problems(
    settings: ShippingSettings, catalogue: Sequence[Capability], roles: OptionRoles
) -> list[Notice]:
    """Problems the Shipping Options tab shows before saving: combinations that exclude
    themselves, inputs missing, same-day windows that make no sense."""
    problems: list[Notice] = []
    known: dict[str, OptionCapability] = {}
    for capability in catalogue:
        for option in capability.options:
            existing = known.get(option.key)
            known[option.key] = (
                option
                if existing is None
                else OptionCapability(
                    option.key,
                    option.description,
                    option.option_type,
                    option.input_type,
                    option.input_max,
                    existing.exclusions | option.exclusions,
                )
            )
    chosen: dict[str, OptionCapability] = {}
    for key in settings.default_services:
        default = known.get(key)
        if default is None:
            continue
        blocker = _excluded(default, chosen)
        if blocker is not None:
            problems.append(Notice("default_services_conflict", key, blocker))
        chosen[key] = default
        _, wrong = _input_for(default, settings)
        if wrong:
            problems.append(Notice(wrong, key))
    for key in settings.optional_services:
        optional = known.get(key)
        if optional is not None and optional.input_type:
            _, wrong = _input_for(optional, settings)
            if wrong:
                problems.append(Notice(wrong, key))
    if roles.same_day is None:
        return problems
    for name, day in zip(WEEKDAYS, settings.same_day, strict=True):
        problem = day.problem()
        if problem:
            problems.append(Notice(problem, roles.same_day, name))
    same_day = known.get(roles.same_day)
    if same_day is not None and any(d.enabled for d in settings.same_day):
        blocker = _excluded(same_day, chosen)
        if blocker is not None:
            problems.append(Notice("same_day_excluded_by_default", roles.same_day, blocker))
    return problems
