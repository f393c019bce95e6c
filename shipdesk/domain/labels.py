"""Label states and the draft a new order gets.

A label moves draft/needs_review → created → printed → shipped; `error` holds a failed carrier
call until it is retried; `unclear` holds an attempt whose answer was lost and that the carrier
cannot confirm or deny, until the owner has checked; `cancelled` labels keep their history but
are no longer active.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shipdesk.domain.characters import unseen_characters as unseen_characters
from shipdesk.domain.names import split_person_name
from shipdesk.domain.options import Notice, Resolution, input_problem, resolve
from shipdesk.domain.orders import Order
from shipdesk.domain.shipping import (
    BUSINESS,
    CONSUMER,
    Capability,
    OptionCapability,
    OptionRoles,
    ShippingSettings,
)

DRAFT, NEEDS_REVIEW, CREATED, PRINTED, SHIPPED, ERROR, CANCELLED = (
    "draft",
    "needs_review",
    "created",
    "printed",
    "shipped",
    "error",
    "cancelled",
)
UNCLEAR = "unclear"
EDITABLE = frozenset({DRAFT, NEEDS_REVIEW, ERROR})


@dataclass(frozen=True)
class ReceiverLimits:
    """A carrier's field lengths; a longer value would make it refuse the label."""

    name: int = 35
    company: int = 35
    street: int = 40
    city: int = 35
    number: int = 6
    addition: int = 10
    postal_code: int = 10
    phone: int = 20
    email: int = 100
    full_name: int | None = None  # first and last name in one field (GLS's name1)


@dataclass(frozen=True)
class Receiver:
    first_name: str
    last_name: str
    company_name: str
    street: str
    number: str
    addition: str
    postal_code: str
    city: str
    country_code: str
    is_business: bool
    phone: str = ""
    email: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Receiver:
        return cls(
            **{
                k: data.get(k, "" if k != "is_business" else False)
                for k in cls.__dataclass_fields__
            }
        )


@dataclass(frozen=True)
class Draft:
    order_id: str
    receiver: Receiver
    recipient_type: str
    resolution: Resolution
    review: tuple[Notice, ...] = field(default=())

    @property
    def state(self) -> str:
        return NEEDS_REVIEW if self.review else DRAFT


_NL_POSTCODE = re.compile(r"^(\d{4})\s*([A-Z]{2})$")


def normalise_postal_code(postal_code: str, country: str) -> str:
    """Upper case, single spaces; a Dutch postcode as it is written: '1234 ab' → '1234 AB'."""
    code = " ".join(postal_code.split()).upper()
    if country.upper() == "NL":
        found = _NL_POSTCODE.match(code)
        if found:
            return f"{found.group(1)} {found.group(2)}"
    return code


def recipient_type_for(order: Order, settings: ShippingSettings) -> str:
    """(2) the setting when fixed; else business when Amazon says so or a company is named."""
    if settings.recipient_type in (BUSINESS, CONSUMER):
        return settings.recipient_type
    address = order.address
    if address is not None and (address.address_type == "COMMERCIAL" or address.company_name):
        return BUSINESS
    return CONSUMER


def make_receiver(order: Order, recipient_type: str) -> tuple[Receiver, list[Notice]]:
    address = order.address
    if address is None:
        empty = Receiver("", "", "", "", "", "", "", "", "", recipient_type == BUSINESS)
        return empty, [Notice("no_address")]
    # Its few dozen patterns compile when the first label is made, not at the window's start.
    from shipdesk.domain.address_split import split_address

    split = split_address(
        address.line1, address.line2, address.line3, country=address.country_code or "NL"
    )
    review = []
    if split.needs_review:
        review.append(Notice("address_split", detail=split.reason))
    first, last = split_person_name(address.name)
    receiver = Receiver(
        first_name=first,
        last_name=last,
        company_name=address.company_name,
        street=split.street,
        number=split.number,
        addition=split.addition,
        postal_code=normalise_postal_code(address.postal_code, address.country_code),
        city=address.city,
        country_code=address.country_code,
        is_business=recipient_type == BUSINESS,
        phone=address.phone,
    )
    return receiver, review


# Amazon's address fields, and the receiver field each becomes on the label.
_ADDRESS_TO_RECEIVER = (
    ("name", "last_name"),
    ("company_name", "company_name"),
    ("line1", "street"),
    ("line2", "street"),
    ("line3", "street"),
    ("postal_code", "postal_code"),
    ("city", "city"),
    ("phone", "phone"),
)


def control_problems(receiver: Receiver) -> list[Notice]:
    """A review reason per field that holds characters nobody can see (see above)."""
    problems = []
    for name, value in receiver.to_json().items():
        if isinstance(value, str):
            unseen = unseen_characters(value)
            if unseen:
                problems.append(Notice("control_characters", name, " ".join(unseen)))
    return problems


def limit_problems(receiver: Receiver, limits: ReceiverLimits) -> list[Notice]:
    problems = control_problems(receiver)
    for name, value, limit in (
        ("first_name", receiver.first_name, limits.name),
        ("last_name", receiver.last_name, limits.name),
        ("company_name", receiver.company_name, limits.company),
        ("street", receiver.street, limits.street),
        ("city", receiver.city, limits.city),
        ("addition", receiver.addition, limits.addition),
    ):
        if len(value) > limit:
            problems.append(Notice("too_long", name, str(limit)))
    if receiver.number and len(receiver.number) > limits.number:
        problems.append(Notice("too_long", "number", str(limits.number)))
    full_name = f"{receiver.first_name} {receiver.last_name}".strip()
    if limits.full_name is not None and len(full_name) > limits.full_name:
        problems.append(Notice("too_long", "full_name", str(limits.full_name)))
    for name, value, limit in (
        ("postal_code", receiver.postal_code, limits.postal_code),
        ("phone", receiver.phone, limits.phone),
        ("email", receiver.email, limits.email),
    ):
        if len(value) > limit:
            problems.append(Notice("too_long", name, str(limit)))
    for name, value in (("postal_code", receiver.postal_code), ("city", receiver.city)):
        if not value:
            problems.append(Notice("missing", name))
    return problems


def make_draft(
    order: Order,
    settings: ShippingSettings,
    capabilities: Sequence[Capability],
    limits: ReceiverLimits,
    *,
    roles: OptionRoles,
    order_placed: dt.datetime | None,
    now: dt.datetime,
) -> Draft:
    """The draft label for an order: receiver split, options resolved, problems flagged."""
    recipient_type = recipient_type_for(order, settings)
    receiver, review = make_receiver(order, recipient_type)
    if order.address is not None:
        review += limit_problems(receiver, limits)
        # What the splitting may have dropped from Amazon's address, on the field it feeds.
        flagged = {n.option for n in review if n.code == "control_characters"}
        for name, field in _ADDRESS_TO_RECEIVER:
            unseen = unseen_characters(getattr(order.address, name))
            if unseen and field not in flagged:
                review.append(Notice("control_characters", field, " ".join(unseen)))
                flagged.add(field)
    resolution = resolve(
        settings,
        capabilities,
        roles=roles,
        order_reference=order.order_id,
        order_placed=order_placed,
        now=now,
    )
    if resolution.product is None and order.address is not None:
        review.append(Notice("destination_not_served", detail=receiver.country_code))
    return Draft(order.order_id, receiver, recipient_type, resolution, tuple(review))


def validate_label(
    receiver: Receiver,
    options: Sequence[tuple[str, str | None]],
    parcel_type: str,
    weight_kg: float,
    pieces: int,
    capabilities: Sequence[Capability],
    limits: ReceiverLimits,
    roles: OptionRoles,
) -> list[Notice]:
    """What would make the carrier refuse this label, before it is sent."""
    problems = limit_problems(receiver, limits)
    keys = [key for key, _ in options]
    for name, text in (("street", receiver.street), ("country_code", receiver.country_code)):
        if not text.strip():
            problems.append(Notice("missing", name))
    if roles.pickup_point not in keys:
        if not receiver.number:
            problems.append(Notice("missing", "number"))
        elif not receiver.number.isdigit():
            problems.append(Notice("not_digits", "number"))
    if not (receiver.last_name or receiver.company_name):
        problems.append(Notice("missing", "name"))
    if not 1 <= pieces <= 10:
        problems.append(Notice("pieces_out_of_range", detail=str(pieces)))
    if not capabilities:
        problems.append(Notice("destination_not_served", detail=receiver.country_code))
        return problems
    capability = next((c for c in capabilities if c.parcel_type == parcel_type), None)
    if capability is None:
        problems.append(Notice("parcel_type_impossible", detail=parcel_type))
        return problems
    if not capability.min_weight_kg <= weight_kg <= capability.max_weight_kg:
        problems.append(Notice("weight_out_of_range", detail=f"{capability.max_weight_kg:g}"))
    chosen: dict[str, OptionCapability] = {}
    for key, value in options:
        option = capability.option(key)
        if option is None:
            problems.append(Notice("default_service_impossible", key))
            continue
        blocker = next(
            (k for k, o in chosen.items() if k in option.exclusions or key in o.exclusions), None
        )
        if blocker is not None:
            problems.append(Notice("default_services_conflict", key, blocker))
        chosen[key] = option
        if option.input_type:
            problem = input_problem(option, value)
            if problem:
                problems.append(Notice(problem, key))
    return problems
