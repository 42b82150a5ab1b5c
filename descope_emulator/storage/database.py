"""The SQLite connection every storage module goes through: one connection, one lock,
write transactions, JSON documents and ids.

Rules
-----
* One connection per :class:`Database`, shared by every thread behind one re-entrant lock.
  The emulator is a development tool; a single writer is plenty and keeps ``:memory:``
  databases (which are per connection) working.
* Every write happens inside :meth:`Database.tx`, which opens ``BEGIN IMMEDIATE`` and
  commits on exit (rolls back on an exception); nested calls join the outer transaction.
  File databases run in WAL mode with ``synchronous=FULL``, so a write that was
  acknowledged to a client survives a SIGKILL.
* The schema is created and migrated by :mod:`.schema` when the database opens.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import schema

Params = tuple[Any, ...] | dict[str, Any]


def dumps(value: Any) -> str:
    """A JSON document as stored (compact, sorted keys)."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def loads(text: str | None) -> Any:
    """A stored JSON document (``None`` for an empty column)."""
    return json.loads(text) if text else None


def new_id(prefix: str, nbytes: int = 18) -> str:
    """A random Descope-looking id such as ``U2abc...``."""
    return prefix + "2" + secrets.token_hex(nbytes)[: nbytes + 8]


class Database:
    """The emulator's SQLite database (a file, or ``:memory:`` for tests)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            path, check_same_thread=False, isolation_level=None, timeout=30.0
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA foreign_keys=ON")
        if path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._depth = 0
        with self.tx() as conn:
            schema.migrate(conn)

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (nested calls join the outer one)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement in a transaction; returns the number of rows changed."""
        with self.tx() as conn:
            return conn.execute(sql, params).rowcount

    def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT in a transaction; returns the new row id."""
        with self.tx() as conn:
            return int(conn.execute(sql, params).lastrowid or 0)

    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """All rows of a read."""
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of a read, or None."""
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def documents(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """The JSON documents in the ``data`` column of a read."""
        return [dict(loads(r["data"])) for r in self.query(sql, params)]

    def document(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        """The JSON document in the ``data`` column of the first row, or None."""
        row = self.query_one(sql, params)
        return None if row is None else dict(loads(row["data"]))

    def reset(self) -> None:
        """Empty every table except those in :data:`schema.RESET_KEEP`."""
        with self.tx() as conn:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for name in names:
                if name not in schema.RESET_KEEP:
                    conn.execute(f'DELETE FROM "{name}"')

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()


class Queries:
    """Base of every storage area class: holds the database it queries."""

    def __init__(self, db: Database) -> None:
        self.db = db
