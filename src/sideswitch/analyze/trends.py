"""Rates: events and people per period, zeros included, with the evidence and change points.

Each event is placed in the period holding its date window's midpoint (see
:mod:`sideswitch.analyze.series`); events with no date (*undated*), with a window
wider than a period (*imprecise*) and, by default, offers that were not carried
out (*offered*) are counted apart and listed by id, never dropped silently.
Contested events are counted, and each period says how many of them it holds.
``start``/``end`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) widen the series
with empty periods, and leave out events whose midpoint falls outside them.

``party`` and ``direction`` pick the flow: ``from`` counts events where the
party lost people, ``to`` where it gained them, ``any`` either, and ``net``
gains minus losses per period (people as an interval: low gains minus high
losses ... high gains minus low losses). For ``net`` the change points are
shifts in the balance of gains and losses, not in the total rate::

    trends(evs, by="month")                                   all events, per month
    trends(evs, by="quarter", party="Taliban", direction="to")    Taliban gains per quarter
    trends(evs, party="Taliban", direction="net")             gains minus losses; balance shifts
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .changepoints import balance_change_points, balance_test, change_points
from .series import (
    PERIODS,
    Period,
    is_inferred,
    parse_day,
    people_best,
    people_range,
    period_of,
    period_range,
    place_event,
)

__all__ = ["TrendSeries", "trends", "DIRECTIONS"]

DIRECTIONS = ("any", "from", "to", "net")


@dataclass
class TrendSeries:
    """A count series with evidence; ``periods`` rows follow the REST shape."""

    by: str
    party: str | None
    direction: str
    periods: list[dict]
    change_points: list[dict] = field(default_factory=list)
    status: str = "ok"
    message: str = ""
    method: str = ""
    warnings: list[str] = field(default_factory=list)
    apart: dict = field(default_factory=dict)  # undated / imprecise / offered / contested (excluded) -> ids
    balance: dict | None = None

    def counts(self) -> list[int]:
        return [p["events"] for p in self.periods]

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "party": self.party,
            "direction": self.direction,
            "periods": self.periods,
            "change_points": self.change_points,
            "status": self.status,
            "message": self.message,
            "method": self.method,
            "warnings": self.warnings,
            "balance": self.balance,
            **{k: {"events": len(v), "event_ids": v} for k, v in self.apart.items()},
        }


def _matches(side: dict | None, party: str) -> bool:
    if not side:
        return False
    p = party.lower()
    return (side.get("party") or "").lower() == p or (side.get("name") or "").lower() == p


def _role(ev: dict, party: str | None, direction: str) -> int:
    """+1 the party gained (or any event without a party), -1 it lost, 0 not part of this flow."""
    if party is None:
        return 1
    lost, gained = _matches(ev.get("from_side"), party), _matches(ev.get("to_side"), party)
    if lost and gained:
        return 0  # a move within the party is no flow in or out
    if direction == "from":
        return -1 if lost else 0
    if direction == "to":
        return 1 if gained else 0
    return 1 if gained else (-1 if lost else 0)


def _triage(events: list[dict], by: str, include_contested: bool, include_offered: bool):
    """(placed [(midpoint, event)], apart {reason: [ids]})."""
    apart: dict[str, list[str]] = {"undated": [], "imprecise": [], "offered": []}
    if not include_contested:
        apart["contested"] = []
    placed = []
    for ev in events:
        if ev.get("stage") == "offered" and not include_offered:
            apart["offered"].append(ev["id"])
        elif ev.get("contested") and not include_contested:
            apart["contested"].append(ev["id"])
        else:
            how, mid = place_event(ev, by)
            placed.append((mid, ev)) if how == "placed" else apart[how].append(ev["id"])
    return placed, apart


def _row(period: Period, party: str | None) -> dict:
    flow = {"gained": 0, "lost": 0} if party else {}
    return {
        **period.to_dict(),
        "events": 0,
        **flow,
        "people_low": 0,
        "people_best": 0,
        "people_high": 0,
        "people_unknown": 0,
        "contested": 0,
        "inferred": 0,
        "event_ids": [],
    }


def _add(row: dict, ev: dict, sign: int, net: bool) -> None:
    """Count ``ev`` in ``row``; under ``net`` a loss (sign -1) subtracts."""
    rng = people_range(ev)
    low, best, high = (0, 0, 0) if rng is None else (rng[0], people_best(ev) or 0, rng[1])
    add_group(
        row, sign, net, 1, int(rng is not None), low, best, high, bool(ev.get("contested")), is_inferred(ev), [ev["id"]]
    )


def add_group(
    row: dict,
    sign: int,
    net: bool,
    n: int,
    counted: int,
    low: int,
    best: int,
    high: int,
    contested: bool,
    inferred: bool,
    ids: list[str],
) -> None:
    """Count ``n`` events (one, or a group the store summed in SQL) in ``row``, ``counted`` of them
    with a headcount summing to ``low``/``best``/``high``; under ``net`` a loss (sign -1) subtracts."""
    if "gained" in row:
        row["gained" if sign > 0 else "lost"] += n
    s = sign if net else 1
    row["events"] += s * n
    row["people_unknown"] += n - counted
    row["people_low"] += low if s > 0 else -high
    row["people_best"] += best * s
    row["people_high"] += high if s > 0 else -low
    row["contested"] += n if contested else 0
    row["inferred"] += n if inferred else 0
    row["event_ids"] += ids


def check_options(by: str, party: str | None, direction: str) -> None:
    """A ValueError naming what is wrong with the options of a trend."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if direction != "any" and not party:
        raise ValueError(f"direction '{direction}' needs a party (whose gains or losses?)")


def trends(
    events: list[dict],
    *,
    by: str = "month",
    party: str | None = None,
    direction: str = "any",
    start: str | None = None,
    end: str | None = None,
    include_contested: bool = True,
    include_offered: bool = False,
) -> TrendSeries:
    """Counts of events and people per period, their evidence and change points.

    >>> evs = [{"id": "e1", "stage": "completed", "contested": False, "people": {"min": 3, "max": 5},
    ...         "date": {"earliest": "2013-09-02", "latest": "2013-09-02"}}]
    >>> trends(evs, by="month", end="2013-10").to_dict()["periods"][1]["events"]
    0
    """
    check_options(by, party, direction)
    lo, hi = parse_day(start), parse_day(end, end=True)
    placed, apart = _triage(events, by, include_contested, include_offered)
    placed = [(d, ev) for d, ev in placed if (lo is None or d >= lo) and (hi is None or d <= hi)]
    placed = [(d, ev, s) for d, ev in placed if (s := _role(ev, party, direction))]
    days = [d for d, _, _ in placed]
    first, last = lo or (min(days) if days else None), hi or (max(days) if days else None)
    rows = {p.key: _row(p, party) for p in period_range(first, last, by)} if first and last else {}
    for d, ev, sign in sorted(placed, key=lambda x: (x[0], x[1]["id"])):
        _add(rows[period_of(d, by).key], ev, sign, direction == "net")
    series = TrendSeries(by, party, direction, list(rows.values()), apart=apart)
    _detect(series)
    return series


def _detect(series: TrendSeries) -> None:
    """Fill in the change points, status and (for net flow) the overall balance."""
    if series.direction == "net":
        gained, lost = [p["gained"] for p in series.periods], [p["lost"] for p in series.periods]
        result = balance_change_points(gained, lost)
        series.balance = balance_test(sum(gained), sum(lost))
    else:
        result = change_points(series.counts())
    keys = [p["period"] for p in series.periods]
    for cp in result.change_points:
        d = cp.to_dict()
        d["period"], d["start"] = keys[cp.index], series.periods[cp.index]["start"]
        d["interval"] = [keys[cp.interval[0]], keys[cp.interval[1]]]
        series.change_points.append(d)
    series.status, series.message, series.method = result.status, result.message, result.method
    series.warnings = result.warnings
