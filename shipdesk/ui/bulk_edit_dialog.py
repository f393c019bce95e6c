"""Orders → More → Change selected drafts…: size, weight, parcels, carrier or options for many
drafts at once (each ticked value is set; what is not ticked stays as each draft has it)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import labels as label_service
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner
from shipdesk.ui import texts
from shipdesk.ui.product_defaults_dialog import SIZES
from shipdesk.ui.widgets import ERROR_STYLE, DecimalSpinBox, dialog_help, hint_label


class BulkEditDialog(QDialog):
    """`carriers`: (key, name) of the connected carriers; `selected_carriers`: the carriers of
    the selected drafts (options are offered for one carrier at a time)."""

    def __init__(
        self,
        count: int,
        parent: QWidget | None = None,
        *,
        ctx: AppContext | None = None,
        runner: JobRunner | None = None,
        carriers: Sequence[tuple[str, str]] = (),
        selected_carriers: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.selected_carriers = sorted(set(selected_carriers))
        self.setObjectName("bulkEdit")
        self.setWindowTitle(self.tr("Change selected drafts"))
        self.setMinimumWidth(440)
        intro = hint_label(
            self.tr(
                "Tick what to set on the %Ln selected order(s). Labels made already are left "
                "as they are; a draft that needs review keeps its review.",
                "",
                count,
            )
        )
        self.size_box = QCheckBox(self.tr("Size"))
        self.size_choice = QComboBox()
        for key in SIZES:
            self.size_choice.addItem(texts.parcel_type_name(key), key)
        self.size_choice.setCurrentIndex(self.size_choice.findData("SMALL"))
        self.weight_box = QCheckBox(self.tr("Weight"))
        self.weight = DecimalSpinBox()
        self.weight.setRange(0.01, 70)
        self.weight.setDecimals(2)
        self.weight.setSuffix(" kg")
        self.weight.setValue(1.0)
        self.pieces_box = QCheckBox(self.tr("Parcels"))
        self.pieces = QSpinBox()
        self.pieces.setRange(1, label_service.MAX_PARCELS)
        form = QFormLayout()
        for box, field in (
            (self.size_box, self.size_choice),
            (self.weight_box, self.weight),
            (self.pieces_box, self.pieces),
        ):
            field.setEnabled(False)
            box.toggled.connect(field.setEnabled)
            box.toggled.connect(self._update)
            form.addRow(box, field)
        self.carrier_box = QCheckBox(self.tr("Carrier"))
        self.carrier = QComboBox()
        for key, name in carriers:
            self.carrier.addItem(name, key)
        self.carrier.setEnabled(False)
        self.carrier_box.toggled.connect(self.carrier.setEnabled)
        self.carrier_box.toggled.connect(self._load_options)
        self.carrier.currentIndexChanged.connect(self._load_options)
        self.carrier_box.toggled.connect(self._update)
        self.carrier_box.setVisible(len(carriers) > 1)
        self.carrier.setVisible(len(carriers) > 1)
        form.addRow(self.carrier_box, self.carrier)
        self.options_group = QGroupBox(self.tr("Options"))
        self.options_layout = QVBoxLayout(self.options_group)
        self.options_hint = hint_label(
            self.tr(
                "A dash: as each draft has it. Ticked: added to every draft. Empty: taken "
                "off every draft. A draft the carrier would refuse it for is named, not changed."
            )
        )
        self.options_status = hint_label("")
        self.options_layout.addWidget(self.options_status)
        self.option_boxes: dict[str, QCheckBox] = {}
        self._options_job: Job | None = None
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_help(self, self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.options_hint)  # outside the box: a wrapped label keeps its height
        layout.addWidget(self.options_group)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._update()
        self._load_options()

    def options_carrier(self) -> str | None:
        """The carrier whose options are offered: the one chosen, or the selection's own."""
        if self.carrier_box.isChecked():
            return self.carrier.currentData()
        return self.selected_carriers[0] if len(self.selected_carriers) == 1 else None

    def _load_options(self) -> None:
        for box in self.option_boxes.values():
            box.deleteLater()
        self.option_boxes = {}
        key = self.options_carrier()
        self.options_hint.hide()
        self.options_status.show()
        if key is None or self.ctx is None or self.runner is None:
            self.options_status.setText(
                self.tr(
                    "The selection has drafts of several carriers: choose one carrier above to "
                    "change options."
                )
            )
            self._update()
            return
        self.options_status.setText(self.tr("Loading the carrier's options…"))
        ctx = self.ctx
        # The options come from the carrier's catalogue, which may be asked for over the network.
        self._options_job = self.runner.run(
            lambda _r, cancel: (key, label_service.bulk_options(ctx, key, cancel)),
            "options",
            succeeded=self._options_ready,
            failed=lambda error: self.options_status.setText(texts.error_text(error)),
        )

    def _options_ready(self, result: tuple) -> None:
        key, options = result
        if key != self.options_carrier():
            return  # the owner chose another carrier meanwhile
        self.options_status.hide()
        self.options_hint.show()
        for option in options:
            box = QCheckBox(texts.option_name(option))
            box.setObjectName(f"bulkOption_{option}")
            box.setTristate(True)
            box.setCheckState(Qt.CheckState.PartiallyChecked)
            box.stateChanged.connect(self._update)
            self.options_layout.addWidget(box)
            self.option_boxes[option] = box
        self._update()
        self.adjustSize()  # room for the options now shown

    def _update(self) -> None:
        ticked = any(
            b.isChecked()
            for b in (self.size_box, self.weight_box, self.pieces_box, self.carrier_box)
        ) or any(
            b.checkState() != Qt.CheckState.PartiallyChecked for b in self.option_boxes.values()
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ticked)

    def changes(self) -> dict:
        """The values ticked, as `labels.bulk_edit` takes them."""
        return {
            "parcel_type": self.size_choice.currentData() if self.size_box.isChecked() else None,
            "weight_kg": round(self.weight.value(), 2) if self.weight_box.isChecked() else None,
            "pieces": self.pieces.value() if self.pieces_box.isChecked() else None,
        }

    def carrier_changes(self) -> dict:
        """The carrier and options chosen, as `labels.bulk_change` takes them."""
        return {
            "carrier": self.carrier.currentData() if self.carrier_box.isChecked() else None,
            "add": [
                k for k, b in self.option_boxes.items() if b.checkState() == Qt.CheckState.Checked
            ],
            "remove": [
                k for k, b in self.option_boxes.items() if b.checkState() == Qt.CheckState.Unchecked
            ],
        }
