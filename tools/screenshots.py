"""Take the screenshots in docs/screenshots/ from the real app in demo mode.

Run under Xvfb or offscreen: `QT_QPA_PLATFORM=offscreen python tools/screenshots.py`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from shipdesk.paths import resolve_paths
from shipdesk.services.demo import DemoEnvironment
from shipdesk.ui.app import make_application
from shipdesk.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, timeout_ms: int = 30_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:
        settle(50)
        waited += 50
    if not condition():
        raise TimeoutError("the app did not reach the expected state")


def save(widget: QWidget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> int:
    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        demo = DemoEnvironment.start(resolve_paths(folder))
        try:
            window = MainWindow(demo.ctx)
            window.resize(1280, 760)
            window.show()
            window.start_background_work()
            wait_for(lambda: not window.runner.busy and window.orders.model.rowCount() > 0)
            settle()
            window.tabs.setCurrentWidget(window.orders)
            settle()
            save(window, "orders-tab")
            window.tabs.setCurrentWidget(window.connections)
            settle()
            save(window, "connections-tab")
            window.tabs.setCurrentWidget(window.shipping_options)
            settle()
            save(window, "shipping-options-tab")
            window.close()
        finally:
            demo.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
