"""RSS and Atom feeds: one document per entry.

An entry's text is its full content (``content:encoded``, Atom ``content``)
when the feed carries it, else its summary, as plain text. The feed's title
is the ``outlet`` unless the entry names its own source; the feed language
is the ``lang``. An entry with neither content nor summary is skipped with
an error naming it::

    cannot read 'world.rss' line 3: entry 'Pilots land at rebel base' has no text

(``line`` is the entry's position in the feed, counting from 1.)
The entry id (``guid``) goes to ``metadata['guid']``, and
``metadata['partial']`` is true when only a summary was available.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import InputError
from ..models import Document
from .published import normalize_published
from .records import normalize_lang
from .registry import read_all
from .textutil import clean_text, html_to_text

__all__ = ["read_feed", "sniff", "entry_to_document"]

_FEED_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE | re.DOTALL
)


def sniff(head: bytes) -> bool:
    """An RSS, RDF or Atom root element at the start of the input."""
    return bool(_FEED_START.match(head))


def read_feed(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """One document per feed entry."""
    import feedparser

    # A stream, never a string: feedparser would fetch a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(read_all(stream, name, settings.max_file_bytes)))
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        reason = parsed.get("bozo_exception")
        raise InputError(f"not a readable feed ({reason})", path=name)
    feed = parsed.get("feed", {})
    for number, entry in enumerate(parsed.entries, 1):
        doc = entry_to_document(entry, feed, format="rss", source_path=name, source_line=number)
        if doc is None:
            label = clean_text(entry.get("title") or "") or entry.get("id") or f"#{number}"
            yield InputError(f"entry '{label}' has no text", path=name, line=number)
        else:
            yield doc


def entry_to_document(entry: Any, feed: Any, **fields: Any) -> Document | None:
    """A feedparser entry as a Document, or None when it carries no text."""
    contents = [c.get("value") for c in entry.get("content") or [] if c.get("value")]
    summary = entry.get("summary") or ""
    body = max(contents, key=len) if contents else summary
    text = html_to_text(body)
    if not text:
        return None
    metadata: dict[str, Any] = {"partial": not contents}
    if entry.get("id"):
        metadata["guid"] = entry["id"]
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    if tags:
        metadata["tags"] = tags
    # The written date first: feedparser's parsed stamps are shifted to UTC,
    # which can move a late-evening article to the next day.
    raw_date = entry.get("published") or entry.get("updated")
    published = normalize_published(raw_date) or normalize_published(
        entry.get("published_parsed") or entry.get("updated_parsed")
    )
    if raw_date and not published:
        metadata["published_raw"] = raw_date
    source = entry.get("source") or {}
    return Document(
        text=text,
        url=entry.get("link"),
        title=clean_text(html_to_text(entry.get("title") or "")) or None,
        outlet=clean_text(source.get("title") or feed.get("title") or "") or None,
        author=clean_text(entry.get("author") or "") or None,
        published=published,
        lang=normalize_lang(entry.get("language") or feed.get("language")),
        metadata=metadata,
        **fields,
    )
