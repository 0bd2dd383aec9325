"""Date resolution stage: when did the reported act happen?

Every temporal expression in a sentence is found with the patterns of the
language's date words (``lexicon/data/dates/<lang>.yaml``) and resolved to
a window of days, counting from the publication date or, for "a few weeks
later" and "the next day", from the previous event's window. How each kind
of expression is resolved, and the tuned numbers, are in ``dateresolve.py``.

>>> from datetime import date
>>> pub = date(2013, 9, 19)                        # a Thursday
>>> [(w.text, str(w.earliest), str(w.latest)) for w in find_dates(
...     "Two officers deserted on Sunday and a third in late July last year.", pub)]
[('on Sunday', '2013-09-15', '2013-09-15'), ('late July last year', '2012-07-21', '2012-07-31')]
>>> event_window("The ministry said on Friday that 40 fighters surrendered on Wednesday.", pub).text
'on Wednesday'
>>> w = event_window("He had switched sides sometime before 1998.", pub); (str(w.earliest), str(w.latest))
('1994-01-01', '1997-12-31')
>>> later = event_window("Nine guards defected a few weeks later.", None, context=DateWindow(
...     date(2013, 7, 21), date(2013, 7, 31), "late July", 0, 9)); (str(later.earliest), str(later.latest))
('2013-08-01', '2013-09-14')
>>> find_dates("El sábado por la noche, hace dos semanas, desertaron.", date(2019, 2, 23), "es")[0].to_contract()
{'earliest': '2019-02-23', 'latest': '2019-02-23', 'text': 'El sábado por la noche'}
>>> find_dates("A unit of 4,000 men, the 33rd battalion, flew Mi-8s with AK-47s.", pub)
[]
>>> published_from_text("Some headline\\nSeptember 19, 2013\\nBody text.\\n(c) 2025 Outlet. All rights reserved.")
datetime.date(2013, 9, 19)
>>> parse_published("2013-09-19"), parse_published("19/09/2013")   # ISO only: ingest normalizes
(datetime.date(2013, 9, 19), None)

Choosing the event's window (:func:`event_window`): an expression right
after a reporting verb ("officials said on Monday") dates the report, not
the act, and is only used when nothing else is left (then widened a week
back, since the act came before its report); among the rest, a window that
contains another is dropped (the other refines it), context-relative
expressions come last, and the expression nearest an act word
(defect*, surrender*, ...) wins, then the narrowest.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..lexicon.datewords import DateWords, available_languages, date_words, norm
from .dateresolve import CONTEXT_KINDS, VAGUE_COUNTS, Hit, Ref, resolve

__all__ = ["DateWindow", "parse_published", "find_dates", "event_window", "published_from_text"]

# --- Tuned choices -------------------------------------------------------
# A date this many words or fewer after a reporting verb ("told NBC News on
# Tuesday") belongs to the report. 6 covers a named outlet in between; more
# starts to catch the act verb of a following clause.
REPORT_REACH_WORDS = 6
# When only report dates are left, the act is taken to lie up to a week
# before the report (news reports acts within days).
REPORTED_LOOKBACK_DAYS = 7
# "since" further back than the date itself ("defections since the revolt
# broke out in March 2011") still makes it a since-window, within a clause.
SINCE_REACH_WORDS = 8
# Datelines: only the top of an article, and a line that is mostly the date
# (at most this many other words once times and weekdays are removed).
HEAD_LINES, HEAD_CHARS, DATELINE_OTHER_WORDS = 15, 2000, 4

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u00bf\u00a1(]?[A-Z0-9\u00c0-\u00dd])")
_SPACES = re.compile(r"\s*")
_YEARISH = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_CLAUSE_BREAK = re.compile(r"[,;:.()\"\u201c\u201d]")
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}\b)?(?:\s*[+-]\d{4})?", re.IGNORECASE
)


@dataclass(frozen=True)
class DateWindow:
    """The days within which an act happened, and the expression that says so."""

    earliest: date
    latest: date
    text: str  # the expression as written: "late July", "on Sunday"
    start: int  # character offsets of the expression in the text searched
    end: int

    def to_contract(self) -> dict[str, str]:
        """The ``date`` object of the event contract."""
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat(), "text": self.text}


# --- Finding expressions -------------------------------------------------
def _fields(m: re.Match[str], words: DateWords) -> tuple[dict[str, Any], str | None] | None:
    """Normalized fields of a match (None if a word is not in the lookups)."""
    g, look = {k: v for k, v in m.groupdict().items() if v}, words.lookup
    f: dict[str, Any] = {}
    for key in ("day", "day2", "mm", "year", "year2", "decade"):
        if key in g:
            f["month" if key == "mm" else key] = int(g[key])
    for key, slot in (
        ("month", "month"),
        ("weekday", "weekday"),
        ("daytime", "daytime"),
        ("qual", "qual"),
        ("unit", "unit"),
        ("part", "part"),
        ("rel", "relative"),
        ("holiday", "holiday"),
    ):
        if key in g:
            f[key] = look[slot].get(norm(g[key]))
    if "count" in g:
        n = int(g["count"]) if g["count"].isdigit() else look["count"].get(norm(g["count"]))
        f["count"] = VAGUE_COUNTS.get(n) if isinstance(n, str) else n and (n, n)
    if None in f.values():
        return None
    if "weekday" in f:
        f["weekday"] -= 1  # ISO 1..7 -> Python 0..6
    return f, look["modifier"].get(norm(g["cue"])) if "cue" in g else None


def _candidates(text: str, words: DateWords) -> list[Hit]:
    found = []
    for kind, rx in words.patterns:
        for m in rx.finditer(text):
            core = m.end("cue") if "cue" in rx.groupindex and m.group("cue") else m.start()
            found.append((kind in CONTEXT_KINDS, core - m.end(), m.start(), kind, m))
    found.sort(key=lambda t: t[:3])
    hits: list[Hit] = []
    for _, _, _, kind, m in found:
        fields = _fields(m, words) if all(m.end() <= h.start or h.end <= m.start() for h in hits) else None
        if fields:
            f, mod = fields
            start = m.start()
            if "cue" in m.re.groupindex and m.group("cue") and not mod:  # "in March" -> "March"
                start = _SPACES.match(text, m.end("cue")).end()  # type: ignore[union-attr]  # matches empty
            hits.append(Hit(kind, start, m.end(), f, mod))
    return sorted(hits, key=lambda h: h.start)


def _attach(text: str, hits: list[Hit], words: DateWords) -> list[Hit]:
    """Take in the words around each hit: modifiers, prepositions, a following "last year"."""
    floor = 0
    for i, h in enumerate(hits):
        for _ in range(4):
            m = words.before.search(text, max(floor, h.start - 40), h.start)
            if not m:
                break
            h.modifier = h.modifier or words.lookup["modifier"].get(norm(m.group(1)))
            h.start = m.start(1)
        if not h.modifier:
            clause = _CLAUSE_BREAK.split(text[max(floor, h.start - 120) : h.start])[-1]
            since = list(words.since.finditer(clause))
            if since and len(clause[since[-1].end() :].split()) <= SINCE_REACH_WORDS:
                h.modifier = "since"
        ceiling = hits[i + 1].start if i + 1 < len(hits) else len(text)
        m = words.after.match(text, h.end, ceiling)
        if m:
            h.modifier, h.end = h.modifier or words.lookup["post_modifier"].get(norm(m.group(1))), m.end()
        floor = h.end
    for h, n in zip(hits, hits[1:]):  # "late July (of) last year"
        if (
            h.kind in ("month", "day_month", "holiday")
            and "year" not in h.fields
            and n.kind == "relative"
            and n.fields.get("rel") in ("last_year", "this_year")
            and not n.fields.get("part")
            and words.joiner.match(text[h.end : n.start])
        ):
            h.fields["year_rel"], h.end, n.kind = n.fields["rel"], n.end, ""
    for h in hits:  # "the biggest since early March of last year, when eleven soldiers joined": early March itself
        if h.kind and h.modifier in ("since", "before", "after") and words.when_clause.match(text, h.end):
            h.modifier = None
    return [h for h in hits if h.kind]


def _scan(text: str, words: DateWords) -> list[Hit]:
    return _attach(text, _candidates(text, words), words)


def _windows(
    text: str, published: date | None, words: DateWords, context: DateWindow | None
) -> list[tuple[DateWindow, Hit]]:
    hits = _scan(text, words)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    hints = {
        bisect.bisect(ends, h.start): h.fields["rel"]
        for h in hits
        if h.kind == "relative" and h.fields.get("rel") in ("last_year", "this_year")
    }
    ctx = (context.earliest, context.latest) if context else None
    out = []
    for h in hits:
        hint = h.fields.get("year_rel") or hints.get(bisect.bisect(ends, h.start))
        span = resolve(h, Ref(published, ctx, hint if h.kind in ("month", "day_month", "holiday") else None))
        if span:
            out.append((DateWindow(span[0], span[1], text[h.start : h.end], h.start, h.end), h))
    return out


def find_dates(text: str, published: date | None, lang: str = "en") -> list[DateWindow]:
    """Every temporal expression in ``text`` that can be bounded, resolved, in text order.

    Relative expressions need ``published``; expressions that count from a
    previous event ("the next day") need :func:`event_window`'s ``context``.
    """
    return [w for w, _ in _windows(text, published, date_words(lang), None)]


# --- Choosing the window of the act --------------------------------------
def _reported(text: str, h: Hit, events: list[tuple[int, int]], reports: list[tuple[int, int]]) -> bool:
    """Is the expression attached to a reporting verb rather than to the act?"""
    before = [(e, True) for _, e in reports if e <= h.start] + [(e, False) for _, e in events if e <= h.start]
    if before:
        end, is_report = max(before)
        if len(text[end : h.start].split()) <= REPORT_REACH_WORDS:
            return is_report
    after = [(s, True) for s, _ in reports if s >= h.end] + [(s, False) for s, _ in events if s >= h.end]
    if after and not before:
        start, is_report = min(after)
        return is_report and len(text[h.end : start].split()) <= REPORT_REACH_WORDS
    return False


def _distance(h: Hit, events: list[tuple[int, int]]) -> int:
    return min((max(0, s - h.end, h.start - e) for s, e in events), default=0)


def _contains(a: DateWindow, b: DateWindow) -> bool:
    return a.earliest <= b.earliest and b.latest <= a.latest and (a.earliest, a.latest) != (b.earliest, b.latest)


def event_window(
    sentence: str, published: date | None, lang: str | DateWords = "en", context: DateWindow | None = None
) -> DateWindow | None:
    """The best window for the act ``sentence`` reports, or None. ``lang`` is a language code
    (its shipped date words) or the date words themselves (extraction passes its lexicon's).

    ``context`` is the window of the previous event in the document; it
    anchors "a few weeks later", "the next day", "then". A sentence padded with
    blanks (the other acts of a sentence masked out) is searched in its unblanked
    part only, so each act of a long sentence costs its own clause, not the sentence.
    """
    lo, hi = len(sentence) - len(sentence.lstrip(" ")), len(sentence.rstrip(" "))
    if lo or hi < len(sentence):
        inner = event_window(sentence[lo:hi], published, lang, context)
        return replace(inner, start=inner.start + lo, end=inner.end + lo) if inner else None
    words = lang if isinstance(lang, DateWords) else date_words(lang)
    found = _windows(sentence, published, words, context)
    events = [m.span() for m in words.event_cues.finditer(sentence)]
    reports = [m.span() for m in words.reporting.finditer(sentence)]
    own = [(w, h) for w, h in found if not _reported(sentence, h, events, reports)]
    pool = [c for c in own if not any(_contains(c[0], o[0]) for o in own)] or found
    if not pool:
        return None
    best, hit = min(
        pool,
        key=lambda c: (
            c[1].kind in CONTEXT_KINDS,
            _distance(c[1], events),
            (c[0].latest - c[0].earliest).days,
            c[0].start,
        ),
    )
    if not own:
        best = replace(best, earliest=best.earliest - timedelta(days=REPORTED_LOOKBACK_DAYS))
    return best


# --- Publication dates ---------------------------------------------------
def _other_words(rest: str, words: DateWords) -> int:
    tokens = re.findall(r"[^\W\d_]+", _TIME.sub(" ", rest))
    return sum(1 for t in tokens if norm(t) not in words.lookup["weekday"])


def _dated_line(line: str, words: DateWords) -> date | None:
    """The date of a dateline ("Posted 12 March 2021", "Nov 3, 2016, 09:15 GMT | Wire")."""
    for h in _scan(line, words):
        span = resolve(h, Ref()) if h.kind == "full_date" else None
        if span is None:
            continue
        before, after = line[: h.start], line[h.end :]
        if (
            words.dateline_cues.search(before)
            or _other_words(before + " " + after, words) <= DATELINE_OTHER_WORDS
            or (re.search(r"\s[-\u2013\u2014|]\s*$", before) and not after.strip(" .|"))
        ):
            return span[0]
    return None


def published_from_text(text: str, languages: list[DateWords] | None = None) -> date | None:
    """The publication date written near the top of an article, if any, in the date words of
    ``languages`` (every shipped language when None).

    Copyright lines ("(c) 2025 Outlet. All rights reserved.") are never read.
    """
    langs = languages if languages is not None else [date_words(code) for code in available_languages()]
    lines = [ln for ln in (text or "")[:HEAD_CHARS].splitlines() if ln.strip()][:HEAD_LINES]
    for line in lines:
        if not _YEARISH.search(line) or any(w.copyright.search(line) for w in langs):
            continue
        for words in langs:
            found = _dated_line(line, words)
            if found:
                return found
    return None


_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")


def parse_published(value: str | date | None) -> date | None:
    """A document's ``published`` field as a date; None when absent or not ISO.

    Publication dates are parsed once, when documents are read
    (``sideswitch.ingest.published.normalize_published``: every spelling, ambiguous
    numeric dates month first unless the reader is told ``dayfirst``), so a
    Document carries ``YYYY-MM-DD``. Here only that is read, with the day as
    written (no time-zone shift).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO.match(value) if isinstance(value, str) else None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None
