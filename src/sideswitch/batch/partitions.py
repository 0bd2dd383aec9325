"""Inputs cut into partitions that workers read and extract on their own.

A partition is a piece of the input a worker can find by itself (a path and a
byte offset; no documents travel to it): a range of lines of a JSON Lines
file, a range of records of a WARC archive (each starts at a byte offset, so
a worker seeks there), or a group of whole files. One large file therefore
spreads over many workers. Standard input, read once by the parent, is the
exception: its documents travel in the partition.

:func:`extract_partition` runs in a worker: it reads its partition exactly as
:func:`~sideswitch.ingest.iter_documents` would (same documents, same line
numbers in messages) and extracts every document with
:func:`~sideswitch.pipeline.extract_new`; the parent merges and stores the
results in partition order, so the store ends as after a serial run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..errors import InputError, UnknownFormatError
from ..extract.extractor import Lexicon
from ..ingest.registry import GZIP_MAGIC, Readers, default_readers, detect_format
from ..models import Document

__all__ = [
    "PARTITION_SIZE",
    "Partition",
    "PartitionResult",
    "extract_partition",
    "plan_partitions",
    "read_partition",
]

# Records (lines, WARC records or small files) per partition. 200 keeps a task's
# overhead (~5 ms on a LocalCluster) under 1% of its extraction time on news
# articles, and gives 100 partitions for 20,000 documents: enough to balance 2-8
# workers. Smaller partitions balance better on a busy cluster; larger ones cost
# less scheduling.
PARTITION_SIZE = 200


@dataclass
class Partition:
    """What one task reads: ``kind`` is ``lines``, ``warc``, ``files`` or ``documents``."""

    kind: str
    path: str = ""
    format: str | None = None
    start: int = 0  # byte offset where the partition begins (lines, warc)
    stop: int | None = None  # byte offset where the next begins (None: end of file)
    first: int = 1  # number of its first line or record in the file
    count: int = 0  # lines or records it holds
    files: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def where(self) -> tuple[str, int | None]:
        """(file, line) to name in a message about the whole partition."""
        if self.kind == "files":
            return (self.files[0] if self.files else "", None)
        if self.kind == "documents":
            return ("<stdin>", None)
        return (self.path, self.first)

    def describe(self) -> str:
        unit = {"lines": "lines", "warc": "records"}.get(self.kind)
        if unit:
            return f"{unit} {self.first}-{self.first + self.count - 1}"
        if self.kind == "files":
            return f"{len(self.files)} file{'s' if len(self.files) != 1 else ''} ({self.files[0]} ...)"
        return f"{len(self.documents)} documents from standard input"


@dataclass
class PartitionResult:
    """A worker's answer, in input order: InputErrors, and per document ``(Document, mentions,
    near-duplicate signature)`` as :func:`~sideswitch.pipeline.ingest_documents` takes them."""

    items: list[Any]
    cpu: float  # process CPU-seconds the worker spent on it
    pid: int
    host: str


# -- planning (in the parent) ---------------------------------------------------
def plan_partitions(
    paths: list[str],
    *,
    format: str | None = None,
    size: int = PARTITION_SIZE,
    settings: Settings | None = None,
    readers: Readers | None = None,
    on_problem: Any = None,
) -> Iterator[Partition | InputError]:
    """Partitions for ``paths`` in input order, with problems (unknown formats) where they arise.

    A path that does not exist, or a named file of unknown format, raises
    InputError as :func:`~sideswitch.ingest.iter_documents` does.
    """
    from ..ingest.run import _as_list, _files

    readers = readers or default_readers()
    small: list[str] = []
    for path in _as_list(paths):
        for name, walked in _files(path):
            if name == "-":
                yield from _flush(small, format)
                small = []
                yield from _stdin_partitions(format, size, settings, readers)
                continue
            try:
                fmt = format or detect_format(name, readers=readers)
            except UnknownFormatError as e:
                if walked:
                    yield e
                    continue
                raise
            pieces = _split(name, fmt, size)
            if pieces is None:
                small.append(name)
                if len(small) >= size:
                    yield from _flush(small, format)
                    small = []
                continue
            yield from _flush(small, format)
            small = []
            yield from pieces
    yield from _flush(small, format)


def _flush(names: list[str], format: str | None) -> Iterator[Partition]:
    if names:
        yield Partition(kind="files", format=format, files=list(names))


def _stdin_partitions(
    format: str | None, size: int, settings: Settings | None, readers: Readers
) -> Iterator[Partition | InputError]:
    from ..ingest.run import iter_documents

    problems: list[InputError] = []
    batch: list[Document] = []
    for doc in iter_documents(
        "-", format=format, settings=settings, errors="skip", readers=readers, on_problem=problems.append
    ):
        yield from problems
        problems.clear()
        batch.append(doc)
        if len(batch) >= size:
            yield Partition(kind="documents", documents=batch)
            batch = []
    yield from problems
    if batch:
        yield Partition(kind="documents", documents=batch)


def _split(name: str, fmt: str, size: int) -> list[Partition] | None:
    """Line or record ranges of one large file; None when it is read whole."""
    try:
        with open(name, "rb") as f:
            head = f.read(64)
            if head[:2] == GZIP_MAGIC and fmt != "warc":
                return None
            if (
                fmt == "jsonl"
                and not name.lower().endswith(".json")
                and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"["
            ):
                f.seek(0)
                return _line_ranges(f, name, size)
            if fmt == "warc" and not name.lower().removesuffix(".gz").endswith(".arc"):
                f.seek(0)
                return _record_ranges(f, name, size)
    except OSError:
        return None  # the worker's reader reports it, with the reader's own message
    return None


def _line_ranges(f: Any, name: str, size: int) -> list[Partition] | None:
    parts: list[Partition] = []
    offset, number = 0, 0
    start, first = 0, 1
    for number, line in enumerate(f, 1):
        if number - first == size:
            parts.append(Partition("lines", name, "jsonl", start, offset, first, size))
            start, first = offset, number
        offset += len(line)
    if number >= first:
        parts.append(Partition("lines", name, "jsonl", start, None, first, number - first + 1))
    return parts if len(parts) > 1 else None


def _record_ranges(f: Any, name: str, size: int) -> list[Partition] | None:
    from warcio.archiveiterator import ArchiveIterator

    try:
        records = ArchiveIterator(f, arc2warc=True)
        offsets = [records.get_record_offset() for _ in records]
    except Exception:  # noqa: BLE001  a damaged archive is read whole: its reader reports it, as serially
        return None
    if len(offsets) <= size:
        return None
    parts = []
    for i in range(0, len(offsets), size):
        stop = offsets[i + size] if i + size < len(offsets) else None
        parts.append(Partition("warc", name, "warc", offsets[i], stop, i + 1, min(size, len(offsets) - i)))
    return parts


# -- reading and extracting (in a worker) ---------------------------------------
def read_partition(part: Partition, settings: Settings) -> Iterator[Document | InputError]:
    """The documents and problems of ``part``, as a serial read of the same inputs gives them."""
    from ..ingest.run import iter_documents

    if part.kind == "documents":
        yield from part.documents
        return
    if part.kind == "files":
        problems: list[InputError] = []
        for doc in iter_documents(
            part.files, format=part.format, settings=settings, errors="skip", on_problem=problems.append
        ):
            yield from problems
            problems.clear()
            yield doc
        yield from problems
        return
    try:
        yield from (_lines if part.kind == "lines" else _warc_records)(part, settings)
    except InputError as e:
        yield e


def _lines(part: Partition, settings: Settings) -> Iterator[Document | InputError]:
    from ..ingest.jsonl import _record
    from ..ingest.run import _finish
    from ..ingest.textutil import decode_bytes

    with _open(part.path) as f:
        f.seek(part.start)
        for number in range(part.first, part.first + part.count):
            raw = f.readline()
            line = decode_bytes(raw)
            if line.strip():
                item = _record(line, part.path, number)
                yield _finish(item, settings) if isinstance(item, Document) else item


def _warc_records(part: Partition, settings: Settings) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    from ..ingest.html import document_from_html
    from ..ingest.run import _finish
    from ..ingest.warc import _html_payload

    with _open(part.path) as f:
        f.seek(part.start)
        records = ArchiveIterator(f, arc2warc=True)
        for number, record in zip(range(part.first, part.first + part.count), records):
            page = _html_payload(record)
            if page is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            meta = {
                "warc_offset": records.get_record_offset(),  # warcio counts from the file's start
                "crawled": record.rec_headers.get_header("WARC-Date"),
            }
            meta = {k: v for k, v in meta.items() if v is not None}
            doc = document_from_html(
                page, url=url, format="warc", source_path=part.path, source_line=number, metadata=meta
            )
            yield (
                _finish(doc, settings)
                if doc is not None
                else InputError(
                    f"no article text found in the page for {url or 'an unnamed record'}", path=part.path, line=number
                )
            )


def _open(path: str) -> Any:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as e:
        raise InputError(e.strerror or str(e), path=path) from None


def extract_partition(part: Partition, settings: Settings, lexicon: Lexicon) -> PartitionResult:
    """Read and extract one partition with the caller's ``lexicon`` (this runs in a Dask worker or
    a local worker process, which received it once). The near-duplicate signature is computed only
    for a document with mentions: ingest hashes no other."""
    import socket

    from ..pipeline import extract_new
    from ..resolve.dedup import NearDuplicateIndex

    res, signer = lexicon, NearDuplicateIndex()
    cpu = time.process_time()
    items: list[Any] = []
    for item in read_partition(part, settings):
        if isinstance(item, Document):
            mentions = extract_new(item, res)
            items.append((item, mentions, signer.signature(item.text) if mentions else None))
        else:
            items.append(item)
    return PartitionResult(items, time.process_time() - cpu, os.getpid(), socket.gethostname())
