"""Small reusable widgets: the status pill, the demo banner, the switch, a confirmation, and
the links into the owner's manual."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPaintEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from shipdesk.ui import help_links

ERROR_STYLE = "color: #b3261e;"  # a message that says something went wrong
# A field that holds what cannot be saved: set its "invalid" property (see mark_invalid).
INVALID_FIELD_STYLE = 'QLineEdit[invalid="true"] { border: 1px solid #b3261e; padding: 2px; }'

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


def ask_save_path(parent: QWidget, title: str, default_name: str, file_filter: str) -> Path | None:
    """Where to save a file, asked in the Documents folder under `default_name`; None when the
    owner cancels. A name typed without an extension gets `default_name`'s (Qt's own dialog, on
    Linux, keeps it as typed)."""
    documents = QStandardPaths.StandardLocation.DocumentsLocation
    folder = QStandardPaths.writableLocation(documents) or str(Path.home())
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(folder) / default_name), file_filter
    )
    if not name:
        return None
    chosen = Path(name)
    return chosen if chosen.suffix else chosen.with_suffix(Path(default_name).suffix)


def scrolling(content: QWidget) -> QScrollArea:
    """A tab's content in a frameless area that scrolls when the window is smaller than it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def text_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    """A label for text that may hold words from outside (an order's address, a carrier's or
    Amazon's message): always plain text, so markup in them is shown, never rendered."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as it is: Qt renders tooltips that look like HTML."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Secondary explanatory text under a heading or control."""
    label = text_label(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class ToggleSwitch(QAbstractButton):
    """An on/off switch with its label, for settings that take effect at once."""

    TRACK_W, TRACK_H, GAP = 36, 20, 10

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        # Not setText(): in button texts '&' marks a shortcut, and labels say "track & trace".
        self.label = text
        self.setAccessibleName(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = self.TRACK_W + self.GAP + metrics.horizontalAdvance(self.label) + 4
        return QSize(width, max(self.TRACK_H + 4, metrics.height() + 4))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = (self.height() - self.TRACK_H) / 2
        track = QRectF(1, top, self.TRACK_W, self.TRACK_H)
        on = self.isChecked()
        enabled = self.isEnabled()
        colour = QColor("#0f766e" if on else "#9aa5a4")
        if not enabled:
            colour.setAlpha(110)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(track, self.TRACK_H / 2, self.TRACK_H / 2)
        knob = self.TRACK_H - 6
        x = track.right() - knob - 3 if on else track.left() + 3
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(x, top + 3, knob, knob))
        if self.hasFocus():
            painter.setPen(QColor("#0f766e"))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                track.adjusted(-1, -1, 1, 1), self.TRACK_H / 2, self.TRACK_H / 2
            )
        painter.setPen(self.palette().color(self.foregroundRole()))
        text_rect = self.rect().adjusted(self.TRACK_W + self.GAP, 0, 0, 0)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label
        )


class DecimalSpinBox(QDoubleSpinBox):
    """A number box that takes both decimal separators, as Dutch owners type "2,5" in an
    English window and the other way round; it shows the window's own separator."""

    def _local(self, text: str) -> str:
        # Weights and amounts here are small: the other separator is never a thousands mark.
        point = self.locale().decimalPoint()
        return text.replace("." if point == "," else ",", point)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        return super().validate(self._local(text), pos)

    def valueFromText(self, text: str) -> float:
        return super().valueFromText(self._local(text))

    def fixup(self, text: str) -> str:
        return super().fixup(self._local(text))


def confirm(parent: QWidget, question: str, detail: str, action: str) -> bool:
    """Ask before something that cannot be undone: the question in the box itself (a title bar
    is easily missed), what follows, and a button that names the action next to Cancel."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "ShipDesk",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # order ids and names from outside: text only
    box.setInformativeText(detail)
    box.button(QMessageBox.StandardButton.Yes).setText(action)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def mark_invalid(field: QWidget, invalid: bool, reason: str = "") -> None:
    """Draw a field with a red border (INVALID_FIELD_STYLE on a parent) and say why on hover."""
    field.setProperty("invalid", invalid)
    field.setToolTip(plain_tooltip(reason) if invalid and reason else "")
    field.style().unpolish(field)
    field.style().polish(field)


def show_manual(widget: QWidget, section: str) -> None:
    """The manual at `section`, beside the window `widget` is in."""
    from shipdesk.ui.manual_window import open_manual  # the manual loads when first read

    open_manual(widget, section)


class HelpLink(QLabel):
    """A link to the manual's section about what it stands beside: a settings group, or a
    message (`about_message`: shown only while the message has a section to point at)."""

    def __init__(
        self, section: str = "", parent: QWidget | None = None, *, about_message: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("helpLink")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        # Reached with Tab, never kept by a click: the scan field must keep the scanner's keys.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolTip(self.tr("Opens the manual at this subject"))
        self.words = self.tr("What to do?") if about_message else self.tr("More about this")
        self.section = ""
        self.linkActivated.connect(lambda _link: show_manual(self, self.section))
        self.point_at(section)

    def point_at(self, section: str) -> None:
        self.section = section
        words = html.escape(self.words)
        self.setText(f'<a href="#{html.escape(section)}">{words}</a>' if section else "")
        if self.parentWidget() is not None or not section:  # shown alone, it would be a window
            self.setVisible(bool(section))


class _TitleCorner(QObject):
    """Keeps a group's help link at the right end of its title line, where it takes no room
    and stays put however the group's content grows (the Overview's alerts do)."""

    def __init__(self, group: QGroupBox, link: HelpLink) -> None:
        super().__init__(group)
        self.group = group
        self.link = link
        group.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.link.adjustSize()
            self.link.move(self.group.width() - self.link.width() - 12, 0)
            self.link.raise_()
        return False


def group_help(group: QGroupBox) -> HelpLink:
    """A settings group's link to its section (help_links.settings_section, by the group's
    object name), on the group's title line, its background cutting the frame as the title's
    does."""
    link = HelpLink(help_links.settings_section(group.objectName()), group)
    link.setAutoFillBackground(True)
    link.setContentsMargins(4, 0, 4, 0)
    _TitleCorner(group, link)
    # Never narrower than its title and the link side by side (the title would be covered).
    title = group.fontMetrics().horizontalAdvance(group.title())
    group.setMinimumWidth(max(group.minimumWidth(), title + link.sizeHint().width() + 48))
    return link


def settings_help(page: QWidget) -> list[HelpLink]:
    """Links the page's settings groups that the manual explains to their sections."""
    return [
        group_help(group)
        for group in page.findChildren(QGroupBox)
        if help_links.settings_section(group.objectName())
    ]


def dialog_help(dialog: QDialog, buttons: QDialogButtonBox) -> None:
    """A Help button (and F1) that opens the manual at the dialog's section
    (help_links.SCREENS)."""
    section = help_links.SCREENS[type(dialog).__name__]
    button = buttons.addButton(QDialogButtonBox.StandardButton.Help)
    button.setShortcut(QKeySequence.StandardKey.HelpContents)
    buttons.helpRequested.connect(lambda: show_manual(dialog, section))
