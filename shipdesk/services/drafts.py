"""Draft labels for new orders, made from the Shipping Options settings (the seeds' step 3).

Runs after every import. Orders whose destination cannot be checked right now (the carrier
could not be reached) get no draft this time and are tried again on the next run, so a draft
is never made from guesses. A destination the carrier refuses outright (say, a postcode that
does not exist) will not get better by asking again: its orders get a draft that needs review,
with the carrier's reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from shipdesk.carriers.base import (
    CarrierAuthError,
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    NotConnected,
)
from shipdesk.carriers.registry import spec
from shipdesk.domain.labels import Draft, make_draft, recipient_type_for
from shipdesk.domain.options import Notice, choose_capability
from shipdesk.domain.product_defaults import ParcelGuess, guess
from shipdesk.domain.service_points import (
    AMAZON_PICKUP_POINT,
    ServicePoint,
    match_point,
    with_point,
)
from shipdesk.domain.shop_time import SHOP_TIME_ZONE
from shipdesk.keychain import KeychainUnavailable
from shipdesk.services import amazon_account, carrier_account, routing, shipping_settings
from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store import sku_defaults
from shipdesk.store.orders import StoredOrder, list_orders, order_from_row
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

CAPABILITY_CALLS = 4  # at a time: a first import of hundreds of orders has many destinations


@dataclass
class DraftResult:
    made: int = 0
    needs_review: int = 0
    removed: int = 0
    unchecked: int = 0  # capabilities could not be fetched: tried again next run
    skipped_reason: str = ""
    problems: list[str] = field(default_factory=list)


def _placed(created_time: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(created_time.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(SHOP_TIME_ZONE)


def make_drafts(
    ctx: AppContext,
    cancel: threading.Event | None = None,
    *,
    now: dt.datetime | None = None,
    order_ids: Sequence[str] | None = None,
    remake: bool = False,
    carrier: str | None = None,
) -> DraftResult:
    """Drafts for every order that needs one, when the shop has them made automatically; or,
    with `order_ids`, for those orders at the owner's request (whatever that switch says).
    `remake`: make the drafts that are still as the settings made them anew, from today's
    settings (each replaced in one transaction, and only once its new draft could be made);
    with `carrier`, those of that carrier only."""
    result = DraftResult()
    with ctx.connect() as db, write_transaction(db):
        result.removed = label_store.drop_drafts_of_cancelled_orders(db)
    drafts_on, _ = amazon_account.switches(ctx)
    if not drafts_on and order_ids is None and not remake:
        result.skipped_reason = "switched_off"
        return result
    if not carrier_account.connected(ctx):
        result.skipped_reason = "no_carrier"
        return result
    with ctx.connect() as db:
        if remake:
            pending, _ = label_store.drafts_from_settings(db, order_ids, carrier)
        else:
            pending = label_store.orders_needing_drafts(db, order_ids=order_ids)
    if not pending:
        return result
    local_now = (now or dt.datetime.now(dt.UTC)).astimezone(SHOP_TIME_ZONE)
    orders = [order_from_row(row) for row in list_orders_by_id(ctx, pending)]
    # Which carrier ships each order: the owner's rules, then the default carrier.
    route = routing.router(ctx)
    weight = shipping_settings.load(ctx).weight_kg
    with ctx.connect() as db:  # what is known of the orders' products, read once
        products = sku_defaults.for_skus(db, [i.seller_sku for o in orders for i in o.items])
    by_carrier: dict[str, list] = {}
    for order in orders:
        parcel = product_guess(order, products, weight)
        weighs = parcel.weight_kg if parcel else weight  # rules by weight see the real one
        by_carrier.setdefault(route(order, weighs) or "", []).append(order)
    for key, group in by_carrier.items():
        if key:
            _drafts_for(
                ctx, key, group, result, local_now, products=products, remake=remake, cancel=cancel
            )
    log.info(
        "drafts: %d made (%d need review), %d removed, %d unchecked",
        result.made,
        result.needs_review,
        result.removed,
        result.unchecked,
    )
    return result


def _drafts_for(
    ctx: AppContext,
    key: str,
    orders: list,
    result: DraftResult,
    local_now: dt.datetime,
    *,
    products: dict,
    remake: bool,
    cancel: threading.Event | None,
) -> None:
    """Drafts for the orders one carrier ships, from that carrier's settings (and what is known
    of their `products`)."""
    carrier = spec(key)
    try:
        carrier_account.client(ctx, key)  # its credentials can be read (the keychain is open)
    except KeychainUnavailable as exc:  # try again next run
        result.skipped_reason = "failed"
        result.problems.append(str(exc))
        return
    except NotConnected:
        result.unchecked += len(orders)
        return
    shipping = shipping_settings.load(ctx, key)
    sender = shipping_settings.sender(ctx, shipping)
    account = carrier_account.account_number(ctx, key)
    destinations = {order.order_id: _destination(order, shipping) for order in orders}
    known, refused, failures = _fetch_capabilities(
        ctx, key, {d for d in destinations.values() if d is not None}, cancel
    )
    result.problems += failures
    for order in orders:
        if cancel is not None and cancel.is_set():
            break
        destination = destinations[order.order_id]
        capabilities: list = []
        if destination is not None:
            if destination not in known and destination not in refused:
                result.unchecked += 1  # the carrier could not be asked: next run
                continue
            capabilities = known.get(destination, [])
        # What is known of its products (per SKU) goes before the shop's defaults.
        parcel = product_guess(order, products, shipping.weight_kg)
        this_order = shipping
        if parcel is not None:
            this_order = replace(
                shipping,
                parcel_type=parcel.parcel_type or shipping.parcel_type,
                weight_kg=parcel.weight_kg,
            )
        draft = make_draft(
            order,
            this_order,
            capabilities,
            carrier.limits,
            roles=carrier.roles,
            order_placed=_placed(order.created_time),
            now=local_now,
        )
        if destination in refused:  # the carrier's own reason, not a guess that it won't go
            kept = tuple(n for n in draft.review if n.code != "destination_not_served")
            reason = Notice("destination_refused", detail=refused[destination])
            draft = replace(draft, review=(*kept, reason))
        point = None
        if order.address is not None and order.address.address_type == AMAZON_PICKUP_POINT:
            draft, point = _to_pickup_point(ctx, key, order, draft, capabilities, cancel)
        with ctx.connect() as db, write_transaction(db):
            if remake:
                label_store.drop_draft_from_settings(db, order.order_id)
            added = label_store.insert_draft(
                db,
                draft,
                carrier=key,
                account_number=account,
                sender=sender,
                weight_kg=this_order.weight_kg,
                service_point=point.to_json() if point else None,
                pieces=parcel.pieces if parcel else 1,
            )
        if added:
            result.made += 1
            result.needs_review += bool(draft.review)


def product_guess(order, products: dict, default_weight_kg: float) -> ParcelGuess | None:
    """The order's parcel from its products' defaults (None when none of them is known)."""
    lines = [(item.seller_sku or "", item.quantity) for item in order.items]
    return guess(lines, products, default_weight_kg)


PICKUP_REVIEW = "pickup_point"  # the review reason of an order to a pickup point
PICKUP_SEARCH = 10  # points asked for around an Amazon pickup address


def _to_pickup_point(
    ctx: AppContext,
    key: str,
    order,
    draft: Draft,
    capabilities: list,
    cancel: threading.Event | None,
) -> tuple[Draft, ServicePoint | None]:
    """Amazon says the buyer collects this order at a pickup point: never silently to the
    door. The draft needs review, with the carrier's point that Amazon's address names chosen
    (the nearest whose postcode and house number, or name, match) when there is one."""
    address = order.address
    point = None
    try:
        client = carrier_account.client(ctx, key)
        near = client.service_points(
            address.country_code, address.postal_code, PICKUP_SEARCH, cancel
        )
        lines = (address.company_name, address.line1, address.line2, address.line3)
        point = match_point(lines, address.postal_code, near)
    except (CarrierError, KeychainUnavailable) as exc:
        log.info("pickup points for a pickup-point order could not be asked: %s", exc)
    options = None
    if point is not None:
        capability, _ = choose_capability(capabilities, draft.resolution.parcel_type or "")
        options = with_point(draft.resolution.options, point.id, spec(key).roles, capability)
    if options is None:
        point = None
    else:
        draft = replace(draft, resolution=replace(draft.resolution, options=tuple(options)))
    note = Notice(PICKUP_REVIEW, detail=point.name if point else "")
    return replace(draft, review=(*draft.review, note)), point


Destination = tuple[str, str, str]  # country, recipient type, postcode


def _destination(order, shipping) -> Destination | None:
    address = order.address
    if address is None or not address.country_code:
        return None
    return (address.country_code, recipient_type_for(order, shipping), address.postal_code)


def _fetch_capabilities(
    ctx: AppContext, key: str, destinations: set[Destination], cancel: threading.Event | None
) -> tuple[dict[Destination, list], dict[Destination, str], list[str]]:
    """Capabilities per destination, a few carrier calls at a time (most come from the
    cache); the carrier's reasons for destinations it refused; failures, reported."""
    known: dict[Destination, list] = {}
    refused: dict[Destination, str] = {}
    failures: list[str] = []
    # The carrier is down (or refuses our key): stop asking; these orders wait for next run.
    carrier_down = threading.Event()

    def fetch(destination: Destination) -> list:
        if carrier_down.is_set() or (cancel is not None and cancel.is_set()):
            raise CarrierUnavailable("not asked: the carrier failed just before")
        country, kind, postal = destination
        try:
            return carrier_account.capabilities(ctx, key, country, kind, postal, cancel)
        except (CarrierUnavailable, CarrierAuthError, NotConnected):
            carrier_down.set()
            raise
        except KeychainUnavailable as exc:  # its credentials cannot be read: next run
            carrier_down.set()
            raise CarrierUnavailable(str(exc)) from None

    with ThreadPoolExecutor(
        max_workers=CAPABILITY_CALLS, thread_name_prefix="capabilities"
    ) as pool:
        futures = {pool.submit(fetch, d): d for d in sorted(destinations)}
        for future, destination in futures.items():
            try:
                known[destination] = future.result()
            except CarrierRejected as exc:
                if not exc.about_destination():  # not this address: a failure, tried again
                    failures.append(str(exc))
                    log.warning("capabilities for %s/%s failed: %s", *destination[:2], exc)
                    continue
                refused[destination] = str(exc)
                log.info("capabilities for %s/%s refused: %s", destination[0], destination[1], exc)
            except CarrierError as exc:
                failures.append(str(exc))
                log.warning(
                    "capabilities for %s/%s failed: %s", destination[0], destination[1], exc
                )
    return known, refused, failures


def list_orders_by_id(ctx: AppContext, order_ids: list[str]) -> list[StoredOrder]:
    with ctx.connect() as db:
        return list_orders(db, order_ids)
