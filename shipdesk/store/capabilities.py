"""A cache of carrier capabilities per destination and recipient type, with its age."""

from __future__ import annotations

import json
import time
from typing import Any

from shipdesk.domain.shipping import Capability, OptionCapability
from shipdesk.store.connection import Database
from shipdesk.store.transactions import write_transaction


def _to_json(capabilities: list[Capability]) -> str:
    return json.dumps(
        [
            {
                "product": c.product,
                "parcel_type": c.parcel_type,
                "min_weight_kg": c.min_weight_kg,
                "max_weight_kg": c.max_weight_kg,
                "rank": c.rank,
                "options": [
                    {
                        "key": o.key,
                        "description": o.description,
                        "option_type": o.option_type,
                        "input_type": o.input_type,
                        "input_max": o.input_max,
                        "exclusions": sorted(o.exclusions),
                    }
                    for o in c.options
                ],
            }
            for c in capabilities
        ]
    )


def _from_json(body: str) -> list[Capability]:
    def option(data: dict[str, Any]) -> OptionCapability:
        return OptionCapability(**{**data, "exclusions": frozenset(data["exclusions"])})

    return [
        Capability(**{**entry, "options": tuple(option(o) for o in entry["options"])})
        for entry in json.loads(body)
    ]


def get(db: Database, key: str, max_age_s: float) -> list[Capability] | None:
    row = db.execute(
        "SELECT fetched_at, body FROM capability_cache WHERE key = ?", [key]
    ).fetchone()
    if row is None or time.time() - row[0] > max_age_s:
        return None
    return _from_json(row[1])


def put(db: Database, key: str, capabilities: list[Capability]) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO capability_cache (key, fetched_at, body) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET fetched_at = excluded.fetched_at, "
            "body = excluded.body",
            [key, time.time(), _to_json(capabilities)],
        )


def clear(db: Database) -> None:
    with write_transaction(db):
        db.execute("DELETE FROM capability_cache")
