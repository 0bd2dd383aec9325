"""Alerts on the web: ``/alerts`` (page), ``/alerts.atom`` (Atom feed), ``/api/alerts`` (JSON)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..monitor import atom_feed
from .params import PageSize

__all__ = ["router"]

router = APIRouter()


@router.get("/api/alerts", tags=["api"], summary="Stored alerts, newest first, and the watch list")
def api_alerts(request: Request, limit: Annotated[PageSize, Query()] = None) -> dict:
    store = request.app.state.store
    alerts = store.list_alerts(limit=100 if limit is None else limit)
    return {
        "ok": True,
        "count": len(alerts),
        "alerts": alerts,
        "watchlist": [{"kind": k, "value": v} for k, v in store.watchlist()],
    }


@router.get("/alerts.atom", include_in_schema=False)
def alerts_atom(request: Request) -> Response:
    xml = atom_feed(request.app.state.store.list_alerts(limit=100), str(request.base_url))
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request):
    from .pages import _render

    store = request.app.state.store
    return _render(
        request, "alerts.html", alerts=store.list_alerts(limit=200), watchlist=store.watchlist(), nav="alerts"
    )
