"""Flows name parties, never a generic phrase (issue 14): invented reports naming sides by their role."""

from __future__ import annotations

from sideswitch.analyze.flows import flows
from sideswitch.lexicon.generic_sides import load_generic_sides
from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents
from sideswitch.store import open_store

REPORTS = [
    ("g1", "2024-03-05", "Twenty militants surrendered to troops in Bama, Borno State, on Sunday, the army said."),
    ("g2", "2013-06-12", "Eleven Syrian soldiers defected to the rebels in Idlib province on Monday, activists said."),
    ("g3", "2013-06-20", "A Syrian army captain, Fadi Morsel, defected to the opposition in Daraa on Tuesday."),
    ("g4", "2016-04-14", "Thirty insurgents laid down their arms before government forces in Kunduz on Tuesday."),
]


def test_no_party_in_flows_is_a_bare_generic_phrase(tmp_path):
    docs = [
        Document(id=i, text=text, url=f"https://example.org/{i}", outlet="Test Wire", published=day)
        for i, day, text in REPORTS
    ]
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(store, docs)
        events = store.query_events()
    sides = [ev[k] for ev in events for k in ("from_side", "to_side") if ev.get(k)]
    assert any(s.get("generic") for s in sides)  # the reports do name sides by their role
    assert all(s.get("party_source") in ("stated", "lexicon", "conflict context", "unresolved") for s in sides)
    roles = load_generic_sides()
    parties = [p for p in flows(events, include_contested=True, include_offered=True).parties if p]
    assert parties and not [p for p in parties if roles.role_of(p)]
