"""Near-duplicate documents: copies match, different articles about one event do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sideswitch.errors import StoreError
from sideswitch.resolve.dedup import NearDuplicateIndex, independent_sources

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def texts():
    return {p.stem: p.read_text(encoding="utf-8") for p in DATA.glob("*.txt")}


@pytest.fixture
def index(texts):
    idx = NearDuplicateIndex()
    for doc_id in ("wire_original", "other_same_event", "unrelated"):
        idx.add(doc_id, texts[doc_id])
    return idx


def test_syndicated_copy_matches_its_original(index, texts):
    # own header, byline, footer and two reworded sentences
    assert index.add("wire_syndicated", texts["wire_syndicated"]) == "wire_original"
    assert index.group_of("wire_syndicated") == "wire_original"


def test_other_article_about_the_same_event_does_not_match(index):
    assert index.group_of("other_same_event") == "other_same_event"
    assert index.group_of("unrelated") == "unrelated"


def test_copy_of_a_copy_joins_the_first_group(index, texts):
    index.add("wire_syndicated", texts["wire_syndicated"])
    lightly_edited = texts["wire_syndicated"].replace("Northern Wire", "Valley Times")
    assert index.add("valley_times", lightly_edited) == "wire_original"
    assert index.groups() == {
        "wire_original": ["wire_original", "wire_syndicated", "valley_times"],
        "other_same_event": ["other_same_event"],
        "unrelated": ["unrelated"],
    }


def test_adding_a_known_id_again_changes_nothing(index, texts):
    assert index.add("wire_syndicated", texts["wire_syndicated"]) == "wire_original"
    assert index.add("wire_syndicated", "something else entirely") == "wire_original"
    assert index.add("unrelated", texts["wire_original"]) is None
    assert len(index) == 4


def test_empty_and_unknown_documents_stand_alone():
    idx = NearDuplicateIndex()
    assert idx.add("a", "") is None and idx.add("b", "  ") is None
    assert idx.group_of("b") == "b" and idx.group_of("never-added") == "never-added"


def test_state_round_trips_through_json(index, texts):
    index.add("empty", "")
    state = json.loads(json.dumps(index.to_state()))
    assert all(len(values) == 128 for _, _, values in state["docs"] if values)
    again = NearDuplicateIndex.from_state(state)
    assert again.groups() == index.groups()
    assert again.add("wire_syndicated", texts["wire_syndicated"]) == "wire_original"


def test_bad_state_is_a_store_error():
    with pytest.raises(StoreError, match="saved near-duplicate index is not valid"):
        NearDuplicateIndex.from_state({"version": 1, "docs": []})


def test_independent_sources_counts_groups(index, texts):
    index.add("wire_syndicated", texts["wire_syndicated"])
    docs = ["wire_original", "wire_syndicated", "other_same_event"]
    assert independent_sources(docs, index.group_of) == 2
    assert independent_sources(docs, lambda d: d) == 3


@pytest.mark.parametrize("num_perm", [32, 128, 256])
def test_lsh_bands_and_rows_are_datasketchs(num_perm):
    from datasketch.lsh import _optimal_param

    from sideswitch.resolve.dedup import _lsh_params

    for threshold in [i / 20 for i in range(1, 20)]:
        assert _lsh_params(threshold, num_perm) == tuple(int(v) for v in _optimal_param(threshold, num_perm, 0.5, 0.5))


def test_stored_signatures_are_datasketchs_minhash(texts):
    from sideswitch.resolve.dedup import _minhash, _minhash_values

    words = "the commander and forty men of Zarvelo crossed Östmark river on sunday".split()
    samples = [*texts.values(), "", "one", " ".join(words), " ".join(words * 3)]
    for text in samples:
        ours, theirs = _minhash_values(text, 128, 4), _minhash(text, 128, 4)
        assert (ours is None) == (theirs is None)
        if theirs is not None:
            assert ours.dtype == theirs.hashvalues.dtype
            assert ours.tobytes() == theirs.hashvalues.tobytes()


def test_a_document_without_a_trigger_imports_no_heavy_module(tmp_path):
    """A new `sideswitch ingest` of a document the gate refuses, with a warm lexicon cache: no
    spaCy, no scipy, not even numpy (the near-duplicate index needs it only for a text it hashes)
    or jsonschema (the lexicon's validation is cached)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, SIDESWITCH_CACHE_DIR=str(tmp_path / "cache"))
    heavy = ("scipy", "spacy", "numpy", "datasketch", "jsonschema")
    loaded = []
    for n in (1, 2):
        doc = tmp_path / f"quiet{n}.jsonl"
        doc.write_text(json.dumps({"id": f"q{n}", "text": "The council of Varnelo met on Monday about flour."}))
        code = (
            "import sys; from sideswitch.cli import main\n"
            f"try: main(['ingest', '--db', {str(tmp_path / 'q.db')!r}, '-q', {str(doc)!r}])\n"
            "except SystemExit: pass\n"
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        loaded.append(run.stdout.strip().splitlines()[-1])
    assert loaded[1] == "[]"
