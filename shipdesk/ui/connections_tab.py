"""The Connections tab: the Amazon seller account (and, with the carrier issue, DHL/GLS)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shipdesk.amazon.errors import AmazonError
from shipdesk.amazon.lwa import LwaCredentials
from shipdesk.domain.marketplaces import EU_MARKETPLACES
from shipdesk.keychain import KeychainUnavailable
from shipdesk.services import amazon_account
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner
from shipdesk.ui import texts
from shipdesk.ui.widgets import StatusPill, hint_label


class ConnectionsTab(QWidget):
    connection_changed = Signal()

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self._build()
        self.reload()

    def _build(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._amazon_group())
        layout.addWidget(self._own_app_group())
        layout.addWidget(self._carrier_group())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _amazon_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Amazon seller account"))
        layout = QVBoxLayout(group)
        row = QHBoxLayout()
        self.pill = StatusPill()
        row.addWidget(QLabel(self.tr("Status:")))
        row.addWidget(self.pill)
        row.addStretch(1)
        layout.addLayout(row)
        self.status_text = QLabel()
        self.status_text.setObjectName("amazonStatusText")
        self.status_text.setWordWrap(True)
        self.status_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_text)
        layout.addWidget(QLabel(self.tr("Marketplaces to import orders from:")))
        grid = QGridLayout()
        self.marketplace_boxes: dict[str, QCheckBox] = {}
        for n, marketplace in enumerate(EU_MARKETPLACES):
            box = QCheckBox(f"{marketplace.name} ({marketplace.country})")
            box.toggled.connect(self._marketplaces_changed)
            self.marketplace_boxes[marketplace.id] = box
            grid.addWidget(box, n // 3, n % 3)
        layout.addLayout(grid)
        self.marketplace_hint = hint_label(
            self.tr("One Amazon authorization covers every EU marketplace you sell in.")
        )
        layout.addWidget(self.marketplace_hint)
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
                    "app's LWA client id and client secret and the refresh token from "
                    "“Authorize”. ShipDesk checks them with Amazon and keeps them in the "
                    "system keychain."
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
        form.addRow(self.tr("LWA client id"), self.client_id)
        form.addRow(self.tr("LWA client secret"), self.client_secret)
        form.addRow(self.tr("Refresh token"), self.refresh_token)
        layout.addLayout(form)
        self.own_app_message = QLabel()
        self.own_app_message.setObjectName("ownAppMessage")
        self.own_app_message.setWordWrap(True)
        layout.addWidget(self.own_app_message)
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
        self.remove_own_app.clicked.connect(self._remove)
        for field in (self.client_id, self.client_secret, self.refresh_token):
            field.textChanged.connect(self._validate_form)
        return group

    def _carrier_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Carrier"))
        layout = QVBoxLayout(group)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Coming with the carrier connection: enter your DHL Parcel NL API key or "
                    "your GLS NL login here, and pick the customer number to link with your "
                    "Amazon account. Until then ShipDesk imports and lists your orders."
                )
            )
        )
        return group

    # -- state --
    def reload(self) -> None:
        status = amazon_account.status(self.ctx)
        self._show_status(status)
        chosen = set(amazon_account.marketplace_ids(self.ctx))
        for marketplace_id, box in self.marketplace_boxes.items():
            box.blockSignals(True)
            box.setChecked(marketplace_id in chosen)
            box.blockSignals(False)
        self.remove_own_app.setEnabled(status.mode == "own_app")
        self._validate_form()

    def _show_status(self, status: amazon_account.ConnectionStatus) -> None:
        if status.state == amazon_account.CONNECTED:
            self.pill.set_state("connected", self.tr("Connected"))
            how = (
                self.tr("Connected with your own SP-API app.")
                if status.mode == "own_app"
                else self.tr("Connected.")
            )
            self.status_text.setText(
                how + " " + self.tr("New orders are imported every few minutes.")
            )
        elif status.state == amazon_account.ERROR:
            self.pill.set_state("error", self.tr("Needs attention"))
            self.status_text.setText(
                texts.amazon_error_text(status.error_code or "", status.message)
            )
        elif status.state == amazon_account.PENDING:
            self.pill.set_state("pending", self.tr("Waiting for Amazon"))
            self.status_text.setText(self.tr("Finish the consent in your browser."))
        else:
            self.pill.set_state("not_connected", self.tr("Not connected"))
            self.status_text.setText(
                self.tr("Connect your Amazon seller account to import orders.")
            )

    def _validate_form(self) -> None:
        client_id = self.client_id.text().strip()
        secret = self.client_secret.text().strip()
        token = self.refresh_token.text().strip()
        problem = ""
        if token and not token.startswith("Atzr|"):
            problem = self.tr("A refresh token starts with “Atzr|”.")
        elif client_id and not client_id.startswith("amzn1.application-oa2-client."):
            problem = self.tr("An LWA client id starts with “amzn1.application-oa2-client.”.")
        self.save_own_app.setEnabled(bool(client_id and secret and token and not problem))
        if problem:
            self._say(problem, error=True)
        elif self.own_app_message.property("kind") == "validation":
            self._say("")

    def _say(self, text: str, *, error: bool = False, kind: str = "validation") -> None:
        self.own_app_message.setProperty("kind", kind)
        self.own_app_message.setStyleSheet("color: #b3261e;" if error else "")
        self.own_app_message.setText(text)

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
        self.marketplace_hint.setText(
            self.tr("One Amazon authorization covers every EU marketplace you sell in.")
        )
        amazon_account.set_marketplace_ids(self.ctx, chosen)

    def _check_and_save(self) -> None:
        credentials = LwaCredentials(
            self.client_id.text().strip(),
            self.client_secret.text().strip(),
            self.refresh_token.text().strip(),
        )
        self.save_own_app.setEnabled(False)
        self._say(self.tr("Checking with Amazon…"), kind="progress")
        job = Job(
            lambda _r, cancel: amazon_account.connect_own_app(self.ctx, credentials, cancel),
            "connect-own-app",
        )
        job.signals.succeeded.connect(self._saved)
        job.signals.failed.connect(self._save_failed)
        job.signals.finished.connect(self._validate_form)
        self.runner.start(job)

    def _saved(self, _result: object) -> None:
        for field in (self.client_id, self.client_secret, self.refresh_token):
            field.clear()
        self._say(
            self.tr("Amazon accepted the credentials. They are in the system keychain."),
            kind="result",
        )
        self.reload()
        self.connection_changed.emit()

    def _save_failed(self, error: Exception) -> None:
        if isinstance(error, AmazonError):
            text = texts.amazon_error_text(error.code, str(error))
        elif isinstance(error, KeychainUnavailable):
            text = texts.amazon_error_text("keychain_unavailable", str(error))
        else:
            text = str(error)
        self._say(self.tr("Not saved. %1").replace("%1", text), error=True, kind="result")

    def _remove(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Remove the Amazon connection?"),
            self.tr(
                "ShipDesk forgets your app's credentials and stops importing orders. Orders "
                "already imported stay."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            amazon_account.disconnect_own_app(self.ctx)
        except KeychainUnavailable as exc:
            self._say(
                texts.amazon_error_text("keychain_unavailable", str(exc)), error=True, kind="result"
            )
            return
        self._say(self.tr("The Amazon connection was removed."), kind="result")
        self.reload()
        self.connection_changed.emit()
