"""Copies of the data file in the backups folder, made with SQLite's backup API.

Two kinds, told apart by their names and rotated apart:

- `shipdesk-20260704T101500Z-before-0013_name.sqlite3`: taken before migrations run (an
  upgrade), the last `KEEP_BEFORE_UPGRADE` kept;
- `shipdesk-daily-2026-07-04.sqlite3`: one a day while ShipDesk is used, the last `KEEP_DAILY`
  kept.

Every copy is encrypted with the data file's key (a connection without the key cannot be a
backup target, so no plain copy can happen by accident). The backup API copies a consistent
snapshot while other connections go on reading and writing
(in WAL mode a writer never waits for it). A copy is written to a temporary name, checked, made
a plain rollback-journal file (so it opens on its own, without -wal or -shm files) and only then
renamed into place; a copy that does not check out is dropped and never rotates a good one out.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from shipdesk.store import cipher

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_BEFORE_UPGRADE = 5
SUFFIX = ".sqlite3"


class BackupFailed(RuntimeError):
    """A copy could not be made or did not read back; the message says why."""


def daily_name(stem: str, day: dt.date) -> str:
    return f"{stem}-daily-{day.isoformat()}{SUFFIX}"


def before_upgrade_name(stem: str, when: dt.datetime, first_pending: str) -> str:
    return f"{stem}-{when.strftime('%Y%m%dT%H%M%SZ')}-before-{first_pending}{SUFFIX}"


def daily_backups(backup_dir: Path, stem: str) -> list[Path]:
    """The daily copies, oldest first (their names sort by date)."""
    return sorted(backup_dir.glob(f"{stem}-daily-*{SUFFIX}"))


def before_upgrade_backups(backup_dir: Path, stem: str) -> list[Path]:
    """The copies taken before upgrades, oldest first (their names sort by time)."""
    return sorted(backup_dir.glob(f"{stem}-*-before-*{SUFFIX}"))


def all_copies(backup_dir: Path, stem: str) -> list[Path]:
    """Every copy of the data file `stem` in the backups folder (daily, before upgrades, any
    other), by name."""
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob(f"{stem}-*{SUFFIX}"))


def daily_backup_due(backup_dir: Path, stem: str, day: dt.date) -> bool:
    return not (backup_dir / daily_name(stem, day)).is_file()


def copy_database(source: sqlite3.Connection, key: bytes, target: Path) -> Path:
    """A consistent, checked copy of `source` at `target` (replacing one there), under `key`.
    BackupFailed when it cannot be written or does not read back whole."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=".partial", dir=target.parent
        )
        os.close(handle)
    except OSError as exc:
        raise BackupFailed(f"{type(exc).__name__}: {exc}") from exc
    partial = Path(name)
    try:
        dest = cipher.connect(partial, key)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a file that opens on its own
            dest.commit()
        finally:
            dest.close()
        problem = unreadable_because(partial, key)
        if problem:
            raise BackupFailed(f"the copy did not read back whole ({problem})")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return target


def unreadable_because(path: Path, key: bytes) -> str:
    """'' when `path` is an SQLite file that reads back whole under `key` (PRAGMA quick_check),
    else why not. Opened read-only and immutable: checking a copy never writes beside it."""
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = cipher.connect(uri, key, uri=True)
    except (sqlite3.Error, OSError, ValueError) as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    said = [str(row[0]) for row in rows]
    return "" if said == ["ok"] else "; ".join(said[:3])


def newest_readable_backup(backup_dir: Path, stem: str, key: bytes) -> Path | None:
    """The newest copy (of either kind) that reads back whole, or None."""
    copies = []
    for path in all_copies(backup_dir, stem):
        try:
            copies.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(copies, reverse=True):
        problem = unreadable_because(path, key)
        if not problem:
            return path
        log.warning("backup %s cannot be read: %s", path.name, problem)
    return None


def take_daily_backup(
    source: sqlite3.Connection, key: bytes, database: Path, backup_dir: Path, day: dt.date
) -> Path:
    """Today's copy, then the oldest daily copies beyond `KEEP_DAILY` removed (the copies
    taken before upgrades are not touched)."""
    target = copy_database(source, key, backup_dir / daily_name(database.stem, day))
    prune(daily_backups(backup_dir, database.stem), KEEP_DAILY)
    _remove_left_over_partials(backup_dir)
    log.info("daily backup written: %s", target.name)
    return target


def take_before_upgrade_backup(
    source: sqlite3.Connection, key: bytes, database: Path, backup_dir: Path, first_pending: str
) -> Path:
    when = dt.datetime.now(dt.UTC)
    target = backup_dir / before_upgrade_name(database.stem, when, first_pending)
    copy_database(source, key, target)
    prune(before_upgrade_backups(backup_dir, database.stem), KEEP_BEFORE_UPGRADE)
    log.info("backup before migration written: %s", target.name)
    return target


def prune(copies: list[Path], keep: int) -> None:
    for old in copies[:-keep] if keep else copies:
        old.unlink(missing_ok=True)


def _remove_left_over_partials(backup_dir: Path, older_than: float = 3600) -> None:
    """Temporary copies a crash left behind (a copy being written now is younger)."""
    for partial in backup_dir.glob(".*.partial"):
        try:
            if partial.stat().st_mtime < time.time() - older_than:
                partial.unlink()
        except OSError:
            continue
