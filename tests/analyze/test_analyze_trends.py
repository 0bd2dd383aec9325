import pytest

from sideswitch.analyze import trends


def test_periods_include_zeros_and_evidence(make_contract_event):
    evs = [
        make_contract_event("a", "2013-01-05", people=(3, 5)),
        make_contract_event("b", "2013-01-20", people=None),
        make_contract_event("c", "2013-03-02", people=(10, 10)),
    ]
    d = trends(evs, by="month").to_dict()
    assert [(p["period"], p["events"]) for p in d["periods"]] == [("2013-01", 2), ("2013-02", 0), ("2013-03", 1)]
    jan = d["periods"][0]
    assert (jan["people_low"], jan["people_high"], jan["people_unknown"]) == (3, 5, 1)
    assert jan["event_ids"] == ["a", "b"] and (jan["start"], jan["end"]) == ("2013-01-01", "2013-01-31")
    assert d["status"] == "not enough data" and d["change_points"] == []


def test_undated_imprecise_and_offered_are_counted_apart(make_contract_event):
    evs = [
        make_contract_event("ok", "2013-05-05"),
        make_contract_event("nodate", None),
        make_contract_event("vague", "2013-01-01", latest="2013-12-31"),
        make_contract_event("offer", "2013-05-06", stage="offered"),
        make_contract_event("denied", "2013-05-07", contested=True),
    ]
    d = trends(evs, by="month").to_dict()
    assert d["undated"] == {"events": 1, "event_ids": ["nodate"]}
    assert d["imprecise"]["event_ids"] == ["vague"] and d["offered"]["event_ids"] == ["offer"]
    [may] = d["periods"]
    assert may["events"] == 2 and may["contested"] == 1
    d = trends(evs, by="year", include_contested=False).to_dict()
    assert d["contested"]["event_ids"] == ["denied"] and d["imprecise"]["events"] == 0
    assert d["periods"][0]["event_ids"] == ["ok", "vague"]


def test_start_and_end_extend_the_range_with_zeros(make_contract_event):
    d = trends([make_contract_event("a", "2013-05-05")], by="quarter", start="2013", end="2014-03").to_dict()
    assert [p["period"] for p in d["periods"]] == ["2013-Q1", "2013-Q2", "2013-Q3", "2013-Q4", "2014-Q1"]
    assert [p["events"] for p in d["periods"]] == [0, 1, 0, 0, 0]


def test_party_directions(make_contract_event):
    evs = [
        make_contract_event("l1", "2013-01-02", frm="Gov", to="Reb", people=(10, 12)),
        make_contract_event("l2", "2013-01-09", frm="Gov", to="Reb", people=(1, 1)),
        make_contract_event("g1", "2013-01-15", frm="Reb", to="Gov", people=(4, 6)),
        make_contract_event("x", "2013-01-20", frm="Other", to="Reb"),
    ]
    lost = trends(evs, party="gov", direction="from").to_dict()["periods"][0]
    assert lost["event_ids"] == ["l1", "l2"] and (lost["gained"], lost["lost"]) == (0, 2)
    assert trends(evs, party="Gov", direction="to").to_dict()["periods"][0]["event_ids"] == ["g1"]
    assert trends(evs, party="Gov").to_dict()["periods"][0]["events"] == 3
    net = trends(evs, party="Gov", direction="net").to_dict()
    jan = net["periods"][0]
    assert jan["events"] == -1 and (jan["gained"], jan["lost"]) == (1, 2)
    assert (jan["people_low"], jan["people_high"]) == (4 - 13, 6 - 11)
    assert net["balance"]["verdict"] == "no clear direction"


def test_side_name_matches_when_party_unknown(make_contract_event):
    ev = make_contract_event("a", "2013-01-02")
    ev["to_side"] = {"name": "Jaish Example", "party": None}
    assert trends([ev], party="jaish example", direction="to").to_dict()["periods"][0]["events"] == 1


def test_change_point_carries_period_names(make_monthly):
    evs = make_monthly([2] * 24 + [7] * 16)
    d = trends(evs, by="month").to_dict()
    [cp] = d["change_points"]
    assert cp["period"] == "2014-01" and cp["start"] == "2014-01-01"
    assert cp["interval"][0] <= "2014-01" <= cp["interval"][1] and cp["before"] == 2.0 and cp["after"] == 7.0


def test_net_flow_shift_is_tested_not_eyeballed(make_monthly):
    before = make_monthly([3] * 20, frm="Gov", to="Reb", prefix="a") + make_monthly(
        [1] * 20, frm="Reb", to="Gov", prefix="b"
    )
    after = make_monthly([1] * 20, start=(2013, 9), frm="Gov", to="Reb", prefix="c") + make_monthly(
        [3] * 20, start=(2013, 9), frm="Reb", to="Gov", prefix="d"
    )
    d = trends(before + after, party="Gov", direction="net").to_dict()
    [cp] = d["change_points"]
    assert cp["period"] == "2013-09" and cp["measure"] == "share of flow gained"
    assert cp["before"] == 0.25 and cp["after"] == 0.75


@pytest.mark.parametrize(
    "kw, msg",
    [
        ({"by": "day"}, "by must be"),
        ({"direction": "up"}, "direction must be"),
        ({"direction": "net"}, "needs a party"),
        ({"start": "May"}, "not a date"),
    ],
)
def test_bad_arguments(kw, msg):
    with pytest.raises(ValueError, match=msg):
        trends([], **kw)
