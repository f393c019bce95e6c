"""Erasing buyers' personal data from a data file (or a backup copy of it), as Amazon's Data
Protection Policy requires: at most 30 days after delivery, and within 72 hours when Amazon asks.

What goes: on the order its buyer columns (`orders.BUYER_COLUMNS`: name, company, address
lines, city, postcode, region, phone, address type) and the words they put in the search
index; on its labels the receiver (only the country and business flag stay), the owner's note,
the review notes and carrier messages that may quote the address, the carrier's latest
track & trace text; the stored label documents. What stays: the order id, dates, items,
status, country, carrier, tracking numbers, delivery status and time. The order is marked
(`buyer_data_erased_at`), and an import never writes its buyer data back.

The text is really gone, not just unlinked: `PRAGMA secure_delete` zeroes what SQLite frees,
the full-text index deletes in place (FTS5 'secure-delete', SQLite 3.44 and later) or is
merged anew ('optimize') so no old segment keeps the words, and the WAL is checkpointed and
truncated afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterable

from shipdesk.store import search_index
from shipdesk.store.connection import Database, chunks
from shipdesk.store.orders import (
    BUYER_COLUMNS,
    iso_z,
    list_orders,
    order_from_row,
    search_text,
)
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

AFTER_DELIVERY = dt.timedelta(days=30)  # Amazon: kept at most 30 days after delivery
MARKER = "buyer_data_erased_at"

# When an order's buyer data is due to go, as an SQL condition on `o` (orders) and `a` (its
# labels that count: not cancelled). Delivered (every active label): 30 days after the last
# delivery. Otherwise (no label, not handed over, never scanned as delivered): 30 days plus the
# grace after the latest delivery date Amazon promised (its ship-by or order time when Amazon
# gave none). Times are compared as instants: Amazon may write offsets or milliseconds.
_DUE = (
    "o.buyer_data_erased_at IS NULL AND ("
    "(a.active > 0 AND a.delivered = a.active "
    " AND a.last_delivery + :after_delivery <= julianday(:now)) "
    "OR ((a.active IS NULL OR a.delivered < a.active) "
    " AND julianday(COALESCE(o.deliver_by_latest, o.ship_by_latest, o.created_time)) "
    "     + :after_delivery + :grace <= julianday(:now)))"
)
_ACTIVE_LABELS = (
    "SELECT order_id, count(*) AS active, count(delivered_at) AS delivered, "
    "max(julianday(delivered_at)) AS last_delivery FROM labels "
    "WHERE state != 'cancelled' GROUP BY order_id"
)


def columns(db: Database, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}


def can_erase(db: Database) -> bool:
    """Whether this file's schema knows erasure (a backup from before migration 0014 does not:
    erased there, its orders could not say so, and an import after a restore would bring the
    data back)."""
    return MARKER in columns(db, "orders")


def due(db: Database, now: dt.datetime, grace: dt.timedelta) -> list[str]:
    """The orders whose buyer data is due to be erased at `now`."""
    rows = db.execute(
        f"SELECT o.order_id FROM orders o LEFT JOIN ({_ACTIVE_LABELS}) a "
        f"ON a.order_id = o.order_id WHERE {_DUE} ORDER BY o.id",
        {
            "now": iso_z(now),
            "after_delivery": AFTER_DELIVERY / dt.timedelta(days=1),
            "grace": grace / dt.timedelta(days=1),
        },
    ).fetchall()
    return [r[0] for r in rows]


def erased(db: Database) -> set[str]:
    """Every order whose buyer data was erased here."""
    return {r[0] for r in db.execute(f"SELECT order_id FROM orders WHERE {MARKER} IS NOT NULL")}


def is_erased(db: Database, order_id: str) -> bool:
    row = db.execute(f"SELECT {MARKER} FROM orders WHERE order_id = ?", [order_id]).fetchone()
    return bool(row and row[0])


def known(db: Database, order_ids: Iterable[str]) -> set[str]:
    """Which of these orders are in the file."""
    found: set[str] = set()
    for chunk in chunks(list(order_ids)):
        found.update(
            r[0]
            for r in db.execute(
                f"SELECT order_id FROM orders WHERE order_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return found


def still_holding(db: Database, order_ids: Iterable[str]) -> list[str]:
    """Of these orders, those the file still holds buyer data of (not marked erased where the
    schema has the mark, any buyer column filled where it has not)."""
    marked = can_erase(db)
    held = " OR ".join(f"{c} IS NOT NULL" for c in BUYER_COLUMNS)
    condition = f"{MARKER} IS NULL" if marked else f"({held})"
    found: list[str] = []
    for chunk in chunks(list(order_ids)):
        found += [
            r[0]
            for r in db.execute(
                f"SELECT order_id FROM orders WHERE {condition} "
                f"AND order_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        ]
    return found


def erase(db: Database, order_ids: Iterable[str], now: dt.datetime) -> int:
    """Erase the buyer data of these orders (those already erased are erased again: cheap, and
    a half-cleaned copy ends clean). One write transaction per chunk, so the window and the
    import wait at most a moment. Returns how many orders were newly marked erased."""
    wanted = list(dict.fromkeys(order_ids))
    if not wanted:
        return 0
    db.execute("PRAGMA secure_delete = ON")  # freed cells and pages are zeroed, not left
    stamp = iso_z(now)
    newly = 0
    in_place = None
    for chunk in chunks(wanted):
        with write_transaction(db):
            if in_place is None:
                in_place = _fts_deletes_in_place(db)
            newly += _erase_chunk(db, chunk, stamp)
    if not in_place:
        # Without secure-delete FTS5 deletes by adding a tombstone; merging the index into
        # one segment drops the old entries (and the pages they were on are zeroed).
        with write_transaction(db):
            db.execute("INSERT INTO orders_search (orders_search) VALUES ('optimize')")
    checkpoint(db)
    return newly


def _erase_chunk(db: Database, chunk: list[str], stamp: str) -> int:
    marks = ",".join("?" * len(chunk))
    # The search text anew, from what stays: order id, country, items.
    texts = [
        (search_text(order_from_row(order), buyer=False), order.order_id)
        for order in list_orders(db, chunk)
    ]
    indexed = search_index.texts_of(db, chunk)
    db.conn.executemany("UPDATE orders SET search_text = ? WHERE order_id = ?", texts)
    search_index.catch_up(db, chunk, indexed)
    newly = db.execute(
        f"SELECT count(*) FROM orders WHERE {MARKER} IS NULL AND order_id IN ({marks})", chunk
    ).fetchone()[0]
    db.execute(
        f"UPDATE orders SET {', '.join(f'{c} = NULL' for c in BUYER_COLUMNS)}, "
        f"{MARKER} = COALESCE({MARKER}, ?), updated_at = ? WHERE order_id IN ({marks})",
        [stamp, stamp, *chunk],
    )
    # The label documents print the address: gone (a label of an erased order is not printed
    # again; its tracking number stays on the label row).
    db.execute(
        "DELETE FROM label_documents WHERE carrier_label_id IN (SELECT j.value FROM labels, "
        f"json_each(labels.carrier_label_ids) AS j WHERE labels.order_id IN ({marks}))",
        chunk,
    )
    if columns(db, "return_labels"):  # a backup from before return labels has none
        db.execute(
            "DELETE FROM label_documents WHERE carrier_label_id IN (SELECT j.value FROM "
            "return_labels r, json_each(r.carrier_label_ids) AS j "
            f"WHERE r.order_id IN ({marks}))",
            chunk,
        )
        # The carrier's words may quote the address; the reason is the buyer's own.
        db.execute(
            f"UPDATE return_labels SET error = NULL, reason = '' WHERE order_id IN ({marks})",
            chunk,
        )
    label_columns = columns(db, "labels")
    cleared = {
        "receiver": "json_object('first_name', '', 'last_name', '', 'company_name', '', "
        "'street', '', 'number', '', 'addition', '', 'postal_code', '', 'city', '', "
        "'country_code', COALESCE(json_extract(receiver, '$.country_code'), ''), "
        "'is_business', json(CASE WHEN json_extract(receiver, '$.is_business') "
        "THEN 'true' ELSE 'false' END), 'phone', '', 'email', '')",
        "note": "''",
        "service_point": "NULL",  # where the buyer picks up: near where they live
        "review": "'[]'",
        "error_message": "NULL",
        "error_details": "'[]'",
        "tracking_event": "NULL",
        "carrier_confirm_refused": "NULL",
    }
    sets = ", ".join(f"{c} = {v}" for c, v in cleared.items() if c in label_columns)
    db.execute(f"UPDATE labels SET {sets} WHERE order_id IN ({marks})", chunk)
    return int(newly)


def _fts_deletes_in_place(db: Database) -> bool:
    """Turn on FTS5's 'secure-delete' for the search index where this SQLite has it (3.44 and
    later): from then on a deleted row's words leave the index at once. On the run that turns
    it on, the index is merged once as well (older deletes left tombstones). False where this
    SQLite has no such option."""
    row = db.execute("SELECT v FROM orders_search_config WHERE k = 'secure-delete'").fetchone()
    if row is not None and row[0]:
        return True
    try:
        db.execute("INSERT INTO orders_search (orders_search, rank) VALUES ('secure-delete', 1)")
    except sqlite3.OperationalError:
        return False
    db.execute("INSERT INTO orders_search (orders_search) VALUES ('optimize')")
    return True


def checkpoint(db: Database) -> None:
    """Copy the WAL into the file and truncate it, so no old page (with erased text) stays in
    it. Best effort: a reader in the middle of a long read holds it back until the next run."""
    try:
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError as exc:
        log.info("checkpoint after erasure not done: %s", exc)
        return
    if busy and busy[0]:
        log.info("checkpoint after erasure waits for a reader; the next run finishes it")
