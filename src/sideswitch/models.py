"""Data that flows between the stages.

``Document``: one ingested news item. Events travel as plain dicts in the
shape of ``contract/event.schema.json`` (see ``sideswitch.contract``), so the
store, the exports, the analysis and the web app share one representation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field

__all__ = ["Document", "IngestReport", "content_hash", "scrub_surrogates"]

# A lone UTF-16 surrogate ("\\ud800" in JSON, half an emoji) cannot be encoded as
# UTF-8, so neither hashed nor stored; in a Python str every surrogate is lone.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length: offsets hold).

    >>> scrub_surrogates("half \\ud83d an emoji") == "half \\ufffd an emoji"
    True
    """
    return _SURROGATE.sub("\ufffd", text)


def content_hash(text: str) -> str:
    """Stable hash of a text, insensitive to Unicode normal form and outer whitespace."""
    norm = unicodedata.normalize("NFC", text or "").strip()
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Document:
    """One news item. ``id`` is the input record's id, else ``sha-<content hash prefix>``."""

    text: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    author: str | None = None
    lang: str | None = None
    format: str | None = None  # text, markdown, html, jsonl, rss, warc
    source_path: str | None = None  # file it came from
    source_line: int | None = None  # line or record number in that file
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("text", "id", "url", "outlet", "title", "published", "author", "lang", "source_path"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                setattr(self, name, scrub_surrogates(value))
        if not self.id:
            self.id = "sha-" + content_hash(self.text)[:16]

    @property
    def hash(self) -> str:
        """``content_hash(text)``, computed once per text (an ingest asks for it four or five
        times per document: whether it is known, held, stored)."""
        known = self.__dict__.get("_hash")
        if known is None or known[0] is not self.text:
            known = self.__dict__["_hash"] = (self.text, content_hash(self.text))
        return str(known[1])

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class IngestReport:
    """What one ingest did (``pipeline.ingest_documents``, or a running server through
    ``serve.client``): counts, the ids of the events it touched, and what it skipped."""

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

    def add(self, other: IngestReport) -> IngestReport:
        """This report with ``other``'s counts added (a batch ingested in two parts)."""
        self.ingested += other.ingested
        self.known += other.known
        self.mentions += other.mentions
        self.skipped += other.skipped
        self.events |= other.events
        self.warnings += other.warnings
        return self
