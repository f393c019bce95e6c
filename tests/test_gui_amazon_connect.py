"""Connecting Amazon through the broker in the real window, the browser played by a script.

The system browser is replaced with Qt's own hook (QDesktopServices.setUrlHandler): the
"browser" opens the sandbox's Seller Central page, ticks the box and confirms, exactly as the
seller would.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
import requests
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from shipdesk.logs import setup_logging
from shipdesk.services import amazon_account
from shipdesk.services.orders import list_orders
from tests.conftest import make_context
from tests.support.dialogs import answer_input, answer_next_dialog
from tests.support.windows import open_window


class ScriptedBrowser(QObject):
    """Stands in for the system browser: the seller consents (or not) on the opened page."""

    def __init__(self, sandbox, agree: bool = True) -> None:
        super().__init__()
        self.sandbox = sandbox
        self.agree = agree
        self.opened: list[str] = []
        self.pages: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())
        # A browser runs on its own: answer in a thread so the UI thread stays free.
        threading.Thread(target=self._consent, args=(url.toString(),), daemon=True).start()

    @Slot(QUrl)
    def ignore(self, url: QUrl) -> None:
        """The seller opens the page but never confirms."""
        self.opened.append(url.toString())

    def _consent(self, url: str) -> None:
        self.pages.append(self.sandbox.consent(url, agree=self.agree).text)


@pytest.fixture
def browser(sandbox) -> Iterator[ScriptedBrowser]:
    scripted = ScriptedBrowser(sandbox)
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, scripted, "open")
    yield scripted
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_connect_confirm_import_disconnect(qtbot, tmp_path, sandbox, browser) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    tab = window.connections
    assert tab.pill.state == "not_connected"
    assert not tab.connect_button.isEnabled()  # no customer number yet

    qtbot.keyClicks(tab.customer_number, "12ab")
    assert not tab.connect_button.isEnabled()
    assert "4 to 12 digits" in tab.customer_hint.text()
    tab.customer_number.clear()
    qtbot.keyClicks(tab.customer_number, "08500001")
    assert tab.connect_button.isEnabled()

    tab._poll.setInterval(200)
    # The seller confirms in the browser, which Amazon and the broker send back to this
    # window's loopback listener: connected without typing anything.
    with qtbot.waitSignal(window.importer.succeeded, timeout=20_000):
        qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(browser.opened), timeout=10_000)
        assert "/apps/authorize/consent" in browser.opened[0]
        assert not tab.confirm_button.isVisible()  # no code to type on this computer
        assert amazon_account.customer_number(ctx) == "08500001"
    qtbot.waitUntil(lambda: bool(browser.pages), timeout=10_000)
    assert "ShipDesk is connected to Amazon" in browser.pages[0]
    assert "ShipDesk is gekoppeld aan Amazon" in browser.pages[0]
    assert tab.pill.state == "connected"
    assert sandbox.seller.selling_partner_id in tab.status_text.text()
    assert "Amazon.nl" in tab.marketplace_hint.text()
    assert len(list_orders(ctx)) > 0  # imported with broker-issued tokens

    answer_next_dialog(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.disconnect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pill.state == "not_connected", timeout=10_000)
    assert "Orders already imported stay" in tab.action_message.text()
    assert "Manage Your Apps" in tab.action_message.text()
    kept = len(list_orders(ctx))

    window.tabs.setCurrentWidget(window.orders)
    with qtbot.waitSignal(window.importer.failed, timeout=10_000):
        qtbot.mouseClick(window.orders.import_button, Qt.MouseButton.LeftButton)
    assert "not connected" in window.orders.message.text()
    assert len(list_orders(ctx)) == kept


def connect_amazon(ctx, sandbox) -> None:
    """Connected the normal way, without the window: the sandbox's browser follows the
    hand-back to this process's listener, which completes the connection."""
    amazon_account.set_customer_number(ctx, "08500001")
    sandbox.consent(amazon_account.start_broker_connection(ctx))
    assert amazon_account.status(ctx).state == amazon_account.CONNECTED


def test_another_device_shows_the_link_and_takes_the_code_typed_here(
    qtbot, tmp_path, sandbox, browser
) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    tab = window.connections
    window.tabs.setCurrentWidget(tab)  # the Overview opens first
    qtbot.keyClicks(tab.customer_number, "08500001")
    qtbot.mouseClick(tab.other_device_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pill.state == "pending", timeout=10_000)
    assert browser.opened == []  # not opened here: shown, to open on the other device
    url = amazon_account.pending_consent_url(ctx)
    assert url and url.split("?")[0] in tab.consent_link.text()
    assert tab.confirm_button.isVisible() and "type it" in tab.status_text.text()
    page = sandbox.consent(url).text  # the seller, on the phone
    code = re.search(r"class='code'>([0-9A-Z-]{9})<", page).group(1)

    tab._poll.stop()  # the background check would disable the button for a moment
    qtbot.waitUntil(tab.confirm_button.isEnabled, timeout=10_000)
    answer_input("WRNG-CODE")
    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not right" in tab.action_message.text(), timeout=10_000)
    assert tab.pill.state == "pending"
    qtbot.waitUntil(tab.confirm_button.isEnabled, timeout=10_000)
    answer_input(code.lower().replace("-", " "))  # typed as people type
    with qtbot.waitSignal(window.importer.succeeded, timeout=20_000):
        qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    assert tab.pill.state == "connected"
    assert sandbox.seller.selling_partner_id in tab.status_text.text()


def test_a_consent_whose_listener_closed_says_start_again(qtbot, tmp_path, sandbox) -> None:
    """ShipDesk closed while the seller was on Amazon's page: the browser finds no one at
    the loopback address, and the reopened app says to start again."""
    ctx = make_context(tmp_path / "data", sandbox)
    amazon_account.set_customer_number(ctx, "08500001")
    url = amazon_account.start_broker_connection(ctx)
    amazon_account.forget_pending_consent(ctx)  # the app closed: its listener is gone
    with pytest.raises(requests.ConnectionError):
        sandbox.consent(url)
    window = open_window(qtbot, ctx)
    tab = window.connections
    tab._poll.setInterval(200)
    qtbot.waitUntil(lambda: tab.pill.state == "error", timeout=10_000)
    assert "had closed" in tab.status_text.text()
    assert tab.connect_button.text() == "Connect again"


def test_pending_connection_is_confirmed_by_polling(qtbot, tmp_path, sandbox, browser) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    tab = window.connections
    tab._poll.setInterval(200)
    qtbot.keyClicks(tab.customer_number, "08500001")
    qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pill.state == "connected", timeout=20_000)
    assert not tab._poll.isActive()


def test_consent_not_given_in_time_shows_the_reason(qtbot, tmp_path, sandbox) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    browser = ScriptedBrowser(sandbox)
    QDesktopServices.setUrlHandler("http", browser, "ignore")
    try:
        window = open_window(qtbot, ctx)
        tab = window.connections
        qtbot.keyClicks(tab.customer_number, "08500001")
        qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.pill.state == "pending", timeout=10_000)
        assert "Open it here" in tab.consent_link.text()
        sandbox.clock.advance(601)
        tab._poll.setInterval(200)
        qtbot.waitUntil(lambda: tab.pill.state == "error", timeout=10_000)
        assert "10 minutes" in tab.status_text.text()
        assert tab.connect_button.text() == "Connect again"
    finally:
        QDesktopServices.unsetUrlHandler("http")


def test_revoked_in_seller_central_shows_in_the_pill(qtbot, tmp_path, sandbox, browser) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    connect_amazon(ctx, sandbox)
    window = open_window(qtbot, ctx)
    sandbox.lwa.revoke_seller(sandbox.seller.selling_partner_id)
    window.tabs.setCurrentWidget(window.orders)
    with qtbot.waitSignal(window.importer.failed, timeout=20_000):
        qtbot.mouseClick(window.orders.import_button, Qt.MouseButton.LeftButton)
    tab = window.connections
    qtbot.waitUntil(lambda: tab.pill.state == "error", timeout=5_000)
    assert "revoked" in tab.status_text.text()
    assert tab.connect_button.text() == "Connect again"


def test_broker_unreachable(qtbot, tmp_path, sandbox, browser) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    connect_amazon(ctx, sandbox)
    window = open_window(qtbot, ctx)
    rows = len(list_orders(ctx))
    sandbox.broker.stop()
    sandbox.broker = None
    window.tabs.setCurrentWidget(window.orders)
    with qtbot.waitSignal(window.importer.failed, timeout=30_000):
        qtbot.mouseClick(window.orders.import_button, Qt.MouseButton.LeftButton)
    assert "cannot be reached" in window.orders.message.text()
    tab = window.connections
    qtbot.waitUntil(lambda: tab.pill.state == "error", timeout=5_000)
    assert "connection service cannot be reached" in tab.status_text.text()
    assert len(list_orders(ctx)) == rows

    # Connecting anew while the service is down: a clear message, nothing changes.
    qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be reached" in tab.action_message.text(), timeout=30_000)


def test_a_broker_that_cannot_read_its_token_says_whose_fault_it_is(
    qtbot, tmp_path, sandbox, browser
) -> None:
    """Not "check the internet connection": the broker lost the key to the stored token, and
    connecting again is what the owner can do."""
    ctx = make_context(tmp_path / "data", sandbox)
    connect_amazon(ctx, sandbox)
    with sqlite3.connect(sandbox.broker.app.config.database) as db:
        db.execute("UPDATE authorizations SET refresh_token = 'gAAAAAlost-key'")
    sandbox.broker.app._tokens.clear()
    window = open_window(qtbot, ctx)
    window.tabs.setCurrentWidget(window.orders)
    with qtbot.waitSignal(window.importer.failed, timeout=30_000):
        qtbot.mouseClick(window.orders.import_button, Qt.MouseButton.LeftButton)
    tab = window.connections
    qtbot.waitUntil(lambda: tab.pill.state == "error", timeout=5_000)
    assert "fault on ShipDesk's side" in tab.status_text.text()
    assert "internet" in tab.status_text.text() and tab.connect_button.text() == "Connect again"


def test_no_keychain_is_said_plainly_with_an_explicit_alternative(
    qtbot, tmp_path, sandbox, browser
) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    tab = window.connections
    window.tabs.setCurrentWidget(tab)  # the Overview opens first
    keyring.set_keyring(keyring.backends.fail.Keyring())
    qtbot.keyClicks(tab.customer_number, "08500001")

    answer_next_dialog(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "keychain is not available" in tab.action_message.text(), timeout=10_000
    )
    assert tab.pill.state == "not_connected"
    assert not tab.keychain_notice.isVisible()

    answer_next_dialog(QMessageBox.StandardButton.Ok)  # "keep secrets in memory this session"
    qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "this session" in tab.action_message.text(), timeout=10_000)
    qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pill.state == "connected", timeout=20_000)
    assert tab.keychain_notice.isVisible()


def test_no_secret_or_token_is_written_to_disk(qtbot, tmp_path, sandbox, browser) -> None:
    ctx = make_context(tmp_path / "data", sandbox)
    log_file = setup_logging(ctx.paths.logs)
    window = open_window(qtbot, ctx)
    tab = window.connections
    qtbot.keyClicks(tab.customer_number, "08500001")
    tab._poll.setInterval(200)
    with qtbot.waitSignal(window.importer.succeeded, timeout=20_000):
        qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.disconnect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pill.state == "not_connected", timeout=10_000)
    window.close()

    installation = ctx.keychain.get(amazon_account.BROKER_SECRET)
    secrets = {installation["secret"], installation["secret"].split(".", 1)[1]}
    secrets |= set(sandbox.lwa.refresh_tokens) | set(sandbox.lwa.access_tokens)
    secrets |= set(sandbox.lwa.codes)
    secrets |= {sandbox.shipdesk_app.client_secret, sandbox.shipdesk_app.next_client_secret}
    secrets |= {parse_state(url) for url in browser.opened}
    assert len(secrets) >= 6
    files = [log_file, *Path(ctx.paths.data_dir).rglob("*.sqlite3*")]
    files += list(Path(sandbox.broker.app.config.database).parent.glob("*.sqlite3*"))
    assert any(f.name.endswith("-wal") or f.suffix == ".sqlite3" for f in files)
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in content, f"a secret was found in {path.name}"
    assert "broker" in log_file.read_text() or "amazon" in log_file.read_text()


def parse_state(url: str) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query)["state"][0]


@pytest.mark.parametrize(
    "seller_central",
    ["https://sellercentral.amazon.nl.evil.example", "http://sellercentral.amazon.nl"],
)
def test_a_consent_link_that_does_not_lead_to_seller_central_is_never_opened(
    qtbot, tmp_path, sandbox, browser, seller_central
) -> None:
    """What the broker sends is data from outside: only https to Seller Central (or the
    sandbox on loopback) is opened."""
    sandbox.broker.app.config.seller_central["eu"] = seller_central
    ctx = make_context(tmp_path / "data", sandbox)
    window = open_window(qtbot, ctx)
    tab = window.connections
    qtbot.keyClicks(tab.customer_number, "08500001")
    qtbot.mouseClick(tab.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not lead to Amazon" in tab.action_message.text(), timeout=9000)
    assert browser.opened == []
    assert amazon_account.pending_consent_url(ctx) is None
    assert tab.pill.state == "not_connected" and not tab.consent_link.text()


def test_only_seller_central_and_the_sandbox_pass_as_consent_pages() -> None:
    from shipdesk.amazon.broker import UnexpectedConsentPage, checked_consent_url

    for good in (
        "https://sellercentral.amazon.nl/apps/authorize/consent?application_id=x&state=y",
        "https://sellercentral-europe.amazon.com/apps/authorize/consent?state=y",
        "https://sellercentral.amazon.co.uk/apps/authorize/consent",
        "http://127.0.0.1:50321/apps/authorize/consent?state=y",
    ):
        assert checked_consent_url(good) == good
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://sellercentral.amazon.nl/apps/authorize/consent",
        "https://sellercentral.amazon.nl@evil.example/",
        "https://user:pw@sellercentral.amazon.nl/",
        "https://sellercentral.amazon.nl.evil.example/",
        "https://evil.example/?sellercentral.amazon.nl",
    ):
        with pytest.raises(UnexpectedConsentPage):
            checked_consent_url(bad)


def test_a_declined_consent_says_it_was_declined(qtbot, tmp_path, sandbox) -> None:
    """The seller said no on Amazon's page (OAuth's access_denied): not "try again later"."""
    from urllib.parse import parse_qs, urlsplit

    ctx = make_context(tmp_path / "data", sandbox)
    amazon_account.set_customer_number(ctx, "08500001")
    url = amazon_account.start_broker_connection(ctx, loopback=False)
    state = parse_qs(urlsplit(url).query)["state"][0]
    page = requests.get(
        sandbox.urls["broker"] + "/amazon/callback",
        params={"state": state, "error": "access_denied"},
        timeout=5,
    )
    assert "did not give ShipDesk access" in page.text
    window = open_window(qtbot, ctx)
    tab = window.connections
    tab._poll.setInterval(200)
    qtbot.waitUntil(lambda: tab.pill.state == "error", timeout=10_000)
    assert "declined" in tab.status_text.text()
