"""Finding a pickup point for one label: the carrier's points nearest to a postcode (the
buyer's by default), with distance and today's opening hours (the week in the tooltip).

The search runs off the UI thread in the window's job runner; what went wrong (the carrier
could not be reached, a postcode it does not know, no points there) is said in the list's place.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.services import service_points
from shipdesk.services.context import AppContext
from shipdesk.services.errors import CarrierError, CarrierRejected, NotConnected
from shipdesk.services.jobs import Job, JobRunner
from shipdesk.services.service_points import ServicePoint
from shipdesk.ui import texts
from shipdesk.ui.carrier_texts import option_short_name
from shipdesk.ui.widgets import ERROR_STYLE, dialog_help, hint_label

NAME, ADDRESS, DISTANCE, TODAY = range(4)
translate = QCoreApplication.translate


def point_kind_name(carrier: str) -> str:
    """The carrier's word for its pickup points ("ServicePoint", "ParcelShop")."""
    key = service_points.pickup_option(carrier)
    return option_short_name(key) if key else translate("ServicePointFinder", "pickup point")


def distance_text(metres: int | None) -> str:
    if metres is None:
        return ""
    locale = QLocale()
    if metres < 1000:
        return translate("ServicePointFinder", "%1 m").replace("%1", locale.toString(metres))
    return translate("ServicePointFinder", "%1 km").replace(
        "%1", locale.toString(metres / 1000, "f", 1)
    )


def hours_text(point: ServicePoint, weekday: int) -> str:
    """A day's opening hours ("09:00–18:00"), or closed."""
    periods = point.hours_on(weekday)
    if not point.hours:
        return ""
    if not periods:
        return translate("ServicePointFinder", "closed")
    if all(p.opens == "00:00" and p.closes in ("24:00", "23:59") for p in periods):
        return translate("ServicePointFinder", "day and night")
    return ", ".join(f"{p.opens}–{p.closes}" for p in periods)


def week_text(point: ServicePoint) -> str:
    locale = QLocale()
    lines = [
        f"{locale.dayName(day + 1, QLocale.FormatType.LongFormat)}: {hours_text(point, day)}"
        for day in range(7)
    ]
    return "\n".join(lines)


class ServicePointFinder(QDialog):
    """Choose one of a carrier's pickup points; `chosen` holds it after accept()."""

    searched = Signal()  # an answer (points, none, or an error) is shown

    def __init__(
        self,
        ctx: AppContext,
        runner: JobRunner,
        carrier: str,
        country: str,
        postcode: str,
        current: ServicePoint | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.carrier, self.country = carrier, country.strip().upper()
        self.current = current
        self.chosen: ServicePoint | None = None
        self.points: list[ServicePoint] = []
        self._job: Job | None = None
        kind = point_kind_name(carrier)
        self.setWindowTitle(self.tr("Choose a %1").replace("%1", kind))
        self.resize(900, 460)

        intro = hint_label(
            self.tr(
                "The parcel goes to the %1 you choose; the buyer collects it there with the "
                "track & trace message. Nearest first, from the postcode below."
            ).replace("%1", kind)
        )
        self.postcode = QLineEdit(postcode)
        self.postcode.setObjectName("finderPostcode")
        self.postcode.setMaximumWidth(140)
        self.postcode.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setObjectName("finderSearch")
        self.search_button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Postcode")))
        row.addWidget(self.postcode)
        row.addWidget(QLabel(texts.country_name(self.country) if self.country else ""))
        row.addWidget(self.search_button)
        row.addStretch(1)

        self.list = QTreeWidget()
        self.list.setObjectName("servicePoints")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [self.tr("Name"), self.tr("Address"), self.tr("Distance"), self.tr("Open today")]
        )
        header = self.list.header()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DISTANCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TODAY, QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda *_: self._choose())
        self.message = QLabel()
        self.message.setObjectName("finderMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        dialog_help(self, self.buttons)
        self.choose_button = self.buttons.addButton(
            self.tr("Choose this %1").replace("%1", kind),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.choose_button.setObjectName("finderChoose")
        self.choose_button.setEnabled(False)
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)

    # -- searching --
    def search(self) -> None:
        postcode = self.postcode.text().strip()
        if not postcode:
            self._say(self.tr("Type a postcode to search near."), error=True)
            return
        if self._job is not None:
            self._job.cancel()
        self.list.clear()
        self.points = []
        self.search_button.setEnabled(False)
        self._say(self.tr("Searching…"), error=False)
        ctx, carrier, country = self.ctx, self.carrier, self.country
        self._job = self.runner.run(
            lambda _p, cancel: service_points.find(
                ctx, country, postcode, carrier=carrier, cancel=cancel
            ),
            "service-points",
            succeeded=self._found,
            failed=self._failed,
            finished=lambda: self.search_button.setEnabled(True),
        )

    def _found(self, finding: service_points.Finding) -> None:
        self.search_button.setEnabled(True)  # the answer is there: another search may start
        error = finding.failures.get(self.carrier)
        if error is not None:
            self._failed(error)
            return
        self.points = finding.points
        if not self.points:
            self._say(
                self.tr("There is no %1 near %2. Try the postcode of a nearby town.")
                .replace("%1", point_kind_name(self.carrier))
                .replace("%2", self.postcode.text().strip()),
                error=True,
            )
            self.searched.emit()
            return
        self.message.setVisible(False)
        today = dt.date.today().weekday()
        for point in self.points:
            name = point.name
            if point.kind == service_points.LOCKER:
                name = self.tr("%1 (parcel locker)").replace("%1", point.name)
            item = QTreeWidgetItem(
                [
                    name,
                    point.address_line,
                    distance_text(point.distance_m),
                    hours_text(point, today),
                ]
            )
            item.setData(NAME, Qt.ItemDataRole.UserRole, point.id)
            week = week_text(point)
            for column in range(4):
                item.setToolTip(column, week)
            item.setTextAlignment(
                DISTANCE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.list.addTopLevelItem(item)
            if self.current is not None and point.id == self.current.id:
                item.setSelected(True)
        if not self.list.selectedItems():
            first = self.list.topLevelItem(0)
            assert first is not None  # there are points, so there are items
            self.list.setCurrentItem(first)
        self.searched.emit()

    def _failed(self, error: Exception) -> None:
        self.search_button.setEnabled(True)
        kind = point_kind_name(self.carrier)
        who = texts.carrier_short_name(self.carrier) or self.tr("The carrier")
        if isinstance(error, CarrierRejected) and error.about_destination():
            text = (
                self.tr("%1 does not know the postcode %2 in %3. Check it and search again.")
                .replace("%1", who)
                .replace("%2", self.postcode.text().strip())
                .replace("%3", texts.country_name(self.country))
            )
        elif isinstance(error, NotConnected):
            text = self.tr("Connect %1 in the Connections tab first.").replace("%1", who)
        elif isinstance(error, CarrierError) and error.code in (
            "carrier_unavailable",
            "carrier_rate_limited",
        ):
            text = (
                self.tr(
                    "%1 could not be reached to find a %2. Check the internet connection and "
                    "search again."
                )
                .replace("%1", who)
                .replace("%2", kind)
            )
        else:
            text = self.tr("The search failed: %1").replace("%1", texts.error_text(error))
        self._say(text, error=True)
        self.searched.emit()

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setVisible(True)

    # -- choosing --
    def _selected(self) -> ServicePoint | None:
        items = self.list.selectedItems()
        if not items:
            return None
        wanted = items[0].data(NAME, Qt.ItemDataRole.UserRole)
        return next((p for p in self.points if p.id == wanted), None)

    def _selection_changed(self) -> None:
        self.choose_button.setEnabled(self._selected() is not None)

    def _choose(self) -> None:
        point = self._selected()
        if point is None:
            return
        self.chosen = point
        self.accept()

    def choose_row(self, row: int) -> None:
        """Select the row'th point (keyboard users and tests)."""
        item = self.list.topLevelItem(row)
        if item is not None:
            self.list.setCurrentItem(item)
            item.setSelected(True)
