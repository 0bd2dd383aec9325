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
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .extract import extract_document
from .extract.pipeline import Resources, default_resources
from .extract.text import detect_language
from .models import Document
from .resolve.actors import resolve_actors
from .resolve.credibility import credibility
from .resolve.dedup import NearDuplicateIndex, independent_sources
from .resolve.merge import MERGE_THRESHOLD, Report, assign_ids, clash, far_apart, group_links, merge_event, similarity
from .store.base import Store

__all__ = ["IngestReport", "ingest_documents", "ingest_paths", "reprocess", "extract_new"]


@dataclass
class IngestReport:
    ingested: int = 0
    known: int = 0
    skipped: list = field(default_factory=list)      # InputError, one per skipped input (file + line)
    mentions: int = 0
    events: set = field(default_factory=set)         # ids of events created or updated

    def summary(self) -> str:
        return (f"Ingested {self.ingested:,} document{'s' if self.ingested != 1 else ''} "
                f"({len(self.skipped):,} skipped, {self.known:,} already known); "
                f"{self.mentions:,} event mention{'s' if self.mentions != 1 else ''}, "
                f"{len(self.events):,} event{'s' if len(self.events) != 1 else ''} created or updated.")


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

    def __init__(self, store: Store):
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


def _neardup(store: Store) -> NearDuplicateIndex:
    state = store.get_meta("near_duplicates")
    return NearDuplicateIndex.from_state(json.loads(state)) if state else NearDuplicateIndex()


def ingest_documents(store: Store, items: Iterable, *, resources: Resources | None = None,
                     on_skip: Callable | None = None, on_document: Callable | None = None) -> IngestReport:
    """Extract, store and merge ``items`` (Documents); other items (input problems) are counted as skipped.

    An item may also be a ``(Document, mentions)`` pair already extracted by
    :func:`extract_new` elsewhere (a Dask worker), optionally with the text's
    ``NearDuplicateIndex.signature`` third: it is stored and merged as if
    extracted here. The store's writer lock is held throughout, so another
    process's batch never interleaves with this one's merging.
    """
    with store.writer():
        return _ingest(store, items, resources, on_skip, on_document)


def extract_new(doc: Document, resources: Resources) -> list[dict]:
    """What ingest does to a document not yet stored: its language, then its mentions."""
    doc.lang = doc.lang or detect_language(doc.text, default="en")
    return extract_document(doc, resources)


def _ingest(store: Store, items: Iterable, res: Resources | None, on_skip: Callable | None,
            on_document: Callable | None) -> IngestReport:
    report = IngestReport()
    index = _MergeIndex(store)
    dups = _neardup(store)
    for item in items:
        item, extracted, signature = (*item, None)[:3] if isinstance(item, tuple) else (item, None, None)
        if not isinstance(item, Document):
            report.skipped.append(item)
            if on_skip:
                on_skip(item)
            continue
        if store.known_document(item):
            report.known += 1
            continue
        doc: Document = item
        mentions = extract_new(doc, res or default_resources()) if extracted is None else extracted
        for m in mentions:
            m["event_id"] = None
        with store.transaction():
            store.add_document(doc)
            touched = {index.attach(m) for m in mentions}
            store.replace_mentions(doc.id, mentions)
            dups.add(doc.id, doc.text, signature)
            _save_events(store, index, touched, dups)
        report.ingested += 1
        report.mentions += len(mentions)
        report.events |= touched
        if on_document:
            on_document(doc, mentions)
    if report.ingested:
        with store.transaction():
            store.set_meta("near_duplicates", json.dumps(dups.to_state()))
            _resolve_actors(store)
    return report


def _save_events(store: Store, index: _MergeIndex, ids: set[str], dups: NearDuplicateIndex) -> None:
    """Write the events ``ids`` and any other the last attaches regrouped; drop emptied ones."""
    events = []
    for eid in sorted((ids | index.touched) & set(index.members)):
        ev = merge_event(eid, index.members[eid])
        try:   # keep the actor id from the last actor resolution
            ev["defector"]["actor_id"] = store.get_event(eid)["defector"].get("actor_id")
        except Exception:
            pass
        ev["credibility"] = credibility(ev, group_of=dups.group_of)
        ev["independent_sources"] = independent_sources([s["doc"] for s in ev["sources"]], dups.group_of)
        events.append(ev)
    store.delete_events(index.removed)
    store.save_events(events)
    for doc in sorted({index.mentions[mid]["sources"][0]["doc"] for mid in index.moved}):
        store.replace_mentions(doc, index.by_doc[doc])   # event_id is kept in the mention too
    index.touched, index.removed, index.moved = set(), set(), set()


def _resolve_actors(store: Store) -> None:
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


def ingest_paths(store: Store, paths: Iterable[str], *, format: str | None = None,
                 on_skip: Callable | None = None, **kw) -> IngestReport:
    """Read files, folders or '-' (stdin) and ingest what they hold. A bad record is
    reported through ``on_skip`` (an InputError naming file and line) and the batch goes on;
    an unreadable path or unknown format raises InputError."""
    from .ingest import iter_documents
    problems: list = []

    def problem(e) -> None:
        problems.append(e)
        if on_skip:
            on_skip(e)

    report = ingest_documents(store, iter_documents(list(paths), format=format, errors="skip",
                                                    on_problem=problem), **kw)
    report.skipped.extend(problems)
    return report


def reprocess(store: Store, *, resources: Resources | None = None) -> IngestReport:
    """Extract and merge every stored document again (after the lexicon or the code changed)."""
    docs = list(store.iter_documents())
    with store.transaction() as c:
        c.execute("DELETE FROM mentions")
        c.execute("DELETE FROM events WHERE origin = 'extracted'")
        c.execute("DELETE FROM documents")
        c.execute("DELETE FROM meta WHERE key = 'near_duplicates'")
    return ingest_documents(store, docs, resources=resources)
