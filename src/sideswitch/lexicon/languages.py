"""Which language a text is in, from the function words of each language (``data/languages.yaml``).

    detect_language("Tres guardias desertaron y se entregaron a las autoridades")  -> "es"
    detect_language("Three guards deserted and surrendered to the authorities")   -> "en"
    detect_language("Kessel 1994")                                                 -> None (unsure)

Adding a language is adding its words to the data file. A language wins when its
words make at least ``MIN_HITS`` of the sampled tokens and outnumber the runner-up
``MARGIN`` times; otherwise the answer is ``default``. Calibrated on the project's
own fixtures: two short English sentences already give 3+ hits, and no English or
Spanish fixture comes close to the margin for the other language.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .loader import data_path, load_yaml

__all__ = ["detect_language", "language_words", "supported_languages", "MIN_HITS", "MARGIN", "SAMPLE_CHARS"]

MIN_HITS = 3
MARGIN = 2.0
SAMPLE_CHARS = 20000
_TOKEN = re.compile(r"[a-záéíóúñü]+")
_CODE = re.compile(r"[a-z]{2,3}")

SCHEMA = {
    "type": "object", "required": ["languages"], "additionalProperties": False,
    "properties": {"languages": {"type": "object", "minProperties": 1, "additionalProperties": {
        "type": "array", "minItems": 10, "items": {"type": "string", "minLength": 1}}}},
}


@lru_cache(maxsize=1)
def language_words() -> dict[str, frozenset[str]]:
    data = load_yaml(data_path("languages.yaml"), SCHEMA, filename="languages.yaml")
    return {code: frozenset(w.lower() for w in words) for code, words in data["languages"].items()}


def detect_language(text: str, candidates: tuple[str, ...] | None = None, default: str | None = None,
                    sample: int = SAMPLE_CHARS) -> str | None:
    """The language whose function words dominate ``text``; ``default`` when unsure."""
    words = language_words()
    counts = Counter(_TOKEN.findall(text[:sample].lower()))
    scores = sorted(((sum(n for w, n in counts.items() if w in words[lang]), lang)
                     for lang in (candidates or tuple(words)) if lang in words), reverse=True)
    if not scores or scores[0][0] < MIN_HITS:
        return default
    runner_up = scores[1][0] if len(scores) > 1 else 0
    return scores[0][1] if scores[0][0] >= MARGIN * max(runner_up, 1) else default


def _codes(folder: str) -> set[str]:
    return {p.name[:-5] for p in data_path(folder).iterdir()
            if p.name.endswith(".yaml") and _CODE.fullmatch(p.name[:-5])}


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """Codes of the languages events can be extracted from: those with both extraction data
    (``extract/<code>.yaml``) and date words (``dates/<code>.yaml``), read from the data files
    present, so adding a language's files adds it here.

    >>> {"en", "es"} <= set(supported_languages())
    True
    """
    return tuple(sorted(_codes("extract") & _codes("dates")))
