"""The window's first paint loads no more than it needs: printing (reportlab, the PDF renderer),
HTTP (requests), the carriers' clients, the commands, the services that import orders and
make, print and send labels, and the tabs built after it load when first used, after it;
sqlite-utils only when the data file needs its schema made or changed (bench/startup_bench.py
measures the start itself)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO, cli_env

# Started as a double-click starts it (`shipdesk.cli.main`); at the first paint of the tab the
# window opens on, the modules loaded so far are written out and the window closes.
CHILD = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget
from shipdesk.ui.app import make_application

app = make_application()

class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if self.done or event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        window = watched.window()
        if type(window).__name__ == "MainWindow" and window.tabs.currentWidget() is watched:
            self.done = True
            print(json.dumps(sorted(sys.modules)), flush=True)
            QTimer.singleShot(0, window.close)
            QTimer.singleShot(0, app.quit)
        return False

watch = FirstPaint()
app.installEventFilter(watch)
from shipdesk.cli import main
main(sys.argv[1:])
"""

FORBIDDEN = ("requests", "urllib3", "reportlab", "sqlite_utils", "click", "dateutil")
LATER = {
    "PySide6.QtPdf",
    "shipdesk.printing.printers",
    "shipdesk.services.importing",
    "shipdesk.services.drafts",
    "shipdesk.services.labels",
    "shipdesk.services.printing",
    "shipdesk.services.pick_list",
    "shipdesk.services.tracking",
    "shipdesk.services.privacy",
    "shipdesk.services.diagnostics",
    "shipdesk.ui.connections_tab",
    "shipdesk.ui.shipping_options_tab",
}


def carrier_clients() -> set[str]:
    carriers = REPO / "shipdesk" / "carriers"
    return {f"shipdesk.carriers.{p.parent.name}.client" for p in carriers.glob("*/client.py")}


def loaded_at_first_paint(tmp_path) -> set[str]:
    env = cli_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--data-dir", str(tmp_path / "data")],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_first_paint_loads_no_printing_http_or_carrier_client(tmp_path) -> None:
    first = loaded_at_first_paint(tmp_path)
    # The first start makes the data file with its schema, which sqlite-utils does; every
    # start after opens it as it is, without.
    assert "sqlite_utils" in first
    loaded = loaded_at_first_paint(tmp_path)
    assert "sqlite_utils.migrations" not in loaded
    # Taken in the painted window (so the check below can fail): its tabs are loaded.
    assert {"shipdesk.ui.main_window", "shipdesk.ui.orders_tab"} <= loaded
    assert len(carrier_clients()) >= 2
    pulled = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert pulled == []
    assert sorted(loaded & carrier_clients()) == []
    assert not {"shipdesk.printing.packing_slip", "shipdesk.printing.pick_list"} & loaded
    assert sorted(LATER & loaded) == []
    commands = {m for m in loaded if m.startswith("shipdesk.commands.")}
    assert commands == {"shipdesk.commands.common"}  # the window's start reads no command
