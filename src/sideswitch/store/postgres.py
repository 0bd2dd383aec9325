"""The shared store: PostgreSQL through psycopg 3 (the extra ``sideswitch[postgres]``).

    with open_store("postgresql://analyst@db.example.org/sideswitch") as store:
        ingest_paths(store, ["archive.warc.gz"])

The schema, queries and exports are SQLite's (the SQL is shared, :mod:`.sql`);
each SQLite migration has a PostgreSQL twin in ``migrations/postgres/``. What
differs:

* **Writers from several processes are serialised**: every write transaction
  first takes one advisory lock (``pg_advisory_xact_lock``), held until it
  commits, so merging and writing a document never interleave with another
  writer's, just as SQLite's ``BEGIN IMMEDIATE`` does. Readers never wait.
* **Text search** uses ``tsvector``: ``q="zadr"`` finds events whose names,
  sides, places or evidence hold a word starting with ``zadr``; several words
  must follow each other (``q="gul rahman"``).
* Text sorts by code point (``COLLATE "C"``) and NULLs sort as in SQLite, so
  both stores list and export events in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from ..errors import ConfigError, StoreError
from .base import migrations
from .query import EventQuery
from .sql import STREAM_PAGE, SQLStore

__all__ = ["INSTALL_HINT", "WRITE_LOCK", "PostgresStore", "is_postgres_url"]

INSTALL_HINT = "PostgreSQL support is not installed. Install it with: pip install 'sideswitch[postgres]'"
WRITE_LOCK = 0x5349_4445_5357  # "SIDESW": the advisory lock every write transaction holds
SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: object) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _tsquery(text: str) -> str | None:
    """``'gul rahman'`` -> ``'gul':* <-> 'rahman':*`` (None when it holds no word)."""
    words = re.findall(r"\w+", text.lower())
    return " <-> ".join("'" + w + "':*" for w in words) or None


class PostgresStore(SQLStore):
    """The store in a PostgreSQL database; thread-safe (one connection behind a lock)."""

    _document_order = "seq"

    def __init__(self, url: str, *, readonly: bool = False):
        super().__init__()
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise ConfigError(INSTALL_HINT) from None
        self._psycopg, self._dict_row = psycopg, dict_row
        self.url, self.name, self.readonly = url, shown(url), readonly
        self._sql: dict[str, str] = {}
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"cannot open database '{self.name}': {str(e).strip()}") from None
        if readonly:
            self.conn.execute("SET default_transaction_read_only = on")
        if not readonly:
            self.migrate()
        elif self.schema_version() == 0:
            self.conn.close()
            raise StoreError(f"cannot read database '{self.name}': not a sideswitch database")

    # -- the backend's half -------------------------------------------------
    @property
    def connection(self) -> Any:
        return self.conn

    def close(self) -> None:
        self.conn.close()

    def _translate(self, sql: str) -> str:
        """``?`` placeholders become psycopg's ``%s`` (a literal ``%`` doubles)."""
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(self._translate(sql), _no_nul(args))
        except self._psycopg.errors.ReadOnlySqlTransaction as e:
            raise StoreError(f"database '{self.name}' is open read-only") from e
        except self._psycopg.OperationalError as e:  # the server went away, the connection broke
            raise StoreError(f"lost the database '{self.name}': {str(e).strip()}") from e

    def _dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock, self.conn.cursor(row_factory=self._dict_row) as cur:
            rows: list[dict[str, Any]] = cur.execute(self._translate(sql), _no_nul(args)).fetchall()
            return rows

    def _ids_agg(self) -> str:
        return "string_agg(id, ' ')"

    def _stream(self, sql: str, args: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows read through a server-side cursor, a page at a time (a client-side cursor
        would hold the whole result)."""
        with self._lock, self.conn.transaction(), self.conn.cursor(name="sideswitch_stream") as cur:
            cur.itersize = STREAM_PAGE
            cur.execute(self._translate(sql), _no_nul(args))
            yield from cur

    @contextmanager
    def writer(self) -> Iterator[None]:
        """The session-level advisory lock (the one write transactions take), until the block ends."""
        if self.readonly:
            raise StoreError(f"database '{self.name}' is open read-only")
        with self._lock:
            self._execute("SELECT pg_advisory_lock(?)", (WRITE_LOCK,))
            try:
                yield
            finally:
                if not self.conn.broken and not self.conn.closed:  # a lost session has lost its lock too
                    self.conn.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))

    def _begin(self) -> None:
        self._execute("BEGIN")
        self._execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))

    def _commit(self) -> None:
        self._execute("COMMIT")

    def _rollback(self) -> None:
        if not self.conn.broken and not self.conn.closed:
            self.conn.execute("ROLLBACK")

    def _upsert(self, table: str, columns: Sequence[str], key: str) -> str:
        others = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != key)
        return f"{self._insert(table, columns)} ON CONFLICT ({key}) DO UPDATE SET {others}"

    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        return f"{self._insert(table, columns)} ON CONFLICT DO NOTHING"

    def _order(self, order: str) -> str:
        return order + (" NULLS LAST" if order.endswith(" DESC") else " NULLS FIRST")

    def _search(self, query: EventQuery) -> EventQuery | tuple[str, list[Any]]:
        terms = _tsquery(query.q) if query.q else None
        if terms is None:
            return query
        where, args = replace(query, q=None).where()
        return f"{where} AND search_tsv @@ to_tsquery('simple', ?)", [*args, terms]

    def schema_version(self) -> int:
        with self._lock:
            found = self.conn.execute("SELECT to_regclass('meta')").fetchone()
            if found is None or found[0] is None:
                return 0
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def documents_since(self, seq: int = 0, with_text: bool = True) -> list[tuple[int, str, str | None]]:
        """``(seq, id, text)`` of the documents stored after ``seq``, in the order they were stored."""
        text = "text" if with_text else "NULL"
        return [
            (int(r[0]), r[1], r[2])
            for r in self._q(f"SELECT seq, id, {text} FROM documents WHERE seq > ? ORDER BY seq", (seq,))
        ]

    def data_version(self) -> int:
        """Constant: on PostgreSQL a batch holds the writer lock (:meth:`writer`) from its first
        read of the merge state to its end, so no other writer's commit can make that state stale."""
        return 0

    def migrate(self) -> int:
        """Apply every migration newer than the database, under the write lock; the new version."""
        with self.transaction():
            current = self.schema_version()  # again under the lock: another process may have migrated
            for number, name, sql in migrations("postgres"):
                if number <= current:
                    continue
                try:
                    self.conn.execute(sql.encode("utf-8"))
                    self._execute(self._upsert("meta", ("key", "value"), "key"), ("schema_version", str(number)))
                except self._psycopg.Error as e:
                    raise StoreError(f"cannot apply migration {name} to '{self.name}': {str(e).strip()}") from e
                current = number
        return current


def _no_nul(args: Sequence[Any]) -> tuple[Any, ...]:
    """PostgreSQL text cannot hold NUL: it becomes U+FFFD (same length, so offsets hold), as a
    lone surrogate does in the readers; a search for NUL then finds nothing instead of failing."""
    return tuple(a.replace("\x00", "\ufffd") if isinstance(a, str) and "\x00" in a else a for a in args)
