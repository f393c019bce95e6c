"""The Overview tab, first when the app opens: today's work at the desk, the alerts, and a
report over a chosen period with its charts. Every figure and alert opens the Orders tab on
exactly the orders it counts. All of it is computed in the background (services/overview.py,
alerts.py, reports.py), so the window paints first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QStandardPaths,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shipdesk.files import write_atomically
from shipdesk.services import alerts, overview, print_settings, reports
from shipdesk.services.carrier_names import carrier_short_name
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import Job, JobRunner, Lane
from shipdesk.ui import alert_texts, help_links, texts
from shipdesk.ui.charts import PALETTE, BarChart, RateChart, Series, Threshold
from shipdesk.ui.widgets import (
    ERROR_STYLE,
    HelpLink,
    hint_label,
    scrolling,
    settings_help,
    text_label,
)

REFRESH_MS = 60_000  # the figures follow the day without the owner asking
WARNING_STYLE = "color: #8a5a00;"


class FigureButton(QPushButton):
    """A count with its caption; clicked, it shows its orders."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.orders: tuple[str, ...] = ()
        self.setMinimumSize(132, 64)
        self.setFlat(False)
        self.set_orders(())

    def set_orders(self, orders: Sequence[str], note: str = "") -> None:
        self.orders = tuple(orders)
        self.setText(f"{len(self.orders)}\n{self.caption}" + (f"\n{note}" if note else ""))
        self.setEnabled(bool(self.orders))
        big = self.font()
        big.setBold(bool(self.orders))
        self.setFont(big)


class AlertRow(QFrame):
    """One alert: what is wrong, what to do, its orders; show them, or acknowledge it."""

    def __init__(self, alert: alerts.Alert, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alert = alert
        self.setObjectName(f"alert_{alert.code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(alert_texts.title(alert))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        if not alert.acknowledged:
            title.setStyleSheet(ERROR_STYLE if alert.severity == alerts.ERROR else WARNING_STYLE)
        todo = hint_label(
            " ".join(filter(None, [alert_texts.todo(alert), alert_texts.orders_text(alert)]))
        )
        # Parented at once: a parentless widget made visible would be a window of its own.
        self.show_button = QPushButton(self.tr("Show orders"), self)
        self.show_button.setVisible(bool(alert.orders))
        self.acknowledge_button = QPushButton(self.tr("Seen"), self)
        self.acknowledge_button.setToolTip(
            self.tr("No notification for this alert until its orders change")
        )
        self.acknowledge_button.setVisible(not alert.acknowledged)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(todo)
        self.help = HelpLink(help_links.section_for("todo", alert.code), self, about_message=True)
        words.addWidget(self.help)
        row = QHBoxLayout(self)
        row.addLayout(words, 1)
        row.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.acknowledge_button, 0, Qt.AlignmentFlag.AlignTop)


class OverviewTab(QWidget):
    open_orders = Signal(str, list)  # a title, the order ids: the Orders tab lists them
    today_shown = Signal()  # today's figures and the alerts shown (the start benchmark)
    alerts_found = Signal(list)  # the alerts just computed (the tray notifies the new ones)
    refreshed = Signal()  # figures, alerts and report shown (tests and benchmarks wait on it)

    def __init__(self, ctx: AppContext, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self._job: Job | None = None
        self._again = False
        self._report: reports.Report | None = None
        self.alert_rows: list[AlertRow] = []
        self._build()
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    # -- layout --
    def _build(self) -> None:
        self.today_box = QGroupBox(self.tr("Today"))
        self.today_box.setObjectName("todayBox")
        self.due_buttons: dict[str, FigureButton] = {}
        self.due_grid = QGridLayout()
        self.first_ship_by = hint_label("")
        self.same_day = FigureButton(self.tr("same day"))
        self.saturday = FigureButton(self.tr("Saturday"))
        self.late = FigureButton(self.tr("late"))
        self.to_review = FigureButton(self.tr("to review"))
        self.not_printed = FigureButton(self.tr("made, not printed"))
        self.not_handed_over = FigureButton(self.tr("printed, not handed over"))
        work = QHBoxLayout()
        for button, title in (
            (self.same_day, self.tr("Same-day delivery")),
            (self.saturday, self.tr("Saturday delivery")),
            (self.late, self.tr("Past their ship-by time")),
            (self.to_review, self.tr("Drafts to review")),
            (self.not_printed, self.tr("Labels made, not printed")),
            (self.not_handed_over, self.tr("Printed, not handed over")),
        ):
            button.clicked.connect(lambda _=False, b=button, t=title: self._open(t, b.orders))
            work.addWidget(button)
        work.addStretch(1)
        due_title = QLabel(self.tr("To ship today"))
        bold = due_title.font()
        bold.setBold(True)
        due_title.setFont(bold)
        today = QVBoxLayout(self.today_box)
        today.addWidget(due_title)
        due_row = QHBoxLayout()
        due_row.addLayout(self.due_grid)
        due_row.addWidget(self.first_ship_by, 1)
        today.addLayout(due_row)
        today.addLayout(work)

        self.alerts_box = QGroupBox(self.tr("Alerts"))
        self.alerts_box.setObjectName("alertsBox")
        self.alerts_layout = QVBoxLayout(self.alerts_box)
        self.ship_by_hours = QSpinBox()
        self.scan_hours = QSpinBox()
        for box, setting, most in (
            (self.ship_by_hours, alerts.SHIP_BY_HOURS, 72),
            (self.scan_hours, alerts.SCAN_HOURS, 168),
        ):
            box.setRange(1, most)
            box.setSuffix(self.tr(" h"))
            box.setValue(alerts.threshold(self.ctx, setting))
            box.valueChanged.connect(lambda value, s=setting: self._threshold_changed(s, value))
        limits = QHBoxLayout()
        limits.addWidget(QLabel(self.tr("Warn about orders due within")))
        limits.addWidget(self.ship_by_hours)
        limits.addSpacing(16)
        limits.addWidget(QLabel(self.tr("and parcels not scanned after")))
        limits.addWidget(self.scan_hours)
        limits.addStretch(1)
        self.alerts_layout.addLayout(limits)
        self.no_alerts = hint_label(self.tr("Nothing needs your attention."))
        self.alerts_layout.addWidget(self.no_alerts)

        self.report_box = QGroupBox(self.tr("Report"))
        self.report_box.setObjectName("reportBox")
        self.first_day = QDateEdit()
        self.last_day = QDateEdit()
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
            edit.dateChanged.connect(self._period_changed)
        week = QPushButton(self.tr("Last 7 days"))
        month = QPushButton(self.tr("Last 30 days"))
        week.clicked.connect(lambda: self.set_period(7))
        month.clicked.connect(lambda: self.set_period(30))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("From")))
        period.addWidget(self.first_day)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.last_day)
        period.addWidget(week)
        period.addWidget(month)
        period.addStretch(1)
        period.addWidget(self.export_button)
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setWordWrap(True)
        self.per_carrier = hint_label("")
        self.parcels_chart = BarChart(self.tr("Parcels per day"))
        self.parcels_chart.setObjectName("parcelsChart")
        self.rates_chart = RateChart(self.tr("Late shipments and valid tracking per day"))
        self.rates_chart.setObjectName("ratesChart")
        charts = QHBoxLayout()
        charts.addWidget(self.parcels_chart, 1)
        charts.addWidget(self.rates_chart, 1)
        report = QVBoxLayout(self.report_box)
        report.addLayout(period)
        report.addWidget(self.figures)
        report.addWidget(self.per_carrier)
        report.addLayout(charts)
        self.error = text_label(name="overviewError")  # may hold a data file's path
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error_help = HelpLink(about_message=True)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.error)
        column.addWidget(self.error_help)
        column.addWidget(self.today_box)
        column.addWidget(self.alerts_box)
        column.addWidget(self.report_box)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        settings_help(content)
        outer.addWidget(scrolling(content))
        self._setting_period = False
        self.set_period(reports.DEFAULT_DAYS, refresh=False)

    # -- period --
    def set_period(self, days: int, *, refresh: bool = True) -> None:
        today = QDate.currentDate()
        self._setting_period = True
        self.last_day.setDate(today)
        self.first_day.setDate(today.addDays(-(days - 1)))
        self._setting_period = False
        if refresh:
            self.refresh()

    def _period_changed(self) -> None:
        if not self._setting_period:
            self.refresh()

    def period(self) -> tuple[dt.date, dt.date]:
        first, last = (
            dt.date(d.year(), d.month(), d.day())
            for d in (self.first_day.date(), self.last_day.date())
        )
        return (first, last) if first <= last else (last, first)

    # -- data --
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def refresh(self) -> None:
        if self._job is not None:  # one at a time: asked again once this one is done
            self._again = True
            return
        self._again = False
        ctx, (first, last) = self.ctx, self.period()

        def work(progress, _cancel):
            # Today's figures and the alerts first (quick), then the report with its charts.
            progress(
                (overview.today(ctx), alerts.current(ctx, printers=print_settings.printer_names))
            )
            return reports.report(ctx, first, last)

        self._job = self.runner.run(
            work,
            "overview",
            lane=Lane.QUERY,
            progress=self._apply_today,
            succeeded=self._apply,
            failed=self._failed,
            finished=self._finished,
        )

    def _finished(self) -> None:
        self._job = None
        if self._again:  # something changed while it ran (an acknowledgement, the period)
            self.refresh()

    def _failed(self, error: Exception) -> None:
        self.error.setText(texts.error_text(error))
        self.error.setVisible(True)
        self.error_help.point_at(help_links.section_for_error(error))

    def _apply_today(self, result: tuple) -> None:
        today, found = result
        self.error.setVisible(False)
        self.error_help.point_at("")
        self._show_today(today)
        self._show_alerts(found)
        self.today_shown.emit()
        self.alerts_found.emit(found)

    def _apply(self, report: reports.Report) -> None:
        self._show_report(report)
        self.refreshed.emit()

    def _show_today(self, today: overview.Today) -> None:
        # Buttons are kept and updated, never deleted under the owner's focus.
        shown = dict(today.due) or {"": ()}
        for carrier, orders in shown.items():
            button = self.due_buttons.get(carrier)
            if button is None:
                name = carrier_short_name(carrier) or (
                    self.tr("no label yet") if today.due else self.tr("nothing due")
                )
                button = FigureButton(name, self.today_box)
                title = self.tr("To ship today: %1").replace("%1", name)
                button.clicked.connect(lambda _=False, b=button, t=title: self._open(t, b.orders))
                self.due_grid.addWidget(button, 0, len(self.due_buttons))
                self.due_buttons[carrier] = button
            button.set_orders(orders)
        for carrier, button in self.due_buttons.items():
            button.setVisible(carrier in shown)
        leave = today.first_ship_by.astimezone().time() if today.first_ship_by else None
        when = (
            self.tr("The next must leave by %1.").replace(
                "%1",
                QLocale().toString(QTime(leave.hour, leave.minute), QLocale.FormatType.ShortFormat),
            )
            if leave is not None and today.due_count
            else ""
        )
        self.first_ship_by.setText(when)
        self.same_day.set_orders(today.same_day)
        self.saturday.set_orders(today.saturday)
        self.late.set_orders(today.late)
        self.to_review.set_orders(today.to_review)
        self.not_printed.set_orders(today.not_printed)
        self.not_handed_over.set_orders(today.not_handed_over)

    def _show_alerts(self, found: list[alerts.Alert]) -> None:
        for row in self.alert_rows:
            self.alerts_layout.removeWidget(row)
            row.deleteLater()
        self.alert_rows = []
        # Unseen first, errors before warnings.
        ordered = sorted(found, key=lambda a: (a.acknowledged, a.severity != alerts.ERROR))
        for alert in ordered:
            row = AlertRow(alert, self.alerts_box)
            row.show_button.clicked.connect(
                lambda _=False, a=alert: self._open(alert_texts.title(a), a.orders)
            )
            row.acknowledge_button.clicked.connect(lambda _=False, a=alert: self.acknowledge(a))
            self.alerts_layout.addWidget(row)
            self.alert_rows.append(row)
        self.no_alerts.setVisible(not found)

    def _threshold_changed(self, setting: tuple[str, int], value: int) -> None:
        alerts.set_threshold(self.ctx, setting, value)
        self.refresh()

    def acknowledge(self, alert: alerts.Alert) -> None:
        alerts.acknowledge(self.ctx, [alert.key])
        self.refresh()

    def _show_report(self, report: reports.Report) -> None:
        self._report = report
        total = report.total
        self.figures.setText(
            "  ·  ".join(
                [
                    self.tr("%1 parcels on %2 labels")
                    .replace("%1", str(total.parcels))
                    .replace("%2", str(total.labels)),
                    self.tr("late shipments %1 (Amazon's limit 4%)").replace(
                        "%1", _percent(total.late_rate)
                    ),
                    self.tr("valid tracking %1 (Amazon's target 95%)").replace(
                        "%1", _percent(total.valid_rate)
                    ),
                    self.tr("%1 returns").replace("%1", str(total.returns)),
                    self.tr("order to label %1, label to first scan %2, to delivery %3")
                    .replace("%1", _hours(report.times.get("orderToLabel")))
                    .replace("%2", _hours(report.times.get("labelToFirstScan")))
                    .replace("%3", _hours(report.times.get("firstScanToDelivery"))),
                ]
            )
        )
        lines = []
        for carrier, counts in sorted(report.carriers.items()):
            lines.append(
                self.tr("%1: %2 parcels, late %3, valid tracking %4, %5 returns")
                .replace("%1", carrier_short_name(carrier))
                .replace("%2", str(counts.parcels))
                .replace("%3", _percent(counts.late_rate))
                .replace("%4", _percent(counts.valid_rate))
                .replace("%5", str(counts.returns))
            )
        self.per_carrier.setText("\n".join(lines))
        day_list = report.day_list()
        locale = QLocale()
        categories = [
            locale.toString(QDate(day.year, day.month, day.day), "d MMM") for day, _ in day_list
        ]
        carriers = report.carrier_keys()
        self.parcels_chart.set_data(
            categories,
            [
                Series(
                    carrier_short_name(carrier),
                    [
                        report.day_carriers[(day, carrier)].parcels
                        if (day, carrier) in report.day_carriers
                        else 0
                        for day, _ in day_list
                    ],
                    PALETTE[n % len(PALETTE)],
                )
                for n, carrier in enumerate(carriers)
            ],
        )
        self.rates_chart.set_data(
            categories,
            [
                Series(self.tr("Late shipments"), [c.late_rate for _, c in day_list], PALETTE[1]),
                Series(self.tr("Valid tracking"), [c.valid_rate for _, c in day_list], PALETTE[2]),
            ],
            [
                Threshold(reports.LATE_SHIPMENT_LIMIT, self.tr("limit 4%")),
                Threshold(reports.VALID_TRACKING_TARGET, self.tr("target 95%"), "#2e7d32"),
            ],
        )

    # -- actions --
    def _open(self, title: str, orders: Sequence[str]) -> None:
        if orders:
            self.open_orders.emit(title, list(orders))

    def export_csv(self) -> None:
        if self._report is None:
            return
        first, last = self.period()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export report"),
            str(Path(folder) / f"shipdesk-report-{first}-{last}.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if chosen:
            self.save_csv(Path(chosen))

    def save_csv(self, path: Path) -> None:
        """The report shown, as CSV (a line per day and carrier)."""
        if self._report is not None:
            write_atomically(path, self._report.csv().encode("utf-8"))


def _percent(value: float | None) -> str:
    return "–" if value is None else QLocale().toString(value * 100, "f", 1) + "%"


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    return QCoreApplication.translate("OverviewTab", "%1 h").replace(
        "%1", QLocale().toString(value, "f", 1)
    )
