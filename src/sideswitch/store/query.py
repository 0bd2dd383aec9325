"""Filters on stored events, shared by the CLI, the REST API and the analysis."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..errors import QueryError

__all__ = ["EventQuery", "contains_pattern", "key"]

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def key(value: str | None) -> str | None:
    """A filter value as the ``*_key`` columns hold it (migration 003): ASCII letters lower-cased,
    which is what SQLite's lower() and PostgreSQL's under COLLATE "C" do, so migrated rows,
    new rows and query arguments agree.

    >>> key("Deir ez-Zor"), key(None)
    ('deir ez-zor', None)
    """
    return value.translate(_ASCII_LOWER) if isinstance(value, str) else None


def contains_pattern(text: str) -> str:
    r"""A LIKE pattern (with ``ESCAPE '\'``) matching values that contain ``text`` literally:
    ``%`` and ``_`` in a search are characters, not wildcards.

    >>> print(contains_pattern("100%_sure"))
    %100\%\_sure%
    """
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


KINDS = ("defection", "surrender", "desertion")
STAGES = ("completed", "offered")
DIRECTIONS = ("from", "to", "any")
ORDERS = {
    "date": "date_earliest",
    "-date": "date_earliest DESC",
    "confidence": "confidence",
    "-confidence": "confidence DESC",
    "people": "people_max",
    "-people": "people_max DESC",
    "kind": "kind",
    "country": "country",
    "id": "id",
}


@dataclass
class EventQuery:
    """Which events to return. Every field is optional; ``None`` means no filter.

    ``party`` matches the canonical party (or side name) on the side given by
    ``direction``: ``from`` (left it), ``to`` (joined it) or ``any``.
    ``date_from``/``date_to`` keep events whose window overlaps the range.
    ``q`` is a case-insensitive text search over names, sides, places and evidence.
    """

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    admin1: str | None = None
    party: str | None = None
    direction: str = "any"
    kind: str | None = None
    stage: str | None = None
    contested: bool | None = None
    historical: bool | None = None
    min_confidence: float | None = None
    actor_id: str | None = None
    doc_id: str | None = None
    q: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"

    def validate(self) -> EventQuery:
        """Raise QueryError (a ValueError) naming the first bad field."""
        if self.kind is not None and self.kind not in KINDS:
            raise QueryError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.stage is not None and self.stage not in STAGES:
            raise QueryError(f"stage must be one of {', '.join(STAGES)}, not {self.stage!r}")
        if self.direction not in DIRECTIONS:
            raise QueryError(f"direction must be one of {', '.join(DIRECTIONS)}, not {self.direction!r}")
        if self.order not in ORDERS:
            raise QueryError(f"order must be one of {', '.join(ORDERS)}, not {self.order!r}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise QueryError("min_confidence must be between 0 and 1")
        if self.limit is not None and self.limit < 0 or self.offset < 0:
            raise QueryError("limit and offset must not be negative")
        for name in ("date_from", "date_to"):
            v = getattr(self, name)
            if v is not None:
                from datetime import date

                try:
                    date.fromisoformat(v)
                except ValueError:
                    raise QueryError(f"{name} must be a date YYYY-MM-DD, not {v!r}") from None
        return self

    def where(self) -> tuple[str, list[Any]]:
        """SQL WHERE clause (without the keyword) and its parameters."""
        conds: list[str] = []
        args: list[Any] = []
        if self.date_from:
            conds.append("(date_latest IS NULL OR date_latest >= ?)")
            args.append(self.date_from)
        if self.date_to:
            conds.append("(date_earliest IS NULL OR date_earliest <= ?)")
            args.append(self.date_to)
        if self.date_from or self.date_to:
            conds.append("date_earliest IS NOT NULL")
        for col, val in (("country", self.country), ("admin1", self.admin1)):
            if val:
                conds.append(f"{col}_key = ?")  # normalised once when stored (migration 003): an index, no scan
                args.append(key(val))
        if self.party:
            sides = {"from": ["from"], "to": ["to"], "any": ["from", "to"]}[self.direction]
            parts = []
            for s in sides:
                parts.append(f"({s}_party_key = ? OR {s}_name_key = ?)")
                args += [key(self.party), key(self.party)]
            conds.append("(" + " OR ".join(parts) + ")")
        for col in ("kind", "stage", "actor_id"):
            val = getattr(self, col)
            if val:
                conds.append(f"{col} = ?")
                args.append(val)
        for col in ("contested", "historical"):
            val = getattr(self, col)
            if val is not None:
                conds.append(f"{col} = ?")
                args.append(int(bool(val)))
        if self.min_confidence is not None:
            conds.append("confidence >= ?")
            args.append(self.min_confidence)
        if self.doc_id:
            conds.append("id IN (SELECT event_id FROM sources WHERE doc_id = ?)")
            args.append(self.doc_id)
        if self.q:
            conds.append("search_text LIKE ? ESCAPE '\\'")
            args.append(contains_pattern(self.q.lower()))
        return (" AND ".join(conds) or "1=1"), args

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
