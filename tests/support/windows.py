"""Opening the real main window in GUI tests."""

from __future__ import annotations

from shipdesk.services.context import AppContext
from shipdesk.ui.main_window import MainWindow
from shipdesk.ui.orders_model import COLUMNS


def open_window(qtbot, ctx: AppContext) -> MainWindow:
    """Shown, owned by qtbot (closed after the test), with its first background work done."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.busy)
    return window


def show_view(qtbot, window: MainWindow, view: str) -> None:
    """Choose a view of the Orders list ("all", "draft", …) and wait for its rows."""
    combo = window.orders.view
    if combo.currentData() != view:
        with qtbot.waitSignal(window.orders.refreshed, timeout=5_000):
            combo.setCurrentIndex(combo.findData(view))


def column(window: MainWindow, name: str) -> list[str]:
    """What the Orders list shows in one column, top to bottom."""
    model = window.orders.model
    index = COLUMNS.index(name)
    return [model.data(model.index(row, index)) for row in range(model.rowCount())]


def shown_state(window: MainWindow, label_id: int) -> str:
    """What the Orders list's State column says for a label ("" when its row is not shown)."""
    model = window.orders.model
    column = COLUMNS.index("state")
    for i in range(model.rowCount()):
        row = model.row_at(i)
        if row is not None and row.label_id == label_id:
            return str(model.index(i, column).data())
    return ""
