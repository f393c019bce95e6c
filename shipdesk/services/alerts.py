"""What needs the owner's attention now, each alert with a stable code, the orders it
concerns and (in the window, in the owner's words) what to do. Computed afresh from the data,
so an alert clears by itself once its cause is gone; acknowledging one hides it from the tray
until its orders change.

Codes (`CODES`): ship_by_late, ship_by_at_risk, cancelled_after_label, tracking_refused,
tracking_not_sent, not_scanned, tracking_not_activated, carrier_confirm,
carrier_confirm_refused, amazon_connection, carrier_connection, printer_gone, import_stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from shipdesk.carriers.registry import CARRIERS
from shipdesk.domain.shop_time import moment
from shipdesk.services import amazon_account, carrier_account
from shipdesk.services.context import AppContext
from shipdesk.store import outbox
from shipdesk.store import overview as facts
from shipdesk.store import settings as settings_store
from shipdesk.store.orders import iso_z
from shipdesk.store.transactions import write_transaction

ERROR, WARNING = "error", "warning"
CODES = (
    "ship_by_late",
    "ship_by_at_risk",
    "cancelled_after_label",
    "tracking_refused",
    "tracking_not_sent",
    "not_scanned",
    "tracking_not_activated",
    "carrier_confirm",
    "carrier_confirm_refused",
    "amazon_connection",
    "carrier_connection",
    "printer_gone",
    "import_stale",
)

# The owner's thresholds (settings keys, defaults).
SHIP_BY_HOURS = ("alerts.ship_by_hours", 4)  # due within this many hours, not printed
SCAN_HOURS = ("alerts.scan_hours", 24)  # printed this long ago, not scanned
IMPORT_MINUTES = ("alerts.import_minutes", 60)  # no orders fetched for this long
ACKNOWLEDGED = "alerts.acknowledged"
STORED_KINDS = {"tracking_upload": "tracking_refused"}  # the outbox's alerts, by our codes


@dataclass(frozen=True)
class Alert:
    code: str
    severity: str  # ERROR | WARNING
    orders: tuple[str, ...] = ()
    detail: str = ""  # the carrier key, printer name, error code or time it is about
    acknowledged: bool = False

    @property
    def key(self) -> str:
        """Stable while the problem lasts; new once its orders change."""
        digest = hashlib.sha1("\n".join(sorted(self.orders)).encode()).hexdigest()[:12]
        return f"{self.code}:{self.detail}:{digest}"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "orders": list(self.orders),
            "count": len(self.orders),
            "detail": self.detail,
            "todo": TODO[self.code],
            "acknowledged": self.acknowledged,
            "key": self.key,
        }


# What to do, in English (the window words each alert in the owner's language).
TODO = {
    "ship_by_late": "Print and hand these over now; Amazon counts them as late shipments.",
    "ship_by_at_risk": "Make and print their labels before the ship-by time.",
    "cancelled_after_label": "Do not ship: the buyer cancelled. Void the labels.",
    "tracking_refused": "Amazon refused the tracking number: see the Errors view in the "
    "Orders tab.",
    "tracking_not_sent": "The carrier has these parcels but Amazon has no tracking number: "
    "the Orders tab says why for each (Status and Attention).",
    "not_scanned": "Printed but not scanned by the carrier: check they were handed over.",
    "tracking_not_activated": "The carrier has scanned none of your parcels: ask your account "
    "manager to switch on tracking updates for your account.",
    "carrier_confirm": "The day's labels were not confirmed to the carrier: check the connection.",
    "carrier_confirm_refused": "The carrier refused the end-of-day confirmation of a label.",
    "amazon_connection": "The Amazon connection needs attention: see the Connections tab.",
    "carrier_connection": "The carrier connection needs attention: see the Connections tab.",
    "printer_gone": "The label printer is not there: check it, or choose another one.",
    "import_stale": "No orders were fetched from Amazon for a while: check the connection.",
}


def threshold(ctx: AppContext, setting: tuple[str, int]) -> int:
    key, default = setting
    with ctx.connect() as db:
        value = settings_store.get(db, key, default)
    return value if isinstance(value, int) and value > 0 else default


def set_threshold(ctx: AppContext, setting: tuple[str, int], value: int) -> None:
    if value <= 0:
        raise ValueError("a threshold is a positive number")
    with ctx.connect() as db, write_transaction(db):
        settings_store.put(db, setting[0], int(value))


def current(
    ctx: AppContext,
    now: dt.datetime | None = None,
    *,
    printers: Callable[[], Sequence[str]] | None = None,
) -> list[Alert]:
    """Every alert now, the most urgent first. `printers`: the printers there are, to tell
    a label printer that is gone (not asked when None)."""
    now = now or dt.datetime.now(dt.UTC)
    found = _about_orders(ctx, now) + _about_connections(ctx, now, printers)
    with ctx.connect() as db:
        acknowledged = settings_store.get(db, ACKNOWLEDGED, {}) or {}
    return [replace(a, acknowledged=a.key in acknowledged) for a in found]


def _about_orders(ctx: AppContext, now: dt.datetime) -> list[Alert]:
    soon = now + dt.timedelta(hours=threshold(ctx, SHIP_BY_HOURS))
    unscanned_since = now - dt.timedelta(hours=threshold(ctx, SCAN_HOURS))
    with ctx.connect() as db:
        due_soon = facts.to_print(db, iso_z(soon))
        cancelled = facts.cancelled_with_label(db)
        moving = facts.moving_without_tracking(db)
        unscanned = facts.printed_not_scanned(db, iso_z(unscanned_since))
        silent = {
            key
            for key, spec in CARRIERS.items()
            if spec.tracking_needs_activation
            and facts.carrier_never_scanned(db, key, iso_z(unscanned_since))
        }
        stored = outbox.open_alerts(db)
    moment_now = iso_z(now)  # stored moments compare as text: same format, UTC
    late = tuple(o.order_id for o in due_soon if o.ship_by and o.ship_by <= moment_now)
    at_risk = tuple(o.order_id for o in due_soon if not (o.ship_by and o.ship_by <= moment_now))
    alerts = [
        Alert("ship_by_late", ERROR, late),
        Alert("cancelled_after_label", ERROR, tuple(cancelled)),
    ]
    # The outbox's own alerts: refused uploads per order, carrier confirmations per carrier
    # (kept in the message).
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in stored:
        code = STORED_KINDS.get(row["kind"], row["kind"])
        detail = row["message"] if code.startswith("carrier_confirm") else ""
        grouped.setdefault((code, detail), []).extend(filter(None, [row["order_id"]]))
    alerts += [
        Alert(code, ERROR, tuple(dict.fromkeys(ids)), detail)
        for (code, detail), ids in grouped.items()
    ]
    alerts += [
        Alert("tracking_not_sent", ERROR, tuple(moving)),
        Alert("ship_by_at_risk", WARNING, at_risk),
        Alert(
            "not_scanned",
            WARNING,
            tuple(order for order, carrier in unscanned if carrier not in silent),
        ),
    ]
    alerts += [
        Alert(
            "tracking_not_activated",
            WARNING,
            tuple(order for order, carrier in unscanned if carrier == key),
            key,
        )
        for key in sorted(silent)
    ]
    return [a for a in alerts if a.orders or a.detail]


def _about_connections(
    ctx: AppContext,
    now: dt.datetime,
    printers: Callable[[], Sequence[str]] | None,
) -> list[Alert]:
    alerts = []
    amazon = amazon_account.status(ctx)
    if amazon.state == amazon_account.ERROR:
        alerts.append(Alert("amazon_connection", ERROR, (), amazon.error_code or "error"))
    for carrier in carrier_account.statuses(ctx):
        if carrier.state == carrier_account.ERROR:
            alerts.append(Alert("carrier_connection", ERROR, (), carrier.carrier))
    if printers is not None:
        from shipdesk.services.print_settings import load_settings

        chosen = load_settings(ctx).label_printer
        if chosen and chosen not in set(printers()):
            alerts.append(Alert("printer_gone", ERROR, (), chosen))
    # ShipDesk fetches orders every few minutes while it runs: a long silence is worth saying.
    if amazon.state == amazon_account.CONNECTED:
        with ctx.connect() as db:
            last = moment(facts.last_import(db))
        quiet = dt.timedelta(minutes=threshold(ctx, IMPORT_MINUTES))
        if last is None or now - last > quiet:
            alerts.append(Alert("import_stale", WARNING, (), iso_z(last) if last else "never"))
    return alerts


def acknowledge(ctx: AppContext, keys: Sequence[str], now: dt.datetime | None = None) -> None:
    """Hide these alerts from the tray until their orders change (they stay on the Overview,
    marked as seen). Keys of alerts that are gone are forgotten."""
    live = {a.key for a in current(ctx, now)}
    stamp = iso_z(now or dt.datetime.now(dt.UTC))
    with ctx.connect() as db, write_transaction(db):
        known = settings_store.get(db, ACKNOWLEDGED, {}) or {}
        kept = {k: v for k, v in known.items() if k in live}
        kept.update({k: stamp for k in keys})
        settings_store.put(db, ACKNOWLEDGED, kept)
