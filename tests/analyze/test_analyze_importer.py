import json

import pytest

from sideswitch.analyze import import_events
from sideswitch.errors import InputError, ValidationError
from sideswitch.store import EventQuery, open_store


def test_import_saves_with_origin_imported(tmp_path, make_contract_event, jsonl_file):
    path = jsonl_file([make_contract_event("a", "2013-01-01"), make_contract_event("b", None)])
    with open_store(tmp_path / "t.db") as store:
        report = import_events(store, path)
        assert (report.imported, report.replaced, report.skipped, report.ids) == (2, 0, 0, ["a", "b"])
        assert [e["id"] for e in store.query_events(EventQuery(order="id"))] == ["a", "b"]
        assert {r[0] for r in store.conn.execute("SELECT origin FROM events")} == {"imported"}
        again = import_events(store, path)
    assert again.replaced == 2 and again.summary().endswith("(2 replaced).")


def test_bad_lines_are_numbered_and_nothing_is_imported(tmp_path, make_contract_event):
    bad_kind = make_contract_event("c", "2013-01-01", kind="defect")
    lines = [
        json.dumps(make_contract_event("a", "2013-01-01")),
        "",
        "{not json",
        json.dumps(bad_kind),
        json.dumps(make_contract_event("a", "2013-02-01")),
        "[1, 2]",
    ]
    path = tmp_path / "coded.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(tmp_path / "t.db") as store:
        with pytest.raises(ValidationError) as e:
            import_events(store, path)
        assert store.count_events() == 0
        msg = str(e.value)
        assert msg.startswith(f"'{path}' has 4 invalid lines (nothing imported):\n  - line 3: not valid JSON")
        assert "  - line 4: kind: 'defect' is not one of" in msg
        assert "  - line 5: id 'a' repeats line 1" in msg and "  - line 6: not a JSON object" in msg
        report = import_events(store, path, strict=False)
        assert report.imported == 1 and [n for n, _ in report.problems] == [3, 4, 5, 6]
        assert report.to_dict()["problems"][0]["line"] == 3


def test_missing_file_is_an_input_error(tmp_path):
    with open_store(tmp_path / "t.db") as store, pytest.raises(InputError, match="no such file"):
        import_events(store, tmp_path / "nope.jsonl")


def test_export_then_import_into_a_fresh_store_round_trips_actors(tmp_path):
    """Issue 14: after export and import-events into a fresh store, the actors are there and
    every event's actor_id points at one of them (invented people and places)."""
    from sideswitch.exports import jsonl_lines
    from sideswitch.models import Document
    from sideswitch.pipeline import ingest_documents

    docs = [
        Document(
            id="rt-1",
            published="2015-04-03",
            lang="en",
            text="Taliban commander Mullah Zarif Hotakzai defected to the Afghan government in Helmand province "
            "on Wednesday with 12 of his fighters, officials said.",
        ),
        Document(
            id="rt-2",
            published="2016-09-20",
            lang="en",
            text="Afghan army colonel Nadir Shah Pashtunyar joined the Taliban in Kandahar province on Sunday, "
            "a Taliban spokesman said.",
        ),
    ]
    with open_store(tmp_path / "a.db") as a:
        ingest_documents(a, docs)
        before = {x["id"]: x["name"] for x in a.list_actors()}
        lines = list(jsonl_lines(a.iter_events()))
    assert len(before) == 2
    path = tmp_path / "events.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    with open_store(tmp_path / "b.db") as b:
        import_events(b, path)
        after = {x["id"]: x["name"] for x in b.list_actors()}
        assert after == before
        for ev in b.query_events():
            aid = ev["defector"]["actor_id"]
            assert aid is None or aid in after
            assert any(h["event_id"] == ev["id"] for h in b.get_actor(aid)["history"]) if aid else True
