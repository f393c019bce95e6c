"""The tray icon, and notifications when something needs the owner's attention."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from shipdesk.services import alerts, print_settings
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner, Lane
from shipdesk.ui import alert_texts
from shipdesk.ui.resources import icon_path


class AlertNotifier(QObject):
    """Shows each new alert once; the same lasting problem is not repeated. The alerts come
    from the Overview's own refresh (`notice`) or from a check in the background (`check`),
    never from a query on the UI thread."""

    notified = Signal(str, str)  # title, text
    checked = Signal()  # after each comparison (tests wait on it)

    def __init__(self, ctx: AppContext, runner: JobRunner, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.runner = runner
        self.window = window
        # Alerts there already when the window opens are on the Overview, not notified: the
        # first alerts noticed are only remembered.
        self.seen: set[str] | None = None
        self._job: Job | None = None
        self._again = False
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
        """Compute the alerts in the background, then notify what is new (asked while one runs:
        once more after it)."""
        if self._job is not None:
            self._again = True
            return
        self._again = False
        ctx = self.ctx
        self._job = self.runner.run(
            lambda _report, _cancel: alerts.current(ctx, printers=print_settings.printer_names),
            "alerts",
            lane=Lane.QUERY,
            succeeded=self.notice,
            finished=self._finished,
        )

    def _finished(self) -> None:
        self._job = None
        if self._again:
            self.check()

    def notice(self, now: list[alerts.Alert]) -> None:
        """Notify the alerts new since the last ones noticed (an acknowledged one stays quiet)."""
        if self.seen is not None:
            for alert in now:
                if alert.key not in self.seen and not alert.acknowledged:
                    self._notify(alert)
        self.seen = {alert.key for alert in now}
        self.checked.emit()

    def _notify(self, alert: alerts.Alert) -> None:
        title = alert_texts.title(alert)
        text = " ".join(filter(None, [alert_texts.todo(alert), alert_texts.orders_text(alert)]))
        self.notified.emit(title, text)
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning)

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
