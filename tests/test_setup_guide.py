"""The guided start: the four steps through the real tabs, ticked off as they are done, and the
demo offered while there are no accounts."""

from __future__ import annotations

import json
import os
import signal
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from shipdesk.paths import resolve_paths
from shipdesk.services import printing
from shipdesk.services.demo import DemoEnvironment
from shipdesk.store import cipher
from tests.conftest import make_context
from tests.support.cups import PDF_QUEUE
from tests.support.windows import open_window
from tests.test_gui_connections import fill
from tests.test_gui_shipping import ADDRESS_FORM, fill_address_dialog
from tests.test_labels import open_shop


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ticked(guide) -> bool:
    return guide.state.text().startswith("✓")


def test_first_run_walks_through_the_four_steps(qtbot, tmp_path, sandbox, zebra) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    guide = window.guide
    assert guide.isVisible()
    assert guide.title.text() == "Welcome to ShipDesk"
    assert guide.demo_button.isVisible()  # nothing connected yet: the demo is offered

    click(qtbot, guide.next_button)  # Start → 1: the carrier
    assert guide.title.text() == "Step 1 of 4: your carrier"
    assert window.tabs.currentWidget() is window.connections
    assert not ticked(guide) and not guide.demo_button.isVisible()
    tab = window.connections
    qtbot.keyClicks(tab.cards["dhl"].fields["user_id"], sandbox.dhl.user_id)
    qtbot.keyClicks(tab.cards["dhl"].fields["api_key"], sandbox.dhl.api_key)
    with qtbot.waitSignal(tab.carrier_changed, timeout=15_000):
        click(qtbot, tab.cards["dhl"].check)
    assert ticked(guide)

    click(qtbot, guide.next_button)  # 2: Amazon
    assert guide.title.text() == "Step 2 of 4: Amazon" and not ticked(guide)
    seller = sandbox.seller
    fill(qtbot, tab, seller.client_id, seller.client_secret, seller.refresh_token)
    with qtbot.waitSignal(tab.connection_changed, timeout=15_000):
        click(qtbot, tab.save_own_app)
    assert ticked(guide)

    click(qtbot, guide.next_button)  # 3: shipping options
    assert window.tabs.currentWidget() is window.shipping_options and not ticked(guide)
    options = window.shipping_options
    qtbot.waitUntil(lambda: bool(options.defaults.boxes), timeout=15_000)
    fill_address_dialog(ADDRESS_FORM)
    click(qtbot, options.new_address)
    with qtbot.waitSignal(options.saved):
        click(qtbot, options.save_button)
    assert ticked(guide)

    click(qtbot, guide.next_button)  # 4: printers
    assert window.tabs.currentWidget() is window.orders and not ticked(guide)
    assert guide.next_button.text() == "Done"
    click(qtbot, guide.printers_button)
    dialog = window.orders.printer_dialog
    dialog.label_printer.setCurrentIndex(dialog.label_printer.findData(PDF_QUEUE))
    with qtbot.waitSignal(window.orders.printers_chosen):
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert ticked(guide)
    assert printing.load_settings(ctx).label_printer == PDF_QUEUE

    click(qtbot, guide.next_button)  # Done
    assert not guide.isVisible()
    assert not open_window(qtbot, ctx).guide.isVisible()  # not again at the next start


def test_back_finish_later_and_the_settings_menu(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    guide = window.guide
    click(qtbot, guide.next_button)
    click(qtbot, guide.next_button)
    assert guide.title.text() == "Step 2 of 4: Amazon"
    click(qtbot, guide.back_button)
    assert guide.title.text() == "Step 1 of 4: your carrier"
    click(qtbot, guide.later_button)
    assert not guide.isVisible()

    again = open_window(qtbot, ctx)  # not finished: the next start shows it again
    assert again.guide.isVisible() and again.guide.title.text() == "Welcome to ShipDesk"
    click(qtbot, again.guide.later_button)
    again.setup_action.trigger()
    assert again.guide.isVisible() and again.guide.title.text() == "Welcome to ShipDesk"


def test_with_accounts_the_demo_is_not_offered(qtbot, tmp_path, start_sandbox) -> None:
    ctx, _ = open_shop(tmp_path, start_sandbox, orders=5, seed=2)
    window = open_window(qtbot, ctx)
    assert window.guide.isVisible()  # the printers are not chosen yet
    assert not window.guide.demo_button.isVisible()


def test_a_configured_shop_and_the_demo_start_without_the_guide(qtbot, tmp_path) -> None:
    demo = DemoEnvironment.start(resolve_paths(tmp_path / "demo"))
    try:
        assert not open_window(qtbot, demo.ctx).guide.isVisible()
    finally:
        demo.stop()


def test_try_the_demo_starts_it_and_closes_the_empty_window(
    qtbot, tmp_path, sandbox, monkeypatch
) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    demo_home = tmp_path / "home"
    monkeypatch.setenv("SHIPDESK_DATA_DIR", str(demo_home))  # the child's default data folder
    click(qtbot, window.guide.demo_button)
    assert not window.isVisible()
    try:
        database = demo_home / "demo" / "shipdesk.sqlite3"

        def demo_has_orders() -> bool:
            if not database.exists():
                return False
            try:  # the demo's key sits beside its fictional data (services/database_key.py)
                record = json.loads((database.parent / "shipdesk.key.json").read_text())
                with cipher.connect(database, bytes.fromhex(record["demoKey"])) as db:
                    return db.execute("SELECT count(*) FROM orders").fetchone()[0] > 0
            except (OSError, ValueError, KeyError, sqlite3.Error):
                return False  # still being created

        qtbot.waitUntil(demo_has_orders, timeout=60_000)
    finally:
        os.kill(window.demo_pid, signal.SIGTERM)
