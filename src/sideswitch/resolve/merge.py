"""Reports of one act, from several documents, become one event.

Two per-document mentions are LINKED when nothing rules out one act
(:func:`clash`) and enough agrees (:func:`similarity` >= ``MERGE_THRESHOLD``).
An undated background report ("some time before" its publication: any time at
all) is taken for one act, not for all it may be: it keeps only its BEST link
(:func:`kept_links`: the highest score; a tie, the smaller mention id), so it may
join one event but never bridges two. Otherwise, in a record of years, it would
link every report of its province, sides and headcount.
Mentions joined by kept links form a component; :func:`cluster` splits it into
events, best link first, never putting two clashing mentions in one event.
Both steps depend only on the mentions, not on the order they arrived in, so
a batch and one document at a time (in any order) give the same events.

A CLASH (never one act):

    same document; stages differ (an offer is not the defection)
    (nothing else when the two are one story REPRINTED: their documents are
        near-duplicates (``resolve.copies``) and their evidence is copied; a
        dateline or an outlet's footer, "Lake Chad Wire", may place or date
        the copy differently)
    one joins the side the other leaves (a switch back is a second act)
    both give a party joined and the parties differ; likewise the side left.
        Records of one ``same_party`` group, or two governments of one state,
        are one side; a side with no party ("militants") fits any party of
        the conflict; a foreign state ("fled to Jordan") is a refuge and fits
        any side joined ("joined the rebels": he crossed, then joined)
    only one of the two says which side was joined, when the setting
        SIDE_JOINED_MUST_BE_STATED_BY_BOTH is on (it is off: a background line
        "defections, including the prime minister" is the act the news told)
    both named and the names differ (similarity < NAME_DIFFERENT)
    countries differ and are not both countries of the sides (a cross-border
        act may be placed on either side of the border)
    one country, provinces differ (unless both name the same person, or both
        are one man alone with the same IDENTIFYING_GEAR: "a pilot and his Mi-8"
        placed in Poltava by one outlet and in Kharkiv by another); likewise
        one province, towns more than PLACE_KM apart ("in Bama" / "in Gwoza";
        not a town named after its province, which often stands for it). Neither
        when one report's place is only its dateline's ("MAIDUGURI - Thirty
        fighters surrendered"): where the reporter was, not where the act was
    act windows more than DATE_SLACK_DAYS apart. An undated report's act
        happened before its publication: within RECENT_DAYS for news, any time
        for background; a report without date or publication fits any time.
        Two stated windows of a week or less ("on Sunday", "last week") that
        miss each other by more than TIGHT_DAYS are different days
    headcounts far apart: the larger minimum above COUNT_RATIO x the smaller
        maximum + COUNT_SLACK (4 vs 6 fit, 6 vs 60 do not); two exact counts of
        two or more ("two dozen" / "a dozen") further apart than EXACT_COUNT_RATIO x + 1;
        not checked when both name the same person and one counts him alone

The SCORE (evidence of one act):

    same person / possibly the same (NAME_SAME > similarity)      +3 / +1.5
    parties left and joined both equal / the one known equal      +1 / +0.5
    same province (+0.5 more for the same town)                   +1
    act windows meet: both within TIGHT_DAYS / a month / other    +1.5 / +1 / +0.5
    headcounts overlap: 3 or more / 2 / one person                +1.5 / +1 / +0.5
        or miss by a quarter + 1 (COUNT_NEAR: 3 vs 4, 18 vs 21)   +0.5
        or miss by more ("a sergeant" / "three soldiers")         -1
        (not when one named man is counted alone in one report)
    same identifying equipment taken along (helicopter, jet)      +1.5
    same identifying role of a lone defector ("pilot", not "soldier") +1
    same named unit, no party of the lexicon ("the Heron Brigade",
        "Division 30": the language data's ``unit-name`` rule, in the
        evidence or a claim's quote), one report without a stated date  +SAME_UNIT
    same kind, or the same party joined (outlets call one act
        defection or desertion)                                   +0.5
    evidence copied (a syndicated copy or a wire story's rewrite:
        COPY_SIMILARITY of the evidence's word trigrams)          +COPY_BONUS

Worked examples (invented reports)::

    "Gul Zadran defected to the Taliban" + "Gulrahman Zadran joined the
        Taleban in Kunduz"                    -> 3 + 1 + ... >= 3: one event
    background "last year 14 policemen joined militants in Farah" + "a
        commander and 13 officers joined the Taliban in Farah on Sunday"
        -> 0.5 (side left) + 1 (province) + 1.5 (14) + 0.5 (kind)
           + 0.5 (before the background's publication) = 4: one event
    "6 soldiers" + "60 soldiers", one province and week -> clash (headcount)
    one named person, 2011 and 2013                    -> clash (time)
    "joined the Taliban" + "left the Taliban"          -> clash (reversed)

Event ids are stable. An event is named after the report that started it
(``ev-`` + hash of that mention's id) and keeps the name when reports join.
When a new report links stored events so that reports regroup, each event
keeps the id most of its reports already carried (ties: the id its earliest
report in :func:`order_key` order carries), each id going to one event; an
event left without one is named after its earliest report.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from math import asin, cos, radians, sin, sqrt
from typing import Any

from .copies import COPY_DOCUMENT, SKETCH_SIZE, sketch_similarity
from .names import name_similarity, surname_only_match

__all__ = [
    "Report",
    "clash",
    "similarity",
    "linked",
    "far_apart",
    "copied",
    "reprinted",
    "different_persons",
    "cluster",
    "kept_links",
    "undated_background",
    "better_link",
    "best_link",
    "group_links",
    "assign_ids",
    "order_key",
    "merge_event",
    "event_id_for",
    "MERGE_THRESHOLD",
    "SAME_UNIT",
]

# Calibrated on the dev corpus (issue 4) and tests/resolve/test_merge.py: 3 needs
# a name, or two of place / time / headcount besides the direction. On dev every
# pair scoring 2.5-3 is one act (2.5 would lift merge recall 0.57 -> 0.61), but
# at 2 lone unnamed defectors of one dyad merge with named ones of other acts,
# and 2.5 is direction + province + kind alone: in a dense conflict (dozens of
# surrenders a month in one province) that is many different acts.
MERGE_THRESHOLD = 3.0
_WORDS = re.compile(r"\w+")
# name_similarity: "Monsif Khan"/"Museeb Khan" 0.79 is "possibly";
# "Abdul Hai"/"Abdul Haq" 0.23 are different people.
NAME_SAME = 0.80
NAME_DIFFERENT = 0.45
# Windows may miss each other by a few days ("on Sunday" read against a late
# publication); 10 still keeps acts a month apart apart.
DATE_SLACK_DAYS = 10
# An undated news report's act lies within this many days before publication.
RECENT_DAYS = 30
TIGHT_DAYS = 3
MONTH_DAYS = 31
# Two stated windows of a week or less ("on Sunday", "last week") more than TIGHT_DAYS apart are
# two acts ("on Sunday" in one week, "on Sunday" in the next); outlets that date the
# announcement rather than the act miss by up to three days (mergeheld: 6 and 9 November).
WEEK_DAYS = 7
# Two towns of one province further apart than this are two acts' places (Bama / Gwoza, 49 km).
# Outlets place one act in neighbouring towns (the dev2 corpus: 23 km apart) or in the town
# the province is named after (excluded).
PLACE_KM = 30.0
# Outlets disagree on counts ("12 or 13", "about 20"): 2x + 2 lets 1 vs 4 and
# 19 vs 35 fit and keeps 6 vs 60 (two units) apart.
COUNT_RATIO = 2.0
COUNT_SLACK = 2
# Two exact counts ("two dozen", "a dozen": no range) of one act rarely differ by half: 12 vs
# 24 are two acts, 13 vs 14 or 4 vs 6 one. Not for one man against a group (the score weighs
# "a sergeant" / "three soldiers").
EXACT_COUNT_RATIO = 1.5
# Counts that miss each other by a quarter (+1) still agree a little (3 vs 4,
# 18 vs 21): two outlets' counts of one act, more often than two acts' counts.
COUNT_NEAR = 1.25
# A report that names no side joined ("defections, including the prime minister") merges with
# one that does ("defected to Jordan"): one act (issue 4). The shared scorer then cannot credit
# the report without a side (it checks each document against the merged event's side): on dev
# that costs one matched mention (a18) and gains two merged pairs. True keeps them apart.
SIDE_JOINED_MUST_BE_STATED_BY_BOTH = False
# REFUGE: a foreign state joined ("fled to Jordan") fits any side joined, a party ("the Syrian
# National Council") or a side named without one ("the opposition"): he crossed, then joined.
# The merged event takes the side most reports give (a tie: the earliest report's).

# Mentions whose evidence shares this share (Jaccard) of its word trigrams copy one another: a
# syndicated copy of one story (its own header and footer) or a light rewrite. They report one
# act whatever else differs (COPY_BONUS puts them together first), and a document's copy is
# kept apart from the document's other acts by the same-document clash of the original.
# Evidence shorter than COPY_MIN_TRIGRAMS trigrams (ten words) is never taken for a copy: a
# short line ("Gul Zadran defected to the Taliban.") can be written twice for two acts.
COPY_SIMILARITY = 0.6
COPY_BONUS = 6.0
COPY_WORDS = 3
COPY_MIN_TRIGRAMS = 8

# Equipment few defectors take along: two lone defectors of one direction and time who both
# took an aircraft or a boat are one act even when outlets place it in different provinces
# ("landed in Poltava" / "in the Kharkiv region"). Rifles and vehicles are too common.
IDENTIFYING_GEAR = frozenset({"helicopter", "fighter jet", "boat", "Humvee"})
# A named armed unit that is no party of the lexicon ("Division 30") names its members much as a
# name names a person: two reports of it, one without a stated date (so no date agrees), are one
# act unless a rule keeps them apart. With one side joined agreeing (+0.5) and the kind (+0.5) it
# reaches MERGE_THRESHOLD (dev2: one unit's members surrendering, a report and an undated denial).
SAME_UNIT = 2.0

# Roles too common to tell one lone defector from another ("a soldier", "a fighter"); other
# roles ("a pilot", "the prime minister") agree a little when both reports give them.
COMMON_ROLES = frozenset(
    {
        "soldier",
        "soldiers",
        "fighter",
        "fighters",
        "militant",
        "militants",
        "insurgent",
        "insurgents",
        "rebel",
        "rebels",
        "member",
        "members",
        "man",
        "men",
        "officer",
        "officers",
        "policeman",
        "policemen",
        "guard",
        "guards",
        "guardsman",
        "guardsmen",
        "conscript",
        "serviceman",
        "servicemen",
        "trooper",
        "troops",
        "recruit",
        "private",
        "commander",
        "commanders",
        "personnel",
        "combatant",
        "combatants",
        "terrorist",
        "terrorists",
        "soldado",
        "soldados",
        "militar",
        "militares",
        "guerrillero",
        "guerrilleros",
        "combatiente",
        "combatientes",
        "miembro",
        "miembros",
        "policía",
        "policías",
        "comandante",
        "desertor",
        "desertores",
        "defector",
        "deserter",
    }
)


def _role_head(m: dict[str, Any]) -> str | None:
    """The identifying role of a lone defector ("Russian pilot" -> "pilot"), else None."""
    role = ((m.get("defector") or {}).get("role") or "").strip().lower()
    people = m.get("people") or {}
    if not role or (people.get("max") or 1) > 1:
        return None
    head = role.split()[-1]
    return None if head in COMMON_ROLES else head


# -- what a mention says ------------------------------------------------------------


@lru_cache(maxsize=4096)
def _party_info(name: str) -> tuple[str, str | None, tuple[str, ...], str | None]:
    """(group root, kind, countries, state of) of a canonical party name."""
    from ..lexicon.parties import load_parties

    p = load_parties().get(name)
    if p is None:
        return name.lower(), None, (), None
    return p.root, p.kind, tuple(p.countries), p.side_state  # _same_side mirrors PartyLexicon.same_side


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _window(m: dict[str, Any]) -> tuple[date, date] | None:
    d = m.get("date") or {}
    a, b = _d(d.get("earliest")), _d(d.get("latest"))
    return (a, b) if a and b and a <= b else None


def _published(m: dict[str, Any]) -> date | None:
    days = [d for d in (_d(s.get("published")) for s in m.get("sources") or []) if d]
    return min(days) if days else None


def _act_window(m: dict[str, Any]) -> tuple[date, date, bool] | None:
    """When the act happened: (earliest, latest, stated in the text?), None when unknown.

    >>> _act_window({"date": None, "historical": False, "sources": [{"published": "2020-05-31"}]})[:2]
    (datetime.date(2020, 5, 1), datetime.date(2020, 5, 31))
    """
    w, pub = _window(m), _published(m)
    if w:
        return (w[0], pub if pub and w[0] <= pub < w[1] else w[1], True)
    if pub:
        return (date.min if m.get("historical") else pub - timedelta(days=RECENT_DAYS), pub, False)
    return None


def _people(m: dict[str, Any]) -> tuple[int, int] | None:
    p = m.get("people") or {}
    return (p["min"], p["max"]) if p.get("min") is not None and p.get("max") is not None else None


def _names(m: dict[str, Any]) -> list[str]:
    d = m.get("defector") or {}
    return [n for n in [d.get("name"), *(d.get("aliases") or [])] if n]


@dataclass(frozen=True)
class Report:
    """What one mention says, read once for comparing (``Report.of(mention)``)."""

    id: str
    docs: frozenset[Any]
    stage: str | None
    kind: str | None
    left: tuple[Any, ...] | None  # _party_info of the side left
    joined: tuple[Any, ...] | None  # of the side joined (None when it is the side left)
    states_joined: bool  # names a side joined, with or without a party
    window: tuple[Any, ...] | None  # _act_window
    people: tuple[Any, ...] | None
    names: tuple[Any, ...]
    country: str | None
    admin1: str | None
    place: str | None
    side_countries: frozenset[Any]
    gear: frozenset[Any] = frozenset()  # distinctive equipment taken along (IDENTIFYING_GEAR)
    role: str | None = None  # the lone defector's identifying role (see _role_head)
    evidence_text: str = ""  # its evidence (see ``evidence``)
    coords: tuple[float, float] | None = None  # latitude, longitude of its place
    sketch: frozenset[int] = frozenset()  # its document's sketch (mention "doc_sketch", resolve.copies)
    place_from_dateline: bool = False  # its place is only a dateline's ("KABUL - "): the reporter's
    units: frozenset[str] = frozenset()  # named armed units it speaks of (see SAME_UNIT)

    @classmethod
    def of(cls, m: dict[str, Any]) -> Report:
        def side(key: str) -> tuple[str, str | None, tuple[str, ...], str | None] | None:
            # a side named by its role ("the rebels": resolve.roles) fits any party, as one without
            s = m.get(key) or {}
            return _party_info(s["party"]) if s.get("party") and not s.get("generic") else None

        left, joined = side("from_side"), side("to_side")
        loc = m.get("location") or {}
        return cls(
            m["id"],
            frozenset(s["doc"] for s in m["sources"]),
            m.get("stage"),
            m.get("kind"),
            left,
            None if joined and left and joined[0] == left[0] else joined,
            bool(m.get("to_side")),
            _act_window(m),
            _people(m),
            tuple(_names(m)),
            loc.get("country"),
            loc.get("admin1"),
            loc.get("place"),
            frozenset(c for s in (left, joined) if s for c in s[2]),
            frozenset(w["item"] for w in m.get("weapons") or [] if w.get("item") in IDENTIFYING_GEAR),
            _role_head(m),
            " ".join(s.get("evidence") or "" for s in m["sources"]),
            (float(loc["lat"]), float(loc["lon"])) if loc.get("place") and loc.get("lat") is not None else None,
            frozenset(m.get("doc_sketch") or ()),
            bool(m.get("place_from_dateline")),
            _units(" ".join([*(s.get("evidence") or "" for s in m["sources"]), *_quotes(m)])),
        )

    @cached_property
    def evidence(self) -> frozenset[int]:
        """Word trigrams of its evidence (see COPY_SIMILARITY), made when first compared: most
        reports read for merging clash before their evidence is asked for."""
        return _trigrams(self.evidence_text)

    @property
    def keys(self) -> frozenset[Any]:
        """Countries of its place and sides: two reports of one act share one (blocking keys)."""
        return self.side_countries | {self.country} if self.country else self.side_countries


def _quotes(m: dict[str, Any]) -> list[str]:
    return [c.get("quote") or "" for c in m.get("claims") or [] if isinstance(c, dict)]


@lru_cache(maxsize=1)
def _unit_patterns() -> tuple[re.Pattern[str], ...]:
    from ..lexicon.langdata import available_languages, language_data

    return tuple(language_data(lang).rule("unit-name").regex for lang in available_languages())


@lru_cache(maxsize=1 << 14)
def _units(text: str) -> frozenset[str]:
    """Named armed units in ``text`` that are no party of the lexicon, by their last two words.

    >>> sorted(_units("Fighters of the Heron Brigade and of Division 30 left; the Taliban did not."))
    ['division 30', 'heron brigade']
    """
    from ..lexicon.parties import load_parties

    parties = load_parties()
    found = {hit.group(0) for rx in _unit_patterns() for hit in rx.finditer(text)}
    return frozenset(" ".join(u.lower().split()[-2:]) for u in found if not parties.match(u))


def _trigrams(text: str) -> frozenset[int]:
    """Hashes of the word trigrams of ``text`` (lower case), for telling copies (COPY_SIMILARITY)."""
    words = _WORDS.findall(text.lower())
    return frozenset(
        zlib.crc32(" ".join(words[i : i + COPY_WORDS]).encode("utf-8")) for i in range(len(words) - COPY_WORDS + 1)
    )


def copied(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> bool:
    """Whether the evidence of one copies the other's (a syndicated copy, a light rewrite).

    >>> m = {"id": "x#1", "sources": [{"doc": "x", "evidence": "Forty fighters laid down their arms in Oro on Sunday."}]}
    >>> copied(m, {**m, "id": "y#1", "sources": [{"doc": "y", "evidence": "WIRE: forty fighters laid down their arms in Oro on Sunday"}]})
    True
    """
    ea, eb = _r(a).evidence, _r(b).evidence
    return min(len(ea), len(eb)) >= COPY_MIN_TRIGRAMS and len(ea & eb) >= COPY_SIMILARITY * len(ea | eb)


def reprinted(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> bool:
    """Whether two reports are one story reprinted: near-duplicate documents (their sketches,
    ``resolve.copies``) and copied evidence. It depends on the two alone, never on which came first.
    The tests run cheapest first: two outlets' versions of one template often pass the sketches'
    quick bound and fail on the evidence (relevant stream of ``benchmarks/throughput.py``: 11,787
    pairs past the bound, 885 with copied evidence), which costs a fifth of the similarity."""
    a, b = _r(a), _r(b)
    return (
        bool(a.sketch and b.sketch)
        and not a.docs & b.docs
        and _sketches_may_match(a.sketch, b.sketch)
        and copied(a, b)
        and sketch_similarity(a.sketch, b.sketch) >= COPY_DOCUMENT
    )


def _sketches_may_match(a: frozenset[int], b: frozenset[int]) -> bool:
    """The quick test before ``sketch_similarity(a, b) >= COPY_DOCUMENT``: it counts the shared
    hashes among the ``SKETCH_SIZE`` smallest of both, so it is below when all shared hashes are."""
    shared = len(a & b)
    return shared >= COPY_DOCUMENT * min(SKETCH_SIZE, len(a) + len(b) - shared)


def _r(x: dict[str, Any] | Report) -> Report:
    return x if isinstance(x, Report) else Report.of(x)


@lru_cache(maxsize=1 << 16)
def _name_pair(a: str, b: str) -> float | None:
    """A lone part against a full name counts only as its surname ("Shara" /
    "Farouq al-Shara" 1.0), else not at all (None)."""
    if (len(a.split()) == 1) != (len(b.split()) == 1):
        short, full = (a, b) if len(a.split()) == 1 else (b, a)
        return 1.0 if surname_only_match(short, full) else None
    return name_similarity(a, b)


def _names_score(a: Sequence[str], b: Sequence[str]) -> float | None:
    """How alike the names two reports give (``Report.names``); None when one names nobody."""
    if not a or not b:
        return None
    scores = [s for x in a for y in b if (s := _name_pair(x, y)) is not None]
    return max(scores) if scores else name_similarity(a[0], b[0])


def different_persons(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether reports giving these names (``Report.names``) name different persons: then
    :func:`clash` rules them out, unless they are one story reprinted (:func:`reprinted`).
    Read from the names alone, so that merging can drop such a stored report before reading it.

    >>> different_persons(["Farouq al-Shara"], ["Farouk al-Sharaa"]), different_persons(["Tavro Kelinzul"], ["Mesut Arbani"])
    (False, True)
    """
    return _persons_differ(_names_score(a, b))


def _persons_differ(ns: float | None) -> bool:
    """The "different persons" rule on a name score (:func:`_names_score`)."""
    return ns is not None and ns < NAME_DIFFERENT


def _gap(sa: tuple[Any, ...], sb: tuple[Any, ...]) -> int:
    return max(0, int((sa[0] - sb[1]).days), int((sb[0] - sa[1]).days))


def far_apart(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> bool:
    """Whether the act windows rule out one act (the quick first test of :func:`clash`)."""
    a, b = _r(a), _r(b)
    wa, wb = a.window, b.window
    if not (wa and wb) or _gap(wa, wb) <= DATE_SLACK_DAYS:
        return False
    return not reprinted(a, b)


# -- the rules ----------------------------------------------------------------------


def clash(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> str | None:
    """Why ``a`` and ``b`` cannot be one act, or None."""
    a, b = _r(a), _r(b)
    if a.docs & b.docs:
        return "same document"
    if a.stage != b.stage:
        return "different stage"
    if reprinted(a, b):
        return None  # one story reprinted: what differs came from its header, footer or date
    if a.window and b.window and _gap(a.window, b.window) > DATE_SLACK_DAYS:  # far_apart, not reprinted
        return "different time"
    why = _direction_clash(a, b)
    if why:
        return why
    ns = _names_score(a.names, b.names)
    if _persons_differ(ns):
        return "different persons"
    same_person = ns is not None and ns >= NAME_SAME or _same_lone_defector(a, b)
    if a.country and b.country and a.country != b.country:
        if not {a.country, b.country} <= a.side_countries | b.side_countries or (
            a.country not in b.keys and b.country not in a.keys
        ):
            return "different country"
    elif a.place_from_dateline or b.place_from_dateline:
        pass  # where the reporter was, not where the act happened
    elif a.admin1 and b.admin1 and a.admin1 != b.admin1 and not same_person:
        return "different province"
    elif a.admin1 == b.admin1 and not same_person and _far_towns(a, b):
        return "different place"
    if _different_days(a.window, b.window):
        return "different day"
    if a.people and b.people and not (same_person and 1 in (a.people[0], b.people[0])):
        small, big = sorted((a.people, b.people))
        if big[0] > small[1] * COUNT_RATIO + COUNT_SLACK:
            return "different headcount"
        if 2 <= small[0] == small[1] and big[0] == big[1] and big[0] > small[0] * EXACT_COUNT_RATIO + 1:
            return "different headcount"
    return None


def _different_days(wa: tuple[Any, ...] | None, wb: tuple[Any, ...] | None) -> bool:
    """Two stated windows of a week or less that miss each other by more than DAY_SLACK_DAYS."""
    if not (wa and wb and wa[2] and wb[2]):
        return False
    narrow = max((wa[1] - wa[0]).days, (wb[1] - wb[0]).days) < WEEK_DAYS
    return narrow and _gap(wa, wb) > TIGHT_DAYS


def _far_towns(a: Report, b: Report) -> bool:
    """Two towns (neither named after its province) more than PLACE_KM apart."""
    if not (a.place and b.place and a.coords and b.coords) or a.place == b.place:
        return False
    if _fold(a.place) == _fold(a.admin1 or "") or _fold(b.place) == _fold(b.admin1 or ""):
        return False
    (lat1, lon1), (lat2, lon2) = a.coords, b.coords
    h = (
        sin(radians(lat2 - lat1) / 2) ** 2
        + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * asin(min(1.0, sqrt(h))) > PLACE_KM


def _fold(s: str) -> str:
    return "".join(_WORDS.findall(s.lower()))


def _same_lone_defector(a: Report, b: Report) -> bool:
    """Two reports of one man alone with the same identifying equipment ("a pilot ... his Mi-8")."""
    return bool(a.gear & b.gear) and a.people == b.people == (1, 1)


def _same_side(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool:
    return x[0] == y[0] or bool(x[3] and x[3] == y[3])


def _direction_clash(a: Report, b: Report) -> str | None:
    if (a.joined and b.left and a.joined[0] == b.left[0] and not (b.joined and b.joined[0] == a.joined[0])) or (
        b.joined and a.left and b.joined[0] == a.left[0] and not (a.joined and a.joined[0] == b.joined[0])
    ):
        return "reversed direction"
    if (
        a.joined
        and b.joined
        and not _same_side(a.joined, b.joined)
        and "foreign_state" not in (a.joined[1], b.joined[1])
    ):
        return "different side joined"
    if a.left and b.left and not _same_side(a.left, b.left):
        return "different side left"
    if SIDE_JOINED_MUST_BE_STATED_BY_BOTH and a.states_joined != b.states_joined:
        return "side joined stated by one only"
    return None


def similarity(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> float:
    """Evidence that two non-clashing mentions report the same act (see the module docstring)."""
    a, b = _r(a), _r(b)
    ns = _names_score(a.names, b.names)
    score = 0.0 if ns is None else 3.0 if ns >= NAME_SAME else 1.5
    agree = [x[0] == y[0] for x, y in ((a.left, b.left), (a.joined, b.joined)) if x and y]
    score += 1.0 if agree == [True, True] else 0.5 if agree == [True] else 0.0
    if a.country == b.country and a.admin1 and a.admin1 == b.admin1:
        score += 1 + 0.5 * bool(a.place and a.place == b.place)
    wa, wb = a.window, b.window
    if wa and wb and _gap(wa, wb) <= (TIGHT_DAYS if wa[2] and wb[2] else 0):
        width = max((wa[1] - wa[0]).days, (wb[1] - wb[0]).days) if wa[2] and wb[2] else None
        score += 0.5 if width is None or width > MONTH_DAYS else 1.0 if width > TIGHT_DAYS else 1.5
    if a.people and b.people:
        (lo, hi), (lo2, hi2) = sorted((a.people, b.people))
        if lo2 <= hi:
            score += 1.5 if lo2 >= 3 else 1.0 if lo2 == 2 else 0.5
        elif lo2 <= hi * COUNT_NEAR + 1:
            score += 0.5
        elif not (ns is not None and ns >= NAME_SAME and 1 in (lo, lo2)):
            score -= 1.0  # "a sergeant" and "three soldiers": two acts, unless one man and his entourage
    score += 1.5 * bool(a.gear & b.gear) + 1.0 * bool(a.role and a.role == b.role)
    if a.units & b.units and not (wa and wa[2] and wb and wb[2]):
        score += SAME_UNIT  # one unit named by both, no two stated dates to compare
    score += COPY_BONUS * copied(a, b)
    same_receiver = bool(a.joined and b.joined and a.joined[0] == b.joined[0])
    return score + 0.5 * (a.kind == b.kind or same_receiver)


def undated_background(r: dict[str, Any] | Report) -> bool:
    """Whether ``r`` is an undated background report: no date stated, so its act may lie at any
    time before its publication (its act window starts at ``date.min``). A report without date
    or publication (a text without metadata) is not one: it fits any time, but is no part of a
    stream of dated news.

    >>> undated_background({"id": "x#1", "date": None, "historical": True, "sources": [{"doc": "x", "published": "2020-05-31"}]})
    True
    """
    w = _r(r).window
    return w is not None and w[0] == date.min


def better_link(a: tuple[float, str], b: tuple[float, str] | None) -> bool:
    """Whether link ``a`` (score, the other report's id) is preferred to ``b``: the higher score,
    a tie the smaller id (any order of arrival keeps the same one)."""
    return b is None or _rank(a) < _rank(b)


def best_link(links: dict[str, float]) -> str:
    """The preferred of ``links`` (other report's id -> score), as :func:`better_link` orders them."""
    return min(links, key=lambda other: _rank((links[other], other)))


def _rank(link: tuple[float, str]) -> tuple[float, str]:
    return (-link[0], link[1])


def kept_links(scores: dict[tuple[str, str], float], undated: set[str]) -> dict[tuple[str, str], float]:
    """The links that join reports into events: all of ``scores`` (pairs of ids), except that a
    report of ``undated`` (:func:`undated_background`) keeps only its best (:func:`better_link`),
    so it joins one act and never bridges two.

    >>> kept_links({("u", "a"): 4.0, ("u", "b"): 4.5, ("a", "c"): 3.0}, {"u"})
    {('u', 'b'): 4.5, ('a', 'c'): 3.0}
    """
    best: dict[str, tuple[float, str]] = {}
    for (a, b), s in scores.items():
        for x, y in ((a, b), (b, a)):
            if x in undated and better_link((s, y), best.get(x)):
                best[x] = (s, y)
    return {
        (a, b): s
        for (a, b), s in scores.items()
        if (a not in undated or best[a][1] == b) and (b not in undated or best[b][1] == a)
    }


def _pair(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> tuple[str | None, float]:
    why = clash(a, b)
    return why, (0.0 if why else similarity(a, b))


def linked(a: dict[str, Any] | Report, b: dict[str, Any] | Report) -> bool:
    """Whether two mentions are evidence enough of one act (no clash, score >= threshold)."""
    why, score = _pair(a, b)
    return why is None and score >= MERGE_THRESHOLD


# -- from links to events -----------------------------------------------------------


def order_key(m: dict[str, Any]) -> tuple[Any, ...]:
    """Canonical order of mentions: earliest publication first, then document id and position."""
    pub = _published(m)
    doc, _, seq = m["id"].rpartition("#")
    return (pub.isoformat() if pub else "9999", doc, int(seq) if seq.isdigit() else 0, m["id"])


def cluster(mentions: Iterable[dict[str, Any]], pair: Callable[..., Any] | None = None) -> list[list[dict[str, Any]]]:
    """Split mentions into events (:func:`group_links` on the kept links of every pair; ``pair(a, b)``
    gives ``(clash reason or None, score)``, default computed afresh)."""
    pair, ms = pair or _pair, list(mentions)
    scores: dict[tuple[str, str], float] = {}
    compatible: dict[str, set[str]] = {m["id"]: set() for m in ms}
    for i, a in enumerate(ms):
        for b in ms[i + 1 :]:
            why, score = pair(a, b)
            if why is None:
                compatible[a["id"]].add(b["id"])
                compatible[b["id"]].add(a["id"])
                if score >= MERGE_THRESHOLD:
                    scores[(a["id"], b["id"])] = score
    undated = {m["id"] for m in ms if undated_background(m)}
    return group_links(ms, kept_links(scores, undated), compatible)


def group_links(
    mentions: Iterable[dict[str, Any]],
    scores: dict[tuple[str, str], float],
    compatible: dict[str, set[str]] | Callable[[str, str], bool],
    report: Callable[[dict[str, Any]], Report] = Report.of,
    reprints: Callable[[Report, Report], bool] | None = None,
) -> list[list[dict[str, Any]]]:
    """Events from linked mentions: best link first, never two clashing mentions in one event.

    ``scores`` gives each linked pair of ids its score; ``compatible`` maps an id
    to the ids it does not clash with (others may be left out), or is a function of two ids
    answering the same (asked only for the pairs a merge needs). The result
    depends only on the set of mentions, not their order: events and their
    members come in :func:`order_key` order. ``report(mention)`` is ``Report.of`` or a cache of it,
    ``reprints(a, b)`` :func:`reprinted` or a cache of it.

    A group may take a report when every unit of copies in it (:func:`_join_copies`; most
    units are one report) fits it: one of the unit's reports does not clash with it, and
    for a unit of several, it shares no document with the unit.
    """
    ms = sorted(mentions, key=order_key)
    at = {m["id"]: i for i, m in enumerate(ms)}
    edges = sorted((-s, min(at[a], at[b]), max(at[a], at[b])) for (a, b), s in scores.items() if a in at and b in at)
    if callable(compatible):
        pair = compatible
        ids = [m["id"] for m in ms]

        def fits(i: int, k: int) -> bool:
            return pair(ids[i], ids[k])

    else:
        allowed = [{at[o] for o in compatible.get(m["id"], ()) if o in at} for m in ms]

        def fits(i: int, k: int) -> bool:
            return k in allowed[i]

    docs = [frozenset(s["doc"] for s in m["sources"]) for m in ms]
    group, members = list(range(len(ms))), {i: [i] for i in range(len(ms))}
    _join_copies(ms, group, members, docs, report, reprints or reprinted)
    units = {g: [(frozenset(idx), frozenset().union(*(docs[k] for k in idx)))] for g, idx in members.items()}

    def takes(g: int, others: list[int]) -> bool:
        for unit, unit_docs in units[g]:
            for y in others:
                if y in unit:
                    continue
                if len(unit) > 1 and docs[y] & unit_docs:
                    return False
                if not any(fits(i, y) for i in unit):
                    return False
        return True

    for _, i, j in edges:
        gi, gj = group[i], group[j]
        # either way round: a unit of copies fits what one of its reports fits (_join_copies)
        if gi == gj or not (takes(gi, members[gj]) or takes(gj, members[gi])):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
        units[keep] += units.pop(gone)
    return [[ms[i] for i in sorted(idx)] for _, idx in sorted(members.items())]


def _join_copies(
    ms: list[dict[str, Any]],
    group: list[int],
    members: dict[int, list[int]],
    docs: list[frozenset[Any]],
    report: Callable[[dict[str, Any]], Report],
    reprints: Callable[[Report, Report], bool] = reprinted,
) -> None:
    """First, the reports of one story reprinted (:func:`reprinted`, one stage) become one unit,
    most alike first; the unit fits whatever one of its reports fits (a copy's dateline or footer
    may have misled its extraction), never a second report of one of its documents."""
    reports = {i: report(m) for i, m in enumerate(ms) if m.get("doc_sketch")}
    pairs = []
    keys = sorted(reports)
    for x, i in enumerate(keys):
        a = reports[i]
        for j in keys[x + 1 :]:
            b = reports[j]
            if a.stage == b.stage and reprints(a, b):
                pairs.append((-len(a.evidence & b.evidence) / len(a.evidence | b.evidence), i, j))
    for _, i, j in sorted(pairs):
        gi, gj = group[i], group[j]
        if gi == gj or any(docs[k] & docs[h] for k in members[gi] for h in members[gj]):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)


def assign_ids(clusters: list[list[dict[str, Any]]], taken: Iterable[str] = ()) -> list[str]:
    """An id per cluster, a function of its members only: made from the id of its earliest
    member (:func:`order_key`), so any ingest order gives the same ids, and a report
    joining later keeps the event's id. ``taken`` (ids of events outside these clusters)
    is avoided: should one collide, the next free variant is used."""
    used: set[str] = set(taken)
    out: list[str] = []
    for members in clusters:
        base = min(members, key=order_key)["id"]
        n, eid = 0, event_id_for(base)
        while eid in used:
            n += 1
            eid = event_id_for(f"{base}+{n}")
        out.append(eid)
        used.add(eid)
    return out


def event_id_for(first_mention_id: str) -> str:
    return "ev-" + hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:12]


# -- the merged event ---------------------------------------------------------------


def _most_common(values: list[Any], key: Callable[..., Any] = repr) -> Any:
    """The most frequent value (values with one ``key`` count together); on a tie the first given."""
    values = [v for v in values if v not in (None, "", [])]
    if not values:
        return None
    counts = Counter(map(key, values))
    return max(values, key=lambda v: counts[key(v)])


def _side_key(side: dict[str, Any]) -> str:
    """Reports of one side count together however they spell it ("Taliban" / "Taleban")."""
    return side.get("party") or (side.get("name") or "").lower()


def _merged_date(members: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The intersection of the windows (the narrowest when they disagree), ended by the
    first publication of a completed act when that falls inside it."""
    windows = [w for w in (_window(m) for m in members) if w]
    if not windows:
        return None
    lo, hi = max(w[0] for w in windows), min(w[1] for w in windows)
    if lo > hi:
        lo, hi = min(windows, key=lambda w: ((w[1] - w[0]).days, w))
    pubs = [p for p in (_published(m) for m in members if m.get("stage") == "completed") if p]
    if pubs and lo <= min(pubs) < hi:
        hi = min(pubs)
    texts = [m["date"].get("text") for m in members if m.get("date")]
    return {"earliest": lo.isoformat(), "latest": hi.isoformat(), "text": next((t for t in texts if t), None)}


def merge_event(event_id: str, members: list[dict[str, Any]]) -> dict[str, Any]:
    """One contract event from its member mentions, in any order (they are put in
    :func:`order_key` order, so ties go to the earliest report)."""
    members = sorted(members, key=order_key)
    names = [n for m in members for n in _names(m)]
    best_name = max(names, key=lambda n: (len(n.split()), names.count(n), len(n))) if names else None

    def side(key: str) -> Any:  # most reports; a tie: the earliest
        return _most_common([m.get(key) for m in members], _side_key)

    locs = [m.get("location") or {} for m in members]
    rank: dict[str | None, int] = {"place": 3, "admin2": 2, "admin1": 1, "country": 0}
    datelines = [l for l, m in zip(locs, members, strict=True) if m.get("place_from_dateline")]
    weapons: dict[str, dict[str, Any]] = {}
    for m in members:
        for w in m.get("weapons") or []:
            cur = weapons.get(w["item"])
            if cur is None or (w.get("count") or 0) > (cur.get("count") or 0):
                weapons[w["item"]] = {"item": w["item"], "count": w.get("count")}
    unsure = 1.0
    for m in members:
        unsure *= 1 - float(m.get("confidence") or 0.5)
    return {
        "id": event_id,
        "kind": _most_common([m["kind"] for m in members]),
        "stage": "completed" if any(m["stage"] == "completed" for m in members) else "offered",
        "defector": {
            "name": best_name,
            "aliases": sorted(set(names) - {best_name}),
            "actor_id": None,
            "role": _most_common([(m.get("defector") or {}).get("role") for m in members]),
        },
        "people": merged_people(members),
        "from_side": side("from_side"),
        "to_side": side("to_side"),
        "location": max(  # a place stated over a dateline's (where the reporter was)
            locs,
            key=lambda l: (l not in datelines, rank.get(l.get("precision"), -1), locs.count(l)),
        ),
        "date": _merged_date(members),
        "weapons": list(weapons.values()),
        "claims": [c for m in members for c in m.get("claims") or []],
        "contested": any(m.get("contested") for m in members),
        "historical": all(m.get("historical") for m in members),
        "confidence": round(min(0.99, 1 - unsure), 2),
        "sources": [_with_people(s, m) for m in members for s in m["sources"]],
    }


def _band(m: dict[str, Any]) -> dict[str, int] | None:
    """A mention's people as low/best/high (a mention stored before bands: best = midpoint)."""
    p = m.get("people") or {}
    if p.get("min") is None or p.get("max") is None:
        return None
    lo, hi = int(p.get("low", p["min"])), int(p.get("high", p["max"]))
    best = p.get("best")
    return {"low": lo, "best": min(max(int(best), lo), hi) if best is not None else (lo + hi) // 2, "high": hi}


def _with_people(source: dict[str, Any], m: dict[str, Any]) -> dict[str, Any]:
    """A source with its own figure (``people``: low/best/high, or null), as that report gave it."""
    return {**source, "people": _band(m)}


def merged_people(members: list[dict[str, Any]]) -> dict[str, int] | None:
    """People of a merged event: ``min``/``max`` the widest range any report gives (as before),
    ``low``/``high`` the same bounds, and ``best`` the median of the reports' best estimates
    (the lower median for an even number), so one outlying report does not move it.

    >>> merged_people([{"people": {"min": 20, "max": 20}}, {"people": {"min": 24, "max": 30, "best": 24}}])
    {'min': 20, 'max': 30, 'low': 20, 'best': 20, 'high': 30}
    """
    bands = [b for b in (_band(m) for m in members) if b]
    if not bands:
        return None
    lo, hi = min(b["low"] for b in bands), max(b["high"] for b in bands)
    bests = sorted(b["best"] for b in bands)
    return {"min": lo, "max": hi, "low": lo, "best": bests[(len(bests) - 1) // 2], "high": hi}
