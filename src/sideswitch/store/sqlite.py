"""The default store: one SQLite file, numbered migrations, writes in transactions.

Events are kept exactly as exported (``data``, JSON in the contract's shape)
beside indexed columns used for filtering. Per-document extractions
(``mentions``) are kept too, so merged events can be rebuilt incrementally.
The queries themselves are shared with PostgreSQL (:mod:`.sql`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import event_columns, migrations
from .query import EventQuery
from .sql import SQLStore

__all__ = ["SQLiteStore", "event_columns", "BUSY_TIMEOUT"]

# Seconds a writer waits for another process's write lock before giving up. Writers
# hold it only while merging and storing one document (milliseconds to a second),
# never while extracting; several `sideswitch ingest` runs into one file queue here.
BUSY_TIMEOUT = 120.0
# The page cache and the WAL checkpoint interval (see where they are set).
CACHE_KB = 16_384
WAL_CHECKPOINT_PAGES = 10_000


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (triggers' inner ``;`` kept)."""
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending
            pending = ""
    if pending.strip() and not pending.strip().startswith("--"):
        yield pending


class SQLiteStore(SQLStore):
    """Documents, mentions, events, sources, claims and actors in one SQLite file.

    Safe to share between threads (one connection, guarded by a lock), which is
    what the web app needs; every write runs inside :meth:`transaction`.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        super().__init__()
        self._writers = 0
        self.path = self.name = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"database '{self.path}' does not exist (run 'sideswitch ingest' first)")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA schema_version")  # reads the header: a non-database fails here, not later
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # A grown store's merge and near-duplicate indexes are scattered over the file: a
                # 16 MB page cache (2 MB by default) and a checkpoint every 10,000 WAL pages (1,000)
                # took the cost of a document at 20,000 stored from 4.2 to 3.5 CPU-ms (benchmarks/
                # growth.py), and left an empty store's as it was.
                self.conn.execute(f"PRAGMA cache_size = {-CACHE_KB}")
                self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        except sqlite3.OperationalError as e:  # cannot be opened at all
            raise StoreError(f"cannot open database '{self.path}': {e}") from e
        except sqlite3.Error as e:  # not a database, corrupt
            raise StoreError(f"cannot read database '{self.path}': {e}") from e
        if not readonly:
            self.migrate()
        elif self.schema_version() == 0:
            self.conn.close()
            raise StoreError(f"cannot read database '{self.path}': not a sideswitch database")
        elif self.schema_version() < migrations("sqlite")[-1][0]:
            # a store written by an older version: migrate it once (a writer), then read it
            self.conn.close()
            SQLiteStore(self.path).close()
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")

    # -- the backend's half -------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        return self.conn

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(args))

    def _dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.conn.execute(sql, tuple(args)).fetchall()]

    @contextmanager
    def writer(self) -> Iterator[None]:
        """An exclusive lock on ``<database>.lock`` (``flock``), released on exit or process death."""
        if self.readonly:
            raise StoreError(f"database '{self.path}' is open read-only")
        import fcntl

        with self._lock:
            if self._writers:
                self._writers += 1
                try:
                    yield
                finally:
                    self._writers -= 1
                return
            with open(self.path + ".lock", "a") as f:
                fcntl.flock(f, fcntl.LOCK_EX)
                self._writers = 1
                try:
                    yield
                finally:
                    self._writers = 0
                    fcntl.flock(f, fcntl.LOCK_UN)

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")  # the write lock: one writer at a time

    def _commit(self) -> None:
        self.conn.commit()

    def _rollback(self) -> None:
        self.conn.rollback()

    def _upsert(self, table: str, columns: Sequence[str], key: str) -> str:
        return "INSERT OR REPLACE" + self._insert(table, columns)[len("INSERT") :]

    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        return "INSERT OR IGNORE" + self._insert(table, columns)[len("INSERT") :]

    def _order(self, order: str) -> str:
        return order

    def _search(self, query: EventQuery) -> EventQuery:
        return query

    def schema_version(self) -> int:
        try:
            row = self._q("SELECT value FROM meta WHERE key = 'schema_version'")
        except sqlite3.OperationalError:
            return 0
        return int(row[0][0]) if row else 0

    def migrate(self) -> int:
        """Apply every migration newer than the database; returns the new version.

        Each runs under the write lock, and the version is read again once the lock is
        held, so processes opening a new file at once apply each migration once.
        """
        current = self.schema_version()
        for number, name, sql in migrations("sqlite"):
            if number <= current:
                continue
            try:
                with self._lock:
                    self.conn.execute("BEGIN IMMEDIATE")
                    if self.schema_version() < number:
                        for statement in _statements(sql):
                            self.conn.execute(statement)
                        self.conn.execute(
                            "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(number),)
                        )
                    self.conn.commit()
            except sqlite3.Error as e:
                self.conn.rollback()
                raise StoreError(f"cannot apply migration {name} to '{self.path}': {e}") from e
            current = number
        return current

    def documents_since(self, seq: int = 0, with_text: bool = True) -> list[tuple[int, str, str | None]]:
        """``(seq, id, text)`` of the documents stored after ``seq``, in the order they were stored
        (``seq`` is the row id: it only grows, so a reader can pick up what others stored)."""
        text = "text" if with_text else "NULL"
        return [
            (r[0], r[1], r[2])
            for r in self._q(f"SELECT rowid, id, {text} FROM documents WHERE rowid > ? ORDER BY rowid", (seq,))
        ]

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (``PRAGMA data_version``):
        merge state read earlier is stale when it differs."""
        return int(self._q("PRAGMA data_version")[0][0])
