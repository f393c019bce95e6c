"""Benchmark: cold start, from a fresh process to the main window painted with its data,
against a bare PySide6 window with a tab widget and a table, in the same run.

"With its data" is the Overview (the first tab) painted with today's figures and alerts, and
the Orders tab's rows loaded; "report" adds the Overview's charts. Each start is a new Python
process (`python -m shipdesk --data-dir …`, the path a double-click takes); the clock starts
before the process is created, on the machine's monotonic clock, which both processes share.
The data folder holds `--orders` orders (default 20,000) as a busy shop has them (about 275 a
day, the last three days' still open, the rest shipped: bench/common.py); its database key is
in the tests' keyring file (tests/support/file_keyring.py), standing in for the OS keychain.

    python bench/startup_bench.py [--orders N] [--runs N] [--importtime]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, print_table

BENCH = Path(__file__).resolve().parent


def bare_child() -> None:
    """The reference: the least a Qt window with a tab widget and a table needs."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTabWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    table = QTableWidget(50, 8)
    tabs.addTab(table, "Orders")
    window.setCentralWidget(tabs)

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is table.viewport():
                print(json.dumps({"ready": time.monotonic()}), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    watch = Painted()
    table.viewport().installEventFilter(watch)
    window.resize(1180, 720)
    window.show()
    app.exec()


def app_child(data_dir: str) -> None:
    """The real start (`shipdesk.cli.main`), watched without an application-wide event filter
    (which would run Python for every event of the start, as the bare window's does not): a
    zero-delay timer, set before the start, fires at the event loop's first turn, finds the
    main window and watches its Overview's widgets and its signals. Results from workers come
    back through the event loop, so none can arrive before that turn. The watch needs the
    application before `main` makes it, so this imports `ui.app` first, with collections off
    as `main` turns them off before it does."""
    import gc

    gc.disable()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from shipdesk.ui.app import make_application

    app = make_application()
    moments: dict[str, float] = {}

    class Watch(QObject):
        window: QWidget | None = None

        def find_window(self) -> None:
            for widget in QApplication.topLevelWidgets():
                if type(widget).__name__ == "MainWindow":
                    self.hook(widget)
                    return
            QTimer.singleShot(1, self.find_window)  # not made yet (a dialog first, say)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if "today" in moments and "today_painted" not in moments:
                    moments["today_painted"] = time.monotonic()
                if "report" in moments and "report_painted" not in moments:
                    moments["report_painted"] = time.monotonic()
                self.done()
            return False

        def hook(self, window) -> None:
            self.window = window
            overview = window.overview
            for widget in [overview, *overview.findChildren(QWidget)]:
                widget.installEventFilter(self)
            overview.today_shown.connect(lambda: moments.setdefault("today", 0.0))
            overview.refreshed.connect(lambda: moments.setdefault("report", 0.0))
            window.orders.refreshed.connect(self.rows)
            if window.orders.model.rowCount():
                self.rows(window.orders.model.rowCount())

        def rows(self, count: int) -> None:
            if count and "rows" not in moments:
                moments["rows"] = time.monotonic()
                self.done()

        def done(self) -> None:
            if {"rows", "today_painted", "report_painted"} <= moments.keys():
                del moments["today"], moments["report"]
                print(json.dumps(moments), flush=True)
                QTimer.singleShot(0, self.window.close)
                QTimer.singleShot(0, app.quit)

    watch = Watch()
    QTimer.singleShot(0, watch.find_window)
    from shipdesk.cli import main

    main(["--data-dir", data_dir])


def seed(folder: Path, orders: int, env: dict[str, str]) -> None:
    os.environ.update(env)
    from common import seed_shop

    from shipdesk.paths import resolve_paths
    from shipdesk.services import database_key
    from shipdesk.services.context import open_context

    paths = resolve_paths(folder)
    ctx = open_context(paths)
    seed_shop(ctx, orders, days=max(1, orders // 275))  # a busy shop: ~275 orders a day
    database_key.mark_recovery_shown(paths)  # no dialog over the first paint


def run(kind: str, data: Path | None, env: dict[str, str], importtime: bool) -> dict[str, float]:
    args = [sys.executable, *(["-X", "importtime"] if importtime else []), str(Path(__file__))]
    args += ["--child", kind] + ([str(data)] if data else [])
    started = time.monotonic()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"{kind} start failed ({done.returncode}):\n{done.stderr[-3000:]}")
    if importtime:
        (BENCH / f"importtime-{kind}.txt").write_text(done.stderr)
    moments = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: moment - started for name, moment in moments.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--importtime",
        action="store_true",
        help="also write python -X importtime of one start of each to bench/",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        bare_child() if args.child[0] == "bare" else app_child(args.child[1])
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   PYTHON_KEYRING_BACKEND="tests.support.file_keyring.FileKeyring",
                   SHIPDESK_TEST_KEYRING_FILE=str(Path(tmp) / "keyring.json"),
                   PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT)]),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                   # As an installed app: bytecode compiled once (the warm-up start), not on
                   # every start, wherever PYTHONDONTWRITEBYTECODE is set.
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))  # fmt: skip
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        seeded = Path(tmp) / "seeded"
        seed(seeded, args.orders, env)
        shutil.copytree(seeded, Path(tmp) / "warm-up")
        run("bare", None, env, False)
        run("app", Path(tmp) / "warm-up", env, False)
        bare, today, report, rows = [], [], [], []
        for number in range(args.runs):
            data = Path(tmp) / f"run{number}"
            shutil.copytree(seeded, data)
            bare.append(run("bare", None, env, args.importtime and number == 0)["ready"])
            moments = run("app", data, env, args.importtime and number == 0)
            today.append(max(moments["today_painted"], moments["rows"]))
            report.append(max(moments["report_painted"], moments["rows"]))
            rows.append(moments["rows"])
    base = statistics.median(bare)
    ms = lambda values: f"{statistics.median(values) * 1000:.0f} ms"  # noqa: E731
    print_table(
        f"Cold start, {args.orders:,} orders, median of {args.runs} fresh processes",
        [
            ("bare PySide6 window (tab widget, table) painted", ms(bare), ""),
            ("ShipDesk: Orders rows loaded", ms(rows), ""),
            ("ShipDesk: Overview figures painted + Orders rows", ms(today), ""),
            ("ShipDesk: … + the Overview's report charts", ms(report), ""),
            ("ratio (figures + rows) / bare", f"{statistics.median(today) / base:.2f}×", "≤ 2×"),
            ("ratio (with charts) / bare", f"{statistics.median(report) / base:.2f}×", ""),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
