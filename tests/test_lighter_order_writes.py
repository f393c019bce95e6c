"""Migration 0022: the two indexes no query reads are gone, the search index merges less
often, and the Orders tab's queries and search find what they found before."""

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
