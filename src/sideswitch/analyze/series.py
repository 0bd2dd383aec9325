"""Calendar periods and where an event falls in them.

A period is a week (ISO, Monday to Sunday), a month, a quarter or a year,
named the way people write it::

    period_of(date(2013, 9, 18), "week")     -> Period("2013-W38", 2013-09-16, 2013-09-22)
    period_of(date(2013, 9, 18), "month")    -> Period("2013-09",  2013-09-01, 2013-09-30)
    period_of(date(2013, 9, 18), "quarter")  -> Period("2013-Q3",  2013-07-01, 2013-09-30)

**Placing an event.** An event's date is a window ``{earliest, latest}``; it
is counted once, in the period that holds the window's *midpoint*. We do not
spread an event over the periods its window touches: the change-point test
models whole counts (Poisson), and fractional events would break it. The
price of the midpoint is that a vague window lands arbitrarily, so an event
whose window is longer than the period itself (``"in 2013"`` in a monthly
series, ``"in September"`` in a weekly one) is not placed at all but counted
apart as *imprecise*, like events with no date (*undated*)::

    {"earliest": "2013-09-14", "latest": "2013-09-15"}, by month -> "2013-09"
    {"earliest": "2013-09-25", "latest": "2013-10-04"}, by month -> "2013-09"  (midpoint 09-29)
    {"earliest": "2013-01-01", "latest": "2013-12-31"}, by month -> imprecise
    None                                                         -> undated
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "PERIODS",
    "Period",
    "period_of",
    "period_range",
    "parse_day",
    "place_event",
    "side_party",
    "people_range",
    "people_best",
    "is_inferred",
]

PERIODS = ("week", "month", "quarter", "year")

# Longest date window (days, inclusive) that is still placed in a period of
# each size: the period's own longest length. Wider windows are "imprecise".
MAX_WINDOW_DAYS = {"week": 7, "month": 31, "quarter": 92, "year": 366}


@dataclass(frozen=True, order=True)
class Period:
    """One calendar period: ``key`` ("2013-09"), first and last day."""

    start: date
    end: date
    key: str

    def to_dict(self) -> dict:
        return {"period": self.key, "start": self.start.isoformat(), "end": self.end.isoformat()}


def _check_by(by: str) -> None:
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")


def period_of(day: date, by: str) -> Period:
    """The period of size ``by`` that contains ``day``."""
    _check_by(by)
    if by == "week":
        start = day - timedelta(days=day.weekday())
        iso = start.isocalendar()
        return Period(start, start + timedelta(days=6), f"{iso[0]}-W{iso[1]:02d}")
    if by == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), str(day.year))
    months = 1 if by == "month" else 3
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    nxt = date(day.year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1)
    key = f"{day.year}-{first_month:02d}" if by == "month" else f"{day.year}-Q{(first_month + 2) // 3}"
    return Period(start, nxt - timedelta(days=1), key)


def period_range(first: date, last: date, by: str) -> list[Period]:
    """Every period from the one holding ``first`` to the one holding ``last``, gaps included."""
    out, cur = [], period_of(first, by)
    while cur.start <= last:
        out.append(cur)
        cur = period_of(cur.end + timedelta(days=1), by)
    return out


def parse_day(text: str | None, *, end: bool = False) -> date | None:
    """``"2013"``, ``"2013-09"`` or ``"2013-09-18"`` as a date (first day, or last with ``end``)."""
    if not text:
        return None
    parts = str(text).split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 12, 31) if end else date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return period_of(date(y, m, 1), "month").end if end else date(y, m, 1)
        return date.fromisoformat(str(text))
    except ValueError:
        raise ValueError(f"not a date (expected YYYY, YYYY-MM or YYYY-MM-DD): {text!r}") from None


def place_event(ev: dict, by: str) -> tuple[str, date | None]:
    """``("placed", midpoint)``, ``("imprecise", None)`` or ``("undated", None)``."""
    window = ev.get("date")
    if not window or not window.get("earliest"):
        return "undated", None
    try:
        a = date.fromisoformat(window["earliest"])
        b = date.fromisoformat(window.get("latest") or window["earliest"])
    except ValueError:
        return "undated", None
    a, b = min(a, b), max(a, b)
    if (b - a).days + 1 > MAX_WINDOW_DAYS[by]:
        return "imprecise", None
    return "placed", a + timedelta(days=(b - a).days // 2)


def side_party(side: dict | None) -> str | None:
    """The canonical party of a side, or its name when the party is unknown; None for no side."""
    if not side:
        return None
    return side.get("party") or side.get("name") or None


def people_best(ev: dict) -> int | None:
    """The best estimate of an event's headcount (``people.best``; an event stored before
    bands: the midpoint of min-max), None when no number is given."""
    rng = people_range(ev)
    if rng is None:
        return None
    best = (ev.get("people") or {}).get("best")
    return min(max(int(best), rng[0]), rng[1]) if best is not None else (rng[0] + rng[1]) // 2


def is_inferred(ev: dict) -> bool:
    """A side of the event was inferred from conflict knowledge, not stated by a source."""
    return bool(
        ev.get("inferred") or (ev.get("from_side") or {}).get("inferred") or (ev.get("to_side") or {}).get("inferred")
    )


def people_range(ev: dict) -> tuple[int, int] | None:
    """``(min, max)`` headcount of an event, None when no number is given."""
    p = ev.get("people")
    if not p or p.get("min") is None:
        return None
    lo, hi = int(p["min"]), int(p.get("max") if p.get("max") is not None else p["min"])
    return min(lo, hi), max(lo, hi)
