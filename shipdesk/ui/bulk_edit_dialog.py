"""Orders → More → Change selected drafts…: size, weight or parcels for many drafts at once
(each ticked value is set; what is not ticked stays as each draft has it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import labels as label_service
from shipdesk.ui import texts
from shipdesk.ui.product_defaults_dialog import SIZES
from shipdesk.ui.widgets import ERROR_STYLE, DecimalSpinBox, hint_label


class BulkEditDialog(QDialog):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkEdit")
        self.setWindowTitle(self.tr("Change selected drafts"))
        intro = hint_label(
            self.tr(
                "Tick what to set on the %Ln selected order(s). Labels made already are left "
                "as they are; a draft that needs review keeps its review.",
                "",
                count,
            )
        )
        self.size_box = QCheckBox(self.tr("Size"))
        self.size = QComboBox()
        for key in SIZES:
            self.size.addItem(texts.parcel_type_name(key), key)
        self.size.setCurrentIndex(self.size.findData("SMALL"))
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
            (self.size_box, self.size),
            (self.weight_box, self.weight),
            (self.pieces_box, self.pieces),
        ):
            field.setEnabled(False)
            box.toggled.connect(field.setEnabled)
            box.toggled.connect(self._update)
            form.addRow(box, field)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        ticked = any(b.isChecked() for b in (self.size_box, self.weight_box, self.pieces_box))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ticked)

    def changes(self) -> dict:
        """The values ticked, as `labels.bulk_edit` takes them."""
        return {
            "parcel_type": self.size.currentData() if self.size_box.isChecked() else None,
            "weight_kg": round(self.weight.value(), 2) if self.weight_box.isChecked() else None,
            "pieces": self.pieces.value() if self.pieces_box.isChecked() else None,
        }
