"""JSON Lines (one record per line) and JSON files (an array of records, or one record).

Each record becomes one document through
:func:`~sideswitch.ingest.records.record_to_document`; its ``text`` is kept
byte-for-byte, because event spans are offsets into it. Blank lines are
skipped; a bad line is reported with its number and the reader goes on::

    {"id": "d1", "outlet": "Ledger", "published": "2021-05-04", "text": "Forty fighters ..."}
    {"id": "d2", "text": "Two pilots ...", "url": "https://example.org/x"}

gives two documents, ``source_line`` 1 and 2. A broken line gives
``InputError: cannot read 'in.jsonl' line 3: not valid JSON (Expecting ',' at col 40)``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import InputError
from ..models import Document
from .records import RecordError, record_to_document
from .registry import read_all
from .textutil import decode_bytes

__all__ = ["read_jsonl", "sniff"]


def sniff(head: bytes) -> bool:
    """A JSON object or array of objects at the start of the input."""
    return head[:1] == b"{" or (head[:1] == b"[" and head[1:].lstrip()[:1] in (b"{", b"]"))


def read_jsonl(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """Documents from JSON Lines, or from a JSON array/object file.

    A ``.json`` file is first parsed whole (an array, or one pretty-printed
    record); if that fails it is read as JSON Lines, as many exports name them.
    """
    first = _peek_first_byte(stream, name)
    if first == b"[":
        yield from _read_array(decode_bytes(read_all(stream, name)), name)
        return
    if name.lower().removesuffix(".gz").endswith(".json"):
        text = decode_bytes(read_all(stream, name))
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            lines: Iterator[tuple[int, bytes]] = enumerate((ln.encode("utf-8") for ln in text.splitlines()), 1)
        else:
            yield from _records(whole if isinstance(whole, list) else [whole], name)
            return
    else:
        lines = _numbered_lines(stream, name)
    for number, raw in lines:
        line = decode_bytes(raw)   # not stripped: error columns must match the file
        if line.strip():
            yield _record(line, name, number)


def _numbered_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) for every line, with a corrupt gzip reported where it breaks."""
    number = 0
    try:
        for number, raw in enumerate(stream, 1):
            yield number, raw
    except (OSError, EOFError) as e:
        raise InputError(f"corrupt compressed data ({e})", path=name, line=number + 1) from None


def _peek_first_byte(stream: BinaryIO, name: str) -> bytes:
    """The first non-space byte, without consuming the stream (it is rewound or buffered)."""
    if hasattr(stream, "peek"):
        head = stream.peek(64)[:64]
    elif stream.seekable():
        head = stream.read(64)
        stream.seek(0)
    else:
        return b""
    return bytes(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1])


def _record(line: str, name: str, number: int | None) -> Document | InputError:
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        where = "col" if e.msg.rstrip().endswith(" at") else "at col"   # "Unterminated string starting at col 23"
        return InputError(f"not valid JSON ({e.msg.rstrip()} {where} {e.colno})", path=name, line=number)
    return _document(record, name, number)


def _document(record: Any, name: str, number: int | None) -> Document | InputError:
    try:
        return record_to_document(record, format="jsonl", source_path=name, source_line=number)
    except RecordError as e:
        return InputError(str(e), path=name, line=number)


def _read_array(text: str, name: str) -> Iterator[Document | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"not valid JSON ({e.msg} at line {e.lineno} col {e.colno})", path=name) from None
    yield from _records(data if isinstance(data, list) else [data], name)


def _records(records: list[Any], name: str) -> Iterator[Document | InputError]:
    for number, record in enumerate(records, 1):
        doc = _document(record, name, number)
        if isinstance(doc, InputError):  # a JSON file has no useful lines: say which record
            doc = InputError(f"record {number}: {doc.reason}", path=name)
        yield doc
