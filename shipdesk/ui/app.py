"""Starting the GUI: QApplication, the data folder, demo mode, the main window."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk import APP_NAME, __version__
from shipdesk.logs import setup_logging
from shipdesk.paths import AppPaths, DataFolderError, resolve_paths
from shipdesk.services.errors import DatabaseError

if TYPE_CHECKING:
    from shipdesk.ui.single_instance import SingleInstance

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


def cannot_start(
    args: argparse.Namespace, code: str, folder: str, detail: str, backup: str = ""
) -> int:
    """ShipDesk cannot open its data: say what happened, which folder and what to do, in the
    owner's language (on Windows there is no console to print a traceback to), then exit 1.
    (`folder`: what the text names; for a refused endpoint variable, the variable.)"""
    from shipdesk.ui import help_links, i18n
    from shipdesk.ui.manual_window import open_beside

    log.error("cannot start: %s", detail)
    language = getattr(args, "lang", None) or i18n.system_language()
    translators = i18n.install(language)
    try:
        box = cannot_start_box(code, folder, detail, backup)
        manual = box.button(QMessageBox.StandardButton.Help)
        # A message box closes on any button: after Help it comes back, with the manual beside
        # it (a window of the box's own, which the box does not block), until Close.
        while box.exec() is not None and box.clickedButton() is manual:
            open_beside(box, help_links.cannot_start_section(code))
    finally:
        i18n.uninstall(translators)
    return 1


def cannot_start_box(code: str, folder: str, detail: str, backup: str = "") -> QMessageBox:
    """The box that says why ShipDesk cannot start, with Help and Close (also for the tour)."""
    from shipdesk.ui import texts

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        texts.cannot_start_text(code, folder, backup),
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Help,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(detail)
    box.setObjectName("cannotStart")
    return box


def _close_on_termination(app: QApplication) -> Callable[[], None]:
    """SIGTERM (a logout, a shutdown, `kill`) and Ctrl+C close the window as Quit does: its
    work is finished or cancelled, and the single-instance socket goes with it. Python runs a
    signal handler only when it gets control, so a timer wakes it from Qt's loop. Returns what
    puts the previous handlers back."""
    import signal

    def close(_number: int, _frame: object) -> None:
        log.info("asked to end (signal %d): closing the window", _number)
        app.closeAllWindows()
        app.quit()

    wanted = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])
    previous = {number: signal.signal(number, close) for number in wanted}
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)

    def restore() -> None:
        wake.stop()
        wake.deleteLater()
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)

    return restore


def run_gui(args: argparse.Namespace) -> int:
    from shipdesk.ui.single_instance import Claim, SingleInstance

    app = make_application()
    try:
        paths = resolve_paths(args.data_dir, demo=args.demo)
    except DataFolderError as exc:
        return cannot_start(args, exc.code, str(exc.folder), str(exc))
    setup_logging(paths.logs, stderr=args.verbose)
    # One window per data folder: a second start brings the first to the front and ends.
    instance = SingleInstance(paths.data_dir)
    claim = instance.claim()
    if claim is Claim.SHOWN:
        log.info("ShipDesk is already open on %s: brought it to the front", paths.data_dir)
        return 0
    if claim is Claim.NOT_ANSWERING:
        detail = f"Another ShipDesk has {paths.data_dir} open and did not answer."
        return cannot_start(args, "not_answering", str(paths.data_dir), detail)
    try:
        return _run_window(args, app, paths, instance)
    finally:
        instance.close()


def _run_window(
    args: argparse.Namespace, app: QApplication, paths: AppPaths, instance: SingleInstance
) -> int:
    from shipdesk.services.context import EndpointRefused, open_context
    from shipdesk.ui import i18n
    from shipdesk.ui.crash import CrashReporter
    from shipdesk.ui.main_window import MainWindow

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
            from shipdesk.ui.key_dialogs import obtain_key

            key = obtain_key(paths)
            if key is None:  # the owner closed the key dialog: nothing was opened or changed
                i18n.uninstall(translators)
                reporter.uninstall()
                log.info("not started: the data file's key was not given")
                return 1
            ctx = open_context(paths, database_key=key)
    except DatabaseError as exc:
        i18n.uninstall(translators)
        reporter.uninstall()
        folder = str(exc.path.parent if exc.path else paths.data_dir)
        return cannot_start(args, exc.code, folder, str(exc), str(exc.backup or ""))
    except EndpointRefused as exc:
        i18n.uninstall(translators)
        reporter.uninstall()
        return cannot_start(args, "endpoint_refused", exc.variable, str(exc))
    window = MainWindow(ctx)
    instance.window = window
    window.show()

    def painted() -> None:
        # The start's objects live as long as the window: kept out of every collection from
        # now on, and collections back on for what comes next (the GUI path of cli.main turned
        # them off before its first import).
        gc.freeze()
        gc.enable()
        window.build_later_tabs()
        window.start_background_work()

    window.after_first_paint(painted)
    if not args.demo:
        window.show_recovery_key_once()
    restore = _close_on_termination(app)
    log.info("window open")
    try:
        return app.exec()
    finally:
        restore()
        reporter.uninstall()
        i18n.uninstall(translators)
        if demo is not None:
            demo.stop()
