from sideswitch.analyze import flows
from sideswitch.analyze.flows import NO_SIDE


def _events(mk):
    return [
        mk("a", "2013-01-01", frm="Gov", to="Reb", people=(10, 12)),
        mk("b", "2013-01-02", frm="Gov", to="Reb", people=None),
        mk("c", "2013-01-03", frm="Reb", to="Gov", people=(2, 3)),
        mk("d", "2013-01-04", frm="Gov", to="Reb", contested=True, people=(50, 80)),
        mk("e", "2013-01-05", frm="Gov", to="Reb", stage="offered", people=(100, 200)),
        mk("f", "2013-01-06", frm="Gov", to="Reb", stage="offered", contested=True),
        mk("g", "2013-01-07", frm=None, to="Reb"),
        mk("h", "2013-01-08", frm="Gov", to=None, kind="desertion", people=(30, 40)),
        mk("i", "2013-01-09", frm="Gov", to=None, kind="defection"),
    ]


def test_matrix_keeps_contested_offered_and_unknown_apart(make_contract_event):
    d = flows(_events(make_contract_event)).to_dict()
    cells = {(c["from"], c["to"]): c for c in d["cells"]}
    gr = cells[("Gov", "Reb")]
    assert (gr["events"], gr["people_low"], gr["people_high"], gr["people_unknown"]) == (2, 10, 12, 1)
    assert gr["event_ids"] == ["a", "b"]
    assert cells[("Reb", "Gov")]["events"] == 1
    assert cells[("Gov", NO_SIDE)]["people_high"] == 40
    assert d["parties"] == ["Gov", "Reb", NO_SIDE]
    assert d["contested"]["events"] == 1 and d["contested"]["cells"][0]["event_ids"] == ["d"]
    assert d["offered"]["events"] == 2 and d["unknown_side"] == 2 and d["unknown_side_ids"] == ["g", "i"]
    assert d["included"] == {"contested": False, "offered": False, "inferred": False}
    assert (d["events"], d["people_low"], d["people_high"]) == (4, 42, 55)


def test_include_flags_add_to_totals_explicitly(make_contract_event):
    evs = _events(make_contract_event)
    assert flows(evs, include_contested=True).to_dict()["events"] == 5
    assert flows(evs, include_offered=True).to_dict()["events"] == 6
    both = flows(evs, include_contested=True, include_offered=True).to_dict()
    assert both["events"] == 7 and both["contested"]["events"] == 1 and both["included"]["offered"] is True


def test_pairs_tell_one_sided_from_a_handful_each_way(make_contract_event):
    mk = make_contract_event
    evs = (
        [mk(f"x{i}", "2013-01-01", frm="A", to="B") for i in range(5)]
        + [mk(f"y{i}", "2013-01-01", frm="B", to="A") for i in range(4)]
        + [mk(f"z{i}", "2013-01-01", frm="C", to="A") for i in range(12)]
    )
    pairs = {(p["a"], p["b"]): p for p in flows(evs).pairs()}
    assert pairs[("A", "B")]["verdict"] == "no clear direction" and pairs[("A", "B")]["net"] == 1
    assert pairs[("A", "C")]["verdict"] == "one-sided" and pairs[("A", "C")]["b_to_a"] == 12


def test_empty():
    d = flows([]).to_dict()
    assert d["parties"] == [] and d["cells"] == [] and d["unknown_side"] == 0 and d["pairs"] == []
