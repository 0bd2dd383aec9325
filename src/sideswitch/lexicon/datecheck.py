"""The schema of date-word files, and the checks a schema cannot state.

A language file (``lexicon/data/dates/<lang>.yaml``) is read by
:func:`sideswitch.lexicon.loader.load_yaml` against :data:`SCHEMA` (required
keys, word lists of non-empty strings, numbers from 1 to 100...), with
:func:`check_language` as its ``check`` hook: the keys a group may and must
have, no phrase under two keys of one group, holidays that have a rule.
Every problem comes back as ``(line, message)``:

>>> from sideswitch.lexicon.loader import validate_yaml
>>> text = "parts: {early: [early], mid: [mid, early]}\\n"
>>> validate_yaml("x.yaml", {}, text=text, check=lambda d, ln: check_language(d, ln, set())).problems
[(1, 'parts is missing late'), (1, "'early' is listed under parts.early and parts.mid")]
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "KINDS",
    "RELATIVE_KEYS",
    "UNIT_KEYS",
    "MODIFIER_KEYS",
    "GROUPS",
    "SCHEMA",
    "check_language",
    "is_words",
    "norm",
]

# How a pattern's match is resolved (one resolver each in dateresolve.py).
KINDS = (
    "full_date",
    "day_month",
    "month_year",
    "month",
    "year",
    "year_range",
    "decade",
    "weekday",
    "relative",
    "ago",
    "past_span",
    "later",
    "earlier",
    "next",
    "previous",
    "same",
    "then",
    "holiday",
)
RELATIVE_KEYS = (
    "today",
    "yesterday",
    "day_before_yesterday",
    "overnight",
    "this_week",
    "last_week",
    "weekend",
    "last_weekend",
    "this_month",
    "last_month",
    "this_year",
    "last_year",
    "recently",
    "recent_days",
    "recent_weeks",
    "recent_months",
)
UNIT_KEYS = ("day", "week", "fortnight", "month", "year")
MODIFIER_KEYS = ("approx", "since", "before", "after", "last")

_MONTHS, _DAYS = tuple(range(1, 13)), tuple(range(1, 8))
# Groups of word lists: name -> (keys allowed (empty: any), keys required, required group?)
GROUPS = {
    "months": (_MONTHS, _MONTHS, True),
    "month_abbreviations": (_MONTHS, (), False),
    "weekdays": (_DAYS, _DAYS, True),
    "weekday_abbreviations": (_DAYS, (), False),
    "daytimes": (("night", "day"), (), False),
    "vague_counts": (("few", "couple", "several"), (), False),
    "units": (UNIT_KEYS, ("day", "week", "month", "year"), True),
    "parts": (("early", "mid", "late"), ("early", "mid", "late"), True),
    "count_qualifiers": (("over", "under", "about"), (), False),
    "modifiers": (MODIFIER_KEYS, (), False),
    "post_modifiers": (MODIFIER_KEYS, (), False),
    "relative": (RELATIVE_KEYS, (), True),
    "holidays": ((), (), False),
    "patterns": (KINDS, (), True),  # regular expressions, filed by kind
}
# Plain word lists: name -> required?
_WORD_LISTS = {
    "ordinal_suffixes": False,
    "prepositions": False,
    "fillers": False,
    "cues": True,
    "year_joiners": False,
    "when_clauses": False,
    "reporting": False,
    "event_cues": False,
    "dateline_cues": False,
    "copyright": False,
}

_WORDS = {"type": "array", "items": {"type": "string", "pattern": r"\S", "x-message": "{label} is empty"}}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "language",
        "numbers",
        *(k for k, (_, _, req) in GROUPS.items() if req),
        *(k for k, req in _WORD_LISTS.items() if req),
    ],
    "properties": {
        "language": {
            "type": "string",
            "pattern": "^[a-z]{2,3}$",
            "x-message": "language must be a language code like 'en'",
        },
        "capitalized_months": {"type": "boolean"},
        "numbers": {
            "type": "object",
            "additionalProperties": {
                "type": "integer",
                "minimum": 1,
                "maximum": 100,
                "x-message": "number word '{label}' must be a whole number from 1 to 100",
            },
        },
        **{k: {"type": "object", "additionalProperties": _WORDS} for k in GROUPS},
        **{k: _WORDS for k in _WORD_LISTS},
    },
}


def norm(text: str) -> str:
    """Lookup key of a phrase: lower case, one space, plain apostrophe, no final dot."""
    text = text.replace("\u2019", "'").lower()
    return " ".join(re.split(r"[\s\-]+", text.strip())).rstrip(".")


def is_words(value: Any) -> bool:
    """A list of non-empty strings?"""
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


def _check_group(name: str, value: dict[str, Any], lines: Any) -> list[Any]:
    keys, required, _ = GROUPS[name]
    problems = [
        (lines.key((name, k)), f"{name} has unknown key '{k}' (expected: {', '.join(map(str, keys))})")
        for k in value
        if keys and k not in keys
    ]
    problems += [(lines.key((name,)), f"{name} is missing {k}") for k in required if k not in value]
    owner: dict[str, Any] = {}
    for k, words in value.items():
        for i, w in enumerate(words if is_words(words) and name != "patterns" else ()):
            if owner.setdefault(norm(w), k) != k:
                where = f"{name}.{owner[norm(w)]} and {name}.{k}"
                problems.append((lines.of((name, k, i)), f"'{w}' is listed under {where}"))
    return problems


def check_language(data: Any, lines: Any, holiday_ids: Any) -> list[Any]:
    """What :data:`SCHEMA` cannot say about one language file, as ``[(line, message)]``."""
    if not isinstance(data, dict):
        return []  # the schema reports it
    problems = []
    for name in GROUPS:
        if isinstance(data.get(name), dict):
            problems += _check_group(name, data[name], lines)
    for k in data["holidays"] if isinstance(data.get("holidays"), dict) else ():
        if k not in holiday_ids:
            problems.append((lines.key(("holidays", k)), f"holiday '{k}' has no rule in holidays.yaml"))
    return problems
