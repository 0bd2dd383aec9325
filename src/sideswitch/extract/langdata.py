"""Per-language extraction data (``lexicon/data/extract/<lang>.yaml``), validated and compiled.

Adding a language is adding one YAML file with the same keys: triggers,
cues, number words, weapons. Every file is checked against ``SCHEMA`` on load
and every problem is reported with its line (``LexiconError``); each regular
expression is compiled so a bad pattern is reported too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import LexiconError
from ..lexicon.loader import data_path, load_yaml

__all__ = ["LanguageData", "Trigger", "language_data", "available_languages"]

_PAT = {"type": "string", "minLength": 1}
_PATS = {"type": "array", "items": _PAT}
_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["language", "triggers", "negative_cues", "generic_cues", "offer_cues", "negation_cues",
                 "claim_cues", "force_nouns", "fighter_nouns", "armed_words", "speech_verbs", "weapons",
                 "number_words"],
    "properties": {
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "triggers": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["id", "pattern", "kind", "object"], "additionalProperties": False,
            "properties": {"id": _PAT, "pattern": _PAT,
                           "kind": {"enum": ["defection", "surrender", "desertion"]},
                           "object": {"enum": ["to", "from", "none"]},
                           "needs": {"enum": ["armed_object", "force_subject", "none"]},
                           "noun": {"type": "boolean"}, "strong": {"type": "boolean"},
                           "direct": {"type": "boolean"}, "crossing": {"type": "boolean"},
                           "reversal": {"type": "boolean"},
                           "confidence": {"type": "number", "minimum": 0, "maximum": 1}}}},
        "negative_cues": {"type": "array", "items": {
            "type": "object", "required": ["id", "pattern", "scope"], "additionalProperties": False,
            "properties": {"id": _PAT, "pattern": _PAT, "scope": {"enum": ["sentence", "clause", "trigger"]},
                           "applies_to": _WORDS, "unless": _PAT, "case_sensitive": {"type": "boolean"}}}},
        "generic_cues": _PATS, "running_total_cues": _PATS, "offer_cues": _PATS, "negation_cues": _PATS,
        "historical_cues": _PATS, "weapon_cues": _PATS, "companion_cues": _PATS,
        "claim_cues": {"type": "object", "additionalProperties": False,
                       "properties": {k: _PATS for k in ("denies", "doubts", "downplays", "asserts")}},
        "force_nouns": _WORDS, "state_nouns": _WORDS, "person_nouns": _WORDS, "non_combatants": _WORDS, "fighter_nouns": _WORDS, "armed_words": _WORDS,
        "side_to": _PATS, "act_references": _PATS, "another_words": _PATS,
        "subject_pronouns": _WORDS, "definite_subjects": _PATS, "modal_cues": _PATS, "attempt_cues": _PATS,
        "determiners": _WORDS, "announce_verbs": _PATS, "complementizers": _PATS,
        "claim_verbs": _PATS, "according_to": _PATS, "phrase_stops": _WORDS, "speech_verbs": _WORDS, "titles": _WORDS, "name_stopwords": _WORDS, "org_words": _WORDS,
        "weapons": {"type": "array", "items": {"type": "object", "required": ["item", "pattern"],
                                               "additionalProperties": False,
                                               "properties": {"item": _PAT, "pattern": _PAT}}},
        "vague_counts": {"type": "array", "items": {"type": "object", "required": ["pattern", "min", "max"],
                                                    "additionalProperties": False,
                                                    "properties": {"pattern": _PAT, "min": {"type": "integer"},
                                                                   "max": {"type": "integer"}}}},
        "count_modifiers": {"type": "array", "items": {"type": "object", "required": ["pattern", "low", "high"],
                                                       "additionalProperties": False,
                                                       "properties": {"pattern": _PAT, "low": {"type": "number"},
                                                                      "high": {"type": "number"}}}},
        "number_words": {"type": "object", "additionalProperties": {"type": "integer"}},
        "thousands_separators": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 1}},
        "multipliers": {"type": "object", "additionalProperties": {"type": "integer"}},
        "ordinals": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 2}},
    },
}


@dataclass(frozen=True)
class Trigger:
    id: str
    regex: re.Pattern
    kind: str
    object: str
    needs: str
    noun: bool
    strong: bool = False       # says by itself that someone left a side
    direct: bool = False       # the side joined follows the pattern directly
    crossing: bool = False     # crossing into another state's territory
    reversal: bool = False     # reverses the actor's previous move
    confidence: float = 0.55   # base confidence of an event anchored on it


@dataclass(frozen=True)
class LanguageData:
    """Compiled extraction data of one language."""

    language: str
    triggers: tuple[Trigger, ...]
    negative: tuple[tuple[str, re.Pattern, str, frozenset, re.Pattern | None], ...]
    generic: re.Pattern
    running_total: re.Pattern
    offer: re.Pattern
    negation: re.Pattern
    historical: re.Pattern
    weapon_cue: re.Pattern
    companion: re.Pattern
    claims: dict[str, re.Pattern]
    force_nouns: frozenset
    state_nouns: frozenset
    fighter_nouns: frozenset
    armed_words: tuple[str, ...]
    person_nouns: frozenset     # neutral nouns a headcount attaches to ("men", "hombres", "hommes")
    non_combatants: frozenset   # people who came along but are not counted ("families", "civils")
    speech: re.Pattern
    weapons: tuple[tuple[str, re.Pattern], ...]
    vague: tuple[tuple[re.Pattern, int, int], ...]
    modifiers: tuple[tuple[re.Pattern, float, float], ...]
    number_words: dict[str, int]
    thousands: str         # characters that group thousands in written numbers ("4,000", "2 000")
    multipliers: dict[str, int]
    ordinals: dict[str, int]
    ordinal_member: re.Pattern | None   # "a fourth guardsman": an ordinal before a force or fighter noun
    ordinal_word: re.Pattern | None     # any ordinal ("the second mass surrender")
    titles: tuple[str, ...]
    name_stopwords: frozenset
    org_words: frozenset
    side_to: re.Pattern    # what introduces the side joined after a trigger ("to", "a", "aux"), up to its name
    act_reference: re.Pattern   # a later sentence speaks of the act ("the report", "la información", "l'information")
    another: re.Pattern    # "also", "another", "otros", "autres": a new act, not one told before
    pronoun: re.Pattern    # a pronoun subject before the trigger ("he", "él", "il"): the actor was named before
    definite: re.Pattern   # a definite subject ("the general", "los soldados", "les militaires", "they")
    modal: re.Pattern      # shortly before a trigger: a hypothetical act ("may", "podría", "pourraient")
    attempt: re.Pattern    # right before a trigger: an attempt, which is reported as an act ("tried to")
    announce: re.Pattern   # a side announces an act (the announcing side is usually the one gaining): "claimed", "affirment"
    claim_verbs: re.Pattern     # case-sensitive: the verb of a claim; its speaker is the phrase before it
    according: re.Pattern       # "according to X" / "según X" / "selon X": group 1 is the speaker
    phrase_stop: re.Pattern     # a word that ends a speaker's phrase going back ("and", "y", "et")
    complementizer: str    # regex: what opens a reported clause after a speech verb ("that ", "que ", "qu'")
    determiners: frozenset  # words that open a noun phrase ("the", "los", "les"): a role starts after the last one


def _union(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.I)


def _compile(data: dict, filename: str) -> LanguageData:
    problems = []

    def rx(p: str, where: str, flags=re.I) -> re.Pattern:
        try:
            return re.compile(p, flags)
        except re.error as e:
            problems.append((None, f"{where}: bad regular expression {p!r} ({e})"))
            return re.compile(r"(?!x)x")

    trig = tuple(Trigger(t["id"], rx(t["pattern"], f"trigger {t['id']}"), t["kind"], t["object"],
                         t.get("needs", "none"), bool(t.get("noun")), bool(t.get("strong")), bool(t.get("direct")),
                         bool(t.get("crossing")), bool(t.get("reversal")), float(t.get("confidence", 0.55)))
                 for t in data["triggers"])
    ids = [t.id for t in trig]
    problems += [(None, f"trigger id {i!r} is listed twice") for i in {i for i in ids if ids.count(i) > 1}]
    neg = tuple((c["id"], rx(c["pattern"], f"negative cue {c['id']}", 0 if c.get("case_sensitive") else re.I),
                 c["scope"], frozenset(c.get("applies_to", [])),
                 rx(c["unless"], f"negative cue {c['id']}") if c.get("unless") else None)
                for c in data["negative_cues"])
    for group in ("generic_cues", "running_total_cues", "offer_cues", "negation_cues", "historical_cues",
                  "weapon_cues", "companion_cues", "side_to", "act_references", "another_words", "definite_subjects", "modal_cues", "attempt_cues", "announce_verbs", "complementizers", "claim_verbs", "according_to"):
        for p in data.get(group, []):
            rx(p, group)
    if problems:
        raise LexiconError(filename, problems)
    low = lambda key: frozenset(w.lower() for w in data.get(key, []))
    return LanguageData(
        language=data["language"], triggers=trig, negative=neg,
        generic=_union(data["generic_cues"]), running_total=_union(data.get("running_total_cues", [])),
        offer=_union(data["offer_cues"]), negation=_union(data["negation_cues"]),
        historical=_union(data.get("historical_cues", [])), weapon_cue=_union(data.get("weapon_cues", [])),
        companion=_union(data.get("companion_cues", [])),
        claims={k: _union(v) for k, v in data["claim_cues"].items()},
        force_nouns=low("force_nouns"), state_nouns=low("state_nouns"), fighter_nouns=low("fighter_nouns"),
        person_nouns=low("person_nouns"), non_combatants=low("non_combatants"),
        armed_words=tuple(sorted((w.lower() for w in data["armed_words"]), key=len, reverse=True)),
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
        if data.get("ordinals") else None,
        titles=tuple(sorted(set(data.get("titles", [])), key=len, reverse=True)),
        name_stopwords=frozenset(data.get("name_stopwords", [])), org_words=frozenset(data.get("org_words", [])),
        side_to=re.compile(r"^\W{0,3}(?:[\w'’.,()-]+\s+){0,9}?(?:" + "|".join(data.get("side_to", [])) +
                           r")(?:\s+|(?<=['’]))" if data.get("side_to") else r"(?!x)x", re.I),
        act_reference=_words(data.get("act_references", [])), another=_words(data.get("another_words", [])),
        pronoun=re.compile(r"\b(?:" + "|".join(map(re.escape, data["subject_pronouns"])) + r")\b")
        if data.get("subject_pronouns") else re.compile(r"(?!x)x"),
        definite=_words(data.get("definite_subjects", [])), determiners=low("determiners"),
        announce=_words(data.get("announce_verbs", [])),
        complementizer="|".join(data.get("complementizers", [])) or r"(?!x)x",
        claim_verbs=re.compile(r"\b(?:" + "|".join(data["claim_verbs"]) + r")\b") if data.get("claim_verbs")
        else re.compile(r"(?!x)x"),
        according=re.compile(r"\b(?:" + "|".join(data["according_to"]) + r")\s+([^,.;“”\"]{2,80})")
        if data.get("according_to") else re.compile(r"(?!x)x"),
        phrase_stop=re.compile(r"(?:^|[,;:“”\"(]" + "".join(r"|\b" + re.escape(w) + r"\b" for w in data.get("phrase_stops", []))
                               + r")\s*$"),
        modal=re.compile(r"\b(?:" + "|".join(data["modal_cues"]) + r")\b[^.;]*$", re.I)
        if data.get("modal_cues") else re.compile(r"(?!x)x"),
        attempt=re.compile(r"\b(?:" + "|".join(data["attempt_cues"]) + r")\s*$", re.I)
        if data.get("attempt_cues") else re.compile(r"(?!x)x"),
    )


def _words(patterns: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b" if patterns else r"(?!x)x", re.I)


def _ordinal_member(data: dict) -> re.Pattern | None:
    ordinals = [k.lower() for k in data.get("ordinals", {})]
    if not ordinals:
        return None
    nouns = {w.lower() for w in data["force_nouns"] + data["fighter_nouns"]}
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"\b({alt(ordinals)})\s+(?:[\w'’-]+\s+){{0,2}}?({alt(nouns)})\b", re.I)


def available_languages() -> list[str]:
    return sorted(p.name[:-5] for p in data_path("extract").iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def language_data(lang: str) -> LanguageData:
    """Compiled data for ``lang``; English when the language has no data file."""
    if lang not in available_languages():
        lang = "en"
    name = f"extract/{lang}.yaml"
    return _compile(load_yaml(data_path("extract", f"{lang}.yaml"), SCHEMA, filename=name), name)
