"""The store's connection: the few things the store asks of sqlite-utils' `Database`, with its
transaction rules, without loading sqlite-utils.

Importing sqlite-utils (with click, dateutil and pluggy's plugin discovery) took about 65 ms of
every window start; the store only ever used `execute`, `query`, `atomic`, `table_names` and
the connection itself. sqlite-utils stays what the schema is made with (store/migrations.py),
loaded only when a data file needs migrating (store/database.py). The behaviour below is its
(sqlite-utils 4), kept the same: tests/test_store.py compares the two.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any

Parameters = Sequence[Any] | Mapping[str, Any] | None

# Statements that end or start a transaction themselves: never committed behind their back.
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})
# What the driver skips before a statement's first keyword: spaces, empty statements, a byte
# order mark, and comments.
_FIRST_KEYWORD = re.compile(r"(?:\s|;|\ufeff|--[^\n]*(?:\n|$)|/\*.*?(?:\*/|$))*(\w*)", re.S)
_savepoints = itertools.count(1)


class Database:
    """A connection with sqlite-utils' rules: a write outside a transaction is committed at
    once (a statement that fails is rolled back), `atomic` nests with savepoints."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils sets it

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        """Run one statement. One that opened an implicit transaction (the driver begins one
        before a write) is committed unless it returns rows; one that fails rolls it back."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = (
                self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
            )
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and _first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, parameters: Parameters = None) -> Iterator[dict[str, Any]]:
        """The rows as dictionaries; the statement runs now, the rows are read as iterated."""
        cursor = self.execute(sql, parameters)
        names = [column[0] for column in cursor.description or ()]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction, or a savepoint within the one already open."""
        if self.conn.in_transaction:
            savepoint = f"shipdesk_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # An error may have ended the whole transaction (a RAISE(ROLLBACK) trigger):
                # then there is no savepoint left to return to.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_names(self) -> list[str]:
        return [
            row[0] for row in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]

    @property
    def journal_mode(self) -> str:
        mode: str = self.execute("PRAGMA journal_mode").fetchone()[0]
        return mode

    def enable_wal(self) -> None:
        if self.journal_mode != "wal":
            self.execute("PRAGMA journal_mode = wal")


CHUNK = 500  # SQLite limits the number of bound parameters per statement


def chunks(values: list[Any]) -> Iterator[list[Any]]:
    """`values` in slices small enough to bind as one IN (…) list."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _first_keyword(sql: str) -> str:
    found = _FIRST_KEYWORD.match(sql)
    return found.group(1).upper() if found else ""
