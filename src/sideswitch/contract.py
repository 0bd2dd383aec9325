"""The exported event: ``data/event.schema.json`` (a copy of the shared contract).

``validate_event(ev)`` raises :class:`~sideswitch.errors.ValidationError` with
every problem; ``read_events(path)`` loads a contract JSONL file with
line-numbered errors (used by ``import-events``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ValidationError

if TYPE_CHECKING:  # about 0.1 CPU-s to import: only when an event is validated
    import jsonschema

__all__ = ["schema", "validate_event", "event_problems", "read_events", "EXPORT_KEYS"]

EXPORT_KEYS = (
    "id",
    "kind",
    "stage",
    "defector",
    "people",
    "from_side",
    "to_side",
    "location",
    "date",
    "weapons",
    "claims",
    "contested",
    "historical",
    "confidence",
    "sources",
    "curated",
)


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("data/event.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def event_problems(ev: dict) -> list[str]:
    """Every way ``ev`` breaks the contract, as readable strings (empty when valid)."""
    out = []
    for err in sorted(_validator().iter_errors(ev), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in err.path) or "(event)"
        out.append(f"{where}: {err.message}")
    return out


def validate_event(ev: dict) -> dict:
    problems = event_problems(ev)
    if problems:
        raise ValidationError("event does not follow the contract: " + "; ".join(problems[:5]))
    return ev


def read_events(path: str | Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """Yield ``(line, event, problem)`` for each non-blank line of a contract JSONL file;
    exactly one of ``event`` and ``problem`` is set."""
    with open(path, encoding="utf-8-sig", errors="strict") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                ev = json.loads(line)
            except json.JSONDecodeError as e:
                yield n, None, f"not valid JSON ({e.msg} at col {e.colno})"
                continue
            if not isinstance(ev, dict):
                yield n, None, "not a JSON object"
                continue
            problems = event_problems(ev)
            yield (n, None, "; ".join(problems[:3])) if problems else (n, ev, None)
