"""The carrier part of the Connections tab and the Shipping Options tab, with real widgets."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk.domain.shipping import SenderAddress
from shipdesk.services import amazon_account, carrier_account, shipping_settings
from shipdesk.ui.orders_model import COLUMNS
from shipdesk.ui.shipping_options_tab import AddressDialog
from tests.conftest import make_context
from tests.support.dialogs import answer_next_dialog
from tests.support.windows import open_window

SENDER = SenderAddress(
    None, "Piet", "De Mok B.V.", "Oudegracht", "112", "", "3511 AW", "Utrecht", "NL"
)


def connected_context(tmp_path, sandbox):
    ctx = make_context(tmp_path / "data", sandbox)
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    return ctx


# -- Connections: DHL --
def test_dhl_check_fills_the_customer_number_picker(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    tab = window.connections
    assert tab.cards["dhl"].pill.state == "not_connected"
    assert not tab.cards["dhl"].check.isEnabled()
    assert tab.customer_number.isVisibleTo(tab) and not tab.customer_picker.isVisibleTo(tab)

    qtbot.keyClicks(tab.cards["dhl"].fields["user_id"], sandbox.dhl.user_id)
    qtbot.keyClicks(tab.cards["dhl"].fields["api_key"], sandbox.dhl.api_key)
    with qtbot.waitSignal(tab.carrier_changed, timeout=15_000):
        qtbot.mouseClick(tab.cards["dhl"].check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.cards["dhl"].pill.state == "connected", timeout=5_000)
    accounts = list(sandbox.dhl.account_numbers)
    assert [tab.customer_picker.itemData(i) for i in range(tab.customer_picker.count())] == accounts
    assert tab.customer_picker.isVisibleTo(tab) and not tab.customer_number.isVisibleTo(tab)
    assert tab.cards["dhl"].fields["api_key"].text() == ""  # in the keychain, not the form
    assert ctx.keychain.get(carrier_account.spec("dhl").secret_name)["api_key"] == (
        sandbox.dhl.api_key
    )

    # The number picked is the one linked to the Amazon account.
    tab.customer_picker.setCurrentIndex(1)
    assert amazon_account.customer_number(ctx) == accounts[1]
    reopened = open_window(qtbot, ctx).connections
    assert reopened.customer_picker.currentData() == accounts[1]


def test_wrong_dhl_key_is_explained_and_nothing_stored(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    tab = open_window(qtbot, ctx).connections
    qtbot.keyClicks(tab.cards["dhl"].fields["user_id"], sandbox.dhl.user_id)
    qtbot.keyClicks(tab.cards["dhl"].fields["api_key"], "not-the-key")
    qtbot.mouseClick(tab.cards["dhl"].check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not saved" in tab.cards["dhl"].message.text(), timeout=15_000)
    assert "My DHL Portal" in tab.cards["dhl"].message.text()
    assert tab.cards["dhl"].pill.state == "not_connected"
    assert ctx.keychain.get(carrier_account.spec("dhl").secret_name) is None


def test_remove_dhl(qtbot, tmp_path, sandbox) -> None:
    ctx = connected_context(tmp_path, sandbox)
    tab = open_window(qtbot, ctx).connections
    assert tab.cards["dhl"].pill.state == "connected"
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.cards["dhl"].remove, Qt.MouseButton.LeftButton)
    assert tab.cards["dhl"].pill.state == "not_connected"
    assert ctx.keychain.get(carrier_account.spec("dhl").secret_name) is None


# -- Shipping Options --
def open_options(qtbot, ctx):
    window = open_window(qtbot, ctx)
    tab = window.shipping_options
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: bool(tab.defaults.boxes), timeout=15_000)
    return window, tab


def test_without_a_carrier_the_tab_says_what_to_do(qtbot, tmp_path, sandbox) -> None:
    window = open_window(qtbot, make_context(tmp_path / "data", sandbox))
    tab = window.shipping_options
    assert "Connect the carrier" in tab.defaults.placeholder.text()
    assert "Add a sender address" in tab.problems.text()


# A complete sender address as typed into the address dialog.
ADDRESS_FORM = {
    "company_name": "De Mok",
    "street": "Oudegracht",
    "number": "112",
    "postal_code": "3511 AW",
    "city": "Utrecht",
}


def fill_address_dialog(values: dict[str, str]) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddressDialog):
            QTimer.singleShot(10, fill)
            return
        for key, value in values.items():
            dialog.fields[key].setText(value)
        dialog._accept()
        if dialog.isVisible():  # refused: show why, then give up
            fill_address_dialog.refusal = dialog.problem.text()  # type: ignore[attr-defined]
            dialog.reject()

    QTimer.singleShot(0, fill)


def test_address_book_is_validated_and_saved(qtbot, tmp_path, sandbox) -> None:
    ctx = connected_context(tmp_path, sandbox)
    _, tab = open_options(qtbot, ctx)
    fill_address_dialog({"company_name": "De Mok", "street": "Oudegracht"})
    qtbot.mouseClick(tab.new_address, Qt.MouseButton.LeftButton)
    assert "house number" in fill_address_dialog.refusal  # type: ignore[attr-defined]
    assert tab.sender_address.count() == 0

    fill_address_dialog(ADDRESS_FORM)
    qtbot.mouseClick(tab.new_address, Qt.MouseButton.LeftButton)
    assert tab.sender_address.count() == 1
    assert "Oudegracht 112" in tab.sender_address.currentText()
    assert [a.city for a in shipping_settings.address_book(ctx)] == ["Utrecht"]


def test_change_save_and_reload_every_setting(qtbot, tmp_path, sandbox) -> None:
    ctx = connected_context(tmp_path, sandbox)
    shipping_settings.save_address(ctx, SENDER)
    _window, tab = open_options(qtbot, ctx)
    assert not tab.save_button.isEnabled()

    tab.recipient_consumer.click()  # (2)
    qtbot.waitUntil(lambda: "NBB" in tab.defaults.boxes)
    tab.defaults.boxes["NBB"].click()  # (3)
    tab.defaults.boxes["INS"].click()
    qtbot.keyClicks(tab.defaults.inputs["INS"], "250")
    monday = tab.days[0]  # (4)
    monday.switch.click()
    monday.custom.click()
    monday.start.setTime(QTime(8, 0))
    monday.end.setTime(QTime(14, 30))
    tab.optional.boxes["S"].click()  # (5)
    tab.parcel_type.setCurrentIndex(tab.parcel_type.findData("MEDIUM"))  # (6)
    tab.weight.setValue(2.5)
    assert tab.save_button.isEnabled() and "Unsaved" in tab.status.text()
    with qtbot.waitSignal(tab.saved):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in tab.status.text()

    saved = shipping_settings.load(ctx)
    assert saved.recipient_type == "consumer"
    assert set(saved.default_services) == {"NBB", "INS"} and saved.inputs["INS"] == "250"
    assert saved.same_day[0].enabled and saved.same_day[0].start.hour == 8
    assert saved.same_day[0].end.minute == 30 and not saved.same_day[1].enabled
    assert saved.optional_services == ("S",)
    assert (saved.parcel_type, saved.weight_kg) == ("MEDIUM", 2.5)
    assert saved.sender_id == shipping_settings.address_book(ctx)[0].id

    _, again = open_options(qtbot, ctx)
    assert again.recipient_consumer.isChecked()
    assert again.defaults.boxes["NBB"].isChecked() and again.defaults.inputs["INS"].text() == "250"
    assert again.days[0].switch.isChecked() and again.days[0].end.time() == QTime(14, 30)
    assert again.optional.boxes["S"].isChecked()
    assert again.parcel_type.currentData() == "MEDIUM" and again.weight.value() == 2.5


def test_settings_that_exclude_themselves_cannot_be_saved(qtbot, tmp_path, sandbox) -> None:
    ctx = connected_context(tmp_path, sandbox)
    shipping_settings.save_address(ctx, SENDER)
    _, tab = open_options(qtbot, ctx)
    tab.defaults.boxes["EVE"].click()
    tab.defaults.boxes["S"].click()
    assert "cannot be combined" in tab.problems.text()
    assert not tab.save_button.isEnabled()
    tab.defaults.boxes["S"].click()
    friday = tab.days[4]
    friday.switch.click()
    assert "DHL Vandaag cannot be combined" in tab.problems.text()
    tab.defaults.boxes["EVE"].click()
    friday.custom.click()
    friday.start.setTime(QTime(15, 0))
    friday.end.setTime(QTime(9, 0))
    assert "start before it ends" in tab.problems.text()
    assert not tab.save_button.isEnabled()
    friday.end.setTime(QTime(18, 0))
    assert tab.problems.text() == "" and tab.save_button.isEnabled()


def test_business_recipients_narrow_the_choices(qtbot, tmp_path, sandbox) -> None:
    ctx = connected_context(tmp_path, sandbox)
    _, tab = open_options(qtbot, ctx)
    assert "EVE" in tab.defaults.boxes and "BP" in tab.defaults.boxes
    tab.recipient_business.click()
    qtbot.waitUntil(lambda: "EVE" not in tab.defaults.boxes)
    assert "BP" not in tab.defaults.boxes and "HANDT" in tab.defaults.boxes
    assert tab.parcel_type.findData("PALLET") >= 0
    tab.recipient_consumer.click()
    qtbot.waitUntil(lambda: "EVE" in tab.defaults.boxes)
    assert tab.parcel_type.findData("PALLET") < 0


def test_orders_tab_shows_each_orders_draft(qtbot, tmp_path, sandbox) -> None:
    from tests.conftest import ALL_SANDBOX_MARKETPLACES, connect_sandbox_seller

    ctx = connected_context(tmp_path, sandbox)
    shipping_settings.save_address(ctx, SENDER)
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    window = open_window(qtbot, ctx)
    window.tabs.setCurrentWidget(window.orders)
    with qtbot.waitSignal(window.importer.drafts_made, timeout=30_000):
        qtbot.mouseClick(window.orders.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy)
    model = window.orders.model
    state = COLUMNS.index("state")
    shown = {model.data(model.index(r, state)) for r in range(model.rowCount())}
    assert {"Draft", "Needs review"} <= shown


def test_the_address_dialog_has_room_and_writes_postcodes_as_the_post_does(
    qtbot, tmp_path, sandbox
) -> None:
    ctx = connected_context(tmp_path, sandbox)
    dialog = AddressDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    for key, value in {**ADDRESS_FORM, "number": "", "postal_code": " 3511aw "}.items():
        dialog.fields[key].setText(value)
    dialog._accept()  # refused: the house number is missing
    qtbot.waitUntil(lambda: bool(dialog.problem.text()))
    assert dialog.width() >= 480
    # The reason fits: wrapped inside the dialog, never cut off at its edge.
    assert dialog.problem.wordWrap()
    assert dialog.problem.geometry().right() <= dialog.width()
    dialog.fields["number"].setText("112")
    assert dialog.value().postal_code == "3511 AW"
    shipping_settings.save_address(ctx, replace(dialog.value(), country_code="nl"))
    [saved] = shipping_settings.address_book(ctx)
    assert (saved.postal_code, saved.country_code) == ("3511 AW", "NL")


def test_switching_to_business_and_back_keeps_the_services_and_says_so(
    qtbot, tmp_path, sandbox
) -> None:
    ctx = connected_context(tmp_path, sandbox)
    _, tab = open_options(qtbot, ctx)
    qtbot.waitUntil(lambda: "EVE" in tab.defaults.boxes)
    tab.defaults.boxes["EVE"].setChecked(True)  # evening: consumers only
    tab.defaults.boxes["HANDT"].setChecked(True)  # signature: both
    tab.recipient_business.click()
    qtbot.waitUntil(lambda: "EVE" not in tab.defaults.boxes)
    assert tab.defaults.boxes["HANDT"].isChecked()
    said = tab.defaults.left_out.text()
    assert tab.defaults.left_out.isVisibleTo(tab) and "Evening delivery" in said
    assert tab.value().default_services == ("HANDT",)  # what business parcels can have
    tab.recipient_auto.click()
    qtbot.waitUntil(lambda: "EVE" in tab.defaults.boxes)
    assert tab.defaults.boxes["EVE"].isChecked() and tab.defaults.boxes["HANDT"].isChecked()
    assert not tab.defaults.left_out.isVisibleTo(tab)


def test_saved_defaults_can_be_applied_to_drafts_not_yet_created(qtbot, tmp_path, start_sandbox):
    from tests.support.dialogs import answer_next_dialog
    from tests.test_labels import edit_receiver, labels, open_shop

    ctx, _ = open_shop(tmp_path, start_sandbox, orders=30, seed=5)
    before = labels(ctx)
    mine = next(lb for lb in before if lb.state == "draft")
    edit_receiver(ctx, mine, city="Utrecht")  # the owner's own edit: kept
    _, tab = open_options(qtbot, ctx)
    qtbot.waitUntil(lambda: "HANDT" in tab.defaults.boxes)
    tab.defaults.boxes["HANDT"].setChecked(True)  # signature: most destinations allow it
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.drafts_updated, timeout=30_000) as done:
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    after = {lb.order_id: lb for lb in labels(ctx)}
    remade = [
        lb for lb in after.values() if lb.state in ("draft", "needs_review") and not lb.edited
    ]
    assert remade and done.args[0].made == len(remade)
    for lb in remade:  # the new default, or the warning where the destination can't have it
        warned = {(w["code"], w["option"]) for w in lb.warnings}
        assert "HANDT" in {k for k, _ in lb.options} or (
            ("default_service_impossible", "HANDT") in warned
        )
    kept = after[mine.order_id]
    assert kept.edited and "HANDT" not in {k for k, _ in kept.options}
    assert "draft labels updated" in tab.status.text()
    assert len(after) == len(before)  # replaced, never doubled


def test_the_address_dialog_marks_what_no_carrier_would_print(qtbot, tmp_path, sandbox) -> None:
    ctx = connected_context(tmp_path, sandbox)
    dialog = AddressDialog(None, None, ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    bad = {
        **ADDRESS_FORM,
        "postal_code": "3511",
        "email": "info@",
        "phone": "bel me",
        "street": "Oudegracht\u202e",
    }
    for key, value in bad.items():
        dialog.fields[key].setText(value)
    dialog._accept()
    assert dialog.isVisible()  # not saved
    said = dialog.problem.text()
    assert "postcode is not written" in said and "e-mail address is not one" in said
    assert "phone number may hold digits" in said and "characters nobody can see" in said
    marked = {k for k, f in dialog.fields.items() if f.property("invalid")}
    assert marked == {"postal_code", "email", "phone", "street"}
    qtbot.keyClicks(dialog.fields["email"], "x")
    assert not dialog.fields["email"].property("invalid")  # typing there takes the mark away
    assert shipping_settings.address_book(ctx) == []
