"""About ShipDesk: version, where the data is, and the licences of what is bundled."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shipdesk import __version__
from shipdesk.services import diagnostics, privacy
from shipdesk.services.context import AppContext
from shipdesk.ui import carrier_texts
from shipdesk.ui.resources import icon_path, privacy_page
from shipdesk.ui.widgets import dialog_help, hint_label


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("About ShipDesk"))
        self.resize(620, 560)
        logo = QLabel()
        logo.setPixmap(
            QPixmap(str(icon_path())).scaled(
                72,
                72,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        version = self.tr("Version %1").replace("%1", __version__)  # lupdate finds it here
        title = QLabel(f"<b style='font-size:16pt'>ShipDesk</b><br>{html.escape(version)}")
        title.setTextFormat(Qt.TextFormat.RichText)
        header = QHBoxLayout()
        header.addWidget(logo)
        header.addWidget(title, 1)
        text = hint_label(
            carrier_texts.product_line()
            + " "
            + self.tr(
                "Your data is kept in %1; connection secrets in the system keychain."
            ).replace("%1", str(ctx.paths.data_dir))
        )
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("components")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for component in diagnostics.components():
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, value in enumerate((component.name, component.version, component.license)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        for column in (0, 1):  # room between the columns: no grid lines to separate them
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        dialog_help(self, buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(text)
        privacy = QPushButton(self.tr("Privacy: how your buyers' data is kept and erased…"))
        privacy.setObjectName("privacyButton")
        privacy.clicked.connect(self.show_privacy)
        privacy_row = QHBoxLayout()
        privacy_row.addWidget(privacy)
        privacy_row.addStretch(1)
        layout.addLayout(privacy_row)
        layout.addWidget(QLabel(self.tr("Bundled software and its licences:")))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def show_privacy(self) -> None:
        self.privacy = PrivacyDialog(self.ctx, self)
        self.privacy.open()


class PrivacyDialog(QDialog):
    """docs/privacy.md, the part in the app's language, shown in the app (offline), and the
    grace the owner can change: how long after the promised delivery date an order that was
    never scanned as delivered keeps its buyer data."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyDialog")
        self.setWindowTitle(self.tr("Privacy"))
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        dutch = QLocale().language() == QLocale.Language.Dutch  # the app's language (i18n)
        title = self.tr("Privacy: your buyers' data in ShipDesk")
        self.browser.setMarkdown(f"# {title}\n\n{privacy_page('nl' if dutch else 'en')}")
        self.ctx = ctx
        self.grace = QSpinBox()
        self.grace.setObjectName("graceDays")
        self.grace.setRange(0, privacy.MAX_GRACE_DAYS)
        self.grace.setValue(privacy.grace_days(ctx))
        self.grace.setSuffix(self.tr(" days"))
        self.grace.valueChanged.connect(lambda days: privacy.set_grace_days(self.ctx, days))
        grace_text = hint_label(
            self.tr(
                "A parcel never scanned as delivered: its buyer's data is erased %1 days after "
                "the latest delivery date Amazon promised, plus this grace:"
            ).replace("%1", str(privacy.AFTER_DELIVERY_DAYS))
        )
        grace_row = QHBoxLayout()
        grace_row.addWidget(grace_text, 1)
        grace_row.addWidget(self.grace)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        dialog_help(self, buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addLayout(grace_row)
        layout.addWidget(buttons)
