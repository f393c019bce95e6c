"""What the Orders tab shows: id lists computed off the UI thread, rows fetched on demand."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

from shipdesk.carriers.registry import CARRIERS
from shipdesk.domain.labels import ERROR
from shipdesk.domain.orders import ITEM_PROBLEMS
from shipdesk.services import shipping_settings
from shipdesk.services.context import AppContext
from shipdesk.store import order_list, outbox
from shipdesk.store.connection import Database
from shipdesk.store.labels import label_ids_in_state
from shipdesk.store.order_list import SORT_KEYS, VIEWS, OrderRow

__all__ = [
    "SORT_KEYS",
    "VIEWS",
    "OrderListQuery",
    "OrderListSource",
    "OrderRow",
    "label_possible",
    "rush",
    "rush_options",
    "tracking_link",
]


def tracking_link(row: OrderRow, number: str) -> str | None:
    """The carrier's track & trace page for one of the row's parcels."""
    carrier = CARRIERS.get(row.carrier)
    return carrier.tracking_url(number, row.postal_code) if carrier else None


def rush_options(carrier: str) -> frozenset[str]:
    """The carrier's same-day and Saturday options: named first, they stand out in the list."""
    spec = CARRIERS.get(carrier)
    if spec is None:
        return frozenset()
    return frozenset(filter(None, (spec.roles.same_day, spec.roles.saturday)))


def rush(row: OrderRow) -> bool:
    """True when the row's label asks for same-day or Saturday delivery (the packer must not
    miss it)."""
    return bool(rush_options(row.carrier).intersection(row.options))


def label_possible(row: OrderRow) -> bool:
    """Whether the owner can make a label for this row's order (with or without a draft)."""
    if row.label_id is not None:
        return True
    if row.buyer_data_erased:  # no address to send it to any more
        return False
    return row.status in ("UNSHIPPED", "PARTIALLY_SHIPPED") and not ITEM_PROBLEMS.intersection(
        row.problems
    )


@dataclass(frozen=True)
class OrderListQuery:
    search: str = ""
    sort_key: str = "created"
    descending: bool = True
    view: str = "all"
    order_ids: tuple[str, ...] | None = None  # only these (an Overview figure's orders)


# The list queries' own page cache (SQLite's default is 2 MB): the data file is encrypted, so a
# page read from disk is also decrypted and checked; kept in memory, a new sort or filter over
# 100,000 orders reads no page twice.
LIST_CACHE_KIB = 64 * 1024


class OrderListSource:
    """Owned by the UI thread: a read connection for painting rows, and one for the list
    queries that run in workers (one at a time), both kept open with their caches."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._db: Database | None = ctx.connect()
        self._lists: Database | None = None
        self._lists_lock = threading.Lock()
        self._acknowledged: frozenset = frozenset()  # read with each refresh

    def ids(self, query: OrderListQuery) -> list[int]:
        """Runs in a worker, on the kept list connection (a refresh waits for the one before)."""
        self._acknowledged = shipping_settings.acknowledged(self.ctx)
        with self._lists_lock:
            lists = self._list_connection()
            if lists is None:  # closed: the window is going away
                return []
            return order_list.ordered_ids(
                lists,
                search=query.search,
                sort_key=query.sort_key,
                descending=query.descending,
                view=query.view,
                order_ids=query.order_ids,
            )

    def work_counts(self) -> tuple[dict[str, int], int]:
        """In a worker, with `ids`: the tracking uploads by state, and how many labels failed
        (the toolbar shows them with the rows)."""
        with self._lists_lock:
            lists = self._list_connection()
            if lists is None:
                return {}, 0
            return outbox.counts(lists), len(label_ids_in_state(lists, [ERROR]))

    def _list_connection(self) -> Database | None:
        if self._db is None:
            return None
        if self._lists is None:
            self._lists = self.ctx.connect()
            self._lists.execute(f"PRAGMA cache_size = -{LIST_CACHE_KIB}")
        return self._lists

    def rows(self, ids: Sequence[int]) -> dict[int, OrderRow]:
        # After close (the window is going away) a late paint or result just shows nothing.
        if self._db is None:
            return {}
        rows = order_list.rows_by_id(self._db, ids)
        known = self._acknowledged
        return {
            key: replace(
                row,
                label_warnings=tuple(
                    shipping_settings.open_warnings(row.label_warnings, row.country_code, known)
                ),
            )
            if known and row.label_warnings
            else row
            for key, row in rows.items()
        }

    def count(self) -> int:
        return 0 if self._db is None else order_list.count(self._db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        with self._lists_lock:  # a list query still running finishes first
            if self._lists is not None:
                self._lists.close()
                self._lists = None
