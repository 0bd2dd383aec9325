"""Query parameters shared by the REST API and the pages.

``event_query`` is a FastAPI dependency that turns the event filters of a
request into a validated :class:`~sideswitch.store.EventQuery`, so
``/api/events``, the exports, trends, flows, the map and the events table all
accept the same filters with the same meaning. Empty values (what an HTML form
sends for an untouched field) mean "no filter".
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BeforeValidator, Field

from ..store import EventQuery

__all__ = ["event_query", "page_query", "EMPTY_IS_NONE", "Text", "Count", "PageSize", "DEFAULT_LIMIT", "MAX_LIMIT"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


def _empty_is_none(v):
    return None if isinstance(v, str) and not v.strip() else v


EMPTY_IS_NONE = BeforeValidator(_empty_is_none)

Kind = Literal["defection", "surrender", "desertion"]
Stage = Literal["completed", "offered"]
Direction = Literal["from", "to", "any", "net"]
Order = Literal["date", "-date", "confidence", "-confidence", "people", "-people", "kind", "country", "id"]

Text = Annotated[str | None, EMPTY_IS_NONE]
Day = Annotated[date | None, EMPTY_IS_NONE]
Flag = Annotated[bool | None, EMPTY_IS_NONE]
# Constraints sit inside Optional: an empty value becomes None before they apply.
Share = Annotated[Annotated[float, Field(ge=0, le=1)] | None, EMPTY_IS_NONE]
Count = Annotated[Annotated[int, Field(ge=0, le=10**9)] | None, EMPTY_IS_NONE]
PageSize = Annotated[Annotated[int, Field(ge=0, le=MAX_LIMIT)] | None, EMPTY_IS_NONE]


def event_query(
    date_from: Annotated[
        Day, Query(description="Keep events whose date window ends on or after this day (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[Day, Query(description="Keep events whose date window starts on or before this day.")] = None,
    country: Annotated[Text, Query(description="Country name, e.g. Afghanistan (case-insensitive).")] = None,
    admin1: Annotated[Text, Query(description="Province / state / region (case-insensitive).")] = None,
    province: Annotated[Text, Query(description="Same as admin1.")] = None,
    party: Annotated[
        Text, Query(description="Canonical party or side name, matched on the side given by direction.")
    ] = None,
    direction: Annotated[
        Annotated[Direction | None, EMPTY_IS_NONE],
        Query(
            description="from: left the party; to: joined it; any: either; net: gains minus "
            "losses (trends only, elsewhere the same as any)."
        ),
    ] = None,
    kind: Annotated[Annotated[Kind | None, EMPTY_IS_NONE], Query()] = None,
    stage: Annotated[
        Annotated[Stage | None, EMPTY_IS_NONE], Query(description="completed, or offered (not yet happened).")
    ] = None,
    contested: Annotated[Flag, Query(description="true: only contested events; false: only uncontested.")] = None,
    historical: Annotated[Flag, Query(description="true: only background reports; false: only news.")] = None,
    min_confidence: Annotated[Share, Query(description="Lowest confidence kept, 0 to 1.")] = None,
    actor_id: Annotated[Text, Query(description="Only events of this resolved person.")] = None,
    doc_id: Annotated[Text, Query(description="Only events reported by this document.")] = None,
    q: Annotated[Text, Query(description="Text search over names, sides, places and evidence.")] = None,
) -> EventQuery:
    """Event filters without pagination (exports, trends, flows, map)."""
    query = EventQuery(
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        country=country,
        admin1=admin1 or province,
        party=party,
        direction="any" if direction in (None, "net") else direction,
        kind=kind,
        stage=stage,
        contested=contested,
        historical=historical,
        min_confidence=min_confidence,
        actor_id=actor_id,
        doc_id=doc_id,
        q=q,
    )
    return query.validate()


def page_query(
    limit: Annotated[PageSize, Query(description=f"Page size (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}).")] = None,
    offset: Annotated[Count, Query(description="Number of events to skip.")] = None,
    order: Annotated[
        Annotated[Order | None, EMPTY_IS_NONE], Query(description="Sort key; a leading '-' sorts descending.")
    ] = None,
) -> dict:
    """Pagination and order of a list of events."""
    return {"limit": DEFAULT_LIMIT if limit is None else limit, "offset": offset or 0, "order": order or "date"}
