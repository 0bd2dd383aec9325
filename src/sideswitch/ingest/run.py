"""Reading many inputs: files, folders and standard input become documents.

:func:`iter_documents` walks files and folders, picks each file's reader, and
yields documents (storing and extracting them is
:func:`sideswitch.pipeline.ingest_paths`). Problems with single records or
files follow the ``errors`` policy:

* ``"raise"``: the first problem raises :class:`~sideswitch.errors.InputError`;
* ``"skip"``: it is reported to ``on_problem`` (default: logged as a warning on
  the ``sideswitch.ingest`` logger) and reading goes on.

Two cases ignore the policy: a path that does not exist, or a file named on
its own whose format cannot be told, always raises (a typo or a usage error,
not bad data); files of unknown format met while walking a folder are
reported but never raise (folders hold READMEs, images, notes).

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> with open(os.path.join(folder, "wire.jsonl"), "w") as f:
...     _ = f.write('{"id": "w1", "text": "Six guards crossed over."}\\n{oops\\n')
>>> with open(os.path.join(folder, "README"), "w") as f:
...     _ = f.write("Notes, not news.")
>>> [(d.format, d.text) for d in iter_documents(folder, errors="skip", on_problem=lambda e: print(e.line, e.reason))]
2 not valid JSON (Expecting property name enclosed in double quotes at col 2)
[('text', 'Notes, not news.'), ('jsonl', 'Six guards crossed over.')]
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError, UnknownFormatError
from ..models import Document
from .registry import (
    DECOMPRESS_ERRORS,
    GZIP_MAGIC,
    HEAD_BYTES,
    Reader,
    Readers,
    default_readers,
    detect_format,
    open_input,
)
from .textutil import guess_language

__all__ = ["iter_documents", "ERROR_POLICIES"]

log = logging.getLogger("sideswitch.ingest")

ERROR_POLICIES = ("raise", "skip")
STDIN_NAME = "<stdin>"

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def _warn(problem: InputError) -> None:
    log.warning("skipped: %s", problem)


def iter_documents(
    paths: Paths,
    *,
    format: str | None = None,
    settings: Settings | None = None,
    errors: str = "raise",
    on_problem: Callable[[InputError], None] | None = None,
    readers: Readers | None = None,
    on_file: Callable[[str], None] | None = None,
) -> Iterator[Document]:
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


def _as_list(paths: Paths) -> list[Any]:
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)


def _files(path: str | os.PathLike[str]) -> Iterator[tuple[str, bool]]:
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
        for f in sorted(found, key=lambda f: f.parts):  # a/x.txt before b.jsonl, whatever the depth
            yield str(f), True
    elif p.exists():
        yield name, False
    else:
        raise InputError("no such file or folder", path=name)


def _read_stdin() -> bytes:
    """All of standard input, decompressed if gzip (read once: it cannot be rewound)."""
    data = sys.stdin.buffer.read()
    if data[:2] == GZIP_MAGIC:
        from .registry import read_all

        with gzip.GzipFile(fileobj=io.BytesIO(data)) as inflated:  # capped: a bomb is never inflated whole
            data = read_all(inflated, STDIN_NAME, Settings().max_file_bytes)  # type: ignore[arg-type]
    return data


def _detect(name: str, readers: Readers, stdin: bytes | None) -> str:
    if stdin is None:
        return detect_format(name, readers=readers)
    return detect_format(STDIN_NAME, head=stdin[:HEAD_BYTES], readers=readers)


def _read_file(
    reader: Reader,
    name: str,
    stdin: bytes | None,
    settings: Settings,
    errors: str,
    report: Callable[[InputError], None],
) -> Iterator[Document]:
    shown = STDIN_NAME if stdin is not None else name
    try:
        with io.BytesIO(stdin) if stdin is not None else open_input(name, reader.decompress) as stream:
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
    except DECOMPRESS_ERRORS as e:  # a reader that reads the stream itself (warcio, feedparser)
        _fail(InputError(f"corrupt compressed data ({e})", path=shown), errors, report)
    except Exception as e:
        # A reader's library failing on hostile input (lxml, feedparser, warcio raise their own
        # types): the rest of the file is skipped, with one line naming it, and the batch goes on.
        log.debug("reader failed on %s", shown, exc_info=e)
        _fail(InputError(f"unreadable ({type(e).__name__}: {str(e)[:200]})", path=shown), errors, report)


def _fail(problem: InputError, errors: str, report: Callable[[InputError], None]) -> None:
    if errors == "raise":
        raise problem
    report(problem)


def _finish(doc: Document, settings: Settings) -> Document:
    """Apply the settings every document obeys: length cap, language."""
    limit = settings.max_document_chars
    if limit and len(doc.text) > limit:
        log.warning("truncated '%s' (%s) from %d to %d characters", doc.id, doc.source_path, len(doc.text), limit)
        doc.metadata["truncated_from"] = len(doc.text)
        doc.text = doc.text[:limit]
    if not doc.lang:
        doc.lang = guess_language(doc.text, settings.languages or None)
    return doc
