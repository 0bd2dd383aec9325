"""The overview's flow matrix, from ``sideswitch.analyze.flows(...).to_dict()``.

Rows are the parties people left, columns the parties they joined; each cell
holds the events and the people (low-high) of that pair and a shade level
0-5 for the heat map::

    flow_matrix({"flows": [{"from": "A", "to": "B", "events": 3, "people_low": 40, "people_high": 52}]})
        -> {"rows": ["A"], "cols": ["B"], "grid": [{"party": "A", "total": 3, "cells": [{...}]}], ...}
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["flow_matrix", "NONE_SIDE"]

NONE_SIDE = "(no side)"  # column for desertions with no new side
CELL_KEYS = ("cells", "flows", "edges", "rows", "matrix")


def _cells(d: dict) -> tuple[str | None, list[dict]]:
    """The key and the list of cells (dicts with from/to) of a flow table."""
    for key in CELL_KEYS:
        v = d.get(key)
        if isinstance(v, list) and v and all(isinstance(c, dict) and ("from" in c or "from_party" in c) for c in v):
            return key, v
    return None, []


def _side(c: dict, which: str) -> str:
    for k in (which, f"{which}_party", f"{which}_side", "source" if which == "from" else "target"):
        v = c.get(k)
        if isinstance(v, dict):
            v = v.get("party") or v.get("name")
        if isinstance(v, str) and v:
            return v
    return NONE_SIDE


def _num(v) -> int:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return int(v)
    if isinstance(v, list):
        return len(v)
    return 0


def _people(c: dict) -> tuple[int, int]:
    p = c.get("people")
    if isinstance(p, dict):
        return _num(p.get("min") if "min" in p else p.get("low")), _num(p.get("max") if "max" in p else p.get("high"))
    return _num(c.get("people_low", c.get("people_min"))), _num(c.get("people_high", c.get("people_max")))


def flow_matrix(d: dict | None) -> dict | None:
    """Rows, columns, cells and totals of a flow table; None when it has no flows."""
    cells: dict[tuple[str, str], Any] = {}
    key_used, found = _cells(d or {})
    for c in found:
        key = (_side(c, "from"), _side(c, "to"))
        lo, hi = _people(c)
        cur = cells.setdefault(key, {"events": 0, "people_low": 0, "people_best": 0, "people_high": 0})
        cur["events"] += _num(c.get("events", c.get("count", c.get("n_events"))))
        cur["people_low"] += lo
        cur["people_best"] += _num(c["people_best"]) if "people_best" in c else (lo + hi) // 2
        cur["people_high"] += hi
    if not cells:
        return None
    out_tot: dict[str, Any] = {}
    in_tot: dict[str, Any] = {}
    for (a, b), c in cells.items():
        out_tot[a] = out_tot.get(a, 0) + c["events"]
        in_tot[b] = in_tot.get(b, 0) + c["events"]
    rows = sorted(out_tot, key=lambda p: (-out_tot[p], p))
    cols = sorted(in_tot, key=lambda p: (p == NONE_SIDE, -in_tot[p], p))
    top = max(c["events"] for c in cells.values()) or 1
    for c in cells.values():
        c["level"] = 0 if not c["events"] else 1 + min(4, int(4 * math.log1p(c["events"]) / math.log1p(top)))
    grid = [{"party": a, "total": out_tot[a], "cells": [cells.get((a, b)) for b in cols]} for a in rows]
    return {
        "rows": rows,
        "cols": cols,
        "grid": grid,
        "col_totals": [in_tot[b] for b in cols],
        "total": sum(out_tot.values()),
        "raw": {k: v for k, v in (d or {}).items() if k != key_used},
    }
