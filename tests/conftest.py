"""Shared fixtures: contract events and documents written for these tests."""
from __future__ import annotations

import copy

import pytest


def make_event(eid: str = "m1", doc: str = "d1", **over) -> dict:
    """A valid contract event; ``over`` replaces top-level keys."""
    ev = {
        "id": eid, "kind": "defection", "stage": "completed",
        "defector": {"name": "Gul Rahman Zadran", "aliases": [], "role": "district police chief", "actor_id": None},
        "people": {"min": 4, "max": 4},
        "from_side": {"name": "Afghan National Police", "party": "Afghan government"},
        "to_side": {"name": "Taliban", "party": "Taliban"},
        "location": {"place": None, "admin2": None, "admin1": "Kunduz", "country": "Afghanistan",
                     "lat": 36.7, "lon": 68.8, "precision": "admin1"},
        "date": {"earliest": "2019-05-04", "latest": "2019-05-05", "text": "on Sunday"},
        "weapons": [], "claims": [], "contested": False, "historical": False, "confidence": 0.8,
        "sources": [{"doc": doc, "url": None, "outlet": "Test Wire", "published": "2019-05-06",
                     "evidence": "Gul Rahman Zadran defected to the Taliban.", "span": [0, 42]}],
    }
    ev.update(copy.deepcopy(over))
    return ev


@pytest.fixture
def event_factory():
    return make_event
