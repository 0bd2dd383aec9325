"""The frame matcher (``syntax.build_matcher``: spaCy's DependencyMatcher matching each distinct
token pattern once) finds exactly what spaCy's own DependencyMatcher finds with the same patterns,
in the same order, on the sentences of every corpus written for these tests, in each language.
A spaCy whose internals this relies on changed shows up here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sideswitch.extract.extractor import default_lexicon
from sideswitch.extract.syntax import build_matcher
from sideswitch.lexicon.languages import detect_language

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SENTENCE = re.compile(r"(?<=[.!?])\s+")
PER_LANGUAGE = 300  # sentences parsed per language (the longest first: more nodes, more matches)


def _sentences(lang: str) -> list[str]:
    out: dict[str, None] = {}
    for path in sorted([*DATA.glob("*/docs.jsonl"), *EXAMPLES.glob("**/docs.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc.get("text") or ""
            if (doc.get("lang") or detect_language(text, default="en")) != lang:
                continue
            for s in SENTENCE.split(text):
                if 20 <= len(s) <= 600:
                    out.setdefault(s, None)
    return sorted(out, key=lambda s: (-len(s), s))[:PER_LANGUAGE]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_same_matches_as_spacys_dependency_matcher(lang):
    from spacy.matcher import DependencyMatcher

    res = default_lexicon()
    config = res.languages[lang].syntax
    assert res.syntax is not None and config is not None
    nlp = res.syntax.pipeline(lang, config)
    frames = config.frames
    ours = build_matcher(nlp, frames).matcher
    assert ours._shared is not None, "the shared-node path is not in use"
    plain = DependencyMatcher(nlp.vocab, validate=True)
    for p in frames.patterns:
        plain.add(p.key, [list(p.nodes)])
    texts = _sentences(lang)
    assert len(texts) >= 20, f"too few {lang} sentences in the test corpora"
    matched = 0
    for doc in nlp.pipe(texts):
        expected = plain(doc)
        assert ours(doc) == expected, doc.text
        matched += len(expected)
    assert matched > 0
