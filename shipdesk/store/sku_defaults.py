"""Defaults per product (SKU): the parcel size, the weight of one unit and the parcels, for
drafts of orders of known products. Learned from labels, or set by the owner."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from shipdesk.store.connection import Database
from shipdesk.store.orders import now_iso


@dataclass(frozen=True)
class SkuDefault:
    sku: str
    parcel_type: str
    unit_weight_kg: float
    pieces: int = 1
    edited: bool = False
    learned_from: str = ""  # the order whose label taught it


def _row(r: Sequence[Any]) -> SkuDefault:
    return SkuDefault(r[0], r[1], float(r[2]), int(r[3]), bool(r[4]), r[5] or "")


_COLUMNS = "sku, parcel_type, unit_weight_kg, pieces, edited, learned_from"


def for_skus(db: Database, skus: Iterable[str]) -> dict[str, SkuDefault]:
    wanted = [s for s in dict.fromkeys(skus) if s]
    if not wanted:
        return {}
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM sku_defaults WHERE sku IN ({','.join('?' * len(wanted))})",
        wanted,
    ).fetchall()
    return {r[0]: _row(r) for r in rows}


def all_defaults(db: Database) -> list[SkuDefault]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM sku_defaults ORDER BY sku COLLATE NOCASE")
    return [_row(r) for r in rows.fetchall()]


def learn(db: Database, value: SkuDefault) -> bool:
    """Keep what a label taught, unless the owner set this SKU by hand. True when kept."""
    cursor = db.execute(
        "INSERT INTO sku_defaults (sku, parcel_type, unit_weight_kg, pieces, edited, "
        "learned_from, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (sku) DO UPDATE "
        "SET parcel_type = excluded.parcel_type, unit_weight_kg = excluded.unit_weight_kg, "
        "pieces = excluded.pieces, learned_from = excluded.learned_from, "
        "updated_at = excluded.updated_at WHERE sku_defaults.edited = 0",
        [
            value.sku,
            value.parcel_type,
            value.unit_weight_kg,
            value.pieces,
            value.learned_from,
            now_iso(),
        ],
    )
    return cursor.rowcount == 1


def set_by_owner(db: Database, value: SkuDefault) -> None:
    db.execute(
        "INSERT INTO sku_defaults (sku, parcel_type, unit_weight_kg, pieces, edited, "
        "learned_from, updated_at) VALUES (?, ?, ?, ?, 1, NULL, ?) ON CONFLICT (sku) DO UPDATE "
        "SET parcel_type = excluded.parcel_type, unit_weight_kg = excluded.unit_weight_kg, "
        "pieces = excluded.pieces, edited = 1, updated_at = excluded.updated_at",
        [value.sku, value.parcel_type, value.unit_weight_kg, value.pieces, now_iso()],
    )


def remove(db: Database, sku: str) -> None:
    db.execute("DELETE FROM sku_defaults WHERE sku = ?", [sku])
