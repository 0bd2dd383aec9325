"""Documents without mentions are written together (``pipeline._Quiet``): the store, the report and
the order of rows are those of writing each alone (``gate=False``)."""

from __future__ import annotations

from sideswitch.errors import DocumentError
from sideswitch.exports import jsonl_lines
from sideswitch.models import Document
from sideswitch.pipeline import _Quiet, ingest_documents
from sideswitch.store import open_store

ACT = "Captain Arvo Lindqvist defected to the Varnholt rebels with {n} of his men in Oskeby on Sunday, officials said."
QUIET = "The ferry between Oskeby and the coast resumed on {day} after storms, the harbour office said."


def stream() -> list[Document]:
    docs = []
    for i in range(2 * _Quiet.LIMIT + 30):
        text = ACT.format(n=3 + i) if i % 23 == 5 else QUIET.format(day=f"day {i}")
        docs.append(Document(id=f"d{i}", text=text, published=f"20{10 + i % 9}-03-0{1 + i % 8}", lang="en"))
    docs.append(Document(id="again", text=QUIET.format(day="day 7"), lang="en"))  # the text of d7: known
    docs.append(Document(id="d3", text="Another text under a known id.", lang="en"))
    return docs


def dump(store) -> tuple:
    docs = [(d["id"], d["published"]) for d in store.list_documents(limit=None)]
    return docs, list(jsonl_lines(store.query_events())), store.get_mentions()


def test_written_together_as_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(_Quiet, "LIMIT", 16)  # several full groups in a short stream
    out = {}
    for gate in (True, False):
        with open_store(tmp_path / f"{gate}.db") as store:
            report = ingest_documents(store, stream(), gate=gate)
            out[gate] = (report.ingested, report.known, report.mentions, dump(store))
    assert out[True] == out[False]
    assert out[True][0] == 2 * _Quiet.LIMIT + 30 and out[True][1] == 2
    assert out[True][3][1]  # events were found among the quiet documents


def test_a_quiet_document_that_cannot_be_written_is_reported_alone(tmp_path):
    docs = [Document(id=f"q{i}", text=QUIET.format(day=i), lang="en") for i in range(5)]
    docs[2].metadata = {"bad": object()}  # cannot be stored as JSON
    skipped = []
    with open_store(tmp_path / "s.db") as store:
        report = ingest_documents(store, docs, on_skip=skipped.append)
        stored = [d["id"] for d in store.list_documents(limit=None)]
    assert report.ingested == 4 and sorted(stored) == ["q0", "q1", "q3", "q4"]
    assert len(skipped) == 1 and isinstance(skipped[0], DocumentError) and "q2" in str(skipped[0])


def test_quiet_documents_are_never_hashed_for_near_duplicates(tmp_path):
    """Not in one run, nor over two: only documents with mentions get a signature in the store."""
    docs = stream()[:60]
    ids = [str(d.id) for d in docs]
    with open_store(tmp_path / "one.db") as store:
        ingest_documents(store, docs)
        one = (dump(store), sorted(store.minhash_info(ids)))
    with open_store(tmp_path / "two.db") as store:
        ingest_documents(store, docs[:30])
        ingest_documents(store, docs[30:])
        two = (dump(store), sorted(store.minhash_info(ids)))
    assert one == two
    hashed = set(one[1])
    assert "d5" in hashed and "d0" not in hashed  # d5 reports an act, d0 is quiet
