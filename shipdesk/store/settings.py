"""Settings as JSON values in the `settings` table; secrets never go here (see keychain)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from shipdesk.store.connection import Database
from shipdesk.store.transactions import write_transaction

INSTALLATION_ID = "installation.id"


def get(db: Database, key: str, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def put(db: Database, key: str, value: Any) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )


def delete(db: Database, key: str) -> None:
    with write_transaction(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])


def installation_id(db: Database) -> str:
    """A random id per data folder; scopes keychain entries to this folder."""
    current = get(db, INSTALLATION_ID)
    if current:
        return str(current)
    fresh = uuid.uuid4().hex
    with write_transaction(db):
        db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
            [INSTALLATION_ID, json.dumps(fresh)],
        )
    return str(get(db, INSTALLATION_ID))
