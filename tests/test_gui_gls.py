"""GLS in the window, with real widgets against the sandbox: its Connections card, its Shipping
Options (setting 4 is DHL's), carrier rules, a mixed Orders list, the edit dialog's GLS limits
and carrier switch, and the label window's actions for an unclear or a made label."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QMessageBox

from shipdesk.domain.shipping import SenderAddress, ShippingSettings
from shipdesk.services import carrier_account, routing, shipping_settings, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.drafts import make_drafts
from shipdesk.services.importing import import_orders
from shipdesk.store import labels as label_store
from tests.conftest import make_context
from tests.support.dialogs import answer_input, answer_next_dialog
from tests.support.windows import open_window, shown_state
from tests.test_gls_labels import open_gls_shop

SENDER = SenderAddress(
    None, "Piet", "De Mok B.V.", "Oudegracht", "112", "", "3511 AW", "Utrecht", "NL"
)


def type_into(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


# -- Connections --


def test_gls_card_connects_with_an_optional_subscription_key(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    tab = open_window(qtbot, ctx).connections
    card = tab.cards["gls"]
    gls = sandbox.carrier_credentials()["gls"]
    assert card.pill.state == "not_connected" and not card.check.isEnabled()
    type_into(qtbot, card.fields["username"], gls["username"])
    type_into(qtbot, card.fields["password"], gls["password"])
    assert card.check.isEnabled()  # the subscription key may stay empty
    with qtbot.waitSignal(tab.carrier_changed, timeout=15_000):
        qtbot.mouseClick(card.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.pill.state == "connected", timeout=5_000)
    assert [card.account.itemData(i) for i in range(card.account.count())] == list(
        sandbox.gls.customer_numbers
    )
    assert card.fields["password"].text() == ""  # in the keychain, not the form
    assert card.tracking_after.currentData() == "created"  # GLS's own link: at once
    assert card.tracking_number.isVisibleTo(card)  # unitNo or uniqueNo

    # Reopened: the username is shown again; a new check without retyping the password.
    again = open_window(qtbot, ctx).connections.cards["gls"]
    assert again.fields["username"].text() == gls["username"]
    assert again.check.isEnabled()
    card.account.setCurrentIndex(1)
    assert carrier_account.account_number(ctx, "gls") == sandbox.gls.customer_numbers[1]


def test_gls_refusals_on_the_card(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    card = open_window(qtbot, ctx).connections.cards["gls"]
    gls = sandbox.carrier_credentials()["gls"]
    type_into(qtbot, card.fields["username"], gls["username"])
    type_into(qtbot, card.fields["password"], "not-the-password")
    qtbot.mouseClick(card.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not saved" in card.message.text(), timeout=15_000)
    assert "MyGLS" in card.message.text() and card.pill.state == "not_connected"
    sandbox.gls.require_subscription_key()
    type_into(qtbot, card.fields["password"], gls["password"])
    qtbot.mouseClick(card.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "subscription key" in card.message.text(), timeout=15_000)
    assert "account manager" in card.message.text()
    assert ctx.keychain.get(carrier_account.spec("gls").secret_name) is None


def test_a_saved_subscription_key_is_said_and_can_be_forgotten(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    card = open_window(qtbot, ctx).connections.cards["gls"]
    gls = sandbox.carrier_credentials()["gls"]
    key_field, forget = card.fields["subscription_key"], card.forget_buttons["subscription_key"]
    saved = "Saved in the system keychain; type a new one to replace it"

    def connect(key: str) -> None:
        type_into(qtbot, card.fields["username"], gls["username"])
        type_into(qtbot, card.fields["password"], gls["password"])
        type_into(qtbot, key_field, key)
        qtbot.mouseClick(card.check, Qt.MouseButton.LeftButton)
        # Until the check is over (the message of an earlier one may still be there).
        qtbot.waitUntil(lambda: not card.busy, timeout=15_000)
        assert "accepted the login" in card.message.text()

    connect("")  # none on this account: none is said to be saved
    assert key_field.placeholderText() != saved and not forget.isVisibleTo(card)
    assert card.fields["password"].placeholderText() == saved
    key = sandbox.gls.require_subscription_key()
    connect(key)
    assert key_field.placeholderText() == saved and forget.isVisibleTo(card)
    # Still required: forgetting it is refused and the key stays.
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not saved" in card.message.text(), timeout=15_000)
    secrets = carrier_account.spec("gls").secret_name
    assert ctx.keychain.get(secrets)["subscription_key"] == key and forget.isVisibleTo(card)
    # GLS took the subscription away (a key sent now is refused): forgotten, logged in without.
    sandbox.gls.subscription_key, sandbox.gls.subscription_required = "", False
    qtbot.mouseClick(forget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not card.busy, timeout=15_000)
    assert "accepted the login" in card.message.text()
    assert ctx.keychain.get(secrets)["subscription_key"] == ""
    assert not forget.isVisibleTo(card) and key_field.placeholderText() != saved


def test_the_cards_share_one_label_column(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    tab = open_window(qtbot, ctx).connections
    widths = {lb.minimumWidth() for card in tab.cards.values() for lb in card.form_labels}
    assert len(widths) == 1 and widths.pop() >= max(c.label_width() for c in tab.cards.values())


# -- Shipping Options --


def test_gls_shipping_options_say_same_day_is_dhls_and_save_gls_services(
    qtbot, tmp_path, sandbox
) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    for key in ("dhl", "gls"):
        carrier_account.connect(ctx, key, sandbox.carrier_credentials()[key])
    shipping_settings.save_address(ctx, SENDER)
    window = open_window(qtbot, ctx)
    tab = window.shipping_options
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: bool(tab.defaults.boxes), timeout=15_000)
    tab.carrier_choice.setCurrentIndex(tab.carrier_choice.findData("gls"))
    qtbot.waitUntil(lambda: "SATURDAY" in tab.defaults.boxes, timeout=15_000)
    assert tab.no_same_day.isVisibleTo(tab) and "DHL Vandaag" in tab.no_same_day.text()
    assert not tab.days_box.isVisibleTo(tab)
    assert {"EXPRESS_T12", "ADDRESSEE_ONLY", "SHOP_RETURN", "LETTERBOX"} <= set(tab.defaults.boxes)
    assert "PARCELSHOP" not in tab.defaults.boxes  # chosen per order, never a default
    assert tab.parcel_type.currentData() == "PARCEL"
    tab.defaults.boxes["ADDRESSEE_ONLY"].click()
    tab.optional.boxes["SATURDAY"].click()
    tab.weight.setValue(31.9)
    with qtbot.waitSignal(tab.saved):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    saved = shipping_settings.load(ctx, "gls")
    assert saved.default_services == ("ADDRESSEE_ONLY",)
    assert saved.optional_services == ("SATURDAY",) and saved.weight_kg == 31.9
    assert shipping_settings.load(ctx, "dhl").default_services == ()  # DHL's untouched


def test_carrier_rules_are_edited_and_a_wrong_country_is_not_saved(
    qtbot, tmp_path, sandbox
) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    for key in ("dhl", "gls"):
        carrier_account.connect(ctx, key, sandbox.carrier_credentials()[key])
    window = open_window(qtbot, ctx)
    tab = window.shipping_options
    tab.default_carrier.setCurrentIndex(tab.default_carrier.findData("gls"))
    assert routing.default_carrier(ctx) == "gls"
    qtbot.mouseClick(tab.add_rule, Qt.MouseButton.LeftButton)
    [row] = tab.rule_rows
    row.carrier.setCurrentIndex(row.carrier.findData("dhl"))
    type_into(qtbot, row.countries, "nl, Belgium")
    row.countries.editingFinished.emit()
    assert row.countries.property("invalid") is True
    assert "“Belgium” is not a country code" in tab.status.text()
    assert [r.countries for r in routing.rules(ctx)] == [()]  # the earlier, empty rule
    type_into(qtbot, row.countries, "nl, be")
    row.countries.editingFinished.emit()
    assert row.countries.property("invalid") is False
    [rule] = routing.rules(ctx)
    assert (rule.carrier, rule.countries) == ("dhl", ("NL", "BE"))


# -- Orders and the label window --


def test_a_mixed_orders_list_and_a_gls_label_in_its_window(qtbot, tmp_path, start_sandbox):
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    shipping_settings.save(ctx, ShippingSettings(sender_id=shipping_settings.sender(ctx).id), "dhl")
    routing.set_default_carrier(ctx, "dhl")
    routing.save_rules(ctx, [routing.CarrierRule("gls", countries=("NL",))])
    with ctx.connect() as db:  # drafts made again by the rules: NL with GLS, the rest DHL
        db.execute("DELETE FROM labels")
    import_orders(ctx)
    make_drafts(ctx)
    window = open_window(qtbot, ctx)
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("all"))
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=15_000)
    carriers = {tab.model.row_at(i).carrier for i in range(tab.model.rowCount())}
    assert {"dhl", "gls"} <= carriers

    # A GLS draft: the house number is longer than GLS takes, marked on its field.
    gls_draft = next(lb for lb in _labels(ctx) if lb.carrier == "gls" and lb.state == "draft")
    tab._open_label(gls_draft.id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
    assert dialog.carrier_choice.currentData() == "gls"
    type_into(qtbot, dialog.fields["number"], "123456")
    assert dialog.fields["number"].property("invalid") is True
    assert "5" in dialog.fields["number"].toolTip()
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert not save.isEnabled()
    type_into(qtbot, dialog.fields["number"], "12")
    # Switched to DHL: its options come back resolved for this order.
    dialog.carrier_choice.setCurrentIndex(dialog.carrier_choice.findData("dhl"))
    qtbot.waitUntil(
        lambda: dialog.carrier == "dhl" and "DOOR" in dialog.option_boxes, timeout=15_000
    )
    assert save.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        save.click()
    [switched] = [lb for lb in _labels(ctx) if lb.id == gls_draft.id]
    assert switched.carrier == "dhl"
    dialog.close()


def _labels(ctx) -> list[dict]:
    with ctx.connect() as db:
        ids = [r[0] for r in db.execute("SELECT id FROM labels ORDER BY id")]
        return label_store.get_labels(db, ids)


def test_an_unclear_label_is_marked_made_in_its_window(qtbot, tmp_path, start_sandbox):
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    sandbox.gls.search_before_scan = False
    draft = next(lb for lb in _labels(ctx) if lb.state == "draft")
    sandbox.faults.kinds = ("drop",)
    sandbox.faults.only_paths = ("/Label/Create",)
    sandbox.set_fault_rate(1.0)
    label_service.create_labels(ctx, [draft.id])
    sandbox.set_fault_rate(0)
    [unit] = sandbox.gls.live_units(draft.order_id)
    window = open_window(qtbot, ctx)
    tab = window.orders
    tab._open_label(draft.id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
    assert (
        dialog.label_actions.mark_made.isVisible() and dialog.label_actions.make_again.isVisible()
    )
    assert "MyGLS" in dialog.review.text() and not dialog.label_actions.void.isVisible()
    answer_input("ABC")
    dialog.label_actions.mark_made.click()
    assert "not a GLS parcel number" in dialog.problems.text()
    answer_input(unit.unit_no)
    with qtbot.waitSignal(dialog.acted, timeout=15_000):
        dialog.label_actions.mark_made.click()
    assert unit.unit_no in tab.message.text()
    [made] = [lb for lb in _labels(ctx) if lb.id == draft.id]
    assert made.state == "created" and made.tracker_codes == [unit.unit_no]


def test_a_made_gls_label_is_voided_from_its_window(qtbot, tmp_path, start_sandbox):
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    draft = next(lb for lb in _labels(ctx) if lb.state == "draft")
    label_service.create_labels(ctx, [draft.id])
    window = open_window(qtbot, ctx)
    tab = window.orders
    tab._open_label(draft.id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
    assert dialog.label_actions.void.isVisible() and not dialog.label_actions.mark_made.isVisible()
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.acted, timeout=15_000):
        dialog.label_actions.void.click()
    assert "deleted at GLS" in tab.message.text()
    assert sandbox.gls.live_units(draft.order_id) == []
    assert any(lb.order_id == draft.order_id and lb.state == "draft" for lb in _labels(ctx))


def test_end_of_day_confirmation_is_chosen_on_the_gls_card_only(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    for key in ("dhl", "gls"):
        carrier_account.connect(ctx, key, sandbox.carrier_credentials()[key])
    tab = open_window(qtbot, ctx).connections
    card = tab.cards["gls"]
    assert not hasattr(tab.cards["dhl"], "end_of_day")
    assert not card.end_of_day.isChecked() and not card.end_of_day_time.isEnabled()
    card.end_of_day.click()
    card.end_of_day_time.setTime(QTime(18, 30))
    card.end_of_day_time.editingFinished.emit()
    assert carrier_account.end_of_day(ctx, "gls") == dt.time(18, 30)
    again = open_window(qtbot, ctx).connections.cards["gls"]
    assert again.end_of_day.isChecked() and again.end_of_day_time.time() == QTime(18, 30)
    again.end_of_day.click()
    assert carrier_account.end_of_day(ctx, "gls") is None


def test_a_gls_label_told_to_amazon_at_creation_says_so_in_the_list(
    qtbot, tmp_path, start_sandbox
) -> None:
    """GLS's tracking goes to Amazon when the label is made: the list says so before print."""
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    [label_id] = label_service.drafts_ready_ids(ctx)[:1]
    label_service.create_labels(ctx, [label_id])
    window = open_window(qtbot, ctx)
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData("all"))

    def shown() -> str:
        return shown_state(window, label_id)

    qtbot.waitUntil(lambda: shown() == "Created · tracking to Amazon", timeout=15_000)
    assert tracking.upload_due(ctx).confirmed == 1
    tab.refresh()
    qtbot.waitUntil(lambda: shown() == "Created · tracking sent", timeout=15_000)
