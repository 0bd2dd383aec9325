"""Extraction state is declared and the lexicon is explicit: the state objects refuse attributes
their class does not declare, and a Lexicon built from other data pickles with that data (a worker
process extracts with the caller's lexicon, not the shipped one)."""

from __future__ import annotations

import pickle
from dataclasses import fields

import pytest

from sideswitch.extract import Lexicon, default_lexicon, extract_document
from sideswitch.extract.arguments import Mention
from sideswitch.extract.candidates import Candidate
from sideswitch.extract.coref import DocEvent
from sideswitch.extract.extractor import DocState, run
from sideswitch.lexicon import load_parties
from sideswitch.models import Document

# An invented armed group, in no shipped party file.
LANTERN = """\
region: Invented
parties:
  - id: lantern
    name: Crimson Lantern Brigade
    kind: rebel
    countries: [Chad]
    aliases: [Lantern Brigade]
"""
ACT = "Eleven soldiers defected to the Lantern Brigade near Abeche on Sunday, officials said."


def acts_file(tmp_path, n: int = 4):
    """A JSONL file of ``n`` reports of ``ACT`` (for the worker tests)."""
    import json

    src = tmp_path / "acts.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "published": "2021-03-15", "text": f"Report {i}. {ACT}"}) + "\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    return src


def lantern_lexicon(tmp_path) -> Lexicon:
    path = tmp_path / "lantern.yaml"
    path.write_text(LANTERN, encoding="utf-8")
    return Lexicon.load(parties=load_parties(path))


def joined(lexicon: Lexicon) -> list:
    doc = Document(id="act", text=ACT, published="2021-03-15")
    return [e["to_side"] for e in extract_document(doc, lexicon)]


def test_every_state_object_refuses_an_undeclared_attribute():
    state = run(Document(id="d", text=ACT, published="2021-03-15"), default_lexicon())
    (event,) = state.events
    (mention,) = event.mentions
    for obj in (state, state.candidates[0], mention, event):
        assert not hasattr(obj, "__dict__")
        with pytest.raises(AttributeError):
            obj.made_up = 1  # type: ignore[union-attr]
    # what the context stage found is in declared fields
    assert state.year == 2021 and state.parties_at and state.common and mention.cand is state.candidates[0]


@pytest.mark.parametrize("cls", [DocState, Candidate, Mention, DocEvent])
def test_every_field_is_typed_precisely(cls):
    bare = [f.name for f in fields(cls) if str(f.type) in ("list", "dict", "tuple", "object")]
    assert bare == []


def test_a_custom_lexicon_extracts_with_its_own_parties(tmp_path):
    assert joined(default_lexicon()) == [{"name": "Lantern Brigade", "party": None}]
    assert joined(lantern_lexicon(tmp_path)) == [{"name": "Lantern Brigade", "party": "Crimson Lantern Brigade"}]


def test_a_lexicon_pickles_with_its_content_not_as_the_default(tmp_path):
    custom = lantern_lexicon(tmp_path)
    english_only = Lexicon.load(parties=custom.parties, languages={"en": custom.languages["en"]})
    copy = pickle.loads(pickle.dumps(english_only))
    assert copy is not default_lexicon()
    assert copy.parties.get("Lantern Brigade").name == "Crimson Lantern Brigade"
    assert copy.extraction_languages() == ("en",)  # not the shipped languages rebuilt
    assert joined(copy) == joined(custom)
