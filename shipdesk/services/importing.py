"""Importing Amazon orders: searchOrders by lastUpdatedAfter, all pages, crash-safe.

Pages are committed together with the import's bookkeeping, in one transaction:
- while a search has more pages, the query and the next page token are saved, so an import
  that is killed resumes after the last page written (Amazon keeps tokens for 24 hours);
- only after the last page does the watermark move to the `lastUpdatedBefore` Amazon reports.
Pages that arrive back to back (a first import, a busy day, the burst Amazon allows) are
written up to `PAGES_PER_WRITE` at a time: a commit per page cost as much CPU as everything
else the import does. Pages are not held for long: when an answer was slow (the pages held
were asked for `WRITE_WITHIN` seconds ago or more), before a call the rate limit makes wait,
at the end, on cancel and on an error, what was received is written before anything else, and
before progress reports it.
Upserts are keyed by Amazon order id and never let an older copy win, so re-running any part
of an import neither duplicates nor loses an order.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from shipdesk.amazon import mapping
from shipdesk.amazon.errors import AmazonError, RequestRejected
from shipdesk.amazon.orders_api import OrdersApi, SearchQuery
from shipdesk.domain.orders import Order
from shipdesk.services import amazon_account
from shipdesk.services.context import AppContext
from shipdesk.store import sync
from shipdesk.store.orders import iso_z, upsert_pages
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

INITIAL_LOOKBACK = dt.timedelta(days=30)
# Without a `lastUpdatedBefore` in the answer, assume Amazon searched up to 2 minutes ago and
# keep a safety overlap; the overlap is re-imported harmlessly.
FALLBACK_OVERLAP = dt.timedelta(minutes=5)
PAGES_PER_WRITE = 20
WRITE_WITHIN = 0.2  # seconds: pages held longer (slow answers) are written before the next call


@dataclass
class ImportProgress:
    pages: int = 0
    received: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    unreadable: int = 0
    with_problems: int = 0


@dataclass
class ImportResult(ImportProgress):
    seconds: float = 0.0
    marketplaces: list[str] = field(default_factory=list)
    drafts: Any = None  # the DraftResult of the draft run that follows an import

    def summary(self) -> str:
        return (
            f"Imported {self.received} order{'s' * (self.received != 1)} in {self.pages} "
            f"page{'s' * (self.pages != 1)}: "
            f"{self.inserted} new, "
            f"{self.updated} updated, {self.unchanged} unchanged"
            + (f", {self.with_problems} need attention" if self.with_problems else "")
            + (f", {self.unreadable} unreadable" if self.unreadable else "")
            + f" ({self.seconds:.1f} s)."
        )


@dataclass(frozen=True)
class _Received:
    """A page as mapped, without Amazon's JSON: what writing it needs."""

    orders: list[Order]
    next_token: str | None
    last_updated_before: str | None


class OrderImporter:
    def __init__(
        self,
        ctx: AppContext,
        api: OrdersApi,
        marketplace_ids: list[str],
        *,
        page_size: int = 100,
        initial_lookback: dt.timedelta = INITIAL_LOOKBACK,
        pages_per_write: int = PAGES_PER_WRITE,
        write_within: float = WRITE_WITHIN,
    ) -> None:
        self.ctx = ctx
        self.pages_per_write = pages_per_write
        self.write_within = write_within
        self.api = api
        self.marketplace_ids = list(marketplace_ids)
        self.page_size = page_size
        self.initial_lookback = initial_lookback

    def run(
        self,
        progress: Callable[[ImportProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportResult:
        started = time.monotonic()
        result = ImportResult(marketplaces=self.marketplace_ids)
        with self.ctx.connect() as db:
            try:
                for marketplaces, query, token in self._searches(db):
                    self._run_search(db, marketplaces, query, token, result, progress, cancel)
            except AmazonError as exc:
                with write_transaction(db):
                    sync.save(db, self.marketplace_ids, last_error=str(exc))
                raise
        result.seconds = time.monotonic() - started
        log.info("import finished: %s", result.summary())
        return result

    def _searches(self, db) -> list[tuple[list[str], SearchQuery, str | None]]:
        """Resume searches left unfinished, then one search per watermark group."""
        states = sync.load(db, self.marketplace_ids)
        groups: dict[tuple, list[str]] = {}
        for marketplace_id, state in states.items():
            key: tuple[str | None, ...]
            if state.pending_query and state.pending_token:
                key = ("resume", repr(sorted(state.pending_query.items())), state.pending_token)
            else:
                key = ("fresh", state.watermark)
            groups.setdefault(key, []).append(marketplace_id)
        default_start = iso_z(dt.datetime.now(dt.UTC) - self.initial_lookback)
        searches = []
        for key, marketplaces in groups.items():
            state = states[marketplaces[0]]
            if key[0] == "resume":
                query = SearchQuery.from_json(state.pending_query or {})
                searches.append((marketplaces, query, state.pending_token))
            else:
                query = SearchQuery(state.watermark or default_start, tuple(marketplaces))
                searches.append((marketplaces, query, None))
        # Resumed searches first: their tokens expire.
        searches.sort(key=lambda s: s[2] is None)
        return searches

    def _run_search(self, db, marketplaces, query, token, result, progress, cancel) -> None:
        started_at = dt.datetime.now(dt.UTC)
        received: list[_Received] = []  # mapped, not written yet
        held_since = 0.0

        def write() -> None:
            pages = received[:]
            received.clear()  # a write that fails is not tried again on the way out
            self._write(db, marketplaces, query, pages, started_at, result)

        try:
            while True:
                if cancel is not None and cancel.is_set():
                    return
                asked = time.monotonic()
                try:
                    page = self.api.search_orders(
                        query, page_token=token, page_size=self.page_size, cancel=cancel
                    )
                except RequestRejected as exc:
                    if token is None:
                        raise
                    if received:
                        write()
                    # The saved page token expired or no longer matches: start the search
                    # over from the watermark. Orders already stored are simply seen again.
                    log.warning("resume token refused (%s); restarting search", exc)
                    with write_transaction(db):
                        sync.save(db, marketplaces, pending_query=None, pending_token=None)
                    token = None
                    continue
                orders = []
                for raw in page.orders:
                    try:
                        orders.append(mapping.order_from_api(raw))
                    except mapping.UnreadableOrder:
                        result.unreadable += 1
                        log.warning("skipped an order entry without id or creation time")
                if not received:
                    held_since = asked
                received.append(_Received(orders, page.next_token, page.last_updated_before))
                result.pages += 1
                result.received += len(page.orders)
                result.with_problems += sum(1 for o in orders if o.problems)
                if (
                    not page.next_token
                    or len(received) >= self.pages_per_write
                    # A slow answer: the next will likely be slow too; the owner sees these now.
                    or time.monotonic() - held_since >= self.write_within
                    or self.api.search_waits()
                ):
                    write()
                if progress is not None:
                    progress(result)
                if not page.next_token:
                    return
                token = page.next_token
        finally:
            if received:  # cancelled or failed: what arrived is kept, the search resumes after it
                write()

    def _write(self, db, marketplaces, query, pages, started_at, result) -> None:
        """Store received pages and, in the same transaction, where the search goes on: the
        next page's token, or (after the last page) the new watermark."""
        last = pages[-1]
        with write_transaction(db):
            counts = upsert_pages(db, [page.orders for page in pages])
            result.inserted += counts.inserted
            result.updated += counts.updated
            result.unchanged += counts.unchanged
            if last.next_token:
                sync.save(
                    db,
                    marketplaces,
                    pending_query=query.to_json(),
                    pending_token=last.next_token,
                )
            else:
                watermark = last.last_updated_before or iso_z(started_at - FALLBACK_OVERLAP)
                sync.save(
                    db,
                    marketplaces,
                    watermark=watermark,
                    pending_query=None,
                    pending_token=None,
                    last_run_at=iso_z(dt.datetime.now(dt.UTC)),
                    last_error=None,
                )


def import_orders(
    ctx: AppContext,
    progress: Callable[[ImportProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    marketplace_ids: list[str] | None = None,
) -> ImportResult:
    """One import run for the chosen marketplaces, recording the connection's health."""
    try:
        api = amazon_account.orders_api(ctx)
        marketplaces = marketplace_ids or amazon_account.marketplace_ids(ctx)
        result = OrderImporter(ctx, api, marketplaces).run(progress, cancel)
    except AmazonError as exc:
        if exc.code in amazon_account.CONNECTION_ERRORS:
            amazon_account.record_status(ctx, amazon_account.ERROR, error=exc)
        raise
    if amazon_account.status(ctx).state == amazon_account.ERROR:
        amazon_account.record_status(ctx, amazon_account.CONNECTED)
    return result
