"""The trigger gate loses nothing: every trigger match passes it, and every gold corpus exports the
same events with and without it (ingest with ``gate=False`` analyses and hashes every document)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sideswitch.exports import jsonl_lines
from sideswitch.extract import extract_document
from sideswitch.extract.text import split_sentences
from sideswitch.lexicon.gate import build_gate, required_clauses, required_pieces, trigger_gate, unbounded_triggers
from sideswitch.lexicon.langdata import available_languages, language_data
from sideswitch.models import Document
from sideswitch.pipeline import ingest_paths
from sideswitch.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"
CORPORA = {
    "seeds": SHARED / "seeds",
    "dev": SHARED / "dev",
    "dev2": SHARED / "dev2",
    "examples": ROOT / "examples" / "gold",
    **{name: ROOT / "tests" / "data" / name for name in ("challenge", "heldout2", "mergeheld", "french", "blind3")},
}


def _texts() -> list[str]:
    texts = []
    for path in CORPORA.values():
        docs = path / "docs.jsonl"
        if docs.is_file():
            texts += [
                json.loads(line)["text"] for line in docs.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
    for case in sorted((ROOT / "tests" / "data" / "golden").glob("*.yaml")):
        texts.append(yaml.safe_load(case.read_text(encoding="utf-8"))["document"]["text"])
    return texts


def test_every_trigger_has_pieces():
    """A trigger made only of classes and repeats would open the gate for every text."""
    assert unbounded_triggers() == []
    assert not trigger_gate().open


def test_pieces_of_patterns():
    assert required_pieces(r"\bdefect(?:ed|s|ing)\b") == {"defected", "defects", "defecting"}
    assert set(required_clauses(r"\b(?:laid|put) down \w+ (?:arms|weapons)\b")) == {
        frozenset({"laid down ", "put down "}),
        frozenset({" arms", " weapons"}),
    }
    assert required_pieces(r"\w+\s+\d+") is None
    assert required_clauses(r"\bfl(?:ew|own) (?:\w+ ){0,3}to\b") == (frozenset({"flew ", "flown "}), frozenset({"to"}))
    assert required_pieces(r"(?:a|b)?[c-f]+") is None  # an optional group and a class: nothing fixed
    assert required_pieces(r"(?:a|b)?c+") == {"c"}


def test_case_folded():
    gate = build_gate([r"\bstraße\b", r"\bsurrender\b"])
    assert gate.hits("STRASSE") and gate.hits("The Garrison SURRENDERED.")
    assert not gate.hits("The garrison stayed.")


def test_gate_passes_every_trigger_match_in_every_corpus():
    """Wherever a trigger of any language matches a sentence, the matched text holds one piece of
    each of its sets, and the gate lets the sentence and its document through."""
    gate = trigger_gate()
    triggers = [(lang, t) for lang in available_languages() for t in language_data(lang).triggers]
    matched = 0
    for text in _texts():
        doc_hit = gate.hits(text)
        for s in split_sentences(text):
            for lang, t in triggers:
                for m in t.regex.finditer(s.text):
                    matched += 1
                    folded = m.group().casefold()
                    for clause in required_clauses(t.regex.pattern):
                        assert any(p in folded for p in clause), (lang, t.id, m.group(), sorted(clause))
                    assert doc_hit and gate.hits(s.text), (lang, t.id, s.text)
    assert matched > 200


def test_text_without_trigger_words_is_refused():
    gate = trigger_gate()
    for text in (
        "The council of Varnholt approved a budget of 12 million for road repairs on Tuesday.",
        "Prices of flour in Oskeby rose by 4 percent over the month, traders said.",
        "Le conseil de Varnholt a voté le budget des routes mardi.",
        "El consejo de Varnholt aprobó el presupuesto de carreteras el martes.",
    ):
        assert not gate.hits(text), text
    assert gate.hits("Captain Arvo Lindqvist defected to the Varnholt rebels on Sunday.")
    assert gate.hits("Dos soldados desertaron del ejército.")


def test_document_without_trigger_words_yields_nothing_either_way():
    doc = Document(id="quiet", text="The ferry to Oskeby resumed after four days of storms.", lang="en")
    assert extract_document(doc) == extract_document(doc, gate=False) == []


def _export(corpus: Path, tmp: Path, gate: bool) -> list[str]:
    with open_store(tmp / f"{gate}.db") as store:
        ingest_paths(store, [str(corpus / "docs.jsonl")], gate=gate)
        return list(jsonl_lines(store.query_events()))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_same_events_with_and_without_the_gate(name, tmp_path):
    corpus = CORPORA[name]
    if not (corpus / "docs.jsonl").is_file():
        pytest.skip(f"no corpus {corpus}")
    with_gate, without = _export(corpus, tmp_path, True), _export(corpus, tmp_path, False)
    assert with_gate, f"{name}: no events at all"
    assert with_gate == without
