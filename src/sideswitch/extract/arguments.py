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
from dataclasses import dataclass, field
from functools import partial

from ..lexicon.langdata import LanguageData
from .candidates import Candidate
from .counts import count_people, find_weapons, pronoun_leads_group
from .dates import event_window
from .framing import apply_frame
from .inference import carry_document_sides, infer_sides
from .persons import find_persons
from .sides import SideContext, find_sides
from .text import mask_relative as _mask_relative

__all__ = ["Mention", "fill_arguments"]

_NAME_CUE = re.compile(
    r"\b(?:called|named|by the name of|known as|alias|identified as|(?:including|such as|among them)(?:\s+[a-z-]+){0,4}|(?:his|her) name is)\s+$",
    re.I,
)
_LIST_AND = re.compile(r"\band(?:\s+[a-z-]+){0,4}\s+$")
_SPEAKER_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,1}(?:said|says|told|tells|added|claimed|insisted|dijo|señaló|afirmó)\b", re.I
)
_SPEAKER_BEFORE = re.compile(
    r"\b(?:according to|told|said|quoted|spokes(?:man|woman|person)|según)\s+(?:[\w.'’-]+\s+){0,3}$", re.I
)
_INDEFINITE = re.compile(
    r"^\W*(?:(?:in|on|at) [^,]{1,40},\s*)?(?:an?|another|one)\s+((?:[\w'’.-]+\s+){0,5}?[\w'’.-]+?)\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:announced|declared|has|had|have|was|is|who|said|says|reportedly|recently|and)\b",
    re.I,
)
_SINGULAR_HEAD = re.compile(
    r"\b(?:a|an|one|the|another|his|her|un|una|el|la)\s+(?:[\w.'’-]+\s+){0,6}?([a-záéíóúñ-]+)\s*$", re.I
)


@dataclass
class Mention:
    cand: Candidate
    name: str | None = None  # as written
    full_name: str | None = None  # fuller form seen in the document
    aliases: list = field(default_factory=list)
    role: str | None = None
    subject: str = "none"  # named | group | singular | pronoun | none
    people: tuple | None = None
    from_side: dict | None = None
    to_side: dict | None = None
    place: object | None = None
    date: object | None = None
    weapons: list = field(default_factory=list)
    speaker: str | None = None
    explicit: bool = False  # people counted from the text (not the default single leader)
    place_weak: bool = False  # the place is the dateline's: where the reporter was

    @property
    def sentence(self):
        return self.cand.sentence


def _clause_start(sent: str, a: int, data: LanguageData | None = None) -> int:
    from .sides import _ATTRIBUTION

    lead = _ATTRIBUTION.match(sent)
    start = lead.end() if lead and lead.end() <= a else 0
    if data is not None:  # "the army said that ...", "aseguró que ...": the act starts after "that"
        for m in re.finditer(
            r"(?:" + data.speech.pattern + r")[^,;]{0,40}?\b(?:" + data.complementizer + r")", sent[:a], re.I
        ):
            start = max(start, m.end())
    for m in re.finditer(
        r"[;:]|\s[–—-]+\s|,\s+(?:but|while|which|and|as|after)\s|\bthat\s|\b(?:claimed|claims|said|says|admitted|announced|reported|insisted|confirmed|told \w+)\s(?!to\b)",
        sent[:a],
    ):
        start = m.end()
    return start


# How far after a trigger (characters) a foreign place still says where the act happened
# ("surrender in Pakistan", "surrendered on Friday in the Chadian town of X").
ACT_PLACE_WINDOW = 60

_PLURAL_NOUNS = {
    "police",
    "personnel",
    "staff",
    "troops",
    "military",
    "forces",
    "men",
    "people",
    "militia",
    "policía",
    "tropas",
    "fuerzas",
}


def _plural(word: str) -> bool:
    w = word.lower()
    return w in _PLURAL_NOUNS or w.endswith("men") or (w.endswith("s") and not w.endswith(("ss", "us", "is")))


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
        while words and words[0].lower() in {"denies", "denied", "says", "said", "claims", "reports"}:
            words = words[1:]
    while words and (
        words[0].lower() in {"a", "an", "the", "and", "of", "with", "by", "un", "una", "el", "la", "los", "las"}
        or re.fullmatch(r"[\d,]+", words[0])
    ):
        words = words[1:]
    return " ".join(words) or None


def _pick_person(c: Candidate, persons: list, sent: str, data: LanguageData):
    """The defector among the names of the sentence (not a speaker, not a patron)."""
    a = c.start
    named = [
        p
        for p in persons
        if not _SPEAKER_AFTER.match(sent[p.end :])
        and not (_SPEAKER_BEFORE.search(sent[: p.start]) and re.match(r"\W*(?:$|,\s*(?:an?|the|who)\b)", sent[p.end :]))
        and not data.patron.search(sent[max(0, p.start - 60) : p.start])
        and not data.kin.match(sent[p.end : p.end + 60])
    ]
    cued = [p for p in named if _NAME_CUE.search(sent[max(0, p.start - 60) : p.start])]
    for p in named:  # "including former prime minister A and high profile general B"
        if cued and p not in cued and p.start > cued[-1].end and _LIST_AND.search(sent[cued[-1].end : p.start]):
            cued.append(p)
    quoted = re.search(r"\b(?:I|we|We)\b", sent[max(0, a - 40) : a]) and re.search(r"[\"“”]", sent)
    if quoted:  # "So I crossed over," Doru tells ...: the speaker of a first-person quote
        speakers = [p for p in persons if _SPEAKER_AFTER.match(sent[p.end :]) and p.start > a]
        if speakers:
            return speakers[0], None
    if c.trigger.noun:
        of = [p for p in named if re.fullmatch(r"\s*of\s+(?:[\w.'’-]+\s+){0,3}", sent[c.end : p.start])]
        if of:
            return of[0], None
        own = [
            p
            for p in named
            if re.match(r"['’]s\b", sent[p.end : p.end + 2])
            and 0 <= a - p.end < 12
            or re.search(r"\bdefection of\s+(?:[\w.]+\s+){0,3}$", sent[: p.start])
        ]
        return (own or cued or [None])[0], len(cued) > 1 and cued
    c0 = _clause_start(_mask_relative(sent), a)
    before = [p for p in named if c0 <= p.start and p.end <= a]
    if not before and re.search(r"\bby\s+$", sent[:a]):  # "Gard surprised many people ... by defecting"
        before = [p for p in named if p.end <= a][:1]
    owner = [
        p
        for p in named
        if re.match(r"['’]s\s+(?:\w+\s+)?(?:decision|move|attempt|plan|bid|offer|choice)\s+to\s*$", sent[p.end : a])
    ]
    if owner:
        return owner[-1], None
    if before:
        return before[-1], None
    after = [
        p
        for p in named
        if p.start >= c.end
        and re.fullmatch(  # "to cross over so far, Brig. Gen. X, slipped"
            r"\W{0,3}(?:(?:so far|also|too|then|later|reportedly|recently)\W{1,3})?(?:[A-Z][\w.]*\s+){0,3}",
            sent[c.end : p.start],
        )
    ]
    return ((cued or after or [None])[0]), None


def fill_arguments(c: Candidate, state, res, data: LanguageData) -> list[Mention]:
    """The mentions for candidate ``c`` (one per listed person in "including A and B"),
    or [] (and ``c`` rejected with a reason)."""
    m = _fill(c, state, res, data)
    if m is None:
        return []
    out = [m]
    for p in getattr(c, "listed", None) or []:
        if p.name != m.name:
            other = Mention(
                **{
                    **m.__dict__,
                    "name": p.name,
                    "full_name": p.full,
                    "role": p.title or m.role,
                    "people": (1, 1),
                    "weapons": [],
                    "aliases": [],
                }
            )
            out.append(other)
    return out


def _fill(c: Candidate, state, res, data: LanguageData) -> Mention | None:
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
    c0 = _clause_start(_mask_relative(sent), a, data)
    region = sent[c0:a]
    if person is not None:
        m.name, m.subject = person.name, "named"
        m.full_name = person.full or state.persons.get(person.name.split()[-1], person.name)
        if m.full_name == m.name:
            m.full_name = None
        m.role = person.title
    m.role = _role(region, data) if not m.role else m.role
    if person is None and pronoun_leads_group(region):
        m.subject, m.role = (
            "pronoun",
            None,
        )  # "she and 25 of her guards": the leader told before (golden: pronoun-and-his-men)
    indef = _INDEFINITE.match(region)
    unit = re.search(
        r"\b((?:\w+\s+)?(?:groups?|units?|bands?|contingents?|squads?|platoons?|companies|battalions?) of(?:\s+\w+)?)",
        region,
        re.I,
    )
    if m.subject == "none" and unit:
        m.subject, m.role = "group", unit.group(1)  # "two distinct groups of rebels"
    if m.subject == "none" and indef:
        m.subject, m.role = "singular", m.role or indef.group(1)  # "A nephew of Varen's announced his defection"
    if m.subject == "none":
        if (
            data.pronoun.search(sent[max(c0, a - 45) : a])
            or data.definite.search(sent[max(0, a - 45) : a])
            or (c.trigger.noun and re.search(r"\b(?:his|her|the)\s+$", sent[max(0, a - 6) : a], re.I))
        ):
            m.subject = "pronoun"
        elif m.role:
            m.subject = "group" if _plural(m.role.split()[-1]) or count_people(region, data) else "singular"
    prev = next((x for x in reversed(state.mentions) if x.sentence.index == c.sentence.index), None)
    if m.subject == "none" and prev is not None and re.match(r"\W*(?:and|y)?\W*$", region):
        m.name, m.full_name, m.role, m.subject = (
            prev.name,
            prev.full_name,
            prev.role,
            prev.subject,
        )  # "..., and defected again"
    if c.trigger.noun and m.subject in ("none", "group") and not re.search(r"\d", region):
        c.status, c.reason = "rejected", "generic statement (no identifiable actor)"
        return None
    act = sent[max(c0, a - 250) if m.subject != "named" else c0 :]
    person_role = bool(m.role) and (m.role or "").split()[-1].lower() not in data.state_nouns | {
        "army",
        "military",
        "forces",
        "police",
        "unit",
        "units",
        "force",
        "government",
        "regime",
    }
    m.people = count_people(act, data, leader=m.subject == "named" or (m.subject == "singular" and person_role))
    if m.people is None and m.subject not in ("named", "singular") and re.search(r",\s*(?:and\s+|y\s+)?$", sent[:c0]):
        # "two field commanders, 9 riflemen, and 30 relatives, gave up their weapons": a listed subject
        m.people = count_people(_own_part(sent, c, state)[max(0, a - 250) :], data)
        act = sent[max(0, a - 250) :] if m.people else act
    m.explicit = count_people(act, data) is not None  # a number in the text, not the default one leader
    country_of = partial(res.gazetteer.country_of, strict=True)
    cap = r"" if state.lang != "en" else r"(?=[A-Z])"  # Spanish writes demonyms in lower case

    def words(text: str) -> list[str]:  # two-word demonyms first: "North Korean", "South Sudanese"
        pairs = [
            w
            for w in re.findall(r"\b(?:North|South|East|West|Central|New|Sri|Saudi|Costa|El)\s+[A-Z][a-z]+", text)
            if country_of(w)
        ]
        rest = re.sub(r"\b(?:North|South|East|West|Central|New|Sri|Saudi|Costa|El)\s+[A-Z][a-z]+", " ", text)
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
    own = (before or [None])[0] or getattr(state, "actor_country", None) or state.country
    abroad = next(
        (
            p.country
            for p in sorted(state.places_at[c.sentence.index], key=lambda p: p.start < c.start)
            if p.country and p.country != own
        ),
        None,
    )
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
        states=getattr(state, "named_states", {}),
        act_country=where,
    )
    m.from_side, m.to_side = find_sides(
        sent, c.start, c.end, c.trigger, state.parties_at[c.sentence.index], data, ctx, subject_hint=m.role or ""
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
    armed_doc = any(pm.party.kind not in ("peace_process",) for ms in state.parties_at.values() for pm in ms)
    prev = state.mentions[-1] if state.mentions else None
    if prev is not None and re.search(r"\b(?:more|others|otros|más)\b", region, re.I) and m.people:
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
    reason = _requirements(c, m, data, region, prior=bool(state.mentions), armed_doc=armed_doc)
    if reason:
        c.status, c.reason = "rejected", reason
        return None
    adjectival = (
        data.force_nouns | data.state_nouns | {"trained", "backed", "led", "special", "elite", "embassy", "officials"}
    )
    places = [
        p
        for p in state.places_at[c.sentence.index]  # "US soldiers", "the Marine unit": a modifier, not where
        if str((re.match(r"\W*(\w+)", sent[p.end :]) or [None, ""])[1]).lower() not in adjectival | _UNIT_WORDS
    ]
    if c.kind == "defection" and not c.trigger.crossing:  # "defected to Kyiv": the side joined, not where
        places = [
            p for p in places if not re.fullmatch(r"\W*(?:to|a|al|hacia)\s+(?:the\s+)?", sent[c.end : p.start], re.I)
        ]
    rel = _relative_segment(sent, c)
    if rel is not None:  # "X, a navigator who defected to Molvania, found dead in Portugal": the act's own clause
        places = [p for p in places if rel[0] <= p.start and p.end <= rel[1]]
    elsewhere = any(p.precision != "country" for i, ps in state.places_at.items() if i != c.sentence.index for p in ps)
    m.place = _place(places, c, allow_dateline=False)
    if m.place is None and not elsewhere:  # a dateline is where the reporter is: last resort
        m.place = _place(places, c, allow_dateline=True)
        m.place_weak = m.place is not None
    m.weapons = find_weapons(sent[c0:], data) + _weapons_next(state, c, data)
    m.date = event_window(
        _mask_dateline(_own_part(_mask_relative(sent), c, state)),
        state.published,
        state.lang,
        context=getattr(state, "last_window", None),
    )
    if m.date is not None:
        state.last_window = m.date
    m.speaker = _speaker(sent, data)
    c.mention = m  # type: ignore[attr-defined]
    if listed:  # "including A and B": one act each
        c.listed = listed  # type: ignore[attr-defined]
    return m


def _relative_segment(sent: str, c: Candidate) -> tuple[int, int] | None:
    """The comma-bounded stretch around the trigger when the act is told in a relative clause
    ("..., a navy navigator who defected to Molvania, found dead abroad"), else None."""
    lo = max((m.end() for m in re.finditer(r"[,;:(]", sent[: c.start])), default=0)
    if not re.search(r"\b(?:who|quien(?:es)?)\b", sent[lo : c.start], re.I):
        return None
    hi = next(
        (
            c.end + m.start()
            for m in re.finditer(r"[,;)]|\s(?:has|have|had|was|were|is|are|will|ha|fue|era)\s", sent[c.end :])
        ),
        len(sent),
    )  # "... in the spring was seen in"
    return lo, hi


def _year(state) -> int | None:
    return getattr(state, "year", None) or (state.published.year if state.published else None)


def _requirements(
    c: Candidate, m: Mention, data: LanguageData, region: str, prior: bool = False, armed_doc: bool = False
) -> str | None:
    t = c.trigger
    armed = lambda side: (
        side is not None
        and (
            side.get("party") is not None
            or any(w in (side.get("name") or "").lower() for w in data.armed_words)
            or re.search(
                r"(?:Brigade|Battalion|Front|Army|Legion|Movement|Militia|Group|Forces?|Corps|Unit|Guard)\b",
                side.get("name") or "",
            )
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


def _own_part(sent: str, c: Candidate, state) -> str:
    """The sentence with the other acts of the same sentence blanked out, so each act keeps its
    own date ("had defected before 1998 ..., and defected again around October 16 2001")."""
    same = _same_sentence(state.candidates, c.sentence.index)  # candidates are in text order
    others = [o for o in same if o is not c and o.status != "rejected"]
    lo = max([_split(sent, o.end, c.start) for o in others if o.end <= c.start], default=0)  # a date between two
    hi = min(
        [_split(sent, c.end, o.start) for o in others if o.start >= c.end], default=len(sent)
    )  # acts: its clause's
    return " " * lo + sent[lo:hi] + " " * (len(sent) - hi)


def _same_sentence(candidates: list, index: int) -> list:
    """The candidates of sentence ``index``, found by bisection: scanning them all for each
    candidate was quadratic in a document of thousands of triggers."""
    key = lambda o: o.sentence.index  # noqa: E731
    return candidates[bisect.bisect_left(candidates, index, key=key) : bisect.bisect_right(candidates, index, key=key)]


def _split(sent: str, a: int, b: int) -> int:
    """Where the text between two acts divides: the last ", and" / "," / ";" in it, else the middle."""
    cuts = [m.start() for m in re.finditer(r",\s*(?:and|y)\b|[,;]|\band\b", sent[a:b])]
    return a + cuts[-1] if cuts else (a + b) // 2


_UNIT_WORDS = {
    "unit",
    "units",
    "checkpoint",
    "corps",
    "patrol",
    "battalion",
    "brigade",
    "regiment",
    "division",
    "base",
    "commander",
    "commanders",
    "spokesman",
    "command",
    "fleet",
}
_DATELINE_DATE = re.compile(
    r"^[A-Z][A-Za-z .,'-]{2,40}?,?\s*(?:\(?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\)?\s*)?(?:\([^)]*\)\s*)?[–—-]+\s"
)


def _mask_dateline(sent: str) -> str:
    """ "KABUL, Oct 14 (Reuters) - ...": the date of filing, not of the act."""
    m = _DATELINE_DATE.match(sent)
    return " " * m.end() + sent[m.end() :] if m else sent


def _weapons_next(state, c: Candidate, data: LanguageData) -> list[dict]:
    """Weapons listed in the next sentence when it goes on about the same men ("The men drove off
    in a Humvee loaded with seven rifles")."""
    nxt = state.sentences[c.sentence.index + 1] if c.sentence.index + 1 < len(state.sentences) else None
    if nxt is None or not re.match(
        r"(?:The (?:men|soldiers|officers|fighters|group|policemen|defectors)|They|He)\b", nxt.text
    ):
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
    m = re.search(r"\b(?:according to|según)\s+((?:[\w.'’-]+\s*){1,6}?)(?=[,.;]|$)", sent, re.I)
    if m:
        return m.group(1).strip()
    m = re.search(
        r"((?:[A-Z][\w.'’-]*\s+){1,4}|(?:(?:an?|the)\s+)?(?:[\w'’-]+\s+){0,3}(?:officials?|spokes(?:man|woman|person)|sources?|governor|police chief|ministry))\s*(?:said|told|says|claimed|reported)\b",
        sent,
    )
    return m.group(1).strip() if m else None
