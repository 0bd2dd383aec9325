"""Mentions of one act within a document become one event; a switch back is a new one.

"X went over to the Taliban." + "X is said to have left together with
two bodyguards."                                   -> one event (same person, same direction)
"... defected with 3,000 men." + "the commander later went back over to the rebels"
                                                   -> two events (reversed direction)
"He has not surrendered," his son said.           -> a denial attached to the event
"In 1998 X joined the Taliban" + "in 2013 X joined the Taliban" -> two events (years apart)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..lexicon.langdata import LanguageData, per_language

if TYPE_CHECKING:
    from ..lexicon.parties import PartyLexicon
    from .arguments import Mention
    from .dates import DateWindow
    from .extractor import DocState, Lexicon
    from .persons import PersonMention
    from .sides import Side
    from .text import Sentence

    FindPersons = Callable[[Sentence], list[PersonMention]]  # the persons a sentence names

__all__ = ["DocEvent", "group_mentions"]

# Two counts of one act differ by at most this factor (outlets and spokesmen disagree).
COUNT_RATIO = 2.5


@per_language
def _rx(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions of this module built from the language's rules, once per language."""
    og, rel, intro, com = (data.rule(r) for r in ("other-group", "role-relative", "introduced", "commentator"))
    return {
        # "Four other fighters gave themselves up ...": a clause that opens on another group is another
        # act (but "A lieutenant and 39 other officers" is one group).
        "other_group": re.compile(
            rf"(?:^|[.;,]\s+|\b(?:{og.part('conj')})\s+)(?:\w+\s+){{0,2}}(?:\d+|{og.part('count')})\s+(?:{og.part('other')})\b",
            re.I,
        ),
        "role_split": re.compile(rf"\s+(?:{rel.part('of')})\s+|,"),
        "relative": re.compile(rf"\s(?:{rel.part('of')})\s"),
        "among": re.compile(rf"\b(?:{rel.part('among')})\b"),
        "again": re.compile(rf"\b(?:{data.rule('again').part('again')})\b"),
        "introduced": re.compile(
            rf"\s+(?:{intro.part('be')})\s+(?:{intro.part('det')})\s+(?:[\w'’-]+\s+){{0,3}}?([\w'’-]+)\b"
        ),
        "named_as": re.compile(rf"\b(?:{intro.part('named_as')})\s+as\s+(?:[\w.]+\s+){{0,2}}$"),
        "speaks": re.compile(rf"^(?:,[^.;]{{0,90}},)?\s*(?:\w+\s+)?(?:{com.part('speaks')})\b"),
        "commentator": re.compile(rf"\b(?:{com.part('role')})\s+$", re.I),
    }


def _titles(data: LanguageData) -> dict[str, str]:
    """Abbreviated titles and the role they stand for (``rules: title-abbreviations``)."""
    return dict(data.rule("title-abbreviations").parts)


# Windows of two mentions further apart than this (days) are different acts.
DATE_SLACK_DAYS = 45
# Two stated days ("on Tuesday", "on Saturday") further apart than this are two acts (golden
# cases days-apart-are-two-acts, two-days-two-acts); one day of slack for a night act reported
# on either date.
DAY_SLACK_DAYS = 1
# How many of the latest acts of a document (and of the latest mentions of one act) a new
# mention is compared with. Each mention was compared with every earlier act and all its
# mentions, quadratic in a document of thousands of triggers (a 1 MB run-on list of
# defections); news documents tell under 20 acts, each in a few mentions.
MAX_ACTS_BACK = 50


@dataclass(slots=True)
class DocEvent:
    """One act of the document: its mentions grouped, and what the qualifiers found about it."""

    mentions: list[Mention] = field(default_factory=list)
    denials: list[Mention] = field(default_factory=list)
    name: str | None = None
    full_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)  # who asserts, denies, doubts it (qualifiers)
    other_counts: list[tuple[int, int]] = field(default_factory=list)  # another source's figure (qualifiers)
    contested: bool = False  # denied or doubted (qualifiers)
    historical: bool = False  # background, not the document's news (qualifiers)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def side(self, which: str) -> Side | None:
        lead: Side | None = getattr(self.mentions[0], which) if self.mentions else None
        if lead and not lead.get("party") and re.fullmatch(r"(?:[A-ZÀ-Ý][\w'’.-]+\s*){2,}", lead.get("name") or ""):
            # the lead names the side joined as a proper name the lexicon does not know ("recognised
            # Juan Guaidó"): a later mention's receiver of the weapons does not replace it
            return lead
        for m in self.mentions:
            s: Side | None = getattr(m, which)
            if s and s.get("party"):
                return s
        for m in self.mentions:
            if getattr(m, which):
                found: Side = getattr(m, which)
                return found
        return None


def _party(side: Side | None) -> str | None:
    return (side or {}).get("party") or ((side or {}).get("name") or "").lower() or None


def _allied(a: str, b: str, parties: PartyLexicon) -> bool:
    """Two names for the receiving state side of one country: "Nigerian military" and a
    multinational task force it belongs to, or the government and its peace programme."""
    pa, pb = parties.get(a), parties.get(b)
    if pa is None or pb is None:
        return False
    statish = {"state", "foreign_state", "peace_process", "paramilitary"}
    return pa.kind in statish and pb.kind in statish and bool(set(pa.countries) & set(pb.countries))


def _same_person(a: str | None, b: str | None, full_a: str | None = None, full_b: str | None = None) -> bool:
    if not a or not b:
        return False
    ta = {w.lower() for w in re.findall(r"[\w'-]+", f"{a} {full_a or ''}") if len(w) > 2}
    tb = {w.lower() for w in re.findall(r"[\w'-]+", f"{b} {full_b or ''}") if len(w) > 2}
    la, lb = a.split()[-1].lower(), b.split()[-1].lower()
    return la == lb or la in tb or lb in ta


def _dates_apart(m: Mention, ev: DocEvent) -> bool:
    for other in ev.mentions:
        if m.date is not None and other.date is not None:
            gap1 = (m.date.earliest - other.date.latest).days
            gap2 = (other.date.earliest - m.date.latest).days
            slack = DAY_SLACK_DAYS if _one_day(m.date) and _one_day(other.date) else DATE_SLACK_DAYS
            if gap1 > slack or gap2 > slack:
                return True
    return False


def _one_day(w: DateWindow) -> bool:
    return w.earliest == w.latest


def _compatible(m: Mention, ev: DocEvent, parties: PartyLexicon, ignore_stage: bool = False) -> bool:
    """Same direction (or unknown), not reversed, not years apart."""
    to_m, to_e = _party(m.to_side), _party(ev.side("to_side"))
    if "peace" in (to_m or "") or "peace" in (to_e or ""):
        to_m = to_e = None  # joining a peace process is surrendering to the state
    fr_e = _party(ev.side("from_side"))
    if to_m and fr_e and to_m == fr_e and to_m != to_e:
        return False  # switched back
    if (
        to_m
        and to_e
        and to_m != to_e
        and (m.to_side or {}).get("party")
        and (ev.side("to_side") or {}).get("party")
        and not _allied((m.to_side or {})["party"], (ev.side("to_side") or {})["party"], parties)
    ):
        return False  # two different known parties joined
    if m.cand.trigger.reversal and not ev.first.cand.trigger.reversal:
        return False  # a return told twice ("has returned to X" ... "he rejoined X") is one act (golden: pronoun-and-his-men)
    if m.cand.stage != ev.first.cand.stage:
        return False
    return not _dates_apart(m, ev)


def _counts_clash(m: Mention, ev: DocEvent) -> bool:
    """Two headcounts stated in the text that cannot be the same group (defaults never clash)."""
    if m.people is None or not m.explicit:
        return False
    for o in ev.mentions[-MAX_ACTS_BACK:]:
        if (
            o.people is not None
            and o.explicit
            and (m.people[0] > o.people[1] * COUNT_RATIO + 2 or o.people[0] > m.people[1] * COUNT_RATIO + 2)
        ):
            return True
    return False


def _place_clash(m: Mention, ev: DocEvent) -> bool:
    a = getattr(m.place, "admin1", None)
    for o in ev.mentions[-MAX_ACTS_BACK:]:
        b = getattr(o.place, "admin1", None)
        if a and b and a != b:
            return True
    return False


def _headline(m: Mention, state: DocState) -> bool:
    """A title or headline line: the document's title, or a short first line without a full stop."""
    s = m.sentence
    title = (state.doc.title or "").strip()
    return bool(title and s.text.strip() == title) or (
        s.index <= 2 and len(s.text.split()) <= 16 and not re.search(r"[.!?\"”]$", s.text.strip())
    )


def _same_role(m: Mention, ev: DocEvent) -> bool:
    """Two singular, unnamed actors with the same role ("a police commander" ... "the commander")."""
    if m.subject not in ("singular", "pronoun") or not m.role:
        return False
    head = m.role.split()[-1].lower()
    return any(o.subject == "singular" and o.role and o.role.split()[-1].lower() == head for o in ev.mentions)


def group_mentions(mentions: list[Mention], state: DocState, lexicon: Lexicon) -> list[DocEvent]:
    parties = lexicon.parties
    events: list[DocEvent] = []
    heads = [m for m in mentions if _headline(m, state) and m.cand.status != "denial"]
    head_ids = {id(m) for m in heads}
    ahead = [m for m in mentions if m.subject == "pronoun" and id(m) not in head_ids and m.cand.status != "denial"]
    ahead_ids = {id(m) for m in ahead}
    body = [m for m in mentions if id(m) not in head_ids]
    for m in body:
        if id(m) in ahead_ids and not events:
            continue  # "following their surrender": the act is told further on
        recent = events[-MAX_ACTS_BACK:]
        known = len(recent)
        _place_mention(m, recent, state, lexicon)
        events += recent[known:]
    for m in [x for x in ahead if x.cand.event_index is None] + heads:
        fits = [e for e in events if _compatible(m, e, parties, ignore_stage=False)]
        target = max(fits, key=lambda e: _shared_words(m, e), default=None)  # ties: the first act told
        if target is None:
            target = DocEvent()
            events.append(target)
        target.mentions.append(m)
        if m.name and not target.name:
            target.name, target.full_name = m.name, m.full_name
        m.cand.event_index = events.index(target)
    events = _consolidate(events, parties)
    for i, e in enumerate(events):
        e.mentions.sort(key=lambda x: (x.sentence.index, x.cand.start))
        for m in e.mentions:
            m.cand.event_index = i
    return events


def _role_head(role: str, data: LanguageData) -> str:
    """ "nephew of the deputy minister, an army captain" -> "nephew"; "police commander" -> "commander"."""
    words = _rx(data)["role_split"].split(role.lower())[0].split()
    return words[-1] if words else ""


def _other_singular(m: Mention, ev: DocEvent, data: LanguageData) -> bool:
    """Two unnamed single actors with different roles ("a deputy minister" ... "a nephew of the
    deputy minister") are two people (golden: document-side-carries)."""
    if m.subject != "singular" or m.name or not m.role:
        return False
    heads = {_role_head(o.role, data) for o in ev.mentions if o.subject == "singular" and not o.name and o.role}
    relative = _rx(data)["relative"].split(m.role.lower(), maxsplit=1)[1:]
    # only someone named relative to the act's actor ("a nephew of the minister"); one man is often
    # described twice in other words ("a senator and district governor" ... "a government official")
    return (
        bool(relative) and _role_head(m.role, data) not in heads and bool(heads & set(re.findall(r"\w+", relative[0])))
    )


def _shared_words(m: Mention, ev: DocEvent) -> int:
    """How many words of the mention's actor ("Five ELN commanders") the act's sentences use: a
    headline belongs to the act that names the same actors (golden: headline-joins-its-own-act)."""
    words = {w for w in re.findall(r"\w{3,}", (m.role or m.name or "").lower())}
    told = {w for o in ev.mentions for w in re.findall(r"\w{3,}", o.sentence.text.lower())}
    return len(words & told)


def _consolidate(events: list[DocEvent], parties: PartyLexicon) -> list[DocEvent]:
    """Events of the same named person that fit together are one act (the headline may
    have given the name to one of them only)."""
    out: list[DocEvent] = []
    for e in events:
        into = next(
            (
                o
                for o in out[-MAX_ACTS_BACK:]
                if e.name
                and o.name
                and _same_person(e.name, o.name, e.full_name, o.full_name)
                and all(_compatible(m, o, parties) for m in e.mentions)
            ),
            None,
        )
        if into is None:
            out.append(e)
            continue
        into.mentions += e.mentions
        into.denials += e.denials
        into.aliases += [a for a in [e.name, *e.aliases] if a and a not in (into.name, *into.aliases)]
    return out


def _place_mention(m: Mention, events: list[DocEvent], state: DocState, lexicon: Lexicon) -> None:
    parties, data = lexicon.parties, lexicon.language(state.lang)
    if m.cand.status == "denial":
        target = _match_denial(m, events)
        if target is not None:
            target.denials.append(m)
        return
    target = None
    if m.subject == "named":
        target = next(
            (
                e
                for e in reversed(events)
                if _same_person(m.name, e.name, m.full_name, e.full_name) and _compatible(m, e, parties)
            ),
            None,
        )
        if target is None and not any(_same_person(m.name, e.name, m.full_name, e.full_name) for e in events):
            target = next(
                (
                    e
                    for e in reversed(events)
                    if e.name is None
                    and e.first.subject in ("singular", "pronoun")
                    and _compatible(m, e, parties)
                    and not _place_clash(m, e)
                    and (m.sentence.index - e.mentions[-1].sentence.index <= 4 or _same_role(m, e))
                ),
                None,
            )
    elif (
        m.cand.trigger.reversal
        and events
        and m.subject == "pronoun"
        and events[-1].first.cand.trigger.reversal
        and _compatible(m, events[-1], parties)
    ):
        target = events[-1]  # "X has returned to the rebels ... she and 25 of her guards rejoined them": one return
    elif m.cand.trigger.reversal and events:
        prev = events[-1]  # "has gone back to the Russian side": the reverse of the last act
        m.from_side = prev.side("to_side") or m.from_side
        m.to_side = m.to_side or prev.side("from_side")
        if not m.name:
            m.name, m.full_name = prev.name, prev.full_name
        told = next(
            (
                e
                for e in events[:-1]
                if m.subject == "pronoun"
                and e.name
                and m.date is None
                and _party(e.side("from_side")) == _party(m.from_side) is not None
                and _party(e.side("to_side")) == _party(m.to_side) is not None
                and not _rx(data)["again"].search(m.sentence.text[m.cand.start : m.cand.end + 20])
            ),
            None,
        )
        if told is not None:  # a later "his comeback to the Y" told after his earlier switch to X: the act the
            target = told  # story told first, named again by its direction (golden: his-return-is-the-act-told)
            m.name, m.full_name = told.name, told.full_name
    elif m.subject == "pronoun":
        last = events[-1] if events else None
        if last is not None and _compatible(m, last, parties):
            target = last
        elif last is not None:
            m.name, m.full_name = last.name, last.full_name  # the same person switching back
            m.subject = "named" if last.name else m.subject
            if m.from_side is None and last.side("to_side"):
                m.from_side = last.side("to_side")
    elif _rx(data)["among"].search(m.sentence.text[: m.cand.start]) and events:
        target = next(
            (e for e in reversed(events) if _compatible(m, e, parties)), None
        )  # a subset of an act told before
    elif (
        not data.another.search(m.sentence.text[max(0, m.cand.start - 60) : m.cand.end + 10])
        and not _ordinal_before(m, data)
        and not _rx(data)["other_group"].search(m.sentence.text[: m.cand.start])
    ):
        target = next(
            (
                e
                for e in reversed(events)
                if (e.name is None or m.subject == "singular")
                and _compatible(m, e, parties)
                and not _other_singular(m, e, data)
                and (not _counts_clash(m, e) or _same_role(m, e))
                and not _place_clash(m, e)
                and (e.first.cand.kind == m.cand.kind or m.sentence.index - e.mentions[-1].sentence.index <= 3)
            ),
            None,
        )
    if target is None:
        earlier = (
            next((e for e in reversed(events) if _same_person(m.name, e.name, m.full_name, e.full_name)), None)
            if m.name
            else None
        )
        if earlier is not None and m.from_side is None and earlier.side("to_side"):
            m.from_side = earlier.side("to_side")  # the same person's next switch leaves the side he joined
        if (
            earlier is not None
            and m.to_side is None
            and earlier.side("from_side")
            and _party(earlier.side("from_side")) != _party(m.from_side)
            and _rx(data)["again"].search(m.sentence.text[m.cand.start : m.cand.end + 20])
        ):
            # "switched sides again": back where he came from, even when the sentence names the
            # side he now leaves (golden: switched-sides-again-goes-back)
            m.to_side = earlier.side("from_side")
        if m.to_side is None and m.cand.kind == "defection" and events:
            prev = events[-1]
            near = m.sentence.index - prev.mentions[-1].sentence.index <= 2
            if near and prev.side("to_side") and _party(prev.side("from_side")) == _party(m.from_side):
                m.to_side = prev.side("to_side")  # "... defections to the Taliban. Eleven policemen defected ..."
        target = DocEvent()
        events.append(target)
    target.mentions.append(m)
    if m.name and not target.name:
        target.name, target.full_name = m.name, m.full_name
    elif m.name and m.name not in (target.name, *target.aliases):
        target.aliases.append(m.name)
    m.cand.event_index = events.index(target)


def names_listed(events: list[DocEvent], state: DocState, find: FindPersons, data: LanguageData) -> None:
    """A small unnamed group whose members the next sentence lists by name ("They are Lt. X,
    Sgt. Y and Sgt. Z"; "Se trata del teniente X, el sargento Y ...")."""
    for ev in events:
        ranges = [m.people for m in ev.mentions if m.people]
        if ev.name or not ranges:
            continue
        small = max(r[1] for r in ranges) <= 6
        after = [m.sentence.index + 1 for m in ev.mentions if m.sentence.index + 1 < len(state.sentences)]
        # the sentence after any report of the act (a headline's is the lead); an explicit roster
        # ("Those who surrendered included X and Y") names members of a group of any size
        # (golden: those-who-surrendered-included), a bare list ("They are X, Y") of a small one
        nxt = next(
            (
                state.sentences[i]
                for i in after
                if data.roster.search(state.sentences[i].text)
                or (small and data.listing.search(state.sentences[i].text))
            ),
            None,
        )
        if nxt is None:
            continue
        # the men listed, not who said so ("..., Major General C said"): at most the group's size
        people = [
            p for p in find(nxt) if len(p.name.split()) >= 2 and not _rx(data)["speaks"].match(nxt.text[p.end :])
        ][: max(r[1] for r in ranges)]
        roster = data.roster.search(nxt.text)
        if roster:  # the names listed one after the other, not a relative's named after them ("X and Y, sons of Z")
            # the list opens the clause after the cue (a title at most before the first name), not
            # "are two boys, a cook and the chiefs of the Y brigade": Y brigade is no person
            listed = [
                p
                for p in people
                if p.start >= roster.end() and re.fullmatch(r"[^\d,;]{0,25}", nxt.text[roster.end() : p.start])
            ][:1]
            for p in people:
                if listed and p.start > listed[-1].end:
                    gap = nxt.text[listed[-1].end : p.start].strip(" ,")
                    if len(gap) > 3:
                        break
                    listed.append(p)
            people = listed
        if len(people) >= (1 if roster else 2):
            ev.name, ev.full_name = people[0].name, None
            ev.aliases += [p.name for p in people[1:] if p.name not in ev.aliases]


def name_described(
    events: list[DocEvent],
    state: DocState,
    find: FindPersons,
    data: LanguageData,
    roles: frozenset[str] = frozenset(),
) -> None:
    """An unnamed single defector described by a role ("a retired general") takes the name a
    nearby sentence gives with the same role ("retired Gen. Karim Dost Varani"), or, failing
    that, the one person a neighbouring sentence introduces as a member of a force ("He left his
    post ... X had served as an officer of an elite unit"; ``roles``: the language's force nouns)."""
    from .counts import group_leader

    for ev in events:
        first = ev.first
        leader = None
        if not ev.name and first.subject == "group":
            clause = first.sentence.text[: first.cand.start]
            included = data.included_leader.search(clause)  # "including a commander"
            leader = group_leader(clause, data) or (included.group(0).split()[-1].lower() if included else None)
        if leader:  # "A police captain and 17 of his officers ... Captain X brought ...": the leader is named
            _name_from_role(ev, first, state, find, data, head=leader)
        if ev.name or first.subject != "singular":
            continue
        for m in ev.mentions:
            if m.role and not ev.name:
                _name_from_role(ev, m, state, find, data)
    named = {e.name for e in events if e.name}
    for ev in events:
        if (
            ev.name
            or ev.first.subject != "singular"
            or not roles
            or any(m.people and m.people != (1, 1) for m in ev.mentions)
        ):
            continue
        near = sorted(
            {
                j
                for m in ev.mentions
                for j in range(m.sentence.index - 1, m.sentence.index + 3)
                if 0 <= j < len(state.sentences)
            }
        )
        found = {p.name for j in near for p in _introduced(state.sentences[j], find, roles, data)} - named
        if len(found) == 1:
            ev.name, ev.full_name = found.pop(), None


def _introduced(s: Sentence, find: FindPersons, roles: frozenset[str], data: LanguageData) -> list[PersonMention]:
    """Persons a sentence opens on and describes as a force member ("X was an officer in ...")."""
    out = []
    for p in find(s):
        opening = p.start <= 3 or (p.title and len(s.text[: p.start].strip()) <= len(p.title) + 3)
        m = _rx(data)["introduced"].match(s.text[p.end :])
        if opening and len(p.name.split()) >= 2 and m and m.group(1).lower() in roles:
            out.append(p)
    return out


def _titled_opening(prefix: str, titles: dict[str, str]) -> bool:
    """A sentence that opens on a title and one more name word before the person found:
    "Sergeant Min" before "Khant Zaw" (the finder left out a name word it also knows as a word)."""
    m = re.fullmatch(r"([A-Z][\w.'’-]*)\s+(?:[A-Z][\w'’-]*\s+)?", prefix)
    word = m.group(1).lower().rstrip(".") if m else ""
    return bool(word) and (word in titles or word in titles.values())


def _name_from_role(
    ev: DocEvent, first: Mention, state: DocState, find: FindPersons, data: LanguageData, head: str | None = None
) -> None:
    head = head or (first.role or "").split()[-1].lower()
    rx, titles = _rx(data), _titles(data)
    det, served = data.rule("introduced").part("det"), data.rule("introduced").part("predicate")
    _find = find
    find = (
        lambda s: [
            p
            for p in _find(s)
            if not rx["speaks"].match(s.text[p.end :])  # speakers and commentators
            and not rx["commentator"].search(s.text[max(0, p.start - 25) : p.start])
        ]
    )  # are not the defector
    i = first.sentence.index
    nxt = state.sentences[i + 1] if i + 1 < len(state.sentences) else None
    if nxt is not None:  # "A Russian soldier ... has gone back. Viktor Lomakin, a former tank driver, ..."
        lead = [
            p
            for p in find(nxt)
            if len(p.name.split()) >= 2
            and (
                p.start <= 3
                or (p.title and len(nxt.text[: p.start].strip()) <= len(p.title) + 3)
                or _titled_opening(nxt.text[: p.start], titles)  # "Sergeant Min <Khant Zaw>"
            )
        ]
        if lead:  # ... or "Sergeant Min Khant Zaw took the rifles with him": the next subject
            ev.name, ev.full_name = lead[0].name, None
            return
    listing = data.listing
    for s in state.sentences[i : i + 4]:  # "The commander was named as Gul Agha Rasuli"
        for p in find(s):
            named = [m.end() for m in listing.finditer(s.text, 0, p.start)]  # "named the commander as"
            if (
                rx["named_as"].search(s.text[: p.start])
                or (named and re.fullmatch(r"\s+(?:[\w.]+\s+){0,2}", s.text[named[-1] : p.start]))
            ) and len(p.name.split()) >= 2:
                ev.name, ev.full_name = p.name, None
                return
    for s in state.sentences[i : i + 4]:
        if ev.name:
            break
        for p in find(s):
            title = (p.title or "").rstrip(".").lower()
            before = re.search(rf"\b{re.escape(head)},?\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}$", s.text[: p.start], re.I)
            after = re.match(rf",\s+(?:{det})\s+(?:[\w'’-]+\s+){{0,4}}{re.escape(head)}\b", s.text[p.end :], re.I)
            opening = p.start <= 3 or (p.title and len(s.text[: p.start].strip()) <= len(p.title) + 3)
            predicate = opening and re.search(
                rf"\b(?:{served})\b[^.;]*\b{re.escape(head)}\b", s.text[p.end :]
            )  # "X served as ... and was afterwards named a provincial governor"
            if (
                titles.get(title, title) == head
                or title.endswith(head)
                or predicate
                or (len(p.name.split()) >= 2 and (before or after))
            ):  # apposition: "minister X", "X, a former minister"
                ev.name, ev.full_name = p.name, None
                break
        if ev.name:
            break


def _ordinal_before(m: Mention, data: LanguageData) -> bool:
    """An ordinal shortly before the trigger ("a fourth guardsman", "the second surrender"): another act."""
    rx = data.ordinal_word
    return rx is not None and rx.search(m.sentence.text[max(0, m.cand.start - 80) : m.cand.start]) is not None


def _ordinal_member(m: Mention, data: LanguageData) -> re.Match[str] | None:
    """ "A fifth guardsman ... slipped away": the actor is one more member of a group told before."""
    rx = data.ordinal_member
    return rx.search(m.sentence.text[max(0, m.cand.start - 80) : m.cand.start]) if rx is not None else None


def members_told_apart(events: list[DocEvent], data: LanguageData) -> None:
    """ "Five guardsmen crossed over ... A fifth guardsman, a corporal, slipped away over another
    pass": the group counted first included the one told apart; he is not counted twice.
    An act whose actor is "the/a Nth <member>" takes its headcount off the earlier act of at
    least N people, and the side that group left."""
    for k, ev in enumerate(events):
        m = ev.first
        hit = _ordinal_member(m, data)
        if hit is None or ev.name and len(ev.mentions) > 1:
            continue
        n, size = data.ordinals[hit.group(1).lower()], (m.people or (1, 1))[1]
        group = next(
            (
                g
                for g in reversed(events[:k])
                if g.first.sentence.index < m.sentence.index
                and all(x.people and x.people[0] >= n for x in g.mentions if x.explicit)
                and any(x.explicit for x in g.mentions)
            ),
            None,
        )
        if group is not None:
            for x in group.mentions:
                if x.people and x.explicit:
                    x.people = (max(1, x.people[0] - size), max(1, x.people[1] - size))
            if group.side("from_side"):
                for x in ev.mentions:  # one of them: he left the side they left
                    x.from_side = group.side("from_side")


def _match_denial(m: Mention, events: list[DocEvent]) -> DocEvent | None:
    for e in reversed(events):
        if m.name and _same_person(m.name, e.name, m.full_name, e.full_name):
            return e
    return events[-1] if events else None
