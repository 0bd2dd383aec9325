"""Sentences with character offsets, and per-document language detection.

    "Gen. Abdul Jalil Bakhtawar defected. He was 60."   -> two sentences; "Gen." does not end one
    "The U.S. military said 12 (or 13) men left."      -> one sentence
    "Hai, 57, left.\n\nThe Taliban welcomed him."      -> two (a blank line always ends a sentence)

Language detection counts function words from the language data
(``lexicon/data/languages.yaml``): adding a language is adding its words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon.loader import data_path, load_yaml

__all__ = ["Sentence", "split_sentences", "detect_language"]

# Abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = {
    "gen", "lt", "col", "maj", "capt", "sgt", "brig", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "st",
    "no", "vs", "u.s", "u.n", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "corp", "co", "jr", "sr", "prof", "adm", "cmdr", "cpl", "pvt", "fr", "mt", "ft",
    "approx", "est", "dept", "gral", "cnel", "sr", "sra", "tte", "cap", "etc", "al", "e.g", "i.e", "ee.uu",
}
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'”’»)\]]*\s+(?=["'“‘«(\[]*[A-ZÁÉÍÓÚÑ0-9¿¡])|\n\s*\n|(?<=[.!?:"”’)\]])[ \t]*\n|\n(?=\s*[-*•#("“'‘\[]|\s*[A-ZÁÉÍÓÚÑ¿¡])""")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index into ``text``."""
    cuts, pos = [], 0
    for m in _BOUNDARY.finditer(text):
        before = text[pos:m.start()].rstrip("\"'”’»)] ")
        last = re.search(r"([\w.]+)\.$", before)
        if last and "\n" not in m.group(0):
            word = last.group(1).lower()
            if word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        cuts.append((pos, m.start()))
        pos = m.end()
    cuts.append((pos, len(text)))
    out = []
    for a, b in cuts:
        for line_a, line_b in _lines(text, a, b):
            seg = text[line_a:line_b]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                s = line_a + lead
                out.append(Sentence(seg, s, s + len(seg), len(out)))
    return out


def _lines(text: str, a: int, b: int):
    """Very long segments with single newlines (lists, headlines) split at the newlines."""
    seg = text[a:b]
    if "\n" not in seg or len(seg) < 400:
        yield a, b
        return
    pos = a
    for m in re.finditer(r"\n", seg):
        yield pos, a + m.start()
        pos = a + m.end()
    yield pos, b


@lru_cache(maxsize=1)
def _language_words() -> dict[str, frozenset[str]]:
    data = load_yaml(data_path("languages.yaml"), LANGUAGES_SCHEMA, filename="languages.yaml")
    return {code: frozenset(w.lower() for w in words) for code, words in data["languages"].items()}


LANGUAGES_SCHEMA = {
    "type": "object", "required": ["languages"], "additionalProperties": False,
    "properties": {"languages": {"type": "object", "minProperties": 1, "additionalProperties": {
        "type": "array", "minItems": 10, "items": {"type": "string", "minLength": 1}}}},
}


def detect_language(text: str, default: str = "en") -> str:
    """The language whose function words are most frequent in ``text``.

    "Tres guardias desertan y se entregan a las autoridades" -> "es"
    "Three guardsmen deserted and surrendered to the authorities" -> "en"
    """
    words = re.findall(r"[a-záéíóúñü]+", text[:20000].lower())
    if not words:
        return default
    scores = {code: sum(w in vocab for w in words) for code, vocab in _language_words().items()}
    best = max(scores, key=lambda c: (scores[c], c == default))
    return best if scores[best] >= 3 else default
