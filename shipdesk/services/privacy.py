"""Buyer data kept only as long as Amazon allows: erased 30 days after delivery, and at once
when Amazon asks (its Data Protection Policy, `contracts/amazon.md`).

`purge` erases what is due: an order delivered (every label's parcel scanned as delivered by
its carrier) 30 days after the delivery; an order without such a scan 30 days plus a grace
(`GRACE_SETTING`, 14 days unless changed) after the latest delivery date Amazon promised. The
window runs it in the background a little after it starts and then daily
(`privacy_controller`); `shipdesk privacy purge` runs it from the command line. `erase` erases
named orders now (Amazon's 72-hour request).

Both reach every copy ShipDesk keeps: in each backup the same orders are erased, opened the
way the data file is (`ctx.connect_file`); a copy that cannot be cleaned (it does not open, or
is from before ShipDesk could mark an order as erased) is deleted. A cleaned copy keeps its
file time, so "the newest copy" still means the newest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from shipdesk.services.context import AppContext
from shipdesk.store import backups, erasure, settings
from shipdesk.store.database import DatabaseError

log = logging.getLogger(__name__)

GRACE_SETTING = "privacy.grace_days"
DEFAULT_GRACE_DAYS = 14
MAX_GRACE_DAYS = 60
AFTER_DELIVERY_DAYS = erasure.AFTER_DELIVERY.days


class UnknownOrders(ValueError):
    """Orders asked to be erased that ShipDesk does not have (nothing was erased)."""

    def __init__(self, order_ids: Sequence[str]) -> None:
        plural = "s" if len(order_ids) != 1 else ""
        super().__init__(f"unknown order{plural}: {', '.join(order_ids)} (nothing was erased)")
        self.order_ids = tuple(order_ids)


@dataclass
class BackupsCleaned:
    cleaned: int = 0  # copies whose erased orders were erased in them too
    dropped: int = 0  # copies deleted: they could not be cleaned


@dataclass
class PurgeResult:
    orders_erased: int = 0
    backups_cleaned: int = 0
    backups_dropped: int = 0
    order_ids: list[str] = field(default_factory=list)  # the orders erased by this run


@dataclass
class EraseResult:
    erased: list[str] = field(default_factory=list)  # buyer data erased now
    already: list[str] = field(default_factory=list)  # erased before (erased again, to be sure)
    backups_cleaned: int = 0
    backups_dropped: int = 0


def grace_days(ctx: AppContext) -> int:
    """Days after Amazon's promised delivery date (plus the 30) before the buyer data of an
    order never scanned as delivered is erased."""
    with ctx.connect() as db:
        value = settings.get(db, GRACE_SETTING, DEFAULT_GRACE_DAYS)
    try:
        return min(max(int(value), 0), MAX_GRACE_DAYS)
    except (TypeError, ValueError):
        return DEFAULT_GRACE_DAYS


def set_grace_days(ctx: AppContext, days: int) -> None:
    if not 0 <= days <= MAX_GRACE_DAYS:
        raise ValueError(f"the grace is from 0 to {MAX_GRACE_DAYS} days, not {days}")
    with ctx.connect() as db:
        settings.put(db, GRACE_SETTING, days)


def purge(ctx: AppContext, now: dt.datetime | None = None) -> PurgeResult:
    """Erase the buyer data that is due at `now` (default: now), here and in every backup."""
    now = _aware(now)
    grace = dt.timedelta(days=grace_days(ctx))
    with ctx.connect() as db:
        due = erasure.due(db, now, grace)
        newly = erasure.erase(db, due, now) if due else 0
        gone = erasure.erased(db)
    copies = clean_backups(ctx, gone, now, grace)
    if due or copies.cleaned or copies.dropped:
        log.info(
            "buyer data erased: %d orders; backups: %d cleaned, %d deleted",
            newly,
            copies.cleaned,
            copies.dropped,
        )
    return PurgeResult(newly, copies.cleaned, copies.dropped, due)


def erase(ctx: AppContext, order_ids: Iterable[str], now: dt.datetime | None = None) -> EraseResult:
    """Erase these orders' buyer data now, here and in every backup (Amazon's request).
    UnknownOrders, erasing nothing, when any of them is not here."""
    wanted = list(dict.fromkeys(o.strip() for o in order_ids if o.strip()))
    if not wanted:
        raise ValueError("no order id given")
    now = _aware(now)
    with ctx.connect() as db:
        missing = [o for o in wanted if o not in erasure.known(db, wanted)]
        if missing:
            raise UnknownOrders(missing)
        holding = set(erasure.still_holding(db, wanted))
        erasure.erase(db, wanted, now)
        gone = erasure.erased(db)
    copies = clean_backups(ctx, gone, now, dt.timedelta(days=grace_days(ctx)))
    log.info("buyer data of %d orders erased on request", len(wanted))
    return EraseResult(
        erased=[o for o in wanted if o in holding],
        already=[o for o in wanted if o not in holding],
        backups_cleaned=copies.cleaned,
        backups_dropped=copies.dropped,
    )


def backup_copies(ctx: AppContext) -> list[Path]:
    """Every copy of the data file in the backups folder (daily, before upgrades, any other)."""
    return backups.all_copies(ctx.paths.backups, ctx.paths.database.stem)


def clean_backups(
    ctx: AppContext, gone: set[str], now: dt.datetime, grace: dt.timedelta
) -> BackupsCleaned:
    """In each backup, erase the orders erased here (and those due there by the same rule)."""
    result = BackupsCleaned()
    for path in backup_copies(ctx):
        try:
            stat = path.stat()
        except OSError:
            continue  # rotated away meanwhile
        try:
            changed = _clean_copy(ctx, path, gone, now, grace)
        except _CannotClean as exc:
            log.warning("backup %s cannot be cleaned (%s): deleted", path.name, exc)
            _drop(path)
            result.dropped += 1
            continue
        if changed:
            result.cleaned += 1
            with contextlib.suppress(OSError):  # still its day's copy: the newest stays newest
                os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return result


class _CannotClean(Exception):
    pass


def _clean_copy(
    ctx: AppContext, path: Path, gone: set[str], now: dt.datetime, grace: dt.timedelta
) -> bool:
    try:
        db = ctx.connect_file(path)
    except DatabaseError as exc:
        raise _CannotClean(str(exc)) from None
    try:
        if "orders" not in db.table_names():
            return False
        holding = erasure.still_holding(db, gone) if gone else []
        if not erasure.can_erase(db):
            if holding:
                raise _CannotClean("it is from before erasure was known")
            return False
        wanted = [*holding, *erasure.due(db, now, grace)]
        if not wanted:
            return False
        erasure.erase(db, wanted, now)
        return True
    except (sqlite3.DatabaseError, OSError) as exc:
        raise _CannotClean(str(exc)) from None
    finally:
        db.close()


def _drop(path: Path) -> None:
    for part in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        try:
            part.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("backup %s could not be deleted: %s", part.name, exc)


def _aware(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        raise ValueError("a time with its UTC offset is needed")
    return now
