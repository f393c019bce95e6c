"""Benchmark: the Overview on a database of 100,000 orders, a year of a busy shop (about 275
orders a day), with its shipping history: the last three days' orders still open, the rest
shipped, labelled, scanned and delivered.

Measures what the Overview computes when it opens or refreshes: today's work, the alerts, and
the report over the last 30 days (and over all 60), each the median of several runs on a warm
connection, against the goal of 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import peak_rss_mb, print_table, seed_shop

from shipdesk.keychain import use_memory_keyring
from shipdesk.paths import resolve_paths
from shipdesk.services.context import open_context

GOAL_S = 0.300


def median_seconds(action, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def open_overview(ctx) -> tuple[float, float]:
    """The real Overview tab, opened: seconds until today's figures are painted, and until the
    report's charts are."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from shipdesk.services.jobs import JobRunner
    from shipdesk.ui.overview_tab import OverviewTab

    app = QApplication.instance() or QApplication([])
    runner = JobRunner()
    started = time.perf_counter()
    tab = OverviewTab(ctx, runner)
    shown: list[float] = []  # today's figures applied
    done: list[float] = []  # the report applied
    painted: dict[str, list[float]] = {"figures": [], "charts": []}

    class Paints(QObject):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted[self.key].append(time.perf_counter())
            return False

    figures, charts = Paints("figures"), Paints("charts")
    tab.not_printed.installEventFilter(figures)
    tab.parcels_chart.installEventFilter(charts)
    tab.refreshed.connect(lambda: done.append(time.perf_counter()))
    original = tab._apply_today

    def applied(result) -> None:
        original(result)
        shown.append(time.perf_counter())

    tab._apply_today = applied  # the job's progress signal calls it by name
    tab.resize(1200, 900)
    tab.show()  # asks for its figures

    def after(key: str, moments: list[float]) -> float | None:
        later = [t for t in painted[key] if moments and t > moments[0]]
        return later[0] if later else None

    while after("figures", shown) is None or after("charts", done) is None:
        app.processEvents()
        time.sleep(0.0005)
    result = (after("figures", shown) - started, after("charts", done) - started)
    tab.close()
    runner.wait()
    tab.deleteLater()
    app.processEvents()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    use_memory_keyring()
    from shipdesk.services import alerts, overview, reports

    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(resolve_paths(Path(folder)))
        seed_shop(ctx, args.orders, days=365)
        with ctx.connect() as db:
            labels = db.execute("SELECT count(*) FROM labels").fetchone()[0]
        today = median_seconds(lambda: overview.today(ctx), args.repeat)
        found = median_seconds(lambda: alerts.current(ctx), args.repeat)
        month = median_seconds(lambda: reports.report(ctx), args.repeat)
        import datetime as dt

        now = dt.datetime.now(dt.UTC)
        whole = median_seconds(
            lambda: reports.report(ctx, (now - dt.timedelta(days=364)).date(), now.date()),
            args.repeat,
        )
        summary = reports.report(ctx)
        opened = [open_overview(ctx) for _ in range(args.repeat)]
        figures_s = statistics.median(o[0] for o in opened)
        charts_s = statistics.median(o[1] for o in opened)

    def row(name: str, seconds: float) -> tuple[str, str, str]:
        met = "met" if seconds <= GOAL_S else "NOT met"
        return (name, f"{seconds * 1000:.0f} ms", f"≤ {GOAL_S * 1000:.0f} ms {met}")

    print_table(
        f"The Overview on {args.orders:,} orders, {labels:,} labels (median of {args.repeat} runs)",
        [
            row("today's work (counts, order lists)", today),
            row("alerts", found),
            row("report, last 30 days", month),
            ("report, the whole year", f"{whole * 1000:.0f} ms", "(no goal: for scale)"),
            row("all three, as the Overview computes them", today + found + month),
            row("Overview tab opened: today's figures painted", figures_s),
            row("Overview tab opened: report charts painted", charts_s),
            ("parcels in the 30-day report", f"{summary.total.parcels:,}", ""),
            ("peak RSS", f"{peak_rss_mb():.0f} MB", ""),
        ],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
