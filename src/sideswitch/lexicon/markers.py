"""Language-independent text markers (``lexicon/data/markers.yaml``), compiled once per process.

Photo credits, transliterated name particles, copyright lines, scraped metadata labels and the
words joining a list of places: extraction reads them before the language is known or for every
language alike, so they live in one data file rather than in each language's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from sideswitch.errors import LexiconError
from sideswitch.lexicon.loader import data_path

__all__ = ["Markers", "markers"]


@dataclass(frozen=True)
class Markers:
    photo_credit: re.Pattern[str]  # a caption's credit line
    name_prefix: re.Pattern[str]  # "al-", "abu-" followed by a capital: part of a name
    copyright: re.Pattern[str]  # a copyright line (case ignored)
    stray_prefix: re.Pattern[str]  # "published: 2024-05-01 " glued before the text
    place_chain: re.Pattern[str]  # what joins places in a list: ", ", " and ", " / "


def _words(raw: object, key: str) -> str:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w for w in raw):
        raise LexiconError("markers.yaml", [(None, f"{key} must be a list of words")])
    return "|".join(re.escape(w) for w in raw)


@lru_cache(maxsize=1)
def markers() -> Markers:
    """The markers of ``lexicon/data/markers.yaml``; LexiconError names a bad entry."""
    raw = yaml.safe_load(data_path("markers.yaml").read_text(encoding="utf-8"))
    try:
        joins = _words(raw["list_joins"], "list_joins")
        return Markers(
            photo_credit=re.compile(raw["photo_credit"]),
            name_prefix=re.compile(rf"(?:{_words(raw['name_prefixes'], 'name_prefixes')})-[A-Z]"),
            copyright=re.compile(raw["copyright"], re.I),
            stray_prefix=re.compile(
                rf"\s*(?:{_words(raw['metadata_labels'], 'metadata_labels')})\s*:?\s*\d{{4}}-\d{{2}}-\d{{2}}"
                r"(?:[T ][\d:]{5,8}Z?)?\s+",
                re.I,
            ),
            place_chain=re.compile(rf"\s*(?:,|{joins}|&|/|,\s*(?:{joins}))\s*"),
        )
    except (KeyError, TypeError) as e:
        raise LexiconError("markers.yaml", [(None, f"missing or malformed entry {e}")]) from e
    except re.error as e:
        raise LexiconError("markers.yaml", [(None, f"bad regular expression: {e}")]) from e
