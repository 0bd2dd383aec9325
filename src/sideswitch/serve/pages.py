"""The dashboard: server-rendered pages over the same store and analysis as the API.

Jinja2 autoescapes everything; no template marks document text ``|safe``, so
an article that contains ``<script>`` is shown as text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException

from .. import __version__
from ..analyze.aggregate import flows_of
from ..errors import NotFoundError
from ..store import EventQuery
from . import charts
from .endpoints import trend_of
from .flow_matrix import flow_matrix
from .params import Count, Text, event_query, page_query
from .views import (
    actor_summary,
    date_label,
    document_meta,
    evidence_context,
    overview_figures,
    people_label,
    place_label,
    side_label,
    split_claims,
    who,
)

__all__ = ["router", "render_error", "templates"]

router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=PackageLoader("sideswitch.serve", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.do"],
)
_env.globals.update(
    version=__version__,
    side_label=side_label,
    people_label=people_label,
    date_label=date_label,
    place_label=place_label,
    who=who,
)
templates = Jinja2Templates(env=_env)

FILTER_KEYS = (
    "date_from",
    "date_to",
    "country",
    "admin1",
    "party",
    "direction",
    "kind",
    "stage",
    "contested",
    "historical",
    "min_confidence",
    "q",
)


def _qs(request: Request, **changes) -> str:
    """The current query string with ``changes`` applied (None removes a key)."""
    params = {k: v for k, v in request.query_params.items() if v != ""}
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return "?" + urlencode(params) if params else "?"


def _render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("nav", name.split(".")[0])
    context["qs"] = lambda **ch: _qs(request, **ch)
    context["params"] = {k: v for k, v in request.query_params.items()}
    context.setdefault("writable", bool(request.app.state.token))
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status=status, status_code=status, message=message, nav="")


def _choices(request: Request) -> dict:
    """Values offered by the filter forms (countries and parties seen in the data), cached
    until the number of events changes."""
    store, state = request.app.state.store, request.app.state
    n = store.count_events()
    cached = getattr(state, "choices", None)
    if cached and cached[0] == n:
        return cached[1]
    state.choices = (n, store.filter_choices())
    return state.choices[1]


def _auto_by(first: str | None, last: str | None) -> str:
    if not first or not last:
        return "month"
    years = int(last[:4]) - int(first[:4])
    return "month" if years < 4 else "quarter" if years < 12 else "year"


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, query: EventQuery = Depends(event_query), by: Annotated[Text, Query()] = None):
    store = request.app.state.store
    totals = store.people_totals(query)  # computed in SQL, as are the trend and flows below
    figures = overview_figures(store, query, totals)
    by = by or _auto_by(figures["first"], figures["last"])
    trend = flow = trend_error = None
    if figures["events"]:
        try:
            trend = trend_of(store, query, request.query_params.get("direction"), by, with_ids=False)
        except HTTPException as e:  # e.g. direction without a party: say so beside the chart
            trend_error = e.detail
        flow = flow_matrix(flows_of(store, query, with_ids=False).to_dict())  # the page lists no ids
    recent = store.query_events(replace(query, order="-date", limit=8))
    from .browse import volume_of

    volume = volume_of(store, query, by if by in ("month", "quarter", "year") else "month")
    return _render(
        request,
        "overview.html",
        figures=figures,
        chart=charts.timeline(trend),
        trend=trend,
        volume=volume,
        trend_error=trend_error,
        by=by,
        flow=flow,
        recent=recent,
        **_choices(request),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, query: EventQuery = Depends(event_query)):
    store = request.app.state.store
    total = store.count_events(query)
    events = store.query_events(query)
    located = sum(1 for e in events if (e.get("location") or {}).get("lat") is not None)
    src = "/api/export.geojson" + _qs(request)
    return _render(request, "map.html", total=total, located=located, geojson_src=src.rstrip("?"), **_choices(request))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, query: EventQuery = Depends(event_query), page: dict = Depends(page_query)):
    store = request.app.state.store
    total = store.count_events(query)
    events = store.query_events(replace(query, **page))
    from .browse import facet_counts

    return _render(
        request,
        "events.html",
        events=events,
        total=total,
        page=page,
        nav="events",
        facets=facet_counts(store, query),
        **_choices(request),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    store = request.app.state.store
    ev = store.get_event(event_id)
    sources = []
    for s in ev.get("sources") or []:
        doc = None
        try:
            doc = store.get_document(s.get("doc"))
        except NotFoundError:  # a source whose document is not stored: show the evidence alone
            pass
        sources.append(
            {
                "source": s,
                "doc": doc,
                "context": evidence_context(doc and doc.get("text"), s.get("span"), s.get("evidence") or ""),
            }
        )
    actor = None
    actor_id = (ev.get("defector") or {}).get("actor_id")
    if actor_id:
        try:
            actor = store.get_actor(actor_id)
        except NotFoundError:
            actor = None
    titles = {s.get("doc"): document_meta(store, s.get("doc")) for s in ev.get("sources") or []}
    return _render(
        request,
        "event.html",
        ev=ev,
        sources=sources,
        claims=split_claims(ev.get("claims")),
        actor=actor,
        actor_id=actor_id,
        titles=titles,
        nav="events",
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, q: Annotated[Text, Query()] = None):
    actors = [actor_summary(a) for a in request.app.state.store.list_actors()]
    if q:
        actors = [a for a in actors if q.lower() in " ".join([a["name"] or "", *a["aliases"]]).lower()]
    actors.sort(key=lambda a: (-a["events"], (a["name"] or "").lower()))
    return _render(request, "actors.html", actors=actors, q=q or "")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str):
    store = request.app.state.store
    actor = store.get_actor(actor_id)
    history = [h for h in actor.get("history") or [] if isinstance(h, dict)]
    events = {e["id"]: e for e in store.query_events(EventQuery(actor_id=actor_id))}
    docs = {h.get("doc"): document_meta(store, h["doc"]) for h in history if h.get("doc")}
    return _render(
        request,
        "actor.html",
        actor=actor,
        summary=actor_summary(actor),
        history=history,
        chart=charts.actor_timeline(history),
        events=events,
        docs=docs,
        nav="actors",
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, q: Annotated[Text, Query()] = None, page: dict = Depends(page_query)):
    store = request.app.state.store
    docs = store.list_documents(limit=page["limit"], offset=page["offset"], q=q)
    total = store.count_documents() if not q else len(store.list_documents(limit=None, q=q))
    return _render(request, "documents.html", docs=docs, total=total, page=page, q=q or "")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, doc_id: str, start: Annotated[Count, Query()] = None, end: Annotated[Count, Query()] = None
):
    """The document's text, with ``start``-``end`` (an evidence span) highlighted."""
    store = request.app.state.store
    doc = store.get_document(doc_id)
    text = doc.get("text") or ""
    if start is not None and end is not None and start < end <= len(text):
        parts = {"before": text[:start], "match": text[start:end], "after": text[end:]}
    else:
        parts = {"before": text, "match": "", "after": ""}
    events = store.query_events(EventQuery(doc_id=doc_id))
    return _render(request, "document.html", doc=doc, parts=parts, events=events, nav="documents")
