"""The daily copy of the data file (SQLite's backup API, safe while the app works on it).

The window takes it in the background once a day (`backup_controller`); the command line takes
it too when a command opens the data folder and today's copy is missing, so a shop that only
runs ShipDesk from scheduled commands is covered as well.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shipdesk.services.context import AppContext
from shipdesk.store import backups
from shipdesk.store.backups import KEEP_DAILY as KEEP_DAILY
from shipdesk.store.backups import BackupFailed as BackupFailed


def daily_backup_due(ctx: AppContext, day: dt.date | None = None) -> bool:
    database = ctx.paths.database
    return backups.daily_backup_due(ctx.paths.backups, database.stem, day or dt.date.today())


def take_daily_backup(ctx: AppContext, day: dt.date | None = None) -> Path | None:
    """Today's copy when it is not there yet (None when it is); the oldest daily copies
    beyond KEEP_DAILY are removed. BackupFailed says why a copy could not be made."""
    day = day or dt.date.today()
    if not daily_backup_due(ctx, day):
        return None
    db = ctx.connect()
    try:
        return backups.take_daily_backup(
            db.conn, ctx.key, ctx.paths.database, ctx.paths.backups, day
        )
    finally:
        db.close()


def newest_readable_backup(ctx: AppContext) -> Path | None:
    return backups.newest_readable_backup(ctx.paths.backups, ctx.paths.database.stem, ctx.key)
