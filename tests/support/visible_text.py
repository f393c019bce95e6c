"""Every text a user can read in a window: labels, buttons, titles, placeholders, tooltips,
combo items, tab names, table headers and cells, and the menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

ROWS_READ = 40  # of each table: enough to meet every state and option name


def plain(text: str) -> str:
    if QtGui.mightBeRichText(text):  # Qt's own test, as QLabel's AutoText uses
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _menu_texts(actions: list[QAction]) -> list[str]:
    found = []
    for action in actions:
        found += [action.text(), action.toolTip() if action.toolTip() != action.text() else ""]
        if action.menu() is not None:
            found += _menu_texts(action.menu().actions())
    return found


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []
    for column in range(model.columnCount()):
        found.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
        for row in range(min(model.rowCount(), ROWS_READ)):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    found.append(value)
    return found


def widget_texts(widget: QWidget) -> list[str]:
    found = [widget.toolTip()]
    if widget.isWindow():
        found.append(widget.windowTitle())
    if isinstance(widget, (QLabel, QAbstractButton)):
        found.append(widget.text())
    elif isinstance(widget, QGroupBox):
        found.append(widget.title())
    elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
        found.append(widget.placeholderText())
    elif isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView):
        found += _view_texts(widget)
    if isinstance(widget, QMainWindow):
        found += _menu_texts(widget.menuBar().actions())
    if isinstance(widget, QMenu):
        found += _menu_texts(widget.actions())
    return found


def visible_texts(root: QWidget) -> set[str]:
    """The readable texts of `root` and its children that are shown now, one per line."""
    texts: set[str] = set()
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        for text in widget_texts(widget):
            for line in plain(text).splitlines():
                if line.strip():
                    texts.add(line.strip())
    return texts
