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
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .curate.corrections import replay as replay_corrections
from .errors import NotFoundError, StoreError
from .extract import extract_document
from .extract.extractor import Lexicon, default_lexicon
from .guard import as_document_error, cpu_budget, settle_language
from .models import Document
from .resolve.actors import resolve_actors
from .resolve.copies import document_sketch
from .resolve.dedup import NearDuplicateIndex
from .resolve.incremental import MergeIndex
from .resolve.roles import resolve_parties
from .store.base import Store

__all__ = ["IngestReport", "ingest_documents", "ingest_paths", "reprocess", "extract_new"]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    ingested: int = 0
    known: int = 0
    skipped: list = field(default_factory=list)  # InputError (file + line) or ExtractionError (document id)
    mentions: int = 0
    events: set = field(default_factory=set)  # ids of events created or updated
    warnings: list = field(default_factory=list)  # UnsupportedLanguageError: stored without events

    def summary(self) -> str:
        unsupported = f" {len(self.warnings):,} stored without events (language without data)." if self.warnings else ""
        return (
            f"Ingested {self.ingested:,} document{'s' if self.ingested != 1 else ''} "
            f"({len(self.skipped):,} skipped, {self.known:,} already known); "
            f"{self.mentions:,} event mention{'s' if self.mentions != 1 else ''}, "
            f"{len(self.events):,} event{'s' if len(self.events) != 1 else ''} created or updated." + unsupported
        )


class _Derived:
    """Merge index and near-duplicate index of a batch, kept in step with the store.

    Both are read from the store at the start, and read again, under the write
    lock, whenever another connection committed since (``store.data_version``):
    several ``sideswitch ingest`` processes writing one file then merge exactly as
    one run would. The near-duplicate index saved in ``meta`` is brought up to date
    with the documents stored after it was saved (an interrupted run saved none),
    in the order they were stored, so it always agrees with the store.
    """

    def __init__(self, store: Store):
        self.store = store
        self.version = store.data_version()  # first: a commit while loading shows as a change
        self.index = MergeIndex(store.get_mentions())
        self.dups, self.seen = _neardup(store)

    def sync(self) -> None:
        """Re-read what others wrote since the last look (call under the write lock)."""
        version = self.store.data_version()
        if version != self.version:
            self.index = MergeIndex(self.store.get_mentions())
            self._catch_up()
            self.version = version

    def reload(self) -> None:
        """Forget the in-memory state (after a failed document) and read it again."""
        self.version = self.store.data_version()
        self.index = MergeIndex(self.store.get_mentions())
        self.dups, self.seen = _neardup(self.store)

    def add(self, doc: Document, signature: Any = None) -> None:
        self.dups.add(str(doc.id), doc.text, signature)
        self._catch_up()  # our own row: its seq only

    def _catch_up(self) -> None:
        for seq, doc_id, text in self.store.documents_since(self.seen):
            self.dups.add(doc_id, text or "")
            self.seen = seq


def _neardup(store: Store) -> tuple[NearDuplicateIndex, int]:
    """The saved near-duplicate index brought up to date with the store, and the last row it covers."""
    state = store.get_meta("near_duplicates")
    dups = NearDuplicateIndex.from_state(json.loads(state)) if state else NearDuplicateIndex()
    stored = store.documents_since(0, with_text=False)
    ids = {doc_id for _, doc_id, _ in stored}
    if any(member not in ids for members in dups.groups().values() for member in members):
        dups = NearDuplicateIndex()  # it holds documents the store no longer has: start again
    missing = [seq for seq, doc_id, _ in stored if doc_id not in dups]
    if missing:  # stored after the index was saved (an interrupted run)
        for _, doc_id, text in store.documents_since(missing[0] - 1):
            dups.add(doc_id, text or "")  # in the order stored; ids already indexed are skipped
    return dups, (stored[-1][0] if stored else 0)


def ingest_documents(
    store: Store,
    items: Iterable,
    *,
    resources: Lexicon | None = None,
    on_skip: Callable | None = None,
    on_document: Callable | None = None,
    settings: Settings | None = None,
    on_warning: Callable | None = None,
) -> IngestReport:
    """Extract, store and merge ``items`` (Documents); other items (input problems) are counted as skipped.

    Each document runs inside one boundary (``sideswitch.guard``): a document that fails,
    for any reason, is reported through ``on_skip`` as a DocumentError naming it, and the
    batch goes on; one in a language without extraction data is stored without events
    and reported through ``on_warning``.

    An item may also be a ``(Document, mentions)`` pair already extracted by
    :func:`extract_new` elsewhere (a Dask worker), optionally with the text's
    ``NearDuplicateIndex.signature`` third: it is stored and merged as if extracted
    here. The store's writer lock is held throughout, so another process's batch never
    interleaves with this one's merging.
    """
    with store.writer():
        return _ingest(store, items, resources, settings or Settings(), on_skip, on_document, on_warning)


def extract_new(doc: Document, resources: Lexicon) -> list[dict]:
    """What ingest does to a document not yet stored: settle its language, then extract its
    mentions (none for a language without extraction data)."""
    if settle_language(doc) is not None:
        return []
    return extract_document(doc, resources)


def _ingest(
    store: Store,
    items: Iterable,
    resources: Lexicon | None,
    settings: Settings,
    on_skip: Callable | None,
    on_document: Callable | None,
    on_warning: Callable | None,
) -> IngestReport:
    report = IngestReport()
    derived = _Derived(store)
    for item in items:
        item, extracted, signature = (*item, None)[:3] if isinstance(item, tuple) else (item, None, None)
        if not isinstance(item, Document):
            report.skipped.append(item)
            if on_skip:
                on_skip(item)
            continue
        try:
            mentions = _ingest_one(store, item, derived, resources, settings, report, on_warning, extracted, signature)
        except (StoreError, sqlite3.OperationalError) as e:  # the store itself failed: stop
            raise e if isinstance(e, StoreError) else StoreError(f"cannot write '{store.name}': {e}") from e
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
            replay_corrections(store)  # an analyst's corrections outlast every re-extraction
            store.set_meta("derived_stale", "")
    return report


def _ingest_one(
    store: Store,
    doc: Document,
    derived: _Derived,
    res: Lexicon | None,
    settings: Settings,
    report: IngestReport,
    on_warning: Callable | None,
    extracted: list[dict] | None = None,
    signature: Any = None,
) -> list[dict] | None:
    """Extract (outside the write transaction; ``extracted`` when a worker did it), then store and
    merge one document; None when already known."""
    if store.known_document(doc):
        report.known += 1
        return None
    warning = settle_language(doc)
    if warning is not None:
        mentions: list[dict] = []
        report.warnings.append(warning)
        if on_warning:
            on_warning(warning)
    elif extracted is not None:
        mentions = extracted
    else:
        with cpu_budget(settings.document_cpu_seconds, doc):
            mentions = extract_document(doc, res or default_lexicon())
    resolve_parties(mentions)  # sides named by a role ("the rebels") get the party the conflict implies
    sketch = document_sketch(doc.text) if mentions else []
    for m in mentions:
        m["event_id"] = None
        m["doc_sketch"] = sketch  # a reprint's reports join the original's (resolve.merge)
    with store.transaction():
        derived.sync()
        if not store.add_document(doc):  # another process stored it meanwhile
            report.known += 1
            return None
        touched = {derived.index.attach(m) for m in mentions}
        store.replace_mentions(str(doc.id), mentions)
        derived.add(doc, signature)
        _save_events(store, derived.index, touched, derived.dups)
        store.set_meta("derived_stale", "1")  # actors and the saved near-duplicate index lag until the batch ends
    report.ingested += 1
    report.mentions += len(mentions)
    report.events |= touched
    return mentions


def _save_events(store: Store, index: MergeIndex, ids: set[str], dups: NearDuplicateIndex) -> None:
    """Write the events ``ids`` and any other the last attaches regrouped; drop emptied ones.
    Independent sources are counted among each event's own sources (order-free)."""
    changes = index.take_changes(ids, grouping=dups.grouping, actor_of=lambda eid: _stored_actor_id(store, eid))
    store.delete_events(changes.removed)
    store.save_events(changes.events)
    for doc, mentions in changes.moved.items():
        store.replace_mentions(doc, mentions)  # event_id is kept in the mention too


def _stored_actor_id(store: Store, event_id: str) -> str | None:
    """The actor id the last actor resolution gave a stored event (None for a new event)."""
    try:
        return (store.get_event(event_id).get("defector") or {}).get("actor_id")
    except NotFoundError:
        return None


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


def ingest_paths(
    store: Store,
    paths: Iterable[str],
    *,
    format: str | None = None,
    on_skip: Callable | None = None,
    settings: Settings | None = None,
    **kw,
) -> IngestReport:
    """Read files, folders or '-' (stdin) and ingest what they hold. A bad record is
    reported through ``on_skip`` (an InputError naming file and line) and the batch goes on;
    an unreadable path or unknown format raises InputError."""
    from .ingest import iter_documents

    problems: list = []

    def problem(e) -> None:
        problems.append(e)
        if on_skip:
            on_skip(e)

    report = ingest_documents(
        store,
        iter_documents(list(paths), format=format, errors="skip", settings=settings, on_problem=problem),
        settings=settings,
        **kw,
    )
    report.skipped.extend(problems)
    return report


def reprocess(store: Store, *, resources: Lexicon | None = None, on_document: Callable | None = None) -> IngestReport:
    """Extract and merge every stored document again (after the lexicon or the code changed)."""
    docs = list(store.iter_documents())
    store.clear_extracted()
    return ingest_documents(store, docs, resources=resources, on_document=on_document)
