"""10,000 seeded hostile files (``tests/hostile.py``), ingested in-process: no exception
escapes, no document hits the CPU budget, no bug is caught at the document boundary,
every problem is a one-line InputError, and every valid record among them is stored.
``benchmarks/fuzz_ingest.py`` runs 100,000 and prints the slowest input."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile import hostile_cases, run_cases  # noqa: E402


def _check(result) -> None:
    assert result.crashes == [], result.crashes[:3]
    assert result.unexpected == [], result.unexpected[:3]
    assert result.over_budget == [], result.over_budget[:3]
    assert result.untyped == [], result.untyped[:3]
    assert result.missing == [], result.missing[:3]


def test_300_hostile_files():
    _check(run_cases(hostile_cases(seed=13, n=300)))


@pytest.mark.slow
def test_10000_hostile_files():
    result = run_cases(hostile_cases(seed=2026, n=10_000))
    assert result.cases == 10_000
    _check(result)
