"""SQLCipher as the store's SQLite: the data file, its WAL and every backup encrypted at rest.

`sqlcipher3` brings its own SQLite with SQLCipher and OpenSSL in one wheel per OS, and is a
drop-in for the standard library's `sqlite3` (why this binding: docs/design/encryption-at-rest.md).
Two seams make it fit:

- its exception classes are its own; sqlite-utils catches `sqlite3.OperationalError` and the
  store `sqlite3.Error`/`DatabaseError`, so each class gets the standard library's class of the
  same name as a second base, once, at import;
- connections are opened with the raw 256-bit key (`PRAGMA key = "x'…'"`), never a passphrase:
  SQLCipher would run PBKDF2 (about 0.1 s) on every open, and every thread opens its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

KEY_BYTES = 32
# The first 16 bytes of every plain SQLite file; an encrypted one starts with random salt.
PLAIN_HEADER = b"SQLite format 3\x00"

# The classes SQLite errors are raised as. (Their common bases, Error and Warning, derive from
# Exception directly and cannot take another base; no error is raised as one of them.)
_EXCEPTIONS = (
    "InterfaceError",
    "DatabaseError",
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
)


def _graft_standard_exceptions() -> None:
    for name in _EXCEPTIONS:
        theirs, ours = getattr(sqlcipher, name), getattr(sqlite3, name)
        if not issubclass(theirs, ours):
            theirs.__bases__ = (*theirs.__bases__, ours)


_graft_standard_exceptions()

Connection = sqlcipher.Connection


class KeyRefused(sqlite3.DatabaseError):
    """The file is encrypted with another key (or is no database at all): not damage."""

    sqlite_errorname = "SQLITE_NOTADB"


def check_key(key: bytes) -> bytes:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 random bytes")
    return key


def key_pragma(key: bytes) -> str:
    # Hex in an x'' blob: SQLCipher takes it as the key itself and skips the KDF.
    return f"PRAGMA key = \"x'{check_key(key).hex()}'\""


def connect(target: Path | str, key: bytes, **kwargs: object) -> sqlcipher.Connection:
    """A connection to `target` (a path, or a `file:` URI with uri=True) under `key`. The key
    is checked at once: KeyRefused when it does not open the file."""
    conn = sqlcipher.connect(str(target), **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's own lines stay off stderr
        conn.execute(key_pragma(key))
        verify(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def verify(conn: sqlcipher.Connection) -> None:
    """KeyRefused when the key set on `conn` does not open its file (SQLCipher only finds
    out on the first read)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise KeyRefused(str(exc)) from exc
        raise


def is_plain(path: Path) -> bool:
    """True when `path` is an unencrypted SQLite file (from a ShipDesk before encryption)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def encrypt_copy(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain SQLite file `plain` at `target` (which must not
    exist): SQLCipher's own export, every table, index, trigger and the user_version."""
    conn = sqlcipher.connect(str(plain))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(
            f"ATTACH DATABASE ? AS encrypted KEY \"x'{check_key(key).hex()}'\"", (str(target),)
        )
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def versions() -> dict[str, str]:
    """SQLCipher's, its SQLite's and its crypto library's versions (for About and support)."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute(key_pragma(bytes(KEY_BYTES)))  # the provider answers once a key is set
        cipher_version = conn.execute("PRAGMA cipher_version").fetchone()[0]
        provider = conn.execute("PRAGMA cipher_provider_version").fetchone()[0] or ""
    finally:
        conn.close()
    return {
        "sqlcipher": str(cipher_version).split()[0],
        "sqlite": sqlcipher.sqlite_version,
        "openssl": str(provider).removeprefix("OpenSSL ").split()[0] if provider else "",
    }
