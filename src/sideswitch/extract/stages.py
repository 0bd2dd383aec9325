"""The built-in extraction stages, registered in pipeline order.

sentences -> candidates (triggers kept/rejected, in the sentences the trigger gate lets through;
a document keeping none stops here) -> context (country, persons, parties and places per
sentence) -> arguments (actor, count, sides, place,
date, weapons; requirement checks) -> coreference (mentions of one act in the
document become one event) -> qualifiers (claims, contested, historical) ->
assemble (contract dicts, confidence).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..lexicon.markers import markers
from .arguments import fill_arguments
from .assemble import assemble_events
from .candidates import find_candidates
from .coref import group_mentions, members_told_apart, name_described, names_listed
from .extractor import register_stage
from .persons import PersonMention, before_nickname, find_persons
from .qualifiers import qualify
from .sides import _modifier, described_affiliations
from .text import Sentence, split_sentences

if TYPE_CHECKING:
    from ..lexicon.langdata import LanguageData
    from ..lexicon.parties import PartyMatch
    from .extractor import DocState, Lexicon
    from .places import Place


@register_stage("sentences", assigns=("sentences",))
def sentences_stage(state: DocState, res: Lexicon) -> None:
    state.sentences = split_sentences(state.doc.text)


@register_stage("context", requires=("sentences",), assigns=("country", "persons", "parties_at", "places_at"))
def context_stage(state: DocState, res: Lexicon) -> None:
    """Parties, places and persons of every sentence; the document's main country."""
    data = res.language(state.lang)
    state.parties_at, state.places_at = {}, {}
    state.year = state.published.year if state.published else _year_of_text(state.doc.text)
    spans = {s.index: res.parties.spans(s.text) for s in state.sentences}  # matched again once the country is known
    for s in state.sentences:
        state.parties_at[s.index] = _sides_only(
            res.parties.match(s.text, year=state.year, spans=spans[s.index]), s.text, data
        )

    # an alias several countries' parties share ("FDS") casts no vote (golden: fr-shared-acronym-casts-no-vote)
    shared = {
        s.index: {h.start for h in spans[s.index] if res.parties.ambiguous(h, state.year)} for s in state.sentences
    }

    def votes(with_places: bool) -> Counter[str]:
        out: Counter[str] = Counter()
        for s in state.sentences:
            weight = 2 if s.index < 3 else 1
            for p in state.places_at.get(s.index, []) if with_places else []:
                if p.country:
                    out[p.country] += weight
            # "Saudi-backed", "US-trained": a patron named as a modifier is not where the story is
            # (golden: outlet-voice-names-the-army)
            for m in state.parties_at[s.index]:
                if len(m.party.countries) == 1 and not _modifier(s.text, m) and m.start not in shared[s.index]:
                    out[m.party.countries[0]] += weight
            for word in re.findall(r"\b[A-Z][a-z]{3,}\b(?!\.?-[a-z])", s.text):
                c = res.gazetteer.country_of(word, strict=True)
                if c:
                    out[c] += weight
        return out

    # One gazetteer pass with the country the parties and demonyms point to; a second only
    # when the places found then change the document's country.
    first = votes(False)
    hint = first.most_common(1)[0][0] if first else None
    for s in state.sentences:
        state.places_at[s.index] = _places(res.gazetteer.find(s.text, country_hint=hint), s.text)
    countries = votes(True)
    state.country = countries.most_common(1)[0][0] if countries else None
    actors: Counter[str] = Counter()
    for ms in state.parties_at.values():
        for m in ms:
            if m.party.countries and m.party.kind != "foreign_state":
                if res.gazetteer.country_of(m.surface, strict=True) != m.surface.strip():
                    # a group active in several states counts half, for the first it lists (its home):
                    # ELN in Arauca is Colombian (golden: headline-joins-its-own-act)
                    actors[m.party.countries[0]] += 2 if len(m.party.countries) == 1 else 1
    # (a bare country name is a place: "Lake Chad", "bordering Venezuela"; "Chadian troops" is an actor)
    for s in state.sentences:
        for word in re.findall(r"\b[A-Z][a-z]{3,}\b(?![-\w])", s.text):
            c = res.gazetteer.country_of(word, strict=True)
            if c and word.endswith(("n", "i", "ese", "sh", "ch")) and c != word:  # demonyms ("Syrian", "Afghan")
                actors[c] += 2
    state.actor_country = actors.most_common(1)[0][0] if actors else None
    named: Counter[tuple[str, str]] = Counter(
        (m.party.countries[0], m.party.name)
        for ms in state.parties_at.values()
        for m in ms
        if m.party.kind == "state" and len(m.party.countries) == 1
    )
    state.named_states = {}
    state.voice = res.parties.voiced_by(state.doc.outlet, state.doc.url, state.year)
    for (country, name), _ in named.most_common():  # the government the document itself names ("regime", "Assad")
        state.named_states.setdefault(country, res.parties.get(name))
    state.countries = [c for c, _ in countries.most_common()]
    if state.country:  # resolve ambiguous acronyms (and towns, if the country changed) with the country known
        for s in state.sentences:
            if state.country != hint:
                state.places_at[s.index] = _places(res.gazetteer.find(s.text, country_hint=state.country), s.text)
            state.parties_at[s.index] = _sides_only(
                res.parties.match(s.text, year=state.year, country=state.country, spans=spans[s.index]), s.text, data
            )
    known: dict[str, str] = {}
    state.common = frozenset(re.findall(r"\b[a-z][a-z'’-]+\b", state.doc.text))
    for s in state.sentences:
        blocked = [(m.start, m.end) for m in state.parties_at[s.index]] + [
            (p.start, p.end) for p in state.places_at[s.index]
        ]
        found = find_persons(s.text, data, blocked=blocked, known=known, common=state.common)
        for p in found:
            words = p.name.split()
            if len(words) >= 2 or p.title:
                known.setdefault(words[-1], p.name if len(words) >= 2 else f"{p.title} {p.name}".strip())
                known.setdefault(re.sub(r"^(?:al|el)-", "", words[-1]), p.name)
        for last, side in described_affiliations(s.text, found, state.parties_at[s.index], data).items():
            state.affiliations.setdefault(last, side)
    state.persons = known


def _places(found: list[Place], text: str) -> list[Place]:
    """The gazetteer's places, less given names that a town happens to bear ("Ramon “Bunso” ...")."""
    return [p for p in found if not before_nickname(text, p.end)]


def _sides_only(matches: list[PartyMatch], text: str, data: LanguageData) -> list[PartyMatch]:
    """Party matches that can be a side: not the country a diplomat is posted to ("Libya's
    consul in Lisbon": Lisbon is where he served, not whom he served; golden: ambassador-posting)."""
    return [m for m in matches if not data.posting.search(text[max(0, m.start - 60) : m.start])]


def _year_of_text(text: str) -> int | None:
    """The latest year the text mentions outside copyright lines: a stand-in for the
    publication year when the record has none (state parties change with time)."""
    years = [
        int(y)
        for line in text.splitlines()
        if not markers().copyright.search(line)
        for y in re.findall(r"\b(19[4-9]\d|20[0-4]\d)\b", line)
    ]
    return max(years) if years else None


@register_stage("candidates", requires=("sentences",), assigns=("candidates",))
def candidates_stage(state: DocState, res: Lexicon) -> None:
    """Triggers of the sentences the gate lets through; when none is kept, nothing is left to
    extract and the later stages are skipped (``state.finished``)."""
    data = res.language(state.lang)
    gate = res.gate if state.gate else None
    state.candidates = [
        c for s in state.sentences if gate is None or gate.hits(s.text) for c in find_candidates(s, data)
    ]
    state.finished = all(c.status == "rejected" for c in state.candidates)


@register_stage("arguments", requires=("candidates", "country", "persons"), assigns=("mentions",))
def arguments_stage(state: DocState, res: Lexicon) -> None:
    data = res.language(state.lang)
    state.mentions = []
    kept = [c for c in state.candidates if c.status != "rejected"]
    if data.syntax is not None and res.syntax is not None:  # one batched parse for the document's acts
        res.syntax.prefetch([c.sentence.text for c in kept], state.lang, data.syntax)
    for c in kept:
        if c.status == "rejected":  # a grouping decision of an earlier candidate may reject it
            continue
        state.mentions.extend(fill_arguments(c, state, res, data))


@register_stage("coreference", requires=("mentions",), assigns=("events",))
def coreference_stage(state: DocState, res: Lexicon) -> None:
    state.events = group_mentions(state.mentions, state, res)
    data = res.language(state.lang)

    def persons(s: Sentence) -> list[PersonMention]:
        blocked = [(m.start, m.end) for m in state.parties_at[s.index]] + [
            (p.start, p.end) for p in state.places_at[s.index]
        ]
        return find_persons(s.text, data, blocked=blocked, known=state.persons, common=state.common)

    name_described(state.events, state, persons, data, roles=data.force_nouns)
    names_listed(state.events, state, persons, data)
    members_told_apart(state.events, data)


@register_stage("qualifiers", requires=("events",), assigns=("claims",))
def qualifiers_stage(state: DocState, res: Lexicon) -> None:
    qualify(state, res.language(state.lang))


@register_stage("assemble", requires=("events", "claims"), assigns=("output",))
def assemble_stage(state: DocState, res: Lexicon) -> None:
    state.output = assemble_events(state, res.parties)
