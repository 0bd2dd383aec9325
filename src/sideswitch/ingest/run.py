"""Reading many inputs, and storing what they hold.

:func:`iter_documents` walks files and folders, picks each file's reader, and
yields documents; :func:`ingest` writes them to a store and returns an
:class:`IngestSummary`. Problems with single records or files follow the
``errors`` policy:

* ``"raise"``: the first problem raises :class:`~sideswitch.errors.InputError`;
* ``"skip"``: it is reported to ``on_problem`` (default: logged as a warning on
  the ``sideswitch.ingest`` logger) and reading goes on.

Two cases ignore the policy: a path that does not exist, or a file named on
its own whose format cannot be told, always raises (a typo or a usage error,
not bad data); files of unknown format met while walking a folder are
reported but never raise (folders hold READMEs, images, notes).

>>> s = IngestSummary(files=3, read=4862, added=4812, known=12, skipped=37)
>>> s.line()
'Ingested 4,812 documents (37 skipped, 12 already known).'
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..config import Settings
from ..errors import InputError, UnknownFormatError
from ..models import Document
from .registry import GZIP_MAGIC, HEAD_BYTES, Readers, default_readers, detect_format, open_input
from .textutil import guess_language

__all__ = ["iter_documents", "ingest", "IngestSummary", "ERROR_POLICIES"]

log = logging.getLogger("sideswitch.ingest")

ERROR_POLICIES = ("raise", "skip")
STDIN_NAME = "<stdin>"
# Documents written per store transaction: one commit per document costs an
# fsync each (~300 docs/s); 500 per commit is ~20x faster, and a crash loses at
# most one batch, which a re-run adds again (known documents are skipped).
WRITE_BATCH = 500
# Problems kept in the summary (all are still passed to on_problem / the log).
MAX_KEPT_PROBLEMS = 1000

Paths = str | os.PathLike | Iterable[str | os.PathLike]


@dataclass
class IngestSummary:
    """What one :func:`ingest` run did; ``line()`` is the sentence a user sees."""

    files: int = 0            # files read (at least partly)
    read: int = 0             # documents read
    added: int = 0            # ... of which new to the store
    known: int = 0            # ... already stored (same id or same text)
    skipped: int = 0          # records or files that could not be read
    truncated: int = 0        # documents cut to Settings.max_document_chars
    added_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        noun = "document" if self.added == 1 else "documents"
        extras = [f"{self.skipped:,} skipped"] if self.skipped else []
        extras += [f"{self.known:,} already known"] if self.known else []
        return f"Ingested {self.added:,} {noun}" + (f" ({', '.join(extras)})." if extras else ".")

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("files", "read", "added", "known", "skipped", "truncated")}


def _warn(problem: InputError) -> None:
    log.warning("skipped: %s", problem)


def iter_documents(paths: Paths, *, format: str | None = None, settings: Settings | None = None,
                   errors: str = "raise", on_problem: Callable[[InputError], None] | None = None,
                   readers: Readers | None = None,
                   on_file: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents from files, folders (walked recursively, hidden entries left out) or ``-`` (stdin).

    ``format`` forces one reader for every file (else each is detected).
    ``on_file`` is called with each file's name before it is read.
    """
    if errors not in ERROR_POLICIES:
        raise ValueError(f"errors must be one of {ERROR_POLICIES}, not {errors!r}")
    settings = settings or Settings()
    readers = readers or default_readers()
    report = on_problem or _warn
    forced = readers.get(format) if format else None
    for path in _as_list(paths):
        for name, walked in _files(path):
            stdin = _read_stdin() if name == "-" else None
            try:
                reader = forced or readers.get(_detect(name, readers, stdin))
            except UnknownFormatError as e:
                if walked:
                    report(e)
                    continue
                raise
            if on_file:
                on_file(name)
            yield from _read_file(reader, name, stdin, settings, errors, report)


def _as_list(paths: Paths) -> list:
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)


def _files(path) -> Iterator[tuple[str, bool]]:
    """(file name, found by walking a folder?) for a path; a missing path raises."""
    name = str(path)
    if name == "-":
        yield name, False
        return
    p = Path(name)
    if p.is_dir():
        found = []
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [Path(root, f) for f in files if not f.startswith(".")]
        for f in sorted(found, key=lambda f: f.parts):   # a/x.txt before b.jsonl, whatever the depth
            yield str(f), True
    elif p.exists():
        yield name, False
    else:
        raise InputError("no such file or folder", path=name)


def _read_stdin() -> bytes:
    """All of standard input, decompressed if gzip (read once: it cannot be rewound)."""
    data = sys.stdin.buffer.read()
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise InputError(f"corrupt compressed data ({e})", path=STDIN_NAME) from None
    return data


def _detect(name: str, readers: Readers, stdin: bytes | None) -> str:
    if stdin is None:
        return detect_format(name, readers=readers)
    return detect_format(STDIN_NAME, head=stdin[:HEAD_BYTES], readers=readers)


def _read_file(reader, name: str, stdin: bytes | None, settings: Settings, errors: str,
               report) -> Iterator[Document]:
    shown = STDIN_NAME if stdin is not None else name
    try:
        with (io.BytesIO(stdin) if stdin is not None else open_input(name, reader.decompress)) as stream:
            for item in reader.read(stream, shown, settings):
                if isinstance(item, InputError):
                    if errors == "raise":
                        raise item
                    report(item)
                else:
                    yield _finish(item, settings)
    except InputError as e:
        if errors == "raise":
            raise
        report(e)


def _finish(doc: Document, settings: Settings) -> Document:
    """Apply the settings every document obeys: length cap, language."""
    limit = settings.max_document_chars
    if limit and len(doc.text) > limit:
        log.warning("truncated '%s' (%s) from %d to %d characters", doc.id, doc.source_path, len(doc.text), limit)
        doc.metadata["truncated_from"] = len(doc.text)
        doc.text = doc.text[:limit]
    if not doc.lang:
        doc.lang = guess_language(doc.text, settings.languages)
    return doc


def ingest(paths: Paths, store, *, format: str | None = None, settings: Settings | None = None,
           errors: str = "skip", readers: Readers | None = None,
           progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Read ``paths`` and add every new document to ``store``; returns what happened.

    Documents already stored (same id, or same text) are counted as ``known``
    and left untouched. ``progress`` is called after each document.
    """
    summary = IngestSummary()

    def problem(e: InputError) -> None:
        summary.skipped += 1
        if len(summary.problems) < MAX_KEPT_PROBLEMS:
            summary.problems.append(str(e))
        _warn(e)

    def new_file(_name: str) -> None:
        summary.files += 1

    batch: list[Document] = []
    for doc in iter_documents(paths, format=format, settings=settings, errors=errors, on_problem=problem,
                              readers=readers, on_file=new_file):
        summary.read += 1
        summary.truncated += "truncated_from" in doc.metadata
        batch.append(doc)
        if len(batch) >= WRITE_BATCH:
            _write(store, batch, summary, progress)
    _write(store, batch, summary, progress)
    return summary


def _write(store, batch: list[Document], summary: IngestSummary, progress) -> None:
    with store.transaction():
        for doc in batch:
            if store.add_document(doc):
                summary.added += 1
                summary.added_ids.append(doc.id)
            else:
                summary.known += 1
            if progress:
                progress(summary)
    batch.clear()
