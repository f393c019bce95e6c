"""The Connections tab: own-app credentials, the status pill, marketplaces."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from shipdesk.services import amazon_account
from shipdesk.services.jobs import JobRunner
from shipdesk.ui.connections_tab import ConnectionsTab
from tests.conftest import make_context
from tests.support.dialogs import answer_next_dialog


def open_tab(qtbot, ctx) -> ConnectionsTab:
    runner = JobRunner()
    tab = ConnectionsTab(ctx, runner)
    tab.runner_ref = runner  # keep the runner alive as long as the tab
    qtbot.addWidget(tab)
    tab.show()
    return tab


def fill(qtbot, tab: ConnectionsTab, client_id: str, secret: str, token: str) -> None:
    for field, text in (
        (tab.client_id, client_id),
        (tab.client_secret, secret),
        (tab.refresh_token, token),
    ):
        field.clear()
        qtbot.keyClicks(field, text)


def test_own_app_credentials_are_checked_then_connected(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    tab = open_tab(qtbot, ctx)
    assert tab.pill.state == "not_connected"
    assert not tab.save_own_app.isEnabled()

    seller = sandbox.seller
    fill(qtbot, tab, seller.client_id, seller.client_secret, seller.refresh_token)
    assert tab.save_own_app.isEnabled()
    with qtbot.waitSignal(tab.connection_changed, timeout=15_000):
        qtbot.mouseClick(tab.save_own_app, Qt.MouseButton.LeftButton)
    assert tab.pill.state == "connected"
    assert "own SP-API app" in tab.status_text.text()
    assert tab.client_secret.text() == ""  # secrets do not linger in the form
    assert ctx.keychain.get(amazon_account.OWN_APP_SECRET)["refresh_token"] == seller.refresh_token


def test_wrong_secret_is_explained_and_nothing_is_stored(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    tab = open_tab(qtbot, ctx)
    seller = sandbox.seller
    fill(qtbot, tab, seller.client_id, "wrong-secret", seller.refresh_token)
    qtbot.mouseClick(tab.save_own_app, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not saved" in tab.own_app_message.text(), timeout=15_000)
    assert "client id or client secret" in tab.own_app_message.text()
    assert tab.pill.state == "not_connected"
    assert ctx.keychain.get(amazon_account.OWN_APP_SECRET) is None


def test_form_validation_messages(qtbot, tmp_path, sandbox) -> None:
    tab = open_tab(qtbot, make_context(tmp_path / "data", sandbox))
    fill(qtbot, tab, "amzn1.application-oa2-client.x", "s", "not-a-token")
    assert not tab.save_own_app.isEnabled()
    assert "Atzr|" in tab.own_app_message.text()
    fill(qtbot, tab, "something-else", "s", "Atzr|x")
    assert "amzn1.application-oa2-client." in tab.own_app_message.text()
    fill(qtbot, tab, "amzn1.application-oa2-client.x", "s", "Atzr|x")
    assert tab.save_own_app.isEnabled() and tab.own_app_message.text() == ""


def test_remove_asks_first_then_disconnects(qtbot, ctx) -> None:
    tab = open_tab(qtbot, ctx)
    assert tab.pill.state == "connected" and tab.remove_own_app.isEnabled()
    answer_next_dialog(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(tab.remove_own_app, Qt.MouseButton.LeftButton)
    assert tab.pill.state == "connected"
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.remove_own_app, Qt.MouseButton.LeftButton)
    assert tab.pill.state == "not_connected"
    assert ctx.keychain.get(amazon_account.OWN_APP_SECRET) is None


def test_marketplaces_are_saved_and_at_least_one_stays(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    tab = open_tab(qtbot, ctx)
    boxes = tab.marketplace_boxes
    assert [m for m, b in boxes.items() if b.isChecked()] == ["A1805IZSGTT6HS"]
    boxes["A1PA6795UKMFR9"].click()
    assert amazon_account.marketplace_ids(ctx) == ["A1805IZSGTT6HS", "A1PA6795UKMFR9"]
    boxes["A1805IZSGTT6HS"].click()
    boxes["A1PA6795UKMFR9"].click()  # the last one cannot be cleared
    assert boxes["A1PA6795UKMFR9"].isChecked()
    assert amazon_account.marketplace_ids(ctx) == ["A1PA6795UKMFR9"]
    assert "at least one" in tab.marketplace_hint.text()
    reopened = open_tab(qtbot, ctx)
    assert [m for m, b in reopened.marketplace_boxes.items() if b.isChecked()] == ["A1PA6795UKMFR9"]
