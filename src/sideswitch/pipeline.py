"""The whole job: read documents, extract events, store them, merge reports, resolve actors.

    with open_store("s.db") as store:
        report = ingest_paths(store, ["examples/articles/"])
        print(report.summary())   # "Ingested 14 documents (0 skipped, 0 already known); 19 events."

Documents are written several to a transaction (:class:`_Group`: up to 64, or
half a second), each in its own savepoint (document, its mentions and the events
they touch), so one that fails is undone alone; a crash loses at most that
uncommitted tail, which a rerun stores again, and leaves nothing half written.
Merging is incremental: a new mention is linked to the stored mentions its
blocking keys find in the store (``resolve.incremental``), only that connected
group is regrouped and only the events whose reports changed are rewritten (see
``resolve.merge``); the grouping depends on the set of mentions, not their
order, so one batch and one document at a time give the same store. Actors are
resolved again at the end of a batch around the events that changed
(``resolve.actorscope``). Nothing is loaded whole: the cost of a document does
not grow with the record (``benchmarks/growth.py``).
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import islice
from typing import Any

from .config import Settings
from .curate.corrections import replay as replay_corrections
from .errors import NotFoundError, StoreError
from .extract import extract_document
from .extract.extractor import DocState, Lexicon, begin_document, default_lexicon, prefetch_parses
from .guard import as_document_error, cpu_budget, settle_language
from .models import Document, IngestReport
from .resolve.actorscope import refresh_actors
from .resolve.copies import document_sketch
from .resolve.dedup import Probe, StoredNearDuplicates
from .resolve.incremental import MergeIndex
from .resolve.roles import resolve_parties
from .store.base import Store

__all__ = ["IngestReport", "ingest_documents", "ingest_paths", "reprocess", "extract_new"]

log = logging.getLogger(__name__)


class _Derived:
    """The merge index and the near-duplicate index of a batch: both live in the store.

    Nothing is loaded at the start: each new mention asks the store for the mentions its
    blocking keys find, and each new document for the documents sharing an LSH band with
    it; what they write goes into the document's transaction. What the index cached is
    dropped whenever another connection committed since (``store.data_version``), or a
    document failed and its transaction was rolled back. A store from before the merge
    state (migration 004) is indexed once, in the order its rows were stored (by the blocking
    keys alone: a copy of a story whose keys differ from the original's stays apart there).

    With the gate on, a document stored without mentions (``_Quiet``) is not hashed for
    near-duplicates: no event counts it among its sources.
    """

    def __init__(self, store: Store):
        self.store = store
        self.version = store.data_version()
        self.index = MergeIndex(store)
        self.dups = StoredNearDuplicates(store)
        with store.transaction():
            if store.get_meta("merge_state") != "1":
                for m in store.unkeyed_mentions():
                    if m.get("event_id"):
                        self.index.index(m)
                for doc_id, text in store.unhashed_documents():
                    self.dups.add(doc_id, text)
                store.mark_all_actor_pending()  # the actor index is built with the next resolution
                store.set_meta("merge_state", "1")

    def sync(self) -> None:
        """Forget what was read if others wrote since the last look (call under the write lock)."""
        version = self.store.data_version()
        if version != self.version:
            self.index.forget()
            self.version = version

    def reload(self) -> None:
        """Forget what was read (after a failed document, whose transaction was rolled back)."""
        self.version = self.store.data_version()
        self.index.forget()

    def add(self, doc: Document, signature: Any = None, probe: Probe | None = None) -> None:
        self.dups.add(str(doc.id), doc.text, signature, probe)


class _Quiet:
    """Documents without mentions (the gate's usual answer on a stream), written together: one
    transaction for up to ``LIMIT`` of them, and always before the next document with mentions is
    written, so the store keeps the input order. A crash loses only this uncommitted tail, which a
    rerun stores again. If writing them together fails for any reason but the store's, each is
    written on its own, so one bad document is reported alone."""

    LIMIT = 256

    def __init__(
        self,
        store: Store,
        derived: _Derived,
        report: IngestReport,
        skip: Callable[[Any], None],
        group: _Group | None = None,
    ):
        self.store, self.derived, self.report, self.skip, self.group = store, derived, report, skip, group
        self.docs: list[Document] = []
        self.keys: set[str] = set()

    def knows(self, doc: Document) -> bool:
        return str(doc.id) in self.keys or doc.hash in self.keys

    def add(self, doc: Document) -> None:
        self.docs.append(doc)
        self.keys |= {str(doc.id), doc.hash}

    def full(self) -> bool:
        return len(self.docs) >= self.LIMIT

    def flush(self) -> None:
        """Write what is held; a document that fails alone is reported (``skip``) as a DocumentError."""
        docs, self.docs, self.keys = self.docs, [], set()
        if not docs:
            return
        try:
            self._write(docs)
            return
        except (StoreError, sqlite3.OperationalError):
            raise
        except Exception:  # noqa: BLE001  rolled back: write each alone to name the one at fault
            pass
        self.derived.reload()
        for doc in docs:
            try:
                self._write([doc])
            except (StoreError, sqlite3.OperationalError):
                raise
            except Exception as e:  # noqa: BLE001
                self.skip(as_document_error(e, doc))
                self.derived.reload()

    def _write(self, docs: list[Document]) -> None:
        if self.group is not None:
            self.group.begin()
        with self.store.savepoint():
            self.derived.sync()
            stored = [doc for doc in docs if self.store.add_document(doc)]  # False: another process stored it
            self.store.set_meta("derived_stale", "1")
        self.report.ingested += len(stored)
        self.report.known += len(docs) - len(stored)


class _Group:
    """Documents written in one transaction: opened by the first document stored, committed once it
    holds ``LIMIT`` documents with mentions or is ``SECONDS`` old (checked between documents) and at
    the end of the batch. Each document is written in a savepoint of it (``Store.savepoint``), so a
    document that fails is undone alone. One commit per document wrote every index page it touched
    (some 60 pages for a document with a mention, most of them again by the next document) and cost
    a third of the CPU of a grown store. A crash loses the uncommitted tail (documents a rerun
    stores again, as it would a document not reached); SQLite and PostgreSQL commit a
    transaction whole, so nothing stored is ever half written. The write lock is held meanwhile
    (another process's writes wait up to about ``SECONDS``, plus the extraction of the document
    then under way), but not while documents read ahead are parsed together (:func:`_parsed_ahead`
    commits first)."""

    LIMIT = 64
    SECONDS = 0.5

    def __init__(self, store: Store):
        self.store = store
        self.open: ExitStack | None = None
        self.docs, self.began = 0, 0.0

    def begin(self) -> None:
        """Open the transaction unless it is open (call before writing a document)."""
        if self.open is None:
            stack = ExitStack()
            stack.enter_context(self.store.transaction())
            self.open, self.docs, self.began = stack, 0, time.monotonic()

    def written(self) -> None:
        """One more document with mentions; commit when the group is full or old."""
        self.docs += 1
        if self.docs >= self.LIMIT:
            self.commit()

    def due(self) -> None:
        """Commit if the group has been open ``SECONDS`` (call between documents)."""
        if self.open is not None and time.monotonic() - self.began >= self.SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.open is not None:
            stack, self.open = self.open, None
            stack.close()

    def abort(self, e: BaseException) -> None:
        """Roll the open transaction back (the batch stops on ``e``)."""
        if self.open is not None:
            stack, self.open = self.open, None
            stack.__exit__(type(e), e, e.__traceback__)


def ingest_documents(
    store: Store,
    items: Iterable,
    *,
    resources: Lexicon | None = None,
    on_skip: Callable | None = None,
    on_document: Callable | None = None,
    settings: Settings | None = None,
    on_warning: Callable | None = None,
    gate: bool = True,
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

    With ``gate`` (the default) extraction runs only where the trigger gate finds trigger words
    (``extract.extractor.run``), and a document that yields no mention is stored without being
    hashed for near-duplicates; ``gate=False`` analyses and hashes every document (the same
    events either way, which a test checks on every gold corpus).
    """
    with store.writer(), batch_collector():
        return _ingest(store, items, resources, settings or Settings(), on_skip, on_document, on_warning, gate)


# Python's cyclic garbage collector while a batch is ingested: a young generation of 50,000
# allocations (default 700) and each older one collected after 20 collections of the one below
# (default 10). Merging reads a stored mention's JSON for every candidate it compares and keeps
# recent ones, and actors keep parsed names: at 100,000 stored documents the default thresholds
# ran 3 full collections over ~300,000 tracked objects per 2,000-document batch, 0.64 CPU-s
# (0.32 ms per document, and the more is loaded, spaCy's pipeline included, the more each costs);
# with these none ran in the batch and young collections took 0.07 CPU-s. Garbage without
# cycles is freed at once whatever the thresholds; only cyclic garbage waits a little longer.
BATCH_GC_THRESHOLDS = (50_000, 20, 20)
_collector = threading.Lock()
_collector_state: list[Any] = [0, None]  # batches running, the thresholds before the first


@contextmanager
def batch_collector() -> Iterator[None]:
    """``BATCH_GC_THRESHOLDS`` while at least one batch of the process runs; the thresholds
    found before the first are restored when the last ends (batches may run in threads)."""
    with _collector:
        if _collector_state[0] == 0:
            _collector_state[1] = gc.get_threshold()
            gc.set_threshold(*BATCH_GC_THRESHOLDS)
        _collector_state[0] += 1
    try:
        yield
    finally:
        with _collector:
            _collector_state[0] -= 1
            if _collector_state[0] == 0:
                gc.set_threshold(*_collector_state[1])


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
    gate: bool = True,
) -> IngestReport:
    report = IngestReport()
    derived = _Derived(store)
    group = _Group(store)
    try:
        _ingest_all(store, items, resources, settings, on_skip, on_document, on_warning, gate, report, derived, group)
    except BaseException as e:
        group.abort(e)
        raise
    if report.ingested or store.get_meta("derived_stale"):
        with store.transaction():
            derived.sync()
            refresh_actors(store)
            replay_corrections(store)  # an analyst's corrections outlast every re-extraction
            store.set_meta("derived_stale", "")
    return report


def _ingest_all(
    store: Store,
    items: Iterable,
    resources: Lexicon | None,
    settings: Settings,
    on_skip: Callable | None,
    on_document: Callable | None,
    on_warning: Callable | None,
    gate: bool,
    report: IngestReport,
    derived: _Derived,
    group: _Group,
) -> None:
    """The documents of a batch, written in ``group``'s transactions."""

    def skip(problem: Any) -> None:
        report.skipped.append(problem)
        if on_skip:
            on_skip(problem)

    quiet = _Quiet(store, derived, report, skip, group)

    for item, prepared in _parsed_ahead(items, store, resources, settings, gate, group.commit):
        group.due()
        item, extracted, signature = (*item, None)[:3] if isinstance(item, tuple) else (item, None, None)
        if not isinstance(item, Document):
            skip(item)
            continue
        try:
            mentions = _ingest_one(
                store,
                item,
                derived,
                resources,
                settings,
                report,
                on_warning,
                extracted,
                signature,
                quiet if gate else None,
                prepared,
                group,
            )
            if quiet.full():
                quiet.flush()
        except (StoreError, sqlite3.OperationalError) as e:  # the store itself failed: stop
            raise e if isinstance(e, StoreError) else StoreError(f"cannot write '{store.name}': {e}") from e
        except Exception as e:
            skip(as_document_error(e, item))
            derived.reload()
            continue
        if mentions is not None and on_document:
            on_document(item, mentions)
    try:
        quiet.flush()
        group.commit()
    except sqlite3.OperationalError as e:
        raise StoreError(f"cannot write '{store.name}': {e}") from e


# Documents read ahead so that the sentences of their acts are parsed in one batch.
LOOKAHEAD = 32


def _parsed_ahead(
    items: Iterable,
    store: Store,
    resources: Lexicon | None,
    settings: Settings,
    gate: bool,
    before: Callable[[], None] = lambda: None,
) -> Iterator:
    """``items`` in order, each with the state extraction began for it ahead (or None): before
    each run of :data:`LOOKAHEAD` items, the new documents among them are begun (sentences and
    triggers, each within its CPU budget) and the sentences their acts will be read from are
    parsed together (:func:`~.extract.extractor.prefetch_parses`). A document that fails here is
    left to its own run, inside its boundary. ``before()`` runs before documents are begun
    (ingest commits what it holds: no write lock is held while a batch of sentences is parsed)."""
    it = iter(items)
    while chunk := list(islice(it, LOOKAHEAD)):
        docs = [i for i in chunk if isinstance(i, Document)]
        states: dict[int, DocState] = {}
        if len(docs) > 1:
            before()
            lexicon = resources or default_lexicon()
            for doc in docs:
                try:
                    if store.known_document(doc):
                        continue
                    settle_language(doc)  # as ingest does first; the same result when it does it again
                    with cpu_budget(settings.document_cpu_seconds, doc):
                        state = begin_document(doc, lexicon, gate=gate)
                except Exception:  # noqa: BLE001 - reported by the document's own run
                    continue
                if state is not None:
                    states[id(doc)] = state
            try:
                prefetch_parses(list(states.values()), lexicon)
            except Exception:  # noqa: BLE001 - each document then parses its own sentences
                pass
        for item in chunk:
            yield item, states.get(id(item))


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
    quiet: _Quiet | None = None,
    prepared: DocState | None = None,
    group: _Group | None = None,
) -> list[dict] | None:
    """Extract (outside the write transaction; ``extracted`` when a worker did it), then store and
    merge one document; None when already known. With ``quiet`` (the gate on), a document without
    mentions is handed to it to be written with others, and the one with mentions after them."""
    if store.known_document(doc) or (quiet is not None and quiet.knows(doc)):
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
            lexicon = res or default_lexicon()
            mentions = extract_document(doc, lexicon, gate=quiet is not None, prepared=prepared)
    if quiet is not None and not mentions:
        quiet.add(doc)
        return mentions
    if quiet is not None:
        quiet.flush()  # the documents before it are stored first
    resolve_parties(mentions)  # sides named by a role ("the rebels") get the party the conflict implies
    sketch = document_sketch(doc.text) if mentions else []
    for m in mentions:
        m["event_id"] = None
        m["doc_sketch"] = sketch  # a reprint's reports join the original's (resolve.merge)
    if group is not None:
        group.begin()
    with store.savepoint():
        derived.sync()
        if not store.add_document(doc):  # another process stored it meanwhile
            report.known += 1
            return None
        store.replace_mentions(str(doc.id), mentions)
        probe = derived.dups.probe(doc.text, signature) if mentions else None  # its possible copies
        copies = store.mention_ids_of_documents(probe.docs) if probe and probe.docs else set()
        touched = {derived.index.attach(m, copies) for m in mentions}
        derived.add(doc, signature, probe)
        _save_events(store, derived.index, derived.dups)
        store.set_meta("derived_stale", "1")  # actors lag until the batch ends
    report.ingested += 1
    report.mentions += len(mentions)
    report.events |= touched
    if group is not None:
        group.written()
    return mentions


def _save_events(store: Store, index: MergeIndex, dups: StoredNearDuplicates) -> None:
    """Write the events the last attaches changed; drop emptied ones; both wait for their
    actors to be resolved again at the end of the batch (with the actor they had).
    Independent sources are counted among each event's own sources (order-free)."""
    changes = index.take_changes(grouping=dups.grouping, actor_of=lambda eid: _stored_actor_id(store, eid))
    pending = {eid: _stored_actor_id(store, eid) for eid in sorted(changes.removed)}
    pending.update({ev["id"]: ev["defector"]["actor_id"] for ev in changes.events})
    store.add_actor_pending(pending)
    store.delete_events(changes.removed)
    store.save_events(changes.events)


def _stored_actor_id(store: Store, event_id: str) -> str | None:
    """The actor id the last actor resolution gave a stored event (None for a new event)."""
    try:
        return (store.get_event(event_id).get("defector") or {}).get("actor_id")
    except NotFoundError:
        return None


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
