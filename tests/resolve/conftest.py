"""Builders for small contract-shaped events (invented people and places)."""

from __future__ import annotations

import pytest


def event(
    eid,
    name,
    *,
    aliases=(),
    day=None,
    frm=None,
    to=None,
    country=None,
    admin1=None,
    kind="defection",
    stage="completed",
    sources=None,
    claims=(),
):
    """One merged event; ``day`` is 'YYYY-MM-DD' or (earliest, latest) or None."""
    if isinstance(day, str):
        day = (day, day)
    return {
        "id": eid,
        "kind": kind,
        "stage": stage,
        "defector": {"name": name, "aliases": list(aliases), "role": None, "actor_id": None},
        "people": None,
        "from_side": {"name": frm, "party": frm} if frm else None,
        "to_side": {"name": to, "party": to} if to else None,
        "location": {
            "place": None,
            "admin2": None,
            "admin1": admin1,
            "country": country,
            "lat": None,
            "lon": None,
            "precision": "admin1" if admin1 else None,
        },
        "date": {"earliest": day[0], "latest": day[1], "text": None} if day else None,
        "weapons": [],
        "claims": list(claims),
        "contested": False,
        "historical": False,
        "confidence": 0.8,
        "sources": sources
        or [
            {
                "doc": f"doc-{eid}",
                "url": None,
                "outlet": None,
                "published": None,
                "evidence": f"Evidence sentence for {eid}.",
                "span": [0, 10],
            }
        ],
    }


@pytest.fixture
def make_event():
    return event
