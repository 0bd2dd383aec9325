"""Actors who switched more than once: events grouped by ``defector.actor_id``.

A person's events, in date order, trace a path between sides::

    actor a-17 "Abdul Example": Government -> Taliban (2011-03) -> Government (2013-09)

Events without an ``actor_id`` (unnamed groups, unresolved people) are not
grouped. Offered and contested events are listed too, marked as such, since a
reported offer to switch back is part of the story an analyst wants to see.
"""

from __future__ import annotations

from .series import side_party

__all__ = ["repeat_switchers", "MIN_SWITCHES"]

MIN_SWITCHES = 2  # events per actor to be listed ("switched more than once")


def _when(ev: dict) -> str:
    d = ev.get("date") or {}
    return d.get("earliest") or ""


def repeat_switchers(events: list[dict], *, min_events: int = MIN_SWITCHES) -> list[dict]:
    """Actors with at least ``min_events`` events, the most active first.

    >>> evs = [{"id": f"e{i}", "defector": {"actor_id": "a1", "name": "X", "aliases": [], "role": None},
    ...         "from_side": {"name": s, "party": s}, "to_side": {"name": t, "party": t},
    ...         "date": {"earliest": d, "latest": d}, "stage": "completed", "kind": "defection"}
    ...        for i, (s, t, d) in enumerate([("A", "B", "2012-01-01"), ("B", "A", "2013-05-01")])]
    >>> repeat_switchers(evs)[0]["path"]
    'A -> B -> A'
    """
    groups: dict[str, list[dict]] = {}
    for ev in events:
        actor = (ev.get("defector") or {}).get("actor_id")
        if actor:
            groups.setdefault(actor, []).append(ev)
    out = []
    for actor, evs in groups.items():
        if len(evs) < min_events:
            continue
        evs = sorted(evs, key=lambda e: (_when(e) or "9999", e["id"]))
        names = [(e.get("defector") or {}).get("name") for e in evs]
        out.append(
            {
                "actor_id": actor,
                "name": next((n for n in names if n), None),
                "events": len(evs),
                "path": _path(evs),
                "moves": [
                    {
                        "id": e["id"],
                        "date": _when(e) or None,
                        "kind": e.get("kind"),
                        "stage": e.get("stage"),
                        "contested": bool(e.get("contested")),
                        "from": side_party(e.get("from_side")),
                        "to": side_party(e.get("to_side")),
                    }
                    for e in evs
                ],
            }
        )
    return sorted(out, key=lambda a: (-a["events"], a["name"] or "", a["actor_id"]))


def _path(evs: list[dict]) -> str:
    """``"A -> B -> A"``; ``"..."`` marks a gap where one event's new side is not the next one's old side."""
    steps = [side_party(evs[0].get("from_side")) or "?"]
    for i, e in enumerate(evs):
        to = side_party(e.get("to_side")) or "?"
        nxt = side_party(evs[i + 1].get("from_side")) if i + 1 < len(evs) else None
        steps.append(to)
        if nxt and nxt != to:
            steps += ["...", nxt]
    return " -> ".join(steps)
