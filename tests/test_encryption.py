"""The data file encrypted at rest: the binding's errors as the store expects them, nothing
readable on disk, a plain file from an older ShipDesk converted once (killed midway too), and
the owner's ways back when the keychain loses the key."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
import sqlite_utils

from shipdesk.domain.orders import DeliveryAddress, FulfillmentStatus, Order, OrderItem
from shipdesk.keychain import MemoryKeyring
from shipdesk.paths import resolve_paths
from shipdesk.services import backups, database_key
from shipdesk.services.context import AppContext, open_context
from shipdesk.store import cipher, conversion, order_list
from shipdesk.store.database import DatabaseError, connect, database_error, open_database
from shipdesk.store.migrations import MIGRATIONS
from shipdesk.store.orders import upsert_orders
from tests.conftest import REPO, cli_env, run_cli
from tests.support.keys import KEY
from tests.test_kill import kill_when

BUYER = "Wilhelmina Zonneveld-Achterberg"
STREET = "Kromme Nieuwegracht 77"
PHONE = "+31 6 48213977"


def buyer_order(number: int) -> Order:
    return Order(
        order_id=f"403-{number:07d}-7654321",
        created_time="2026-11-20T10:00:00Z",
        last_updated_time="2026-11-20T10:05:00Z",
        marketplace_id="A1805IZSGTT6HS",
        status=FulfillmentStatus.UNSHIPPED,
        address=DeliveryAddress(
            name=f"{BUYER} {number}",
            line1=STREET,
            city="Utrecht",
            postal_code="3512 BN",
            country_code="NL",
            phone=PHONE,
        ),
        items=(OrderItem(f"{number:014d}", 1, "MUG-BLU", "B0TEST0001", "Mok blauw"),),
    )


def files_holding(folder: Path, *needles: str) -> list[Path]:
    """Every file under `folder` whose bytes hold one of `needles` (UTF-8)."""
    wanted = [n.encode() for n in needles]
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and any(w in path.read_bytes() for w in wanted)
    ]


def plain_shop(folder: Path, orders: int = 40, padding_mb: int = 0) -> Path:
    """A data folder as a ShipDesk before encryption left it: a plain file with orders (and
    `padding_mb` of other data), and a plain daily backup of it."""
    folder.mkdir(parents=True)
    (folder / "backups").mkdir()
    path = folder / "shipdesk.sqlite3"
    db = sqlite_utils.Database(sqlite3.connect(path))
    db.enable_wal()
    MIGRATIONS.apply(db)
    with db.conn:
        upsert_orders(db, [buyer_order(n) for n in range(orders)])
        if padding_mb:
            db.execute("CREATE TABLE padding (data BLOB)")
            for _ in range(padding_mb):
                db.execute("INSERT INTO padding VALUES (?)", [os.urandom(1 << 20)])
    copy = sqlite3.connect(folder / "backups" / "shipdesk-daily-2026-11-30.sqlite3")
    db.conn.backup(copy)
    copy.close()
    db.close()  # the WAL stays beside it, as after a crash
    return path


def order_count(ctx: AppContext) -> int:
    with ctx.connect() as db:
        return db.execute("SELECT count(*) FROM orders").fetchone()[0]


# -- the binding's errors reach the store as the standard library's --


def test_each_error_the_store_relies_on_arrives_as_sqlite3s(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", KEY)
    with pytest.raises(sqlite3.OperationalError) as missing:
        db.execute("SELECT * FROM no_such_table")
    assert missing.value.sqlite_errorname == "SQLITE_ERROR"
    with db.conn:
        db.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO settings (key, value) VALUES ('k', '2')")
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT ?", [1, 2])
    # sqlite-utils' own use of sqlite3.OperationalError (a table that does not exist), as
    # the migrations meet it.
    made_with = sqlite_utils.Database(db.conn, execute_plugins=False)
    assert not made_with["no_such_table"].exists() and made_with["orders"].exists()
    # Another connection holding the write lock: "busy", worded for the owner.
    other = connect(tmp_path / "a.sqlite3", KEY)
    other.execute("BEGIN IMMEDIATE")
    db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(sqlite3.OperationalError) as busy:
        db.execute("INSERT INTO settings (key, value) VALUES ('b', '1')")
    assert database_error(busy.value, tmp_path / "a.sqlite3").code == "busy"
    other.conn.rollback()
    other.close()
    db.close()


def test_a_wrong_key_is_refused_as_a_database_error_and_not_as_damage_of_the_key(
    tmp_path: Path,
) -> None:
    open_database(tmp_path / "a.sqlite3", KEY).close()
    with pytest.raises(cipher.KeyRefused) as refused:
        cipher.connect(tmp_path / "a.sqlite3", bytes(32))
    assert isinstance(refused.value, sqlite3.DatabaseError)
    with pytest.raises(DatabaseError) as told:  # the store: a file it cannot read
        connect(tmp_path / "a.sqlite3", bytes(32))
    assert told.value.code in ("damaged", "damaged_no_backup")
    with pytest.raises(ValueError):
        cipher.connect(tmp_path / "a.sqlite3", b"short")


# -- nothing readable on disk --


def test_the_file_its_wal_and_its_backups_hold_no_readable_buyer_data(tmp_path: Path) -> None:
    ctx = open_context(resolve_paths(tmp_path / "data"))
    with ctx.connect() as db:  # kept open: the WAL holds the rows meanwhile
        with db.conn:
            upsert_orders(db, [buyer_order(n) for n in range(20)])
        assert backups.take_daily_backup(ctx, dt.date(2027, 1, 1)) is not None
        wal = ctx.paths.data_dir / "shipdesk.sqlite3-wal"
        assert wal.exists() and wal.stat().st_size > 0
        assert files_holding(ctx.paths.data_dir, BUYER, STREET, PHONE) == []
        assert not cipher.is_plain(ctx.paths.database)
        # ... while the same rows read back through the key, search index included.
        assert len(order_list.ordered_ids(db, search=BUYER)) == 20
    record = json.loads(ctx.paths.key_record.read_text())
    assert record["keptIn"] == "keychain"
    assert set(record) == {"format", "version", "keyId", "check", "keptIn", "recoveryKeyShown"}
    assert ctx.key.hex() not in ctx.paths.key_record.read_text()


# -- an older, plain data folder --


def test_a_plain_data_folder_is_encrypted_once_with_nothing_lost(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    plain_shop(folder)
    assert files_holding(folder, BUYER)  # as an older ShipDesk left it
    ctx = open_context(resolve_paths(folder))
    assert order_count(ctx) == 40
    assert files_holding(folder, BUYER, STREET, PHONE) == []
    copy = folder / "backups" / "shipdesk-daily-2026-11-30.sqlite3"
    assert not cipher.is_plain(copy) and backups.newest_readable_backup(ctx) is not None
    with cipher.connect(copy, ctx.key) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 40
    assert not list(folder.rglob(f"*{conversion.WRITING}"))
    assert not list(folder.rglob(f"*{conversion.READY}"))
    # Once: the next start finds nothing plain and converts nothing.
    assert database_key.encrypt_plain_files(ctx.paths, ctx.key) == []


@pytest.mark.parametrize("half_overwritten", [False, True])
def test_a_conversion_stopped_after_its_copy_was_ready_finishes_the_swap(
    tmp_path: Path, half_overwritten: bool
) -> None:
    """The state a kill leaves between "copy checked" and "plain file gone" (the plain file
    maybe half overwritten): the next start finishes it, from the ready copy."""
    folder = tmp_path / "data"
    path = plain_shop(folder)
    paths = resolve_paths(folder)
    key = database_key.unlock(paths)  # converts; then put the plain file back as it was
    ready = path.with_name(path.name + conversion.READY)
    shutil.move(path, ready)
    shutil.rmtree(folder / "backups")
    plain_shop(tmp_path / "again")
    shutil.move(tmp_path / "again" / "shipdesk.sqlite3", path)
    if half_overwritten:
        with path.open("rb+") as handle:
            handle.write(bytes(8192))
    assert database_key.unlock(paths) == key
    assert not ready.exists() and not cipher.is_plain(path)
    assert files_holding(folder, BUYER) == []
    assert order_count(open_context(paths)) == 40


def test_killed_while_converting_a_plain_data_file_it_goes_on_where_it_stopped(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    path = plain_shop(folder, orders=60, padding_mb=60)
    env = cli_env(tmp_path, SHIPDESK_DATA_DIR=str(folder))
    writing = path.with_name(path.name + conversion.WRITING)
    process = subprocess.Popen(
        [sys.executable, "-m", "shipdesk", "orders", "list", "--json"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    kill_when(process, lambda: writing.exists() and writing.stat().st_size > 1 << 20)
    assert cipher.is_plain(path)  # killed while the copy was written: the original untouched
    again = run_cli(["orders", "list", "--json"], env)
    assert again.returncode == 0, again.stderr
    assert len(json.loads(again.stdout)) == 60
    assert not writing.exists() and not cipher.is_plain(path)
    assert files_holding(folder, BUYER, STREET, PHONE) == []
    key = database_key.unlock(resolve_paths(folder))  # the same keychain as the CLI's
    with cipher.connect(path, key) as conn:
        assert conn.execute("SELECT count(*) FROM padding").fetchone()[0] == 60


# -- the key lost, changed, or kept without a keychain --


def test_a_lost_keychain_entry_changes_nothing_and_the_recovery_key_restores_it(
    tmp_path: Path,
) -> None:
    env = cli_env(tmp_path)
    assert run_cli(["orders", "list"], env).returncode == 0
    shown = run_cli(["key", "recovery"], env)
    assert shown.returncode == 0 and "cannot be opened by anyone" in shown.stderr
    recovery = shown.stdout.strip()
    assert len(recovery.split("-")) == 14
    database = Path(env["SHIPDESK_DATA_DIR"]) / "shipdesk.sqlite3"
    before = database.read_bytes()
    (tmp_path / "keyring.json").write_text("{}")  # the keychain was reset
    keyring.set_keyring(MemoryKeyring())
    lost = run_cli(["orders", "list"], env)
    assert lost.returncode == 1
    assert "no longer holds the key" in lost.stderr and "shipdesk key restore" in lost.stderr
    assert database.read_bytes() == before  # nothing rewritten, nothing plain
    mistyped = recovery[:5] + ("Q" if recovery[5] != "Q" else "R") + recovery[6:]
    typo = run_cli(["key", "restore"], env, stdin=mistyped + "\n")
    assert typo.returncode == 1 and "mistyped" in typo.stderr
    restored = run_cli(["key", "restore"], env, stdin=recovery + "\n")
    assert restored.returncode == 0, restored.stderr
    assert run_cli(["orders", "list"], env).returncode == 0


def test_a_key_changed_by_hand_is_told_apart_from_a_damaged_file(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data")
    open_context(paths)
    record = database_key.read_record(paths)
    database_key._keychain(record).put("database-key", {"key": os.urandom(32).hex()})
    with pytest.raises(database_key.KeyNeeded) as caught:
        database_key.unlock(paths)
    assert caught.value.reason == "key_changed"


def test_without_a_keychain_the_key_is_kept_under_a_passphrase(tmp_path: Path) -> None:
    env = cli_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    asked = run_cli(["orders", "list"], env)
    assert asked.returncode == 1 and "SHIPDESK_DATABASE_PASSPHRASE" in asked.stderr
    assert not (Path(env["SHIPDESK_DATA_DIR"]) / "shipdesk.key.json").exists()
    short = run_cli(["orders", "list"], {**env, "SHIPDESK_DATABASE_PASSPHRASE": "short"})
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    with_passphrase = {**env, "SHIPDESK_DATABASE_PASSPHRASE": "a long enough passphrase"}
    assert run_cli(["orders", "list"], with_passphrase).returncode == 0
    record = json.loads((Path(env["SHIPDESK_DATA_DIR"]) / "shipdesk.key.json").read_text())
    assert record["keptIn"] == "passphrase" and record["wrapped"]["kdf"] == "argon2id"
    wrong = run_cli(["orders", "list"], {**env, "SHIPDESK_DATABASE_PASSPHRASE": "not the one!"})
    assert wrong.returncode == 1 and "does not open it" in wrong.stderr
    missing = run_cli(["orders", "list"], env)
    assert missing.returncode == 1 and "no passphrase was given" in missing.stderr
    assert run_cli(["orders", "list"], with_passphrase).returncode == 0


def test_a_backup_restored_on_a_new_pc_opens_with_the_exported_key_file(tmp_path: Path) -> None:
    old = cli_env(tmp_path / "old")
    old_ctx_folder = Path(old["SHIPDESK_DATA_DIR"])
    paths = resolve_paths(old_ctx_folder)
    ctx = open_context(paths)
    with ctx.connect() as db, db.conn:
        upsert_orders(db, [buyer_order(n) for n in range(5)])
    copy = backups.take_daily_backup(ctx, dt.date(2027, 1, 1))
    key_file = tmp_path / "shipdesk-key.json"
    exported = run_cli(["key", "export", str(key_file)], old, stdin="stick passphrase 1\n")
    assert exported.returncode == 0, exported.stderr
    assert ctx.key.hex() not in key_file.read_text()

    # A new PC: another keychain, a fresh data folder holding only the backup copy.
    keyring.set_keyring(MemoryKeyring())
    new = cli_env(tmp_path / "new")
    fresh = Path(new["SHIPDESK_DATA_DIR"])
    fresh.mkdir(parents=True)
    shutil.copy(copy, fresh / "shipdesk.sqlite3")
    refused = run_cli(["orders", "list"], new)
    assert refused.returncode == 1 and "is not in the data folder" in refused.stderr
    wrong = run_cli(["key", "restore", "--file", str(key_file)], new, stdin="wrong passphrase\n")
    assert wrong.returncode == 1 and "passphrase is not the one" in wrong.stderr
    restored = run_cli(
        ["key", "restore", "--file", str(key_file)], new, stdin="stick passphrase 1\n"
    )
    assert restored.returncode == 0, restored.stderr
    listed = run_cli(["orders", "list", "--json"], new)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 5


def test_a_recovery_key_of_another_data_folder_is_refused(tmp_path: Path) -> None:
    one = open_context(resolve_paths(tmp_path / "one"))
    other = open_context(resolve_paths(tmp_path / "other"))
    with pytest.raises(database_key.KeyFileRefused, match="does not open the data file"):
        database_key.restore(other.paths, one.key)
    assert database_key.unlock(other.paths) == other.key  # left as it was


def test_a_data_folder_copied_to_a_new_pc_opens_with_the_recovery_key(tmp_path: Path) -> None:
    old = cli_env(tmp_path / "old")
    ctx = open_context(resolve_paths(Path(old["SHIPDESK_DATA_DIR"])))
    with ctx.connect() as db, db.conn:
        upsert_orders(db, [buyer_order(n) for n in range(7)])
    shown = run_cli(["key", "recovery"], old)
    assert shown.returncode == 0, shown.stderr
    recovery = shown.stdout.strip()

    # A new PC: another keychain; the whole data folder (key record included) copied over.
    keyring.set_keyring(MemoryKeyring())
    new = cli_env(tmp_path / "new")
    shutil.copytree(ctx.paths.data_dir, new["SHIPDESK_DATA_DIR"])
    lost = run_cli(["orders", "list"], new)
    assert lost.returncode == 1 and "no longer holds the key" in lost.stderr
    restored = run_cli(["key", "restore"], new, stdin=recovery + "\n")
    assert restored.returncode == 0, restored.stderr
    listed = run_cli(["orders", "list", "--json"], new)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 7
    assert files_holding(Path(new["SHIPDESK_DATA_DIR"]), BUYER) == []
