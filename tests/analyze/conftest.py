"""Fixtures for the analysis tests: contract events generated here, never taken from articles."""

from __future__ import annotations

import json
from datetime import date

import pytest


def contract_event(
    eid: str,
    day: str | None,
    *,
    frm: str | None = "Government",
    to: str | None = "Rebels",
    people: tuple[int, int] | None = (5, 8),
    kind: str = "defection",
    stage: str = "completed",
    contested: bool = False,
    actor: str | None = None,
    latest: str | None = None,
    country: str = "Testland",
    admin1: str = "North",
) -> dict:
    """A valid contract event with the fields the analysis reads."""
    return {
        "id": eid,
        "kind": kind,
        "stage": stage,
        "defector": {"name": f"Person {actor}" if actor else None, "aliases": [], "role": None, "actor_id": actor},
        "people": {"min": people[0], "max": people[1]} if people else None,
        "from_side": {"name": f"{frm} forces", "party": frm} if frm else None,
        "to_side": {"name": f"{to} fighters", "party": to} if to else None,
        "location": {
            "place": None,
            "admin2": None,
            "admin1": admin1,
            "country": country,
            "lat": None,
            "lon": None,
            "precision": "admin1",
        },
        "date": {"earliest": day, "latest": latest or day} if day else None,
        "weapons": [],
        "claims": [],
        "contested": contested,
        "historical": False,
        "confidence": 0.7,
        "sources": [
            {
                "doc": f"doc-{eid}",
                "url": f"https://news.example/{eid}",
                "outlet": "Example Wire",
                "published": day,
                "evidence": f"Generated evidence sentence for {eid}.",
                "span": [0, 40],
            }
        ],
    }


def monthly_events(counts: list[int], *, start: tuple[int, int] = (2012, 1), prefix: str = "ev", **kw) -> list[dict]:
    """``counts[i]`` events in the i-th month from ``start``, on days 3, 6, 9, ..."""
    out = []
    for i, n in enumerate(counts):
        y, m = start[0] + (start[1] - 1 + i) // 12, (start[1] - 1 + i) % 12 + 1
        for j in range(n):
            out.append(contract_event(f"{prefix}{len(out):04d}", date(y, m, 1 + (3 * j) % 27).isoformat(), **kw))
    return out


def write_jsonl(path, events: list[dict]) -> str:
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return str(path)


@pytest.fixture
def make_contract_event():
    return contract_event


@pytest.fixture
def make_monthly():
    return monthly_events


@pytest.fixture
def jsonl_file(tmp_path):
    """``jsonl_file(events, name)`` writes a contract file in tmp_path and returns its path."""
    return lambda events, name="events.jsonl": write_jsonl(tmp_path / name, events)
