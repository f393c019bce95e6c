"""Write transactions that take SQLite's write lock at once.

With WAL, a deferred transaction that reads first and writes later fails at once with
"database is locked" (SQLITE_BUSY_SNAPSHOT) when another connection wrote in between, and the
busy timeout does not help. `BEGIN IMMEDIATE` takes the write lock up front, so concurrent
writers (import, drafts, settings, the UI) simply wait their turn.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from shipdesk.store.connection import Database


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    if db.conn.in_transaction:
        # Nested: sqlite-utils uses a savepoint inside the outer transaction.
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
