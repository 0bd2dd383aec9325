"""The SQLite store: migrations, documents, events, queries, transactions."""
from __future__ import annotations

import sqlite3

import pytest

from sideswitch.errors import NotFoundError, QueryError, SideswitchError, StoreError
from sideswitch.models import Document
from sideswitch.store import EventQuery, open_store


def test_migrations_are_applied_once(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as s:
        v = s.schema_version()
        assert v >= 1
    with open_store(path) as s:
        assert s.schema_version() == v


def test_documents_are_never_stored_twice(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        assert s.add_document(Document(text="Twelve guards deserted.", id="a"))
        assert not s.add_document(Document(text="Twelve guards deserted.", id="a"))
        assert not s.add_document(Document(text="Twelve guards deserted.", id="b"))   # same text
        assert s.count_documents() == 1
        assert s.get_document("a")["text"] == "Twelve guards deserted."
        with pytest.raises(NotFoundError, match="no document with id 'zz'"):
            s.get_document("zz")


def test_failed_transaction_keeps_what_was_stored(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        s.add_document(Document(text="first", id="a"))
        with pytest.raises(RuntimeError):
            with s.transaction():
                s.add_document(Document(text="second", id="b"))
                raise RuntimeError("boom")
        assert [d["id"] for d in s.list_documents()] == ["a"]


def test_event_round_trip_and_filters(tmp_path, event_factory):
    with open_store(tmp_path / "s.db") as s:
        a = event_factory("e1")
        b = event_factory("e2", doc="d2", kind="surrender", contested=True,
                          defector={"name": None, "aliases": [], "role": "fighters", "actor_id": None},
                          sources=[{"doc": "d2", "evidence": "Forty fighters surrendered.", "span": [0, 27]}],
                          location={"place": None, "admin2": None, "admin1": "Borno", "country": "Nigeria",
                                    "lat": None, "lon": None, "precision": "admin1"},
                          date={"earliest": "2021-01-01", "latest": "2021-01-31", "text": None},
                          to_side={"name": "Nigerian Army", "party": "Nigerian military"},
                          from_side={"name": "Boko Haram", "party": "Boko Haram"})
        s.save_events([a, b])
        assert s.get_event("e1") == a
        ids = lambda q: [e["id"] for e in s.query_events(q)]
        assert ids(EventQuery(country="afghanistan")) == ["e1"]
        assert ids(EventQuery(kind="surrender")) == ["e2"]
        assert ids(EventQuery(contested=True)) == ["e2"]
        assert ids(EventQuery(party="Boko Haram", direction="from")) == ["e2"]
        assert ids(EventQuery(party="Boko Haram", direction="to")) == []
        assert ids(EventQuery(date_from="2020-01-01")) == ["e2"]
        assert ids(EventQuery(q="zadran")) == ["e1"]
        assert s.count_events(EventQuery(min_confidence=0.5)) == 2


@pytest.mark.parametrize("bad,msg", [({"kind": "defect"}, "kind must be one of"),
                                     ({"date_from": "last week"}, "date_from must be a date"),
                                     ({"min_confidence": 2.0}, "min_confidence"),
                                     ({"direction": "sideways"}, "direction must be one of")])
def test_bad_queries_are_refused(bad, msg):
    """From the error tree (QueryError), and still a ValueError for callers that catch that."""
    with pytest.raises(QueryError, match=msg) as raised:
        EventQuery(**bad).validate()
    assert isinstance(raised.value, SideswitchError) and isinstance(raised.value, ValueError)


def test_readonly_store(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing.db", readonly=True)
    open_store(tmp_path / "s.db").close()
    with open_store(tmp_path / "s.db", readonly=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            with s.transaction():
                pass


def test_corrupt_file_is_a_store_error_at_open(tmp_path):
    p = tmp_path / "bad.db"
    p.write_bytes(b"this is not a database" * 100)
    for readonly in (False, True):
        with pytest.raises(StoreError) as err:
            open_store(p, readonly=readonly)
        assert str(err.value) == f"cannot read database '{p}': file is not a database"


def test_readonly_sqlite_file_without_a_store_is_an_error_at_open(tmp_path):
    p = tmp_path / "other.db"
    sqlite3.connect(p).close()
    with pytest.raises(StoreError, match="not a sideswitch database"):
        open_store(p, readonly=True)
