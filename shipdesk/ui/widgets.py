"""Small reusable widgets: the status pill and the demo banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

PILL_COLOURS = {
    "not_connected": ("#5f6368", "#eceff1"),
    "pending": ("#8a5300", "#fff3cd"),
    "connected": ("#1e6b34", "#dcf2e3"),
    "error": ("#9b1c1c", "#fde2e1"),
}


class StatusPill(QLabel):
    """A rounded label whose colour says the state; the text says it in words too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPill")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.state = ""
        self.set_state("not_connected", "")

    def set_state(self, state: str, text: str) -> None:
        self.state = state
        foreground, background = PILL_COLOURS.get(state, PILL_COLOURS["not_connected"])
        self.setText(text)
        self.setStyleSheet(
            f"QLabel#statusPill {{ color: {foreground}; background: {background};"
            f" border: 1px solid {foreground}; border-radius: 10px; padding: 2px 12px;"
            " font-weight: 600; }"
        )


class DemoBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setStyleSheet(
            "QFrame#demoBanner { background: #ffe08a; border-bottom: 1px solid #c79a00; }"
            " QLabel { color: #3d2f00; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        title = QLabel(self.tr("Demo"))
        title.setStyleSheet("font-weight: 700;")
        text = QLabel(
            self.tr(
                "Orders come from ShipDesk's built-in sandbox. Nothing is sent to Amazon or a "
                "carrier, and the demo keeps its own data folder."
            )
        )
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(text, 1)


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Secondary explanatory text under a heading or control."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
