"""One carrier's part of the Connections tab: its login, status pill, the customer number its
labels are made on, and when its tracking numbers go to Amazon.

Made from what the registry says the carrier needs (through the services), so a new carrier
gets its card without code here; its words come from `carrier_texts`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import carrier_account
from shipdesk.services.carrier_account import TrackingRule
from shipdesk.services.context import AppContext
from shipdesk.services.errors import KeychainUnavailable
from shipdesk.services.jobs import JobRunner
from shipdesk.ui import carrier_texts, help_links, texts
from shipdesk.ui.widgets import ERROR_STYLE, HelpLink, StatusPill, confirm, hint_label, text_label


class CarrierCard(QGroupBox):
    changed = Signal()  # connected, removed, or its settings changed
    keychain_missing = Signal(object)  # the KeychainUnavailable error

    def __init__(
        self, ctx: AppContext, runner: JobRunner, key: str, parent: QWidget | None = None
    ) -> None:
        self.spec = carrier_account.spec(key)
        super().__init__(self.tr("Carrier: %1").replace("%1", self.spec.name), parent)
        self.setObjectName(f"carrier_{key}")
        self.ctx = ctx
        self.runner = runner
        self.key = key
        self.busy = False
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Status:")))
        self.pill = StatusPill()
        row.addWidget(self.pill)
        row.addStretch(1)
        layout.addLayout(row)
        self.status_text = text_label(name=f"{key}StatusText")
        self.status_text.setWordWrap(True)
        layout.addWidget(self.status_text)
        layout.addWidget(hint_label(carrier_texts.connect_hint(key)))
        form = QFormLayout()
        self.form_labels: list[QLabel] = []  # widened alike across the cards by the tab
        self.fields: dict[str, QLineEdit] = {}
        self.forget_buttons: dict[str, QPushButton] = {}
        for field in self.spec.credentials:
            edit = QLineEdit()
            edit.setObjectName(f"{key}_{field.key}")
            if field.secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update_buttons)
            self.fields[field.key] = edit
            widget: QWidget = edit
            if field.secret and field.optional:  # once saved, the owner can take it away
                widget = QWidget()
                line = QHBoxLayout(widget)
                line.setContentsMargins(0, 0, 0, 0)
                line.addWidget(edit, 1)
                forget = QPushButton(self.tr("Forget"))
                forget.setObjectName(f"forget_{key}_{field.key}")
                forget.setToolTip(self.tr("Log in again without it, and remove it if that works"))
                forget.clicked.connect(lambda _=False, k=field.key: self._check(forget=(k,)))
                line.addWidget(forget)
                self.forget_buttons[field.key] = forget
            form.addRow(self._form_label(carrier_texts.credential_label(key, field.key)), widget)
        self.account = QComboBox()
        self.account.setObjectName(f"{key}_account")
        self.account_label = self._form_label(self.tr("Labels on customer number"))
        form.addRow(self.account_label, self.account)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.check = QPushButton(self.tr("Check"))
        self.check.setObjectName(f"check_{key}")
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setObjectName(f"remove_{key}")
        buttons.addWidget(self.check)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = text_label(name=f"{key}Message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.message_help = HelpLink(about_message=True)
        layout.addWidget(self.message_help)
        layout.addWidget(self._tracking_box())
        self.check.clicked.connect(self._check_clicked)
        self.remove.clicked.connect(self._remove)
        self.account.currentIndexChanged.connect(self._account_chosen)

    def _form_label(self, text: str) -> QLabel:
        label = QLabel(text)
        self.form_labels.append(label)
        return label

    def label_width(self) -> int:
        return max(label.sizeHint().width() for label in self.form_labels)

    def align_labels(self, width: int) -> None:
        """One label column for every card's forms, so the cards read as one page."""
        for label in self.form_labels:
            label.setMinimumWidth(width)

    def _tracking_box(self) -> QWidget:
        """When this carrier's tracking numbers go to Amazon, and which number."""
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 6, 0, 0)
        # Lists and the minutes at their own width, not stretched across the card.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.tracking_after = QComboBox()
        self.tracking_after.setObjectName(f"{self.key}_trackingAfter")
        self.tracking_after.addItem(self.tr("as soon as the label is made"), "created")
        self.tracking_after.addItem(self.tr("after the label is printed"), "printed")
        self.tracking_number = QComboBox()
        self.tracking_number.setObjectName(f"{self.key}_trackingNumber")
        names = {
            "trackerCode": self.tr("the tracking code"),
            "unitNo": self.tr("the parcel number (unitNo)"),
            "uniqueNo": self.tr("the Track ID (uniqueNo)"),
        }
        for number in self.spec.tracking_numbers:
            self.tracking_number.addItem(names.get(number, number), number)
        self.grace = QSpinBox()
        self.grace.setObjectName(f"{self.key}_grace")
        self.grace.setRange(0, 24 * 60)
        self.grace.setSuffix(self.tr(" min"))
        self.grace.setSpecialValueText(self.tr("none"))
        form.addRow(self._form_label(self.tr("Tracking to Amazon")), self.tracking_after)
        self.number_label = self._form_label(self.tr("Number Amazon gets"))
        form.addRow(self.number_label, self.tracking_number)
        form.addRow(self._form_label(self.tr("Wait before sending")), self.grace)
        if self.spec.end_of_day_confirm:
            form.addRow(self._end_of_day_row())
        several = len(self.spec.tracking_numbers) > 1
        self.tracking_number.setVisible(several)
        self.number_label.setVisible(several)
        for widget in (self.tracking_after, self.tracking_number):
            widget.currentIndexChanged.connect(self._tracking_changed)
        self.grace.editingFinished.connect(self._tracking_changed)
        self.tracking_box = box
        return box

    def _end_of_day_row(self) -> QWidget:
        """Confirming the day's labels to the carrier (off unless the carrier asks for it)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.end_of_day = QCheckBox(
            self.tr("Confirm the day's labels to %1 at").replace("%1", self.spec.short_name)
        )
        self.end_of_day.setObjectName(f"{self.key}_endOfDay")
        self.end_of_day_time = QTimeEdit(QTime(17, 0))
        self.end_of_day_time.setObjectName(f"{self.key}_endOfDayTime")
        self.end_of_day_time.setDisplayFormat("HH:mm")
        row.addWidget(self.end_of_day)
        row.addWidget(self.end_of_day_time)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Only when %1 asks you to: its own shop plugins never do. Once the time has "
                    "passed, ShipDesk confirms the labels made that day (while it is open)."
                ).replace("%1", self.spec.short_name)
            )
        )
        self.end_of_day.toggled.connect(self._end_of_day_changed)
        self.end_of_day_time.editingFinished.connect(self._end_of_day_changed)
        return box

    def _end_of_day_changed(self) -> None:
        on = self.end_of_day.isChecked()
        self.end_of_day_time.setEnabled(on)
        chosen = self.end_of_day_time.time().toPython() if on else None
        assert chosen is None or isinstance(chosen, dt.time)  # PySide6 types it as object
        carrier_account.set_end_of_day(self.ctx, self.key, chosen)

    # -- state --
    def show_status(self, status: carrier_account.CarrierStatus) -> None:
        connected = status.state != carrier_account.NOT_CONNECTED
        if not connected:
            self.pill.set_state("not_connected", self.tr("Not connected"))
            self.status_text.setText(
                self.tr("Enter the login and click “Check” to choose your customer number.")
            )
        elif status.state == carrier_account.ERROR:
            self.pill.set_state("error", self.tr("Needs attention"))
            self.status_text.setText(carrier_texts.auth_refused_text(self.key))
        else:
            self.pill.set_state("connected", self.tr("Connected"))
            self.status_text.setText(
                self.tr("Connected. Customer numbers on this account: %1.").replace(
                    "%1", ", ".join(status.account_numbers)
                )
            )
        self.account.blockSignals(True)
        self.account.clear()
        for number in status.account_numbers:
            self.account.addItem(number, number)
        self.account.setCurrentIndex(max(self.account.findData(status.account_number), 0))
        self.account.blockSignals(False)
        several = len(status.account_numbers) > 1
        self.account.setVisible(several)
        self.account_label.setVisible(several)
        # The secrets are in the keychain, never shown: say so, or empty fields look like a loss.
        saved = self.tr("Saved in the system keychain; type a new one to replace it")
        for field in self.spec.credentials:
            edit = self.fields[field.key]
            kept = connected and field.key in status.secrets_saved
            edit.setPlaceholderText(
                saved if kept else carrier_texts.credential_placeholder(self.key, field.key)
            )
            if field.key in self.forget_buttons:
                self.forget_buttons[field.key].setVisible(kept)
                self.forget_buttons[field.key].setEnabled(not self.busy)
            if connected and not field.secret and not edit.text():
                edit.setText(status.identity.get(field.key, ""))
        self.remove.setEnabled(connected and not self.busy)
        self.tracking_box.setVisible(connected)
        rule = carrier_account.tracking_rule(self.ctx, self.key)
        for combo, value in (
            (self.tracking_after, rule.after),
            (self.tracking_number, rule.number),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.grace.blockSignals(True)
        self.grace.setValue(rule.grace_minutes)
        self.grace.blockSignals(False)
        if self.spec.end_of_day_confirm:
            when = carrier_account.end_of_day(self.ctx, self.key)
            for widget in (self.end_of_day, self.end_of_day_time):
                widget.blockSignals(True)
            self.end_of_day.setChecked(when is not None)
            if when is not None:
                self.end_of_day_time.setTime(QTime(when.hour, when.minute))
            self.end_of_day_time.setEnabled(when is not None)
            for widget in (self.end_of_day, self.end_of_day_time):
                widget.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Connected, a secret left empty keeps the stored one.
        connected = self.pill.state in ("connected", "error")
        ready = all(
            self.fields[f.key].text().strip()
            for f in self.spec.credentials
            if not f.optional and not (connected and f.secret)
        )
        self.check.setEnabled(ready and not self.busy)

    def say(self, text: str, *, error: bool = False, section: str = "") -> None:
        """`section`: the manual's part that says what to do about it."""
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message_help.point_at(section)

    # -- actions --
    def _check_clicked(self) -> None:
        self._check()

    def _check(self, forget: tuple[str, ...] = ()) -> None:
        values = {key: field.text().strip() for key, field in self.fields.items()}
        for key in forget:
            values[key] = ""
        self.say(self.tr("Logging in at %1…").replace("%1", self.spec.short_name))
        self.busy = True
        self._update_buttons()
        self.runner.run(
            lambda _r, cancel: carrier_account.connect(
                self.ctx, self.key, values, cancel, keep_stored=True, forget=forget
            ),
            f"connect-{self.key}",
            succeeded=self._connected,
            failed=self._failed,
            finished=self._finished,
        )

    def _connected(self, accounts: tuple[str, ...]) -> None:
        for field in self.spec.credentials:
            if field.secret:
                self.fields[field.key].clear()
        text = (
            self.tr("%1 accepted the login. Choose the customer number to make labels on.")
            if len(accounts) > 1
            else self.tr("%1 accepted the login.")
        )
        self.say(text.replace("%1", self.spec.short_name))
        self.changed.emit()

    def _failed(self, error: Exception) -> None:
        self.say(
            self.tr("Not saved. %1").replace("%1", texts.error_text(error)),
            error=True,
            section=help_links.section_for_error(error),
        )
        if isinstance(error, KeychainUnavailable):
            self.keychain_missing.emit(error)

    def _finished(self) -> None:
        self.busy = False
        self.show_status(carrier_account.status(self.ctx, self.key))

    def _remove(self) -> None:
        if not confirm(
            self,
            self.tr("Remove the %1 connection?").replace("%1", self.spec.short_name),
            self.tr(
                "ShipDesk forgets the login and makes no new labels with this carrier until it "
                "is connected again. Labels already made stay."
            ),
            self.tr("Remove"),
        ):
            return
        try:
            carrier_account.disconnect(self.ctx, self.key)
        except KeychainUnavailable as exc:
            self.say(texts.error_text(exc), error=True, section=help_links.section_for_error(exc))
            return
        self.say(self.tr("The %1 connection was removed.").replace("%1", self.spec.short_name))
        self.show_status(carrier_account.status(self.ctx, self.key))
        self.changed.emit()

    def _account_chosen(self) -> None:
        number = self.account.currentData()
        if number:
            carrier_account.set_account_number(self.ctx, self.key, number)
            self.changed.emit()

    def _tracking_changed(self) -> None:
        carrier_account.set_tracking_rule(
            self.ctx,
            self.key,
            TrackingRule(
                self.tracking_after.currentData(),
                self.tracking_number.currentData(),
                self.grace.value(),
            ),
        )
