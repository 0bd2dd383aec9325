"""Titles and name markers (``honorifics.yaml``): read and validated here, used by
:mod:`sideswitch.resolve.names` to take names apart.

Besides the schema, a variant may be listed under one title only, and a joined
prefix must be a generic part; every problem comes with its line.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .loader import Lines, load_yaml

__all__ = ["HONORIFICS_SCHEMA", "read_honorifics", "words", "ascii_text", "phrase_words"]

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")


def ascii_text(text: str) -> str:
    """Lower-case ASCII words of ``text`` (accents and apostrophes dropped)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", _APOSTROPHES.sub("", text)).strip()


_LIST_KEYS = ("modifiers", "alias_markers", "generic_parts", "joined_prefixes", "whole_names")
_KINDS = ("religious", "military", "civil", "courtesy")
_WORD = re.compile(r"[^\s\-\u2010-\u2015/]+")


def words(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` as (normalised, start, end); hyphens split, dots dropped.

    >>> words("Lt. First-Lieutenant")
    [('lt', 0, 3), ('first', 4, 9), ('lieutenant', 10, 20)]
    """
    found = ((ascii_text(m.group()).replace(" ", ""), m.start(), m.end()) for m in _WORD.finditer(text or ""))
    return [w for w in found if w[0]]


def phrase_words(text: str) -> tuple[str, ...]:
    """The normalised words of ``text`` (:func:`words` without offsets)."""
    return tuple(w for w, _, _ in words(text))


_WORD_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}}
HONORIFICS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["titles"],
    "properties": {
        "titles": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "kind", "variants"],
                "properties": {
                    "title": {"type": "string", "minLength": 1},
                    "kind": {"enum": list(_KINDS)},
                    "variants": {**_WORD_LIST, "minItems": 1},
                },
            },
        },
        **{key: _WORD_LIST for key in _LIST_KEYS},
    },
}


def _cross_checks(data: Any, lines: Lines) -> list[tuple[int | None, str]]:
    """What the schema cannot say: a variant under two titles, a prefix that is not generic."""
    out: list[tuple[int | None, str]] = []
    seen: dict[tuple[str, ...], Any] = {}
    titles = data.get("titles") if isinstance(data, dict) else None
    for i, t in enumerate(titles if isinstance(titles, list) else []):
        variants = t.get("variants") if isinstance(t, dict) else None
        for j, v in enumerate(variants if isinstance(variants, list) else []):
            other = seen.setdefault(phrase_words(str(v)), t.get("title"))
            if other != t.get("title"):
                out.append(
                    (
                        lines.of(("titles", i, "variants", j)),
                        f"variant '{v}' is listed under '{other}' and '{t.get('title')}'",
                    )
                )
    generic = set(data.get("generic_parts") or []) if isinstance(data, dict) else set()
    for i, p in enumerate((data.get("joined_prefixes") or []) if isinstance(data, dict) else []):
        if p not in generic:
            out.append((lines.of(("joined_prefixes", i)), f"joined prefix '{p}' is not in generic_parts"))
    return out


def read_honorifics(path: str | Path | None = None) -> dict[str, Any]:
    """The validated data of an honorifics file (default: the shipped ``honorifics.yaml``).

    Raises :class:`~sideswitch.errors.LexiconError` listing every problem with its line.
    """
    return dict(load_yaml(Path(path) if path else "honorifics.yaml", HONORIFICS_SCHEMA, check=_cross_checks))
