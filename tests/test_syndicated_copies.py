"""Syndicated copies (issue 14): N copies of a corpus, each with new ids and its own closing line,
give the events of one copy, each event's reports N times over and its independent sources
those of one copy. ``benchmarks/syndicated_copies.py`` runs the same check on 50 copies of the
shared dev corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from sideswitch.pipeline import ingest_paths
from sideswitch.store import open_store

CORPUS = Path(__file__).resolve().parent / "data" / "mergetrap" / "docs.jsonl"


# Undated, unnamed, unplaced: two reports of this act share too little to link on what they say
# (sides, a count of two, the kind), so only its being a copy can put its copies together.
VAGUE = {
    "id": "vague",
    "url": None,
    "outlet": "Test Wire",
    "title": None,
    "published": None,
    "text": "Two Syrian army officers defected to the opposition, a monitoring group said. "
    "The group did not say where the officers had served or when they left.",
}


def _copies(n: int) -> list[dict]:
    docs = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()] + [VAGUE]
    return [
        {**d, "id": f"{d['id']}~c{i}", "text": d["text"] + f"\n\nReprinted by Partner Outlet {i} under licence."}
        for i in range(n)
        for d in docs
    ]


def _events(tmp_path: Path, n: int) -> dict[frozenset, tuple[Counter, int]]:
    """Per event: the reports it holds (original document, mention) with their counts, and its independent sources."""
    src = tmp_path / f"copies{n}.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in _copies(n)), encoding="utf-8")
    with open_store(tmp_path / f"copies{n}.db") as store:
        ingest_paths(store, [str(src)])
        mentions, events = store.get_mentions(), {e["id"]: e for e in store.query_events()}
    reports: dict[str, Counter] = {eid: Counter() for eid in events}
    for m in mentions:
        doc, _, seq = m["id"].rpartition("#")
        reports[m["event_id"]][(doc.split("~c")[0], seq)] += 1
    return {frozenset(r): (r, events[eid]["independent_sources"]) for eid, r in reports.items()}


@pytest.mark.slow
def test_copies_of_a_corpus_give_the_events_of_one_copy(tmp_path):
    one, many = _events(tmp_path, 1), _events(tmp_path, 4)
    assert many.keys() == one.keys()  # the same events, holding the same reports
    for key, (reports, independent) in many.items():
        assert set(reports.values()) == {4}, key
        assert independent == one[key][1], key  # four copies of a document count once
