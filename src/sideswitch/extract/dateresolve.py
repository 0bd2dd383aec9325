"""Calendar arithmetic of date resolution: one matched expression -> a window of days.

A match (:class:`Hit`, found by ``dates.py``) has a *kind* (how it is
resolved), *fields* (day, month, year, weekday, count, unit, part, ...) and
maybe a *modifier* ("around", "since", "before", "after", "last"). The kind
gives a base window, the part (early/mid/late) narrows it, the modifier
moves or widens it, and the publication date clips it: a reported act is in
the past, so nothing may end after ``published``; a window that would start
after it is no date of a past act and gives None.

Published 2013-09-19 (a Thursday):

    "on Sunday"              -> 2013-09-15 .. 2013-09-15
    "Saturday night"         -> 2013-09-14 .. 2013-09-15   (the night runs into Sunday)
    "late July"              -> 2013-07-21 .. 2013-07-31
    "late July last year"    -> 2012-07-21 .. 2012-07-31
    "two weeks ago"          -> 2013-09-02 .. 2013-09-08   (14 days +/- 3)
    "just over a week ago"   -> 2013-09-09 .. 2013-09-12
    "sometime before 1998"   -> 1994-01-01 .. 1997-12-31
    "since March 2011"       -> 2011-03-01 .. 2013-09-19
    "around October 16 2001" -> 2001-10-09 .. 2001-10-23
    "early this year"        -> 2013-01-01 .. 2013-05-31
    "in 2014"                -> None (after publication)

With the previous event's window as context (2013-07-21 .. 2013-07-31):

    "a few weeks later"      -> 2013-08-01 .. 2013-09-14   (2..6 weeks +/- 3 days)
    "the next day"           -> 2013-07-22 .. 2013-08-01
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from ..lexicon.dateholidays import holidays

__all__ = ["Hit", "Ref", "resolve", "CONTEXT_KINDS", "VAGUE_COUNTS"]

# --- Tuned choices -------------------------------------------------------
# Vague counts as (min, max). "a few" is 2..6 (3 is the typical reading, but
# annotators accept up to half a dozen); "a couple" 2..3; "several" 3..7.
VAGUE_COUNTS = {"few": (2, 6), "couple": (2, 3), "several": (3, 7)}
# "N units ago/later" is rarely exact beyond days: +/- this many days
# ("two weeks ago" -> 11..17 days back). Days are taken as exact.
UNIT_SLACK_DAYS = {"day": 0, "week": 3, "fortnight": 3, "month": 15, "year": 183}
# "recently" and "in recent days/weeks/months": how far back from publication.
# 30 days follows news usage (older acts are dated explicitly); the gold
# corpora never date a "recently" act more than a month back.
RECENT_DAYS = {"recently": 30, "recent_days": 7, "recent_weeks": 42, "recent_months": 183}
# "around <date>": +/- a week, as the guidelines annotate "around October 16".
APPROX_DAYS = 7
# "before 1998" has no lower bound in the text; we take 4 units of the
# expression's own precision (1994-01-01 .. 1997-12-31), at least 30 days.
# Wider guesses make the window useless; narrower ones often miss.
# "after X" mirrors it (capped at publication).
LOOKAROUND = {"year": relativedelta(years=4), "decade": relativedelta(years=10), "month": relativedelta(months=4)}
LOOKAROUND_MIN = timedelta(days=30)
# early/mid/late of a period. Months in thirds (1-10, 11-20, 21-end); years
# overlap because "early this year" is annotated as January..May.
PART_DAYS_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS_OF_YEAR = {"early": (1, 5), "mid": (4, 9), "late": (8, 12)}
PART_DAYS_OF_WEEK = {"early": (0, 2), "mid": (1, 4), "late": (3, 6)}  # Monday = 0
PART_YEARS_OF_DECADE = {"early": (0, 3), "mid": (3, 7), "late": (6, 9)}

# Kinds that count from the previous event rather than from publication.
CONTEXT_KINDS = frozenset({"later", "earlier", "next", "previous", "same", "then"})
_DAY = timedelta(days=1)


@dataclass(slots=True)
class Hit:
    """One expression found in a text: what it is and where."""

    kind: str
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)  # slot -> int, word or (min, max)
    modifier: str | None = None


@dataclass(frozen=True)
class Ref:
    """What a relative expression counts from."""

    published: date | None = None
    context: tuple[date, date] | None = None  # (earliest, latest) of the previous event
    year_rel: str | None = None  # "last_year"/"this_year" said in the same sentence


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift(d: date, unit: str, n: int) -> date:
    if unit in ("month", "year"):
        return d + (relativedelta(months=n) if unit == "month" else relativedelta(years=n))
    return d + timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])


def _period(d: date, unit: str) -> tuple[date, date]:
    """The calendar day/week/month/year that contains ``d``."""
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return d.replace(day=1), _month_end(d.year, d.month)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    return d, d


def _year(ref: Ref, month: int, day: int | None, strict: bool = False) -> int | None:
    """Year of a month (and day) given without one: the latest not after publication."""
    pub = ref.published
    if pub is None:
        return None
    if ref.year_rel:
        return pub.year - (ref.year_rel == "last_year")
    later = (month, day) > (pub.month, pub.day) if day else month > pub.month
    return pub.year - (later or (strict and month == pub.month))


def _days(y: int | None, f: dict) -> tuple[date, date, str] | None:
    """The day (or "14-15 August" range of days) of ``f`` in year ``y``."""
    try:
        first = date(y, f["month"], f["day"]) if y else None
        last = first.replace(day=f.get("day2", f["day"])) if first else None
    except ValueError:
        return None
    return (first, last, "day") if first and last and first <= last else None


def _full_date(f, ref, mod):
    return _days(f.get("year"), f)


def _day_month(f, ref, mod):
    y = _year(ref, f["month"], f["day"])
    for back in range(8 if y else 0):  # 29 February: the latest year that has one
        found = _days(y - back, f)
        if found:
            return found
    return None


def _month(f, ref, mod):
    y = f.get("year") or _year(ref, f["month"], None, strict=mod == "last")
    return (date(y, f["month"], 1), _month_end(y, f["month"]), "month") if y else None


def _weekday(f, ref, mod):
    if ref.published is None:
        return None
    back = (ref.published.weekday() - f["weekday"]) % 7 or (7 if mod == "last" else 0)
    d = ref.published - timedelta(days=back)
    return d, d + _DAY * (f.get("daytime") == "night"), "day"


def _relative(f, ref, mod):
    pub, rel = ref.published, f["rel"]
    if pub is None:
        return None
    if rel in RECENT_DAYS:
        return pub - timedelta(days=RECENT_DAYS[rel]), pub, "span"
    if rel in ("today", "yesterday", "day_before_yesterday"):
        d = pub - _DAY * ("today", "yesterday", "day_before_yesterday").index(rel)
        return d, d, "day"
    if rel == "overnight":
        return pub - _DAY, pub, "span"
    if rel in ("weekend", "last_weekend"):
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        sat -= timedelta(days=7) * (rel == "last_weekend" and pub.weekday() >= 5)
        return sat, sat + _DAY, "span"
    unit = rel.split("_")[1]  # this_week, last_month, ...
    d = _shift(pub, unit, -1) if rel.startswith("last") else pub
    return (*_period(d, unit), unit)


def _count(f):
    return f.get("count") or (1, 1), f.get("unit") or "day", f.get("qual")


def _ago(f, ref, mod):
    pub = ref.published
    if pub is None:
        return None
    (lo, hi), unit, qual = _count(f)
    slack = timedelta(days=UNIT_SLACK_DAYS[unit])
    return (
        _shift(pub, unit, -hi) - slack * (qual != "under"),
        _shift(pub, unit, -lo) + slack * (qual != "over"),
        "span",
    )


def _past_span(f, ref, mod):
    (lo, hi), unit, _ = _count(f)
    return (_shift(ref.published, unit, -hi), ref.published, "span") if ref.published else None


def _later(f, ref, mod, sign=1):
    if ref.context is None:
        return None
    (lo, hi), unit, qual = _count(f)
    slack = timedelta(days=UNIT_SLACK_DAYS[unit])
    c0, c1 = ref.context
    if sign > 0:
        return _shift(c0, unit, lo) - slack * (qual != "over"), _shift(c1, unit, hi) + slack * (qual != "under"), "span"
    return _shift(c0, unit, -hi) - slack * (qual != "under"), _shift(c1, unit, -lo) + slack * (qual != "over"), "span"


def _next(f, ref, mod, sign=1):
    if ref.context is None:
        return None
    unit = f.get("unit") or "day"
    c0, c1 = ref.context
    return _period(_shift(c0, unit, sign), unit)[0], _period(_shift(c1, unit, sign), unit)[1], "span"


def _same(f, ref, mod):
    if ref.context is None:
        return None
    unit = f.get("unit") or "day"
    return _period(ref.context[0], unit)[0], _period(ref.context[1], unit)[1], "span"


def _then(f, ref, mod):
    return (ref.context[0], ref.published, "span") if ref.context and ref.published else None


def _holiday(f, ref, mod):
    rules = holidays()
    rule, pub = rules[f["holiday"]], ref.published
    if f.get("year"):
        found = rule.windows(f["year"], rules)
    elif pub is None:
        return None
    elif ref.year_rel:
        found = rule.windows(pub.year - (ref.year_rel == "last_year"), rules)
    else:
        found = [w for y in (pub.year, pub.year - 1) for w in rule.windows(y, rules) if w[0] <= pub]
    return (*max(found), "span") if found else None


_BASE = {
    "full_date": _full_date,
    "day_month": _day_month,
    "weekday": _weekday,
    "holiday": _holiday,
    "month_year": _month,
    "month": _month,
    "relative": _relative,
    "ago": _ago,
    "past_span": _past_span,
    "year": lambda f, ref, mod: (date(f["year"], 1, 1), date(f["year"], 12, 31), "year"),
    "year_range": lambda f, ref, mod: (date(f["year"], 1, 1), date(f["year2"], 12, 31), "span"),
    "decade": lambda f, ref, mod: (date(f["decade"], 1, 1), date(f["decade"] + 9, 12, 31), "decade"),
    "later": _later,
    "earlier": lambda f, ref, mod: _later(f, ref, mod, -1),
    "next": _next,
    "previous": lambda f, ref, mod: _next(f, ref, mod, -1),
    "same": _same,
    "then": _then,
}


def _part(e: date, l: date, unit: str, part: str) -> tuple[date, date]:
    if unit == "month":
        a, b = PART_DAYS_OF_MONTH[part]
        return e.replace(day=a), min(l, e.replace(day=min(b, l.day)))
    if unit == "year":
        a, b = PART_MONTHS_OF_YEAR[part]
        return date(e.year, a, 1), _month_end(e.year, b)
    if unit == "week":
        a, b = PART_DAYS_OF_WEEK[part]
        return e + timedelta(days=a), e + timedelta(days=b)
    if unit == "decade":
        a, b = PART_YEARS_OF_DECADE[part]
        return date(e.year + a, 1, 1), date(e.year + b, 12, 31)
    return e, l


def _modify(e: date, l: date, unit: str, mod: str | None, pub: date | None):
    reach = LOOKAROUND.get(unit)
    if mod == "approx":
        return e - timedelta(days=APPROX_DAYS), l + timedelta(days=APPROX_DAYS)
    if mod == "since":
        return (e, pub) if pub else None
    if mod == "before":
        return min(e - reach, e - LOOKAROUND_MIN) if reach else e - LOOKAROUND_MIN, e - _DAY
    if mod == "after":
        return l + _DAY, max(l + reach, l + LOOKAROUND_MIN) if reach else l + LOOKAROUND_MIN
    return e, l


def resolve(hit: Hit, ref: Ref) -> tuple[date, date] | None:
    """``(earliest, latest)`` of ``hit`` or None when ``ref`` cannot bound it."""
    try:
        base = _BASE[hit.kind](hit.fields, ref, hit.modifier)
    except (ValueError, OverflowError, KeyError):
        return None
    if base is None:
        return None
    e, l, unit = base
    if hit.fields.get("part"):
        e, l = _part(e, l, unit, hit.fields["part"])
    bounds = _modify(e, l, unit, hit.modifier, ref.published)
    if bounds is None:
        return None
    e, l = bounds
    if ref.published is not None:
        l = min(l, ref.published)
    return (e, l) if e <= l else None
