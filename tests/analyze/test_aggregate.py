"""Flows and trends computed in SQL (``analyze.aggregate``) equal those computed over the events
themselves (``analyze.flows``, ``analyze.trends``), on generated events (issue 12, item 4)."""

from __future__ import annotations

import pytest

from conftest import contract_event
from sideswitch.analyze import flows, trends
from sideswitch.analyze.aggregate import flows_of, trends_of
from sideswitch.store import EventQuery, open_store


def _events() -> list[dict]:
    evs = []
    for i in range(60):
        month = 1 + i % 12
        ev = contract_event(
            f"e{i:03d}",
            f"2014-{month:02d}-{1 + i % 27:02d}" if i % 13 else None,
            frm=("Government", "Rebels", "Militia")[i % 3],
            to=("Rebels", "Government", None)[i % 4 % 3],
            people=None if i % 7 == 0 else (i, i + i % 5),
            kind="desertion" if i % 4 == 2 else "defection",
            stage="offered" if i % 11 == 0 else "completed",
            contested=i % 6 == 0,
            latest=f"2014-{month:02d}-28" if i % 9 == 0 else None,
        )
        if ev["people"]:
            ev["people"]["best"] = ev["people"]["min"] + (i % 3 if ev["people"]["max"] > ev["people"]["min"] else 0)
        if i % 10 == 5 and ev["to_side"]:
            ev["to_side"]["inferred"] = True
        evs.append(ev)
    return evs


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "agg.db") as s:
        s.save_events(_events())
        yield s


def _cells(table) -> dict:
    return {
        k: {f: c[f] for f in c if f != "event_ids"} | {"ids": sorted(c["event_ids"])} for k, c in table.cells.items()
    }


@pytest.mark.parametrize(
    "options", [{}, {"include_contested": True, "include_offered": True, "include_inferred": True}]
)
def test_flows_in_sql_equal_flows_over_events(store, options):
    events = store.query_events()
    want, got = flows(events, **options), flows_of(store, EventQuery(), **options)
    for part in ("confirmed", "contested", "offered", "inferred"):
        assert _cells(getattr(got, part)) == _cells(getattr(want, part)), part
    assert sorted(got.unknown_side) == sorted(want.unknown_side)
    assert got.pairs() == want.pairs()
    assert got.confirmed.to_dict()["people_best"] > 0


@pytest.mark.parametrize(
    "options",
    [
        {"by": "month"},
        {"by": "week", "include_contested": False},
        {"by": "quarter", "party": "rebels", "direction": "net"},
        {"by": "month", "party": "Government", "direction": "from", "start": "2014-03", "end": "2014-10"},
    ],
)
def test_trends_in_sql_equal_trends_over_events(store, options):
    events = store.query_events()
    want, got = trends(events, **options).to_dict(), trends_of(store, EventQuery(), **options).to_dict()
    for row in want["periods"] + got["periods"]:
        row["event_ids"] = sorted(row["event_ids"])
    for key in ("undated", "imprecise", "offered", "contested"):
        if key in want:
            want[key]["event_ids"], got[key]["event_ids"] = (
                sorted(want[key]["event_ids"]),
                sorted(got[key]["event_ids"]),
            )
    assert got == want
