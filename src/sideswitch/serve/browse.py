"""Browsing like datasette: facet counts under the current filters, and reporting volume.

GET /api/facets?country=Afghanistan   -> {"facets": {"kind": [{"value": "defection", "count": 12}], ...}}
GET /api/volume?by=month              -> documents and events per period
GET /api/actors.csv, /api/documents.csv
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from starlette.exceptions import HTTPException

from ..analyze.volume import reporting_volume
from ..store import EventQuery
from .params import event_query
from .views import actor_summary

__all__ = ["router", "facet_counts", "volume_of"]

router = APIRouter()


def facet_counts(store: Any, query: EventQuery) -> dict[str, list[dict[str, Any]]]:
    where, args = query.where()
    return store.event_facets(where, args)


def volume_of(store: Any, query: EventQuery, by: str = "month") -> dict[str, Any]:
    try:
        return reporting_volume(store.document_dates(), store.event_days(query), by=by)
    except ValueError as e:
        raise HTTPException(400, str(e)) from None


@router.get(
    "/api/facets",
    tags=["api"],
    summary="How many events hold each country, province, party, kind, "
    "stage, contested, year and person, under the filters",
)
def api_facets(request: Request, query: EventQuery = Depends(event_query)) -> dict:
    store = request.app.state.store
    return {"ok": True, "total": store.count_events(query), "facets": facet_counts(store, query)}


@router.get("/api/volume", tags=["api"], summary="Documents published and events per period (coverage vs events)")
def api_volume(
    request: Request,
    query: EventQuery = Depends(event_query),
    by: Annotated[Literal["month", "quarter", "year"], Query()] = "month",
) -> dict:
    return {"ok": True, **volume_of(request.app.state.store, query, by)}


def _csv(rows: Iterable[dict[str, Any]], columns: list[str], filename: str) -> StreamingResponse:
    def lines() -> Iterable[str]:
        buf = io.StringIO()
        w = csv.DictWriter(buf, columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()})
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(
        lines(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/api/actors.csv", tags=["api"], summary="Resolved people as CSV")
def actors_csv(request: Request) -> StreamingResponse:
    actors = [actor_summary(a) for a in request.app.state.store.list_actors()]
    return _csv(actors, ["id", "name", "aliases", "events", "first", "last", "parties"], "actors.csv")


@router.get("/api/documents.csv", tags=["api"], summary="Ingested documents (without text) as CSV")
def documents_csv(request: Request) -> StreamingResponse:
    docs = request.app.state.store.list_documents(limit=None)
    return _csv(
        docs, ["id", "published", "outlet", "title", "url", "lang", "format", "chars", "ingested_at"], "documents.csv"
    )
