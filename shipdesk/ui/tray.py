"""The tray icon, and notifications when something needs the owner's attention."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from shipdesk.services import alerts
from shipdesk.services import labels as label_service
from shipdesk.services.context import AppContext
from shipdesk.ui.resources import icon_path


class AlertNotifier(QObject):
    """Shows each new alert once; the same lasting problem is not repeated."""

    notified = Signal(str, str)  # title, text

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.seen: set[str] = {alert.key for alert in alerts.current(ctx)}
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(QIcon(str(icon_path())), self)
            self.tray.setToolTip("ShipDesk")
            menu = QMenu(window)
            show = QAction(self.tr("Show ShipDesk"), menu)
            show.triggered.connect(self._show_window)
            quit_action = QAction(self.tr("Quit"), menu)
            quit_action.triggered.connect(window.close)
            menu.addAction(show)
            menu.addAction(quit_action)
            self.tray.setContextMenu(menu)
            self.tray.activated.connect(lambda _reason: self._show_window())
            self.tray.messageClicked.connect(self._show_window)
            self.tray.show()

    def check(self) -> None:
        """Notify what is new since the last check."""
        now = alerts.current(self.ctx)
        for alert in now:
            if alert.key not in self.seen:
                title, text = self._words(alert)
                self.notified.emit(title, text)
                if self.tray is not None:
                    self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning)
        self.seen = {alert.key for alert in now}

    def _words(self, alert: alerts.Alert) -> tuple[str, str]:
        if alert.kind == "tracking_upload":
            return (
                self.tr("Amazon refused a tracking number"),
                self.tr("Order %1: see the Errors view in the Orders tab.").replace(
                    "%1", alert.order_id or ""
                ),
            )
        if alert.kind == "carrier_confirm":
            return (
                self.tr("The day's labels were not confirmed"),
                self.tr(
                    "%1 did not take the confirmation of today's labels. ShipDesk tries again "
                    "every minute; check the connection in the Connections tab."
                ).replace("%1", label_service.carrier_short_name(alert.detail)),
            )
        if alert.kind == "carrier_confirm_refused":
            return (
                self.tr("A label was not confirmed"),
                self.tr(
                    "%1 refused the end-of-day confirmation of order %2's label (deleted in "
                    "its portal?). The day's other labels were confirmed."
                )
                .replace("%1", label_service.carrier_short_name(alert.detail))
                .replace("%2", alert.order_id or ""),
            )
        if alert.kind == "amazon_connection":
            return (
                self.tr("The Amazon connection needs attention"),
                self.tr("Open the Connections tab to see what to do."),
            )
        return (
            self.tr("The carrier connection needs attention"),
            self.tr("Open the Connections tab to see what to do."),
        )

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
