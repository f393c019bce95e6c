"""Settings → Products…: size, weight of one unit and parcels per product (SKU), as learned
from the labels made, corrected by the owner. Drafts of known products use them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import product_defaults
from shipdesk.services.context import AppContext
from shipdesk.services.product_defaults import SkuDefault
from shipdesk.ui import texts
from shipdesk.ui.widgets import ERROR_STYLE, DecimalSpinBox, dialog_help, hint_label

SIZES = ("ENVELOPE", "XSMALL", "SMALL", "MEDIUM", "LARGE", "XLARGE", "BULKY", "PARCEL")


class ProductDefaultsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDefaults")
        self.setWindowTitle(self.tr("Products"))
        self.resize(860, 480)
        self.ctx = ctx
        intro = hint_label(
            self.tr(
                "ShipDesk learns each product's size and weight from the last label made for "
                "an order of that product alone. A new order of known products gets them in its "
                "draft: the weights added up, the size of the heaviest. Values you change here "
                "stay as you set them."
            )
        )
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("productTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("SKU"),
                self.tr("Size"),
                self.tr("Weight per unit"),
                self.tr("Parcels"),
                self.tr("From"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.setWordWrap(False)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        add = QPushButton(self.tr("Add product…"))
        add.setObjectName("addProduct")
        add.clicked.connect(self.add_product)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeProduct")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        dialog_help(self, buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        for product in product_defaults.products(self.ctx):
            self._add_row(product)

    def _add_row(self, product: SkuDefault) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        sku = QTableWidgetItem(product.sku)  # Amazon's text, shown as text
        sku.setFlags(sku.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, sku)
        size = QComboBox()
        for key in dict.fromkeys((*SIZES, product.parcel_type)):
            size.addItem(texts.parcel_type_name(key), key)
        size.setCurrentIndex(size.findData(product.parcel_type))
        weight = DecimalSpinBox()
        weight.setRange(0.01, product_defaults.MAX_UNIT_KG)
        weight.setDecimals(3)
        weight.setSuffix(" kg")
        weight.setValue(product.unit_weight_kg)
        pieces = QSpinBox()
        pieces.setRange(1, product_defaults.MAX_PIECES)
        pieces.setValue(product.pieces)
        origin = (
            self.tr("set by you")
            if product.edited
            else self.tr("label of %1").replace("%1", product.learned_from)
        )
        learned = QTableWidgetItem(origin)
        learned.setFlags(learned.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setCellWidget(row, 1, size)
        self.table.setCellWidget(row, 2, weight)
        self.table.setCellWidget(row, 3, pieces)
        self.table.setItem(row, 4, learned)
        for signal in (size.currentIndexChanged, weight.valueChanged, pieces.valueChanged):
            signal.connect(lambda _value, key=product.sku: self._changed(key))

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # _add_row gives every row its SKU and origin items
        return item

    def _row_of(self, sku: str) -> int:
        return next(r for r in range(self.table.rowCount()) if self._item(r, 0).text() == sku)

    def _changed(self, sku: str) -> None:
        row = self._row_of(sku)
        size = self.table.cellWidget(row, 1)
        weight = self.table.cellWidget(row, 2)
        pieces = self.table.cellWidget(row, 3)
        # The widgets _add_row put in these cells.
        assert isinstance(size, QComboBox) and isinstance(weight, DecimalSpinBox)
        assert isinstance(pieces, QSpinBox)
        value = SkuDefault(sku, size.currentData(), weight.value(), pieces.value())
        try:
            product_defaults.save(self.ctx, value)
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        self._item(row, 4).setText(self.tr("set by you"))
        self._say(self.tr("Saved: new drafts of %1 use these values.").replace("%1", sku))

    def add_product(self) -> None:
        sku, ok = QInputDialog.getText(self, self.tr("Add product"), self.tr("SKU:"))
        self.add_sku(sku if ok else "")

    def add_sku(self, sku: str) -> None:
        sku = sku.strip()
        if not sku:
            return
        if any(self._item(r, 0).text() == sku for r in range(self.table.rowCount())):
            self.table.selectRow(self._row_of(sku))
            return
        product_defaults.save(self.ctx, SkuDefault(sku, "SMALL", 1.0, 1))
        self.reload()
        self.table.selectRow(self._row_of(sku))

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        for row in rows:
            product_defaults.remove(self.ctx, self._item(row, 0).text())
        self.reload()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
