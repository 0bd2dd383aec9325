"""Ingest time grows linearly with a pathological document (issue 13), checked as a CPU-time
ratio between 1x and 4x the input, never as a wall-clock limit. Quadratic extraction
(each trigger rescanning an unbounded sentence; the abbreviation check re-reading all
text since the last sentence end) gave ratios of 16 to 19 on these inputs."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from sideswitch.config import Settings
from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents
from sideswitch.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from linear_time import text_of  # noqa: E402

MAX_RATIO = 6.0  # linear: about 4; quadratic: 16


def cpu(tmp_path: Path, kind: str, chars: int) -> float:
    doc = Document(text=text_of(kind, chars), id=f"{kind}-{chars}", published="2020-01-01", lang="en")
    with open_store(tmp_path / f"{kind}-{chars}.db") as store:
        started = time.process_time()
        report = ingest_documents(store, [doc], settings=Settings(document_cpu_seconds=0))
        spent = time.process_time() - started
    assert report.ingested == 1
    return spent


@pytest.mark.parametrize("kind, base", [("sentence", 3_000), ("names", 30_000)])
def test_four_times_the_input_costs_about_four_times_the_cpu(tmp_path, kind, base):
    cpu(tmp_path, "names", 1_000)  # resources loaded before timing
    one = min(cpu(tmp_path, kind, base), cpu(tmp_path, kind, base + 1))
    four = cpu(tmp_path, kind, 4 * base)
    assert four / one < MAX_RATIO, f"{kind}: {one:.2f} CPU-s at 1x, {four:.2f} at 4x"
