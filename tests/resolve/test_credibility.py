"""Credibility summaries: independent sources, denials, interested parties, verification."""

from __future__ import annotations

from sideswitch.resolve.credibility import credibility

GOV, TAL = "Government of Afghanistan", "Taliban"


def source(doc, evidence="He changed sides on Sunday.", outlet=None):
    return {"doc": doc, "url": None, "outlet": outlet, "published": None, "evidence": evidence, "span": [0, 5]}


def claim(doc, by, stance="asserts", quote=None):
    return {"doc": doc, "by": by, "stance": stance, "quote": quote}


def test_denied_by_a_relative(make_event):
    ev = make_event(
        "e1",
        "Tarek Halvani",
        frm=TAL,
        to=GOV,
        sources=[source("d1"), source("d2")],
        claims=[
            claim("d1", "provincial officials"),
            claim("d2", "Interior Ministry"),
            claim("d2", "his son", "denies", "My father is at home with us."),
        ],
    )
    cred = credibility(ev)
    assert cred["denied"] and cred["denied_by"] == ["his son"]
    assert cred["independent_sources"] == cred["sources"] == 2
    # both assertions come from the government, which gains the defector
    assert cred["sole_source_is_interested_party"]
    assert cred["summary"] == "2 independent sources; denied by his son; claim made only by the side it benefits"


def test_sole_interested_party_is_the_gaining_group(make_event):
    ev = make_event(
        "e1",
        "Nasrat Qadiri",
        frm=GOV,
        to=TAL,
        sources=[source("d1")],
        claims=[claim("d1", "Taliban spokesman Qari Yusuf Badri")],
    )
    cred = credibility(ev)
    assert cred["sole_source_is_interested_party"] and not cred["denied"]
    assert cred["summary"] == "1 independent source; claim made only by the side it benefits"


def test_losing_side_official_is_not_the_gaining_side(make_event):
    ev = make_event(
        "e1", "Nasrat Qadiri", frm=TAL, to=GOV, sources=[source("d1")], claims=[claim("d1", "a Taliban official")]
    )
    assert not credibility(ev)["sole_source_is_interested_party"]


def test_an_independent_report_breaks_the_sole_interested_claim(make_event):
    ev = make_event(
        "e1",
        "Nasrat Qadiri",
        frm=GOV,
        to=TAL,
        sources=[source("d1"), source("d2", outlet="Delvar Daily")],
        claims=[claim("d1", "Taliban spokesman")],
    )
    assert not credibility(ev)["sole_source_is_interested_party"]


def test_outlet_run_by_the_gaining_side_is_interested(make_event):
    ev = make_event("e1", "Nasrat Qadiri", frm=GOV, to=TAL, sources=[source("d1", outlet="Voice of the Front")])
    party_of = {"Voice of the Front": TAL}.get
    assert credibility(ev, party_of_outlet=party_of)["sole_source_is_interested_party"]
    assert not credibility(ev)["sole_source_is_interested_party"]


def test_unverifiable_from_a_claim_or_the_evidence(make_event):
    by_claim = make_event(
        "e1",
        "Tarek Halvani",
        frm=TAL,
        to=GOV,
        sources=[source("d1", outlet="Northern Wire")],
        claims=[claim("d1", "Northern Wire", "doubts", "The report could not be independently verified.")],
    )
    cred = credibility(by_claim)
    assert cred["unverifiable"] and cred["doubted_by"] == []
    assert cred["summary"] == "1 independent source; could not be independently verified"
    by_evidence = make_event(
        "e2",
        "Lucía Ferrer",
        frm="FARC",
        to="Government of Colombia",
        sources=[
            source(
                "d9",
                "Según el ejército, la comandante se entregó, algo que no se pudo verificar de forma independiente.",
            )
        ],
    )
    assert credibility(by_evidence)["unverifiable"]


def test_doubted_and_downplayed(make_event):
    ev = make_event(
        "e1",
        "Tarek Halvani",
        frm=TAL,
        to=GOV,
        sources=[source("d1"), source("d2")],
        claims=[
            claim("d1", "local elders", "doubts", "Nobody here has seen him."),
            claim("d2", "Black Banner Front", "downplays", "He was a cook, not a commander."),
        ],
    )
    cred = credibility(ev)
    assert cred["doubted_by"] == ["local elders"] and cred["downplayed"]
    assert not cred["unverifiable"] and not cred["sole_source_is_interested_party"]
    assert cred["summary"] == ("2 independent sources; doubted by local elders; downplayed by Black Banner Front")


def test_syndicated_copies_count_once(make_event):
    ev = make_event(
        "e1",
        "Tarek Halvani",
        frm=TAL,
        to=GOV,
        sources=[
            source("wire-1", outlet="Northern Wire"),
            source("paper-7", outlet="Valley Times"),
            source("paper-8", outlet="Delvar Daily"),
            source("radio-2", outlet="Radio Sefid"),
        ],
    )
    groups = {"paper-7": "wire-1", "paper-8": "wire-1"}
    cred = credibility(ev, group_of=lambda d: groups.get(d, d))
    assert (cred["independent_sources"], cred["sources"]) == (2, 4)
    assert cred["summary"] == "2 independent sources (4 reports)"
