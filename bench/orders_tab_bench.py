"""Benchmark (b): the Orders tab on a database of 100,000 orders.

Measures, with the real main window (offscreen), the time from creating the window to the
first paint of the table with rows, and from a sort or filter request to the repaint that shows
its result. The search box's 200 ms typing delay is not counted: it is a deliberate pause.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import peak_rss_mb, print_table, seed_database
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import resolve_paths
from shipdesk.services.context import open_context
from shipdesk.ui.app import make_application
from shipdesk.ui.main_window import MainWindow
from shipdesk.ui.orders_model import COLUMNS


class PaintWatch(QObject):
    """Records when the table's viewport paints."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
        return False


def until(condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        QApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError
        time.sleep(0.0005)


def timed(window: MainWindow, watch: PaintWatch, action) -> float:
    """Seconds from `action()` to the repaint after the tab applied the new result."""
    tab = window.orders
    applied: list[float] = []
    tab.refreshed.connect(lambda _n: applied.append(time.perf_counter()))
    watch.painted_at = None
    started = time.perf_counter()
    action()
    until(lambda: applied and watch.painted_at and watch.painted_at > applied[0])
    tab.refreshed.disconnect()
    return watch.painted_at - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = make_application()
    use_memory_keyring()
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(resolve_paths(Path(folder)))
        seeding = time.perf_counter()
        seed_database(ctx, args.orders)
        seeded = time.perf_counter() - seeding

        watch = PaintWatch()
        applied: list[float] = []
        started = time.perf_counter()
        window = MainWindow(ctx)
        window.tabs.setCurrentWidget(window.orders)
        tab = window.orders
        tab.refreshed.connect(lambda _n: applied.append(time.perf_counter()))
        tab.table.viewport().installEventFilter(watch)
        window.resize(1280, 760)
        window.show()
        # The first paint that shows rows: after the first list was applied.
        until(lambda: applied and watch.painted_at is not None and watch.painted_at > applied[0])
        first_paint = watch.painted_at - started
        first_rows = tab.model.rowCount()
        tab.refreshed.disconnect()

        def show_all() -> None:
            tab.view.setCurrentIndex(tab.view.findData("all"))

        view_switch = timed(window, watch, show_all)
        all_rows = tab.model.rowCount()

        header = tab.table.horizontalHeader()
        sorts, filters = [], []
        sort_columns = ("recipient", "destination", "created", "state", "items", "size")
        for n in range(args.repeat):
            column = COLUMNS.index(sort_columns[n % len(sort_columns)])
            order = Qt.SortOrder.AscendingOrder if n % 2 else Qt.SortOrder.DescendingOrder

            def sort(column: int = column, order: Qt.SortOrder = order) -> None:
                header.setSortIndicator(column, order)

            sorts.append(timed(window, watch, sort))
        for word in ("amsterdam", "mok", "jansen", "403-", "zzzz-no-match")[: args.repeat]:

            def search(text: str = word) -> None:
                tab.search.blockSignals(True)
                tab.search.setText(text)
                tab.search.blockSignals(False)
                tab.refresh()

            filters.append(timed(window, watch, search))
        rows_after_filter = tab.model.rowCount()
        window.close()

    print_table(
        f"Orders tab with {args.orders:,} orders (offscreen, median of {args.repeat})",
        [
            ("seeding the database", f"{seeded:.1f} s", ""),
            ("time to first paint ('To ship' view)", f"{first_paint * 1000:.0f} ms", "<= 300 ms"),
            ("  rows in that view", f"{first_rows:,}", ""),
            ("switch to 'All orders'", f"{view_switch * 1000:.0f} ms", ""),
            ("  rows in that view", f"{all_rows:,}", ""),
            ("sort (median)", f"{statistics.median(sorts) * 1000:.0f} ms", ""),
            ("sort (worst)", f"{max(sorts) * 1000:.0f} ms", ""),
            ("filter (median)", f"{statistics.median(filters) * 1000:.0f} ms", "<= 100 ms"),
            ("filter (worst)", f"{max(filters) * 1000:.0f} ms", ""),
            ("rows after last filter", f"{rows_after_filter}", "0"),
            ("peak RSS", f"{peak_rss_mb():.0f} MB", ""),
        ],
    )
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
