"""Comments and docstrings use invented examples: none repeats 6 words of an evaluation article."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPORA = sorted((ROOT.parent / "shared" / "eval").glob("*/docs.jsonl"))


def _script():
    spec = importlib.util.spec_from_file_location("corpus_overlap", ROOT / "scripts" / "corpus_overlap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_overlap_finder_finds_a_copied_sentence(tmp_path):
    script = _script()
    grams = script.corpus_ngrams([_corpus(tmp_path, "The three guards of the eastern gate left before dawn.")])
    src = tmp_path / "src"
    src.mkdir()
    (src / "m.py").write_text('"""Invented: a clerk resigned."""\n# the three guards of the eastern gate left\n')
    assert [(line, shared) for _, line, shared in script.overlaps(src, grams)] == [
        (2, "the three guards of the eastern gate left")
    ]


def _corpus(tmp_path, text):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    return path


@pytest.mark.eval
@pytest.mark.skipif(not CORPORA, reason="no ../shared/eval corpora")
def test_no_comment_or_docstring_is_copied_from_a_corpus():
    script = _script()
    found = script.overlaps(ROOT / "src", script.corpus_ngrams(CORPORA))
    assert found == [], "\n".join(f"{p}:{line}: {words}" for p, line, words in found)
