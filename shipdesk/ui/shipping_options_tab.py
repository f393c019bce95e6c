"""The Shipping Options tab. Its six settings need the carrier's capabilities, which arrive with
the carrier connection; until then the tab tells the owner what will be set here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shipdesk.ui.widgets import hint_label


class ShippingOptionsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Shipping options"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Once your carrier is connected, you set here once how every Amazon order "
                    "is shipped. What can be chosen comes from your carrier contract for each "
                    "destination."
                )
            )
        )
        items = [
            self.tr("Sender address, chosen from your address book; printed on the label."),
            self.tr("Recipient type (optional): business or consumer."),
            self.tr(
                "Default extra services, on every label, with a warning when a "
                "destination does not allow one."
            ),
            self.tr("DHL Vandaag (same-day delivery) per weekday, with an optional time window."),
            self.tr("Optional services, added wherever the destination allows them."),
            self.tr("Default parcel size, which you can change per label."),
        ]
        for number, text in enumerate(items, start=1):
            label = QLabel(f"<b>{number}.</b> {text}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)
        layout.addStretch(1)
