"""Choosing the label and packing-slip printers, the label format, and test prints."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import printing
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import JobRunner
from shipdesk.ui import carrier_texts, help_links, texts
from shipdesk.ui.widgets import ERROR_STYLE, HelpLink, dialog_help, hint_label, text_label


class PrinterDialog(QDialog):
    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.setWindowTitle(self.tr("Printers"))
        self.setMinimumWidth(560)
        self._build()
        self._load()

    def _build(self) -> None:
        self.installed = printing.available_printers()
        labels = QGroupBox(self.tr("Labels"))
        label_form = QFormLayout(labels)
        self.label_printer = self._printer_combo("labelPrinter")
        label_form.addRow(self.tr("Label printer"), self.label_printer)
        self.pdf_format = QRadioButton(self.tr("PDF at the exact label size"))
        self.pdf_format.setObjectName("pdfFormat")
        self.zpl_format = QRadioButton(self.tr("ZPL, sent straight to a Zebra label printer"))
        self.zpl_format.setObjectName("zplFormat")
        group = QButtonGroup(self)
        group.addButton(self.pdf_format)
        group.addButton(self.zpl_format)
        self.label_size = QComboBox()
        self.label_size.setObjectName("labelSize")
        for key in printing.LABEL_SIZES:
            self.label_size.addItem(carrier_texts.label_size_name(key), key)
        self.dpi = QComboBox()
        self.dpi.setObjectName("zplDpi")
        self.dpi.addItem("203 dpi", 203)
        self.dpi.addItem("300 dpi", 300)
        label_form.addRow(self.pdf_format, self.label_size)
        label_form.addRow(self.zpl_format, self.dpi)
        label_form.addRow(hint_label(carrier_texts.label_size_hint()))
        self.test_label = QPushButton(self.tr("Test print"))
        self.test_label.setObjectName("testLabel")
        label_form.addRow("", _at_the_right(self.test_label))

        slips = QGroupBox(self.tr("Packing slips"))
        slip_form = QFormLayout(slips)
        self.slip_printer = self._printer_combo("slipPrinter")
        slip_form.addRow(self.tr("Packing-slip printer"), self.slip_printer)
        self.slip_paper = QComboBox()
        self.slip_paper.setObjectName("slipPaper")
        self.slip_paper.addItem("A4", "A4")
        self.slip_paper.addItem(self.tr("A6 (on the label printer)"), "A6")
        self.slip_language = QComboBox()
        self.slip_language.setObjectName("slipLanguage")
        self.slip_language.addItem(
            self.tr("The recipient's language (Dutch for NL and BE, else English)"), "recipient"
        )
        self.slip_language.addItem("Nederlands", "nl")
        self.slip_language.addItem("English", "en")
        self.with_labels = QCheckBox(self.tr("Print the packing slips right after the labels"))
        self.with_labels.setObjectName("slipsWithLabels")
        slip_form.addRow(self.tr("Paper"), self.slip_paper)
        slip_form.addRow(self.tr("Language"), self.slip_language)
        slip_form.addRow("", self.with_labels)
        self.test_slip = QPushButton(self.tr("Test print"))
        self.test_slip.setObjectName("testSlip")
        slip_form.addRow("", _at_the_right(self.test_slip))
        _share_label_column(label_form, slip_form)

        self.message = text_label()
        self.message.setObjectName("printerMessage")
        self.message.setWordWrap(True)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        dialog_help(self, buttons)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not self.installed:
            layout.addWidget(
                hint_label(
                    self.tr(
                        "No printers are installed on this computer. Add your label printer in the "
                        "system settings, then open this window again."
                    )
                )
            )
        layout.addWidget(labels)
        layout.addWidget(slips)
        layout.addWidget(self.message)
        self.message_help = HelpLink(about_message=True)
        layout.addWidget(self.message_help)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.test_label.clicked.connect(lambda: self._test("label"))
        self.test_slip.clicked.connect(lambda: self._test("slip"))
        self.pdf_format.toggled.connect(self._format_changed)

    def _printer_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for printer in self.installed:
            text = printer.name + (" (" + self.tr("default") + ")" if printer.is_default else "")
            combo.addItem(text, printer.name)
        return combo

    def _select(self, combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index < 0 and isinstance(value, str) and value:
            combo.addItem(self.tr("%1 (not found)").replace("%1", value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _load(self) -> None:
        config = printing.load_settings(self.ctx)
        default = next((p.name for p in self.installed if p.is_default), "")
        self._select(self.label_printer, config.label_printer or default)
        self._select(self.slip_printer, config.slip_printer or config.label_printer or default)
        (self.zpl_format if config.label_format == "zpl" else self.pdf_format).setChecked(True)
        self._select(self.label_size, config.label_size)
        self._select(self.dpi, config.zpl_dpi)
        self._select(self.slip_paper, config.slip_paper)
        self._select(self.slip_language, config.slip_language)
        self.with_labels.setChecked(config.slips_with_labels)
        self._format_changed()

    def _format_changed(self) -> None:
        self.label_size.setEnabled(self.pdf_format.isChecked())
        self.dpi.setEnabled(self.zpl_format.isChecked())

    def value(self) -> printing.PrintSettings:
        return printing.PrintSettings(
            label_printer=self.label_printer.currentData() or "",
            slip_printer=self.slip_printer.currentData() or "",
            label_format="zpl" if self.zpl_format.isChecked() else "pdf",
            label_size=self.label_size.currentData(),
            zpl_dpi=int(self.dpi.currentData()),
            slip_paper=self.slip_paper.currentData(),
            slip_language=self.slip_language.currentData(),
            slips_with_labels=self.with_labels.isChecked(),
        )

    def _save(self) -> None:
        printing.save_settings(self.ctx, self.value())
        self.accept()

    def _test(self, which: str) -> None:
        config = self.value()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Printing a test page…"))
        self.message_help.point_at("")
        words = self.test_words(config)
        self.runner.run(
            lambda _r, _c: printing.test_print(config, which, words),
            f"test-{which}",
            succeeded=self._tested,
            failed=self._test_failed,
        )

    def test_words(self, config: printing.PrintSettings) -> printing.TestPrintWords:
        """What the test pages say, in the window's language (the size's name too)."""
        size_name = carrier_texts.label_size_name(printing.size_of_test_label(config))
        return printing.TestPrintWords(
            title=self.tr("ShipDesk test label"),
            size=self.tr("%1: %2 x %3 mm").replace("%1", size_name),
            frame=self.tr("The frame must be 2 mm from every edge."),
            barcode=self.tr("The barcode below must scan."),
            slip_note=self.tr("ShipDesk test print"),
        )

    def _tested(self, result: printing.PrintResult) -> None:
        self.message.setText(self.tr("Test page sent to %1.").replace("%1", result.printer))

    def _test_failed(self, error: Exception) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(texts.error_text(error))
        self.message_help.point_at(help_links.section_for_error(error))


def _at_the_right(button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    return row


def _share_label_column(*forms: QFormLayout) -> None:
    """One label column across the boxes, so their fields start at the same place."""
    labels = [
        widget
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole))
        and (widget := item.widget()) is not None
    ]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
