"""Named days (Christmas, Eid al-Adha, Ramadan...) and their dates, from ``dates/holidays.yaml``.

Every language file names the days in its own words under ``holidays:``;
the calendar rules are shared here. Lunar holidays come from a year table,
with a day of slack each side because moon sighting differs by country.

>>> rules = holidays()
>>> [(str(a), str(b)) for a, b in rules["eid_al_adha"].windows(2013, rules)]
[('2013-10-14', '2013-10-19')]
>>> [(str(a), str(b)) for a, b in rules["good_friday"].windows(2014, rules)]
[('2014-04-18', '2014-04-18')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from dateutil.easter import easter as _easter

from ..lexicon.loader import load_yaml

__all__ = ["Holiday", "holidays", "parse_holidays", "data_dir"]

# Rule by rule checks are in _holiday (they depend on each other); the schema says the shape.
SCHEMA = {"type": "object", "additionalProperties": {"type": "object"}}


def data_dir() -> Any:
    """Folder of the date-word files (``sideswitch/lexicon/data/dates``)."""
    return files("sideswitch.lexicon") / "data" / "dates"


@dataclass(frozen=True)
class Holiday:
    """Calendar rule of a named day; :meth:`windows` gives its dates in a year."""

    id: str
    fixed: tuple[int, int] | None = None
    easter: int | None = None
    table: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # year -> ((month, day), ...)
    anchor: str | None = None
    offset: int = 0
    days: int = 1
    slack: int = 0

    def windows(self, year: int, rules: dict[str, Any]) -> list[tuple[date, date]]:
        """``[(earliest, latest)]`` of the holiday in ``year`` (slack included)."""
        if self.fixed:
            firsts = [date(year, *self.fixed)]
        elif self.easter is not None:
            firsts = [_easter(year) + timedelta(days=self.easter)]
        elif self.anchor:
            base = rules[self.anchor]
            firsts = [
                s + timedelta(days=base.slack + self.offset)
                for s, _ in base.windows(year, rules) + base.windows(year + 1, rules)
            ]
            firsts = [d for d in firsts if d.year == year]
        else:
            firsts = [date(year, m, d) for m, d in self.table.get(year, ())]
        pad = timedelta(days=self.slack)
        return [(d - pad, d + timedelta(days=self.days - 1) + pad) for d in firsts]


def _month_day(value: Any) -> tuple[int, int]:
    m = re.fullmatch(r"(\d\d)-(\d\d)", str(value))
    if not m:
        raise ValueError(f"'{value}' is not a MM-DD day")
    try:
        date(2000, int(m.group(1)), int(m.group(2)))  # a leap year: 02-29 is allowed
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a valid day ({exc})") from None
    return int(m.group(1)), int(m.group(2))


def _holiday(hid: str, spec: dict[str, Any]) -> Holiday:
    rules = [k for k in ("fixed", "easter", "table", "anchor") if k in spec]
    extra = set(spec) - {"fixed", "easter", "table", "anchor", "offset", "days", "slack"}
    if len(rules) != 1 or extra:
        raise ValueError(
            "needs exactly one of fixed, easter, table, anchor"
            + (f" (unknown: {', '.join(sorted(extra))})" if extra else "")
        )
    ints = {k: spec.get(k, d) for k, d in (("offset", 0), ("days", 1), ("slack", 0))}
    if "easter" in spec:
        ints["easter"] = spec["easter"]
    if (
        not all(isinstance(v, int) and not isinstance(v, bool) for v in ints.values())
        or ints["days"] < 1
        or ints["slack"] < 0
    ):
        raise ValueError("offset and easter must be whole numbers, days >= 1 and slack >= 0")
    table: dict[int, tuple[tuple[int, int], ...]] = {}
    for year, days in (spec.get("table") or {}).items():
        if not (isinstance(year, int) and 1900 <= year <= 2100):
            raise ValueError(f"table year '{year}' is not a year from 1900 to 2100")
        table[year] = tuple(_month_day(d) for d in (days if isinstance(days, list) else [days]))
    return Holiday(
        hid,
        fixed=_month_day(spec["fixed"]) if "fixed" in spec else None,
        easter=spec.get("easter"),
        table=table,
        anchor=spec.get("anchor"),
        offset=ints["offset"],
        days=ints["days"],
        slack=ints["slack"],
    )


@cache
def holidays() -> dict[str, Any]:
    """Calendar rules of named days (``dates/holidays.yaml``), by id."""
    return parse_holidays((data_dir() / "holidays.yaml").read_text(encoding="utf-8"))


def _rules(data: Any) -> tuple[dict[str, Any], list[Any]]:
    """``({id: Holiday}, [(id, message)])`` of a parsed file."""
    rules, problems = {}, []
    for hid, spec in data.items() if isinstance(data, dict) else ():
        try:
            if isinstance(spec, dict):
                rules[hid] = _holiday(str(hid), spec)
        except ValueError as exc:
            problems.append((hid, f"{hid}: {exc}"))
    for hid, rule in rules.items():
        if rule.anchor and (rule.anchor not in rules or rules[rule.anchor].anchor):
            problems.append((hid, f"{hid}: anchor '{rule.anchor}' must be a holiday without one"))
    return rules, problems


def parse_holidays(text: str, name: str = "dates/holidays.yaml") -> dict[str, Any]:
    """Validate holiday rules given as YAML text; every problem is raised at once with its line."""
    check = lambda data, lines: [(lines.key((hid,)), msg) for hid, msg in _rules(data)[1]]  # noqa: E731
    rules = _rules(load_yaml(name, SCHEMA, text=text, check=check))[0]
    return {str(hid): rule for hid, rule in rules.items()}
