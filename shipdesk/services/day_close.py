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
from zoneinfo import ZoneInfo

from shipdesk.carriers.base import CarrierError
from shipdesk.services import carrier_account
from shipdesk.services.context import AppContext
from shipdesk.services.errors import KeychainUnavailable
from shipdesk.store import labels as label_store
from shipdesk.store import outbox
from shipdesk.store.orders import iso_z
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

SHOP_TIME_ZONE = ZoneInfo("Europe/Amsterdam")
ALERT = "carrier_confirm"  # its message is the carrier's key


@dataclass
class DayClosed:
    confirmed: dict[str, int] = field(default_factory=dict)  # carrier -> labels confirmed
    failed: dict[str, str] = field(default_factory=dict)  # carrier -> why


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
        numbers = [n for label in labels for n in label["carrier_label_ids"]]
        try:
            carrier_account.client(ctx, key).confirm(numbers, local.date(), cancel)
        except (CarrierError, KeychainUnavailable) as exc:
            log.warning("%s: the day's labels not confirmed: %s", key, exc)
            result.failed[key] = str(exc)
            with ctx.connect() as db, write_transaction(db):
                open_ones = outbox.open_alerts(db)
                if not any(a["kind"] == ALERT and a["message"] == key for a in open_ones):
                    outbox.add_alert(db, ALERT, None, key)  # once, until it works again
            continue
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_carrier_confirmed(db, [label["id"] for label in labels])
            outbox.resolve_alerts_saying(db, ALERT, key)
        result.confirmed[key] = len(labels)
        log.info("%s: %d labels of today confirmed", key, len(labels))
    return result
