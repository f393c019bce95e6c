"""Table model for the Orders tab: an id list in display order, rows fetched per block.

With 100,000 orders the model holds 100,000 ints; rows are read from SQLite only when the view
paints them, a block at a time, and kept in a bounded cache.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from shipdesk.services import carrier_names
from shipdesk.services.order_list import OrderListSource, OrderRow, rush, rush_options
from shipdesk.ui import texts
from shipdesk.ui.resources import amazon_mark_path
from shipdesk.ui.widgets import plain_tooltip

BLOCK = 200
CACHE_ROWS = 5_000

# What needs doing (state, attention, ship-by) sits left of the details, so that it stays in
# view on a small screen; the items summary, long and in a tooltip too, stretches last.
COLUMNS = (
    "order", "created", "recipient", "destination", "state", "note", "ship_by", "carrier",
    "options", "size", "tracking", "items",
)  # fmt: skip
# Options and Attention are not sortable (lists of words, not an order).
SORT_KEY_BY_COLUMN = {
    COLUMNS.index(column): key
    for column, key in (
        ("order", "order_id"), ("created", "created"), ("recipient", "recipient"),
        ("destination", "destination"), ("state", "state"), ("ship_by", "ship_by"),
        ("size", "size"), ("items", "items"),
    )
}  # fmt: skip
ATTENTION = QColor("#8a5300")
FAILED = QColor("#b3261e")
DONE = QColor("#1e6b34")
ERASED = QColor("#767676")  # grey that still reads on white (4.5:1)
# Same-day and Saturday parcels: their order number and options on amber (the option named
# first), seen from the packing table.
RUSH_ROW = QColor("#ffe3a3")
RUSH_MARKED = frozenset({"order", "options"})

Index = QModelIndex | QPersistentModelIndex


def parse_time(value: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None


def date_format(locale: QLocale) -> str:
    """Day-first numeric dates as Dutch and most EU users write them; ISO without a locale."""
    if locale.language() == QLocale.Language.C:
        return "%Y-%m-%d %H:%M"
    return "%d-%m-%Y %H:%M"


def state_text(row: OrderRow) -> str:
    """One state per row: the label's, or the order's where it decides (cancelled, unpaid)."""
    if row.status in ("CANCELLED", "UNFULFILLABLE", "PENDING", "PENDING_AVAILABILITY"):
        return texts.status_name(row.status)
    if row.label_state:
        text = texts.label_state_name(row.label_state)
        # Told (or being told) before the owner printed it: GLS's rule, or the owner's choice.
        if row.label_state in ("created", "printed") and row.upload_state in ("pending", "done"):
            text += " · " + texts.upload_state_name(row.upload_state)
        if row.label_state in ("printed", "shipped") and row.delivery_status:
            text += " · " + texts.delivery_status_name(row.delivery_status)
        return text
    return texts.status_name(row.status)


def notes_text(row: OrderRow) -> str:
    notes = [texts.problem_text(p) for p in row.problems]
    if row.label_state in ("error", "unclear") and row.error_message:
        notes.append(
            texts.carrier_error_text(
                row.error_code,
                row.error_message,
                row.error_details,
                row.carrier,
            )
        )
    if row.upload_state == "needs_attention":
        notes.append(texts.upload_problem_text(row.upload_error))
    notes += [
        texts.notice_text(n.get("code", ""), n.get("option"), n.get("detail", ""))
        for n in (*row.label_notes, *row.label_warnings)
    ]
    return " ".join(notes)


class OrdersModel(QAbstractTableModel):
    def __init__(self, source: OrderListSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.ids: list[int] = []
        self._cache: OrderedDict[int, OrderRow] = OrderedDict()
        self._date_format = date_format(QLocale())
        # Worded once: the translators are installed before any widget is made.
        names = {
            "order": self.tr("Order"), "created": self.tr("Date"),
            "recipient": self.tr("Recipient"), "destination": self.tr("Destination"),
            "state": self.tr("Status"), "note": self.tr("Attention"),
            "ship_by": self.tr("Ship by"), "options": self.tr("Options"), "size": self.tr("Size"),
            "tracking": self.tr("Tracking"), "items": self.tr("Items"),
            "carrier": self.tr("Carrier"),
        }  # fmt: skip
        self._headers = tuple(names[column] for column in COLUMNS)
        self._now = dt.datetime.now(dt.UTC)
        self._mark = QIcon(str(amazon_mark_path()))
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content --
    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self._cache.clear()
        self._now = dt.datetime.now(dt.UTC)
        self.endResetModel()

    def row_at(self, row: int) -> OrderRow | None:
        if not 0 <= row < len(self.ids):
            return None
        order_id = self.ids[row]
        cached = self._cache.get(order_id)
        if cached is not None:
            self._cache.move_to_end(order_id)
            return cached
        start = max(0, row - BLOCK // 4)
        wanted = [i for i in self.ids[start : start + BLOCK] if i not in self._cache]
        self._cache.update(self.source.rows(wanted))
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(order_id)

    # -- Qt model interface --
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._headers[section] if 0 <= section < len(COLUMNS) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(row, column) or "") or None
        if role == Qt.ItemDataRole.DecorationRole and column == "order":
            return self._mark
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column in RUSH_MARKED and rush(row):
            return QBrush(RUSH_ROW)
        if role == Qt.ItemDataRole.FontRole and column == "options" and rush(row):
            return self._bold
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting happens in SQLite; the tab listens for the header and re-queries.
        pass

    # -- formatting --
    def _time(self, value: str) -> str:
        moment = parse_time(value)
        return moment.astimezone().strftime(self._date_format) if moment else ""

    def _overdue(self, row: OrderRow) -> bool:
        deadline = parse_time(row.ship_by_latest)
        return (
            deadline is not None
            and deadline < self._now
            and row.status in ("UNSHIPPED", "PARTIALLY_SHIPPED")
            and row.label_state not in ("printed", "shipped")
        )

    def _colour(self, row: OrderRow, column: str) -> QBrush | None:
        if column == "recipient" and row.buyer_data_erased:
            return QBrush(ERASED)
        if column == "ship_by" and self._overdue(row):
            return QBrush(FAILED)
        if column == "state":
            if row.label_state in ("error", "unclear") or row.upload_state == "needs_attention":
                return QBrush(FAILED)
            if row.label_state == "needs_review":
                return QBrush(ATTENTION)
            if row.label_state == "shipped":
                return QBrush(DONE)
        if column == "note":
            if row.label_state in ("error", "unclear") or row.upload_state == "needs_attention":
                return QBrush(FAILED)
            return QBrush(ATTENTION)
        return None

    def _display(self, row: OrderRow, column: str) -> str:
        if column == "order":
            return row.order_id
        if column == "created":
            return self._time(row.created_time)
        if column == "recipient":
            if row.buyer_data_erased:
                return self.tr("buyer data erased")
            if row.company_name and row.recipient_name:
                return f"{row.recipient_name} ({row.company_name})"
            return row.recipient_name or row.company_name
        if column == "destination":
            return ", ".join(p for p in (row.city, row.country_code) if p)
        if column == "items":
            return row.items_summary
        if column == "carrier":
            return carrier_names.carrier_short_name(row.carrier) if row.label_id else ""
        if column == "options":
            hidden = carrier_names.automatic_options(row.carrier)
            shown = [o for o in row.options if o not in hidden]
            shown.sort(key=lambda o: o not in rush_options(row.carrier))
            return ", ".join(texts.option_short_name(o) for o in shown)
        if column == "size":
            return texts.parcel_type_name(row.parcel_type) if row.parcel_type else ""
        if column == "ship_by":
            return self._time(row.ship_by_latest)
        if column == "tracking" and row.tracker_codes:
            more = len(row.tracker_codes) - 1
            return row.tracker_codes[0] + (f" +{more}" if more else "")
        if column == "state":
            return state_text(row)
        if column == "note":
            return notes_text(row)
        return ""

    def _tooltip(self, row: OrderRow, column: str) -> str | None:
        if column == "order":
            return self.tr("Amazon order %1").replace("%1", row.order_id)
        if column == "destination" and row.postal_code:
            return f"{row.postal_code} {row.city}, {row.country_code}"
        if column == "options" and row.options:
            return "\n".join(texts.option_name(o) for o in row.options)
        if column in ("state", "tracking") and row.tracker_codes:
            said = self.tr("Tracking: %1").replace("%1", ", ".join(row.tracker_codes))
            if row.delivered_at:
                said += "\n" + self.tr("Delivered: %1").replace("%1", self._time(row.delivered_at))
            return said
        if column == "note" and row.label_state == "error" and row.error_details:
            return self._display(row, column) + "\n" + texts.carrier_details_text(row.error_message)
        if column == "recipient" and row.buyer_data_erased:
            return self.tr(
                "The buyer's name and address were erased, as Amazon requires: 30 days after "
                "delivery, or when Amazon asked. The order, its items and tracking stay."
            )
        if column in ("items", "note", "recipient"):
            return self._display(row, column) or None
        if column == "ship_by" and self._overdue(row):
            return self.tr("The ship-by time has passed.")
        return None
