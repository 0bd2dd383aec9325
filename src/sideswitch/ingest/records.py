"""Records (JSON objects, front matter) to :class:`~sideswitch.models.Document`.

Exports from scrapers and news APIs name the same things differently; each
document field accepts the aliases below (first match wins), and every other
key lands in ``metadata`` untouched. The text is kept verbatim.

>>> doc = record_to_document({"headline": "Border post changes hands",
...     "body": "Twelve guards crossed over.", "source": {"name": "Ledger"},
...     "pubDate": "2019-02-23T09:00:00Z", "authors": ["A. Ruiz", "B. Ode"], "section": "world"})
>>> doc.title, doc.text, doc.outlet, doc.published, doc.author, doc.metadata
('Border post changes hands', 'Twelve guards crossed over.', 'Ledger', '2019-02-23', 'A. Ruiz, B. Ode', {'section': 'world'})
>>> record_to_document({"id": 7, "text": "  kept as is  "}).id, record_to_document({"id": 7, "text": "  kept as is  "}).text
('7', '  kept as is  ')
"""

from __future__ import annotations

import re
from typing import Any

from ..models import Document, scrub_surrogates
from .published import normalize_published

__all__ = ["FIELD_ALIASES", "record_to_document", "RecordError", "normalize_lang", "MAX_NESTING"]

# Deepest nesting of lists and objects a record may have: real exports nest 3-5
# levels; 100,000 levels would exhaust the stack of anything that walks them.
MAX_NESTING = 64
_LANG_TAG = re.compile(r"[a-z]{2,3}")

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "full_text", "fulltext", "raw_text"),
    "id": ("id", "doc_id", "docid", "_id", "uuid", "guid"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "source_url", "uri", "canonical_url"),
    "outlet": ("outlet", "source", "sitename", "site_name", "publisher", "source_name", "site"),
    "published": (
        "published",
        "date",
        "published_at",
        "publishedAt",
        "publish_date",
        "pubDate",
        "pub_date",
        "date_published",
        "datePublished",
        "datetime",
        "timestamp",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "lang": ("lang", "language", "language_code"),
}


class RecordError(ValueError):
    """A record that cannot become a document (the reader adds where it was)."""


def record_to_document(record: dict[str, Any], *, dayfirst: bool = False, **extra: Any) -> Document:
    """A Document from one record; ``extra`` sets fields such as ``format`` or ``source_path``.

    Raises :class:`RecordError` when there is no usable text.
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {_json_type(record)}")
    if _too_deep(record, MAX_NESTING):
        raise RecordError(f"nested deeper than {MAX_NESTING} levels")
    used: set[str] = set()
    values = {name: _first(record, aliases, used) for name, aliases in FIELD_ALIASES.items()}
    text = values["text"]
    if text is None and any(k in record for k in FIELD_ALIASES["text"]):
        raise RecordError("empty text")
    if text is None:
        raise RecordError("no text field (expected one of: " + ", ".join(FIELD_ALIASES["text"]) + ")")
    if not isinstance(text, str):
        raise RecordError(f"field 'text' must be a string, got {_json_type(text)}")
    if not text.strip():
        raise RecordError("empty text")
    metadata = {k: _jsonable(v) for k, v in record.items() if k not in used}
    raw_date = values["published"]
    try:
        published = normalize_published(raw_date, dayfirst=dayfirst)
    except (ValueError, OverflowError):  # a calendar day that does not exist, from any source
        published = None
    if raw_date not in (None, "") and published is None:
        metadata["published_raw"] = _jsonable(raw_date)
    lang = normalize_lang(values["lang"])
    if values["lang"] not in (None, "") and lang is None:
        metadata["lang_raw"] = str(_jsonable(values["lang"]))[:64]  # kept for the record, never used
    return Document(
        text=text,
        id=_scalar(values["id"]),
        url=_scalar(values["url"]),
        outlet=_name(values["outlet"]),
        title=_scalar(values["title"]),
        published=published,
        author=_names(values["author"]),
        lang=lang,
        metadata=metadata,
        **extra,
    )


def _first(record: dict[str, Any], aliases: tuple[str, ...], used: set[str]) -> Any:
    for key in aliases:
        if key in record and record[key] not in (None, ""):
            used.add(key)
            return record[key]
        if key in record:
            used.add(key)  # an empty alias is consumed, not copied to metadata
    return None


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def _name(value: Any) -> str | None:
    """An outlet or person: a string, or an object with a name/title."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    return _scalar(value)


def _names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return _name(value)


def normalize_lang(value: Any) -> str | None:
    """A language tag reduced to its primary subtag: ``"en-GB"`` -> ``"en"``; None unless it
    is a tag (2-3 letters), so a value such as ``"../x"`` never reaches a file name.

    >>> normalize_lang("es_MX"), normalize_lang("../../tmp/evil"), normalize_lang("x" * 300)
    ('es', None, None)
    """
    value = _scalar(value)
    code = value.lower().replace("_", "-").split("-")[0] if value else None
    return code if code and _LANG_TAG.fullmatch(code) else None


def _too_deep(value: object, limit: int) -> bool:
    """Whether lists/objects nest deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return False


def _jsonable(value: Any) -> Any:
    """``value`` with anything JSON cannot hold (dates from YAML, sets...) made a string."""
    if isinstance(value, dict):
        return {scrub_surrogates(str(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, str):
        return scrub_surrogates(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
