"""Starting the GUI: QApplication, the data folder, demo mode, the main window."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk import APP_NAME, __version__
from shipdesk.logs import setup_logging
from shipdesk.paths import resolve_paths
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


def run_gui(args: argparse.Namespace) -> int:
    from shipdesk.services.context import AppContext
    from shipdesk.ui import i18n
    from shipdesk.ui.crash import CrashReporter
    from shipdesk.ui.main_window import MainWindow

    app = make_application()
    paths = resolve_paths(args.data_dir, demo=args.demo)
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
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
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
