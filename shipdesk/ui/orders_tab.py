"""The Orders tab: the work list of draft labels, and everything done with them.

Search, views by state, sorting and multi-select over the imported orders; edit a label; create
labels in a batch; print labels and packing slips; mark as shipped; retry what failed. Every
network call and print job runs in the background; results come back as messages here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services.context import AppContext
from shipdesk.services.import_controller import ImportController
from shipdesk.services.jobs import Job, JobRunner, Lane
from shipdesk.services.order_list import (
    OrderListQuery,
    OrderListSource,
    label_possible,
    tracking_link,
)
from shipdesk.services.tracking_controller import TrackingController
from shipdesk.ui import help_links, texts
from shipdesk.ui.orders_model import COLUMNS, SORT_KEY_BY_COLUMN, OrdersModel
from shipdesk.ui.scan_bar import ScanBar
from shipdesk.ui.widgets import ERROR_STYLE, HelpLink, ask_save_path, hint_label, text_label

if TYPE_CHECKING:
    from shipdesk.services import labels as label_service
    from shipdesk.services import printing, tracking
    from shipdesk.services.importing import ImportProgress, ImportResult

# Dialogs, and the services that make, print and send labels (with the carriers' clients and
# printing), are imported when first used, not before the window's first paint.

SEARCH_DELAY_MS = 200
# While an import commits pages, refresh the list at most this often.
LIVE_REFRESH_MS = 700
CHOSEN = "chosen"  # the view of orders an Overview figure or alert names
VIEW_KEYS = (
    "to_ship",
    "all",
    "draft",
    "needs_review",
    "error",
    "created",
    "printed",
    "shipped",
    "pending",
    "cancelled",
)


class OrdersTab(QWidget):
    refreshed = Signal(int)  # number of rows now shown
    work_done = Signal(str, object)  # action name, result (tests and the main window listen)
    printers_chosen = Signal()

    def __init__(
        self,
        ctx: AppContext,
        source: OrderListSource,
        importer: ImportController,
        uploader: TrackingController,
        runner: JobRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.importer = importer
        self.uploader = uploader
        self.runner = runner
        self.model = OrdersModel(source, self)
        self._generation = 0
        self._chosen: tuple[str, ...] = ()  # the orders of the "chosen" view
        self._sort_key, self._descending = "created", True
        self._retryable = 0
        self._action: Job | None = None
        self._build()
        self._connect()

    # -- layout --
    def _build(self) -> None:
        self.scan_bar = ScanBar(self.ctx, self.runner, self)
        self.search = QLineEdit()
        self.search.setObjectName("orderSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search order number, name, city, postcode or product (Ctrl+F)")
        )
        self.view = QComboBox()
        self.view.setObjectName("viewFilter")
        names = {
            "to_ship": self.tr("To ship"),
            "all": self.tr("All orders"),
            "draft": self.tr("Drafts"),
            "needs_review": self.tr("Needs review"),
            "error": self.tr("Errors"),
            "created": self.tr("Labels created"),
            "printed": self.tr("Printed"),
            "shipped": self.tr("Shipped"),
            "pending": self.tr("Awaiting payment"),
            "cancelled": self.tr("Cancelled"),
        }
        for key in VIEW_KEYS:
            self.view.addItem(names[key], key)
        self.import_button = QPushButton(self.tr("Start import"))
        self.import_button.setObjectName("startImport")
        self.import_button.setToolTip(self.tr("Fetch new and changed orders from Amazon (F5)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelWork")
        self.cancel_button.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.view)
        top.addSpacing(12)
        top.addWidget(self.import_button)
        top.addWidget(self.cancel_button)

        self.edit_button = self._action_button(
            self.tr("Edit…"), "editLabel", self.tr("Edit the label (Enter)")
        )
        self.create_button = self._action_button(
            self.tr("Create labels"),
            "createLabels",
            self.tr("Create the selected labels at the carrier (Ctrl+L)"),
        )
        self.print_button = self._action_button(
            self.tr("Print labels"),
            "printLabels",
            self.tr("Print the selected labels in one job (Ctrl+P)"),
        )
        self.slips_button = QToolButton()
        self.slips_button.setObjectName("packingSlips")
        self.slips_button.setText(self.tr("Packing slips"))
        self.slips_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.slips_button.setToolTip(
            self.tr("Print packing slips for the selection (Ctrl+Shift+P)")
        )
        menu = QMenu(self.slips_button)
        self.print_slips_action = menu.addAction(self.tr("Print"))
        self.save_slips_action = menu.addAction(self.tr("Save as PDF…"))
        menu.addSeparator()
        self.print_picks_action = menu.addAction(self.tr("Print pick list"))
        self.print_picks_action.setObjectName("printPickList")
        self.print_picks_action.setToolTip(
            self.tr("The items to take from the shelves for the selection, per SKU")
        )
        self.save_picks_action = menu.addAction(self.tr("Pick list as PDF…"))
        self.slips_button.setMenu(menu)
        # Rare and final (Amazon cannot take it back): out of the everyday row, in "More".
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreActions")
        self.more_button.setText(self.tr("More"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.bulk_action = more.addAction(self.tr("Change selected drafts…"))
        self.bulk_action.setObjectName("bulkEdit")
        self.bulk_action.setToolTip(self.tr("Size, weight or parcels for many drafts at once"))
        # Without a label printer at hand (or to print on another computer): the job as a file.
        self.save_labels_action = more.addAction(self.tr("Save labels to a file…"))
        self.save_labels_action.setObjectName("saveLabels")
        self.save_labels_action.setToolTip(
            self.tr(
                "The selected labels in one PDF (or ZPL) file, to print elsewhere; they count as "
                "printed, and their tracking numbers go to Amazon"
            )
        )
        more.addSeparator()
        self.shipped_action = more.addAction(self.tr("Mark shipped without printing…"))
        self.shipped_action.setObjectName("markShipped")
        self.shipped_action.setToolTip(
            self.tr("Tell Amazon these orders are shipped, with their tracking numbers")
        )
        self.more_button.setMenu(more)
        self.retry_button = self._action_button(
            self.tr("Retry failed"),
            "retryFailed",
            self.tr("Create failed labels again and resend refused tracking numbers"),
        )
        self.printers_button = self._action_button(
            self.tr("Printers…"), "printers", self.tr("Choose the printers and label format")
        )
        actions = QHBoxLayout()
        for widget in (
            self.edit_button,
            self.create_button,
            self.print_button,
            self.slips_button,
            self.retry_button,
            self.more_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.printers_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("workProgress")
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.message = text_label(name="importMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_help = HelpLink(about_message=True)

        self.table = QTableView()
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            COLUMNS.index("created"), Qt.SortOrder.DescendingOrder
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        widths = {
            "order": 168, "created": 118, "recipient": 160, "destination": 140, "state": 104,
            "note": 210, "ship_by": 118, "options": 130, "size": 62, "tracking": 170,
            "carrier": 56,
        }  # fmt: skip
        # Never narrower than the header's own words (Dutch ones run longer), sort arrow too.
        metrics = header.fontMetrics()
        for column, width in widths.items():
            index = COLUMNS.index(column)
            title = str(self.model.headerData(index, Qt.Orientation.Horizontal))
            header.resizeSection(index, max(width, metrics.horizontalAdvance(title) + 34))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_title = QLabel(self.tr("No orders yet"))
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.empty_text = hint_label(
            self.tr(
                "Connect your carrier and your Amazon seller account in the Connections tab, "
                "then click “Start import”. New orders also arrive by themselves every few "
                "minutes, each with a draft label."
            )
        )
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.count_label = text_label(name="orderCount")
        self.tracking_label = text_label(name="trackingStatus")
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.tracking_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scan_bar)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        message = QHBoxLayout()
        message.addWidget(self.message, 1)
        message.addWidget(self.message_help, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(message)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)
        self._update_actions()

    def _action_button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._live_timer = QTimer(self, singleShot=True, interval=LIVE_REFRESH_MS)
        self._live_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.view.currentIndexChanged.connect(lambda _: self.refresh())
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.import_button.clicked.connect(self.importer.start)
        self.cancel_button.clicked.connect(self._cancel)
        self.importer.running_changed.connect(self._running_changed)
        self.importer.progress.connect(self._import_progress)
        self.importer.succeeded.connect(self._import_succeeded)
        self.importer.failed.connect(self._import_failed)
        self.importer.cancelled.connect(self._import_cancelled)
        self.uploader.finished.connect(self._uploaded)
        self.uploader.followed.connect(self._followed)
        self.scan_bar.needs_review.connect(self._open_label)
        self.scan_bar.done.connect(self._scanned)
        # Lambdas: clicked(bool) would otherwise land in the slots' first parameter.
        for signal, slot in (
            (self.edit_button.clicked, self.edit_selected),
            (self.create_button.clicked, self.create_selected),
            (self.print_button.clicked, self.print_selected),
            (self.slips_button.clicked, self.print_slips),
            (self.print_slips_action.triggered, self.print_slips),
            (self.save_slips_action.triggered, self.save_slips),
            (self.print_picks_action.triggered, self.print_pick_list),
            (self.save_picks_action.triggered, self.save_pick_list),
            (self.shipped_action.triggered, self.mark_shipped),
            (self.bulk_action.triggered, self.bulk_edit),
            (self.save_labels_action.triggered, self.choose_label_file),
            (self.retry_button.clicked, self.retry_failed),
            (self.printers_button.clicked, self.choose_printers),
        ):
            signal.connect(lambda _checked=False, slot=slot: slot())
        shortcuts: tuple[tuple[QKeySequence | QKeySequence.StandardKey, Callable[[], object]], ...]
        shortcuts = (
            (QKeySequence.StandardKey.Find, self.search.setFocus),
            (QKeySequence(Qt.Key.Key_F5), self.importer.start),
            (QKeySequence("Ctrl+L"), self.create_selected),
            (QKeySequence.StandardKey.Print, self.print_selected),
            (QKeySequence("Ctrl+Shift+P"), self.print_slips),
            (QKeySequence("Ctrl+E"), self.edit_selected),
        )
        for key, act in shortcuts:
            QShortcut(key, self, act)
        # Enter opens the selected label only from the table: in the scan field it ends a scan.
        edit_key = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected)
        edit_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)

    # -- the list --
    def query(self) -> OrderListQuery:
        view = self.view.currentData() or "all"
        return OrderListQuery(
            search=self.search.text().strip(),
            sort_key=self._sort_key,
            descending=self._descending,
            view="all" if view == CHOSEN else view,
            order_ids=self._chosen if view == CHOSEN else None,
        )

    def show_orders(self, title: str, order_ids: Sequence[str]) -> None:
        """List only these orders (an Overview figure's or alert's), under `title` in the view
        list; choosing another view there goes back to the usual lists."""
        self._chosen = tuple(order_ids)
        index = self.view.findData(CHOSEN)
        if index < 0:
            self.view.addItem(title, CHOSEN)
            index = self.view.count() - 1
        self.view.setItemText(index, title)
        self.search.clear()
        if self.view.currentIndex() == index:
            self.refresh()
        else:
            self.view.setCurrentIndex(index)  # refreshes

    def refresh(self) -> None:
        """Re-run the query in a worker; a newer refresh makes older results stale."""
        self._generation += 1
        generation, query = self._generation, self.query()
        # Bound methods, not lambdas: Qt drops the connection if this tab is deleted first.
        self.runner.run(
            lambda _report, _cancel: self._read_list(generation, query),
            "orders-query",
            lane=Lane.QUERY,
            succeeded=self._apply,
            failed=self._query_failed,
        )

    def _read_list(self, generation: int, query: OrderListQuery) -> tuple:
        """In the worker: the rows in order, and the counts the toolbar shows with them."""
        counts, failed_labels = self.source.work_counts()
        return generation, self.source.ids(query), counts, failed_labels

    def _apply(self, result: tuple) -> None:
        generation, ids, counts, failed_labels = result
        if generation != self._generation:
            return
        model_ids = self.model.ids
        selected = {model_ids[i.row()] for i in self.table.selectionModel().selectedRows()}
        self.model.set_ids(ids)
        self._reselect(selected)
        query = self.query()
        total_empty = not ids and not query.search and query.view in ("all", "to_ship")
        self.stack.setCurrentWidget(self.empty if total_empty and self._no_orders() else self.table)
        self.count_label.setText(self.tr("%Ln order(s) shown", "", len(ids)))
        # "Retry failed" is offered only when something failed: a label or an upload.
        self._retryable = counts.get("needs_attention", 0) + failed_labels
        self._show_tracking_status(counts)
        self._update_actions()
        self.refreshed.emit(len(ids))

    def _no_orders(self) -> bool:
        return self.source.count() == 0

    def _reselect(self, ids: set[int]) -> None:
        """Select again the rows that were selected, by their ids: no row is read for it."""
        if not ids:
            return
        selection = self.table.selectionModel()
        for row, row_id in enumerate(self.model.ids):
            if row_id in ids:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _query_failed(self, error: Exception) -> None:
        self._say(
            self.tr("The order list could not be read: %1").replace("%1", str(error)), error=True
        )

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEY_BY_COLUMN.get(column)
        if key is None:  # the Attention column is not sortable: keep the current order
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            current = next(c for c, k in SORT_KEY_BY_COLUMN.items() if k == self._sort_key)
            direction = (
                Qt.SortOrder.DescendingOrder if self._descending else (Qt.SortOrder.AscendingOrder)
            )
            header.setSortIndicator(current, direction)
            header.blockSignals(False)
            return
        self._sort_key = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # The columns' widths, order and sort survive a restart; a change of columns starts afresh.
    _HEADER_KEY = "orders/header_" + "_".join(COLUMNS)

    def save_view(self, settings: QSettings) -> None:
        settings.setValue(self._HEADER_KEY, self.table.horizontalHeader().saveState())

    def restore_view(self, settings: QSettings) -> None:
        """Before the first refresh: the widths and sort the owner left the list with."""
        state = settings.value(self._HEADER_KEY)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        try:
            restored = state is not None and header.restoreState(state)
        finally:
            header.blockSignals(False)
        key = SORT_KEY_BY_COLUMN.get(header.sortIndicatorSection())
        if restored and key is not None:
            self._sort_key = key
            self._descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def selected_rows(self) -> list:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(row) for row in rows) if r is not None]

    def selected_order_ids(self) -> list[str]:
        return [row.order_id for row in self.selected_rows()]

    def _update_actions(self) -> None:
        rows = self.selected_rows()
        busy = self._action is not None
        states = {row.label_state for row in rows}
        # Without a label yet (the automatic drafts may be off) a label can be made by hand.
        by_hand = any(row.label_id is None and label_possible(row) for row in rows)
        self.edit_button.setEnabled(not busy and len(rows) == 1 and label_possible(rows[0]))
        self.create_button.setEnabled(not busy and (bool(states & {"draft", "error"}) or by_hand))
        self.print_button.setEnabled(not busy and bool(states & {"created", "printed", "shipped"}))
        self.slips_button.setEnabled(not busy and bool(rows))
        self.shipped_action.setEnabled(not busy and bool(states & {"created", "printed"}))
        self.save_labels_action.setEnabled(self.print_button.isEnabled())
        self.bulk_action.setEnabled(not busy and bool(states & {"draft", "needs_review", "error"}))
        self.retry_button.setEnabled(not busy and self._retryable > 0)

    def _show_tracking_status(self, counts: dict[str, int]) -> None:
        parts = []
        if counts.get("pending"):
            parts.append(
                self.tr("%Ln tracking number(s) on their way to Amazon", "", counts["pending"])
            )
        if counts.get("needs_attention"):
            parts.append(
                self.tr("%Ln refused by Amazon: see Errors", "", counts["needs_attention"])
            )
        self.tracking_label.setText(" · ".join(parts))
        self.tracking_label.setStyleSheet(ERROR_STYLE if counts.get("needs_attention") else "")

    def _context_menu(self, position) -> None:
        """Right-click on a row: what can be done with it, and its track & trace pages."""
        rows = self.selected_rows()
        if not rows:
            return
        menu = QMenu(self)
        for button in (self.edit_button, self.create_button, self.print_button):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        if len(rows) == 1 and rows[0].tracker_codes:
            menu.addSeparator()
            for number in rows[0].tracker_codes:
                url = tracking_link(rows[0], number)
                action = menu.addAction(
                    self.tr("Track & trace %1").replace("%1", number).replace("&", "&&"),
                    functools.partial(QDesktopServices.openUrl, QUrl(url or "")),
                )
                action.setEnabled(url is not None)
            menu.addAction(
                self.tr("Copy tracking number"),
                lambda: QGuiApplication.clipboard().setText("\n".join(rows[0].tracker_codes)),
            )
        self.context_menu = menu  # tests reach the open menu here
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- messages and busy state --
    def _say(self, text: str, *, error: bool = False, section: str = "") -> None:
        """A message above the list; `section`: the manual's part that says what to do."""
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message_help.point_at(section)

    def _busy(self, job: Job | None, progress_max: int = 0) -> None:
        self._action = job
        running = job is not None or self.importer.running
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        self.progress.setRange(0, progress_max)
        self.import_button.setEnabled(job is None and not self.importer.running)
        self._update_actions()

    def _cancel(self) -> None:
        if self._action is not None:
            self._action.cancel()
        self.importer.cancel()

    def _run(self, name: str, fn, on_success, progress_max: int = 0, on_progress=None) -> None:
        if self._action is not None:
            return
        job = self.runner.run(
            fn,
            name,
            progress=on_progress,
            succeeded=on_success,
            failed=self._action_failed,
            cancelled=self._action_cancelled,
            finished=self._action_finished,
        )
        self._busy(job, progress_max)

    def _action_failed(self, error: Exception) -> None:
        name = self._action.name if self._action is not None else "action"
        self._show_failure(error)
        self.work_done.emit(f"{name}:failed", error)

    def _show_failure(self, error: Exception) -> None:
        self._say(texts.error_text(error), error=True, section=help_links.section_for_error(error))

    def _action_cancelled(self) -> None:
        self._say(self.tr("Stopped. Nothing half-done was lost; run it again to continue."))

    def _action_finished(self) -> None:
        self._busy(None)
        self.refresh()

    # -- actions --
    def edit_selected(self) -> None:
        from shipdesk.services import labels as label_service

        rows = self.selected_rows()
        if len(rows) != 1 or not label_possible(rows[0]):
            return
        if rows[0].label_id is not None:
            self._open_label(rows[0].label_id)
            return
        # No label yet (automatic drafts are off, say): make the draft from the settings first.
        order_id = rows[0].order_id
        self._say(self.tr("Making a draft label for %1…").replace("%1", order_id))
        self._run(
            "make-draft",
            lambda _r, cancel: label_service.draft_for_order(self.ctx, order_id, cancel),
            self._draft_made,
        )

    def _draft_made(self, result: tuple) -> None:
        label_id, drafts = result
        if label_id is None:
            section = help_links.draft_not_made_section(drafts.skipped_reason, drafts.unchecked)
            self._say(texts.draft_not_made_text(drafts), error=True, section=section)
            return
        self._say("")
        self._open_label(label_id)

    def _open_label(self, label_id: int) -> None:
        from shipdesk.ui.label_dialog import LabelDialog

        dialog = LabelDialog(self.ctx, self.runner, label_id, self)
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.acknowledged.connect(self.refresh)
        dialog.acted.connect(self._label_acted)
        dialog.finished.connect(lambda _result: self.scan_bar.field.setFocus())
        self.dialog = dialog  # tests reach the open dialog here
        dialog.open()

    def _scanned(self, outcome: object) -> None:
        if getattr(outcome, "ok", False):
            self.uploader.upload_if_enabled()  # a carrier that sends on printing: now
        self.work_done.emit("scan", outcome)
        self.refresh()

    def showEvent(self, event) -> None:
        # At the packing desk the scanner types into the scan field: it has the focus whenever
        # the tab shows (the owner's typing elsewhere, a search, is one click away).
        super().showEvent(event)
        QTimer.singleShot(0, self.scan_bar.field.setFocus)

    def _label_acted(self, text: str) -> None:
        self._say(text)
        self.refresh()

    def create_selected(self, label_ids: list[int] | None = None) -> None:
        from shipdesk.services import labels as label_service

        chosen: list[int] | list[str]
        if label_ids is not None:  # retry failed
            chosen = ids = label_ids

            def work(report, cancel):
                return label_service.create_labels(self.ctx, ids, report, cancel)
        else:
            chosen = orders = self.selected_order_ids()

            def work(report, cancel):
                return label_service.create_for_orders(self.ctx, orders, report, cancel)

        if not chosen:
            return
        self._say(self.tr("Creating labels…"))
        self._run(
            "create-labels",
            work,
            self._created,
            progress_max=len(chosen),
            on_progress=self._create_progress,
        )

    def _create_progress(self, progress: label_service.BatchProgress) -> None:
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        self._say(
            self.tr("Creating labels… %1 of %2 done (%3 failed)")
            .replace("%1", str(progress.done))
            .replace("%2", str(progress.total))
            .replace("%3", str(progress.failed))
        )

    def _created(self, result: label_service.BatchProgress) -> None:
        text = self.tr("%Ln label(s) created.", "", result.created)
        if result.failed:
            text += " " + self.tr(
                "%1 failed: see the Attention column, fix them and choose Retry failed."
            ).replace("%1", str(result.failed))
        if result.skipped:
            text += " " + self.tr("%1 skipped (needing review or already created).").replace(
                "%1", str(result.skipped)
            )
        drafts = result.drafts
        if drafts is not None and (drafts.skipped_reason or drafts.unchecked):
            text += " " + texts.draft_not_made_text(drafts)
        failed = result.failed or (result.drafts is not None and result.drafts.skipped_reason)
        for outcome in result.outcomes:
            if outcome.return_problem is not None:
                problem = outcome.return_problem
                text += " " + self.tr("%1: its return label was not made: %2").replace(
                    "%1", outcome.order_id
                ).replace("%2", texts.return_error_text(problem, problem.service))
            if outcome.amazon_has_voided:
                text += " " + texts.amazon_has_voided_text(
                    outcome.order_id, outcome.amazon_has_voided, outcome.tracker_codes
                )
        section = ""
        if result.failed:
            section = help_links.section_for("label_state_name", "error")
        elif failed and drafts is not None:
            section = help_links.draft_not_made_section(drafts.skipped_reason, drafts.unchecked)
        self._say(text, error=bool(failed), section=section)
        self.work_done.emit("create", result)

    def print_selected(self) -> None:
        from shipdesk.services import printing

        ids = printing.labels_for_orders(self.ctx, self.selected_order_ids())
        if not ids:
            return
        self._say(self.tr("Printing labels…"))
        self._run(
            "print-labels",
            lambda _r, cancel: printing.print_labels(self.ctx, ids, cancel),
            self._printed,
        )

    def choose_label_file(self) -> None:
        from shipdesk.services import printing

        ids = printing.labels_for_orders(self.ctx, self.selected_order_ids())
        if not ids:
            return
        zpl = printing.load_settings(self.ctx).label_format == "zpl"
        chosen = ask_save_path(
            self,
            self.tr("Save labels"),
            "labels.zpl" if zpl else "labels.pdf",
            self.tr("ZPL files (*.zpl)") if zpl else self.tr("PDF files (*.pdf)"),
        )
        if chosen is not None:
            self.save_labels(ids, chosen)

    def save_labels(self, label_ids: list[int], target: Path) -> None:
        """The labels into one file instead of a printer: printed as far as ShipDesk and
        Amazon are concerned (the owner has them)."""
        from shipdesk.services import printing

        self._say(self.tr("Saving labels…"))
        self._run(
            "save-labels",
            lambda _r, cancel: printing.print_labels(self.ctx, label_ids, cancel, to_file=target),
            self._labels_saved,
        )

    def _labels_saved(self, result: printing.LabelsPrinted) -> None:
        saved = self.tr("%Ln label page(s) saved as %1.", "", result.pages)
        self._labels_done(result, saved.replace("%1", result.printer), "save-labels")

    def _printed(self, result: printing.LabelsPrinted) -> None:
        sent = self.tr("Sent %Ln page(s) to %1.", "", result.pages)
        self._labels_done(result, sent.replace("%1", result.printer), "print")

    def _labels_done(self, result: printing.LabelsPrinted, text: str, event: str) -> None:
        """Printed or saved: what was left out and why, tracking to Amazon, and (printed at
        the desk) the packing slips when the print settings say so."""
        from shipdesk.services import printing

        section = ""
        for missing in result.not_printed:
            text += " " + texts.not_printed_text(missing.order_id, missing.code)
            section = section or help_links.section_for("not_printed_text", missing.code)
        self._say(text, error=bool(result.not_printed), section=section)
        self.uploader.upload_if_enabled()
        self.work_done.emit(event, result)
        if event == "print" and printing.load_settings(self.ctx).slips_with_labels:
            QTimer.singleShot(0, self.print_slips)

    def print_slips(self) -> None:
        from shipdesk.services import printing

        orders = self.selected_order_ids()
        if not orders:
            return
        self._run(
            "print-slips",
            lambda _r, _c: printing.print_packing_slips(self.ctx, orders),
            self._slips_printed,
        )

    def _slips_printed(self, result) -> None:
        self._say(self.tr("Packing slips sent to %1.").replace("%1", result.printer))
        self.work_done.emit("slips", result)

    def save_slips(self) -> None:
        from shipdesk.services import printing

        orders = self.selected_order_ids()
        if not orders:
            return
        target = ask_save_path(
            self, self.tr("Save packing slips"), "pakbonnen.pdf", self.tr("PDF files (*.pdf)")
        )
        if target is None:
            return
        self._run(
            "save-slips",
            lambda _r, _c: printing.save_packing_slips(self.ctx, orders, target),
            self._slips_saved,
        )

    def _slips_saved(self, path: Path) -> None:
        self._say(self.tr("Packing slips saved as %1.").replace("%1", str(path)))
        self.work_done.emit("save-slips", path)

    def bulk_edit(self) -> None:
        from shipdesk.services import labels as label_service

        rows = [row for row in self.selected_rows() if row.label_id is not None]
        if not rows:
            return
        ids = [row.label_id for row in rows]
        from shipdesk.ui.bulk_edit_dialog import BulkEditDialog

        self.bulk_dialog = BulkEditDialog(
            len(ids),
            self,
            ctx=self.ctx,
            runner=self.runner,
            carriers=label_service.connected_carriers(self.ctx),
            selected_carriers=[row.carrier for row in rows],
        )
        self.bulk_dialog.accepted.connect(lambda: self._bulk_chosen(ids))
        self.bulk_dialog.open()

    def _bulk_chosen(self, ids: list[int]) -> None:
        from shipdesk.services import labels as label_service

        changes = self.bulk_dialog.changes()
        more = self.bulk_dialog.carrier_changes()
        try:
            result = label_service.bulk_edit(self.ctx, ids, **changes)
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        if not (more["carrier"] or more["add"] or more["remove"]):
            self._bulk_done(result)
            return
        # Another carrier or options: each draft checked at the carrier, in the background.
        self._say(self.tr("Changing the selected drafts…"))
        self._run(
            "bulk-edit",
            lambda _r, cancel: label_service.bulk_change(self.ctx, ids, cancel=cancel, **more),
            self._bulk_done,
        )

    def _bulk_done(self, result: label_service.BulkEdited) -> None:
        text = self.tr("%Ln draft(s) changed.", "", result.changed)
        made = [s for s in result.skipped if s.reason in ("made", "unclear", "not_creatable")]
        review = [s for s in result.skipped if s.reason == "needs_review"]
        refused = [s for s in result.skipped if s.reason in ("refused", "carrier_refused")]
        if made:
            text += " " + self.tr(
                "%Ln left as they were (their labels are made already).", "", len(made)
            )
        if review:
            text += " " + self.tr("%Ln need review first: open them one by one.", "", len(review))
        for skipped in refused:
            first = skipped.review[0] if skipped.review else None
            why = (
                texts.notice_text(first["code"], first.get("option"), first.get("detail", ""))
                if first
                else skipped.message
            )
            text += " " + self.tr("%1 not changed: %2").replace("%1", skipped.order_id).replace(
                "%2", why
            )
        review_section = help_links.section_for("label_state_name", "needs_review")
        self._say(text, error=bool(refused), section=review_section if refused else "")
        self.work_done.emit("bulk-edit", result)
        self.refresh()

    def _pick_language(self) -> str:
        return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"

    def print_pick_list(self) -> None:
        from shipdesk.services import pick_list as pick_lists

        orders, language = self.selected_order_ids(), self._pick_language()
        if not orders:
            return
        self._run(
            "print-pick-list",
            lambda _r, _c: pick_lists.print_pick_list(self.ctx, orders, language),
            self._picks_printed,
        )

    def _picks_printed(self, result: tuple) -> None:
        printed, picks = result
        self._say(
            self.tr("Pick list for %Ln order(s) sent to %1.", "", len(picks.orders)).replace(
                "%1", printed.printer
            )
        )
        self.work_done.emit("pick-list", picks)

    def save_pick_list(self) -> None:
        from shipdesk.services import pick_list as pick_lists

        orders, language = self.selected_order_ids(), self._pick_language()
        if not orders:
            return
        stamp = QDateTime.currentDateTime().toString("yyyyMMdd-HHmm")
        target = ask_save_path(
            self,
            self.tr("Save the pick list"),
            f"{'picklijst' if language == 'nl' else 'pick-list'}-{stamp}.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if target is None:
            return
        self._run(
            "save-pick-list",
            lambda _r, _c: pick_lists.save_pick_list(self.ctx, orders, target, language),
            self._picks_saved,
        )

    def _picks_saved(self, result: tuple) -> None:
        path, picks = result
        self._say(self.tr("Pick list saved: %1").replace("%1", str(path)))
        self.work_done.emit("pick-list", picks)

    def mark_shipped(self) -> None:
        """Ask first: Amazon is told at once and cannot take it back."""
        from shipdesk.services import printing

        rows = [r for r in self.selected_rows() if r.label_state in ("created", "printed")]
        if not rows:
            return
        unprinted = [r.order_id for r in rows if r.label_state == "created"]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "ShipDesk",
            self.tr("Tell Amazon that %Ln order(s) are shipped?", "", len(rows)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        detail = self.tr(
            "Their tracking numbers go to Amazon now, and Amazon cannot take them back. Use "
            "this only for parcels that were handed to the carrier."
        )
        if unprinted:
            detail += "\n\n" + self.tr(
                "%Ln of them have no printed label: %1", "", len(unprinted)
            ).replace("%1", ", ".join(unprinted[:10]) + (" …" if len(unprinted) > 10 else ""))
            check = QCheckBox(self.tr("Also send the orders without a printed label"), box)
            box.setCheckBox(check)
        box.setInformativeText(detail)
        tell = box.button(QMessageBox.StandardButton.Yes)
        tell.setText(self.tr("Tell Amazon"))
        if len(unprinted) == len(rows):  # without the box ticked there is nothing to send
            tell.setEnabled(False)
            check.toggled.connect(tell.setEnabled)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.shipped_question = box  # tests answer it here
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        include = bool(unprinted) and check.isChecked()
        orders = [r.order_id for r in rows]
        self._run(
            "mark-shipped",
            lambda _r, _c: printing.mark_shipped(
                self.ctx, printing.labels_for_orders(self.ctx, orders), include_unprinted=include
            ),
            self._shipped_queued,
        )

    def _shipped_queued(self, queued: tracking.Queued) -> None:
        text = self.tr("%Ln tracking number(s) queued for Amazon.", "", queued.added)
        if queued.nothing_left:
            text += " " + self.tr(
                "Amazon already has everything in %1 as shipped; nothing was sent for it."
            ).replace("%1", ", ".join(queued.nothing_left))
        if queued.unsendable:
            text += " " + self.tr(
                "Amazon cannot be told about %1: its marketplace or items are unknown. Confirm "
                "it in Seller Central."
            ).replace("%1", ", ".join(queued.unsendable))
        tracking_section = help_links.section_for("upload_state_name", "needs_attention")
        self._say(
            text,
            error=bool(queued.unsendable),
            section=tracking_section if queued.unsendable else "",
        )
        self.uploader.upload_now()
        self.work_done.emit("mark-shipped", queued)

    def retry_failed(self) -> None:
        from shipdesk.services import labels as label_service
        from shipdesk.services import tracking

        resent = tracking.retry_attention(self.ctx)
        if resent:
            self.uploader.upload_now()
        failed = label_service.retry_failed_ids(self.ctx)
        if failed:
            self.create_selected(failed)
        elif resent:
            self._say(self.tr("%Ln tracking number(s) sent again.", "", resent))
        else:
            self._say(self.tr("Nothing has failed."))

    def choose_printers(self) -> None:
        from shipdesk.ui.printer_dialog import PrinterDialog

        dialog = PrinterDialog(self.ctx, self.runner, self)
        self.printer_dialog = dialog
        dialog.accepted.connect(self.printers_chosen)
        dialog.open()

    # -- import feedback --
    def _running_changed(self, running: bool) -> None:
        self._busy(self._action)
        if running:
            self._say(self.tr("Importing orders from Amazon…"))

    def _import_progress(self, progress: ImportProgress) -> None:
        self._say(
            self.tr("Importing… %Ln order(s) received", "", progress.received)
            + " "
            + self.tr("(%1 new, %2 updated)")
            .replace("%1", str(progress.inserted))
            .replace("%2", str(progress.updated))
        )
        if not self._live_timer.isActive():
            self._live_timer.start()

    def _import_succeeded(self, result: ImportResult) -> None:
        if result.received:
            text = (
                self.tr("Import finished: %1 new, %2 updated.")
                .replace("%1", str(result.inserted))
                .replace("%2", str(result.updated))
            )
        else:
            text = self.tr("Import finished: no new or changed orders.")
        drafts = result.drafts
        if drafts is not None and drafts.made:
            text += " " + self.tr("%Ln draft label(s) made", "", drafts.made)
            text += " " + self.tr("(%1 to review).").replace("%1", str(drafts.needs_review))
        if drafts is not None and drafts.unchecked:
            text += " " + self.tr(
                "The carrier could not be asked about %Ln order(s); ShipDesk tries again.",
                "",
                drafts.unchecked,
            )
        failed = drafts is not None and drafts.skipped_reason == "failed"
        if failed:
            text += " " + self.tr(
                "Draft labels could not be made: %1 ShipDesk tries again after the next import."
            ).replace("%1", texts.sentence(" ".join(drafts.problems)))
        section = help_links.section_for("draft_not_made_text", "failed") if failed else ""
        self._say(text, error=failed, section=section)
        self.refresh()

    def _import_failed(self, code: str, detail: str) -> None:
        self._say(
            self.tr("Import stopped. %1").replace("%1", texts.amazon_error_text(code, detail)),
            error=True,
            section=help_links.section_for("amazon_error_text", code),
        )
        self.refresh()

    def _import_cancelled(self) -> None:
        self._say(self.tr("Import cancelled. The next import continues where this one stopped."))
        self.refresh()

    def _followed(self, result) -> None:
        if result.checked:  # statuses changed: show them
            self.refresh()

    def _uploaded(self, result: tracking.UploadResult) -> None:
        if result.due:
            self.refresh()
