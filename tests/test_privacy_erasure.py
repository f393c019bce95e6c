"""Buyer data erased as Amazon requires (issue 13, point 3): 30 days after delivery, or 30 days
plus the grace after Amazon's promised delivery date without a delivery scan; gone from the
orders, the labels and their documents, the search index, the data file and every backup; not
brought back by an import; `shipdesk privacy purge|erase`; the window's background run."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from shipdesk.services import backups, delivery, privacy, tracking
from shipdesk.services import labels as label_service
from shipdesk.services.importing import import_orders
from shipdesk.services.order_list import OrderListQuery, OrderListSource
from shipdesk.store import labels as label_store
from shipdesk.store.orders import (
    StoredOrder,
    fold,
    list_orders,
    order_from_row,
    upsert_orders,
)
from shipdesk.store.transactions import write_transaction
from tests.conftest import cli_env, run_cli
from tests.test_delivery import made_and_printed, stored
from tests.test_gls_labels import open_gls_shop

HOUR = 3600.0
DAY = dt.timedelta(days=1)


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def orders(ctx, order_ids=None) -> dict[str, StoredOrder]:
    with ctx.connect() as db:
        return {row.order_id: row for row in list_orders(db, order_ids)}


def delivered_shop(tmp_path, start_sandbox, count: int = 3):
    """A GLS shop whose first `count` labels were printed, their tracking sent to Amazon and
    their parcels delivered; the others are drafts."""
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    printed = made_and_printed(ctx, count)
    tracking.upload_due(ctx)  # Amazon marks them shipped: a later import brings them anew
    sandbox.clock.advance(30 * HOUR / 1000)
    assert delivery.refresh(ctx).delivered == count
    labels = stored(ctx, printed)
    delivered_at = max(instant(lb.delivered_at) for lb in labels)
    return ctx, labels, delivered_at


def buyer_words(row: StoredOrder) -> list[str]:
    """What names a buyer, as stored (long enough not to match anything by chance)."""
    values = (row.recipient_name, row.address_line1, row.phone)
    return [v for v in values if v and len(v) >= 6]


def holding(db, word: str) -> list[str]:
    """Every table.column of the file (search index and its shadow tables included) that still
    holds `word`, or its folded form, anywhere in a value."""
    found = []
    tables = [
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    ]
    for table in tables:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info('{table}')").fetchall()]
        for column in columns:
            for needle in {word, fold(word)}:
                hit = db.execute(
                    f'SELECT 1 FROM "{table}" WHERE instr(CAST("{column}" AS BLOB), '
                    "CAST(? AS BLOB)) > 0 LIMIT 1",
                    [needle],
                ).fetchone()
                if hit:
                    found.append(f"{table}.{column}")
    return found


def index_terms(db) -> set[str]:
    """The words (trigrams) the full-text index holds."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, "
        "orders_search, 'row')"
    )
    return {r[0] for r in db.execute("SELECT term FROM temp.search_terms").fetchall()}


def trigrams(text: str) -> set[str]:
    folded = fold(text)
    return {folded[i : i + 3] for i in range(len(folded) - 2)}


def found_by_search(ctx, words: str) -> set[str]:
    source = OrderListSource(ctx)
    try:
        ids = source.ids(OrderListQuery(search=words))
        return {row.order_id for row in source.rows(ids).values()}
    finally:
        source.close()


def test_a_month_after_delivery_the_buyer_data_is_gone_everywhere(tmp_path, start_sandbox):
    ctx, labels, delivered_at = delivered_shop(tmp_path, start_sandbox)
    delivered = {lb.order_id for lb in labels}
    before = orders(ctx)
    kept = {w for o in before if o not in delivered for w in buyer_words(before[o])}
    words = [
        w
        for o in delivered
        for w in buyer_words(before[o])
        if not any(w in k or k in w for k in kept)
    ]
    assert len(words) >= 6
    name = next(w for w in words if w == before[labels[0].order_id].recipient_name)
    assert found_by_search(ctx, name) == {labels[0].order_id}
    with ctx.connect() as db:
        assert db.execute("SELECT count(*) FROM label_documents").fetchone()[0] > 0
    copy = backups.take_daily_backup(ctx)  # a copy holding them, as every day's copy does
    assert copy is not None
    with ctx.connect_file(copy) as db:
        assert holding(db, name)
    copy_time = copy.stat().st_mtime_ns

    early = privacy.purge(ctx, now=delivered_at + 29 * DAY)
    assert (early.orders_erased, early.backups_cleaned) == (0, 0)

    result = privacy.purge(ctx, now=delivered_at + 31 * DAY)
    assert (result.orders_erased, result.backups_cleaned, result.backups_dropped) == (3, 1, 0)
    assert set(result.order_ids) == delivered

    after = orders(ctx)
    for order_id in delivered:
        row, was = after[order_id], before[order_id]
        assert row.buyer_data_erased_at
        assert row.recipient_name is row.address_line1 is row.city is None
        assert row.phone is row.postal_code is row.company_name is None
        # What is not personal stays for reports.
        for key in ("created_time", "status", "country_code", "item_count", "items_summary"):
            assert getattr(row, key) == getattr(was, key)
        assert [i.order_item_id for i in row.items] == [i.order_item_id for i in was.items]
    for order_id in set(before) - delivered:  # the others are untouched
        assert after[order_id].recipient_name == before[order_id].recipient_name
        assert not after[order_id].buyer_data_erased_at
    for old, new in zip(labels, stored(ctx, [lb.id for lb in labels]), strict=True):
        assert new.tracker_codes == old.tracker_codes and new.carrier == "gls"
        assert new.delivered_at == old.delivered_at and new.state == old.state
        assert not any(new.receiver[k] for k in ("last_name", "street", "postal_code"))
        assert new.receiver["country_code"] == old.receiver["country_code"]

    # Search finds them by order id, no longer by the buyer's name.
    assert not found_by_search(ctx, name)
    assert found_by_search(ctx, labels[0].order_id) == {labels[0].order_id}
    with ctx.connect() as db:
        assert (
            db.execute(
                "SELECT count(*) FROM label_documents WHERE carrier_label_id IN (SELECT j.value "
                "FROM labels, json_each(labels.carrier_label_ids) j WHERE labels.order_id IN "
                f"({','.join('?' * len(delivered))}))",
                sorted(delivered),
            ).fetchone()[0]
            == 0
        )
        # No table, column or index shadow table holds them; nor does the index's vocabulary.
        leaks = {(w, where) for w in words for where in holding(db, w)}
        assert not leaks, sorted(leaks)[:5]
        remaining = " ".join(r[0] for r in db.execute("SELECT search_text FROM orders"))
        own = set().union(*(trigrams(w) for w in words)) - trigrams(remaining)
        assert own and not own & index_terms(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Nor the bytes of the file and its WAL (ciphertext since encryption: the SQL above is
    # what proves it; this guards a plain file).
    files = [p for p in ctx.paths.data_dir.rglob("*") if p.is_file()]
    raw = b"".join(p.read_bytes() for p in files)
    assert not [w for w in words if w.encode() in raw]

    # The copy taken before is cleaned the same way, and keeps its day.
    with ctx.connect_file(copy) as db:
        leaks = {(w, where) for w in words for where in holding(db, w)}
        assert not leaks, sorted(leaks)[:5]
        marked = {
            r[0]
            for r in db.execute(
                "SELECT order_id FROM orders WHERE buyer_data_erased_at IS NOT NULL"
            )
        }
        assert marked == delivered
    assert copy.stat().st_mtime_ns == copy_time
    again = privacy.purge(ctx, now=delivered_at + 31 * DAY)
    assert (again.orders_erased, again.backups_cleaned, again.backups_dropped) == (0, 0, 0)

    # Amazon sends the orders again (shipped now): their buyer data is not written back.
    with ctx.connect() as db, write_transaction(db):
        db.execute("DELETE FROM sync_state")  # the whole window again
    imported = import_orders(ctx)
    assert imported.updated == len(delivered)  # shipped since: Amazon's newer copies
    reread = orders(ctx, delivered)
    assert {r.status for r in reread.values()} == {"SHIPPED"}
    assert all(r.recipient_name is None and r.buyer_data_erased_at for r in reread.values())
    assert not found_by_search(ctx, name)


def test_an_import_never_writes_an_erased_orders_buyer_data_back(tmp_path, start_sandbox):
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    row = next(r for r in orders(ctx).values() if r.recipient_name and r.address_line1)
    privacy.erase(ctx, [row.order_id])
    # A newer copy of the order from Amazon, address and all.
    newer = replace(order_from_row(row), last_updated_time="2099-01-01T00:00:00Z")
    assert newer.address is not None and newer.address.name == row.recipient_name
    with ctx.connect() as db, write_transaction(db):
        assert upsert_orders(db, [newer]).updated == 1
    [after] = orders(ctx, [row.order_id]).values()
    assert after.last_updated_time == "2099-01-01T00:00:00Z"
    assert after.recipient_name is after.address_line1 is after.city is None
    assert after.country_code == row.country_code
    assert not found_by_search(ctx, row.recipient_name)


def test_without_a_delivery_scan_the_promised_date_counts_plus_the_grace(tmp_path, start_sandbox):
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    all_orders = orders(ctx)
    drafts = label_service.drafts_ready_ids(ctx)
    with ctx.connect() as db:
        [draft] = label_store.get_labels(db, drafts[-1:])
    order = all_orders[draft.order_id]
    promised = instant(order.deliver_by_latest)
    assert privacy.grace_days(ctx) == privacy.DEFAULT_GRACE_DAYS == 14

    early = privacy.purge(ctx, now=promised + 44 * DAY - dt.timedelta(hours=1))
    assert draft.order_id not in early.order_ids
    assert not orders(ctx, [draft.order_id])[draft.order_id].buyer_data_erased_at
    due = privacy.purge(ctx, now=promised + 44 * DAY + dt.timedelta(minutes=1))
    assert draft.order_id in due.order_ids
    # Exactly the orders whose promised date (+ 30 days + grace) has passed by then.
    then = promised + 44 * DAY + dt.timedelta(minutes=1)
    expected = {
        o
        for o, r in all_orders.items()
        if instant(r.deliver_by_latest or r.ship_by_latest or r.created_time) + 44 * DAY <= then
    }
    erased = {o for o, r in orders(ctx).items() if r.buyer_data_erased_at}
    assert erased == expected

    # Its draft can no longer become a label, and gets no new draft.
    made = label_service.create_labels(ctx, [draft.id])
    assert made.created == 0
    assert [o.error_code for o in made.outcomes] == [label_service.BUYER_DATA_ERASED]

    # The grace is the owner's to change: shorter, and the rest follow sooner.
    privacy.set_grace_days(ctx, 2)
    promised_dates = [r.deliver_by_latest for r in all_orders.values() if r.deliver_by_latest]
    later = max(instant(d) for d in promised_dates)
    result = privacy.purge(ctx, now=later + 32 * DAY + dt.timedelta(minutes=1))
    assert result.orders_erased == len(all_orders) - len(erased)


def test_an_erasure_amazon_asks_for_reaches_the_backups(tmp_path, start_sandbox):
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    rows = [r for r in orders(ctx).values() if r.recipient_name][:2]
    ids = [r.order_id for r in rows]
    copy = backups.take_daily_backup(ctx)
    stale = ctx.paths.backups / f"{ctx.paths.database.stem}-20260101T000000Z-before-x.sqlite3"
    stale.write_bytes(b"not a database at all")  # a copy that cannot be cleaned: it goes

    try:
        privacy.erase(ctx, [*ids, "999-0000000-0000000"])
    except privacy.UnknownOrders as exc:
        assert exc.order_ids == ("999-0000000-0000000",)
    else:
        raise AssertionError("an unknown order was not refused")
    assert not any(r.buyer_data_erased_at for r in orders(ctx, ids).values())  # nothing

    result = privacy.erase(ctx, ids)
    assert result.erased == ids and not result.already
    assert (result.backups_cleaned, result.backups_dropped) == (1, 1)
    assert not stale.exists() and copy.exists()
    with ctx.connect_file(copy) as db:
        assert not [w for r in rows for w in buyer_words(r) if holding(db, w)]
    assert privacy.erase(ctx, ids[:1]).already == ids[:1]


def test_the_privacy_commands(tmp_path, start_sandbox):
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    env = cli_env(tmp_path, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    target = next(r for r in orders(ctx).values() if r.recipient_name)

    unknown = run_cli(["privacy", "erase", "999-0000000-0000000"], env)
    assert unknown.returncode == 1, unknown.stderr
    assert "unknown order: 999-0000000-0000000" in unknown.stderr

    naive = run_cli(["privacy", "purge", "--now", "2027-02-01T09:00:00"], env)
    assert naive.returncode == 2
    assert "no UTC offset" in naive.stderr and "2027-02-01T09:00:00+01:00" in naive.stderr
    assert run_cli(["privacy", "purge", "--now", "next week"], env).returncode == 2

    erased = run_cli(["privacy", "erase", target.order_id, "--json"], env)
    assert erased.returncode == 0, erased.stderr
    assert json.loads(erased.stdout)["erased"] == [target.order_id]

    listed = run_cli(["orders", "list", "--json"], env)
    assert listed.returncode == 0, listed.stderr
    by_id = {o["orderId"]: o for o in json.loads(listed.stdout)}
    assert by_id[target.order_id]["buyerDataErased"] is True
    assert by_id[target.order_id]["recipientName"] is None
    assert by_id[target.order_id]["addressLines"] == []
    assert sum(o["buyerDataErased"] for o in by_id.values()) == 1
    assert all("deliveredAt" in o for o in by_id.values())

    soon = run_cli(["privacy", "purge", "--now", "2026-01-01T00:00:00+01:00"], env)
    assert soon.returncode == 0, soon.stderr
    assert soon.stdout.strip() == "Buyer data erased: 0 orders; backups: 0 cleaned, 0 deleted."
    late = run_cli(["privacy", "purge", "--now", "2099-01-01T00:00:00Z", "--json"], env)
    assert late.returncode == 0, late.stderr
    counts = json.loads(late.stdout)
    assert counts["ordersErased"] == len(by_id) - 1
    assert counts["backupsCleaned"] == 1 and counts["backupsDropped"] == 0  # today's copy


def test_the_window_erases_in_the_background_and_shows_how_many(qtbot, tmp_path, start_sandbox):
    from tests.support.windows import column, open_window, show_view

    ctx, labels, delivered_at = delivered_shop(tmp_path, start_sandbox, count=2)
    window = open_window(qtbot, ctx)
    window.start_background_work()  # as the app does right after show(): the run comes later
    assert window.privacy.job is None and window.privacy.first.isActive()
    assert window.privacy.first.remainingTime() > 10_000 and window.privacy.timer.isActive()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15_000)
    with qtbot.waitSignal(window.privacy.purged, timeout=15_000) as done:
        assert window.privacy.purge(delivered_at + 31 * DAY)
    assert done.args[0].orders_erased == 2
    message = window.statusBar().currentMessage()
    assert "2 orders" in message and "erased" in message
    show_view(qtbot, window, "all")
    qtbot.waitUntil(lambda: column(window, "recipient").count("buyer data erased") == 2)

    # Its label window says why nothing can be made or printed for it any more.
    tab = window.orders
    tab._open_label(labels[0].id)
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.edit is not None, timeout=15_000)
    assert "were erased" in dialog.review.text()
    assert not dialog.preview_box.isVisible()
    dialog.close()
