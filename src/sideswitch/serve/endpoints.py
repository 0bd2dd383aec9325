"""REST routes under ``/api``: thin calls into the store, the analysis and the pipeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from .. import __version__, exports
from ..analyze.aggregate import flows_of, trends_of
from ..extract import default_lexicon
from ..ingest.published import normalize_published
from ..models import Document
from ..pipeline import ingest_documents
from ..store import EventQuery
from .api import require_token
from .params import Count, PageSize, Text, event_query, page_query
from .views import actor_summary, document_meta

__all__ = ["router", "trend_of"]

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[PageSize, Query()]
Offset = Annotated[Count, Query()]

BATCH_MAX = 1000  # documents per POST /api/documents/batch (the client sends 64 at a time)


def _store(request: Request):
    return request.app.state.store


def _next(request: Request, offset: int, limit: int, total: int) -> str | None:
    if not limit or offset + limit >= total:
        return None
    params = dict(request.query_params)
    params["offset"] = str(offset + limit)
    return f"{request.url.path}?{urlencode(params)}"


def _page(request: Request, key: str, items: list, total: int, limit: int, offset: int) -> dict:
    return {
        "ok": True,
        "total": total,
        "count": len(items),
        "limit": limit,
        "offset": offset,
        "next": _next(request, offset, limit, total),
        key: items,
    }


@router.get("", summary="What this API offers")
def index(request: Request) -> dict:
    return {
        "ok": True,
        "name": "sideswitch",
        "version": __version__,
        "writable": bool(request.app.state.token),
        "endpoints": sorted(p for p in request.app.openapi()["paths"] if p.startswith("/api/")),
        "schema": "/openapi.json",
    }


@router.get("/events", summary="Events matching filters, one page at a time")
def list_events(request: Request, query: EventQuery = Depends(event_query), page: dict = Depends(page_query)) -> dict:
    store = _store(request)
    total = store.count_events(query)
    events = store.query_events(replace(query, **page))
    return _page(request, "events", events, total, page["limit"], page["offset"])


@router.get("/events/{event_id}", summary="One event with its sources, evidence, claims and documents")
def get_event(request: Request, event_id: str) -> dict:
    store = _store(request)
    ev = store.get_event(event_id)
    docs = {s.get("doc"): document_meta(store, s.get("doc")) for s in ev.get("sources") or [] if s.get("doc")}
    return {"ok": True, "event": ev, "documents": docs}


@router.get("/documents", summary="Ingested documents (without their text)")
def list_documents(request: Request, q: Text = None, limit: Limit = None, offset: Offset = None) -> dict:
    store, limit, offset = _store(request), 50 if limit is None else limit, offset or 0
    docs = store.list_documents(limit=limit, offset=offset, q=q)
    total = store.count_documents() if not q else len(store.list_documents(limit=None, q=q))
    return _page(request, "documents", docs, total, limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its text and the events it reports")
def get_document(request: Request, doc_id: str) -> dict:
    store = _store(request)
    return {"ok": True, "document": store.get_document(doc_id), "event_ids": store.event_ids_for_document(doc_id)}


class DocumentIn(BaseModel):
    """A news item to ingest: its text and what is known about it."""

    text: str = Field(min_length=1, description="Plain text of the article.")
    id: str | None = Field(None, description="Record id; default: a hash of the text.")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD or another full spelling.")
    author: str | None = None
    lang: str | None = None


@router.post(
    "/documents",
    status_code=201,
    dependencies=[Depends(require_token)],
    summary="Ingest one document and extract its events (needs the token)",
)
def post_document(request: Request, doc: DocumentIn) -> JSONResponse:
    store = _store(request)
    fields = doc.model_dump()
    fields["published"] = normalize_published(fields["published"])  # the one publication-date parser
    document = Document(format="api", **fields)
    report = ingest_documents(store, [document], resources=default_lexicon())
    if report.skipped:  # the document failed (DocumentError): say why, as a 400
        raise report.skipped[0]
    body = {
        "ok": True,
        "id": store.known_document(document) or document.id,
        "ingested": report.ingested,
        "known": report.known,
        "events": sorted(report.events),
        "extracted": True,
    }
    return JSONResponse(body, status_code=201 if body["ingested"] else 200)


class BatchDocumentIn(DocumentIn):
    """A document as a reader made it: what ``DocumentIn`` holds, and where it came from."""

    text: str = Field(description="Plain text of the article (as the reader gave it).")
    format: str | None = Field(None, description="Reader that made it: jsonl, text, html, rss, warc...")
    source_path: str | None = Field(None, description="File it came from (as the client named it).")
    source_line: int | None = Field(None, description="Line or record number in that file.")
    metadata: dict = Field(default_factory=dict, description="The reader's extra fields, stored as given.")


class DocumentsIn(BaseModel):
    """Several documents to ingest in one transaction group, as ``sideswitch ingest`` reads them."""

    documents: list[BatchDocumentIn] = Field(max_length=BATCH_MAX)


class Problem(BaseModel):
    """A document that was skipped (or stored without events), and why."""

    id: str | None
    path: str | None
    line: int | None
    reason: str
    error: str = Field(description="The whole message, naming the document, its file and line.")


class Processed(BaseModel):
    id: str | None
    mentions: int


class BatchAnswer(BaseModel):
    """What a batch did: the counts of ``sideswitch ingest``'s summary, and per document."""

    ok: bool = True
    ingested: int
    known: int
    mentions: int
    events: list[str]
    skipped: list[Problem]
    warnings: list[Problem]
    documents: list[Processed] = Field(description="Each document extracted here, with its mention count.")


def _problem(e: Exception) -> Problem:
    return Problem(
        id=getattr(e, "doc_id", None),
        path=getattr(e, "path", None),
        line=getattr(e, "line", None),
        reason=str(getattr(e, "reason", e)),
        error=str(e),
    )


@router.post(
    "/documents/batch",
    dependencies=[Depends(require_token)],
    summary="Ingest several documents and extract their events (needs the token)",
)
def post_documents(request: Request, batch: DocumentsIn) -> BatchAnswer:
    """Each document is ingested as ``sideswitch ingest`` does in-process; one that fails is
    listed under ``skipped`` (with its file and line when the client gave them) and the rest
    goes on. Answers 200 with the counts, whatever was skipped."""
    docs = []
    for item in batch.documents:
        fields = item.model_dump()
        fields["published"] = normalize_published(fields["published"])
        docs.append(Document(**fields))
    done: list[Processed] = []
    report = ingest_documents(
        _store(request),
        docs,
        resources=default_lexicon(),
        on_document=lambda doc, mentions: done.append(Processed(id=doc.id, mentions=len(mentions))),
    )
    return BatchAnswer(
        ingested=report.ingested,
        known=report.known,
        mentions=report.mentions,
        events=sorted(report.events),
        skipped=[_problem(e) for e in report.skipped],
        warnings=[_problem(e) for e in report.warnings],
        documents=done,
    )


@router.get("/actors", summary="Resolved people, with how many events each has")
def list_actors(request: Request, q: Text = None, limit: Limit = None, offset: Offset = None) -> dict:
    actors = [actor_summary(a) for a in _store(request).list_actors()]
    if q:
        needle = q.lower()
        actors = [a for a in actors if needle in " ".join([a["name"] or "", *a["aliases"]]).lower()]
    limit, offset = 100 if limit is None else limit, offset or 0
    return _page(request, "actors", actors[offset : offset + limit], len(actors), limit, offset)


@router.get("/actors/{actor_id}", summary="One person: names, side-switch history and events")
def get_actor(request: Request, actor_id: str) -> dict:
    store = _store(request)
    actor = store.get_actor(actor_id)
    events = store.query_events(EventQuery(actor_id=actor_id))
    return {"ok": True, "actor": actor, "events": events}


def trend_of(store, query: EventQuery, direction: str | None, by: str, **options) -> dict:
    """``sideswitch.analyze.trends`` over the stored events that match ``query`` (party and direction
    pick the flow inside trends, so they do not filter here); bad options give a 400."""
    try:
        return trends_of(
            store,
            query,
            by=by,
            party=query.party,
            direction=direction or "any",
            start=query.date_from,
            end=query.date_to,
            **options,
        ).to_dict()
    except ValueError as e:
        raise HTTPException(400, str(e)) from None


@router.get("/trends", summary="Events per period with change points (as `sideswitch trends`)")
def get_trends(
    request: Request,
    query: EventQuery = Depends(event_query),
    by: Annotated[str, Query(description="week, month, quarter or year")] = "month",
    include_contested: Annotated[bool, Query()] = True,
    include_offered: Annotated[bool, Query()] = False,
) -> dict:
    direction = request.query_params.get("direction") or "any"  # validated by event_query; may be "net"
    return {
        "ok": True,
        **trend_of(
            _store(request), query, direction, by, include_contested=include_contested, include_offered=include_offered
        ),
    }


@router.get("/flows", summary="People and events flowing between parties (as `sideswitch flows`)")
def get_flows(
    request: Request,
    query: EventQuery = Depends(event_query),
    include_contested: Annotated[bool, Query()] = False,
    include_offered: Annotated[bool, Query()] = False,
) -> dict:
    try:
        result = flows_of(_store(request), query, include_contested=include_contested, include_offered=include_offered)
    except ValueError as e:
        raise HTTPException(400, str(e)) from None
    return {"ok": True, **result.to_dict()}


def _download(lines: Iterable[str], media: str, filename: str) -> StreamingResponse:
    return StreamingResponse(
        iter(lines), media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.get("/export.jsonl", summary="Events in the contract's JSONL shape")
def export_jsonl(request: Request, query: EventQuery = Depends(event_query)) -> StreamingResponse:
    return _download(
        exports.jsonl_lines(_store(request).iter_events(query)), "application/x-ndjson; charset=utf-8", "events.jsonl"
    )


@router.get("/export.csv", summary="Events as a flat CSV table")
def export_csv(request: Request, query: EventQuery = Depends(event_query)) -> StreamingResponse:
    return _download(exports.csv_lines(_store(request).iter_events(query)), "text/csv; charset=utf-8", "events.csv")


@router.get("/export.geojson", summary="Events with coordinates as GeoJSON points")
def export_geojson(request: Request, query: EventQuery = Depends(event_query)) -> JSONResponse:
    return JSONResponse(exports.geojson(_store(request).query_events(query)), media_type="application/geo+json")
