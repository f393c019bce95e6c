"""The Orders tab with real widgets: import, search, sort, empty state, failures."""

from __future__ import annotations

import datetime as dt

import keyring
import keyring.errors
from PySide6.QtCore import Qt

from shipdesk.keychain import MemoryKeyring
from shipdesk.sandbox.generator import generate_orders
from shipdesk.services import amazon_account, carrier_account
from shipdesk.services.orders import list_orders
from shipdesk.ui.main_window import MainWindow
from shipdesk.ui.orders_model import COLUMNS
from tests.conftest import ALL_SANDBOX_MARKETPLACES, connect_sandbox_seller, make_context
from tests.support.windows import column, show_view


def open_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.orders)
    qtbot.waitUntil(lambda: not window.runner.busy)
    show_view(qtbot, window, "all")
    return window


def run_import(qtbot, window: MainWindow) -> None:
    tab = window.orders
    with qtbot.waitSignal(window.importer.succeeded, timeout=30_000):
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy)


def test_empty_state_then_import_fills_the_table(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx)
    tab = window.orders
    assert tab.stack.currentWidget() is tab.empty
    assert "Connections" in tab.empty_text.text()

    run_import(qtbot, window)
    stored = list_orders(ctx)
    assert tab.stack.currentWidget() is tab.table
    assert tab.model.rowCount() == len(stored) > 100
    assert set(column(window, "order")) == {o.order_id for o in stored}
    assert "Import finished" in tab.message.text()
    assert tab.count_label.text() == f"{len(stored)} orders shown"
    assert tab.import_button.isEnabled() and not tab.cancel_button.isVisible()


def test_search_filters_by_order_id_city_and_product(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    tab = window.orders
    order = next(o for o in list_orders(ctx) if o.city and o.items)

    # Each search waits for its own result: a refresh of an earlier one may still arrive.
    qtbot.keyClicks(tab.search, order.order_id)
    qtbot.waitUntil(lambda: column(window, "order") == [order.order_id], timeout=5_000)

    tab.search.clear()
    qtbot.keyClicks(tab.search, order.city.upper())
    qtbot.waitUntil(
        lambda: (
            column(window, "destination")
            and all(order.city.casefold() in d.casefold() for d in column(window, "destination"))
        ),
        timeout=5_000,
    )

    tab.search.clear()
    sku = order.items[0].seller_sku
    expected = {
        o.order_id
        for o in list_orders(ctx)
        if any(sku.casefold() in (i.seller_sku or "").casefold() for i in o.items)
    }
    qtbot.keyClicks(tab.search, sku)
    qtbot.waitUntil(lambda: set(column(window, "order")) == expected, timeout=5_000)

    qtbot.keyClicks(tab.search, " no-such-thing-xyz")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5_000)
    assert tab.stack.currentWidget() is tab.table  # an empty search result is not "no orders"
    assert tab.count_label.text() == "0 orders shown"


def test_clicking_headers_sorts(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    tab = window.orders
    header = tab.table.horizontalHeader()
    order_column = COLUMNS.index("order")

    def click_header(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        with qtbot.waitSignal(tab.refreshed, timeout=5_000):
            qtbot.mouseClick(
                header.viewport(),
                Qt.MouseButton.LeftButton,
                pos=header.rect().center().__class__(x, 5),
            )

    click_header(order_column)
    first = column(window, "order")
    assert first in (sorted(first), sorted(first, reverse=True))
    click_header(order_column)
    second = column(window, "order")
    assert second == list(reversed(first))

    # Default order: newest first.
    stored = sorted(list_orders(ctx), key=lambda o: (o.created_time, o.order_id))
    click_header(COLUMNS.index("created"))
    ids = column(window, "order")
    assert ids in ([o.order_id for o in stored], [o.order_id for o in reversed(stored)])


def test_the_to_ship_view_shows_only_orders_to_ship(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    show_view(qtbot, window, "to_ship")
    statuses = {o.order_id: o.status for o in list_orders(ctx)}
    shown = column(window, "order")
    assert shown
    assert {statuses[i] for i in shown} <= {"UNSHIPPED", "PARTIALLY_SHIPPED"}


def test_orders_needing_attention_say_why(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    pending = [o for o in list_orders(ctx) if "no_address" in o.problems]
    assert pending, "the sandbox generates unpaid orders without an address"
    tab = window.orders
    with qtbot.waitSignal(tab.refreshed, timeout=5_000):
        qtbot.keyClicks(tab.search, pending[0].order_id)
    note = column(window, "note")[0]
    assert "No delivery address yet" in note


def test_revoked_authorization_is_shown_in_the_tab(qtbot, ctx, sandbox) -> None:
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    rows = window.orders.model.rowCount()
    sandbox.lwa.revoke(sandbox.seller.refresh_token)
    sandbox.lwa.expire_access_tokens()
    tab = window.orders
    with qtbot.waitSignal(window.importer.failed, timeout=30_000):
        qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert "Connect Amazon again" in tab.message.text()
    assert tab.model.rowCount() == rows  # nothing lost
    assert window.connections.pill.state == "error"


def test_cancel_stops_the_import(qtbot, tmp_path, start_sandbox) -> None:
    sandbox = start_sandbox(
        orders=400, time_scale=1000, fault_rate=1.0, fault_kinds=("slow",), slow_seconds=0.3
    )
    sandbox.set_fault_rate(0)
    ctx = make_context(tmp_path / "data", sandbox)
    connect_sandbox_seller(ctx, sandbox)
    amazon_account.set_marketplace_ids(ctx, ALL_SANDBOX_MARKETPLACES)
    sandbox.set_fault_rate(1.0)
    window = open_window(qtbot, ctx)
    tab = window.orders
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert tab.cancel_button.isVisible()
    with qtbot.waitSignal(window.importer.cancelled, timeout=30_000):
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert "continues where this one stopped" in tab.message.text()
    assert tab.import_button.isEnabled()


def test_imports_run_by_themselves_while_the_app_is_open(qtbot, ctx, sandbox) -> None:
    window = open_window(qtbot, ctx)
    with qtbot.waitSignal(window.importer.succeeded, timeout=15_000):
        window.start_background_work()  # imports once at start when Amazon is connected
    qtbot.waitUntil(lambda: not window.runner.busy)
    first = window.orders.model.rowCount()
    assert first > 0
    # A new order arrives at Amazon; the next automatic run brings it in.

    new = generate_orders(1, 999, dt.datetime.now(dt.UTC), marketplace_ids=["A1805IZSGTT6HS"])[0]
    new["fulfillment"].update(fulfilledBy="MERCHANT", fulfillmentStatus="UNSHIPPED")
    new["lastUpdatedTime"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sandbox.amazon.add_orders([new])
    sandbox.clock.advance(1)
    window.importer.enable_auto_import(every=0.3)  # a fixed 0.3 s for the test
    qtbot.waitUntil(lambda: window.orders.model.rowCount() == first + 1, timeout=15_000)
    window.importer.disable_auto_import()


def test_column_widths_and_sort_survive_a_restart(qtbot, ctx) -> None:
    """The owner widens a column and sorts by recipient; the next start shows the same."""
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    header = window.orders.table.horizontalHeader()
    recipient = COLUMNS.index("recipient")
    header.resizeSection(recipient, 333)
    with qtbot.waitSignal(window.orders.refreshed, timeout=5_000):
        header.setSortIndicator(recipient, Qt.SortOrder.AscendingOrder)
    by_recipient = column(window, "order")
    window.close()

    again = open_window(qtbot, ctx)
    header = again.orders.table.horizontalHeader()
    assert header.sectionSize(recipient) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        recipient,
        Qt.SortOrder.AscendingOrder,
    )
    assert column(again, "order") == by_recipient  # not the default newest-first


class LockedForDhl(MemoryKeyring):
    """A keychain that went locked for the DHL key (the OS asks again, the owner said no)."""

    def get_password(self, service: str, username: str) -> str | None:
        if username.endswith(":dhl.api"):
            raise keyring.errors.KeyringLocked("the keychain is locked")
        return super().get_password(service, username)


def test_an_import_whose_drafts_fail_keeps_its_orders_and_says_why(
    qtbot, ctx, sandbox, memory_keychain
) -> None:
    carrier_account.connect(ctx, "dhl", sandbox.carrier_credentials()["dhl"])
    locked = LockedForDhl()
    locked._items = memory_keychain._items  # the same secrets; only the DHL key is refused
    keyring.set_keyring(locked)
    window = open_window(qtbot, ctx)
    run_import(qtbot, window)
    tab = window.orders
    assert tab.model.rowCount() == len(list_orders(ctx)) > 100  # the orders are in
    assert "Import finished" in tab.message.text()
    assert "Draft labels could not be made" in tab.message.text()
    assert "locked" in tab.message.text()
