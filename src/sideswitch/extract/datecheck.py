"""Validation of date-word files: every problem at once, each with its line.

A language file (``lexicon/data/dates/<lang>.yaml``) must have the keys of
:data:`FIELDS`; lists must hold non-empty strings, group keys must be known,
no phrase may sit under two keys of one group, and the YAML may not give a
key twice. Problems come back as ``[(line, message)]`` for
:class:`~sideswitch.errors.LexiconError`:

>>> data, lines, problems = read_yaml("language: en\\nmonths: {1: [january], 1: [jan]}\\n", "x.yaml")
>>> problems
[(2, "'1' is given twice")]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..errors import LexiconError

__all__ = ["FIELDS", "KINDS", "RELATIVE_KEYS", "UNIT_KEYS", "MODIFIER_KEYS",
           "read_yaml", "check_language", "is_words", "norm"]

# How a pattern's match is resolved (one resolver each in dateresolve.py).
KINDS = ("full_date", "day_month", "month_year", "month", "year", "year_range", "decade",
         "weekday", "relative", "ago", "past_span", "later", "earlier", "next", "previous",
         "same", "then", "holiday")
RELATIVE_KEYS = ("today", "yesterday", "day_before_yesterday", "overnight", "this_week", "last_week",
                 "weekend", "last_weekend", "this_month", "last_month", "this_year", "last_year",
                 "recently", "recent_days", "recent_weeks", "recent_months")
UNIT_KEYS = ("day", "week", "fortnight", "month", "year")
MODIFIER_KEYS = ("approx", "since", "before", "after", "last")


@dataclass(frozen=True)
class _Field:
    required: bool
    type: str                      # code | bool | words | groups | numbers | patterns
    keys: tuple = ()               # allowed group keys (empty: any)
    required_keys: tuple = ()


_MONTHS, _DAYS = tuple(range(1, 13)), tuple(range(1, 8))
FIELDS = {
    "language": _Field(True, "code"),
    "capitalized_months": _Field(False, "bool"),
    "months": _Field(True, "groups", _MONTHS, _MONTHS),
    "month_abbreviations": _Field(False, "groups", _MONTHS),
    "weekdays": _Field(True, "groups", _DAYS, _DAYS),
    "weekday_abbreviations": _Field(False, "groups", _DAYS),
    "ordinal_suffixes": _Field(False, "words"),
    "daytimes": _Field(False, "groups", ("night", "day")),
    "numbers": _Field(True, "numbers"),
    "vague_counts": _Field(False, "groups", ("few", "couple", "several")),
    "units": _Field(True, "groups", UNIT_KEYS, ("day", "week", "month", "year")),
    "parts": _Field(True, "groups", ("early", "mid", "late"), ("early", "mid", "late")),
    "count_qualifiers": _Field(False, "groups", ("over", "under", "about")),
    "modifiers": _Field(False, "groups", MODIFIER_KEYS),
    "post_modifiers": _Field(False, "groups", MODIFIER_KEYS),
    "prepositions": _Field(False, "words"),
    "fillers": _Field(False, "words"),
    "cues": _Field(True, "words"),
    "year_joiners": _Field(False, "words"),
    "relative": _Field(True, "groups", RELATIVE_KEYS),
    "holidays": _Field(False, "groups"),
    "patterns": _Field(True, "patterns", KINDS),
    "reporting": _Field(False, "words"),
    "event_cues": _Field(False, "words"),
    "dateline_cues": _Field(False, "words"),
    "copyright": _Field(False, "words"),
}


def norm(text: str) -> str:
    """Lookup key of a phrase: lower case, one space, plain apostrophe, no final dot."""
    text = text.replace("\u2019", "'").lower()
    return " ".join(re.split(r"[\s\-]+", text.strip())).rstrip(".")


def _index(node, path, lines, problems):
    """Record the line of every value under ``path``; report duplicate keys."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                problems.append((key.start_mark.line + 1, f"'{name}' is given twice"))
            seen.add(name)
            lines[path + (name,)] = key.start_mark.line + 1
            _index(value, path + (name,), lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _index(item, path + (i,), lines, problems)


def read_yaml(text: str, filename: str) -> tuple[object, dict, list]:
    """``(data, lines, problems)``: the YAML, the line of each path, duplicate keys.

    A file that is not YAML at all raises :class:`LexiconError` at once.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LexiconError(filename, [(mark.line + 1 if mark else None,
                                       f"not valid YAML ({getattr(exc, 'problem', None) or exc})")]) from None
    lines, problems = {}, []
    if node is not None:
        _index(node, (), lines, problems)
    return data, lines, problems


def is_words(value) -> bool:
    """A list of non-empty strings?"""
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


def _check_groups(data, name, spec: _Field, at, problems):
    value = data[name]
    if not isinstance(value, dict):
        problems.append((at(name), f"{name} must be a mapping"))
        return
    if spec.keys:
        for k in value:
            if k not in spec.keys:
                problems.append((at(name, str(k)), f"{name} has unknown key '{k}' (expected: "
                                 + ", ".join(map(str, spec.keys)) + ")"))
    for k in spec.required_keys:
        if k not in value:
            problems.append((at(name), f"{name} is missing {k}"))
    owner = {}
    for k, words in value.items():
        if not is_words(words):
            problems.append((at(name, str(k)), f"{name}.{k} must be a list of non-empty strings"))
            continue
        if spec.type != "groups":
            continue
        for i, w in enumerate(words):
            if owner.setdefault(norm(w), k) != k:
                problems.append((at(name, str(k), i),
                                 f"'{w}' is listed under {name}.{owner[norm(w)]} and {name}.{k}"))


def check_language(data, lines, holiday_ids) -> list:
    """Every problem of one language file's data, as ``[(line, message)]``."""
    at = lambda *path: lines.get(path) or lines.get(path[:1])   # noqa: E731
    problems = []
    if not isinstance(data, dict):
        return [(1, "the file must be a mapping of the keys of en.yaml")]
    for name in data:
        if name not in FIELDS:
            problems.append((at(name), f"unknown key '{name}' (expected: {', '.join(FIELDS)})"))
    for name, spec in FIELDS.items():
        if name not in data:
            if spec.required:
                problems.append((None, f"missing required key '{name}'"))
            continue
        value = data[name]
        if spec.type == "code" and not (isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}", value)):
            problems.append((at(name), f"{name} must be a language code like 'en'"))
        elif spec.type == "bool" and not isinstance(value, bool):
            problems.append((at(name), f"{name} must be true or false"))
        elif spec.type == "words" and not is_words(value):
            problems.append((at(name), f"{name} must be a list of non-empty strings"))
        elif spec.type == "numbers" and not (isinstance(value, dict) and all(
                isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 100 for n in value.values())):
            problems.append((at(name), f"{name} must map words to whole numbers from 1 to 100"))
        elif spec.type in ("groups", "patterns"):
            _check_groups(data, name, spec, at, problems)
    for k in (data.get("holidays") or {}) if isinstance(data.get("holidays"), dict) else ():
        if k not in holiday_ids:
            problems.append((at("holidays", str(k)), f"holiday '{k}' has no rule in holidays.yaml"))
    return problems
