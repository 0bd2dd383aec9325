"""Whole-word phrase matching that ignores case, diacritics, hyphens and apostrophes.

Text and phrases are cut into word tokens; hyphens, spaces and dots between words
are equivalent, apostrophes inside a word vanish, a possessive ``'s`` is dropped::

    "Hizb-e Islami" == "Hizb e-Islami" == "hizb-e-islami"      (tokens: hizb e islami)
    "Jama'atu"      == "Jamaatu"
    "Taliban's"     -> "Taliban"
    "Ejército"      == "Ejercito"

Acronyms (see :func:`is_acronym`) compare case-sensitively, so ``ANA`` matches "ANA"
but not "ana" or "Ana". Several phrases may match overlapping spans; the longest wins
("Free Syrian Army" over "Syrian Army"), then the leftmost.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["Token", "tokenize", "fold", "phrase_key", "is_acronym", "PhraseIndex", "Hit"]

_APOSTROPHES = "'’ʼ‘`ʻ"
_TOKEN = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}][sS]$")
_APOS = re.compile(rf"[{_APOSTROPHES}]")
# An elided article or preposition is a word of its own: "l'EIGS" -> "l" + "EIGS", "d'Ansaroul" -> "d" + "Ansaroul"
# (one lower-case letter before an apostrophe; "N'Djamena", "O'Brien" keep their capital and stay whole).
_ELISION = re.compile(rf"[a-z][{_APOSTROPHES}](?=[^\W_])")
# What may stand between two words of one phrase: spaces, hyphens/dashes, dots, slashes, quotes,
# "&" and brackets ("J&K Police", "CPI (Maoist)"), after an optional possessive "'s".
_GAP = re.compile(rf"(?:[{_APOSTROPHES}][sS])?[\s\-‐‑–—./&()\"“”«»'’]{{1,4}}")

ACRONYM_MAX_LETTERS = 6  # "ANA", "MNDAA", "ISWAP", "FARC-EP": all caps, at most 6 letters


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    raw: str  # diacritics and apostrophes removed, case kept
    folded: str  # raw, case-folded


def strip_marks(text: str) -> str:
    """Remove diacritics: 'Ejército' -> 'Ejercito', 'Türkiye' -> 'Turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    """Word tokens with their character offsets in ``text`` (a sentence is matched several times
    per document: its tokens are made once and kept for the next calls)."""
    return list(_tokens(text))


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[Token, ...]:
    out = []
    for m in _TOKEN.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if _ELISION.match(word):
            out.append(Token(start, start + 1, word[0], word[0]))
            start, word = start + 2, word[2:]
        if len(word) > 3 and _POSSESSIVE.search(word):
            end, word = end - 2, word[:-2]
        raw = word.replace("'", "").replace("`", "") if word.isascii() else _APOS.sub("", strip_marks(word))
        out.append(Token(start, end, raw, raw.lower() if raw.isascii() else raw.casefold()))
    return tuple(out)


def fold(text: str) -> str:
    """Normalised key of a phrase: tokens, case-folded, joined by one space."""
    return " ".join(t.folded for t in tokenize(text))


def is_acronym(phrase: str) -> bool:
    """An all-caps (or mostly caps) short form without spaces: 'ANA', 'FARC-EP', 'GIRoA', 'M23'."""
    if any(c.isspace() for c in phrase):
        return False
    letters = [c for c in strip_marks(phrase) if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if not letters or len(letters) > ACRONYM_MAX_LETTERS:
        return False
    return upper == len(letters) or (upper >= 2 and upper > len(letters) - upper)


def phrase_key(phrase: str) -> str:
    """Identity of a phrase for duplicate checks: acronyms keep their case, words do not."""
    tokens = tokenize(phrase)
    if is_acronym(phrase):
        return "=" + " ".join(t.raw for t in tokens)
    return " ".join(t.folded for t in tokens)


@dataclass
class _Entry:
    folded: tuple[str, ...]
    raw: tuple[str, ...] | None  # set for case-sensitive phrases
    payloads: list[Any]


@dataclass(frozen=True)
class Hit:
    start: int  # character offsets in the text
    end: int
    first: int  # token indices [first, last)
    last: int
    payloads: tuple[Any, ...]


class PhraseIndex:
    """Phrases with payloads; :meth:`find` returns non-overlapping hits, longest first."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Any, ...], _Entry] = {}
        self._by_first: dict[str, list[_Entry]] = {}

    def add(self, phrase: str, payload: Any, case_sensitive: bool = False) -> bool:
        """Index ``phrase``; acronyms, and phrases added with ``case_sensitive``, keep their case."""
        tokens = tokenize(phrase)
        if not tokens:
            return False
        sensitive = case_sensitive or is_acronym(phrase)
        folded = tuple(t.folded for t in tokens)
        raw = tuple(t.raw for t in tokens) if sensitive else None
        entry = self._entries.get((folded, raw))
        if entry is None:
            entry = self._entries[(folded, raw)] = _Entry(folded, raw, [])
            self._by_first.setdefault(folded[0], []).append(entry)
        if payload not in entry.payloads:
            entry.payloads.append(payload)
        return True

    def find(
        self, text: str, tokens: list[Token] | None = None, keep: Callable[[Hit], bool] | None = None
    ) -> list[Hit]:
        """Non-overlapping hits, longest first; ``keep`` drops candidates before the choice."""
        tokens = tokenize(text) if tokens is None else tokens
        candidates = [h for h in self._candidates(text, tokens) if keep is None or keep(h)]
        hits = sorted(candidates, key=lambda h: (h.start - h.end, h.start))
        taken: set[int] = set()
        chosen = []
        for hit in hits:
            span = range(hit.first, hit.last)
            if not taken.intersection(span):
                taken.update(span)
                chosen.append(hit)
        return sorted(chosen, key=lambda h: h.start)

    def _candidates(self, text: str, tokens: list[Token]) -> Iterator[Hit]:
        seen: dict[tuple[int, int], list[Any]] = {}
        for i, tok in enumerate(tokens):
            for entry in self._by_first.get(tok.folded, ()):
                j = i + len(entry.folded)
                if j > len(tokens) or not self._fits(entry, text, tokens, i):
                    continue
                seen.setdefault((i, j), []).extend(p for p in entry.payloads)
        for (i, j), payloads in seen.items():
            unique = tuple(dict.fromkeys(payloads))
            yield Hit(tokens[i].start, tokens[j - 1].end, i, j, unique)

    @staticmethod
    def _fits(entry: _Entry, text: str, tokens: list[Token], i: int) -> bool:
        for k, want in enumerate(entry.folded):
            tok = tokens[i + k]
            if (entry.raw[k] != tok.raw) if entry.raw else (want != tok.folded):
                return False
            if k and not _GAP.fullmatch(text, tokens[i + k - 1].end, tok.start):
                return False
        return True
