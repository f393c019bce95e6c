"""Reading and writing orders. The only place that touches the orders' personal data."""

from __future__ import annotations

import datetime as dt
import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from shipdesk.domain.orders import (
    DeliveryAddress,
    FulfillmentStatus,
    Order,
    OrderItem,
    Package,
    Problem,
    is_newer,
    items_summary,
)
from shipdesk.store import search_index
from shipdesk.store.connection import Database, chunks
from shipdesk.store.records import columns_of

_ORDER_COLUMNS = (
    "order_id",
    "marketplace_id",
    "created_time",
    "last_updated_time",
    "status",
    "fulfilled_by",
    "service_level",
    "programs",
    "ship_by_earliest",
    "ship_by_latest",
    "deliver_by_latest",
    "recipient_name",
    "company_name",
    "address_line1",
    "address_line2",
    "address_line3",
    "city",
    "postal_code",
    "state_or_region",
    "country_code",
    "phone",
    "address_type",
    "packages",
    "problems",
    "item_count",
    "items_summary",
    "search_text",
    "imported_at",
    "updated_at",
)
_UPDATED_ON_CONFLICT = [c for c in _ORDER_COLUMNS if c not in ("order_id", "imported_at")]

# The buyer's personal data on an order row: erased 30 days after delivery or when Amazon asks
# (store/erasure.py). The country stays (reports), as do the dates, items and status.
BUYER_COLUMNS = (
    "recipient_name",
    "company_name",
    "address_line1",
    "address_line2",
    "address_line3",
    "city",
    "postal_code",
    "state_or_region",
    "phone",
    "address_type",
)


def _updated(column: str) -> str:
    # An order whose buyer data was erased never gets it back from a later import.
    if column in BUYER_COLUMNS:
        kept = f"CASE WHEN orders.buyer_data_erased_at IS NULL THEN excluded.{column} END"
        return f"{column} = {kept}"
    return f"{column} = excluded.{column}"


# A later update wins; an older copy of an order (a resumed or overlapping search) never
# overwrites a newer one. Times are compared as instants: Amazon may write an offset or
# milliseconds ("…T10:00:00.5+01:00"), which compare wrongly as text.
_UPSERT_ORDER = (
    f"INSERT INTO orders ({', '.join(_ORDER_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _ORDER_COLUMNS)}) "
    "ON CONFLICT(order_id) DO UPDATE SET "
    + ", ".join(_updated(c) for c in _UPDATED_ON_CONFLICT)
    + " WHERE COALESCE(julianday(excluded.last_updated_time) >= "
    "julianday(orders.last_updated_time), excluded.last_updated_time >= orders.last_updated_time)"
)


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    unchanged: int


def iso_z(moment: dt.datetime) -> str:
    """A moment as Amazon and our tables write it: UTC, whole seconds, "Z"."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso() -> str:
    return iso_z(dt.datetime.now(dt.UTC))


def fold(text: str) -> str:
    """Case- and accent-insensitive form for searching: 'Müller' and 'muller' meet."""
    if text.isascii():  # no accents, nothing to decompose: casefold is lower
        return text.lower()
    return _fold_unicode(text)


@functools.lru_cache(maxsize=4096)  # product titles and town names come back order after order
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(order: Order, *, buyer: bool = True) -> str:
    """The haystack for the Orders tab's search box, folded. Without the `buyer`'s name,
    company, city and postcode for an order whose buyer data was erased (its country stays)."""
    address = order.address
    parts = [order.order_id]
    if address and not buyer:
        parts.append(address.country_code)
    elif address:
        parts += [
            address.name,
            address.company_name,
            address.city,
            address.postal_code,
            address.postal_code.replace(" ", ""),
            address.country_code,
        ]
    for item in order.items:
        parts += [item.seller_sku, item.title, item.asin]
    # Folded part by part (the same as folding the whole: a space never decomposes or moves),
    # so that the parts met before are looked up, not folded again.
    return " ".join([fold(p) for p in parts if p])


def _json_list(values: list[Any]) -> str:
    return json.dumps(values) if values else "[]"


def _order_values(order: Order, stamp: str, *, erased: bool = False) -> tuple[Any, ...]:
    """An order's row, in the order of _ORDER_COLUMNS."""
    address = None if erased else order.address  # Amazon still sends it: not written back
    if address is not None:
        buyer: tuple[Any, ...] = (
            address.name,
            address.company_name,
            address.line1,
            address.line2,
            address.line3,
            address.city,
            address.postal_code,
            address.state_or_region,
            address.country_code,
            address.phone,
            address.address_type,
        )
    elif order.address is not None:  # erased: the country stays
        buyer = (*_NO_BUYER[:8], order.address.country_code, *_NO_BUYER[8:])
    else:
        buyer = _NO_ADDRESS
    return (
        order.order_id,
        order.marketplace_id,
        order.created_time,
        order.last_updated_time,
        order.status.value,
        order.fulfilled_by,
        order.service_level,
        _json_list(list(order.programs)),
        order.ship_by_earliest,
        order.ship_by_latest,
        order.deliver_by_latest,
        *buyer,
        _json_list([p.__dict__ for p in order.packages]),
        _json_list([p.value for p in order.problems]),
        order.item_count,
        items_summary(order.items),
        search_text(order, buyer=not erased),
        stamp,
        stamp,
    )


_NO_ADDRESS: tuple[None, ...] = (None,) * 11
_NO_BUYER: tuple[None, ...] = (None,) * len(BUYER_COLUMNS)
assert _ORDER_COLUMNS[11:22] == (*BUYER_COLUMNS[:8], "country_code", *BUYER_COLUMNS[8:])

# One statement upserts many orders (a statement per order cost more in SQLite's own work per
# statement than the row). 1,000 rows × 29 columns stay below SQLite's limit of 32,766 bound
# values.
_ROWS_PER_STATEMENT = 1000
_ORDER_VALUES = "(" + ",".join("?" * len(_ORDER_COLUMNS)) + ")"
_INSERT_ITEMS = (
    "INSERT INTO order_items (order_id, order_item_id, asin, seller_sku, title, quantity,"
    " quantity_shipped, unit_price, currency) VALUES (?,?,?,?,?,?,?,?,?)"
)


def _upsert_orders_sql(rows: int) -> str:
    return _UPSERT_ORDER.replace(
        f"VALUES ({', '.join(':' + c for c in _ORDER_COLUMNS)})",
        "VALUES " + ",".join([_ORDER_VALUES] * rows),
        1,
    )


def upsert_orders(db: Database, orders: Sequence[Order]) -> UpsertResult:
    """Insert or update a page of orders and their items; the caller owns the transaction."""
    return upsert_pages(db, [orders])


def upsert_pages(db: Database, pages: Sequence[Sequence[Order]]) -> UpsertResult:
    """Insert or update pages of orders and their items, each page in turn, and the search
    index once for all of them; the caller owns the transaction.

    Within a page, as if each order were written on its own, in turn: an order we hold in a
    copy as new or newer is left alone (unchanged), and the copies in the page are compared
    with what was held before any of them was written. The rows go in a few statements, not
    one per order."""
    order_ids = [o.order_id for page in pages for o in page]
    indexed = search_index.texts_of(db, order_ids)
    inserted = updated = unchanged = 0
    for page in pages:
        counts = _upsert_page(db, page)
        inserted += counts.inserted
        updated += counts.updated
        unchanged += counts.unchanged
    search_index.catch_up(db, order_ids, indexed)
    return UpsertResult(inserted, updated, unchanged)


def _upsert_page(db: Database, orders: Sequence[Order]) -> UpsertResult:
    if not orders:
        return UpsertResult(0, 0, 0)
    stamp = now_iso()
    before: dict[str, str] = {}
    erased: set[str] = set()
    for chunk in chunks(list({o.order_id: None for o in orders})):
        for order_id, last_updated, erased_at in db.execute(
            f"SELECT order_id, last_updated_time, buyer_data_erased_at FROM orders "
            f"WHERE order_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall():
            before[order_id] = last_updated
            if erased_at:
                erased.add(order_id)
    inserted = updated = unchanged = 0
    rows: list[tuple[Any, ...]] = []
    # Each written order's items replace the ones stored; of two copies in one page, the
    # later one's (as when they were written in turn).
    items: dict[str, tuple[OrderItem, ...]] = {}
    for order in orders:
        previous = before.get(order.order_id)
        if previous is not None and not is_newer(order.last_updated_time, previous):
            unchanged += 1  # the copy we hold is as new or newer
            continue
        rows.append(_order_values(order, stamp, erased=order.order_id in erased))
        items[order.order_id] = order.items
        if previous is None:
            inserted += 1
        else:
            updated += 1
    conn = db.conn
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        batch = rows[start : start + _ROWS_PER_STATEMENT]
        conn.execute(_upsert_orders_sql(len(batch)), [v for row in batch for v in row])
    for chunk in chunks(list(items)):
        conn.execute(
            f"DELETE FROM order_items WHERE order_id IN ({','.join('?' * len(chunk))})", chunk
        )
    conn.executemany(
        _INSERT_ITEMS,
        [
            (
                order_id,
                i.order_item_id or f"#{n}",
                i.asin,
                i.seller_sku,
                i.title,
                i.quantity,
                i.quantity_shipped,
                i.unit_price,
                i.currency,
            )
            for order_id, order_items in items.items()
            for n, i in enumerate(order_items, start=1)
        ],
    )
    return UpsertResult(inserted, updated, unchanged)


@dataclass(frozen=True)
class StoredItem:
    """An order's item, as read from its row of `order_items` (in the table's order)."""

    order_id: str
    order_item_id: str  # Amazon's, or "#n" (its place in the order) when Amazon gave none
    asin: str | None
    seller_sku: str | None
    title: str | None
    quantity: int
    quantity_shipped: int | None
    unit_price: str | None
    currency: str | None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StoredItem:
        """The item of a `SELECT * FROM order_items` row."""
        return cls(**columns_of(cls, row))

    def to_json(self) -> dict[str, Any]:
        """The item as plain data: its columns by name."""
        return asdict(self)


# The orders' columns stored as JSON (lists), read parsed.
_ORDER_JSON_COLUMNS = frozenset({"programs", "packages", "problems"})


@dataclass(frozen=True)
class StoredOrder:
    """A stored order, as read from its row: one field per column (in the table's order), the
    JSON columns parsed, then its items. `to_json()` gives the plain mapping the CLI's JSON and
    scripts were written against: the columns by name, then `items` (their columns by name)."""

    id: int
    order_id: str
    marketplace_id: str | None
    created_time: str
    last_updated_time: str
    status: str  # Amazon's fulfillment status, as last imported (FulfillmentStatus values)
    fulfilled_by: str | None
    service_level: str | None
    programs: list[str]
    ship_by_earliest: str | None
    ship_by_latest: str | None
    deliver_by_latest: str | None
    # The buyer's data (BUYER_COLUMNS, and the country): None once erased; the country stays.
    recipient_name: str | None
    company_name: str | None
    address_line1: str | None
    address_line2: str | None
    address_line3: str | None
    city: str | None
    postal_code: str | None
    state_or_region: str | None
    country_code: str | None
    phone: str | None
    address_type: str | None
    packages: list[dict[str, str]]  # Package's fields by name
    problems: list[str]  # Problem values
    item_count: int
    items_summary: str
    search_text: str
    imported_at: str
    updated_at: str
    # Copied from the active label and its upload by triggers (migration 0005).
    label_state: str | None
    parcel_type: str | None
    upload_state: str | None
    buyer_data_erased_at: str | None
    items: list[StoredItem]  # from order_items, in the order they were stored

    @classmethod
    def from_row(cls, row: Mapping[str, Any], items: Iterable[StoredItem]) -> StoredOrder:
        """The order of a `SELECT * FROM orders` row (JSON columns as stored), with `items`."""
        columns = columns_of(
            StoredOrder, row, lists=_ORDER_JSON_COLUMNS, besides=frozenset({"items"})
        )
        return cls(**columns, items=list(items))

    def to_json(self) -> dict[str, Any]:
        """The order as plain data: its columns by name, the JSON ones parsed, then `items`
        (a copy)."""
        return asdict(self)


def list_orders(db: Database, order_ids: Iterable[str] | None = None) -> list[StoredOrder]:
    """Orders with their items, oldest first (CLI JSON, drafts, documents)."""
    if order_ids is None:
        return _orders_with_items(db, "", [])
    wanted = list(dict.fromkeys(order_ids))
    rows = []
    for chunk in chunks(wanted):
        rows += _orders_with_items(db, f"WHERE order_id IN ({','.join('?' * len(chunk))})", chunk)
    rows.sort(key=lambda r: (r.created_time, r.order_id))
    return rows


def _orders_with_items(db: Database, where: str, args: list[Any]) -> list[StoredOrder]:
    cursor = db.execute(f"SELECT * FROM orders {where} ORDER BY created_time, order_id", args)
    columns = [c[0] for c in cursor.description]
    rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
    items: dict[str, list[StoredItem]] = {}
    for item in db.query(f"SELECT * FROM order_items {where} ORDER BY order_id, rowid", args):
        items.setdefault(item["order_id"], []).append(StoredItem.from_row(item))
    return [StoredOrder.from_row(row, items.get(row["order_id"], [])) for row in rows]


def problems_of(db: Database, order_id: str) -> list[str]:
    row = db.execute("SELECT problems FROM orders WHERE order_id = ?", [order_id]).fetchone()
    return json.loads(row[0]) if row else []


def order_from_row(stored: StoredOrder) -> Order:
    """The domain Order for an order of `list_orders` (items included)."""
    address = None
    if stored.recipient_name or stored.address_line1 or stored.city:
        address = DeliveryAddress(
            name=stored.recipient_name or "",
            company_name=stored.company_name or "",
            line1=stored.address_line1 or "",
            line2=stored.address_line2 or "",
            line3=stored.address_line3 or "",
            city=stored.city or "",
            postal_code=stored.postal_code or "",
            state_or_region=stored.state_or_region or "",
            country_code=stored.country_code or "",
            phone=stored.phone or "",
            address_type=stored.address_type or "",
        )
    return Order(
        order_id=stored.order_id,
        created_time=stored.created_time,
        last_updated_time=stored.last_updated_time,
        marketplace_id=stored.marketplace_id,
        status=FulfillmentStatus.parse(stored.status),
        fulfilled_by=stored.fulfilled_by,
        service_level=stored.service_level,
        programs=tuple(stored.programs),
        ship_by_earliest=stored.ship_by_earliest,
        ship_by_latest=stored.ship_by_latest,
        deliver_by_latest=stored.deliver_by_latest,
        address=address,
        items=tuple(
            OrderItem(
                order_item_id=i.order_item_id,
                quantity=i.quantity,
                seller_sku=i.seller_sku or "",
                asin=i.asin or "",
                title=i.title or "",
                quantity_shipped=i.quantity_shipped,
                unit_price=i.unit_price,
                currency=i.currency,
            )
            for i in stored.items
        ),
        packages=tuple(Package(**p) for p in stored.packages),
        problems=tuple(Problem(p) for p in stored.problems),
    )
