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
from zoneinfo import ZoneInfo

from shipdesk.carriers.base import (
    CarrierAuthError,
    CarrierError,
    CarrierRejected,
    CarrierUnavailable,
    NotConnected,
)
from shipdesk.domain.labels import make_draft, recipient_type_for
from shipdesk.domain.options import Notice
from shipdesk.keychain import KeychainUnavailable
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders, order_from_row
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

SHOP_TIME_ZONE = ZoneInfo("Europe/Amsterdam")  # DHL Parcel NL / GLS NL: Dutch shops
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
) -> DraftResult:
    """Drafts for every order that needs one, when the shop has them made automatically; or,
    with `order_ids`, for those orders at the owner's request (whatever that switch says).
    `remake`: make the drafts that are still as the settings made them anew, from today's
    settings (each replaced in one transaction, and only once its new draft could be made)."""
    result = DraftResult()
    with ctx.connect() as db, write_transaction(db):
        result.removed = label_store.drop_drafts_of_cancelled_orders(db)
    drafts_on, _ = amazon_account.switches(ctx)
    if not drafts_on and order_ids is None and not remake:
        result.skipped_reason = "switched_off"
        return result
    try:
        client = carrier_account.carrier(ctx)
    except NotConnected:
        result.skipped_reason = "no_carrier"
        return result
    except KeychainUnavailable as exc:  # the DHL key cannot be read: try again next run
        result.skipped_reason = "failed"
        result.problems.append(str(exc))
        return result
    with ctx.connect() as db:
        if remake:
            pending, _ = label_store.drafts_from_settings(db, order_ids)
        else:
            pending = label_store.orders_needing_drafts(db, order_ids=order_ids)
    if not pending:
        return result
    shipping = shipping_settings.load(ctx)
    sender = shipping_settings.sender(ctx, shipping)
    account = carrier_account.account_number(ctx)
    local_now = (now or dt.datetime.now(dt.UTC)).astimezone(SHOP_TIME_ZONE)
    orders = [order_from_row(row) for row in list_orders_by_id(ctx, pending)]
    destinations = {order.order_id: _destination(order, shipping) for order in orders}
    known, refused, failures = _fetch_capabilities(ctx, set(destinations.values()) - {None}, cancel)
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
        draft = make_draft(
            order,
            shipping,
            capabilities,
            client.limits,
            order_placed=_placed(order.created_time),
            now=local_now,
        )
        if destination in refused:  # the carrier's own reason, not a guess that it won't go
            kept = tuple(n for n in draft.review if n.code != "destination_not_served")
            reason = Notice("destination_refused", detail=refused[destination])
            draft = replace(draft, review=(*kept, reason))
        with ctx.connect() as db, write_transaction(db):
            if remake:
                label_store.drop_draft_from_settings(db, order.order_id)
            added = label_store.insert_draft(
                db,
                draft,
                carrier="dhl",
                account_number=account,
                sender=sender,
                weight_kg=shipping.weight_kg,
            )
        if added:
            result.made += 1
            result.needs_review += bool(draft.review)
    log.info(
        "drafts: %d made (%d need review), %d removed, %d unchecked",
        result.made,
        result.needs_review,
        result.removed,
        result.unchecked,
    )
    return result


Destination = tuple[str, str, str]  # country, recipient type, postcode


def _destination(order, shipping) -> Destination | None:
    address = order.address
    if address is None or not address.country_code:
        return None
    return (address.country_code, recipient_type_for(order, shipping), address.postal_code)


def _fetch_capabilities(
    ctx: AppContext, destinations: set[Destination], cancel: threading.Event | None
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
            return carrier_account.capabilities(ctx, country, kind, postal, cancel)
        except (CarrierUnavailable, CarrierAuthError):
            carrier_down.set()
            raise

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


def list_orders_by_id(ctx: AppContext, order_ids: list[str]) -> list[dict]:
    with ctx.connect() as db:
        return list_orders(db, order_ids)
