"""Store methods of the analyst's workbench and the monitor (migration 002).

A mixin of :class:`~sideswitch.store.sql.SQLStore` (SQLite and PostgreSQL), kept apart so the
SQL of corrections, watched feeds and alerts reads in one place:

    store.add_correction({...})          -> 7          (the log is append-only)
    store.list_corrections()             -> [{"id": 7, "op": "set", ...}]
    store.seen_feed_item(url, key)       -> False
    store.add_alert({...})               -> True       (False when its key is known)

The SQL is plain and runs on both backends (``?`` placeholders, translated for PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

__all__ = ["WorkbenchStore"]

CORRECTION_COLUMNS = ("uid", "at", "by", "target", "op", "field", "before", "after", "why", "anchor")
JSON_COLUMNS = ("before", "after", "anchor")
_QUOTED_COLUMNS = ", ".join(f'"{k}"' for k in CORRECTION_COLUMNS)  # "by" is a keyword in PostgreSQL
FACET_COLUMNS = {
    "country": "country",
    "province": "admin1",
    "kind": "kind",
    "stage": "stage",
    "contested": "contested",
    "year": "substr(date_earliest, 1, 4)",
    "person": "actor_id",
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class WorkbenchStore:
    """Corrections, their replay state, watched feeds and alerts."""

    # Provided by the store (:class:`~sideswitch.store.sql.SQLStore`), on either backend.
    def _q(self, sql: str, args: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    # -- corrections (append-only) ----------------------------------------
    def add_correction(self, c: dict[str, Any]) -> int:
        """Append one correction; returns its id. ``before``/``after``/``anchor`` are JSON values."""
        values = [
            json.dumps(c.get(k), ensure_ascii=False) if k in JSON_COLUMNS else c.get(k) for k in CORRECTION_COLUMNS
        ]
        with self.transaction():
            row = self._execute(
                f"INSERT INTO corrections({_QUOTED_COLUMNS}) "
                f"VALUES ({', '.join('?' * len(CORRECTION_COLUMNS))}) RETURNING id",
                values,
            ).fetchone()
            return int(row[0])

    def list_corrections(self, target: str | None = None) -> list[dict[str, Any]]:
        """The log in order, each entry with its replay ``status`` (and the event it landed on)."""
        sql = (
            "SELECT c.*, s.status, s.event_id AS applied_to, s.note FROM corrections c "
            "LEFT JOIN correction_state s ON s.correction_id = c.id"
        )
        args: list[Any] = []
        if target is not None:
            sql += " WHERE c.target = ? OR c.field = ?"
            args = [target, target]
        out = []
        for d in self._dicts(sql + " ORDER BY c.id", args):
            for k in JSON_COLUMNS:
                d[k] = json.loads(d[k]) if d[k] is not None else None
            out.append(d)
        return out

    def correction_uids(self) -> set[str]:
        return {r[0] for r in self._q("SELECT uid FROM corrections")}

    def set_correction_states(self, states: dict[int, tuple[str, str | None, str | None]]) -> None:
        """Replace the replay state: correction id -> (status, event id, note)."""
        with self.transaction():
            self._execute("DELETE FROM correction_state")
            for cid, st in sorted(states.items()):
                self._execute(
                    "INSERT INTO correction_state(correction_id, status, event_id, note) VALUES (?,?,?,?)", (cid, *st)
                )

    def correction_bases(self) -> dict[str, tuple[dict[str, Any], str]]:
        """Event id -> (extracted data, origin) of every event a correction touched."""
        return {r[0]: (json.loads(r[1]), r[2]) for r in self._q("SELECT event_id, data, origin FROM correction_base")}

    def save_correction_base(self, event_id: str, data: dict[str, Any], origin: str) -> None:
        with self.transaction():
            self._execute("DELETE FROM correction_base WHERE event_id = ?", (event_id,))
            self._execute(
                "INSERT INTO correction_base(event_id, data, origin) VALUES (?,?,?)",
                (event_id, json.dumps(data, ensure_ascii=False), origin),
            )

    def event_rows(self, ids: Iterable[str]) -> dict[str, tuple[dict[str, Any], str]]:
        """Event id -> (data, origin) for the stored events among ``ids``."""
        out = {}
        for eid in set(ids):
            rows = self._q("SELECT data, origin FROM events WHERE id = ?", (eid,))
            if rows:
                out[eid] = (json.loads(rows[0][0]), str(rows[0][1]))
        return out

    def mention_event_ids(self) -> set[str]:
        """Ids of the events the stored mentions (the extraction) belong to."""
        return {r[0] for r in self._q("SELECT DISTINCT event_id FROM mentions WHERE event_id IS NOT NULL")}

    def mentions_of(self, event_id: str) -> list[dict[str, Any]]:
        return [
            json.loads(r[0])
            for r in self._q("SELECT data FROM mentions WHERE event_id = ? ORDER BY doc_id, seq", (event_id,))
        ]

    def event_source_docs(self) -> dict[str, set[str]]:
        """Event id -> the documents that report it (for finding a moved event again)."""
        out: dict[str, set[str]] = {}
        for eid, doc in self._q("SELECT event_id, doc_id FROM sources"):
            out.setdefault(eid, set()).add(doc)
        return out

    def event_ids_with_side_name(self, name: str) -> set[str]:
        """Events with a side named ``name`` (any case), either way."""
        return {
            r[0]
            for r in self._q(
                "SELECT id FROM events WHERE lower(from_name) = lower(?) OR lower(to_name) = lower(?)", (name, name)
            )
        }

    # -- browsing: facet counts and reporting volume ------------------------------
    def event_facets(self, where: str, args: list[Any], limit: int = 25) -> dict[str, list[dict[str, Any]]]:
        """Per facet, the values among the events matching ``where`` (an EventQuery clause) and how
        many events hold each, the most frequent first."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name, expr in FACET_COLUMNS.items():
            rows = self._q(
                f"SELECT {expr} AS v, count(*) AS n FROM events WHERE ({where}) AND {expr} IS NOT NULL "
                "GROUP BY v ORDER BY n DESC, v LIMIT ?",
                [*args, limit],
            )
            out[name] = [{"value": r[0], "count": r[1]} for r in rows]
        rows = self._q(
            "SELECT v, count(DISTINCT id) AS n FROM ("
            f"SELECT id, coalesce(from_party, from_name) AS v FROM events WHERE {where} UNION ALL "
            f"SELECT id, coalesce(to_party, to_name) AS v FROM events WHERE {where}) AS sides "
            "WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?",
            [*args, *args, limit],
        )
        out["party"] = [{"value": r[0], "count": r[1]} for r in rows]
        names = {r[0]: r[1] for r in self._q("SELECT id, name FROM actors")}
        for f in out["person"]:
            f["label"] = names.get(f["value"]) or f["value"]
        return out

    def document_dates(self) -> list[str | None]:
        """The publication date of every stored document (None when unknown)."""
        return [r[0] for r in self._q("SELECT published FROM documents")]

    # -- watched feeds ------------------------------------------------------
    def feed_state(self, url: str) -> dict[str, Any] | None:
        rows = self._dicts("SELECT * FROM feeds WHERE url = ?", (url,))
        return rows[0] if rows else None

    def save_feed_state(
        self, url: str, *, etag: str | None, last_modified: str | None, status: str, error: str | None = None
    ) -> None:
        with self.transaction():
            self._execute("DELETE FROM feeds WHERE url = ?", (url,))
            self._execute(
                "INSERT INTO feeds(url, etag, last_modified, polled_at, status, error) VALUES (?,?,?,?,?,?)",
                (url, etag, last_modified, _now(), status, error),
            )

    def seen_feed_item(self, feed_url: str, key: str) -> bool:
        return bool(self._q("SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?", (feed_url, key)))

    def add_feed_item(self, feed_url: str, key: str, doc_id: str | None) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO feed_items(feed_url, item_key, fetched_at, doc_id) VALUES (?,?,?,?) "
                "ON CONFLICT (feed_url, item_key) DO NOTHING",
                (feed_url, key, _now(), doc_id),
            )

    def count_feed_items(self) -> int:
        return int(self._q("SELECT count(*) FROM feed_items")[0][0])

    # -- watch list and alerts ----------------------------------------------
    def watchlist(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self._q("SELECT kind, value FROM watchlist ORDER BY kind, value")]

    def set_watch(self, kind: str, value: str, on: bool = True) -> None:
        with self.transaction():
            self._execute("DELETE FROM watchlist WHERE kind = ? AND value = ?", (kind, value))
            if on:
                self._execute("INSERT INTO watchlist(kind, value) VALUES (?, ?)", (kind, value))

    def add_alert(self, alert: dict[str, Any]) -> int | None:
        """Store an alert; its id, or None when an alert with its ``key`` is already stored."""
        with self.transaction():
            if self._q("SELECT 1 FROM alerts WHERE key = ?", (alert["key"],)):
                return None
            row = self._execute(
                "INSERT INTO alerts(key, at, rule, title, body, event_id, data) VALUES (?,?,?,?,?,?,?) RETURNING id",
                (
                    alert["key"],
                    alert.get("at") or _now(),
                    alert["rule"],
                    alert["title"],
                    alert.get("body") or "",
                    alert.get("event_id"),
                    json.dumps(alert.get("data") or {}, ensure_ascii=False),
                ),
            ).fetchone()
            return int(row[0])

    def list_alerts(self, limit: int | None = 100, unsent: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT * FROM alerts" + (" WHERE sent_at IS NULL" if unsent else "") + " ORDER BY id DESC"
        args: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        out = []
        for d in self._dicts(sql, args):
            d["data"] = json.loads(d["data"] or "{}")
            out.append(d)
        return out

    def mark_alert_sent(self, alert_id: int) -> None:
        with self.transaction():
            self._execute("UPDATE alerts SET sent_at = ? WHERE id = ?", (_now(), alert_id))
