"""Starting the GUI: QApplication, the data folder, demo mode, the main window."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk import APP_NAME, __version__
from shipdesk.logs import setup_logging
from shipdesk.paths import DataFolderError, resolve_paths
from shipdesk.services.errors import DatabaseError

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    return QApplication(argv if argv is not None else sys.argv[:1])


def cannot_start(args: argparse.Namespace, code: str, folder: str, detail: str) -> int:
    """ShipDesk cannot open its data: say what happened, which folder and what to do, in the
    owner's language (on Windows there is no console to print a traceback to), then exit 1."""
    from shipdesk.ui import i18n, texts

    log.error("cannot start: %s", detail)
    language = getattr(args, "lang", None) or i18n.system_language()
    translators = i18n.install(language)
    try:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            APP_NAME,
            texts.data_problem_text(code, folder),
            QMessageBox.StandardButton.Close,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText(detail)
        box.setObjectName("cannotStart")
        box.exec()
    finally:
        i18n.uninstall(translators)
    return 1


def run_gui(args: argparse.Namespace) -> int:
    from shipdesk.services.context import AppContext
    from shipdesk.ui import i18n
    from shipdesk.ui.crash import CrashReporter
    from shipdesk.ui.main_window import MainWindow

    app = make_application()
    try:
        paths = resolve_paths(args.data_dir, demo=args.demo)
    except DataFolderError as exc:
        return cannot_start(args, exc.code, str(exc.folder), str(exc))
    setup_logging(paths.logs, stderr=args.verbose)
    language = i18n.effective_language(paths.data_dir, getattr(args, "lang", None))
    log.info("ShipDesk %s starting (demo=%s, language=%s)", __version__, args.demo, language)
    translators = i18n.install(language)  # before any widget is made: texts are set once
    reporter = CrashReporter()
    reporter.install()
    demo = None
    try:
        if args.demo:
            from shipdesk.services.demo import DemoEnvironment

            demo = DemoEnvironment.start(paths)
            ctx = demo.ctx
        else:
            ctx = AppContext(paths)
    except DatabaseError as exc:
        i18n.uninstall(translators)
        reporter.uninstall()
        folder = str(exc.path.parent if exc.path else paths.data_dir)
        return cannot_start(args, exc.code, folder, str(exc))
    window = MainWindow(ctx)
    window.show()
    window.start_background_work()
    try:
        return app.exec()
    finally:
        reporter.uninstall()
        i18n.uninstall(translators)
        if demo is not None:
            demo.stop()
