"""Help → Manual: the owner's manual, offline, in the window's language, opened at a section.

The manual is built from docs/manual/ into resources/manual/<lang>/ (tools/build_manual.py)
and bundled with the app. It is one window of its own, beside the main window (a dialog opened
with open() blocks only the windows it belongs to); a dialog that blocks the whole application
(exec()) gets a manual window of its own, which it does not block.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QPageLayout,
    QPageSize,
)
from PySide6.QtWidgets import (
    QApplication,
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
from shipdesk.ui.widgets import ERROR_STYLE, ask_save_path, text_label


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
    closed = Signal()  # closed by the owner (it is deleted afterwards)

    def __init__(self, parent: QWidget | None = None, language: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("manualWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("ShipDesk manual"))
        self.language = language or i18n.current_language()
        self.page = manual_page(self.language)
        self.resize(self.sizeHint())

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

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    def sizeHint(self) -> QSize:
        wanted = QSize(1160, 780)
        screen = self.screen()
        return wanted.boundedTo(screen.availableSize()) if screen is not None else wanted

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
        """Finds the words after the last match, or else after the top of the part in view;
        from the start again at the end. Not found, the page stays where it was."""
        words = self.find_field.text().strip()
        if not words:
            return False
        document = self.browser.document()
        start = self.browser.textCursor()
        if not start.hasSelection():
            start = self.browser.cursorForPosition(QPoint(0, 0))
        found = document.find(words, start)
        if found.isNull():
            found = document.find(words, 0)
        if found.isNull():
            self.find_result.setText(self.tr("Not found"))
            return False
        self.find_result.clear()
        self.browser.setTextCursor(found)
        self.browser.ensureCursorVisible()
        return True

    # -- outside the window --
    def open_in_browser(self) -> Path | None:
        """The manual in the web browser, at the section in view. Windows and macOS drop the
        #section of a file address handed to the browser, so a small page in the temporary
        folder forwards there instead; that page is returned."""
        if self.page is None:
            return None
        section = self.current_section()
        if not section:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.page)))
            return None
        target = QUrl.fromLocalFile(str(self.page))
        target.setFragment(section)
        address = target.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        forward = Path(tempfile.gettempdir()) / f"shipdesk-manual-{self.language}.html"
        forward.write_text(
            f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" '
            f'content="0; url={address}"><a href="{address}">{self.windowTitle()}</a>\n',
            encoding="utf-8",
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(forward)))
        return forward

    def choose_pdf(self) -> None:
        name = "ShipDesk-handleiding.pdf" if self.language == "nl" else "ShipDesk-manual.pdf"
        target = ask_save_path(self, self.tr("Save as PDF"), name, self.tr("PDF files (*.pdf)"))
        if target is not None:
            self.save_pdf(target)

    def save_pdf(self, target: Path) -> bool:
        """The whole manual as an A4 PDF, through Qt's own writer (the same on every OS),
        written beside the target and then put in its place: an old file is replaced whole or
        not at all (one open in a PDF viewer on Windows stays as it was)."""
        from PySide6.QtGui import QPdfWriter

        partial = target.with_name(f".{target.name}.part")
        writer = QPdfWriter(str(partial))
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
        try:
            ok = partial.stat().st_size > 0
            if ok:
                os.replace(partial, target)
        except OSError:
            ok = False
        partial.unlink(missing_ok=True)
        self.statusBar().showMessage(
            self.tr("Saved as %1").replace("%1", str(target))
            if ok
            else self.tr("The PDF could not be written to %1").replace("%1", str(target)),
            8000,
        )
        return ok


_shared: ManualWindow | None = None  # the one beside the main window


def current() -> ManualWindow | None:
    """The manual window beside the main window, when one is open."""
    return _shared


def _forget() -> None:
    global _shared
    _shared = None


def open_manual(widget: QWidget | None, section: str = "") -> ManualWindow:
    """Shows the manual at `section`: the one manual window of the app, or, asked from a dialog
    that blocks the whole application (exec()), a manual window of that dialog's own."""
    global _shared
    owner = widget.window() if widget is not None else None
    if (
        owner is not None
        and owner is QApplication.activeModalWidget()
        and owner.windowModality() == Qt.WindowModality.ApplicationModal
    ):
        return open_beside(owner, section)
    if _shared is None:
        _shared = ManualWindow()
        # Not a window that keeps ShipDesk running once the main window is closed.
        _shared.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        _shared.closed.connect(_forget)
    return _show(_shared, section)


def open_beside(dialog: QWidget, section: str = "") -> ManualWindow:
    """The manual as a window of `dialog`'s own: one the dialog does not block while it waits
    for its answer, closed with it."""
    return _show(dialog.findChild(ManualWindow) or ManualWindow(dialog), section)


def _show(window: ManualWindow, section: str) -> ManualWindow:
    window.show_section(section)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
