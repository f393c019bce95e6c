"""Defaults per product (issue 14, point 3): learned from the last label of an order of one
SKU, used for the drafts of new orders (several items add up), the owner's values kept;
Settings → Products…"""

from __future__ import annotations

import pytest

from shipdesk.domain.product_defaults import guess
from shipdesk.services import labels as label_service
from shipdesk.services import product_defaults
from shipdesk.services.drafts import make_drafts
from shipdesk.services.product_defaults import SkuDefault
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders
from shipdesk.store.transactions import write_transaction
from tests.test_labels import labels, open_shop
from tests.test_parcels import with_parcels


def test_known_products_add_up_and_the_heaviest_sets_the_size() -> None:
    known = {
        "MUG": SkuDefault("MUG", "SMALL", 0.4, 1),
        "KETTLE": SkuDefault("KETTLE", "MEDIUM", 1.8, 1),
        "RUG": SkuDefault("RUG", "LARGE", 3.0, 2),
    }
    assert guess([("NEW", 2)], known, 1.0) is None  # nothing known: the shop's defaults
    mugs = guess([("MUG", 3)], known, 1.0)
    assert (mugs.parcel_type, mugs.weight_kg, mugs.pieces) == ("SMALL", 1.2, 1)
    mixed = guess([("MUG", 2), ("KETTLE", 1), ("NEW", 1)], known, 1.0)
    assert (mixed.parcel_type, mixed.weight_kg) == ("MEDIUM", 0.8 + 1.8 + 1.0)
    assert guess([("MUG", 1), ("RUG", 1)], known, 1.0).pieces == 2


@pytest.fixture
def shop(tmp_path, start_sandbox):
    return open_shop(tmp_path, start_sandbox, orders=80, seed=17)


def single_sku_drafts(ctx) -> dict[str, list[dict]]:
    """Drafts of orders of one product (one SKU line), by SKU."""
    with ctx.connect() as db:
        orders = {o.order_id: o for o in list_orders(db)}
    found: dict[str, list[dict]] = {}
    for label in labels(ctx, "draft"):
        items = orders[label.order_id].items
        if len({i.seller_sku for i in items}) == 1 and items[0].seller_sku:
            found.setdefault(items[0].seller_sku, []).append(label)
    return found


def redraft(ctx, order_id: str) -> dict:
    """The order's draft made again from the settings (as a new order's would be)."""
    with ctx.connect() as db, write_transaction(db):
        label_store.drop_draft_from_settings(db, order_id)
    make_drafts(ctx, order_ids=[order_id])
    with ctx.connect() as db:
        [label] = label_store.get_labels(db, label_store.active_label_ids(db, [order_id]))
    return label


def units_of(ctx, order_id: str) -> int:
    with ctx.connect() as db:
        [order] = list_orders(db, [order_id])
    return sum(i.quantity for i in order.items)


def test_a_label_teaches_its_product_and_the_next_draft_uses_it(shop) -> None:
    ctx, _ = shop
    by_sku = single_sku_drafts(ctx)
    sku, drafts = next((s, d) for s, d in by_sku.items() if len(d) >= 2)
    first, second = drafts[0], drafts[1]
    with ctx.connect() as db, write_transaction(db):
        label_store.update_draft(
            db,
            first.id,
            receiver=first.receiver,
            options=[tuple(o) for o in first.options],
            parcel_type="MEDIUM",
            weight_kg=2.4 * units_of(ctx, first.order_id),
            pieces=1,
            note="",
        )
    assert label_service.create_labels(ctx, [first.id]).created == 1
    [learned] = [p for p in product_defaults.products(ctx) if p.sku == sku]
    assert (learned.parcel_type, learned.unit_weight_kg, learned.edited) == ("MEDIUM", 2.4, False)
    assert learned.learned_from == first.order_id

    drafted = redraft(ctx, second.order_id)
    assert drafted.parcel_type == "MEDIUM"
    assert drafted.weight_kg == pytest.approx(2.4 * units_of(ctx, second.order_id))

    # The owner's values stay: a later label of the product teaches nothing over them.
    product_defaults.save(ctx, SkuDefault(sku, "SMALL", 0.75, 1))
    third = drafts[2] if len(drafts) > 2 else None
    if third is not None:
        with_parcels(ctx, third, 1)
        label_service.create_labels(ctx, [third.id])
        [kept] = [p for p in product_defaults.products(ctx) if p.sku == sku]
        assert (kept.parcel_type, kept.unit_weight_kg, kept.edited) == ("SMALL", 0.75, True)
    with pytest.raises(ValueError, match="above 0"):
        product_defaults.save(ctx, SkuDefault(sku, "SMALL", 0, 1))


def test_the_products_window_edits_adds_and_removes(qtbot, shop) -> None:
    from shipdesk.ui.product_defaults_dialog import ProductDefaultsDialog

    ctx, _ = shop
    product_defaults.save(ctx, SkuDefault("MUG-BLU", "SMALL", 0.4, 1))
    dialog = ProductDefaultsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "MUG-BLU"
    dialog.table.cellWidget(0, 2).setValue(0.55)
    dialog.table.cellWidget(0, 1).setCurrentIndex(dialog.table.cellWidget(0, 1).findData("MEDIUM"))
    [saved] = product_defaults.products(ctx)
    assert (saved.parcel_type, saved.unit_weight_kg, saved.edited) == ("MEDIUM", 0.55, True)
    assert "MUG-BLU" in dialog.message.text()
    dialog.add_sku("TEA-01")
    assert {p.sku for p in product_defaults.products(ctx)} == {"MUG-BLU", "TEA-01"}
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert [p.sku for p in product_defaults.products(ctx)] == ["TEA-01"]
