"""What SQLite and PostgreSQL share: every query of :class:`~sideswitch.store.base.Store`.

The SQL here is written once, with ``?`` placeholders, in the subset both
engines read alike. A backend supplies the connection and the few things that
differ (:class:`SQLStore`'s abstract methods): how a transaction begins
(SQLite ``BEGIN IMMEDIATE``, PostgreSQL ``BEGIN`` plus an advisory lock), how a
row is inserted or replaced, where NULLs sort, and how text is searched.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any, Self

from ..errors import NotFoundError, StoreError
from ..models import Document
from .base import event_columns
from .mergestate import MergeStateStore
from .query import ORDERS, EventQuery, contains_pattern, key
from .workbench import WorkbenchStore

__all__ = ["SQLStore"]

_NO_IDS = "''"  # in place of a group's event ids, when the caller shows none

Row = Sequence[Any]

DOCUMENT_COLUMNS = (
    "id",
    "hash",
    "url",
    "outlet",
    "title",
    "published",
    "author",
    "lang",
    "format",
    "source_path",
    "text",
    "metadata",
    "ingested_at",
)


# Rows an export holds at once (iter_events).
STREAM_PAGE = 500
# Hex digits of a text's hash that the documents' hash index keeps (migration 008): 64 bits.
HASH_PREFIX = 16


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLStore(MergeStateStore, WorkbenchStore, ABC):
    """The shared half of a store; subclasses open the connection and migrate."""

    readonly: bool = False
    name: str = ""  # what error messages call the database

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = 0

    # -- what a backend provides ------------------------------------------
    @abstractmethod
    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders) on the connection; returns its cursor."""

    @abstractmethod
    def _dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @property
    @abstractmethod
    def connection(self) -> Any:
        """The DB-API connection (what :meth:`transaction` yields)."""

    @abstractmethod
    def _upsert(self, table: str, columns: Sequence[str], key: str) -> str:
        """INSERT that replaces the row with the same ``key``."""

    @abstractmethod
    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        """INSERT that does nothing when the primary key is taken."""

    @abstractmethod
    def _order(self, order: str) -> str:
        """``ORDERS`` entry with NULLs first ascending and last descending (SQLite's rule)."""

    @abstractmethod
    def _search(self, query: EventQuery) -> EventQuery | tuple[str, list[Any]]:
        """The query to build WHERE from, or a ready (where, args) using the engine's text search."""

    @abstractmethod
    def writer(self) -> AbstractContextManager[None]:
        """Hold the store's writer lock: one writing process (a whole ingest batch) at a time."""

    def _stream(self, sql: str, args: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of a query fetched ``STREAM_PAGE`` at a time (a backend may read them server-side)."""
        with self._lock:
            cur = self._execute(sql, tuple(args))
            while True:
                rows = cur.fetchmany(STREAM_PAGE)
                if not rows:
                    return
                yield from rows

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def migrate(self) -> int: ...

    # -- lifecycle --------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """All-or-nothing writes; nests (inner blocks join the outer transaction)."""
        if self.readonly:
            raise StoreError(f"database '{self.name}' is open read-only")
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._begin()
            self._depth += 1
            try:
                yield self.connection
            except BaseException:
                self._depth -= 1
                if outer:
                    self._rollback()
                raise
            self._depth -= 1
            if outer:
                self._commit()

    @contextmanager
    def savepoint(self) -> Iterator[Any]:
        """Writes undone on their own when the block fails, inside an open transaction (``SAVEPOINT``,
        both engines); the rest of the transaction stays and is committed with it. Outside one, the
        same as :meth:`transaction`. Ingest writes several documents per transaction this way."""
        with self._lock:
            if self._depth == 0:
                with self.transaction() as conn:
                    yield conn
                return
            name = f"sideswitch_{self._depth}"
            self._execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self.connection
            except BaseException:
                self._depth -= 1
                try:
                    self._execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self._execute(f"RELEASE SAVEPOINT {name}")
                except Exception as e:  # the connection failed: the whole transaction must go
                    raise StoreError(f"cannot undo a failed write in '{self.name}': {e}") from e
                raise
            self._depth -= 1
            self._execute(f"RELEASE SAVEPOINT {name}")

    def _q(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            rows: list[Row] = self._execute(sql, tuple(args)).fetchall()
            return rows

    def _insert(self, table: str, columns: Sequence[str]) -> str:
        return f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"

    # -- meta -------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        rows = self._q("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._execute(self._upsert("meta", ("key", "value"), "key"), (key, value))

    # -- documents --------------------------------------------------------
    def known_document(self, doc: Document) -> str | None:
        """Id of the stored document with the same id or the same text, else None (the text by its
        hash, found through the hash's first HASH_PREFIX digits: migration 008's index)."""
        sql = f"SELECT id FROM documents WHERE id = ? OR (substr(hash, 1, {HASH_PREFIX}) = ? AND hash = ?) LIMIT 1"
        rows = self._q(sql, (doc.id, doc.hash[:HASH_PREFIX], doc.hash))
        return str(rows[0][0]) if rows else None

    def add_document(self, doc: Document) -> bool:
        """Store ``doc``; False (and nothing written) when it is already known."""
        with self.transaction():
            if self.known_document(doc):
                return False
            self._execute(
                self._insert("documents", DOCUMENT_COLUMNS),
                (
                    doc.id,
                    doc.hash,
                    doc.url,
                    doc.outlet,
                    doc.title,
                    doc.published,
                    doc.author,
                    doc.lang,
                    doc.format,
                    doc.source_path,
                    doc.text,
                    json.dumps(doc.metadata, ensure_ascii=False),
                    _now(),
                ),
            )
        return True

    def get_document(self, doc_id: str) -> dict[str, Any]:
        rows = self._dicts("SELECT * FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFoundError(f"no document with id '{doc_id}'")
        return self._doc_row(rows[0])

    @staticmethod
    def _doc_row(row: dict[str, Any]) -> dict[str, Any]:
        d = dict(row)
        d["metadata"] = json.loads(d.get("metadata") or "{}")
        d.pop("seq", None)  # PostgreSQL's storage order (SQLite's rowid): not part of a document
        return d

    def list_documents(
        self, limit: int | None = 100, offset: int = 0, q: str | None = None, with_text: bool = False
    ) -> list[dict[str, Any]]:
        cols = (
            "*"
            if with_text
            else (
                "id, hash, url, outlet, title, published, author, lang, format,"
                " source_path, metadata, ingested_at, length(text) AS chars"
            )
        )
        sql, args = f"SELECT {cols} FROM documents", list[Any]()
        if q:
            sql += (
                " WHERE lower(title) LIKE ? ESCAPE '\\' OR lower(text) LIKE ? ESCAPE '\\'"
                " OR lower(outlet) LIKE ? ESCAPE '\\'"
            )
            args += [contains_pattern(q.lower())] * 3
        sql += " ORDER BY published IS NULL, published, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [self._doc_row(r) for r in self._dicts(sql, args)]

    def iter_documents(self) -> Iterator[Document]:
        for r in self._dicts("SELECT * FROM documents ORDER BY published IS NULL, published, id"):
            d = self._doc_row(r)
            yield Document(
                text=d["text"],
                id=d["id"],
                url=d["url"],
                outlet=d["outlet"],
                title=d["title"],
                published=d["published"],
                author=d["author"],
                lang=d["lang"],
                format=d["format"],
                source_path=d["source_path"],
                metadata=d["metadata"],
            )

    def count_documents(self) -> int:
        return int(self._q("SELECT count(*) FROM documents")[0][0])

    # -- mentions (per-document extractions) ------------------------------
    def replace_mentions(self, doc_id: str, mentions: list[dict[str, Any]]) -> None:
        with self.transaction():
            self._execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            sql = self._insert("mentions", ("id", "doc_id", "event_id", "seq", "data"))
            for seq, m in enumerate(mentions):
                self._execute(sql, (m["id"], doc_id, m.get("event_id"), seq, json.dumps(m, ensure_ascii=False)))

    def get_mentions(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        if doc_id is None:
            rows = self._q("SELECT data FROM mentions ORDER BY doc_id, seq")
        else:
            rows = self._q("SELECT data FROM mentions WHERE doc_id = ? ORDER BY seq", (doc_id,))
        return [json.loads(r[0]) for r in rows]

    # -- events -----------------------------------------------------------
    def save_events(self, events: list[dict[str, Any]], origin: str = "extracted") -> None:
        """Insert or replace merged events, with their sources and claims."""
        with self.transaction():
            for ev in events:
                cols = event_columns(ev)
                if origin != "extracted":  # imported or curated: its actor is resolved again with the next batch
                    was = self._q("SELECT actor_id FROM events WHERE id = ?", (ev["id"],))
                    self.add_actor_pending({ev["id"]: was[0][0] if was else None})
                data = json.dumps(ev, ensure_ascii=False)
                # an event already stored is updated in place, setting only the columns whose value
                # changed: a column set, even to its old value, rewrites its index entries (one page
                # per index and event, 16 indexes), and a new source seldom changes the country or parties
                was = self._q(f"SELECT {', '.join(cols)} FROM events WHERE id = ?", (ev["id"],))
                if was:
                    changed = {c: v for (c, v), old in zip(cols.items(), was[0]) if v != old}
                    sets = ", ".join(f"{c} = ?" for c in ("data", "origin", *changed))
                    self._execute(f"UPDATE events SET {sets} WHERE id = ?", (data, origin, *changed.values(), ev["id"]))
                    self._execute("DELETE FROM sources WHERE event_id = ?", (ev["id"],))
                    self._execute("DELETE FROM claims WHERE event_id = ?", (ev["id"],))
                else:
                    names = ("id", "data", "origin", *cols)
                    self._execute(self._insert("events", names), (ev["id"], data, origin, *cols.values()))
                for s in ev.get("sources") or []:
                    span = s.get("span") or [0, 0]
                    self._execute(
                        self._insert_ignore("sources", ("event_id", "doc_id", "evidence", "span_start", "span_end")),
                        (ev["id"], s["doc"], s.get("evidence") or "", span[0], span[1]),
                    )
                for cl in ev.get("claims") or []:
                    self._execute(
                        self._insert("claims", ("event_id", "doc_id", '"by"', "stance", "quote")),
                        (ev["id"], cl.get("doc") or "", cl["by"], cl["stance"], cl.get("quote")),
                    )

    @abstractmethod
    def documents_since(self, seq: int = 0, with_text: bool = True) -> list[tuple[int, str, str | None]]:
        """``(seq, id, text)`` of the documents stored after ``seq``, in the order they were stored."""

    @abstractmethod
    def data_version(self) -> int:
        """A number that changes when another connection commits (merge state read earlier is stale)."""

    def clear_extracted(self) -> None:
        """Forget documents, mentions, extracted events and the merge state (imported
        events stay), so that every document can be extracted and merged again."""
        with self.transaction():
            self.clear_merge_state()
            self._execute("DELETE FROM mentions")
            self._execute("DELETE FROM events WHERE origin = 'extracted'")
            self._execute("DELETE FROM documents")
            self._execute("DELETE FROM meta WHERE key = 'near_duplicates'")

    def delete_events(self, ids: Iterable[str]) -> None:
        with self.transaction():
            for i in ids:
                self._execute("DELETE FROM events WHERE id = ?", (i,))

    def get_event(self, event_id: str) -> dict[str, Any]:
        rows = self._q("SELECT data FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise NotFoundError(f"no event with id '{event_id}'")
        event: dict[str, Any] = json.loads(rows[0][0])
        return event

    def _where(self, query: EventQuery | None) -> tuple[EventQuery, str, list[Any]]:
        query = (query or EventQuery()).validate()
        searched = self._search(query)
        where, args = searched if isinstance(searched, tuple) else searched.where()
        return query, where, args

    def query_events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Events (contract dicts) matching ``query``, in its order."""
        query, where, args = self._where(query)
        sql = f"SELECT data FROM events WHERE {where} ORDER BY {self._order(ORDERS[query.order])}, id"
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [query.limit, query.offset]
        return [json.loads(r[0]) for r in self._q(sql, args)]

    def iter_events(self, query: EventQuery | None = None) -> Iterator[dict[str, Any]]:
        """Events matching ``query``, in its order, read in pages as they are consumed: an export
        of any size holds one page (``STREAM_PAGE`` rows) in memory, never the whole result."""
        query, where, args = self._where(query)
        sql = f"SELECT data FROM events WHERE {where} ORDER BY {self._order(ORDERS[query.order])}, id"
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [query.limit, query.offset]
        for row in self._stream(sql, args):
            yield json.loads(row[0])

    def people_totals(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Counts and summed headcounts of the events matching ``query``, computed in SQL, one row
        per (stage, contested, inferred): ``events``, ``counted`` (events that give a number),
        ``low``, ``best`` and ``high`` (sums of people_low/best/high)."""
        _, where, args = self._where(query)
        rows = self._q(
            "SELECT stage, contested, inferred, count(*), count(people_best),"
            " coalesce(sum(people_low), 0), coalesce(sum(people_best), 0), coalesce(sum(people_high), 0)"
            f" FROM events WHERE {where} GROUP BY stage, contested, inferred ORDER BY stage, contested, inferred",
            args,
        )
        keys = ("stage", "contested", "inferred", "events", "counted", "low", "best", "high")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        for r in out:
            r["contested"], r["inferred"] = bool(r["contested"]), bool(r["inferred"])
            for k in keys[3:]:
                r[k] = int(r[k])
        return out

    def date_span(self, query: EventQuery | None = None) -> tuple[str | None, str | None]:
        """The first and last day any event matching ``query`` may have happened on."""
        _, where, args = self._where(query)
        row = self._q(
            "SELECT min(date_earliest), max(coalesce(date_latest, date_earliest)),"
            f" min(date_latest), max(date_earliest) FROM events WHERE {where}",
            args,
        )[0]
        firsts, lasts = [d for d in (row[0], row[2]) if d], [d for d in (row[1], row[3]) if d]
        return (min(firsts) if firsts else None, max(lasts) if lasts else None)

    def count_by(self, query: EventQuery | None, column: str) -> list[tuple[Any, int]]:
        """(value, events) of one indexed column among the events matching ``query``, the most
        frequent first (NULL left out); ``column`` is one of kind, stage, country, admin1."""
        if column not in ("kind", "stage", "country", "admin1"):
            raise StoreError(f"cannot count events by {column!r}")
        _, where, args = self._where(query)
        rows = self._q(
            f"SELECT {column}, count(*) FROM events WHERE ({where}) AND {column} IS NOT NULL"
            f" GROUP BY {column} ORDER BY count(*) DESC, {column}",
            args,
        )
        return [(r[0], int(r[1])) for r in rows]

    def event_days(self, query: EventQuery | None = None) -> list[str | None]:
        """``date_earliest`` of every event matching ``query`` (counted per day in SQL)."""
        _, where, args = self._where(query)
        rows = self._q(f"SELECT date_earliest, count(*) FROM events WHERE {where} GROUP BY date_earliest", args)
        return [r[0] for r in rows for _ in range(int(r[1]))]

    def filter_choices(self) -> dict[str, list[str]]:
        """Every country and every side (party, else name) the events hold, sorted, from SQL."""
        countries = [r[0] for r in self._q("SELECT DISTINCT country FROM events WHERE country IS NOT NULL")]
        side = "coalesce(nullif({0}_party, ''), nullif({0}_name, ''))"
        parties = [
            r[0]
            for r in self._q(f"SELECT {side.format('from')} FROM events UNION SELECT {side.format('to')} FROM events")
            if r[0]
        ]
        return {"countries": sorted(countries), "parties": sorted(parties)}

    def _ids_agg(self) -> str:
        """The aggregate that joins a group's event ids with spaces."""
        return "group_concat(id, ' ')"

    _SUMS = (
        "count(*), count(people_min), coalesce(sum(people_min), 0), coalesce(sum(people_best), 0),"
        " coalesce(sum(coalesce(people_max, people_min)), 0)"
    )

    def flow_groups(self, query: EventQuery | None = None, ids: bool = True) -> list[tuple[Any, ...]]:
        """The events matching ``query`` grouped in SQL by (kind, stage, contested, inferred,
        from side, to side); a side is its party, else its name. Each row: those six, then
        ``events, counted, low, best, high`` and the group's event ids joined by spaces ('' when
        not ``ids``: a page that shows no ids need not gather them)."""
        _, where, args = self._where(query)
        side = "coalesce(nullif({0}_party, ''), nullif({0}_name, ''))"
        return [
            tuple(r)
            for r in self._q(
                f"SELECT kind, stage, contested, inferred, {side.format('from')}, {side.format('to')},"
                f" {self._SUMS}, {self._ids_agg() if ids else _NO_IDS} FROM events WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6",
                args,
            )
        ]

    def trend_groups(
        self, query: EventQuery | None, max_days: int, party: str | None = None, ids: bool = True
    ) -> list[tuple[Any, ...]]:
        """The events matching ``query`` grouped in SQL by where a trend places them: (date_mid,
        imprecise: the window is longer than ``max_days``, stage, contested, inferred, gained,
        lost: ``party`` is the side joined / left, matched case-insensitively on party or name).
        Each row: those seven, then ``events, counted, low, best, high`` and the ids."""
        _, where, args = self._where(query)
        flags, fargs = "0, 0", list[Any]()
        if party:
            flags = (
                "CASE WHEN to_party_key = ? OR to_name_key = ? THEN 1 ELSE 0 END,"
                " CASE WHEN from_party_key = ? OR from_name_key = ? THEN 1 ELSE 0 END"
            )
            fargs = [key(party)] * 4
        return [
            tuple(r)
            for r in self._q(
                f"SELECT date_mid, CASE WHEN date_days > ? THEN 1 ELSE 0 END, stage, contested, inferred, {flags},"
                f" {self._SUMS}, {self._ids_agg() if ids else _NO_IDS} FROM events WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6, 7",
                [max_days, *fargs, *args],
            )
        ]

    def count_events(self, query: EventQuery | None = None) -> int:
        _, where, args = self._where(query)
        return int(self._q(f"SELECT count(*) FROM events WHERE {where}", args)[0][0])

    def event_ids_for_document(self, doc_id: str) -> list[str]:
        return [
            str(r[0])
            for r in self._q("SELECT DISTINCT event_id FROM sources WHERE doc_id = ? ORDER BY event_id", (doc_id,))
        ]

    # -- actors -----------------------------------------------------------
    def save_actors(self, actors: list[dict[str, Any]], replace_all: bool = False) -> None:
        with self.transaction():
            if replace_all:
                self._execute("DELETE FROM actors")
            sql = self._upsert("actors", ("id", "name", "data"), "id")
            for a in actors:
                self._execute(sql, (a["id"], a["name"], json.dumps(a, ensure_ascii=False)))

    def count_actors(self) -> int:
        return int(self._q("SELECT count(*) FROM actors")[0][0])

    def list_actors(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._q("SELECT data FROM actors ORDER BY name, id")]

    def get_actor(self, actor_id: str) -> dict[str, Any]:
        rows = self._q("SELECT data FROM actors WHERE id = ?", (actor_id,))
        if not rows:
            raise NotFoundError(f"no actor with id '{actor_id}'")
        actor: dict[str, Any] = json.loads(rows[0][0])
        return actor
