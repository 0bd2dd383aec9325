"""The reader registry and format detection.

A reader turns one input stream into documents. The built-in readers are
registered exactly like a user's own (see :func:`default_readers`)::

    def read_csv(stream, name, settings):
        for n, row in enumerate(csv.DictReader(io.TextIOWrapper(stream, "utf-8")), 2):
            yield record_to_document(row, format="csv", source_path=name, source_line=n)

    readers = default_readers()
    readers.register("csv", read_csv, suffixes=(".csv",))

A reader yields :class:`~sideswitch.models.Document` objects, or an
:class:`~sideswitch.errors.InputError` for a record it had to skip (the
caller decides whether that stops the run); it raises ``InputError`` when the
whole input is unreadable.

Detection looks at the name first (``.gz`` is looked through), then at the
first bytes. Content sniffing only ever claims *structured* formats; a file
with a foreign suffix (``notes.csv``, ``logo.png``) is not read as text.

>>> detect_format("feeds/world.atom"), detect_format("crawl-2021.warc.gz"), detect_format("a.ndjson")
('rss', 'warc', 'jsonl')
>>> detect_format("page", head=b"<!DOCTYPE html><html><body>")
'html'
>>> detect_format("dump.xml", head=b'<?xml version="1.0"?><rss version="2.0">')
'rss'
>>> detect_format("notes.csv", head=b"a,b,c")
Traceback (most recent call last):
...
sideswitch.errors.UnknownFormatError: cannot read 'notes.csv': unknown format; name one of: html, jsonl, markdown, rss, text, warc
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from ..errors import InputError, UnknownFormatError

__all__ = [
    "Reader",
    "Readers",
    "default_readers",
    "detect_format",
    "open_input",
    "HEAD_BYTES",
    "MAX_FILE_BYTES",
    "DECOMPRESS_ERRORS",
    "read_lines",
]

HEAD_BYTES = 8192  # how much of a file sniffing looks at
GZIP_MAGIC = b"\x1f\x8b"
# Most bytes a reader takes in at once, after decompression: a whole text, Markdown,
# HTML, JSON or feed file, or one JSON Lines line. 32 MB is 16 times the longest
# document kept (Settings.max_document_chars) plus markup; reading stops there, so
# a 300 KB gzip that inflates to 300 MB never sits in memory (Settings.max_file_bytes).
MAX_FILE_BYTES = 32_000_000
# What a damaged gzip raises while it is read: BadGzipFile is an OSError; zlib.error
# for a corrupt deflate stream; EOFError for a truncated one.
DECOMPRESS_ERRORS = (OSError, EOFError, zlib.error)
_CHUNK = 1 << 20

ReadFn = Callable[..., Iterator[Any]]


@dataclass(frozen=True)
class Reader:
    """A named format: how to read it, which file names it owns, how to recognise it."""

    name: str
    read: ReadFn
    suffixes: tuple[str, ...] = ()
    sniff: Callable[[bytes], bool] | None = None
    aliases: tuple[str, ...] = ()
    decompress: bool = True  # False: the reader gets gzip bytes as they are (it undoes them itself)


@dataclass
class Readers:
    """Formats by name. Build one with :func:`default_readers`; pass it where needed."""

    _by_name: dict[str, Reader] = field(default_factory=dict)

    def register(
        self,
        name: str,
        read: ReadFn,
        *,
        suffixes: Iterable[str] = (),
        sniff: Callable[[bytes], bool] | None = None,
        aliases: Iterable[str] = (),
        decompress: bool = True,
    ) -> Reader:
        """Add (or replace) the format ``name``; later registrations win suffix clashes."""
        reader = Reader(name, read, tuple(s.lower() for s in suffixes), sniff, tuple(aliases), decompress)
        self._by_name[name] = reader
        return reader

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def get(self, name: str) -> Reader:
        """The reader called ``name`` or one of its aliases; UnknownFormatError otherwise."""
        key = name.lower().lstrip(".")
        for reader in self._by_name.values():
            if key == reader.name or key in reader.aliases:
                return reader
        raise UnknownFormatError(f"unknown format '{name}'; name one of: {', '.join(self.names())}")

    def by_suffix(self, suffix: str) -> Reader | None:
        found = None
        for reader in self._by_name.values():
            if suffix.lower() in reader.suffixes:
                found = reader
        return found

    def by_content(self, head: bytes) -> Reader | None:
        for reader in self._by_name.values():
            if reader.sniff is not None and reader.sniff(head):
                return reader
        return None


def default_readers() -> Readers:
    """A fresh registry holding the built-in formats, in sniffing order."""
    from . import html, jsonl, plaintext, rss, warc

    readers = Readers()
    # warcio reads per-record gzip itself, and reports a truncated archive where
    # a gzip wrapper would make it stop silently.
    readers.register("warc", warc.read_warc, suffixes=(".warc", ".arc"), sniff=warc.sniff, decompress=False)
    readers.register("rss", rss.read_feed, suffixes=(".rss", ".atom"), sniff=rss.sniff, aliases=("atom", "feed"))
    readers.register("html", html.read_html, suffixes=(".html", ".htm", ".xhtml"), sniff=html.sniff, aliases=("htm",))
    readers.register(
        "jsonl",
        jsonl.read_jsonl,
        suffixes=(".jsonl", ".ndjson", ".json"),
        sniff=jsonl.sniff,
        aliases=("json", "ndjson"),
    )
    readers.register("markdown", plaintext.read_markdown, suffixes=(".md", ".markdown"), aliases=("md",))
    readers.register("text", plaintext.read_text, suffixes=(".txt", ".text"), aliases=("txt",))
    return readers


def _split_name(name: str) -> tuple[str, bool]:
    """(last real suffix, compressed?) of a file name."""
    p = Path(name.lower())
    compressed = p.suffix == ".gz"
    if compressed:
        p = p.with_suffix("")
    return p.suffix, compressed


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    return not re.search(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]", head)


def detect_format(path: str | Path, head: bytes | None = None, readers: Readers | None = None) -> str:
    """The format name of ``path``: by suffix, else by its first bytes (read if not given)."""
    readers = readers or default_readers()
    name = str(path)
    suffix, _ = _split_name(name)
    reader = readers.by_suffix(suffix) if suffix else None
    if reader is not None:
        return reader.name
    if head is None:
        head = read_head(path)
    reader = readers.by_content(head.lstrip(b"\xef\xbb\xbf \t\r\n"))
    if reader is not None:
        return reader.name
    if not suffix and "text" in readers.names() and _looks_like_text(head):
        return "text"
    raise UnknownFormatError(f"unknown format; name one of: {', '.join(readers.names())}", path=name)


def read_head(path: str | Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``path``, decompressed when it is gzip."""
    with open_input(path) as stream:
        try:
            return stream.read(size)
        except DECOMPRESS_ERRORS as e:
            raise InputError(f"corrupt compressed data ({e})", path=str(path)) from None


def open_input(path: str | Path, decompress: bool = True) -> BinaryIO:
    """A binary stream over ``path`` (``-`` is standard input); gzip is undone unless ``decompress`` is False."""
    name = str(path)
    if name == "-":
        raw = sys.stdin.buffer
        peek = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw)) if peek == GZIP_MAGIC and decompress else raw
    try:
        raw = open(name, "rb")
    except IsADirectoryError:
        raise InputError("is a directory", path=name) from None
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except OSError as e:
        raise InputError(e.strerror or str(e), path=name) from None
    if raw.read(2) == GZIP_MAGIC and decompress:
        raw.seek(0)
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb"))
    raw.seek(0)
    return raw


def read_all(stream: BinaryIO, name: str, limit: int | None = MAX_FILE_BYTES) -> bytes:
    """All bytes of ``stream``, at most ``limit`` (None: no limit) once decompressed.

    A corrupt gzip, or an input longer than ``limit``, is an :class:`InputError`;
    nothing past ``limit`` is ever decompressed.
    """
    try:
        data = stream.read() if limit is None else stream.read(limit + 1)
    except DECOMPRESS_ERRORS as e:
        raise InputError(f"corrupt compressed data ({e})", path=name) from None
    if limit is not None and len(data) > limit:
        raise InputError(
            f"longer than {limit:,} bytes once decompressed; not read (split it, or raise Settings.max_file_bytes)",
            path=name,
        )
    return data


def read_lines(stream: BinaryIO, name: str, limit: int = MAX_FILE_BYTES) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, bytes) for every line; a line longer than ``limit`` gives an
    :class:`InputError` in its place and is skipped without being kept in memory.
    A corrupt gzip is raised as an ``InputError`` at the line where it breaks."""
    number = 0
    try:
        while True:
            raw = stream.readline(limit + 1)
            if not raw:
                return
            number += 1
            if len(raw) <= limit or raw.endswith(b"\n"):
                yield number, raw
                continue
            while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                raw = stream.readline(_CHUNK)
            yield number, InputError(f"line longer than {limit:,} bytes; skipped", path=name, line=number)
    except DECOMPRESS_ERRORS as e:
        raise InputError(f"corrupt compressed data ({e})", path=name, line=number + 1) from None


def as_text_stream(stream: BinaryIO) -> io.TextIOWrapper:
    """Line-wise UTF-8 text over a binary stream (BOM dropped, bad bytes replaced)."""
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
