"""Buyers' names, streets and phones never reach the log files or a diagnostics export, nor any
file of the data folder in a readable form (WAL and backups included), after a whole day's flow
at debug level: import, drafts, an edit, labels, documents, packing slips, tracking to Amazon,
a refused label, track & trace until delivered; a month later they are erased."""

from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile

from shipdesk.logs import setup_logging
from shipdesk.services import backups, delivery, diagnostics, printing, privacy, tracking
from shipdesk.services import labels as label_service
from shipdesk.store import labels as label_store
from shipdesk.store.transactions import write_transaction
from tests.test_gls_labels import open_gls_shop
from tests.test_labels import edit_receiver
from tests.test_privacy_erasure import found_by_search


def buyer_words(ctx) -> set[str]:
    """What identifies a buyer: names, street lines and phones as stored (long enough not to
    match by chance)."""
    with ctx.connect() as db:
        rows = db.execute(
            "SELECT recipient_name, address_line1, address_line2, phone FROM orders"
        ).fetchall()
    return {value for row in rows for value in row if value and len(value) >= 6}


def test_a_whole_day_leaves_no_buyer_data_in_logs_diagnostics_or_files(tmp_path, start_sandbox):
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    log_file = setup_logging(ctx.paths.logs, level=logging.DEBUG)
    try:
        ids = label_service.drafts_ready_ids(ctx)[:6]
        # One refused by GLS on its postcode (the carrier's message quotes what it refused).
        [first] = _labels(ctx, ids[:1])
        edit_receiver(ctx, first, postal_code="0000")
        assert label_service.create_labels(ctx, ids).failed == 1
        made = [lb for lb in _labels(ctx, ids) if lb.state == "created"]
        assert made
        printing.label_documents(ctx, made, "pdf")
        printing.packing_slips_pdf(ctx, [lb.order_id for lb in made])
        with ctx.connect() as db, write_transaction(db):
            label_store.mark_printed(db, [lb.id for lb in made])
        tracking.upload_due(ctx)
        sandbox.clock.advance(30 * 3600 / 1000)
        assert delivery.refresh(ctx).delivered == len(made)
        exported = diagnostics.diagnostics_zip(ctx)
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_shipdesk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    words = buyer_words(ctx)
    assert len(words) > 20
    texts = {p.name: p.read_text(errors="replace") for p in ctx.paths.logs.glob("*")}
    assert log_file is not None and texts[log_file.name].strip()  # the day was logged
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        texts |= {f"zip:{n}": archive.read(n).decode(errors="replace") for n in archive.namelist()}
    leaks = {(where, w) for where, text in texts.items() for w in words if w in text}
    assert not leaks, sorted(leaks)[:5]

    # Nothing readable on disk either: every file under the data folder, the WAL (held open
    # meanwhile) and today's backup included, is searched for the buyers' words.
    assert backups.take_daily_backup(ctx) is not None
    with ctx.connect() as db:
        with db.conn:  # the orders' pages written again: the WAL holds them until closed
            db.execute("UPDATE orders SET recipient_name = recipient_name")
        files = [p for p in ctx.paths.data_dir.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") and p.stat().st_size for p in files)
        assert any(p.parent == ctx.paths.backups for p in files)
        readable = {(p.name, w) for p in files for w in words if w.encode() in p.read_bytes()}
    assert not readable, sorted(readable)[:5]

    # A month after delivery the buyers' data is gone, and search no longer finds them by name.
    delivered = _labels(ctx, [lb.id for lb in made])
    last = max(dt.datetime.fromisoformat(lb.delivered_at) for lb in delivered)
    with ctx.connect() as db:
        by_order = dict(db.execute("SELECT order_id, recipient_name FROM orders").fetchall())
    names = [by_order[lb.order_id] for lb in made]
    assert all(found_by_search(ctx, name) for name in names)
    assert privacy.purge(ctx, now=last + dt.timedelta(days=31)).orders_erased == len(made)
    assert not any(found_by_search(ctx, name) & {lb.order_id for lb in made} for name in names)


def _labels(ctx, ids):
    with ctx.connect() as db:
        return label_store.get_labels(db, ids)
