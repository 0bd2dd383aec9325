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
from .registry import read_all, read_lines
from .textutil import decode_bytes

__all__ = ["read_jsonl", "sniff"]

_UTF16 = b"\xff\xfe"  # what _peek_first_byte answers for a UTF-16 file (read whole, then by line)


def sniff(head: bytes) -> bool:
    """A JSON object or array of objects at the start of the input."""
    return head[:1] == b"{" or (head[:1] == b"[" and head[1:].lstrip()[:1] in (b"{", b"]"))


def read_jsonl(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """Documents from JSON Lines, or from a JSON array/object file.

    A ``.json`` file is first parsed whole (an array, or one pretty-printed
    record); if that fails it is read as JSON Lines, as many exports name them.
    """
    first = _peek_first_byte(stream, name)
    lines: Iterator[tuple[int, bytes | InputError]]
    line_based = name.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson"))
    if first == b"[" and not line_based:
        yield from _read_array(decode_bytes(read_all(stream, name, settings.max_file_bytes)), name)
        return
    if first == _UTF16 or name.lower().removesuffix(".gz").endswith(".json"):
        text = decode_bytes(read_all(stream, name, settings.max_file_bytes))
        try:
            whole = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            lines = enumerate((ln.encode("utf-8") for ln in text.split("\n")), 1)
        else:
            start = len(text) - len(text.lstrip())
            yield from _records(
                whole if isinstance(whole, list) else [whole],
                name,
                [text.count("\n", 0, start) + 1] if not isinstance(whole, list) else None,
            )
            return
    else:
        lines = read_lines(stream, name, settings.max_file_bytes)
    for number, raw in lines:
        if isinstance(raw, InputError):
            yield raw
            continue
        line = decode_bytes(raw)  # not stripped: error columns must match the file
        if line.strip():
            yield _record(line, name, number)


def _peek_first_byte(stream: BinaryIO, name: str) -> bytes:
    """The first non-space byte, without consuming the stream (it is rewound or buffered)."""
    if hasattr(stream, "peek"):
        head = stream.peek(64)[:64]
    elif stream.seekable():
        head = stream.read(64)
        stream.seek(0)
    else:
        return b""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _UTF16
    return bytes(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1])


def _record(line: str, name: str, number: int | None) -> Document | InputError:
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        where = "col" if e.msg.rstrip().endswith(" at") else "at col"  # "Unterminated string starting at col 23"
        return InputError(f"not valid JSON ({e.msg.rstrip()} {where} {e.colno})", path=name, line=number)
    except RecursionError:
        return InputError("not valid JSON (nested too deeply)", path=name, line=number)
    return _document(record, name, number)


def _document(record: Any, name: str, number: int | None) -> Document | InputError:
    try:
        return record_to_document(record, format="jsonl", source_path=name, source_line=number)
    except RecordError as e:
        return InputError(str(e), path=name, line=number)


def _read_array(text: str, name: str) -> Iterator[Document | InputError]:
    """Each element of a JSON array, with the line it starts on; an element that cannot
    be parsed ends the file (nothing after it can be told apart), the ones before are kept."""
    decoder, pos, line = json.JSONDecoder(), text.index("[") + 1, 1
    counted = 0
    while True:
        pos = _skip_space(text, pos)
        if pos < len(text) and text[pos] == "]":
            if text[pos + 1 :].strip():
                yield InputError(
                    "not valid JSON (extra data after the array)", path=name, line=line + text.count("\n", counted, pos)
                )
            return
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield InputError(f"not valid JSON ({e.msg} at line {e.lineno} col {e.colno})", path=name, line=e.lineno)
            return
        except RecursionError:
            yield InputError("not valid JSON (nested too deeply)", path=name, line=line)
            return
        yield _document(record, name, line)
        pos = _skip_space(text, end)
        if pos < len(text) and text[pos] == ",":
            pos += 1
        elif pos >= len(text) or text[pos] != "]":
            yield InputError(
                "not valid JSON (expected ',' or ']' after an element)",
                path=name,
                line=line + text.count("\n", counted, pos),
            )
            return


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _records(records: list[Any], name: str, lines: list[int] | None = None) -> Iterator[Document | InputError]:
    for number, record in enumerate(records, 1):
        if lines is not None:
            yield _document(record, name, lines[number - 1])
            continue
        doc = _document(record, name, number)
        if isinstance(doc, InputError):  # elements of an array parsed whole: say which record
            doc = InputError(f"record {number}: {doc.reason}", path=name)
        yield doc
