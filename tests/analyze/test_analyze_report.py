import base64
import re

import pytest

from sideswitch import analyze
from sideswitch.analyze import (
    build_brief,
    data_uri,
    flows,
    flows_figure,
    repeat_switchers,
    save_figure,
    trends,
    trends_figure,
)
from sideswitch.errors import InputError


@pytest.fixture
def events(make_monthly, make_contract_event):
    evs = make_monthly([1] * 20 + [4] * 12)
    evs[3]["contested"] = True
    evs += [
        make_contract_event("p1", "2012-02-10", frm="Gov", to="Reb", actor="X1"),
        make_contract_event("p2", "2013-06-10", frm="Reb", to="Gov", actor="X1"),
        make_contract_event("p3", None, frm="Gov", to="Reb", actor="X1", stage="offered"),
        make_contract_event("big", "2013-01-10", people=(400, 450)),
    ]
    evs[-1]["sources"][0]["evidence"] = "A <b>bold</b> & unusual claim."
    return evs


def test_figures_save_in_each_format(tmp_path, events):
    figures = [
        (trends_figure(trends(events)), "png"),
        (flows_figure(flows(events)), "svg"),
        (trends_figure(trends(events, party="Gov", direction="net")), "svg"),
        (flows_figure(flows([])), "png"),
    ]
    for i, (fig, suffix) in enumerate(figures):
        assert save_figure(fig, tmp_path / f"x{i}.{suffix}").stat().st_size > 1000
    with pytest.raises(InputError, match="unknown image format"):
        save_figure(trends_figure(trends([])), tmp_path / "x.jpg")


def test_svg_data_uri_fetches_nothing(events):
    uri = data_uri(trends_figure(trends(events)))
    svg = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    assert uri.startswith("data:image/svg+xml;base64,") and "<svg" in svg
    assert not re.search(r"""(href|src)\s*=\s*["']https?:""", svg) and "@import" not in svg


def test_repeat_switchers(events):
    [x1] = repeat_switchers(events)
    assert (x1["actor_id"], x1["events"], x1["path"]) == ("X1", 3, "Gov -> Reb -> Gov -> Reb")
    assert [m["id"] for m in x1["moves"]] == ["p1", "p2", "p3"] and x1["moves"][2]["stage"] == "offered"


def test_brief_is_self_contained_and_complete(events):
    html = build_brief(events, title="Brief & test", generated="2020-01-01")
    assert "<title>Brief &amp; test</title>" in html and "Generated 2020-01-01" in html
    for section in ("Timeline", "Flows between parties", "Top events", "Actors who switched more than once"):
        assert f"<h2>{section}</h2>" in html
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; unusual claim." in html  # evidence is escaped
    assert html.index("id big") < html.index("id ev0000")  # biggest headcount first
    assert "Person X1" in html and "Gov -&gt; Reb -&gt; Gov -&gt; Reb" in html
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""src\s*=\s*["'](?!data:)""", html)
    assert "From <b>2013-09</b> the rate went" in html


def test_brief_for_sparse_data_says_so(make_contract_event):
    html = build_brief([make_contract_event("a", "2013-01-01")])
    assert "Not enough data to test for a change in rate" in html


def test_exports_resolve():
    for name in analyze.__all__:
        assert getattr(analyze, name) is not None
    with pytest.raises(AttributeError):
        _ = analyze.no_such_thing
