"""Fixtures for the ingest tests: hand-written sample inputs (invented places and groups)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def write(tmp_path):
    """``write(name, content)``: create a file under tmp_path (str, bytes, or records for .jsonl)."""

    def _write(name: str, content, *, gz: bool = False) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, list):
            content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in content)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(gzip.compress(data) if gz else data)
        return path

    return _write


@pytest.fixture
def problems():
    """A list that collects reported problems (pass ``problems.append`` as on_problem)."""
    return []
