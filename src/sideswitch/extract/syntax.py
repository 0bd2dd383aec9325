"""The grammatical frame of a trigger, from a trained dependency parse (spaCy).

Rules read the arguments of an act from the parse, not from character windows:

    "Twelve Boko Haram fighters surrendered to security forces in Chad on Friday."
        -> subject "Twelve Boko Haram fighters", joined "security forces" (not "Chad")
    "Houthi deputy minister Ali Nasser defected to Riyadh last week."
        -> subject "Houthi deputy minister Ali Nasser", joined "Riyadh"
    "Captain Omar Haddad is the second border guard to defect this year."
        -> subject "Captain Omar Haddad" (the subject of the copula whose attribute the act describes)
    "Two al-Shabaab commanders broke ties with the group last spring."
        -> left "the group"

Which prepositions introduce the side joined or the side left, and which pipeline parses a
language, are language data (``syntax:`` in ``lexicon/data/extract/<lang>.yaml``); the code only
walks dependency relations, which are the same for the English (ClearNLP) and the Universal
Dependencies (French, Spanish) label sets up to the few names listed below.

Only sentences with a kept trigger are parsed, each once per process (an LRU cache keyed by text).
"""

from __future__ import annotations

import importlib
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..lexicon.langdata import SyntaxConfig

__all__ = ["Frame", "SyntaxModels", "SyntaxConfig", "frame_of"]

# Parses kept per process: a document's candidate sentences are re-read within the document only,
# and a parse holds its token arrays (tens of KB), so a small cache bounds memory.
PARSE_CACHE = 256
# Sentences parsed together (spaCy's nlp.pipe): a document's candidate sentences fit in one batch.
PIPE_BATCH = 64
# Longest sentence parsed (characters); longer ones keep the rule-based arguments only.
MAX_PARSE_CHARS = 1200

_SUBJECT = {"nsubj", "nsubjpass", "nsubj:pass", "csubj"}
_OBJECT = {"dobj", "obj"}
_PREP = {"prep"}  # ClearNLP: verb -prep-> "to" -pobj-> noun
_PREP_OBJECT = {"pobj"}
_OBLIQUE = {"obl", "obl:arg", "obl:mod", "nmod", "iobj", "obl:agent"}  # UD: verb -obl-> noun -case-> "à"
_CASE = {"case"}
_CLIMB = {"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "acl:relcl", "pcomp"}
_NOUNISH = {"NOUN", "PROPN", "PRON", "NUM"}
_PHRASE_CUT = {"relcl", "acl:relcl", "acl", "punct", "cc", "advcl", "appos", "parataxis"}


@dataclass(frozen=True)
class Frame:
    """Sentence offsets of the act's arguments (None where the parse names none)."""

    subject: tuple[int, int] | None = None
    joined: tuple[int, int] | None = None
    left: tuple[int, int] | None = None
    subject_kind: str | None = None  # named | pronoun | group | singular
    other_subjects: tuple[tuple[int, int], ...] = ()  # subjects of other verbs of the sentence
    anchor_dep: str | None = None  # the trigger verb's relation to its head ("advcl": "after X pledged ...")
    reporter: tuple[int, int] | None = None  # "X said on radio he had switched sides": X
    subject_core: tuple[int, int] | None = None  # the subject's head with its compounds and appositions:
    # where the defector's name may stand (not "loyal to X")
    subject_indefinite: bool = False  # "a nephew of the minister ...": someone not told of before


class SyntaxModels:
    """Trained pipelines per language, loaded on first use, once per process.

    Pickles by model name and version, not by content: the pipelines come from installed
    packages pinned by version (their names are in the language data), so a worker process
    loads its own copy, and raises ConfigError if its installed version is not the one the
    pickling process had loaded."""

    def __init__(self, expected: dict[str, tuple[str, str]] | None = None) -> None:
        self._nlp: dict[str, Any] = {}
        self._cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._versions: dict[str, tuple[str, str]] = {}  # language -> (model, version) loaded here
        self._expected = dict(expected or {})  # language -> (model, version) the pickling process had

    def __reduce__(self) -> tuple[type, tuple[dict[str, tuple[str, str]]]]:
        return (SyntaxModels, ({**self._expected, **self._versions},))

    def pipeline(self, lang: str, config: SyntaxConfig) -> Any:
        nlp = self._nlp.get(lang)
        if nlp is None:
            with warnings.catch_warnings():  # es 3.1 under spaCy 3.8 warns W095 on import: measured, see README
                warnings.filterwarnings("ignore", message=r".*\[W095\].*")
                try:
                    module = importlib.import_module(config.model)
                except ImportError as e:
                    raise ConfigError(
                        f"the trained pipeline '{config.model}' for language '{lang}' is not installed. "
                        f"Install it with: {config.install}"
                    ) from e
                nlp = module.load(exclude=["lemmatizer"] if lang != "en" else [])
            loaded = (config.model, str(nlp.meta.get("version", "")))
            if self._expected.get(lang, loaded) != loaded:
                model, version = self._expected[lang]
                raise ConfigError(
                    f"the trained pipeline for '{lang}' here is {loaded[0]} {loaded[1]}, not the {model} {version} "
                    f"the lexicon was built with. Install it with: {config.install}"
                )
            self._versions[lang] = loaded
            self._nlp[lang] = nlp
        return nlp

    def prefetch(self, texts: list[str], lang: str, config: SyntaxConfig) -> None:
        """Parse the sentences a document will ask for in one batch (``nlp.pipe``: cheaper per
        sentence than one call each); they then come from the cache."""
        todo = list(dict.fromkeys(t for t in texts if (lang, t) not in self._cache and len(t) <= MAX_PARSE_CHARS))
        if len(todo) < 2:
            return
        for text, doc in zip(todo, self.pipeline(lang, config).pipe(todo, batch_size=PIPE_BATCH), strict=True):
            self._cache[(lang, text)] = doc
        while len(self._cache) > PARSE_CACHE:
            self._cache.popitem(last=False)

    def parse(self, text: str, lang: str, config: SyntaxConfig) -> Any:
        key = (lang, text)
        doc = self._cache.get(key)
        if doc is not None:
            self._cache.move_to_end(key)
            return doc
        doc = self.pipeline(lang, config)(text)
        self._cache[key] = doc
        if len(self._cache) > PARSE_CACHE:
            self._cache.popitem(last=False)
        return doc


def _tokens_in(doc: Any, a: int, b: int) -> list[Any]:
    """The tokens overlapping characters ``a:b``: found by offset, not by walking the doc (a
    long sentence has many triggers, and each walk was the sentence's length)."""
    span = doc.char_span(a, b, alignment_mode="expand") if b > a else None
    if span is None:
        return [t for t in doc if t.idx < b and a < t.idx + len(t.text)]
    return [t for t in span if t.idx < b and a < t.idx + len(t.text)]


def _anchor(tokens: list[Any]) -> Any | None:
    """The verb (or noun) heading the trigger's words: the token whose head lies outside them."""
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")] or [t for t in tokens if t.pos_ == "VERB"]
    return (verbs or heads or tokens)[0]


def _span(tok: Any, keep_preps: frozenset[str] = frozenset(), cut: set[str] = _PHRASE_CUT) -> tuple[int, int]:
    """The noun phrase of ``tok``: its subtree without relative clauses, appositions, punctuation
    and prepositional modifiers other than ``keep_preps`` ("security forces in Chad" -> "security
    forces"; "troops of the 33rd battalion" stays whole). Offsets in the parsed text."""

    def kept(c: Any) -> bool:
        if c.dep_ in cut:
            return False
        if c.dep_ in _PREP:
            return c.lower_ in keep_preps
        if c.dep_ in _OBLIQUE:
            case = [g.lower_ for g in c.children if g.dep_ in _CASE]
            return not case or any(w in keep_preps for w in case)
        return True

    keep = [tok]
    stack = [c for c in tok.children if kept(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if kept(c))
    lo = min(t.idx for t in keep)
    hi = max(t.idx + len(t.text) for t in keep)
    return lo, hi


def _prep_object(verb: Any, preps: frozenset[str]) -> Any | None:
    """The noun introduced by one of ``preps`` on ``verb`` (either label set)."""
    for c in verb.children:
        if c.dep_ in _PREP and c.lower_ in preps:
            obj = next((g for g in c.children if g.dep_ in _PREP_OBJECT), None)
            if obj is not None:
                return obj
        if (c.dep_ in _OBLIQUE or c.dep_ in _OBJECT) and c.pos_ in _NOUNISH:
            case = [g for g in c.children if g.dep_ in _CASE]
            if case and " ".join(g.lower_ for g in case) in preps or any(g.lower_ in preps for g in case):
                return c
    return None


def _direct_object(verb: Any) -> Any | None:
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in _OBJECT and c.pos_ in _NOUNISH and not any(g.dep_ in _CASE for g in c.children)
        ),
        None,
    )


def _subject(verb: Any) -> Any | None:
    """The subject of ``verb``, climbing through infinitives, coordination and relative clauses:
    "X offered to defect" -> X; "X left and defected" -> X; "a colonel who defected" -> colonel;
    "X is the second guard to defect" -> X."""
    tok = verb
    for _ in range(6):
        if tok.dep_ in ("dobj", "obj") and any(c.dep_ in ("poss", "nmod:poss") for c in tok.children):
            tok = (
                tok.head
            )  # "X announced his defection": the possessor is the announcer (golden: document-side-carries)
            continue
        subj = next((c for c in tok.children if c.dep_ in _SUBJECT), None)
        if subj is not None:
            if (
                subj.pos_ == "PRON"
                and subj.lower_ in ("who", "that", "which", "quien", "qui", "que")
                and tok.dep_ in ("relcl", "acl:relcl")
            ):
                return _copula_subject(tok.head)
            return subj
        if tok.dep_ in ("relcl", "acl:relcl", "acl") and tok.head.pos_ in _NOUNISH:
            return _copula_subject(tok.head)
        if tok.dep_ in _CLIMB and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None


def _copula_subject(noun: Any) -> Any:
    """ "X is the second guard": the guard is X."""
    if noun.dep_ in ("attr", "ROOT") and noun.head.lemma_ in ("be", "ser", "être", "estar"):
        subj = next((c for c in noun.head.children if c.dep_ in _SUBJECT), None)
        if subj is not None:
            return subj
    if noun.dep_ == "ROOT":  # UD: the copula hangs off the predicate noun
        subj = next((c for c in noun.children if c.dep_ in _SUBJECT), None)
        if subj is not None and any(c.dep_ == "cop" for c in noun.children):
            return subj
    return noun


def frame_of(doc: Any, start: int, end: int, config: SyntaxConfig, *, direct: bool, leaves: bool) -> Frame:
    """The frame of the trigger at ``start:end`` (offsets in the parsed text).

    ``direct``: the trigger's direct object is the side joined ("joined X", "rallied X");
    ``leaves``: its direct object is the side left ("deserted X", "quit X")."""
    inside = _tokens_in(doc, start, end)
    verb = _anchor(inside)
    if verb is None:
        return Frame()
    joined = left = None
    trigger = [t for t in inside if start <= t.idx < end]
    chain = _verb_chain(verb, trigger)
    for t in trigger:  # "broke ties with X": a preposition written inside the trigger introduces the side left
        if t.lower_ in config.trigger_left_preps:
            left = left or next((g for g in t.children if g.dep_ in _PREP_OBJECT), None)
    for v in chain:
        joined = joined or _prep_object(v, config.joined_preps)
        left = left or _prep_object(v, config.left_preps)
        obj = _direct_object(v)
        if obj is not None and obj.lower_ in config.pledge_nouns:  # "pledged allegiance to X"
            joined = joined or _prep_object(obj, config.joined_preps)
        elif obj is not None and direct and not joined:
            joined = obj
        elif obj is not None and leaves and not left:
            left = obj
    subj = _subject(verb)
    kp = config.keep_preps
    chain_ids = {v.i for v in chain}
    reporter = None
    if subj is not None and subj.pos_ == "PRON" and verb.dep_ == "ccomp":  # "X said on radio he had switched sides"
        said = next((c for c in verb.head.children if c.dep_ in _SUBJECT), None)
        if said is not None and said.pos_ != "PRON":
            reporter = (said.left_edge.idx, said.right_edge.idx + len(said.right_edge.text))  # whole subtree
    return Frame(
        subject=_span(subj, kp, _PHRASE_CUT - {"appos"}) if subj is not None else None,
        joined=_span(joined, kp) if joined is not None else None,
        left=_span(left, kp) if left is not None else None,
        subject_kind=_kind(subj) if subj is not None else None,
        reporter=reporter,
        anchor_dep=verb.dep_,
        subject_core=_core(subj) if subj is not None else None,
        subject_indefinite=subj is not None
        and any(t.dep_ == "det" and "Ind" in t.morph.get("Definite") for t in subj.children),
        other_subjects=tuple(
            _span(t, kp, _PHRASE_CUT - {"appos"})
            for t in doc
            if t.dep_ in _SUBJECT and t.head is not verb and t is not subj and t.head.i not in chain_ids
        ),
    )


_CORE = {"compound", "appos", "flat", "flat:name", "nmod:poss", "poss", "amod", "det", "nummod", "punct", "case"}


def _core(tok: Any) -> tuple[int, int]:
    """The head noun with the words that name it ("Brig. Gen. X", "X, a commander"), not the
    prepositional phrases that attach someone else ("a commander loyal to X")."""
    keep, stack = [tok], [c for c in tok.children if c.dep_ in _CORE and not (c.dep_ == "amod" and c.i > tok.i)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ in _CORE and not (t.dep_ == "amod" and c.dep_ != "advmod"))
    return min(t.idx for t in keep), max(t.idx + len(t.text) for t in keep)


def _kind(tok: Any) -> str:
    """named | pronoun | group | singular, as the rules name a subject."""
    if tok.pos_ == "PRON":
        return "pronoun"
    if tok.pos_ == "NUM" or tok.like_num:  # "four of the guards" ("Four" opening a sentence is tagged PROPN)
        return "group"
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        return "named"
    if tok.morph.get("Number") == ["Plur"] or tok.tag_ in ("NNS", "NNPS"):
        return "group"
    return "singular"


def _verb_chain(verb: Any, trigger: list[Any]) -> list[Any]:
    """The anchor and the words of the trigger that govern objects ("switched sides to",
    "broke ties with", "went over to"): every token of the trigger span heads a candidate."""
    return [verb] + [t for t in trigger if t is not verb]


def of_coordinated_verb(doc: Any, triggers: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether the phrase at ``a:b`` belongs to another verb coordinated after the act's trigger
    (the first of ``triggers``; the others are words of the same act: "ont déposé les armes et se
    sont rendus à X") — "switched to the army and later thanked his family at a rally
    in X": X is where he spoke, not where he switched; golden: place-of-a-later-verb."""
    trigger = _tokens_in(doc, *triggers[0])
    verb = _anchor(trigger)
    phrase = _tokens_in(doc, a, b)
    if verb is None or not phrase:
        return False
    tok, seen = phrase[0], 0
    while tok.head is not tok and tok.pos_ not in ("VERB", "AUX") and seen < 40:
        tok, seen = tok.head, seen + 1
    ids = {t.i for start, end in triggers for t in _tokens_in(doc, start, end)}
    return tok.pos_ == "VERB" and tok.i not in ids and tok.dep_ == "conj" and tok.head.i == verb.i


def in_subject(doc: Any, triggers: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether the phrase at ``a:b`` lies inside the subject of the act's trigger (the first of
    ``triggers``) with everything the subject governs: "a fighter of the group in X region
    surrendered ... in Y": X is where the fighter served (golden: subject-place-is-not-where)."""
    verb = _anchor(_tokens_in(doc, *triggers[0]))
    phrase = _tokens_in(doc, a, b)
    if verb is None or not phrase:
        return False
    subject = _subject(verb)
    if subject is None:
        return False
    inside = {t.i for t in subject.subtree}
    if verb.i in inside:  # "a colonel who defected in X": the act's own clause is no part of it
        inside -= {t.i for t in verb.subtree}
    return all(t.i in inside for t in phrase)
