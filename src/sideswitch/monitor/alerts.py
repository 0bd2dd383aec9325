"""Alerts: a watch list and four rules over the stored record, each alert stored once.

    store.set_watch("party", "Taliban")
    new = check_alerts(store)            # alerts raised now (stored; old ones are not raised again)
    send_webhook(store, "http://127.0.0.1:9000/hook")   # POST each alert not yet sent

Rules (``RULES``):

- ``watched-event``: an event whose party, country or person is on the watch list;
- ``change-point``: a change in the monthly rate of events into or out of a watched
  party (``analyze.trends``, the Poisson change points with their p-value);
- ``switched-again``: a person with a second (or later) switch of side
  (``analyze.repeat_switchers``);
- ``claim-resolved``: a claim first made in one document is confirmed or denied by a
  later one (a contested claim confirmed, or an asserted one denied).

Each alert has a ``key`` naming its cause (``watched-event:ev-1``), so a rule that
still holds on the next check raises nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

import httpx

from ..analyze import repeat_switchers, trends

__all__ = ["DISPUTING", "RULES", "WATCH_KINDS", "atom_feed", "check_alerts", "send_webhook"]

WATCH_KINDS = ("party", "country", "person")
DISPUTING = ("denies", "doubts", "downplays")


def _side(s: Any) -> str:
    return str(s.get("party") or s.get("name") or "?") if isinstance(s, dict) else "?"


def _who(ev: dict[str, Any]) -> str:
    d = ev.get("defector") or {}
    return d.get("name") or d.get("role") or "unnamed group"


def _line(ev: dict[str, Any]) -> str:
    when = (ev.get("date") or {}).get("earliest") or "undated"
    place = (ev.get("location") or {}).get("country") or "unknown place"
    return f"{_who(ev)}: {_side(ev.get('from_side'))} → {_side(ev.get('to_side'))} ({ev.get('kind')}, {place}, {when})"


def watched_events(events: list[dict[str, Any]], watch: list[tuple[str, str]]) -> Iterable[dict[str, Any]]:
    for ev in events:
        sides = [(ev.get(k) or {}) for k in ("from_side", "to_side")]
        d = ev.get("defector") or {}
        hits = [
            f"party {v}"
            for k, v in watch
            if k == "party"
            and any(v.lower() in ((s.get("party") or "").lower(), (s.get("name") or "").lower()) for s in sides)
        ]
        hits += [
            f"country {v}"
            for k, v in watch
            if k == "country" and v.lower() == ((ev.get("location") or {}).get("country") or "").lower()
        ]
        names = {(n or "").lower() for n in [d.get("name"), d.get("actor_id"), *(d.get("aliases") or [])]}
        hits += [f"person {v}" for k, v in watch if k == "person" and v.lower() in names]
        if hits:
            yield {
                "key": f"watched-event:{ev['id']}",
                "rule": "watched-event",
                "event_id": ev["id"],
                "title": f"New event on the watch list: {_line(ev)}",
                "body": f"Matches {', '.join(sorted(hits))}.",
                "data": {"matches": sorted(hits)},
            }


def change_point_alerts(events: list[dict[str, Any]], watch: list[tuple[str, str]]) -> Iterable[dict[str, Any]]:
    for party in sorted({v for k, v in watch if k == "party"}):
        for direction, verb in (("to", "joining"), ("from", "leaving")):
            series = trends(events, by="month", party=party, direction=direction)
            for cp in series.change_points:
                word = "rose" if cp["direction"] == "up" else "fell"
                yield {
                    "key": f"change-point:{party}:{direction}:{cp['period']}:{cp['direction']}",
                    "rule": "change-point",
                    "title": f"The rate of people {verb} {party} {word} from {cp['period']}",
                    "body": (
                        f"{cp['before']:.2f} → {cp['after']:.2f} {cp['measure']} "
                        f"(p = {cp['p_value']}, changed within {cp['interval'][0]}–{cp['interval'][1]})."
                    ),
                    "data": {"party": party, "direction": direction, **cp},
                }


def switched_again_alerts(events: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for person in repeat_switchers(events):
        last = person["moves"][-1]
        yield {
            "key": f"switched-again:{person['actor_id']}:{last['id']}",
            "rule": "switched-again",
            "event_id": last["id"],
            "title": f"{person['name'] or person['actor_id']} switched sides again: {person['path']}",
            "body": f"{person['events']} switches on record; the latest on {last['date'] or 'an unknown date'}.",
            "data": {"actor_id": person["actor_id"], "path": person["path"]},
        }


def claim_alerts(events: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for ev in events:
        published = {s.get("doc"): s.get("published") or "" for s in ev.get("sources") or []}
        claims = sorted(
            ((published.get(c.get("doc"), ""), c.get("doc") or "", c) for c in ev.get("claims") or []),
            key=lambda t: (t[0], t[1]),
        )
        if not claims:
            continue
        first_day, first_doc, first = claims[0]
        disputed = first.get("stance") in DISPUTING
        for day, doc, c in claims[1:]:
            if doc == first_doc or day <= first_day or (c.get("stance") in DISPUTING) == disputed:
                continue
            outcome = "denied" if c.get("stance") in DISPUTING else "confirmed"
            yield {
                "key": f"claim-resolved:{ev['id']}:{doc}",
                "rule": "claim-resolved",
                "event_id": ev["id"],
                "title": f"A {'contested' if disputed else 'reported'} claim was {outcome} later: {_line(ev)}",
                "body": f"{c.get('by')} ({c.get('stance')}, {day or 'undated'}) after {first.get('by')} "
                f"({first.get('stance')}, {first_day or 'undated'}).",
                "data": {"doc": doc, "stance": c.get("stance"), "outcome": outcome},
            }
            break


RULES: dict[str, Callable[..., Iterable[dict[str, Any]]]] = {
    "watched-event": watched_events,
    "change-point": change_point_alerts,
    "switched-again": switched_again_alerts,
    "claim-resolved": claim_alerts,
}


def check_alerts(store: Any) -> list[dict[str, Any]]:
    """Run every rule over the stored events; store and return the alerts not raised before."""
    events, watch = store.query_events(), store.watchlist()
    found = [
        *watched_events(events, watch),
        *change_point_alerts(events, watch),
        *switched_again_alerts(events),
        *claim_alerts(events),
    ]
    new = []
    for alert in found:
        alert_id = store.add_alert(alert)
        if alert_id is not None:
            new.append({**alert, "id": alert_id})
    return new


def send_webhook(store: Any, url: str, *, timeout: float = 10.0) -> tuple[int, list[str]]:
    """POST each alert not yet sent to ``url`` as JSON; (sent, problems). Unsent ones are tried again next time."""
    sent, problems = 0, []
    with httpx.Client(timeout=timeout) as client:
        for alert in reversed(store.list_alerts(limit=None, unsent=True)):
            try:
                resp = client.post(url, json={"source": "sideswitch", **alert})
            except httpx.HTTPError as e:
                problems.append(f"cannot send alert #{alert['id']} to {url}: {e or type(e).__name__}")
                break
            if resp.status_code >= 300:
                problems.append(f"cannot send alert #{alert['id']} to {url}: the receiver answered {resp.status_code}")
                break
            store.mark_alert_sent(alert["id"])
            sent += 1
    return sent, problems


def atom_feed(alerts: list[dict[str, Any]], base_url: str) -> str:
    """The alerts as an Atom feed (newest first)."""
    base = base_url.rstrip("/")
    updated = alerts[0]["at"] if alerts else datetime.now(UTC).isoformat(timespec="seconds")
    entries = []
    for a in alerts:
        link = f"{base}/events/{a['event_id']}" if a.get("event_id") else f"{base}/alerts#alert-{a['id']}"
        entries.append(
            f"<entry><id>{escape(base)}/alerts/{a['id']}</id><title>{escape(a['title'])}</title>"
            f'<updated>{escape(a["at"])}</updated><link href="{escape(link)}"/>'
            f'<category term="{escape(a["rule"])}"/><summary>{escape(a["body"])}</summary></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>{escape(base)}/alerts.atom</id><title>sideswitch alerts</title><updated>{escape(updated)}</updated>"
        f'<link rel="self" href="{escape(base)}/alerts.atom"/>' + "".join(entries) + "</feed>\n"
    )
