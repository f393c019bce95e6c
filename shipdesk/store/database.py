"""Opening the SQLite file: WAL, busy timeout, and migrations with a backup first.

Every thread opens its own connection through `open_database`; SQLite's WAL mode lets the UI
read while a worker writes.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from shipdesk.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
FULL_BELOW_BYTES = 1_000_000  # less free space than this, and an I/O error means "disk full"
KEEP_BACKUPS = 5


class DatabaseError(RuntimeError):
    """The data file cannot be used; `code` says why (the UI words it), the message says what
    to do. Codes: disk_full, read_only, damaged, disk_error, busy, database_error."""

    def __init__(self, message: str, code: str = "database_error", path: Path | None = None):
        super().__init__(message)
        self.code = code
        self.path = path


_READ_ONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


def database_error(
    exc: BaseException, path: Path | None, backup_dir: Path | None = None
) -> DatabaseError:
    """What went wrong with the data file, in words an owner can act on. A full disk or a
    folder that cannot be written is never called damage: restoring a backup would lose data.
    (`path` None: the data file of this run, where the caller does not know it.)"""
    name = getattr(exc, "sqlite_errorname", "") or ""
    number = getattr(exc, "errno", None)
    given = path
    folder = path.parent if path is not None else "ShipDesk's data folder"
    path = path if path is not None else Path("shipdesk.sqlite3")
    if name.startswith("SQLITE_FULL") or number in _NO_SPACE or _disk_full(name, given):
        return DatabaseError(
            f"The disk that holds ShipDesk's data ({folder}) is full. Free some space on it, "
            "then try again: nothing was lost.",
            "disk_full",
            given,
        )
    if name.startswith(_READ_ONLY) or number in _NO_WRITE or isinstance(exc, PermissionError):
        return DatabaseError(
            f"ShipDesk cannot write to its data folder {folder} ({exc}). Check that this "
            "account may write there (and that it is not a read-only disk), or start ShipDesk "
            "with another data folder (--data-dir). Nothing was changed.",
            "read_only",
            given,
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        backups = backup_dir or path.parent / "backups"
        newest = newest_backup(backups, path.stem)
        if newest:
            what = f"Close ShipDesk and restore the newest copy, {newest}, in its place."
        else:  # no copy to restore: say so, rather than send the owner to an empty folder
            what = (
                f"There is no copy of it in {backups}. Keep the file (support may rescue it), "
                "and start ShipDesk with a new data folder (--data-dir) to go on working."
            )
        return DatabaseError(
            f"The data file {path} is damaged and could not be read ({exc}). {what}",
            "damaged" if newest else "damaged_no_backup",
            given,
        )
    if name.startswith("SQLITE_IOERR") or isinstance(exc, OSError):
        return DatabaseError(
            f"The disk that holds {path} could not be read or written ({exc}). Check the disk "
            "(or the network drive) and try again.",
            "disk_error",
            given,
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseError(
            f"The data file {path} is in use by another program and stayed locked. Close the "
            "other program (or the other ShipDesk) and try again.",
            "busy",
            given,
        )
    return DatabaseError(f"The data file {path} could not be used ({exc}).", path=given)


def _disk_full(name: str, path: Path | None) -> bool:
    """SQLite reports a full disk as an I/O error when it hits it growing the WAL or its
    shared memory: then the free space tells."""
    if not name.startswith("SQLITE_IOERR") or path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def newest_backup(backup_dir: Path, stem: str = "shipdesk") -> Path | None:
    if not backup_dir.is_dir():
        return None
    copies = sorted(backup_dir.glob(f"{stem}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    return copies[-1] if copies else None


def connect(path: Path) -> sqlite_utils.Database:
    """A connection with our pragmas, without running migrations (for worker threads)."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no commits
    except sqlite3.Error as exc:
        raise database_error(exc, path) from exc
    return db


def open_database(path: Path, backup_dir: Path | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and bring the schema up to date."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise database_error(exc, path, backup_dir) from exc
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
    except (sqlite3.DatabaseError, OSError) as exc:
        db.close()
        raise database_error(exc, path, backup_dir) from exc
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
