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

The roles are found by the event frames of the language (``lexicon/data/frames/<lang>.yaml``):
spaCy ``DependencyMatcher`` patterns anchored at the trigger's tokens, built once per language and
process (:class:`SyntaxModels`) and run once per parsed sentence. Where no pattern names the
defector, a tree walk climbs to it ("X offered to defect", "a colonel who defected", "X is the
second guard to defect"); the dependency labels it follows are the frames file's ``labels``
(ClearNLP for English, Universal Dependencies for French and Spanish). Which pipeline parses a
language is ``syntax:`` in ``lexicon/data/extract/<lang>.yaml``.

Only sentences with a kept trigger are parsed, each once per process (an LRU cache keyed by text).
"""

from __future__ import annotations

import importlib
import warnings
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..lexicon.frames import FrameData, Labels
from ..lexicon.langdata import SyntaxConfig

__all__ = ["Frame", "SyntaxModels", "SyntaxConfig", "frame_of", "build_matcher"]

# Parses kept per process: a document's candidate sentences are re-read within the document only,
# and a parse holds its token arrays (tens of KB), so a small cache bounds memory.
PARSE_CACHE = 256
# Sentences parsed together (spaCy's nlp.pipe): a document's candidate sentences fit in one batch.
PIPE_BATCH = 64
# Longest sentence parsed (characters); longer ones keep the rule-based arguments only.
MAX_PARSE_CHARS = 1200

# Where a parsed sentence keeps the frame patterns' matches: anchor token -> [(pattern, role token)].
_MATCHES = "sideswitch_frame_matches"


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
    complement: tuple[int, int] | None = None  # a nominal trigger's people: "the surrender of 37 fighters"
    complement_kind: str | None = None  # as subject_kind
    complement_core: tuple[int, int] | None = None  # as subject_core
    count: tuple[int, int] | None = None  # the defectors' number ("Twelve fighters surrendered")
    place: tuple[int, int] | None = None  # a place attached to the trigger's clause
    time: tuple[int, int] | None = None  # a time attached to the trigger's clause
    frame: str | None = None  # the first event frame whose head lemmas include the trigger head's lemma
    kind: str | None = None  # that frame's kind; the trigger's own kind stays the act's


class SyntaxModels:
    """Trained pipelines per language and the matcher of each language's event frames, built on
    first use, once per process; every parse is matched once, when it is made.

    Pickles by model name and version, not by content: the pipelines come from installed
    packages pinned by version (their names are in the language data), so a worker process
    loads its own copy, and raises ConfigError if its installed version is not the one the
    pickling process had loaded."""

    def __init__(self, expected: dict[str, tuple[str, str]] | None = None) -> None:
        self._nlp: dict[str, Any] = {}
        self._matchers: dict[str, Any] = {}
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
                nlp = module.load()  # with its lemmatizer: frames are chosen by the head's lemma
            loaded = (config.model, str(nlp.meta.get("version", "")))
            if self._expected.get(lang, loaded) != loaded:
                model, version = self._expected[lang]
                raise ConfigError(
                    f"the trained pipeline for '{lang}' here is {loaded[0]} {loaded[1]}, not the {model} {version} "
                    f"the lexicon was built with. Install it with: {config.install}"
                )
            self._versions[lang] = loaded
            self._matchers[lang] = build_matcher(nlp, config.frames)
            self._nlp[lang] = nlp
        return nlp

    def _match(self, doc: Any, lang: str) -> Any:
        hits: dict[int, list[tuple[int, int]]] = {}
        for key, ids in self._matchers[lang](doc):
            rank, role_node = self._matchers[lang].roles[key]
            hits.setdefault(ids[0], []).append((rank, ids[role_node]))
        doc.user_data[_MATCHES] = hits
        return doc

    def prefetch(self, texts: list[str], lang: str, config: SyntaxConfig) -> None:
        """Parse the sentences a document will ask for in one batch (``nlp.pipe``: cheaper per
        sentence than one call each); they then come from the cache."""
        todo = list(dict.fromkeys(t for t in texts if (lang, t) not in self._cache and len(t) <= MAX_PARSE_CHARS))
        if len(todo) < 2:
            return
        for text, doc in zip(todo, self.pipeline(lang, config).pipe(todo, batch_size=PIPE_BATCH), strict=True):
            self._cache[(lang, text)] = self._match(doc, lang)
        while len(self._cache) > PARSE_CACHE:
            self._cache.popitem(last=False)

    def parse(self, text: str, lang: str, config: SyntaxConfig) -> Any:
        key = (lang, text)
        doc = self._cache.get(key)
        if doc is not None:
            self._cache.move_to_end(key)
            return doc
        doc = self._match(self.pipeline(lang, config)(text), lang)
        self._cache[key] = doc
        if len(self._cache) > PARSE_CACHE:
            self._cache.popitem(last=False)
        return doc


class _FrameMatcher:
    """A DependencyMatcher over every pattern of a frames file; ``roles`` maps a match's key to
    (the pattern's rank in the file, the index of its role node)."""

    def __init__(self, matcher: Any, roles: dict[int, tuple[int, int]]) -> None:
        self.matcher, self.roles = matcher, roles

    def __call__(self, doc: Any) -> list[tuple[int, list[int]]]:
        return list(self.matcher(doc))


def build_matcher(nlp: Any, frames: FrameData) -> _FrameMatcher:
    """The matcher of ``frames`` with ``nlp``'s vocabulary. A pattern spaCy refuses, or a
    dependency label the pipeline's parser never assigns, raises ConfigError naming the file,
    its line and the frame."""
    from spacy.matcher import DependencyMatcher

    parser = nlp.get_pipe("parser") if "parser" in nlp.pipe_names else None
    known = set(parser.labels) | {"ROOT"} if parser is not None else None
    unknown = sorted(frames.labels.all() - known) if known is not None else []
    if unknown:
        raise ConfigError(f"{frames.filename}: labels {unknown} are not assigned by the parser of '{nlp.meta['name']}'")
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    if ner is not None and not frames.labels.person_entities <= set(ner.labels):
        raise ConfigError(f"{frames.filename}: person_entities are not all entity labels of '{nlp.meta['name']}'")
    matcher = _shared_nodes(DependencyMatcher)(nlp.vocab, validate=True)
    roles: dict[int, tuple[int, int]] = {}
    for rank, p in enumerate(frames.patterns):
        where = f"{frames.filename}" + (f" line {p.line}" if p.line else "")
        what = f"frame '{p.frame}'" if p.frame else "a generic pattern"
        bad = sorted(_deps(p.nodes) - known) if known is not None else []
        if bad:
            raise ConfigError(f"{where}: {what} ({p.role}): dependency labels {bad} are not assigned by the parser")
        try:
            matcher.add(p.key, [list(p.nodes)])
        except (ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"{where}: {what} ({p.role}): bad dependency pattern: {e}") from e
        roles[nlp.vocab.strings[p.key]] = (rank, p.role_node)
    matcher.seal()
    return _FrameMatcher(matcher, roles)


def _shared_nodes(base: type) -> type:
    """spaCy's ``DependencyMatcher`` (``base``) with the same matches, found for less.

    It matches every node of every pattern as a token pattern of its own (82 for English's 28
    patterns, 47 of them distinct: a bare anchor ``{}`` nine times) and climbs from each token
    matched to its sentence's root, once per node matched. Here each distinct token pattern is
    matched once, its positions are given to every node key it stands for, and each token's root
    is found once: the same maps (``_get_keys_to_position_maps``, in the same order), so the same
    matches. ``seal()`` after the last ``add``; unsealed, or on a spaCy without the parts this reads,
    it is spaCy's own. ``tests/extract/test_frame_matcher.py`` compares the two on every corpus."""

    class SharedNodes(base):  # type: ignore[misc,valid-type]
        _shared: Any = None

        def seal(self) -> None:
            from spacy.matcher import Matcher

            try:
                nodes = [
                    (attrs, node_key)
                    for key in self._patterns
                    for pattern, node_keys in zip(self._patterns[key], self._tokens_to_key[key], strict=True)
                    for (attrs,), node_key in zip(pattern, node_keys, strict=True)
                ]
            except (AttributeError, TypeError, ValueError):  # another spaCy: stay spaCy's own
                return
            unique = Matcher(self.vocab, validate=True)
            expand: dict[int, list[Any]] = {}
            seen: dict[str, int] = {}
            for attrs, node_key in nodes:
                sig = repr(sorted(attrs.items()))
                if sig not in seen:
                    seen[sig] = self.vocab.strings.add(f"sideswitch-node-{len(seen)}")
                    unique.add(self.vocab.strings[seen[sig]], [[attrs]])
                expand.setdefault(seen[sig], []).append(node_key)
            self._shared = (unique, expand)

        def _get_keys_to_position_maps(self, doc: Any) -> Any:
            if self._shared is None:
                return super()._get_keys_to_position_maps(doc)
            unique, expand = self._shared
            heads = [t.head.i for t in doc]
            roots = []
            for i in range(len(heads)):
                j = i
                while heads[j] != j:
                    j = heads[j]
                roots.append(j)
            maps: defaultdict[int, defaultdict[Any, list[int]]] = defaultdict(lambda: defaultdict(list))
            for uid, start, end in unique(doc):
                if start + 1 != end:  # not a single token: spaCy's own path (and its warning)
                    return super()._get_keys_to_position_maps(doc)
                at = maps[roots[start]]
                for node_key in expand[uid]:
                    at[node_key].append(start)
            return maps

    return SharedNodes


def _deps(nodes: tuple[dict[str, Any], ...]) -> set[str]:
    """The dependency labels a pattern names (``DEP: x`` or ``DEP: {IN: [...]}``)."""
    out: set[str] = set()
    for node in nodes:
        dep = node.get("RIGHT_ATTRS", {}).get("DEP")
        if isinstance(dep, str):
            out.add(dep)
        elif isinstance(dep, dict):
            out.update(v for k in ("IN", "NOT_IN") for v in dep.get(k, []) if isinstance(v, str))
    return out


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


def _span(tok: Any, lab: Labels, keep_preps: frozenset[str], cut: frozenset[str]) -> tuple[int, int]:
    """The noun phrase of ``tok``: its subtree without relative clauses, appositions, punctuation
    and prepositional modifiers other than ``keep_preps`` ("security forces in Chad" -> "security
    forces"; "troops of the 33rd battalion" stays whole). Offsets in the parsed text."""

    def kept(c: Any) -> bool:
        if c.dep_ in cut:
            return False
        if c.dep_ in lab.prep:
            return c.lower_ in keep_preps
        if c.dep_ in lab.oblique:
            case = [g.lower_ for g in c.children if g.dep_ in lab.case]
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


def _subject(verb: Any, lab: Labels) -> Any | None:
    """The subject of ``verb``, climbing through infinitives, coordination and relative clauses:
    "X offered to defect" -> X; "X left and defected" -> X; "a colonel who defected" -> colonel;
    "X is the second guard to defect" -> X."""
    tok = verb
    for _ in range(6):
        if tok.dep_ in lab.object and any(c.dep_ in lab.possessive for c in tok.children):
            tok = (
                tok.head
            )  # "X announced his defection": the possessor is the announcer (golden: document-side-carries)
            continue
        subj = next((c for c in tok.children if c.dep_ in lab.subject), None)
        if subj is not None:
            if subj.pos_ == "PRON" and subj.lower_ in lab.relative_pronouns and tok.dep_ in lab.relative_clause:
                return _copula_subject(tok.head, lab)
            return subj
        if tok.dep_ in lab.clause_modifier and tok.head.pos_ in lab.nounish:
            return _copula_subject(tok.head, lab)
        if tok.dep_ in lab.climb and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None


def _copula_subject(noun: Any, lab: Labels) -> Any:
    """ "X is the second guard": the guard is X."""
    if (noun.dep_ in lab.attribute or noun.dep_ == "ROOT") and noun.head.lemma_ in lab.copulas:
        subj = next((c for c in noun.head.children if c.dep_ in lab.subject), None)
        if subj is not None:
            return subj
    if noun.dep_ == "ROOT":  # UD: the copula hangs off the predicate noun
        subj = next((c for c in noun.children if c.dep_ in lab.subject), None)
        if subj is not None and any(c.dep_ in lab.copula for c in noun.children):
            return subj
    return noun


def _role(doc: Any, role: str, chain: list[Any], frames: FrameData) -> Any | None:
    """The token the frame patterns give ``role``, anchored at one of the ``chain`` tokens: the
    pattern first in the file wins, then the anchor first in the chain, then the first token."""
    hits = doc.user_data.get(_MATCHES, {})
    best: tuple[int, int, int] | None = None
    for pos, anchor in enumerate(chain):
        for rank, i in hits.get(anchor.i, ()):
            p = frames.patterns[rank]
            if p.role != role or (p.bare and any(g.dep_ in frames.labels.case for g in doc[i].children)):
                continue
            if best is None or (rank, pos, i) < best:
                best = (rank, pos, i)
    return doc[best[2]] if best is not None else None


def frame_of(doc: Any, start: int, end: int, config: SyntaxConfig, *, direct: bool, leaves: bool) -> Frame:
    """The frame of the trigger at ``start:end`` (offsets in the parsed text; ``doc`` from
    :meth:`SyntaxModels.parse`, which matched the frame patterns over it).

    ``direct``: the trigger's bare direct object (role ``object``) is the side joined ("joined X",
    "rallied X"); ``leaves``: it is the side left ("deserted X", "quit X")."""
    frames, lab = config.frames, config.frames.labels
    inside = _tokens_in(doc, start, end)
    verb = _anchor(inside)
    if verb is None:
        return Frame()
    trigger = [t for t in inside if start <= t.idx < end]
    chain = _verb_chain(verb, trigger)
    joined = _role(doc, "joined", chain, frames)
    left = _role(doc, "left", chain, frames)
    obj = _role(doc, "object", chain, frames) if (direct and joined is None) or (leaves and left is None) else None
    if obj is not None and direct and joined is None:
        joined = obj
    elif obj is not None and leaves and left is None:
        left = obj
    by_role = _role(doc, "defector", chain[:1], frames)
    of_noun = by_role if by_role is not None and by_role.dep_ not in lab.subject and verb.pos_ == "NOUN" else None
    subj = (by_role if of_noun is None else None) or _subject(verb, lab)
    kp = config.keep_preps
    chain_ids = {v.i for v in chain}
    reporter = None
    if subj is not None and subj.pos_ == "PRON" and verb.dep_ == "ccomp":  # "X said on radio he had switched sides"
        said = next((c for c in verb.head.children if c.dep_ in lab.subject), None)
        if said is not None and said.pos_ != "PRON":
            reporter = (said.left_edge.idx, said.right_edge.idx + len(said.right_edge.text))  # whole subtree
    cut, named_cut = lab.phrase_cut, lab.phrase_cut - {"appos"}
    count, place, time = (_role(doc, r, chain[:1], frames) for r in ("count", "place", "time"))
    event_frame = frames.frame_for(verb.lemma_)
    return Frame(
        subject=_span(subj, lab, kp, named_cut) if subj is not None else None,
        joined=_span(joined, lab, kp, cut) if joined is not None else None,
        left=_span(left, lab, kp, cut) if left is not None else None,
        subject_kind=_kind(subj, lab) if subj is not None else None,
        reporter=reporter,
        anchor_dep=verb.dep_,
        subject_core=core_span(subj, lab) if subj is not None else None,
        subject_indefinite=subj is not None
        and any(t.dep_ == "det" and "Ind" in t.morph.get("Definite") for t in subj.children),
        complement=_span(of_noun, lab, kp, named_cut) if of_noun is not None else None,
        complement_kind=_kind(of_noun, lab) if of_noun is not None else None,
        complement_core=core_span(of_noun, lab) if of_noun is not None else None,
        other_subjects=tuple(
            _span(t, lab, kp, named_cut)
            for t in doc
            if t.dep_ in lab.subject and t.head is not verb and t is not subj and t.head.i not in chain_ids
        ),
        count=(count.idx, count.idx + len(count.text)) if count is not None else None,
        place=_span(place, lab, kp, cut) if place is not None else None,
        time=_span(time, lab, frozenset(), cut) if time is not None else None,
        frame=event_frame.id if event_frame else None,
        kind=event_frame.kind if event_frame else None,
    )


def core_span(tok: Any, lab: Labels) -> tuple[int, int]:
    """The head noun with the words that name it ("Brig. Gen. X", "X, a commander"), not the
    prepositional phrases that attach someone else ("a commander loyal to X")."""
    keep, stack = [tok], [c for c in tok.children if c.dep_ in lab.core and not (c.dep_ == "amod" and c.i > tok.i)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ in lab.core and not (t.dep_ == "amod" and c.dep_ != "advmod"))
    return min(t.idx for t in keep), max(t.idx + len(t.text) for t in keep)


def _kind(tok: Any, lab: Labels) -> str:
    """named | pronoun | group | singular, as the rules name a subject."""
    if tok.pos_ == "PRON":
        return "pronoun"
    if tok.pos_ == "NUM" or tok.like_num:  # "four of the guards" ("Four" opening a sentence is tagged PROPN)
        return "group"
    if tok.pos_ == "PROPN" and tok.ent_type_ in lab.person_entities:
        return "named"
    if any(
        c.i > tok.i
        and c.dep_ in lab.core
        and c.dep_ not in lab.possessive
        and c.pos_ == "PROPN"
        and c.ent_type_ in lab.person_entities
        for c in tok.children
    ):  # "se entregó alias 'Ramiro'", "the rebel commander, Ali Musa": a name after its head, in apposition
        # (not "Renegade al-Shabab leader", a modifier before it; golden: cov-es-se-entrego-alias)
        return "named"
    if tok.morph.get("Number") == ["Plur"] or tok.tag_ in lab.plural_tags:
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


def in_subject(doc: Any, triggers: list[tuple[int, int]], a: int, b: int, config: SyntaxConfig) -> bool:
    """Whether the phrase at ``a:b`` lies inside the subject of the act's trigger (the first of
    ``triggers``) with everything the subject governs: "a fighter of the group in X region
    surrendered ... in Y": X is where the fighter served (golden: subject-place-is-not-where)."""
    verb = _anchor(_tokens_in(doc, *triggers[0]))
    phrase = _tokens_in(doc, a, b)
    if verb is None or not phrase:
        return False
    subject = _subject(verb, config.frames.labels)
    if subject is None:
        return False
    inside = {t.i for t in subject.subtree}
    if verb.i in inside:  # "a colonel who defected in X": the act's own clause is no part of it
        inside -= {t.i for t in verb.subtree}
    return all(t.i in inside for t in phrase)
