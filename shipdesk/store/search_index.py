"""The Orders tab's search index (FTS5, trigrams of `orders.search_text`), kept in step by the
code that writes `search_text`: each write reads what the index holds for its orders first,
and afterwards `catch_up` brings the index to what the rows hold, once per transaction.

Why not triggers (as migrations 0002 to 0023 had it): FTS5 writes its pending entries out as
a new index segment whenever a statement that fires a trigger begins, so an import wrote a
segment per page and merged them again, about half of the CPU an imported order cost. Entries
added by one `executemany` at the end of the write go out as one segment at its commit. Rows
deleted from `orders` still leave the index by a trigger (migration 0024 kept that one): a
deletion is rare, and a trigger cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable

from shipdesk.store.connection import Database, chunks

Indexed = dict[str, tuple[int, str | None]]  # order id -> (row id, search text)


def texts_of(db: Database, order_ids: Iterable[str]) -> Indexed:
    """What the rows of these orders hold now (those stored at all): read before a write."""
    held: Indexed = {}
    for chunk in chunks(list(dict.fromkeys(order_ids))):
        for rowid, order_id, text in db.execute(
            f"SELECT id, order_id, search_text FROM orders "
            f"WHERE order_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall():
            held[order_id] = (rowid, text)
    return held


def catch_up(db: Database, order_ids: Iterable[str], indexed: Indexed) -> None:
    """Bring the index to what the rows of these orders hold now, given what it held for them
    (`texts_of` before the write). Inside the writer's transaction."""
    if _kept_by_triggers(db):  # a backup from before migration 0024: its triggers did it
        return
    now = texts_of(db, order_ids)
    # In the order of the row ids: FTS5 writes its pending entries out whenever a row id comes
    # that is not above the last one, as it does for each statement a trigger fires in.
    gone = sorted(entry for order_id, entry in indexed.items() if now.get(order_id) != entry)
    new = sorted(entry for order_id, entry in now.items() if indexed.get(order_id) != entry)
    conn = db.conn
    # An external-content index forgets an entry given the text it was made from.
    conn.executemany(
        "INSERT INTO orders_search (orders_search, rowid, search_text) VALUES ('delete', ?, ?)",
        gone,
    )
    conn.executemany("INSERT INTO orders_search (rowid, search_text) VALUES (?, ?)", new)


def _kept_by_triggers(db: Database) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'orders_search_insert'"
        ).fetchone()
        is not None
    )
