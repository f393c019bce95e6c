"""Editing one label: receiver and address split, options, size, weight, parcels, a note.

Only options the carrier allows for the destination are offered; what the carrier would refuse
is shown before saving. A created label is shown as it is, with a preview of the carrier's PDF.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
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
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import labels as label_service
from shipdesk.services import printing, service_points
from shipdesk.services.context import AppContext
from shipdesk.services.errors import CarrierRejected
from shipdesk.services.jobs import JobRunner
from shipdesk.services.labels import (
    EDITABLE,
    Capability,
    Label,
    Notice,
    OptionRoles,
    Receiver,
    choose_capability,
    normalise_postal_code,
    validate_label,
)
from shipdesk.services.shipping_settings import acknowledge, acknowledgement
from shipdesk.ui import texts
from shipdesk.ui.label_actions import LabelActions
from shipdesk.ui.orders_model import date_format, parse_time
from shipdesk.ui.service_point_finder import ServicePointFinder, distance_text, point_kind_name
from shipdesk.ui.widgets import (
    ERROR_STYLE,
    INVALID_FIELD_STYLE,
    DecimalSpinBox,
    dialog_help,
    hint_label,
    mark_invalid,
    text_label,
)

RECEIVER_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street",
    "number",
    "addition",
    "postal_code",
    "city",
    "country_code",
    "phone",
    "email",
)
# A problem about "name" means neither a last name nor a company is there: both can fix it;
# the whole name too long for one field (GLS's name1) is fixed in either of its parts.
FIELDS_OF_PROBLEM = {
    "name": ("last_name", "company_name"),
    "full_name": ("first_name", "last_name"),
}
REVIEW_STYLE = "background: #fff3cd; color: #5c3c00; padding: 6px;"
INFO_STYLE = "background: #e8eef7; color: #1f3550; padding: 6px;"


class LabelDialog(QDialog):
    saved = Signal(int)
    acknowledged = Signal()  # a warning was turned off: the list shows fewer
    acted = Signal(str)  # voided, made again or marked made: what happened, in words

    def __init__(
        self, ctx: AppContext, runner: JobRunner, label_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.label_id = label_id
        self.edit: label_service.LabelEdit | None = None
        self.capabilities: list[Capability] = []
        self.destination_refused = ""
        # What the owner wants on the label: kept while the destination (and with it what the
        # carrier allows) changes, so a corrected postcode never quietly changes the parcel.
        self._wanted_parcel: str | None = None
        self._wanted_options: dict[str, str | None] = {}
        self._filling = False
        self._refused: dict[str, str] = {}  # field -> why the carrier refused it
        self.carrier = ""  # the registry key of the carrier that ships it (can be switched)
        # The pickup point it goes to (None: the door); its id goes in the carrier's option.
        self.service_point: service_points.ServicePoint | None = None
        self.finder: ServicePointFinder | None = None
        self.setWindowTitle(self.tr("Label"))
        self.setStyleSheet(INVALID_FIELD_STYLE)
        self.resize(980, 700)
        self._build()
        self._load()

    # -- layout --
    def _build(self) -> None:
        self.heading = text_label()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.tracking = QLabel()
        self.tracking.setObjectName("trackingLinks")
        self.tracking.setTextFormat(Qt.TextFormat.RichText)  # links; every value is escaped
        self.tracking.setOpenExternalLinks(True)
        self.tracking.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.tracking.setVisible(False)
        self.amazon_address = text_label(name="amazonAddress")
        self.amazon_address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review = text_label(name="reviewReasons")
        # "Don't warn again" for warnings the owner has seen for this destination.
        self.acknowledge_box = QWidget()
        self.acknowledge_layout = QVBoxLayout(self.acknowledge_box)
        self.acknowledge_layout.setContentsMargins(0, 0, 0, 0)
        self.acknowledge_buttons: list[QPushButton] = []
        self.review.setWordWrap(True)
        self.review.setStyleSheet(REVIEW_STYLE)

        receiver = QGroupBox(self.tr("Recipient"))
        form = QFormLayout(receiver)
        labels = {
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "company_name": self.tr("Company"),
            "street": self.tr("Street"),
            "number": self.tr("House number"),
            "addition": self.tr("Addition"),
            "postal_code": self.tr("Postcode"),
            "city": self.tr("City"),
            "country_code": self.tr("Country code"),
            "phone": self.tr("Phone"),
            "email": self.tr("E-mail"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for key in RECEIVER_FIELDS:
            field = QLineEdit()
            field.setObjectName(key)
            field.textChanged.connect(lambda _text, key=key: self._field_edited(key))
            self.fields[key] = field
            form.addRow(labels[key], field)
        self.fields["country_code"].setMaxLength(2)
        self.business = QCheckBox(self.tr("Business address"))
        self.business.setObjectName("isBusiness")
        form.addRow("", self.business)
        for key in ("country_code", "postal_code"):
            self.fields[key].editingFinished.connect(self._destination_changed)
        self.business.toggled.connect(self._destination_changed)

        shipping = QGroupBox(self.tr("Shipping"))
        shipping_layout = QVBoxLayout(shipping)
        size_form = QFormLayout()
        # Which carrier ships this order (when more than one is connected).
        self.carrier_choice = QComboBox()
        self.carrier_choice.setObjectName("carrierChoice")
        self.carrier_label = QLabel(self.tr("Carrier"))
        size_form.addRow(self.carrier_label, self.carrier_choice)
        self.carrier_choice.currentIndexChanged.connect(self._carrier_chosen)
        self.parcel_type = QComboBox()
        self.parcel_type.setObjectName("parcelType")
        self.weight = DecimalSpinBox()
        self.weight.setObjectName("weight")
        self.weight.setRange(0.1, 1000)
        self.weight.setDecimals(2)
        self.weight.setSuffix(" kg")
        self.pieces = QSpinBox()
        self.pieces.setObjectName("pieces")
        self.pieces.setRange(1, 10)
        size_form.addRow(self.tr("Size"), self.parcel_type)
        size_form.addRow(self.tr("Parcels"), self.pieces)
        self.weight_label = QLabel(self.tr("Weight"))
        size_form.addRow(self.weight_label, self.weight)
        # Several parcels: each its own weight, in a row of boxes (the label's weight is the
        # total; each parcel is checked against the carrier's limits).
        self.parcel_weights_box = QWidget()
        self.parcel_weights_box.setObjectName("parcelWeights")
        self.parcel_weights_row = QHBoxLayout(self.parcel_weights_box)
        self.parcel_weights_row.setContentsMargins(0, 0, 0, 0)
        self.parcel_weight_boxes: list[DecimalSpinBox] = []
        self.parcel_weights_label = QLabel(self.tr("Weight per parcel"))
        size_form.addRow(self.parcel_weights_label, self.parcel_weights_box)
        self._size_form = size_form
        shipping_layout.addLayout(size_form)
        shipping_layout.addWidget(self._build_point_box())
        shipping_layout.addWidget(QLabel(self.tr("Options possible for this destination:")))
        self.options_box = QWidget()
        self.options_grid = QGridLayout(self.options_box)
        self.options_grid.setContentsMargins(0, 0, 0, 0)
        self.options_grid.setColumnStretch(1, 1)  # an input (ServicePoint, amount) gets the room
        shipping_layout.addWidget(self.options_box)
        self.changes = text_label(name="destinationChanges")
        self.changes.setWordWrap(True)
        self.changes.setStyleSheet(INFO_STYLE)
        self.changes.setVisible(False)
        shipping_layout.addWidget(self.changes)
        self.option_boxes: dict[str, QCheckBox] = {}
        self.option_inputs: dict[str, QLineEdit] = {}
        shipping_layout.addWidget(QLabel(self.tr("Note on the packing slip")))
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setMaximumHeight(70)
        shipping_layout.addWidget(self.note)
        shipping_layout.addStretch(1)
        self.parcel_type.currentIndexChanged.connect(self._parcel_type_changed)
        self.weight.valueChanged.connect(self._validate)
        self.pieces.valueChanged.connect(self._parcels_changed)

        self.preview = QPdfView()
        self.preview.setObjectName("labelPreview")
        self.preview.setPageMode(QPdfView.PageMode.SinglePage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.preview_document = QPdfDocument(self)
        self.preview.setDocument(self.preview_document)
        self.preview_hint = hint_label(
            self.tr("The label preview appears here once the label is created.")
        )
        self.preview_box = preview_box = QGroupBox(self.tr("Label"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview_hint)
        preview_layout.addWidget(self.preview, 1)
        preview_box.setMinimumWidth(260)

        self.problems = text_label(name="labelProblems")
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_help(self, self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.label_actions = LabelActions(self.ctx, self.runner, self, self.buttons, self.problems)
        self.label_actions.done.connect(self._acted)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Address at Amazon")))
        left.addWidget(self.amazon_address)
        left.addWidget(self.review)
        left.addWidget(self.acknowledge_box)
        left.addWidget(receiver)
        left.addStretch(1)
        columns.addLayout(left, 3)
        columns.addWidget(shipping, 3)
        columns.addWidget(preview_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tracking)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _build_point_box(self) -> QWidget:
        """Where the parcel goes: the door, or a pickup point chosen in the finder."""
        box = QGroupBox(self.tr("Delivery"))
        box.setObjectName("deliveryBox")
        layout = QVBoxLayout(box)
        self.point_text = text_label(name="servicePoint")
        self.point_text.setWordWrap(True)
        self.point_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.point_button = QPushButton()
        self.point_button.setObjectName("chooseServicePoint")
        self.point_button.clicked.connect(self.open_finder)
        self.point_remove = QPushButton(self.tr("Deliver to the door"))
        self.point_remove.setObjectName("removeServicePoint")
        self.point_remove.clicked.connect(self.remove_point)
        buttons = QHBoxLayout()
        buttons.addWidget(self.point_button)
        buttons.addWidget(self.point_remove)
        buttons.addStretch(1)
        layout.addWidget(self.point_text)
        layout.addLayout(buttons)
        self.point_box = box
        return box

    # -- loading --
    def _load(self) -> None:
        self.setEnabled(False)
        self.runner.run(
            lambda _r, cancel: label_service.load_for_edit(self.ctx, self.label_id, cancel),
            "label-edit",
            succeeded=self._loaded,
            failed=self._load_failed,
        )

    def _load_failed(self, error: Exception) -> None:
        self.setEnabled(True)
        self.problems.setText(
            self.tr("The label could not be opened: %1").replace("%1", texts.error_text(error))
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    @property
    def _roles(self):  # -> OptionRoles of the chosen carrier
        return self.edit.roles if self.edit is not None else OptionRoles()

    def _word(self, notice) -> str:
        """A notice (stored as a dict, or a domain Notice) in words, about the chosen carrier."""
        if isinstance(notice, dict):
            code, option, detail = (
                notice.get("code", ""),
                notice.get("option"),
                notice.get("detail", ""),
            )
        else:
            code, option, detail = notice.code, notice.option, notice.detail
        return texts.notice_text(code, option, detail, self.carrier)

    def _loaded(self, edit: label_service.LabelEdit) -> None:
        self.edit = edit
        self.carrier = edit.label.carrier
        self.capabilities = edit.capabilities
        self.destination_refused = edit.destination_refused
        label, order = edit.label, edit.order
        self.carrier_choice.blockSignals(True)
        self.carrier_choice.clear()
        for key, name in edit.carriers:
            self.carrier_choice.addItem(name, key)
        self.carrier_choice.setCurrentIndex(max(self.carrier_choice.findData(self.carrier), 0))
        self.carrier_choice.blockSignals(False)
        several = self.carrier_choice.count() > 1
        self.carrier_choice.setVisible(several)
        self.carrier_label.setVisible(several)
        self.setEnabled(True)
        self.heading.setText(
            self.tr("Amazon order %1 · %2")
            .replace("%1", label.order_id)
            .replace("%2", texts.label_state_name(label.state))
        )
        lines = [
            order.recipient_name,
            order.company_name,
            order.address_line1,
            order.address_line2,
            order.address_line3,
            f"{order.postal_code or ''} {order.city or ''}".strip(),
            order.country_code,
        ]
        self.amazon_address.setText("\n".join(line for line in lines if line))
        self._show_tracking(label)
        reasons = [self._word(n) for n in [*label.review, *edit.open_warnings]]
        self.label_actions.show_for(label)
        if label.state == "unclear":
            reasons.insert(0, self.label_actions.unclear_text())
        self._offer_acknowledgements(edit)
        refusals = label.error_details or ()
        carrier = label.carrier
        if label.state == "error" and label.error_message:
            reasons.insert(
                0,
                texts.carrier_error_text(
                    label.error_code or "", label.error_message, refusals, carrier
                ),
            )
            if refusals:  # the owner's words above; the carrier's own below, for support
                reasons.insert(1, texts.carrier_details_text(label.error_message))
        # The fields the carrier refused stay marked until the owner changes them.
        self._refused = {
            r["field"]: texts.refusal_text(r, label_service.carrier_short_name(carrier))
            for r in refusals
            if label.state == "error" and r.get("field") in self.fields
        }
        for key, field in self.fields.items():
            field.blockSignals(True)
            field.setText(str(label.receiver.get(key) or ""))
            field.blockSignals(False)
        self.business.blockSignals(True)
        self.business.setChecked(bool(label.receiver.get("is_business")))
        self.business.blockSignals(False)
        self.weight.setValue(float(label.weight_kg or 1.0))
        self.pieces.blockSignals(True)
        self.pieces.setValue(int(label.pieces or 1))
        self.pieces.blockSignals(False)
        stored = [float(w) for w in label.parcel_weights or ()]
        each = stored if len(stored) == self.pieces.value() else []
        self._show_parcel_weights(each or [float(label.weight_kg or 1.0)] * self.pieces.value())
        self.note.setPlainText(label.note or "")
        self._wanted_parcel = label.parcel_type
        self._wanted_options = dict(label.option_pairs)
        self.service_point = service_points.chosen(label)
        self._fill_options()
        # Erased (30 days after delivery, or at Amazon's request): nothing to send it to.
        erased = bool(order.buyer_data_erased_at)
        editable = label.state in EDITABLE and not erased
        for widget in (
            *self.fields.values(),
            self.business,
            self.parcel_type,
            self.weight,
            self.pieces,
            self.parcel_weights_box,
            self.note,
            self.options_box,
        ):
            widget.setEnabled(editable)
        self.carrier_choice.setEnabled(editable)
        self._editable = editable
        self._show_point()
        if not editable:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        if not editable and label.state != "unclear" and not erased:
            self._load_preview(label)
        else:
            # A draft has no carrier label yet: no preview column, a narrower dialog.
            self.preview_box.setVisible(False)
            self.resize(760, self.height())
        self.preview.setVisible(False)
        # What the form checks live is said below it (and goes when fixed): not twice.
        live = set(self._validate())
        reasons = [r for r in reasons if r not in live]
        if erased:
            reasons.insert(0, texts.carrier_error_text("buyer_data_erased", "", (), carrier))
        elif not editable and label.state != "unclear":
            reasons.append(
                self.tr(
                    "The carrier has this label, so its details can no longer be changed here. "
                    "You can print it again from the Orders list, or void it."
                )
            )
        self.review.setText("\n".join(f"• {r}" for r in reasons))
        attention = editable or len(reasons) > 1 or label.state == "unclear"
        self.review.setStyleSheet(REVIEW_STYLE if attention else INFO_STYLE)
        self.review.setVisible(bool(reasons))

    def _acted(self, text: str) -> None:
        self.acted.emit(text)
        self.accept()

    def _offer_acknowledgements(self, edit: label_service.LabelEdit) -> None:
        for button in self.acknowledge_buttons:
            button.deleteLater()
        self.acknowledge_buttons = []
        country = edit.label.receiver.get("country_code") or ""
        if edit.label.state not in EDITABLE:
            return
        for warning in edit.open_warnings:
            key = acknowledgement(warning, country)
            if key is None:
                continue
            subject = (
                texts.option_name(warning.get("option") or "")
                if warning.get("option")
                else self._word({**warning, "option": None})
            )
            button = QPushButton(
                self.tr("Don't warn again: %1 for %2")
                .replace("%1", subject)
                .replace("%2", texts.country_name(country))
                .replace("&", "&&")
            )
            button.setObjectName("acknowledgeWarning")
            button.setToolTip(
                self.tr("You can turn this warning back on in the Shipping Options tab.")
            )
            button.clicked.connect(lambda _c=False, key=key, b=button: self._acknowledge(key, b))
            self.acknowledge_layout.addWidget(button)
            self.acknowledge_buttons.append(button)
        self.acknowledge_box.setVisible(bool(self.acknowledge_buttons))

    def _acknowledge(self, key: tuple, button: QPushButton) -> None:
        acknowledge(self.ctx, key)
        if self.edit is not None:
            self.edit = replace(self.edit, acknowledged=self.edit.acknowledged | {key})
            label = self.edit.label
            reasons = [self._word(n) for n in [*label.review, *self.edit.open_warnings]]
            live = set(self._validate())
            reasons = [r for r in reasons if r not in live]
            self.review.setText("\n".join(f"• {r}" for r in reasons))
            self.review.setVisible(bool(reasons))
        button.setVisible(False)
        self.acknowledged.emit()

    def _show_tracking(self, label: Label) -> None:
        links = [
            f'<a href="{html.escape(url, quote=True)}">{html.escape(number)}</a>'
            if url
            else html.escape(number)
            for number, url in label_service.tracking_links(label)
        ]
        text = html.escape(self.tr("Track & trace: %1")).replace("%1", ", ".join(links))
        status = label.delivery_status
        if status:  # where the parcel is, as the carrier last said (plain text: its words)
            where = texts.delivery_status_name(status)
            moment = parse_time(label.delivered_at or "")
            if moment is not None:
                when = moment.astimezone().strftime(date_format(QLocale()))
                where = self.tr("%1 on %2").replace("%1", where).replace("%2", when)
            event = label.tracking_event or ""
            text += "<br>" + html.escape(where + (f" ({event})" if event else ""))
        self.tracking.setText(text)
        self.tracking.setVisible(bool(links))

    def _load_preview(self, label: Label) -> None:
        self.preview_hint.setText(self.tr("Loading the label…"))
        self.runner.run(
            lambda _r, cancel: printing.label_documents(self.ctx, [label], "pdf", cancel=cancel),
            "label-preview",
            succeeded=self._show_preview,
            failed=self._preview_failed,
        )

    def _preview_failed(self, error: Exception) -> None:
        self.preview_hint.setText(
            self.tr("The label cannot be shown here: %1").replace("%1", texts.error_text(error))
        )

    def _show_preview(self, documents: list[bytes]) -> None:
        if not documents:
            return
        self._pdf_bytes = QByteArray(documents[0])
        self._pdf_buffer = QBuffer(self._pdf_bytes, self)
        self._pdf_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.preview_document.load(self._pdf_buffer)
        self.preview.setVisible(True)
        self.preview_hint.setVisible(False)

    # -- options --
    def _fill_options(self) -> list[str]:
        """Show what the carrier allows for the destination, with the owner's choices ticked.
        Returns what could not be kept, in words: a size the destination does not take (the
        next bigger one is used) and options it does not allow (left unticked)."""
        self._filling = True
        changes: list[str] = []
        self.parcel_type.clear()
        for possible in self.capabilities:
            if self.parcel_type.findData(possible.parcel_type) < 0:
                self.parcel_type.addItem(
                    texts.parcel_type_name(possible.parcel_type), possible.parcel_type
                )
        wanted = self._wanted_parcel or ""
        if not self.capabilities and wanted:  # nothing to check against yet: show the choice
            self.parcel_type.addItem(texts.parcel_type_name(wanted), wanted)
        index = self.parcel_type.findData(wanted)
        if index < 0 and self.capabilities:
            chosen, notice = choose_capability(self.capabilities, wanted)
            index = self.parcel_type.findData(chosen.parcel_type if chosen else None)
            if notice is not None:
                changes.append(self._word(notice))
        self.parcel_type.setCurrentIndex(max(index, 0))
        for widget in [*self.option_boxes.values(), *self.option_inputs.values()]:
            widget.deleteLater()
        self.option_boxes.clear()
        self.option_inputs.clear()
        capability = self._capability()
        pickup = self._roles.pickup_point
        # The pickup point is chosen in the finder, not typed in as an option's input.
        offered = [
            o
            for o in (capability.options if capability else ())
            if o.key not in self._roles.hidden_on_labels and o.key != pickup
        ]
        self._pickup_possible = bool(pickup and capability and capability.option(pickup))
        for row, option in enumerate(offered):
            box = QCheckBox(texts.option_name(option.key, option.description).replace("&", "&&"))
            box.setObjectName(f"option_{option.key}")
            box.setToolTip(texts.option_code_hint(option.key))
            box.setChecked(option.key in self._wanted_options)
            box.toggled.connect(lambda on, key=option.key: self._option_toggled(key, on))
            self.option_boxes[option.key] = box
            self.options_grid.addWidget(box, row, 0)
            if option.input_type:
                field = QLineEdit(self._wanted_options.get(option.key) or "")
                field.setObjectName(f"option_{option.key}_input")
                field.setMinimumWidth(160)
                field.textChanged.connect(
                    lambda text, key=option.key: self._option_input_changed(key, text)
                )
                self.option_inputs[option.key] = field
                self.options_grid.addWidget(field, row, 1)
        if capability is not None:
            offered_keys = {o.key for o in offered}
            changes += [
                self._word(Notice("default_service_impossible", key))
                for key in self._wanted_options
                if key not in offered_keys
                and key not in self._roles.hidden_on_labels
                and key != pickup
            ]
            if self.service_point is not None and not self._pickup_possible:
                changes.append(
                    self.tr("%1 is not possible here: the parcel goes to the door.").replace(
                        "%1", point_kind_name(self.carrier)
                    )
                )
                self._drop_point()
        # Options ShipDesk adds itself (the order reference) are kept as they were.
        self._automatic = {
            k: v
            for k, v in self._wanted_options.items()
            if k in self._roles.hidden_on_labels and k != pickup
        }
        self._filling = False
        self._show_point()
        return changes

    def _capability(self) -> Capability | None:
        wanted = self.parcel_type.currentData()
        return next((c for c in self.capabilities if c.parcel_type == wanted), None)

    def _option_toggled(self, key: str, on: bool) -> None:
        if self._filling:
            return
        if on:
            field = self.option_inputs.get(key)
            self._wanted_options[key] = field.text().strip() if field else None
        else:
            self._wanted_options.pop(key, None)
        self._validate()

    def _option_input_changed(self, key: str, text: str) -> None:
        if not self._filling and key in self._wanted_options:
            self._wanted_options[key] = text.strip()
        self._validate()

    def _parcel_type_changed(self) -> None:
        if self._filling:
            return
        self._wanted_parcel = self.parcel_type.currentData()
        self._fill_options()
        self._validate()

    def _destination_changed(self) -> None:
        """Another country, postcode or recipient type: ask the carrier what is possible."""
        if self.edit is None or self.edit.label.state not in EDITABLE:
            return
        receiver = self.receiver()
        carrier = self.carrier
        self.runner.run(
            lambda _r, cancel: label_service.destination_capabilities(
                self.ctx, receiver, cancel, carrier=carrier
            ),
            "destination",
            # Bound methods: Qt drops the connection if the dialog is gone before the answer.
            succeeded=self._capabilities_ready,
            failed=self._destination_failed,
        )

    def _carrier_chosen(self) -> None:
        """Another carrier for this order: what it allows, and its Shipping Options' choices
        for the order, replace the options and size (said before saving)."""
        key = self.carrier_choice.currentData()
        if self.edit is None or not key or key == self.carrier:
            return
        label, order, receiver = self.edit.label, self.edit.order, self.receiver()
        self.carrier_choice.setEnabled(False)
        self.runner.run(
            lambda _r, cancel: label_service.switch_carrier(
                self.ctx, label, order, key, receiver, cancel
            ),
            "switch-carrier",
            succeeded=self._carrier_switched,
            failed=self._destination_failed,
        )

    def _carrier_switched(self, result: tuple) -> None:
        edit, resolution = result
        self.carrier_choice.setEnabled(True)
        name = self.carrier_choice.currentText()
        assert self.edit is not None  # _switch_carrier only starts for a label being edited
        self.edit = replace(edit, label=self.edit.label, order=self.edit.order)
        self.carrier = self.carrier_choice.currentData()
        self.capabilities = edit.capabilities
        self.destination_refused = edit.destination_refused
        changes = [
            self.tr("Now with %1: size and options from its Shipping Options.").replace("%1", name)
        ]
        if self.service_point is not None:  # the old carrier's point: not this one's
            changes.append(
                self.tr("The pickup point was removed: choose one of %1.").replace("%1", name)
            )
            self.service_point = None
        if resolution is not None:
            self._wanted_parcel = resolution.parcel_type
            self._wanted_options = dict(resolution.options)
            changes += [self._word(w) for w in resolution.warnings]
        changes += self._fill_options()
        self._show_changes(changes)
        self._validate()

    def _capabilities_ready(self, found: list) -> None:
        before = {o.key for c in self.capabilities for o in c.options}
        self.capabilities = found
        self.destination_refused = ""
        changes = self._fill_options()
        capability = self._capability()
        newly = [
            texts.option_name(o.key, o.description)
            for o in (capability.options if capability else ())
            if before
            and o.key not in before
            and o.key not in self._wanted_options
            and o.key not in self._roles.automatic
        ]
        if newly:
            changes.append(self.tr("Now also possible here: %1.").replace("%1", ", ".join(newly)))
        self._show_changes(changes)
        self._validate()

    def _show_changes(self, changes: list[str]) -> None:
        """What the new destination changed on the label, said before saving."""
        if changes:
            self.changes.setText(
                self.tr("The new address changes the label:")
                + "\n"
                + "\n".join(f"• {c}" for c in changes)
            )
        self.changes.setVisible(bool(changes))

    def _destination_failed(self, error: Exception) -> None:
        self.carrier_choice.setEnabled(True)
        self.carrier_choice.blockSignals(True)  # a failed switch keeps the carrier it had
        self.carrier_choice.setCurrentIndex(max(self.carrier_choice.findData(self.carrier), 0))
        self.carrier_choice.blockSignals(False)
        if isinstance(error, CarrierRejected) and error.about_destination():
            # This address: nothing is possible until it is fixed.
            self.capabilities = []
            self.destination_refused = str(error)
            self._fill_options()
            self._show_changes([])
            self._validate()
            return
        self.problems.setText(
            self.tr("The carrier's options could not be checked: %1").replace(
                "%1", texts.error_text(error)
            )
        )

    def _options(self) -> list[tuple[str, str | None]]:
        options: list[tuple[str, str | None]] = []
        pickup = self._roles.pickup_point
        if self.service_point is not None and pickup:
            options.append((pickup, self.service_point.id))
        for key, box in self.option_boxes.items():
            if box.isChecked():
                field = self.option_inputs.get(key)
                options.append((key, field.text().strip() if field else None))
        options += list(getattr(self, "_automatic", {}).items())
        return options

    # -- validation and saving --
    def receiver(self) -> Receiver:
        values = {key: field.text().strip() for key, field in self.fields.items()}
        values["country_code"] = values["country_code"].upper()
        values["postal_code"] = normalise_postal_code(values["postal_code"], values["country_code"])
        return Receiver(is_business=self.business.isChecked(), **values)

    def problems_now(self) -> list[str]:
        return [self._word(n) for n in self._notices_now()]

    def _notices_now(self) -> list:
        if self.edit is None:
            return []
        if self.destination_refused:  # no options to check against until the address is fixed
            return [Notice("destination_refused", "postal_code", self.destination_refused)]
        return validate_label(
            self.receiver(),
            self._options(),
            self.parcel_type.currentData() or "",
            max(self.parcel_weights()) if self.parcel_weights() else self.weight.value(),
            self.pieces.value(),
            self.capabilities,
            self.edit.limits,
            self._roles,
        )

    def _validate(self) -> list[str]:
        """Check the form as it stands: say the problems, mark their fields, allow saving only
        without any. Returns the problems in words (none for a label that cannot change)."""
        if self.edit is None or self.edit.label.state not in EDITABLE:
            return []
        notices = self._notices_now()
        problems = [self._word(n) for n in notices]
        self.problems.setText("\n".join(f"• {p}" for p in problems))
        self._mark_fields(zip(notices, problems, strict=True))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not problems)
        return problems

    def _field_edited(self, key: str) -> None:
        self._refused.pop(key, None)  # changed: the carrier's refusal no longer applies
        self._validate()

    def _mark_fields(self, problems) -> None:
        """A red frame and the reason as tooltip on each field a problem is about, and on
        each field the carrier refused (until it is changed)."""
        reasons: dict[str, list[str]] = {k: [v] for k, v in self._refused.items()}
        for notice, text in problems:
            keys = FIELDS_OF_PROBLEM.get(notice.option or "", (notice.option or "",))
            for key in keys:
                if key in self.fields:
                    reasons.setdefault(key, []).append(text)
        for key, field in self.fields.items():
            mark_invalid(field, key in reasons, "\n".join(reasons.get(key, ())))

    # -- parcels --
    def parcel_weights(self) -> list[float]:
        """Each parcel's weight as typed (several parcels), else empty."""
        if self.pieces.value() < 2:
            return []
        return [round(box.value(), 2) for box in self.parcel_weight_boxes]

    def _parcels_changed(self, count: int) -> None:
        weights = [box.value() for box in self.parcel_weight_boxes] or [self.weight.value()]
        weights = (weights + [weights[-1]] * count)[:count]  # a new parcel weighs as the last
        self._show_parcel_weights(weights)
        self._validate()

    def _show_parcel_weights(self, weights: list[float]) -> None:
        for box in self.parcel_weight_boxes:
            self.parcel_weights_row.removeWidget(box)
            box.deleteLater()
        self.parcel_weight_boxes = []
        for n, weight in enumerate(weights, start=1):
            box = DecimalSpinBox()
            box.setObjectName(f"parcelWeight{n}")
            box.setRange(0.1, 1000)
            box.setDecimals(2)
            box.setSuffix(" kg")
            box.setValue(weight)
            box.setToolTip(self.tr("Parcel %1").replace("%1", str(n)))
            box.valueChanged.connect(self._validate)
            self.parcel_weights_row.addWidget(box)
            self.parcel_weight_boxes.append(box)
        several = len(weights) > 1
        self._size_form.setRowVisible(self.parcel_weights_box, several)
        self._size_form.setRowVisible(self.weight, not several)

    def _save(self) -> None:
        if self.edit is None or self.problems_now():
            return
        weight, each = label_service.weights_to_store(
            self.parcel_weights(), round(self.weight.value(), 2)
        )
        problems = label_service.save_edit(
            self.ctx,
            self.label_id,
            receiver=self.receiver(),
            options=self._options(),
            parcel_type=self.parcel_type.currentData(),
            weight_kg=weight,
            pieces=self.pieces.value(),
            note=self.note.toPlainText().strip(),
            capabilities=self.capabilities,
            carrier=self.carrier,
            service_point=self.service_point,
            parcel_weights=each,
        )
        if problems:
            self.problems.setText("\n".join(f"• {self._word(p)}" for p in problems))
            return
        self.saved.emit(self.label_id)
        self.accept()

    # -- pickup point --
    def _show_point(self) -> None:
        kind = point_kind_name(self.carrier) if self.carrier else ""
        point = self.service_point
        possible = getattr(self, "_pickup_possible", False)
        editable = getattr(self, "_editable", False)
        self.point_box.setVisible(bool(self._roles.pickup_point))
        if point is None:
            self.point_text.setText(self.tr("To the buyer's door."))
        else:
            where = ", ".join(p for p in (point.address_line, distance_text(point.distance_m)) if p)
            self.point_text.setText(
                self.tr("To %1 %2: %3, %4")
                .replace("%1", kind)
                .replace("%2", point.id)
                .replace("%3", point.name)
                .replace("%4", where)
            )
        self.point_button.setText(
            (
                self.tr("Deliver to a %1…") if point is None else self.tr("Choose another %1…")
            ).replace("%1", kind)
        )
        self.point_button.setEnabled(editable and possible)
        self.point_button.setToolTip(
            ""
            if possible
            else self.tr("Delivery to a %1 is not possible for this destination and size.").replace(
                "%1", kind
            )
        )
        self.point_remove.setVisible(point is not None)
        self.point_remove.setEnabled(editable)

    def open_finder(self) -> None:
        """The carrier's points near the receiver's postcode, to choose from."""
        receiver = self.receiver()
        self.finder = ServicePointFinder(
            self.ctx,
            self.runner,
            self.carrier,
            receiver.country_code,
            receiver.postal_code,
            self.service_point,
            self,
        )
        self.finder.accepted.connect(self._finder_accepted)
        self.finder.open()
        self.finder.search()

    def _finder_accepted(self) -> None:
        if self.finder is not None and self.finder.chosen is not None:
            self.choose_point(self.finder.chosen)

    def choose_point(self, point: service_points.ServicePoint) -> None:
        """Deliver to `point`: home delivery and what cannot go with it are taken off (said)."""
        before = [k for k, _ in self._options()]
        options = service_points.with_point(
            self._options(), point.id, self._roles, self._capability()
        )
        if options is None:
            return
        self._wanted_options = dict(options)
        self.service_point = point
        self._fill_options()
        dropped = [
            texts.option_name(k)
            for k in before
            if k not in self._wanted_options and k != self._roles.base_delivery
        ]
        # What the point rules out is said as such (not as a change of the address).
        if dropped:
            self.changes.setText(
                self.tr("Not possible with a %1, left off: %2.")
                .replace("%1", point_kind_name(self.carrier))
                .replace("%2", ", ".join(dropped))
            )
        self.changes.setVisible(bool(dropped))
        self._show_point()
        self._validate()

    def remove_point(self) -> None:
        """Back to the door."""
        options = service_points.without_point(self._options(), self._roles, self._capability())
        self.service_point = None
        self._wanted_options = dict(options)
        self._fill_options()
        self._show_point()
        self._validate()

    def _drop_point(self) -> None:
        self.service_point = None
        pickup = self._roles.pickup_point
        self._wanted_options.pop(pickup or "", None)
