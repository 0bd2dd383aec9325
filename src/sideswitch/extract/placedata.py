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

The hand-written files (``lexicon/data/places/``), each validated on load;
a file with problems raises ``LexiconError(filename, [(line, message), ...])``:

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

import jellyfish
import pycountry
import yaml
from rapidfuzz import fuzz

from ..errors import LexiconError

__all__ = ["fold", "exact_key", "phonetic_key", "near", "read_cues", "read_stopwords", "read_countries",
           "read_variants", "CUE_LISTS", "STOP_LISTS", "MIN_PHONETIC"]

# A phonetic hit is kept only when the article-free exact keys score at least this
# (rapidfuzz ratio, 0-100). 70 admits "sarepol"/"saripul" and "helmand"/"hilmend"
# (71 each), which 80 would lose. It alone does not stop "syrian"/"siran" (73):
# demonyms are never looked up as places, and a town found by sound must also
# share its first letter (Gazetteer tables, ``_initial``).
NEAR_RATIO = 70
# Phonetic keys shorter than this are too unspecific to search ("LK", "KN").
MIN_PHONETIC = 3

ARTICLES = frozenset("al el ul ez az as ad ar an at ash ath adh ed es er en et".split())
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe",
                          "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "ð": "d", "ħ": "h"})
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


_SCALARS = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float,
            "tag:yaml.org,2002:null": lambda v: None,
            "tag:yaml.org,2002:bool": lambda v: v.lower() in ("true", "yes", "on")}
CUE_LISTS = ("locative", "place_nouns", "admin1_words", "admin2_words", "facility_words",
             "modifiers", "titles", "connectors", "speech_verbs", "group_words")
STOP_LISTS = ("common_words", "personal_names", "organisations")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when built in: 5x faster, same nodes


def _compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError as exc:
        raise LexiconError(path.name, [(None, f"cannot read it ({exc})")]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LexiconError(path.name, [(mark.line + 1 if mark else None, str(getattr(exc, "problem", exc)))]) from exc


def _py(node: yaml.Node):
    """Plain Python value of a composed node."""
    if isinstance(node, yaml.MappingNode):
        return {_py(k): _py(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_py(v) for v in node.value]
    return _SCALARS.get(node.tag, str)(node.value)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _string_lists(path: Path, names: tuple[str, ...]) -> tuple[dict[str, list[tuple[str, int]]], list]:
    """A mapping of named lists of strings -> {name: [(string, line)]}, problems."""
    root, problems, out = _compose(path), [], {}
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError(path.name, [(None, "expected a mapping of lists")])
    for key, value in root.value:
        if key.value not in names:
            problems.append((_line(key), f"unknown list '{key.value}' (expected: {', '.join(names)})"))
        elif not isinstance(value, yaml.SequenceNode):
            problems.append((_line(value), f"'{key.value}' must be a list"))
        else:
            out[key.value] = [(item.value, _line(item)) for item in value.value if isinstance(item, yaml.ScalarNode)]
            problems += [(_line(i), "expected a string") for i in value.value if not isinstance(i, yaml.ScalarNode)]
    problems += [(None, f"missing list '{n}'") for n in names if n not in out]
    return out, problems


def read_cues(path: Path) -> dict[str, frozenset[str]]:
    """cues.yaml -> {list name: folded words}; multi-word cues keep their spaces."""
    lists, problems = _string_lists(path, CUE_LISTS)
    out = {}
    for name, items in lists.items():
        seen = {}
        for word, line in items:
            if fold(word) in seen:
                problems.append((line, f"'{word}' repeats line {seen[fold(word)]} in '{name}'"))
            seen.setdefault(fold(word), line)
        out[name] = frozenset(seen)
    if problems:
        raise LexiconError(path.name, problems)
    return out


def read_stopwords(path: Path) -> dict[str, str]:
    """stopwords.yaml -> {exact key: list name}; a word may sit in one list only."""
    lists, problems = _string_lists(path, STOP_LISTS)
    out, where = {}, {}
    for name, items in lists.items():
        for word, line in items:
            key = exact_key(word)
            if key in out:
                problems.append((line, f"'{word}' is already listed at line {where[key]}"))
            else:
                out[key], where[key] = name, line
    if problems:
        raise LexiconError(path.name, problems)
    return out


def read_countries(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """pycountry + countries.yaml -> ({cc: common name}, {name key: cc}, {demonym key: cc})."""
    root, problems = _compose(path), []
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    keys: dict[str, str] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                keys.setdefault(exact_key(n), c.alpha_2)
    demonyms: dict[str, str] = {}
    for cc_node, body in root.value if isinstance(root, yaml.MappingNode) else []:
        cc, entry, line = cc_node.value, _py(body), _line(cc_node)
        if not isinstance(entry, dict) or set(entry) - {"name", "aliases", "demonyms"}:
            problems.append((line, f"'{cc}' needs a mapping with name, aliases, demonyms"))
            continue
        if cc not in names and "name" not in entry:
            problems.append((line, f"'{cc}' is not an ISO 3166 alpha-2 code known to pycountry; give it a name"))
            continue
        names[cc] = entry.get("name") or names[cc]
        for table, words in ((keys, [names[cc], *entry.get("aliases", [])]), (demonyms, entry.get("demonyms", []))):
            for word in words:
                other = table.get(exact_key(str(word)))
                if other not in (None, cc) and table is demonyms:
                    problems.append((line, f"'{word}' already points to {other}"))
                table[exact_key(str(word))] = cc
    if problems:
        raise LexiconError(path.name, problems)
    return names, keys, demonyms


def read_variants(path: Path, country_keys: dict[str, str]) -> list[dict]:
    """variants.yaml -> entries with ``kind`` ("admin1" or "place"), ``cc`` and ``line``."""
    root, problems, out = _compose(path), [], []
    sections = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    allowed = {"admin1": {"country", "admin1", "variants"},
               "places": {"country", "admin1", "admin2", "name", "variants", "lat", "lon", "population", "precision"}}
    for section, node in sections.items():
        for item in node.value if isinstance(node, yaml.SequenceNode) else []:
            entry, line = _py(item), _line(item)
            if not isinstance(entry, dict):
                problems.append((line, "expected a mapping"))
                continue
            cc = country_keys.get(exact_key(str(entry.get("country", ""))))
            wrong = set(entry) - allowed.get(section, set())
            need = ["country", "variants", "admin1" if section == "admin1" else "name"]
            if section not in allowed:
                problems.append((line, f"unknown section '{section}' (expected: admin1, places)"))
            elif wrong:
                problems.append((line, f"unknown field(s) {', '.join(sorted(wrong))}"))
            elif any(f not in entry for f in need):
                problems.append((line, f"needs {', '.join(need)}"))
            elif cc is None:
                problems.append((line, f"unknown country '{entry['country']}'"))
            elif not isinstance(entry["variants"], list) or not all(isinstance(v, str) for v in entry["variants"]):
                problems.append((line, "variants must be a list of strings"))
            elif entry.get("precision", "place") not in ("place", "admin2"):
                problems.append((line, "precision must be place or admin2"))
            else:
                out.append({**entry, "kind": "admin1" if section == "admin1" else "place", "cc": cc, "line": line})
    if problems:
        raise LexiconError(path.name, problems)
    return out
