"""``ingest --workers N`` without a scheduler: local worker processes, the same store as a serial run."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from sideswitch.batch.local import ingest_local
from sideswitch.cli import main
from sideswitch.pipeline import ingest_paths
from sideswitch.store import open_store

from .test_dask import corpus, dump

ROOT = Path(__file__).resolve().parents[2]


def test_two_local_workers_give_the_serial_store(tmp_path):
    paths = corpus(tmp_path) + [str(ROOT / "tests" / "data" / "mergeheld" / "docs.jsonl")]
    with open_store(tmp_path / "serial.db") as s:
        serial_skipped = [str(e) for e in ingest_paths(s, paths).skipped]
    seen: list[int] = []
    with open_store(tmp_path / "local.db") as s:
        report = ingest_local(s, paths, workers=2, partition_size=4, on_partition=lambda p, r: seen.append(r.pid))
    serial, local = dump(tmp_path / "serial.db"), dump(tmp_path / "local.db")
    assert serial["events"] and serial == local
    assert [str(e) for e in report.skipped] == serial_skipped  # the broken line, named alike
    assert len(set(seen)) == 2  # both workers extracted


def test_cli_workers_runs_locally(tmp_path):
    paths = corpus(tmp_path)
    runner = CliRunner()
    serial = runner.invoke(main, ["ingest", *paths, "--db", str(tmp_path / "a.db"), "-q"])
    local = runner.invoke(main, ["ingest", *paths, "--db", str(tmp_path / "b.db"), "-q", "--workers", "2"])
    assert serial.exit_code == local.exit_code == 0, local.output
    assert serial.output == local.output
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_local_workers_extract_with_the_callers_lexicon(tmp_path):
    """A lexicon with an invented group's party file: the workers use it, not the shipped one."""
    from tests.extract.test_lexicon_state import acts_file, lantern_lexicon

    src = acts_file(tmp_path)
    pids: list[int] = []
    with open_store(tmp_path / "s.db") as s:
        ingest_local(
            s,
            [str(src)],
            workers=2,
            partition_size=1,
            lexicon=lantern_lexicon(tmp_path),
            on_partition=lambda p, r: pids.append(r.pid),
        )
        joined = {e["to_side"]["party"] for e in s.query_events()}
    assert joined == {"Crimson Lantern Brigade"}
    assert len(pids) == 4 and os.getpid() not in pids
