"""Personal names across spellings: titles, transliteration, similarity.

A name is compared as a *set of parts*. Titles in front of it are removed
(``lexicon/data/honorifics.yaml``), each part is folded to one spelling of
its transliteration family, and parts shared by very many people ("Abdul",
"Mohammad", "Khan", "al") weigh little, so two names that agree only on those
are told apart::

    strip_honorifics("retired Gen. Karim Dost Varani") -> ("Karim Dost Varani", ["Gen."])
    name_key("Qazi Abdulhai")                               -> "abdul hai"
    name_key("Farouk al-Sharaa") == name_key("Faruq al-Shara")  (both "faruk al shara")
    name_similarity("Riad Hijab", "Riyad Hijab")            -> 1.0   same person
    name_similarity("Abdul Kazi Hai", "Qazi Abdul Hai")     -> 0.86  possibly (title used as a name)
    name_similarity("Monsif Khan", "Museeb Khan")           -> 0.79  possibly (similar given names)
    name_similarity("Abdul Hai", "Abdul Haq")               -> 0.23  different people
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import JaroWinkler

from ..lexicon.honorifics import HONORIFICS_SCHEMA, read_honorifics, words
from ..lexicon.honorifics import ascii_text as _ascii
from ..lexicon.honorifics import phrase_words as _phrase

__all__ = [
    "Honorifics",
    "load_honorifics",
    "default_honorifics",
    "HONORIFICS_SCHEMA",
    "strip_honorifics",
    "split_alias",
    "name_key",
    "name_parts",
    "name_similarity",
    "compare_names",
    "compare_parts",
    "part_score",
    "parts_conflict",
    "NameMatch",
    "surname_only_match",
    "is_surname_of",
    "fold_token",
    "skeleton",
]

# Weight of a generic part ("abdul", "khan") against 1.0 for a distinctive
# part. Calibrated on the cases in tests/resolve/test_names.py: at 0.3 a shared
# "Khan" with similar given names lands in "possibly" (0.79), a shared "Abdul"
# with different short names stays low (0.23), and "Abdul Jalil X" vs "Abdul
# Karim X" stays below "possibly" (0.57); at 0.5 the last reaches 0.60, so
# every pair of namesakes sharing "Abdul" and a tribal surname gets linked.
GENERIC_WEIGHT = 0.3
# Fuzzy part matches below this Jaro-Winkler similarity count as no match
# ("Jalil"/"Karim" 0.60, "Karim"/"Khan" 0.63 drop out; "Monsif"/"Musib" 0.73 stays).
MIN_PART_SIMILARITY = 0.7
# Parts this short must match exactly after folding ("Hai" vs "Haq").
SHORT_PART = 3
# Part score when only vowels differ ("Hekmatyar"/"Hikmatyar").
SKELETON_SCORE = 0.95
# A one-part name against a longer one is at most "possibly": a lone surname
# names many people.
SINGLE_PART_CAP = 0.7
# Names that agree on no distinctive part are different people, whatever the generic parts.
NO_DISTINCTIVE_CAP = 0.4

# Transliteration folding, applied in order to each lower-case ASCII part.
# Each rule merges spellings seen for the same sound in English and Spanish
# renderings of Arabic, Pashto, Dari and Russian names.
FOLD_RULES: tuple[tuple[str, str], ...] = (
    (r"dzh|dj", "j"),
    (r"x", "ks"),
    (r"ph", "f"),
    (r"ck", "k"),
    (r"q", "k"),
    (r"dh", "d"),
    (r"v", "w"),
    (r"iy", "i"),
    (r"ou|oo", "u"),
    (r"ee", "i"),
    (r"(.)\1+", r"\1"),
    (r"(?<=[aeiou])h$", ""),
    (r"ey|ay|ei", "ai"),
    (r"(.)\1+", r"\1"),
)
_FOLD = tuple((re.compile(p), r) for p, r in FOLD_RULES)
_VOWELS = re.compile(r"[aeiouy]")


def fold_token(token: str) -> str:
    """One spelling per transliteration family.

    >>> [fold_token(t) for t in ("farouq", "faruq", "farouk", "sharaa", "riyad", "maxim")]
    ['faruk', 'faruk', 'faruk', 'shara', 'riad', 'maksim']
    """
    for pattern, repl in _FOLD:
        token = pattern.sub(repl, token)
    return token


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (it is a cache key)
class Honorifics:
    """Titles and name knowledge from ``honorifics.yaml``, normalised for matching."""

    titles: dict[tuple[str, ...], str]  # tuple of normalised words -> canonical title
    modifiers: frozenset[Any]
    alias_markers: tuple[Any, ...]  # tuples of normalised words
    generic: frozenset[Any]  # folded generic parts
    joined_prefixes: tuple[Any, ...]  # longest first
    whole_names: tuple[Any, ...]

    @cached_property
    def longest_title(self) -> int:
        return max(map(len, self.titles), default=0)

    def title_at(self, ws: list[Any], i: int) -> int:
        """Number of words of the longest title starting at word ``i`` (0: none)."""
        for n in range(min(self.longest_title, len(ws) - i), 0, -1):
            if tuple(w for w, _, _ in ws[i : i + n]) in self.titles:
                return n
        return 0

    def split_prefix(self, token: str) -> list[str]:
        """``"abdulhai"`` -> ``["abdul", "hai"]``; ``"abdullah"`` stays whole."""
        if any(token.startswith(w) for w in self.whole_names):
            return [token]
        for p in self.joined_prefixes:
            if token.startswith(p) and len(token) - len(p) >= 3:
                return [p, token[len(p) :]]
        return [token]


def load_honorifics(path: str | Path | None = None) -> Honorifics:
    """Read and validate an honorifics file (default: the one shipped in the package).

    Raises :class:`~sideswitch.errors.LexiconError` listing every problem with its line.
    """
    data = read_honorifics(path)

    def ascii_list(key: str) -> list[str]:
        return [_ascii(w).replace(" ", "") for w in data.get(key) or []]

    return Honorifics(
        titles={_phrase(v): t["title"] for t in data["titles"] for v in t["variants"]},
        modifiers=frozenset(ascii_list("modifiers")),
        alias_markers=tuple(sorted({_phrase(m) for m in data.get("alias_markers") or []}, key=len, reverse=True)),
        generic=frozenset(fold_token(w) for w in ascii_list("generic_parts")),
        joined_prefixes=tuple(sorted(ascii_list("joined_prefixes"), key=len, reverse=True)),
        whole_names=tuple(ascii_list("whole_names")),
    )


@lru_cache(maxsize=1)
def default_honorifics() -> Honorifics:
    """The shipped lexicon, loaded once per process (it is never modified)."""
    return load_honorifics()


@lru_cache(maxsize=1 << 16)
def skeleton(token: str) -> str:
    """Consonants of a folded part: ``skeleton("hekmatyar") == skeleton("hikmatyar") == "hkmtr"``."""
    return re.sub(r"(.)\1+", r"\1", token[:1] + _VOWELS.sub("", token[1:]))


@lru_cache(maxsize=1 << 16)  # pure; actors read each stored defector's spellings again per refresh
def split_alias(name: str, lex: Honorifics | None = None) -> tuple[str, str | None]:
    """``"Jorge Pardo alias El Zorro"`` -> ``("Jorge Pardo", "El Zorro")``; no marker -> ``(name, None)``."""
    lex = lex or default_honorifics()
    ws = words(name)
    for i in range(1, len(ws)):
        for marker in lex.alias_markers:
            if tuple(w for w, _, _ in ws[i : i + len(marker)]) == marker and i + len(marker) < len(ws):
                alias = name[ws[i + len(marker)][1] :].strip(" \"'()[],")
                return name[: ws[i][1]].strip(" ,(\"'"), alias or None
    return name, None


def strip_honorifics(name: str, lex: Honorifics | None = None) -> tuple[str, list[str]]:
    """Remove leading titles, ranks and their modifiers ("retired", "former", "el").

    Returns the rest as written and the titles as written, in order. A name
    that is nothing but a title is returned unchanged.

    >>> strip_honorifics("retired Gen. Karim Dost Varani")
    ('Karim Dost Varani', ['Gen.'])
    >>> strip_honorifics("el teniente coronel Luis Herrera")
    ('Luis Herrera', ['teniente coronel'])
    >>> strip_honorifics("Abdul Kazi Hai")
    ('Abdul Kazi Hai', [])
    """
    lex = lex or default_honorifics()
    ws, i, titles = words(name), 0, []
    while i < len(ws):
        n = lex.title_at(ws, i)
        if n:
            titles.append(name[ws[i][1] : ws[i + n - 1][2]])
            i += n
            continue
        j = i
        while j < len(ws) and ws[j][0] in lex.modifiers:
            j += 1
        if j == i or j == len(ws) or not lex.title_at(ws, j):
            break
        i = j
    if i == 0 or i >= len(ws):
        return name.strip(), []
    return name[ws[i][1] :].strip(" ,;:\"'"), titles


def name_parts(name: str, lex: Honorifics | None = None) -> list[str]:
    """Folded parts of the name proper: no alias, no titles, joined prefixes split.

    >>> name_parts("Mawlawi Abdulhai al-Sharaa")
    ['abdul', 'hai', 'al', 'shara']
    """
    return list(_parse(name, lex or default_honorifics())[0])


@lru_cache(maxsize=1 << 16)  # pure; memoised because actor resolution meets each name many times
def _parse(name: str, lex: Honorifics) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(folded parts, folded titles) of a name."""
    core, titles = strip_honorifics(split_alias(name, lex)[0], lex)
    parts = [fold_token(t) for token in _ascii(core).split() for t in lex.split_prefix(token)]
    return tuple(parts), tuple(fold_token(_ascii(t).replace(" ", "")) for t in titles)


def name_key(name: str) -> str:
    """Normalised comparison key: lower-case ASCII, no titles, transliteration folded.

    >>> name_key("Qazi Abdul Hai") == name_key("Qazi Abdulhai") == name_key("Abdul Hai")
    True
    """
    return " ".join(name_parts(name))


@dataclass(frozen=True)
class NameMatch:
    """How alike two names are (``score`` 0..1) and why, in words."""

    score: float
    why: str


@lru_cache(maxsize=1 << 18)  # pure; memoised because actor resolution compares the same parts often
def _part_similarity(x: str, y: str) -> float:
    if x == y:
        return 1.0
    if min(len(x), len(y)) <= SHORT_PART:
        return 0.0
    if len(skeleton(x)) >= 3 and skeleton(x) == skeleton(y):
        return SKELETON_SCORE
    s = JaroWinkler.similarity(x, y)
    return s if s >= MIN_PART_SIMILARITY else 0.0


def _align(a: tuple[Any, ...], b: tuple[Any, ...]) -> list[tuple[str, str, float]]:
    """Greedy best one-to-one pairing of parts, best pairs first."""
    pairs = [(s, i, j) for i, x in enumerate(a) for j, y in enumerate(b) if (s := _part_similarity(x, y)) > 0]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[str, str, float]] = []
    for s, i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((a[i], b[j], s))
    return out


def _explain(pairs: list[tuple[str, str, float]], a: Sequence[str], b: Sequence[str]) -> str:
    aligned = {x for x, _, _ in pairs} | {y for _, y, _ in pairs}
    bits = [
        ("shares ", [x for x, y, s in pairs if s == 1.0]),
        ("similar ", [f"{x}~{y}" for x, y, s in pairs if s < 1.0]),
        ("only in one: ", [p for p in [*a, *b] if p not in aligned]),
    ]
    return "; ".join(label + ", ".join(items) for label, items in bits if items) or "nothing in common"


def part_score(pa: list[str], pb: list[str], lex: Honorifics | None = None) -> float:
    """The score of :func:`compare_parts` without its explanation (the fast path)."""
    return _score(tuple(dict.fromkeys(pa)), tuple(dict.fromkeys(pb)), lex or default_honorifics())[0]


@lru_cache(maxsize=1 << 16)
def _score(pa: tuple[Any, ...], pb: tuple[Any, ...], lex: Honorifics) -> tuple[float, list[Any]]:
    if not pa or not pb:
        return 0.0, []
    if pa == pb:
        return 1.0, [(p, p, 1.0) for p in pa]
    pairs = _align(pa, pb)
    w = {p: GENERIC_WEIGHT if p in lex.generic else 1.0 for p in pa + pb}
    matched = sum(s * (w[x] + w[y]) / 2 for x, y, s in pairs)
    wa, wb = sum(w[p] for p in pa), sum(w[p] for p in pb)
    score = (2 * matched / (wa + wb) + matched / min(wa, wb)) / 2
    if 1.0 in w.values() and not any(w[x] == 1.0 or w[y] == 1.0 for x, y, _ in pairs):
        score = min(score, NO_DISTINCTIVE_CAP)  # they agree on generic parts only
    if min(len(pa), len(pb)) == 1 and len(pa) != len(pb):
        score = min(score, SINGLE_PART_CAP)
    return round(min(score, 1.0), 2), pairs


def parts_conflict(pa: Sequence[str], pb: Sequence[str], lex: Honorifics | None = None) -> bool:
    """Whether two names cannot be one person: they agree on no distinctive part, or
    each has a distinctive part the other lacks ("Nur Zaman Kakar" / "Nur Zaman Bakhtawar").
    A name that only leaves parts out ("Nur Zaman") conflicts with neither.
    """
    lex = lex or default_honorifics()
    pa, pb = tuple(dict.fromkeys(pa)), tuple(dict.fromkeys(pb))
    score, pairs = _score(pa, pb, lex)
    if score <= NO_DISTINCTIVE_CAP:
        return True
    lone_a = {p for p in pa if p not in lex.generic} - {x for x, _, _ in pairs}
    lone_b = {p for p in pb if p not in lex.generic} - {y for _, y, _ in pairs}
    return bool(lone_a and lone_b)


def compare_parts(pa: Sequence[str], pb: Sequence[str], lex: Honorifics | None = None) -> NameMatch:
    """:func:`compare_names` on parts already made by :func:`name_parts` (for bulk use)."""
    pa, pb = tuple(dict.fromkeys(pa)), tuple(dict.fromkeys(pb))
    score, pairs = _score(pa, pb, lex or default_honorifics())
    if not pa or not pb:
        return NameMatch(0.0, "no name")
    return NameMatch(score, "same name" if pa == pb else _explain(pairs, pa, pb))


def compare_names(a: str, b: str, lex: Honorifics | None = None) -> NameMatch:
    """Score and explanation behind :func:`name_similarity`.

    >>> compare_names("Monsif Khan", "Museeb Khan").why
    'shares khan; similar monsif~musib'
    >>> compare_names("Abdul Kazi Hai", "Qazi Abdul Hai").why
    "shares abdul, hai; only in one: kazi; 'kazi' is a title in one name and a name part in the other"
    """
    lex = lex or default_honorifics()
    (pa, ta), (pb, tb) = _parse(a, lex), _parse(b, lex)
    match = compare_parts(list(pa), list(pb), lex)
    odd = sorted(set(ta + tb) & (set(pa) ^ set(pb)))
    if odd:
        match = NameMatch(
            match.score,
            match.why + "".join(f"; '{t}' is a title in one name and a name part in the other" for t in odd),
        )
    return match


def name_similarity(a: str, b: str) -> float:
    """0..1: >= 0.9 same person, 0.6-0.9 possibly, below that different.

    >>> name_similarity("Farouq al-Shara", "Farouk al-Sharaa")
    1.0
    >>> name_similarity("Mohammad Khan", "Mohammad Karim") < 0.6
    True
    """
    lex = default_honorifics()  # compare_names's score, without building its explanation
    return part_score(list(_parse(a, lex)[0]), list(_parse(b, lex)[0]), lex)


def surname_only_match(short: str, full: str) -> bool:
    """Whether ``short`` is just the last distinctive part of ``full`` (as when a
    report names someone in full once and by surname afterwards).

    >>> surname_only_match("Hai", "Qazi Abdul Hai"), surname_only_match("Abdul", "Abdul Hai")
    (True, False)
    >>> surname_only_match("Gen. Varani", "Karim Dost Varani")
    True
    """
    lex = default_honorifics()
    return is_surname_of(name_parts(short, lex), name_parts(full, lex), lex)


def is_surname_of(short: list[str], full: list[str], lex: Honorifics | None = None) -> bool:
    """:func:`surname_only_match` on parts made by :func:`name_parts`."""
    lex = lex or default_honorifics()
    if len(short) != 1 or len(full) < 2 or short[0] in lex.generic:
        return False
    last = [p for p in full if p not in lex.generic][-1:]
    return bool(last) and _part_similarity(short[0], last[0]) >= SKELETON_SCORE
