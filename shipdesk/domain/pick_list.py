"""The pick list: what to take from the shelves for a selection of orders, per SKU.

Pure data (no Qt, no store): the services feed it the orders (domain Orders, their items).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shipdesk.domain.orders import Order

# Orders nothing is picked for: Amazon cancelled them, or they are gone already.
NOT_PICKED = frozenset({"CANCELLED", "UNFULFILLABLE", "SHIPPED"})


@dataclass(frozen=True)
class PickLine:
    sku: str  # the seller's SKU ("" when Amazon gave none: then the ASIN stands in)
    title: str
    quantity: int  # units to take
    orders: int  # in how many of the orders


@dataclass(frozen=True)
class PickList:
    lines: tuple[PickLine, ...]
    orders: tuple[str, ...]  # the orders picked for
    left_out: tuple[str, ...]  # named but not picked for (cancelled, shipped, unknown)

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


def pick_list(named: Iterable[str], orders: Iterable[Order]) -> PickList:
    """The lines for the orders named, summed per SKU (ASIN where there is no SKU) and sorted
    by SKU, the way a shelf is usually ordered."""
    by_id = {order.order_id: order for order in orders}
    picked, left_out = [], []
    totals: dict[str, list[Any]] = {}
    for order_id in dict.fromkeys(named):
        order = by_id.get(order_id)
        if order is None or order.status in NOT_PICKED:
            left_out.append(order_id)
            continue
        picked.append(order_id)
        seen: set[str] = set()
        for item in order.items:
            key = item.seller_sku.strip() or item.asin.strip()
            entry = totals.setdefault(key, [item.title, 0, 0])
            entry[1] += int(item.quantity or 0)
            if key not in seen:
                entry[2] += 1
                seen.add(key)
    lines = tuple(
        PickLine(sku, title, quantity, count)
        for sku, (title, quantity, count) in sorted(totals.items(), key=lambda kv: kv[0].lower())
        if quantity > 0
    )
    return PickList(lines, tuple(picked), tuple(left_out))
