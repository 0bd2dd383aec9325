"""Plain-text and Markdown files: one file, one document.

Either may open with a YAML front-matter block giving the record fields
(``title``, ``published``, ``outlet``, ``url``, ``id``... with the aliases of
:mod:`~sideswitch.ingest.records`)::

    ---
    title: Garrison changes sides
    published: 2020-03-05
    outlet: Valley Courier
    ---
    The garrison of the hill fort went over to the rebels on Monday.

A plain-text body is kept as written (only line endings become ``\\n``), so
offsets into it match the file. A Markdown body is turned into plain text:

>>> markdown_to_text("# Pilots defect\\n\\nTwo **air force** pilots flew to [Kessel](http://x.example).\\n")
'Pilots defect\\n\\nTwo air force pilots flew to Kessel.'
>>> first_heading("Intro line\\n\\n## Pilots defect\\nBody")
'Pilots defect'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import yaml

from ..config import Settings
from ..errors import InputError
from ..models import Document
from .frontmatter import load_front_matter
from .records import RecordError, record_to_document
from .registry import read_all
from .textutil import clean_text, decode_bytes

__all__ = ["read_text", "read_markdown", "split_front_matter", "markdown_to_text", "first_heading"]

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^```.*$|^~~~.*$", re.M), ""),  # code fences
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
]


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str, int]:
    """(front-matter fields, body, number of lines the block took); ``{}`` when there is none."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, 0
    try:
        fields = load_front_matter(m.group(1) or "") or {}
    except RecursionError:
        raise InputError("bad front matter (nested too deeply)", path=name, line=2) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]  # one line, whatever the error
        raise InputError(f"bad front matter ({reason})", path=name, line=line) from None
    if not isinstance(fields, dict):
        raise InputError("front matter must be a mapping of field: value", path=name, line=2)
    return fields, text[m.end() :], m.group(0).count("\n")


def markdown_to_text(md: str) -> str:
    """Readable plain text of a Markdown document (headings, emphasis, links unwrapped)."""
    for pattern, repl in _MD_RULES:
        md = pattern.sub(repl, md)
    return clean_text(md)


def first_heading(md: str) -> str | None:
    m = re.search(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", md, re.M)
    return markdown_to_text(m.group(1)) if m else None


def read_text(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """One document from a plain-text file (front matter optional)."""
    yield _read(stream, name, "text", settings.max_file_bytes)


def read_markdown(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """One document from a Markdown file; the first heading is the title unless front matter has one."""
    yield _read(stream, name, "markdown", settings.max_file_bytes)


def _read(stream: BinaryIO, name: str, fmt: str, limit: int) -> Document | InputError:
    text = decode_bytes(read_all(stream, name, limit)).replace("\r\n", "\n").replace("\r", "\n")
    fields, body, _ = split_front_matter(text, name)
    if fmt == "markdown":
        if not any(k in fields for k in ("title", "headline", "heading")):
            heading = first_heading(body)
            if heading:
                fields = {**fields, "title": heading}
        body = markdown_to_text(body)
    record = {k: v for k, v in fields.items() if k not in ("text", "body", "content")}
    try:
        return record_to_document({**record, "text": body}, format=fmt, source_path=name)
    except RecordError as e:
        return InputError(str(e), path=name)
