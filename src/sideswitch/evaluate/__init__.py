"""Scoring sideswitch against a gold corpus with the shared scorer.

A corpus is a folder with ``docs.jsonl`` and ``gold.jsonl`` (the format of
``shared/eval``); the scorer is ``score.py`` from the same shared folder (it
is not shipped with sideswitch: pass its path, or let it be found next to the
corpus). Ingest and export go through the same functions as the CLI.

    metrics = evaluate_corpus("../shared/eval/dev")
    metrics["f1"], metrics["mean_slot_accuracy"], metrics["merge_precision"]
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

from ..errors import ConfigError

__all__ = ["find_scorer", "evaluate_corpus", "load_scorer"]


def find_scorer(corpus: str | Path) -> Path:
    """``score.py`` in the corpus folder or one of its parents."""
    corpus = Path(corpus).resolve()
    for folder in (corpus, *corpus.parents[:3]):
        if (folder / "score.py").is_file():
            return folder / "score.py"
    raise ConfigError(f"no score.py found next to corpus '{corpus}' (pass --scorer PATH)")


def load_scorer(path: str | Path):
    spec = importlib.util.spec_from_file_location("sideswitch_external_score", str(path))
    if spec is None or spec.loader is None:
        raise ConfigError(f"cannot load scorer '{path}'")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate_corpus(
    corpus: str | Path,
    *,
    scorer: str | Path | None = None,
    db: str | Path | None = None,
    one_at_a_time: bool = False,
    min_confidence: float | None = None,
    merged: bool = True,
) -> dict:
    """Ingest the corpus into a fresh store, export, and score. ``one_at_a_time`` ingests
    each document in its own call (the incremental path); ``merged=False`` scores the
    per-document extractions before cross-document merging (extraction quality alone)."""
    from ..exports import jsonl_lines
    from ..pipeline import ingest_paths
    from ..store import EventQuery, open_store

    corpus = Path(corpus)
    docs_path, gold_path = corpus / "docs.jsonl", corpus / "gold.jsonl"
    for p in (docs_path, gold_path):
        if not p.is_file():
            raise ConfigError(f"corpus '{corpus}' has no {p.name}")
    score = load_scorer(scorer or find_scorer(corpus))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(db) if db else Path(tmp) / "eval.db"
        with open_store(db_path) as store:
            if one_at_a_time:
                for line in docs_path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        one = Path(tmp) / "one.jsonl"
                        one.write_text(line + "\n", encoding="utf-8")
                        ingest_paths(store, [str(one)])
            else:
                ingest_paths(store, [str(docs_path)])
            events = (
                store.query_events(EventQuery(min_confidence=min_confidence))
                if merged
                else [m for m in store.get_mentions() if min_confidence is None or m["confidence"] >= min_confidence]
            )
        preds = [json.loads(line) for line in jsonl_lines(events)]
    return score.score(_jsonl(docs_path), _jsonl(gold_path), preds)
