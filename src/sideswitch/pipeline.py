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
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .curate.corrections import replay as replay_corrections
from .errors import ExtractionError, NotFoundError
from .extract import extract_document
from .extract.extractor import Lexicon, default_lexicon
from .models import Document
from .resolve.actors import resolve_actors
from .resolve.dedup import NearDuplicateIndex
from .resolve.incremental import MergeIndex
from .store.sqlite import SQLiteStore

__all__ = ["IngestReport", "ingest_documents", "ingest_paths", "reprocess"]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    ingested: int = 0
    known: int = 0
    skipped: list = field(default_factory=list)      # InputError (file + line) or ExtractionError (document id)
    mentions: int = 0
    events: set = field(default_factory=set)         # ids of events created or updated

    def summary(self) -> str:
        return (f"Ingested {self.ingested:,} document{'s' if self.ingested != 1 else ''} "
                f"({len(self.skipped):,} skipped, {self.known:,} already known); "
                f"{self.mentions:,} event mention{'s' if self.mentions != 1 else ''}, "
                f"{len(self.events):,} event{'s' if len(self.events) != 1 else ''} created or updated.")


def _neardup(store: SQLiteStore) -> NearDuplicateIndex:
    state = store.get_meta("near_duplicates")
    return NearDuplicateIndex.from_state(json.loads(state)) if state else NearDuplicateIndex()


def ingest_documents(store: SQLiteStore, items: Iterable, *, resources: Lexicon | None = None,
                     on_skip: Callable | None = None, on_document: Callable | None = None) -> IngestReport:
    """Extract, store and merge ``items`` (Documents); other items (input problems) are counted as skipped."""
    res = resources or default_lexicon()
    report = IngestReport()
    index = MergeIndex(store.get_mentions())
    dups = _neardup(store)
    for item in items:
        if not isinstance(item, Document):
            report.skipped.append(item)
            if on_skip:
                on_skip(item)
            continue
        if store.known_document(item):
            report.known += 1
            continue
        doc: Document = item
        doc_id = str(doc.id)      # set by Document itself
        try:
            mentions = extract_document(doc, res)
        except Exception as e:    # a bug met in one document is reported with its id; the batch goes on
            log.exception("extraction failed on document '%s'", doc_id)
            error = ExtractionError(doc_id, e)
            report.skipped.append(error)
            if on_skip:
                on_skip(error)
            continue
        for m in mentions:
            m["event_id"] = None
        with store.transaction():
            store.add_document(doc)
            touched = {index.attach(m) for m in mentions}
            store.replace_mentions(doc_id, mentions)
            dups.add(doc_id, doc.text)
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
            replay_corrections(store)      # an analyst's corrections outlast every re-extraction
    return report


def _save_events(store: SQLiteStore, index: MergeIndex, ids: set[str], dups: NearDuplicateIndex) -> None:
    """Write the events ``ids`` and any other the last attaches regrouped; drop emptied ones."""
    changes = index.take_changes(ids, group_of=dups.group_of, actor_of=lambda eid: _stored_actor_id(store, eid))
    store.delete_events(changes.removed)
    store.save_events(changes.events)
    for doc, mentions in changes.moved.items():
        store.replace_mentions(doc, mentions)   # event_id is kept in the mention too


def _stored_actor_id(store: SQLiteStore, event_id: str) -> str | None:
    """The actor id the last actor resolution gave a stored event (None for a new event)."""
    try:
        return (store.get_event(event_id).get("defector") or {}).get("actor_id")
    except NotFoundError:
        return None


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


def reprocess(store: SQLiteStore, *, resources: Lexicon | None = None,
              on_document: Callable | None = None) -> IngestReport:
    """Extract and merge every stored document again (after the lexicon or the code changed)."""
    docs = list(store.iter_documents())
    store.clear_extracted()
    return ingest_documents(store, docs, resources=resources, on_document=on_document)
