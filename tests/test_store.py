"""The SQLite store: schema, WAL, migrations with a backup, idempotent upserts."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils

from shipdesk.domain.orders import DeliveryAddress, FulfillmentStatus, Order, OrderItem
from shipdesk.store import cipher, settings, sync
from shipdesk.store.connection import Database
from shipdesk.store.database import SCHEMA_VERSION, DatabaseError, open_database
from shipdesk.store.migrations import known_migrations
from shipdesk.store.orders import list_orders, upsert_orders
from tests.support.keys import KEY


def _order(order_id: str = "403-1234567-1234567", **changes) -> Order:
    base = Order(
        order_id=order_id,
        created_time="2026-11-20T10:00:00Z",
        last_updated_time="2026-11-20T10:05:00Z",
        marketplace_id="A1805IZSGTT6HS",
        status=FulfillmentStatus.UNSHIPPED,
        address=DeliveryAddress(
            name="Jan Jansen",
            line1="Reactorweg 25A",
            city="Utrecht",
            postal_code="3542 AD",
            country_code="NL",
        ),
        items=(OrderItem("11111111111111", 2, "MUG-BLU", "B0TEST0001", "Mok blauw"),),
    )
    return replace(base, **changes)


def test_new_database_uses_wal_and_has_the_tables(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", KEY, tmp_path / "backups")
    assert db.journal_mode == "wal"
    assert {"orders", "order_items", "sync_state", "settings", "_sqlite_migrations"} <= set(
        db.table_names()
    )
    # A new file needs no backup: there is nothing to lose yet.
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_pending_migrations_run_after_a_backup_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = cipher.connect(path, KEY)
    old.execute("CREATE TABLE notes (text TEXT)")
    old.execute("INSERT INTO notes VALUES ('kept')")
    old.commit()
    old.close()

    db = open_database(path, KEY, tmp_path / "backups")
    assert "orders" in db.table_names()
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    assert "before-0001_orders_and_sync" in backups[0].name
    copy = cipher.connect(backups[0], KEY)
    assert copy.execute("SELECT text FROM notes").fetchall() == [("kept",)]
    assert copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 'orders'").fetchone() == (
        0,
    )
    # Opening again finds nothing pending and makes no further backup.
    open_database(path, KEY, tmp_path / "backups")
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="could not be read"):
        open_database(path, KEY, tmp_path / "backups")


def test_upsert_inserts_updates_and_never_lets_an_older_copy_win(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", KEY)
    with db.atomic():
        first = upsert_orders(db, [_order()])
    assert (first.inserted, first.updated) == (1, 0)

    with db.atomic():
        again = upsert_orders(db, [_order()])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)

    cancelled = _order(
        status=FulfillmentStatus.CANCELLED, last_updated_time="2026-11-21T08:00:00Z", items=()
    )
    with db.atomic():
        assert upsert_orders(db, [cancelled]).updated == 1
    stale = _order(last_updated_time="2026-11-20T11:00:00Z")
    with db.atomic():
        assert upsert_orders(db, [stale]).unchanged == 1

    rows = list_orders(db)
    assert len(rows) == 1
    assert rows[0].status == "CANCELLED"
    assert rows[0].items == []


def test_items_and_search_text_are_stored(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", KEY)
    with db.atomic():
        upsert_orders(db, [_order()])
    row = list_orders(db)[0]
    assert row.items[0].seller_sku == "MUG-BLU"
    assert row.items[0].quantity == 2
    assert row.items_summary == "2× Mok blauw"
    haystack = db.execute("SELECT search_text FROM orders").fetchone()[0]
    for needle in ("403-1234567-1234567", "jan jansen", "utrecht", "3542ad", "mug-blu"):
        assert needle in haystack


def test_sync_state_and_settings_round_trip(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", KEY)
    with db.atomic():
        sync.save(db, ["M1", "M2"], watermark="2026-11-20T10:00:00Z")
        sync.save(db, ["M1"], pending_query={"a": 1}, pending_token="tok")
    states = sync.load(db, ["M1", "M2", "M3"])
    assert states["M1"].pending_token == "tok" and states["M1"].pending_query == {"a": 1}
    assert states["M2"].watermark == "2026-11-20T10:00:00Z" and states["M2"].pending_query is None
    assert states["M3"].watermark is None

    settings.put(db, "x", {"y": [1, 2]})
    assert settings.get(db, "x") == {"y": [1, 2]}
    assert settings.installation_id(db) == settings.installation_id(db)


def test_search_is_case_and_accent_insensitive_and_follows_updates(tmp_path: Path) -> None:
    from shipdesk.store.order_list import ordered_ids

    db = open_database(tmp_path / "a.sqlite3", KEY)
    renamed = _order(
        "403-0000000-0000002",
        address=DeliveryAddress(
            name="Jürgen Müller",
            line1="Hauptstraße 7a",
            city="Köln",
            postal_code="50667",
            country_code="DE",
        ),
    )
    with db.atomic():
        upsert_orders(db, [_order(), renamed])
    assert len(ordered_ids(db, search="MULLER")) == 1
    assert len(ordered_ids(db, search="köln jürgen")) == 1
    assert len(ordered_ids(db, search="1234567")) == 1  # part of an order number
    assert len(ordered_ids(db, search="3542AD")) == 1  # postcode typed without the space
    assert len(ordered_ids(db, search="mok")) == 2
    assert ordered_ids(db, search="100%") == []

    moved = replace(
        renamed,
        last_updated_time="2026-11-21T00:00:00Z",
        address=replace(renamed.address, name="Jürgen Schmidt"),
    )
    with db.atomic():
        upsert_orders(db, [moved])
    assert ordered_ids(db, search="muller") == []
    assert len(ordered_ids(db, search="schmidt")) == 1


@pytest.mark.parametrize(
    "sort_key",
    [
        "order_id",
        "created",
        "recipient",
        "destination",
        "items",
        "size",
        "ship_by",
        "state",
    ],
)
@pytest.mark.parametrize("descending", [True, False])
def test_every_column_of_the_orders_list_sorts(tmp_path: Path, sort_key, descending) -> None:
    from shipdesk.store.order_list import VIEWS, ordered_ids

    db = open_database(tmp_path / "a.sqlite3", KEY)
    with db.atomic():
        upsert_orders(db, [_order(), _order("403-0000000-0000009")])
    assert len(ordered_ids(db, sort_key=sort_key, descending=descending)) == 2
    for view in VIEWS:
        ordered_ids(db, sort_key=sort_key, view=view)  # every view is valid SQL


def test_the_schema_version_counts_every_migration() -> None:
    # A new migration without a new SCHEMA_VERSION would be skipped on every file already
    # opened by this version.
    assert len(known_migrations()) == SCHEMA_VERSION


@pytest.mark.parametrize(
    "make",
    [Database, lambda conn: sqlite_utils.Database(conn, execute_plugins=False)],
    ids=["store", "sqlite-utils"],
)
def test_the_store_connection_keeps_sqlite_utils_transaction_rules(tmp_path: Path, make) -> None:
    """The store's own connection against sqlite-utils' Database, which it stands in for."""
    path = tmp_path / "a.sqlite3"
    db = make(sqlite3.connect(path))
    reader = sqlite3.connect(path)
    count = lambda: reader.execute("SELECT count(*) FROM t").fetchone()[0]  # noqa: E731
    db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    db.execute("INSERT INTO t VALUES (?)", [1])
    assert not db.conn.in_transaction and count() == 1  # a write on its own: committed
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t VALUES (1)")
    assert not db.conn.in_transaction  # a failed one leaves no transaction open behind it
    assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    with db.atomic():
        db.execute("INSERT INTO t VALUES (2)")
        with pytest.raises(RuntimeError), db.atomic():  # nested: a savepoint
            db.execute("INSERT INTO t VALUES (3)")
            raise RuntimeError
        assert db.conn.in_transaction and count() == 1
    assert [row["x"] for row in db.query("SELECT x FROM t ORDER BY x")] == [1, 2]
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t VALUES (4)")
        raise RuntimeError
    assert count() == 2 and not db.conn.in_transaction
    db.execute("BEGIN")  # transaction control is the caller's
    db.execute("INSERT INTO t VALUES (5)")
    assert db.conn.in_transaction and count() == 2
    db.execute("COMMIT")
    assert count() == 3
    assert db.table_names() == ["t"]
    db.enable_wal()
    assert db.journal_mode == "wal"
    with db:
        pass
    with pytest.raises(sqlite3.ProgrammingError):  # closed on leaving the block
        db.execute("SELECT 1")
    reader.close()


def test_each_record_holds_every_column_of_its_table(tmp_path: Path) -> None:
    """A column a migration adds must get its field: a record leaves out what it does not
    name, and the CLI's JSON is written from the records."""
    from dataclasses import fields

    from shipdesk.store.labels import Label
    from shipdesk.store.orders import StoredItem, StoredOrder
    from shipdesk.store.returns import StoredReturn

    db = open_database(tmp_path / "a.sqlite3", KEY)
    try:
        for record, table in (
            (Label, "labels"),
            (StoredOrder, "orders"),
            (StoredItem, "order_items"),
            (StoredReturn, "return_labels"),
        ):
            columns = [row[1] for row in db.execute(f"PRAGMA table_info('{table}')")]
            named = [f.name for f in fields(record)]
            assert set(columns) <= set(named), (table, set(columns) - set(named))
    finally:
        db.close()


def test_a_file_is_noted_up_to_date_once_every_migration_has_run(tmp_path: Path) -> None:
    path, copies = tmp_path / "a.sqlite3", tmp_path / "backups"
    db = open_database(path, KEY, copies)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # As a ShipDesk from before the noted version left it: every migration run, none noted.
    db.execute("PRAGMA user_version = 0")
    db.close()
    db = open_database(path, KEY, copies)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not copies.exists() or not list(copies.iterdir())  # nothing pending: no backup
    db.close()
