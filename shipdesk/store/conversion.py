"""Encrypting a plain data file (or backup) from a ShipDesk before encryption, once, crash-safe.

Each file goes through named steps on disk, so a run killed at any point (kill -9, power cut)
finds where it stopped and goes on, losing nothing and leaving nothing plain behind:

  1. `<file>.encrypting`  the encrypted copy being written (a leftover is dropped and redone);
  2. `<file>.encrypted`   the copy, written, checked and synced: from here on it wins;
  3. the plain file, its -wal and -shm overwritten and removed;
  4. `<file>.encrypted` renamed to `<file>`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from shipdesk.files import PRIVATE_FILE, make_private
from shipdesk.store import cipher

log = logging.getLogger(__name__)

WRITING = ".encrypting"
READY = ".encrypted"
_CHUNK = 1 << 20


class ConversionFailed(RuntimeError):
    """The encrypted copy could not be made or did not read back; the plain file is untouched."""


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def sidecars(path: Path) -> tuple[Path, Path]:
    return _beside(path, "-wal"), _beside(path, "-shm")


def pending(path: Path) -> bool:
    """True when `path` still needs (part of) the conversion."""
    return cipher.is_plain(path) or _beside(path, READY).exists()


def encrypt_in_place(path: Path, key: bytes) -> bool:
    """Encrypt the plain SQLite file `path` under `key` (or finish an interrupted run).
    False when there was nothing to do. ConversionFailed leaves the plain file as it was."""
    writing, ready = _beside(path, WRITING), _beside(path, READY)
    writing.unlink(missing_ok=True)
    if not ready.exists():
        if not cipher.is_plain(path):
            return False
        _write_encrypted_copy(path, writing, key)
        os.replace(writing, ready)
        _sync_folder(path.parent)
    # With the checked copy ready, whatever is still at `path` is the old plain file (perhaps
    # half overwritten by a run killed in the middle of it): overwrite it (again) whole.
    for plain in (path, *sidecars(path)):
        shred(plain)
    os.replace(ready, path)
    _sync_folder(path.parent)
    log.info("data file encrypted: %s", path.name)
    return True


def _write_encrypted_copy(plain: Path, target: Path, key: bytes) -> None:
    try:
        _checkpoint(plain)
        target.unlink(missing_ok=True)
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
        cipher.encrypt_copy(plain, target, key)
        problem = _unreadable(target, key)
        if problem:
            raise ConversionFailed(
                f"the encrypted copy of {plain.name} did not read back ({problem})"
            )
        with target.open("rb+") as handle:
            os.fsync(handle.fileno())
        make_private(target)
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise ConversionFailed(f"{plain.name} could not be encrypted: {exc}") from exc
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _checkpoint(plain: Path) -> None:
    """Fold a plain file's WAL into it, so the copy holds every commit."""
    wal = sidecars(plain)[0]
    if not wal.exists():
        return
    conn = sqlcipher.connect(str(plain))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()


def _unreadable(path: Path, key: bytes) -> str:
    try:
        conn = cipher.connect(path, key)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        said = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return "" if said == ["ok"] else "; ".join(said[:3])


def shred(path: Path) -> None:
    """Overwrite `path` with zeros, sync, and remove it: the plain bytes do not stay in the
    file's blocks for anyone who reads the disk. (An SSD or a copy-on-write file system may
    keep older blocks; the whole-disk encryption the privacy page advises covers those.)"""
    try:
        size = path.stat().st_size
        with path.open("rb+") as handle:
            zeros = bytes(_CHUNK)
            left = size
            while left > 0:
                step = min(left, _CHUNK)
                handle.write(zeros[:step])
                left -= step
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """The renames survive a power cut (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
