"""Migrations 0022 and 0023: the two indexes no query reads are gone, the search index merges
less often and keeps no positions, and the Orders tab's queries and search find what they
found before."""

from __future__ import annotations

from pathlib import Path

from shipdesk.store import order_list
from shipdesk.store.database import open_database
from shipdesk.store.migrations import MIGRATIONS
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

        MIGRATIONS.apply(db)

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
        name = "0023_search_index_without_positions"
        db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name])
        db.execute("DROP TABLE orders_search")
        for trigger in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER orders_search_{trigger}")
        _order_search_index(db)
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('automerge', 16)")
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('secure-delete', 1)")
        for page in range(3):
            with write_transaction(db):
                upsert_orders(db, [_order(page * 10 + n) for n in range(10)])
        searches = ["müller", "mok", "utrecht 3542ad", "sku-2", "zzz", "nl", "0000012", "r 1"]
        before = [order_list.ordered_ids(db, search=s) for s in searches]

        MIGRATIONS.apply(db)

        table = db.execute("SELECT sql FROM sqlite_master WHERE name = 'orders_search'")
        assert "detail=none" in table.fetchone()[0]
        config = dict(db.execute("SELECT k, v FROM orders_search_config").fetchall())
        assert config["automerge"] == 16 and config["secure-delete"] == 1
        assert [order_list.ordered_ids(db, search=s) for s in searches] == before
        assert before[0] and len(before[6]) == 1 and not before[4]
        # The triggers keep it in step as before: a new order is found, a deleted one is not.
        with write_transaction(db):
            upsert_orders(db, [_order(99, address=None)])
        assert len(order_list.ordered_ids(db, search="0000099")) == 1
        db.execute("DELETE FROM orders WHERE order_id = '403-0000000-0000012'")
        assert order_list.ordered_ids(db, search="0000012") == []
        # Raises when the index and the orders it indexes differ.
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('integrity-check', 1)")
    finally:
        db.close()
