"""Opening the data file: encrypted (SQLCipher, `cipher`), WAL, busy timeout, and migrations
with a backup first.

Every thread opens its own connection through `connect`, with the database key the services
found for this data folder (`services/database_key.py`); SQLite's WAL mode lets the UI read
while a worker writes.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from shipdesk.files import PRIVATE_FILE, make_private
from shipdesk.store import backups, cipher
from shipdesk.store.connection import Database

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
# The schema's version: how many migrations store/migrations.py has (a test keeps them equal).
# Kept in the file's user_version once they have all run, so that opening a file that is up to
# date reads two numbers, and does not load the migrations (with sqlite-utils).
SCHEMA_VERSION = 24
FULL_BELOW_BYTES = 1_000_000  # less free space than this, and an I/O error means "disk full"


class DatabaseError(RuntimeError):
    """The data file cannot be used; `code` says why (the UI words it), the message says what
    to do. Codes: disk_full, read_only, damaged, damaged_no_backup, disk_error, busy,
    newer_version, database_error. `backup`: the copy to restore (damaged)."""

    def __init__(
        self,
        message: str,
        code: str = "database_error",
        path: Path | None = None,
        backup: Path | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.path = path
        self.backup = backup


_READ_ONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_NO_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS)


def database_error(
    exc: BaseException,
    path: Path | None,
    backup_dir: Path | None = None,
    key: bytes | None = None,
) -> DatabaseError:
    """What went wrong with the data file, in words an owner can act on. A full disk or a
    folder that cannot be written is never called damage: restoring a backup would lose data.
    (`path` None: the data file of this run, where the caller does not know it.)"""
    name = getattr(exc, "sqlite_errorname", "") or ""
    number = getattr(exc, "errno", None)
    if path is None and _opened is not None:  # the data file this process opened
        path, backup_dir, key = _opened
    elif key is None and _opened is not None and _opened[0] == path:
        key = _opened[2]
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
        copies = backup_dir or path.parent / "backups"
        newest = backups.newest_readable_backup(copies, path.stem, key) if key else None
        if newest:
            what = (
                f"Close ShipDesk and restore the newest copy, {newest}, in its place (delete "
                f"{path.name}-wal and {path.name}-shm beside it first, if they are there)."
            )
        else:  # no copy to restore: say so, rather than send the owner to an empty folder
            none = "no readable copy" if _any_copy(copies, path.stem) else "no copy of it"
            what = (
                f"There is {none} in {copies}. Keep the file (support may rescue it), "
                "and start ShipDesk with a new data folder (--data-dir) to go on working."
            )
        return DatabaseError(
            f"The data file {path} is damaged and could not be read ({exc}). {what}",
            "damaged" if newest else "damaged_no_backup",
            given,
            newest,
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


# The data file (and its backups folder) that open_database last opened: what a problem met
# later, where the caller does not know the file (a worker's error shown by the window), is about.
_opened: tuple[Path, Path | None, bytes] | None = None


def _disk_full(name: str, path: Path | None) -> bool:
    """SQLite reports a full disk as an I/O error when it hits it growing the WAL or its
    shared memory: then the free space tells."""
    if not name.startswith("SQLITE_IOERR") or path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _any_copy(backup_dir: Path, stem: str) -> bool:
    return bool(backups.all_copies(backup_dir, stem))


def _up_to_date(db: Database) -> bool:
    """Whether every migration this version knows has run, and no other (a newer ShipDesk's
    adds rows): the version noted, and as many migrations recorded."""
    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    recorded = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    return bool(recorded == SCHEMA_VERSION)


def _migrate(db: Database, path: Path, key: bytes, backup_dir: Path | None, existed: bool) -> None:
    """Bring the schema up to date (with a backup first), then note its version."""
    from shipdesk.store.migrations import MIGRATIONS, for_migrations, unknown_migrations

    made_with = for_migrations(db)
    # A newer ShipDesk wrote this file: touch nothing (not even the journal mode).
    unknown = unknown_migrations(made_with)
    if unknown:
        raise NewerDatabase(unknown)
    db.enable_wal()
    pending = MIGRATIONS.pending(made_with)
    if pending:
        if existed and backup_dir is not None:
            backups.take_before_upgrade_backup(db.conn, key, path, backup_dir, pending[0].name)
        MIGRATIONS.apply(made_with)
        log.info("database migrated: %s", ", ".join(m.name for m in pending))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


class NewerDatabase(Exception):
    """The file holds changes (migrations) this version of ShipDesk does not know."""

    def __init__(self, unknown: list[str]) -> None:
        super().__init__(", ".join(unknown))
        self.unknown = unknown


def newer_version_error(path: Path, unknown: list[str]) -> DatabaseError:
    from shipdesk import __version__

    return DatabaseError(
        f"The data file {path} was last used by a newer ShipDesk than this one ({__version__}): "
        f"it holds changes this version does not know ({', '.join(unknown)}). Install the "
        "newest ShipDesk again and start that one. Nothing was changed.",
        "newer_version",
        path,
    )


def connect(path: Path, key: bytes) -> Database:
    """A connection under `key` with our pragmas, without running migrations (for worker
    threads). A key that does not open the file is reported as damage: the caller checked the
    key against its record first (`services/database_key.py`), so a refusal here is the file."""
    try:
        conn = cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no commits
    except sqlite3.Error as exc:
        raise database_error(exc, path, key=key) from exc
    return db


def open_database(path: Path, key: bytes, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and bring the schema up to date."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise database_error(exc, path, backup_dir, key) from exc
    existed = path.exists() and path.stat().st_size > 0
    if not path.exists():  # made private from the start; SQLite gives its WAL the same mode
        with contextlib.suppress(FileExistsError, OSError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        make_private(part)  # a file from an older ShipDesk (0644) is narrowed too
    db = connect(path, key)
    try:
        if _up_to_date(db):
            db.enable_wal()
        else:
            _migrate(db, path, key, backup_dir, existed)
        global _opened
        _opened = (path, backup_dir, key)
    except NewerDatabase as exc:
        db.close()
        log.error("database %s is from a newer ShipDesk: %s", path, exc)
        raise newer_version_error(path, exc.unknown) from None
    except backups.BackupFailed as exc:
        db.close()
        if isinstance(exc.__cause__, (sqlite3.DatabaseError, OSError)):
            raise database_error(exc.__cause__, path, backup_dir, key) from exc
        raise DatabaseError(
            f"Before updating {path} for this version, ShipDesk copies it to {backup_dir}, "
            f"and that copy failed ({exc}). Nothing was changed.",
            path=path,
        ) from exc
    except (sqlite3.DatabaseError, OSError) as exc:
        db.close()
        raise database_error(exc, path, backup_dir, key) from exc
    return db
