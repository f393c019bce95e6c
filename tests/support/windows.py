"""Opening the real main window in GUI tests."""

from __future__ import annotations

from shipdesk.services.context import AppContext
from shipdesk.ui.main_window import MainWindow


def open_window(qtbot, ctx: AppContext) -> MainWindow:
    """Shown, owned by qtbot (closed after the test), with its first background work done."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.busy)
    return window
