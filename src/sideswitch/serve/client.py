"""Handing documents to a running ``sideswitch serve``: ``sideswitch ingest`` as a thin client.

A new process that extracts one document pays for importing spaCy and loading its pipeline and
the gazetteer (about 2 CPU-seconds) before the merge (milliseconds). A server on the same store
has all of that loaded, so when one advertises itself next to the store
(``serve.discovery``) and allows writes, :func:`handoff_paths` reads the inputs here with the
same readers as the in-process path (``ingest.iter_documents``; a bad record is reported with
its file and line and the rest goes on) and POSTs them, 64 at a time, to
``/api/documents/batch``, where they are extracted, stored and merged exactly as
``pipeline.ingest_documents`` does in-process::

    advert = find_server("events.db")           # None: no live, writable server on that file
    if advert:
        print(handoff_paths(advert, ["feeds/"], db="events.db").summary())

If the server stops answering part-way (refused, reset, an error status), the rest of the
documents, the unanswered batch included, are ingested in this process (a document the server
did store is then "already known"), after one call of ``on_fallback`` with the reason.

Only the standard library (``http.client``) and sideswitch's readers are imported here: not
the web framework, the extraction, the pipeline or the loaded lexicon, which only the fallback
loads.
"""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import Settings
from ..errors import DocumentError, InputError, UnsupportedLanguageError
from ..models import Document, IngestReport
from .discovery import Advert, read_advert

__all__ = ["find_server", "answers", "handoff_paths", "handoff_documents", "BATCH_DOCUMENTS"]

BATCH_DOCUMENTS = 64  # documents per request: the pipeline's transaction group
BATCH_CHARS = 4_000_000  # and at most about this much text (one longer document goes alone)
PROBE_SECONDS = 2.0  # a live server answers GET /api in milliseconds
SLACK_SECONDS = 60.0  # a batch may take its documents' CPU budgets and this much more

_GONE = (OSError, http.client.HTTPException, ValueError)  # refused, reset, timed out, not JSON


class _Unanswered(Exception):
    """The server did not take a batch (this module's own signal; never leaves it)."""


def find_server(db: str | os.PathLike[str] | None = None) -> Advert | None:
    """The live server advertised for the SQLite store ``db`` (``--db``'s default when None)
    that allows writes and answers; None otherwise (a stale file is ignored)."""
    from ..store import resolve_db

    where = resolve_db(db)
    if not isinstance(where, Path) or not where.exists():
        return None
    advert = read_advert(where)
    if advert is None or not (advert.writable and advert.token):
        return None
    return advert if answers(advert, writable=True) else None


def answers(advert: Advert, *, writable: bool = False) -> bool:
    """Whether the advertised server answers ``GET /api`` (and allows writes, if asked)."""
    try:
        status, body = _request(advert, "GET", "/api", None, PROBE_SECONDS)
    except _GONE:
        return False
    return status == 200 and bool(body.get("ok")) and (bool(body.get("writable")) or not writable)


def handoff_paths(
    advert: Advert,
    paths: Iterable[str],
    *,
    db: str | os.PathLike[str] | None = None,
    format: str | None = None,
    settings: Settings | None = None,
    on_skip: Callable[[Exception], None] | None = None,
    **kw: Any,
) -> IngestReport:
    """Read files, folders or '-' as ``pipeline.ingest_paths`` does, and have the server ingest
    what they hold (see :func:`handoff_documents` for the other options)."""
    from ..ingest import iter_documents

    problems: list[InputError] = []

    def problem(e: InputError) -> None:
        problems.append(e)
        if on_skip:
            on_skip(e)

    docs = iter_documents(list(paths), format=format, errors="skip", settings=settings, on_problem=problem)
    report = handoff_documents(advert, docs, db=db, settings=settings, on_skip=on_skip, **kw)
    report.skipped.extend(problems)
    return report


def handoff_documents(
    advert: Advert,
    docs: Iterable[Document],
    *,
    db: str | os.PathLike[str] | None = None,
    settings: Settings | None = None,
    on_skip: Callable[[Exception], None] | None = None,
    on_warning: Callable[[Exception], None] | None = None,
    on_document: Callable[[Document, Any], None] | None = None,
    on_fallback: Callable[[str], None] | None = None,
) -> IngestReport:
    """Have the server ingest ``docs``, a batch at a time; the report counts as the in-process
    one does. If the server fails, the rest is ingested here into ``db``."""
    settings = settings or Settings()
    report = IngestReport()
    callbacks = (on_skip, on_warning, on_document)
    rest = iter(docs)
    for batch, ahead in _batches(rest):
        failed = _send(advert, batch, settings, report, *callbacks)
        if failed:
            unsent = chain(batch, ahead, rest)
            return _fall_back(failed, advert, db, unsent, settings, report, on_fallback, *callbacks)
    return report


def _batches(docs: Iterator[Document]) -> Iterator[tuple[list[Document], list[Document]]]:
    """Batches to post, each with the document read ahead of it when it was closed for size (a
    full batch is closed before the next document is read): a fallback loses nothing."""
    batch: list[Document] = []
    size = 0
    for doc in docs:
        if batch and size + len(doc.text) > BATCH_CHARS:  # one longer document goes alone
            yield batch, [doc]
            batch, size = [], 0
        batch.append(doc)
        size += len(doc.text)
        if len(batch) >= BATCH_DOCUMENTS:
            yield batch, []
            batch, size = [], 0
    if batch:
        yield batch, []


def _send(
    advert: Advert,
    batch: list[Document],
    settings: Settings,
    report: IngestReport,
    *callbacks: Callable[..., None] | None,
) -> str | None:
    """POST one batch and count its answer into ``report``; the reason when the server did not take it."""
    try:
        answer = _post(advert, batch, settings)
    except _Unanswered as e:
        return str(e)
    _count(answer, batch, report, *callbacks)
    return None


def _fall_back(
    reason: str,
    advert: Advert,
    db: str | os.PathLike[str] | None,
    docs: Iterable[Document],
    settings: Settings,
    report: IngestReport,
    on_fallback: Callable[[str], None] | None,
    *callbacks: Callable[..., None] | None,
) -> IngestReport:
    if on_fallback:
        on_fallback(f"the server at {advert.url} did not take the documents ({reason}); ingesting the rest here")
    return report.add(_ingest_here(db, docs, settings, *callbacks))


def _post(advert: Advert, batch: list[Document], settings: Settings) -> dict[str, Any]:
    budget = settings.document_cpu_seconds
    seconds = len(batch) * budget + SLACK_SECONDS if budget else None
    body = json.dumps({"documents": [asdict(d) for d in batch]}, ensure_ascii=False, default=str).encode()
    try:
        status, answer = _request(advert, "POST", "/api/documents/batch", body, seconds)
    except _GONE as e:
        raise _Unanswered(f"{type(e).__name__}: {e}" if str(e) else type(e).__name__) from e
    if status != 200 or not answer.get("ok"):
        raise _Unanswered(f"status {status}: {answer.get('error') or 'no answer'}")
    return answer


def _request(
    advert: Advert, method: str, path: str, body: bytes | None, seconds: float | None
) -> tuple[int, dict[str, Any]]:
    """(status, JSON body) of one request on a fresh connection (no idle keep-alive to lose)."""
    url = urlsplit(advert.url)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port or 80, timeout=PROBE_SECONDS)
    try:
        conn.connect()  # refused at once if nothing listens
        if conn.sock is not None:
            conn.sock.settimeout(seconds)
        headers = {"Accept": "application/json", "Authorization": f"Bearer {advert.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = json.loads(response.read() or b"{}")
        return response.status, data if isinstance(data, dict) else {}
    finally:
        conn.close()


def _count(
    answer: dict[str, Any],
    batch: list[Document],
    report: IngestReport,
    on_skip: Callable[[Exception], None] | None,
    on_warning: Callable[[Exception], None] | None,
    on_document: Callable[[Document, Any], None] | None,
) -> None:
    report.ingested += int(answer.get("ingested") or 0)
    report.known += int(answer.get("known") or 0)
    report.mentions += int(answer.get("mentions") or 0)
    report.events.update(answer.get("events") or ())
    for kind, into, tell in (
        (DocumentError, report.skipped, on_skip),
        (UnsupportedLanguageError, report.warnings, on_warning),
    ):
        for p in answer.get("skipped" if kind is DocumentError else "warnings") or ():
            problem = kind(p.get("reason") or "", p.get("id"), p.get("path"), p.get("line"))
            into.append(problem)
            if tell:
                tell(problem)
    if on_document:
        by_id = {d.id: d for d in batch}
        for done in answer.get("documents") or ():
            doc = by_id.get(done.get("id"))
            if doc is not None:
                on_document(doc, range(int(done.get("mentions") or 0)))


def _ingest_here(
    db: str | os.PathLike[str] | None,
    docs: Iterable[Document],
    settings: Settings,
    on_skip: Callable[[Exception], None] | None,
    on_warning: Callable[[Exception], None] | None,
    on_document: Callable[[Document, Any], None] | None,
) -> IngestReport:
    """The in-process path for what the server did not take (loads the extraction)."""
    from ..extract import default_lexicon
    from ..pipeline import ingest_documents
    from ..store import open_store

    with open_store(db) as store:
        return ingest_documents(
            store,
            docs,
            resources=default_lexicon(),
            settings=settings,
            on_skip=on_skip,
            on_warning=on_warning,
            on_document=on_document,
        )
