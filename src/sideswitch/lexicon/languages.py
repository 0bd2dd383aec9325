"""Which language a text is in, from the function words of each language (``data/languages.yaml``).

    detect_language("Tres guardias desertaron y se entregaron a las autoridades")  -> "es"
    detect_language("Three guards deserted and surrendered to the authorities")   -> "en"
    detect_language("Trois gardes ont déserté et se sont rendus aux autorités")    -> "fr"
    detect_language("Kessel 1994")                                                 -> None (unsure)

Adding a language is adding its words to the data file. A language wins when its
words make at least ``MIN_HITS`` of the sampled tokens and its own words (those listed
for no other language) outnumber the runner-up's ``MARGIN`` times; otherwise the answer
is ``default``. Words of two languages ("de", "la", "que" in French and Spanish) are
listed under both, so they decide nothing between them. Calibrated on the project's
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
# The one language detection reads the opening 1,500 characters (~250 words, 60-100
# function-word hits in news prose), wherever it runs (the readers, or extraction for a
# document that arrives without a language): reading 4,000 made the guess 75 % of the
# time spent ingesting JSONL, for no change in any guess on our fixtures or corpora.
SAMPLE_CHARS = 1500
_TOKEN = re.compile(r"[^\W\d_]+")  # letters of any language (French "à", "été")
_CODE = re.compile(r"[a-z]{2,3}")

SCHEMA = {
    "type": "object",
    "required": ["languages"],
    "additionalProperties": False,
    "properties": {
        "languages": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "array", "minItems": 10, "items": {"type": "string", "minLength": 1}},
        }
    },
}


@lru_cache(maxsize=1)
def language_words() -> dict[str, frozenset[str]]:
    data = load_yaml(data_path("languages.yaml"), SCHEMA, filename="languages.yaml")
    return {code: frozenset(w.lower() for w in words) for code, words in data["languages"].items()}


def detect_language(
    text: str, candidates: tuple[str, ...] | None = None, default: str | None = None, sample: int = SAMPLE_CHARS
) -> str | None:
    """The language whose function words dominate ``text``; ``default`` when unsure."""
    words = language_words()
    owners = _owners()
    own: Counter[str] = Counter()  # hits of words listed for that language alone
    total: Counter[str] = Counter()  # hits of all its words
    for w, n in Counter(_TOKEN.findall(text[:sample].lower())).items():
        langs = owners.get(w)
        if langs:
            for lang in langs:
                total[lang] += n
                if len(langs) == 1:
                    own[lang] += n
    scores = sorted(
        ((own[lang], total[lang], lang) for lang in (candidates or tuple(words)) if lang in words), reverse=True
    )
    if not scores or scores[0][1] < MIN_HITS:
        return default
    runner_up = scores[1][0] if len(scores) > 1 else 0
    return scores[0][2] if scores[0][0] >= max(MARGIN * runner_up, 1) else default


@lru_cache(maxsize=1)
def _owners() -> dict[str, tuple[str, ...]]:
    """Each function word -> the languages that list it (one lookup per word of the text). A word
    listed for several ("de", "la", "que" in French and Spanish) counts towards ``MIN_HITS`` but not
    towards the margin between languages."""
    out: dict[str, list[str]] = {}
    for lang, ws in language_words().items():
        for w in ws:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def _codes(folder: str) -> set[str]:
    return {
        p.name[:-5] for p in data_path(folder).iterdir() if p.name.endswith(".yaml") and _CODE.fullmatch(p.name[:-5])
    }


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """Codes of the languages events can be extracted from: those with both extraction data
    (``extract/<code>.yaml``) and date words (``dates/<code>.yaml``), read from the data files
    present, so adding a language's files adds it here.

    >>> {"en", "es"} <= set(supported_languages())
    True
    """
    return tuple(sorted(_codes("extract") & _codes("dates")))
