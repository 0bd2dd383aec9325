"""Date words per language (``lexicon/data/dates/<lang>.yaml``), validated and compiled.

Adding a language is adding one YAML file with the keys of ``en.yaml``; no
code changes. Each file is checked on load and every problem is reported at
once, with its line, as a :class:`~sideswitch.errors.LexiconError`::

    Error: lexicon 'dates/xx.yaml' has 2 problems:
      - line 14: months is missing 12
      - line 80: pattern 'in {monht}' uses unknown slot {monht} (slots: day, day2, ...)

Patterns are regular expressions filed under the *kind* that says how a match
is resolved (``dates.py``); ``{slot}`` stands for one of :data:`SLOTS` and a
space for ``\\s+``. Word lists are literal: case-insensitive, a space matches
any whitespace and a hyphen a hyphen or a space. Named days come with their
calendar rules from ``holidays.yaml`` (shared by every language).

>>> words = date_words("en")
>>> words.lookup["month"]["sept"], words.lookup["relative"]["last week"]
(9, 'last_week')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import LexiconError
from ..lexicon.loader import load_yaml
from .datecheck import GROUPS, KINDS, SCHEMA, check_language, norm
from .datecheck import is_words as _is_words
from .dateholidays import data_dir, holidays

__all__ = ["DateWords", "SLOTS", "KINDS", "date_words", "compile_date_words", "available_languages", "norm"]

# Slots a pattern may use; each stands for a named group built from the word lists.
SLOTS = (
    "day",
    "day2",
    "dd",
    "mm",
    "year",
    "year2",
    "decade",
    "month",
    "month_name",
    "weekday",
    "daytime",
    "count",
    "qual",
    "unit",
    "part",
    "relative",
    "holiday",
    "cue",
)

_SLOT_REF = re.compile(r"\{([a-z_0-9]*[a-z_][a-z_0-9]*)\}")


@dataclass(frozen=True)
class DateWords:
    """One language's date vocabulary, compiled. ``lookup[slot][norm(text)]`` -> value."""

    language: str
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    lookup: dict[str, Any]
    before: re.Pattern[str]  # a modifier, preposition or filler ending a string
    after: re.Pattern[str]  # a post-modifier starting a string
    since: re.Pattern[str]  # any 'since' word (looked for further back)
    joiner: re.Pattern[str]  # what may join a month to a following "last year"
    reporting: re.Pattern[str]
    event_cues: re.Pattern[str]
    dateline_cues: re.Pattern[str]
    copyright: re.Pattern[str]
    # right after a date: a clause told at that date ("since late July, when ..."), whose act the
    # date places exactly: a since/before/after word belongs to the main clause, not to it
    when_clause: re.Pattern[str] = re.compile(r"(?!x)x")


def _phrase(text: str, capital: bool = False, dot: bool = False) -> str:
    parts = [re.escape(p).replace("'", "['\u2019]") for p in re.split(r"[\s\-]+", text.strip()) if p]
    rx = r"[\s\-]+".join(parts)
    if capital and rx[:1].isalpha():
        rx = f"(?-i:{rx[0].upper()}){rx[1:]}"
    return rx + (r"\.?" if dot else "")


def _alternation(phrases: Any, capital: Any = False, dot: Any = False) -> str:
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(_phrase(p, capital, dot) for p in uniq) or "(?!)"


def _words_rx(phrases: Any, tail: str = "") -> re.Pattern[str]:
    """Whole-word alternation; an entry ending in * matches any word ending."""
    alts = [_phrase(p[:-1]) + r"\w*" if p.endswith("*") else _phrase(p) for p in phrases]
    body = "|".join(sorted(alts, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w){tail}", re.IGNORECASE)


def _spaces(template: str) -> str:
    """Turn spaces outside character classes into ``\\s+``."""
    out, in_class, escaped = [], False, False
    for ch in template:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[" or (ch == "]" and in_class):
            in_class = ch == "["
            out.append(ch)
        else:
            out.append(r"\s+" if ch == " " and not in_class else ch)
    return "".join(out)


def _groups(data: Any, key: Any) -> dict[str, Any]:
    value = data.get(key)
    return {k: list(v) for k, v in value.items() if _is_words(v)} if isinstance(value, dict) else {}


def _list(data: Any, key: Any) -> list[Any]:
    return list(data[key]) if _is_words(data.get(key)) else []


def _slots(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(slot regexes, lookups)`` of a language file (malformed entries are left out)."""
    g = {k: _groups(data, k) for k in GROUPS if k != "patterns"}
    numbers = data["numbers"] if isinstance(data.get("numbers"), dict) else {}
    cap = bool(data.get("capitalized_months"))
    look: dict[str, dict[str, Any]] = {
        "month": {},
        "weekday": {},
        "count": {},
        "qual": {},
        "unit": {},
        "part": {},
        "relative": {},
        "holiday": {},
        "daytime": {},
        "modifier": {},
        "post_modifier": {},
    }
    for src, slot in (
        ("months", "month"),
        ("month_abbreviations", "month"),
        ("weekdays", "weekday"),
        ("weekday_abbreviations", "weekday"),
        ("count_qualifiers", "qual"),
        ("units", "unit"),
        ("parts", "part"),
        ("relative", "relative"),
        ("holidays", "holiday"),
        ("daytimes", "daytime"),
        ("modifiers", "modifier"),
        ("post_modifiers", "post_modifier"),
        ("vague_counts", "count"),
    ):
        for key, phrases in g[src].items():
            for p in phrases:
                look[slot][norm(p)] = key
    for word, n in numbers.items():
        look["count"][norm(str(word))] = n
    names = [p for v in g["months"].values() for p in v]
    abbrs = [p for v in g["month_abbreviations"].values() for p in v]
    suffix = _alternation(_list(data, "ordinal_suffixes"))
    day = r"(?P<{}>3[01]|[12][0-9]|0?[1-9])(?:" + suffix + r")?(?![0-9])"
    year = r"(?P<{}>(?:1[89]|20)[0-9]{{2}})(?![0-9]|,[0-9])"

    def flat(key: str) -> list[Any]:
        return [p for v in g[key].values() for p in v]

    rx = {
        "day": day.format("day"),
        "day2": day.format("day2"),
        "dd": r"(?P<day>0[1-9]|[12][0-9]|3[01])",
        "mm": r"(?P<mm>0[1-9]|1[0-2])",
        "year": year.format("year"),
        "year2": year.format("year2"),
        "decade": r"(?P<decade>(?:1[89]|20)[0-9]0)['\u2019]?s",
        "month": f"(?P<month>{_alternation(names, cap)}|{_alternation(abbrs, cap, dot=True)})",
        "month_name": f"(?P<month>{_alternation(names, cap)})",
        "weekday": f"(?P<weekday>{_alternation(flat('weekdays'))})",
        "daytime": f"(?P<daytime>{_alternation(flat('daytimes'))})",
        "count": f"(?P<count>[0-9]{{1,3}}(?![0-9,])|{_alternation([str(w) for w in numbers] + flat('vague_counts'))})",
        "qual": f"(?P<qual>{_alternation(flat('count_qualifiers'))})",
        "unit": f"(?P<unit>{_alternation(flat('units'))})",
        "part": f"(?P<part>{_alternation(flat('parts'))})",
        "relative": f"(?P<rel>{_alternation(flat('relative'))})",
        "holiday": f"(?P<holiday>{_alternation(flat('holidays'))})",
        "cue": f"(?P<cue>{_alternation(_list(data, 'cues'))})",
    }
    return rx, look


def _compile(template: str, rx: dict[str, Any]) -> re.Pattern[str]:
    unknown = sorted({s for s in _SLOT_REF.findall(template) if s not in rx})
    if unknown:
        raise ValueError(f"uses unknown slot {{{unknown[0]}}} (slots: {', '.join(SLOTS)})")
    body = _SLOT_REF.sub(lambda m: rx[m.group(1)], _spaces(template))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w|-\w)", re.IGNORECASE)


def _patterns(data: dict[str, Any], rx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """``([(kind, regex)], [(path, message)])``: every pattern compiled, or why it cannot be."""
    compiled, problems = [], []
    patterns = data.get("patterns")
    for kind, templates in patterns.items() if isinstance(patterns, dict) else ():
        for i, template in enumerate(templates if _is_words(templates) else []):
            try:
                compiled.append((kind, _compile(template, rx)))
            except ValueError as exc:
                problems.append((("patterns", kind, i), f"pattern '{template}' {exc}"))
            except re.error as exc:
                problems.append(
                    (("patterns", kind, i), f"pattern '{template}' is not a valid regular expression ({exc})")
                )
    return compiled, problems


def _check(data: Any, lines: Any) -> list[Any]:
    """The ``check`` hook: cross-key checks, then every pattern compiled."""
    if not isinstance(data, dict):
        return []
    problems = check_language(data, lines, set(holidays()))
    return problems + [(lines.of(path), message) for path, message in _patterns(data, _slots(data)[0])[1]]


def compile_date_words(text: str, filename: str = "dates/<string>") -> DateWords:
    """Validate and compile one language file given as YAML text.

    Raises :class:`LexiconError` listing every problem with its line.
    """
    data = load_yaml(filename, SCHEMA, text=text, check=_check)
    rx, look = _slots(data)
    patterns = tuple(_patterns(data, rx)[0])
    lead = [*look["modifier"], *_list(data, "prepositions"), *_list(data, "fillers")]
    since = [p for p, kind in look["modifier"].items() if kind == "since"]
    return DateWords(
        language=data["language"],
        patterns=patterns,
        lookup=look,
        before=re.compile(rf"(?<!\w)({_alternation(lead)})\s*$", re.IGNORECASE),
        after=re.compile(rf"\s+({_alternation(list(look['post_modifier']))})(?!\w)", re.IGNORECASE),
        since=re.compile(rf"(?<!\w)(?:{_alternation(since)})(?!\w)", re.IGNORECASE),
        joiner=re.compile(rf"^[\s,]*(?:(?:{_alternation(_list(data, 'year_joiners'))})\s+)?$", re.IGNORECASE),
        when_clause=re.compile(rf"\s*,\s*(?:{_alternation(_list(data, 'when_clauses'))})(?!\w)", re.IGNORECASE)
        if _list(data, "when_clauses")
        else re.compile(r"(?!x)x"),
        reporting=_words_rx(_list(data, "reporting")),
        event_cues=_words_rx(_list(data, "event_cues")),
        dateline_cues=_words_rx(_list(data, "dateline_cues"), r"\W{0,3}$"),
        copyright=re.compile("|".join(map(re.escape, _list(data, "copyright"))) or "(?!)", re.IGNORECASE),
    )


def available_languages() -> tuple[str, ...]:
    """Codes of the languages that have a date file (``('en', 'es')``)."""
    return tuple(
        sorted(p.name[:-5] for p in data_dir().iterdir() if p.name.endswith(".yaml") and p.name != "holidays.yaml")
    )


@cache
def date_words(lang: str = "en") -> DateWords:
    """The compiled date words of ``lang`` ("en", "es", "en-GB" -> "en").

    Raises :class:`LexiconError` when the language has no file or its file has problems.
    """
    code = (lang or "en").lower().replace("_", "-").split("-")[0]
    path = data_dir() / f"{code}.yaml"
    if not path.is_file():
        raise LexiconError(
            f"dates/{code}.yaml",
            [(None, f"no date words for language '{lang}' (available: {', '.join(available_languages())})")],
        )
    words = compile_date_words(path.read_text(encoding="utf-8"), f"dates/{code}.yaml")
    if words.language != code:
        raise LexiconError(f"dates/{code}.yaml", [(None, f"language is '{words.language}', not '{code}'")])
    return words
