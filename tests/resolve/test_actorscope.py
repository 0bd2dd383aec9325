"""Actors resolved only around what changed end as a resolution of every event gives them.

A store is grown in many small batches of invented reports (spelling variants of one
person, surnames alone, one name for two people in different years, lone defectors
with the same move in the same week); after each batch the stored actors must be a
fixed point of a full resolution (every event, the stored actors as ``previous``),
and every event must carry its actor's id.
"""

from __future__ import annotations

import json
import random

import pytest

from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents
from sideswitch.resolve.actors import resolve_actors
from sideswitch.store import open_store

NAMES = [
    "Tavro Kelinzul",
    "Tavro Kelinzool",
    "Tavru Kelinzul",
    "Kelinzul",
    "Dormi Hasvaro",
    "Dormi Hasvaro Benlu",
    "Hasvaro",
    "Qiro Benlu",
    "Quiro Benlu",
    "Abdul Benlu",
    None,
]
SIDES = [("Afghan government", "Taliban"), ("Taliban", "Afghan government"), ("Syrian government", "Free Syrian Army")]


def mention(doc: str, rng: random.Random) -> dict:
    frm, to = rng.choice(SIDES)
    day = f"20{rng.choice(['14', '15'])}-0{rng.randint(1, 3)}-{rng.randint(10, 14)}"
    name = rng.choice(NAMES)
    return {
        "id": f"{doc}#1",
        "kind": "defection",
        "stage": "completed",
        "defector": {"name": name, "aliases": [], "role": None, "actor_id": None},
        "people": {"min": 1, "max": 1},
        "from_side": {"name": frm, "party": frm},
        "to_side": {"name": to, "party": to},
        "location": {
            "place": None,
            "admin2": None,
            "admin1": None,
            "country": "Afghanistan",
            "lat": None,
            "lon": None,
            "precision": "country",
        },
        "date": {"earliest": day, "latest": day, "text": None},
        "weapons": [],
        "claims": [],
        "contested": False,
        "historical": False,
        "confidence": 0.7,
        "sources": [{"doc": doc, "url": None, "outlet": "o", "published": day, "evidence": "x", "span": [0, 1]}],
    }


def canonical(actors: list[dict]) -> list[str]:
    return sorted(json.dumps(a, sort_keys=True) for a in actors)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batches_end_as_a_full_resolution(tmp_path, seed):
    rng = random.Random(seed)
    with open_store(tmp_path / "s.db") as store:
        for batch in range(8):
            items = []
            for i in range(rng.randint(1, 6)):
                doc = f"d{batch}-{i}"
                text = f"Report {doc} " + " ".join(rng.choice("abcdefgh") * 3 for _ in range(30))
                items.append((Document(text=text, id=doc, published="2015-01-01"), [mention(doc, rng)]))
            ingest_documents(store, items)
            events = store.query_events()
            stored = store.list_actors()
            full, assignment = resolve_actors(events, previous=stored)
            assert canonical(stored) == canonical(full)
            assert {e["id"]: e["defector"]["actor_id"] for e in events} == {
                e["id"]: assignment.get(e["id"]) for e in events
            }
        assert len(stored) >= 3  # the test exercises several people


def test_an_event_whose_names_did_not_change_keeps_its_links(tmp_path, monkeypatch):
    """A later report of an act changes its event but not its defector's spellings: the event's
    links stand and are not computed again (no name is compared); a report adding an alias makes
    them be computed again. Every batch still ends as a full resolution."""
    import sideswitch.resolve.actorscope as scope

    rng = random.Random(4)

    def report(doc: str, name: str, aliases: list[str], day: str) -> tuple[Document, list[dict]]:
        m = mention(doc, rng)
        m["defector"] = {"name": name, "aliases": aliases, "role": None, "actor_id": None}
        m["from_side"], m["to_side"] = (
            {"name": "Taliban", "party": "Taliban"},
            {"name": "x", "party": "Afghan government"},
        )
        m["date"] = {"earliest": day, "latest": day, "text": None}
        m["sources"][0]["published"] = day
        text = f"Report {doc} " + " ".join(rng.choice("abcdefgh") * 3 for _ in range(30))
        return Document(text=text, id=doc, published=day), [m]

    compared: list[int] = []
    real = scope.may_be_same
    monkeypatch.setattr(scope, "may_be_same", lambda a, b, lex: compared.append(1) or real(a, b, lex))
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(
            store, [report("a1", "Tavro Kelinzul", [], "2015-02-10"), report("b1", "Tavru Kelinzul", [], "2014-06-01")]
        )
        assert compared  # the two spellings were compared
        links = store.actor_links([e["id"] for e in store.query_events()])
        for doc, aliases, expect_compared in (("a2", [], False), ("a3", ["Abu Tavro"], True)):
            compared.clear()
            ingest_documents(store, [report(doc, "Tavro Kelinzul", aliases, "2015-02-10")])
            events = store.query_events()
            assert len(events) == 2  # the later report joined its act's event
            assert bool(compared) == expect_compared, doc
            stored = store.list_actors()
            full, _ = resolve_actors(events, previous=stored)
            assert canonical(stored) == canonical(full)
        assert links and len(stored) == 1  # one person under both spellings, linked throughout
