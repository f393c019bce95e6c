"""The import writes a page's orders in a few statements: the same rows as writing them one
by one."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from shipdesk.domain.orders import DeliveryAddress, FulfillmentStatus, Order, OrderItem
from shipdesk.store.database import open_database
from shipdesk.store.erasure import erase
from shipdesk.store.orders import fold, search_text, upsert_orders
from shipdesk.store.transactions import write_transaction
from tests.support.keys import KEY


def _order(n: int, updated: str = "2026-11-20T10:05:00Z", **changes) -> Order:
    base = Order(
        order_id=f"403-0000000-{n:07d}",
        created_time="2026-11-20T10:00:00Z",
        last_updated_time=updated,
        marketplace_id="A1805IZSGTT6HS",
        status=FulfillmentStatus.UNSHIPPED,
        programs=("PRIME",) if n % 3 == 0 else (),
        address=DeliveryAddress(
            name=f"Jörg Müller {n}",
            line1="Reactorweg 25A",
            city="Utrecht",
            postal_code="3542 AD",
            country_code="NL",
        ),
        items=tuple(
            OrderItem(f"{n}{k}" if k else "", k + 1, f"SKU-{k}", "B0TEST0001", "Mok blauw")
            for k in range(n % 3 + 1)
        ),
    )
    return replace(base, **changes)


def _dump(db) -> tuple[list, list, list]:
    orders = db.execute("SELECT * FROM orders ORDER BY id").fetchall()
    # The moments written differ between the two runs: left out.
    names = [c[0] for c in db.execute("SELECT * FROM orders").description]
    skip = {names.index(c) for c in ("imported_at", "updated_at", "buyer_data_erased_at")}
    return (
        [tuple(v for i, v in enumerate(row) if i not in skip) for row in orders],
        db.execute("SELECT * FROM order_items ORDER BY order_id, order_item_id").fetchall(),
        db.execute(
            "SELECT rowid FROM orders_search WHERE search_text LIKE '%muller%' ORDER BY rowid"
        ).fetchall(),
    )


def test_a_page_written_at_once_stores_what_one_order_at_a_time_stores(tmp_path: Path) -> None:
    first = [_order(n) for n in range(1, 40)]
    erased_ids = [first[0].order_id, first[1].order_id]
    # The second page: newer and older copies, an order twice, new orders, erased ones again.
    second = [
        _order(2, "2026-11-20T11:00:00Z", status=FulfillmentStatus.SHIPPED),
        _order(3, "2026-11-20T09:00:00Z", status=FulfillmentStatus.CANCELLED),
        _order(1, "2026-11-20T12:00:00Z"),
        _order(50),
        _order(51),
        _order(51, "2026-11-20T10:06:00Z", items=()),
        _order(4, "2026-11-20T10:05:00.5Z", status=FulfillmentStatus.SHIPPED),
    ]
    dumps, counts = [], []
    for name, write in (("at_once", "page"), ("one_by_one", "order")):
        db = open_database(tmp_path / f"{name}.sqlite3", KEY)
        found = []
        for page in (first, second):
            if page is second:
                erase(db, erased_ids, dt.datetime(2026, 11, 21, tzinfo=dt.UTC))
            groups = [page] if write == "page" else [[o] for o in page]
            for group in groups:
                with write_transaction(db):
                    found.append(upsert_orders(db, group))
        dumps.append(_dump(db))
        counts.append(found)
        db.close()
    assert dumps[0] == dumps[1]
    at_once = counts[0][1]
    # Both copies of order 51 were new when the page came: counted as such, the later one kept.
    assert (at_once.inserted, at_once.updated, at_once.unchanged) == (3, 3, 1)
    rows, items, hits = dumps[0]
    assert len(rows) == 41 and items and hits
    # An erased order keeps no buyer data, in its row or in the search index.
    text = {r[1]: r for r in rows}  # by order id
    assert all("müller" not in " ".join(map(str, text[i])).casefold() for i in erased_ids)


def test_folding_part_by_part_is_folding_the_whole() -> None:
    order = _order(7, address=DeliveryAddress(name="Ǆemal Ærø", city="Köln", country_code="DE"))
    parts = " ".join(
        ["403-0000000-0000007", "Ǆemal Ærø", "Köln", "DE"]
        + [p for i in order.items for p in (i.seller_sku, i.title, i.asin)]
    )
    assert search_text(order) == fold(parts)
    assert fold("Straße ÀÉÎ ﬁ") == "strasse aei fi"
