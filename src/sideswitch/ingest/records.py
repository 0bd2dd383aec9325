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

from typing import Any

from ..models import Document
from .published import normalize_published

__all__ = ["FIELD_ALIASES", "record_to_document", "RecordError", "normalize_lang"]

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "full_text", "fulltext", "raw_text"),
    "id": ("id", "doc_id", "docid", "_id", "uuid", "guid"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "source_url", "uri", "canonical_url"),
    "outlet": ("outlet", "source", "sitename", "site_name", "publisher", "source_name", "site"),
    "published": ("published", "date", "published_at", "publishedAt", "publish_date", "pubDate",
                  "pub_date", "date_published", "datePublished", "datetime", "timestamp"),
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
    published = normalize_published(raw_date, dayfirst=dayfirst)
    if raw_date not in (None, "") and published is None:
        metadata["published_raw"] = _jsonable(raw_date)
    return Document(
        text=text, id=_scalar(values["id"]), url=_scalar(values["url"]),
        outlet=_name(values["outlet"]), title=_scalar(values["title"]), published=published,
        author=_names(values["author"]), lang=normalize_lang(values["lang"]), metadata=metadata, **extra)


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
    """A language tag reduced to its primary subtag: ``"en-GB"`` -> ``"en"``."""
    value = _scalar(value)
    return value.lower().replace("_", "-").split("-")[0] if value else None


def _jsonable(value: Any) -> Any:
    """``value`` with anything JSON cannot hold (dates from YAML, sets...) made a string."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")
