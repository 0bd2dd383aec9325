"""Helpers behind the pages: evidence in context, labels, chart geometry, flow matrix."""

from __future__ import annotations

from datetime import date

import pytest

from sideswitch.serve import charts
from sideswitch.serve.flow_matrix import flow_matrix
from sideswitch.serve.views import evidence_context, place_label, who

TEXT = "First sentence here. The colonel defected on Monday with his men. Last sentence follows."
EVIDENCE = "The colonel defected on Monday with his men."


@pytest.mark.parametrize("span", [[21, 21 + len(EVIDENCE)], [0, 5], None, [500, 600]])
def test_evidence_context_uses_the_span_or_finds_the_evidence(span):
    ctx = evidence_context(TEXT, span, EVIDENCE)
    assert ctx["found"] and ctx["match"] == EVIDENCE
    assert ctx["before"] == "First sentence here. " and ctx["after"] == " Last sentence follows."


def test_evidence_context_cuts_long_text_at_word_boundaries():
    text = "word " * 200 + EVIDENCE + " tail" * 200
    ctx = evidence_context(text, None, EVIDENCE, chars=50)
    assert ctx["cut_before"] and ctx["cut_after"]
    assert ctx["before"].startswith("word") and ctx["after"].endswith("tail")
    assert len(ctx["before"]) <= 55 and len(ctx["after"]) <= 55


def test_evidence_missing_from_the_text_is_shown_alone():
    ctx = evidence_context("unrelated text", [0, 4], EVIDENCE)
    assert ctx == {
        "found": False,
        "before": "",
        "match": EVIDENCE,
        "after": "",
        "cut_before": False,
        "cut_after": False,
    }


@pytest.mark.parametrize(
    "loc, label",
    [
        ({"place": "Herat", "admin2": None, "admin1": "Herat", "country": "Afghanistan"}, "Herat, Afghanistan"),
        (
            {"place": None, "admin2": "Shindand", "admin1": "Herat", "country": "Afghanistan"},
            "Shindand, Herat, Afghanistan",
        ),
        ({}, ""),
        (None, ""),
    ],
)
def test_place_label(loc, label):
    assert place_label(loc) == label


@pytest.mark.parametrize(
    "ev, label",
    [
        ({"defector": {"name": "A. Person", "role": "general"}}, "A. Person"),
        ({"defector": {"name": None, "role": "police commander"}}, "Police commander"),
        (
            {"defector": {"name": None}, "people": {"min": 25, "max": 30}, "from_side": {"name": "Taliban"}},
            "25–30 people from Taliban",
        ),
        ({"defector": {}, "people": {"min": 1, "max": 1}}, "1 person"),
        ({}, "Unnamed group"),
    ],
)
def test_who(ev, label):
    assert who(ev) == label


def test_timeline_geometry_with_change_points():
    trend = {
        "by": "month",
        "periods": [
            {"period": f"2013-{m:02d}", "events": n, "people_low": n, "people_high": n}
            for m, n in zip(range(1, 7), [1, 1, 1, 4, 5, 4])
        ],
        "change_points": [
            {
                "index": 3,
                "period": "2013-04",
                "before": 1.0,
                "after": 4.33,
                "measure": "events per period",
                "p_value": 0.01,
            }
        ],
    }
    c = charts.timeline(trend)
    assert len(c["bars"]) == 6 and c["bars"][4]["h"] > c["bars"][0]["h"] > 0
    assert c["bars"][4]["title"] == "2013-05: 5 events, 5–5 people"
    assert [ch["title"] for ch in c["changes"]] == ["change from 2013-04: 1.00 → 4.33 events per month (p = 0.010)"]
    assert c["changes"][0]["x"] == pytest.approx(c["bars"][3]["x"] - c["bars"][3]["w"] / 8)
    assert charts.timeline({"periods": []}) is None and charts.timeline(None) is None


def test_timeline_draws_net_flows_below_zero():
    c = charts.timeline({"periods": [{"period": "2013", "events": -3}, {"period": "2014", "events": 2}]})
    assert c["bars"][0]["neg"] and c["bars"][0]["y"] == pytest.approx(c["zero"])
    assert not c["bars"][1]["neg"] and c["bars"][1]["y"] + c["bars"][1]["h"] == pytest.approx(c["zero"])


def test_date_ticks():
    assert charts._date_ticks(date(2013, 8, 20), date(2013, 10, 2)) == [date(2013, 9, 1), date(2013, 10, 1)]
    ticks = charts._date_ticks(date(2001, 1, 1), date(2014, 1, 1))
    assert len(ticks) <= 8 and all(t.month == 1 for t in ticks)


def test_actor_timeline_skips_undated_switches():
    history = [
        {
            "event_id": "e1",
            "date": {"earliest": "2013-01-01", "latest": "2013-01-31"},
            "kind": "defection",
            "from": {"name": "army", "party": "Gov"},
            "to": {"name": "rebels", "party": None},
        },
        {"event_id": "e2", "date": None},
        "not a dict",
    ]
    c = charts.actor_timeline(history)
    assert [m["label"] for m in c["marks"]] == ["Gov → rebels"] and c["marks"][0]["x1"] > c["marks"][0]["x0"]
    assert charts.actor_timeline([{"date": None}]) is None


def test_flow_matrix_from_the_analysis_shape():
    table = {
        "parties": ["A", "B"],
        "events": 4,
        "cells": [
            {"from": "A", "to": "B", "events": 3, "people_low": 30, "people_high": 40},
            {"from": "B", "to": "A", "events": 1, "people_low": 2, "people_high": 2},
            {"from": "A", "to": "(no side)", "events": 1, "people_low": 0, "people_high": 0},
        ],
        "contested": {"events": 2},
        "pairs": [{"a": "A", "b": "B", "a_to_b": 3, "b_to_a": 1}],
    }
    m = flow_matrix(table)
    assert m["rows"] == ["A", "B"] and m["cols"] == ["B", "A", "(no side)"]
    assert m["grid"][0]["cells"][0]["events"] == 3 and m["grid"][0]["cells"][1] is None
    assert m["grid"][0]["total"] == 4 and m["col_totals"] == [3, 1, 1] and m["total"] == 5
    assert m["grid"][0]["cells"][0]["level"] == 5 and m["raw"]["pairs"] == table["pairs"]
    assert flow_matrix({"cells": []}) is None and flow_matrix(None) is None
