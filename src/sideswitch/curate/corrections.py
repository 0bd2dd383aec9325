"""Corrections that last: an append-only log replayed over the extracted record.

Every correction is one entry in the store's ``corrections`` table (who, when,
target, op, field, before, after, why). The record shown is the extraction with
the whole log replayed in order, so ``reprocess``, a new document or a re-ingest
rebuilds the extraction and the log is applied again on top of it::

    correct(store, "ev-1", "set", field="people.best", value="24", why="ministry figure", by="ana")
    correct(store, "ev-1", "reject", why="a film plot, not news", by="ana")
    correct(store, "ev-1", "merge", other="ev-2", why="same act, two outlets", by="ana")
    correct(store, "ev-1", "split", doc="d7", why="d7 reports an earlier act", by="ana")
    correct(store, "United Front", "alias", value="jihadi", why="the Northern Alliance's word", by="ana")

Operations: ``accept``, ``reject``, ``set`` (a field of :data:`~.fields.FIELDS`),
``merge`` (the other event joins the target), ``split`` (a document's reports
leave the event for their own), ``link``/``unlink`` (the person, ``actor_id``),
``alias`` (a side named ``value`` belongs to party ``target``).

How a replay finds its target: by id; an event merged away leads to the event
it joined; an id that extraction no longer produces is looked for by the
documents that reported it (the ``anchor``): the event sharing at least half of
them. When none is found the correction is *orphaned*: listed as such by
``sideswitch corrections list``, never silently dropped.

Every event a correction touched carries ``"curated": {field: [correction ids]}``.
Its uncorrected (extracted) version is kept in ``correction_base``.
"""

from __future__ import annotations

import copy
import getpass
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from ..contract import event_problems
from ..errors import InputError, NotFoundError, ValidationError
from ..resolve.credibility import credibility
from ..resolve.dedup import StoredNearDuplicates, independent_sources
from ..resolve.merge import event_id_for, merge_event
from ..store.base import Store
from ..store.sql import SQLStore
from .fields import get_path, parse_field, set_path

__all__ = [
    "OPS",
    "ReplayReport",
    "analyst",
    "correct",
    "current_event",
    "export_corrections",
    "import_corrections",
    "replay",
]

OPS = ("accept", "reject", "set", "merge", "split", "link", "unlink", "alias")
REMAP_OVERLAP = 0.5  # share of the anchor documents an event must hold to count as the target moved


def analyst() -> str:
    """Who is correcting: ``SIDESWITCH_ANALYST``, else the login name."""
    try:
        return os.environ.get("SIDESWITCH_ANALYST") or getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return "analyst"


def _docs(ev: dict[str, Any]) -> list[str]:
    return sorted({s.get("doc") for s in ev.get("sources") or [] if s.get("doc")})


def current_event(store: SQLStore, event_id: str) -> dict[str, Any]:
    """The event as shown, or (for a rejected or merged-away event) its last known version."""
    try:
        return store.get_event(event_id)
    except NotFoundError:
        base = store.correction_bases().get(event_id)
        if base is None:
            raise
        return base[0]


def correct(
    store: SQLStore,
    target: str,
    op: str,
    *,
    why: str,
    by: str | None = None,
    field: str | None = None,
    value: str | None = None,
    other: str | None = None,
    doc: str | None = None,
) -> dict[str, Any]:
    """Check, log and apply one correction; returns the log entry with its replay status."""
    if op not in OPS:
        raise ValidationError(f"unknown correction '{op}' (one of {', '.join(OPS)})")
    if not why or not why.strip():
        raise ValidationError("say why (--why TEXT): the log keeps the reason of every correction")
    entry: dict[str, Any] = {
        "uid": uuid.uuid4().hex,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "by": by or analyst(),
        "target": target,
        "op": op,
        "why": why.strip(),
        "field": None,
        "before": None,
        "after": None,
        "anchor": {},
    }
    if op == "alias":
        if not value or not value.strip():
            raise ValidationError("an alias needs the name as written (e.g. 'jihadi')")
        entry.update(field=value.strip(), after=target)
        entry["id"] = store.add_correction(entry)
        replay(store)
        return _logged(store, entry["id"])
    ev = current_event(store, target)
    entry["anchor"] = {target: _docs(ev)}
    if op == "set":
        if field is None or value is None:
            raise ValidationError("'set' needs FIELD=VALUE")
        path, typed = parse_field(field, value)
        trial = copy.deepcopy(ev)
        set_path(trial, path, typed)
        _check(trial, path)
        entry.update(field=path, before=get_path(ev, path), after=typed)
    elif op in ("accept", "reject"):
        entry.update(field="review", before=ev.get("review"), after=op + "ed")
    elif op in ("link", "unlink"):
        if op == "link" and not value:
            raise ValidationError("'link' needs the actor id")
        if op == "link":
            store.get_actor(value or "")
        entry.update(
            field="defector.actor_id",
            before=(ev.get("defector") or {}).get("actor_id"),
            after=value if op == "link" else None,
        )
    elif op == "merge":
        if not other or other == target:
            raise ValidationError("'merge' needs two different events")
        entry["anchor"][other] = _docs(current_event(store, other))
        entry.update(field=other, after=other)
    elif op == "split":
        docs = _docs(ev)
        if doc not in docs:
            raise ValidationError(f"document '{doc}' is not a source of event '{target}' (sources: {', '.join(docs)})")
        if len(docs) < 2:
            raise ValidationError(f"event '{target}' has one source; there is nothing to split off")
        entry.update(field=doc, after=split_id(target, doc or ""))
    entry["id"] = store.add_correction(entry)
    replay(store)
    return _logged(store, entry["id"])


def split_id(event_id: str, doc: str) -> str:
    """The id of the event a split makes: the same on every replay."""
    return event_id_for(f"{event_id}|split|{doc}")


def _check(ev: dict[str, Any], path: str) -> None:
    people = ev.get("people") or {}
    if people and people.get("min") is not None and people.get("max") is not None and people["min"] > people["max"]:
        raise ValidationError(f"{path}: people.min ({people['min']}) would exceed people.max ({people['max']})")
    date = ev.get("date") or {}
    if date and date.get("earliest") and date.get("latest") and date["earliest"] > date["latest"]:
        raise ValidationError(f"{path}: the date would end ({date['latest']}) before it starts ({date['earliest']})")
    problems = event_problems(ev)
    if problems:
        raise ValidationError(f"{path}: the event would break the contract: " + "; ".join(problems[:3]))


def _logged(store: SQLStore, cid: int) -> dict[str, Any]:
    return next(c for c in store.list_corrections() if c["id"] == cid)


@dataclass
class ReplayReport:
    applied: int = 0
    noop: int = 0
    orphaned: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        n = self.applied + self.noop + len(self.orphaned)
        s = f"Replayed {n:,} correction{'s' if n != 1 else ''}: {self.applied:,} applied"
        if self.noop:
            s += f", {self.noop:,} with nothing left to do"
        if self.orphaned:
            s += f", {len(self.orphaned):,} orphaned (target not found; see 'sideswitch corrections list --orphaned')"
        return s + "."


class _Replay:
    """The working set of one replay: events by id, as extracted, then corrected in log order."""

    def __init__(self, store: SQLStore):
        self.store = store
        self.bases = store.correction_bases()
        self.extracted = store.mention_event_ids()
        self.state: dict[str, dict[str, Any]] = {}
        self.origin: dict[str, str] = {}
        self.members: dict[str, list[dict[str, Any]]] = {}
        self.marks: dict[str, dict[str, list[int]]] = {}
        self.merged_into: dict[str, str] = {}
        self.loaded_curated: set[str] = set()
        self.missing: set[str] = set()
        self._all_docs: dict[str, set[str]] | None = None
        self.dups = StoredNearDuplicates(store)

    def load(self, eid: str) -> dict[str, Any] | None:
        """The extracted version of ``eid`` (from its row, or its kept base), or None when gone."""
        if eid in self.state:
            return self.state[eid]
        if eid in self.missing:
            return None
        rows = self.store.event_rows([eid])
        base: dict[str, Any] | None = None
        origin = "extracted"
        if eid in rows:
            data, origin = rows[eid]
            if "curated" not in data:  # fresh from extraction (or import)
                base = data
                self.store.save_correction_base(eid, data, origin)
                self.bases[eid] = (data, origin)
            else:
                self.loaded_curated.add(eid)
                if eid in self.bases:
                    base = copy.deepcopy(self.bases[eid][0])
                    base.setdefault("defector", {})["actor_id"] = (data.get("defector") or {}).get("actor_id")
                elif not data.get("split_from"):  # curated elsewhere (an import): take it as it is
                    base = {k: v for k, v in data.items() if k != "curated"}
                    self.store.save_correction_base(eid, base, origin)
                    self.bases[eid] = (base, origin)
        elif eid in self.bases and (eid in self.extracted or self.bases[eid][1] != "extracted"):
            base, origin = copy.deepcopy(self.bases[eid][0]), self.bases[eid][1]  # removed by a replay
        if base is None:
            self.missing.add(eid)
            return None
        self.state[eid], self.origin[eid] = base, origin
        return base

    def mentions(self, eid: str) -> list[dict[str, Any]]:
        if eid not in self.members:
            self.members[eid] = self.store.mentions_of(eid) if self.origin.get(eid) == "extracted" else []
        return self.members[eid]

    def find(self, eid: str, anchor: dict[str, Any]) -> str | None:
        """The live event a correction aimed at ``eid`` now applies to (see the module docstring)."""
        seen = set()
        while eid in self.merged_into and eid not in seen:
            seen.add(eid)
            eid = self.merged_into[eid]
        if self.load(eid) is not None:
            return eid
        docs = set(anchor.get(eid) or [])
        if not docs:
            return None
        if self._all_docs is None:
            self._all_docs = self.store.event_source_docs()
        candidates = dict(self._all_docs)
        candidates.update({k: set(_docs(v)) for k, v in self.state.items()})
        best, score = None, 0.0
        for other, theirs in sorted(candidates.items()):
            if other in self.merged_into:
                continue
            share = len(docs & theirs) / len(docs | theirs)
            if share > score:
                best, score = other, share
        if best is None or score < REMAP_OVERLAP or self.load(best) is None:
            return None
        return best

    def mark(self, eid: str, path: str, cid: int) -> None:
        self.marks.setdefault(eid, {}).setdefault(path, []).append(cid)

    def rebuild(self, eid: str, members: list[dict[str, Any]], keep_from: list[str]) -> dict[str, Any]:
        """``eid`` merged afresh from ``members``, with the fields set by earlier corrections of
        ``keep_from`` (first wins) laid back on top."""
        ev = merge_event(eid, members)
        first = self.state.get(keep_from[0]) or {}
        ev["defector"]["actor_id"] = (first.get("defector") or {}).get("actor_id")
        for other in reversed(keep_from):
            for path in self.marks.get(other, {}):
                if path not in ("merge", "split"):
                    set_path(ev, path, get_path(self.state[other], path))
        return self.credible(ev)

    def credible(self, ev: dict[str, Any]) -> dict[str, Any]:
        ev["credibility"] = credibility(ev, group_of=self.dups.group_of)
        ev["independent_sources"] = independent_sources([s["doc"] for s in ev["sources"]], self.dups.group_of)
        return ev


def _join(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two events without per-document mentions (imported): ``a``'s fields, both sets of reports."""
    out = copy.deepcopy(a)
    out["sources"] = a.get("sources", []) + [s for s in b.get("sources") or [] if s not in a.get("sources", [])]
    out["claims"] = a.get("claims", []) + [c for c in b.get("claims") or [] if c not in a.get("claims", [])]
    out["contested"] = bool(a.get("contested") or b.get("contested"))
    names = {(b.get("defector") or {}).get("name"), *((b.get("defector") or {}).get("aliases") or [])}
    d = out.setdefault("defector", {})
    d["aliases"] = sorted((set(d.get("aliases") or []) | names) - {None, d.get("name")})
    return out


def _apply(r: _Replay, c: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """Apply one correction; (status, event id, note)."""
    op, cid = c["op"], c["id"]
    if op == "alias":
        alias, party, hits = (c["field"] or "").lower(), c["after"], 0
        for eid in r.store.event_ids_with_side_name(alias) | set(r.state):
            ev = r.load(eid)
            for side in ("from_side", "to_side"):
                s = (ev or {}).get(side)
                if (
                    ev is not None
                    and isinstance(s, dict)
                    and (s.get("name") or "").lower() == alias
                    and s.get("party") != party
                ):
                    s["party"] = party
                    r.mark(eid, f"{side}.party", cid)
                    hits += 1
        return ("applied" if hits else "noop"), None, f"{hits} side{'s' if hits != 1 else ''} named '{c['field']}'"
    found = r.find(c["target"], c["anchor"] or {})
    if found is None:
        return "orphaned", None, f"event '{c['target']}' is no longer in the record"
    eid = found
    ev = r.state[eid]
    if op == "set":
        set_path(ev, c["field"], c["after"])
        r.mark(eid, c["field"], cid)
    elif op in ("accept", "reject"):
        ev["review"] = c["after"]
        r.mark(eid, "review", cid)
    elif op in ("link", "unlink"):
        ev.setdefault("defector", {})["actor_id"] = c["after"]
        r.mark(eid, "defector.actor_id", cid)
    elif op == "merge":
        other = r.find(c["field"], c["anchor"] or {})
        if other is None:
            return "orphaned", eid, f"event '{c['field']}' is no longer in the record"
        if other == eid:
            return "noop", eid, "already one event"
        ms = r.mentions(eid) + r.mentions(other)
        if r.mentions(eid) and r.mentions(other):
            r.state[eid] = r.rebuild(eid, ms, [eid, other])
        else:
            r.state[eid] = r.credible(_join(ev, r.state[other]))
        r.members[eid] = ms
        for path, ids in r.marks.pop(other, {}).items():
            r.marks.setdefault(eid, {}).setdefault(path, [])[:0] = ids
        r.mark(eid, "merge", cid)
        r.merged_into[other] = eid
        r.state.pop(other, None)
    elif op == "split":
        doc = c["field"]
        if doc not in _docs(ev):
            return "orphaned", eid, f"document '{doc}' no longer reports this event"
        if len(_docs(ev)) < 2:
            return "noop", eid, "the event has no other source"
        new_id = split_id(c["target"], doc)
        ms = r.mentions(eid)
        moved = [m for m in ms if m["sources"][0]["doc"] == doc]
        rest = [m for m in ms if m["sources"][0]["doc"] != doc]
        if moved and rest:
            new = merge_event(new_id, moved)
            new["split_from"] = eid
            new["defector"]["actor_id"] = (ev.get("defector") or {}).get("actor_id")
            r.state[eid] = r.rebuild(eid, rest, [eid])
            r.state[new_id] = r.credible(new)
        else:
            keep = copy.deepcopy(ev)
            keep["sources"] = [s for s in ev["sources"] if s.get("doc") != doc]
            keep["claims"] = [x for x in ev.get("claims") or [] if x.get("doc") != doc]
            new = copy.deepcopy(ev)
            new.update(
                id=new_id,
                split_from=eid,
                sources=[s for s in ev["sources"] if s.get("doc") == doc],
                claims=[x for x in ev.get("claims") or [] if x.get("doc") == doc],
            )
            r.state[eid], r.state[new_id] = r.credible(keep), r.credible(new)
        r.members[eid], r.members[new_id] = rest, moved
        r.origin[new_id] = r.origin[eid]
        r.mark(eid, "split", cid)
        r.mark(new_id, "split", cid)
        r.missing.discard(new_id)
    return "applied", eid, None


def replay(any_store: Store) -> ReplayReport:
    """Apply the whole log over the extracted record; idempotent. Called after every ingest,
    reprocess and import, and after each new correction."""
    store = cast(SQLStore, any_store)  # both backends are SQLStores, which carry the workbench tables
    log = store.list_corrections()
    report = ReplayReport()
    if not log:
        return report
    r = _Replay(store)
    for eid in list(r.bases):
        r.load(eid)
    states: dict[int, tuple[str, str | None, str | None]] = {}
    for c in log:
        status, applied_to, note = _apply(r, c)
        states[c["id"]] = (status, applied_to, note)
        if status == "orphaned":
            report.orphaned.append({**c, "status": status, "note": note})
        elif status == "noop":
            report.noop += 1
        else:
            report.applied += 1
    with store.transaction():
        drop, save = set(r.merged_into), []
        for eid, ev in r.state.items():
            if ev.get("review") == "rejected":
                drop.add(eid)
            elif eid in r.marks:
                ev["curated"] = r.marks[eid]
                save.append((ev, r.origin[eid]))
            elif eid in r.loaded_curated:  # no correction holds any more: the extraction as it was
                ev.pop("curated", None)
                save.append((ev, r.origin[eid]))
        stale = (r.loaded_curated | set(r.bases)) - set(r.state) - drop
        drop |= {eid for eid in stale if eid not in r.bases or eid in r.missing}
        store.delete_events(drop)
        for origin in {o for _, o in save}:
            store.save_events([ev for ev, o in save if o == origin], origin=origin)
        store.set_correction_states(states)
    return report


def export_corrections(store: SQLStore) -> Iterable[str]:
    """The log as JSONL lines (without local ids), for another store."""
    for c in store.list_corrections():
        yield (
            json.dumps(
                {k: c[k] for k in ("uid", "at", "by", "target", "op", "field", "before", "after", "why", "anchor")},
                ensure_ascii=False,
            )
            + "\n"
        )


def import_corrections(store: SQLStore, path: str | Path) -> tuple[int, int, ReplayReport]:
    """Append the corrections of a JSONL log not already here (by uid), in their time order,
    and replay; (added, already known, replay report)."""
    entries = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    c = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"not valid JSON ({e.msg} at col {e.colno})", str(path), n) from None
                missing = [
                    k for k in ("uid", "at", "by", "target", "op", "why") if not isinstance(c, dict) or k not in c
                ]
                if missing or c["op"] not in OPS:
                    raise InputError(f"not a correction (missing {', '.join(missing) or 'a known op'})", str(path), n)
                entries.append(c)
    except OSError as e:
        raise InputError(e.strerror or str(e), str(path)) from None
    known = store.correction_uids()
    new = sorted((c for c in entries if c["uid"] not in known), key=lambda c: c["at"])
    with store.transaction():
        for c in new:
            store.add_correction(c)
    return len(new), len(entries) - len(new), replay(store)


def orphaned_notice(store: SQLStore) -> str | None:
    """A warning when the last replay left corrections without their target, else None."""
    n = sum(1 for c in store.list_corrections() if c.get("status") == "orphaned")
    if not n:
        return None
    return (
        f"Warning: {n:,} correction{'s' if n != 1 else ''} orphaned (the event corrected is no longer in "
        "the record); see 'sideswitch corrections list --orphaned'."
    )
