"""Migrations 0022 and 0023: the two indexes no query reads are gone, the search index merges
less often and keeps no positions, and the Orders tab's queries and search find what they
found before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shipdesk.store import order_list
from shipdesk.store.database import open_database
from shipdesk.store.erasure import erase
from shipdesk.store.migrations import MIGRATIONS, for_migrations
from shipdesk.store.orders import upsert_orders
from shipdesk.store.transactions import write_transaction
from tests.support.keys import KEY
from tests.test_import_batching import _order


def _indexes(db) -> set[str]:
    return {
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'"
        ).fetchall()
    }


def test_an_older_file_loses_the_unread_indexes_and_keeps_its_search(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", KEY)
    try:
        db.execute("DELETE FROM _sqlite_migrations WHERE name = '0022_lighter_order_writes'")
        db.execute("CREATE INDEX idx_orders_last_updated_time ON orders (last_updated_time)")
        db.execute("CREATE INDEX idx_orders_status ON orders (status)")
        db.execute("DELETE FROM orders_search_config WHERE k = 'automerge'")
        for page in range(3):  # a commit each, as the import writes them
            with write_transaction(db):
                upsert_orders(db, [_order(page * 10 + n) for n in range(10)])
        searches = ["müller", "mok", "utrecht 3542ad", "sku-2", "zzz", "nl"]
        before = [order_list.ordered_ids(db, search=s) for s in searches]
        by_status = order_list.ordered_ids(db, view="to_ship", sort_key="recipient")

        MIGRATIONS.apply(for_migrations(db))

        indexes = _indexes(db)
        assert "idx_orders_last_updated_time" not in indexes
        assert "idx_orders_status" not in indexes
        assert "idx_orders_work_list" in indexes
        automerge = db.execute("SELECT v FROM orders_search_config WHERE k = 'automerge'")
        assert automerge.fetchone()[0] == 16
        assert [order_list.ordered_ids(db, search=s) for s in searches] == before
        assert before[0] and not before[4]
        assert order_list.ordered_ids(db, view="to_ship", sort_key="recipient") == by_status
        plan = " ".join(
            r[3]
            for r in db.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM orders WHERE status = 'SHIPPED'"
            ).fetchall()
        )
        assert "idx_orders_work_list" in plan
    finally:
        db.close()


def test_an_older_search_index_loses_its_positions_and_finds_the_same(tmp_path: Path) -> None:
    from shipdesk.store.migrations import _order_search_index

    db = open_database(tmp_path / "a.sqlite3", KEY)
    try:
        # The search index as 0022 left it: with positions, merged at 16, deletes in place.
        for name in (
            "0023_search_index_without_positions",
            "0024_search_index_kept_by_its_writers",
        ):
            db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name])
        db.execute("DROP TABLE orders_search")
        db.execute("DROP TRIGGER orders_search_delete")
        _order_search_index(db)  # with its three triggers
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('automerge', 16)")
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('secure-delete', 1)")
        for page in range(3):
            with write_transaction(db):
                upsert_orders(db, [_order(page * 10 + n) for n in range(10)])
        # Erasure in such a file (a backup's, say): its triggers keep the index, alone.
        erase(db, [_order(29).order_id], dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('integrity-check', 1)")
        searches = ["müller", "mok", "utrecht 3542ad", "sku-2", "zzz", "nl", "0000012", "r 1"]
        before = [order_list.ordered_ids(db, search=s) for s in searches]

        MIGRATIONS.apply(for_migrations(db))

        table = db.execute("SELECT sql FROM sqlite_master WHERE name = 'orders_search'")
        assert "detail=none" in table.fetchone()[0]
        triggers = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'orders_search%'"
        ).fetchall()
        assert triggers == [("orders_search_delete",)]
        config = dict(db.execute("SELECT k, v FROM orders_search_config").fetchall())
        assert config["automerge"] == 16 and config["secure-delete"] == 1
        assert [order_list.ordered_ids(db, search=s) for s in searches] == before
        assert before[0] and len(before[6]) == 1 and not before[4]
        # Kept in step as before: a new order is found, a deleted one is not.
        with write_transaction(db):
            upsert_orders(db, [_order(99, address=None)])
        assert len(order_list.ordered_ids(db, search="0000099")) == 1
        db.execute("DELETE FROM orders WHERE order_id = '403-0000000-0000012'")
        assert order_list.ordered_ids(db, search="0000012") == []
        # Raises when the index and the orders it indexes differ.
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('integrity-check', 1)")
    finally:
        db.close()


def test_the_search_index_holds_what_the_rows_hold_after_every_kind_of_write(
    tmp_path: Path,
) -> None:
    def index_is_whole() -> None:
        # FTS5 compares every entry with the text of its row; raises on any difference.
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('integrity-check', 1)")

    db = open_database(tmp_path / "a.sqlite3", KEY)
    try:
        pending = [_order(n, address=None) for n in range(12)]  # no address yet
        with write_transaction(db):
            upsert_orders(db, pending)
        index_is_whole()
        assert order_list.ordered_ids(db, search="utrecht") == []
        # Amazon sends the address (the text changes), a copy twice in one write, new orders.
        later = "2026-11-20T11:00:00Z"
        with write_transaction(db):
            upsert_orders(db, [_order(n, later) for n in range(6)] + [_order(20), _order(20)])
        index_is_whole()
        assert len(order_list.ordered_ids(db, search="utrecht")) == 7
        erase(db, [_order(n).order_id for n in (0, 1)], dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
        index_is_whole()
        assert len(order_list.ordered_ids(db, search="utrecht")) == 5
        erased = _order(0).order_id
        assert len(order_list.ordered_ids(db, search=erased)) == 1  # its id stays searchable
        assert order_list.ordered_ids(db, search=f"müller {erased}") == []
        # A later copy of an erased order does not bring its buyer back into the index.
        with write_transaction(db):
            upsert_orders(db, [_order(1, "2026-11-21T00:00:00Z")])
        index_is_whole()
        assert len(order_list.ordered_ids(db, search="utrecht")) == 5
    finally:
        db.close()
