"""Draft labels for new orders, made from the Shipping Options settings (the seeds' step 3).

Runs after every import. Orders whose destination cannot be checked right now (the carrier's
capabilities call failed) get no draft this time and are tried again on the next run, so a
draft is never made from guesses.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from shipdesk.carriers.base import CarrierError, NotConnected
from shipdesk.domain.labels import make_draft, recipient_type_for
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders, order_from_row
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

SHOP_TIME_ZONE = ZoneInfo("Europe/Amsterdam")  # DHL Parcel NL / GLS NL: Dutch shops


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
) -> DraftResult:
    result = DraftResult()
    with ctx.connect() as db, write_transaction(db):
        result.removed = label_store.drop_drafts_of_cancelled_orders(db)
    drafts_on, _ = amazon_account.switches(ctx)
    if not drafts_on:
        result.skipped_reason = "switched_off"
        return result
    try:
        client = carrier_account.carrier(ctx)
    except NotConnected:
        result.skipped_reason = "no_carrier"
        return result
    with ctx.connect() as db:
        pending = label_store.orders_needing_drafts(db)
    if not pending:
        return result
    shipping = shipping_settings.load(ctx)
    sender = shipping_settings.sender(ctx, shipping)
    account = carrier_account.account_number(ctx)
    local_now = (now or dt.datetime.now(dt.UTC)).astimezone(SHOP_TIME_ZONE)
    failed_destinations: set[tuple[str, str, str]] = set()
    for row in list_orders_by_id(ctx, pending):
        if cancel is not None and cancel.is_set():
            break
        order = order_from_row(row)
        recipient_type = recipient_type_for(order, shipping)
        address = order.address
        country = address.country_code if address else ""
        postal = address.postal_code if address else ""
        destination = (country, recipient_type, postal)
        capabilities = []
        if address is not None and country:
            if destination in failed_destinations:
                result.unchecked += 1
                continue
            try:
                capabilities = carrier_account.capabilities(
                    ctx, country, recipient_type, postal, cancel
                )
            except CarrierError as exc:
                failed_destinations.add(destination)
                result.unchecked += 1
                result.problems.append(str(exc))
                log.warning("capabilities for %s/%s failed: %s", country, recipient_type, exc)
                continue
        draft = make_draft(
            order,
            shipping,
            capabilities,
            client.limits,
            order_placed=_placed(order.created_time),
            now=local_now,
        )
        with ctx.connect() as db, write_transaction(db):
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


def list_orders_by_id(ctx: AppContext, order_ids: list[str]) -> list[dict]:
    with ctx.connect() as db:
        return list_orders(db, order_ids)
