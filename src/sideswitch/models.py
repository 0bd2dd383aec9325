"""Data that flows between the stages.

``Document``: one ingested news item. Events travel as plain dicts in the
shape of ``contract/event.schema.json`` (see ``sideswitch.contract``), so the
store, the exports, the analysis and the web app share one representation.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field

__all__ = ["Document", "content_hash"]


def content_hash(text: str) -> str:
    """Stable hash of a text, insensitive to Unicode normal form and outer whitespace."""
    norm = unicodedata.normalize("NFC", text or "").strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One news item. ``id`` is the input record's id, else ``sha-<content hash prefix>``."""

    text: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None      # ISO date (YYYY-MM-DD) or None
    author: str | None = None
    lang: str | None = None
    format: str | None = None         # text, markdown, html, jsonl, rss, warc
    source_path: str | None = None    # file it came from
    source_line: int | None = None    # line or record number in that file
    metadata: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = "sha-" + content_hash(self.text)[:16]

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict:
        return asdict(self)
