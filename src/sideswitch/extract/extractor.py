"""The extraction pipeline: stages registered by name, assembled, and checked.

A stage is a function ``(state, lexicon) -> None`` registered with what it
``requires`` and ``assigns`` on the :class:`DocState`; the default pipeline
is built from the same registry a user would add to, and ``build_pipeline``
checks that every stage's requirements are assigned by an earlier stage.

    extract_document(Document(text="Eleven policemen defected to the Taliban on Sunday.",
                              published="2012-09-18"))
    -> [{"kind": "defection", "people": {"min": 11, "max": 11},
         "from_side": {"name": "Afghan government", ...}, "to_side": {"name": "Taliban", ...}, ...}]
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, LexiconError
from ..lexicon.datewords import DateWords
from ..lexicon.gate import TriggerGate, build_gate
from ..lexicon.langdata import LanguageData
from ..models import Document

if TYPE_CHECKING:
    from ..lexicon.parties import Party, PartyLexicon, PartyMatch
    from .arguments import Mention
    from .candidates import Candidate
    from .coref import DocEvent
    from .dates import DateWindow
    from .places import Gazetteer, Place
    from .syntax import SyntaxModels
    from .text import Sentence

__all__ = [
    "Stage",
    "register_stage",
    "STAGES",
    "DEFAULT_STAGES",
    "build_pipeline",
    "DocState",
    "Lexicon",
    "default_lexicon",
    "Resources",
    "default_resources",
    "extract_document",
    "explain_document",
    "begin_document",
    "prefetch_parses",
    "extraction_languages",
]

log = logging.getLogger(__name__)


# What a stage is: it reads and writes the document's state, with the lexicon it is given.
StageFn = Callable[["DocState", "Lexicon"], None]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: dict[str, Stage] = {}
# Triggers are looked for before the context: a document whose sentences keep no trigger stops there.
DEFAULT_STAGES = ("sentences", "candidates", "context", "arguments", "coreference", "qualifiers", "assemble")


def register_stage(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
) -> Callable[[StageFn], StageFn]:
    """Decorator: add a stage to the registry (built-ins use it too)."""

    def deco(fn: StageFn) -> StageFn:
        STAGES[name] = Stage(name, fn, tuple(requires), tuple(assigns))
        return fn

    return deco


def build_pipeline(names: tuple[str, ...] = DEFAULT_STAGES) -> list[Stage]:
    """The stages in order; ConfigError when one is unknown or runs before what it needs."""
    from . import stages  # noqa: F401  (registers the built-in stages)

    have = {"doc", "published", "lang"}
    out = []
    for n in names:
        if n not in STAGES:
            raise ConfigError(f"unknown extraction stage {n!r} (known: {', '.join(sorted(STAGES))})")
        st = STAGES[n]
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise ConfigError(f"stage {n!r} requires {', '.join(missing)}, which no earlier stage assigns")
        have.update(st.assigns)
        out.append(st)
    return out


@dataclass(slots=True)
class DocState:
    """Everything the stages know about one document; every field is declared here (a stage
    cannot add one: the class has slots)."""

    doc: Document
    published: date | None
    lang: str
    sentences: list[Sentence] = field(default_factory=list)
    country: str | None = None  # the document's main country (places and parties vote)
    persons: dict[str, str] = field(default_factory=dict)  # last name -> full name
    affiliations: dict[str, tuple[str, str]] = field(default_factory=dict)  # last name -> (surface, party)
    candidates: list[Candidate] = field(default_factory=list)  # in text order
    mentions: list[Mention] = field(default_factory=list)  # accepted candidates with arguments
    events: list[DocEvent] = field(default_factory=list)  # one per act (mentions grouped)
    output: list[dict[str, Any]] = field(default_factory=list)  # contract dicts
    gate: bool = True  # look for triggers only in sentences the trigger gate lets through
    finished: bool = False  # a stage found nothing left to extract (no trigger kept): later stages are skipped
    # set by the context stage:
    year: int | None = None  # publication year, else the latest year the text names
    parties_at: dict[int, list[PartyMatch]] = field(default_factory=dict)  # sentence index -> parties it names
    places_at: dict[int, list[Place]] = field(default_factory=dict)  # sentence index -> places it names
    actor_country: str | None = None  # the country of the armed actors the document names most
    named_states: dict[str, Party | None] = field(default_factory=dict)  # country -> the state party named
    voice: Party | None = None  # the party the outlet speaks for (its "army" is "the army")
    countries: list[str] = field(default_factory=list)  # countries by votes, most first
    common: frozenset[str] = frozenset()  # the lower-case words of the text (not names)
    # set by the arguments stage:
    last_window: DateWindow | None = None  # the date window of the latest mention with one


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything extraction knows, in the one object every stage receives: the parties, the
    gazetteer, the trained pipelines, and per language the extraction words (``languages``,
    read through :meth:`language`) and the date words (``date_words``, through :meth:`dates`),
    with the trigger gate built from its own triggers. Built once per process (the shipped data:
    :func:`default_lexicon`; other data: :meth:`load` with the parts to replace) and passed
    explicitly; no stage reads another copy.

    It pickles with its content, so a worker process (``--workers``, Dask) extracts with exactly
    the caller's lexicon, a custom one included: the party lexicon, the words of every language,
    the date words and the gate travel as they are. Two parts travel by reference: the gazetteer
    by its data directory (tables of tens of megabytes, loaded on first use), and the trained
    pipelines by model name and version (:class:`~.syntax.SyntaxModels`: they come from installed
    packages, pinned)."""

    parties: PartyLexicon
    gazetteer: Gazetteer
    syntax: SyntaxModels | None = None  # trained pipelines, loaded per language on first use
    languages: dict[str, LanguageData] = field(default_factory=dict)  # code -> extraction words
    date_words: dict[str, DateWords] = field(default_factory=dict)  # code -> date words
    gate: TriggerGate = field(init=False, repr=False)  # one scan for the words of every trigger here

    def __post_init__(self) -> None:
        patterns = [t.regex.pattern for code in sorted(self.languages) for t in self.languages[code].triggers]
        object.__setattr__(self, "gate", build_gate(patterns))

    @classmethod
    def load(
        cls,
        *,
        parties: PartyLexicon | None = None,
        gazetteer: Gazetteer | None = None,
        syntax: SyntaxModels | None = None,
        languages: dict[str, LanguageData] | None = None,
        date_words: dict[str, DateWords] | None = None,
    ) -> Lexicon:
        """A lexicon of the shipped data (``lexicon/data``), with any part given replacing it."""
        from ..lexicon import load_parties
        from ..lexicon.datewords import available_languages as date_languages
        from ..lexicon.datewords import date_words as shipped_dates
        from ..lexicon.langdata import available_languages, language_data
        from .places import Gazetteer
        from .syntax import SyntaxModels

        return cls(
            parties=parties if parties is not None else load_parties(),
            gazetteer=gazetteer if gazetteer is not None else Gazetteer.default(),
            syntax=syntax if syntax is not None else SyntaxModels(),
            languages=languages if languages is not None else {c: language_data(c) for c in available_languages()},
            date_words=date_words if date_words is not None else {c: shipped_dates(c) for c in date_languages()},
        )

    def with_language(self, data: LanguageData) -> Lexicon:
        """A copy of this lexicon with ``data`` as the extraction words of ``data.language`` (the
        other parts shared, the gate rebuilt); with ``langdata.without_rule`` it extracts as if
        one rule of the data were gone."""
        return replace(self, languages={**self.languages, data.language: data})

    def language(self, lang: str) -> LanguageData:
        """The extraction words of ``lang`` (English when it has none)."""
        data = self.languages.get(lang) or self.languages.get("en")
        if data is None:
            raise ConfigError(f"the lexicon has no extraction words for '{lang}' nor English")
        return data

    def dates(self, lang: str) -> DateWords:
        """The date words of ``lang`` ("en", "es", "en-GB" -> "en"); LexiconError when it has none."""
        code = (lang or "en").lower().replace("_", "-").split("-")[0]
        words = self.date_words.get(code)
        if words is None:
            raise LexiconError(
                f"dates/{code}.yaml",
                [(None, f"no date words for language '{lang}' (available: {', '.join(sorted(self.date_words))})")],
            )
        return words

    def extraction_languages(self) -> tuple[str, ...]:
        """Languages with both extraction words and date words in this lexicon."""
        return tuple(sorted(set(self.languages) & set(self.date_words)))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of the shipped data, built once per process: the one default, which the shells
    (CLI, API, batch) build and pass down."""
    return Lexicon.load()


# The former names, kept for callers written before the Lexicon object.
Resources = Lexicon
default_resources = default_lexicon


def _state(doc: Document, lexicon: Lexicon) -> DocState:
    from .dates import parse_published, published_from_text
    from .text import detect_language

    published = parse_published(doc.published) or published_from_text(
        doc.text[:2000], list(lexicon.date_words.values())
    )
    lang = (doc.lang or detect_language(doc.text, default="en") or "en").lower().replace("_", "-").split("-")[0]
    return DocState(doc=doc, published=published, lang=lang)


def extraction_languages() -> tuple[str, ...]:
    """Languages with both extraction data and date words (``lexicon/data/extract``, ``dates``)."""
    from ..lexicon.datewords import available_languages as date_languages
    from ..lexicon.langdata import available_languages

    return tuple(sorted(set(available_languages()) & set(date_languages())))


def run(
    doc: Document,
    resources: Lexicon | None = None,
    stages: list[Stage] | None = None,
    *,
    gate: bool = True,
    prepared: DocState | None = None,
) -> DocState:
    """The stages over ``doc`` with the lexicon ``resources`` (:func:`default_lexicon` when None).
    With ``gate`` (the default), a document in which the lexicon's trigger gate
    (:mod:`sideswitch.lexicon.gate`, one scan for the words of its triggers) finds nothing is
    not analysed at all, and only sentences it lets through are searched for triggers;
    ``gate=False`` searches every sentence (the gate loses nothing: the same events either way).
    ``prepared``: the state :func:`begin_document` gave for ``doc`` with the same ``gate``
    (the default pipeline goes on from it)."""
    res = resources or default_lexicon()
    if prepared is not None and prepared.doc is doc and stages is None:
        if not prepared.finished:
            for st in _default_pipeline():
                if st.name not in PREPARED_STAGES:
                    st.fn(prepared, res)
                    if prepared.finished:
                        break
        return prepared
    if gate and not res.gate.hits(doc.text):
        return DocState(doc=doc, published=None, lang=(doc.lang or ""), finished=True)
    state = _state(doc, res)
    state.gate = gate
    if state.lang not in res.extraction_languages():
        log.warning(
            "document '%s' is in language '%s', which has no extraction data "
            "(lexicon/data/extract/%s.yaml and dates/%s.yaml; have: %s): no events extracted",
            doc.id,
            state.lang,
            state.lang,
            state.lang,
            ", ".join(res.extraction_languages()),
        )
        return state
    for st in stages or _default_pipeline():
        st.fn(state, res)
        if state.finished:
            break
    return state


@lru_cache(maxsize=1)
def _default_pipeline() -> tuple[Stage, ...]:
    return tuple(build_pipeline())


# A document whose acts stand in more sentences than this is parsed in its own run (inside its
# CPU budget), not ahead with the others; nor are the documents past the batch's total, which
# stays well within the parse cache (syntax.PARSE_CACHE) so that no parse made ahead is dropped.
PREFETCH_SENTENCES = 32
PREFETCH_TOTAL = 128
# The stages begin_document runs (the first of the default pipeline).
PREPARED_STAGES = ("sentences", "candidates")


def begin_document(doc: Document, resources: Lexicon | None = None, *, gate: bool = True) -> DocState | None:
    """The state of ``doc`` after the stages :func:`prefetch_parses` needs (sentences and kept
    triggers, or the gate's verdict), for :func:`run` to go on from (``prepared``); None for a
    language without extraction data (its own run says so). Its language must be settled."""
    res = resources or default_lexicon()
    if gate and not res.gate.hits(doc.text):
        return DocState(doc=doc, published=None, lang=(doc.lang or ""), finished=True)
    state = _state(doc, res)
    state.gate = gate
    if state.lang not in res.extraction_languages():
        return None
    for st in _default_pipeline():
        if st.name in PREPARED_STAGES:
            st.fn(state, res)
    return state


def prefetch_parses(states: list[DocState], resources: Lexicon | None = None) -> None:
    """Parse, in one batch per language, the sentences the acts of the documents begun in
    ``states`` (:func:`begin_document`) will be read from: ``nlp.pipe`` over several documents
    costs less per sentence than over one, and each document's run then finds its parses
    cached. Changes no result: a sentence this leaves out is parsed in its document's run."""
    res = resources or default_lexicon()
    if res.syntax is None:
        return
    texts: dict[str, list[str]] = {}
    total = 0
    for state in states:
        config = res.languages[state.lang].syntax if state.lang in res.languages else None
        if state.finished or config is None:
            continue
        kept = [c.sentence.text for c in state.candidates if c.status != "rejected"]
        if len(kept) > PREFETCH_SENTENCES or total + len(kept) > PREFETCH_TOTAL:
            continue
        texts.setdefault(state.lang, []).extend(kept)
        total += len(kept)
    for lang, batch in texts.items():
        config = res.languages[lang].syntax
        if config is not None:
            res.syntax.prefetch(batch, lang, config)


def extract_document(
    doc: Document, resources: Lexicon | None = None, *, gate: bool = True, prepared: DocState | None = None
) -> list[dict[str, Any]]:
    """Every defection, surrender and desertion ``doc`` reports, as contract dicts (one source each);
    ``prepared``: its state from :func:`begin_document`, when it has one."""
    return run(doc, resources, gate=gate, prepared=prepared).output


def explain_document(doc: Document, resources: Lexicon | None = None) -> list[dict[str, Any]]:
    """Per sentence: the triggers that fired, kept or rejected, and why."""
    state = run(doc, resources)
    out = []
    by_sentence: dict[int, list[Candidate]] = {}
    for c in state.candidates:
        by_sentence.setdefault(c.sentence.index, []).append(c)
    for s in state.sentences:
        cands = by_sentence.get(s.index, [])
        if not cands:
            continue
        out.append(
            {
                "sentence": s.text,
                "span": [s.start, s.end],
                "triggers": [
                    {
                        "trigger": c.trigger.id,
                        "text": c.text,
                        "kind": c.kind,
                        "stage": c.stage,
                        "status": c.status,
                        "reason": c.reason or ("kept" if c.status == "event" else ""),
                        "event": c.event_index,
                    }
                    for c in cands
                ],
            }
        )
    return out
