"""Defaults per product (SKU), as the owner sees and edits them: learned from labels (see
`labels.learn_product`), used for drafts (`drafts.product_guess`)."""

from __future__ import annotations

from shipdesk.services.context import AppContext
from shipdesk.store import sku_defaults
from shipdesk.store.sku_defaults import SkuDefault as SkuDefault
from shipdesk.store.transactions import write_transaction

MAX_UNIT_KG = 70.0
MAX_PIECES = 10


def products(ctx: AppContext) -> list[SkuDefault]:
    with ctx.connect() as db:
        return sku_defaults.all_defaults(db)


def save(ctx: AppContext, value: SkuDefault) -> SkuDefault:
    """The owner's values for a product (learning no longer changes them). ValueError says
    what is wrong."""
    sku = value.sku.strip()
    if not sku:
        raise ValueError("a product needs its SKU")
    if not 0 < value.unit_weight_kg <= MAX_UNIT_KG:
        raise ValueError(f"the weight of one unit is above 0 and at most {MAX_UNIT_KG:g} kg")
    if not 1 <= value.pieces <= MAX_PIECES:
        raise ValueError(f"from 1 to {MAX_PIECES} parcels")
    kept = SkuDefault(sku, value.parcel_type, round(value.unit_weight_kg, 3), value.pieces, True)
    with ctx.connect() as db, write_transaction(db):
        sku_defaults.set_by_owner(db, kept)
    return kept


def remove(ctx: AppContext, sku: str) -> None:
    with ctx.connect() as db, write_transaction(db):
        sku_defaults.remove(db, sku)
