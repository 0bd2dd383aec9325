"""Geometry of the dashboard's inline SVG charts (templates only draw it).

No JavaScript and no chart library: the server computes rectangles and
labels, ``templates/_charts.html`` turns them into SVG, and every mark
carries a ``<title>`` tooltip.

    timeline({"periods": [{"period": "2013-09", "events": 3}, ...], "change_points": [...]})
        -> {"bars": [{"x": 52.0, "y": 80.0, "w": 30.5, "h": 120.0, ...}], "ticks": [...], "changes": [...]}
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from .views import date_label, side_label

__all__ = ["timeline", "actor_timeline"]

WIDTH, HEIGHT = 960, 250
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 26, 44
ROW = 30  # height of one row of the actor timeline


def _nice_max(v: float) -> tuple[int, int]:
    """A round axis maximum >= v and its tick step: 7 -> (8, 2), 130 -> (150, 50)."""
    if v <= 4:
        return 4, 1
    mag = 10 ** int(math.log10(v))
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5):
        s = step * mag
        if v / s <= 5 and s >= 1:
            return int(math.ceil(v / s) * s), int(s)
    return int(math.ceil(v / mag) * mag), mag


def _change_index(cp, keys: list[str]) -> tuple[int | None, str]:
    """Where a change point falls (index of the first period after it) and a description."""
    if isinstance(cp, int) and not isinstance(cp, bool):
        return (cp if 0 <= cp < len(keys) else None), f"change from {keys[cp]}" if 0 <= cp < len(keys) else ""
    if isinstance(cp, str):
        return (keys.index(cp) if cp in keys else None), f"change from {cp}"
    if isinstance(cp, dict):
        for k in ("period", "at", "start", "after_period", "index"):
            v = cp.get(k)
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(keys):
                idx = v
                break
            if isinstance(v, str) and v in keys:
                idx = keys.index(v)
                break
        else:
            return None, ""
        text = f"change from {keys[idx]}"
        if isinstance(cp.get("before"), (int, float)) and isinstance(cp.get("after"), (int, float)):
            text += f": {cp['before']:.2f} → {cp['after']:.2f} {cp.get('measure') or 'events per period'}"
        if isinstance(cp.get("p_value"), (int, float)):
            text += f" (p = {cp['p_value']:.3f})"
        return idx, text
    return None, ""


def timeline(trend: dict | None, width: int = WIDTH, height: int = HEIGHT) -> dict | None:
    """Bars of events per period, y axis, x labels and change-point markers."""
    periods = [p for p in (trend or {}).get("periods") or [] if isinstance(p, dict)]
    if not periods:
        return None
    keys = [str(p.get("period")) for p in periods]
    counts = [int(p.get("events") or 0) for p in periods]
    top, step = _nice_max(max(abs(n) for n in counts) or 1)
    bottom = -top if min(counts) < 0 else 0  # net flows go below zero
    pw, ph = width - LEFT - RIGHT, height - TOP - BOTTOM
    bw = pw / len(periods)

    def y(v: float) -> float:
        return TOP + ph * (top - v) / (top - bottom)

    bars = []
    for i, (p, n) in enumerate(zip(periods, counts)):
        lo, hi = p.get("people_low"), p.get("people_high")
        people = f", {lo:,}–{hi:,} people" if isinstance(lo, int) and isinstance(hi, int) and hi else ""
        bars.append(
            {
                "x": LEFT + i * bw + bw * 0.1,
                "y": min(y(n), y(0)),
                "w": max(bw * 0.8, 1),
                "h": abs(y(n) - y(0)),
                "neg": n < 0,
                "title": f"{keys[i]}: {n} event{'s' if abs(n) != 1 else ''}{people}",
                "href": f"/events?date_from={p['start']}&date_to={p['end']}"
                if p.get("start") and p.get("end")
                else None,
            }
        )
    every = max(1, math.ceil(len(periods) / 12))
    xlabels = [{"x": LEFT + i * bw + bw / 2, "text": keys[i]} for i in range(0, len(periods), every)]
    yticks = [{"y": y(v), "text": str(v)} for v in range(bottom, top + 1, step)]
    changes = []
    for cp in (trend or {}).get("change_points") or []:
        idx, text = _change_index(cp, keys)
        text = text.replace("per period", f"per {(trend or {}).get('by') or 'period'}")
        if idx is not None:
            changes.append({"x": LEFT + idx * bw, "title": text})
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "xlabels": xlabels,
        "yticks": yticks,
        "changes": changes,
        "left": LEFT,
        "right": width - RIGHT,
        "base": TOP + ph,
        "top": TOP,
        "zero": y(0),
    }


def _day(s) -> date | None:
    try:
        return date.fromisoformat(str(s)[:10]) if s else None
    except ValueError:
        return None


def _date_ticks(lo: date, hi: date) -> list[date]:
    """First days of months between lo and hi, every 1, 2, 3, 6, 12... months (at most about 8)."""
    first = lo.year * 12 + lo.month - 1 + (lo.day > 1)
    last = hi.year * 12 + hi.month - 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if (last - first + 1) / s <= 8), 240)
    return [date(m // 12, m % 12 + 1, 1) for m in range(first + (-first) % step, last + 1, step)]


def actor_timeline(history: list, width: int = WIDTH) -> dict | None:
    """One row per dated switch: a mark (or a bar for a date window) on a shared time axis."""
    rows = []
    for h in history or []:
        if not isinstance(h, dict):
            continue
        a, b = _day((h.get("date") or {}).get("earliest")), _day((h.get("date") or {}).get("latest"))
        if a:
            rows.append((a, max(a, b or a), h))
    if not rows:
        return None
    rows.sort(key=lambda r: (r[0], r[1]))
    lo, hi = rows[0][0], max(r[1] for r in rows)
    pad = max(15, (hi - lo).days // 12)
    lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    left, right = 300, width - 20
    span = (hi - lo).days or 1

    def x(d: date) -> float:
        return left + (right - left) * (d - lo).days / span

    marks = []
    for i, (a, b, h) in enumerate(rows):
        frm, to = side_label(h.get("from")) or "?", side_label(h.get("to")) or "(none)"
        x0, x1 = x(a), x(b)
        cx = (x0 + x1) / 2
        right_side = cx < right - 110  # date label after the mark, or before it near the edge
        marks.append(
            {
                "y": 24 + i * ROW,
                "x0": x0,
                "x1": max(x1, x0),
                "cx": cx,
                "date": date_label(h.get("date")),
                "tx": max(x1, cx) + 12 if right_side else min(x0, cx) - 12,
                "anchor": "start" if right_side else "end",
                "label": f"{frm} → {to}",
                "kind": h.get("kind") or "",
                "event_id": h.get("event_id"),
                "title": f"{date_label(h.get('date'))}: {h.get('kind') or 'switch'} {frm} → {to}",
            }
        )
    height = 24 + len(rows) * ROW + 30
    ticks = [
        {"x": x(d), "text": d.strftime("%Y") if d.month == 1 else d.strftime("%b %Y")} for d in _date_ticks(lo, hi)
    ]
    return {
        "width": width,
        "height": height,
        "marks": marks,
        "ticks": ticks,
        "left": left,
        "right": right,
        "base": height - 26,
    }
