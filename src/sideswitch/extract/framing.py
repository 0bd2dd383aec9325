"""Sides read from the parse: the grammatical object of the act beats a character window.

The rule-based reading (``sides.find_sides``) looks at the words right after a trigger; the parse
knows which noun phrase the preposition governs. Where the parse names the side joined (or left)
and the rule-based side is not inside that phrase, the phrase wins:

    "surrendered to security forces in Lakeland on Friday"  -> to "security forces" (the state of
                                                               the document), not Lakeland
    "defected to Riyadh"                                    -> to Saudi Arabia (a capital is its state)
    "surrendered to Kurdish forces"                         -> to "Kurdish forces" (no state named)

The text's phrase stays the side's ``name``; the party lexicon gives ``party`` when it knows one.
A generic phrase ("the group", "the militia") never replaces a side the rules found.
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon.langdata import LanguageData, per_language
from .counts import count_people, parse_number
from .persons import find_persons
from .sides import _modifier, place_or_enemy
from .syntax import MAX_PARSE_CHARS, Frame, core_span, frame_of

__all__ = ["apply_frame", "nominal_actor"]


@per_language
def _determiner(data: LanguageData) -> re.Pattern[str]:
    """The determiner opening a phrase (``rules: frame-determiner``)."""
    return re.compile(rf"^(?:{data.rule('frame-determiner').part('det')})\s+", re.I)


def _parsed_frame(c: Any, state: Any, res: Any, data: Any) -> tuple[Any, Frame] | None:
    """The parse of the candidate's sentence (cached by ``SyntaxModels``) and its trigger's frame;
    None without a parser for the language or for an over-long sentence."""
    cfg = data.syntax
    sent = c.sentence.text
    if cfg is None or res.syntax is None or len(sent) > MAX_PARSE_CHARS:
        return None
    doc = res.syntax.parse(sent, state.lang, cfg)
    return doc, frame_of(doc, c.start, c.end, cfg, direct=c.trigger.direct, leaves=c.trigger.object == "from")


def apply_frame(m: Any, c: Any, state: Any, res: Any, data: Any, ctx: Any) -> Frame | None:
    """Refine ``m``'s sides from the parse of its sentence; the frame used, or None (no parse)."""
    parsed = _parsed_frame(c, state, res, data)
    if parsed is None:
        return None
    doc, frame = parsed
    cfg, sent = data.syntax, c.sentence.text
    matches = state.parties_at.get(c.sentence.index, [])
    if frame.subject:
        _subject_from_parse(m, sent, frame, cfg, data)
    if frame.subject_core and frame.subject_kind == "named" and not m.name and m.subject in ("none", "singular"):
        # a name the rules did not read ("Jon 'Jojo' Ebbo, a member of X, surrendered"): the parse's person
        a, b = frame.subject_core
        person = next(
            (
                e
                for e in doc.ents
                if e.label_ in ("PERSON", "PER")
                and a <= e.start_char
                and e.end_char <= b
                and not data.patron.search(sent[max(0, e.start_char - 60) : e.start_char])
            ),
            None,
        )
        if person is not None:
            m.name, m.subject = person.text, "named"
            m.people = m.people or (1, 1)  # a named person with no count is one (golden: cov-es-se-entrego-alias)
    if frame.reporter and m.subject == "pronoun" and not m.name:
        person = next(
            (
                e
                for e in doc.ents
                if e.label_ in ("PERSON", "PER")
                and frame.reporter[0] <= e.start_char
                and e.end_char <= frame.reporter[1]
            ),
            None,
        )
        if person is not None:
            m.name, m.subject = person.text, "named"
            if frame.joined is None:  # a side read from the announcer is the defector's own: none is stated
                m.to_side = None
    if frame.joined and c.kind in ("defection", "surrender") and frame.joined[0] >= c.start:
        side = _phrase_side(sent, frame.joined, matches, data, ctx, res)
        # a joining verb ("joined", "rallied") needs a known party to create a side the rules did not find
        weak = c.trigger.needs == "armed_object" and m.to_side is None and not side.get("party") if side else True
        if side is not None and not weak and not _inside(m.to_side, sent, frame.joined):
            if not (side.get("party") is None and _generic(side["name"], data) and m.to_side):
                m.to_side = side
    if frame.left and frame.left[0] >= c.start:
        side = _phrase_side(sent, frame.left, matches, data, ctx, res)
        if side is not None and side.get("party") and not _inside(m.from_side, sent, frame.left):
            m.from_side = side
    if m.from_side is None and frame.subject:
        a, b = frame.subject
        party = next(
            (
                x
                for x in matches
                if a <= x.start and x.end <= b and not _modifier(sent, x) and not place_or_enemy(sent, x, data)
            ),
            None,
        )
        if party is not None and (m.to_side or {}).get("party") != party.party.name:
            m.from_side = {"name": party.surface, "party": party.party.name}
    if m.from_side is None and frame.subject:
        m.from_side = _named_group(doc, frame, sent, data, res, m.to_side)
    if m.name and m.to_side and m.name in (m.to_side.get("name") or "") and frame.subject:
        # "two colonels recognised X as president": X is the side joined, the subject left
        a, b = frame.subject
        m.name = m.full_name = None
        m.subject, m.role = frame.subject_kind or "group", _determiner(data).sub("", sent[a:b].strip())
        m.people = count_people(sent[a:b], data)
    if m.to_side and m.from_side and m.to_side.get("party") and m.to_side.get("party") == m.from_side.get("party"):
        m.from_side = None  # one party cannot be left and joined: the object is the more reliable reading
    return frame


@per_language
def _armed_name(data: LanguageData) -> re.Pattern[str]:
    """A word that makes a name an armed group's ("Front", "Brigade"; ``rules: armed-name``)."""
    return re.compile(rf"\b(?:{data.rule('armed-name').part('end')})\b")


def _named_group(doc: Any, frame: Frame, sent: str, data: Any, res: Any, joined: dict | None) -> dict | None:
    """A group the lexicon does not know, named in the subject as the text names it: "members of
    the Karoo Liberation Front", "fighters of the MPLK" (golden: unknown-group-is-the-side-left).
    A named entity, or the proper noun the subject's head governs ("of X", "de X"), after the
    head: no person, no place, no patron ("loyal to X"); its name has an armed group's word, or
    is an acronym the subject's fighters belong to."""
    if frame.subject is None or frame.subject_core is None:
        return None
    a, b = frame.subject
    lab = data.syntax.frames.labels
    core = sent[frame.subject_core[0] : frame.subject_core[1]]
    fighters = any(w.lower() in data.fighter_nouns for w in re.findall(r"[\w-]+", core))
    lo, hi = frame.subject_core
    head = next((t for t in doc if lo <= t.idx < hi and (t.head is t or not lo <= t.head.idx < hi)), None)
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in lab.person_entities]
    if head is not None:
        governed = [g for c in head.children if c.dep_ in lab.prep for g in c.children if g.dep_ in lab.prep_object]
        governed += [c for c in head.children if c.dep_ in lab.oblique and any(g.dep_ in lab.case for g in c.children)]
        spans += [core_span(g, lab) for g in governed if g.pos_ == "PROPN"]
    for x, y in sorted(spans):
        if not (a <= x and y <= b) or x <= lo:  # after the head's first word: not a dateline
            continue
        name = _determiner(data).sub("", sent[x:y].strip(" ,.;:"))
        if data.patron.search(sent[max(0, x - 60) : x]) or res.gazetteer.country_of(name, strict=True):
            continue
        acronym = re.fullmatch(r"[A-Z][A-Z0-9-]{1,7}", name) is not None
        if (_armed_name(data).search(name) or (acronym and fighters)) and name not in (joined or {}).get("name", ""):
            return {"name": name, "party": None}
    return None


def _forceish(
    sent: str, span: tuple[int, int] | None, core: tuple[int, int] | None, data: Any, people: bool = False
) -> bool:
    """The phrase's head is a soldier, fighter or official ("four of our guards" counts by its
    noun); with ``people``, also a neutral noun a headcount attaches to ("37 men")."""
    a, b = span or (0, 0)
    bare = _determiner(data).sub("", sent[a:b].strip())
    core_text = sent[core[0] : core[1]] if core else bare
    head_noun = core_text.split()[-1].lower().strip(",.") if core_text.split() else ""
    nouns = data.force_nouns | data.fighter_nouns | (data.person_nouns if people else frozenset())
    if head_noun in nouns or head_noun.rstrip("s") in data.force_nouns:
        return True
    if head_noun.isdigit() or head_noun in data.number_words:  # "four of our guards"
        return any(w.lower().strip(",.") in nouns for w in bare.split())
    return False


def nominal_actor(c: Any, state: Any, res: Any, data: Any) -> tuple[str, str, tuple[int, int]] | None:
    """The people a nominal act names after its noun, as (subject kind, phrase, its offsets): "the surrender of
    37 Boko Haram fighters", "la reddition de 37 éléments", "la deserción de seis soldados"
    (golden: nominal-act-names-its-actors). Kind "summary" for an uncounted plural ("the defections
    of fighters and their families"): acts told in sum, none of them. None without a parse or such
    a complement."""
    parsed = _parsed_frame(c, state, res, data)
    if parsed is None:
        return None
    doc, frame = parsed
    cfg, sent = data.syntax, c.sentence.text
    if frame.complement is None or frame.complement_kind not in ("named", "singular", "group"):
        return None
    if frame.complement_kind != "named" and not _forceish(sent, frame.complement, frame.complement_core, data, True):
        return None  # "the surrender of the town": a thing, not people
    a, b = frame.complement
    case = cfg.frames.labels.case
    a = next((t.idx for t in doc if a <= t.idx < b and t.dep_ not in case), a)  # "de 37 éléments": no "de"
    if frame.complement_kind == "group" and count_people(sent[a:b], data) is None:
        return "summary", sent[a:b], (a, b)  # "the defections of fighters and their families": uncounted
    return frame.complement_kind, _determiner(data).sub("", sent[a:b].strip(" ,.;:")), (a, b)


def _subject_from_parse(m: Any, sent: str, frame: Frame, cfg: Any, data: Any) -> None:
    """The act's subject as the parse reads it, where the rules found none or a person outside it
    ("the president fired his navy chief after the admiral pledged allegiance" -> the admiral)."""
    a, b = frame.subject or (0, 0)
    phrase = sent[a:b]
    bare = _determiner(data).sub("", phrase.strip())
    core_text = sent[frame.subject_core[0] : frame.subject_core[1]] if frame.subject_core else bare
    is_force = _forceish(sent, frame.subject, frame.subject_core, data)
    if (
        m.subject == "none"
        and frame.subject_kind in ("group", "singular")
        and bare
        and is_force
        and not m.cand.trigger.noun
    ):
        m.subject, m.role = frame.subject_kind, m.role or bare
    elif (
        m.subject == "pronoun"
        and m.cand.trigger.noun
        and frame.subject_indefinite
        and frame.subject_kind in ("group", "singular")
        and frame.subject_core
    ):
        # "a nephew of the minister announced his defection": "his" is that new actor, not the last one
        # (golden: document-side-carries)
        m.subject, m.role = frame.subject_kind, m.role or _determiner(data).sub("", core_text.strip())
    elif (
        m.subject == "group"
        and frame.subject_kind == "singular"
        and is_force
        and not m.cand.trigger.noun
        and frame.subject_core
    ):
        # "a deputy emir of the Harran Front went over": one man, not the group he left
        m.subject, m.role = (
            "singular",
            _determiner(data).sub("", sent[frame.subject_core[0] : frame.subject_core[1]].strip()),
        )
    elif (
        m.subject == "named"
        and m.name
        and m.name not in phrase
        and frame.subject_kind in ("group", "singular")
        and is_force
        and len(bare.split()) <= 6
        and (frame.anchor_dep in ("advcl", "conj", "ccomp") or _after_quote(sent, m.name))
        and any(m.name in sent[x:y] and not (x <= a and b <= y) for x, y in frame.other_subjects)
    ):
        # the rules' person is the subject of another verb of the sentence, not in apposition to this one
        m.name = m.full_name = None
        m.subject, m.role = frame.subject_kind, bare
        m.people = count_people(phrase, data)
    core = frame.subject_core
    if (
        m.subject in ("singular", "group")
        and m.role
        and core
        and is_force
        and m.role.lower() not in core_text.lower()
        and not m.cand.trigger.noun
    ):
        # the rules took a role from a modifier ("a captain loyal to the exiled governor"): the head names the actor
        m.role = _determiner(data).sub("", core_text.strip())
    if (
        m.subject == "named"
        and m.name
        and core
        and a <= sent.find(m.name) < b
        and not (core[0] < sent.find(m.name) + len(m.name) and sent.find(m.name) < core[1])
    ):  # a name overlapping the head is the head ('Ramon “Bunso” Dalisay': golden quoted-nickname-in-name)
        # "a captain loyal to the exiled governor Ruel Manso switched sides": the governor is his patron
        head = find_persons(core_text, data) if frame.subject_kind == "named" else []
        if head:  # "Sergeant Major X of the Y Z surrendered": the head is a named person, Y Z is not
            # (golden: named-head-before-a-group)
            m.name, m.full_name = head[0].name, None
            m.role = head[0].title or m.role
        else:
            m.name = m.full_name = None
            subject = frame.subject_kind if frame.subject_kind != "named" else "singular"
            m.subject, m.role = subject or "singular", m.role if m.role and m.role not in phrase else bare
    for rx in cfg.group_strength:
        hit = rx.search(phrase)
        if hit:
            n = parse_number(hit.group(1), data)  # "300-strong", "a three-man crew"
            if n is None:
                continue
            m.people, m.explicit = (n, n), True
            break


def _after_quote(sent: str, name: str) -> bool:
    """The name comes right after a closing quotation mark: the speaker of the quoted act."""
    at = sent.find(name)
    return at > 0 and re.search(r"[\"”’»]\s*(?:[A-Z][\w.]*\s+){0,2}$", sent[:at]) is not None


def _inside(side: dict | None, sent: str, span: tuple[int, int]) -> bool:
    """The side's name is written inside ``span`` of the sentence."""
    if not side or not side.get("name"):
        return False
    return side["name"].lower() in sent[span[0] : span[1]].lower()


def _generic(name: str, data: Any) -> bool:
    """ "the group", "the militia", "them": a phrase that names no one by itself."""
    words = _determiner(data).sub("", name.strip()).lower().split()
    return len(words) <= 1 and (not words or words[0] in data.armed_words or not name[:1].isupper())


def _phrase_side(sent: str, span: tuple[int, int], matches: list[Any], data: Any, ctx: Any, res: Any) -> dict | None:
    """The side a noun phrase names: a known party inside it, a capital or country standing for its
    state, a state force of the document's country ("security forces"), or the phrase itself when
    it names an armed group."""
    a, b = span
    phrase = sent[a:b].strip(" ,.;:\"'“”")
    if not phrase:
        return None
    inner = [x for x in matches if a <= x.start < b and not _modifier(sent, x)]
    if inner:
        first = min(inner, key=lambda x: (x.start, -(x.end - x.start)))
        return {"name": first.surface, "party": first.party.name}
    bare = _determiner(data).sub("", phrase)
    capital = res.gazetteer.capital_of(bare)
    country = capital or ctx.countries_of(bare)
    if country:
        return _state(ctx, country, bare)
    low = bare.lower()
    words = low.split()
    if any(w in data.state_nouns or w in data.syntax.receiver_nouns for w in words[-2:]):
        demonym = next((ctx.countries_of(w) for w in bare.split() if ctx.countries_of(w)), None)
        if demonym or not any(w[:1].isupper() for w in bare.split()[:-1]):
            # "security forces" with the act abroad ("in Chad"): that state's forces
            return _state(ctx, demonym or ctx.foreign_country, bare)
        return {"name": bare, "party": None}  # "Kurdish forces": named, no state known
    if any(w in data.armed_words for w in words) or bare[:1].isupper():
        return {"name": bare, "party": None}
    return None


def _state(ctx: Any, country: str | None, name: str) -> dict:
    from .sides import _state as state_side

    side = state_side(ctx, country, name)
    return side or {"name": name, "party": None}
