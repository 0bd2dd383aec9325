"""People across events: who is the same person, who possibly is.

:func:`resolve_actors` groups the named defectors of merged events into
actors, each with a time-ordered history of side switches::

    "Qazi Abdul Hai" (2014) + "Abdul Hai" (2016) + "Qazi Abdulhai" (2016) -> one actor
    "Abdul Kazi Hai"            -> another actor, "possibly the same" (0.86: title used as a name)
    "Hai" (surname only)        -> another actor, "possibly the same" (only the surname is given)
    "Abdul Haq"                 -> a different person (shares only "Abdul")
    "Monsif Khan" / "Museeb Khan", both leaving the army for the same group in the same
    province within a week     -> two actors, "possibly the same" (0.79 + 0.15 for the same move)

Rules, in order:

1. A name joins the group that already knows that spelling (after folding), or
   else the one group whose names score at least ``SAME_PERSON`` with it and
   none conflicts with it (:func:`~.names.parts_conflict`: no distinctive part
   in common, or each with a distinctive part the other lacks). Matching two
   groups is ambiguous and makes a new actor. Context never merges on its own.
2. Names with one part ("Hai") or only generic parts ("Mohammad Khan") are
   *weak*: they join only an identical weak name reported for the same move
   within ``SAME_MOVE_DAYS``, and are otherwise linked as "possibly the same".
3. Actors are linked as "possibly the same" when name similarity plus a
   context bonus (the same move in the same country within days) reaches
   ``POSSIBLY_SAME``, or when one is a lone surname of the other. Links are
   never merged.
4. Ids are ``actor-`` + a short hash of the key of the first-seen name; with
   ``previous`` actors, a group keeps the id of the previous actor that
   shares most of its events, so ids survive incremental runs.
5. A person's history holds only acts whose evidence names that person as the
   defector (:func:`names_the_defector`): a source's evidence contains a distinctive
   part of the defector's name, or it tells the act by a role only ("A police
   commander went over ...", named in the report's next lines) and names nobody
   else. An act whose evidence names another person (a deputy minister's
   defection given to the vice-president named elsewhere) makes no history.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from .names import (
    NO_DISTINCTIVE_CAP,
    SINGLE_PART_CAP,
    Honorifics,
    compare_names,
    default_honorifics,
    is_surname_of,
    name_parts,
    part_score,
    parts_conflict,
    skeleton,
    split_alias,
)

__all__ = [
    "resolve_actors",
    "summarize_actor",
    "names_the_defector",
    "previous_from_events",
    "SAME_PERSON",
    "POSSIBLY_SAME",
]

# Name similarity needed to merge two names into one actor. At 0.9 every
# spelling variant in the tests merges (they score 0.97-1.0) and a missing
# middle name ("Abdul Bakhtawar" vs "Abdul Jalil Bakhtawar", 0.86) does not:
# a wrong merge corrupts two histories, a missed one only leaves a link.
SAME_PERSON = 0.9
# Name similarity plus context needed for a "possibly the same" link.
POSSIBLY_SAME = 0.6
# Context bonus for the same move: same from-party and to-party, same or
# unknown country, dates within SAME_MOVE_DAYS. Sharing only a country or a
# party earns nothing: in a corpus about one conflict nearly everyone does, and
# a 0.05 bonus for it linked "Abdul Jalil X" to every "Abdul Karim X".
CONTEXT_SAME_MOVE = 0.15
SAME_MOVE_DAYS = 7
ID_HASH_LENGTH = 10
# The prefix of a move's blocking keys (:func:`_move_keys`); name keys never start with it.
MOVE_KEY = "m:"


@dataclass
class _Group:
    members: list[Any] = field(default_factory=list)  # events, in time order
    spellings: dict[str, Any] = field(default_factory=dict)  # name as written -> parts
    moves: list[Any] = field(default_factory=list)  # (from party, to party, country, admin1, date)
    nicknames: set[Any] = field(default_factory=set)  # spellings that came after "alias"
    weak: bool = True

    def add(self, ev: dict[str, Any], spellings: dict[str, Any], nicknames: set[Any], lex: Honorifics) -> None:
        self.members.append(ev)
        self.moves.append(_move(ev))
        for name, parts in spellings.items():
            self.spellings.setdefault(name, parts)
        self.nicknames |= nicknames - {ev["defector"]["name"]}
        self.weak = all(_is_weak(p, lex) for p in self.spellings.values())

    def name_keys(self, lex: Honorifics) -> set[str]:
        return {k for parts in self.spellings.values() for k in _name_keys(parts, lex)}

    def move_keys(self) -> set[str]:
        return {k for m in self.moves for k in _move_keys(m)}


def _is_weak(parts: list[str], lex: Honorifics) -> bool:
    return len(parts) < 2 or all(p in lex.generic for p in parts)


def _name_keys(parts: list[str], lex: Honorifics) -> set[str]:
    """Blocking keys of a name; spelling variants share at least one. Per distinctive
    part: its first four letters, its consonant skeleton, and its initial with the
    other parts ("Monsif Khan" and "Museeb Khan" share "m|khan"). An all-generic
    name is its own key."""
    keys = set()
    for i, p in enumerate(parts):
        if p not in lex.generic:
            keys.add("p:" + p[:4])
            keys |= {"s:" + skeleton(p)} if len(skeleton(p)) >= 3 else set()
            keys |= {"i:" + p[0] + "|" + " ".join(sorted(parts[:i] + parts[i + 1 :]))} if len(parts) > 1 else set()
    return keys or {"=" + " ".join(parts)}


def _move_keys(move: tuple[Any, ...]) -> set[str]:
    """Blocking keys of a move: two events of the same move within SAME_MOVE_DAYS share one."""
    frm, to, _, _, day = move
    if not (frm and to and day):
        return set()
    week = day.toordinal() // SAME_MOVE_DAYS
    return {f"{MOVE_KEY}{frm}|{to}|{week}", f"{MOVE_KEY}{frm}|{to}|{week + 1}"}


def _day(ev: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat((ev.get("date") or {}).get("earliest") or "")
    except ValueError:
        return None


def _time_key(ev: dict[str, Any]) -> tuple[Any, ...]:
    d = ev.get("date") or {}
    return (not d.get("earliest"), d.get("earliest") or "", d.get("latest") or "", ev.get("id") or "")


def _spellings(ev: dict[str, Any]) -> tuple[list[str], set[str]]:
    """Every spelling of the defector's name, and which of them are noms de guerre."""
    d = ev["defector"]
    names = [d["name"], *(d.get("aliases") or [])]
    nicknames = {a.strip() for a in (split_alias(n)[1] for n in names) if a and a.strip()}
    return list(dict.fromkeys([n.strip() for n in names if n and n.strip()] + sorted(nicknames))), nicknames


def _move(ev: dict[str, Any]) -> tuple[Any, ...]:
    frm, to, loc = ev.get("from_side") or {}, ev.get("to_side") or {}, ev.get("location") or {}
    return (frm.get("party"), to.get("party"), loc.get("country"), loc.get("admin1"), _day(ev))


def _context(a: _Group, b: _Group) -> tuple[float, str]:
    """Bonus and reason when the two histories contain the same move at the same time."""
    for fa, ta, ca, pa, da in a.moves:
        for fb, tb, cb, pb, db in b.moves:
            if (
                fa
                and ta
                and (fa, ta) == (fb, tb)
                and (not ca or not cb or ca == cb)
                and da
                and db
                and abs((da - db).days) <= SAME_MOVE_DAYS
            ):
                where = f" in {pa if pa and pa == pb else ca or cb}" if (ca or cb) else ""
                return CONTEXT_SAME_MOVE, f"same move {fa} -> {ta}{where} within {SAME_MOVE_DAYS} days"
    return 0.0, ""


def _best(a: dict[str, Any], b: dict[str, Any], lex: Honorifics) -> tuple[float, str, str]:
    """Best (score, name in a, name in b) over all spelling pairs."""
    best = (-1.0, "", "")
    for na, pa in a.items():
        for nb, pb in b.items():
            score = part_score(pa, pb, lex)
            if score > best[0]:
                best = (score, na, nb)
    return best


def _contradicts(group: _Group, spellings: dict[str, Any], nicknames: set[Any], lex: Honorifics) -> bool:
    """Whether a real name of the group and one of ``spellings`` conflict (:func:`~.names.parts_conflict`)."""
    return any(
        parts_conflict(pg, ps, lex)
        for ng, pg in group.spellings.items()
        if ng not in group.nicknames and not _is_weak(pg, lex)
        for ns, ps in spellings.items()
        if ns not in nicknames and not _is_weak(ps, lex)
    )


def _place(ev: dict[str, Any], groups: list[_Group], index: dict[str, Any], lex: Honorifics) -> None:
    """Put ``ev`` into the group of the same person, or a new one (rules 1 and 2)."""
    names, nicknames = _spellings(ev)
    spellings = {n: name_parts(n, lex) for n in names}
    weak = all(_is_weak(p, lex) for p in spellings.values())
    keys = {k for parts in spellings.values() for k in _name_keys(parts, lex)}
    exact, fuzzy = [], []
    for gi in sorted({g for k in keys for g in index.get(k, ())}):
        g = groups[gi]
        if weak or g.weak:
            same = (
                weak
                and g.weak
                and bool({" ".join(p) for p in spellings.values()} & {" ".join(p) for p in g.spellings.values()})
            )
            if same and _context(g, _Group(moves=[_move(ev)]))[0] > 0:
                exact.append(gi)
            continue
        score = _best(g.spellings, spellings, lex)[0]
        # a known spelling met again is trusted; a fuzzy match must not contradict any real name
        if score >= 1.0:
            exact.append(gi)
        elif score >= SAME_PERSON and not _contradicts(g, spellings, nicknames, lex):
            fuzzy.append(gi)
    # a fuzzy match to two different people is ambiguous: a new actor, linked to both
    chosen = exact[0] if exact else fuzzy[0] if len(fuzzy) == 1 else None
    if chosen is None:
        groups.append(_Group())
        chosen = len(groups) - 1
    groups[chosen].add(ev, spellings, nicknames, lex)
    for k in groups[chosen].name_keys(lex):
        index.setdefault(k, set()).add(chosen)


def _canonical(g: _Group) -> str:
    """Best full name: most name parts, then most words (titles too), then most used, then first seen."""
    used = Counter(ev["defector"]["name"] for ev in g.members)
    order = list(g.spellings)
    return min(order, key=lambda n: (-len(g.spellings[n]), -len(split_alias(n)[0].split()), -used[n], order.index(n)))


def _history_entry(ev: dict[str, Any]) -> dict[str, Any]:
    src = (ev.get("sources") or [{}])[0]
    d = ev.get("date")
    return {
        "event_id": ev["id"],
        "date": {"earliest": d.get("earliest"), "latest": d.get("latest")} if d else None,
        "kind": ev.get("kind"),
        "stage": ev.get("stage"),
        "from": ev.get("from_side"),
        "to": ev.get("to_side"),
        "evidence": src.get("evidence"),
        "doc": src.get("doc"),
    }


def _history_key(h: dict[str, Any]) -> tuple[Any, ...]:
    d = h["date"] or {}
    return (not d, d.get("earliest") or "", d.get("latest") or "", h["event_id"])


def _assign_ids(groups: list[_Group], previous: list[dict[str, Any]] | None) -> list[str]:
    was = {h["event_id"]: a["id"] for a in previous or [] for h in a.get("history") or []}
    claims = sorted(
        (
            (-n, gi, pid)
            for gi, g in enumerate(groups)
            for pid, n in Counter(was[e["id"]] for e in g.members if e["id"] in was).items()
        )
    )
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for _, gi, pid in claims:
        if ids[gi] is None and pid not in taken:
            ids[gi] = pid
            taken.add(pid)
    for gi, g in enumerate(groups):
        if ids[gi] is None:
            key = " ".join(name_parts(g.members[0]["defector"]["name"])) or g.members[0]["defector"]["name"]
            base = "actor-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_HASH_LENGTH]
            ids[gi], n = base, 1
            while ids[gi] in taken:
                n += 1
                ids[gi] = f"{base}-{n}"
            taken.add(ids[gi])  # type: ignore[arg-type]  # set just above
    return ids  # type: ignore[return-value]  # every slot is set by now


def _name_match(
    gs: dict[str, Any], g_weak: bool, hs: dict[str, Any], h_weak: bool, lex: Honorifics
) -> tuple[float, str, str, bool]:
    """The name side of :func:`_link` for two sets of spellings (name -> parts): the best
    spelling pair's score, raised to SINGLE_PART_CAP when one name is only the other's surname,
    the two spellings it comes from, and whether it is that surname case."""
    score, na, nb = _best(gs, hs, lex)
    surname = (
        next(
            (
                (s, f)
                for s, ps in gs.items()
                for f, pf in hs.items()
                if is_surname_of(ps, pf, lex) or is_surname_of(pf, ps, lex)
            ),
            None,
        )
        if g_weak != h_weak
        else None
    )
    if surname:
        score, (na, nb) = max(score, SINGLE_PART_CAP), surname
    return score, na, nb, bool(surname)


def may_link(score: float, same_move: bool) -> bool:
    """Whether a name score of :func:`_name_match` can make a "possibly the same" link, given
    whether the two histories may hold the same move (the context bonus of :func:`_context`)."""
    total = round(min(score + (CONTEXT_SAME_MOVE if same_move else 0.0), 1.0), 2)
    return score > NO_DISTINCTIVE_CAP and total >= POSSIBLY_SAME


def _link(g: _Group, h: _Group, lex: Honorifics) -> tuple[float, str] | None:
    """Score and reason for a "possibly the same" link between two groups (rule 3), or None."""
    score, na, nb, surname = _name_match(g.spellings, g.weak, h.spellings, h.weak, lex)
    bonus, reason = _context(g, h)
    total = round(min(score + bonus, 1.0), 2)
    if score <= NO_DISTINCTIVE_CAP or total < POSSIBLY_SAME:
        return None
    why = "only the surname is given" if surname else compare_names(na, nb, lex).why
    return total, f"{na} / {nb}: {why}" + (f"; {reason}" if reason else "")


def _links(groups: list[_Group], ids: list[str], names: list[str], lex: Honorifics) -> list[list[dict[str, Any]]]:
    keys = [g.name_keys(lex) | g.move_keys() for g in groups]
    index: dict[str, set[int]] = {}
    for gi, ks in enumerate(keys):
        for k in ks:
            index.setdefault(k, set()).add(gi)
    links: list[list[dict[str, Any]]] = [[] for _ in groups]
    for gi, g in enumerate(groups):
        for gj in sorted({j for k in keys[gi] for j in index[k] if j > gi}):
            found = _link(g, groups[gj], lex)
            if found:
                links[gi].append({"actor_id": ids[gj], "name": names[gj], "score": found[0], "why": found[1]})
                links[gj].append({"actor_id": ids[gi], "name": names[gi], "score": found[0], "why": found[1]})
    return [sorted(x, key=lambda link: (-link["score"], link["actor_id"])) for x in links]


def resolve_actors(
    events: list[dict[str, Any]], *, previous: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Group the named defectors of ``events`` into actors.

    Returns ``(actors, {event_id: actor_id})``; unnamed defectors get no actor.
    Pass every event each time: ``previous`` (the actors of the last run) only
    keeps ids stable, and previous members that are no longer among ``events``
    are dropped.
    """
    lex = default_honorifics()
    named = sorted(
        (e for e in events if ((e.get("defector") or {}).get("name") or "").strip() and names_the_defector(e, lex)),
        key=_time_key,
    )
    groups: list[_Group] = []
    index: dict[str, set[int]] = {}
    for ev in named:
        _place(ev, groups, index, lex)
    ids = _assign_ids(groups, previous)
    names = [_canonical(g) for g in groups]
    links = _links(groups, ids, names, lex)
    actors: list[dict[str, Any]] = [
        {
            "id": ids[i],
            "name": names[i],
            "aliases": [n for n in g.spellings if n != names[i]],
            "history": sorted((_history_entry(e) for e in g.members), key=_history_key),
            "possibly_same": links[i],
        }
        for i, g in enumerate(groups)
    ]
    return actors, {e["id"]: ids[i] for i, g in enumerate(groups) for e in g.members}


def names_the_defector(ev: dict[str, Any], lex: Honorifics | None = None) -> bool:
    """Whether a source's evidence names the event's defector: it holds a distinctive part
    (not a title, not a generic name like "Mohammad", three letters or more) of one of the
    defector's spellings, compared after transliteration folding.

    >>> ev = {"defector": {"name": "Gen. Karim Dostani", "aliases": []},
    ...       "sources": [{"evidence": "General Karim Dostani crossed over on Sunday."}]}
    >>> other = {**ev, "sources": [{"evidence": "Deputy minister Selim Haddad crossed over."}]}
    >>> names_the_defector(ev), names_the_defector(other)
    (True, False)
    """
    d = ev.get("defector") or {}
    names = tuple(n for n in [d.get("name"), *(d.get("aliases") or [])] if n)
    evidence = tuple(s.get("evidence") or "" for s in ev.get("sources") or [])
    return _names_the_defector(names, evidence, ev.get("language") or "en", lex or default_honorifics())


@lru_cache(maxsize=1 << 14)  # pure; actors are resolved again over the same stored events, batch after batch
def _names_the_defector(names: tuple[str, ...], evidence: tuple[str, ...], lang: str, lex: Honorifics) -> bool:
    wanted = {p for n in names for p in name_parts(n, lex) if len(p) >= 3} - set(lex.generic)
    if not wanted:
        return True  # only generic parts ("Mohammad Khan"): nothing to tell them by, the rules above decide
    if any(wanted & set(name_parts(text, lex)) for text in evidence):
        return True
    return bool(evidence) and not any(_other_persons(text, lang) for text in evidence)


def _other_persons(text: str, lang: str) -> bool:
    """Whether ``text`` names a person (two name parts or more): one other than the defector,
    when the defector's own name is not in it."""
    from ..extract.persons import find_persons
    from ..lexicon.langdata import available_languages, language_data

    data = language_data(lang if lang in available_languages() else "en")
    return any(len(p.name.split()) >= 2 for p in find_persons(text, data))


def previous_from_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stand-ins for the actors behind the ``actor_id`` that ``events`` carry (events read back
    from an export), so :func:`resolve_actors` keeps those ids and the links hold."""
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        aid = (ev.get("defector") or {}).get("actor_id")
        if aid:
            by_actor.setdefault(aid, []).append({"event_id": ev["id"]})
    return [{"id": aid, "history": history} for aid, history in sorted(by_actor.items())]


def summarize_actor(actor: dict[str, Any]) -> dict[str, Any]:
    """Counts and date range of an actor's history, for listings.

    >>> window = {"earliest": "2015-03-01", "latest": "2015-03-02"}
    >>> summarize_actor({"history": [{"stage": "completed", "date": window}, {"stage": "offered", "date": None}]})
    {'switches': 1, 'offered': 1, 'first': '2015-03-01', 'last': '2015-03-02'}
    """
    history = actor.get("history") or []
    dated = [h["date"] for h in history if h.get("date")]
    return {
        "switches": sum(h.get("stage") != "offered" for h in history),
        "offered": sum(h.get("stage") == "offered" for h in history),
        "first": min((d["earliest"] for d in dated), default=None),
        "last": max((d["latest"] for d in dated), default=None),
    }
