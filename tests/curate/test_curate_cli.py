"""`sideswitch correct` and `sideswitch corrections` as a user runs them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.pipeline import ingest_documents
from sideswitch.store import open_store

from .docs import documents


def run(*args, db):
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def test_correct_reprocess_and_move_the_log(tmp_path):
    db, other = tmp_path / "a.db", tmp_path / "b.db"
    for path in (db, other):
        with open_store(path) as s:
            ingest_documents(s, documents())
    with open_store(db) as s:
        ev = next(e for e in s.query_events() if e["defector"]["name"] == "Rahim Dostan")
    r = run("correct", ev["id"], "--set", "people.best=24", "--why", "ministry figure", "--by", "ana", db=db)
    assert r.exit_code == 0, r.output
    assert f"people.best: {ev['people']['best']} -> 24  [applied]" in r.output
    assert run("reprocess", db=db).exit_code == 0
    shown = json.loads(run("show", ev["id"], "--json", db=db).output)
    assert shown["people"]["best"] == 24 and shown["curated"] == {"people.best": [1]}
    exported = run("export", db=db).output
    assert '"curated": {"people.best": [1]}' in exported
    r = run("correct", ev["id"], "--set", "people.min=many", "--why", "x", db=db)
    assert r.exit_code == 1 and "Error: people.min must be a whole number, not 'many'" in r.output
    assert run("correct", "merge", ev["id"], "--why", "x", db=db).exit_code == 2
    assert run("correct", ev["id"], "--why", "x", db=db).exit_code == 2
    log = tmp_path / "log.jsonl"
    assert run("corrections", "export", "-o", str(log), db=db).exit_code == 0
    r = run("corrections", "import", str(log), db=other)
    assert r.exit_code == 0 and r.output.startswith("Imported 1 correction (0 already known). Replayed 1")
    assert "[applied]" in run("corrections", "list", db=other).output
    assert run("corrections", "list", "--orphaned", db=other).output == ""


def test_reprocess_warns_about_orphaned_corrections(tmp_path):
    db = tmp_path / "o.db"
    with open_store(db) as s:
        ingest_documents(s, documents())
        ev = next(e for e in s.query_events() if e["defector"]["name"] == "Wali Nazeri")
    assert run("correct", ev["id"], "--reject", "--why", "rumour", db=db).exit_code == 0
    with open_store(db) as s, s.transaction() as c:  # its only report leaves the store
        c.execute("DELETE FROM documents WHERE id = 'wire-2'")
    r = run("reprocess", db=db)
    assert r.exit_code == 0
    assert "Warning: 1 correction orphaned (the event corrected is no longer in the record)" in r.output
    assert "[orphaned]" in run("corrections", "list", "--orphaned", db=db).output
