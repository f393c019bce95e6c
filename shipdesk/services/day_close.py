"""Closing the day at carriers that take it (GLS's ConfirmMultiple): when the owner switched
it on, the day's labels are confirmed to the carrier once the chosen time has passed.

Off by default: GLS's own plugins never confirm, and whether GLS needs it is uncertain (see
the contract). Runs in the background beside the tracking uploads while the app is open.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field

from shipdesk.carriers.base import Carrier, CarrierError, CarrierRejected
from shipdesk.domain.shop_time import SHOP_TIME_ZONE
from shipdesk.services import carrier_account
from shipdesk.services.context import AppContext
from shipdesk.services.errors import KeychainUnavailable
from shipdesk.store import labels as label_store
from shipdesk.store import outbox
from shipdesk.store.orders import iso_z
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

ALERT = "carrier_confirm"  # its message is the carrier's key
REFUSED_ALERT = "carrier_confirm_refused"  # one label, named by its order; message: carrier


@dataclass
class DayClosed:
    confirmed: dict[str, int] = field(default_factory=dict)  # carrier -> labels confirmed
    failed: dict[str, str] = field(default_factory=dict)  # carrier -> why
    refused: dict[str, str] = field(default_factory=dict)  # order id -> why its label was not


def confirm_due(
    ctx: AppContext, cancel: threading.Event | None = None, *, now: dt.datetime | None = None
) -> DayClosed:
    """Confirm today's unconfirmed labels of each carrier whose chosen time has passed."""
    local = (now or dt.datetime.now(dt.UTC)).astimezone(SHOP_TIME_ZONE)
    start_of_day = iso_z(local.replace(hour=0, minute=0, second=0, microsecond=0))
    result = DayClosed()
    for key in carrier_account.connected(ctx):
        when = carrier_account.end_of_day(ctx, key)
        if when is None or local.time() < when:
            continue
        with ctx.connect() as db:
            labels = label_store.to_confirm(db, key, start_of_day)
        if not labels:
            continue
        client = carrier_account.client(ctx, key)
        numbers = [n for label in labels for n in label["carrier_label_ids"]]
        try:
            try:
                client.confirm(numbers, local.date(), cancel)
                confirmed = labels
            except CarrierRejected:
                if len(labels) == 1:
                    raise
                # One label the carrier refuses (deleted in its portal, say) must not hold
                # the day's others back: each on its own, the refused ones named.
                confirmed = _one_by_one(ctx, client, key, labels, local.date(), cancel, result)
        except (CarrierError, KeychainUnavailable) as exc:
            log.warning("%s: the day's labels not confirmed: %s", key, exc)
            result.failed[key] = str(exc)
            with ctx.connect() as db, write_transaction(db):
                open_ones = outbox.open_alerts(db)
                if not any(a["kind"] == ALERT and a["message"] == key for a in open_ones):
                    outbox.add_alert(db, ALERT, None, key)  # once, until it works again
            continue
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_carrier_confirmed(db, [label["id"] for label in confirmed])
            outbox.resolve_alerts_saying(db, ALERT, key)
        result.confirmed[key] = len(confirmed)
        log.info("%s: %d labels of today confirmed", key, len(confirmed))
    return result


def _one_by_one(
    ctx: AppContext,
    client: Carrier,
    key: str,
    labels: list[dict],
    day: dt.date,
    cancel: threading.Event | None,
    result: DayClosed,
) -> list[dict]:
    """Confirm each label alone; a refused one is set aside with an alert naming its order.
    Anything but a refusal (the carrier down) stops and is reported for the whole day."""
    confirmed = []
    for label in labels:
        try:
            client.confirm(label["carrier_label_ids"], day, cancel)
        except CarrierRejected as exc:
            log.warning("%s: label %s not confirmed: %s", key, label["id"], exc)
            result.refused[label["order_id"]] = str(exc)
            with ctx.connect() as db, write_transaction(db):
                label_store.mark_carrier_confirm_refused(db, label["id"], str(exc))
                outbox.add_alert(db, REFUSED_ALERT, label["order_id"], key)
            continue
        confirmed.append(label)
    return confirmed
