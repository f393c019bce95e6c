"""What users expect of any desktop app: menus, About, the log folder, diagnostics they can send
without leaking anything, a crash dialog instead of a silent exit, notifications for alerts."""

from __future__ import annotations

import json
import re
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk.services import amazon_account, diagnostics
from shipdesk.services.orders import list_orders
from shipdesk.store import outbox, settings
from shipdesk.store.transactions import write_transaction
from shipdesk.ui import i18n
from shipdesk.ui.crash import CrashDialog, CrashReporter
from shipdesk.ui.main_window import MainWindow
from tests.conftest import REPO
from tests.support.dialogs import fill_next_file_dialog
from tests.support.windows import open_window
from tests.test_labels import SENDER, open_shop


@pytest.fixture
def shop(tmp_path, start_sandbox):
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=40, seed=11)
    return ctx, sandbox


def menu_action(window: MainWindow, *path: str):
    """The action under menu titles `path` (mnemonic ampersands ignored), as a user finds it."""
    actions = window.menuBar().actions()
    for depth, title in enumerate(path):
        [action] = [a for a in actions if a.text().replace("&", "") == title]
        if depth == len(path) - 1:
            return action
        actions = action.menu().actions()
    raise AssertionError(path)


def test_about_lists_version_and_licences_of_the_bundled_libraries(qtbot, shop) -> None:
    ctx, _ = shop
    window = open_window(qtbot, ctx)
    menu_action(window, "Help", "About ShipDesk").trigger()
    dialog = window.about
    qtbot.waitExposed(dialog)
    table = dialog.table
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }
    essentials = "PySide6_Essentials"
    for shipped in (essentials, "shiboken6", "requests", "keyring", "reportlab", "sqlite-utils"):
        assert shipped in rows, shipped
        version, licence = rows[shipped]
        assert version and licence and licence != "see the package", shipped
    assert "LGPL-3.0" in rows[essentials][1] and "LGPL-3.0" in rows["Qt"][1]
    assert rows["Qt"][0].startswith("6.")
    assert "pytest" not in " ".join(rows)  # test tools are not shipped, so not listed


def test_open_log_folder_opens_the_folder_the_log_is_written_to(qtbot, shop) -> None:
    ctx, _ = shop
    window = open_window(qtbot, ctx)

    class Opener(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.opened: list[QUrl] = []

        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            self.opened.append(url)

    opener = Opener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        menu_action(window, "File", "Open log folder").trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    [url] = opener.opened
    assert Path(url.toLocalFile()) == ctx.paths.logs
    assert ctx.paths.logs.is_dir()


CONSENT_URL = "https://sellercentral.amazon.nl/apps/authorize/consent?state=OneTimeState0123456789"
SECRET_LOG_LINE = "refresh with Atzr|IwEBIsecretsecretsecret and client_secret=amzn1.oa2-cs.v1.abc"


def test_exported_diagnostics_hold_no_secrets_and_no_customer_data(qtbot, shop, tmp_path) -> None:
    ctx, sandbox = shop
    # A log line as an older version might have written it, unredacted, with a home path.
    ctx.paths.logs.mkdir(parents=True, exist_ok=True)
    with (ctx.paths.logs / "shipdesk.log").open("a") as log:
        log.write(f"2026-11-24 WARNING {SECRET_LOG_LINE} in {Path.home()}/Documents/slips.pdf\n")
    with ctx.connect() as db:  # a consent under way: its link holds a one-time state
        settings.put(db, amazon_account.PENDING_KEY, {"id": "auth-1", "consent_url": CONSENT_URL})
    window = open_window(qtbot, ctx)
    target = tmp_path / "out" / "support.zip"
    target.parent.mkdir()
    fill_next_file_dialog(target)
    menu_action(window, "File", "Export diagnostics…").trigger()
    assert target.exists()
    assert "Diagnostics saved as" in window.statusBar().currentMessage()

    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        text = "\n".join(archive.read(name).decode() for name in names)
        counts = json.loads(archive.read("counts.json"))
        stored = json.loads(archive.read("settings.json"))
        about = json.loads(archive.read("about.json"))
    assert {"about.json", "settings.json", "counts.json", "components.json"} <= set(names)
    assert "logs/shipdesk.log" in names and "~/Documents/slips.pdf" in text
    orders = list_orders(ctx)
    assert sum(counts["orders_by_status"].values()) == len(orders)
    assert about["keyring_backend"] and about["shipdesk"]
    # What support needs stays readable: the connection's state, the pending consent's id.
    assert stored[amazon_account.STATUS_KEY]["state"] == amazon_account.CONNECTED
    assert stored[amazon_account.PENDING_KEY]["id"] == "auth-1"
    secrets = [
        sandbox.seller.client_secret,
        sandbox.seller.refresh_token,
        sandbox.dhl.api_key,
        "IwEBIsecretsecretsecret",
        "amzn1.oa2-cs.v1.abc",
        "OneTimeState0123456789",
    ]
    personal = [SENDER.street, SENDER.company_name, SENDER.postal_code, str(Path.home())]
    for order in orders:
        for field in ("recipient_name", "address_line1", "postal_code", "phone"):
            held = getattr(order, field)
            personal += [held] if held else []  # pending orders have none yet
    assert len(personal) > 3 * len(orders)
    for value in secrets + personal:  # whole words: a postcode may occur inside another number
        assert not re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text), value


def test_diagnostics_that_cannot_be_written_say_so_and_leave_no_file(qtbot, shop, tmp_path):
    ctx, _ = shop
    window = open_window(qtbot, ctx)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    messages: list[str] = []

    def read_warning() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            messages.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(10, read_warning)

    QTimer.singleShot(0, read_warning)
    window.save_diagnostics(str(blocker / "support.zip"))
    [message] = messages
    assert message.startswith("The file could not be written")
    assert blocker.read_text() == "a file where a folder should be"
    assert list(tmp_path.glob("**/*.zip")) == []


def test_language_choice_is_kept_for_the_next_start(qtbot, shop) -> None:
    ctx, _ = shop
    window = open_window(qtbot, ctx)
    assert menu_action(window, "Settings", "Language", "Same as the system").isChecked()
    menu_action(window, "Settings", "Language", "Nederlands").trigger()
    assert "next start" in window.statusBar().currentMessage()
    assert i18n.chosen_language(ctx.paths.data_dir) == "nl"
    assert i18n.effective_language(ctx.paths.data_dir) == "nl"
    assert i18n.effective_language(ctx.paths.data_dir, "en") == "en"  # --lang wins
    reopened = open_window(qtbot, ctx)
    assert menu_action(reopened, "Settings", "Language", "Nederlands").isChecked()


@pytest.fixture
def reporter():
    reporter = CrashReporter()
    reporter.install()
    yield reporter
    reporter.uninstall()
    dialog = getattr(reporter, "dialog", None)
    if dialog is not None:
        dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_click_handler_opens_a_copyable_report(qtbot, reporter) -> None:
    def broken_handler() -> None:
        raise RuntimeError("token Atzr|IwEBIleaked went missing")

    QTimer.singleShot(0, broken_handler)
    qtbot.waitUntil(lambda: getattr(reporter, "dialog", None) is not None, timeout=5_000)
    dialog: CrashDialog = reporter.dialog
    qtbot.waitExposed(dialog)
    report = dialog.report.toPlainText()
    assert "RuntimeError" in report and "broken_handler" in report
    assert "Atzr|IwEBIleaked" not in report  # tokens are redacted before anyone sees them
    assert "shipdesk:" in report and "qt:" in report  # versions for support
    # Where it is installed is no business of the report (the folders name the account).
    assert str(REPO) not in report and str(Path.home()) not in report
    assert "<ShipDesk>/tests/test_app_basics.py" in report
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report
    assert dialog.copy_button.text() == "Copied"


def test_an_error_in_a_background_thread_also_reaches_the_user(qtbot, reporter) -> None:
    def worker() -> None:
        raise ValueError("the printer thread failed")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: getattr(reporter, "dialog", None) is not None, timeout=5_000)
    assert "the printer thread failed" in reporter.dialog.report.toPlainText()


def test_new_alerts_are_notified_once(qtbot, shop) -> None:
    ctx, sandbox = shop
    window = open_window(qtbot, ctx)
    notifier = window.notifier
    with qtbot.assertNotEmitted(notifier.notified), qtbot.waitSignal(notifier.checked):
        notifier.check()

    with ctx.connect() as db, write_transaction(db):
        order_id = list_orders(ctx)[0].order_id
        outbox.add_alert(db, "tracking_upload", order_id, "InvalidInput: carrierCode")
    with qtbot.waitSignal(notifier.notified) as notified:
        notifier.check()
    assert notified.args[0] == "Amazon refused 1 tracking number"
    assert order_id in notified.args[1]
    with qtbot.assertNotEmitted(notifier.notified), qtbot.waitSignal(notifier.checked):
        notifier.check()  # the same lasting problem is not repeated

    with ctx.connect() as db, write_transaction(db):
        outbox.add_alert(db, "carrier_confirm_refused", order_id, "gls")
    with qtbot.waitSignal(notifier.notified) as notified:
        notifier.check()
    assert notified.args[0] == "A label was not confirmed"
    assert order_id in notified.args[1] and "GLS refused" in notified.args[1]

    sandbox.lwa.revoke(sandbox.seller.refresh_token)
    with qtbot.waitSignal(notifier.notified, timeout=30_000) as notified:
        window.importer.start_if_connected()
    assert amazon_account.status(ctx).state == amazon_account.ERROR
    assert notified.args[0] == "The Amazon connection needs attention"


def test_components_follow_the_real_dependency_tree() -> None:
    names = {c.name.lower() for c in diagnostics.components()}
    assert {"shipdesk", "shiboken6", "requests", "urllib3", "keyring", "reportlab"} <= names
    assert not names & {"pytest", "pytest-qt", "ruff", "pyinstaller"}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_data_folder_that_cannot_be_used_is_said_in_a_window(qtbot, tmp_path, language):
    """No traceback on stderr (on Windows: nothing at all): a box that names the folder and
    what to do, in the owner's language, then exit 1."""
    import argparse

    from shipdesk.store.database import database_error
    from shipdesk.ui.app import cannot_start, run_gui

    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    args = argparse.Namespace(
        data_dir=str(blocker / "data"), demo=False, verbose=False, lang=language
    )
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        said.append(box.text() + "\n" + box.detailedText())
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, answer)
    assert run_gui(args) == 1
    expected = {"en": "may not write to its data folder", "nl": "mag niet schrijven"}[language]
    assert expected in said[0] and str(blocker / "data") in said[0]

    # A full disk met while opening the data file is named as such, never as damage.
    full = database_error(OSError(28, "No space left on device"), tmp_path / "shipdesk.sqlite3")
    QTimer.singleShot(0, answer)
    assert cannot_start(args, full.code, str(tmp_path), str(full)) == 1
    expected = {"en": "is full", "nl": "is vol"}[language]
    assert expected in said[1] and "backup" not in said[1].split("\n")[0]
