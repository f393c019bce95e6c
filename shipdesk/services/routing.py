"""The default carrier and the rules that send an order with another one, kept in SQLite."""

from __future__ import annotations

from collections.abc import Sequence

from shipdesk.carriers.registry import CARRIERS
from shipdesk.domain.orders import Order
from shipdesk.domain.routing import CarrierRule, choose_carrier
from shipdesk.services import carrier_account
from shipdesk.services.context import AppContext
from shipdesk.store import settings

DEFAULT_KEY = "carriers.default"
RULES_KEY = "carriers.rules"


def default_carrier(ctx: AppContext) -> str:
    """The carrier chosen as default when it is connected; else the first connected one;
    else the registry's first (so settings can be prepared before connecting)."""
    connected = carrier_account.connected(ctx)
    with ctx.connect() as db:
        chosen = settings.get(db, DEFAULT_KEY)
    if chosen in connected:
        return str(chosen)
    return connected[0] if connected else next(iter(CARRIERS))


def set_default_carrier(ctx: AppContext, key: str) -> None:
    if key not in CARRIERS:
        raise ValueError(f"unknown carrier {key!r}")
    with ctx.connect() as db:
        settings.put(db, DEFAULT_KEY, key)


def rules(ctx: AppContext) -> list[CarrierRule]:
    with ctx.connect() as db:
        stored = settings.get(db, RULES_KEY) or []
    found = [CarrierRule.from_json(item) for item in stored]
    return [rule for rule in found if rule is not None and rule.carrier in CARRIERS]


def save_rules(ctx: AppContext, value: Sequence[CarrierRule]) -> None:
    unknown = [rule.carrier for rule in value if rule.carrier not in CARRIERS]
    if unknown:
        raise ValueError(f"unknown carrier {unknown[0]!r}")
    with ctx.connect() as db:
        settings.put(db, RULES_KEY, [rule.to_json() for rule in value])


def carrier_for(ctx: AppContext, order: Order, weight_kg: float) -> str | None:
    """The carrier that ships this order by the rules; None while no carrier is connected."""
    return router(ctx)(order, weight_kg)


def router(ctx: AppContext):  # -> Callable[[Order, float], str | None]
    """`carrier_for`, with the rules, default and connections read once (for a batch)."""
    found_rules, default, connected = (
        rules(ctx),
        default_carrier(ctx),
        carrier_account.connected(ctx),
    )

    def route(order: Order, weight_kg: float) -> str | None:
        address = order.address
        return choose_carrier(
            found_rules,
            default,
            connected,
            country=address.country_code if address else "",
            marketplace_id=order.marketplace_id,
            weight_kg=weight_kg,
        )

    return route
