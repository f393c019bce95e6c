"""The counts the reports show, aggregated in SQLite per shop day, carrier and marketplace for
one period (moments in UTC, `start` included, `end` not): no buyer data is read, so reports keep
working after it is erased. Each order counts with its active label (a voided one is history);
a label's tracking counts as accepted once Amazon accepted all of its packages: the moments
`orders list --json` shows. See services/reports.py for what each count means.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from shipdesk.store.connection import Database

MERCHANT = "(o.fulfilled_by = 'MERCHANT' OR o.fulfilled_by IS NULL)"
WAITING = "o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED')"
# When Amazon had accepted all of a label's tracking (NULL while a package waits or none went).
ACCEPTED = (
    "(SELECT CASE WHEN sum(t.state != 'done') = 0 THEN max(t.done_at) END "
    "FROM tracking_outbox t WHERE t.label_id = l.id)"
)

# A row: (shop day 'YYYY-MM-DD', carrier, marketplace id, count, count, ...).
Row = tuple[Any, ...]
DaySql = Callable[[str], str]  # column -> SQL expression of its shop day


def due_counts(db: Database, start: str, end: str, now: str, day: DaySql) -> list[Row]:
    """Orders whose ship-by moment falls in the period: counted (shipped, or not shipped and
    past it), late, and shipped outside ShipDesk."""
    return db.execute(
        f"SELECT {day('ship_by')}, carrier, marketplace, "
        "sum(accepted IS NOT NULL OR (waiting AND ship_by < :now)), "
        "sum(CASE WHEN accepted IS NOT NULL THEN accepted > ship_by "
        "ELSE waiting AND ship_by < :now END), "
        "sum(accepted IS NULL AND NOT waiting) "
        "FROM (SELECT o.ship_by_latest AS ship_by, COALESCE(l.carrier, '') AS carrier, "
        f"COALESCE(o.marketplace_id, '') AS marketplace, {WAITING} AS waiting, "
        f"{ACCEPTED} AS accepted FROM orders o LEFT JOIN labels l ON l.order_id = o.order_id "
        "AND l.state != 'cancelled' WHERE o.ship_by_latest >= :start AND o.ship_by_latest < :end "
        f"AND {MERCHANT} AND o.status NOT IN "
        "('CANCELLED', 'UNFULFILLABLE', 'PENDING', 'PENDING_AVAILABILITY')) "
        "GROUP BY 1, 2, 3",
        {"start": start, "end": end, "now": now},
    ).fetchall()


def confirmation_counts(
    db: Database, start: str, end: str, awaiting_since: str, day: DaySql
) -> list[Row]:
    """Labels whose tracking Amazon had accepted in the period: all, valid (scanned, and
    accepted before delivery), awaiting a first scan (accepted after `awaiting_since`), and
    sent on time (by the end of the shop day it was printed, or made)."""
    handed = "COALESCE(l.printed_at, l.label_created_at)"
    return db.execute(
        f"SELECT {day('s.accepted')}, l.carrier, COALESCE(o.marketplace_id, ''), count(*), "
        "sum(COALESCE(l.first_scan_at, l.delivered_at) IS NOT NULL "
        "AND (l.delivered_at IS NULL OR s.accepted <= l.delivered_at)), "
        "sum(l.first_scan_at IS NULL AND l.delivered_at IS NULL AND s.accepted > :awaiting), "
        f"sum({handed} IS NOT NULL AND {day('COALESCE(s.first_sent, s.accepted)')} "
        f"<= {day(handed)}) "
        "FROM (SELECT label_id, min(first_sent_at) AS first_sent, max(done_at) AS accepted, "
        "sum(state != 'done') AS open FROM tracking_outbox WHERE label_id IN "
        "(SELECT label_id FROM tracking_outbox WHERE done_at >= :start AND done_at < :end) "
        "GROUP BY label_id) s JOIN labels l ON l.id = s.label_id "
        "JOIN orders o ON o.order_id = l.order_id "
        "WHERE s.open = 0 AND s.accepted >= :start AND s.accepted < :end "
        "AND l.state != 'cancelled' GROUP BY 1, 2, 3",
        {"start": start, "end": end, "awaiting": awaiting_since},
    ).fetchall()


def return_counts(db: Database, start: str, end: str, day: DaySql) -> list[Row]:
    """Return labels made in the period (voided ones too: they were made)."""
    return db.execute(
        f"SELECT {day('r.created_at')}, r.carrier, COALESCE(o.marketplace_id, ''), count(*) "
        "FROM return_labels r JOIN orders o ON o.order_id = r.order_id "
        "WHERE r.state IN ('made', 'voided') AND r.created_at >= ? AND r.created_at < ? "
        "AND r.carrier_label_ids != '[]' GROUP BY 1, 2, 3",
        [start, end],
    ).fetchall()


STEPS = {
    "orderToLabel": ("o.created_time", "l.label_created_at"),
    "labelToFirstScan": ("l.label_created_at", "l.first_scan_at"),
    "firstScanToDelivery": ("l.first_scan_at", "l.delivered_at"),
    "orderToDelivery": ("o.created_time", "l.delivered_at"),
}


def labels_made(
    db: Database, start: str, end: str, day: DaySql
) -> tuple[list[Row], dict[str, float | None]]:
    """Labels made in the period (and not voided), with their parcels, per day, carrier and
    marketplace; and the median hours of each step (STEPS) over them. One pass over them."""
    spans = ", ".join(f"(julianday({b}) - julianday({a})) * 24" for a, b in STEPS.values())
    rows = db.execute(
        f"SELECT {day('l.label_created_at')}, l.carrier, COALESCE(o.marketplace_id, ''), "
        f"max(1, json_array_length(l.tracker_codes)), {spans} "
        "FROM labels l JOIN orders o ON o.order_id = l.order_id "
        "WHERE l.label_created_at >= ? AND l.label_created_at < ? AND l.state != 'cancelled'",
        [start, end],
    ).fetchall()
    groups: dict[tuple[str, str, str], list[int]] = {}
    for when, carrier, marketplace, parcels, *_ in rows:
        counts = groups.setdefault((when, carrier, marketplace), [0, 0])
        counts[0] += 1
        counts[1] += parcels
    medians = {}
    for n, step in enumerate(STEPS, start=4):
        values = [r[n] for r in rows if r[n] is not None and r[n] >= 0]
        medians[step] = round(statistics.median(values), 2) if values else None
    return [(*key, *counts) for key, counts in groups.items()], medians
