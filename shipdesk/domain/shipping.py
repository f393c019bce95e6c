"""What a carrier can do for a destination, and how the shop wants its parcels shipped.

Carrier-neutral: each carrier maps its capabilities onto these types, and says with
`OptionRoles` which of its options play the parts the settings know (home delivery, same day,
the order reference, a pickup point).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from shipdesk.domain.characters import EMAIL, PHONE, unseen_characters
from shipdesk.domain.countries import ISO_COUNTRIES, postal_code_ok

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BUSINESS, CONSUMER = "business", "consumer"
DELIVERY_OPTION, SERVICE_OPTION = "DELIVERY_OPTION", "SERVICE_OPTION"


@dataclass(frozen=True)
class OptionRoles:
    """Which of a carrier's option keys play the parts the shipping settings know."""

    base_delivery: str | None = None  # delivery to the door, unless a default replaces it
    same_day: str | None = None  # setting 4 (none: the carrier has no same-day service)
    saturday: str | None = None  # delivery on Saturday (the work list makes it stand out)
    reference: str | None = None  # takes the whole Amazon order id, filled in by ShipDesk
    pickup_point: str | None = None  # delivery to a pickup point: no house number needed
    # A return label in the box: ShipDesk makes it as a shipment of its own (its own tracking
    # number, kept here and never sent to Amazon), not as an option of the outbound label.
    return_label: str | None = None
    # Options ShipDesk fills in itself on every label (never chosen in the settings).
    automatic: frozenset[str] = frozenset()
    # Options only one order can fill in (a chosen pickup point): never a shop-wide default.
    per_order: frozenset[str] = frozenset()

    @property
    def not_choosable(self) -> frozenset[str]:
        """What settings (3) and (5) never offer."""
        return self.automatic | self.per_order | frozenset(filter(None, [self.same_day]))

    @property
    def hidden_on_labels(self) -> frozenset[str]:
        """What the edit dialog never offers as a box: filled in by ShipDesk (home delivery,
        the one automatic option that is a choice, stays)."""
        return self.automatic - frozenset(filter(None, [self.base_delivery]))


@dataclass(frozen=True)
class OptionCapability:
    key: str
    description: str = ""
    option_type: str = SERVICE_OPTION
    input_type: str | None = None
    input_max: float | None = None
    exclusions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Capability:
    """One product and parcel type a carrier offers for a destination, with its options."""

    product: str
    parcel_type: str
    min_weight_kg: float = 0.0
    max_weight_kg: float = 31.5
    options: tuple[OptionCapability, ...] = ()
    rank: int = 0

    def option(self, key: str) -> OptionCapability | None:
        return next((o for o in self.options if o.key == key), None)

    @property
    def option_keys(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options)


@dataclass(frozen=True)
class DayWindow:
    """Same-day delivery for one weekday: on/off, and an optional window (local time)."""

    enabled: bool = False
    start: dt.time | None = None  # None: the whole day
    end: dt.time | None = None

    def allows(self, moment: dt.time) -> bool:
        if not self.enabled:
            return False
        if self.start is None or self.end is None:
            return True
        return self.start <= moment < self.end

    def problem(self) -> str | None:
        if (self.start is None) != (self.end is None):
            return "both_times_needed"
        if self.start is not None and self.end is not None and self.start >= self.end:
            return "window_order"
        return None


@dataclass(frozen=True)
class SenderAddress:
    id: int | None
    name: str
    company_name: str = ""
    street: str = ""
    number: str = ""
    addition: str = ""
    postal_code: str = ""
    city: str = ""
    country_code: str = "NL"
    email: str = ""
    phone: str = ""

    def problems(self) -> list[str]:
        missing = [
            field
            for field, value in (
                ("name", self.name or self.company_name),
                ("street", self.street),
                ("number", self.number),
                ("postal_code", self.postal_code),
                ("city", self.city),
                ("country_code", self.country_code),
            )
            if not value.strip()
        ]
        if self.number and not self.number.strip().isdigit():
            missing.append("number_digits")
        return missing

    def invalid(self) -> list[tuple[str, str]]:
        """(field, reason) for what no carrier would print as given: characters nobody can
        see, a country that is no ISO code, a postcode the post does not write that way, a
        house number 0, an e-mail address or phone number that cannot be one."""
        found = [
            (name, "control_characters")
            for name, value in self.__dict__.items()
            if isinstance(value, str) and unseen_characters(value)
        ]
        country = self.country_code.strip().upper()
        if country and country not in ISO_COUNTRIES:
            found.append(("country_code", "unknown_country"))
        elif self.postal_code.strip() and not postal_code_ok(country, self.postal_code):
            found.append(("postal_code", "postal_code_format"))
        if self.number.strip().isdigit() and int(self.number) == 0:
            found.append(("number", "number_zero"))
        if self.email.strip() and not EMAIL.fullmatch(self.email.strip()):
            found.append(("email", "email_format"))
        phone = self.phone.strip()
        if phone and (not PHONE.fullmatch(phone) or sum(c.isdigit() for c in phone) < 6):
            found.append(("phone", "phone_format"))
        return found

    def too_long(self, limits: Any) -> list[tuple[str, int]]:
        """(field, limit) for each field longer than a carrier takes (`limits`: its
        ReceiverLimits, which hold the same lengths for sender and receiver)."""
        checks = (
            ("name", self.name, limits.name),
            ("company_name", self.company_name, limits.company),
            ("street", self.street, limits.street),
            ("number", self.number, limits.number),
            ("addition", self.addition, limits.addition),
            ("postal_code", self.postal_code, limits.postal_code),
            ("city", self.city, limits.city),
            ("phone", self.phone, limits.phone),
            ("email", self.email, limits.email),
        )
        return [(field, limit) for field, value, limit in checks if len(value) > limit]


@dataclass(frozen=True)
class ShippingSettings:
    """The six numbered settings of the Shipping Options tab."""

    sender_id: int | None = None  # (1) from the address book
    recipient_type: str | None = None  # (2) business, consumer, or None: from the order
    default_services: tuple[str, ...] = ()  # (3) always; a warning where impossible
    same_day: tuple[DayWindow, ...] = tuple(DayWindow() for _ in WEEKDAYS)  # (4) mon..sun
    optional_services: tuple[str, ...] = ()  # (5) where possible, silently left out elsewhere
    parcel_type: str = "SMALL"  # (6)
    weight_kg: float = 1.0
    inputs: dict[str, str] = field(default_factory=dict)  # e.g. {"INS": "500"}

    def to_json(self) -> dict[str, Any]:
        return {
            "sender_id": self.sender_id,
            "recipient_type": self.recipient_type,
            "default_services": list(self.default_services),
            "same_day": [
                {
                    "enabled": d.enabled,
                    "start": d.start.strftime("%H:%M") if d.start else None,
                    "end": d.end.strftime("%H:%M") if d.end else None,
                }
                for d in self.same_day
            ],
            "optional_services": list(self.optional_services),
            "parcel_type": self.parcel_type,
            "weight_kg": self.weight_kg,
            "inputs": dict(self.inputs),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ShippingSettings:
        if not data:
            return cls()

        def time_of(value: Any) -> dt.time | None:
            return dt.time.fromisoformat(value) if value else None

        days = data.get("same_day") or []
        same_day = tuple(
            DayWindow(bool(d.get("enabled")), time_of(d.get("start")), time_of(d.get("end")))
            for d in days
        )
        if len(same_day) != len(WEEKDAYS):
            same_day = tuple(DayWindow() for _ in WEEKDAYS)
        return cls(
            sender_id=data.get("sender_id"),
            recipient_type=data.get("recipient_type"),
            default_services=tuple(data.get("default_services") or ()),
            same_day=same_day,
            optional_services=tuple(data.get("optional_services") or ()),
            parcel_type=data.get("parcel_type") or "SMALL",
            weight_kg=float(data.get("weight_kg") or 1.0),
            inputs={str(k): str(v) for k, v in (data.get("inputs") or {}).items()},
        )
