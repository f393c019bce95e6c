"""Tracking numbers back to Amazon: an outbox, and a worker that empties it.

Printing a label (or marking it shipped) puts a confirmation in the outbox, committed with the
print. The worker sends due entries with confirmShipment at Amazon's 2/s, retries with growing
backoff across restarts, and counts Amazon's "already confirmed" answer as done, so nothing is
sent twice for real and nothing is lost. An entry Amazon refuses for good needs a person: it
is shown on the order and raised as an alert.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from shipdesk.amazon.client import SpApiClient
from shipdesk.amazon.errors import AmazonError, RequestRejected
from shipdesk.amazon.shipments import PackageConfirmation, already_confirmed, confirm_shipment
from shipdesk.carriers.registry import CARRIERS, CarrierSpec
from shipdesk.domain.orders import ITEM_PROBLEMS
from shipdesk.services import amazon_account, carrier_account
from shipdesk.services.carrier_account import TrackingRule
from shipdesk.services.context import AppContext
from shipdesk.store import labels as label_store
from shipdesk.store import outbox
from shipdesk.store.connection import Database
from shipdesk.store.labels import Label
from shipdesk.store.orders import iso_z, list_orders
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # about a day of retries before a person is asked to look
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=4)
LEASE = dt.timedelta(minutes=10)  # an upload run never takes this long for its batch
# Connection problems stop a run without counting against the entries: they are not theirs.
CONNECTION_CODES = amazon_account.CONNECTION_ERRORS | {"not_connected"}


def next_attempt(attempts: int, now: dt.datetime, rng: random.Random | None = None) -> str:
    delay = min(LONGEST_RETRY, FIRST_RETRY * (2**attempts))
    jitter = (rng or random).uniform(0.8, 1.2)
    return iso_z(now + delay * jitter)


@dataclass
class UploadResult:
    due: int = 0
    confirmed: int = 0  # accepted now, or found already confirmed
    retrying: int = 0
    needs_attention: int = 0
    stopped: str = ""  # why the run stopped early (a connection problem)


@dataclass
class Queued:
    added: int = 0  # confirmations newly in the outbox (a label already queued adds none)
    nothing_left: list[str] = field(default_factory=list)  # orders Amazon has as all shipped
    unsendable: list[str] = field(default_factory=list)  # orders Amazon cannot be told about


def enqueue_labels(ctx: AppContext, label_ids: Sequence[int]) -> Queued:
    """Queue a confirmation per created label (once per label, however often it is printed)."""
    chosen = rules(ctx)
    with ctx.connect() as db, write_transaction(db):
        return enqueue(db, label_ids, chosen)


def rules(ctx: AppContext) -> dict[str, TrackingRule]:
    """Each carrier's tracking choices (read before a write transaction that queues)."""
    return {key: carrier_account.tracking_rule(ctx, key) for key in CARRIERS}


def enqueue(
    db: Database,
    label_ids: Sequence[int],
    rules: Mapping[str, TrackingRule] | None = None,
) -> Queued:
    """The same inside the caller's write transaction, so that a label is never marked printed
    without its confirmation queued (or the other way round). Shipped today, as Amazon hears.
    `rules`: each carrier's choice of number and grace (its defaults where not given)."""
    moment = dt.datetime.now(dt.UTC)
    when = iso_z(moment)
    queued = Queued()
    labels = [
        label
        for label in label_store.get_labels(db, label_ids)
        if label.tracker_codes and label.state in ("created", "printed")
    ]
    orders = {o.order_id: o for o in list_orders(db, [lb.order_id for lb in labels])}
    for label in labels:
        order = orders.get(label.order_id)
        carrier = CARRIERS.get(label.carrier)
        if (
            order is None
            or not order.marketplace_id
            or carrier is None
            or not order.items
            or ITEM_PROBLEMS.intersection(order.problems)
        ):
            # Never fail the print this runs inside: the paper is out. Said, and logged.
            log.warning("label %s: Amazon cannot be told (order, marketplace, items or carrier "
                        "unknown)", label.id)  # fmt: skip
            queued.unsendable.append(label.order_id)
            continue
        # Only what is still to ship: Amazon refuses a quantity above what is left, counting
        # what it accepted from us since the last import (a voided label's number, say).
        known = [p["package_reference_id"] for p in order.packages]
        accepted = outbox.confirmed_not_imported(db, label.order_id, known)
        items = [
            {"orderItemId": i.order_item_id, "quantity": left}
            for i in order.items
            if (
                left := i.quantity
                - (i.quantity_shipped or 0)
                - accepted.get(str(i.order_item_id), 0)
            )
            > 0
        ]
        if not items:  # Amazon has every item as shipped (say, confirmed in Seller Central)
            label_store.mark_confirmed(db, label.id)
            queued.nothing_left.append(label.order_id)
            continue
        rule = (rules or {}).get(label.carrier) or default_rule(carrier)
        packages = spread_units(items, len(label.tracker_codes))
        for parcel, package_items in enumerate(packages):
            queued.added += outbox.enqueue(
                db,
                {
                    "order_id": label.order_id,
                    "label_id": label.id,
                    "parcel": parcel,
                    "marketplace_id": order.marketplace_id,
                    "carrier_code": carrier.amazon_carrier_code,
                    "carrier_name": carrier.amazon_carrier_name,
                    "shipping_method": label.product or None,
                    "tracking_number": parcel_number(label, rule.number, parcel),
                    "ship_date": when,
                    "not_before": iso_z(moment + dt.timedelta(minutes=rule.grace_minutes)),
                    "items": package_items,
                    "known_references": known,
                },
            )
    return queued


def spread_units(items: list[dict], parcels: int) -> list[list[dict]]:
    """The units still to ship spread over the parcels, one Amazon package each, in order and
    as evenly as whole units go: 5 units in 2 parcels are 2 + 3. With fewer units than
    parcels, one package per unit: the other parcels' numbers stay in ShipDesk (and on the
    packing slip), as Amazon takes no package without an item."""
    units = [item["orderItemId"] for item in items for _ in range(int(item["quantity"]))]
    count = max(1, min(parcels, len(units)))
    packages = []
    for n in range(count):
        share = units[n * len(units) // count : (n + 1) * len(units) // count]
        packages.append(
            [{"orderItemId": item, "quantity": share.count(item)} for item in dict.fromkeys(share)]
        )
    return packages


def default_rule(carrier: CarrierSpec) -> TrackingRule:
    return TrackingRule(carrier.tracking_after, carrier.tracking_numbers[0])


def parcel_number(label: Label, kind: str, parcel: int = 0) -> str:
    """A parcel's number of the kind Amazon gets (the main one unless chosen)."""
    numbers = label.parcel_numbers or []
    if parcel < len(numbers) and isinstance(numbers[parcel], dict) and numbers[parcel].get(kind):
        return str(numbers[parcel][kind])
    codes = label.tracker_codes
    return codes[parcel] if parcel < len(codes) else codes[0]


def _confirmation(entry: dict) -> PackageConfirmation:
    return PackageConfirmation(
        order_id=entry["order_id"],
        marketplace_id=entry["marketplace_id"],
        package_reference_id=entry["package_reference_id"],
        carrier_code=entry["carrier_code"],
        carrier_name=entry["carrier_name"],
        shipping_method=entry["shipping_method"],
        tracking_number=entry["tracking_number"],
        ship_date=entry["ship_date"],
        items=tuple((i["orderItemId"], int(i["quantity"])) for i in entry["items"]),
    )


def upload_due(
    ctx: AppContext,
    progress: Callable[[UploadResult], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    now: dt.datetime | None = None,
) -> UploadResult:
    moment = now or dt.datetime.now(dt.UTC)
    with ctx.connect() as db, write_transaction(db):
        entries = outbox.claim_due(db, iso_z(moment), iso_z(moment + LEASE))
    result = UploadResult(due=len(entries))
    if not entries:
        return result
    # The outbox retries for days; within one run a few quick attempts are enough.
    api = SpApiClient(
        ctx.endpoint("amazon") or "",
        amazon_account.token_source(ctx),
        limiter=ctx.amazon_limiter,
        retry=replace(ctx.retry, max_attempts=min(ctx.retry.max_attempts, 3)),
    )
    handled: set[int] = set()
    for entry in entries:
        if cancel is not None and cancel.is_set():
            break
        handled.add(entry["id"])
        try:
            confirm_shipment(api, _confirmation(entry), cancel)
        except RequestRejected as exc:
            if already_confirmed(exc, entry["tracking_number"]):
                _done(ctx, entry)
                result.confirmed += 1
            else:
                _needs_attention(ctx, entry, str(exc))
                result.needs_attention += 1
        except AmazonError as exc:
            if exc.code in CONNECTION_CODES:
                amazon_account.record_status(ctx, amazon_account.ERROR, error=exc)
                result.stopped = exc.code
                handled.discard(entry["id"])
                break
            _retry_later(ctx, entry, str(exc), moment)
            result.retrying += 1
        else:
            _done(ctx, entry)
            result.confirmed += 1
        if progress is not None:
            progress(result)
    untouched = [e["id"] for e in entries if e["id"] not in handled]
    if untouched:  # cancelled or stopped: due again at once, not after the lease
        with ctx.connect() as db, write_transaction(db):
            outbox.release(db, untouched, iso_z(moment))
    log.info(
        "tracking upload: %d due, %d confirmed, %d retrying, %d need attention%s",
        result.due, result.confirmed, result.retrying, result.needs_attention,
        f", stopped ({result.stopped})" if result.stopped else "",
    )  # fmt: skip
    return result


def _done(ctx: AppContext, entry: dict) -> None:
    with ctx.connect() as db, write_transaction(db):
        outbox.mark_done(db, entry["id"])
        if entry["label_id"]:
            label_store.mark_confirmed(db, entry["label_id"])
        outbox.resolve_alerts(db, "tracking_upload", entry["order_id"])


def _retry_later(ctx: AppContext, entry: dict, error: str, now: dt.datetime) -> None:
    with ctx.connect() as db, write_transaction(db):
        if entry["attempts"] + 1 >= MAX_ATTEMPTS:
            outbox.needs_attention(db, entry["id"], error)
            outbox.add_alert(db, "tracking_upload", entry["order_id"], error)
        else:
            outbox.reschedule(db, entry["id"], next_attempt(entry["attempts"] + 1, now), error)


def _needs_attention(ctx: AppContext, entry: dict, error: str) -> None:
    with ctx.connect() as db, write_transaction(db):
        outbox.needs_attention(db, entry["id"], error)
        outbox.add_alert(db, "tracking_upload", entry["order_id"], error)


def retry_attention(ctx: AppContext, order_ids: Sequence[str] | None = None) -> int:
    """Send refused confirmations again (after the owner fixed the cause)."""
    with ctx.connect() as db, write_transaction(db):
        where, args = "state = 'needs_attention'", []
        if order_ids:
            where += f" AND order_id IN ({','.join('?' * len(order_ids))})"
            args = list(order_ids)
        ids = [r[0] for r in db.execute(f"SELECT id FROM tracking_outbox WHERE {where}", args)]
        outbox.retry(db, ids)
    return len(ids)


def status(ctx: AppContext) -> dict[str, int]:
    with ctx.connect() as db:
        return outbox.counts(db)
