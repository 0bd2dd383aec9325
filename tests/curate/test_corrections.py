"""Corrections outlast reprocess, re-ingest and new documents; orphans are reported."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sideswitch.curate import correct, export_corrections, import_corrections, replay
from sideswitch.errors import NotFoundError, ValidationError
from sideswitch.exports import jsonl_lines
from sideswitch.pipeline import ingest_documents, reprocess
from sideswitch.store import EventQuery, open_store

from .docs import documents


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "c.db") as s:
        ingest_documents(s, documents())
        yield s


def by_name(store, name):
    return next(e for e in store.query_events() if e["defector"]["name"] == name)


def test_a_set_field_survives_reprocess_and_new_documents(store, tmp_path):
    ev = by_name(store, "Rahim Dostan")
    entry = correct(store, ev["id"], "set", field="people.best", value="24", why="ministry figure", by="ana")
    assert entry["before"] == ev["people"]["best"] and entry["after"] == 24 and entry["status"] == "applied"
    correct(store, ev["id"], "set", field="kind", value="surrender", why="he gave up", by="ana")
    for step in (
        lambda: reprocess(store),
        lambda: ingest_documents(store, documents(["wire-1"])),
        lambda: ingest_documents(store, documents()),
    ):
        step()
        got = store.get_event(ev["id"])
        assert {k: got["people"][k] for k in ("min", "max", "best", "high")} == {
            "min": 15,
            "max": 24,
            "best": 24,
            "high": 24,
        }
        assert got["kind"] == "surrender"
        assert got["curated"] == {"people.best": [entry["id"]], "kind": [entry["id"] + 1]}
    assert store.count_events() == 2
    line = json.loads(next(iter(jsonl_lines([store.get_event(ev["id"])]))))
    assert line["curated"]["kind"] == [entry["id"] + 1]
    assert {r[0] for r in store._q("SELECT kind FROM events")} == {"surrender"}  # indexed columns follow


def test_reject_hides_the_event_until_accepted(store):
    ev = by_name(store, "Wali Nazeri")
    correct(store, ev["id"], "reject", why="a rumour", by="ana")
    reprocess(store)
    with pytest.raises(NotFoundError):
        store.get_event(ev["id"])
    assert [e["defector"]["name"] for e in store.query_events()] == ["Rahim Dostan"]
    correct(store, ev["id"], "accept", why="confirmed by the ministry", by="ben")
    reprocess(store)
    assert store.get_event(ev["id"])["review"] == "accepted"


def test_merge_and_split_survive_reprocess(store):
    a, b = by_name(store, "Rahim Dostan"), by_name(store, "Wali Nazeri")
    correct(store, a["id"], "merge", other=b["id"], why="test: the same act", by="ana")
    correct(store, a["id"], "split", doc="paper-1", why="paper-1 tells of another act", by="ana")
    for _ in range(2):
        merged = store.get_event(a["id"])
        assert sorted(s["doc"] for s in merged["sources"]) == ["wire-1", "wire-2"]
        others = [e for e in store.query_events() if e["id"] != a["id"]]
        assert [sorted(s["doc"] for s in e["sources"]) for e in others] == [["paper-1"]]
        assert others[0]["split_from"] == a["id"] and "split" in others[0]["curated"]
        with pytest.raises(NotFoundError):
            store.get_event(b["id"])
        reprocess(store)


def test_a_correction_whose_target_is_gone_is_orphaned_not_dropped(store):
    ev = by_name(store, "Wali Nazeri")
    entry = correct(store, ev["id"], "set", field="people", value="20-30", why="range", by="ana")
    with store.transaction() as c:  # the only report of it disappears from the store
        c.execute("DELETE FROM mentions WHERE doc_id = 'wire-2'")
        c.execute("DELETE FROM documents WHERE id = 'wire-2'")
        c.execute("DELETE FROM events WHERE id = ?", (ev["id"],))
    report = replay(store)
    assert [o["id"] for o in report.orphaned] == [entry["id"]]
    assert "orphaned" in report.summary()
    assert store.list_corrections()[0]["status"] == "orphaned"


def test_a_moved_event_is_found_by_its_documents(store):
    ev = by_name(store, "Rahim Dostan")
    correct(store, ev["id"], "set", field="defector", value="Rahim Khan Dostan", why="full name", by="ana")
    with store.transaction() as c:  # extraction gave it another id (e.g. new grouping code)
        c.execute("UPDATE mentions SET event_id = 'ev-renamed' WHERE event_id = ?", (ev["id"],))
        data = dict(store.event_rows([ev["id"]])[ev["id"]][0], id="ev-renamed")
        data.pop("curated")
        c.execute("DELETE FROM events WHERE id = ?", (ev["id"],))
    store.save_events([data])
    replay(store)
    assert store.get_event("ev-renamed")["defector"]["name"] == "Rahim Khan Dostan"
    assert store.list_corrections()[0]["applied_to"] == "ev-renamed"


def test_alias_link_and_bad_values(store):
    ev = by_name(store, "Rahim Dostan")
    correct(store, "Islamic Emirate", "alias", value=ev["to_side"]["name"], why="same movement", by="ana")
    got = store.get_event(ev["id"])
    assert got["to_side"]["party"] == "Islamic Emirate" and "to_side.party" in got["curated"]
    store.save_actors([{"id": "act-x", "name": "R. Dostan", "history": []}])
    correct(store, ev["id"], "link", value="act-x", why="same man", by="ana")
    assert store.get_event(ev["id"])["defector"]["actor_id"] == "act-x"
    with pytest.raises(ValidationError, match="people.min must be a whole number, not 'many'"):
        correct(store, ev["id"], "set", field="people.min", value="many", why="x")
    with pytest.raises(ValidationError, match="cannot correct field 'colour'"):
        correct(store, ev["id"], "set", field="colour", value="red", why="x")
    with pytest.raises(ValidationError, match="say why"):
        correct(store, ev["id"], "reject", why=" ")
    with pytest.raises(NotFoundError):
        correct(store, "ev-none", "reject", why="x")


def test_the_log_is_append_only(store):
    correct(store, by_name(store, "Wali Nazeri")["id"], "reject", why="x", by="ana")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("DELETE FROM corrections")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("UPDATE corrections SET why = 'y'")


def test_export_import_moves_the_log_between_stores(store, tmp_path):
    ev = by_name(store, "Rahim Dostan")
    correct(store, ev["id"], "set", field="date", value="2019-05-04", why="the local calendar", by="ana")
    path = tmp_path / "log.jsonl"
    path.write_text("".join(export_corrections(store)), encoding="utf-8")
    with open_store(tmp_path / "other.db") as other:
        ingest_documents(other, documents())
        added, known, report = import_corrections(other, path)
        assert (added, known, report.applied) == (1, 0, 1)
        assert other.get_event(ev["id"])["date"]["earliest"] == "2019-05-04"
        assert import_corrections(other, path)[:2] == (0, 1)


def test_a_new_report_joining_the_event_keeps_the_correction(tmp_path):
    with open_store(tmp_path / "n.db") as s:
        ingest_documents(s, documents(["wire-1", "wire-2"]))
        ev = by_name(s, "Rahim Dostan")
        correct(s, ev["id"], "set", field="people", value="20-30", why="later count", by="ana")
        correct(s, ev["id"], "set", field="contested", value="yes", why="the ministry denies it", by="ana")
        report = ingest_documents(s, documents(["paper-1"]))  # joins the event: it is rebuilt
        assert ev["id"] in report.events
        got = s.get_event(ev["id"])
        assert sorted(x["doc"] for x in got["sources"]) == ["paper-1", "wire-1"]
        assert got["people"] == {"min": 20, "max": 30} and got["contested"] is True
        assert s.count_events(EventQuery(contested=True)) == 1
