"""Incremental merging: mentions added one at a time, events regrouped around each, state in the store.

    index = MergeIndex(store)                        # nothing is loaded
    event_id = index.attach(new_mention)             # links it, regroups its component
    changes = index.take_changes(grouping=dups.grouping)
    # changes.events to save, changes.removed to delete (moved mentions are written already)

A new mention is compared (``merge.clash``, ``merge.similarity``) only with the
stored mentions its BLOCKING KEYS find (:func:`blocking_rows`, :func:`blocking_query`):
the same stage, a shared country key (``merge.Report.keys``; a mention placed
nowhere is compared with every country), an act window within
``merge.DATE_SLACK_DAYS`` (an interval index: a window lies in the one or two
buckets of 16 x 2^level days that hold it; the window's days then filter the
bucket's rows; an undated background report, whose window is all time before its
publication, has a level of its own, bucketed by its province: see ``BACKGROUND``),
sides that may be the same, and,
a province (unless one is a dateline's) and a headcount that may be the same, unless both
reports may be one person (both name someone, or tell of identifying gear: ``person``), and an
exact headcount that may be the same (two exact counts of two or more, person or not).
The names each stored report gives are kept with its keys (migration 007), so that one naming a
different person (``merge.different_persons``) is dropped before it is read.
Each key and the names are a consequence of a clash rule, so no pair the rules could link is
missed: the links are exactly those a comparison of every pair finds. The one exception is
a story reprinted (``merge.reprinted``), which the rules link whatever the date, sides or names
read from each copy: besides the keys, a new mention is compared with every stored mention of
the documents its own may copy (``copies``: those sharing an LSH band with it in the
near-duplicate index, ``resolve.dedup``), which finds a copy of estimated similarity 0.7 or more
(the sketch's threshold for a reprint is 0.5) with probability 0.99, of 0.6 with 0.87, of 0.5 with
0.55. Both relations are symmetric, so the links do not depend on the order of arrival.

Links are kept in the store (``merge_links``): the KEPT links of ``merge.kept_links``, so an
undated background report has at most one, its best among all it may be (kept in
``merge_best``, the best so far of each such report: a new report it links to better takes the
place of the old, whose component is regrouped too). The new mention's component, the
mentions reachable through links or sharing an event, is split into events
afresh by ``merge.group_links``, which depends only on the mentions, so the
result is the same whatever order mentions arrive in; event ids follow
``merge.assign_ids``. Only events whose members changed are rewritten.

The index reads and writes through a *backing* (the store: any object with the
methods of :class:`MergeBacking`); it caches what it read for one batch, and
:meth:`MergeIndex.forget` drops that cache when another writer may have
changed the store (or a document's transaction was rolled back).
"""

from __future__ import annotations

import json
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .backing import MergeBacking
from .credibility import credibility
from .dedup import independent_sources
from .merge import (
    COUNT_RATIO,
    COUNT_SLACK,
    DATE_SLACK_DAYS,
    EXACT_COUNT_RATIO,
    MERGE_THRESHOLD,
    Report,
    assign_ids,
    best_link,
    better_link,
    clash,
    different_persons,
    event_id_for,
    group_links,
    merge_event,
    order_key,
    reprinted,
    similarity,
    undated_background,
)

__all__ = ["MergeIndex", "MergeChanges", "MergeBacking", "blocking_rows", "blocking_query"]

# The interval index of act windows: level L cuts time into buckets of 2^(BUCKET_SHIFT + L)
# days, and a window is keyed at the lowest level where it spans at most two buckets (one or
# two rows). 16-day buckets keep a dated window (a day to a month) at levels 0-2; level 18
# holds any date a window can have (ordinals stay below 2^22). An undated report is UNDATED.
BUCKET_SHIFT = 4
LEVELS = 19
UNDATED = 99
# Undated background reports (``merge.undated_background``: "he had defected years before") may
# be any dated report before their publication, so every dated search must find them; kept with
# the dated windows, they were one bucket holding every such report of the country, scanned by
# each search (two thirds of a dated search's time at 100,000 documents, growing with the record).
# Their own level buckets them by province instead (``_province_bucket``, under their own country
# key; 0: no province, or keyed under another country's key), and a search that the province rule
# binds (a place, and not maybe the same person: ``merge.clash`` "different province") reads only
# its province's bucket and bucket 0 there. Stores keyed before keep their rows where they were,
# in levels that are still searched (``merge_levels``): found as before, scanned as before.
BACKGROUND = 98
PROVINCE_BUCKETS = 1 << 30
# Reports and mentions kept in memory for one batch (about 3 KB each): the neighbourhood
# of recent reports; older ones are read again from the store when a new one reaches them.
CACHE_SIZE = 5_000


@dataclass
class MergeChanges:
    """What attaching mentions changed: events to write and event ids to delete."""

    events: list[dict[str, Any]] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)


def _side(s: tuple[Any, ...] | None) -> tuple[str, str | None] | None:
    return None if s is None else (str(s[0]), s[3] or None)


def _province_bucket(r: Report, country: str) -> int:
    """The bucket of an undated background report keyed under ``country`` (level BACKGROUND):
    a stable hash of its province (1 .. PROVINCE_BUCKETS) when it has one (not a dateline's) and
    ``country`` is its own; else 0. Two provinces may share a bucket: the rows' own columns filter."""
    admin1 = None if r.place_from_dateline else r.admin1
    if not admin1 or country != r.country:
        return 0
    return 1 + zlib.crc32(admin1.encode("utf-8")) % PROVINCE_BUCKETS


def _cells(r: Report, country: str) -> list[tuple[int, int]]:
    """(level, bucket) of the report's act window (one or two buckets), keyed under ``country``."""
    if r.window is None:
        return [(UNDATED, 0)]
    if undated_background(r):
        return [(BACKGROUND, _province_bucket(r, country))]
    lo, hi = r.window[0].toordinal(), r.window[1].toordinal()
    for level in range(LEVELS):
        shift = BUCKET_SHIFT + level
        if (hi >> shift) - (lo >> shift) <= 1:
            return [(level, b) for b in range(lo >> shift, (hi >> shift) + 1)]
    raise ValueError(f"act window {r.window} out of range")  # ordinals stay below 2^22


def blocking_rows(r: Report) -> list[tuple[Any, ...]]:
    """The ``merge_keys`` rows of a report: per country key and bucket, with its sides (and the rest
    of ``store.mergestate.KEY_COLUMNS``: place, headcount, person, window, names).

    >>> from datetime import date
    >>> r = Report("d#1", frozenset({"d"}), "completed", "defection", None, None, False,
    ...            (date(2020, 5, 1), date(2020, 5, 3), True), None, (), "Chad", None, None, frozenset())
    >>> blocking_rows(r)
    [('d#1', 'completed', 'Chad', 0, 46096, None, None, None, None, 0, 'Chad', None, None, None, 0, 737546, 737548, None)]
    """
    left, joined = _side(r.left), _side(r.joined)
    foreign = int(bool(r.joined and r.joined[1] == "foreign_state"))
    countries = sorted(r.keys) if r.country else ["*"]
    people = r.people or (None, None)
    admin1 = None if r.place_from_dateline else r.admin1  # the reporter's, fits any province (clash)
    days = (r.window[0].toordinal(), r.window[1].toordinal()) if r.window else (None, None)
    names = json.dumps(list(r.names), ensure_ascii=False) if r.names else None
    return [
        (r.id, r.stage or "", c, level, bucket, *(left or (None, None)), *(joined or (None, None)), foreign)
        + (r.country, admin1, *people, int(_maybe_same_person(r)), *days, names)
        for c in countries
        for level, bucket in _cells(r, c)
    ]


def blocking_query(r: Report) -> dict[str, Any]:
    """Arguments of ``merge_candidates`` finding every stored report that ``r`` may not clash with."""
    if r.window is None:
        cells = [(level, 0, 1 << 30) for level in range(LEVELS)]
    else:
        lo, hi = max(0, r.window[0].toordinal() - DATE_SLACK_DAYS), r.window[1].toordinal() + DATE_SLACK_DAYS
        cells = [(level, lo >> (BUCKET_SHIFT + level), hi >> (BUCKET_SHIFT + level)) for level in range(LEVELS)]
    foreign = bool(r.joined and r.joined[1] == "foreign_state")
    bound = bool(r.country and r.admin1 and not r.place_from_dateline and not _maybe_same_person(r))
    return {
        "stage": r.stage or "",
        "countries": sorted(r.keys | {"*"}) if r.country else None,
        "cells": [*cells, (UNDATED, 0, 0), (BACKGROUND, 0, PROVINCE_BUCKETS)],
        # bound by the province rule: in its own country's background level, its province's bucket
        # and bucket 0 only (the rows of other provinces there would clash)
        "province": (r.country, BACKGROUND, _province_bucket(r, str(r.country))) if bound else None,
        "left": _side(r.left),
        "joined": None if foreign else _side(r.joined),
        "place": (r.country, r.admin1) if r.admin1 and not r.place_from_dateline else None,
        "people": (r.people[1] * COUNT_RATIO + COUNT_SLACK, r.people[0], COUNT_RATIO, COUNT_SLACK)
        if r.people
        else None,
        # two exact counts of two or more (no range) may not differ by more than EXACT_COUNT_RATIO
        "exact": (r.people[0], EXACT_COUNT_RATIO) if r.people and r.people[0] == r.people[1] >= 2 else None,
        "person": _maybe_same_person(r),  # then place and people filter only rows with person = 0
        # the act window, within DATE_SLACK_DAYS (merge.far_apart): the buckets are 16 days or more
        "days": (r.window[0].toordinal() - DATE_SLACK_DAYS, r.window[1].toordinal() + DATE_SLACK_DAYS)
        if r.window
        else None,
    }


def _other_person(r: Report, names: str) -> bool:
    """Whether a stored report giving ``names`` (as keyed: a JSON list) names another person
    than ``r``: ``merge.clash`` rules the pair out unless one is the other reprinted."""
    return different_persons(r.names, json.loads(names))


def _maybe_same_person(r: Report) -> bool:
    """Whether ``r`` may be "the same person" as another report (``merge.clash``: both name
    someone, or both tell of one identifying gear), which lifts the province and headcount rules;
    a pair of which one report does neither never is."""
    return bool(r.names or r.gear)


class MergeIndex:
    """Incremental merging over the mentions of a store (see the module docstring)."""

    def __init__(self, backing: MergeBacking, *, cache_size: int = CACHE_SIZE):
        self.backing = backing
        self.cache_size = cache_size
        self._mentions: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._reports: OrderedDict[str, Report] = OrderedDict()
        self._clash: dict[str, dict[str, bool]] = {}  # a -> b -> no clash (both ways)
        self._reprints: dict[str, dict[str, bool]] = {}  # a -> b -> merge.reprinted (both ways)
        self._pairs = 0
        self._links: dict[str, dict[str, float]] = {}  # of the last component read
        self.changed: dict[str, list[dict[str, Any]]] = {}
        self.removed: set[str] = set()

    def forget(self) -> None:
        """Drop what was read (another writer committed, or a transaction was rolled back)."""
        self._mentions.clear()
        self._reports.clear()
        self._clash.clear()
        self._reprints.clear()
        self._pairs = 0
        self.changed, self.removed = {}, set()

    # -- reading, with a cache ------------------------------------------------------
    def _remember(self, m: dict[str, Any]) -> None:
        self._mentions[m["id"]] = m
        self._mentions.move_to_end(m["id"])
        while len(self._mentions) > self.cache_size:
            self._mentions.popitem(last=False)

    def mentions(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = set(ids)
        out = {i: self._mentions[i] for i in ids if i in self._mentions}
        for mid, m in self.backing.mentions_by_id(ids - set(out)).items():
            out[mid] = m
            self._remember(m)
        return out

    def report(self, m: dict[str, Any]) -> Report:
        r = self._reports.get(m["id"])
        if r is None:
            r = self._reports[m["id"]] = Report.of(m)
            while len(self._reports) > self.cache_size:
                self._reports.popitem(last=False)
        return r

    def _fits(self, a: str, b: str, ms: dict[str, dict[str, Any]]) -> bool:
        """Whether ``a`` and ``b`` do not clash (each pair compared once per batch)."""
        known = self._clash.setdefault(a, {})
        ok = known.get(b)
        if ok is None:
            if self._pairs > 40 * self.cache_size:
                self._clash.clear()
                self._reprints.clear()
                self._pairs = 0
                known = self._clash[a] = {}
            ok = known[b] = clash(self.report(ms[a]), self.report(ms[b])) is None
            self._clash.setdefault(b, {})[a] = ok
            self._pairs += 1
        return ok

    def _reprinted(self, a: Report, b: Report) -> bool:
        """``merge.reprinted``, each pair compared once per batch."""
        known = self._reprints.setdefault(a.id, {})
        ok = known.get(b.id)
        if ok is None:
            if self._pairs > 40 * self.cache_size:
                self._clash.clear()
                self._reprints.clear()
                self._pairs = 0
                known = self._reprints[a.id] = {}
            ok = known[b.id] = reprinted(a, b)
            self._reprints.setdefault(b.id, {})[a.id] = ok
            self._pairs += 1
        return ok

    # -- writing ---------------------------------------------------------------------
    def index(self, mention: dict[str, Any], copies: Iterable[str] = ()) -> set[str]:
        """Key a mention and link it to the stored mentions it may report the same act as
        (the kept links, ``merge.kept_links``, are saved); its event is left as it is.
        ``copies``: the stored mentions of the documents its own may copy (the near-duplicate
        index's LSH bands), compared whatever their keys, for a story reprinted. The ids
        of undated background reports whose kept link it took (their old events must be
        regrouped) are returned."""
        r = self.report(mention)
        self._remember(mention)
        near = self.backing.merge_candidates(**blocking_query(r))
        if r.names:  # those naming someone else are not read
            near = {o: n for o, n in near.items() if not (n and _other_person(r, n))}
        for other in copies:  # compared whatever their keys and names
            near.setdefault(other, None)
        near.pop(r.id, None)
        links: dict[str, float] = {}
        undated: set[str] = set()
        for other, om in sorted(self.mentions(near).items()):
            o = self.report(om)
            if clash(r, o) is None and (score := similarity(r, o)) >= MERGE_THRESHOLD:
                links[other] = score
                if undated_background(o):
                    undated.add(other)
        alone = undated_background(r)
        best = self.backing.merge_best(undated) if undated else {}
        moved, taken = set[str](), set[str]()  # undated reports whose best link moves to r (from another: moved)
        for u in sorted(undated):
            if better_link((links[u], r.id), best.get(u)):
                if u in best:
                    self.backing.drop_merge_link(u, best[u][1])
                    moved.add(u)
                self.backing.set_merge_best(u, r.id, links[u])
                taken.add(u)
        kept = {o: s for o, s in links.items() if o not in undated or o in taken}
        if alone and links:
            mine = best_link(links)
            self.backing.set_merge_best(r.id, mine, links[mine])
            kept = {mine: kept[mine]} if mine in kept else {}
        self.backing.add_merge_keys(blocking_rows(r))
        self.backing.add_merge_links(r.id, kept)
        return moved

    def component(self, *mids: str) -> dict[str, dict[str, Any]]:
        """The mentions reachable from ``mids`` through links or a shared event."""
        comp: dict[str, dict[str, Any]] = {}
        frontier, events = set(mids), set[str]()
        self._links = {}
        while frontier:
            comp.update(self.mentions(frontier))
            links = self.backing.merge_links(frontier)
            self._links.update(links)  # every id of the component is in one frontier: attach reuses them
            new_events = {eid for i in frontier if i in comp and (eid := comp[i].get("event_id"))} - events
            events |= new_events
            reach = {b for i in frontier for b in links.get(i, {})}
            if new_events:
                reach |= self.backing.mention_ids_of_events(new_events)
            frontier = reach - set(comp)
        return comp

    def attach(self, mention: dict[str, Any], copies: Iterable[str] = ()) -> str:
        """Add a stored mention (its row written, its event id None), regroup its component into
        events, write back the mentions whose event changed; the event it ends in. ``copies``:
        as for :meth:`index`."""
        mid = mention["id"]
        left = self.index(mention, copies)  # undated background reports whose best link it took
        comp = self.component(mid, *sorted(left))
        comp[mid] = mention
        ms = list(comp.values())
        before: dict[str, set[str]] = {}
        for m in ms:
            if m.get("event_id"):
                before.setdefault(m["event_id"], set()).add(m["id"])
        ids = sorted(comp)
        links = self._links
        scores = {(a, b): s for a in ids for b, s in links.get(a, {}).items() if a < b and b in comp}
        groups = group_links(ms, scores, lambda a, b: self._fits(a, b, comp), self.report, self._reprinted)
        ids_out = assign_ids(groups, taken=self._taken(groups, set(before)))
        moved = []
        for eid, group in zip(ids_out, groups):
            if {m["id"] for m in group} != before.get(eid):
                self.changed[eid] = group
            self.removed.discard(eid)
            for m in group:
                if m.get("event_id") != eid:
                    m["event_id"] = eid
                    moved.append(m)
        for eid in set(before) - set(ids_out):
            self.changed.pop(eid, None)
            self.removed.add(eid)
        self.backing.update_mentions(sorted(moved, key=lambda m: m["id"]))
        return str(mention["event_id"])

    def _taken(self, groups: list[list[dict[str, Any]]], before: set[str]) -> set[str]:
        """The event ids of other stored mentions that ``assign_ids`` could pick for ``groups``: each
        group's own id (``event_id_for`` its earliest report), and while that is taken, the next
        variant (``+1``, ``+2``, ...), as far as ``assign_ids`` will look (one query for all first
        ids; variants are rare)."""
        bases = [min(group, key=order_key)["id"] for group in groups]
        taken = self.backing.merged_event_ids({event_id_for(b) for b in bases}) - before
        for base in bases:
            n, eid = 0, event_id_for(base)
            while eid in taken:
                n += 1
                eid = event_id_for(f"{base}+{n}")
                taken |= self.backing.merged_event_ids([eid]) - before
        return taken

    def take_changes(
        self,
        *,
        grouping: Callable[[Iterable[str]], Callable[[str], str]] = lambda docs: lambda d: d,
        actor_of: Callable[[str], str | None] = lambda eid: None,
    ) -> MergeChanges:
        """The events whose members changed since the last call, merged and scored
        (``actor_of(event_id)`` keeps the actor id of the last actor resolution; ``grouping(docs)``
        groups an event's own sources into near-duplicate copies), and the events emptied."""
        events = []
        for eid in sorted(self.changed):
            ev = merge_event(eid, self.changed[eid])
            ev["defector"]["actor_id"] = actor_of(eid)
            group_of = grouping(s["doc"] for s in ev["sources"])  # among its own sources: order-free
            ev["credibility"] = credibility(ev, group_of=group_of)
            ev["independent_sources"] = independent_sources([s["doc"] for s in ev["sources"]], group_of)
            events.append(ev)
        changes = MergeChanges(events, set(self.removed))
        self.changed, self.removed = {}, set()
        return changes
