"""The whole job: read documents, extract events, store them, merge reports, resolve actors.

    with open_store("s.db") as store:
        report = ingest_paths(store, ["examples/articles/"])
        print(report.summary())   # "Ingested 14 documents (0 skipped, 0 already known); 19 events."

Each document is written in its own transaction (document, its mentions and
the events they touch), so an interrupted batch loses nothing already stored.
Merging is incremental: a new mention is linked to the stored mentions it may
report the same act as, and only that connected group is regrouped (see
``resolve.merge``); the grouping depends on the set of mentions, not their
order, so one batch and one document at a time give the same store.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .config import Settings
from .errors import StoreError
from .extract import extract_document
from .extract.pipeline import Resources, default_resources
from .guard import as_document_error, cpu_budget, settle_language
from .models import Document
from .resolve.actors import resolve_actors
from .resolve.credibility import credibility
from .resolve.dedup import NearDuplicateIndex, independent_sources
from .resolve.merge import MERGE_THRESHOLD, Report, assign_ids, clash, far_apart, group_links, merge_event, similarity
from .store.sqlite import SQLiteStore

__all__ = ["IngestReport", "ingest_documents", "ingest_paths", "reprocess"]


@dataclass
class IngestReport:
    ingested: int = 0
    known: int = 0
    skipped: list = field(default_factory=list)      # InputError, one per skipped input (file + line)
    mentions: int = 0
    events: set = field(default_factory=set)         # ids of events created or updated
    warnings: list = field(default_factory=list)     # UnsupportedLanguageError: stored without events

    def summary(self) -> str:
        unsupported = (f" {len(self.warnings):,} stored without events (language without data)."
                       if self.warnings else "")
        return (f"Ingested {self.ingested:,} document{'s' if self.ingested != 1 else ''} "
                f"({len(self.skipped):,} skipped, {self.known:,} already known); "
                f"{self.mentions:,} event mention{'s' if self.mentions != 1 else ''}, "
                f"{len(self.events):,} event{'s' if len(self.events) != 1 else ''} created or updated."
                + unsupported)


class _MergeIndex:
    """Every stored mention and the links found between them, in memory for a batch.

    A new mention is compared (``merge.clash``, ``merge.similarity``) with the
    stored mentions sharing a country key (``merge.Report.keys``) and those
    placed nowhere. Its component, the mentions reachable through links, is
    then split into events afresh by ``merge.group_links``, which depends only
    on the mentions, so the store ends the same whatever the ingest order.
    Event ids follow ``merge.assign_ids``; events regrouped or emptied and
    mentions moved wait in ``touched``, ``removed`` and ``moved`` for
    ``_save_events``. Links are computed when first needed (a stored mention's
    when a new one reaches it), so a one-document call reads the store but
    compares only around the new mentions.
    """

    def __init__(self, store: SQLiteStore):
        self.mentions: dict[str, dict] = {}
        self.reports: dict[str, Report] = {}
        self.by_doc: dict[str, list[dict]] = {}
        self.members: dict[str, list[dict]] = {}
        self._by_key: dict[str, set[str]] = {}
        self._links: dict[str, dict[str, float]] = {}     # id -> linked ids and scores
        self._compatible: dict[str, set[str]] = {}        # id -> ids it does not clash with
        self.touched: set[str] = set()
        self.removed: set[str] = set()
        self.moved: set[str] = set()
        for m in store.get_mentions():
            if m.get("event_id"):
                self._add(m)
                self.members.setdefault(m["event_id"], []).append(m)

    def _add(self, m: dict) -> None:
        r = self.reports[m["id"]] = Report.of(m)
        self.mentions[m["id"]] = m
        self.by_doc.setdefault(m["sources"][0]["doc"], []).append(m)
        for key in r.keys if r.country else ("*",):
            self._by_key.setdefault(key, set()).add(m["id"])

    def links(self, mid: str) -> dict[str, float]:
        """Mentions linked to ``mid``, with their scores (found once; later mentions add themselves)."""
        if mid not in self._links:
            r = self.reports[mid]
            near = set(self.mentions) if not r.country else \
                set().union(self._by_key.get("*", ()), *(self._by_key.get(k, ()) for k in r.keys))
            self._links[mid], self._compatible[mid] = {}, set()
            for other in near - {mid}:
                o = self.reports[other]
                if far_apart(r, o) or clash(r, o):
                    continue
                self._compatible[mid].add(other)
                if (score := similarity(r, o)) >= MERGE_THRESHOLD:
                    self._links[mid][other] = score
        return self._links[mid]

    def attach(self, mention: dict) -> str:
        """Add a mention, regroup its component into events; the event it ends in."""
        mid = mention["id"]
        self._add(mention)
        for other, score in self.links(mid).items():
            if other in self._links:
                self._links[other][mid] = score
        for other in self._compatible[mid]:
            if other in self._compatible:
                self._compatible[other].add(mid)
        component, todo = {mid}, [mid]
        while todo:   # reports linked to it, and (for a store merged by other rules) its event's
            here = todo.pop()
            same_event = {m["id"] for m in self.members.get(self.mentions[here].get("event_id"), ())}
            for other in (self.links(here).keys() | same_event) - component:
                component.add(other)
                todo.append(other)
        ms = [self.mentions[i] for i in component]
        before = {m.get("event_id") for m in ms} - {None}
        scores = {(a, b): s for a in component for b, s in self._links[a].items() if a < b}
        groups = group_links(ms, scores, self._compatible)
        ids = assign_ids(groups, taken=set(self.members) - before)
        for eid in before:
            self.members.pop(eid, None)
        for eid, group in zip(ids, groups):
            self.members[eid] = group
            for m in group:
                if m.get("event_id") != eid:
                    m["event_id"] = eid
                    self.moved.add(m["id"])
        self.touched |= set(ids)
        self.removed = (self.removed | before) - set(self.members)
        return mention["event_id"]


class _Derived:
    """Merge index and near-duplicate index of a batch, kept in step with the store.

    Both are read from the store at the start, and read again, under the write
    lock, whenever another connection committed since (``store.data_version``):
    several ``sideswitch ingest`` processes writing one file then merge exactly as
    one run would. The near-duplicate index saved in ``meta`` is brought up to date
    with the documents stored after it was saved (an interrupted run saved none),
    in the order they were stored, so it always agrees with the store.
    """

    def __init__(self, store: SQLiteStore):
        self.store = store
        self.version = store.data_version()     # first: a commit while loading shows as a change
        self.index = _MergeIndex(store)
        self.dups, self.seen = _neardup(store)

    def sync(self) -> None:
        """Re-read what others wrote since the last look (call under the write lock)."""
        version = self.store.data_version()
        if version != self.version:
            self.index = _MergeIndex(self.store)
            self._catch_up()
            self.version = version

    def reload(self) -> None:
        """Forget the in-memory state (after a failed document) and read it again."""
        self.version = self.store.data_version()
        self.index = _MergeIndex(self.store)
        self.dups, self.seen = _neardup(self.store)

    def add(self, doc: Document) -> None:
        self.dups.add(doc.id, doc.text)
        self._catch_up()   # our own row: its seq only

    def _catch_up(self) -> None:
        for seq, doc_id, text in self.store.documents_since(self.seen):
            self.dups.add(doc_id, text)
            self.seen = seq


def _neardup(store: SQLiteStore) -> tuple[NearDuplicateIndex, int]:
    """The saved near-duplicate index brought up to date with the store, and the last row it covers."""
    state = store.get_meta("near_duplicates")
    dups = NearDuplicateIndex.from_state(json.loads(state)) if state else NearDuplicateIndex()
    stored = store.documents_since(0, with_text=False)
    ids = {doc_id for _, doc_id, _ in stored}
    if any(member not in ids for members in dups.groups().values() for member in members):
        dups = NearDuplicateIndex()        # it holds documents the store no longer has: start again
    missing = [seq for seq, doc_id, _ in stored if doc_id not in dups]
    if missing:                            # stored after the index was saved (an interrupted run)
        for _, doc_id, text in store.documents_since(missing[0] - 1):
            dups.add(doc_id, text)         # in the order stored; ids already indexed are skipped
    return dups, (stored[-1][0] if stored else 0)


def ingest_documents(store: SQLiteStore, items: Iterable, *, resources: Resources | None = None,
                     on_skip: Callable | None = None, on_document: Callable | None = None,
                     settings: Settings | None = None, on_warning: Callable | None = None) -> IngestReport:
    """Extract, store and merge ``items`` (Documents); other items (input problems) are counted as skipped.

    Each document runs inside one boundary (``sideswitch.guard``): a document that fails,
    for any reason, is reported through ``on_skip`` as a DocumentError naming it, and the
    batch goes on; one in a language without extraction data is stored without events
    and reported through ``on_warning``.
    """
    res = resources or default_resources()
    settings = settings or Settings()
    report = IngestReport()
    derived = _Derived(store)
    for item in items:
        if not isinstance(item, Document):
            report.skipped.append(item)
            if on_skip:
                on_skip(item)
            continue
        try:
            mentions = _ingest_one(store, item, derived, res, settings, report, on_warning)
        except (StoreError, sqlite3.OperationalError) as e:   # the store itself failed: stop
            raise e if isinstance(e, StoreError) else StoreError(f"cannot write '{store.path}': {e}") from e
        except Exception as e:
            problem = as_document_error(e, item)
            report.skipped.append(problem)
            if on_skip:
                on_skip(problem)
            derived.reload()
            continue
        if mentions is not None and on_document:
            on_document(item, mentions)
    if report.ingested or store.get_meta("derived_stale"):
        with store.transaction():
            derived.sync()
            store.set_meta("near_duplicates", json.dumps(derived.dups.to_state()))
            _resolve_actors(store)
            store.set_meta("derived_stale", "")
    return report


def _ingest_one(store: SQLiteStore, doc: Document, derived: _Derived, res: Resources, settings: Settings,
                report: IngestReport, on_warning: Callable | None) -> list[dict] | None:
    """Extract (outside the write lock), then store and merge one document; None when already known."""
    if store.known_document(doc):
        report.known += 1
        return None
    warning = settle_language(doc)
    if warning is not None:
        mentions: list[dict] = []
        report.warnings.append(warning)
        if on_warning:
            on_warning(warning)
    else:
        with cpu_budget(settings.document_cpu_seconds, doc):
            mentions = extract_document(doc, res)
    for m in mentions:
        m["event_id"] = None
    with store.transaction():
        derived.sync()
        if not store.add_document(doc):    # another process stored it meanwhile
            report.known += 1
            return None
        touched = {derived.index.attach(m) for m in mentions}
        store.replace_mentions(doc.id, mentions)
        derived.add(doc)
        _save_events(store, derived.index, touched, derived.dups)
        store.set_meta("derived_stale", "1")   # actors and the saved near-duplicate index lag until the batch ends
    report.ingested += 1
    report.mentions += len(mentions)
    report.events |= touched
    return mentions


def _save_events(store: SQLiteStore, index: _MergeIndex, ids: set[str], dups: NearDuplicateIndex) -> None:
    """Write the events ``ids`` and any other the last attaches regrouped; drop emptied ones."""
    events = []
    for eid in sorted((ids | index.touched) & set(index.members)):
        ev = merge_event(eid, index.members[eid])
        try:   # keep the actor id from the last actor resolution
            ev["defector"]["actor_id"] = store.get_event(eid)["defector"].get("actor_id")
        except Exception:
            pass
        group_of = dups.grouping(s["doc"] for s in ev["sources"])   # among its own sources: order-free
        ev["credibility"] = credibility(ev, group_of=group_of)
        ev["independent_sources"] = independent_sources([s["doc"] for s in ev["sources"]], group_of)
        events.append(ev)
    store.delete_events(index.removed)
    store.save_events(events)
    for doc in sorted({index.mentions[mid]["sources"][0]["doc"] for mid in index.moved}):
        store.replace_mentions(doc, index.by_doc[doc])   # event_id is kept in the mention too
    index.touched, index.removed, index.moved = set(), set(), set()


def _resolve_actors(store: SQLiteStore) -> None:
    events = store.query_events()
    actors, assignment = resolve_actors(events, previous=store.list_actors())
    changed = []
    for ev in events:
        aid = assignment.get(ev["id"])
        if ev["defector"].get("actor_id") != aid:
            ev["defector"]["actor_id"] = aid
            changed.append(ev)
    store.save_events(changed)
    store.save_actors(actors, replace_all=True)


def ingest_paths(store: SQLiteStore, paths: Iterable[str], *, format: str | None = None,
                 on_skip: Callable | None = None, settings: Settings | None = None, **kw) -> IngestReport:
    """Read files, folders or '-' (stdin) and ingest what they hold. A bad record is
    reported through ``on_skip`` (an InputError naming file and line) and the batch goes on;
    an unreadable path or unknown format raises InputError."""
    from .ingest import iter_documents
    problems: list = []

    def problem(e) -> None:
        problems.append(e)
        if on_skip:
            on_skip(e)

    report = ingest_documents(store, iter_documents(list(paths), format=format, errors="skip", settings=settings,
                                                    on_problem=problem), settings=settings, **kw)
    report.skipped.extend(problems)
    return report


def reprocess(store: SQLiteStore, *, resources: Resources | None = None) -> IngestReport:
    """Extract and merge every stored document again (after the lexicon or the code changed)."""
    docs = list(store.iter_documents())
    with store.transaction() as c:
        c.execute("DELETE FROM mentions")
        c.execute("DELETE FROM events WHERE origin = 'extracted'")
        c.execute("DELETE FROM documents")
        c.execute("DELETE FROM meta WHERE key = 'near_duplicates'")
    return ingest_documents(store, docs, resources=resources)
