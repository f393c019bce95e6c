"""The Orders tab: imported Amazon orders, searchable and sortable, with the import controls."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services.import_controller import ImportController
from shipdesk.services.importing import ImportProgress, ImportResult
from shipdesk.services.jobs import Job, JobRunner
from shipdesk.services.order_list import OrderListQuery, OrderListSource
from shipdesk.ui import texts
from shipdesk.ui.orders_model import SORT_KEY_BY_COLUMN, OrdersModel
from shipdesk.ui.widgets import hint_label

SEARCH_DELAY_MS = 200
# While an import commits pages, refresh the list at most this often.
LIVE_REFRESH_MS = 700

STATUS_FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("all", ()),
    ("to_ship", ("UNSHIPPED", "PARTIALLY_SHIPPED")),
    ("pending", ("PENDING", "PENDING_AVAILABILITY")),
    ("shipped", ("SHIPPED",)),
    ("cancelled", ("CANCELLED", "UNFULFILLABLE")),
)


class OrdersTab(QWidget):
    refreshed = Signal(int)  # number of rows now shown

    def __init__(
        self,
        source: OrderListSource,
        importer: ImportController,
        runner: JobRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.importer = importer
        self.runner = runner
        self.model = OrdersModel(source, self)
        self._generation = 0
        self._sort_key, self._descending = "created", True
        self._build()
        self._connect()

    # -- layout --
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("orderSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search order number, name, city, postcode or product (Ctrl+F)")
        )
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        names = {
            "all": self.tr("All orders"),
            "to_ship": self.tr("To ship"),
            "pending": self.tr("Awaiting payment"),
            "shipped": self.tr("Shipped"),
            "cancelled": self.tr("Cancelled"),
        }
        for key, statuses in STATUS_FILTERS:
            self.status_filter.addItem(names[key], statuses)
        self.import_button = QPushButton(self.tr("Start import"))
        self.import_button.setObjectName("startImport")
        self.import_button.setToolTip(self.tr("Fetch new and changed orders from Amazon (F5)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 1)
        toolbar.addWidget(self.status_filter)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.import_button)
        toolbar.addWidget(self.cancel_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # Amazon does not say how many pages: show activity
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableView()
        self.table.setObjectName("ordersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 125, 210, 160, 230, 125, 110, 110)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_title = QLabel(self.tr("No orders yet"))
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.empty_text = hint_label(
            self.tr(
                "Connect your Amazon seller account in the Connections tab, then click "
                "“Start import”. New orders also arrive by themselves every few minutes."
            )
        )
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.count_label = QLabel()
        self.count_label.setObjectName("orderCount")

        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._live_timer = QTimer(self, singleShot=True, interval=LIVE_REFRESH_MS)
        self._live_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.import_button.clicked.connect(self.importer.start)
        self.cancel_button.clicked.connect(self.importer.cancel)
        self.importer.running_changed.connect(self._running_changed)
        self.importer.progress.connect(self._progress)
        self.importer.succeeded.connect(self._succeeded)
        self.importer.failed.connect(self._failed)
        self.importer.cancelled.connect(self._cancelled)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.importer.start)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)

    # -- list --
    def query(self) -> OrderListQuery:
        return OrderListQuery(
            search=self.search.text().strip(),
            sort_key=self._sort_key,
            descending=self._descending,
            statuses=tuple(self.status_filter.currentData() or ()),
        )

    def refresh(self) -> None:
        """Re-run the query in a worker; a newer refresh makes older results stale."""
        self._generation += 1
        generation, query = self._generation, self.query()
        job = Job(lambda _report, _cancel: (generation, self.source.ids(query)), "orders-query")
        # Bound methods, not lambdas: Qt drops the connection if this tab is deleted first.
        job.signals.succeeded.connect(self._apply)
        job.signals.failed.connect(self._query_failed)
        self.runner.start(job)

    def _apply(self, result: tuple[int, list[int]]) -> None:
        generation, ids = result
        if generation != self._generation:
            return
        self.model.set_ids(ids)
        query = self.query()
        filtered = bool(query.search or query.statuses)
        self.stack.setCurrentWidget(self.table if ids or filtered else self.empty)
        count = QLocale().toString(len(ids))
        if filtered:
            self.count_label.setText(self.tr("%1 matching orders").replace("%1", count))
        else:
            self.count_label.setText(self.tr("%1 orders").replace("%1", count))
        self.refreshed.emit(len(ids))

    def _query_failed(self, error: Exception) -> None:
        self.message.setText(
            self.tr("The order list could not be read: %1").replace("%1", str(error))
        )

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_KEY_BY_COLUMN.get(column)
        if key is None:  # the Attention column is not sortable: keep the current order
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            current = next(c for c, k in SORT_KEY_BY_COLUMN.items() if k == self._sort_key)
            header.setSortIndicator(
                current,
                Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self._sort_key = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- import feedback --
    def _running_changed(self, running: bool) -> None:
        self.import_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        if running:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Importing orders from Amazon…"))

    def _progress(self, progress: ImportProgress) -> None:
        self.message.setText(
            self.tr("Importing… %1 orders received (%2 new, %3 updated)")
            .replace("%1", str(progress.received))
            .replace("%2", str(progress.inserted))
            .replace("%3", str(progress.updated))
        )
        if not self._live_timer.isActive():
            self._live_timer.start()

    def _succeeded(self, result: ImportResult) -> None:
        self.message.setStyleSheet("")
        if result.received:
            text = self.tr("Import finished: %1 new and %2 updated orders.")
            text = text.replace("%1", str(result.inserted)).replace("%2", str(result.updated))
        else:
            text = self.tr("Import finished: no new or changed orders.")
        self.message.setText(text)
        self.refresh()

    def _failed(self, code: str, detail: str) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(
            self.tr("Import stopped. %1").replace("%1", texts.amazon_error_text(code, detail))
        )
        self.refresh()

    def _cancelled(self) -> None:
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr("Import cancelled. The next import continues where this one stopped.")
        )
        self.refresh()
