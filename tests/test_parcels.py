"""Several parcels per order (issue 14, point 2): one shipment of N pieces at the carrier, every
tracking number stored, and Amazon told one package per parcel with the order's units spread
over them (fewer units than parcels: one package per unit)."""

from __future__ import annotations

import datetime as dt

import pytest

from shipdesk.services import labels as label_service
from shipdesk.services import tracking
from shipdesk.services.tracking import spread_units
from shipdesk.store import labels as label_store
from shipdesk.store.orders import list_orders
from shipdesk.store.transactions import write_transaction
from tests.test_labels import edit_draft, labels, open_shop


def units(*pairs: tuple[str, int]) -> list[dict]:
    return [{"orderItemId": item, "quantity": quantity} for item, quantity in pairs]


@pytest.mark.parametrize(
    ("items", "parcels", "packages"),
    [
        (units(("A", 3)), 3, [units(("A", 1))] * 3),
        (units(("A", 2), ("B", 3)), 2, [units(("A", 2)), units(("B", 3))]),
        (
            units(("A", 2), ("B", 3)),
            3,
            [units(("A", 1)), units(("A", 1), ("B", 1)), units(("B", 2))],
        ),
        (units(("A", 1)), 3, [units(("A", 1))]),  # one unit: one package
        (units(("A", 2), ("B", 1)), 1, [units(("A", 2), ("B", 1))]),
    ],
)
def test_units_are_spread_over_the_parcels_in_order(items, parcels, packages) -> None:
    spread = spread_units(items, parcels)
    assert spread == packages
    assert len(spread) == min(parcels, sum(i["quantity"] for i in items))
    total: dict[str, int] = {}
    for package in spread:
        assert package  # Amazon takes no package without an item
        for item in package:
            total[item["orderItemId"]] = total.get(item["orderItemId"], 0) + item["quantity"]
    assert total == {i["orderItemId"]: i["quantity"] for i in items}
    sizes = [sum(i["quantity"] for i in package) for package in spread]
    assert max(sizes) - min(sizes) <= 1  # as even as whole units go


@pytest.fixture
def shop(tmp_path, start_sandbox):
    return open_shop(tmp_path, start_sandbox, orders=60, seed=13)


def with_parcels(ctx, label: dict, pieces: int) -> None:
    """The owner's edit: the same draft, in `pieces` parcels."""
    edit_draft(ctx, label, pieces=pieces)


def unit_count(ctx, order_id: str) -> int:
    with ctx.connect() as db:
        [order] = list_orders(db, [order_id])
    return sum(item.quantity - (item.quantity_shipped or 0) for item in order.items)


def test_three_parcels_make_three_tracking_numbers_and_amazon_packages(shop) -> None:
    ctx, sandbox = shop
    drafts = labels(ctx, "draft")
    by_units = sorted(drafts, key=lambda lb: unit_count(ctx, lb.order_id), reverse=True)
    many, single = by_units[0], by_units[-1]
    before = {lb.order_id: unit_count(ctx, lb.order_id) for lb in (many, single)}
    expected = {order_id: min(3, count) for order_id, count in before.items()}
    assert expected[single.order_id] == 1  # one unit: one package, three parcels
    for label in (many, single):
        with_parcels(ctx, label, 3)
    ids = [many.id, single.id]
    result = label_service.create_labels(ctx, ids)
    assert result.created == 2, result.outcomes
    with ctx.connect() as db:
        made = {lb.order_id: lb for lb in label_store.get_labels(db, ids)}
    for order_id, label in made.items():
        assert len(set(label.tracker_codes)) == 3
        [shipment] = [
            s for s in sandbox.dhl.shipments.values() if s.body["orderReference"] == order_id
        ]
        assert len(shipment.pieces) == 3  # one shipment of three pieces at DHL

    assert tracking.enqueue_labels(ctx, ids).added == sum(expected.values())
    assert tracking.enqueue_labels(ctx, ids).added == 0  # a reprint never sends twice
    tracking.upload_due(ctx, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    for order_id, label in made.items():
        packages = sorted(
            (c for c in sandbox.amazon.confirmations if c.order_id == order_id),
            key=lambda c: int(c.package_reference_id),
        )
        count = expected[order_id]
        assert [int(p.package_reference_id) for p in packages] == list(range(1, count + 1))
        assert [p.tracking_number for p in packages] == label.tracker_codes[:count]
        shipped = sum(item.quantity for p in packages for item in p.items)
        assert shipped == before[order_id]  # every unit, in one package or another
    assert tracking.status(ctx) == {"done": sum(expected.values())}


def test_the_command_line_makes_a_label_of_parcels_with_their_own_weights(tmp_path, shop) -> None:
    from tests.conftest import cli_env, run_cli

    ctx, sandbox = shop
    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    env["SHIPDESK_DHL_ENDPOINT"] = sandbox.urls["dhl"]
    order_id = labels(ctx, "draft")[0].order_id
    wrong = run_cli(["labels", "create", "--parcels", "3", "--weights", "2.5,1", order_id], env)
    assert wrong.returncode == 2 and "2 weights for 3 parcels" in wrong.stderr
    made = run_cli(
        ["labels", "create", "--parcels", "3", "--weights", "2.5,1.2,0.8", order_id], env
    )
    assert made.returncode == 0, made.stderr
    assert "1 created" in made.stdout
    [label] = [lb for lb in labels(ctx) if lb.order_id == order_id]
    assert len(label.tracker_codes) == 3 and label.parcel_weights == [2.5, 1.2, 0.8]
    assert label.weight_kg == pytest.approx(4.5)
    [shipment] = [s for s in sandbox.dhl.shipments.values() if s.body["orderReference"] == order_id]
    assert [p["weight"] for p in shipment.body["pieces"]] == [2.5, 1.2, 0.8]
    again = run_cli(["labels", "create", "--parcels", "2", order_id], env)
    assert "parcels not set" in again.stderr and "already made" in again.stderr


def test_gls_units_carry_each_parcels_weight(tmp_path, start_sandbox) -> None:
    from tests.test_gls_labels import open_gls_shop

    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    order_id = labels(ctx, "draft")[0].order_id
    assert label_service.set_parcels(ctx, [order_id], 2, [3.25, 0.5]) == []
    result = label_service.create_for_orders(ctx, [order_id])
    assert result.created == 1, result.outcomes
    [label] = [lb for lb in labels(ctx) if lb.order_id == order_id]
    assert len(label.tracker_codes) == 2
    assert [sandbox.gls.units[n].weight_kg for n in label.tracker_codes] == [3.25, 0.5]


def test_the_label_window_edits_each_parcels_weight(qtbot, shop) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.test_gui_worklist import open_list

    ctx, _ = shop
    draft = labels(ctx, "draft")[0]
    window = open_list(qtbot, ctx, "draft")
    tab = window.orders

    def opened():
        tab._open_label(draft.id)
        dialog = tab.dialog
        qtbot.waitUntil(lambda: dialog.edit is not None and not window.runner.busy)
        return dialog

    dialog = opened()
    assert not dialog.parcel_weights_box.isVisibleTo(dialog) and dialog.weight.isVisibleTo(dialog)
    dialog.pieces.setValue(3)
    assert dialog.parcel_weights_box.isVisibleTo(dialog) and not dialog.weight.isVisibleTo(dialog)
    assert len(dialog.parcel_weight_boxes) == 3
    for box, weight in zip(dialog.parcel_weight_boxes, (2.5, 1.0, 0.5), strict=True):
        box.setValue(weight)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [saved] = [lb for lb in labels(ctx) if lb.id == draft.id]
    assert saved.pieces == 3 and saved.parcel_weights == [2.5, 1.0, 0.5]
    assert saved.weight_kg == pytest.approx(4.0)

    again = opened()  # as saved
    assert [box.value() for box in again.parcel_weight_boxes] == [2.5, 1.0, 0.5]
    again.pieces.setValue(2)  # one parcel fewer: the first two keep their weights
    assert [box.value() for box in again.parcel_weight_boxes] == [2.5, 1.0]
    again.reject()


def test_size_weight_and_parcels_change_for_a_selection_of_drafts(qtbot, shop) -> None:
    from tests.test_gui_worklist import open_list, select_rows

    ctx, _ = shop
    drafts = labels(ctx, "draft")[:2]
    review = labels(ctx, "needs_review")[0]
    made = labels(ctx, "draft")[2]
    assert label_service.create_labels(ctx, [made.id]).created == 1
    chosen = {lb.order_id for lb in (*drafts, review, made)}
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    rows = [n for n in range(tab.model.rowCount()) if tab.model.row_at(n).order_id in chosen]
    select_rows(window, rows)
    assert tab.bulk_action.isEnabled()
    tab.bulk_action.trigger()
    dialog = tab.bulk_dialog
    dialog.size_box.setChecked(True)
    dialog.size_choice.setCurrentIndex(dialog.size_choice.findData("MEDIUM"))
    dialog.pieces_box.setChecked(True)
    dialog.pieces.setValue(2)
    with qtbot.waitSignal(tab.work_done, timeout=10_000) as done:
        dialog.accept()
    assert done.args[0] == "bulk-edit" and done.args[1].changed == 3
    assert [s.order_id for s in done.args[1].skipped] == [made.order_id]
    after = {lb.id: lb for lb in labels(ctx)}
    for label in (*drafts, review):
        changed = after[label.id]
        assert (changed.parcel_type, changed.pieces) == ("MEDIUM", 2)
        assert changed.weight_kg == label.weight_kg  # not ticked: as it was
    assert after[review.id].state == "needs_review" and after[review.id].review
    assert after[made.id].pieces == made.pieces  # made already: untouched
    assert "3 drafts changed" in tab.message.text()


def test_options_and_carrier_change_for_a_selection_of_drafts(qtbot, shop) -> None:
    from PySide6.QtCore import Qt

    from shipdesk.domain.shipping import ShippingSettings
    from shipdesk.services import carrier_account, shipping_settings
    from tests.test_gui_worklist import open_list, select_rows

    ctx, sandbox = shop
    carrier_account.connect(ctx, "gls", sandbox.carrier_credentials()["gls"])
    sender = shipping_settings.sender(ctx).id
    shipping_settings.save(ctx, ShippingSettings(sender_id=sender), "gls")
    consumers = [
        lb
        for lb in labels(ctx, "draft")
        if lb.receiver["country_code"] == "NL" and not lb.receiver["is_business"]
    ][:2]
    review = labels(ctx, "needs_review")[0]
    chosen = {lb.order_id for lb in (*consumers, review)}
    window = open_list(qtbot, ctx, "all")
    tab = window.orders
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)

    def change(setup) -> label_service.BulkEdited:
        rows = [n for n in range(tab.model.rowCount()) if tab.model.row_at(n).order_id in chosen]
        select_rows(window, rows)
        tab.bulk_action.trigger()
        dialog = tab.bulk_dialog
        setup(dialog)
        with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
            dialog.accept()
        assert done.args[0] == "bulk-edit"
        return done.args[1]

    def no_neighbours(dialog) -> None:  # one DHL option, added to every DHL draft
        qtbot.waitUntil(lambda: "NBB" in dialog.option_boxes, timeout=15_000)
        assert dialog.option_boxes["NBB"].checkState() == Qt.CheckState.PartiallyChecked
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.option_boxes["NBB"].setCheckState(Qt.CheckState.Checked)

    result = change(no_neighbours)
    assert result.changed == 2
    assert [(s.order_id, s.reason) for s in result.skipped] == [(review.order_id, "needs_review")]
    after = {lb.id: lb for lb in labels(ctx)}
    for label in consumers:
        options = [o[0] for o in after[label.id].options]
        assert "NBB" in options and options.count("NBB") == 1
        assert after[label.id].carrier == "dhl"
    assert "NBB" not in [o[0] for o in after[review.id].options]

    def to_gls(dialog) -> None:
        assert dialog.carrier_box.isVisibleTo(dialog)  # two carriers connected: a choice
        dialog.carrier_box.setChecked(True)
        dialog.carrier.setCurrentIndex(dialog.carrier.findData("gls"))
        qtbot.waitUntil(lambda: dialog.options_carrier() == "gls" and bool(dialog.option_boxes))
        assert "NBB" not in dialog.option_boxes  # the options offered are GLS's now

    result = change(to_gls)
    assert result.changed == 2
    after = {lb.id: lb for lb in labels(ctx)}
    for label in consumers:
        switched = after[label.id]
        assert switched.carrier == "gls" and switched.state == "draft"
        assert switched.account_number in sandbox.gls.customer_numbers
        assert "NBB" not in [o[0] for o in switched.options]  # DHL's option went
    assert after[review.id].carrier == review.carrier
    made = label_service.create_labels(ctx, [lb.id for lb in consumers])
    assert made.created == 2, made.outcomes  # GLS takes them as changed
    assert tab.message.text() == "2 drafts changed. 1 needs review first: open it."


def test_the_list_shows_the_parcel_amazon_refused_not_only_the_first(shop) -> None:
    """Parcel 1 went through, parcel 2 was refused: the row says refused, with Amazon's words."""
    from shipdesk.store import order_list, outbox

    ctx, _ = shop
    label = max(labels(ctx, "draft"), key=lambda lb: unit_count(ctx, lb.order_id))
    assert unit_count(ctx, label.order_id) >= 2  # two parcels, two packages at Amazon
    with_parcels(ctx, label, 2)
    assert label_service.create_labels(ctx, [label.id]).created == 1
    tracking.enqueue_labels(ctx, [label.id])
    with ctx.connect() as db, write_transaction(db):
        entries = db.execute(
            "SELECT id, parcel FROM tracking_outbox WHERE label_id = ? ORDER BY parcel",
            [label.id],
        ).fetchall()
        assert len(entries) == 2
        outbox.mark_done(db, entries[0][0])
        outbox.needs_attention(db, entries[1][0], "Invalid tracking number for carrier DHL.")
    with ctx.connect() as db:
        [order_key] = [
            r[0] for r in db.execute("SELECT id FROM orders WHERE order_id = ?", [label.order_id])
        ]
        row = order_list.rows_by_id(db, [order_key])[order_key]
    assert row.upload_state == "needs_attention"
    assert row.upload_error == "Invalid tracking number for carrier DHL."
