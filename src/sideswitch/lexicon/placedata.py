"""Place-name keys, and the hand-written place data read and validated.

Every name, in the data and in the text, is reduced to keys before matching:

    fold("Sar-e-Pol")      -> "sar e pol"        (case, diacritics, hyphens, apostrophes)
    exact_key("Sar-e Pol") -> "sarepol"          (spaces gone: "Sari Pul" == "Saripul")
    phonetic_key("Sar-i-Pul") == phonetic_key("Sar-e Pol") == "SRPL"
    phonetic_key("Deir ez-Zor") == phonetic_key("Deir al-Zor") == phonetic_key("Dayr az Zawr")
    phonetic_key("Konar") == phonetic_key("Kunar");  "Oruzgan" ~ "Uruzgan";  "Taloqan" ~ "Taluqan"

The phonetic key is jellyfish's Metaphone of the exact key with the Arabic
article dropped ("al-", "ez-", "ash-"...), q read as k, v as w, doubled letters
single, and every vowel, y, w and h taken out: the connecting vowels of
Persian and Arabic compounds (-e-, -i-, -ye-) and the o/u, a/e, ou/u spellings
vanish. A phonetic hit only counts when the spellings are still close
(``NEAR_RATIO``): "Kunduz" and "Kandahar" share no key, and "Konar"/"Kunar" score 80.

The hand-written files (``lexicon/data/places/``), each read by
:func:`sideswitch.lexicon.loader.load_yaml` against its schema here, with a
``check`` hook for what a schema cannot say (repeats, unknown countries); a
file with problems raises ``LexiconError(filename, [(line, message), ...])``:

    cues.yaml       words around a name (locative, "province", titles...)  -> read_cues
    stopwords.yaml  capitalised words that are not places                  -> read_stopwords
    countries.yaml  common names, aliases, demonyms (on top of pycountry)  -> read_countries
    variants.yaml   spellings and places the general mechanisms miss       -> read_variants
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import jellyfish
import pycountry
from rapidfuzz import fuzz

from ..errors import LexiconError
from ..lexicon.loader import load_yaml, validate_yaml

__all__ = [
    "fold",
    "exact_key",
    "phonetic_key",
    "near",
    "read_cues",
    "read_stopwords",
    "read_countries",
    "read_variants",
    "CUE_LISTS",
    "STOP_LISTS",
    "MIN_PHONETIC",
]

# A phonetic hit is kept only when the article-free exact keys score at least this
# (rapidfuzz ratio, 0-100). 70 admits "sarepol"/"saripul" and "helmand"/"hilmend"
# (71 each), which 80 would lose. It alone does not stop "syrian"/"siran" (73):
# demonyms are never looked up as places, and a town found by sound must also
# share its first letter (Gazetteer tables, ``_initial``).
NEAR_RATIO = 70
# Phonetic keys shorter than this are too unspecific to search ("LK", "KN").
MIN_PHONETIC = 3

ARTICLES = frozenset("al el ul ez az as ad ar an at ash ath adh ed es er en et".split())
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
    }
)
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´ʼ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_NOT_CONSONANT = re.compile(r"[AEIOUYWH]")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower-case ASCII words separated by one space.

    >>> fold("Mazār-e Sharīf"), fold("Qal`ah-ye Shahr"), fold("Cúcuta")
    ('mazar e sharif', 'qalah ye shahr', 'cucuta')
    """
    s = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", name.translate(_SPECIAL)))
    s = s.encode("ascii", "ignore").decode().lower()
    return _NON_ALNUM.sub(" ", s).strip()


def exact_key(name: str) -> str:
    """The folded name without spaces: ``exact_key("Sari Pul") == "saripul"``."""
    return fold(name).replace(" ", "")


def _stripped(folded: str) -> str:
    """Folded words without Arabic articles, joined: "deir ez zor" -> "deirzor"."""
    words = folded.split()
    if len(words) > 1:
        words = [w for w in words if w not in ARTICLES] or words
    return "".join(words)


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    """Consonant skeleton of the Metaphone code: ``phonetic_key("Jowzjan") == "JSJN"``."""
    s = _stripped(fold(name)).replace("q", "k").replace("v", "w")
    s = _DOUBLE.sub(r"\1", s)
    if s.endswith("ng"):
        s = s[:-1]
    return _NOT_CONSONANT.sub("", jellyfish.metaphone(s)) if s else ""


def near(a: str, b: str) -> bool:
    """Whether two names sharing a phonetic key are close enough to be one name."""
    return fuzz.ratio(_stripped(fold(a)), _stripped(fold(b))) >= NEAR_RATIO


CUE_LISTS = (
    "locative",
    "place_nouns",
    "admin1_words",
    "admin2_words",
    "facility_words",
    "modifiers",
    "titles",
    "connectors",
    "speech_verbs",
    "group_words",
    "province_at_admin2",
    "admin2_prefixes",
)
STOP_LISTS = ("common_words", "personal_names", "organisations")

_WORD = {"type": "string", "minLength": 1}
_WORDS = {"type": "array", "items": _WORD}


def _lists_schema(names: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(names),
        "properties": {n: _WORDS for n in names},
    }


CUES_SCHEMA, STOPWORDS_SCHEMA = _lists_schema(CUE_LISTS), _lists_schema(STOP_LISTS)
COUNTRIES_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": False,
        "properties": {"name": _WORD, "aliases": _WORDS, "demonyms": _WORDS},
    },
}
_VARIANT = {"country": _WORD, "variants": _WORDS, "admin1": _WORD}
VARIANTS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "admin1": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["country", "admin1", "variants"],
                "properties": _VARIANT,
            },
        },
        "places": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["country", "name", "variants"],
                "properties": {
                    **_VARIANT,
                    "admin2": _WORD,
                    "name": _WORD,
                    "lat": {"type": "number"},
                    "lon": {"type": "number"},
                    "population": {"type": "integer"},
                    "precision": {"enum": ["place", "admin2"]},
                },
            },
        },
    },
}


def _words(data: Any, names: Any) -> Any:
    """``(list name, index, word)`` of every string in the named lists of a parsed file."""
    for name in names:
        words = data.get(name) if isinstance(data, dict) else None
        for i, word in enumerate(words if isinstance(words, list) else ()):
            if isinstance(word, str):
                yield name, i, word


def _repeated_cues(data: Any, lines: Any) -> list[Any]:
    first: dict[tuple[str, str], Any] = {}
    out: list[Any] = []
    for name, i, word in _words(data, CUE_LISTS):
        line = lines.of((name, i))
        if (name, fold(word)) in first:
            out.append((line, f"'{word}' repeats line {first[name, fold(word)]} in '{name}'"))
        first.setdefault((name, fold(word)), line)
    return out


def read_cues(path: Path) -> dict[str, frozenset[str]]:
    """cues.yaml -> {list name: folded words}; multi-word cues keep their spaces."""
    data = load_yaml(path, CUES_SCHEMA, filename=path.name, check=_repeated_cues)
    return {name: frozenset(map(fold, words)) for name, words in data.items()}


def _repeated_stopwords(data: Any, lines: Any) -> list[Any]:
    first: dict[str, Any] = {}
    out: list[Any] = []
    for name, i, word in _words(data, STOP_LISTS):
        line = lines.of((name, i))
        if exact_key(word) in first:
            out.append((line, f"'{word}' is already listed at line {first[exact_key(word)]}"))
        first.setdefault(exact_key(word), line)
    return out


def read_stopwords(path: Path) -> dict[str, str]:
    """stopwords.yaml -> {exact key: list name}; a word may sit in one list only."""
    data = load_yaml(path, STOPWORDS_SCHEMA, filename=path.name, check=_repeated_stopwords)
    return {exact_key(word): name for name, _, word in _words(data, STOP_LISTS)}


def _check_countries(data: Any, lines: Any) -> list[Any]:
    """Codes pycountry lacks need a name; a demonym points to one country only."""
    out: list[Any] = []
    demonyms: dict[str, Any] = {}
    iso = {c.alpha_2 for c in pycountry.countries}
    for cc, entry in data.items() if isinstance(data, dict) else ():
        if not isinstance(entry, dict):
            continue
        if cc not in iso and "name" not in entry:
            out.append((lines.key((cc,)), f"'{cc}' is not an ISO 3166 alpha-2 code known to pycountry; give it a name"))
        for _, i, word in _words(entry, ("demonyms",)):
            other = demonyms.setdefault(exact_key(word), cc)
            if other != cc:
                out.append((lines.of((cc, "demonyms", i)), f"'{word}' already points to {other}"))
    return out


def read_countries(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """pycountry + countries.yaml -> ({cc: common name}, {name key: cc}, {demonym key: cc})."""
    data = load_yaml(path, COUNTRIES_SCHEMA, filename=path.name, check=_check_countries)
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    keys: dict[str, str] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                keys.setdefault(exact_key(n), c.alpha_2)
    demonyms: dict[str, str] = {}
    for cc, entry in data.items():
        names[cc] = entry.get("name") or names[cc]
        for word in [names[cc], *entry.get("aliases", [])]:
            keys[exact_key(word)] = cc
        for word in entry.get("demonyms", []):
            demonyms[exact_key(word)] = cc
    return names, keys, demonyms


def read_variants(path: Path, country_keys: dict[str, str]) -> list[dict[str, Any]]:
    """variants.yaml -> entries with ``kind`` ("admin1" or "place"), ``cc`` and ``line``."""

    def known_countries(data: Any, lines: Any) -> Any:
        for section, entries in data.items() if isinstance(data, dict) else ():
            for i, entry in enumerate(entries if isinstance(entries, list) else ()):
                country = entry.get("country") if isinstance(entry, dict) else None
                if isinstance(country, str) and exact_key(country) not in country_keys:
                    yield lines.of((section, i, "country")), f"unknown country '{country}'"

    doc = validate_yaml(path, VARIANTS_SCHEMA, filename=path.name, check=known_countries)  # load_yaml + lines
    if doc.problems:
        raise LexiconError(doc.filename, doc.problems)
    return [
        {
            **entry,
            "kind": "admin1" if section == "admin1" else "place",
            "cc": country_keys[exact_key(entry["country"])],
            "line": doc.lines.of((section, i)),
        }
        for section, entries in doc.data.items()
        for i, entry in enumerate(entries)
    ]
