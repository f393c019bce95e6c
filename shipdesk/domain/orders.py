"""Orders as ShipDesk sees them: what is needed to ship, nothing more (data minimisation)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

# Amazon's quantities are small; anything above this is malformed data, not an order.
MAX_QUANTITY = 100_000


class FulfillmentStatus(enum.StrEnum):
    PENDING_AVAILABILITY = "PENDING_AVAILABILITY"
    PENDING = "PENDING"
    UNSHIPPED = "UNSHIPPED"
    PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED"
    SHIPPED = "SHIPPED"
    CANCELLED = "CANCELLED"
    UNFULFILLABLE = "UNFULFILLABLE"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> FulfillmentStatus:
        # What cls(str(value)) finds, without an exception for the unknown (import: per order).
        return _STATUS_BY_VALUE.get(str(value), cls.UNKNOWN)

    @property
    def awaits_shipment(self) -> bool:
        return self in (FulfillmentStatus.UNSHIPPED, FulfillmentStatus.PARTIALLY_SHIPPED)


_STATUS_BY_VALUE: dict[str, FulfillmentStatus] = {s.value: s for s in FulfillmentStatus}


class Problem(enum.StrEnum):
    """Why an imported order cannot simply be shipped; shown on its row, never dropped."""

    NO_ADDRESS = "no_address"
    NO_ITEMS = "no_items"
    INVALID_QUANTITY = "invalid_quantity"  # an item's quantity could not be read
    UNKNOWN_MARKETPLACE = "unknown_marketplace"
    UNKNOWN_STATUS = "unknown_status"


@dataclass(frozen=True)
class DeliveryAddress:
    name: str = ""
    company_name: str = ""
    line1: str = ""
    line2: str = ""
    line3: str = ""
    city: str = ""
    postal_code: str = ""
    state_or_region: str = ""
    country_code: str = ""
    phone: str = ""
    address_type: str = ""

    @property
    def is_usable(self) -> bool:
        return bool(self.line1 and self.city and self.country_code)


@dataclass(frozen=True)
class OrderItem:
    order_item_id: str
    quantity: int
    seller_sku: str = ""
    asin: str = ""
    title: str = ""
    quantity_shipped: int | None = None
    unit_price: str | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Package:
    package_reference_id: str
    carrier: str = ""
    tracking_number: str = ""
    ship_time: str = ""
    status: str = ""


@dataclass(frozen=True)
class Order:
    order_id: str
    created_time: str
    last_updated_time: str
    marketplace_id: str | None
    status: FulfillmentStatus
    fulfilled_by: str | None = None
    service_level: str | None = None
    programs: tuple[str, ...] = ()
    ship_by_earliest: str | None = None
    ship_by_latest: str | None = None
    deliver_by_latest: str | None = None
    address: DeliveryAddress | None = None
    items: tuple[OrderItem, ...] = ()
    packages: tuple[Package, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def is_prime(self) -> bool:
        return "PRIME" in self.programs

    @property
    def is_business(self) -> bool:
        return "AMAZON_BUSINESS" in self.programs

    @property
    def item_count(self) -> int:
        return sum(item.quantity for item in self.items)


# Problems with the items: no label is made from guessed items, and Amazon cannot be told.
ITEM_PROBLEMS = frozenset({Problem.NO_ITEMS, Problem.INVALID_QUANTITY})


def parse_instant(value: str | None) -> dt.datetime | None:
    """An ISO 8601 time as an aware instant ("Z", an offset, or milliseconds all allowed);
    None when it is not one. A time without an offset is taken as UTC, as Amazon means it."""
    if not value or not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def is_newer(candidate: str, held: str) -> bool:
    """Whether `candidate` is a later instant than `held` (text only when either is no time)."""
    new, old = parse_instant(candidate), parse_instant(held)
    if new is None or old is None:
        return candidate > held
    return new > old


def find_problems(
    order: Order, known_marketplace: bool, *, invalid_quantity: bool = False
) -> tuple[Problem, ...]:
    return problems_of(
        order.status,
        order.address,
        order.items,
        known_marketplace,
        invalid_quantity=invalid_quantity,
    )


def problems_of(
    status: FulfillmentStatus,
    address: DeliveryAddress | None,
    items: tuple[OrderItem, ...],
    known_marketplace: bool,
    *,
    invalid_quantity: bool = False,
) -> tuple[Problem, ...]:
    """`find_problems` from an order's parts, before the order is made (the import makes each
    order once, with its problems)."""
    problems = []
    closed = status in (FulfillmentStatus.CANCELLED, FulfillmentStatus.SHIPPED)
    if not closed and (address is None or not address.is_usable):
        # Normal for PENDING orders: Amazon shares the address once payment is through.
        problems.append(Problem.NO_ADDRESS)
    if not items:
        problems.append(Problem.NO_ITEMS)
    if invalid_quantity:
        problems.append(Problem.INVALID_QUANTITY)
    if not known_marketplace:
        problems.append(Problem.UNKNOWN_MARKETPLACE)
    if status is FulfillmentStatus.UNKNOWN:
        problems.append(Problem.UNKNOWN_STATUS)
    return tuple(problems)


def items_summary(items: tuple[OrderItem, ...]) -> str:
    """'2× Mok blauw, Sokken' — what the owner reads to know what to pack."""
    parts = []
    for item in items:
        name = item.title or item.seller_sku or item.asin
        parts.append(name if item.quantity == 1 else f"{item.quantity}× {name}")
    return ", ".join(parts)
