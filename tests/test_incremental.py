"""Merging across documents does not depend on how documents arrive.

Several outlets report one invented act (a police commander in Baghlan and
his men joining the Taliban) with their own spellings and counts, beside
unrelated acts and reports that must stay apart (another unit the same week,
the same man in another year, his switch back). Ingested as one batch, or one
document at a time in another order, the store must hold the same events.

The per-document extraction is replaced by hand-written mentions for the
exact partition (the extractor changes often); one test runs the real
extraction on the same texts and checks only that the order does not matter.
"""

from __future__ import annotations

import copy
import json
import random

import pytest

import sideswitch.pipeline as pipeline
from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents
from sideswitch.store import open_store

GOV = {"name": "Afghan police", "party": "Afghan government"}
TALIBAN = {"name": "Taliban", "party": "Taliban"}
BAGHLAN = {
    "place": None,
    "admin2": None,
    "admin1": "Baghlan",
    "country": "Afghanistan",
    "lat": None,
    "lon": None,
    "precision": "admin1",
}

WIRE = (
    "Gulbadin Rostami, a district police commander, and eleven of his officers joined the Taliban "
    "in Baghlan province on Sunday, taking two pickup trucks and their rifles with them, the "
    "provincial governor's spokesman said on Monday. The spokesman said the commander had "
    "complained for months that his men were not paid, and that a search was under way."
)

DOCS = {  # id: (published, text)
    "wire-a": ("2019-05-06", WIRE),
    "paper-b": (
        "2019-05-07",
        "Police commander Gulbuddin Rustami went over to the Taleban with a dozen "
        "policemen at the weekend, officials in Baghlan told this paper.",
    ),
    "radio-c": (
        "2019-05-08",
        "A police commander and eleven or twelve of his officers abandoned their "
        "checkpoint in Baghlan and went over to the insurgents, a local elder said.",
    ),
    "feature-d": (
        "2020-03-01",
        "Last year a police commander and eleven of his men went over to "
        "militants in Baghlan; the district has not recovered since.",
    ),
    "copy-k": ("2019-05-06", "NEWSDESK - " + WIRE + " Copyright the wire service. All rights reserved."),
    "paper-e": ("2019-05-07", "Thirty Taliban fighters surrendered to the police in Kunduz on Saturday."),
    "wire-f": ("2019-11-10", "A Syrian air force officer, Adnan Sabbagh, flew his jet to Jordan on Saturday."),
    "paper-g": ("2019-05-06", "Three soldiers at an army outpost in Baghlan joined the Taliban on Sunday."),
    "paper-i": (
        "2017-02-03",
        "Gulbadin Rostami, then a village police officer, joined the Taliban in Baghlan this week.",
    ),
    "wire-j": (
        "2019-07-15",
        "Gulbadin Rostami has left the Taliban and surrendered to the police in Baghlan, officials said on Monday.",
    ),
}


def mention(doc: str, **over) -> dict:
    """A hand-written extraction of ``doc`` (the main act unless ``over`` says otherwise)."""
    published, text = DOCS[doc]
    m = {
        "id": f"{doc}#1",
        "kind": "defection",
        "stage": "completed",
        "defector": {"name": None, "aliases": [], "role": "police commander", "actor_id": None},
        "people": {"min": 12, "max": 12},
        "from_side": GOV,
        "to_side": TALIBAN,
        "location": BAGHLAN,
        "date": None,
        "weapons": [],
        "claims": [],
        "contested": False,
        "historical": False,
        "confidence": 0.7,
        "sources": [
            {
                "doc": doc,
                "url": None,
                "outlet": doc.split("-")[0],
                "published": published,
                "evidence": text[:80],
                "span": [0, 80],
            }
        ],
    }
    m.update(copy.deepcopy(over))
    return m


def named(name: str) -> dict:
    return {"name": name, "aliases": [], "role": "police commander", "actor_id": None}


def week(a: str, b: str) -> dict:
    return {"earliest": a, "latest": b, "text": None}


MENTIONS = {
    "wire-a": [
        mention(
            "wire-a",
            defector=named("Gulbadin Rostami"),
            date=week("2019-05-05", "2019-05-05"),
            weapons=[{"item": "pickup truck", "count": 2}],
        )
    ],
    "copy-k": [mention("copy-k", defector=named("Gulbadin Rostami"), date=week("2019-05-05", "2019-05-05"))],
    "paper-b": [
        mention(
            "paper-b",
            defector=named("Gulbuddin Rustami"),
            people={"min": 12, "max": 13},
            to_side={"name": "Taleban", "party": "Taliban"},
            date=week("2019-05-04", "2019-05-05"),
        )
    ],
    "radio-c": [
        mention(
            "radio-c",
            kind="desertion",
            people={"min": 12, "max": 13},
            to_side={"name": "the insurgents", "party": None},
        )
    ],
    "feature-d": [mention("feature-d", historical=True, to_side={"name": "militants", "party": None})],
    "paper-e": [
        mention(
            "paper-e",
            kind="surrender",
            people={"min": 30, "max": 30},
            from_side=TALIBAN,
            to_side=GOV,
            location={**BAGHLAN, "admin1": "Kunduz"},
            date=week("2019-05-04", "2019-05-04"),
        )
    ],
    "wire-f": [
        mention(
            "wire-f",
            defector=named("Adnan Sabbagh"),
            people={"min": 1, "max": 1},
            from_side={"name": "Syrian air force", "party": "Syrian government"},
            to_side={"name": "Jordan", "party": "Jordan"},
            location={**BAGHLAN, "admin1": None, "country": "Jordan", "precision": "country"},
            date=week("2019-11-09", "2019-11-09"),
        )
    ],
    "paper-g": [
        mention(
            "paper-g",
            people={"min": 3, "max": 3},
            date=week("2019-05-05", "2019-05-05"),
            from_side={"name": "Afghan army", "party": "Afghan government"},
        )
    ],
    "paper-i": [
        mention(
            "paper-i",
            defector=named("Gulbadin Rostami"),
            people={"min": 1, "max": 1},
            date=week("2017-01-29", "2017-02-03"),
        )
    ],
    "wire-j": [
        mention(
            "wire-j",
            kind="surrender",
            defector=named("Gulbadin Rostami"),
            people={"min": 1, "max": 1},
            from_side=TALIBAN,
            to_side=GOV,
            date=week("2019-07-15", "2019-07-15"),
        )
    ],
}
ONE_ACT = {"wire-a#1", "copy-k#1", "paper-b#1", "radio-c#1", "feature-d#1"}


@pytest.fixture
def written(monkeypatch):
    """The pipeline extracts the hand-written mentions above."""
    monkeypatch.setattr(pipeline, "extract_document", lambda doc, res=None, **_: copy.deepcopy(MENTIONS[doc.id]))


def documents(order=None) -> list[Document]:
    return [
        Document(text=DOCS[d][1], id=d, published=DOCS[d][0], outlet=d.split("-")[0]) for d in (order or list(DOCS))
    ]


def ingest(path, docs: list[Document], one_at_a_time: bool) -> dict:
    """The store's events after ingesting ``docs``: partition and merged fields."""
    with open_store(path) as store:
        if one_at_a_time:
            for doc in docs:
                ingest_documents(store, [doc])
        else:
            ingest_documents(store, docs)
        return snapshot(store)


def snapshot(store) -> dict:
    events = {ev["id"]: ev for ev in store.query_events()}
    members: dict[str, set] = {}
    for m in store.get_mentions():
        members.setdefault(m["event_id"], set()).add(m["id"])
    assert members.keys() == events.keys(), "every event has mentions and every mention an event"
    plain = lambda ev: json.dumps({**ev, "id": None, "defector": {**ev["defector"], "actor_id": None}}, sort_keys=True)
    return {
        "partition": sorted(sorted(ms) for ms in members.values()),
        "fields": {frozenset(members[eid]): plain(ev) for eid, ev in events.items()},
        "ids": {frozenset(ms): eid for eid, ms in members.items()},
    }


def test_one_act_from_several_outlets_is_one_event(tmp_path, written):
    got = ingest(tmp_path / "s.db", documents(), one_at_a_time=False)
    assert sorted(ONE_ACT) in got["partition"]
    assert len(got["partition"]) == 6, "the other acts and the must-not-merge reports stay apart"
    ev = json.loads(got["fields"][frozenset(ONE_ACT)])
    assert (ev["people"]["min"], ev["people"]["max"]) == (12, 13)
    assert [s["people"]["best"] for s in ev["sources"] if s.get("people")]  # each report keeps its own figure
    assert ev["defector"]["name"] in {"Gulbadin Rostami", "Gulbuddin Rustami"}
    assert {ev["defector"]["name"], *ev["defector"]["aliases"]} == {"Gulbadin Rostami", "Gulbuddin Rustami"}
    assert ev["to_side"]["party"] == "Taliban" and ev["kind"] == "defection"
    assert ev["date"] == {"earliest": "2019-05-05", "latest": "2019-05-05", "text": None}
    assert ev["historical"] is False
    assert ev["weapons"] == [{"item": "pickup truck", "count": 2}]


def test_syndicated_copy_is_not_an_independent_source(tmp_path, written):
    got = ingest(tmp_path / "s.db", documents(), one_at_a_time=False)
    ev = json.loads(got["fields"][frozenset(ONE_ACT)])
    assert len({s["doc"] for s in ev["sources"]}) == 5
    assert ev["independent_sources"] == 4  # copy-k copies wire-a


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batch_and_one_at_a_time_in_any_order_agree(tmp_path, written, seed):
    batch = ingest(tmp_path / "batch.db", documents(), one_at_a_time=False)
    order = list(DOCS)
    random.Random(seed).shuffle(order)
    for name, one in (("shuffled-batch", False), ("shuffled-one", True)):
        got = ingest(tmp_path / f"{name}.db", documents(order), one_at_a_time=one)
        assert got["partition"] == batch["partition"]
        assert got["fields"] == batch["fields"]


def test_event_id_is_kept_when_a_new_source_joins(tmp_path, written):
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(store, documents(["wire-a", "paper-b"]))
        first = snapshot(store)["ids"]
        (eid,) = first.values()
        ingest_documents(store, documents(["radio-c"]))
        ingest_documents(store, documents(["feature-d", "paper-g"]))
        now = snapshot(store)["ids"]
        assert now[frozenset({"wire-a#1", "paper-b#1", "radio-c#1", "feature-d#1"})] == eid
        assert len(store.get_event(eid)["sources"]) == 4


BRIDGE = {  # alone, the first two share too little; the third links both
    "bridge-1": (
        "2019-05-06",
        mention(
            "wire-a",
            id="bridge-1#1",
            people=None,
            defector=named("Gulbadin Rostami"),
            date=week("2019-05-05", "2019-05-05"),
        ),
    ),
    "bridge-2": ("2019-05-20", mention("feature-d", id="bridge-2#1", to_side={"name": "militants", "party": None})),
    "bridge-3": (
        "2019-05-07",
        mention("paper-b", id="bridge-3#1", defector=named("Gulbuddin Rustami"), date=week("2019-05-05", "2019-05-05")),
    ),
}


def test_a_report_linking_two_events_makes_one_keeping_an_old_id(tmp_path, monkeypatch):
    def extract(doc, res=None, **_):
        m = copy.deepcopy(BRIDGE[doc.id][1])
        m["sources"][0].update(doc=doc.id, published=BRIDGE[doc.id][0])
        return [m]

    monkeypatch.setattr(pipeline, "extract_document", extract)
    docs = {
        d: Document(text=f"Report {d} of the Baghlan defection.", id=d, published=p) for d, (p, _) in BRIDGE.items()
    }
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(store, [docs["bridge-1"], docs["bridge-2"]])
        before = snapshot(store)["ids"]
        assert len(before) == 2
        ingest_documents(store, [docs["bridge-3"]])
        after = snapshot(store)["ids"]
        assert list(after) == [frozenset({"bridge-1#1", "bridge-2#1", "bridge-3#1"})]
        assert list(after.values()) == [before[frozenset({"bridge-1#1"})]]  # the earliest report's
        assert [e["id"] for e in store.query_events()] == list(after.values())


def test_real_extraction_does_not_depend_on_the_order(tmp_path):
    docs = [d for d in documents() if d.id != "copy-k"]
    batch = ingest(tmp_path / "batch.db", docs, one_at_a_time=False)
    shuffled = ingest(tmp_path / "one.db", list(reversed(docs)), one_at_a_time=True)
    assert shuffled["partition"] == batch["partition"]
    assert shuffled["fields"] == batch["fields"]
