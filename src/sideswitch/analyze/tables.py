"""Text renderings of trends and flows for the CLI: ``table`` (aligned, for people),
``csv`` (one row per period or cell, event ids space-separated) and ``json``
(the ``to_dict()`` shape the REST API serves)::

    period   events  people    contested  evidence
    2013-09       3  14-19             1  ev0012 ev0013 ev0020
    2013-10       0  -                 0
    Change 2013-10: 1.95 -> 5.89 events per month (x3.0), p = 0.001; 99 % within 3 periods (2013-09..2013-11)
"""

from __future__ import annotations

import csv
import io
import json

from .changepoints import LOCATE_WINDOW
from .flows import FlowTable
from .trends import TrendSeries

__all__ = ["FORMATS", "render_trends", "render_flows"]

FORMATS = ("table", "json", "csv")
MAX_IDS = 4  # event ids shown per row in the table (all of them in csv and json)


def _people(lo: int, hi: int, unknown: int = 0, best: int | None = None) -> str:
    """ "240 (200-260)": the summed best estimate with its low-high band; "+2?" events with no number."""
    band = "-" if not (lo or hi) else (str(lo) if lo == hi else f"{lo}{'..' if lo < 0 else '-'}{hi}")
    txt = band if best is None or lo == hi or not (lo or hi) else f"{best} ({band})"
    return txt + (f" (+{unknown}?)" if unknown else "")


def _ids(ids: list[str]) -> str:
    return " ".join(ids[:MAX_IDS]) + (f" +{len(ids) - MAX_IDS}" if len(ids) > MAX_IDS else "")


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _grid(header: list[str], rows: list[list], left: tuple[int, ...] = (0,)) -> str:
    """Aligned columns: numbers right, the columns in ``left`` and the last one left."""
    cells = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i in left or i == len(r) - 1 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
        ).rstrip()
        for r in cells
    )


def _change_line(cp: dict, by: str) -> str:
    ratio = f" (x{cp['ratio']:.1f})" if cp.get("ratio") and cp["measure"] == "events per period" else ""
    return (
        f"Change {cp['period']}: {cp['before']:.3g} -> {cp['after']:.3g} {cp['measure'].replace('period', by)}"
        f"{ratio}, {_p(cp['p_value'])}; {cp['probability']:.0%} within {LOCATE_WINDOW} periods "
        f"({cp['interval'][0]}..{cp['interval'][1]})"
    )


def render_trends(series: TrendSeries, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(series.to_dict(), indent=2, ensure_ascii=False)
    net = "gained" in (series.periods[0] if series.periods else {})
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        cps = {cp["period"] for cp in series.change_points}
        w.writerow(
            [
                "period",
                "start",
                "end",
                "events",
                *(["gained", "lost"] if net else []),
                "people_low",
                "people_best",
                "people_high",
                "people_unknown",
                "contested",
                "inferred",
                "change_point",
                "event_ids",
            ]
        )
        for p in series.periods:
            w.writerow(
                [
                    p["period"],
                    p["start"],
                    p["end"],
                    p["events"],
                    *([p["gained"], p["lost"]] if net else []),
                    p["people_low"],
                    p["people_best"],
                    p["people_high"],
                    p["people_unknown"],
                    p["contested"],
                    p["inferred"],
                    int(p["period"] in cps),
                    " ".join(p["event_ids"]),
                ]
            )
        return buf.getvalue().rstrip("\n")
    head = ["period", "events", *(["gained", "lost"] if net else []), "people", "contested", "evidence"]
    rows = [
        [
            p["period"],
            p["events"],
            *([p["gained"], p["lost"]] if net else []),
            _people(p["people_low"], p["people_high"], p["people_unknown"], p["people_best"]),
            p["contested"],
            _ids(p["event_ids"]),
        ]
        for p in series.periods
    ]
    lines = [_grid(head, rows)] if rows else ["(no dated events)"]
    lines += [_change_line(cp, series.by) for cp in series.change_points]
    if series.status != "ok" or not series.change_points:
        lines.append(f"Change points: {series.message} ({series.status}).")
    lines += [f"Warning: {w}" for w in series.warnings]
    if series.balance:
        b = series.balance
        lines.append(
            f"Balance: gained {b['forward']}, lost {b['backward']}, net {b['net']:+d}; "
            f"{b['verdict']} ({_p(b['p_value'])})."
        )
    apart = [f"{len(v)} {k}" for k, v in series.apart.items() if v]
    if apart:
        lines.append("Counted apart: " + ", ".join(apart) + " (see --format json for their ids).")
    return "\n".join(lines)


def render_flows(table: FlowTable, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(table.to_dict(), indent=2, ensure_ascii=False)
    sections = [
        ("confirmed", table.confirmed),
        ("contested", table.contested),
        ("offered", table.offered),
        ("inferred", table.inferred),
    ]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(
            [
                "status",
                "from",
                "to",
                "events",
                "people_low",
                "people_best",
                "people_high",
                "people_unknown",
                "event_ids",
            ]
        )
        for name, m in sections:
            for c in m.to_dict()["cells"]:
                w.writerow(
                    [
                        name,
                        c["from"],
                        c["to"],
                        c["events"],
                        c["people_low"],
                        c["people_best"],
                        c["people_high"],
                        c["people_unknown"],
                        " ".join(c["event_ids"]),
                    ]
                )
        return buf.getvalue().rstrip("\n")
    lines = []
    for name, m in sections:
        cells = m.to_dict()["cells"]
        if name != "confirmed" and not cells:
            continue
        included = " (also in the totals above)" if table.included.get(name) else ""
        lines.append(f"{name.capitalize()} flows{included}:" if name != "confirmed" else "Confirmed flows:")
        rows = [
            [
                c["from"],
                "->",
                c["to"],
                c["events"],
                _people(c["people_low"], c["people_high"], c["people_unknown"], c["people_best"]),
                _ids(c["event_ids"]),
            ]
            for c in cells
        ]
        head = ["from", "", "to", "events", "people", "evidence"]
        lines.append(_grid(head, rows, left=(0, 1, 2)) if rows else "  (none)")
        lines.append("")
    for p in table.pairs():
        lines.append(
            f"{p['a']} -> {p['b']}: {p['a_to_b']}, back: {p['b_to_a']}, net {p['net']:+d}; "
            f"{p['verdict']} ({_p(p['p_value'])})"
        )
    if table.unknown_side:
        lines.append(f"Counted apart: {len(table.unknown_side)} events with an unknown side.")
    return "\n".join(lines).rstrip()
