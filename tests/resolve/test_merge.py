"""Cross-document merge rules, including cases that must NOT merge."""
from __future__ import annotations

from sideswitch.resolve.merge import best_event, clash, event_id_for, merge_event


def test_same_person_two_outlets_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", defector={"name": "Gulrahman Zadran", "aliases": [], "role": None, "actor_id": None},
                      people={"min": 5, "max": 5})
    assert clash(a, b) is None
    assert best_event(b, {"ev-1": [a]}) == "ev-1"
    ev = merge_event("ev-1", [a, b])
    assert ev["people"] == {"min": 4, "max": 5}
    assert {s["doc"] for s in ev["sources"]} == {"d1", "d2"}
    assert "Gulrahman Zadran" in ev["defector"]["aliases"] or ev["defector"]["name"] == "Gulrahman Zadran"


def test_same_person_different_years_do_not_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", date={"earliest": "2011-03-01", "latest": "2011-03-31", "text": None})
    assert clash(a, b) == "different time"


def test_switch_back_does_not_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", from_side={"name": "Taliban", "party": "Taliban"},
                      to_side={"name": "police", "party": "Afghan government"})
    assert clash(a, b) == "reversed direction"


def test_same_place_and_week_different_units_do_not_merge(event_factory):
    unnamed = {"name": None, "aliases": [], "role": "soldiers", "actor_id": None}
    a = event_factory("a", doc="d1", defector=unnamed, people={"min": 6, "max": 6})
    b = event_factory("b", doc="d2", defector=unnamed, people={"min": 60, "max": 70})
    assert clash(a, b) == "different headcount"
    c = event_factory("c", doc="d3", defector=unnamed, people={"min": 6, "max": 6},
                      location={"place": None, "admin2": None, "admin1": "Baghlan", "country": "Afghanistan",
                                "lat": None, "lon": None, "precision": "admin1"})
    assert clash(a, c) == "different province"


def test_different_persons_and_same_document_never_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", defector={"name": "Hamidullah Safi", "aliases": [], "role": None, "actor_id": None})
    assert clash(a, b) == "different persons"
    assert clash(a, event_factory("c", doc="d1")) == "same document"


def test_stable_ids():
    assert event_id_for("d1#1") == event_id_for("d1#1") != event_id_for("d1#2")
