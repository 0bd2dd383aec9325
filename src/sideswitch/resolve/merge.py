"""Reports of one act, from several documents, become one event.

Each new per-document mention is compared with the events already stored and
joins the best compatible one, or starts a new event. Processing mentions in
ingest order makes a batch and a one-at-a-time ingest give the same result.

Two mentions CLASH (never merged) when: they come from the same document;
their directions differ or reverse; both are named and the names differ;
their provinces differ; their date windows are further apart than
``DATE_SLACK_DAYS``; their headcounts differ by more than ``COUNT_RATIO``;
or their stages differ. Otherwise their SCORE adds evidence of sameness:

    same person (name similarity >= NAME_SAME)      +3
    same party joined / left                        +1 / +1
    same province                                   +1
    overlapping dates, or publications close        +1
    overlapping headcounts                          +1
    same kind                                       +0.5

and a mention joins the best event scoring at least ``MERGE_THRESHOLD``.
Merged fields keep every source's values: people is the range over sources,
the date the intersection of consistent windows, contested if any source
disputes, claims and sources are the union. Stable ids: an event keeps the id
of its first ingested report (``ev-`` + hash of that mention's id).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date

from .names import name_similarity

__all__ = ["clash", "similarity", "best_event", "merge_event", "event_id_for", "MERGE_THRESHOLD"]

# Calibrated on the dev corpus (issue 4): 3.0 merges a named person's reports, or an
# unnamed group's reports agreeing on direction + place/time + count; 2 merged
# different police units in one province and week.
MERGE_THRESHOLD = 3.0
NAME_SAME = 0.80
NAME_DIFFERENT = 0.45
DATE_SLACK_DAYS = 10
PUBLISHED_CLOSE_DAYS = 21
COUNT_RATIO = 2.5


def _party(side: dict | None) -> str | None:
    if not side:
        return None
    return (side.get("party") or side.get("name") or "").lower() or None


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _window(m: dict) -> tuple[date, date] | None:
    d = m.get("date") or {}
    a, b = _d(d.get("earliest")), _d(d.get("latest"))
    return (a, b) if a and b else None


def _published(m: dict) -> date | None:
    return _d(next((s.get("published") for s in m.get("sources") or [] if s.get("published")), None))


def _names(m: dict) -> list[str]:
    d = m.get("defector") or {}
    return [n for n in [d.get("name"), *(d.get("aliases") or [])] if n]


def _name_score(a: dict, b: dict) -> float | None:
    na, nb = _names(a), _names(b)
    if not na or not nb:
        return None
    return max(name_similarity(x, y) for x in na for y in nb)


def clash(a: dict, b: dict) -> str | None:
    """Why ``a`` and ``b`` cannot be one act, or None."""
    if {s["doc"] for s in a["sources"]} & {s["doc"] for s in b["sources"]}:
        return "same document"
    if a.get("stage") != b.get("stage"):
        return "different stage"
    ta, tb, fa, fb = _party(a.get("to_side")), _party(b.get("to_side")), _party(a.get("from_side")), _party(b.get("from_side"))
    if (ta and fb and ta == fb and ta != tb) or (fa and tb and fa == tb and fa != fb):
        return "reversed direction"
    if ta and tb and ta != tb and (a["to_side"].get("party") and b["to_side"].get("party")):
        return "different side joined"
    if fa and fb and fa != fb and (a["from_side"].get("party") and b["from_side"].get("party")):
        return "different side left"
    ns = _name_score(a, b)
    if ns is not None and ns < NAME_DIFFERENT:
        return "different persons"
    la, lb = a.get("location") or {}, b.get("location") or {}
    if la.get("country") and lb.get("country") and la["country"] != lb["country"] and \
            a.get("kind") == b.get("kind") == "defection" and not (la.get("admin1") or lb.get("admin1")):
        pass   # cross-border acts are located on either side of the border
    elif la.get("admin1") and lb.get("admin1") and la["admin1"] != lb["admin1"]:
        return "different province"
    wa, wb = _window(a), _window(b)
    if wa and wb and ((wa[0] - wb[1]).days > DATE_SLACK_DAYS or (wb[0] - wa[1]).days > DATE_SLACK_DAYS):
        return "different time"
    pa, pb = a.get("people"), b.get("people")
    if pa and pb and (pa["min"] > pb["max"] * COUNT_RATIO or pb["min"] > pa["max"] * COUNT_RATIO):
        return "different headcount"
    return None


def similarity(a: dict, b: dict) -> float:
    """Evidence that two non-clashing mentions report the same act."""
    score = 0.0
    ns = _name_score(a, b)
    if ns is not None and ns >= NAME_SAME:
        score += 3
    elif ns is not None:
        score += 1.5
    ta, tb, fa, fb = _party(a.get("to_side")), _party(b.get("to_side")), _party(a.get("from_side")), _party(b.get("from_side"))
    score += (ta is not None and ta == tb) + 0.5 * (fa is not None and fa == fb)
    la, lb = a.get("location") or {}, b.get("location") or {}
    score += bool(la.get("admin1") and la.get("admin1") == lb.get("admin1"))
    wa, wb = _window(a), _window(b)
    pa, pb = _published(a), _published(b)
    if wa and wb:
        score += 1
    elif pa and pb and abs((pa - pb).days) <= PUBLISHED_CLOSE_DAYS:
        score += 1
    elif (wa and pb and wa[0].toordinal() - 7 <= pb.toordinal() <= wa[1].toordinal() + PUBLISHED_CLOSE_DAYS) or \
            (wb and pa and wb[0].toordinal() - 7 <= pa.toordinal() <= wb[1].toordinal() + PUBLISHED_CLOSE_DAYS):
        score += 1
    elif (pa or wa) and (pb or wb):
        score -= 1.5   # both dated, far apart
    pp, qq = a.get("people"), b.get("people")
    if pp and qq and pp["min"] <= qq["max"] and qq["min"] <= pp["max"]:
        score += 1
    score += 0.5 * (a.get("kind") == b.get("kind"))
    return score


def best_event(mention: dict, events: dict[str, list[dict]]) -> str | None:
    """Id of the event (id -> its member mentions) that ``mention`` joins, or None."""
    best, best_score = None, MERGE_THRESHOLD - 1e-9
    for eid, members in events.items():
        if any(clash(mention, m) for m in members):
            continue
        s = max(similarity(mention, m) for m in members)
        if s > best_score:
            best, best_score = eid, s
    return best


def event_id_for(first_mention_id: str) -> str:
    return "ev-" + hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:12]


def _most_common(values: list):
    values = [v for v in values if v not in (None, "", [])]
    if not values:
        return None
    counts = Counter(map(repr, values))
    return max(values, key=lambda v: counts[repr(v)])


def merge_event(event_id: str, members: list[dict]) -> dict:
    """One contract event from its member mentions (in ingest order)."""
    names = [n for m in members for n in _names(m)]
    best_name = max(names, key=lambda n: (len(n.split()), names.count(n), len(n))) if names else None
    people = [m["people"] for m in members if m.get("people")]
    windows = [w for w in (_window(m) for m in members) if w]
    date_out = None
    if windows:
        lo, hi = max(w[0] for w in windows), min(w[1] for w in windows)
        if lo > hi:
            lo, hi = min(windows, key=lambda w: (w[1] - w[0]).days)
        texts = [m["date"].get("text") for m in members if m.get("date")]
        date_out = {"earliest": lo.isoformat(), "latest": hi.isoformat(), "text": next((t for t in texts if t), None)}
    sides = lambda key: _most_common([m.get(key) for m in members if (m.get(key) or {}).get("party")]) or \
        _most_common([m.get(key) for m in members])
    locs = [m.get("location") or {} for m in members]
    rank = {"place": 3, "admin2": 2, "admin1": 1, "country": 0}
    location = max(locs, key=lambda l: (rank.get(l.get("precision"), -1), locs.count(l)))
    weapons: dict[str, dict] = {}
    for m in members:
        for w in m.get("weapons") or []:
            cur = weapons.get(w["item"])
            if cur is None or (w.get("count") or 0) > (cur.get("count") or 0):
                weapons[w["item"]] = {"item": w["item"], "count": w.get("count")}
    conf = 1.0
    for m in members:
        conf *= 1 - float(m.get("confidence") or 0.5)
    return {
        "id": event_id,
        "kind": _most_common([m["kind"] for m in members]),
        "stage": "completed" if any(m["stage"] == "completed" for m in members) else "offered",
        "defector": {"name": best_name, "aliases": sorted(set(names) - {best_name}), "actor_id": None,
                     "role": _most_common([(m.get("defector") or {}).get("role") for m in members])},
        "people": {"min": min(p["min"] for p in people), "max": max(p["max"] for p in people)} if people else None,
        "from_side": sides("from_side"),
        "to_side": sides("to_side"),
        "location": location,
        "date": date_out,
        "weapons": list(weapons.values()),
        "claims": [c for m in members for c in m.get("claims") or []],
        "contested": any(m.get("contested") for m in members),
        "historical": all(m.get("historical") for m in members),
        "confidence": round(min(0.99, 1 - conf), 2),
        "sources": [s for m in members for s in m["sources"]],
    }
