"""Store methods of the merge state (migration 004): what incremental merging asks per mention.

A mixin of :class:`~sideswitch.store.sql.SQLStore` (SQLite and PostgreSQL). Merging
(``resolve.incremental``, ``resolve.dedup``, ``pipeline``) never loads the record: it asks

    store.merge_candidates("completed", ["Afghanistan", "*"], [(0, 46001, 46003), ...], ...)
                                             -> {"doc-7#1": '["Abu Kamal"]', "doc-8#1": None, ...}
                                                (blocked by the keys; the names each gives)
    store.merge_links(["doc-7#1"])           -> {"doc-7#1": {"doc-9#2": 4.5}}
    store.merge_best(["doc-8#1"])            -> {"doc-8#1": (4.0, "doc-7#1")}  (undated background)
    store.minhash_candidates([band, ...])    -> [(seq, doc_id, group, signature), ...]
    store.actor_key_events(["p:rost"])       -> {"ev-..."}   (events whose defector may match)

and writes the rows of each new mention, document and event in the document's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

__all__ = ["MergeStateStore"]

ARMS = 60  # SELECTs per UNION: SQLite allows 500 terms of a compound SELECT
CHUNK = 500  # ids per IN (...) list: under every engine's limit on parameters
# LSH band rows kept in ``minhash_recent`` before they move to ``minhash_bands`` in key order
# (``add_minhash``): about 1,300 documents' worth. The small table's pages stay in the cache; the
# move writes each page of the large table's index once for many rows.
RECENT_BANDS = 32_768
KEY_COLUMNS = (
    "mention_id",
    "stage",
    "country",
    "level",
    "bucket",
    "left_root",
    "left_state",
    "joined_root",
    "joined_state",
    "joined_any",
    "loc_country",
    "admin1",
    "people_min",
    "people_max",
    "person",
    "day_lo",
    "day_hi",
    "names",
)


def _chunks(items: Iterable[Any]) -> Iterable[list[Any]]:
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class MergeStateStore:
    """Blocking keys and links of mentions, MinHash signatures and bands, actor name keys."""

    _document_order = "rowid"  # how documents are numbered in the order stored (PostgreSQL: seq)
    _recent_bands = 0  # rows added to minhash_recent since it was last counted or moved

    # Provided by the store (:class:`~sideswitch.store.sql.SQLStore`), on either backend.
    def _q(self, sql: str, args: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        raise NotImplementedError

    def _upsert(self, table: str, columns: Sequence[str], key: str) -> str:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    # -- mentions: blocking keys, links, event ids ------------------------------
    def add_merge_keys(self, rows: Iterable[Sequence[Any]]) -> None:
        """Rows of ``KEY_COLUMNS`` (see the migration): where later mentions will look."""
        sql = f"INSERT INTO merge_keys({', '.join(KEY_COLUMNS)}) VALUES ({_marks(len(KEY_COLUMNS))})"
        levels = set()
        with self.transaction():
            for row in rows:
                self._execute(sql, tuple(row))
                levels.add((row[1], row[3]))
            for stage_level in sorted(levels):  # the levels in use (merge_candidates asks only those)
                self._execute(self._insert_ignore("merge_levels", ("stage", "level")), stage_level)

    def merge_candidates(
        self,
        stage: str,
        countries: Sequence[str] | None,
        cells: Sequence[tuple[int, int, int]],
        left: tuple[str, str | None] | None,
        joined: tuple[str, str | None] | None,
        place: tuple[str | None, str] | None = None,
        people: tuple[float, int, float, float] | None = None,
        person: bool = False,
        days: tuple[int, int] | None = None,
        exact: tuple[int, float] | None = None,
        province: tuple[str, int, int] | None = None,
    ) -> dict[str, str | None]:
        """Mentions keyed under ``stage``, one of ``countries`` (None: any), a bucket of ``cells``
        (``(level, first, last)``; only the levels keyed under ``stage`` are searched), sides that may be the same as ``left`` and ``joined``, and,
        when given, a province that may be ``place`` (country, province) and a headcount
        that fits ``people``: (largest minimum, its minimum, ratio, slack) of ``merge.clash``.
        With ``person`` (the report may be the same person as another), the province and the
        headcount filter only the rows keyed ``person = 0`` (naming nobody, no identifying gear).
        ``days`` (first, last day ordinals): only rows whose act window meets it, or undated.
        ``exact`` (an exact headcount of two or more, and ``merge.EXACT_COUNT_RATIO``): no row
        with another exact count of two or more further from it than that ratio + 1.
        Each with the names it gives its defector, as keyed (``names``: a JSON list; None when
        it names nobody or was keyed before migration 007). ``province`` (country, level, bucket):
        in that country's arm of that level, only buckets 0 and ``bucket`` are searched (a level
        bucketed by province; ``resolve.incremental.BACKGROUND``)."""
        sides, side_args = "", list[Any]()
        anyone = " OR person IS NULL OR person <> 0" if person else ""
        if left is not None:
            sides += " AND (left_root IS NULL OR left_root = ? OR left_state = ?)"
            side_args += list(left)
        if joined is not None:
            sides += " AND (joined_root IS NULL OR joined_root = ? OR joined_state = ? OR joined_any = 1)"
            side_args += list(joined)
        if place is not None:
            sides += f" AND (admin1 IS NULL OR admin1 = ? OR (loc_country IS NOT NULL AND loc_country <> ?){anyone})"
            side_args += [place[1], place[0]]
        if days is not None:  # act windows meeting (first, last), as day ordinals; NULL: undated
            sides += " AND (day_lo IS NULL OR (day_lo <= ? AND day_hi >= ?))"
            side_args += [days[1], days[0]]
        if people is not None:
            sides += f" AND (people_min IS NULL OR (people_min <= ? AND people_max * ? + ? >= ?){anyone})"
            side_args += [people[0], people[2], people[3], people[1]]
        if exact is not None:  # with the larger of two exact counts above the smaller x ratio + 1
            sides += " AND (people_min IS NULL OR people_min <> people_max OR people_min < 2"
            sides += " OR (people_min <= ? AND people_min * ? + 1 >= ?))"
            side_args += [exact[0] * exact[1] + 1, exact[1], exact[0]]
        used = {int(r[0]) for r in self._q("SELECT level FROM merge_levels WHERE stage = ?", (stage,))}
        arms: list[tuple[str, list[Any]]] = []
        for country in countries if countries is not None else [None]:
            for level, first, last in cells:
                if level not in used:
                    continue
                spans = [(first, last)]
                if province is not None and (country, level) == province[:2]:
                    spans = [(0, 0), (province[2], province[2])]
                for first, last in spans:
                    if country is None:
                        where = "stage = ? AND level = ? AND bucket BETWEEN ? AND ?"
                        arm_args = [stage, level, first, last]
                    else:
                        where = "stage = ? AND country = ? AND level = ? AND bucket BETWEEN ? AND ?"
                        arm_args = [stage, country, level, first, last]
                    arms.append(
                        (f"SELECT mention_id, names FROM merge_keys WHERE {where}{sides}", arm_args + side_args)
                    )
        found: dict[str, str | None] = {}
        for i in range(0, len(arms), ARMS):
            part = arms[i : i + ARMS]
            for mid, names in self._q(" UNION ".join(a for a, _ in part), [x for _, xs in part for x in xs]):
                found[str(mid)] = names
        return found

    def add_merge_links(self, mention_id: str, links: dict[str, float]) -> None:
        """Links of a new mention (both directions)."""
        sql = self._insert_ignore("merge_links", ("a", "b", "score"))
        with self.transaction():
            for other, score in links.items():
                self._execute(sql, (mention_id, other, score))
                self._execute(sql, (other, mention_id, score))

    def drop_merge_link(self, a: str, b: str) -> None:
        """Forget the link of ``a`` and ``b`` (both directions; nothing when there is none)."""
        with self.transaction():
            self._execute("DELETE FROM merge_links WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)", (a, b, b, a))

    def merge_best(self, ids: Iterable[str]) -> dict[str, tuple[float, str]]:
        """``mention_id -> (score, other id)``: the best link so far of each undated background
        report of ``ids`` that has one (``merge.kept_links``)."""
        out: dict[str, tuple[float, str]] = {}
        for chunk in _chunks(ids):
            sql = f"SELECT mention_id, best, score FROM merge_best WHERE mention_id IN ({_marks(len(chunk))})"
            for mid, best, score in self._q(sql, chunk):
                out[str(mid)] = (float(score), str(best))
        return out

    def set_merge_best(self, mention_id: str, best: str, score: float) -> None:
        with self.transaction():
            self._execute(
                self._upsert("merge_best", ("mention_id", "best", "score"), "mention_id"), (mention_id, best, score)
            )

    def merge_links(self, ids: Iterable[str]) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for chunk in _chunks(ids):
            for a, b, score in self._q(f"SELECT a, b, score FROM merge_links WHERE a IN ({_marks(len(chunk))})", chunk):
                out.setdefault(str(a), {})[str(b)] = float(score)
        return out

    def mentions_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            for mid, data in self._q(f"SELECT id, data FROM mentions WHERE id IN ({_marks(len(chunk))})", chunk):
                out[str(mid)] = json.loads(data)
        return out

    def mention_ids_of_events(self, event_ids: Iterable[str]) -> set[str]:
        return self._mention_ids("event_id", event_ids)

    def mention_ids_of_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """The ids of the stored mentions of these documents."""
        return self._mention_ids("doc_id", doc_ids)

    def _mention_ids(self, column: str, values: Iterable[str]) -> set[str]:
        """Ids of the mentions whose ``column`` (an indexed one: event_id, doc_id) is one of ``values``."""
        out: set[str] = set()
        for chunk in _chunks(values):
            out |= {
                str(r[0]) for r in self._q(f"SELECT id FROM mentions WHERE {column} IN ({_marks(len(chunk))})", chunk)
            }
        return out

    def merged_event_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are events of stored mentions."""
        out: set[str] = set()
        for chunk in _chunks(ids):
            sql = f"SELECT DISTINCT event_id FROM mentions WHERE event_id IN ({_marks(len(chunk))})"
            out |= {str(r[0]) for r in self._q(sql, chunk)}
        return out

    def update_mentions(self, mentions: Iterable[dict[str, Any]]) -> None:
        """Write back mentions whose event id changed (the column and the JSON)."""
        with self.transaction():
            for m in mentions:
                self._execute(
                    "UPDATE mentions SET event_id = ?, data = ? WHERE id = ?",
                    (m.get("event_id"), json.dumps(m, ensure_ascii=False), m["id"]),
                )

    def unkeyed_mentions(self) -> list[dict[str, Any]]:
        """Mentions stored before the merge state was (a store from before migration 004)."""
        sql = (
            "SELECT data FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM merge_keys k WHERE k.mention_id = m.id)"
            " ORDER BY doc_id, seq"
        )
        return [json.loads(r[0]) for r in self._q(sql)]

    # -- near-duplicates ----------------------------------------------------------
    def add_minhash(self, doc_id: str, group: str, signature: bytes | None, bands: Iterable[int]) -> None:
        """A document's signature and its LSH bands. The bands go to ``minhash_recent``, a small
        table, and move to ``minhash_bands`` in key order once it holds ``RECENT_BANDS`` rows:
        band hashes are random, so in a large store each row written straight into
        ``minhash_bands`` was a page of its own to write (half the pages a document wrote at
        40,000 documents); written in order, neighbouring rows share their pages."""
        with self.transaction():
            self._execute(
                "INSERT INTO doc_minhash(doc_id, grp, signature) VALUES (?, ?, ?)", (doc_id, group, signature)
            )
            sql = self._insert_ignore("minhash_recent", ("band", "doc_id"))
            added = 0
            for band in bands:
                self._execute(sql, (band, doc_id))
                added += 1
            self._recent_bands += added
            if self._recent_bands >= RECENT_BANDS:  # counted here; the table says how many there are
                self._recent_bands = int(self._q("SELECT COUNT(*) FROM minhash_recent")[0][0])
                if self._recent_bands >= RECENT_BANDS:
                    self.flush_minhash()

    def flush_minhash(self) -> None:
        """Move the recent LSH bands into ``minhash_bands``, in key order, in one transaction (a
        document is hashed once, so no row is in both)."""
        with self.transaction():
            self._execute(
                "INSERT INTO minhash_bands(band, doc_id) SELECT band, doc_id FROM minhash_recent ORDER BY band, doc_id"
            )
            self._execute("DELETE FROM minhash_recent")
            self._recent_bands = 0

    def minhash_candidates(self, bands: Sequence[int]) -> list[tuple[int, str, str, bytes | None]]:
        """``(seq, doc_id, group, signature)`` of the documents sharing a band with ``bands``."""
        if not bands:
            return []
        sql = (
            "SELECT m.seq, m.doc_id, m.grp, m.signature FROM doc_minhash m WHERE m.doc_id IN"
            f" (SELECT doc_id FROM minhash_bands WHERE band IN ({_marks(len(bands))})"
            f" UNION ALL SELECT doc_id FROM minhash_recent WHERE band IN ({_marks(len(bands))})) ORDER BY m.seq"
        )
        return [
            (int(r[0]), str(r[1]), str(r[2]), None if r[3] is None else bytes(r[3]))
            for r in self._q(sql, [*bands, *bands])
        ]

    def minhash_info(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, bytes | None]]:
        """``doc_id -> (group, signature)`` of the documents of ``doc_ids`` that are indexed."""
        out: dict[str, tuple[str, bytes | None]] = {}
        for chunk in _chunks(doc_ids):
            sql = f"SELECT doc_id, grp, signature FROM doc_minhash WHERE doc_id IN ({_marks(len(chunk))})"
            for doc_id, grp, sig in self._q(sql, chunk):
                out[str(doc_id)] = (str(grp), None if sig is None else bytes(sig))
        return out

    def unhashed_documents(self) -> list[tuple[str, str]]:
        """``(id, text)`` of the documents without a signature, in the order stored."""
        sql = (
            "SELECT id, text FROM documents d WHERE NOT EXISTS (SELECT 1 FROM doc_minhash m WHERE m.doc_id = d.id)"
            f" ORDER BY {self._document_order}"
        )
        return [(str(r[0]), str(r[1] or "")) for r in self._q(sql)]

    # -- actors ---------------------------------------------------------------------
    def set_actor_index(
        self, event_id: str, keys: Iterable[str], defector: dict[str, Any] | None, keep_links: bool = False
    ) -> None:
        """An event's name and move keys and its defector (None: unnamed, nothing kept); its old
        rows and its links (:meth:`add_actor_links`) go, the links stay with ``keep_links``."""
        with self.transaction():
            self._drop_actor_rows(event_id, links=not keep_links)
            if defector is None:
                return
            sql = self._insert_ignore("actor_keys", ("key", "event_id"))
            for k in sorted(set(keys)):
                self._execute(sql, (k, event_id))
            self._execute(
                "INSERT INTO actor_names(event_id, data) VALUES (?, ?)",
                (event_id, json.dumps(defector, ensure_ascii=False)),
            )

    def drop_actor_index(self, event_ids: Iterable[str]) -> None:
        with self.transaction():
            for eid in event_ids:
                self._drop_actor_rows(eid, links=True)

    def _drop_actor_rows(self, eid: str, links: bool) -> None:
        """An event's keys and defector, and with ``links`` its links both ways (in a transaction)."""
        self._execute("DELETE FROM actor_keys WHERE event_id = ?", (eid,))
        self._execute("DELETE FROM actor_names WHERE event_id = ?", (eid,))
        if links:
            for (other,) in self._q("SELECT b FROM actor_links WHERE a = ?", (eid,)):
                self._execute("DELETE FROM actor_links WHERE a = ? AND b = ?", (other, eid))
            self._execute("DELETE FROM actor_links WHERE a = ?", (eid,))

    def add_actor_links(self, event_id: str, others: Iterable[str]) -> None:
        """Events that may be the same person as ``event_id`` (both directions)."""
        sql = self._insert_ignore("actor_links", ("a", "b"))
        with self.transaction():
            for other in others:
                self._execute(sql, (event_id, other))
                self._execute(sql, (other, event_id))

    def actor_links(self, event_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(event_ids):
            out |= {str(r[0]) for r in self._q(f"SELECT b FROM actor_links WHERE a IN ({_marks(len(chunk))})", chunk)}
        return out

    def actor_names(self, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The defector of each named event of ``event_ids``."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(event_ids):
            sql = f"SELECT event_id, data FROM actor_names WHERE event_id IN ({_marks(len(chunk))})"
            for eid, data in self._q(sql, chunk):
                out[str(eid)] = json.loads(data)
        return out

    def actor_key_events(self, keys: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(keys):
            sql = f"SELECT DISTINCT event_id FROM actor_keys WHERE key IN ({_marks(len(chunk))})"
            out |= {str(r[0]) for r in self._q(sql, chunk)}
        return out

    def actor_event_keys(self, event_ids: Iterable[str]) -> dict[str, set[str]]:
        """The name and move keys of each indexed event of ``event_ids``."""
        out: dict[str, set[str]] = {}
        for chunk in _chunks(event_ids):
            sql = f"SELECT event_id, key FROM actor_keys WHERE event_id IN ({_marks(len(chunk))})"
            for eid, key in self._q(sql, chunk):
                out.setdefault(str(eid), set()).add(str(key))
        return out

    def add_actor_pending(self, rows: dict[str, str | None]) -> None:
        """Events whose actors must be resolved again, with the actor they had (``None``: none)."""
        sql = self._insert_ignore("actor_pending", ("event_id", "actor_id"))
        with self.transaction():
            for event_id, actor_id in rows.items():
                self._execute(sql, (event_id, actor_id))

    def actor_pending(self) -> dict[str, str | None]:
        return {str(r[0]): r[1] for r in self._q("SELECT event_id, actor_id FROM actor_pending ORDER BY event_id")}

    def mark_all_actor_pending(self) -> None:
        """Every event waits for its actor (a store from before the actor index)."""
        with self.transaction():
            self._execute(
                "INSERT INTO actor_pending(event_id, actor_id) SELECT id, actor_id FROM events"
                " WHERE id NOT IN (SELECT event_id FROM actor_pending)"
            )

    def clear_actor_pending(self) -> None:
        with self.transaction():
            self._execute("DELETE FROM actor_pending")

    def events_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            for eid, data in self._q(f"SELECT id, data FROM events WHERE id IN ({_marks(len(chunk))})", chunk):
                out[str(eid)] = json.loads(data)
        return out

    def event_ids_of_actors(self, actor_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(actor_ids):
            sql = f"SELECT id FROM events WHERE actor_id IN ({_marks(len(chunk))})"
            out |= {str(r[0]) for r in self._q(sql, chunk)}
        return out

    def actor_event_ids(self, actor_ids: Iterable[str]) -> dict[str, set[str]]:
        """The events of each actor of ``actor_ids`` (by the events' ``actor_id``)."""
        out: dict[str, set[str]] = {}
        for chunk in _chunks(actor_ids):
            for eid, aid in self._q(f"SELECT id, actor_id FROM events WHERE actor_id IN ({_marks(len(chunk))})", chunk):
                out.setdefault(str(aid), set()).add(str(eid))
        return out

    def event_actor_ids(self, event_ids: Iterable[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for chunk in _chunks(event_ids):
            for eid, aid in self._q(f"SELECT id, actor_id FROM events WHERE id IN ({_marks(len(chunk))})", chunk):
                out[str(eid)] = aid
        return out

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids):
            for aid, data in self._q(f"SELECT id, data FROM actors WHERE id IN ({_marks(len(chunk))})", chunk):
                out[str(aid)] = json.loads(data)
        return out

    def delete_actors(self, ids: Iterable[str]) -> None:
        with self.transaction():
            for chunk in _chunks(ids):
                self._execute(f"DELETE FROM actors WHERE id IN ({_marks(len(chunk))})", chunk)

    def clear_merge_state(self) -> None:
        """Forget the rows indexing mentions and documents (before the documents, mentions and
        extracted events go); the extracted events wait for their actors to be resolved again."""
        with self.transaction():
            self._execute(
                "INSERT INTO actor_pending(event_id, actor_id) SELECT id, actor_id FROM events"
                " WHERE origin = 'extracted' AND id NOT IN (SELECT event_id FROM actor_pending)"
            )
            tables = ("merge_keys", "merge_levels", "merge_links", "merge_best", "doc_minhash", "minhash_bands")
            for table in (*tables, "minhash_recent"):
                self._execute(f"DELETE FROM {table}")
