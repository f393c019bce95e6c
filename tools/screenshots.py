"""Take the screenshots in docs/screenshots/ from the real app in demo mode.

Run under Xvfb or offscreen: `QT_QPA_PLATFORM=offscreen python tools/screenshots.py`.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from shipdesk.paths import resolve_paths
from shipdesk.services import amazon_account, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.demo import DemoEnvironment
from shipdesk.ui.app import make_application
from shipdesk.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], bool], timeout_ms: int = 30_000) -> None:
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


def edit_dialog(window: MainWindow, view: str, name: str) -> None:
    tab = window.orders
    tab.view.setCurrentIndex(tab.view.findData(view))
    wait_for(lambda: not window.runner.busy and tab.model.rowCount() > 0)
    tab.table.selectRow(0)
    tab.edit_selected()
    dialog = tab.dialog
    wait_for(lambda: dialog.edit is not None and not window.runner.busy)
    settle(600)
    save(dialog, name)
    dialog.reject()
    tab.view.setCurrentIndex(tab.view.findData("to_ship"))
    wait_for(lambda: not window.runner.busy)


class NoBrowser(QWidget):
    """Swallows 'open in browser' so pending states stay pending for the picture."""

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        pass


def main() -> int:
    app = make_application()
    no_browser = NoBrowser()
    QDesktopServices.setUrlHandler("http", no_browser, "open")
    with tempfile.TemporaryDirectory() as folder:
        demo = DemoEnvironment.start(resolve_paths(folder))
        try:
            window = MainWindow(demo.ctx)
            window.resize(1280, 800)
            window.show()
            window.start_background_work()
            wait_for(lambda: not window.runner.busy and window.orders.model.rowCount() > 0)
            # A morning's work half done: some labels created, two shipped already.
            ready = label_service.drafts_ready_ids(demo.ctx)
            label_service.create_labels(demo.ctx, ready[:8])
            tracking.enqueue_labels(demo.ctx, ready[:2])
            tracking.upload_due(demo.ctx)
            window.tabs.setCurrentWidget(window.orders)
            window.orders.refresh()
            wait_for(lambda: not window.runner.busy)
            settle()
            save(window, "orders-tab")
            edit_dialog(window, "needs_review", "edit-dialog-needs-review")
            edit_dialog(window, "created", "edit-dialog-created")
            window.tabs.setCurrentWidget(window.shipping_options)
            settle()
            save(window, "shipping-options-tab")

            tab = window.connections
            window.tabs.setCurrentWidget(tab)
            tab.reload()
            settle()
            save(window, "connections-connected")

            demo.sandbox.lwa.revoke_seller(demo.sandbox.seller.selling_partner_id)
            demo.sandbox.lwa.expire_access_tokens()
            window.importer.start()
            wait_for(lambda: tab.pill.state == "error")
            settle()
            save(window, "connections-error")

            amazon_account.disconnect_locally(demo.ctx)
            tab.reload()
            tab.action_message.clear()
            settle()
            save(window, "connections-not-connected")

            tab.connect_button.click()
            wait_for(lambda: tab.pill.state == "pending" and not window.runner.busy)
            tab._poll.stop()
            settle()
            save(window, "connections-pending")
            window.close()
        finally:
            QDesktopServices.unsetUrlHandler("http")
            demo.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
