"""The trigger gate: one literal matcher over every language's trigger words, built from the data.

Every trigger of ``lexicon/data/extract/*.yaml`` is a regular expression. For each one the gate
derives, from the parsed pattern itself, a set of literal word pieces of which every match must
contain at least one (``\\bdefect(?:ed|s|ing)\\b`` -> ``defect``; ``\\b(?:laid|lay|put) down
(?:their )?arms`` -> `` down `` or a longer piece). All pieces of all languages are compiled into
one case-folded trie expression, so one scan of a text answers "could any trigger fire here?":

    gate = trigger_gate()
    gate.hits("Farmers said the harvest was larger.")   -> False   (extraction skipped)
    gate.hits("Two officers defected on Sunday.")       -> True

The gate only ever says no where no trigger can match, so it loses no event: a text whose
case-folded form holds none of the pieces cannot match any trigger (pieces come from the
consumed part of a pattern, never from a lookaround). A trigger for which no piece can be
derived (a pattern made only of classes and repeats) makes the gate open for everything, and
:func:`unbounded_triggers` names it so a test can refuse it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from re import _parser as sre  # type: ignore[attr-defined]  # the standard library's own pattern parser
from typing import Any

from .langdata import available_languages, language_data, trigger_patterns
from .loader import cached

__all__ = ["TriggerGate", "trigger_gate", "build_gate", "required_pieces", "required_clauses", "unbounded_triggers"]


def required_pieces(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """Case-folded literal pieces of which every match of ``pattern`` contains one, or None when
    the pattern has no such piece (it can match without any fixed text). The rarest such set."""
    found = required_clauses(pattern, flags)
    return found[0] if found else None


def required_clauses(pattern: str, flags: int = re.I) -> tuple[frozenset[str], ...]:
    """Every set of case-folded pieces the pattern requires one of (a match contains one piece of
    each set), the rarest set first; empty when it requires none."""
    clauses = {frozenset(p.casefold() for p in c) for c in _seq(sre.parse(pattern, flags))[1]}
    return tuple(sorted((_minimal(c) for c in clauses), key=_score, reverse=True))


Pieces = frozenset[str] | None
# The most strings a fixed alternative may expand to (``fl(?:ew|own|ying) (?:his |her )?``).
_CAP = 64


def _quality(piece: str) -> int:
    """How rare a piece is: the length of its longest word, a function word counting 1."""
    common = _common_words()
    return max((1 if w in common else len(w) for w in re.findall(r"\w+", piece.casefold())), default=0)


@cache
def _common_words() -> frozenset[str]:
    from .languages import language_words

    return frozenset(w.casefold() for words in language_words().values() for w in words)


def _score(s: frozenset[str]) -> tuple[int, int]:
    return (min(map(_quality, s)), -len(s))


def _best(clauses: list[frozenset[str]]) -> Pieces:
    return max(clauses, key=_score) if clauses else None


def _cross(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    return frozenset(x + y for x in a for y in b) if len(a) * len(b) <= _CAP else None


def _item(op: Any, av: Any) -> tuple[Pieces, list[frozenset[str]]]:
    """(every string the item can match when that is a small finite set, the sets of pieces it
    requires one of each)."""
    name = str(op)
    if name == "LITERAL":
        return frozenset({chr(av)}), []
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: consumes no text
        return frozenset({""}), []
    if name == "IN":
        chars = [chr(v) for o, v in av if str(o) == "LITERAL"]
        return (frozenset(chars) if len(chars) == len(av) and len(chars) <= 4 else None), []
    if name == "SUBPATTERN":
        return _seq(av[-1])
    if name == "ATOMIC_GROUP":
        return _seq(av)
    if name == "BRANCH":
        parts = [_seq(b) for b in av[1]]
        exact: Pieces = None
        if all(e is not None for e, _ in parts):
            union = frozenset().union(*(e for e, _ in parts if e is not None))
            exact = union if len(union) <= _CAP else None
        bests = [_best(c) for _, c in parts]
        if all(b is not None for b in bests):
            return exact, [frozenset().union(*(b for b in bests if b is not None))]
        return exact, []
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        e, c = _seq(sub)
        if high == 1 and e is not None:
            return (e | {""} if low == 0 else e), (c if low == 1 else [])
        return None, (c if low >= 1 else [])
    return None, []  # ANY, NOT_LITERAL, CATEGORY, GROUPREF...: no fixed text


def _seq(items: Iterable[Any]) -> tuple[Pieces, list[frozenset[str]]]:
    """(the strings the sequence can match, when few; the sets of pieces it requires one of each)."""
    clauses: list[frozenset[str]] = []
    run: Pieces = frozenset({""})  # the fixed strings the current stretch matches
    whole: Pieces = frozenset({""})

    def close() -> None:
        if run is not None and "" not in run:
            clauses.append(_minimal(run))

    for op, av in items:
        exact, inner = _item(op, av)
        whole = _cross(whole, exact) if whole is not None and exact is not None else None
        if exact is not None and run is not None:
            joined = _cross(run, exact)
            if joined is not None:
                run = joined
                continue
        close()
        run = exact
        if exact is None:
            clauses.extend(inner)
    close()
    return whole, clauses


def _trie_pattern(words: Iterable[str]) -> str:
    """One expression for a set of literals, shared prefixes factored (``de(?:fect|sert)``): the
    regular-expression engine then tries one branch per first character, not one per word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        if "" in node and len(node) == 1:
            return ""
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return body if "" not in node else ""  # a shorter word is a prefix: it alone suffices

    return build(trie)


@dataclass(frozen=True)
class TriggerGate:
    """The compiled pieces of every trigger. ``regex`` finds the rarest pieces of every trigger in
    one scan (no piece holds another, so at most one starts at any offset and ``every`` finds them
    all); each trigger a found piece belongs to (``owners``) must then also have one piece of each
    of its other sets (``clauses``). ``open`` when some trigger has no piece: every text passes."""

    pieces: frozenset[str]
    regex: re.Pattern[str]
    every: re.Pattern[str]
    owners: dict[str, tuple[int, ...]]
    clauses: tuple[tuple[frozenset[str], ...], ...]
    open: bool = False

    def hits(self, text: str) -> bool:
        """Whether any trigger of any language may match in ``text``."""
        if self.open:
            return True
        folded = text.casefold()
        first = self.regex.search(folded)
        if first is None:
            return False
        seen: set[int] = set()
        for m in self.every.finditer(folded, first.start()):
            for i in self.owners[m.group(1)]:
                if i not in seen:
                    seen.add(i)
                    if all(any(p in folded for p in c) for c in self.clauses[i]):
                        return True
        return False


def _minimal(pieces: Iterable[str]) -> frozenset[str]:
    """Drop a piece containing another (the shorter already fires wherever it occurs)."""
    ordered = sorted(set(pieces), key=len)
    kept: list[str] = []
    for p in ordered:
        if not any(k in p for k in kept):
            kept.append(p)
    return frozenset(kept)


def build_gate(patterns: Iterable[str]) -> TriggerGate:
    """A gate over ``patterns`` (case-insensitive trigger expressions); their pieces are derived
    once per set of patterns and kept in the user's cache (``loader.cached``)."""
    patterns = list(patterns)
    per_trigger = cached(["trigger gate", *patterns], lambda: [required_clauses(p) for p in patterns])
    is_open = any(not c for c in per_trigger)
    clauses = tuple(c for c in per_trigger if c)
    kept = _minimal(p for c in clauses for p in c[0])
    owners: dict[str, set[int]] = {k: set() for k in kept}
    for i, c in enumerate(clauses):
        for q in c[0]:
            for k in kept:
                if k in q:  # wherever q occurs, k does
                    owners[k].add(i)
    trie = _trie_pattern(kept) or r"(?!x)x"
    return TriggerGate(
        kept,
        re.compile(trie),
        re.compile(f"(?=({trie}))"),
        {k: tuple(sorted(v)) for k, v in owners.items()},
        clauses,
        is_open,
    )


def _all_patterns() -> list[str]:
    return [p for lang in available_languages() for p in trigger_patterns(lang)]


@cache
def trigger_gate() -> TriggerGate:
    """The gate over the triggers of every language with extraction data (built once per process)."""
    return build_gate(_all_patterns())


def unbounded_triggers() -> list[str]:
    """``lang:id`` of each trigger from which no literal piece can be derived (it opens the gate)."""
    return [
        f"{lang}:{t.id}"
        for lang in available_languages()
        for t in language_data(lang).triggers
        if not required_clauses(t.regex.pattern)
    ]
