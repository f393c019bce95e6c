"""Amazon's Order JSON (v2026-01-01) → ShipDesk's domain Order.

Lenient by design: a field missing or of the wrong type becomes empty, and the order carries a
`Problem` instead of failing the whole page.
"""

from __future__ import annotations

from typing import Any

from shipdesk.domain import marketplaces
from shipdesk.domain.orders import (
    MAX_QUANTITY,
    DeliveryAddress,
    FulfillmentStatus,
    Order,
    OrderItem,
    Package,
    problems_of,
)


class UnreadableOrder(ValueError):
    """An entry without the identifiers we need to store it at all."""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _count(value: Any) -> int | None:
    """A quantity as Amazon sends it (a number, or digits in a string) within 0..MAX_QUANTITY;
    None for anything else ("abc", -1, 2**64, 1.5), which the order is flagged for."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 <= value <= MAX_QUANTITY:
        return value
    return None


def order_from_api(data: dict[str, Any]) -> Order:
    # Called for every order of every page: the field reads are spelled out rather than
    # looped, and the Order is made once, with its problems.
    get = data.get
    order_id = _str(get("orderId"))
    created = _str(get("createdTime"))
    if not order_id or not created:
        raise UnreadableOrder("order without orderId or createdTime")
    updated = _str(get("lastUpdatedTime")) or created
    channel = _dict(get("salesChannel"))
    fulfillment = _dict(get("fulfillment"))
    ship_by = _dict(fulfillment.get("shipByWindow"))
    deliver_by = _dict(fulfillment.get("deliverByWindow"))
    marketplace_id = _str(channel.get("marketplaceId")) or None
    status = FulfillmentStatus.parse(fulfillment.get("fulfillmentStatus"))
    address = _address(_dict(_dict(get("recipient")).get("deliveryAddress")))
    items: list[OrderItem] = []
    readable = True
    for entry in _list(get("orderItems")):
        if isinstance(entry, dict):
            item, item_readable = _item(entry)
            items.append(item)
            readable = readable and item_readable
    packages = _list(get("packages"))
    programs = _list(get("programs"))
    item_tuple = tuple(items)
    return Order(
        order_id=order_id,
        created_time=created,
        last_updated_time=updated,
        marketplace_id=marketplace_id,
        status=status,
        fulfilled_by=_str(fulfillment.get("fulfilledBy")) or None,
        service_level=_str(fulfillment.get("fulfillmentServiceLevel")) or None,
        programs=tuple(p for p in programs if isinstance(p, str)) if programs else (),
        ship_by_earliest=_str(ship_by.get("earliestDateTime")) or None,
        ship_by_latest=_str(ship_by.get("latestDateTime")) or None,
        deliver_by_latest=_str(deliver_by.get("latestDateTime")) or None,
        address=address,
        items=item_tuple,
        packages=tuple(_package(p) for p in packages if isinstance(p, dict)) if packages else (),
        problems=problems_of(
            status,
            address,
            item_tuple,
            marketplaces.is_known(marketplace_id),
            invalid_quantity=not readable,
        ),
    )


def _address(data: dict[str, Any]) -> DeliveryAddress | None:
    if not data:
        return None
    get = data.get
    return DeliveryAddress(
        name=_str(get("name")),
        company_name=_str(get("companyName")),
        line1=_str(get("addressLine1")),
        line2=_str(get("addressLine2")),
        line3=_str(get("addressLine3")),
        city=_str(get("city")),
        postal_code=_str(get("postalCode")),
        state_or_region=_str(get("stateOrRegion")),
        country_code=_str(get("countryCode")).upper(),
        phone=_str(get("phone")),
        address_type=_str(get("addressType")),
    )


def _item(data: dict[str, Any]) -> tuple[OrderItem, bool]:
    """The item, and whether its quantities could be read. An unreadable quantity is kept as
    0 (never guessed): the order is flagged and gets no label until Amazon sends it right."""
    product = _dict(data.get("product"))
    price = _dict(_dict(product.get("price")).get("unitPrice"))
    fulfillment = _dict(data.get("fulfillment"))
    quantity = _count(data.get("quantityOrdered"))
    raw_shipped = fulfillment.get("quantityFulfilled")
    shipped = None if raw_shipped is None else _count(raw_shipped)
    readable = quantity is not None and (
        raw_shipped is None or (shipped is not None and shipped <= quantity)
    )
    item = OrderItem(
        order_item_id=_str(data.get("orderItemId")),
        quantity=quantity or 0,
        seller_sku=_str(product.get("sellerSku")),
        asin=_str(product.get("asin")),
        title=_str(product.get("title")),
        quantity_shipped=shipped,
        unit_price=_str(price.get("amount")) or None,
        currency=_str(price.get("currencyCode")) or None,
    )
    return item, readable


def _package(data: dict[str, Any]) -> Package:
    return Package(
        package_reference_id=_str(data.get("packageReferenceId")),
        carrier=_str(data.get("carrier")),
        tracking_number=_str(data.get("trackingNumber")),
        ship_time=_str(data.get("shipTime")),
        status=_str(_dict(data.get("packageStatus")).get("status")),
    )
