"""Actors resolved again only around the events that changed, as a full resolution would give them.

    store.add_actor_pending({"ev-1": None})      # an ingest batch changed ev-1
    refresh_actors(store)                       # resolves the people ev-1 may be, and no others

:func:`~.actors.resolve_actors` places named events in time order, each into the
group of a person it matches (a spelling scoring at least ``SAME_PERSON``, or the
same weak name). Whether an event matches an earlier one is a relation between
two events (:func:`may_be_same`), and a group only ever holds events joined by it;
so the actors of a set of events CLOSED under that relation (and under "was one
actor before", for stable ids) are exactly those a resolution of every event
gives. The store keeps, per named event, its name and move keys, its defector and
its links under that relation (``actor_keys``, ``actor_names``, ``actor_links``);
here the changed events are indexed again, the closed set around them is
resolved with :func:`~.actors.resolve_actors`, and the "possibly the same" links
between its actors and the others (which share a name or move key with them) are
recomputed on both sides. Should a new id collide with an actor outside the set,
every actor is resolved again.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

from .actors import (
    MOVE_KEY,
    SAME_PERSON,
    _best,
    _Group,
    _is_weak,
    _link,
    _move,
    _move_keys,
    _name_keys,
    _name_match,
    _spellings,
    _time_key,
    may_link,
    resolve_actors,
)
from .names import Honorifics, default_honorifics, name_parts

__all__ = ["refresh_actors", "may_be_same", "ActorBacking"]


class ActorBacking(Protocol):
    """What :func:`refresh_actors` asks of the store (``store.mergestate``)."""

    def actor_pending(self) -> dict[str, str | None]: ...
    def clear_actor_pending(self) -> None: ...
    def events_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def set_actor_index(
        self, event_id: str, keys: Iterable[str], defector: dict[str, Any] | None, keep_links: bool = False
    ) -> None: ...
    def drop_actor_index(self, event_ids: Iterable[str]) -> None: ...
    def add_actor_links(self, event_id: str, others: Iterable[str]) -> None: ...
    def actor_links(self, event_ids: Iterable[str]) -> set[str]: ...
    def actor_names(self, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def actor_key_events(self, keys: Iterable[str]) -> set[str]: ...
    def actor_event_keys(self, event_ids: Iterable[str]) -> dict[str, set[str]]: ...
    def actor_event_ids(self, actor_ids: Iterable[str]) -> dict[str, set[str]]: ...
    def event_ids_of_actors(self, actor_ids: Iterable[str]) -> set[str]: ...
    def event_actor_ids(self, event_ids: Iterable[str]) -> dict[str, str | None]: ...
    def actors_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def delete_actors(self, ids: Iterable[str]) -> None: ...
    def save_actors(self, actors: list[dict[str, Any]], replace_all: bool = False) -> None: ...
    def save_events(self, events: list[dict[str, Any]], origin: str = "extracted") -> None: ...
    def query_events(self, query: Any = None) -> list[dict[str, Any]]: ...
    def list_actors(self) -> list[dict[str, Any]]: ...


def _named(ev: dict[str, Any]) -> bool:
    return bool(((ev.get("defector") or {}).get("name") or "").strip())


class _Name:
    """An event's defector read for comparing: spellings, their parts, weak or not."""

    def __init__(self, defector: dict[str, Any], lex: Honorifics):
        names, self.nicknames = _spellings({"defector": defector})
        self.spellings = {n: name_parts(n, lex) for n in names}
        self.weak = all(_is_weak(p, lex) for p in self.spellings.values())
        self.same = {" ".join(p) for p in self.spellings.values()}
        self.keys = {k for parts in self.spellings.values() for k in _name_keys(parts, lex)}


def _name(defector: dict[str, Any], lex: Honorifics) -> _Name:
    """``_Name(defector, lex)``, memoised by the spellings it reads (each refresh reads the
    defectors of the same neighbouring events again; a ``_Name`` is never modified)."""
    return _name_of(defector["name"], tuple(defector.get("aliases") or ()), lex)


@lru_cache(maxsize=1 << 15)
def _name_of(name: str, aliases: tuple[str, ...], lex: Honorifics) -> _Name:
    return _Name({"name": name, "aliases": list(aliases)}, lex)


def may_be_same(a: _Name, b: _Name, lex: Honorifics) -> bool:
    """Whether :func:`~.actors.resolve_actors` could put the two in one group, or give their
    groups the same id: a spelling in common, or two full names scoring at least SAME_PERSON."""
    return bool(a.same & b.same) or (
        not a.weak and not b.weak and _best(a.spellings, b.spellings, lex)[0] >= SAME_PERSON
    )


def _index(store: ActorBacking, eid: str, ev: dict[str, Any] | None, lex: Honorifics, names: dict[str, _Name]) -> None:
    """Keys, defector and links of one event (none when it is gone or unnamed); ``names``
    caches the defectors read. An event indexed before under the same spellings (a later report
    of its act changed it, not its defector's name or aliases) keeps its links: they depend on the
    spellings alone (:func:`may_be_same`, the name keys), and every event indexed since linked
    itself to it both ways; its keys are written again (its move may have changed). A change of
    the name keys or of :func:`may_be_same` must therefore empty ``actor_names`` (a migration), so
    that every event is linked again."""
    names.pop(eid, None)
    if ev is None or not _named(ev):
        store.drop_actor_index([eid])
        return
    name = names[eid] = _name(ev["defector"], lex)
    before = store.actor_names([eid]).get(eid)
    same = before is not None and _spelled_alike(before, ev["defector"])
    store.set_actor_index(eid, name.keys | _move_keys(_move(ev)), ev["defector"], keep_links=same)
    if same:
        return
    near = store.actor_key_events(name.keys) - {eid}
    for o, d in store.actor_names(near - set(names)).items():
        names[o] = _name(d, lex)
    store.add_actor_links(eid, sorted(o for o in near if o in names and may_be_same(name, names[o], lex)))


def _spelled_alike(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two defectors give the same name and aliases (what :func:`_name` reads)."""
    return bool(a.get("name") == b.get("name") and list(a.get("aliases") or ()) == list(b.get("aliases") or ()))


def _group(events: list[dict[str, Any]], lex: Honorifics) -> _Group:
    """An actor's group as :func:`~.actors.resolve_actors` built it (members in time order)."""
    g = _Group()
    for ev in sorted(events, key=_time_key):
        name = _name(ev["defector"], lex)
        g.add(ev, name.spellings, name.nicknames, lex)
    return g


def refresh_actors(store: ActorBacking) -> None:
    """Resolve the actors of the pending events and of every event they may share a person with."""
    pending = store.actor_pending()
    if not pending:
        return
    lex = default_honorifics()
    events = store.events_by_id(pending)
    names: dict[str, _Name] = {}
    for eid in sorted(pending):
        _index(store, eid, events.get(eid), lex, names)
    old_ids = {a for a in pending.values() if a} | {a for ev in events.values() if (a := _actor(ev))}
    done: set[str] = set()
    frontier = set(events)
    while True:  # close the set under the links and under "was one actor"
        reach = store.actor_links(frontier) | store.event_ids_of_actors(old_ids - done)
        done |= old_ids
        loaded = store.events_by_id(reach - set(events))
        if not loaded and old_ids <= done:
            break
        events.update(loaded)
        old_ids |= {a for ev in loaded.values() if (a := _actor(ev))}
        frontier = set(loaded)
    old = store.actors_by_id(old_ids)
    actors, assignment = resolve_actors(list(events.values()), previous=list(old.values()))
    new_ids = {a["id"] for a in actors}
    if store.actors_by_id(new_ids - set(old)):  # an id taken outside the set: resolve everyone
        _resolve_all(store)
        store.clear_actor_pending()
        return
    others = _link_outside(store, actors, events, old, lex)
    changed = []
    for eid, ev in sorted(events.items()):
        aid = assignment.get(eid)
        if _actor(ev) != aid:
            ev["defector"]["actor_id"] = aid
            changed.append(ev)
    store.save_events(changed)
    store.delete_actors(set(old) - new_ids)
    store.save_actors(actors + others)
    store.clear_actor_pending()


def _actor(ev: dict[str, Any]) -> str | None:
    return (ev.get("defector") or {}).get("actor_id")


def _link_outside(
    store: ActorBacking,
    actors: list[dict[str, Any]],
    events: dict[str, dict[str, Any]],
    old: dict[str, dict[str, Any]],
    lex: Honorifics,
) -> list[dict[str, Any]]:
    """Add to ``actors`` their "possibly the same" links to actors outside the set, and return
    those outside actors with their links to the set's actors redone.

    An outside actor is first read from its members' index rows (``actor_names``, ``actor_keys``):
    its spellings give the name score :func:`~.actors._link` starts from, its move keys whether
    the context bonus is possible (:func:`~.actors.may_link`); only the pairs that pass read the
    actor and its members' events and are scored in full, so an outside actor that shares only
    a name key with the set costs neither. Outside actors whose links do not change (none to the
    set before, none possible now) are not returned."""
    mine = {a["id"] for a in actors} | set(old)
    groups = {a["id"]: _group([events[h["event_id"]] for h in a["history"]], lex) for a in actors}
    keys = {aid: g.name_keys(lex) | g.move_keys() for aid, g in groups.items()}
    near = store.actor_key_events(set().union(*keys.values())) - set(events) if keys else set()
    outside_ids = {x for x in store.event_actor_ids(near).values() if x}
    linked = {link["actor_id"] for a in old.values() for link in a.get("possibly_same") or []} - mine
    by_key: dict[str, list[str]] = {}
    for aid in sorted(groups):
        for k in keys[aid]:
            by_key.setdefault(k, []).append(aid)
    member_of = store.actor_event_ids(outside_ids - mine)
    member_ids = set().union(*member_of.values()) if member_of else set()
    defectors, member_keys = store.actor_names(member_ids), store.actor_event_keys(member_ids)
    pairs: dict[str, list[str]] = {}
    for oid, mids in sorted(member_of.items()):
        h_keys = set().union(*(member_keys.get(m, set()) for m in mids))
        spellings: dict[str, Any] = {}
        for m in sorted(mids):
            if m in defectors:
                spellings.update(_name(defectors[m], lex).spellings)
        weak = all(_is_weak(p, lex) for p in spellings.values())
        moves = {k for k in h_keys if k.startswith(MOVE_KEY)}
        aids = [
            aid
            for aid in sorted({aid for k in h_keys for aid in by_key.get(k, ())})
            if may_link(
                _name_match(groups[aid].spellings, groups[aid].weak, spellings, weak, lex)[0],
                bool(moves & keys[aid]),
            )
        ]
        if aids:
            pairs[oid] = aids
    # only the outside actors whose links change: those linked to the set before, those that may be now
    outside = store.actors_by_id(linked | set(pairs))
    if not outside:
        return []
    for actor in outside.values():
        actor["possibly_same"] = [link for link in actor.get("possibly_same") or [] if link["actor_id"] not in mine]
    members = store.events_by_id({x["event_id"] for oid in pairs if oid in outside for x in outside[oid]["history"]})
    by_id = {a["id"]: a for a in actors}
    for oid, aids in sorted(pairs.items()):
        if oid not in outside:
            continue
        other = outside[oid]
        h = _group([members[x["event_id"]] for x in other["history"] if x["event_id"] in members], lex)
        h_keys = h.name_keys(lex) | h.move_keys()
        for aid in aids:
            g = groups[aid]
            if not keys[aid] & h_keys:
                continue
            first = min(g.members[0], h.members[0], key=_time_key) is g.members[0]
            found = _link(g, h, lex) if first else _link(h, g, lex)
            if found:
                score, why = found
                by_id[aid]["possibly_same"].append({"actor_id": oid, "name": other["name"], "score": score, "why": why})
                other["possibly_same"].append({"actor_id": aid, "name": by_id[aid]["name"], "score": score, "why": why})
    for actor in [*actors, *outside.values()]:
        actor["possibly_same"] = sorted(actor["possibly_same"], key=lambda link: (-link["score"], link["actor_id"]))
    return list(outside.values())


def _resolve_all(store: ActorBacking) -> None:
    events = store.query_events()
    actors, assignment = resolve_actors(events, previous=store.list_actors())
    changed = []
    for ev in events:
        aid = assignment.get(ev["id"])
        if ev["defector"].get("actor_id") != aid:
            ev["defector"]["actor_id"] = aid
            changed.append(ev)
    store.save_events(changed)
    store.save_actors(actors, replace_all=True)
