"""The data file kept safe: a newer ShipDesk's file is refused, daily copies are taken while the
app works (SQLite's backup API, seven kept), and a damaged file points at a copy that reads."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlite_utils

from shipdesk.paths import resolve_paths
from shipdesk.services import backups
from shipdesk.services.context import AppContext, open_context
from shipdesk.store import cipher
from shipdesk.store.backups import KEEP_BEFORE_UPGRADE, unreadable_because
from shipdesk.store.database import DatabaseError, open_database
from shipdesk.store.migrations import MIGRATIONS, known_migrations
from tests.conftest import cli_env, run_cli
from tests.support.dialogs import gui_says
from tests.support.keys import KEY

FROM_THE_FUTURE = "0099_from_a_newer_shipdesk"


def gui_args(data: Path, language: str = "en") -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data), demo=False, verbose=False, lang=language)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- a newer ShipDesk's data file --


def written_by_a_newer_shipdesk(data: Path) -> Path:
    """A data folder this version made, then opened by a newer one: one more migration, with
    the schema change it made."""
    ctx = open_context(resolve_paths(data))
    database = data / "shipdesk.sqlite3"
    conn = cipher.connect(database, ctx.key)
    with conn:
        conn.execute("ALTER TABLE orders ADD COLUMN gift_wrap TEXT")
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            ["shipdesk", FROM_THE_FUTURE, "2027-03-01 09:00:00.000000+00:00"],
        )
    conn.close()
    for made in (data / "backups").iterdir():
        made.unlink()
    return database


def test_this_version_knows_its_own_migrations_only() -> None:
    known = known_migrations()
    assert known[0] == "0001_orders_and_sync" and FROM_THE_FUTURE not in known
    assert len(known) == len(set(known))


def test_the_command_line_refuses_a_newer_shipdesks_data_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = written_by_a_newer_shipdesk(data)
    before = digest(database)
    result = run_cli(["orders", "list"], cli_env(tmp_path, SHIPDESK_DATA_DIR=str(data)))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "was last used by a newer ShipDesk than this one" in result.stderr
    assert FROM_THE_FUTURE in result.stderr and "Nothing was changed" in result.stderr
    assert result.stdout == ""
    # Nothing written: not the file, no copy before "upgrading", no daily copy.
    assert digest(database) == before
    assert not list((data / "backups").iterdir())


@pytest.mark.parametrize(("language", "said"), [("en", "newer version"), ("nl", "nieuwere versie")])
def test_the_window_refuses_a_newer_shipdesks_data_and_says_why(
    qtbot, tmp_path: Path, own_logging, language: str, said: str
) -> None:
    data = tmp_path / "data"
    database = written_by_a_newer_shipdesk(data)
    before = digest(database)
    code, text = gui_says(gui_args(data, language))
    assert code == 1
    assert said in text and str(data) in text and FROM_THE_FUTURE in text
    assert digest(database) == before
    assert not list((data / "backups").iterdir())


def test_an_older_file_is_still_brought_up_to_date(tmp_path: Path) -> None:
    """Known migrations only, some of them not applied yet: that is an upgrade, not a newer
    file (with its copy taken first)."""
    path = tmp_path / "shipdesk.sqlite3"
    # as the version before the last migration left it
    older = sqlite_utils.Database(cipher.connect(path, KEY))
    MIGRATIONS.apply(older, stop_before=known_migrations()[-1])
    older.close()
    open_database(path, KEY, tmp_path / "backups").close()
    copies = list((tmp_path / "backups").glob("*-before-*.sqlite3"))
    assert len(copies) == 1 and known_migrations()[-1] in copies[0].name


# -- daily copies --


@pytest.fixture
def shop(tmp_path: Path) -> AppContext:
    return open_context(resolve_paths(tmp_path / "data"))


def add_notes(ctx: AppContext, *texts: str) -> None:
    with ctx.connect() as db, db.conn:
        db.execute("CREATE TABLE IF NOT EXISTS notes (text TEXT)")
        for text in texts:
            db.execute("INSERT INTO notes VALUES (?)", [text])


def notes_in(copy: Path, key: bytes) -> list[str]:
    conn = cipher.connect(f"{copy.as_uri()}?mode=ro&immutable=1", key, uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT text FROM notes ORDER BY rowid")]
    finally:
        conn.close()


def test_one_copy_a_day_seven_kept_and_the_copies_before_upgrades_left_alone(shop) -> None:
    folder = shop.paths.backups
    before_upgrade = folder / "shipdesk-20260101T090000Z-before-0012_example.sqlite3"
    before_upgrade.write_bytes(b"a copy from before an upgrade")
    first = dt.date(2027, 1, 1)
    made = []
    for n in range(10):
        day = first + dt.timedelta(days=n)
        add_notes(shop, f"day {n}")
        copy = backups.take_daily_backup(shop, day)
        assert copy is not None and copy.name == f"shipdesk-daily-{day.isoformat()}.sqlite3"
        assert backups.take_daily_backup(shop, day) is None  # once a day
        made.append(copy)
    daily = sorted(p.name for p in folder.glob("shipdesk-daily-*.sqlite3"))
    assert daily == [p.name for p in made[-backups.KEEP_DAILY :]]
    assert before_upgrade.exists()  # rotated apart, under its own cap
    # Each copy is the data as it was that day, a file that opens on its own (with the key).
    assert notes_in(made[-1], shop.key) == [f"day {n}" for n in range(10)]
    assert notes_in(made[4], shop.key) == [f"day {n}" for n in range(5)]
    conn = cipher.connect(made[-1], shop.key)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not list(folder.glob(".*.partial"))


def test_a_copy_is_consistent_while_another_connection_keeps_writing(shop) -> None:
    """The app keeps working while the copy is taken: the copy holds whole transactions (ten
    notes each), never half of one, and the writer is never stopped by it."""
    add_notes(shop)
    stop = threading.Event()
    written = []

    def writer() -> None:
        db = shop.connect()
        try:
            while not stop.is_set():
                with db.conn:
                    db.conn.executemany(
                        "INSERT INTO notes VALUES (?)", [(f"n{len(written)}",)] * 10
                    )
                written.append(10)
        finally:
            db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            threading.Event().wait(0.005)
        copies = [backups.take_daily_backup(shop, dt.date(2027, 2, d)) for d in range(1, 6)]
        during = len(written)
    finally:
        stop.set()
        thread.join()
    assert during > 20  # the writer went on
    for copy in copies:
        assert copy is not None and unreadable_because(copy, shop.key) == ""
        count = len(notes_in(copy, shop.key))
        assert count > 0 and count % 10 == 0


def test_the_first_command_of_the_day_takes_the_copy(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    assert run_cli(["orders", "list"], env).returncode == 0
    folder = tmp_path / "cli-data" / "backups"
    copies = list(folder.glob("shipdesk-daily-*.sqlite3"))
    assert [p.name for p in copies] == [f"shipdesk-daily-{dt.date.today().isoformat()}.sqlite3"]
    taken = copies[0].stat().st_mtime_ns
    assert run_cli(["orders", "list"], env).returncode == 0
    assert copies[0].stat().st_mtime_ns == taken  # not again the same day


def test_a_command_goes_on_when_the_copy_cannot_be_made(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    assert run_cli(["orders", "list"], env).returncode == 0
    folder = tmp_path / "cli-data" / "backups"
    for made in folder.iterdir():
        made.unlink()
    # A folder where today's copy belongs: the copy cannot be put in its place.
    (folder / f"shipdesk-daily-{dt.date.today().isoformat()}.sqlite3" / "in the way").mkdir(
        parents=True
    )
    result = run_cli(["endpoints"], env)
    assert result.returncode == 0, result.stderr
    assert "warning: today's backup copy" in result.stderr and "goes on" in result.stderr
    assert "Traceback" not in result.stderr and "amazon" in result.stdout


def test_the_window_takes_the_copy_in_the_background_after_it_shows(qtbot, shop) -> None:
    from shipdesk.ui.main_window import MainWindow

    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.start_background_work()
    assert window.backups.first.isActive()  # later, off the start's path
    assert not list(shop.paths.backups.glob("shipdesk-daily-*"))
    with qtbot.waitSignal(window.backups.made, timeout=10_000) as made:
        window.backups.first.setInterval(0)
        window.backups.first.start()
    assert made.args[0].name == f"shipdesk-daily-{dt.date.today().isoformat()}.sqlite3"
    assert window.backups.timer.isActive()  # checked again every hour
    assert window.backups.backup_if_due() is False  # one a day


def test_the_window_says_when_the_copy_cannot_be_made(qtbot, shop) -> None:
    from shipdesk.ui.main_window import MainWindow

    shop.paths.backups.rmdir()
    shop.paths.backups.write_text("a file where the backups folder belongs")
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.backups.failed, timeout=10_000):
        assert window.backups.backup_if_due()
    assert "backup copy of ShipDesk's data could not be made" in window.statusBar().currentMessage()


# -- a damaged data file --


def damage(database: Path) -> None:
    for extra in ("-wal", "-shm"):
        Path(f"{database}{extra}").unlink(missing_ok=True)
    database.write_bytes(b"this is not a database file at all" * 200)


def test_a_damaged_file_points_at_the_newest_copy_that_reads(shop) -> None:
    folder = shop.paths.backups
    add_notes(shop, "kept")
    good = backups.take_daily_backup(shop, dt.date(2027, 1, 1))
    assert good is not None
    newer = folder / "shipdesk-daily-2027-01-02.sqlite3"
    newer.write_bytes(good.read_bytes()[:4096])  # cut off: does not read back whole
    damage(shop.paths.database)
    with pytest.raises(DatabaseError) as caught:
        open_database(shop.paths.database, shop.key, folder)
    assert caught.value.code == "damaged" and caught.value.backup == good
    assert f"restore the newest copy, {good}," in str(caught.value)
    assert newer.name not in str(caught.value)
    assert backups.newest_readable_backup(shop) == good


def test_a_damaged_file_without_a_good_copy_says_so(shop) -> None:
    folder = shop.paths.backups
    (folder / "shipdesk-daily-2027-01-02.sqlite3").write_bytes(b"not a copy" * 100)
    damage(shop.paths.database)
    with pytest.raises(DatabaseError) as caught:
        open_database(shop.paths.database, shop.key, folder)
    assert caught.value.code == "damaged_no_backup" and caught.value.backup is None
    assert f"There is no readable copy in {folder}" in str(caught.value)


def test_the_window_names_the_copy_to_restore(qtbot, tmp_path: Path, own_logging) -> None:
    data = tmp_path / "data"
    ctx = open_context(resolve_paths(data))
    add_notes(ctx, "kept")
    good = backups.take_daily_backup(ctx, dt.date(2027, 1, 1))
    damage(ctx.paths.database)
    code, text = gui_says(gui_args(data, "nl"))
    assert code == 1
    assert "is beschadigd" in text and str(good) in text.split("\n")[0]


def test_the_copies_before_upgrades_keep_their_own_cap(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for n in range(KEEP_BEFORE_UPGRADE + 2):
        (folder / f"shipdesk-2026010{n}T000000Z-before-0001_x.sqlite3").write_bytes(b"old")
    daily = folder / "shipdesk-daily-2026-01-01.sqlite3"
    daily.write_bytes(b"a daily copy")
    path = tmp_path / "shipdesk.sqlite3"
    cipher.connect(path, KEY).execute("CREATE TABLE notes (text TEXT)").connection.close()
    open_database(path, KEY, folder).close()  # an upgrade: a copy before it, then the cap
    assert len(list(folder.glob("*-before-*.sqlite3"))) == KEEP_BEFORE_UPGRADE
    assert daily.exists()


# -- private to this account --


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows keeps AppData per user")
def test_the_data_folder_and_its_files_are_this_account_s_only(tmp_path: Path) -> None:
    """Buyers' names and addresses: no other local account may read them (0700 / 0600), and
    a file left readable by an older ShipDesk is narrowed on the next start."""
    from shipdesk.logs import setup_logging

    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    older = folder / "shipdesk.sqlite3"
    sqlite3.connect(older).close()
    older.chmod(0o644)
    ctx = open_context(resolve_paths(folder))
    log_file = setup_logging(ctx.paths.logs)
    assert backups.take_daily_backup(ctx) is not None
    with ctx.connect() as db:  # open: its WAL and shared-memory files exist meanwhile
        with db.conn:
            db.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        for path in (folder, ctx.paths.backups, ctx.paths.logs, ctx.paths.exports):
            assert path.stat().st_mode & 0o777 == 0o700, path
        written = [older, older.with_name(older.name + "-wal"), log_file]
        written += [older.with_name(older.name + "-shm")]
        written += list(ctx.paths.backups.glob("*.sqlite3"))
        for path in written:
            assert path.stat().st_mode & 0o777 == 0o600, path


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_narrowing_never_gives_back_what_the_owner_took_away(tmp_path: Path) -> None:
    from shipdesk.files import make_private

    folder, file = tmp_path / "read-only", tmp_path / "file"
    folder.mkdir(mode=0o555)
    file.write_text("x")
    file.chmod(0o444)
    try:
        make_private(folder)
        make_private(file)
        assert folder.stat().st_mode & 0o777 == 0o500
        assert file.stat().st_mode & 0o777 == 0o400
    finally:
        folder.chmod(0o755)
