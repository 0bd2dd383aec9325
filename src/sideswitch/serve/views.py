"""What the API and the pages compute from stored data before showing it.

Defensive on purpose: events follow the contract, but actors and the
analysis results come from other stages and may lack keys.

    evidence_context("...He left the army on Monday. Then...", [3, 29])
        -> {"before": "...", "match": "He left the army on Monday.", "after": " Then...", ...}
"""

from __future__ import annotations

from collections import Counter

from ..errors import NotFoundError

__all__ = [
    "document_meta",
    "actor_summary",
    "evidence_context",
    "headline",
    "split_claims",
    "side_label",
    "people_label",
    "date_label",
    "place_label",
    "who",
]

CONTEXT_CHARS = 360  # characters of document text shown on each side of an evidence span
DENYING = ("denies", "doubts", "downplays")


def document_meta(store, doc_id: str) -> dict | None:
    """Title, outlet, url and date of a stored document; None when it is not stored."""
    try:
        d = store.get_document(doc_id)
    except NotFoundError:
        return None
    return {k: d.get(k) for k in ("id", "title", "outlet", "url", "published", "lang")}


def actor_summary(actor: dict) -> dict:
    """Id, name, aliases, number of events and the span of dates of an actor."""
    history = [h for h in actor.get("history") or [] if isinstance(h, dict)]
    days = sorted(
        d for h in history for d in ((h.get("date") or {}).get("earliest"), (h.get("date") or {}).get("latest")) if d
    )
    parties = Counter(p for h in history for p in (side_label(h.get("from")), side_label(h.get("to"))) if p)
    return {
        "id": actor.get("id"),
        "name": actor.get("name"),
        "aliases": list(actor.get("aliases") or []),
        "events": len(history),
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
        "parties": [p for p, _ in parties.most_common()],
        "possibly_same": len(actor.get("possibly_same") or []),
    }


def evidence_context(text: str | None, span, evidence: str = "", chars: int = CONTEXT_CHARS) -> dict:
    """The evidence inside its document text, with ``chars`` of context each side.

    The span is trusted when the text at it equals the evidence; otherwise the
    evidence is searched for; when it is not found only the evidence is shown.
    """
    text = text or ""
    start, end = (list(span) + [0, 0])[:2] if isinstance(span, (list, tuple)) else (0, 0)
    ok = 0 <= start < end <= len(text) and (not evidence or text[start:end].strip() == evidence.strip())
    if not ok and evidence:
        found = text.find(evidence.strip())
        ok, start, end = found >= 0, found, found + len(evidence.strip())
    if not ok:
        return {"found": False, "before": "", "match": evidence, "after": "", "cut_before": False, "cut_after": False}
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    if lo > 0:  # do not cut words in half
        lo = text.rfind(" ", 0, lo) + 1
    if hi < len(text):
        space = text.find(" ", hi)
        hi = space if space != -1 else len(text)
    return {
        "found": True,
        "before": text[lo:start],
        "match": text[start:end],
        "after": text[end:hi],
        "cut_before": lo > 0,
        "cut_after": hi < len(text),
    }


def split_claims(claims: list) -> dict:
    """Claims that assert the act, and those that deny, doubt or downplay it."""
    claims = [c for c in claims or [] if isinstance(c, dict)]
    return {
        "asserts": [c for c in claims if c.get("stance") not in DENYING],
        "disputes": [c for c in claims if c.get("stance") in DENYING],
    }


def side_label(side) -> str | None:
    if not isinstance(side, dict):
        return None
    return side.get("party") or side.get("name") or None


def people_label(people) -> str:
    if not isinstance(people, dict) or people.get("min") is None:
        return ""
    lo, hi = people.get("min"), people.get("max")
    return f"{lo:,}" if hi in (None, lo) else f"{lo:,}–{hi:,}"


def place_label(loc, country: bool = True) -> str:
    """``Shindand, Herat, Afghanistan``; repeated names (a city named like its province) once."""
    if not isinstance(loc, dict):
        return ""
    keys = ("place", "admin2", "admin1", "country") if country else ("place", "admin2", "admin1")
    return ", ".join(dict.fromkeys(loc[k] for k in keys if loc.get(k)))


def who(ev: dict) -> str:
    """The defector's name, else the role, else the headcount and side: ``25–30 people from Taliban``."""
    d = ev.get("defector") or {}
    if d.get("name"):
        return d["name"]
    if d.get("role"):
        return d["role"][:1].upper() + d["role"][1:]
    frm = ev.get("from_side") or {}
    side = f" from {frm.get('name') or frm.get('party')}" if frm.get("name") or frm.get("party") else ""
    n = people_label(ev.get("people"))
    if n:
        return f"{n} {'person' if n == '1' else 'people'}{side}"
    return "Unnamed group" + side


def date_label(date) -> str:
    if not isinstance(date, dict) or not date.get("earliest"):
        return ""
    a, b = date.get("earliest"), date.get("latest") or date.get("earliest")
    return str(a) if a == b else f"{a} – {b}"


def _totals_of(events: list[dict]) -> list[dict]:
    """What ``Store.people_totals`` computes in SQL, from event dicts."""
    from ..analyze.series import is_inferred, people_best, people_range

    rows: dict[tuple, dict] = {}
    for e in events:
        k = (e.get("stage"), bool(e.get("contested")), is_inferred(e))
        r = rows.setdefault(
            k,
            {
                "stage": k[0],
                "contested": k[1],
                "inferred": k[2],
                "events": 0,
                "counted": 0,
                "low": 0,
                "best": 0,
                "high": 0,
            },
        )
        r["events"] += 1
        rng = people_range(e)
        if rng is not None:
            r["counted"] += 1
            r["low"], r["high"], r["best"] = r["low"] + rng[0], r["high"] + rng[1], r["best"] + (people_best(e) or 0)
    return list(rows.values())


def people_split(totals: list[dict]) -> dict:
    """Summed best estimates and low-high bands of completed events: ``confirmed`` (neither
    contested nor resting on an inferred side), ``contested`` and ``inferred`` apart."""
    out = {
        k: {"events": 0, "counted": 0, "low": 0, "best": 0, "high": 0} for k in ("confirmed", "contested", "inferred")
    }
    for r in totals:
        if r["stage"] == "offered":
            continue
        part = out["contested" if r["contested"] else "inferred" if r["inferred"] else "confirmed"]
        for k in part:
            part[k] += r[k]
    return out


def overview_figures(store, query, totals: list[dict]) -> dict:
    """:func:`headline` of the events matching ``query``, from SQL aggregates alone: ``totals``
    (``Store.people_totals``), the date span and per-country and per-kind counts."""
    split = people_split(totals)
    events = sum(r["events"] for r in totals)
    offered = sum(r["events"] for r in totals if r["stage"] == "offered")
    first, last = store.date_span(query)
    return {
        "events": events,
        "completed": events - offered,
        "offered": offered,
        "people_low": split["confirmed"]["low"],
        "people_best": split["confirmed"]["best"],
        "people_high": split["confirmed"]["high"],
        "people_contested": split["contested"],
        "people_inferred": split["inferred"],
        "documents": store.count_documents(),
        "actors": store.count_actors(),
        "contested": sum(r["events"] for r in totals if r["contested"]),
        "kinds": store.count_by(query, "kind"),
        "countries": store.count_by(query, "country")[:8],
        "first": first,
        "last": last,
    }


def headline(events: list[dict], n_documents: int, n_actors: int, totals: list[dict] | None = None) -> dict:
    """The overview's headline figures; ``totals``: ``Store.people_totals`` for the same events
    (computed in SQL), else they are summed here. People are the best estimates of confirmed
    completed events with their low-high band; contested and inferred events are given apart."""
    completed = [e for e in events if e.get("stage") != "offered"]
    split = people_split(totals if totals is not None else _totals_of(events))
    lo, best, hi = split["confirmed"]["low"], split["confirmed"]["best"], split["confirmed"]["high"]
    days = sorted(
        d for e in events for d in ((e.get("date") or {}).get("earliest"), (e.get("date") or {}).get("latest")) if d
    )
    countries = Counter((e.get("location") or {}).get("country") for e in events)
    countries.pop(None, None)
    return {
        "events": len(events),
        "completed": len(completed),
        "offered": len(events) - len(completed),
        "people_low": lo,
        "people_best": best,
        "people_high": hi,
        "people_contested": split["contested"],
        "people_inferred": split["inferred"],
        "documents": n_documents,
        "actors": n_actors,
        "contested": sum(bool(e.get("contested")) for e in events),
        "kinds": Counter(e.get("kind") for e in events).most_common(),
        "countries": countries.most_common(8),
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
    }
