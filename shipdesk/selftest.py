"""`shipdesk --self-test`: does this installation (from source or a frozen build) work?

Starts Qt offscreen and checks, one line each: the bundled resources, the database (migrations
run in a temporary data folder, or in `--data-dir` when given), the keychain backend, the real
main window, QtPdf, the printer list, time zones and the TLS certificates. Prints a summary and
returns 0 when every required check passed, 1 otherwise. Meant for smoke-testing builds
(CI runs it on the frozen bundle) and for support ("run this and send me the output").

A keychain that cannot be used is a warning, not a failure: the app then says so and offers to
keep secrets for the session only (`keychain.use_session_only_secrets`). The keychain is only
read (a key that does not exist), never written. What *is* a failure is a build that lost
keyring's backends or their metadata, because then every machine would have no keychain.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OK, WARN, FAIL = "ok", "warn", "FAIL"
KEYCHAIN_TIMEOUT_S = 4.0
# The keyring backend module each OS needs; a build without it cannot reach the keychain.
PLATFORM_BACKENDS = {
    "win32": "keyring.backends.Windows",
    "darwin": "keyring.backends.macOS",
    "linux": "keyring.backends.SecretService",
}


@dataclass
class Check:
    status: str
    name: str
    detail: str


class SelfTest:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.results: list[Check] = []

    def record(self, status: str, name: str, detail: str) -> Check:
        check = Check(status, name, detail)
        self.results.append(check)
        self.out(f"{status:<4} {name:<12}  {detail}")
        return check

    def run(self, name: str, func: Callable[[], tuple[str, str]]) -> Check:
        """Run one check; an exception is that check's failure, the others still run."""
        try:
            status, detail = func()
        except Exception as exc:
            if logging.getLogger().handlers:  # the data folder's log, once it is set up
                logging.getLogger(__name__).exception("self-test check %s failed", name)
            if sys.stderr is not None:  # the details for whoever fixes it; the line says what
                traceback.print_exc(file=sys.stderr)
            status, detail = FAIL, f"{type(exc).__name__}: {exc}"
        return self.record(status, name, " ".join(str(detail).split()))


def run_self_test(args: argparse.Namespace, out: Callable[[str], None] | None = None) -> int:
    # Before anything imports Qt: no screen is needed, and none is used even if there is one.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.monotonic()
    emit = out or _print
    test = SelfTest(emit)
    temporary = getattr(args, "data_dir", None) is None
    data_dir = Path(tempfile.mkdtemp(prefix="shipdesk-selftest-")) if temporary else None
    state: dict[str, Any] = {}
    try:
        test.run("version", _version)
        test.run("resources", _resources)
        test.run("timezone", _timezone)
        test.run("tls", _certificates)
        test.run("database", lambda: _database(state, data_dir or Path(args.data_dir)))
        test.run("keychain", _keychain)
        test.run("qt", lambda: _application(state))
        test.run("translations", _translations)
        test.run("manual", _manual)
        if "ctx" in state and "app" in state:
            test.run("window", lambda: _window(state))
        else:
            test.record(FAIL, "window", "not tried: the database or Qt failed above")
        test.run("licences", _licences)
        test.run("qtpdf", _qtpdf)
        test.run("printers", _printers)
    finally:
        _close_logging()
        if data_dir is not None:
            shutil.rmtree(data_dir, ignore_errors=True)
    warnings = sum(1 for c in test.results if c.status == WARN)
    failures = [c.name for c in test.results if c.status == FAIL]
    ok = sum(1 for c in test.results if c.status == OK)
    elapsed = time.monotonic() - started
    counts = f"{ok} ok, {warnings} warning{'s' * (warnings != 1)}"
    if failures:
        emit(f"self-test FAILED ({', '.join(failures)}); {counts} ({elapsed:.1f} s)")
        return 1
    emit(f"self-test passed: {counts} ({elapsed:.1f} s)")
    return 0


def _print(line: str) -> None:
    # A windowed Windows build has no console: sys.stdout is None there (use shipdesk-cli.exe).
    if sys.stdout is not None:
        print(line, flush=True)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


# -- the checks: each returns (status, detail) or raises ----------------------------------------


def _version() -> tuple[str, str]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from shipdesk import __version__

    how = "frozen" if is_frozen() else "from source"
    return OK, (
        f"ShipDesk {__version__} ({how}), Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, Qt {qVersion()}, {platform.system()} {platform.machine()}"
    )


def _resources() -> tuple[str, str]:
    from shipdesk.resources import resource, resource_dir

    required = [
        "shipdesk.png",
        "amazon-order.png",
        "fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans-Bold.ttf",
    ]
    missing = [name for name in required if not resource(name).is_file()]
    if missing:
        return FAIL, f"missing in {resource_dir()}: {', '.join(missing)}"
    from shipdesk.resources import document

    if not document("privacy.md").is_file():  # About → Privacy reads it
        return FAIL, f"missing: {document('privacy.md')}"
    for name in required:
        if name.endswith(".ttf") and resource(name).read_bytes()[:4] != b"\x00\x01\x00\x00":
            return FAIL, f"{name} is not a TrueType font"
    return OK, f"icons, fonts and the privacy page in {resource_dir()}"


def _timezone() -> tuple[str, str]:
    # Windows has no time zone database of its own: it comes from the bundled tzdata package.
    import datetime as dt
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Amsterdam")
    summer = dt.datetime(2024, 7, 1, 12, tzinfo=zone).utcoffset()
    if summer != dt.timedelta(hours=2):
        return FAIL, f"Europe/Amsterdam has a wrong offset in July: {summer}"
    return OK, "Europe/Amsterdam"


def _certificates() -> tuple[str, str]:
    # requests verifies HTTPS against certifi's bundle: a build without it cannot reach Amazon.
    import ssl

    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    count = len(context.get_ca_certs())
    if not count:
        return FAIL, f"no CA certificates in {certifi.where()}"
    return OK, f"{count} CA certificates (certifi)"


def _database(state: dict[str, Any], data_dir: Path) -> tuple[str, str]:
    from shipdesk.logs import setup_logging
    from shipdesk.paths import resolve_paths
    from shipdesk.services import database_key
    from shipdesk.services.context import open_context
    from shipdesk.store import cipher
    from shipdesk.store.migrations import MIGRATIONS, for_migrations

    paths = resolve_paths(data_dir)
    setup_logging(paths.logs)
    temporary = data_dir.name.startswith("shipdesk-selftest-")
    # A temporary folder gets a throwaway key: the keychain is only read, never written.
    try:
        key = os.urandom(cipher.KEY_BYTES) if temporary else database_key.unlock(paths)
    except database_key.KeyNeeded as exc:
        return FAIL, f"the data file's key is not available ({exc}): start the app to give it"
    ctx = open_context(paths, database_key=key)
    db = ctx.connect()
    try:
        made_with = for_migrations(db)
        applied = [m.name for m in MIGRATIONS.applied(made_with)]
        pending = [m.name for m in MIGRATIONS.pending(made_with)]
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        db.close()
    state["ctx"] = ctx
    if pending or not applied:
        return FAIL, f"migrations not applied: {', '.join(pending) or 'none registered'}"
    first, last = applied[0].split("_", 1)[0], applied[-1].split("_", 1)[0]
    where = "temporary folder" if temporary else paths.data_dir
    if cipher.is_plain(paths.database):
        return FAIL, f"the data file in {where} is not encrypted"
    encrypted = f"SQLCipher {cipher.versions()['sqlcipher']}"
    return OK, f"(migrations {first}..{last}) in {where}, encrypted ({encrypted})"


def _keychain() -> tuple[str, str]:
    from importlib import import_module, metadata

    # Packaging: keyring finds its backends through entry points, i.e. the package metadata.
    names = sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))
    if not names:
        return FAIL, "keyring's backends are not registered (package metadata missing)"
    module = PLATFORM_BACKENDS.get(sys.platform) or PLATFORM_BACKENDS["linux"]
    try:
        import_module(module)
    except ImportError as exc:
        return FAIL, f"{module} cannot be imported: {exc}"

    # The real backend, in a thread: a locked keychain may wait for a password prompt.
    result: dict[str, tuple[str, str]] = {}
    worker = threading.Thread(target=_probe_keychain, args=(result,), daemon=True)
    worker.start()
    worker.join(KEYCHAIN_TIMEOUT_S)
    if "probe" not in result:
        return WARN, (
            f"no answer within {KEYCHAIN_TIMEOUT_S:.0f} s (locked, waiting for a password?); "
            "the app offers session-only secrets"
        )
    return result["probe"]


def _probe_keychain(result: dict[str, tuple[str, str]]) -> None:
    try:
        import keyring
        import keyring.errors
        from keyring.backends import fail

        from shipdesk.keychain import Keychain, MemoryKeyring

        backend = keyring.get_keyring()
        name = Keychain.backend_name()
        if isinstance(backend, fail.Keyring):
            try:
                backend.get_password("ShipDesk self-test", "none")
            except keyring.errors.KeyringError as exc:
                message = str(exc)
            else:  # pragma: no cover - the failing backend always raises
                message = "no keychain."
            message = message.split(". ", 1)[0].rstrip(".")  # keyring adds install advice
            result["probe"] = (WARN, f"{message} ({name}); the app offers session-only secrets")
            return
        if isinstance(backend, MemoryKeyring):
            from shipdesk.keychain import session_only_secrets

            if not session_only_secrets():
                # keyring picks among equal priorities at random: ShipDesk's in-memory keyring
                # must never be chosen by itself, or secrets silently vanish at exit.
                result["probe"] = (
                    WARN,
                    f"keyring chose {name} by itself (no keychain; secrets would not be kept)",
                )
                return
        # Reading a key that does not exist opens the keychain without writing anything.
        try:
            backend.get_password("ShipDesk self-test", "does-not-exist")
        except keyring.errors.KeyringError as exc:
            result["probe"] = (WARN, f"{name} cannot be used: {type(exc).__name__}: {exc}")
            return
        result["probe"] = (OK, f"{name} (read)")
    except Exception as exc:
        result["probe"] = (FAIL, f"{type(exc).__name__}: {exc}")


def _application(state: dict[str, Any]) -> tuple[str, str]:
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from shipdesk import APP_NAME
    from shipdesk.ui.resources import icon_path

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Qt's own warnings (e.g. the offscreen platform's) go to the log, not between the lines.
        qInstallMessageHandler(_qt_message)
        QCoreApplication.setOrganizationName(APP_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    state["app"] = app
    icon = QIcon(str(icon_path()))
    if icon.isNull() or icon.pixmap(32, 32).isNull():
        return FAIL, f"the icon {icon_path()} cannot be loaded"
    # The self-test runs offscreen, so check that the plugins a real start needs are there too.
    missing = [
        f"{kind}/{name}"
        for kind, name in NATIVE_PLUGINS.get(_platform_key(), [])
        if not any(name in path.name for path in _plugin_files(kind))
    ]
    detail = f"platform {QGuiApplication.platformName()}, style {app.style().name()}"
    if missing:
        return FAIL, f"{detail}; Qt plugins missing: {', '.join(missing)}"
    return OK, detail


# Qt plugins a real (not offscreen) start and printing need, by OS: (plugin folder, name part).
NATIVE_PLUGINS = {
    "win32": [("platforms", "qwindows"), ("printsupport", "windowsprintersupport")],
    "darwin": [("platforms", "qcocoa"), ("printsupport", "cocoaprintersupport")],
    "linux": [("platforms", "qxcb"), ("printsupport", "cupsprintersupport")],
}


def _platform_key() -> str:
    return "linux" if sys.platform.startswith("linux") else sys.platform


def _plugin_files(kind: str) -> list[Path]:
    """The plugin files of one kind in every folder Qt loads plugins from."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    roots = [*QCoreApplication.libraryPaths()]
    roots.append(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    folders = {Path(root) / kind for root in roots}
    return sorted(path for folder in folders if folder.is_dir() for path in folder.iterdir())


def _translations() -> tuple[str, str]:
    from PySide6.QtCore import QTranslator

    from shipdesk.resources import resource
    from shipdesk.ui.i18n import qt_translations_dir

    folder = resource("i18n")
    own = sorted(folder.glob("shipdesk_*.qm")) if folder.is_dir() else []
    qt_folder = qt_translations_dir()  # the folder the app itself loads from
    broken = [qm.name for qm in own if not QTranslator().load(str(qm))]
    qt_loaded = QTranslator().load("qtbase_nl", str(qt_folder))
    found = ", ".join(qm.name for qm in own) or "no shipdesk_*.qm"
    detail = f"{found}; Qt's qtbase_nl.qm {'loaded' if qt_loaded else f'missing in {qt_folder}'}"
    if broken:
        return FAIL, f"{detail}; cannot load {', '.join(broken)}"
    if not qt_loaded:
        # A frozen build must ship Qt's Dutch texts (resources/i18n/qt); from source Qt has them.
        return (FAIL if is_frozen() else WARN), detail
    if not own:
        return WARN, f"{detail} (not built: the app shows English texts; `make translations`)"
    return OK, detail


def _manual() -> tuple[str, str]:
    """Help → Manual: each language's page, its contents and every picture it shows."""
    import json
    import re

    from shipdesk.resources import resource

    found = []
    for language in ("en", "nl"):
        page = resource("manual") / language / "index.html"
        if not page.is_file():
            # Missing from a frozen build is a broken installer; from source, not built yet.
            return (FAIL if is_frozen() else WARN), f"missing: {page} (`make manual`)"
        html = page.read_text(encoding="utf-8")
        try:
            sections = json.loads(page.with_name("toc.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return FAIL, f"{language}: the table of contents cannot be read: {error}"
        pictures = set(re.findall(r'<img [^>]*src="([^"]+)"', html))
        missing = sorted(p for p in pictures if not (page.parent / p).is_file())
        if missing:
            return FAIL, f"{language}: pictures missing: {', '.join(missing)}"
        found.append(f"{language}: {len(sections)} chapters, {len(pictures)} pictures")
    return OK, "; ".join(found)


def _window(state: dict[str, Any]) -> tuple[str, str]:
    from shipdesk.ui.main_window import MainWindow

    app = state["app"]
    # Closing the window saves its geometry in the data folder: keep the owner's own one.
    settings_file = state["ctx"].paths.data_dir / "window.ini"
    saved = settings_file.read_bytes() if settings_file.is_file() else None
    window = MainWindow(state["ctx"])
    try:
        window.show()
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        visible = window.isVisible()
        tabs = window.tabs.count() if hasattr(window, "tabs") else 0
        title = window.windowTitle()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        if saved is None:
            settings_file.unlink(missing_ok=True)
        else:
            settings_file.write_bytes(saved)
    if not visible:
        return FAIL, "the main window did not show"
    return OK, f"'{title}' with {tabs} tabs"


def _licences() -> tuple[str, str]:
    # Help → About reads the bundled packages' metadata: a build without it lists nothing.
    from shipdesk.services.diagnostics import components

    names = {c.name.lower().replace("_", "-") for c in components()}
    missing = sorted({"shipdesk", "pyside6-essentials", "keyring", "requests"} - names)
    if missing:
        return FAIL, f"no package metadata for {', '.join(missing)} (Help → About would miss them)"
    return OK, f"{len(names)} components with their licences"


def _qtpdf() -> tuple[str, str]:
    from io import BytesIO

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from reportlab.lib.pagesizes import A6
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A6)
    canvas.setFont("Helvetica", 14)
    canvas.drawString(40, 300, "ShipDesk self-test")
    canvas.showPage()
    canvas.save()
    with tempfile.TemporaryDirectory(prefix="shipdesk-selftest-pdf-") as folder:
        path = Path(folder) / "selftest.pdf"
        path.write_bytes(buffer.getvalue())
        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            return FAIL, f"QPdfDocument.load: {error.name}"
        pages = document.pageCount()
        image = document.render(0, QSize(105, 148))
        document.close()  # Windows: the file must be closed before its folder goes
    if pages != 1:
        return FAIL, f"{pages} pages instead of 1"
    if image.isNull():
        return FAIL, "page 1 could not be rendered"
    return OK, f"a reportlab PDF loads ({pages} page) and renders"


def _printers() -> tuple[str, str]:
    from shipdesk.printing.printers import available_printers

    printers = available_printers()
    # Raw ZPL goes to the spooler through pywin32 on Windows and `lp` elsewhere.
    if sys.platform == "win32":
        try:
            import win32print  # noqa: F401
        except ImportError:
            return FAIL, "win32print (pywin32) is missing: Zebra (ZPL) labels cannot be printed"
        raw = ""
    else:
        raw = "" if shutil.which("lp") else "; no `lp` command: Zebra (ZPL) printing unavailable"
    if not printers:
        return OK, f"none installed (labels can still be saved as PDF){raw}"
    default = next((p.name for p in printers if p.is_default), None)
    names = ", ".join(p.name for p in printers[:5]) + (" …" if len(printers) > 5 else "")
    detail = f"{len(printers)}: {names}" + (f" (default {default})" if default else "")
    return (WARN if raw else OK), detail + raw


def _qt_message(mode: Any, context: Any, message: str) -> None:
    logging.getLogger("shipdesk.selftest.qt").info("Qt: %s", message)


def _close_logging() -> None:
    """Close the data folder's log file, so the temporary folder can be removed (Windows)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_shipdesk", False):
            root.removeHandler(handler)
            with contextlib.suppress(Exception):
                handler.close()
