"""The Connections tab: the carriers (a card each) and the Amazon seller account.

The Amazon flow of the seeds: choose the customer number, "Connect with Amazon" (the consent
page opens in the browser), the pill shows *pending*, "Confirm connection" (also checked every
few seconds by itself), the pill shows *connected*. Network calls run as background jobs.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import amazon_account, carrier_account
from shipdesk.services.amazon_account import EU_MARKETPLACES, LwaCredentials
from shipdesk.services.context import AppContext, session_only_secrets, use_session_only_secrets
from shipdesk.services.errors import KeychainUnavailable
from shipdesk.services.jobs import JobRunner
from shipdesk.ui import help_links, texts
from shipdesk.ui.carrier_card import CarrierCard
from shipdesk.ui.widgets import (
    ERROR_STYLE,
    HelpLink,
    StatusPill,
    ToggleSwitch,
    confirm,
    hint_label,
    scrolling,
    settings_help,
    text_label,
)

POLL_MS = 3_000  # while pending, ask the broker this often


class ConnectionsTab(QWidget):
    connection_changed = Signal()
    carrier_changed = Signal()

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self._busy = False
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._poll_pending)
        self._build()
        self.reload()

    # -- layout --
    def _build(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        self.keychain_notice = QLabel(
            self.tr(
                "No system keychain: secrets are kept in memory for this session only. After "
                "restarting ShipDesk, connect Amazon again."
            )
        )
        self.keychain_notice.setObjectName("keychainNotice")
        self.keychain_notice.setWordWrap(True)
        self.keychain_notice.setStyleSheet(
            "background: #fff3cd; color: #5c3c00; padding: 8px; border-radius: 6px;"
        )
        self.keychain_notice.setVisible(False)
        layout.addWidget(self.keychain_notice)
        # The seeds' order: the carrier gives the customer number, which is linked to Amazon.
        for card in self._carrier_cards():
            layout.addWidget(card)
        layout.addWidget(self._amazon_group())
        layout.addWidget(self._own_app_group())
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        settings_help(content)
        outer.addWidget(scrolling(content))

    def _amazon_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Amazon seller account"))
        group.setObjectName("amazonGroup")
        layout = QVBoxLayout(group)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Status:")))
        self.pill = StatusPill()
        row.addWidget(self.pill)
        row.addStretch(1)
        layout.addLayout(row)
        self.status_text = text_label()
        self.status_text.setObjectName("amazonStatusText")
        self.status_text.setWordWrap(True)
        self.status_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_text)
        self.status_help = HelpLink(about_message=True)
        layout.addWidget(self.status_help)

        form = QFormLayout()
        self.customer_number = QLineEdit()
        self.customer_number.setObjectName("customerNumber")
        self.customer_number.setMaxLength(12)
        self.customer_number.setPlaceholderText(self.tr("e.g. 08500001"))
        self.customer_number.setMaximumWidth(200)
        self.customer_picker = QComboBox()
        self.customer_picker.setObjectName("customerPicker")
        self.customer_picker.setMinimumWidth(200)
        number_row = QHBoxLayout()
        number_row.addWidget(self.customer_number)
        number_row.addWidget(self.customer_picker)
        number_row.addStretch(1)
        form.addRow(self.tr("Customer number to link"), number_row)
        layout.addLayout(form)
        self.customer_hint = hint_label(
            self.tr(
                "Your carrier customer number. Labels for Amazon orders are made on this contract."
            )
        )
        layout.addWidget(self.customer_hint)

        buttons = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect with Amazon"))
        self.connect_button.setObjectName("connectAmazon")
        self.other_device_button = QPushButton(self.tr("Use another device…"))
        self.other_device_button.setObjectName("connectAmazonElsewhere")
        self.other_device_button.setToolTip(
            self.tr(
                "Open Amazon's page on a phone or another computer; it then shows a code to "
                "type here."
            )
        )
        self.confirm_button = QPushButton(self.tr("Confirm connection"))
        self.confirm_button.setObjectName("confirmAmazon")
        self.disconnect_button = QPushButton(self.tr("Disconnect"))
        self.disconnect_button.setObjectName("disconnectAmazon")
        for button in (
            self.connect_button,
            self.other_device_button,
            self.confirm_button,
            self.disconnect_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.consent_link = QLabel()
        self.consent_link.setObjectName("consentLink")
        self.consent_link.setWordWrap(True)
        self.consent_link.setOpenExternalLinks(True)
        self.consent_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.action_message = text_label()
        self.action_message.setObjectName("amazonMessage")
        self.action_message.setWordWrap(True)
        layout.addWidget(self.action_message)
        self.action_help = HelpLink(about_message=True)
        layout.addWidget(self.action_help)
        layout.addWidget(self.consent_link)  # after "the page opened in your browser"
        self.action_message.setVisible(False)

        layout.addSpacing(8)
        self.drafts_switch = ToggleSwitch(self.tr("Make a draft label for every Amazon order"))
        self.drafts_switch.setObjectName("draftsSwitch")
        self.tracking_switch = ToggleSwitch(self.tr("Send track & trace to Amazon automatically"))
        self.tracking_switch.setObjectName("trackingSwitch")
        layout.addWidget(self.drafts_switch)
        layout.addWidget(self.tracking_switch)

        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Marketplaces to import orders from:")))
        grid = QGridLayout()
        self.marketplace_boxes: dict[str, QCheckBox] = {}
        for n, marketplace in enumerate(EU_MARKETPLACES):
            box = QCheckBox(f"{marketplace.name} ({marketplace.country})")
            box.toggled.connect(self._marketplaces_changed)
            self.marketplace_boxes[marketplace.id] = box
            grid.addWidget(box, n // 3, n % 3)
        layout.addLayout(grid)
        self.marketplace_hint = hint_label("")
        layout.addWidget(self.marketplace_hint)

        self.customer_number.textChanged.connect(self._update_buttons)
        self.customer_number.editingFinished.connect(self._save_customer_number)
        self.customer_picker.currentIndexChanged.connect(self._customer_picked)
        self.connect_button.clicked.connect(self._connect)
        self.other_device_button.clicked.connect(self._connect_elsewhere)
        self.confirm_button.clicked.connect(self._confirm)
        self.disconnect_button.clicked.connect(self._disconnect)
        self.drafts_switch.toggled.connect(self._switches_changed)
        self.tracking_switch.toggled.connect(self._switches_changed)
        return group

    def _own_app_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Advanced: use my own SP-API app"))
        group.setObjectName("ownAppGroup")
        layout = QVBoxLayout(group)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Only for sellers who registered their own private app in Seller Central "
                    "(Apps and Services → Develop Apps) and authorized it themselves. Enter the "
                    "app's LWA client ID and client secret and the refresh token from "
                    "“Authorize”. ShipDesk checks them with Amazon and keeps them in the "
                    "system keychain. Everyone else: use “Connect with Amazon” above."
                )
            )
        )
        form = QFormLayout()
        self.client_id = QLineEdit()
        self.client_id.setObjectName("lwaClientId")
        self.client_id.setPlaceholderText("amzn1.application-oa2-client.…")
        self.client_secret = QLineEdit()
        self.client_secret.setObjectName("lwaClientSecret")
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.refresh_token = QLineEdit()
        self.refresh_token.setObjectName("lwaRefreshToken")
        self.refresh_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.refresh_token.setPlaceholderText("Atzr|…")
        form.addRow(self.tr("LWA client ID"), self.client_id)
        form.addRow(self.tr("LWA client secret"), self.client_secret)
        form.addRow(self.tr("Refresh token"), self.refresh_token)
        layout.addLayout(form)
        self.own_app_message = text_label()
        self.own_app_message.setObjectName("ownAppMessage")
        self.own_app_message.setWordWrap(True)
        layout.addWidget(self.own_app_message)
        self.own_app_message.setVisible(False)
        self.own_app_help = HelpLink(about_message=True)
        layout.addWidget(self.own_app_help)
        buttons = QHBoxLayout()
        self.save_own_app = QPushButton(self.tr("Check and save"))
        self.save_own_app.setObjectName("saveOwnApp")
        self.remove_own_app = QPushButton(self.tr("Remove"))
        self.remove_own_app.setObjectName("removeOwnApp")
        buttons.addWidget(self.save_own_app)
        buttons.addWidget(self.remove_own_app)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.save_own_app.clicked.connect(self._check_and_save)
        self.remove_own_app.clicked.connect(self._remove_own_app)
        for field in (self.client_id, self.client_secret, self.refresh_token):
            field.textChanged.connect(self._validate_form)
        return group

    def _carrier_cards(self) -> list[CarrierCard]:
        cards = []
        for key in carrier_account.CARRIERS:
            card = CarrierCard(self.ctx, self.runner, key)
            card.changed.connect(self._carrier_card_changed)
            card.keychain_missing.connect(self._offer_session_secrets)
            cards.append(card)
        self.cards = {card.key: card for card in cards}
        width = max(card.label_width() for card in cards)
        for card in cards:
            card.align_labels(width)
        return cards

    def _carrier_card_changed(self) -> None:
        self.reload()
        self.carrier_changed.emit()

    # -- state --
    def reload(self) -> None:
        status = amazon_account.status(self.ctx)
        linked = amazon_account.customer_number(self.ctx)
        self.customer_number.blockSignals(True)
        self.customer_number.setText(linked)
        self.customer_number.blockSignals(False)
        # The carriers first: which customer-number field shows decides the Amazon hint.
        self._show_carriers(linked)
        self._show_status(status)
        drafts, tracking = amazon_account.switches(self.ctx)
        for switch, value in ((self.drafts_switch, drafts), (self.tracking_switch, tracking)):
            switch.blockSignals(True)
            switch.setChecked(value)
            switch.blockSignals(False)
        chosen = set(amazon_account.marketplace_ids(self.ctx))
        for marketplace_id, box in self.marketplace_boxes.items():
            box.blockSignals(True)
            box.setChecked(marketplace_id in chosen)
            box.blockSignals(False)
        self._show_marketplace_hint(status)
        url = amazon_account.pending_consent_url(self.ctx)
        if status.state == amazon_account.PENDING and url and self._typed_code:
            # To be opened elsewhere: the address itself, to copy or type.
            self.consent_link.setText(
                self.tr("Open this address on the other device:<br><b>%1</b>").replace(
                    "%1", html.escape(url)
                )
            )
        elif status.state == amazon_account.PENDING and url:
            self.consent_link.setText(
                self.tr('The Amazon page did not open? <a href="%1">Open it here</a>.').replace(
                    "%1", html.escape(url, quote=True)
                )
            )
        else:
            self.consent_link.clear()
        self.consent_link.setVisible(bool(self.consent_link.text()))
        self.keychain_notice.setVisible(session_only_secrets())
        self.remove_own_app.setEnabled(status.mode == "own_app")
        if status.state == amazon_account.PENDING:
            if not self._poll.isActive():
                self._poll.start()
        else:
            self._poll.stop()
        self._update_buttons()
        self._validate_form()

    def _show_status(self, status: amazon_account.ConnectionStatus) -> None:
        self.status = status
        self.status_help.point_at("")
        if status.state == amazon_account.CONNECTED:
            self.pill.set_state("connected", self.tr("Connected"))
            if status.mode == "own_app":
                how = self.tr("Connected with your own SP-API app.")
            else:
                how = self.tr("Connected to Amazon seller account %1.").replace(
                    "%1", status.selling_partner_id or "?"
                )
            self.status_text.setText(
                how + " " + self.tr("New orders are imported every few minutes.")
            )
        elif status.state == amazon_account.ERROR:
            self.pill.set_state("error", self.tr("Needs attention"))
            self.status_text.setText(
                texts.connection_error_text(status.error_code or "", status.message)
            )
            code = status.error_code or ""
            self.status_help.point_at(help_links.section_for("connection_error_text", code))
        elif status.state == amazon_account.PENDING:
            self.pill.set_state("pending", self.tr("Waiting for Amazon"))
            self.status_text.setText(
                self.tr(
                    "Sign in to Seller Central and confirm. Amazon's page then shows a code: "
                    "click “Confirm connection” and type it."
                )
                if self._typed_code
                else self.tr(
                    "Sign in to Seller Central in your browser and confirm. ShipDesk completes "
                    "the connection by itself; keep it open until then."
                )
            )
        else:
            self.pill.set_state("not_connected", self.tr("Not connected"))
            self.status_text.setText(
                self.tr("Choose your customer number, then click “Connect with Amazon”.")
                if self.customer_picker.isVisibleTo(self)
                else self.tr("Enter your customer number, then click “Connect with Amazon”.")
            )

    def _show_carriers(self, linked: str) -> None:
        statuses = carrier_account.statuses(self.ctx)
        accounts = [n for status in statuses for n in status.account_numbers]
        picking = bool(accounts)
        self.customer_number.setVisible(not picking)
        self.customer_picker.setVisible(picking)
        self.customer_picker.blockSignals(True)
        self.customer_picker.clear()
        for status in statuses:
            for number in status.account_numbers:
                self.customer_picker.addItem(f"{number} ({status.name})", number)
        self.customer_picker.setCurrentIndex(max(self.customer_picker.findData(linked), 0))
        self.customer_picker.blockSignals(False)
        for status in statuses:
            self.cards[status.carrier].show_status(status)

    def _customer_picked(self) -> None:
        number = self.customer_picker.currentData()
        if number:
            amazon_account.set_customer_number(self.ctx, number)
            self.customer_number.setText(number)
            self._update_buttons()

    def _show_marketplace_hint(self, status: amazon_account.ConnectionStatus) -> None:
        if status.seller_marketplaces:
            names = [m.name for m in EU_MARKETPLACES if m.id in status.seller_marketplaces]
            self.marketplace_hint.setText(
                self.tr("Your seller account sells on: %1.").replace("%1", ", ".join(names))
            )
        else:
            self.marketplace_hint.setText(
                self.tr("One Amazon authorization covers every European marketplace you sell in.")
            )

    def _update_buttons(self) -> None:
        state = self.status.state
        number_ok = amazon_account.valid_customer_number(self.customer_number.text())
        self.connect_button.setEnabled(not self._busy and number_ok)
        self.connect_button.setVisible(state != amazon_account.CONNECTED)
        self.connect_button.setText(
            self.tr("Connect again")
            if state == amazon_account.ERROR
            else self.tr("Connect with Amazon")
        )
        self.other_device_button.setEnabled(not self._busy and number_ok)
        self.other_device_button.setVisible(state != amazon_account.CONNECTED)
        # The code is typed only when Amazon's page shows one (another device).
        self.confirm_button.setVisible(state == amazon_account.PENDING and self._typed_code)
        self.confirm_button.setEnabled(not self._busy)
        self.disconnect_button.setEnabled(
            not self._busy and self.status.mode is not None and state != amazon_account.PENDING
        )
        text = self.customer_number.text().strip()
        if text and not number_ok:
            self.customer_hint.setStyleSheet(ERROR_STYLE)
            self.customer_hint.setText(self.tr("A customer number has 4 to 12 digits."))
        else:
            self.customer_hint.setStyleSheet("color: palette(placeholder-text);")
            self.customer_hint.setText(
                self.tr(
                    "Your carrier customer number. Labels for Amazon orders are made on this "
                    "contract."
                )
            )

    def _say(self, text: str, *, error: bool = False, section: str = "") -> None:
        """`section`: the manual's part that says what to do about it."""
        self.action_message.setStyleSheet(ERROR_STYLE if error else "")
        self.action_message.setText(text)
        self.action_message.setVisible(bool(text))
        self.action_help.point_at(section)

    def _run(self, name: str, fn, on_success) -> None:
        """Run a connection step in the background; one at a time."""
        self._busy = True
        self._update_buttons()
        self.runner.run(
            lambda _report, cancel: fn(cancel),
            name,
            succeeded=on_success,
            failed=self._step_failed,
            finished=self._step_finished,
        )

    def _step_failed(self, error: Exception) -> None:
        self._say(texts.error_text(error), error=True, section=help_links.section_for_error(error))
        if isinstance(error, KeychainUnavailable):
            self._offer_session_secrets(error)

    def _step_finished(self) -> None:
        self._busy = False
        self.reload()

    # -- Amazon actions --
    def _save_customer_number(self) -> None:
        number = self.customer_number.text().strip()
        if amazon_account.valid_customer_number(number):
            amazon_account.set_customer_number(self.ctx, number)

    @property
    def _typed_code(self) -> bool:
        return amazon_account.awaits_typed_code(self.ctx)

    def _connect(self) -> None:
        self._save_customer_number()
        self._say(self.tr("Asking Amazon for the consent page…"))
        self._run(
            "connect-amazon",
            lambda cancel: amazon_account.start_broker_connection(self.ctx, cancel),
            self._consent_ready,
        )

    def _connect_elsewhere(self) -> None:
        self._save_customer_number()
        self._say(self.tr("Asking Amazon for the consent page…"))
        self._run(
            "connect-amazon-elsewhere",
            lambda cancel: amazon_account.start_broker_connection(self.ctx, cancel, loopback=False),
            self._consent_elsewhere,
        )

    def _consent_elsewhere(self, _url: str) -> None:
        self._say(
            self.tr(
                "Open the address below on the other device, sign in to Seller Central and "
                "confirm. Then click “Confirm connection” here and type the code Amazon's page "
                "shows."
            )
        )
        self.connection_changed.emit()

    def _consent_ready(self, url: str) -> None:
        opened = QDesktopServices.openUrl(QUrl(url))
        if opened:
            self._say(self.tr("The Amazon consent page opened in your browser."))
        else:
            self._say(self.tr("Open the Amazon consent page with the link below."), error=True)
        self.connection_changed.emit()

    def _confirm(self) -> None:
        """The seed's “Verbinding bevestigen”: the code Amazon's page showed, typed here."""
        code, ok = QInputDialog.getText(
            self,
            self.tr("Confirm connection"),
            self.tr(
                "Type the code Amazon's page showed after you confirmed (like ABCD-EFGH).\n"
                "Only type it here, in ShipDesk on your own computer."
            ),
        )
        if not ok or not code.strip():
            return
        self._say(self.tr("Checking with Amazon…"))
        self._run(
            "confirm-amazon",
            lambda cancel: amazon_account.complete_broker_connection(self.ctx, code, cancel),
            self._confirmed,
        )

    def _poll_pending(self) -> None:
        if not self._busy:
            self._run(
                "poll-amazon",
                lambda cancel: amazon_account.confirm_broker_connection(self.ctx, cancel),
                self._confirmed,
            )

    def _confirmed(self, status: amazon_account.ConnectionStatus) -> None:
        if status.state == amazon_account.CONNECTED:
            self._say(self.tr("Amazon confirmed the connection."))
            self.connection_changed.emit()
        elif status.state == amazon_account.PENDING:
            self._say(self.tr("Amazon has not confirmed yet. Finish the consent in your browser."))
        else:
            self._say("")
            self.connection_changed.emit()

    def _disconnect(self) -> None:
        if not confirm(
            self,
            self.tr("Disconnect Amazon?"),
            self.tr(
                "ShipDesk stops importing orders and sending tracking numbers to Amazon, and "
                "its access to your seller account is removed. Orders already imported stay."
            ),
            self.tr("Disconnect"),
        ):
            return
        self._run(
            "disconnect-amazon",
            lambda cancel: amazon_account.disconnect(self.ctx, cancel),
            self._disconnected,
        )

    def _disconnected(self, _result: object) -> None:
        self._say(
            self.tr(
                "Amazon is disconnected. Orders already imported stay. To remove ShipDesk's "
                "access at Amazon too: Seller Central → Apps and Services → Manage Your Apps."
            )
        )
        self.connection_changed.emit()

    def _switches_changed(self) -> None:
        amazon_account.set_switches(
            self.ctx,
            drafts=self.drafts_switch.isChecked(),
            tracking=self.tracking_switch.isChecked(),
        )

    def _marketplaces_changed(self) -> None:
        chosen = [m for m, box in self.marketplace_boxes.items() if box.isChecked()]
        if not chosen:
            # At least one marketplace: re-tick the one just cleared.
            sender = self.sender()
            if isinstance(sender, QCheckBox):
                sender.blockSignals(True)
                sender.setChecked(True)
                sender.blockSignals(False)
            self.marketplace_hint.setText(self.tr("Choose at least one marketplace."))
            return
        amazon_account.set_marketplace_ids(self.ctx, chosen)
        self._show_marketplace_hint(amazon_account.status(self.ctx))

    def _offer_session_secrets(self, error: KeychainUnavailable) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("No system keychain"),
            self.tr(
                "ShipDesk keeps connection secrets only in the system keychain, and none can be "
                "used on this computer:\n\n%1\n\nYou can keep the secrets in memory for this "
                "session only: nothing is written to disk, and after restarting ShipDesk you "
                "connect again."
            ).replace("%1", str(error)),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Ok:
            use_session_only_secrets()
            self._say(self.tr("Secrets are kept in memory for this session. Try again now."))

    # -- own-app mode --
    def _validate_form(self) -> None:
        client_id = self.client_id.text().strip()
        secret = self.client_secret.text().strip()
        token = self.refresh_token.text().strip()
        problem = ""
        if token and not token.startswith("Atzr|"):
            problem = self.tr("A refresh token starts with “Atzr|”.")
        elif client_id and not client_id.startswith("amzn1.application-oa2-client."):
            problem = self.tr("An LWA client ID starts with “amzn1.application-oa2-client.”.")
        self.save_own_app.setEnabled(
            bool(client_id and secret and token and not problem) and not self._busy
        )
        if problem:
            self._say_own_app(problem, error=True)
        elif self.own_app_message.property("kind") == "validation":
            self._say_own_app("")

    def _say_own_app(
        self, text: str, *, error: bool = False, kind: str = "validation", section: str = ""
    ) -> None:
        self.own_app_message.setProperty("kind", kind)
        self.own_app_message.setStyleSheet(ERROR_STYLE if error else "")
        self.own_app_message.setText(text)
        self.own_app_message.setVisible(bool(text))
        self.own_app_help.point_at(section)

    def _check_and_save(self) -> None:
        credentials = LwaCredentials(
            self.client_id.text().strip(),
            self.client_secret.text().strip(),
            self.refresh_token.text().strip(),
        )
        self._say_own_app(self.tr("Checking with Amazon…"), kind="progress")
        self._busy = True
        self.save_own_app.setEnabled(False)
        self.runner.run(
            lambda _r, cancel: amazon_account.connect_own_app(self.ctx, credentials, cancel),
            "connect-own-app",
            succeeded=self._own_app_saved,
            failed=self._own_app_failed,
            finished=self._step_finished,
        )

    def _own_app_saved(self, _result: object) -> None:
        for field in (self.client_id, self.client_secret, self.refresh_token):
            field.clear()
        self._say_own_app(
            self.tr("Amazon accepted the credentials. They are in the system keychain."),
            kind="result",
        )
        self.connection_changed.emit()

    def _own_app_failed(self, error: Exception) -> None:
        self._say_own_app(
            self.tr("Not saved. %1").replace("%1", texts.error_text(error)),
            error=True,
            kind="result",
            section=help_links.section_for_error(error),
        )
        if isinstance(error, KeychainUnavailable):
            self._offer_session_secrets(error)

    def _remove_own_app(self) -> None:
        if not confirm(
            self,
            self.tr("Remove your own app's credentials?"),
            self.tr(
                "ShipDesk forgets your app's credentials and, if they are in use, stops "
                "importing orders. Orders already imported stay."
            ),
            self.tr("Remove"),
        ):
            return
        try:
            amazon_account.disconnect_own_app(self.ctx)
        except KeychainUnavailable as exc:
            section = help_links.section_for_error(exc)
            self._say_own_app(texts.error_text(exc), error=True, kind="result", section=section)
            return
        self._say_own_app(self.tr("Your app's credentials were removed."), kind="result")
        self.reload()
        self.connection_changed.emit()
