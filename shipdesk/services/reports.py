"""Reports over a period of the shop's days: parcels per day, late shipments and the Late
Shipment Rate, tracking sent and the Valid Tracking Rate as ShipDesk can tell them, the time
from order to label to first scan to delivery, and returns; per carrier and marketplace.

Amazon judges a shop on these (contracts/amazon.md): Late Shipment Rate under 4 %, Valid
Tracking Rate at least 95 %. ShipDesk counts them from what it knows, days before Amazon's own
dashboard shows them:
- an order is *due* on the day of its ship-by moment; it is *late* when Amazon accepted its
  shipment after that moment, or it is still not shipped once the moment passed. Orders shipped
  outside ShipDesk (Amazon has them as shipped, ShipDesk sent nothing) are counted apart;
- a *confirmation* is a label whose tracking number Amazon accepted that day; its tracking is
  *valid* once the carrier scanned the parcel and Amazon had the number before delivery. One
  not scanned yet is *awaiting* for `SCAN_WAIT` (left out of the rate), and a defect after;
- tracking is *sent on time* when it went out by the end of the day its label was printed (or
  made, for a carrier whose number goes at once).
No buyer data is read: the reports stay whole after it is erased.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from shipdesk.domain.shop_time import SHOP_TIME_ZONE, day_start, days, local_date_sql, local_day
from shipdesk.services.context import AppContext
from shipdesk.store import reports as facts
from shipdesk.store.orders import iso_z

LATE_SHIPMENT_LIMIT = 0.04  # Amazon: under 4 %
VALID_TRACKING_TARGET = 0.95  # Amazon: at least 95 %
SCAN_WAIT = dt.timedelta(days=3)  # a confirmed parcel not scanned after this is a defect
DEFAULT_DAYS = 30
REPORT_CACHE_KIB = 32 * 1024
WAITING = ("UNSHIPPED", "PARTIALLY_SHIPPED")


@dataclass
class Counts:
    parcels: int = 0  # parcels of the labels made
    labels: int = 0  # labels made (and not voided)
    due: int = 0  # orders due that count towards the Late Shipment Rate
    late: int = 0
    shipped_elsewhere: int = 0  # due, shipped outside ShipDesk: not counted
    confirmed: int = 0  # labels whose tracking Amazon accepted
    valid: int = 0
    awaiting_scan: int = 0  # confirmed, not scanned yet (not counted in the rate)
    sent_on_time: int = 0
    returns: int = 0

    @property
    def late_rate(self) -> float | None:
        return self.late / self.due if self.due else None

    @property
    def valid_rate(self) -> float | None:
        judged = self.confirmed - self.awaiting_scan
        return self.valid / judged if judged else None

    def to_json(self) -> dict[str, Any]:
        return {
            "parcels": self.parcels,
            "labels": self.labels,
            "lateShipments": {
                "due": self.due,
                "late": self.late,
                "rate": self.late_rate,
                "shippedElsewhere": self.shipped_elsewhere,
            },
            "tracking": {
                "confirmed": self.confirmed,
                "valid": self.valid,
                "awaitingScan": self.awaiting_scan,
                "sentOnTime": self.sent_on_time,
                "validRate": self.valid_rate,
            },
            "returns": self.returns,
        }


@dataclass
class Report:
    first: dt.date
    last: dt.date
    now: dt.datetime
    total: Counts = field(default_factory=Counts)
    carriers: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    marketplaces: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    days: dict[dt.date, Counts] = field(default_factory=lambda: defaultdict(Counts))
    day_carriers: dict[tuple[dt.date, str], Counts] = field(
        default_factory=lambda: defaultdict(Counts)
    )
    # Median hours from one step to the next, over the labels made in the period.
    times: dict[str, float | None] = field(default_factory=dict)

    def day_list(self) -> list[tuple[dt.date, Counts]]:
        """Every day of the period with its counts (empty days too, for the charts)."""
        return [(day, self.days.get(day, Counts())) for day in days(self.first, self.last)]

    def carrier_keys(self) -> list[str]:
        return sorted(self.carriers)

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "timeZone": str(SHOP_TIME_ZONE),
            "now": iso_z(self.now),
            "thresholds": {
                "lateShipmentRate": LATE_SHIPMENT_LIMIT,
                "validTrackingRate": VALID_TRACKING_TARGET,
            },
            **self.total.to_json(),
            "carriers": {k: v.to_json() for k, v in sorted(self.carriers.items())},
            "marketplaces": {k: v.to_json() for k, v in sorted(self.marketplaces.items())},
            "days": [
                {
                    "date": day.isoformat(),
                    **counts.to_json(),
                    "carriers": {
                        c: self.day_carriers[(day, c)].to_json()
                        for c in self.carrier_keys()
                        if (day, c) in self.day_carriers
                    },
                }
                for day, counts in self.day_list()
            ],
            "medianHours": self.times,
        }

    def csv(self) -> str:
        """One line per day and carrier (and one per day for all carriers), for a spreadsheet."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "date",
                "carrier",
                "parcels",
                "labels",
                "due",
                "late",
                "late_shipment_rate",
                "confirmed",
                "valid_tracking",
                "awaiting_scan",
                "valid_tracking_rate",
                "tracking_sent_on_time",
                "returns",
            ]
        )
        for day, counts in self.day_list():
            rows = [("all", counts)] + [
                (c, self.day_carriers[(day, c)])
                for c in self.carrier_keys()
                if (day, c) in self.day_carriers
            ]
            for carrier, c in rows:
                writer.writerow(
                    [
                        day.isoformat(),
                        carrier,
                        c.parcels,
                        c.labels,
                        c.due,
                        c.late,
                        _ratio(c.late_rate),
                        c.confirmed,
                        c.valid,
                        c.awaiting_scan,
                        _ratio(c.valid_rate),
                        c.sent_on_time,
                        c.returns,
                    ]
                )
        return out.getvalue()


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def default_period(now: dt.datetime) -> tuple[dt.date, dt.date]:
    """The last 30 days, today included."""
    today = local_day(now)
    return today - dt.timedelta(days=DEFAULT_DAYS - 1), today


def report(
    ctx: AppContext,
    first: dt.date | None = None,
    last: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """The figures of the shop's days `first` to `last` (both included; default the last 30)."""
    now = now or dt.datetime.now(dt.UTC)
    default_first, default_last = default_period(now)
    first, last = first or default_first, last or default_last
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    start, end = iso_z(day_start(first)), iso_z(day_start(last + dt.timedelta(days=1)))

    def day(column: str) -> str:
        return local_date_sql(column, first - dt.timedelta(days=7), last)

    result = Report(first, last, now)
    with ctx.connect() as db:
        # The four reads share pages (orders, labels, outbox): each read from disk is decrypted
        # and checked, so keep them in memory for the report's length.
        db.execute(f"PRAGMA cache_size = -{REPORT_CACHE_KIB}")
        made, result.times = facts.labels_made(db, start, end, day)
        groups = (
            (("labels", "parcels"), made),
            (
                ("due", "late", "shipped_elsewhere"),
                facts.due_counts(db, start, end, iso_z(now), day),
            ),
            (
                ("confirmed", "valid", "awaiting_scan", "sent_on_time"),
                facts.confirmation_counts(db, start, end, iso_z(now - SCAN_WAIT), day),
            ),
            (("returns",), facts.return_counts(db, start, end, day)),
        )
        for names, rows in groups:
            for when, carrier, marketplace, *values in rows:
                counts = dict(zip(names, (int(v or 0) for v in values), strict=True))
                _add(result, dt.date.fromisoformat(when), carrier, marketplace, **counts)
    return result


def _add(result: Report, day: dt.date, carrier: str, marketplace: str, **counts: int) -> None:
    targets = [
        result.total,
        result.days[day],
        result.marketplaces[marketplace or "unknown"],
    ]
    if carrier:
        targets += [result.carriers[carrier], result.day_carriers[(day, carrier)]]
    for target in targets:
        for name, value in counts.items():
            setattr(target, name, getattr(target, name) + value)
