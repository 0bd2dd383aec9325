"""HTML pages: the article's main text and metadata, by trafilatura.

One page gives one document: the main text (navigation, comments and
boilerplate removed), the title, author, site name (as ``outlet``), canonical
URL and publication date from the page's metadata. The WARC reader uses
:func:`document_from_html` for the pages inside an archive.

For a page such as::

    <html lang="en"><head><title>Rebels cross over - The Daily Ledger</title>
    <meta property="og:site_name" content="The Daily Ledger">
    <meta property="article:published_time" content="2021-05-04T10:00:00+02:00">
    ...<article><h1>Rebels cross over</h1><p>Forty fighters ...</p></article>

the document has ``title`` "Rebels cross over", ``outlet`` "The Daily Ledger",
``published`` "2021-05-04", ``lang`` "en", and the article text.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import InputError
from ..models import Document
from .published import normalize_published
from .registry import read_all
from .textutil import clean_text, decode_bytes, html_to_text

__all__ = ["read_html", "document_from_html", "sniff"]

# Extraction choices (trafilatura defaults in brackets):
# - no extraction timeout [30 s]: trafilatura enforces it with SIGALRM, which
#   fails outside the main thread (web app, Dask workers);
# - no extensive date search [on]: it falls back on any date printed in the
#   body, which is often the date of an earlier event; a wrong publication date
#   misplaces every relative date ("on Tuesday") downstream, a missing one
#   only leaves them unbounded;
# - comments off [on]: reader comments are not reports.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Below this many characters the extracted "article" is usually a stub (cookie
# wall, index page); the whole visible text is then used if it is longer.
MIN_ARTICLE_CHARS = 80

_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_LANG_ATTR = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_META_FIELDS = ("description", "hostname", "categories", "tags", "pagetype", "image")


def sniff(head: bytes) -> bool:
    """An HTML document (doctype, ``<html>``, or a bare ``<head>``/``<body>``)."""
    return bool(_HTML_START.match(head))


@functools.lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import DEFAULT_CONFIG

    cfg = copy.deepcopy(DEFAULT_CONFIG)
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return cfg


def read_html(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Document | InputError]:
    """One document from an HTML file."""
    data = read_all(stream, name, settings.max_file_bytes)
    doc = document_from_html(data, format="html", source_path=name)
    yield doc if doc is not None else InputError("no article text found in the page", path=name)


def document_from_html(data: bytes | str, *, url: str | None = None, **fields: Any) -> Document | None:
    """The article in an HTML page as a Document, or None when the page has no text.

    ``url`` is where the page came from (used when it names no canonical URL);
    ``fields`` (format, source_path, source_line, metadata...) are passed on.
    """
    from trafilatura import bare_extraction

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        found = bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            config=_config(),
            date_extraction_params=DATE_PARAMS,
        )
    except Exception:  # trafilatura/lxml fail in many ways on broken markup
        found = None
    meta = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    text = clean_text(meta.get("text") or "")
    if len(text) < MIN_ARTICLE_CHARS:
        visible = _visible_text(raw)
        text = visible if len(visible) > len(text) else text
    if not text:
        return None
    metadata = {**{k: meta[k] for k in _META_FIELDS if meta.get(k)}, **fields.pop("metadata", {})}
    raw_date = meta.get("date")
    published = normalize_published(raw_date)
    if raw_date and not published:
        metadata["published_raw"] = raw_date
    lang_attr = _LANG_ATTR.search(raw[:20000])
    return Document(
        text=text,
        url=meta.get("url") or url,
        title=_clean(meta.get("title")),
        outlet=_clean(meta.get("sitename")) or meta.get("hostname"),
        author=_clean(meta.get("author")),
        published=published,
        lang=lang_attr.group(1).decode().lower() if lang_attr else None,
        metadata=metadata,
        **fields,
    )


def _visible_text(raw: bytes) -> str:
    """All text in the body, for pages trafilatura cannot find an article in."""
    page = decode_bytes(raw)
    m = re.search(r"<body\b[^>]*>(.*)</body>", page, re.IGNORECASE | re.DOTALL)
    return html_to_text(m.group(1) if m else page)


def _clean(value: Any) -> str | None:
    value = clean_text(value) if isinstance(value, str) else None
    return value or None
