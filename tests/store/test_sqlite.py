"""The store on both backends: migrations, documents, events, queries, transactions.

Each test taking ``new_db`` runs on SQLite and, marked ``postgres``, on a fresh
PostgreSQL database (``SIDESWITCH_TEST_PG``; see tests/conftest.py).
"""

from __future__ import annotations

import sqlite3
import sys

import pytest

from sideswitch.errors import ConfigError, NotFoundError, QueryError, SideswitchError, StoreError
from sideswitch.models import Document
from sideswitch.store import EventQuery, Store, open_store, resolve_db
from sideswitch.store.base import migrations
from sideswitch.store.query import ORDERS


def test_migrations_are_applied_once(new_db):
    path = new_db()
    with open_store(path) as s:
        v = s.schema_version()
        assert v >= 1
    with open_store(path) as s:
        assert s.schema_version() == v


def test_documents_are_never_stored_twice(new_db):
    with open_store(new_db()) as s:
        assert s.add_document(Document(text="Twelve guards deserted.", id="a"))
        assert not s.add_document(Document(text="Twelve guards deserted.", id="a"))
        assert not s.add_document(Document(text="Twelve guards deserted.", id="b"))  # same text
        assert s.count_documents() == 1
        assert s.get_document("a")["text"] == "Twelve guards deserted."
        with pytest.raises(NotFoundError, match="no document with id 'zz'"):
            s.get_document("zz")


def test_failed_transaction_keeps_what_was_stored(new_db):
    with open_store(new_db()) as s:
        s.add_document(Document(text="first", id="a"))
        with pytest.raises(RuntimeError):
            with s.transaction():
                s.add_document(Document(text="second", id="b"))
                raise RuntimeError("boom")
        assert [d["id"] for d in s.list_documents()] == ["a"]


def test_a_failed_savepoint_undoes_only_its_own_writes(new_db):
    """Ingest writes several documents per transaction, each in a savepoint: one that fails is
    undone alone, the others are committed with the transaction; a failed transaction keeps none."""
    with open_store(new_db()) as s:
        with s.transaction():
            with s.savepoint():
                s.add_document(Document(text="first", id="a"))
            with pytest.raises(RuntimeError), s.savepoint():
                s.add_document(Document(text="second", id="b"))
                raise RuntimeError("boom")
            with s.savepoint():
                s.add_document(Document(text="third", id="c"))
        assert [d["id"] for d in s.list_documents()] == ["a", "c"]
        with pytest.raises(RuntimeError), s.transaction():
            with s.savepoint():
                s.add_document(Document(text="fourth", id="d"))
            raise RuntimeError("boom")
        with s.savepoint():  # outside a transaction: one of its own
            s.add_document(Document(text="fifth", id="e"))
        assert [d["id"] for d in s.list_documents()] == ["a", "c", "e"]


def test_event_round_trip_and_filters(new_db, event_factory):
    with open_store(new_db()) as s:
        a = event_factory("e1")
        b = event_factory(
            "e2",
            doc="d2",
            kind="surrender",
            contested=True,
            defector={"name": None, "aliases": [], "role": "fighters", "actor_id": None},
            sources=[{"doc": "d2", "evidence": "Forty fighters surrendered.", "span": [0, 27]}],
            location={
                "place": None,
                "admin2": None,
                "admin1": "Borno",
                "country": "Nigeria",
                "lat": None,
                "lon": None,
                "precision": "admin1",
            },
            date={"earliest": "2021-01-01", "latest": "2021-01-31", "text": None},
            to_side={"name": "Nigerian Army", "party": "Nigerian military"},
            from_side={"name": "Boko Haram", "party": "Boko Haram"},
        )
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


@pytest.mark.parametrize(
    "bad,msg",
    [
        ({"kind": "defect"}, "kind must be one of"),
        ({"date_from": "last week"}, "date_from must be a date"),
        ({"min_confidence": 2.0}, "min_confidence"),
        ({"direction": "sideways"}, "direction must be one of"),
    ],
)
def test_bad_queries_are_refused(bad, msg):
    """From the error tree (QueryError), and still a ValueError for callers that catch that."""
    with pytest.raises(QueryError, match=msg) as raised:
        EventQuery(**bad).validate()
    assert isinstance(raised.value, SideswitchError) and isinstance(raised.value, ValueError)


def test_readonly_store(new_db):
    target = new_db()
    open_store(target).close()
    with open_store(target, readonly=True) as s:
        with pytest.raises(StoreError, match="read-only"):
            with s.transaction():
                pass


def test_missing_sqlite_file_is_an_error_when_read_only(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing.db", readonly=True)


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


def test_both_backends_implement_the_one_interface(new_db):
    with open_store(new_db()) as s:
        assert isinstance(s, Store)


def test_every_query_and_order_gives_the_same_answer(new_db, event_factory):
    """Orders with missing values (NULLs sort first ascending, last descending on both backends)."""
    evs = [
        event_factory(
            f"e{i}", doc=f"d{i}", confidence=c, date=d, people={"min": n, "max": n} if n else {"min": None, "max": None}
        )
        for i, (c, d, n) in enumerate(
            [
                (0.9, {"earliest": None, "latest": None, "text": None}, 3),
                (0.5, {"earliest": "2020-01-01", "latest": "2020-01-02", "text": None}, None),
                (None, {"earliest": "2019-01-01", "latest": "2019-01-01", "text": None}, 7),
            ]
        )
    ]
    with open_store(new_db()) as s:
        s.save_events(evs)
        got = {o: [e["id"] for e in s.query_events(EventQuery(order=o))] for o in ORDERS}
        assert got["date"] == ["e0", "e2", "e1"]
        assert got["-date"] == ["e1", "e2", "e0"]
        assert got["confidence"] == ["e2", "e1", "e0"]
        assert got["-people"] == ["e2", "e0", "e1"]
        assert [e["id"] for e in s.query_events(EventQuery(limit=2, offset=1))] == ["e2", "e1"]
        assert s.event_ids_for_document("d1") == ["e1"]


@pytest.mark.parametrize(
    "q,expected",
    [
        ("zadran", ["e1"]),
        ("ZADR", ["e1"]),
        ("gul rahman", ["e1"]),
        ("rahman gul", []),
        ("kunduz", ["e1", "e2"]),
        ("nothing here", []),
    ],
)
def test_text_search(new_db, event_factory, q, expected):
    other = event_factory(
        "e2",
        doc="d2",
        defector={"name": "Wali Sherzad", "aliases": [], "role": None, "actor_id": None},
        sources=[{"doc": "d2", "evidence": "Wali Sherzad crossed over.", "span": [0, 26]}],
    )
    with open_store(new_db()) as s:
        s.save_events([event_factory("e1"), other])
        assert [e["id"] for e in s.query_events(EventQuery(q=q))] == expected
        assert s.count_events(EventQuery(q=q)) == len(expected)


def test_documents_meta_mentions_and_actors(new_db):
    with open_store(new_db()) as s:
        s.add_document(
            Document(
                text="Nine border guards crossed over.",
                id="b",
                published="2020-02-01",
                title="Guards",
                outlet="Test Wire",
                metadata={"k": ["v"]},
            )
        )
        s.add_document(Document(text="An undated piece.", id="a"))
        assert [d["id"] for d in s.list_documents()] == ["b", "a"]  # undated last
        assert s.list_documents(q="border")[0]["chars"] == 32
        assert s.get_document("b")["metadata"] == {"k": ["v"]}
        assert [d.id for d in s.iter_documents()] == ["b", "a"]
        s.set_meta("k", "1")
        s.set_meta("k", "2")
        assert s.get_meta("k") == "2" and s.get_meta("none", "x") == "x"
        s.replace_mentions("b", [{"id": "m2", "event_id": "e"}, {"id": "m1", "event_id": None}])
        s.replace_mentions("b", [{"id": "m2", "event_id": "e"}, {"id": "m1", "event_id": "f"}])
        assert [m["id"] for m in s.get_mentions("b")] == ["m2", "m1"]
        s.save_actors([{"id": "a2", "name": "Zed"}, {"id": "a1", "name": "Abe"}])
        s.save_actors([{"id": "a2", "name": "Zed", "history": [1]}])
        assert [a["id"] for a in s.list_actors()] == ["a1", "a2"]
        assert s.get_actor("a2")["history"] == [1]
        s.save_actors([{"id": "a3", "name": "Cy"}], replace_all=True)
        assert [a["id"] for a in s.list_actors()] == ["a3"]
        with pytest.raises(NotFoundError):
            s.get_actor("a1")


def test_claims_and_sources_are_replaced_with_the_event(new_db, event_factory):
    ev = event_factory("e1", claims=[{"by": "the ministry", "stance": "denies", "doc": "d1", "quote": None}])
    with open_store(new_db()) as s:
        s.save_events([ev])
        s.save_events([ev])  # replaced, not doubled
        assert s.get_event("e1") == ev
        s.delete_events(["e1"])
        with pytest.raises(NotFoundError):
            s.get_event("e1")
        assert s.event_ids_for_document("d1") == []


def test_migrations_exist_for_both_backends():
    names = lambda d: [n for _, n, _ in migrations(d)]
    assert names("sqlite") == names("postgres") and names("sqlite")[0] == "001_initial.sql"


@pytest.mark.postgres
def test_unreachable_postgres_is_a_store_error_naming_it():
    with pytest.raises(StoreError, match=r"cannot open database 'postgresql://nobody:\*\*\*@127.0.0.1:1/x'"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")


@pytest.mark.postgres
def test_empty_postgres_database_is_not_a_store_when_read_only(pg_databases):
    with pytest.raises(StoreError, match="not a sideswitch database"):
        open_store(pg_databases.new(), readonly=True)


def test_without_psycopg_one_error_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    with pytest.raises(ConfigError) as err:
        open_store("postgresql://someone@localhost/sideswitch")
    assert str(err.value) == "PostgreSQL support is not installed. Install it with: pip install 'sideswitch[postgres]'"


def test_environment_variable_selects_the_backend(monkeypatch, tmp_path):
    monkeypatch.setenv("SIDESWITCH_DB", "postgresql://u@h/db")
    assert resolve_db(None) == "postgresql://u@h/db"
    assert resolve_db(tmp_path / "x.db") == tmp_path / "x.db"
    monkeypatch.setenv("SIDESWITCH_DB", str(tmp_path / "y.db"))
    assert resolve_db(None) == tmp_path / "y.db"


@pytest.mark.postgres
def test_a_lost_postgres_connection_is_a_store_error(pg_databases):
    import psycopg

    with open_store(pg_databases.new()) as s:
        pid = s.conn.info.backend_pid
        with psycopg.connect(pg_databases.admin, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(StoreError, match="lost the database"), s.transaction():
            s.add_document(Document(text="after the server went away", id="x"))
