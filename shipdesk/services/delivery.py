"""Where the parcels are: the carriers' track & trace, followed for every label handed over
until it is delivered, in the background (and by `shipdesk tracking refresh`).

The delivery time is what "30 days after delivery" counts from (Amazon's Data Protection
Policy); the status shows in the Orders tab and the label window. What carriers answer is
untrusted: times are read as instants or dropped, texts kept short and plain.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from shipdesk.carriers.base import (
    DELIVERED,
    IN_TRANSIT,
    NOT_SCANNED,
    PROBLEM,
    CarrierError,
    Tracking,
)
from shipdesk.services import carrier_account
from shipdesk.services.context import AppContext
from shipdesk.services.errors import KeychainUnavailable
from shipdesk.store import labels as label_store
from shipdesk.store.orders import iso_z
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

ASK_EVERY = dt.timedelta(hours=1)  # a parcel's status is asked for at most this often
FOLLOW_FOR = dt.timedelta(days=45)  # labels made longer ago are no longer followed
PER_ROUND = 400  # labels per carrier per round; the clients batch within the carrier's limits
EVENT_CHARS = 200
DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


@dataclass
class DeliveryRound:
    checked: int = 0  # labels the carriers answered for
    in_transit: int = 0
    delivered: int = 0  # newly delivered this round
    problems: list[str] = field(default_factory=list)  # order ids whose parcel has a problem
    failed: dict[str, str] = field(default_factory=dict)  # carrier -> why it was not asked


def refresh(
    ctx: AppContext,
    cancel: threading.Event | None = None,
    *,
    now: dt.datetime | None = None,
    every: dt.timedelta = ASK_EVERY,
) -> DeliveryRound:
    """One round: ask each connected carrier about its labels due a look."""
    now = now or dt.datetime.now(dt.UTC)
    result = DeliveryRound()
    for key in carrier_account.connected(ctx):
        if cancel is not None and cancel.is_set():
            break
        with ctx.connect() as db:
            labels = label_store.to_follow(
                db, key, iso_z(now - every), iso_z(now - FOLLOW_FOR), PER_ROUND
            )
        if not labels:
            continue
        codes = [code for label in labels for code in label["tracker_codes"]]
        try:
            found = carrier_account.client(ctx, key).track(codes, cancel)
        except (CarrierError, KeychainUnavailable) as exc:
            # Down or rate limiting: nothing is marked asked, so the next round asks again.
            log.warning("%s track & trace not read: %s", key, exc)
            result.failed[key] = str(exc)
            continue
        _record(ctx, labels, {t.tracker_code: t for t in found}, iso_z(now), result)
    log.info(
        "delivery round: %d checked, %d newly delivered, %d with a problem",
        result.checked,
        result.delivered,
        len(result.problems),
    )
    return result


def _record(
    ctx: AppContext,
    labels: list[dict],
    by_code: dict[str, Tracking],
    checked_at: str,
    result: DeliveryRound,
) -> None:
    unknown = []
    with ctx.connect() as db, write_transaction(db):
        for label in labels:
            parcels = [by_code[c] for c in label["tracker_codes"] if c in by_code]
            if not parcels:  # the carrier does not know it (yet): asked, nothing to say
                unknown.append(label["id"])
                continue
            status, first_scan, delivered_at, event = parcel_summary(
                parcels, len(label["tracker_codes"])
            )
            label_store.record_delivery(
                db,
                label["id"],
                status=status,
                first_scan_at=first_scan,
                delivered_at=delivered_at,
                event=event,
                checked_at=checked_at,
            )
            result.checked += 1
            if status == DELIVERED:  # only undelivered labels are followed: newly delivered
                result.delivered += 1
            elif status == IN_TRANSIT:
                result.in_transit += 1
            elif status == PROBLEM:
                result.problems.append(label["order_id"])
        label_store.mark_checked(db, unknown, checked_at)


def parcel_summary(
    parcels: list[Tracking], expected: int
) -> tuple[str, str | None, str | None, str]:
    """One status for a label of several parcels: a problem on any shows; delivered only when
    every parcel is (at the last one's time); the first scan of any; the latest event."""
    statuses = {p.status for p in parcels}
    delivered_times = [_instant(p.delivered_at) for p in parcels if p.status == DELIVERED]
    if PROBLEM in statuses:
        status = PROBLEM
    elif statuses == {DELIVERED} and len(parcels) == expected and all(delivered_times):
        status = DELIVERED
    elif statuses & {IN_TRANSIT, DELIVERED}:
        status = IN_TRANSIT
    else:
        status = NOT_SCANNED
    events = sorted(
        ((_instant(e.timestamp), e) for p in parcels for e in p.events if _instant(e.timestamp)),
        key=lambda pair: pair[0] or "",
    )
    scans = [at for at, e in events if e.category.upper() not in ("", "DATA_RECEIVED")]
    latest = events[-1][1] if events else None
    words = " ".join(str(latest.status).split())[:EVENT_CHARS] if latest else ""
    delivered_at = max(t for t in delivered_times if t) if status == DELIVERED else None
    return status, (scans[0] if scans else None), delivered_at, words


def _instant(text: object) -> str | None:
    """A carrier's time as an instant (UTC, ISO 8601), or None when it is not one."""
    try:
        moment = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # the Dutch carriers give local times without an offset
        moment = moment.replace(tzinfo=DUTCH_TIME)
    return iso_z(moment)
