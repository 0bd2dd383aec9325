"""Sides named by a role, not a party, resolved to the party the conflict implies.

A report often names a side by its role: "the rebels", "militants", "government forces",
"the opposition". Counted as written, every spelling would be a party of its own. Each side
of a mention gets a ``party`` and how it was found, ``party_source``:

    stated            the text names the party ("joined the Taliban")
    lexicon           a government role resolved to the state side of the country in that
                      year (the party lexicon's ``state_of`` and ``period``)
    conflict context  a role resolved through the lexicon's ``adversaries``: the adversary of
                      the other side, or of the country's state, that fits the role; or the
                      only party of the country, in that year, of a kind that fits it (also a
                      side the extractor inferred, marked ``inferred``)
    unresolved        none fits: the bucket "unresolved: <country> <role>", so that flows
                      count such sides together, and apart from every real party

A resolved generic side keeps its name and records the role as ``generic`` (merging treats
it as a side without a party, which fits any party of the conflict). The role phrases are
language data (``lexicon/data/generic_sides.yaml``)::

    m = {"location": {"country": "Nigeria"}, "date": {"earliest": "2024-03-03"}, "sources": [],
         "from_side": {"name": "the militants", "party": None},
         "to_side": {"name": "troops", "party": None}}
    resolve_sides(m)
    m["to_side"]   -> {"name": "troops", "party": "Nigerian military", "party_source": "lexicon",
                       "generic": "government"}
    m["from_side"] -> {"name": "the militants", "party": "Boko Haram",
                       "party_source": "conflict context", "generic": "militants"}
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..lexicon.generic_sides import GenericSides, load_generic_sides
from ..lexicon.parties import STATE_KINDS, Party, PartyLexicon, load_parties

__all__ = ["resolve_sides", "resolve_parties", "PARTY_SOURCES", "UNRESOLVED"]

PARTY_SOURCES = ("stated", "lexicon", "conflict context", "unresolved")
UNRESOLVED = "unresolved: "  # the prefix of an unresolved bucket's name


def resolve_parties(mentions: Iterable[dict[str, Any]]) -> None:
    """:func:`resolve_sides` on every mention (in place)."""
    parties, generic = load_parties(), load_generic_sides()
    for m in mentions:
        resolve_sides(m, parties, generic)


def resolve_sides(m: dict[str, Any], parties: PartyLexicon | None = None, generic: GenericSides | None = None) -> None:
    """Give both sides of mention ``m`` a party and its ``party_source`` (in place; see the module docstring)."""
    parties, generic = parties or load_parties(), generic or load_generic_sides()
    sides: dict[str, dict[str, Any]] = {k: m[k] for k in ("from_side", "to_side") if isinstance(m.get(k), dict)}
    roles: dict[str, str] = {}
    for key, side in sides.items():
        if side.get("generic") in generic.roles:  # resolved before: again, with what is known now
            roles[key] = side["generic"]
        elif side.get("party"):
            side["party_source"] = "conflict context" if side.get("inferred") else "stated"
        elif (role := generic.role_of(side.get("name"))) is not None:
            roles[key] = role
    if not roles:
        return
    year = _year(m)
    # a government role first: the side it resolves to tells the other side's adversary
    for key in sorted(roles, key=lambda k: not generic.is_government(roles[k])):
        role, side = roles[key], sides[key]
        other = sides.get("to_side" if key == "from_side" else "from_side") or {}
        other_party = parties.get(other["party"]) if other.get("party") else None
        country = (m.get("location") or {}).get("country") or _country_of(other_party)
        party, source = _resolve(parties, generic, role, country, year, other_party)
        side["party"] = party.name if party else f"{UNRESOLVED}{country + ' ' if country else ''}{generic.label(role)}"
        side["party_source"] = source
        side["generic"] = role


def _resolve(
    parties: PartyLexicon, generic: GenericSides, role: str, country: str | None, year: int | None, other: Party | None
) -> tuple[Party | None, str]:
    if country is None:
        return None, "unresolved"
    canon = parties.countries.canonical(country) or country
    taken = other.root if other else None
    if generic.is_government(role):
        state = parties.state_party(canon, year)
        return (state, "lexicon") if state and state.root != taken else (None, "unresolved")
    kinds = generic.kinds(role)

    def fits(p: Party) -> bool:
        return p.kind in kinds and p.kind not in STATE_KINDS and p.covers(year) and canon in p.countries

    state = parties.state_party(canon, year)
    for side in (other, state):
        for pid in _adversaries(parties, side.id) if side else ():
            found = _fitting_record(parties, pid, fits)
            if found and found.root != taken:
                return found, "conflict context"
    only = {p.root: p for p in parties.for_country(canon) if fits(p) and p.root != taken}
    return (next(iter(only.values())), "conflict context") if len(only) == 1 else (None, "unresolved")


def _fitting_record(parties: PartyLexicon, pid: str, fits: Any) -> Party | None:
    listed = parties.get(pid)
    return next((rec for rec in parties.group(listed) if fits(rec)), None) if listed else None


@lru_cache(maxsize=1024)
def _adversaries(parties: PartyLexicon, party_id: str) -> tuple[str, ...]:
    """Ids of the parties ``party_id`` fights: listed on any of its records, then those listing it."""
    party = parties.get(party_id)
    if party is None:
        return ()
    group = parties.group(party)
    roots = {g.id for g in group} | {party.root}
    listed = [a for rec in group for a in rec.adversaries]
    listed += [q.id for q in parties.parties if roots & set(q.adversaries)]
    return tuple(dict.fromkeys(listed))


def _country_of(party: Party | None) -> str | None:
    """The one country a party belongs to (its state's, for a government), else None."""
    if party is None:
        return None
    if party.side_state:
        return party.side_state
    return party.countries[0] if len(party.countries) == 1 else None


def _year(m: dict[str, Any]) -> int | None:
    d = m.get("date") or {}
    for text in [d.get("earliest"), *(s.get("published") for s in m.get("sources") or [])]:
        if text and str(text)[:4].isdigit():
            return int(str(text)[:4])
    return None
