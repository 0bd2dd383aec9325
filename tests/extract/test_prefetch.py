"""Parsing ahead (``begin_document`` and ``prefetch_parses``, the batch ingest's read-ahead)
changes no result: each document extracted from the state begun ahead, with its sentences parsed
in one batch with the others', gives the same mentions as the document extracted alone with a
parser of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from sideswitch.extract.extractor import Lexicon, begin_document, extract_document, prefetch_parses
from sideswitch.extract.syntax import SyntaxModels
from sideswitch.guard import settle_language
from sideswitch.ingest import read_path
from sideswitch.models import Document

DATA = Path(__file__).resolve().parents[1] / "data"


def _docs(name: str) -> list[Document]:
    docs = [d for d in read_path(DATA / name / "docs.jsonl") if isinstance(d, Document)]
    for d in docs:
        settle_language(d)
    return docs


@pytest.mark.parametrize("name", ["challenge", "french"])
def test_prepared_states_give_the_same_mentions(name):
    docs = _docs(name)
    alone = Lexicon.load(syntax=SyntaxModels())
    expected = [extract_document(d, alone) for d in docs]
    ahead = Lexicon.load(syntax=SyntaxModels())
    states = {id(d): begin_document(d, ahead) for d in docs}
    assert all(states.values())  # every document began ahead (gate verdict or triggers)
    prefetch_parses(list(states.values()), ahead)
    got = [extract_document(d, ahead, prepared=states[id(d)]) for d in docs]
    assert got == expected
    assert any(expected)


def test_a_state_for_another_document_is_not_used():
    docs = _docs("challenge")
    lex = Lexicon.load()
    other = begin_document(docs[0], lex)
    assert extract_document(docs[1], lex, prepared=other) == extract_document(docs[1], lex)
