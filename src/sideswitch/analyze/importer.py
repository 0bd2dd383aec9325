"""Import hand-coded or external events (contract JSONL) so trends and flows run on them.

Each non-blank line must be one event in the shape of ``event.schema.json``.
Problems are reported with their line numbers, all at once::

    Error: 'coded.jsonl' has 2 invalid lines (nothing imported):
      - line 3: not valid JSON (Expecting ',' delimiter at col 41)
      - line 7: kind: 'defect' is not one of ['defection', 'surrender', 'desertion']

By default a file with any invalid line imports nothing (fix it and run again);
``strict=False`` imports the valid lines and lists the rest in the report.
Imported events are stored with ``origin="imported"``; an id already in the
store is replaced (the report counts these).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..contract import read_events
from ..errors import InputError, NotFoundError, ValidationError

__all__ = ["ImportReport", "import_events", "MAX_LISTED"]

MAX_LISTED = 20  # problems spelled out in an error message; the rest are counted
IMPORT_CHUNK = 500  # events saved between two progress reports


@dataclass
class ImportReport:
    """What ``import_events`` did: ``problems`` are ``(line, message)``."""

    path: str
    imported: int = 0
    replaced: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        s = f"Imported {self.imported:,} events from '{self.path}'"
        extras = [f"{self.replaced:,} replaced"] if self.replaced else []
        extras += [f"{self.skipped:,} invalid lines skipped"] if self.problems else []
        return s + (f" ({', '.join(extras)})." if extras else ".")

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "imported": self.imported,
            "replaced": self.replaced,
            "skipped": self.skipped,
            "problems": [{"line": n, "problem": p} for n, p in self.problems],
            "ids": self.ids,
        }


def _read(path: Path) -> tuple[list[dict], list[tuple[int, str]]]:
    """Valid events and line-numbered problems (duplicate ids included)."""
    events: list[dict] = []
    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    try:
        for line, ev, problem in read_events(path):
            if problem or ev is None:
                problems.append((line, problem or "no event"))
            elif ev["id"] in first_line:
                problems.append((line, f"id '{ev['id']}' repeats line {first_line[ev['id']]}"))
            else:
                first_line[ev["id"]] = line
                events.append(ev)
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start})", path=str(path)) from None
    except OSError as e:
        raise InputError(e.strerror or str(e), path=str(path)) from None
    return events, problems


def _problem_message(path: Path, problems: list[tuple[int, str]], strict: bool) -> str:
    n = len(problems)
    lines = [f"  - line {ln}: {msg}" for ln, msg in problems[:MAX_LISTED]]
    if n > MAX_LISTED:
        lines.append(f"  ... and {n - MAX_LISTED} more")
    head = f"'{path}' has {n} invalid line{'s' if n != 1 else ''}"
    return head + (" (nothing imported):\n" if strict else ":\n") + "\n".join(lines)


def import_events(store, path, *, strict: bool = True, on_event=None) -> ImportReport:
    """Validate every line of ``path`` against the contract and save the events.

    Raises :class:`~sideswitch.errors.ValidationError` listing the bad lines when
    ``strict`` (the default) and any line is invalid; nothing is saved then.
    """
    path = Path(path)
    events, problems = _read(path)
    if problems and strict:
        raise ValidationError(_problem_message(path, problems, strict=True))
    report = ImportReport(str(path), problems=problems, ids=[ev["id"] for ev in events])
    for ev in events:
        try:
            store.get_event(ev["id"])
            report.replaced += 1
        except NotFoundError:
            pass
    with store.transaction():  # in chunks (for progress), all or nothing
        for start in range(0, len(events), IMPORT_CHUNK):
            chunk = events[start : start + IMPORT_CHUNK]
            store.save_events(chunk, origin="imported")
            for ev in chunk if on_event else ():
                on_event(ev)
    report.imported = len(events)
    from ..curate.corrections import replay

    replay(store)  # corrections of these ids apply to the imported version too
    _resolve_actors(store, {ev["id"] for ev in events})
    return report


def _resolve_actors(store, imported: set[str]) -> None:
    """Actors over every stored event, keeping the ``actor_id`` the imported events carry (an
    export read into a fresh store gets its actors back and every link holds)."""
    from ..resolve.actors import previous_from_events, resolve_actors

    events = store.query_events()
    previous = store.list_actors() + previous_from_events([e for e in events if e["id"] in imported])
    actors, assignment = resolve_actors(events, previous=previous)
    changed = [e for e in events if e["id"] in imported and e["defector"].get("actor_id") != assignment.get(e["id"])]
    for ev in changed:
        ev["defector"]["actor_id"] = assignment.get(ev["id"])
    with store.transaction():
        store.save_events(changed, origin="imported")
        store.save_actors(actors, replace_all=True)
