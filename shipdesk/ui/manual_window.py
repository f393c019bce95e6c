"""Help → Manual: the owner's manual, offline, in the window's language, opened at a section.

The manual is built from docs/manual/ into resources/manual/<lang>/ (tools/build_manual.py)
and bundled with the app. It opens as a window of the window that asks for it, so that it can
be read beside a dialog that waits for an answer (a modal dialog blocks every other window).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from shipdesk.resources import resource
from shipdesk.ui import i18n
from shipdesk.ui.widgets import ERROR_STYLE, text_label


def manual_page(language: str) -> Path | None:
    """The built manual's page in `language`, else in English; None when it is not there."""
    for code in dict.fromkeys((language, "en")):
        page = resource("manual") / code / "index.html"
        if page.is_file():
            return page
    return None


def manual_sections(language: str) -> list[dict]:
    """The manual's table of contents: nested {"id", "title", "children"}."""
    page = manual_page(language)
    if page is None:
        return []
    try:
        toc = json.loads(page.with_name("toc.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return toc if isinstance(toc, list) else []


class ManualWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None, language: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("manualWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("ShipDesk manual"))
        self.language = language or i18n.current_language()
        self.page = manual_page(self.language)
        self.resize(1160, 780)

        self.contents = QTreeWidget()
        self.contents.setObjectName("manualContents")
        self.contents.setHeaderHidden(True)
        self.contents.itemActivated.connect(self._item_chosen)
        self.contents.itemClicked.connect(self._item_chosen)
        self.browser = QTextBrowser()
        self.browser.setObjectName("manualPage")
        self.browser.setOpenExternalLinks(True)  # a carrier's or Amazon's page, in the browser
        self.browser.sourceChanged.connect(self._source_changed)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 890])
        self.setCentralWidget(splitter)
        self._build_toolbar()

        self.items: dict[str, QTreeWidgetItem] = {}
        if self.page is None:
            self.browser.setPlainText(
                self.tr(
                    "The manual is not part of this installation of ShipDesk. Install ShipDesk "
                    "again from its installer, or, when you run it from its source, build the "
                    "manual with “make manual”."
                )
            )
            for action in (self.browser_action, self.pdf_action):
                action.setEnabled(False)
            return
        self._fill_contents(manual_sections(self.language), self.contents.invisibleRootItem())
        self.contents.expandToDepth(0)
        self.browser.setSource(QUrl.fromLocalFile(str(self.page)))

    def sizeHint(self) -> QSize:
        return QSize(1160, 780)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Manual"))
        bar.setMovable(False)
        self.addToolBar(bar)
        self.back_action = bar.addAction(self.tr("Back"), self.browser.backward)
        self.back_action.setShortcut(QKeySequence.StandardKey.Back)
        self.back_action.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.forward_action = bar.addAction(self.tr("Forward"), self.browser.forward)
        self.forward_action.setShortcut(QKeySequence.StandardKey.Forward)
        self.forward_action.setEnabled(False)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        bar.addAction(self.tr("Contents"), lambda: self.show_section("contents"))
        bar.addSeparator()
        self.find_field = QLineEdit()
        self.find_field.setObjectName("manualFind")
        self.find_field.setPlaceholderText(self.tr("Find in the manual"))
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setMaximumWidth(280)
        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.textChanged.connect(lambda _text: self.find_result.clear())
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.find_field.setFocus())
        self.addAction(find)
        bar.addWidget(self.find_field)
        self.find_result: QLabel = text_label(name="manualFindResult")
        self.find_result.setStyleSheet(ERROR_STYLE)
        bar.addWidget(self.find_result)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.browser_action: QAction = bar.addAction(
            self.tr("Open in browser"), self.open_in_browser
        )
        self.pdf_action: QAction = bar.addAction(self.tr("Save as PDF…"), self.choose_pdf)

    def _fill_contents(self, entries: list[dict], parent: QTreeWidgetItem) -> None:
        for entry in entries:
            item = QTreeWidgetItem(parent, [str(entry.get("title", ""))])
            section = str(entry.get("id", ""))
            item.setData(0, Qt.ItemDataRole.UserRole, section)
            self.items[section] = item
            self._fill_contents(entry.get("children") or [], item)

    # -- navigation --
    def show_section(self, section: str) -> None:
        """Scrolls to the section (its id, as in ui/help_links.py); the top when unknown."""
        if self.page is None:
            return
        url = QUrl.fromLocalFile(str(self.page))
        if section:
            url.setFragment(section)
        self.browser.setSource(url)
        if section and section != "contents":
            self.browser.scrollToAnchor(section)

    def current_section(self) -> str:
        return self.browser.source().fragment()

    def _item_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.show_section(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def _source_changed(self, url: QUrl) -> None:
        item = self.items.get(url.fragment())
        if item is not None and item is not self.contents.currentItem():
            self.contents.blockSignals(True)
            self.contents.setCurrentItem(item)
            self.contents.blockSignals(False)

    def find_next(self) -> bool:
        """Finds the words after the cursor, from the top again at the end."""
        words = self.find_field.text().strip()
        if not words:
            return False
        if self.browser.find(words):
            self.find_result.clear()
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        found = self.browser.find(words)
        self.find_result.setText("" if found else self.tr("Not found"))
        return found

    # -- outside the window --
    def open_in_browser(self) -> None:
        if self.page is not None:
            url = QUrl.fromLocalFile(str(self.page))
            if self.current_section():
                url.setFragment(self.current_section())
            QDesktopServices.openUrl(url)

    def choose_pdf(self) -> None:
        name = "ShipDesk-handleiding.pdf" if self.language == "nl" else "ShipDesk-manual.pdf"
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / name), self.tr("PDF files (*.pdf)")
        )
        if target:
            self.save_pdf(Path(target))

    def save_pdf(self, target: Path) -> bool:
        """The whole manual as an A4 PDF, through Qt's own writer (the same on every OS)."""
        from PySide6.QtGui import QPdfWriter

        writer = QPdfWriter(str(target))
        writer.setTitle(self.windowTitle())
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.browser.document().print_(writer)
        del writer  # finishes the file
        ok = target.is_file() and target.stat().st_size > 0
        self.statusBar().showMessage(
            self.tr("Saved as %1").replace("%1", str(target))
            if ok
            else self.tr("The PDF could not be written to %1").replace("%1", str(target)),
            8000,
        )
        return ok


def open_manual(widget: QWidget | None, section: str = "") -> ManualWindow:
    """Shows the manual at `section` beside the window `widget` is in (one manual per window)."""
    owner = widget.window() if widget is not None else None
    window = owner.findChild(ManualWindow, "manualWindow") if owner is not None else None
    if window is not None and window.language != i18n.current_language():
        window.close()  # in the language the window had before it was switched
        window = None
    if window is None:
        window = ManualWindow(owner)
    window.show_section(section)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
