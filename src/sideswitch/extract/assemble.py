"""Document events -> contract dicts (one source each), with a calibrated confidence.

Confidence starts from how explicit the trigger is and moves with what was
found. The weights below were set by looking at precision on the dev corpus
(``evaluate/``): triggers that need structure (joined, crossed into) and
events without a known side were the most frequent false alarms.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .counts import Count, people_band
from .inference import INFERRED_PENALTY

if TYPE_CHECKING:
    from ..lexicon.parties import PartyLexicon
    from .arguments import Mention
    from .coref import DocEvent
    from .extractor import DocState
    from .places import Place

__all__ = ["assemble_events", "confidence"]


def confidence(ev: DocEvent) -> float:
    first = ev.first
    score = first.cand.trigger.confidence  # per trigger, in the language data
    score += 0.05 * min(len(ev.mentions) - 1, 3)
    score += 0.08 if ev.name or first.people else -0.05
    score += 0.08 if (ev.side("to_side") or {}).get("party") else (0.0 if ev.side("to_side") else -0.08)
    score += 0.05 if (ev.side("from_side") or {}).get("party") else 0.0
    score += 0.03 if first.place is not None else 0.0
    score -= 0.10 if first.cand.stage == "offered" else 0.0
    score -= 0.05 if ev.contested else 0.0
    score -= INFERRED_PENALTY if (ev.side("to_side") or {}).get("inferred") else 0.0
    return round(min(0.98, max(0.05, score)), 2)


def _people(ev: DocEvent) -> dict[str, Any] | None:
    explicit = [m.people for m in ev.mentions if m.people is not None and m.explicit]
    ranges = (explicit or [m.people for m in ev.mentions if m.people is not None]) + list(ev.other_counts)
    if not ranges:
        return None
    exact = [r for r in explicit if r[0] == r[1] and all(o[0] <= r[0] <= o[1] for o in ranges)]
    if exact:  # "more than a dozen fighters" ... "four commanders and 13 fighters": the exact count told later
        return people_band(exact[0])
    first = people_band(ranges[0]) or {}  # the best estimate: the first figure stated (counts.Count)
    return people_band(Count(min(r[0] for r in ranges), max(r[1] for r in ranges), first.get("best")))


def _placed(ev: DocEvent, state: DocState, parties: PartyLexicon) -> tuple[dict[str, Any], bool]:
    """The act's location, and whether it is only a dateline's ("KABUL - "; the province the
    document names most when only its dateline names it): where the reporter was, which
    ``resolve.merge`` does not hold against another report's place."""
    place = (
        next((m.place for m in ev.mentions if m.place is not None and m.place.precision != "country"), None)
        or next(
            (
                m.place
                for m in ev.mentions
                if m.place is not None and m.place.country != state.country and state.country is None
            ),
            None,
        )
        or next((m.place for m in ev.mentions if m.place is not None and m.place.country == state.country), None)
    )
    from_dateline = any(m.place is place and m.place_weak for m in ev.mentions)
    if (place is None or place.precision == "country") and len(state.events) == 1 and _news(ev, state):
        stated = next((m.place.country for m in ev.mentions if m.place is not None and m.place.country), None)
        found = _document_place(ev, state, stated)
        if found is not None:
            place, from_dateline = found
    if place is not None:
        loc = place.to_contract()
        if not loc.get("country"):
            loc["country"] = state.country
        return loc, from_dateline
    country = state.country if _news(ev, state) or state.country in _side_countries(ev, parties) else None
    return {
        "place": None,
        "admin2": None,
        "admin1": None,
        "country": country,
        "lat": None,
        "lon": None,
        "precision": "country" if country else None,
    }, False


def _side_countries(ev: DocEvent, lexicon: PartyLexicon) -> set[str]:
    """Countries of the parties an act left and joined."""
    parties = [lexicon.get((ev.side(k) or {}).get("party") or "") for k in ("from_side", "to_side")]
    return {c for p in parties if p is not None for c in p.countries}


# The news of the day: an undated, non-background act happened at most this long before publication.
NEWS_WINDOW_DAYS = 31


def _news(ev: DocEvent, state: DocState) -> bool:
    """Whether the act is the document's news, not background ("a pilot who defected last
    year ... was found dead"): then the places the document names are about something else."""
    windows = [m.date for m in ev.mentions if m.date is not None]
    if not windows or state.published is None:
        return not ev.historical
    return max(w.latest for w in windows) >= state.published - timedelta(days=NEWS_WINDOW_DAYS)


def _document_place(ev: DocEvent, state: DocState, country: str | None = None) -> tuple[Place, bool] | None:
    """Where a document's only act happened when its own sentences name no province or town:
    the province the document names most (the dateline counts), in the country the act's own
    sentences name ("surrendered in Pakistan": not a town of a photo caption from Afghanistan;
    golden: act-country-bounds-document-place), else in the document's country; and whether
    only a dateline names it."""
    from collections import Counter

    from .arguments import _DATELINE

    country = country or state.country
    # the act's own sentences were read already: a place there that the act did not take belongs
    # to something else ("... and thanked his family at a rally in X"; golden: place-of-a-later-verb),
    # except their dateline
    own: dict[int, int] = {}  # act sentence -> end of its dateline (0: none)
    for m in ev.mentions:
        dl = _DATELINE.match(m.sentence.text)
        own[m.sentence.index] = dl.end() if dl else 0
    found = [
        (p, bool((dl := _DATELINE.match(state.sentences[i].text)) and p.end <= dl.end()))
        for i, ps in state.places_at.items()
        for p in ps
        if p.precision != "country"
        and p.admin1
        and (country is None or p.country == country)
        and (i not in own or p.end <= own[i])
    ]
    if not found:
        return None
    best = Counter(p.admin1 for p, _ in found).most_common(1)[0][0]
    return next(p for p, _ in found if p.admin1 == best), all(d for p, d in found if p.admin1 == best)


def _date(ev: DocEvent, state: DocState | None = None) -> dict[str, Any] | None:
    windows = [m.date for m in ev.mentions if m.date is not None]
    if not windows:
        if state is not None and state.published and not ev.historical:
            lo = state.published - timedelta(days=NEWS_WINDOW_DAYS)
            return {"earliest": lo.isoformat(), "latest": state.published.isoformat(), "text": None}
        return None
    lo, hi = max(w.earliest for w in windows), min(w.latest for w in windows)
    if lo > hi:  # inconsistent windows: an absolute date ("14 to 15 August 2023") beats a relative one
        absolute = [w for w in windows if re.search(r"\d", w.text)]
        return min(absolute or windows[:1], key=lambda w: (w.latest - w.earliest).days).to_contract()
    return {"earliest": lo.isoformat(), "latest": hi.isoformat(), "text": windows[0].text}


def _weapons(ev: DocEvent) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for m in ev.mentions:
        for w in m.weapons:
            cur = out.get(w["item"])
            if cur is None or (cur["count"] is None and w["count"] is not None):
                out[w["item"]] = dict(w)
    return list(out.values())


def _evidence(ev: DocEvent) -> Mention:
    """The mention that states the act most fully: a verb trigger with name, count, sides, place."""

    def score(m: Mention) -> float:
        headline = m.sentence.index <= 1 and not re.search(r"[.!?\"”]$", m.sentence.text.strip())
        return (
            2 * bool(m.name)
            + bool(m.people)
            + bool(m.place)
            + bool(m.to_side)
            + bool(m.from_side)
            + (not m.cand.trigger.noun)
            - 2 * m.sentence.text.lower().startswith(("summary", "update"))
            - 0.5 * headline
        )  # the body sentence over a headline saying the same

    best = max(score(m) for m in ev.mentions)
    return next(m for m in ev.mentions if score(m) == best)


def assemble_events(state: DocState, parties: PartyLexicon) -> list[dict[str, Any]]:
    doc = state.doc
    out = []
    for k, ev in enumerate(state.events):
        first = ev.first
        loc, from_dateline = _placed(ev, state, parties)
        s = _evidence(ev).sentence
        name = ev.full_name or ev.name
        aliases = sorted({a for a in [ev.name, *ev.aliases] if a and a != name})
        role = next((m.role for m in ev.mentions if m.role), None)
        out.append(
            {
                "id": f"{doc.id}#{k + 1}",
                "kind": first.cand.kind,
                "stage": first.cand.stage,
                "defector": {"name": name, "aliases": aliases, "role": role, "actor_id": None},
                "people": _people(ev),
                "from_side": ev.side("from_side"),
                "to_side": ev.side("to_side"),
                "location": loc,
                "place_from_dateline": from_dateline,
                "date": None if first.cand.stage == "offered" else _date(ev, state),
                "weapons": _weapons(ev),
                "claims": ev.claims,
                "contested": bool(ev.contested),
                "historical": bool(ev.historical),
                "confidence": confidence(ev),
                "sources": [
                    {
                        "doc": doc.id,
                        "url": doc.url,
                        "outlet": doc.outlet,
                        "published": doc.published,
                        "evidence": s.text,
                        "span": [s.start, s.end],
                    }
                ],
                "language": state.lang,
                "mentions": [
                    {
                        "evidence": m.sentence.text,
                        "span": [m.sentence.start, m.sentence.end],
                        "trigger": m.cand.trigger.id,
                    }
                    for m in ev.mentions
                ],
            }
        )
    return out
