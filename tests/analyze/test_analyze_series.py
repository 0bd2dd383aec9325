from datetime import date

import pytest

from sideswitch.analyze.series import parse_day, people_range, period_of, period_range, place_event, side_party


@pytest.mark.parametrize(
    "by, key, start, end",
    [
        ("week", "2013-W38", "2013-09-16", "2013-09-22"),
        ("month", "2013-09", "2013-09-01", "2013-09-30"),
        ("quarter", "2013-Q3", "2013-07-01", "2013-09-30"),
        ("year", "2013", "2013-01-01", "2013-12-31"),
    ],
)
def test_period_of(by, key, start, end):
    p = period_of(date(2013, 9, 18), by)
    assert (p.key, p.start.isoformat(), p.end.isoformat()) == (key, start, end)


def test_period_range_keeps_gaps_and_crosses_years():
    assert [p.key for p in period_range(date(2013, 11, 30), date(2014, 2, 1), "month")] == [
        "2013-11",
        "2013-12",
        "2014-01",
        "2014-02",
    ]
    assert [p.key for p in period_range(date(2013, 12, 25), date(2014, 1, 10), "week")] == [
        "2013-W52",
        "2014-W01",
        "2014-W02",
    ]
    assert [p.key for p in period_range(date(2013, 12, 1), date(2014, 1, 1), "quarter")] == ["2013-Q4", "2014-Q1"]


@pytest.mark.parametrize(
    "window, by, expected",
    [
        ({"earliest": "2013-09-14", "latest": "2013-09-15"}, "month", ("placed", date(2013, 9, 14))),
        ({"earliest": "2013-09-25", "latest": "2013-10-04"}, "month", ("placed", date(2013, 9, 29))),
        ({"earliest": "2013-09-01", "latest": "2013-09-30"}, "month", ("placed", date(2013, 9, 15))),
        ({"earliest": "2013-09-01", "latest": "2013-09-30"}, "week", ("imprecise", None)),
        ({"earliest": "2013-01-01", "latest": "2013-12-31"}, "month", ("imprecise", None)),
        ({"earliest": "2013-01-01", "latest": "2013-12-31"}, "year", ("placed", date(2013, 7, 2))),
        (None, "month", ("undated", None)),
    ],
)
def test_place_event_uses_the_window_midpoint(window, by, expected):
    assert place_event({"date": window}, by) == expected


def test_parse_day_accepts_partial_dates():
    assert parse_day("2013") == date(2013, 1, 1)
    assert parse_day("2013", end=True) == date(2013, 12, 31)
    assert parse_day("2012-02", end=True) == date(2012, 2, 29)
    assert parse_day(None) is None
    with pytest.raises(ValueError, match="not a date"):
        parse_day("September")


def test_sides_and_people():
    assert side_party({"name": "ANP", "party": "Government"}) == "Government"
    assert side_party({"name": "a local militia", "party": None}) == "a local militia"
    assert side_party(None) is None
    assert people_range({"people": {"min": 9, "max": 7}}) == (7, 9)
    assert people_range({"people": None}) is None
