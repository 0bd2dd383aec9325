"""Incremental merging: mentions added one at a time, events regrouped around each.

    index = MergeIndex(store.get_mentions())        # every stored mention, with its event id
    event_id = index.attach(new_mention)            # links it, regroups its component
    changes = index.take_changes({event_id}, group_of=dups.group_of)
    # changes.events to save, changes.removed to delete, changes.moved mentions to write back

A new mention is compared (``merge.clash``, ``merge.similarity``) with the
mentions sharing a country key (``merge.Report.keys``) and those placed
nowhere. Its component, the mentions reachable through links, is then split
into events afresh by ``merge.group_links``, which depends only on the
mentions, so the result is the same whatever the order mentions arrive in.
Event ids follow ``merge.assign_ids``. Links are computed when first needed (a
known mention's when a new one reaches it), so attaching one mention compares
only around it. The index knows nothing of storage: it is fed mentions and
hands back what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .credibility import credibility
from .dedup import independent_sources
from .merge import MERGE_THRESHOLD, Report, assign_ids, clash, far_apart, group_links, merge_event, similarity

__all__ = ["MergeIndex", "MergeChanges"]


@dataclass
class MergeChanges:
    """What attaching mentions changed: events to write, event ids to delete, and
    per document the mentions whose event id moved (to write back)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)
    moved: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class MergeIndex:
    """Every known mention and the links found between them, in memory for a batch."""

    def __init__(self, mentions: Iterable[dict[str, Any]] = ()):
        self.mentions: dict[str, dict[str, Any]] = {}
        self.reports: dict[str, Report] = {}
        self.by_doc: dict[str, list[dict[str, Any]]] = {}
        self.members: dict[str, list[dict[str, Any]]] = {}
        self._by_key: dict[str, set[str]] = {}
        self._links: dict[str, dict[str, float]] = {}  # id -> linked ids and scores
        self._compatible: dict[str, set[str]] = {}  # id -> ids it does not clash with
        self.touched: set[str] = set()
        self.removed: set[str] = set()
        self.moved: set[str] = set()
        for m in mentions:
            if m.get("event_id"):
                self._add(m)
                self.members.setdefault(m["event_id"], []).append(m)

    def _add(self, m: dict[str, Any]) -> None:
        r = self.reports[m["id"]] = Report.of(m)
        self.mentions[m["id"]] = m
        self.by_doc.setdefault(m["sources"][0]["doc"], []).append(m)
        for key in r.keys if r.country else ("*",):
            self._by_key.setdefault(key, set()).add(m["id"])

    def links(self, mid: str) -> dict[str, float]:
        """Mentions linked to ``mid``, with their scores (found once; later mentions add themselves)."""
        if mid not in self._links:
            r = self.reports[mid]
            near = (
                set(self.mentions)
                if not r.country
                else set().union(self._by_key.get("*", ()), *(self._by_key.get(k, ()) for k in r.keys))
            )
            self._links[mid], self._compatible[mid] = {}, set()
            for other in near - {mid}:
                o = self.reports[other]
                if far_apart(r, o) or clash(r, o):
                    continue
                self._compatible[mid].add(other)
                if (score := similarity(r, o)) >= MERGE_THRESHOLD:
                    self._links[mid][other] = score
        return self._links[mid]

    def attach(self, mention: dict[str, Any]) -> str:
        """Add a mention, regroup its component into events; the event it ends in."""
        mid = mention["id"]
        self._add(mention)
        for other, score in self.links(mid).items():
            if other in self._links:
                self._links[other][mid] = score
        for other in self._compatible[mid]:
            if other in self._compatible:
                self._compatible[other].add(mid)
        component, todo = {mid}, [mid]
        while todo:  # reports linked to it, and (for a store merged by other rules) its event's
            here = todo.pop()
            same_event = {m["id"] for m in self.members.get(self.mentions[here].get("event_id") or "", ())}
            for other in (self.links(here).keys() | same_event) - component:
                component.add(other)
                todo.append(other)
        ms = [self.mentions[i] for i in component]
        before: set[str] = {eid for m in ms if (eid := m.get("event_id"))}
        scores = {(a, b): s for a in component for b, s in self._links[a].items() if a < b}
        groups = group_links(ms, scores, self._compatible)
        ids = assign_ids(groups, taken=set(self.members) - before)
        for eid in before:
            self.members.pop(eid, None)
        for eid, group in zip(ids, groups):
            self.members[eid] = group
            for m in group:
                if m.get("event_id") != eid:
                    m["event_id"] = eid
                    self.moved.add(m["id"])
        self.touched |= set(ids)
        self.removed = (self.removed | before) - set(self.members)
        return str(mention["event_id"])

    def take_changes(
        self,
        ids: Iterable[str],
        *,
        grouping: Callable[[Iterable[str]], Callable[[str], str]] = lambda docs: lambda d: d,
        actor_of: Callable[[str], str | None] = lambda eid: None,
    ) -> MergeChanges:
        """The events ``ids`` and any other the last attaches regrouped, merged and scored
        (``actor_of(event_id)`` keeps the actor id of the last actor resolution; ``grouping(docs)``
        groups an event's own sources into near-duplicate copies), the
        events emptied, and the moved mentions by document; then start afresh."""
        events = []
        for eid in sorted((set(ids) | self.touched) & set(self.members)):
            ev = merge_event(eid, self.members[eid])
            ev["defector"]["actor_id"] = actor_of(eid)
            group_of = grouping(s["doc"] for s in ev["sources"])  # among its own sources: order-free
            ev["credibility"] = credibility(ev, group_of=group_of)
            ev["independent_sources"] = independent_sources([s["doc"] for s in ev["sources"]], group_of)
            events.append(ev)
        moved_docs = sorted({self.mentions[mid]["sources"][0]["doc"] for mid in self.moved})
        changes = MergeChanges(events, set(self.removed), {doc: self.by_doc[doc] for doc in moved_docs})
        self.touched, self.removed, self.moved = set(), set(), set()
        return changes
