"""Arguments of one act: who, how many, from which side to which, where, when, with what.

Also the checks that turn a trigger into an event or reject it:

    "joined Labour"                      -> rejected: the side joined is not an armed party
    "the senators defected to the PDP"   -> rejected: no conflict party involved
    "several police crossed into India"  -> kept (police are a force; crossing = desertion)
    "a tourist crossed into India"       -> rejected: actor is not a soldier, official or fighter
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from ..lexicon.langdata import LanguageData, per_language
from .candidates import Candidate
from .counts import count_people, find_weapons, pronoun_leads_group
from .dates import DateWindow, event_window
from .framing import apply_frame, nominal_actor
from .inference import carry_document_sides, infer_sides
from .persons import find_persons
from .places import Place
from .sides import Side, SideContext, find_sides
from .syntax import in_subject, of_coordinated_verb
from .text import Sentence
from .text import mask_relative as _mask_relative

if TYPE_CHECKING:
    from .extractor import DocState, Lexicon

__all__ = ["Mention", "fill_arguments"]


@per_language
def _rx(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions of this module built from the language's rules, once per language."""
    spk, ind, cs, own, act, rel, more = (
        data.rule(r)
        for r in ("speaker", "indefinite-subject", "clause-start", "act-owner", "actor", "relative-subject", "more")
    )
    return {
        "list_and": re.compile(rf"\b(?:{data.rule('name-cue').part('and')})(?:\s+[a-z-]+){{0,4}}\s+$"),
        "speaker_after": re.compile(rf"^\W{{0,3}}(?:\w+\s+){{0,1}}(?:{spk.part('after')})\b", re.I),
        "first_person": re.compile(rf"\b(?:{spk.part('first_person')})\b"),
        "speaker_before": re.compile(rf"\b(?:{spk.part('before')})\s+(?:[\w.'’-]+\s+){{0,3}}$", re.I),
        "apposition": re.compile(rf"\W*(?:$|,\s*(?:{spk.part('apposition')})\b)"),
        "according": re.compile(rf"\b(?:{spk.part('according')})\s+((?:[\w.'’-]+\s*){{1,6}}?)(?=[,.;]|$)", re.I),
        "said_by": re.compile(
            rf"((?:[A-Z][\w.'’-]*\s+){{1,4}}|(?:(?:{spk.part('det')})\s+)?(?:[\w'’-]+\s+){{0,3}}(?:{spk.part('who')}))"
            rf"\s*(?:{spk.part('verb')})\b"
        ),
        "indefinite": re.compile(
            rf"^\W*(?:(?:{ind.part('place')}) [^,]{{1,40}},\s*)?(?:{ind.part('det')})\s+((?:[\w'’.-]+\s+){{0,5}}?[\w'’.-]+?)"
            rf"\s+(?:{ind.part('adverb')})?(?:{ind.part('verb')})\b",
            re.I,
        ),
        "clause_start": re.compile(
            rf"[;:]|\s[–—-]+\s|,\s+(?:{cs.part('conj')})\s|\b(?:{cs.part('that')})\s|\b(?:{cs.part('verbs')})\s(?!(?:{cs.part('to')})\b)"
        ),
        "of_named": re.compile(rf"\s*(?:{own.part('of')})\s+(?:[\w.'’-]+\s+){{0,3}}"),
        "defection_of": re.compile(rf"\b(?:{own.part('defection_of')})\s+(?:[\w.]+\s+){{0,3}}$"),
        "by": re.compile(rf"\b(?:{own.part('by')})\s+$"),
        "owner": re.compile(rf"['’]s\s+(?:\w+\s+)?(?:{own.part('owner')})\s+(?:{own.part('to')})\s*$"),
        "name_after": re.compile(rf"\W{{0,3}}(?:(?:{own.part('between')})\W{{1,3}})?(?:[A-Z][\w.]*\s+){{0,3}}"),
        "unit": re.compile(rf"\b((?:\w+\s+)?(?:{act.part('unit')}) (?:{act.part('of')})(?:\s+\w+)?)", re.I),
        "own": re.compile(rf"\b(?:{act.part('own')})\s+$", re.I),
        "and_only": re.compile(rf"\W*(?:{act.part('and')})?\W*$"),
        "listed": re.compile(rf",\s*(?:(?:{act.part('and')})\s+)?$"),
        "split": re.compile(rf",\s*(?:{act.part('and')})\b|[,;]|\b(?:{act.part('and_bare')})\b"),
        "before_verb": re.compile(rf"(?:{act.part('before_verb')})", re.I),
        "not_role": re.compile(rf"(?:{act.part('not_role')})", re.I),
        "more": re.compile(rf"\b(?:{more.part('prev')})\b", re.I),
        "joined_place": re.compile(
            rf"\W*(?:{data.rule('joined-place').part('to')})\s+(?:(?:{data.rule('joined-place').part('det')})\s+)?",
            re.I,
        ),
        "who": re.compile(rf"\b(?:{rel.part('who')})\b", re.I),
        "relative_end": re.compile(rf"[,;)]|\s(?:{data.rule('relative-end').part('aux')})\s"),
        "armed_name": re.compile(rf"(?:{data.rule('armed-name').part('end')})\b"),
        "same_men": re.compile(rf"(?:{data.rule('same-men-next').part('start')})\b"),
        "pairs": re.compile(rf"\b(?:{data.rule('country-pairs').part('first')})\s+[A-Z][a-z]+"),
    }


@dataclass(slots=True)
class Mention:
    """One telling of an act in one sentence, with its arguments."""

    cand: Candidate
    name: str | None = None  # as written
    full_name: str | None = None  # fuller form seen in the document
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    subject: str = "none"  # named | group | singular | pronoun | none
    people: tuple[int, int] | None = None  # (min, max); a counts.Count when counted from the text
    from_side: Side | None = None
    to_side: Side | None = None
    place: Place | None = None
    date: DateWindow | None = None
    weapons: list[dict[str, Any]] = field(default_factory=list)
    speaker: str | None = None
    explicit: bool = False  # people counted from the text (not the default single leader)
    place_weak: bool = False  # the place is the dateline's: where the reporter was

    @property
    def sentence(self) -> Sentence:
        return self.cand.sentence


def _clause_start(sent: str, a: int, data: LanguageData, *, speech: bool = True) -> int:
    from .sides import attribution

    lead = attribution(data).match(sent)
    start = lead.end() if lead and lead.end() <= a else 0
    if speech:  # "the army said that ...", "aseguró que ...": the act starts after "that"
        for m in re.finditer(
            r"(?:" + data.speech.pattern + r")[^,;]{0,40}?\b(?:" + data.complementizer + r")", sent[:a], re.I
        ):
            start = max(start, m.end())
    for m in _rx(data)["clause_start"].finditer(sent[:a]):
        start = m.end()
    return start


# How far after a trigger (characters) a foreign place still says where the act happened
# ("surrender in Pakistan", "surrendered on Friday in the Chadian town of X").
ACT_PLACE_WINDOW = 60
# A headcount of at least this many, told of a whole year or more with no one named, is a yearly
# total ("some 1,500 rebels gave themselves up over the past year"), not one act: no gold act of dev, dev2 or
# the seeds that large is dated only by a year (golden: yearly-total-is-no-act).
YEARLY_TOTAL_MIN = 100
YEARLY_TOTAL_DAYS = 300
_WIDTH_PROBE_DAY = date(2001, 6, 15)  # any day: only the width of a relative date is read against it


def _plural(word: str, data: LanguageData) -> bool:
    w = word.lower()
    return (
        w in data.rule("actor").words or w.endswith("men") or (w.endswith("s") and not w.endswith(("ss", "us", "is")))
    )


def _role(region: str, data: LanguageData) -> str | None:
    """The last noun phrase headed by a force/fighter noun: 'A retired Afghan general'."""
    nouns = sorted(data.force_nouns | data.fighter_nouns, key=len, reverse=True)
    rx = re.compile(r"((?:[\w.'’-]+\s+){0,4}?\b(?:" + "|".join(map(re.escape, nouns)) + r"))\b", re.I)
    best = None
    for m in rx.finditer(region):
        best = m
    if not best:
        return None
    words = best.group(1).split()
    for i in range(
        len(words) - 1, -1, -1
    ):  # start at the last determiner: "Syria denies vice president" -> "vice president"
        if words[i].lower() in data.determiners or re.fullmatch(r"[\d,]+", words[i]):
            words = words[i + 1 :]
            break
    else:
        if len(words) > 3:
            words = words[-3:]
        while words and _rx(data)["before_verb"].fullmatch(words[0].lower()):
            words = words[1:]
    while words and (_rx(data)["not_role"].fullmatch(words[0].lower()) or re.fullmatch(r"[\d,]+", words[0])):
        words = words[1:]
    return " ".join(words) or None


def _pick_person(c: Candidate, persons: list, sent: str, data: LanguageData):
    """The defector among the names of the sentence (not a speaker, not a patron)."""
    a = c.start
    rx = _rx(data)
    named = [
        p
        for p in persons
        if not rx["speaker_after"].match(sent[p.end :])
        and not (rx["speaker_before"].search(sent[: p.start]) and rx["apposition"].match(sent[p.end :]))
        and not data.patron.search(sent[max(0, p.start - 60) : p.start])
        and not data.kin.match(sent[p.end : p.end + 60])
    ]
    cued = [p for p in named if data.rule("name-cue").regex.search(sent[max(0, p.start - 60) : p.start])]
    for p in named:  # "including former prime minister A and high profile general B"
        if cued and p not in cued and p.start > cued[-1].end and rx["list_and"].search(sent[cued[-1].end : p.start]):
            cued.append(p)
    quoted = rx["first_person"].search(sent[max(0, a - 40) : a]) and re.search(r"[\"“”]", sent)
    if quoted:  # "So I crossed over," Doru tells ...: the speaker of a first-person quote
        speakers = [p for p in persons if rx["speaker_after"].match(sent[p.end :]) and p.start > a]
        if speakers:
            return speakers[0], None
    if c.trigger.noun:
        of = [p for p in named if rx["of_named"].fullmatch(sent[c.end : p.start])]
        if of:
            return of[0], None
        own = [
            p
            for p in named
            if re.match(r"['’]s\b", sent[p.end : p.end + 2])
            and 0 <= a - p.end < 12
            or rx["defection_of"].search(sent[: p.start])
        ]
        return (own or cued or [None])[0], len(cued) > 1 and cued
    c0 = _clause_start(_mask_relative(sent, data), a, data, speech=False)
    before = [p for p in named if c0 <= p.start and p.end <= a]
    if not before and rx["by"].search(sent[:a]):  # "Gard surprised many people ... by defecting"
        before = [p for p in named if p.end <= a][:1]
    owner = [p for p in named if rx["owner"].match(sent[p.end : a])]
    if owner:
        return owner[-1], None
    if before:
        return before[-1], None
    after = [
        p
        for p in named
        if p.start >= c.end
        and rx["name_after"].fullmatch(sent[c.end : p.start])  # "to cross over so far, Brig. Gen. X, slipped"
    ]
    return ((cued or after or [None])[0]), None


def fill_arguments(c: Candidate, state: DocState, res: Lexicon, data: LanguageData) -> list[Mention]:
    """The mentions for candidate ``c`` (one per listed person in "including A and B"),
    or [] (and ``c`` rejected with a reason)."""
    m = _fill(c, state, res, data)
    if m is None:
        return []
    out = [m]
    for p in c.listed:
        if p.name != m.name:
            other = replace(
                m, name=p.name, full_name=p.full, role=p.title or m.role, people=(1, 1), weapons=[], aliases=[]
            )
            out.append(other)
    return out


def _fill(c: Candidate, state: DocState, res: Lexicon, data: LanguageData) -> Mention | None:
    sent, a = c.sentence.text, c.start
    blocked = [(m.start, m.end) for m in state.parties_at[c.sentence.index]] + [
        (p.start, p.end) for p in state.places_at[c.sentence.index]
    ]
    persons = find_persons(sent, data, blocked=blocked, known=state.persons, common=state.common)
    # "X, ... whose real name is Y, surrendered": Y is another name of X, not another person
    alias_of = [
        p
        for p in persons
        if data.alias.search(sent[max(0, p.start - 40) : p.start])
        and any(q.end <= p.start for q in persons if q is not p)
    ]
    persons = [p for p in persons if p not in alias_of]
    m = Mention(c)
    m.aliases = [p.name for p in alias_of]
    person, listed = _pick_person(c, persons, sent, data)
    c0 = _clause_start(_mask_relative(sent, data), a, data)
    dateline = _DATELINE.match(sent)  # "SANAA - Twenty-three fighters ...": the dateline is no part of the subject
    c0 = dateline.end() if dateline and c0 < dateline.end() <= a else c0  # (golden: outlet-voice-names-the-army)
    region = sent[c0:a]
    if person is not None:
        m.name, m.subject = person.name, "named"
        m.full_name = person.full or state.persons.get(person.name.split()[-1], person.name)
        if m.full_name == m.name:
            m.full_name = None
        m.role = person.title
    m.role = _role(region, data) if not m.role else m.role
    if person is None and pronoun_leads_group(region, data):
        m.subject, m.role = (
            "pronoun",
            None,
        )  # "she and 25 of her guards": the leader told before (golden: pronoun-and-his-men)
    rx = _rx(data)
    indef = rx["indefinite"].match(region)
    unit = rx["unit"].search(region)
    if m.subject == "none" and unit:
        m.subject, m.role = "group", unit.group(1)  # "two distinct groups of rebels"
    if m.subject == "none" and indef:
        m.subject, m.role = "singular", m.role or indef.group(1)  # "A nephew of Varen's announced his defection"
    if m.subject == "none":
        if (
            data.pronoun.search(sent[max(c0, a - 45) : a])
            or data.definite.search(sent[max(0, a - 45) : a])
            or (c.trigger.noun and rx["own"].search(sent[max(0, a - 6) : a]))
        ):
            m.subject = "pronoun"
        elif m.role:
            m.subject = "group" if _plural(m.role.split()[-1], data) or count_people(region, data) else "singular"
    prev = next((x for x in reversed(state.mentions) if x.sentence.index == c.sentence.index), None)
    if m.subject == "none" and prev is not None and rx["and_only"].match(region):
        m.name, m.full_name, m.role, m.subject = (
            prev.name,
            prev.full_name,
            prev.role,
            prev.subject,
        )  # "..., and defected again"
    actor = nominal_actor(c, state, res, data) if m.subject != "named" else None
    if actor is not None and actor[0] == "summary":
        if c.trigger.noun:
            c.status, c.reason = "rejected", "a summary of acts (an uncounted plural after the noun)"
            return None
        actor = None
    if actor is not None:  # "the surrender of 37 Boko Haram fighters": the noun's complement acts
        m.subject, m.role, _ = actor  # (golden: nominal-act-names-its-actors)
        if m.subject == "named":
            m.name, m.role = m.role, None
    if c.trigger.noun and m.subject in ("none", "group") and not re.search(r"\d", region) and actor is None:
        c.status, c.reason = "rejected", "generic statement (no identifiable actor)"
        return None
    act = sent[max(c0, a - 250) if m.subject != "named" else c0 :]
    person_role = bool(m.role) and (m.role or "").split()[-1].lower() not in data.state_nouns | set(
        data.rule("not-a-person").words
    )
    m.people = count_people(act, data, leader=m.subject == "named" or (m.subject == "singular" and person_role))
    if m.people is None and m.subject not in ("named", "singular") and rx["listed"].search(sent[:c0]):
        # "two field commanders, 9 riflemen, and 30 relatives, gave up their weapons": a listed subject
        m.people = count_people(_own_part(sent, c, state, data)[max(0, a - 250) :], data)
        act = sent[max(0, a - 250) :] if m.people else act
    m.explicit = count_people(act, data) is not None  # a number in the text, not the default one leader
    country_of = partial(res.gazetteer.country_of, strict=True)
    cap = r"" if state.lang != "en" else r"(?=[A-Z])"  # Spanish writes demonyms in lower case

    def words(text: str) -> list[str]:  # two-word demonyms first: "North Korean", "South Sudanese"
        pairs = [w for w in rx["pairs"].findall(text) if country_of(w)]
        rest = rx["pairs"].sub(" ", text)
        return pairs + [
            w.group(0)
            for w in re.finditer(rf"\b{cap}[A-Za-záéíóúñü]{{4,}}(?![-\w])", rest)
            if country_of(w.group(0)) and not data.posting.search(rest[max(0, w.start() - 60) : w.start()])
        ]

    # The actors' own state: a demonym in the subject, else before the trigger, else the country of
    # the parties the document is about (not of its places: a dateline may be abroad).
    before = [country_of(w) for w in words(region + " " + (m.role or ""))] or [country_of(w) for w in words(sent[:a])]
    if not before and m.subject == "pronoun" and c.sentence.index > 0:
        # "They deserted their battalion" after "... served in the Myanmar army": the force named in
        # the sentence before is theirs (golden: they-are-the-force-named-before)
        named = {
            pm.party.countries[0]
            for pm in state.parties_at.get(c.sentence.index - 1, [])
            if pm.party.kind == "state" and len(pm.party.countries) == 1
        }
        before = list(named) if len(named) == 1 else []
    own = (before or [None])[0] or state.actor_country or state.country
    abroad = next(
        (
            p.country
            for p in sorted(state.places_at[c.sentence.index], key=lambda p: p.start < c.start)
            if p.country and p.country != own
        ),
        None,
    )
    into = next((p for p in state.places_at[c.sentence.index] if 0 <= p.start - c.end <= 3), None)
    if c.trigger.crossing and into is not None and into.country and into.country == own:
        # "fighters of a brigade went back over to their side of the border from the neighbour": a return
        # or a deployment, not a defection (golden: crossing-from-a-country-is-no-side)
        c.status, c.reason = "rejected", "crossed into the actors' own country"
        return None
    where = next(
        (
            p.country
            for p in state.places_at[c.sentence.index]  # right after the act: where it happened
            if p.country and p.country != own and 0 <= p.start - c.end <= ACT_PLACE_WINDOW
        ),
        None,
    )
    ctx = SideContext(
        res.parties,
        own,
        _year(state),
        country_of,
        foreign_country=abroad,
        states=state.named_states,
        voice=state.voice,
        act_country=where,
    )
    m.from_side, m.to_side = find_sides(
        sent,
        c.start,
        c.end,
        c.trigger,
        state.parties_at[c.sentence.index],
        data,
        ctx,
        subject_hint=m.role or "",
        subject_at=actor[2] if actor is not None else None,
    )
    for o in c.others:  # "desertaron ... y se unieron al Frente 10": the grouped trigger names the side joined
        if m.to_side is None and o.trigger.object == "to" and o.kind in ("defection", "surrender"):
            m.to_side = find_sides(
                sent,
                o.start,
                o.end,
                o.trigger,
                state.parties_at[c.sentence.index],
                data,
                ctx,
                subject_hint=m.role or "",
            )[1]
    frame = apply_frame(m, c, state, res, data, ctx)
    infer_sides(m, c, state, res, ctx, frame)
    carry_document_sides(m, c, state)
    said_of = state.affiliations.get(m.name.split()[-1]) if m.name and m.from_side is None else None
    if said_of is not None and said_of[1] != (m.to_side or {}).get("party"):
        # "X, a senior Y commander, ..." earlier in the story: Y is the side X's act leaves
        # (golden: described-affiliation-is-the-side-left)
        m.from_side = {"name": said_of[0], "party": said_of[1], "inferred": True}
    armed_doc = any(pm.party.kind not in ("peace_process",) for ms in state.parties_at.values() for pm in ms)
    prev = state.mentions[-1] if state.mentions else None
    if prev is not None and rx["more"].search(region) and m.people:
        m.from_side = m.from_side or prev.from_side  # "Eleven more gave themselves up": the same kind of men
        m.to_side = m.to_side or prev.to_side
        m.role = m.role or prev.role
    to_country = (
        next((p.countries[0] for p in [res.parties.get(m.to_side.get("party") or "")] if p and p.countries), None)
        if m.to_side
        else None
    )
    if c.kind == "desertion" and any(o.kind == "surrender" for o in c.others) and to_country and to_country != own:
        c.kind = "defection"  # deserted and gave themselves up to another state's authorities: went over to it
    left = res.parties.get((m.from_side or {}).get("party") or "")
    if (
        c.kind == "desertion"
        and any(o.kind == "surrender" for o in [c, *c.others])
        and left is not None
        and left.side_state is None
        and left.kind != "foreign_state"
    ):
        # insurgents who "left the ranks and entered the reintegration programme" gave themselves up:
        # deserting an armed group into the state's hands is a surrender (golden: es-left-ranks-and-reintegrated)
        c.kind = "surrender"
    reason = _requirements(c, m, data, region, prior=bool(state.mentions), armed_doc=armed_doc)
    if reason:
        c.status, c.reason = "rejected", reason
        return None
    adjectival = data.force_nouns | data.state_nouns | set(data.rule("place-modifier").words)
    places = [
        p
        for p in state.places_at[c.sentence.index]  # "US soldiers", "the Marine unit": a modifier, not where
        if str((re.match(r"\W*(\w+)", sent[p.end :]) or [None, ""])[1]).lower() not in adjectival
    ]
    if c.kind == "defection" and not c.trigger.crossing:  # "defected to Kyiv": the side joined, not where
        places = [p for p in places if not rx["joined_place"].fullmatch(sent[c.end : p.start])]
    rel = _relative_segment(sent, c, data)
    if rel is not None:  # "X, a navigator who defected to Molvania, found dead in Portugal": the act's own clause
        places = [p for p in places if rel[0] <= p.start and p.end <= rel[1]]
    # the parse of the sentence, when the act was framed on it (already cached: apply_frame parsed it)
    cfg = data.syntax
    doc = res.syntax.parse(sent, state.lang, cfg) if frame and res.syntax and cfg else None
    spans = [(c.start, c.end)] + [(o.start, o.end) for o in c.others]
    if doc is not None and frame is not None and frame.joined is not None and places:
        # "switched to the army and thanked his family at a rally in X": X is not where. Only
        # when the act is told whole (its side joined stated): "laid down their weapons and crossed
        # to positions near X" goes on telling the act.
        places = [p for p in places if not of_coordinated_verb(doc, spans, p.start, p.end)]
    if doc is not None and cfg is not None and len(places) > 1:
        # "a fighter of the group in X region surrendered ... in Y": X is where he served, Y where
        # he surrendered (golden: subject-place-is-not-where); without a Y after the act, X is
        # all the text says
        outside = [
            p
            for p in places
            if p.precision != "country" and p.start >= c.end and not in_subject(doc, spans, p.start, p.end, cfg)
        ]
        if outside:
            places = [p for p in places if not in_subject(doc, spans, p.start, p.end, cfg)]
    elsewhere = any(p.precision != "country" for i, ps in state.places_at.items() if i != c.sentence.index for p in ps)
    m.place = _place(places, c, allow_dateline=False)
    if m.place is None and not elsewhere:  # a dateline is where the reporter is: last resort
        m.place = _place(places, c, allow_dateline=True)
        m.place_weak = m.place is not None
    m.weapons = find_weapons(sent[c0:], data) + _weapons_next(state, c, data)
    m.date = event_window(
        _mask_dateline(_own_part(_mask_relative(sent, data), c, state, data)),
        state.published,
        res.dates(state.lang),
        context=state.last_window,
    )
    when = frame.time if frame is not None and m.date is None else None
    if when is not None:  # no date phrase the rules read: the time the parse hangs on the act's verb
        m.date = event_window(sent[when[0] : when[1]], state.published, res.dates(state.lang)) or m.date
    if m.date is not None:
        state.last_window = m.date
    told = m.date
    if told is None and state.published is None and m.people and m.people[0] >= YEARLY_TOTAL_MIN:
        # an undated report: how long "last year" lasts does not depend on when it was written
        own_text = _mask_dateline(_own_part(_mask_relative(sent, data), c, state, data))
        told = event_window(own_text, _WIDTH_PROBE_DAY, res.dates(state.lang))
    if (
        m.people
        and m.people[0] >= YEARLY_TOTAL_MIN
        and not m.name
        and told is not None
        and (told.latest - told.earliest).days >= YEARLY_TOTAL_DAYS
    ):
        c.status, c.reason = "rejected", "a yearly total (a large count told of a whole year), not one act"
        return None
    m.speaker = _speaker(sent, data)
    c.mention = m
    if listed:  # "including A and B": one act each
        c.listed = listed
    return m


def _relative_segment(sent: str, c: Candidate, data: LanguageData) -> tuple[int, int] | None:
    """The comma-bounded stretch around the trigger when the act is told in a relative clause
    ("..., a navy navigator who defected to Molvania, found dead abroad"), else None."""
    lo = max((m.end() for m in re.finditer(r"[,;:(]", sent[: c.start])), default=0)
    if not _rx(data)["who"].search(sent[lo : c.start]):
        return None
    hi = next(
        (c.end + m.start() for m in _rx(data)["relative_end"].finditer(sent[c.end :])),
        len(sent),
    )  # "... in the spring was seen in"
    return lo, hi


def _year(state: DocState) -> int | None:
    return state.year or (state.published.year if state.published else None)


def _requirements(
    c: Candidate, m: Mention, data: LanguageData, region: str, prior: bool = False, armed_doc: bool = False
) -> str | None:
    t = c.trigger
    armed = lambda side: (
        side is not None
        and (
            side.get("party") is not None
            or any(w in (side.get("name") or "").lower() for w in data.armed_words)
            or _rx(data)["armed_name"].search(side.get("name") or "")
        )
    )
    strong = t.strong and m.subject in ("named", "pronoun") and armed_doc
    forceish = bool(m.role) or m.subject in ("named", "pronoun") and bool(m.from_side) or strong
    if t.needs == "armed_object" and t.object == "from" and not armed(m.from_side):
        return "the side left is not an armed party"  # "parted ways with his business partners"
    if t.needs == "armed_object" and t.object != "from" and not armed(m.to_side):
        uprising = _uprising_joined(c, m, data)
        if uprising is None:
            return "the side joined is not an armed party"
        m.to_side = uprising
    if t.needs == "armed_object" and t.object == "to" and m.from_side is None and not m.role and not t.reversal:
        return "joining without a side left (a first enlistment, not a defection)"
    if t.needs == "force_subject" and not (
        m.role or (m.subject == "named" and m.from_side) or (m.subject == "pronoun" and prior)
    ):
        return "actor is not a soldier, official or fighter"
    if m.subject == "none" and m.people is None:
        return "no identifiable actor"
    if m.from_side is None and m.to_side is None and not m.role:
        return "no side left or joined is named or implied (a civilian, not a party's member)"
    if not (armed(m.to_side) or armed(m.from_side) or forceish):
        return "no conflict party involved"
    return None


def _uprising_joined(c: Candidate, m: Mention, data: LanguageData) -> dict | None:
    """Soldiers or officers joining protesters: a force going over to an uprising. The side
    joined is the uprising as the text names it, right after the trigger (or as already read)."""
    if not any(w in data.force_nouns for w in (m.role or "").lower().split()):
        return None
    if m.to_side is not None:
        side = (m.to_side.get("name") or "").lower()
        return m.to_side if any(re.search(rf"\b{re.escape(w)}\b", side) for w in data.uprising_words) else None
    after = c.sentence.text[c.end : c.end + 40]
    for w in data.uprising_words:
        hit = re.match(rf"\s*((?:\w+\s+)?{re.escape(w)})\b", after, re.I)
        if hit:
            return {"name": hit.group(1), "party": None}
    return None


_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][\w .'-]{2,30}?)?\s*(?:\([^)]*\)\s*)?[–—-]+\s"
)  # "GAZIANTEP, Turkey - "


def _own_part(sent: str, c: Candidate, state: DocState, data: LanguageData) -> str:
    """The sentence with the other acts of the same sentence blanked out, so each act keeps its
    own date ("had defected before 1998 ..., and defected again around October 16 2001")."""
    same = _same_sentence(state.candidates, c.sentence.index)  # candidates are in text order
    others = [o for o in same if o is not c and o.status != "rejected"]
    lo = max([_split(sent, o.end, c.start, data) for o in others if o.end <= c.start], default=0)  # a date between two
    hi = min(
        [_split(sent, c.end, o.start, data) for o in others if o.start >= c.end], default=len(sent)
    )  # acts: its clause's
    return " " * lo + sent[lo:hi] + " " * (len(sent) - hi)


def _same_sentence(candidates: list, index: int) -> list:
    """The candidates of sentence ``index``, found by bisection: scanning them all for each
    candidate was quadratic in a document of thousands of triggers."""
    key = lambda o: o.sentence.index  # noqa: E731
    return candidates[bisect.bisect_left(candidates, index, key=key) : bisect.bisect_right(candidates, index, key=key)]


def _split(sent: str, a: int, b: int, data: LanguageData) -> int:
    """Where the text between two acts divides: the last ", and" / "," / ";" in it, else the middle."""
    cuts = [m.start() for m in _rx(data)["split"].finditer(sent[a:b])]
    return a + cuts[-1] if cuts else (a + b) // 2


_DATELINE_DATE = re.compile(
    r"^[A-Z][A-Za-z .,'-]{2,40}?,?\s*(?:\(?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\)?\s*)?(?:\([^)]*\)\s*)?[–—-]+\s"
)


def _mask_dateline(sent: str) -> str:
    """ "KABUL, Oct 14 (Reuters) - ...": the date of filing, not of the act."""
    m = _DATELINE_DATE.match(sent)
    return " " * m.end() + sent[m.end() :] if m else sent


def _weapons_next(state: DocState, c: Candidate, data: LanguageData) -> list[dict[str, Any]]:
    """Weapons listed in the next sentence when it goes on about the same men ("The men drove off
    in a Humvee loaded with seven rifles")."""
    nxt = state.sentences[c.sentence.index + 1] if c.sentence.index + 1 < len(state.sentences) else None
    if nxt is None or not _rx(data)["same_men"].match(nxt.text):
        return []
    return find_weapons(nxt.text, data)


def _place(places: list, c: Candidate, allow_dateline: bool = False):
    """The place of the act: the nearest after the trigger ("defected ... in X"), else the
    nearest before; countries come last; a dateline ("KABUL -- ") only when nothing else is named."""
    sent = c.sentence.text
    dl = _DATELINE.match(sent)
    named_a1 = {p.admin1 for p in places if p.precision == "admin1"}
    cands = [
        p
        for p in places
        if (allow_dateline or not (dl and p.end <= dl.end()))
        and (p.precision != "place" or not named_a1 or p.admin1 in named_a1)  # a town must fit the province named
        and not re.match(r"\.?-[a-z]", sent[p.end : p.end + 3])
    ]  # "U.S.-trained": a modifier, not where
    if not cands:
        return None
    rank = {"place": 0, "admin2": 0, "admin1": 0, "country": 1}

    def key(p):
        after = p.start >= c.end
        dist = p.start - c.end if after else (c.start - p.end) * 1.5 + 20
        return (rank.get(p.precision, 2), dist)

    return min(cands, key=key)


def _speaker(sent: str, data: LanguageData) -> str | None:
    m = _rx(data)["according"].search(sent)
    if m:
        return m.group(1).strip()
    m = _rx(data)["said_by"].search(sent)
    return m.group(1).strip() if m else None
