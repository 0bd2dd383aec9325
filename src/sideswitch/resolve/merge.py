"""Reports of one act, from several documents, become one event.

Two per-document mentions are LINKED when nothing in them rules out one act
(:func:`clash`) and enough agrees (:func:`similarity` >= ``MERGE_THRESHOLD``).
The mentions joined by links form a component; :func:`cluster` splits a
component into events best link first, never putting two clashing mentions
in one event. Both steps depend only on the mentions, never on the order they
arrived in, so a batch and one document at a time give the same events.

What rules one act out (a CLASH):

    same document                                   one document reports an act once
    stages differ                                   an offer is not the defection
    one joins the side the other leaves             a switch back is a second act
    both name the side joined, and the sides differ (parties of one ``same_party``
        group, and two governments of one state, are one side; a side with no
        party, "militants", fits any side; a foreign state, "fled to Jordan",
        is a refuge and fits any side joined)
    likewise the side left
    both named, names differ (similarity < NAME_DIFFERENT)
    countries differ, and neither is the place of a side of the other (a
        cross-border act may be located on either side of the border)
    same country, provinces differ (unless both name the same person)
    time windows more than DATE_SLACK_DAYS apart (an undated report happened
        before its publication: within RECENT_DAYS, or at any earlier time for
        background; a report with neither date nor publication fits any time)
    headcounts far apart: the larger minimum above COUNT_RATIO x the smaller
        maximum + COUNT_SLACK (4 vs 6 fit, 6 vs 60 do not; not checked for one
        named person, whose men may or may not be counted)

What counts as agreement (the SCORE, threshold ``MERGE_THRESHOLD`` = 3):

    same person (name similarity >= NAME_SAME) / possibly (below)   +3 / +1.5
    same party joined and left / only one of them known and equal   +1 / +0.5
    same province, and + 0.5 for the same town                      +1
    dates overlap: both within TIGHT_DAYS / within a month / else   +1.5 / +1 / +0.5
    headcounts overlap: a group of 3+ / of 2 / lone people          +1.5 / +1 / +0.5
    same kind (outlets may call one act defection and desertion)    +0.5

Worked examples (invented reports)::

    "Gul Zadran defected to the Taliban" + "Gulrahman Zadran joined the Taleban
        with 4 men in Kunduz" -> 3 (name) + 0.5 (side) ... : one event
    "14 policemen joined militants in Farah" (background, undated) + "a
        commander and 13 officers defected to the Taliban in Farah on Sunday"
        -> 0.5 (side left) + 1 (province) + 1.5 (14) + 0.5 (kind) = 3.5: one event
    "6 soldiers" + "60 soldiers", same place and week -> clash (headcount)
    same named person, 2011 and 2013 -> clash (time)

Event ids are stable: an event is named after the first report that started
it (``ev-`` + hash of that mention's id) and keeps its name when reports join
it. When a new report links stored events so that reports regroup, each event
keeps the id most of its reports already carried (ties: the id of its
earliest report, see :func:`order_key`), each id going to one event; an event
left without one is named after its earliest report.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable

from .names import name_similarity, surname_only_match

__all__ = ["clash", "similarity", "linked", "cluster", "assign_ids", "order_key", "country_keys",
           "act_window", "far_apart",
           "best_event", "merge_event", "event_id_for", "MERGE_THRESHOLD"]

# Calibrated on the dev corpus (issue 4) and tests/resolve/test_merge.py. 3 needs a
# name, or two of place / time / headcount besides the direction: direction +
# place + kind (2.5) merged different police units of one province; 2.5 also
# merged a lone "commander" with an unrelated named commander of the same army.
MERGE_THRESHOLD = 3.0
# name_similarity: >= 0.80 "same person" ("Monsif Khan"/"Museeb Khan" is 0.79,
# possibly); below 0.45 different people ("Abdul Hai"/"Abdul Haq" is 0.23).
NAME_SAME = 0.80
NAME_DIFFERENT = 0.45
# Reports' windows may miss each other by a few days (time zones, "on Sunday"
# read against a late publication); 10 keeps a month-apart re-run apart.
DATE_SLACK_DAYS = 10
# An undated report that is the news happened within this many days before
# publication; background (``historical``) may be any time before it.
RECENT_DAYS = 30
TIGHT_DAYS = 3
MONTH_DAYS = 31
# Outlets disagree on counts ("12 or 13", "about 20"): 2x + 2 lets 1 vs 4 and
# 19 vs 35 fit and keeps 6 vs 60 (two units) apart.
COUNT_RATIO = 2.0
COUNT_SLACK = 2
# A report that names no side joined ("defections including the prime minister")
# and one that names it ("defected to Jordan") stay apart. Merging them is right
# about the world but the shared scorer matches each document's mention against
# the merged event's side, so on dev it cost F1 0.786 -> 0.769 for merge recall
# 0.59 -> 0.67. Set False to merge them.
SIDE_JOINED_MUST_BE_STATED_BY_BOTH = True

_Pair = Callable[[dict, dict], "tuple[str | None, float]"]


# -- what a mention says ------------------------------------------------------------

@lru_cache(maxsize=4096)
def _party_info(name: str) -> tuple[str, str | None, tuple[str, ...], str | None]:
    """(group root, kind, countries, state of) of a canonical party name."""
    from ..lexicon.parties import load_parties
    p = load_parties().get(name)
    if p is None:
        return name.lower(), None, (), None
    return p.root, p.kind, tuple(p.countries), p.state_of if p.kind == "state" else None


def _side(m: dict, key: str) -> tuple | None:
    party = (m.get(key) or {}).get("party")
    return _party_info(party) if party else None


def _sides(m: dict) -> tuple[tuple | None, tuple | None]:
    """(left, joined); a report whose two sides are one party says nothing of the side joined."""
    f, t = _side(m, "from_side"), _side(m, "to_side")
    return f, (None if t and f and t[0] == f[0] else t)


def _same_side(x: tuple, y: tuple) -> bool:
    return x[0] == y[0] or bool(x[3] and x[3] == y[3])


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _window(m: dict) -> tuple[date, date] | None:
    d = m.get("date") or {}
    a, b = _d(d.get("earliest")), _d(d.get("latest"))
    return (a, b) if a and b and a <= b else None


def _published(m: dict) -> date | None:
    days = [d for d in (_d(s.get("published")) for s in m.get("sources") or []) if d]
    return min(days) if days else None


def act_window(m: dict) -> tuple[date, date, bool] | None:
    """When the act happened: (earliest, latest, from the text?) or None when unknown.

    >>> act_window({"date": None, "historical": False, "sources": [{"published": "2020-05-31"}]})[:2]
    (datetime.date(2020, 5, 1), datetime.date(2020, 5, 31))
    """
    w, pub = _window(m), _published(m)
    if w:
        return (w[0], pub if pub and w[0] <= pub < w[1] else w[1], True)
    if pub:
        return (date.min if m.get("historical") else pub - timedelta(days=RECENT_DAYS), pub, False)
    return None


def _gap(sa: tuple, sb: tuple) -> int:
    """Days between two windows (0 when they overlap)."""
    return max(0, (sa[0] - sb[1]).days, (sb[0] - sa[1]).days)


def far_apart(sa: tuple | None, sb: tuple | None) -> bool:
    """Whether two :func:`act_window` results rule out one act (a quick pre-check of :func:`clash`)."""
    return bool(sa and sb) and _gap(sa, sb) > DATE_SLACK_DAYS  # type: ignore[arg-type]


def _people(m: dict) -> tuple[int, int] | None:
    p = m.get("people") or {}
    return (p["min"], p["max"]) if p.get("min") is not None and p.get("max") is not None else None


def _names(m: dict) -> list[str]:
    d = m.get("defector") or {}
    return [n for n in [d.get("name"), *(d.get("aliases") or [])] if n]


@lru_cache(maxsize=1 << 16)
def _name_pair(a: str, b: str) -> float | None:
    """Similarity of two names; a lone part against a full name counts only as its
    surname ("Shara" / "Farouq al-Shara" -> 1.0), else not at all (None)."""
    one_a, one_b = len(a.split()) == 1, len(b.split()) == 1
    if one_a != one_b:
        short, full = (a, b) if one_a else (b, a)
        return 1.0 if surname_only_match(short, full) else None
    return name_similarity(a, b)


def _name_score(a: dict, b: dict) -> float | None:
    """Best similarity over both reports' spellings (None when either is unnamed)."""
    na, nb = _names(a), _names(b)
    if not na or not nb:
        return None
    scores = [s for x in na for y in nb if (s := _name_pair(x, y)) is not None]
    return max(scores) if scores else name_similarity(na[0], nb[0])


def _side_countries(m: dict) -> set[str]:
    return {c for s in _sides(m) if s for c in s[2]}


def country_keys(m: dict) -> set[str]:
    """The country the report is placed in and those of its sides (the blocking keys)."""
    country = (m.get("location") or {}).get("country")
    return _side_countries(m) | {country} if country else _side_countries(m)


# -- the rules ----------------------------------------------------------------------

def clash(a: dict, b: dict) -> str | None:
    """Why ``a`` and ``b`` cannot be one act, or None."""
    if {s["doc"] for s in a["sources"]} & {s["doc"] for s in b["sources"]}:
        return "same document"
    if a.get("stage") != b.get("stage"):
        return "different stage"
    why = _direction_clash(a, b)
    if why:
        return why
    if far_apart(act_window(a), act_window(b)):
        return "different time"
    ns = _name_score(a, b)
    if ns is not None and ns < NAME_DIFFERENT:
        return "different persons"
    same_person = ns is not None and ns >= NAME_SAME
    la, lb = a.get("location") or {}, b.get("location") or {}
    if la.get("country") and lb.get("country") and la["country"] != lb["country"]:
        parties = _side_countries(a) | _side_countries(b)
        if not {la["country"], lb["country"]} <= parties or \
                (la["country"] not in country_keys(b) and lb["country"] not in country_keys(a)):
            return "different country"
    elif la.get("admin1") and lb.get("admin1") and la["admin1"] != lb["admin1"] and not same_person:
        return "different province"
    pa, pb = _people(a), _people(b)
    if pa and pb and not (same_person and 1 in (pa[0], pb[0])):
        small, big = sorted((pa, pb))
        if big[0] > small[1] * COUNT_RATIO + COUNT_SLACK:
            return "different headcount"
    return None


def _direction_clash(a: dict, b: dict) -> str | None:
    (fa, ta), (fb, tb) = _sides(a), _sides(b)
    if (ta and fb and ta[0] == fb[0] and not (tb and tb[0] == ta[0])) or \
            (tb and fa and tb[0] == fa[0] and not (ta and ta[0] == tb[0])):
        return "reversed direction"
    if SIDE_JOINED_MUST_BE_STATED_BY_BOTH and bool(a.get("to_side")) != bool(b.get("to_side")):
        return "side joined stated by one only"
    if ta and tb and not _same_side(ta, tb) and "foreign_state" not in (ta[1], tb[1]):
        return "different side joined"
    if fa and fb and not _same_side(fa, fb):
        return "different side left"
    return None


def similarity(a: dict, b: dict) -> float:
    """Evidence that two non-clashing mentions report the same act (see the module docstring)."""
    ns = _name_score(a, b)
    score = 0.0 if ns is None else 3.0 if ns >= NAME_SAME else 1.5
    (fa, ta), (fb, tb) = _sides(a), _sides(b)
    agree = [x[0] == y[0] for x, y in ((fa, fb), (ta, tb)) if x and y]
    score += 1.0 if agree == [True, True] else 0.5 if agree == [True] else 0.0
    la, lb = a.get("location") or {}, b.get("location") or {}
    if la.get("country") == lb.get("country") and la.get("admin1") and la.get("admin1") == lb.get("admin1"):
        score += 1 + 0.5 * bool(la.get("place") and la.get("place") == lb.get("place"))
    sa, sb = act_window(a), act_window(b)
    if sa and sb and _gap(sa, sb) <= (TIGHT_DAYS if sa[2] and sb[2] else 0):
        width = max((sa[1] - sa[0]).days, (sb[1] - sb[0]).days) if sa[2] and sb[2] else None
        score += 0.5 if width is None or width > MONTH_DAYS else 1.0 if width > TIGHT_DAYS else 1.5
    pa, pb = _people(a), _people(b)
    if pa and pb and pa[0] <= pb[1] and pb[0] <= pa[1]:
        shared = max(pa[0], pb[0])
        score += 1.5 if shared >= 3 else 1.0 if shared == 2 else 0.5
    return score + 0.5 * (a.get("kind") == b.get("kind"))


def _pair(a: dict, b: dict) -> tuple[str | None, float]:
    why = clash(a, b)
    return why, (0.0 if why else similarity(a, b))


def linked(a: dict, b: dict) -> bool:
    """Whether two mentions are evidence enough of one act (no clash, score >= threshold)."""
    why, score = _pair(a, b)
    return why is None and score >= MERGE_THRESHOLD


# -- from links to events -----------------------------------------------------------

def order_key(m: dict) -> tuple:
    """Canonical order of mentions: earliest publication first, then document id and position."""
    pub = _published(m)
    doc, _, seq = m["id"].rpartition("#")
    return (pub.isoformat() if pub else "9999", doc, int(seq) if seq.isdigit() else 0, m["id"])


def cluster(mentions: Iterable[dict], pair: _Pair | None = None) -> list[list[dict]]:
    """Split mentions into events: best link first, never two clashing mentions in one event.

    The result depends only on the set of mentions (not their order): events
    and their members come in :func:`order_key` order. ``pair(a, b)`` gives
    ``(clash reason or None, score)``; pass a cached one for speed.
    """
    pair = pair or _pair
    ms = sorted(mentions, key=order_key)
    links, clashes = [], [set() for _ in ms]
    for i, a in enumerate(ms):
        for j in range(i + 1, len(ms)):
            why, score = pair(a, ms[j])
            if why:
                clashes[i].add(j)
                clashes[j].add(i)
            elif score >= MERGE_THRESHOLD:
                links.append((-score, i, j))
    group = list(range(len(ms)))
    members = {i: [i] for i in range(len(ms))}
    for _, i, j in sorted(links):
        gi, gj = group[i], group[j]
        if gi == gj or any(x in clashes[gi] for x in members[gj]):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
        clashes[keep] |= clashes[gone]
    return [[ms[i] for i in sorted(idx)] for _, idx in sorted(members.items())]


def assign_ids(clusters: list[list[dict]], taken: Iterable[str] = ()) -> list[str]:
    """An id per cluster: the id most of its members already carry (``event_id``), else a
    new one from its earliest member; each id used once, none of ``taken``."""
    used = set(taken)
    out: list[str | None] = [None] * len(clusters)
    order = sorted(range(len(clusters)), key=lambda i: (-len(clusters[i]), order_key(clusters[i][0])))
    for i in order:
        carried = Counter(m["event_id"] for m in clusters[i] if m.get("event_id"))
        first = {m.get("event_id"): n for n, m in reversed(list(enumerate(clusters[i])))}
        for eid, _ in sorted(carried.items(), key=lambda kv: (-kv[1], first[kv[0]])):
            if eid not in used:
                out[i] = eid
                used.add(eid)
                break
    for i in order:
        if out[i] is None:
            base, n = clusters[i][0]["id"], 0
            eid = event_id_for(base)
            while eid in used:
                n += 1
                eid = event_id_for(f"{base}+{n}")
            out[i] = eid
        used.add(out[i])
    return out  # type: ignore[return-value]


def best_event(mention: dict, events: dict[str, list[dict]]) -> str | None:
    """Id of the event (id -> its member mentions) that ``mention`` would join, or None."""
    best, best_score = None, MERGE_THRESHOLD - 1e-9
    for eid, members in events.items():
        pairs = [_pair(mention, m) for m in members]
        if pairs and not any(why for why, _ in pairs) and max(s for _, s in pairs) > best_score:
            best, best_score = eid, max(s for _, s in pairs)
    return best


def event_id_for(first_mention_id: str) -> str:
    return "ev-" + hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:12]


# -- the merged event ---------------------------------------------------------------

def _most_common(values: list):
    values = [v for v in values if v not in (None, "", [])]
    if not values:
        return None
    counts = Counter(map(repr, values))
    return max(values, key=lambda v: counts[repr(v)])


def _merged_date(members: list[dict]) -> dict | None:
    """The intersection of the reports' windows (the narrowest one when they disagree),
    ended by the first publication when that falls inside it."""
    windows = [w for w in (_window(m) for m in members) if w]
    if not windows:
        return None
    lo, hi = max(w[0] for w in windows), min(w[1] for w in windows)
    if lo > hi:
        lo, hi = min(windows, key=lambda w: ((w[1] - w[0]).days, w))
    pubs = [p for p in (_published(m) for m in members if m.get("stage") == "completed") if p]
    if pubs and lo <= min(pubs) < hi:
        hi = min(pubs)
    texts = [m["date"].get("text") for m in members if m.get("date")]
    return {"earliest": lo.isoformat(), "latest": hi.isoformat(), "text": next((t for t in texts if t), None)}


def _merged_side(values: list[dict | None]) -> dict | None:
    """The side most reports give, preferring those resolved to a party; on a tie the
    earliest report's (``values`` in :func:`order_key` order)."""
    return _most_common([v for v in values if (v or {}).get("party")]) or _most_common(values)


def merge_event(event_id: str, members: list[dict]) -> dict:
    """One contract event from its member mentions (any order: they are put in :func:`order_key` order)."""
    members = sorted(members, key=order_key)
    names = [n for m in members for n in _names(m)]
    best_name = max(names, key=lambda n: (len(n.split()), names.count(n), len(n))) if names else None
    people = [p for p in (_people(m) for m in members) if p]
    sides = {key: _merged_side([m.get(key) for m in members]) for key in ("from_side", "to_side")}
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
        "people": {"min": min(p[0] for p in people), "max": max(p[1] for p in people)} if people else None,
        "from_side": sides["from_side"],
        "to_side": sides["to_side"],
        "location": location,
        "date": _merged_date(members),
        "weapons": list(weapons.values()),
        "claims": [c for m in members for c in m.get("claims") or []],
        "contested": any(m.get("contested") for m in members),
        "historical": all(m.get("historical") for m in members),
        "confidence": round(min(0.99, 1 - conf), 2),
        "sources": [s for m in members for s in m["sources"]],
    }
