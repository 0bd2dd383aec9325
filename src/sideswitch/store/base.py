"""The one store interface, and what every backend shares without SQL.

:class:`Store` is what the rest of sideswitch talks to (ingest, the CLI, the
API, the analysis); :func:`~sideswitch.store.open_store` returns a SQLite or a
PostgreSQL implementation of it and nobody else needs to know which.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any, Protocol, Self, runtime_checkable

from ..models import Document
from ..resolve.backing import MergeBacking
from .query import EventQuery, key

__all__ = ["Store", "event_columns", "migrations", "people_columns"]


def date_columns(date: dict[str, Any]) -> dict[str, Any]:
    """``date_mid`` (the window's midpoint, ISO) and ``date_days`` (its length, inclusive): where
    trends place an event. None for no date or one that does not parse.

    >>> date_columns({"earliest": "2013-09-25", "latest": "2013-10-04"})
    {'date_mid': '2013-09-29', 'date_days': 10}
    """
    from datetime import date as day

    try:
        a = day.fromisoformat(str(date.get("earliest"))[:10])
        b = day.fromisoformat(str(date.get("latest") or date.get("earliest"))[:10])
    except ValueError:
        return {"date_mid": None, "date_days": None}
    a, b = min(a, b), max(a, b)
    return {"date_mid": (a + (b - a) // 2).isoformat(), "date_days": (b - a).days + 1}


def people_columns(people: dict[str, Any]) -> dict[str, int | None]:
    """``people_low/best/high`` of a contract ``people`` object (one stored before bands: the
    bounds are min/max and best their midpoint)."""
    lo, hi = people.get("low", people.get("min")), people.get("high", people.get("max"))
    if lo is None or hi is None:
        return {"people_low": None, "people_best": None, "people_high": None}
    best = people.get("best")
    best = min(max(best, lo), hi) if best is not None else (lo + hi) // 2  # within its band, as analysis reads it
    return {"people_low": lo, "people_best": best, "people_high": hi}


@runtime_checkable
class Store(MergeBacking, Protocol):
    """Documents, per-document mentions, merged events, sources, claims, actors and meta values.

    Every write runs inside :meth:`transaction` (nested blocks join the outer
    one); a store opened read-only refuses writes with a StoreError. A process
    that reads the store to decide what to write (merging a batch) holds
    :meth:`writer` meanwhile, so writers from several processes take turns.
    """

    readonly: bool

    name: str

    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def transaction(self) -> AbstractContextManager[Any]: ...
    def savepoint(self) -> AbstractContextManager[Any]: ...
    def writer(self) -> AbstractContextManager[None]: ...
    def schema_version(self) -> int: ...
    def migrate(self) -> int: ...
    def get_meta(self, key: str, default: str | None = None) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def known_document(self, doc: Document) -> str | None: ...
    def add_document(self, doc: Document) -> bool: ...
    def get_document(self, doc_id: str) -> dict[str, Any]: ...
    def list_documents(
        self, limit: int | None = 100, offset: int = 0, q: str | None = None, with_text: bool = False
    ) -> list[dict[str, Any]]: ...
    def iter_documents(self) -> Iterator[Document]: ...
    def count_documents(self) -> int: ...
    def documents_since(self, seq: int = 0, with_text: bool = True) -> list[tuple[int, str, str | None]]: ...
    def data_version(self) -> int: ...
    def clear_extracted(self) -> None: ...
    def replace_mentions(self, doc_id: str, mentions: list[dict[str, Any]]) -> None: ...
    def get_mentions(self, doc_id: str | None = None) -> list[dict[str, Any]]: ...
    def save_events(self, events: list[dict[str, Any]], origin: str = "extracted") -> None: ...
    def delete_events(self, ids: Iterable[str]) -> None: ...
    def get_event(self, event_id: str) -> dict[str, Any]: ...
    def query_events(self, query: EventQuery | None = None) -> list[dict[str, Any]]: ...
    def iter_events(self, query: EventQuery | None = None) -> Iterator[dict[str, Any]]: ...
    def people_totals(self, query: EventQuery | None = None) -> list[dict[str, Any]]: ...
    def flow_groups(self, query: EventQuery | None = None, ids: bool = True) -> list[tuple[Any, ...]]: ...
    def event_days(self, query: EventQuery | None = None) -> list[str | None]: ...
    def date_span(self, query: EventQuery | None = None) -> tuple[str | None, str | None]: ...
    def count_by(self, query: EventQuery | None, column: str) -> list[tuple[Any, int]]: ...
    def filter_choices(self) -> dict[str, list[str]]: ...
    def trend_groups(
        self, query: EventQuery | None, max_days: int, party: str | None = None, ids: bool = True
    ) -> list[tuple[Any, ...]]: ...
    def count_events(self, query: EventQuery | None = None) -> int: ...
    def event_ids_for_document(self, doc_id: str) -> list[str]: ...
    def save_actors(self, actors: list[dict[str, Any]], replace_all: bool = False) -> None: ...
    def count_actors(self) -> int: ...
    def list_actors(self) -> list[dict[str, Any]]: ...
    def get_actor(self, actor_id: str) -> dict[str, Any]: ...
    # the merge state (migration 004; ``store.mergestate``): besides what incremental merging asks
    # per mention (``resolve.incremental.MergeBacking``, which this protocol extends)
    def unkeyed_mentions(self) -> list[dict[str, Any]]: ...
    def add_minhash(self, doc_id: str, group: str, signature: bytes | None, bands: Iterable[int]) -> None: ...
    def minhash_candidates(self, bands: Sequence[int]) -> list[tuple[int, str, str, bytes | None]]: ...
    def minhash_info(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, bytes | None]]: ...
    def unhashed_documents(self) -> list[tuple[str, str]]: ...
    def set_actor_index(
        self, event_id: str, keys: Iterable[str], defector: dict[str, Any] | None, keep_links: bool = False
    ) -> None: ...
    def drop_actor_index(self, event_ids: Iterable[str]) -> None: ...
    def add_actor_links(self, event_id: str, others: Iterable[str]) -> None: ...
    def actor_links(self, event_ids: Iterable[str]) -> set[str]: ...
    def actor_names(self, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def mark_all_actor_pending(self) -> None: ...
    def actor_key_events(self, keys: Iterable[str]) -> set[str]: ...
    def actor_event_keys(self, event_ids: Iterable[str]) -> dict[str, set[str]]: ...
    def actor_event_ids(self, actor_ids: Iterable[str]) -> dict[str, set[str]]: ...
    def add_actor_pending(self, rows: dict[str, str | None]) -> None: ...
    def actor_pending(self) -> dict[str, str | None]: ...
    def clear_actor_pending(self) -> None: ...
    def events_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def event_ids_of_actors(self, actor_ids: Iterable[str]) -> set[str]: ...
    def event_actor_ids(self, event_ids: Iterable[str]) -> dict[str, str | None]: ...
    def actors_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def delete_actors(self, ids: Iterable[str]) -> None: ...


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """(number, name, sql) of every ``NNN_name.sql`` for ``dialect``, in order.

    SQLite's are in ``store/migrations/``, PostgreSQL's (one per SQLite
    migration, same number and name) in ``store/migrations/postgres/``.
    """
    folder = resources.files(__package__).joinpath("migrations")
    if dialect != "sqlite":
        folder = folder.joinpath(dialect)
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def event_columns(ev: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of a contract event."""
    loc = ev.get("location") or {}
    date = ev.get("date") or {}
    people = ev.get("people") or {}
    frm, to = ev.get("from_side") or {}, ev.get("to_side") or {}
    d = ev.get("defector") or {}
    words = [
        d.get("name"),
        *(d.get("aliases") or []),
        d.get("role"),
        frm.get("name"),
        frm.get("party"),
        to.get("name"),
        to.get("party"),
        loc.get("place"),
        loc.get("admin2"),
        loc.get("admin1"),
        loc.get("country"),
        *(s.get("evidence") for s in ev.get("sources") or []),
    ]
    return {
        "kind": ev.get("kind"),
        "stage": ev.get("stage"),
        "defector_name": d.get("name"),
        "actor_id": d.get("actor_id"),
        "from_name": frm.get("name"),
        "from_party": frm.get("party"),
        "to_name": to.get("name"),
        "to_party": to.get("party"),
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "place": loc.get("place"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "date_earliest": date.get("earliest"),
        "date_latest": date.get("latest"),
        "people_min": people.get("min"),
        "people_max": people.get("max"),
        **people_columns(people),
        "inferred": int(bool(frm.get("inferred") or to.get("inferred"))),
        "country_key": key(loc.get("country")),
        "admin1_key": key(loc.get("admin1")),
        "from_party_key": key(frm.get("party")),
        "from_name_key": key(frm.get("name")),
        "to_party_key": key(to.get("party")),
        "to_name_key": key(to.get("name")),
        **date_columns(date),
        "contested": int(bool(ev.get("contested"))),
        "historical": int(bool(ev.get("historical"))),
        "confidence": ev.get("confidence"),
        "n_sources": len({s.get("doc") for s in ev.get("sources") or []}) or 1,
        "search_text": " ".join(w for w in words if w).lower(),
    }
