"""Which side was left (``from_side``) and which was joined (``to_side``).

Sides come from sentence structure around the trigger, then the party lexicon
gives the canonical party; an unknown group keeps the phrase the text uses.

    "X defected to the Taliban"                 -> to Taliban
    "persuaded two Taleban field commanders to defect to the Northern Alliance"
                                                -> from Taliban, to Northern Alliance
    "Eleven policemen defected" (Afghanistan)   -> from Afghan government (implied: police are the state)
    "surrendered to troops of the 33rd battalion" -> to "troops of the 33rd battalion" (state of the country)
    "defected to the Black Hills Brigade"       -> to {"name": "Black Hills Brigade", "party": None}
    "a pilot ... flew his jet to Jordan"        -> to Jordan (a neighbouring state)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..lexicon.parties import Party, PartyLexicon, PartyMatch

import re
from dataclasses import dataclass

from ..lexicon.langdata import LanguageData, Trigger, per_language
from .counts import parse_number

__all__ = ["Side", "SideContext", "find_sides"]

# A side of an act: {"name": the text's phrase, "party": the canonical party or None, "inferred": True
# when it comes from the document or conflict knowledge, not the sentence}
Side = dict[str, Any]


# How far (characters) after a trigger its object may start, how far into it a named party may
# begin ("to the self-styled Iron Column"), and how far back the subject reaches.
OBJECT_WINDOW = 70
OBJECT_START = 20
SUBJECT_WINDOW = 160


@per_language
def _clause_end(data: LanguageData) -> re.Pattern[str]:
    """Where the act's clause ends: punctuation, a dash, and the words of ``rules: clause-end``."""
    w = data.rule("clause-end")
    return re.compile(rf"[;:]|\s[–—-]\s|,\s+(?:{w.part('conj')})\b|\b(?:{w.part('verbs')})\b")


@per_language
def _np(data: LanguageData) -> re.Pattern[str]:
    """A proper-noun phrase, group 1 without its article (``rules: proper-phrase``)."""
    w = data.rule("proper-phrase")
    art, link = w.part("article"), w.part("link")
    return re.compile(
        rf"(?:(?:{art})\s+)?((?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)|{link}|al-)(?:\s+(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)?|{link}))*)"
    )


@dataclass(slots=True)
class SideContext:
    """What side detection needs from the rest of the document."""

    parties: PartyLexicon
    country: str | None  # the document's main country
    year: int | None  # year of the act or of publication, for state parties
    countries_of: Callable[[str], str | None]  # word -> country name or None (demonyms, country names)
    foreign_country: str | None = None  # a country other than the actors' own where the act took place
    act_country: str | None = None  # such a country named right after the trigger ("surrender in X")
    states: dict[str, Party | None] | None = (
        None  # country -> the state party the document itself names (undated documents)
    )
    voice: Party | None = None  # the party the outlet speaks for: "the army" of a Houthi channel is theirs


def _side(name: str, party: Party | str | None) -> Side:
    return {"name": re.sub(r"\s+", " ", name).strip(" ,.\"'”“"), "party": getattr(party, "name", party)}


def _state(ctx: SideContext, country: str | None, name: str | None = None) -> Side | None:
    """The state side of ``country`` (the context's own country when None), named ``name``. An
    outlet that speaks for a party of the document's conflict calls that party's forces "the army"
    (golden: outlet-voice-names-the-army)."""
    voice = ctx.voice
    if country is None and voice is not None and (ctx.country is None or ctx.country in voice.countries):
        return _side(name or voice.name, voice)
    country = country or ctx.country
    if not country:
        return {"name": name, "party": None} if name else None
    p = (ctx.states or {}).get(country) if ctx.year is None else None
    p = p or ctx.parties.state_party(country, ctx.year)
    if p is None:
        return {"name": name or country, "party": None}
    return _side(name or p.name, p)


def _clause_bounds(sentence: str, a: int, b: int, data: LanguageData | None = None) -> tuple[int, int]:
    start = 0
    clause_end = _clause_end(data) if data is not None else None
    for m in clause_end.finditer(sentence, 0, a) if clause_end else ():
        start = m.end()
    lead = (
        attribution(data).match(sentence) if data is not None else None
    )  # "According to a statement by X, ...": attribution, not the subject
    if lead and lead.end() <= a:
        start = max(start, lead.end())
    if data is not None:
        # ", according to the army, 104 guerrillas deserted": the attribution ends at its own comma;
        # the army is not the subject's side (golden: attribution-is-not-the-side)
        for m in data.according.finditer(sentence, 0, a):
            if sentence[m.end(1) : m.end(1) + 1] == "," and re.search(r",\s*$", sentence[: m.start()]):
                start = max(start, m.end(1) + 1)
    if data is not None:  # "aseguró en un comunicado que ...": the act starts after "que"
        for m in re.finditer(
            r"(?:" + data.speech.pattern + r")[^,;]{0,40}?\b(?:" + data.complementizer + r")", sentence[:a], re.I
        ):
            start = max(start, m.end())
    end = clause_end.search(sentence, b) if clause_end else None
    return start, (end.start() if end else len(sentence))


@per_language
def attribution(data: LanguageData) -> re.Pattern[str]:
    """ "According to a statement by X, ...": an attribution opening the sentence (``rules: attribution``)."""
    return re.compile(
        rf"^\W*(?:[A-ZÁÉÍÓÚ][\w .'-]{{0,30}}[–—-]\s+)?(?:{data.rule('attribution').part('lead')})\b[^,;]{{0,120}},",
        re.I,
    )


@per_language
def _object_rx(data: LanguageData) -> dict[str, Any]:
    """The expressions of :func:`_object` built from ``rules: side-object``, once per language."""
    w = data.rule("side-object")
    nouns = sorted(data.state_nouns | set(w.words), key=len, reverse=True)
    return {
        "head": re.compile(rf"\W{{0,3}}(?:{w.part('pre')})?(?:{w.part('det')})?"),
        "stop": re.compile(rf"[.;,]|\b(?:{w.part('stop')})\b"),
        "armed": [(x, re.compile(rf"(?:{w.part('armed_det')})?{re.escape(x)}\b")) for x in data.armed_words],
        "state": [re.compile(rf"(?:{w.part('state_det')})?(?:(\w+) )?{re.escape(x)}\b(?: (\w+))?") for x in nouns],
        "link_end": re.compile(rf"\s+(?:{data.rule('proper-phrase').part('link')})$"),
        "org_end": re.compile(rf"(?:{w.part('org_end')})$"),
    }


def _same_state(a: str | None, b: str | None, parties: PartyLexicon) -> bool:
    return parties.same_side(a, b)


def _modifier(sentence: str, m: PartyMatch) -> bool:
    """ "U.S.-trained", "Taleban-held", "Saudi-led": a party as a modifier, not a side."""
    return bool(re.match(r"\.?-[a-z]", sentence[m.end : m.end + 3]))


def _party_at(matches: list[PartyMatch], a: int, b: int, sentence: str = "") -> PartyMatch | None:
    for m in matches:
        if a <= m.start < b and not _modifier(sentence, m):
            return m
    return None


def _object(
    sentence: str,
    pos: int,
    clause_end: int,
    matches: list[PartyMatch],
    data: LanguageData,
    ctx: SideContext,
    direct: bool,
) -> Side | None:
    """The side named right after ``pos`` (after a preposition unless ``direct``)."""
    window = sentence[pos : min(clause_end, pos + OBJECT_WINDOW)]
    rx = _object_rx(data)
    if direct:
        head = rx["head"].match(window)
    else:
        head = data.side_to.match(window)
    if not head:
        return None
    at = pos + head.end()
    rest = sentence[at : min(clause_end, at + OBJECT_WINDOW)]
    m = _party_at(matches, at, at + OBJECT_START, sentence)
    if m is not None and not rx["stop"].search(sentence[at : m.start]):
        return _side(m.surface, m.party)
    low = rest.lower()
    for w, armed in rx["armed"]:
        if armed.match(low):
            np = _np(data).match(rest)
            name = rest[: low.index(w) + len(w)].strip()
            if np and np.group(1)[:1].isupper() and len(np.group(1)) > len(name):
                name = np.group(1).strip()  # "al Frente 10": the proper name, not just "Frente"
            return {"name": name, "party": None}
    for state in rx["state"]:
        mm = state.match(low)
        if mm:
            country = next((ctx.countries_of(g) for g in mm.groups() if g and ctx.countries_of(g)), None)
            name = rest[
                : mm.end(0)
                - (len(mm.group(2)) + 1 if mm.group(2) and not (mm.group(2) and ctx.countries_of(mm.group(2))) else 0)
            ]
            return _state(ctx, country, name.strip())
    np = _np(data).match(rest)
    if np and np.group(1)[:1].isupper():
        country = ctx.countries_of(np.group(1).strip())
        if country:
            return _state(ctx, country, np.group(1)) if country != ctx.country else _state(ctx, country)
        phrase = rx["link_end"].sub("", np.group(1).strip())
        # one capitalised word is a place, accented or not ("à Ménaka"; golden: cov-fr-fait-leur-reddition)
        single = phrase.isalpha() and phrase[:1].isupper() and phrase[1:].islower()
        if phrase and not single or rx["org_end"].search(phrase):
            return {"name": phrase, "party": None}
    return None


def find_sides(
    sentence: str,
    trig_start: int,
    trig_end: int,
    trigger: Trigger,
    matches: list[PartyMatch],
    data: LanguageData,
    ctx: SideContext,
    *,
    subject_hint: str = "",
    subject_at: tuple[int, int] | None = None,
) -> tuple[Side | None, Side | None]:
    """(from_side, to_side) for the trigger at ``trig_start:trig_end`` of ``sentence``.
    ``matches``: party matches in the sentence. ``subject_hint``: the defector's role/noun phrase;
    ``subject_at``: where the defectors are named when not before the trigger (a nominal act's
    complement, "the surrender of 37 X fighters")."""
    c0, c1 = _clause_bounds(sentence, trig_start, trig_end, data)
    to_side = from_side = None
    rx = _find_rx(data)
    if trigger.kind != "desertion" or trigger.object == "to":
        to_side = _object(sentence, trig_end, c1, matches, data, ctx, direct=trigger.direct)
    first = re.match(r"\s+(\w+)", sentence[trig_end:])
    # "Desertaron 12 soldados del Ejército": a count (two or more) right after the verb opens its
    # subject, not the side left (golden: cov-es-desertaron-12-soldados)
    counted = trigger.object == "from" and first is not None and (parse_number(first.group(1), data) or 0) >= 2
    if trigger.object == "from" and not rx["to"].match(sentence[trig_end:]) and not counted:
        from_side = _object(sentence, trig_end, c1, matches, data, ctx, direct=True)  # not "deserted to join X"
        if from_side is None and rx["unit"].match(sentence[trig_end:]):
            from_side = _state(ctx, None)  # "deserted their infantry battalion": the forces of their own state
        if (from_side is None or not from_side.get("party")) and rx["group"].match(sentence[trig_end:]):
            # "broke ties with the (militant) group": the group named before (golden: cov-broke-ties-with-the-militant-group)
            earlier = [m for m in matches if m.end <= trig_start and not _modifier(sentence, m)]
            if earlier:  # "X, a commander of the Taliban, parted ways with the group"
                from_side = _side(earlier[-1].surface, earlier[-1].party)
    if from_side is None:
        after = sentence[trig_end:c1]
        fm = rx["from"].search(after)
        if fm and data.origin.search(after[max(0, fm.start() - 30) : fm.start()]):
            fm = None  # "after returning from Venezuela": where he came from, not the side he left
        if fm:
            m = _party_at(matches, trig_end + fm.end(), trig_end + fm.end() + 40)
            if m is not None and trigger.crossing and (m.via == "country" or ctx.countries_of(m.surface.strip())):
                pass  # "crossed into X from Turkey": where they came from, not a party they left
            elif m is not None:  # (golden: crossing-from-a-country-is-no-side)
                from_side = _side(m.surface, m.party)
            elif rx["from_state"].match(after[fm.end() :]):
                from_side = _state(ctx, None)
    if from_side is None and subject_at is not None:
        from_side = _subject_side(sentence, *subject_at, matches, data, ctx, subject_hint, exclude=to_side)
    if from_side is None:
        # the side left named after the act: "returned to the army after two years with X", "s'est
        # rallié au gouvernement avec 60 combattants de X" (rule left-after; golden: cov-return-after-years-with)
        left_after = data.rule("left-after").regex
        for m in matches:
            if (
                trig_end <= m.start <= trig_end + SUBJECT_WINDOW
                and (to_side or {}).get("party") != m.party.name
                and left_after.search(sentence[trig_end : m.start])
            ):
                from_side = _side(m.surface, m.party)
                break
    if from_side is None and counted:  # the subject after the verb names whom they left
        from_side = _subject_side(sentence, trig_end, c1, matches, data, ctx, "", exclude=to_side)
    if from_side is None and subject_at is None:
        ante = _antecedent(sentence, c0, trig_start, data)  # "a medal for a Molvanian navy captain who defected"
        if ante is not None:
            from_side = _subject_side(sentence, ante[0], ante[1], matches, data, ctx, "", exclude=to_side)
    if from_side is None and subject_at is None:
        from_side = _subject_side(
            sentence,
            max(c0, trig_start - SUBJECT_WINDOW),
            trig_start,
            matches,
            data,
            ctx,
            subject_hint,
            exclude=to_side,
        )
    within = [m for m in matches if trig_start <= m.start and m.end <= trig_end]
    if to_side is None and within and trigger.kind != "desertion":  # "joined the peace process"
        to_side = _side(within[-1].surface, within[-1].party)
    inside = sentence[trig_start:trig_end].lower()
    if to_side is None and any(re.search(rf"\b{re.escape(w)}", inside) for w in data.armed_words):
        to_side = {"name": next(w for w in data.armed_words if re.search(rf"\b{re.escape(w)}", inside)), "party": None}
    if to_side is None and trigger.crossing and ctx.foreign_country:
        to_side = _state(ctx, ctx.foreign_country, ctx.foreign_country)  # he went over to the state he reached
    if (
        to_side is None
        and trigger.kind in ("defection", "surrender", "desertion")
        and data.announce.search(sentence[:c0])
        and (trigger.kind != "desertion" or data.rule("announced-to").regex.search(sentence[trig_end:]))
    ):
        speaker = [m for m in matches if m.end <= c0 and (from_side or {}).get("party") != m.party.name]
        claimant = re.search(r"\b(" + "|".join(re.escape(w) for w in data.armed_words) + r")\b", sentence[:c0], re.I)
        if speaker:
            to_side = _side(speaker[-1].surface, speaker[-1].party)
        elif claimant:  # "denied opposition claims that X had defected"
            to_side = {"name": claimant.group(1), "party": None}
    if to_side is None and trigger.kind == "surrender":  # "walked towards a US Marine checkpoint ... and surrendered"
        toward = [
            m
            for m in matches
            if rx["toward"].search(sentence[max(0, m.start - 14) : m.start])
            and not _modifier(sentence, m)  # "to the X-affiliated Y": Y is the receiver
            and not _same_state(m.party.name, (from_side or {}).get("party"), ctx.parties)
        ]
        if toward:
            to_side = _side(toward[0].surface, toward[0].party)
    if to_side is None and trigger.kind == "surrender" and from_side and from_side.get("party"):
        # insurgents who give up without a named receiver surrender to the state where they did it
        # ("nine Karoo Front fighters gave themselves up in Chad"; golden: surrender-where-it-happened)
        state = _state(ctx, ctx.act_country)
        if state and state.get("party") and state["party"] != from_side["party"]:
            to_side = state
    if (
        to_side
        and from_side
        and to_side.get("party")
        and _same_state(to_side.get("party"), from_side.get("party"), ctx.parties)
    ):
        to_side = None if trigger.kind == "desertion" else to_side
        if to_side:
            from_side = None
    return from_side, to_side


@per_language
def _find_rx(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions of :func:`find_sides` and its helpers built from the language's rules
    (``side-left``, ``surrender-toward``, ``relative-subject``, ``subject-side``), once per language."""
    left, toward, rel, subj = (
        data.rule(r) for r in ("side-left", "surrender-toward", "relative-subject", "subject-side")
    )
    leading = sorted(set(data.number_words) | set(subj.words), key=len, reverse=True)
    return {
        "to": re.compile(rf"\W*(?:{left.part('to')})\s"),
        "unit": re.compile(rf"\W*(?:{left.part('own')})\s+(?:[\w-]+\s+){{0,2}}(?:{left.part('unit')})\b", re.I),
        "group": re.compile(rf"\W*(?:{left.part('this')}) (?:[\w-]+ ){{0,2}}?(?:{left.part('group')})\b"),
        "from": re.compile(rf"\b(?:{left.part('from')})\s+(?:(?:{left.part('from_det')})\s+)?", re.I),
        "from_state": re.compile(rf"(?:\w+ )?(?:{left.part('state')})", re.I),
        "toward": re.compile(rf"\b(?:{toward.part('toward')})\s+(?:(?:{toward.part('det')})\s+)?$"),
        "relative": re.compile(rf"\b(?:{rel.part('who')})\s+(?:[\w'’]+\s+){{0,3}}$", re.I),
        "opener": re.compile(rf"(?:^|[,;:]|\b(?:{rel.part('opener')})\b)\s*", re.I),
        "place": re.compile(rf"\b(?:{subj.part('place')})\s+(?:(?:{subj.part('det')})\s+)?$"),
        "object": re.compile(rf"\b(?:{subj.part('object')})\s+(?:(?:{subj.part('object_det')})\s+)?$", re.I),
        "leading": re.compile(r"^(?:[\d,]+|" + "|".join(map(re.escape, leading)) + r")\s+", re.I),
    }


def _antecedent(sentence: str, c0: int, trig_start: int, data: LanguageData) -> tuple[int, int] | None:
    """The noun phrase a relative clause's "who" stands for ("a medal for a Molvanian navy
    captain who also defected" -> "a Molvanian navy captain"): the act's subject, whatever
    the main clause's subject is. None when the trigger is not in such a clause."""
    rx = _find_rx(data)
    rel = rx["relative"].search(sentence, c0, trig_start)
    if rel is None:
        return None
    start = max(
        [m.end() for m in rx["opener"].finditer(sentence, max(c0, rel.start() - 80), rel.start())], default=None
    )
    return (start, rel.start()) if start is not None and start < rel.start() else None


@per_language
def _armed_unit(data: LanguageData) -> re.Pattern[str]:
    """An armed group's word and the noun after it ("rebel unit"), lower case."""
    words = sorted(data.armed_words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\s+[\w-]+")


def place_or_enemy(sentence: str, m: PartyMatch, data: LanguageData) -> bool:
    """The party is named as a place or an enemy of the actors ("landed in India's ...", "a unit
    tasked with combating X"), not as their side (the ``subject-side`` rule's ``place`` words)."""
    return bool(_find_rx(data)["place"].search(sentence[max(0, m.start - 16) : m.start]))


def _subject_side(
    sentence: str,
    a: int,
    b: int,
    matches: list[PartyMatch],
    data: LanguageData,
    ctx: SideContext,
    hint: str,
    exclude: Side | None,
) -> Side | None:
    """The side the actors belong to, from words before the trigger: "Taliban commanders",
    "Syrian Army officers", "regime soldiers", "a Russian pilot", "policemen"."""
    rx = _find_rx(data)
    # a party named as a place or an enemy ("tasked with combating Islamic State") is blanked out, so
    # that its words ("State") are not read below as the actors' own state (golden: enemy-is-not-the-side-left)
    chars = list(sentence[a:b])
    for m in matches:
        if a <= m.start < b and place_or_enemy(sentence, m, data):
            chars[m.start - a : min(m.end, b) - a] = " " * (min(m.end, b) - m.start)
            hint = re.sub(rf"\s*\b{re.escape(m.surface)}\b", "", hint)
    span = "".join(chars)
    for m in sorted(
        (
            m
            for m in matches
            if a <= m.start < b and not _modifier(sentence, m) and not place_or_enemy(sentence, m, data)
        ),
        key=lambda m: m.start,
    ):  # the subject comes first; "landed in India's ...": a place, not a side
        if exclude and exclude.get("party") == m.party.name:
            continue
        if rx["object"].search(sentence[max(a, m.start - 12) : m.start]):
            continue  # "switching sides to the Taliban": the object of an earlier verb
        return _side(m.surface, m.party)
    words = (span + " " + hint).lower()
    # a unit named by an armed group's word ("a rebel unit", "militia members") is not the state's,
    # nor is the role read from it ("battalion" of "a 300-strong rebel battalion")
    armed_units = [u.group(0).split()[-1] for u in _armed_unit(data).finditer(span.lower())]
    own = (
        _armed_unit(data).sub(" ", span.lower())
        + " "
        + " ".join(w for w in hint.lower().split() if w not in armed_units)
    )
    for w in data.state_nouns | data.force_nouns:
        if re.search(rf"\b{re.escape(w)}\b", own) and w not in data.fighter_nouns:
            role = rx["leading"].sub("", hint.strip()) if hint else None  # "Eleven policemen" -> "policemen"
            if role and role.lower() in {t.lower() for t in data.titles}:
                role = None  # "Captain X": a rank names a person, not a side (golden: rank-is-no-side)
            return _state(ctx, None, role or None)  # the actors' own state, named as the text names them
    # the first fighter noun in the text (not the first in a set's hash order: runs must agree)
    found = [(x.start(), -len(w), w) for w in data.fighter_nouns if (x := re.search(rf"\b{re.escape(w)}\b", words))]
    if found:
        w = min(found)[2]
        return {"name": w, "party": None} if w in data.armed_words else None
    return None


def described_affiliations(
    sentence: str, persons: list[Any], matches: list[PartyMatch], data: LanguageData
) -> dict[str, tuple[str, str]]:
    """The parties the sentence ties its named people to, by the person's last name: "X, a senior
    Y commander, ..." (the comma-bounded description right after the name) or "Y commander X"
    (the party a few words before it). A later act of X that names no side left him this one
    (golden: described-affiliation-is-the-side-left)."""
    out: dict[str, tuple[str, str]] = {}
    sides = [m for m in matches if m.via != "country" and not _modifier(sentence, m)]
    for p in persons:
        last = p.name.split()[-1]
        desc = re.match(r"\s*,\s*[^,;()\"“”]{0,90}", sentence[p.end :])
        after = [
            m
            for m in sides
            if desc and p.end < m.start and m.end <= p.end + desc.end() and not place_or_enemy(sentence, m, data)
        ]
        before = [
            m
            for m in sides
            if 0 <= p.start - m.end <= 30 and re.fullmatch(r"\s+(?:[\w.'’-]+\s+){0,3}", sentence[m.end : p.start])
        ]
        found = after[0] if after else before[-1] if before else None
        if found is not None:
            out.setdefault(last, (found.surface, found.party.name))
    return out
