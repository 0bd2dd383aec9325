"""Flows: who lost people to whom, as a from-party x to-party matrix.

Each cell sums events and headcounts: ``people_best`` sums the best estimates
(``people.best``) and ``people_low``/``people_high`` the band around them; events
with no number are counted in ``people_unknown``, never guessed. A side is named by
its canonical party, or by the name the source gives when the party is unknown.

Nothing is mixed silently into the confirmed totals:

* *offered* events (an offer or plan, not an act) go to ``offered``;
* *contested* events (some source denies them) go to ``contested``;
  an event both offered and contested counts as offered;
* *inferred* events (a side taken from conflict knowledge, not stated) go to
  ``inferred`` (a contested or offered one stays where it is);
* events whose losing side is unknown, or whose gaining side is unknown for
  anything but a desertion, go to ``unknown_side``; a desertion with no new
  side is a flow to ``"(no side)"``.

``include_contested`` / ``include_offered`` add those events to the main
cells as well (and ``included`` says so); their own tables are kept either way.

For every pair of parties, ``pairs`` tests whether the flow is one-sided or
"a handful one way, a similar number the other" (exact binomial test)::

    A -> B: 9 events, B -> A: 2 events   -> net 7, p = 0.065, "no clear direction"
    A -> B: 20 events, B -> A: 3 events  -> net 17, p = 0.0005, "one-sided"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .changepoints import balance_test
from .series import is_inferred, people_best, people_range, side_party

__all__ = ["FlowMatrix", "FlowTable", "flows", "NO_SIDE"]

NO_SIDE = "(no side)"


@dataclass
class FlowMatrix:
    """Cells keyed by ``(from, to)``."""

    cells: dict[tuple[str, str], dict] = field(default_factory=dict)

    def add(self, frm: str, to: str, ev: dict) -> None:
        rng = people_range(ev)
        low, best, high = (0, 0, 0) if rng is None else (rng[0], people_best(ev) or 0, rng[1])
        self.add_group(frm, to, 1, int(rng is not None), low, best, high, [ev["id"]])

    def add_group(
        self, frm: str, to: str, n: int, counted: int, low: int, best: int, high: int, ids: list[str]
    ) -> None:
        """``n`` events from ``frm`` to ``to``, ``counted`` of them with a headcount summing to
        ``low``/``best``/``high`` (one event, or a group the store summed in SQL)."""
        cell = self.cells.setdefault(
            (frm, to),
            {
                "from": frm,
                "to": to,
                "events": 0,
                "people_low": 0,
                "people_best": 0,
                "people_high": 0,
                "people_unknown": 0,
                "event_ids": [],
            },
        )
        cell["events"] += n
        cell["people_low"] += low
        cell["people_best"] += best
        cell["people_high"] += high
        cell["people_unknown"] += n - counted
        cell["event_ids"] += ids

    @property
    def parties(self) -> list[str]:
        """Every party in the matrix, the busiest first."""
        load: dict[str, int] = {}
        for (frm, to), cell in self.cells.items():
            for p in (frm, to):
                load[p] = load.get(p, 0) + cell["events"]
        return sorted(load, key=lambda p: (p == NO_SIDE, -load[p], p))

    def get(self, frm: str, to: str) -> int:
        return self.cells.get((frm, to), {}).get("events", 0)

    def to_dict(self) -> dict:
        cells = sorted(self.cells.values(), key=lambda c: (-c["events"], c["from"], c["to"]))
        return {
            "parties": self.parties,
            "cells": cells,
            "events": sum(c["events"] for c in cells),
            "people_low": sum(c["people_low"] for c in cells),
            "people_best": sum(c["people_best"] for c in cells),
            "people_high": sum(c["people_high"] for c in cells),
        }


@dataclass
class FlowTable:
    """Confirmed flows, with contested, offered, inferred and unplaceable events apart."""

    confirmed: FlowMatrix
    contested: FlowMatrix
    offered: FlowMatrix
    unknown_side: list[str]
    included: dict
    inferred: FlowMatrix = field(default_factory=FlowMatrix)

    @property
    def parties(self) -> list[str]:
        return self.confirmed.parties

    def pairs(self) -> list[dict]:
        """Both directions of each pair of parties in the main cells, with a balance test."""
        seen, out = set(), []
        for frm, to in self.confirmed.cells:
            key = tuple(sorted((frm, to)))
            if key in seen or NO_SIDE in key or frm == to:
                continue
            seen.add(key)
            a, b = key
            test = balance_test(self.confirmed.get(a, b), self.confirmed.get(b, a))
            out.append(
                {
                    "a": a,
                    "b": b,
                    "a_to_b": test["forward"],
                    "b_to_a": test["backward"],
                    "net": test["net"],
                    "p_value": test["p_value"],
                    "verdict": test["verdict"],
                }
            )
        return sorted(out, key=lambda r: (-(r["a_to_b"] + r["b_to_a"]), r["a"], r["b"]))

    def to_dict(self) -> dict:
        return {
            **self.confirmed.to_dict(),
            "contested": self.contested.to_dict(),
            "offered": self.offered.to_dict(),
            "inferred": self.inferred.to_dict(),
            "unknown_side": len(self.unknown_side),
            "unknown_side_ids": self.unknown_side,
            "included": self.included,
            "pairs": self.pairs(),
        }


def _ends(ev: dict) -> tuple[str, str] | None:
    """(from, to) labels of an event, or None when it cannot be placed in the matrix."""
    frm, to = side_party(ev.get("from_side")), side_party(ev.get("to_side"))
    if to is None and ev.get("kind") == "desertion":
        to = NO_SIDE
    return (frm, to) if frm and to else None


def flows(
    events: list[dict],
    *,
    include_contested: bool = False,
    include_offered: bool = False,
    include_inferred: bool = False,
) -> FlowTable:
    """The from-party x to-party matrix of ``events``.

    >>> ev = {"id": "e1", "kind": "defection", "stage": "completed", "contested": False,
    ...       "people": {"min": 12, "max": 14}, "from_side": {"name": "army", "party": "Gov"},
    ...       "to_side": {"name": "rebels", "party": "Rebels"}}
    >>> flows([ev]).to_dict()["cells"][0]["people_high"]
    14
    """
    table = FlowTable(
        FlowMatrix(),
        FlowMatrix(),
        FlowMatrix(),
        [],
        {"contested": include_contested, "offered": include_offered, "inferred": include_inferred},
    )
    for ev in events:
        ends = _ends(ev)
        if ends is None:
            table.unknown_side.append(ev["id"])
            continue
        offered, contested = ev.get("stage") == "offered", bool(ev.get("contested"))
        inferred = is_inferred(ev) and not offered and not contested
        if offered:
            table.offered.add(*ends, ev)
        elif contested:
            table.contested.add(*ends, ev)
        elif inferred:
            table.inferred.add(*ends, ev)
        if (
            (not offered or include_offered)
            and (not contested or include_contested or offered)
            and (not inferred or include_inferred)
        ):
            table.confirmed.add(*ends, ev)
    return table
