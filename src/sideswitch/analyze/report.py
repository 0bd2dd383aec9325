"""A self-contained HTML brief: headline figures, the timeline, flows, top events, repeat switchers.

Everything is inside the one file: CSS inline, pictures as SVG ``data:`` URIs
with text drawn as paths, no scripts, no fonts or images fetched; links to the
sources are plain anchors, followed only if the reader clicks them. The
template is ``sideswitch/data/brief.html.j2`` (Jinja2, autoescaped).

    html = build_brief(store.query_events(EventQuery(country="Afghanistan")), by="quarter",
                       title="Afghanistan: defections by quarter")
    write_brief(events, "brief.html")

"Top events" are the completed events with the largest headcount (then the
most sources, then confidence); each shows up to ``MAX_SOURCES`` sources with
the evidence sentence, outlet, date and link.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import jinja2

from .changepoints import ALPHA, LOCATE_WINDOW
from .flows import flows
from .plots import data_uri, flows_figure, trends_figure
from .series import is_inferred, people_best, people_range, side_party
from .switchers import repeat_switchers
from .trends import trends

__all__ = ["build_brief", "write_brief", "TOP_EVENTS"]

TOP_EVENTS = 10
MAX_SOURCES = 3


def _template() -> jinja2.Template:
    text = resources.files("sideswitch").joinpath("data/brief.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["people"] = _people_text
    env.filters["pvalue"] = lambda p: "< 0.001" if p < 0.001 else f"= {p:.3f}"
    return env.from_string(text)


def _people_text(rng) -> str:
    """ "240 (200-260)": the best estimate with its band; ``rng`` is (low, high), (low, best, high)
    or a contract people object."""
    if not rng:
        return "unknown"
    if isinstance(rng, dict):
        rng = (rng.get("low", rng.get("min")), rng.get("best"), rng.get("high", rng.get("max")))
    lo, best, hi = (rng[0], None, rng[1]) if len(rng) == 2 else tuple(rng)
    if lo == hi:
        return f"{lo:,}"
    return f"{lo:,}-{hi:,}" if best is None else f"{best:,} ({lo:,}-{hi:,})"


def _band(ev: dict) -> tuple[int, int, int] | None:
    rng = people_range(ev)
    return None if rng is None else (rng[0], people_best(ev) or rng[0], rng[1])


def _event_view(ev: dict) -> dict:
    loc = ev.get("location") or {}
    d = ev.get("date") or {}
    who = ev.get("defector") or {}
    return {
        "id": ev["id"],
        "kind": ev.get("kind"),
        "stage": ev.get("stage"),
        "contested": ev.get("contested"),
        "date": (
            d.get("earliest") if d.get("earliest") == d.get("latest") else f"{d.get('earliest')} .. {d.get('latest')}"
        )
        if d
        else "undated",
        "who": who.get("name") or who.get("role") or "unnamed",
        "people": _band(ev),
        "from": side_party(ev.get("from_side")) or "?",
        "to": side_party(ev.get("to_side")) or "(none)",
        "place": ", ".join(dict.fromkeys(p for p in (loc.get("place"), loc.get("admin1"), loc.get("country")) if p))
        or "unknown place",
        "confidence": ev.get("confidence"),
        "n_sources": len(ev.get("sources") or []),
        "sources": (ev.get("sources") or [])[:MAX_SOURCES],
    }


def _top_events(events: list[dict], n: int) -> list[dict]:
    done = [e for e in events if e.get("stage") != "offered"]
    done.sort(
        key=lambda e: (
            -((people_range(e) or (0, 0))[1]),
            -len(e.get("sources") or []),
            -(e.get("confidence") or 0),
            e["id"],
        )
    )
    return [_event_view(e) for e in done[:n]]


def _headline(events: list[dict], series, table) -> dict:
    done = [e for e in events if e.get("stage") != "offered" and not e.get("contested")]
    confirmed = [e for e in done if not is_inferred(e)]
    ranges = [r for r in map(_band, confirmed) if r]
    inferred = [r for r in map(_band, (e for e in done if is_inferred(e))) if r]
    days = sorted(e["date"]["earliest"] for e in events if e.get("date"))
    return {
        "events": len(events),
        "confirmed": len(confirmed),
        "contested": sum(1 for e in events if e.get("contested") and e.get("stage") != "offered"),
        "offered": sum(1 for e in events if e.get("stage") == "offered"),
        "undated": sum(1 for e in events if not e.get("date")),
        "people": tuple(sum(r[i] for r in ranges) for i in range(3)) if ranges else None,
        "people_unknown": len(confirmed) - len(ranges),
        "inferred": len(done) - len(confirmed),
        "people_inferred": tuple(sum(r[i] for r in inferred) for i in range(3)) if inferred else None,
        "countries": len({(e.get("location") or {}).get("country") for e in events} - {None}),
        "parties": len(table.parties),
        "span": (days[0], days[-1]) if days else None,
        "pairs": table.pairs()[:5],
    }


def build_brief(
    events: list[dict],
    *,
    title: str = "Defections brief",
    subtitle: str | None = None,
    by: str = "month",
    party: str | None = None,
    direction: str = "any",
    top: int = TOP_EVENTS,
    generated: str | None = None,
) -> str:
    """The brief as one HTML string (see the module docstring)."""
    series = trends(events, by=by, party=party, direction=direction)
    table = flows(events)
    return _template().render(
        title=title,
        subtitle=subtitle,
        generated=generated or date.today().isoformat(),
        head=_headline(events, series, table),
        series=series.to_dict(),
        timeline=data_uri(trends_figure(series)),
        flows=table.to_dict(),
        flow_chart=data_uri(flows_figure(table)) if table.parties else None,
        top=_top_events(events, top),
        switchers=repeat_switchers(events),
        alpha=ALPHA,
        window=LOCATE_WINDOW,
    )


def write_brief(events: list[dict], out: str | Path, **options) -> Path:
    """Write :func:`build_brief` to ``out`` (UTF-8) and return the path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build_brief(events, **options), encoding="utf-8")
    return out
