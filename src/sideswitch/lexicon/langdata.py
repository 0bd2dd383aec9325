"""Per-language extraction data (``lexicon/data/extract/<lang>.yaml``), validated and compiled.

Adding a language is adding one YAML file with the same keys: triggers,
cues, number words, weapons. Every file is checked against ``SCHEMA`` on load
and every problem is reported with its line (``LexiconError``); each regular
expression is compiled so a bad pattern is reported too.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import LexiconError
from ..lexicon.frames import FrameData, frames_path, load_frames
from ..lexicon.loader import Lines, data_path, load_yaml

__all__ = [
    "LanguageData",
    "Rule",
    "Trigger",
    "SyntaxConfig",
    "language_data",
    "load_language_data",
    "available_languages",
    "per_language",
    "without_rule",
]

log = logging.getLogger(__name__)
T = TypeVar("T")
_BUILT: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def per_language(fn: Callable[[LanguageData], T]) -> Callable[[LanguageData], T]:
    """``fn(data)`` computed once per language's data: expressions and sets built from the words
    (built per call they cost more than matching them, and push others out of ``re``'s cache).
    The entry keeps the data object, so an id reused after it is freed never finds another's."""

    def once(data: LanguageData) -> T:
        key = (fn.__module__, fn.__qualname__, id(data))
        hit = _BUILT.get(key)
        if hit is None or hit[0] is not data:
            hit = _BUILT[key] = (data, fn(data))
        return hit[1]

    once.__doc__, once.__name__ = fn.__doc__, fn.__name__
    return once


_PAT = {"type": "string", "minLength": 1}
_PATS = {"type": "array", "items": _PAT}
_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "language",
        "triggers",
        "negative_cues",
        "generic_cues",
        "offer_cues",
        "negation_cues",
        "claim_cues",
        "force_nouns",
        "fighter_nouns",
        "armed_words",
        "speech_verbs",
        "weapons",
        "number_words",
    ],
    "properties": {
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "triggers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "pattern", "kind", "object"],
                "additionalProperties": False,
                "properties": {
                    "id": _PAT,
                    "pattern": _PAT,
                    "kind": {"enum": ["defection", "surrender", "desertion"]},
                    "object": {"enum": ["to", "from", "none"]},
                    "needs": {"enum": ["armed_object", "force_subject", "none"]},
                    "noun": {"type": "boolean"},
                    "strong": {"type": "boolean"},
                    "direct": {"type": "boolean"},
                    "crossing": {"type": "boolean"},
                    "reversal": {"type": "boolean"},
                    "renounce": {"type": "boolean"},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                },
            },
        },
        "negative_cues": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "pattern", "scope"],
                "additionalProperties": False,
                "properties": {
                    "id": _PAT,
                    "pattern": _PAT,
                    "scope": {"enum": ["sentence", "clause", "trigger"]},
                    "applies_to": _WORDS,
                    "unless": _PAT,
                    "case_sensitive": {"type": "boolean"},
                },
            },
        },
        "generic_cues": _PATS,
        "running_total_cues": _PATS,
        "offer_cues": _PATS,
        "negation_cues": _PATS,
        "historical_cues": _PATS,
        "weapon_cues": _PATS,
        "companion_cues": _PATS,
        "patron_cues": _PATS,
        "kin_cues": _PATS,
        "origin_cues": _PATS,
        "listing_cues": _PATS,
        "roster_cues": _PATS,
        "included_leader_cues": _PATS,
        "alias_cues": _PATS,
        "posting_cues": _PATS,
        "claim_cues": {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: _PATS for k in ("denies", "doubts", "downplays", "asserts")},
        },
        "force_nouns": _WORDS,
        "state_nouns": _WORDS,
        "person_nouns": _WORDS,
        "non_combatants": _WORDS,
        "collective_nouns": _WORDS,
        "fighter_nouns": _WORDS,
        "armed_words": _WORDS,
        "uprising_words": _WORDS,
        "side_to": _PATS,
        "act_references": _PATS,
        "another_words": _PATS,
        "subject_pronouns": _WORDS,
        "definite_subjects": _PATS,
        "modal_cues": _PATS,
        "attempt_cues": _PATS,
        "determiners": _WORDS,
        "announce_verbs": _PATS,
        "complementizers": _PATS,
        "claim_verbs": _PATS,
        "according_to": _PATS,
        "phrase_stops": _WORDS,
        "speech_verbs": _WORDS,
        "titles": _WORDS,
        "name_stopwords": _WORDS,
        "org_words": _WORDS,
        "weapons": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["item", "pattern"],
                "additionalProperties": False,
                "properties": {"item": _PAT, "pattern": _PAT},
            },
        },
        "vague_counts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["pattern", "min", "max"],
                "additionalProperties": False,
                "properties": {"pattern": _PAT, "min": {"type": "integer"}, "max": {"type": "integer"}},
            },
        },
        "count_modifiers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["pattern", "low", "high"],
                "additionalProperties": False,
                "properties": {"pattern": _PAT, "low": {"type": "number"}, "high": {"type": "number"}},
            },
        },
        "number_words": {"type": "object", "additionalProperties": {"type": "integer"}},
        "thousands_separators": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 1}},
        "multipliers": {"type": "object", "additionalProperties": {"type": "integer"}},
        "ordinals": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 2}},
        # Language words that extract/*.py builds its expressions from, by rule name; ``why`` names
        # the golden case (tests/data/golden/<why>.yaml) that needs the rule.
        "rules": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["why"],
                "additionalProperties": False,
                "properties": {
                    "why": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                    "pattern": _PAT,
                    "words": _WORDS,
                    "parts": {"type": "object", "additionalProperties": {"type": "string"}},
                    "case_sensitive": {"type": "boolean"},
                },
            },
        },
        "syntax": {
            "type": "object",
            "required": ["model", "install"],
            "additionalProperties": False,
            "properties": {
                "model": _PAT,
                "install": _PAT,
                "keep_preps": _WORDS,
                "group_strength": _PATS,
                "receiver_nouns": _WORDS,
            },
        },
    },
}


# The sections that are plain lists of regular expressions (compiled case-insensitively), checked
# at load with file and line; one list for the compiler and the checker.
CUE_GROUPS = (
    "generic_cues",
    "running_total_cues",
    "offer_cues",
    "negation_cues",
    "historical_cues",
    "weapon_cues",
    "companion_cues",
    "patron_cues",
    "kin_cues",
    "origin_cues",
    "listing_cues",
    "roster_cues",
    "included_leader_cues",
    "alias_cues",
    "posting_cues",
    "side_to",
    "act_references",
    "another_words",
    "definite_subjects",
    "modal_cues",
    "attempt_cues",
    "announce_verbs",
    "complementizers",
    "claim_verbs",
    "according_to",
)


@dataclass(frozen=True)
class SyntaxConfig:
    """One language's syntax data: the pipeline package and the event frames (``frames/<lang>.yaml``)."""

    model: str
    install: str
    frames: FrameData  # the roles of each trigger as dependency patterns, and the labels of the scheme
    receiver_nouns: frozenset[str] = frozenset()  # "surrendered to security forces": the state's own
    keep_preps: frozenset[str] = frozenset()  # prepositions that stay inside a side's phrase ("forces of X")
    group_strength: tuple[re.Pattern[str], ...] = ()  # "a 300-strong battalion": compiled patterns, group 1 the count


@dataclass(frozen=True)
class Trigger:
    id: str
    regex: re.Pattern[str]
    kind: str
    object: str
    needs: str
    noun: bool
    strong: bool = False  # says by itself that someone left a side
    direct: bool = False  # the side joined follows the pattern directly
    crossing: bool = False  # crossing into another state's territory
    reversal: bool = False  # reverses the actor's previous move
    renounce: bool = False  # an official renouncing the regime: goes over to its adversary
    confidence: float = 0.55  # base confidence of an event anchored on it


_NEVER = r"(?!x)x"


@dataclass(frozen=True)
class Rule:
    """One entry of a language's ``rules``: the words extract/*.py builds an expression from.

    ``regex`` is the rule's whole ``pattern`` (never matches when it has none), ``words`` plain
    words (a set, or escaped into an alternation by :meth:`alt`), ``parts`` named regular
    expression fragments the code puts into its own expression (:meth:`part`). A language
    without the rule gets :data:`NO_RULE`, whose expressions never match: it gets no words of
    another language."""

    why: str
    regex: re.Pattern[str]
    words: tuple[str, ...] = ()
    parts: tuple[tuple[str, str], ...] = ()

    def part(self, name: str) -> str:
        """The fragment ``name`` as a regular expression (one that never matches when absent)."""
        return dict(self.parts).get(name) or _NEVER

    def alt(self) -> str:
        """The words as an alternation of escaped words, longest first."""
        return "|".join(map(re.escape, sorted(self.words, key=len, reverse=True))) or _NEVER


NO_RULE = Rule(why="", regex=re.compile(_NEVER))


@dataclass(frozen=True)
class LanguageData:
    """Compiled extraction data of one language."""

    language: str
    triggers: tuple[Trigger, ...]
    negative: tuple[tuple[str, re.Pattern[str], str, frozenset[Any], re.Pattern[str] | None], ...]
    generic: re.Pattern[str]
    running_total: re.Pattern[str]
    offer: re.Pattern[str]
    negation: re.Pattern[str]
    historical: re.Pattern[str]
    weapon_cue: re.Pattern[str]
    companion: re.Pattern[str]
    posting: re.Pattern[str]  # right before a party: where an official is posted, not a side ("envoy to X")
    patron: re.Pattern[str]  # right before a name: the person is a patron, not the defector ("loyal to X")
    kin: re.Pattern[str]  # right after a name: a kinsman of the person acts, not the person ("X's nephew")
    origin: re.Pattern[str]  # right before "from X": where someone travelled from, not a side ("returning from")
    included_leader: re.Pattern[str]  # "300 soldiers, including a battalion commander": ends on the leader
    listing: re.Pattern[str]  # a sentence that names the members of a group told before ("They are Lt. X, ...")
    roster: re.Pattern[
        str
    ]  # a sentence naming some members of a group of any size ("Those who surrendered included X")
    alias: re.Pattern[str]  # right before a name: another name of a person named before ("whose real name is")
    claims: dict[str, re.Pattern[str]]
    force_nouns: frozenset[Any]
    state_nouns: frozenset[Any]
    fighter_nouns: frozenset[Any]
    armed_words: tuple[str, ...]
    uprising_words: tuple[str, ...]  # an unarmed side that soldiers can defect to ("the protesters")
    person_nouns: frozenset[Any]  # neutral nouns a headcount attaches to ("men", "hombres", "hommes")
    non_combatants: frozenset[Any]  # people who came along but are not counted ("families", "civils")
    speech: re.Pattern[str]
    weapons: tuple[tuple[str, re.Pattern[str]], ...]
    vague: tuple[tuple[re.Pattern[str], int, int], ...]
    modifiers: tuple[tuple[re.Pattern[str], float, float], ...]
    number_words: dict[str, int]
    thousands: str  # characters that group thousands in written numbers ("4,000", "2 000")
    multipliers: dict[str, int]
    ordinals: dict[str, int]
    ordinal_member: re.Pattern[str] | None  # "a fourth guardsman": an ordinal before a force or fighter noun
    ordinal_word: re.Pattern[str] | None  # any ordinal ("the second mass surrender")
    titles: tuple[str, ...]
    name_stopwords: frozenset[Any]
    org_words: frozenset[Any]
    side_to: re.Pattern[str]  # what introduces the side joined after a trigger ("to", "a", "aux"), up to its name
    act_reference: re.Pattern[str]  # a later sentence speaks of the act ("the report", "la información")
    another: re.Pattern[str]  # "also", "another", "otros", "autres": a new act, not one told before
    pronoun: re.Pattern[str]  # a pronoun subject before the trigger ("he", "él", "il"): the actor was named before
    definite: re.Pattern[str]  # a definite subject ("the general", "los soldados", "les militaires", "they")
    modal: re.Pattern[str]  # shortly before a trigger: a hypothetical act ("may", "podría", "pourraient")
    attempt: re.Pattern[str]  # right before a trigger: an attempt, which is reported as an act ("tried to")
    announce: re.Pattern[str]  # a side announces an act (the announcing side usually gains): "claimed", "affirment"
    claim_verbs: re.Pattern[str]  # case-sensitive: the verb of a claim; its speaker is the phrase before it
    according: re.Pattern[str]  # "according to X" / "según X" / "selon X": group 1 is the speaker
    phrase_stop: re.Pattern[str]  # a word that ends a speaker's phrase going back ("and", "y", "et")
    complementizer: str  # regex: what opens a reported clause after a speech verb ("that ", "que ", "qu'")
    determiners: frozenset[Any]  # words that open a noun phrase ("the", "los", "les"): a role starts after the last
    syntax: SyntaxConfig | None = None  # the trained pipeline and role prepositions, when the language has one
    collective_nouns: frozenset[Any] = frozenset()  # a group told by its size: "a crew of three", "a five-man team"
    rules: dict[str, Rule] = field(default_factory=dict)  # by name: words extract/*.py builds expressions from

    def rule(self, name: str) -> Rule:
        """The rule ``name`` of this language, :data:`NO_RULE` when it has none."""
        return self.rules.get(name, NO_RULE)


def without_rule(data: LanguageData, name: str) -> LanguageData:
    """A copy of ``data`` in which the rule ``name`` never matches: its pattern never matches and
    it has no words and no parts, as for a language without the rule (:data:`NO_RULE`); its
    ``why`` stays. Extraction with it (``Lexicon.with_language``) shows what the rule changes;
    ``data`` itself is untouched. LexiconError when ``data`` has no rule ``name``."""
    if name not in data.rules:
        raise LexiconError(
            f"extract/{data.language}.yaml", [(None, f"no rule {name!r} (have: {', '.join(sorted(data.rules))})")]
        )
    rules = {**data.rules, name: dataclasses.replace(NO_RULE, why=data.rules[name].why)}
    return dataclasses.replace(data, rules=rules)


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.I)


def _compile(data: dict[str, Any], filename: str, frames_file: Any = None) -> LanguageData:
    problems = []

    def rx(p: str, where: str, flags: Any = re.I) -> re.Pattern[str]:
        try:
            return re.compile(p, flags)
        except re.error as e:
            problems.append((None, f"{where}: bad regular expression {p!r} ({e})"))
            return re.compile(r"(?!x)x")

    trig = tuple(
        Trigger(
            t["id"],
            rx(t["pattern"], f"trigger {t['id']}"),
            t["kind"],
            t["object"],
            t.get("needs", "none"),
            bool(t.get("noun")),
            bool(t.get("strong")),
            bool(t.get("direct")),
            bool(t.get("crossing")),
            bool(t.get("reversal")),
            renounce=bool(t.get("renounce")),
            confidence=float(t.get("confidence", 0.55)),
        )
        for t in data["triggers"]
    )
    ids = [t.id for t in trig]
    problems += [(None, f"trigger id {i!r} is listed twice") for i in {i for i in ids if ids.count(i) > 1}]
    neg = tuple(
        (
            c["id"],
            rx(c["pattern"], f"negative cue {c['id']}", 0 if c.get("case_sensitive") else re.I),
            c["scope"],
            frozenset(c.get("applies_to", [])),
            rx(c["unless"], f"negative cue {c['id']}") if c.get("unless") else None,
        )
        for c in data["negative_cues"]
    )
    for group in CUE_GROUPS:
        for p in data.get(group, []):
            rx(p, group)
    rules = dict(
        (
            name,
            Rule(
                why=r["why"],
                regex=rx(r["pattern"], f"rule {name}", 0 if r.get("case_sensitive") else re.I)
                if r.get("pattern")
                else re.compile(_NEVER),
                words=tuple(r.get("words", [])),
                parts=tuple((k, v) for k, v in r.get("parts", {}).items() if rx(v, f"rule {name}, part {k}")),
            ),
        )
        for name, r in sorted(data.get("rules", {}).items())
    )
    if problems:
        raise LexiconError(filename, problems)

    def low(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, []))

    return LanguageData(
        language=data["language"],
        triggers=trig,
        negative=neg,
        generic=_union(data["generic_cues"]),
        running_total=_union(data.get("running_total_cues", [])),
        offer=_union(data["offer_cues"]),
        negation=_union(data["negation_cues"]),
        historical=_union(data.get("historical_cues", [])),
        weapon_cue=_union(data.get("weapon_cues", [])),
        companion=_union(data.get("companion_cues", [])),
        patron=_union(data.get("patron_cues", [])),
        kin=_union(data.get("kin_cues", [])),
        origin=_union(data.get("origin_cues", [])),
        listing=_union(data.get("listing_cues", [])),
        roster=_union(data.get("roster_cues", [])),
        included_leader=_union(data.get("included_leader_cues", [])),
        alias=_union(data.get("alias_cues", [])),
        posting=_union(data.get("posting_cues", [])),
        claims={k: _union(v) for k, v in data["claim_cues"].items()},
        force_nouns=low("force_nouns"),
        state_nouns=low("state_nouns"),
        fighter_nouns=low("fighter_nouns"),
        person_nouns=low("person_nouns"),
        non_combatants=low("non_combatants"),
        armed_words=tuple(sorted((w.lower() for w in data["armed_words"]), key=len, reverse=True)),
        uprising_words=tuple(w.lower() for w in data.get("uprising_words", [])),
        speech=_union([re.escape(w) for w in data["speech_verbs"]]),
        weapons=tuple((w["item"], re.compile(w["pattern"])) for w in data["weapons"]),
        vague=tuple((re.compile(v["pattern"], re.I), v["min"], v["max"]) for v in data.get("vague_counts", [])),
        modifiers=tuple((re.compile(m["pattern"], re.I), m["low"], m["high"]) for m in data.get("count_modifiers", [])),
        number_words={k.lower(): v for k, v in data["number_words"].items()},
        thousands="".join(data.get("thousands_separators", [",", "."])),
        multipliers={k.lower(): v for k, v in data.get("multipliers", {}).items()},
        ordinals={k.lower(): v for k, v in data.get("ordinals", {}).items()},
        ordinal_member=_ordinal_member(data),
        ordinal_word=re.compile(r"\b(?:" + "|".join(map(re.escape, data["ordinals"])) + r")\b", re.I)
        if data.get("ordinals")
        else None,
        titles=tuple(sorted(set(data.get("titles", [])), key=len, reverse=True)),
        name_stopwords=frozenset(data.get("name_stopwords", [])),
        org_words=frozenset(data.get("org_words", [])),
        side_to=re.compile(
            r"^\W{0,3}(?:[\w'’.,()-]+\s+){0,9}?(?:" + "|".join(data.get("side_to", [])) + r")(?:\s+|(?<=['’]))"
            if data.get("side_to")
            else r"(?!x)x",
            re.I,
        ),
        act_reference=_words(data.get("act_references", [])),
        another=_words(data.get("another_words", [])),
        pronoun=re.compile(r"\b(?:" + "|".join(map(re.escape, data["subject_pronouns"])) + r")\b")
        if data.get("subject_pronouns")
        else re.compile(r"(?!x)x"),
        definite=_words(data.get("definite_subjects", [])),
        determiners=low("determiners"),
        announce=_words(data.get("announce_verbs", [])),
        complementizer="|".join(data.get("complementizers", [])) or r"(?!x)x",
        claim_verbs=re.compile(r"\b(?:" + "|".join(data["claim_verbs"]) + r")\b")
        if data.get("claim_verbs")
        else re.compile(r"(?!x)x"),
        according=re.compile(r"\b(?:" + "|".join(data["according_to"]) + r")\s+([^,.;“”\"]{2,80})")
        if data.get("according_to")
        else re.compile(r"(?!x)x"),
        phrase_stop=re.compile(
            r"(?:^|[,;:“”\"(]" + "".join(r"|\b" + re.escape(w) + r"\b" for w in data.get("phrase_stops", [])) + r")\s*$"
        ),
        modal=re.compile(r"\b(?:" + "|".join(data["modal_cues"]) + r")\b[^.;]*$", re.I)
        if data.get("modal_cues")
        else re.compile(r"(?!x)x"),
        attempt=re.compile(r"\b(?:" + "|".join(data["attempt_cues"]) + r")\s*$", re.I)
        if data.get("attempt_cues")
        else re.compile(r"(?!x)x"),
        syntax=_syntax(data.get("syntax"), data["language"], frames_file),
        collective_nouns=low("collective_nouns"),
        rules=rules,
    )


def _syntax(block: dict[str, Any] | None, lang: str, frames_file: Any = None) -> SyntaxConfig | None:
    if not block:
        return None
    frames = load_frames(frames_file or frames_path(lang), filename=f"frames/{lang}.yaml")  # the roles of its triggers

    def low(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in block.get(key, []))

    return SyntaxConfig(
        model=block["model"],
        install=block["install"],
        frames=frames,
        keep_preps=low("keep_preps"),
        receiver_nouns=low("receiver_nouns"),
        group_strength=tuple(re.compile(p, re.I) for p in block.get("group_strength", [])),
    )


def _words(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b" if patterns else r"(?!x)x", re.I)


def _ordinal_member(data: dict[str, Any]) -> re.Pattern[str] | None:
    ordinals = [k.lower() for k in data.get("ordinals", {})]
    if not ordinals:
        return None
    nouns = {w.lower() for w in data["force_nouns"] + data["fighter_nouns"]}

    def alt(words: Iterable[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return re.compile(rf"\b({alt(ordinals)})\s+(?:[\w'’-]+\s+){{0,2}}?({alt(nouns)})\b", re.I)


# Sections whose entries are regular expressions: section -> (key holding the pattern or None for a
# plain list of patterns, flags it is compiled with).
_PATTERN_SECTIONS = {
    "triggers": ("pattern", re.I),
    "negative_cues": ("pattern", 0),
    "weapons": ("pattern", 0),
    "vague_counts": ("pattern", re.I),
    "count_modifiers": ("pattern", re.I),
    **{group: (None, re.I) for group in CUE_GROUPS},
}


def _pattern_problems(data: Any, lines: Lines) -> Iterator[tuple[int | None, str]]:
    """Every regular expression of the file that does not compile, with its line."""
    for section, (key, flags) in _PATTERN_SECTIONS.items():
        entries = data.get(section) if isinstance(data, dict) else None
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            pattern = entry.get(key) if key and isinstance(entry, dict) else entry
            path = (section, i, key) if key else (section, i)
            if isinstance(pattern, str):
                try:
                    re.compile(pattern, flags)
                except re.error as e:
                    yield lines.of(path), f"{section}: bad regular expression {pattern!r} ({e})"
    rules = data.get("rules") if isinstance(data, dict) else None
    for name, rule in rules.items() if isinstance(rules, dict) else []:
        fragments: list[tuple[tuple[str, ...], Any]] = []
        if isinstance(rule, dict):
            fragments = [(("pattern",), rule.get("pattern"))]
            parts = rule.get("parts")
            fragments += [(("parts", k), v) for k, v in parts.items()] if isinstance(parts, dict) else []
        for at, pattern in fragments:
            try:
                re.compile(pattern) if isinstance(pattern, str) else None
            except re.error as e:
                yield lines.of(("rules", name, *at)), f"rules: {name}: bad regular expression {pattern!r} ({e})"
    claims = data.get("claim_cues") if isinstance(data, dict) else None
    for stance, patterns in claims.items() if isinstance(claims, dict) else []:
        for i, pattern in enumerate(patterns if isinstance(patterns, list) else []):
            try:
                re.compile(pattern, re.I) if isinstance(pattern, str) else None
            except re.error as e:
                yield lines.of(("claim_cues", stance, i)), f"claim_cues: bad regular expression {pattern!r} ({e})"
    for i, p in enumerate((data.get("negative_cues") or []) if isinstance(data, dict) else []):
        if isinstance(p, dict) and isinstance(p.get("unless"), str):
            try:
                re.compile(p["unless"], re.I)
            except re.error as e:
                yield (
                    lines.of(("negative_cues", i, "unless")),
                    f"negative_cues: bad regular expression {p['unless']!r} ({e})",
                )


def available_languages() -> list[str]:
    return sorted(p.name[:-5] for p in data_path("extract").iterdir() if p.name.endswith(".yaml"))


@cache
def language_data(lang: str) -> LanguageData:
    """Compiled data for ``lang``; English, with a warning (once per language), when the language
    has no data file."""
    if lang not in available_languages():
        log.warning(
            "no extraction data for language %r (lexicon/data/extract/%s.yaml): English words used; have: %s",
            lang,
            lang,
            ", ".join(available_languages()),
        )
        lang = "en"
    return load_language_data(data_path("extract", f"{lang}.yaml"), filename=f"extract/{lang}.yaml")


def trigger_patterns(lang: str) -> list[str]:
    """The trigger expressions of ``lang``'s file as written (validated, not compiled)."""
    data = load_yaml(
        data_path("extract", f"{lang}.yaml"), SCHEMA, filename=f"extract/{lang}.yaml", check=_pattern_problems
    )
    return [t["pattern"] for t in data["triggers"]]


def load_language_data(path: Any, filename: str | None = None) -> LanguageData:
    """Read, validate and compile one extraction-words file; every problem (schema, a bad
    regular expression...) is reported at once with its line in a LexiconError."""
    name = filename or str(path)
    data = load_yaml(path, SCHEMA, filename=name, check=_pattern_problems)
    # a copy of the data folder (``lexicon check --data-dir``) brings its own frames beside extract/
    beside = Path(path).parent.parent / "frames" / f"{data['language']}.yaml" if isinstance(path, Path) else None
    return _compile(data, name, beside if beside is not None and beside.exists() else None)
