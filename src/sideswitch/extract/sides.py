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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..lexicon.parties import PartyLexicon

import re
from dataclasses import dataclass

from ..lexicon.langdata import LanguageData

__all__ = ["SideContext", "find_sides"]


# How far (characters) after a trigger its object may start, how far into it a named party may
# begin ("to the self-styled Iron Column"), and how far back the subject reaches.
OBJECT_WINDOW = 70
OBJECT_START = 20
SUBJECT_WINDOW = 160
_CLAUSE_END = re.compile(
    r"[;:]|\s[–—-]\s|,\s+(?:but|while|and then|after|before|which|who|where|as|according)\b|\b(?:said|told|claimed|claims|admitted|announced|reported|insisted|confirmed|that)\b"
)
# Verbs with which a side announces an act (the announcing side is usually the one gaining).
_FROM = re.compile(
    r"\b(?:from|leaving|left|quit|quitting|abandon(?:ed|ing)?|deserted|de|del)\s+(?:the\s+|el\s+|la\s+)?$", re.I
)
_NP = re.compile(
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+)?((?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)|of|the|de|del|al-|y)(?:\s+(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th)?|of|the|de|del|y))*)"
)


@dataclass
class SideContext:
    """What side detection needs from the rest of the document."""

    parties: PartyLexicon
    country: str | None  # the document's main country
    year: int | None  # year of the act or of publication, for state parties
    countries_of: Callable[[str], str | None]  # word -> country name or None (demonyms, country names)
    foreign_country: str | None = None  # a country other than the actors' own where the act took place
    act_country: str | None = None  # such a country named right after the trigger ("surrender in X")
    states: dict | None = None  # country -> the state party the document itself names (undated documents)


def _side(name: str, party) -> dict:
    return {"name": re.sub(r"\s+", " ", name).strip(" ,.\"'”“"), "party": getattr(party, "name", party)}


def _state(ctx: SideContext, country: str | None, name: str | None = None) -> dict | None:
    """The state side of ``country`` (the context's own country when None), named ``name``."""
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
    for m in _CLAUSE_END.finditer(sentence, 0, a):
        start = m.end()
    lead = _ATTRIBUTION.match(sentence)  # "According to a statement by X, ...": attribution, not the subject
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
    end = _CLAUSE_END.search(sentence, b)
    return start, (end.start() if end else len(sentence))


_ATTRIBUTION = re.compile(
    r"^\W*(?:[A-ZÁÉÍÓÚ][\w .'-]{0,30}[–—-]\s+)?(?:according to|según|citing|quoting)\b[^,;]{0,120},", re.I
)


def _same_state(a: str | None, b: str | None) -> bool:
    from ..lexicon import load_parties

    return load_parties().same_side(a, b)


def _modifier(sentence: str, m) -> bool:
    """ "U.S.-trained", "Taleban-held", "Saudi-led": a party as a modifier, not a side."""
    return bool(re.match(r"\.?-[a-z]", sentence[m.end : m.end + 3]))


def _party_at(matches, a: int, b: int, sentence: str = ""):
    for m in matches:
        if a <= m.start < b and not _modifier(sentence, m):
            return m
    return None


def _object(
    sentence: str, pos: int, clause_end: int, matches, data: LanguageData, ctx: SideContext, direct: bool
) -> dict | None:
    """The side named right after ``pos`` (after a preposition unless ``direct``)."""
    window = sentence[pos : min(clause_end, pos + OBJECT_WINDOW)]
    if direct:
        head = re.match(r"\W{0,3}(?:up |in )?(?:with |the |a |an |el |la |los |las |a las |a los )?", window)
    else:
        head = data.side_to.match(window)
    if not head:
        return None
    at = pos + head.end()
    rest = sentence[at : min(clause_end, at + OBJECT_WINDOW)]
    m = _party_at(matches, at, at + OBJECT_START, sentence)
    if m is not None and not re.search(r"[.;,]|\b(?:at|near|with|from|on)\b", sentence[at : m.start]):
        return _side(m.surface, m.party)
    low = rest.lower()
    for w in data.armed_words:
        if re.match(rf"(?:the |its |an? |opposition |rebel |enemy |las |los |la |el )?{re.escape(w)}\b", low):
            np = _NP.match(rest)
            name = rest[: low.index(w) + len(w)].strip()
            if np and np.group(1)[:1].isupper() and len(np.group(1)) > len(name):
                name = np.group(1).strip()  # "al Frente 10": the proper name, not just "Frente"
            return {"name": name, "party": None}
    for w in sorted(
        data.state_nouns
        | {
            "troops",
            "authorities",
            "security forces",
            "officials",
            "government",
            "soldiers",
            "forces",
            "autoridades",
            "tropas",
            "soldados",
        },
        key=len,
        reverse=True,
    ):
        mm = re.match(rf"(?:the |local |government |a las |las |los |el )?(?:(\w+) )?{re.escape(w)}\b(?: (\w+))?", low)
        if mm:
            country = next((ctx.countries_of(g) for g in mm.groups() if g and ctx.countries_of(g)), None)
            name = rest[
                : mm.end(0)
                - (len(mm.group(2)) + 1 if mm.group(2) and not (mm.group(2) and ctx.countries_of(mm.group(2))) else 0)
            ]
            return _state(ctx, country, name.strip())
    np = _NP.match(rest)
    if np and np.group(1)[:1].isupper():
        country = ctx.countries_of(np.group(1).strip())
        if country:
            return _state(ctx, country, np.group(1)) if country != ctx.country else _state(ctx, country)
        phrase = re.sub(r"\s+(?:of|the|de|del|y)$", "", np.group(1).strip())
        if (
            phrase
            and not re.fullmatch(r"(?:[A-Z][a-z]+day|[A-Z][a-z]+)", phrase)
            or re.search(r"(?:Brigade|Battalion|Front|Army|Legion|Movement|Group|Corps|Forces?|Militia|Unit)$", phrase)
        ):
            return {"name": phrase, "party": None}
    return None


def find_sides(
    sentence: str,
    trig_start: int,
    trig_end: int,
    trigger,
    matches,
    data: LanguageData,
    ctx: SideContext,
    *,
    subject_hint: str = "",
) -> tuple[dict | None, dict | None]:
    """(from_side, to_side) for the trigger at ``trig_start:trig_end`` of ``sentence``.
    ``matches``: party matches in the sentence. ``subject_hint``: the defector's role/noun phrase."""
    c0, c1 = _clause_bounds(sentence, trig_start, trig_end, data)
    to_side = from_side = None
    if trigger.kind != "desertion" or trigger.object == "to":
        to_side = _object(sentence, trig_end, c1, matches, data, ctx, direct=trigger.direct)
    if trigger.object == "from" and not re.match(r"\W*(?:to|into|in order to|para|a)\s", sentence[trig_end:]):
        from_side = _object(sentence, trig_end, c1, matches, data, ctx, direct=True)  # not "deserted to join X"
        if from_side is None and re.match(
            r"\W*(?:their|his|her|its|the)\s+(?:[\w-]+\s+){0,2}(?:battalion|brigade|regiment|"
            r"unit|company|platoon|post|posts|base|barracks|garrison|outpost|division)\b",
            sentence[trig_end:],
            re.I,
        ):
            from_side = _state(ctx, None)  # "deserted their infantry battalion": the forces of their own state
        if from_side is None and re.match(
            r"\W*(?:the|this|that) (?:group|movement|organi[sz]ation|militia|outfit)\b", sentence[trig_end:]
        ):
            earlier = [m for m in matches if m.end <= trig_start and not _modifier(sentence, m)]
            if earlier:  # "X, a commander of the Taliban, parted ways with the group"
                from_side = _side(earlier[-1].surface, earlier[-1].party)
    if from_side is None:
        after = sentence[trig_end:c1]
        fm = re.search(r"\b(?:from|leaving|left|quit)\s+(?:the\s+)?", after, re.I)
        if fm and data.origin.search(after[max(0, fm.start() - 30) : fm.start()]):
            fm = None  # "after returning from Venezuela": where he came from, not the side he left
        if fm:
            m = _party_at(matches, trig_end + fm.end(), trig_end + fm.end() + 40)
            if m is not None:
                from_side = _side(m.surface, m.party)
            elif re.match(r"(?:\w+ )?(?:government|army|police|regime|military)", after[fm.end() :], re.I):
                from_side = _state(ctx, None)
    if from_side is None:
        ante = _antecedent(sentence, c0, trig_start)  # "a medal for a Molvanian navy captain who defected"
        if ante is not None:
            from_side = _subject_side(sentence, ante[0], ante[1], matches, data, ctx, "", exclude=to_side)
    if from_side is None:
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
        and (trigger.kind != "desertion" or re.search(r"\b(?:to|with) (?:it|them|the group)\b", sentence[trig_end:]))
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
            if re.search(
                r"\b(?:towards?|to|into|up to)\s+(?:the\s+|an?\s+)?$", sentence[max(0, m.start - 14) : m.start]
            )
            and not _same_state(m.party.name, (from_side or {}).get("party"))
        ]
        if toward:
            to_side = _side(toward[0].surface, toward[0].party)
    if to_side is None and trigger.kind == "surrender" and from_side and from_side.get("party"):
        # insurgents who give up without a named receiver surrender to the state where they did it
        # ("nine Karoo Front fighters gave themselves up in Chad"; golden: surrender-where-it-happened)
        state = _state(ctx, ctx.act_country)
        if state and state.get("party") and state["party"] != from_side["party"]:
            to_side = state
    if to_side and from_side and to_side.get("party") and _same_state(to_side.get("party"), from_side.get("party")):
        to_side = None if trigger.kind == "desertion" else to_side
        if to_side:
            from_side = None
    return from_side, to_side


_RELATIVE_SUBJECT = re.compile(r"\b(?:who|quien(?:es)?)\s+(?:[\w'’]+\s+){0,3}$", re.I)
_NP_OPENER = re.compile(
    r"(?:^|[,;:]|\b(?:for|to|by|with|from|about|on|against|at|toward|towards|para|por|con|sobre|"
    r"praised|welcomed|named|said|says|told)\b)\s*",
    re.I,
)


def _antecedent(sentence: str, c0: int, trig_start: int) -> tuple[int, int] | None:
    """The noun phrase a relative clause's "who" stands for ("a medal for a Molvanian navy
    captain who also defected" -> "a Molvanian navy captain"): the act's subject, whatever
    the main clause's subject is. None when the trigger is not in such a clause."""
    rel = _RELATIVE_SUBJECT.search(sentence, c0, trig_start)
    if rel is None:
        return None
    start = max([m.end() for m in _NP_OPENER.finditer(sentence, max(c0, rel.start() - 80), rel.start())], default=None)
    return (start, rel.start()) if start is not None and start < rel.start() else None


def _subject_side(
    sentence: str, a: int, b: int, matches, data: LanguageData, ctx: SideContext, hint: str, exclude: dict | None
) -> dict | None:
    """The side the actors belong to, from words before the trigger: "Taliban commanders",
    "Syrian Army officers", "regime soldiers", "a Russian pilot", "policemen"."""
    span = sentence[a:b]
    for m in sorted(
        (
            m
            for m in matches
            if a <= m.start < b
            and not _modifier(sentence, m)
            and not re.search(
                r"\b(?:in|into|inside|to|towards?|from|at|across|near|fought|fighting|fights|battled|"
                r"attacked|killed|opposed|opposing)\s+(?:the\s+|an?\s+)?$",
                sentence[max(0, m.start - 16) : m.start],
            )
        ),
        key=lambda m: m.start,
    ):  # the subject comes first; "landed in India's ...": a place, not a side
        if exclude and exclude.get("party") == m.party.name:
            continue
        if re.search(
            r"\b(?:to|into|joined|joining|against|with)\s+(?:the\s+)?$", sentence[max(a, m.start - 12) : m.start], re.I
        ):
            continue  # "switching sides to the Taliban": the object of an earlier verb
        return _side(m.surface, m.party)
    words = (span + " " + hint).lower()
    for w in data.state_nouns | data.force_nouns:
        if re.search(rf"\b{re.escape(w)}\b", words) and w not in data.fighter_nouns:
            leading = sorted(
                set(data.number_words) | {"several", "some", "many", "the", "dozens of", "hundreds of"},
                key=len,
                reverse=True,
            )  # "Eleven policemen" -> "policemen"
            role = (
                re.sub(r"^(?:[\d,]+|" + "|".join(map(re.escape, leading)) + r")\s+", "", hint.strip(), flags=re.I)
                if hint
                else None
            )
            return _state(ctx, None, role or None)  # the actors' own state, named as the text names them
    # the first fighter noun in the text (not the first in a set's hash order: runs must agree)
    found = [(m.start(), -len(w), w) for w in data.fighter_nouns if (m := re.search(rf"\b{re.escape(w)}\b", words))]
    if found:
        w = min(found)[2]
        return {"name": w, "party": None} if w in data.armed_words else None
    return None
