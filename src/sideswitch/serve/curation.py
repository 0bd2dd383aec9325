"""Corrections over HTTP: the log as JSON, a JSON write endpoint and the event page's forms.

    GET  /api/corrections                      the log, each entry with its replay status
    POST /api/corrections  (token)             {"target": "ev-1", "op": "set", "field": "people.best",
                                                "value": "24", "why": "ministry figure"}
    POST /events/{id}/correct  (form, token)   the dashboard's form; answers with a redirect

Browsers cannot send an ``Authorization`` header from a plain form, so the
form carries the token in a password field, compared like the header.
"""

from __future__ import annotations

import hmac
from typing import Annotated
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..curate import correct
from .api import require_token
from .params import Text

__all__ = ["router"]

router = APIRouter()


class CorrectionIn(BaseModel):
    """One correction: ``op`` is accept, reject, set, merge, split, link, unlink or alias."""

    target: str = Field(min_length=1, description="Event id (for 'alias': the party).")
    op: str = Field(description="accept, reject, set, merge, split, link, unlink, alias")
    why: str = Field(min_length=1, description="The reason, kept in the log.")
    field: str | None = Field(None, description="For 'set': the field, e.g. people.best.")
    value: str | None = Field(None, description="For 'set': the value; 'link': actor id; 'alias': the name.")
    other: str | None = Field(None, description="For 'merge': the event that joins the target.")
    doc: str | None = Field(None, description="For 'split': the document whose reports leave the event.")
    by: str | None = Field(None, description="Who corrects (default: the server's analyst).")


@router.get("/api/corrections", tags=["api"], summary="The corrections log, with what each did on the last replay")
def list_corrections(
    request: Request,
    event: Annotated[Text, Query(description="Only this event's.")] = None,
    status: Annotated[Text, Query(description="applied, orphaned or noop")] = None,
) -> dict:
    log = [c for c in request.app.state.store.list_corrections(event) if not status or c.get("status") == status]
    return {"ok": True, "total": len(log), "corrections": log}


@router.post(
    "/api/corrections",
    tags=["api"],
    status_code=201,
    dependencies=[Depends(require_token)],
    summary="Log and apply one correction (needs the token)",
)
def post_correction(request: Request, body: CorrectionIn) -> JSONResponse:
    entry = correct(
        request.app.state.store,
        body.target,
        body.op,
        why=body.why,
        by=body.by,
        field=body.field,
        value=body.value,
        other=body.other,
        doc=body.doc,
    )
    return JSONResponse({"ok": True, "correction": entry}, status_code=201)


def _form_token_ok(request: Request, given: str) -> None:
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "writes are disabled: start 'sideswitch serve' with --token to correct events")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "wrong or missing token: type the token given to 'sideswitch serve'")


@router.post("/events/{event_id}/correct", include_in_schema=False)
async def correct_form(request: Request, event_id: str) -> RedirectResponse:
    """The event page's forms: set a field, reject, accept, merge with another event, split a source off."""
    form = {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    _form_token_ok(request, form.get("token", ""))
    op = form.get("op", "")
    field, value = form.get("field", ""), form.get("value")
    entry = correct(
        request.app.state.store,
        event_id,
        op,
        why=form.get("why", ""),
        by=form.get("by") or None,
        field=field or None,
        value=value,
        other=form.get("other") or None,
        doc=form.get("doc") or None,
    )
    if op == "reject":
        return RedirectResponse(f"/events?rejected={quote(event_id)}", status_code=303)
    return RedirectResponse(f"/events/{quote(event_id)}?corrected={entry['id']}", status_code=303)


def _install_globals() -> None:
    from ..curate.fields import ALIASES, FIELDS
    from .pages import templates

    templates.env.globals["correctable_fields"] = sorted(
        {*FIELDS, *ALIASES} - {"name", "role", "admin1", "admin2", "from", "to", "district"}
    )


_install_globals()
