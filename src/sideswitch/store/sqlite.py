"""The default store: one SQLite file, numbered migrations, writes in transactions.

Events are kept exactly as exported (``data``, JSON in the contract's shape)
beside indexed columns used for filtering. Per-document extractions
(``mentions``) are kept too, so merged events can be rebuilt incrementally.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import NotFoundError, StoreError
from ..exports import flat_row
from ..models import Document
from .query import ORDERS, EventQuery, contains_pattern
from .workbench import WorkbenchStore

__all__ = ["SQLiteStore", "open_store", "BUSY_TIMEOUT"]

# Seconds a writer waits for another process's write lock before giving up. Writers
# hold it only while merging and storing one document (milliseconds to a second),
# never while extracting; several `sideswitch ingest` runs into one file queue here.
BUSY_TIMEOUT = 120.0


def _migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) for every ``NNN_name.sql`` shipped in store/migrations."""
    out = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# The indexed columns of the events table, named as in the flat export row (exports.flat_row).
_INDEXED = ("kind", "stage", "defector_name", "actor_id", "from_name", "from_party", "to_name", "to_party",
            "country", "admin1", "admin2", "place", "lat", "lon", "date_earliest", "date_latest", "people_min",
            "people_max", "contested", "historical", "confidence", "n_sources")


def event_columns(ev: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of a contract event: its flat export row (the one flattener),
    with flags as 0/1, at least one source, and the words searched by ``q``."""
    row = flat_row(ev)
    cols = {k: row[k] for k in _INDEXED}
    cols["contested"], cols["historical"] = int(row["contested"]), int(row["historical"])
    cols["n_sources"] = row["n_sources"] or 1
    d, frm, to, loc = (ev.get(k) or {} for k in ("defector", "from_side", "to_side", "location"))
    words = [d.get("name"), *(d.get("aliases") or []), d.get("role"), frm.get("name"), frm.get("party"),
             to.get("name"), to.get("party"), loc.get("place"), loc.get("admin2"), loc.get("admin1"),
             loc.get("country"), *(s.get("evidence") for s in ev.get("sources") or [])]
    cols["search_text"] = " ".join(w for w in words if w).lower()
    return cols


class SQLiteStore(WorkbenchStore):
    """Documents, mentions, events, sources, claims and actors in one SQLite file.

    Safe to share between threads (one connection, guarded by a lock), which is
    what the web app needs; every write runs inside :meth:`transaction`.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
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
            self.conn.execute("PRAGMA schema_version")     # reads the header: a non-database fails here, not later
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.OperationalError as e:              # cannot be opened at all
            raise StoreError(f"cannot open database '{self.path}': {e}") from e
        except sqlite3.Error as e:                         # not a database, corrupt
            raise StoreError(f"cannot read database '{self.path}': {e}") from e
        self._lock = threading.RLock()
        self._depth = 0
        if not readonly:
            self.migrate()
        elif self.schema_version() == 0:
            self.conn.close()
            raise StoreError(f"cannot read database '{self.path}': not a sideswitch database")

    # -- lifecycle --------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes; nests (inner blocks join the outer transaction)."""
        if self.readonly:
            raise StoreError(f"database '{self.path}' is open read-only")
        with self._lock:
            outer = self._depth == 0
            if outer:
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if outer:
                    self.conn.rollback()
                raise
            self._depth -= 1
            if outer:
                self.conn.commit()

    def _q(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, tuple(args)).fetchall()

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
        for number, name, sql in _migrations():
            if number <= current:
                continue
            try:
                with self._lock:
                    self.conn.execute("BEGIN IMMEDIATE")
                    if self.schema_version() < number:
                        for statement in _statements(sql):
                            self.conn.execute(statement)
                        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                                          (str(number),))
                    self.conn.commit()
            except sqlite3.Error as e:
                self.conn.rollback()
                raise StoreError(f"cannot apply migration {name} to '{self.path}': {e}") from e
            current = number
        return current

    # -- meta -------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        rows = self._q("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- documents --------------------------------------------------------
    def known_document(self, doc: Document) -> str | None:
        """Id of the stored document with the same id or the same text, else None."""
        rows = self._q("SELECT id FROM documents WHERE id = ? OR hash = ? LIMIT 1", (doc.id, doc.hash))
        return rows[0][0] if rows else None

    def add_document(self, doc: Document) -> bool:
        """Store ``doc``; False (and nothing written) when it is already known."""
        with self.transaction() as c:
            if self.known_document(doc):
                return False
            c.execute(
                "INSERT INTO documents(id, hash, url, outlet, title, published, author, lang, format,"
                " source_path, text, metadata, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.hash, doc.url, doc.outlet, doc.title, doc.published, doc.author, doc.lang,
                 doc.format, doc.source_path, doc.text, json.dumps(doc.metadata, ensure_ascii=False), _now()))
        return True

    def get_document(self, doc_id: str) -> dict[str, Any]:
        rows = self._q("SELECT * FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFoundError(f"no document with id '{doc_id}'")
        return self._doc_row(rows[0])

    @staticmethod
    def _doc_row(row: sqlite3.Row) -> dict[str, Any]:
        d = dict(row)
        d["metadata"] = json.loads(d.get("metadata") or "{}")
        return d

    def list_documents(self, limit: int | None = 100, offset: int = 0, q: str | None = None,
                       with_text: bool = False) -> list[dict[str, Any]]:
        cols = "*" if with_text else ("id, hash, url, outlet, title, published, author, lang, format,"
                                      " source_path, metadata, ingested_at, length(text) AS chars")
        sql, args = f"SELECT {cols} FROM documents", list[Any]()
        if q:
            sql += (" WHERE lower(title) LIKE ? ESCAPE '\\' OR lower(text) LIKE ? ESCAPE '\\'"
                    " OR lower(outlet) LIKE ? ESCAPE '\\'")
            args += [contains_pattern(q.lower())] * 3
        sql += " ORDER BY published IS NULL, published, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [self._doc_row(r) for r in self._q(sql, args)]

    def iter_documents(self) -> Iterator[Document]:
        for r in self._q("SELECT * FROM documents ORDER BY published IS NULL, published, id"):
            d = self._doc_row(r)
            yield Document(text=d["text"], id=d["id"], url=d["url"], outlet=d["outlet"], title=d["title"],
                           published=d["published"], author=d["author"], lang=d["lang"],
                           format=d["format"], source_path=d["source_path"], metadata=d["metadata"])

    def count_documents(self) -> int:
        return int(self._q("SELECT count(*) FROM documents")[0][0])

    def documents_since(self, seq: int = 0, with_text: bool = True) -> list[tuple[int, str, str | None]]:
        """``(seq, id, text)`` of the documents stored after ``seq``, in the order they were stored
        (``seq`` is the row id: it only grows, so a reader can pick up what others stored)."""
        text = "text" if with_text else "NULL"
        return [(r[0], r[1], r[2]) for r in
                self._q(f"SELECT rowid, id, {text} FROM documents WHERE rowid > ? ORDER BY rowid", (seq,))]

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (``PRAGMA data_version``):
        merge state read earlier is stale when it differs."""
        return int(self._q("PRAGMA data_version")[0][0])

    # -- mentions (per-document extractions) ------------------------------
    def replace_mentions(self, doc_id: str, mentions: list[dict[str, Any]]) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
            for seq, m in enumerate(mentions):
                c.execute("INSERT INTO mentions(id, doc_id, event_id, seq, data) VALUES (?,?,?,?,?)",
                          (m["id"], doc_id, m.get("event_id"), seq, json.dumps(m, ensure_ascii=False)))

    def get_mentions(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        if doc_id is None:
            rows = self._q("SELECT data FROM mentions ORDER BY doc_id, seq")
        else:
            rows = self._q("SELECT data FROM mentions WHERE doc_id = ? ORDER BY seq", (doc_id,))
        return [json.loads(r[0]) for r in rows]

    # -- events -----------------------------------------------------------
    def save_events(self, events: list[dict[str, Any]], origin: str = "extracted") -> None:
        """Insert or replace merged events, with their sources and claims."""
        with self.transaction() as c:
            for ev in events:
                cols = event_columns(ev)
                c.execute("DELETE FROM events WHERE id = ?", (ev["id"],))
                names = ["id", "data", "origin", *cols]
                c.execute(f"INSERT INTO events({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                          (ev["id"], json.dumps(ev, ensure_ascii=False), origin, *cols.values()))
                for s in ev.get("sources") or []:
                    span = s.get("span") or [0, 0]
                    c.execute("INSERT OR IGNORE INTO sources(event_id, doc_id, evidence, span_start, span_end)"
                              " VALUES (?,?,?,?,?)", (ev["id"], s["doc"], s.get("evidence") or "", span[0], span[1]))
                for cl in ev.get("claims") or []:
                    c.execute("INSERT INTO claims(event_id, doc_id, by, stance, quote) VALUES (?,?,?,?,?)",
                              (ev["id"], cl.get("doc") or "", cl["by"], cl["stance"], cl.get("quote")))

    def clear_extracted(self) -> None:
        """Forget documents, mentions, extracted events and the near-duplicate index (imported
        events stay), so that every document can be extracted and merged again."""
        with self.transaction() as c:
            c.execute("DELETE FROM mentions")
            c.execute("DELETE FROM events WHERE origin = 'extracted'")
            c.execute("DELETE FROM documents")
            c.execute("DELETE FROM meta WHERE key = 'near_duplicates'")

    def delete_events(self, ids: Iterable[str]) -> None:
        with self.transaction() as c:
            c.executemany("DELETE FROM events WHERE id = ?", [(i,) for i in ids])

    def get_event(self, event_id: str) -> dict[str, Any]:
        rows = self._q("SELECT data FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise NotFoundError(f"no event with id '{event_id}'")
        return dict(json.loads(rows[0][0]))

    def query_events(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """Events (contract dicts) matching ``query``, in its order."""
        query = (query or EventQuery()).validate()
        where, args = query.where()
        sql = f"SELECT data FROM events WHERE {where} ORDER BY {ORDERS[query.order]}, id"
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [query.limit, query.offset]
        return [json.loads(r[0]) for r in self._q(sql, args)]

    def count_events(self, query: EventQuery | None = None) -> int:
        query = (query or EventQuery()).validate()
        where, args = query.where()
        return int(self._q(f"SELECT count(*) FROM events WHERE {where}", args)[0][0])

    def event_ids_for_document(self, doc_id: str) -> list[str]:
        return [r[0] for r in self._q("SELECT DISTINCT event_id FROM sources WHERE doc_id = ?", (doc_id,))]

    # -- actors -----------------------------------------------------------
    def save_actors(self, actors: list[dict[str, Any]], replace_all: bool = False) -> None:
        with self.transaction() as c:
            if replace_all:
                c.execute("DELETE FROM actors")
            for a in actors:
                c.execute("INSERT OR REPLACE INTO actors(id, name, data) VALUES (?,?,?)",
                          (a["id"], a["name"], json.dumps(a, ensure_ascii=False)))

    def list_actors(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._q("SELECT data FROM actors ORDER BY name")]

    def get_actor(self, actor_id: str) -> dict[str, Any]:
        rows = self._q("SELECT data FROM actors WHERE id = ?", (actor_id,))
        if not rows:
            raise NotFoundError(f"no actor with id '{actor_id}'")
        return dict(json.loads(rows[0][0]))



def open_store(path: str | Path | None = None, *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``path`` (default: Settings)."""
    from ..config import resolve_db_path
    return SQLiteStore(resolve_db_path(path), readonly=readonly)
