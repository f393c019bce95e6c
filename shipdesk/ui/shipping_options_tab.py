"""The Shipping Options tab: the six numbered settings every draft label is made from.

What can be chosen comes from the carrier's capabilities (fetched in the background, cached);
the settings are checked before saving, and apply to drafts made after the save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import carrier_account, shipping_settings
from shipdesk.services.amazon_account import EU_MARKETPLACES
from shipdesk.services.context import AppContext
from shipdesk.services.drafts import make_drafts
from shipdesk.services.jobs import JobRunner
from shipdesk.services.shipping_settings import (
    BUSINESS,
    CONSUMER,
    WEEKDAYS,
    Capability,
    DayWindow,
    SenderAddress,
    ShippingSettings,
    settings_problems,
)
from shipdesk.ui import carrier_texts, texts
from shipdesk.ui.widgets import (
    ERROR_STYLE,
    INVALID_FIELD_STYLE,
    DecimalSpinBox,
    ToggleSwitch,
    confirm,
    dialog_help,
    hint_label,
    mark_invalid,
    scrolling,
    settings_help,
    text_label,
)


def numbered_group(number: int, title: str) -> QGroupBox:
    group = QGroupBox(f"{number}. {title}")
    group.setObjectName(f"setting{number}")
    return group


class AddressDialog(QDialog):
    """Add or edit a sender address; refuses to close while something required is missing."""

    FIELDS = (
        ("company_name", "Company"),
        ("name", "Contact name"),
        ("street", "Street"),
        ("number", "House number"),
        ("addition", "Addition"),
        ("postal_code", "Postcode"),
        ("city", "City"),
        ("country_code", "Country code"),
        ("email", "E-mail"),
        ("phone", "Phone"),
    )

    def __init__(
        self,
        address: SenderAddress | None,
        parent: QWidget | None = None,
        ctx: AppContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx  # to check the carriers' field lengths
        self.setWindowTitle(self.tr("Sender address"))
        self.setMinimumWidth(480)  # room for a street name and the reason a field is refused
        self.address_id = address.id if address else None
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        labels = {
            "company_name": self.tr("Company"),
            "name": self.tr("Contact name"),
            "street": self.tr("Street"),
            "number": self.tr("House number"),
            "addition": self.tr("Addition"),
            "postal_code": self.tr("Postcode"),
            "city": self.tr("City"),
            "country_code": self.tr("Country code"),
            "email": self.tr("E-mail"),
            "phone": self.tr("Phone"),
        }
        self.setStyleSheet(INVALID_FIELD_STYLE)
        for key, _ in self.FIELDS:
            field = QLineEdit(getattr(address, key, "") if address else "")
            field.setObjectName(key)
            # Typing in a field marked red takes the mark away until Save checks again.
            field.textEdited.connect(lambda _t, f=field: mark_invalid(f, False))
            self.fields[key] = field
            form.addRow(labels[key], field)
        if not address:
            self.fields["country_code"].setText("NL")
        self.fields["country_code"].setMaxLength(2)
        self.problem = text_label()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_help(self, buttons)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> SenderAddress:
        values = {key: field.text().strip() for key, field in self.fields.items()}
        return shipping_settings.normalised(SenderAddress(id=self.address_id, **values))

    def _accept(self) -> None:
        value = self.value()
        refused = (
            shipping_settings.address_problems(self.ctx, value)
            if self.ctx is not None
            else shipping_settings.AddressRefused(value.problems(), [], value.invalid())
        )
        if refused is not None and (refused.missing or refused.too_long or refused.invalid):
            lines = []
            if refused.missing:
                names = [
                    self.tr("company or contact name") if p == "name" else texts.field_name(p)
                    for p in refused.missing
                ]
                lines.append(self.tr("Please fill in: %1").replace("%1", ", ".join(names)))
            lines += [
                texts.notice_text("too_long", field, str(limit))
                for field, limit in refused.too_long
            ]
            lines += [
                texts.address_invalid_text(field, reason) for field, reason in refused.invalid
            ]
            self.problem.setText("\n".join(lines))
            marked = {
                *refused.missing,
                *(f for f, _ in refused.too_long),
                *(f for f, _ in refused.invalid),
            }
            if "name" in marked:
                marked |= {"company_name"}
            if "number_digits" in marked:
                marked.add("number")
            for key, field in self.fields.items():
                mark_invalid(field, key in marked)
            return
        self.accept()


class DayRow:
    """One weekday of DHL Vandaag: on/off, and an optional window."""

    def __init__(self, tab: QWidget, index: int, grid: QGridLayout) -> None:
        self.switch = ToggleSwitch(texts.weekday_name(index))
        self.switch.setObjectName(f"sameDay_{WEEKDAYS[index]}")
        self.custom = QCheckBox(QCoreApplication.translate("DayRow", "Only between"))
        self.custom.setObjectName(f"sameDayWindow_{WEEKDAYS[index]}")
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.start.setTime(QTime(0, 0))
        self.end.setTime(QTime(14, 0))
        grid.addWidget(self.switch, index, 0)
        grid.addWidget(self.custom, index, 1)
        grid.addWidget(self.start, index, 2)
        grid.addWidget(QLabel(QCoreApplication.translate("DayRow", "and")), index, 3)
        grid.addWidget(self.end, index, 4)
        self.switch.toggled.connect(self._enable)
        self.custom.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        on = self.switch.isChecked()
        self.custom.setEnabled(on)
        for edit in (self.start, self.end):
            edit.setEnabled(on and self.custom.isChecked())

    def set(self, day: DayWindow) -> None:
        self.switch.setChecked(day.enabled)
        self.custom.setChecked(day.start is not None)
        if day.start is not None:
            self.start.setTime(QTime(day.start.hour, day.start.minute))
        if day.end is not None:
            self.end.setTime(QTime(day.end.hour, day.end.minute))
        self._enable()

    def value(self) -> DayWindow:
        if not self.custom.isChecked():
            return DayWindow(self.switch.isChecked())
        start, end = self.start.time(), self.end.time()
        return DayWindow(
            self.switch.isChecked(),
            dt.time(start.hour(), start.minute()),
            dt.time(end.hour(), end.minute()),
        )


class ServiceList(QWidget):
    """Checkboxes for the carrier's services, with an amount field where one is needed."""

    changed = Signal()

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(4, 1)
        self.grid.setColumnMinimumWidth(1, 120)
        self.grid.setHorizontalSpacing(16)
        self.boxes: dict[str, QCheckBox] = {}
        self.inputs: dict[str, QLineEdit] = {}
        # What the owner ticked, also while a narrower recipient type hides some of it: it
        # comes back ticked when the choice widens again.
        self.wanted: dict[str, None] = {}
        self.left_out = QLabel()
        self.left_out.setObjectName(f"{prefix}_leftOut")
        self.left_out.setTextFormat(Qt.TextFormat.PlainText)
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #8a5300;")

    def fill(self, capabilities: list[Capability], not_choosable: frozenset[str]) -> None:
        """The services to tick (the carrier's, less those it fills in itself or per order)."""
        chosen = self.wanted
        for widget in [*self.boxes.values(), *self.inputs.values()]:
            widget.deleteLater()
        self.boxes.clear()
        self.inputs.clear()
        seen = {}  # key -> the first option with that key, in the carrier's order
        for capability in capabilities:
            for option in capability.options:
                if option.key not in not_choosable and option.key not in seen:
                    seen[option.key] = option
        for row, (key, option) in enumerate(seen.items()):  # in the carrier's own order
            # '&' marks a keyboard shortcut in button texts: "track & trace" needs '&&'.
            box = QCheckBox(texts.option_name(key, option.description).replace("&", "&&"))
            box.setObjectName(f"{self.prefix}_{key}")
            box.setToolTip(texts.option_code_hint(key))
            box.setChecked(key in chosen)
            box.toggled.connect(lambda on, key=key: self._toggled(key, on))
            self.boxes[key] = box
            self.grid.addWidget(box, row // 2, (row % 2) * 2)
            if option.input_type == "number":
                amount = QLineEdit()
                amount.setObjectName(f"{self.prefix}_{key}_input")
                amount.setPlaceholderText(self.tr("amount in EUR"))
                amount.setMaximumWidth(110)
                amount.textChanged.connect(self.changed)
                self.inputs[key] = amount
                self.grid.addWidget(amount, row // 2, (row % 2) * 2 + 1)

        self.grid.addWidget(self.left_out, (len(seen) + 1) // 2, 0, 1, 5)
        self._say_left_out()

    def _toggled(self, key: str, on: bool) -> None:
        if on:
            self.wanted[key] = None
        else:
            self.wanted.pop(key, None)
        self.changed.emit()

    def _say_left_out(self) -> None:
        hidden = [key for key in self.wanted if key not in self.boxes]
        text = ""
        if hidden and self.boxes:
            text = self.tr(
                "Not possible for this recipient type, so not used now (kept for when you "
                "switch back): %1."
            ).replace("%1", ", ".join(texts.option_name(k) for k in hidden))
        self.left_out.setText(text)
        self.left_out.setVisible(bool(text))

    def chosen(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.boxes.items() if box.isChecked())

    def set_chosen(self, keys: tuple[str, ...], inputs: dict[str, str]) -> None:
        self.wanted = dict.fromkeys(keys)
        self._say_left_out()
        for key, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(key in keys)
            box.blockSignals(False)
        for key, field in self.inputs.items():
            field.blockSignals(True)
            field.setText(inputs.get(key, ""))
            field.blockSignals(False)

    def input_values(self) -> dict[str, str]:
        return {key: f.text().strip() for key, f in self.inputs.items() if f.text().strip()}


class RuleRow(QObject):
    """One carrier rule in the Carriers group: carrier, destinations, marketplace, weight."""

    changed = Signal()
    removed = Signal(object)

    def __init__(
        self, tab: ShippingOptionsTab, row: int, rule, carriers: list[tuple[str, str]]
    ) -> None:
        super().__init__(tab)
        grid = tab.rules_layout
        self.carrier = QComboBox()
        for key, name in carriers:
            self.carrier.addItem(name, key)
        self.countries = QLineEdit()
        self.countries.setPlaceholderText(self.tr("all countries, or e.g. DE, BE"))
        self.countries.setMinimumWidth(160)
        self.marketplace = QComboBox()
        self.marketplace.addItem(self.tr("every marketplace"), "")
        for marketplace in EU_MARKETPLACES:
            self.marketplace.addItem(marketplace.name, marketplace.id)
        self.weight = DecimalSpinBox()
        self.weight.setRange(0, 31.9)
        self.weight.setDecimals(1)
        self.weight.setSuffix(" kg")
        self.weight.setSpecialValueText(self.tr("any weight"))
        self.delete = QPushButton(self.tr("Remove"))
        widgets = (
            QLabel(self.tr("Send with")),
            self.carrier,
            QLabel(self.tr("to")),
            self.countries,
            self.marketplace,
            QLabel(self.tr("up to")),
            self.weight,
            self.delete,
        )
        self.widgets = widgets
        for column, widget in enumerate(widgets):
            grid.addWidget(widget, row, column)
        if rule is not None:
            self.carrier.setCurrentIndex(max(self.carrier.findData(rule.carrier), 0))
            self.countries.setText(", ".join(rule.countries))
            self.marketplace.setCurrentIndex(
                max(self.marketplace.findData(rule.marketplaces[0] if rule.marketplaces else ""), 0)
            )
            self.weight.setValue(rule.max_weight_kg or 0)
        self.carrier.currentIndexChanged.connect(self.changed)
        self.countries.editingFinished.connect(self.changed)
        self.marketplace.currentIndexChanged.connect(self.changed)
        self.weight.editingFinished.connect(self.changed)
        self.delete.clicked.connect(self._remove)

    def _codes(self) -> list[str]:
        return [c.strip() for c in self.countries.text().replace(";", ",").split(",") if c.strip()]

    def invalid_countries(self) -> list[str]:
        """What the owner typed that is no country code (two letters)."""
        return [c for c in self._codes() if not (len(c) == 2 and c.isascii() and c.isalpha())]

    def value(self):  # -> CarrierRule
        countries = tuple(c.upper() for c in self._codes())
        marketplace = self.marketplace.currentData()
        return shipping_settings.CarrierRule(
            carrier=self.carrier.currentData(),
            countries=countries,
            marketplaces=(marketplace,) if marketplace else (),
            max_weight_kg=self.weight.value() or None,
        )

    def remove(self) -> None:
        for widget in self.widgets:
            widget.deleteLater()

    def _remove(self) -> None:
        self.remove()
        self.removed.emit(self)


class ShippingOptionsTab(QWidget):
    saved = Signal()
    drafts_updated = Signal(object)  # the DraftResult of applying the settings to drafts

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.catalogues: dict[str, dict[str, list[Capability]]] = {}  # per carrier
        self.carrier = shipping_settings.carriers(ctx)[0][0]  # whose settings are shown
        self._loading = False
        self._build()
        self.reload()

    @property
    def catalogue(self) -> dict[str, list[Capability]]:
        return self.catalogues.get(self.carrier, {})

    # -- layout --
    def _build(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        intro = hint_label(
            self.tr(
                "Set once how every Amazon order is shipped. Each new order gets a draft label "
                "made from these settings; you can still change every label before printing."
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self._carrier_group())
        layout.addWidget(self._sender_group())
        layout.addWidget(self._recipient_group())
        self.defaults = ServiceList("default")
        defaults_group = self._services_group(
            3,
            self.tr("Default extra services"),
            self.defaults,
            self.tr(
                "Added to every label. When a destination does not allow one, the draft "
                "shows a warning and you decide."
            ),
        )
        # Warnings the owner turned off per destination ("Don't warn again" on a label).
        self.silenced = QWidget()
        self.silenced.setObjectName("silencedWarnings")
        self.silenced_layout = QGridLayout(self.silenced)
        self.silenced_layout.setContentsMargins(0, 6, 0, 0)
        self.silenced_layout.setColumnStretch(2, 1)  # "Warn again" right after its warning
        defaults_layout = defaults_group.layout()
        assert defaults_layout is not None  # _services_group gave the group its layout
        defaults_layout.addWidget(self.silenced)
        layout.addWidget(defaults_group)
        layout.addWidget(self._same_day_group())
        self.optional = ServiceList("optional")
        layout.addWidget(
            self._services_group(
                5,
                self.tr("Optional services"),
                self.optional,
                self.tr(
                    "Added wherever the destination allows them, and silently left out "
                    "where it does not."
                ),
            )
        )
        layout.addWidget(self._size_group())
        layout.addStretch(1)
        settings_help(content)
        scroll = scrolling(content)

        self.problems = text_label()
        self.problems.setObjectName("settingsProblems")
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.status = text_label()
        self.status.setObjectName("settingsStatus")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveSettings")
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.setObjectName("revertSettings")
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(9, 0, 9, 9)
        footer.addWidget(self.problems)
        footer.addLayout(bar)
        outer.addLayout(footer)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        for widget in (self.defaults, self.optional):
            widget.changed.connect(self._changed)

    def _sender_group(self) -> QGroupBox:
        group = numbered_group(1, self.tr("Sender address"))
        layout = QVBoxLayout(group)
        layout.addWidget(hint_label(self.tr("Printed on the label as the sender.")))
        row = QHBoxLayout()
        self.sender_address = QComboBox()
        self.sender_address.setObjectName("senderAddress")
        self.sender_address.setMinimumWidth(420)
        self.new_address = QPushButton(self.tr("New…"))
        self.edit_address = QPushButton(self.tr("Edit…"))
        self.delete_address = QPushButton(self.tr("Delete"))
        for widget in (
            self.sender_address,
            self.new_address,
            self.edit_address,
            self.delete_address,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.new_address.clicked.connect(lambda: self._edit_address(None))
        self.edit_address.clicked.connect(lambda: self._edit_address(self._current_address()))
        self.delete_address.clicked.connect(self._delete_address)
        self.sender_address.currentIndexChanged.connect(self._changed)
        return group

    def _recipient_group(self) -> QGroupBox:
        group = numbered_group(2, self.tr("Recipient type"))
        layout = QVBoxLayout(group)
        layout.addWidget(
            hint_label(self.tr("Optional. It narrows which services (3) and (5) can offer."))
        )
        self.recipient_auto = QRadioButton(
            self.tr("From the Amazon order (business when a company is named)")
        )
        self.recipient_business = QRadioButton(self.tr("Always business"))
        self.recipient_consumer = QRadioButton(self.tr("Always consumer"))
        self.recipient_group = QButtonGroup(self)
        for button in (self.recipient_auto, self.recipient_business, self.recipient_consumer):
            self.recipient_group.addButton(button)
            layout.addWidget(button)
        self.recipient_group.buttonToggled.connect(self._recipient_changed)
        return group

    def _services_group(self, number: int, title: str, body: QWidget, hint: str) -> QGroupBox:
        group = numbered_group(number, title)
        layout = QVBoxLayout(group)
        layout.addWidget(hint_label(hint))
        placeholder = hint_label("")
        placeholder.setObjectName(f"servicesPlaceholder{number}")
        layout.addWidget(placeholder)
        layout.addWidget(body)
        body.placeholder = placeholder  # type: ignore[attr-defined]
        return group

    def show_silenced(self) -> None:
        """The warnings turned off per destination, each with a way to turn it back on."""
        while self.silenced_layout.count():
            item = self.silenced_layout.takeAt(0)
            assert item is not None  # count() said there is one
            widget = item.widget()
            if widget is not None:  # gone at once, not only when the loop deletes it
                widget.setParent(None)
                widget.deleteLater()
        # Only this carrier's (another carrier's options are not on this page).
        mine = {o.key for caps in self.catalogue.values() for c in caps for o in c.options}
        mine |= {c.parcel_type for caps in self.catalogue.values() for c in caps}
        known = sorted(
            key
            for key in shipping_settings.acknowledged(self.ctx)
            if not mine or key[1] in mine or key[1].split(">")[0] in mine
        )
        if known:
            self.silenced_layout.addWidget(QLabel(self.tr("Warnings you turned off:")), 0, 0, 1, 2)
        for row, key in enumerate(known, start=1):
            code, subject, country = key
            what = (
                texts.option_name(subject)
                if code != "parcel_type_unavailable"
                else texts.notice_text(code, None, subject)
            )
            line = text_label(
                self.tr("%1 for %2").replace("%1", what).replace("%2", texts.country_name(country))
            )
            again = QPushButton(self.tr("Warn again"))
            again.setObjectName("warnAgain")
            again.clicked.connect(lambda _c=False, key=key: self._warn_again(key))
            self.silenced_layout.addWidget(line, row, 0)
            self.silenced_layout.addWidget(again, row, 1)
        self.silenced.setVisible(bool(known))

    def _warn_again(self, key: tuple) -> None:
        shipping_settings.acknowledge(self.ctx, key, on=False)
        self.show_silenced()
        self.drafts_updated.emit(None)  # the list shows the warning again

    def showEvent(self, event) -> None:  # the label dialog may have turned one off
        self.show_silenced()
        super().showEvent(event)

    def _carrier_group(self) -> QGroupBox:
        """With more than one carrier: whose settings these are, the default carrier for new
        orders, and the rules that send an order with another one."""
        group = QGroupBox(self.tr("Carriers"))
        group.setObjectName("carrierSettings")
        layout = QVBoxLayout(group)
        form = QFormLayout()
        self.carrier_choice = QComboBox()
        self.carrier_choice.setObjectName("settingsCarrier")
        self.default_carrier = QComboBox()
        self.default_carrier.setObjectName("defaultCarrier")
        form.addRow(self.tr("Settings below for"), self.carrier_choice)
        form.addRow(self.tr("New orders go with"), self.default_carrier)
        layout.addLayout(form)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Unless a rule below says otherwise. The first rule that fits an order "
                    "decides; each label can still be switched in its own window."
                )
            )
        )
        self.rules_box = QWidget()
        self.rules_box.setStyleSheet(INVALID_FIELD_STYLE)
        self.rules_layout = QGridLayout(self.rules_box)
        self.rules_layout.setContentsMargins(0, 0, 0, 0)
        self.rules_layout.setColumnStretch(8, 1)  # after the Remove button: rows stay compact
        layout.addWidget(self.rules_box)
        self.add_rule = QPushButton(self.tr("Add a rule"))
        self.add_rule.setObjectName("addRule")
        row = QHBoxLayout()
        row.addWidget(self.add_rule)
        row.addStretch(1)
        layout.addLayout(row)
        self.rule_rows: list[RuleRow] = []
        self.carrier_choice.currentIndexChanged.connect(self._carrier_chosen)
        self.default_carrier.currentIndexChanged.connect(self._default_carrier_chosen)
        self.add_rule.clicked.connect(lambda: self._add_rule_row(None))
        self.carrier_group = group
        return group

    def _fill_carriers(self) -> None:
        choices = shipping_settings.carriers(self.ctx)
        for combo, current in (
            (self.carrier_choice, self.carrier),
            (self.default_carrier, shipping_settings.routing.default_carrier(self.ctx)),
        ):
            combo.blockSignals(True)
            combo.clear()
            for key, name in choices:
                combo.addItem(name, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)
        for row in self.rule_rows:
            row.remove()
        self.rule_rows = []
        for rule in shipping_settings.routing.rules(self.ctx):
            self._add_rule_row(rule, save=False)
        self.carrier_group.setVisible(len(choices) > 1)

    def _carrier_chosen(self) -> None:
        key = self.carrier_choice.currentData()
        if not key or key == self.carrier:
            return
        self.carrier = key
        self.reload()

    def _default_carrier_chosen(self) -> None:
        key = self.default_carrier.currentData()
        if key:
            shipping_settings.routing.set_default_carrier(self.ctx, key)
            self.status.setText(
                self.tr("Saved. New orders go with %1.").replace(
                    "%1", self.default_carrier.currentText()
                )
            )

    def _add_rule_row(self, rule, *, save: bool = True) -> None:
        row = RuleRow(self, len(self.rule_rows), rule, shipping_settings.carriers(self.ctx))
        row.changed.connect(self._save_rules)
        row.removed.connect(self._rule_removed)
        self.rule_rows.append(row)
        if save:
            self._save_rules()

    def _rule_removed(self, row: object) -> None:
        self.rule_rows = [r for r in self.rule_rows if r is not row]
        self._save_rules()

    def _save_rules(self) -> None:
        wrong = ""
        for row in self.rule_rows:
            bad = row.invalid_countries()
            text = (
                self.tr("“%1” is not a country code: write two letters, such as DE or BE.").replace(
                    "%1", bad[0]
                )
                if bad
                else ""
            )
            mark_invalid(row.countries, bool(bad), text)
            wrong = wrong or text
        if wrong:
            self.status.setText(wrong + " " + self.tr("The rules were not saved."))
            return
        shipping_settings.routing.save_rules(self.ctx, [row.value() for row in self.rule_rows])
        self.status.setText(self.tr("Saved. The rules apply to orders drafted from now on."))

    def _same_day_group(self) -> QGroupBox:
        group = numbered_group(4, self.tr("Same-day delivery"))
        self.same_day_group = group
        layout = QVBoxLayout(group)
        self.same_day_hint = hint_label(
            self.tr(
                "Orders placed on a day that is switched on (and inside its window, if you "
                "set one) get same-day evening delivery, where the carrier offers it for the "
                "postcode and the label is made that same day."
            )
        )
        layout.addWidget(self.same_day_hint)
        self.no_same_day = hint_label("")
        self.no_same_day.setObjectName("noSameDay")
        layout.addWidget(self.no_same_day)
        grid = QGridLayout()
        self.days = [DayRow(self, index, grid) for index in range(len(WEEKDAYS))]
        for day in self.days:
            for widget in (day.switch, day.custom):
                widget.toggled.connect(self._changed)
            for edit in (day.start, day.end):
                edit.timeChanged.connect(self._changed)
        grid.setColumnStretch(5, 1)
        self.days_box = QWidget()
        self.days_box.setLayout(grid)
        layout.addWidget(self.days_box)
        return group

    def _size_group(self) -> QGroupBox:
        group = numbered_group(6, self.tr("Default parcel size"))
        layout = QVBoxLayout(group)
        layout.addWidget(hint_label(self.tr("Used for every draft; change it per label.")))
        form = QFormLayout()
        self.parcel_type = QComboBox()
        self.parcel_type.setObjectName("parcelType")
        self.weight = DecimalSpinBox()
        self.weight.setObjectName("weight")
        self.weight.setRange(0.1, 31.5)
        self.weight.setDecimals(1)
        self.weight.setSuffix(" kg")
        form.addRow(self.tr("Size"), self.parcel_type)
        form.addRow(self.tr("Weight"), self.weight)
        layout.addLayout(form)
        self.parcel_type.currentIndexChanged.connect(self._changed)
        self.weight.valueChanged.connect(self._changed)
        return group

    # -- loading and saving --
    def reload(self) -> None:
        """Show the saved settings; fetch the carrier's choices in the background."""
        self._filling = True
        choices = [key for key, _ in shipping_settings.carriers(self.ctx)]
        if self.carrier not in choices:
            self.carrier = choices[0]
        self._fill_carriers()
        roles = shipping_settings.roles(self.carrier)
        self.same_day_group.setTitle(f"4. {carrier_texts.same_day_name(self.carrier)}")
        self.days_box.setVisible(roles.same_day is not None)
        self.same_day_hint.setVisible(roles.same_day is not None)
        self.no_same_day.setText(
            "" if roles.same_day else carrier_texts.no_same_day_text(self.carrier)
        )
        self.no_same_day.setVisible(roles.same_day is None)
        for body in (self.defaults, self.optional):
            body.wanted = {}  # another carrier's keys mean nothing here
        self.current = shipping_settings.load(self.ctx, self.carrier)
        chosen = shipping_settings.sender(self.ctx, self.current)
        if self.current.sender_id is None and chosen is not None:
            # No explicit choice yet: drafts use the first address, and so does the tab.
            self.current = replace(self.current, sender_id=chosen.id)
        self._fill_addresses(self.current.sender_id)
        button = {BUSINESS: self.recipient_business, CONSUMER: self.recipient_consumer}.get(
            self.current.recipient_type or "", self.recipient_auto
        )
        button.setChecked(True)
        for row, day in zip(self.days, self.current.same_day, strict=True):
            row.set(day)
        self.weight.setMaximum(shipping_settings.max_weight(self.carrier))
        self.weight.setValue(self.current.weight_kg)
        self._apply_catalogue()
        self._filling = False
        self.status.setText("")
        self._changed()
        self.load_catalogue()

    def load_catalogue(self) -> None:
        if self._loading:
            return
        key = self.carrier
        if key not in carrier_account.connected(self.ctx):
            self.catalogues.pop(key, None)
            self._apply_catalogue()
            return
        self._loading = True
        self.runner.run(
            lambda _r, cancel: (key, carrier_account.catalogue(self.ctx, key, cancel)),
            "capabilities",
            succeeded=self._catalogue_ready,
            failed=self._catalogue_failed,
            finished=self._catalogue_done,
        )

    def _catalogue_ready(self, result: tuple) -> None:
        key, catalogue = result
        self.catalogues[key] = catalogue
        if key == self.carrier:
            self._apply_catalogue()
        else:  # the owner switched carriers meanwhile: fetch theirs
            self.load_catalogue()

    def _catalogue_failed(self, error: Exception) -> None:
        message = self.tr("The carrier's services could not be loaded: %1").replace(
            "%1", texts.error_text(error)
        )
        for body in (self.defaults, self.optional):
            body.placeholder.setText(message)  # type: ignore[attr-defined]
            body.placeholder.setStyleSheet(ERROR_STYLE)  # type: ignore[attr-defined]

    def _catalogue_done(self) -> None:
        self._loading = False

    def _offered(self) -> list[Capability]:
        """The catalogue narrowed by (2): only what the chosen recipient type can have."""
        kind = self._recipient_type()
        if kind is None:
            return [c for kind in (CONSUMER, BUSINESS) for c in self.catalogue.get(kind, [])]
        return self.catalogue.get(kind, [])

    def _apply_catalogue(self) -> None:
        filling, self._filling = getattr(self, "_filling", False), True
        offered = self._offered()
        for body, chosen in (
            (self.defaults, self.current.default_services),
            (self.optional, self.current.optional_services),
        ):
            if body.boxes or body.wanted:
                chosen = tuple(body.wanted)
            inputs = {**self.current.inputs, **body.input_values()}
            body.fill(offered, shipping_settings.roles(self.carrier).not_choosable)
            body.set_chosen(chosen, inputs)
            placeholder = body.placeholder  # type: ignore[attr-defined]
            placeholder.setStyleSheet("")
            placeholder.setText(
                ""
                if offered
                else self.tr(
                    "Connect the carrier in the Connections tab to choose from the services "
                    "in your contract."
                )
            )
            placeholder.setVisible(not offered)
        wanted = self.parcel_type.currentData() or self.current.parcel_type
        self.parcel_type.clear()
        sizes = []
        for capability in offered:
            if capability.parcel_type not in sizes:
                sizes.append(capability.parcel_type)
        for size in sizes or [self.current.parcel_type]:
            self.parcel_type.addItem(texts.parcel_type_name(size), size)
        index = self.parcel_type.findData(wanted)
        self.parcel_type.setCurrentIndex(max(index, 0))
        self._filling = filling
        self.show_silenced()  # of this carrier
        self._changed()

    def _fill_addresses(self, selected: int | None) -> None:
        self.sender_address.blockSignals(True)
        self.sender_address.clear()
        for address in shipping_settings.address_book(self.ctx):
            label = ", ".join(
                p
                for p in (
                    address.company_name or address.name,
                    f"{address.street} {address.number}{address.addition}".strip(),
                    f"{address.postal_code} {address.city}".strip(),
                )
                if p
            )
            self.sender_address.addItem(label, address)
        index = next(
            (
                i
                for i in range(self.sender_address.count())
                if self.sender_address.itemData(i).id == selected
            ),
            0,
        )
        self.sender_address.setCurrentIndex(index)
        self.sender_address.blockSignals(False)
        has = self.sender_address.count() > 0
        self.edit_address.setEnabled(has)
        self.delete_address.setEnabled(has)
        if not has:
            self.sender_address.setPlaceholderText(
                self.tr("No sender address yet: add one with New…")
            )

    def _current_address(self) -> SenderAddress | None:
        return self.sender_address.currentData()

    def _edit_address(self, address: SenderAddress | None) -> None:
        dialog = AddressDialog(address, self, self.ctx)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        address_id = shipping_settings.save_address(self.ctx, dialog.value())
        self._fill_addresses(address_id)
        self._changed()

    def _delete_address(self) -> None:
        address = self._current_address()
        if address is None:
            return
        if (
            confirm(
                self,
                self.tr("Delete sender address?"),
                self.tr("Labels already made keep this address."),
                self.tr("Delete"),
            )
            and address.id is not None
        ):
            shipping_settings.delete_address(self.ctx, address.id)
            self._fill_addresses(None)
            self._changed()

    def _recipient_type(self) -> str | None:
        if self.recipient_business.isChecked():
            return BUSINESS
        if self.recipient_consumer.isChecked():
            return CONSUMER
        return None

    def _recipient_changed(self, _button: object, checked: bool) -> None:
        if checked and not getattr(self, "_filling", False):
            self._apply_catalogue()

    def value(self) -> ShippingSettings:
        address = self._current_address()
        inputs = {
            **self.current.inputs,
            **self.defaults.input_values(),
            **self.optional.input_values(),
        }
        return ShippingSettings(
            sender_id=address.id if address else None,
            recipient_type=self._recipient_type(),
            default_services=self.defaults.chosen(),
            same_day=tuple(row.value() for row in self.days),
            optional_services=self.optional.chosen(),
            parcel_type=self.parcel_type.currentData() or self.current.parcel_type,
            weight_kg=round(self.weight.value(), 1),
            inputs=inputs,
        )

    def problems_now(self) -> list[str]:
        settings = self.value()
        found = [
            texts.notice_text(p.code, p.option, p.detail, self.carrier)
            for p in settings_problems(
                settings, self._offered(), shipping_settings.roles(self.carrier)
            )
        ]
        if settings.sender_id is None:
            found.insert(0, self.tr("Add a sender address (1): it is printed on every label."))
        return found

    def _changed(self) -> None:
        if getattr(self, "_filling", False):
            return
        problems = self.problems_now()
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        dirty = self.value().to_json() != self.current.to_json()
        self.save_button.setEnabled(dirty and not problems)
        self.revert_button.setEnabled(dirty)
        # One carrier's changes at a time: save or undo them before showing another's.
        self.carrier_choice.setEnabled(not dirty)
        if dirty:
            self.status.setText(self.tr("Unsaved changes."))
        elif self.status.text() == self.tr("Unsaved changes."):
            self.status.setText("")

    def save(self) -> None:
        if self.problems_now():
            return
        shipping_settings.save(self.ctx, self.value(), self.carrier)
        self.current = shipping_settings.load(self.ctx, self.carrier)
        self._changed()
        self.status.setText(self.tr("Saved. New drafts use these settings."))
        self.saved.emit()
        unedited, edited = shipping_settings.drafts_to_update(self.ctx, self.carrier)
        if unedited and self._ask_apply(unedited, edited):
            self.apply_to_drafts()

    def _ask_apply(self, unedited: int, edited: int) -> bool:
        """Saved settings reach new drafts; offer them to the drafts not yet created too."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "ShipDesk",
            self.tr("Use the new settings for %Ln draft label(s) not yet created?", "", unedited),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        detail = self.tr("Labels already created at the carrier stay as they are.")
        if edited:
            detail += " " + self.tr(
                "%Ln draft(s) you changed yourself keep your changes.", "", edited
            )
        box.setInformativeText(detail)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Update the drafts"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Only new drafts"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes

    def apply_to_drafts(self) -> None:
        self.status.setText(self.tr("Updating the drafts…"))
        key = self.carrier
        self.runner.run(
            lambda _r, cancel: make_drafts(self.ctx, cancel, remake=True, carrier=key),
            "redraft",
            succeeded=self._drafts_updated,
            failed=self._drafts_failed,
        )

    def _drafts_updated(self, result) -> None:
        text = self.tr("Saved. %Ln draft label(s) updated.", "", result.made)
        if result.unchecked or result.skipped_reason:
            text += " " + texts.draft_not_made_text(result)
        self.status.setText(text)
        self.drafts_updated.emit(result)

    def _drafts_failed(self, error: Exception) -> None:
        self.status.setText(
            self.tr("Saved, but the drafts could not be updated: %1").replace(
                "%1", texts.error_text(error)
            )
        )
