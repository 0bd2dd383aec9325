"""Extraction on a real Dask LocalCluster (2 worker processes) ends in the store a serial run gives."""

from __future__ import annotations

import json
import os
import sys

import pytest

from sideswitch.batch.partitions import plan_partitions
from sideswitch.config import Settings
from sideswitch.errors import ConfigError
from sideswitch.extract import default_lexicon
from sideswitch.pipeline import ingest_documents, ingest_paths
from sideswitch.store import open_store

from .test_partitions import make_warc

pytestmark = pytest.mark.dask

ACTS = [
    (
        "Commander Ilyas Borran defected to the government with {n} of his fighters in Tarn district on Sunday, "
        "a spokesman said."
    ),
    "{n} soldiers of the army surrendered to the rebels near the town of Vessa on Monday, officials said.",
    "A police officer and {n} guards deserted their post in Korvel last week, a local elder said.",
]
FILLER = "The market in Olden was busy on Tuesday and the ferry kept to its timetable. "


def corpus(tmp_path):
    """A JSONL stream (acts told by several outlets, fillers, a broken line), a folder of notes, a WARC."""
    lines = []
    for i in range(24):
        act = ACTS[i % 3].format(n=4 + (i % 3)) if i % 2 == 0 else ""
        lines.append(
            json.dumps(
                {
                    "id": f"w{i}",
                    "outlet": f"Outlet {i % 4}",
                    "published": f"2021-03-{10 + i % 5:02d}",
                    "title": f"Item {i}",
                    "text": FILLER * (1 + i % 3) + act + f" Notice {i} ends here.",
                }
            )
        )
    lines[9] = '{"id": "broken"'
    src = tmp_path / "stream.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text(FILLER + ACTS[0].format(n=4), encoding="utf-8")
    (notes / "b.md").write_text(
        "---\ntitle: Note\npublished: 2021-03-12\n---\n" + ACTS[2].format(n=5), encoding="utf-8"
    )
    return [str(src), str(notes), str(make_warc(tmp_path / "crawl.warc.gz", 5))]


def dump(target) -> dict:
    with open_store(target, readonly=True) as s:
        docs = s.list_documents(limit=None, with_text=True)
        for d in docs:
            d.pop("ingested_at")
        return {
            "events": s.query_events(),
            "documents": docs,
            "mentions": s.get_mentions(),
            "actors": s.list_actors(),
            "near_duplicates": s.get_meta("near_duplicates"),
        }


def test_serial_two_workers_and_four_partitions_give_the_same_store(tmp_path, dask_client):
    paths = corpus(tmp_path)
    runs, skipped = {}, {}
    with open_store(tmp_path / "serial.db") as s:
        skipped["serial"] = [str(e) for e in ingest_paths(s, paths).skipped]
    runs["serial"] = dump(tmp_path / "serial.db")
    from sideswitch.batch.dask import ingest_distributed

    for name, size in (("workers", 200), ("partitions", 7)):
        seen = []
        with open_store(tmp_path / f"{name}.db") as s:
            report = ingest_distributed(
                s,
                paths,
                client=dask_client,
                partition_size=size,
                on_partition=lambda part, res, seen=seen: seen.append((part.kind, res.pid)),
            )
            skipped[name] = [str(e) for e in report.skipped]
        runs[name] = dump(tmp_path / f"{name}.db")
        if name == "partitions":  # the stream alone is cut in 4
            assert [k for k, _ in seen].count("lines") == 4
    assert runs["serial"]["events"] and len(runs["serial"]["documents"]) == 23 + 2 + 5
    assert runs["workers"] == runs["serial"]
    assert runs["partitions"] == runs["serial"]
    assert skipped["workers"] == skipped["partitions"] == skipped["serial"]
    assert any("line 10: not valid JSON" in e for e in skipped["serial"])


def test_workers_receive_the_lexicon_once_per_process(tmp_path, dask_client):
    from sideswitch.batch.dask import ingest_distributed
    from sideswitch.extract import Lexicon

    seen: list[tuple[int, int]] = []

    def held(dask_worker):  # the lexicons a worker holds while the batch runs
        return sum(isinstance(getattr(p, "lexicon", None), Lexicon) for p in dask_worker.plugins.values())

    with open_store(tmp_path / "s.db") as s:
        report = ingest_distributed(
            s,
            corpus(tmp_path),
            client=dask_client,
            partition_size=3,
            on_partition=lambda p, r: seen.append(tuple(dask_client.run(held).values())),
        )
    assert report.ingested and len(seen) > 4, seen
    assert set(seen) == {(1, 1)}, seen  # sent once to each of the two workers, not once per partition
    assert set(dask_client.run(held).values()) == {0}  # and let go after the batch


def test_a_failing_partition_is_retried_then_reported_by_file_and_line(tmp_path, dask_client):
    """The archive is rewritten after planning: the second partition starts mid-record and cannot be read."""
    from sideswitch.batch.dask import RETRIES, _results

    path = make_warc(tmp_path / "crawl.warc", 6)
    plan = list(plan_partitions([str(path)], size=3))
    data = path.read_bytes()
    path.write_bytes(data[: plan[1].start] + b"garbage that is no WARC header\r\n" * 3 + data[plan[1].start :])
    with open_store(tmp_path / "s.db") as s:
        report = ingest_documents(s, _results(dask_client, plan, Settings(), None, default_lexicon()))
        assert s.count_documents() == 2  # the first partition's pages are stored
    (err,) = report.skipped
    assert (err.path, err.line) == (str(path), 4)
    assert str(err).startswith(f"cannot read '{path}' line 4: records 4-6 failed after {RETRIES + 1} attempts")


def test_without_dask_one_error_names_the_install_command(tmp_path, monkeypatch):
    from sideswitch.batch.dask import ingest_distributed

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    with open_store(tmp_path / "s.db") as s, pytest.raises(ConfigError) as err:
        ingest_distributed(s, corpus(tmp_path), workers=2)
    assert str(err.value) == "Dask support is not installed. Install it with: pip install 'sideswitch[dask]'"


def test_dask_workers_extract_with_the_callers_lexicon(tmp_path, dask_client):
    """The workers are other processes started apart (not forked): the lexicon reaches them
    pickled, with its invented party, and they extract with it."""
    from tests.extract.test_lexicon_state import acts_file, lantern_lexicon

    from sideswitch.batch.dask import ingest_distributed

    src = acts_file(tmp_path)
    hosts: list[int] = []
    with open_store(tmp_path / "s.db") as s:
        ingest_distributed(
            s,
            [str(src)],
            client=dask_client,
            partition_size=1,
            lexicon=lantern_lexicon(tmp_path),
            on_partition=lambda p, r: hosts.append(r.pid),
        )
        joined = {e["to_side"]["party"] for e in s.query_events()}
    assert joined == {"Crimson Lantern Brigade"}
    assert len(hosts) == 4 and os.getpid() not in hosts
