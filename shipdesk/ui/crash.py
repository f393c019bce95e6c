"""An unexpected error becomes a dialog with a report the user can copy, never a silent exit."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import shipdesk
from shipdesk.logs import redact
from shipdesk.ui.widgets import dialog_help

log = logging.getLogger(__name__)


def crash_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """The traceback and the versions, with secrets redacted (tracebacks hold no personal data:
    ShipDesk's exceptions carry order ids and codes, not names or addresses)."""
    from shipdesk.services.diagnostics import environment  # only when there is a crash

    lines = [f"{k}: {v}" for k, v in environment().items()]
    lines.append("")
    lines += traceback.format_exception(kind, value, tb)
    return redact(short_paths("\n".join(line.rstrip("\n") for line in lines)))


def short_paths(text: str) -> str:
    """File paths without the folders they happen to be installed in (which name the user's
    account): <ShipDesk>/shipdesk/…, <Python>/…, ~/…"""
    places = [
        (str(Path(shipdesk.__file__).resolve().parent.parent), "<ShipDesk>"),
        (sys.prefix, "<Python>"),
        (sys.base_prefix, "<Python>"),
        (str(Path.home()), "~"),
    ]
    for folder, name in sorted(places, key=lambda place: len(place[0]), reverse=True):
        if folder and folder != os.sep:
            text = text.replace(folder + os.sep, name + "/")
    return text


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ShipDesk ran into a problem"))
        self.resize(640, 420)
        intro = QLabel(
            self.tr(
                "Something went wrong that ShipDesk did not expect. Your data is safe: every "
                "order and label is saved as it happens. Please copy this report and send it "
                "to support; it holds no passwords or customer addresses."
            )
        )
        intro.setWordWrap(True)
        heading = QLabel(self.tr("ShipDesk ran into a problem"))
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.report = QPlainTextEdit(report)
        self.report.setObjectName("crashReport")
        self.report.setReadOnly(True)
        # A traceback reads (and is quoted) line by line: a fixed-width font keeps it aligned.
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox()
        dialog_help(self, buttons)
        self.copy_button = QPushButton(self.tr("Copy report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class CrashReporter(QObject):
    """Installed as sys.excepthook and threading.excepthook while the GUI runs."""

    reported = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value, args.exc_traceback
        )

    def uninstall(self) -> None:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def handle(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            app = QApplication.instance()
            assert app is not None  # installed while the GUI runs
            QMetaObject.invokeMethod(app, "quit")
            return
        report = crash_report(kind, value, tb)
        log.error("unexpected error:\n%s", report)
        self.reported.emit(report)  # queued: shown from the event loop, also for threads

    @Slot(str)
    def _show(self, report: str) -> None:
        dialog = CrashDialog(report, QApplication.activeWindow())
        self.dialog = dialog
        dialog.open()
