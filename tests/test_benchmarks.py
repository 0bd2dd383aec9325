"""The growth benchmark runs end to end on a small store, prints what the README quotes, and leaves
nothing behind. Its figures are not asserted (CPU time is measured by the script, never by a test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.slow
def test_growth_runs_on_the_issue_stream_and_removes_its_store(tmp_path):
    env = dict(os.environ, TMPDIR=str(tmp_path))
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "growth.py"), "--max", "1000", "--batch", "500"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert "stream: 21 of every 500 documents report a defection (--fillers 0.98), --calendar archive" in out
    rows = [line.split() for line in out.splitlines() if line.strip().endswith(tuple("0123456789")) and "ms" in line]
    assert [r[0] for r in rows if r[1] == "500"] == ["500", "1,000"]  # one row per batch
    assert "one document into the grown store (1,000 documents):" in out
    assert "growth: the last batch" in out
    line = next(x for x in out.splitlines() if x.startswith("the same batch (step.py)"))
    assert "empty store:" in line and "grown store:" in line
    assert not list(tmp_path.glob("sideswitch-growth-*")) and not list(tmp_path.glob("sideswitch-step-*"))
