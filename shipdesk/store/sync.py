"""The import's bookkeeping per marketplace: watermark and the search in progress."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shipdesk.store.connection import Database


@dataclass(frozen=True)
class SyncState:
    marketplace_id: str
    watermark: str | None = None
    pending_query: dict[str, Any] | None = None
    pending_token: str | None = None
    last_run_at: str | None = None
    last_error: str | None = None


def load(db: Database, marketplace_ids: list[str]) -> dict[str, SyncState]:
    marks = ",".join("?" * len(marketplace_ids))
    found = {
        row["marketplace_id"]: SyncState(
            marketplace_id=row["marketplace_id"],
            watermark=row["watermark"],
            pending_query=json.loads(row["pending_query"]) if row["pending_query"] else None,
            pending_token=row["pending_token"],
            last_run_at=row["last_run_at"],
            last_error=row["last_error"],
        )
        for row in db.query(
            f"SELECT * FROM sync_state WHERE marketplace_id IN ({marks})", marketplace_ids
        )
    }
    return {m: found.get(m, SyncState(m)) for m in marketplace_ids}


def save(
    db: Database,
    marketplace_ids: list[str] | tuple[str, ...],
    **fields: Any,
) -> None:
    """Set the given fields for each marketplace; the caller owns the transaction."""
    if "pending_query" in fields and fields["pending_query"] is not None:
        fields["pending_query"] = json.dumps(fields["pending_query"])
    columns = ", ".join(fields)
    updates = ", ".join(f"{c} = excluded.{c}" for c in fields)
    sql = (
        f"INSERT INTO sync_state (marketplace_id, {columns}) "
        f"VALUES (?, {', '.join('?' * len(fields))}) "
        f"ON CONFLICT(marketplace_id) DO UPDATE SET {updates}"
    )
    for marketplace_id in marketplace_ids:
        db.execute(sql, [marketplace_id, *fields.values()])
