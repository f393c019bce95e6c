"""The tray icon, and notifications when something needs the owner's attention."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from shipdesk.services import alerts, printing
from shipdesk.services.context import AppContext
from shipdesk.ui import alert_texts
from shipdesk.ui.resources import icon_path


class AlertNotifier(QObject):
    """Shows each new alert once; the same lasting problem is not repeated."""

    notified = Signal(str, str)  # title, text

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        # Alerts there already when the window opens are on the Overview, not notified; read
        # at the first check, not before the window's first paint.
        self.seen: set[str] | None = None
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
        """Notify what is new since the last check (an acknowledged alert stays quiet)."""
        now = self._current()
        if self.seen is None:
            self.seen = {alert.key for alert in now}
            return
        for alert in now:
            if alert.key not in self.seen and not alert.acknowledged:
                title = alert_texts.title(alert)
                text = " ".join(
                    filter(None, [alert_texts.todo(alert), alert_texts.orders_text(alert)])
                )
                self.notified.emit(title, text)
                if self.tray is not None:
                    self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning)
        self.seen = {alert.key for alert in now}

    def _current(self) -> list[alerts.Alert]:
        return alerts.current(
            self.ctx, printers=lambda: [p.name for p in printing.available_printers()]
        )

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
