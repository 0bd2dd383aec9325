"""The fields an analyst may set, how a typed value is read, and dotted access to an event.

parse_field("people.best", "24")        -> ("people.best", 24)
parse_field("defector", "Rahim Dostan") -> ("defector.name", "Rahim Dostan")
parse_field("date", "2019-05-01..2019-05-04")
                                        -> ("date", {"earliest": "2019-05-01", "latest": "2019-05-04", "text": None})
parse_field("contested", "no")          -> ("contested", False)
parse_field("people.min", "many")       -> ValidationError: people.min must be a whole number, not 'many'
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

from ..errors import ValidationError

__all__ = ["ALIASES", "FIELDS", "get_path", "parse_field", "set_path"]


def _text(v: str) -> str | None:
    v = v.strip()
    return None if v.lower() in ("", "null", "none", "-") else v


def _int(v: str) -> int:
    if not v.strip().isdigit():
        raise ValueError("must be a whole number")
    return int(v)


def _float(v: str) -> float:
    return float(v)


def _share(v: str) -> float:
    x = float(v)
    if not 0 <= x <= 1:
        raise ValueError("must be between 0 and 1")
    return x


def _bool(v: str) -> bool:
    low = v.strip().lower()
    if low in ("true", "yes", "1", "y"):
        return True
    if low in ("false", "no", "0", "n"):
        return False
    raise ValueError("must be true or false")


def _enum(*allowed: str) -> Callable[[str], str]:
    def read(v: str) -> str:
        if v not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return v

    return read


def _day(v: str) -> str:
    try:
        return date.fromisoformat(v.strip()).isoformat()
    except ValueError:
        raise ValueError("must be a date YYYY-MM-DD") from None


def _window(v: str) -> dict[str, Any]:
    lo, _, hi = v.partition("..")
    a, b = _day(lo), _day(hi or lo)
    if a > b:
        raise ValueError("must not end before it starts")
    return {"earliest": a, "latest": b, "text": None}


def _people(v: str) -> dict[str, int]:
    lo, sep, hi = v.replace("–", "-").partition("-")
    a, b = _int(lo), _int(hi) if sep else _int(lo)
    if a > b:
        raise ValueError("must be a count (24) or a range (20-30), low first")
    return {"min": a, "max": b}


def _side(v: str) -> dict[str, Any] | None:
    name = _text(v)
    return {"name": name, "party": name} if name else None


FIELDS: dict[str, Callable[[str], Any]] = {
    "kind": _enum("defection", "surrender", "desertion"),
    "stage": _enum("completed", "offered"),
    "contested": _bool,
    "historical": _bool,
    "confidence": _share,
    "defector.name": _text,
    "defector.role": _text,
    "people": _people,
    "people.min": _int,
    "people.max": _int,
    "people.best": _int,
    "from_side": _side,
    "from_side.name": _text,
    "from_side.party": _text,
    "to_side": _side,
    "to_side.name": _text,
    "to_side.party": _text,
    "location.place": _text,
    "location.admin2": _text,
    "location.admin1": _text,
    "location.country": _text,
    "location.lat": _float,
    "location.lon": _float,
    "date": _window,
    "date.earliest": _day,
    "date.latest": _day,
}
ALIASES = {
    "defector": "defector.name",
    "name": "defector.name",
    "role": "defector.role",
    "place": "location.place",
    "district": "location.admin2",
    "province": "location.admin1",
    "admin1": "location.admin1",
    "admin2": "location.admin2",
    "country": "location.country",
    "from": "from_side",
    "to": "to_side",
}


def parse_field(name: str, value: str) -> tuple[str, Any]:
    """The canonical field name and the typed value; ValidationError naming both when either is wrong."""
    path = ALIASES.get(name, name)
    if path not in FIELDS:
        raise ValidationError(f"cannot correct field '{name}' (fields: {', '.join(sorted(FIELDS))})")
    try:
        return path, FIELDS[path](value)
    except ValueError as e:
        reason = str(e) if str(e).startswith("must") else "is not valid"
        raise ValidationError(f"{path} {reason}, not {value!r}") from None


def get_path(ev: dict[str, Any], path: str) -> Any:
    cur: Any = ev
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return copy.deepcopy(cur)


_EMPTY: dict[str, Callable[[], dict[str, Any]]] = {
    "people": lambda: {"min": 0, "max": 0},
    "from_side": lambda: {"name": None, "party": None},
    "to_side": lambda: {"name": None, "party": None},
    "date": lambda: {"earliest": None, "latest": None},
    "location": lambda: {
        "place": None,
        "admin2": None,
        "admin1": None,
        "country": None,
        "lat": None,
        "lon": None,
        "precision": None,
    },
    "defector": lambda: {"name": None, "aliases": [], "role": None, "actor_id": None},
}


def set_path(ev: dict[str, Any], path: str, value: Any) -> None:
    """Set ``ev[a][b] = value`` for ``a.b``, creating the parent object when it is null.

    Setting one end of a headcount that was not given sets both ends; a ``best``
    estimate widens the range to hold it; a place that is set becomes the precision.
    """
    head, _, leaf = path.partition(".")
    if not leaf:
        ev[head] = copy.deepcopy(value)
        return
    current = ev.get(head)
    fresh = not isinstance(current, dict)
    parent: dict[str, Any] = current if isinstance(current, dict) else _EMPTY[head]()
    ev[head] = parent
    parent[leaf] = value
    if head == "people" and isinstance(value, int):
        if fresh:
            parent["min"] = parent["max"] = value
        if leaf == "best":
            parent["min"], parent["max"] = min(parent["min"], value), max(parent["max"], value)
            parent["low"] = min(parent.get("low", parent["min"]), value)  # the band holds the best estimate
            parent["high"] = max(parent.get("high", parent["max"]), value)
    if head == "date" and fresh:
        parent["earliest"] = parent["latest"] = value
    if head == "location" and leaf in ("place", "admin2", "admin1", "country") and value:
        ranks = ("country", "admin1", "admin2", "place")
        if ranks.index(leaf) > (ranks.index(parent["precision"]) if parent.get("precision") in ranks else -1):
            parent["precision"] = leaf
