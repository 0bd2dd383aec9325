"""The same input gives the same store on SQLite and PostgreSQL; concurrent writers take turns."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from sideswitch.exports import jsonl_lines
from sideswitch.pipeline import ingest_paths
from sideswitch.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def snapshot(target) -> dict:
    with open_store(target, readonly=True) as s:
        docs = s.list_documents(limit=None, with_text=True)
        for d in docs:
            d.pop("ingested_at")
        return {
            "export": "".join(jsonl_lines(s.query_events())),
            "documents": docs,
            "mentions": s.get_mentions(),
            "actors": s.list_actors(),
        }


@pytest.mark.postgres
def test_examples_give_the_same_store_on_both_backends(tmp_path, pg_databases):
    url = pg_databases.new()
    for target in (tmp_path / "s.db", url):
        with open_store(target) as s:
            ingest_paths(s, [str(EXAMPLES)])
    sqlite, postgres = snapshot(tmp_path / "s.db"), snapshot(url)
    assert sqlite["export"] and postgres == sqlite


def _ingest(target, path) -> None:
    with open_store(target) as s:
        ingest_paths(s, [path])


def test_concurrent_writers_end_as_one_serial_run(new_db, tmp_path):
    """Two processes ingest halves of one stream at once; the store equals a serial run of both halves."""
    lines = []
    for i in range(12):
        act = (
            f"Commander Ilyas Borran defected to the rebels with {3 + i % 2} fighters in Tarn on Sunday, "
            f"outlet {i} reported."
            if i % 3 == 0
            else ""
        )
        lines.append(
            json.dumps(
                {
                    "id": f"c{i}",
                    "published": f"2022-06-0{1 + i % 5}",
                    "text": f"Market day number {i} in Olden passed quietly. {act}",
                }
            )
        )
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("\n".join(lines[0::2]) + "\n", encoding="utf-8")
    halves[1].write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    together = new_db()
    open_store(together).close()  # migrated once, before the writers race
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_ingest, args=(together, str(h))) for h in halves]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    serial = []
    for order in (halves, halves[::-1]):
        target = new_db()
        for h in order:
            _ingest(target, str(h))
        serial.append(snapshot(target))
    got = snapshot(together)
    assert len(got["documents"]) == 12 and got["export"]
    assert got in serial


def test_a_text_is_known_by_its_whole_hash_found_through_its_prefix(new_db):
    """Migration 008 indexes the first ``HASH_PREFIX`` digits of a text's hash: a stored text
    whose hash only shares those digits is another text; the same text under another id is known."""
    from sideswitch.models import Document
    from sideswitch.store.sql import HASH_PREFIX

    text = "Forty fighters crossed the river at dawn and gave up their rifles."
    probe = Document(text=text, id="new-id")
    with open_store(new_db()) as s:
        assert s.add_document(Document(text="Another report altogether.", id="other"))
        with s.transaction():  # a hash sharing the prefix, not the rest
            s._execute("UPDATE documents SET hash = ? WHERE id = 'other'", (probe.hash[:HASH_PREFIX] + "0" * 48,))
        assert s.known_document(probe) is None
        assert s.add_document(Document(text=text, id="first"))
        assert s.known_document(probe) == "first"
        assert not s.add_document(probe)
