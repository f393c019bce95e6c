"""Opening the SQLite file: WAL, busy timeout, and migrations with a backup first.

Every thread opens its own connection through `open_database`; SQLite's WAL mode lets the UI
read while a worker writes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from shipdesk.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
KEEP_BACKUPS = 5


class DatabaseError(RuntimeError):
    """The data file cannot be opened or upgraded; the message says what to do."""


def connect(path: Path) -> sqlite_utils.Database:
    """A connection with our pragmas, without running migrations (for worker threads)."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no commits
    except sqlite3.Error as exc:
        raise DatabaseError(
            f"The data file {path} could not be read ({exc}). If it was damaged, restore the "
            "newest copy from the backups folder next to it."
        ) from exc
    return db


def open_database(path: Path, backup_dir: Path | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and bring the schema up to date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    db = connect(path)
    try:
        if db.journal_mode != "wal":
            db.enable_wal()
        pending = MIGRATIONS.pending(db)
        if pending:
            if existed and backup_dir is not None:
                backup_before_migrating(db, path, backup_dir, pending[0].name)
            MIGRATIONS.apply(db)
            log.info("database migrated: %s", ", ".join(m.name for m in pending))
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseError(
            f"The data file {path} could not be read or upgraded ({exc}). "
            f"A copy made before the last upgrade is in {backup_dir}."
        ) from exc
    return db


def backup_before_migrating(
    db: sqlite_utils.Database, path: Path, backup_dir: Path, first_pending: str
) -> Path:
    """A consistent copy via SQLite's backup API, written to a temp name and renamed."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-{stamp}-before-{first_pending}.sqlite3"
    partial = target.with_suffix(".partial")
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    os.replace(partial, target)
    _prune_backups(backup_dir, path.stem)
    log.info("backup before migration written: %s", target.name)
    return target


def _prune_backups(backup_dir: Path, stem: str) -> None:
    backups = sorted(backup_dir.glob(f"{stem}-*-before-*.sqlite3"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
