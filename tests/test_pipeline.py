"""The whole job through ``pipeline.ingest_paths``: counts of what was stored, known and skipped.

Every text here was written for these tests (invented units and places).
"""

from __future__ import annotations

import json

import pytest

from sideswitch.errors import InputError, UnknownFormatError
from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents, ingest_paths
from sideswitch.store import open_store

RECORDS = [
    {"id": "p1", "text": "Seven border guards crossed over to the rebels on Monday, an officer said."},
    {"id": "p2", "text": "A captain fled abroad with his family last week."},
]


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, list):
        content = "".join(json.dumps(r) + "\n" for r in content)
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "p.db") as s:
        yield s


def test_reingest_counts_documents_as_already_known(tmp_path, store):
    folder = tmp_path / "in"
    write(folder / "wire.jsonl", RECORDS)
    write(folder / "notes" / "memo.txt", "Three pilots flew their aircraft south and did not return.")
    first = ingest_paths(store, [folder])
    assert (first.ingested, first.known, first.skipped) == (3, 0, [])
    assert first.summary().startswith("Ingested 3 documents (0 skipped, 0 already known)")
    second = ingest_paths(store, [folder])
    assert (second.ingested, second.known, second.skipped, second.mentions) == (0, 3, [], 0)
    assert second.summary().startswith("Ingested 0 documents (0 skipped, 3 already known)")
    assert store.count_documents() == 3


def test_same_text_under_two_ids_is_stored_once(tmp_path, store):
    path = write(tmp_path / "dup.jsonl", [RECORDS[0], {**RECORDS[0], "id": "p1-copy"}])
    report = ingest_paths(store, [path])
    assert (report.ingested, report.known) == (1, 1)
    assert [d["id"] for d in store.list_documents()] == ["p1"]


def test_bad_records_and_unknown_files_are_counted_as_skipped(tmp_path, store):
    folder = tmp_path / "in"
    bad = write(folder / "half.jsonl", json.dumps(RECORDS[1]) + "\n{broken\n")
    write(folder / "image.png", "not a picture")
    seen = []
    report = ingest_paths(store, [folder], on_skip=seen.append)
    assert (report.ingested, len(report.skipped)) == (1, 2)
    assert seen == report.skipped
    assert [type(e) for e in report.skipped] == [InputError, UnknownFormatError]
    assert str(report.skipped[0]) == (
        f"cannot read '{bad}' line 2: not valid JSON (Expecting property name enclosed in double quotes at col 2)"
    )
    assert report.summary().startswith("Ingested 1 document (2 skipped, 0 already known)")
    assert store.count_documents() == 1


def test_missing_path_raises(tmp_path, store):
    with pytest.raises(InputError, match="no such file or folder"):
        ingest_paths(store, [tmp_path / "nope.jsonl"])


def test_a_language_tag_that_is_not_a_tag_is_replaced_by_the_detected_language(store):
    """A language tag that is not a string no longer breaks extraction (the guard settles the
    language first): both documents are stored and extracted. (An unexpected failure inside one
    document is tested in tests/ingest/test_hostile.py: an ExtractionError naming it.)"""
    from sideswitch.models import Document
    from sideswitch.pipeline import ingest_documents

    seen: list = []
    report = ingest_documents(
        store,
        [
            Document(id="broken", text=RECORDS[0]["text"], lang=5),
            Document(id="fine", text=RECORDS[0]["text"] + " Two more followed."),
        ],
        on_skip=seen.append,
    )
    assert seen == [] and report.ingested == 2
    assert {d["id"]: d["lang"] for d in store.list_documents()} == {"broken": "en", "fine": "en"}
    assert report.mentions >= 2


def test_reprocess_keeps_imported_events_and_rebuilds_the_rest(tmp_path, store):
    from sideswitch.pipeline import reprocess

    write(tmp_path / "wire.jsonl", RECORDS)
    first = ingest_paths(store, [tmp_path / "wire.jsonl"])
    again = reprocess(store)
    assert (again.ingested, again.mentions) == (first.ingested, first.mentions)
    assert sorted(e["id"] for e in store.query_events()) == sorted(first.events)


def test_batch_collector_paces_the_collector_and_restores_it(tmp_path):
    """The cyclic collector runs with BATCH_GC_THRESHOLDS while a batch runs (nested or in
    threads alike) and with the process's own thresholds again once the last batch ends, also
    after a failure."""
    import gc
    import threading

    from sideswitch.pipeline import BATCH_GC_THRESHOLDS, batch_collector

    before = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        seen = []
        inside, release = threading.Event(), threading.Event()

        def other_batch():
            with batch_collector():
                inside.set()
                release.wait(5)

        t = threading.Thread(target=other_batch)
        with batch_collector():
            t.start()
            inside.wait(5)
            seen.append(gc.get_threshold())
        seen.append(gc.get_threshold())  # the thread's batch still runs
        release.set()
        t.join(5)
        seen.append(gc.get_threshold())
        with pytest.raises(RuntimeError), batch_collector():
            raise RuntimeError("a failed batch")
        seen.append(gc.get_threshold())
        assert seen == [BATCH_GC_THRESHOLDS, BATCH_GC_THRESHOLDS, (900, 11, 12), (900, 11, 12)]
        with open_store(tmp_path / "s.db") as store:  # ingest_documents runs inside it
            ingest_documents(
                store,
                [Document(text="Market prices rose.", id="d1")],
                on_document=lambda *a: seen.append(gc.get_threshold()),
            )
        assert seen[-1] == BATCH_GC_THRESHOLDS and gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)
