"""The broker's SQLite store: installations and Amazon authorizations.

Holds no secret in plain text: installation secrets and OAuth states as SHA-256 digests,
refresh tokens encrypted (see crypto.py). One connection per request thread.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from shipdesk.store.transactions import write_transaction

MIGRATIONS = Migrations("shipdesk-broker")

PENDING, CONNECTED, FAILED, DISCONNECTED = "pending", "connected", "failed", "disconnected"
# Amazon's consent is done and the token kept, but only the desktop that asked completes it.
AWAITING = "awaiting_desktop"


@MIGRATIONS(name="0001_installations_and_authorizations")
def _initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE installations (
            id TEXT PRIMARY KEY,
            secret_digest TEXT NOT NULL,
            created_at REAL NOT NULL,
            last_seen_at REAL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE authorizations (
            id TEXT PRIMARY KEY,
            installation_id TEXT NOT NULL REFERENCES installations(id),
            region TEXT NOT NULL,
            state_digest TEXT NOT NULL UNIQUE,
            state_expires_at REAL NOT NULL,
            state_used INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            selling_partner_id TEXT,
            marketplaces TEXT NOT NULL DEFAULT '[]',
            refresh_token TEXT,
            reason TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_authorizations_installation ON authorizations (installation_id)")


@MIGRATIONS(name="0002_completion_by_the_desktop")
def _completion(db: sqlite_utils.Database) -> None:
    # Where the desktop listens for the hand-back (a loopback URL, or none: a typed code), and
    # the one-time completion code as a digest, with the wrong tries against it.
    db.execute("ALTER TABLE authorizations ADD COLUMN return_url TEXT")
    db.execute("ALTER TABLE authorizations ADD COLUMN completion_digest TEXT")
    db.execute("ALTER TABLE authorizations ADD COLUMN completion_tries INTEGER NOT NULL DEFAULT 0")


@dataclass(frozen=True)
class Authorization:
    id: str
    installation_id: str
    region: str
    state_expires_at: float
    state_used: bool
    status: str
    selling_partner_id: str | None
    marketplaces: list[dict[str, Any]]
    refresh_token: str | None  # encrypted
    reason: str | None
    return_url: str | None = None
    completion_digest: str | None = None
    completion_tries: int = 0


def _authorization(row: dict[str, Any]) -> Authorization:
    return Authorization(
        id=row["id"],
        installation_id=row["installation_id"],
        region=row["region"],
        state_expires_at=row["state_expires_at"],
        state_used=bool(row["state_used"]),
        status=row["status"],
        selling_partner_id=row["selling_partner_id"],
        marketplaces=json.loads(row["marketplaces"]),
        refresh_token=row["refresh_token"],
        reason=row["reason"],
        return_url=row["return_url"],
        completion_digest=row["completion_digest"],
        completion_tries=row["completion_tries"],
    )


class BrokerStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        with self.connect() as db:
            if db.journal_mode != "wal":
                db.enable_wal()
            MIGRATIONS.apply(db)

    def connect(self) -> sqlite_utils.Database:
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        # A deleted token is overwritten with zeros, not left in a free page.
        db.execute("PRAGMA secure_delete = ON")
        return db

    def unreadable_tokens(self, decrypt) -> tuple[int, int]:
        """(stored tokens `decrypt` cannot open, stored tokens): the encryption keys checked."""
        with self.connect() as db:
            rows = db.execute(
                "SELECT refresh_token FROM authorizations WHERE refresh_token IS NOT NULL"
            ).fetchall()
        failed = 0
        for (token,) in rows:
            try:
                decrypt(token)
            except ValueError:
                failed += 1
        return failed, len(rows)

    def seen(self, installation_id: str, now: float) -> None:
        """Note the installation is in use (at most once an hour, to spare writes)."""
        with self.connect() as db, write_transaction(db):
            db.execute(
                "UPDATE installations SET last_seen_at = ? WHERE id = ? "
                "AND (last_seen_at IS NULL OR last_seen_at < ?)",
                [now, installation_id, now - 3600],
            )

    def purge(self, now: float, keep_s: float) -> tuple[int, int]:
        """Forget what serves no one any more: ended authorizations (they hold no token) and
        installations with no live authorization, both unused for `keep_s`. Returns (ended
        authorizations, installations) deleted."""
        before = now - keep_s
        with self.connect() as db, write_transaction(db):
            ended = db.execute(
                "DELETE FROM authorizations WHERE status IN (?, ?) AND updated_at < ?",
                [FAILED, DISCONNECTED, before],
            ).rowcount
            unused = db.execute(
                "DELETE FROM installations WHERE coalesce(last_seen_at, created_at) < ? AND id "
                "NOT IN (SELECT installation_id FROM authorizations)",
                [before],
            ).rowcount
        return ended, unused

    def ping(self) -> None:
        with self.connect() as db:
            db.execute("SELECT 1").fetchone()

    # -- installations --
    def add_installation(self, installation_id: str, secret_digest: str) -> None:
        with self.connect() as db, write_transaction(db):
            db.execute(
                "INSERT INTO installations (id, secret_digest, created_at) VALUES (?, ?, ?)",
                [installation_id, secret_digest, time.time()],
            )

    def installation_digest(self, installation_id: str) -> str | None:
        with self.connect() as db:
            row = db.execute(
                "SELECT secret_digest FROM installations WHERE id = ?", [installation_id]
            ).fetchone()
        return row[0] if row else None

    # -- authorizations --
    def add_authorization(
        self,
        authorization_id: str,
        installation_id: str,
        region: str,
        state_digest: str,
        expires_at: float,
        return_url: str | None = None,
    ) -> None:
        now = time.time()
        with self.connect() as db, write_transaction(db):
            db.execute(
                "INSERT INTO authorizations (id, installation_id, region, state_digest, "
                "state_expires_at, status, return_url, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    authorization_id,
                    installation_id,
                    region,
                    state_digest,
                    expires_at,
                    PENDING,
                    return_url,
                    now,
                    now,
                ],
            )

    def open_count(self, installation_id: str, now: float) -> int:
        """The installation's authorizations still waiting (for the consent or the desktop)."""
        with self.connect() as db:
            return db.execute(
                "SELECT count(*) FROM authorizations WHERE installation_id = ? "
                "AND status IN (?, ?) AND state_expires_at >= ?",
                [installation_id, PENDING, AWAITING, now],
            ).fetchone()[0]

    def get(self, authorization_id: str) -> Authorization | None:
        with self.connect() as db:
            rows = list(db.query("SELECT * FROM authorizations WHERE id = ?", [authorization_id]))
        return _authorization(rows[0]) if rows else None

    def by_state(self, state_digest: str) -> Authorization | None:
        with self.connect() as db:
            rows = list(
                db.query("SELECT * FROM authorizations WHERE state_digest = ?", [state_digest])
            )
        return _authorization(rows[0]) if rows else None

    def use_state(self, authorization_id: str) -> bool:
        """Mark the state used; False if another request got there first (a replay)."""
        with self.connect() as db, write_transaction(db):
            cursor = db.execute(
                "UPDATE authorizations SET state_used = 1, updated_at = ? "
                "WHERE id = ? AND state_used = 0",
                [time.time(), authorization_id],
            )
            return cursor.rowcount == 1

    def connected(self, installation_id: str) -> Authorization | None:
        with self.connect() as db:
            rows = list(
                db.query(
                    "SELECT * FROM authorizations WHERE installation_id = ? AND status = ? "
                    "ORDER BY updated_at DESC LIMIT 1",
                    [installation_id, CONNECTED],
                )
            )
        return _authorization(rows[0]) if rows else None

    def latest(self, installation_id: str) -> Authorization | None:
        with self.connect() as db:
            rows = list(
                db.query(
                    "SELECT * FROM authorizations WHERE installation_id = ? "
                    "ORDER BY updated_at DESC LIMIT 1",
                    [installation_id],
                )
            )
        return _authorization(rows[0]) if rows else None

    def set_awaiting(
        self,
        authorization_id: str,
        selling_partner_id: str,
        encrypted_refresh_token: str,
        marketplaces: list[dict[str, Any]],
        completion_digest: str,
    ) -> None:
        """Amazon's consent is done: the token is kept, awaiting the desktop's completion."""
        with self.connect() as db, write_transaction(db):
            db.execute(
                "UPDATE authorizations SET status = ?, selling_partner_id = ?, refresh_token = ?,"
                " marketplaces = ?, completion_digest = ?, reason = NULL, updated_at = ? "
                "WHERE id = ?",
                [
                    AWAITING,
                    selling_partner_id,
                    encrypted_refresh_token,
                    json.dumps(marketplaces),
                    completion_digest,
                    time.time(),
                    authorization_id,
                ],
            )

    def wrong_code(self, authorization_id: str, allowed: int) -> int:
        """Count a wrong completion code; after `allowed` the authorization ends, its token
        erased. Returns the tries made."""
        with self.connect() as db, write_transaction(db):
            db.execute(
                "UPDATE authorizations SET completion_tries = completion_tries + 1, "
                "updated_at = ? WHERE id = ?",
                [time.time(), authorization_id],
            )
            tries = db.execute(
                "SELECT completion_tries FROM authorizations WHERE id = ?", [authorization_id]
            ).fetchone()[0]
            if tries >= allowed:
                db.execute(
                    "UPDATE authorizations SET status = ?, reason = 'too_many_tries', "
                    "refresh_token = NULL, completion_digest = NULL WHERE id = ?",
                    [FAILED, authorization_id],
                )
        return tries

    def complete(self, authorization_id: str, installation_id: str) -> bool:
        """The desktop presented the code: connected. Any earlier connection of the
        installation is replaced and its token erased (one Amazon connection each). False
        when a concurrent completion got there first."""
        now = time.time()
        with self.connect() as db, write_transaction(db):
            cursor = db.execute(
                "UPDATE authorizations SET status = ?, completion_digest = NULL, updated_at = ? "
                "WHERE id = ? AND status = ?",
                [CONNECTED, now, authorization_id, AWAITING],
            )
            if cursor.rowcount != 1:
                return False
            db.execute(
                "UPDATE authorizations SET status = ?, refresh_token = NULL, reason = 'replaced',"
                " updated_at = ? WHERE installation_id = ? AND id != ? AND status = ?",
                [DISCONNECTED, now, installation_id, authorization_id, CONNECTED],
            )
        return True

    def expire(self, now: float) -> int:
        """Authorizations never completed in time end, and their tokens are erased with them.
        Returns how many ended."""
        with self.connect() as db, write_transaction(db):
            cursor = db.execute(
                "UPDATE authorizations SET status = ?, reason = 'state_expired', "
                "refresh_token = NULL, completion_digest = NULL, updated_at = ? "
                "WHERE status IN (?, ?) AND state_expires_at < ?",
                [FAILED, time.time(), PENDING, AWAITING, now],
            )
            return cursor.rowcount

    def set_failed(self, authorization_id: str, reason: str, *, erase_token: bool) -> None:
        with self.connect() as db, write_transaction(db):
            db.execute(
                "UPDATE authorizations SET status = ?, reason = ?, updated_at = ?"
                + (", refresh_token = NULL" if erase_token else "")
                + " WHERE id = ?",
                [FAILED, reason, time.time(), authorization_id],
            )

    def reencrypt(self, rotate) -> int:
        """Re-encrypt every stored refresh token with `rotate` (after an encryption key change)."""
        with self.connect() as db, write_transaction(db):
            rows = db.execute(
                "SELECT id, refresh_token FROM authorizations WHERE refresh_token IS NOT NULL"
            ).fetchall()
            for authorization_id, token in rows:
                db.execute(
                    "UPDATE authorizations SET refresh_token = ? WHERE id = ?",
                    [rotate(token), authorization_id],
                )
        return len(rows)

    def disconnect(self, authorization_id: str) -> None:
        """End the authorization and erase its token for real: overwritten in the file
        (secure_delete), the WAL emptied and the file rebuilt, so no copy stays on disk."""
        with self.connect() as db:
            with write_transaction(db):
                db.execute(
                    "UPDATE authorizations SET status = ?, refresh_token = NULL, "
                    "completion_digest = NULL, reason = 'disconnected', updated_at = ? "
                    "WHERE id = ?",
                    [DISCONNECTED, time.time(), authorization_id],
                )
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
