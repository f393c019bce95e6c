"""Small charts drawn with QPainter: bars per day (stacked per series) and rate lines against a
threshold, with the values under the mouse in a tooltip.

Qt Charts and Qt Graphs are licensed GPLv3 or commercially only, and plotting libraries that
pull numpy do not fit the bundle: these two cover what the reports need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Distinct in colour and in lightness (readable in grey, and for the colour-blind).
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per category; None: no value that day
    color: str


@dataclass(frozen=True)
class Threshold:
    value: float
    label: str
    color: str = "#c62828"


class _Chart(QWidget):
    """The frame both charts share: a title, a y axis with a few ticks, category labels."""

    MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 12, 26, 34

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def plot_rect(self) -> QRectF:
        return QRectF(
            self.MARGIN_LEFT,
            self.MARGIN_TOP,
            max(1, self.width() - self.MARGIN_LEFT - self.MARGIN_RIGHT),
            max(1, self.height() - self.MARGIN_TOP - self.MARGIN_BOTTOM),
        )

    def top_value(self) -> float:
        raise NotImplementedError

    def tick_text(self, value: float) -> str:
        return f"{value:g}"

    def y_of(self, value: float) -> float:
        plot = self.plot_rect()
        top = self.top_value() or 1
        return plot.bottom() - plot.height() * (value / top)

    def slot(self, index: int) -> QRectF:
        """The column of a category."""
        plot = self.plot_rect()
        width = plot.width() / max(1, len(self.categories))
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def index_at(self, x: float) -> int | None:
        plot = self.plot_rect()
        if not self.categories or not plot.left() <= x <= plot.right():
            return None
        width = plot.width() / len(self.categories)
        return min(len(self.categories) - 1, int((x - plot.left()) / width))

    def paint_frame(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.windowText().color()
        grid = QColor(text)
        grid.setAlpha(40)
        plot = self.plot_rect()
        painter.setPen(text)
        title_font = painter.font()
        title_font.setBold(True)
        painter.save()
        painter.setFont(title_font)
        painter.drawText(
            QRectF(0, 0, self.width(), self.MARGIN_TOP - 6),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title,
        )
        painter.restore()
        top = self.top_value()
        for n in range(5):
            value = top * n / 4
            y = self.y_of(value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 8, self.MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.tick_text(value),
            )
        # Category labels: as many as fit without overlapping.
        metrics = QFontMetrics(painter.font())
        widest = max((metrics.horizontalAdvance(c) for c in self.categories), default=0) + 8
        every = max(1, int(widest / max(1.0, self.slot(0).width())) + 1)
        for index, category in enumerate(self.categories):
            if index % every:
                continue
            column = self.slot(index)
            painter.drawText(
                QRectF(column.center().x() - widest / 2, plot.bottom() + 4, widest, 16),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                category,
            )
        # The legend, under the category labels.
        x = plot.left()
        for series in self.series:
            painter.fillRect(QRectF(x, plot.bottom() + 22, 10, 10), QColor(series.color))
            painter.drawText(QPointF(x + 14, plot.bottom() + 31), series.name)
            x += 24 + metrics.horizontalAdvance(series.name)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x())
        if index is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.tooltip(index), self)

    def tooltip(self, index: int) -> str:
        lines = [self.categories[index]]
        for series in self.series:
            value = series.values[index] if index < len(series.values) else None
            lines.append(f"{series.name}: {self.value_text(value)}")
        return "\n".join(lines)

    def value_text(self, value: float | None) -> str:
        return "–" if value is None else f"{value:g}"


class BarChart(_Chart):
    """Bars per category, the series stacked (parcels per day, per carrier)."""

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        self.categories, self.series = list(categories), list(series)
        self.update()

    def totals(self) -> list[float]:
        return [
            sum((s.values[i] or 0) for s in self.series if i < len(s.values))
            for i in range(len(self.categories))
        ]

    def top_value(self) -> float:
        highest = max(self.totals(), default=0)
        step = 1
        while step * 4 < highest:  # a round top: 4, 8, 20, 40, 100, ...
            step = step * 2 if str(step)[0] in "15" else step * 5 // 2
        return float(max(4, step * 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_frame(painter)
        for index in range(len(self.categories)):
            column = self.slot(index)
            width = max(1.0, column.width() * 0.7)
            left = column.center().x() - width / 2
            base = 0.0
            for series in self.series:
                value = series.values[index] if index < len(series.values) else None
                if not value:
                    continue
                top, bottom = self.y_of(base + value), self.y_of(base)
                painter.fillRect(QRectF(left, top, width, bottom - top), QColor(series.color))
                base += value
        painter.end()

    def tooltip(self, index: int) -> str:
        total = self.totals()[index]
        return super().tooltip(index) + "\n" + self.tr("Total: %1").replace("%1", f"{total:g}")


class RateChart(_Chart):
    """Rates (0–1) per category as lines, against thresholds drawn across."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.thresholds: list[Threshold] = []

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        thresholds: Sequence[Threshold] = (),
    ) -> None:
        self.categories, self.series = list(categories), list(series)
        self.thresholds = list(thresholds)
        self.update()

    def top_value(self) -> float:
        return 1.0

    def tick_text(self, value: float) -> str:
        return f"{value:.0%}"

    def value_text(self, value: float | None) -> str:
        return "–" if value is None else f"{value:.1%}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_frame(painter)
        plot = self.plot_rect()
        for threshold in self.thresholds:
            y = self.y_of(threshold.value)
            pen = QPen(QColor(threshold.color), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            # Its name on the side away from the nearer edge, clear of lines at 0 and 100 %.
            below = threshold.value > 0.5
            painter.drawText(
                QRectF(plot.left() + 4, y + 2 if below else y - 16, plot.width() - 8, 14),
                Qt.AlignmentFlag.AlignLeft
                | (Qt.AlignmentFlag.AlignTop if below else Qt.AlignmentFlag.AlignBottom),
                threshold.label,
            )
        for series in self.series:
            painter.setPen(QPen(QColor(series.color), 2))
            previous: QPointF | None = None
            for index, value in enumerate(series.values):
                if value is None:
                    previous = None  # a day without a value breaks the line
                    continue
                point = QPointF(self.slot(index).center().x(), self.y_of(value))
                if previous is not None:
                    painter.drawLine(previous, point)
                painter.setBrush(QColor(series.color))
                painter.drawEllipse(point, 2.5, 2.5)
                previous = point
        painter.end()
