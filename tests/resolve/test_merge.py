"""Cross-document merge rules, including cases that must NOT merge."""

from __future__ import annotations

import copy
import itertools

import pytest
from tests.conftest import make_event

from sideswitch.resolve.copies import document_sketch
from sideswitch.resolve.merge import (
    MERGE_THRESHOLD,
    assign_ids,
    clash,
    cluster,
    copied,
    event_id_for,
    linked,
    merge_event,
    reprinted,
    similarity,
)


def test_same_person_two_outlets_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory(
        "b",
        doc="d2",
        defector={"name": "Gulrahman Zadran", "aliases": [], "role": None, "actor_id": None},
        people={"min": 5, "max": 5},
    )
    assert clash(a, b) is None
    assert linked(a, b)
    ev = merge_event("ev-1", [a, b])
    assert {k: ev["people"][k] for k in ("min", "max", "low", "high")} == {"min": 4, "max": 5, "low": 4, "high": 5}
    assert ev["people"]["best"] in (4, 5)  # the median report's figure
    assert {s["doc"] for s in ev["sources"]} == {"d1", "d2"}
    assert "Gulrahman Zadran" in ev["defector"]["aliases"] or ev["defector"]["name"] == "Gulrahman Zadran"


def test_same_person_different_years_do_not_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", date={"earliest": "2011-03-01", "latest": "2011-03-31", "text": None})
    assert clash(a, b) == "different time"


def test_switch_back_does_not_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory(
        "b",
        doc="d2",
        from_side={"name": "Taliban", "party": "Taliban"},
        to_side={"name": "police", "party": "Afghan government"},
    )
    assert clash(a, b) == "reversed direction"


def test_same_place_and_week_different_units_do_not_merge(event_factory):
    unnamed = {"name": None, "aliases": [], "role": "soldiers", "actor_id": None}
    a = event_factory("a", doc="d1", defector=unnamed, people={"min": 6, "max": 6})
    b = event_factory("b", doc="d2", defector=unnamed, people={"min": 60, "max": 70})
    assert clash(a, b) == "different headcount"
    c = event_factory(
        "c",
        doc="d3",
        defector=unnamed,
        people={"min": 6, "max": 6},
        location={
            "place": None,
            "admin2": None,
            "admin1": "Baghlan",
            "country": "Afghanistan",
            "lat": None,
            "lon": None,
            "precision": "admin1",
        },
    )
    assert clash(a, c) == "different province"


def test_different_persons_and_same_document_never_merge(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory(
        "b", doc="d2", defector={"name": "Hamidullah Safi", "aliases": [], "role": None, "actor_id": None}
    )
    assert clash(a, b) == "different persons"
    assert clash(a, event_factory("c", doc="d1")) == "same document"


def test_stable_ids():
    assert event_id_for("d1#1") == event_id_for("d1#1") != event_id_for("d1#2")


# -- direction ------------------------------------------------------------------------


def test_a_side_without_a_party_fits_any_party(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", to_side={"name": "militants", "party": None})
    assert clash(a, b) is None
    assert linked(a, b)


def test_records_of_one_party_and_governments_of_one_state_are_one_side(event_factory):
    a = event_factory(
        "a",
        doc="d1",
        from_side={"name": "Syrian army", "party": "Syrian government"},
        to_side={"name": "Free Syrian Army", "party": "Free Syrian Army"},
        location={
            "place": None,
            "admin2": None,
            "admin1": None,
            "country": "Syria",
            "lat": None,
            "lon": None,
            "precision": "country",
        },
    )
    b = event_factory(
        "b",
        doc="d2",
        from_side={"name": "the regime", "party": "Syrian transitional government"},
        to_side=a["to_side"],
        location=a["location"],
    )
    assert clash(a, b) is None
    c = event_factory("c", doc="d3", to_side={"name": "Islamic Emirate", "party": "Taliban"})
    assert clash(event_factory("a", doc="d1"), c) is None


def test_a_different_party_joined_or_left_clashes(event_factory):
    a = event_factory("a", doc="d1")
    assert (
        clash(a, event_factory("b", doc="d2", to_side={"name": "ISKP", "party": "Islamic State Khorasan"}))
        == "different side joined"
    )
    assert (
        clash(a, event_factory("c", doc="d3", from_side={"name": "Hezb", "party": "Hezb-e-Islami"}))
        == "different side left"
    )


def test_a_refuge_fits_any_side_joined(event_factory):
    """ "Fled to Jordan" and "joined the rebels" / "joined the Syrian National Council": he
    crossed, then joined; the refuge is not a rival side."""
    syria = {
        "place": None,
        "admin2": None,
        "admin1": None,
        "country": "Syria",
        "lat": None,
        "lon": None,
        "precision": "country",
    }
    regime = {"name": "Syrian army", "party": "Syrian government"}
    fled = event_factory(
        "a",
        doc="d1",
        from_side=regime,
        to_side={"name": "Jordan", "party": "Jordan"},
        location={**syria, "country": "Jordan"},
    )
    joined = event_factory(
        "b",
        doc="d2",
        from_side=regime,
        location=syria,
        to_side={"name": "Syrian National Council", "party": "Syrian opposition"},
    )
    vague = event_factory("c", doc="d3", from_side=regime, location=syria, to_side={"name": "rebels", "party": None})
    assert clash(fled, joined) is None
    assert clash(fled, vague) is None
    assert (
        clash(
            joined,
            event_factory(
                "d", doc="d4", from_side=regime, location=syria, to_side={"name": "Taliban", "party": "Taliban"}
            ),
        )
        == "different side joined"
    )


def test_a_report_naming_no_side_joined_merges_with_one_that_does(event_factory):
    """A background line ("defections, including the prime minister X") is the same act as the
    reports that say where he went; the merged event keeps the side the reports state."""
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", to_side=None)
    assert clash(a, b) is None
    assert linked(a, b)
    assert merge_event("ev-1", [a, b])["to_side"]["party"] == "Taliban"


def test_the_merged_side_is_the_one_most_reports_give_ties_to_the_earliest(event_factory):
    regime = {"name": "Syrian army", "party": "Syrian government"}
    early = event_factory("a", doc="d1", from_side=regime, to_side={"name": "the opposition", "party": None})
    late = event_factory(
        "b",
        doc="d2",
        from_side=regime,
        to_side={"name": "Jordan", "party": "Jordan"},
        sources=[
            {
                "doc": "d2",
                "url": None,
                "outlet": "W",
                "published": "2019-05-09",
                "evidence": "He fled to Jordan.",
                "span": [0, 18],
            }
        ],
    )
    assert merge_event("ev", [late, early])["to_side"]["name"] == "the opposition"
    later = event_factory(
        "c",
        doc="d3",
        from_side=regime,
        to_side={"name": "Jordanian border", "party": "Jordan"},
        sources=[
            {
                "doc": "d3",
                "url": None,
                "outlet": "X",
                "published": "2019-05-10",
                "evidence": "He crossed into Jordan.",
                "span": [0, 23],
            }
        ],
    )
    assert merge_event("ev", [late, early, later])["to_side"]["party"] == "Jordan"  # two reports to one


def test_a_switch_back_to_an_unnamed_side_is_reversed(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory(
        "b",
        doc="d2",
        from_side={"name": "Taleban", "party": "Taliban"},
        to_side={"name": "the authorities", "party": None},
    )
    assert clash(a, b) == "reversed direction"


# -- time ------------------------------------------------------------------------------


def _published(ev: dict, day: str | None, historical: bool = False) -> dict:
    ev["sources"][0]["published"] = day
    ev["historical"] = historical
    ev["date"] = None
    return ev


def test_an_undated_report_happened_shortly_before_it_was_published(event_factory):
    dated = event_factory("a", doc="d1")  # 4-5 May 2019
    assert clash(dated, _published(event_factory("b", doc="d2"), "2019-05-20")) is None
    assert clash(dated, _published(event_factory("c", doc="d3"), "2019-07-01")) == "different time"
    assert clash(dated, _published(event_factory("d", doc="d4"), "2019-04-20")) == "different time"


def test_background_may_be_any_time_before_publication(event_factory):
    dated = event_factory("a", doc="d1")
    assert clash(dated, _published(event_factory("b", doc="d2"), "2022-01-10", historical=True)) is None
    assert clash(dated, _published(event_factory("c", doc="d3"), "2018-01-10", historical=True)) == "different time"
    assert clash(dated, _published(event_factory("d", doc="d4"), None)) is None  # nothing says when


def test_background_report_merges_when_direction_place_and_count_agree(event_factory):
    unnamed = {"name": None, "aliases": [], "role": "police officers", "actor_id": None}
    news = event_factory("a", doc="d1", defector=unnamed, people={"min": 13, "max": 14})
    background = _published(
        event_factory(
            "b", doc="d2", defector=unnamed, people={"min": 14, "max": 14}, to_side={"name": "militants", "party": None}
        ),
        "2020-02-01",
        True,
    )
    assert similarity(news, background) >= MERGE_THRESHOLD
    elsewhere = {**background, "location": {**background["location"], "admin1": None, "precision": "country"}}
    assert not linked(news, {**elsewhere, "people": None})


# -- place, counts, names, kind ---------------------------------------------------------


def test_a_cross_border_act_may_be_placed_on_either_side(event_factory):
    regime = {"name": "Syrian air force", "party": "Syrian government"}
    refuge = {"name": "Jordan", "party": "Jordan"}
    loc = lambda country, admin1=None: {
        "place": None,
        "admin2": None,
        "admin1": admin1,
        "country": country,
        "lat": None,
        "lon": None,
        "precision": "admin1" if admin1 else "country",
    }
    a = event_factory("a", doc="d1", from_side=regime, to_side=refuge, location=loc("Jordan", "Mafraq"))
    b = event_factory("b", doc="d2", from_side=regime, to_side=refuge, location=loc("Syria", "Daraa"))
    assert clash(a, b) is None
    far = event_factory("c", doc="d3", location=loc("Germany"))  # an Afghan act placed in Germany
    assert clash(event_factory("d", doc="d4"), far) == "different country"


def test_outlets_may_disagree_on_counts_by_a_few(event_factory):
    unnamed = {"name": None, "aliases": [], "role": "soldiers", "actor_id": None}
    a = event_factory("a", doc="d1", defector=unnamed, people={"min": 4, "max": 4})
    assert clash(a, event_factory("b", doc="d2", defector=unnamed, people={"min": 6, "max": 7})) is None
    assert (
        clash(a, event_factory("c", doc="d3", defector=unnamed, people={"min": 11, "max": 12})) == "different headcount"
    )


def test_a_named_leader_alone_or_with_his_men_is_one_act(event_factory):
    alone = event_factory("a", doc="d1", people={"min": 1, "max": 1})
    with_men = event_factory(
        "b",
        doc="d2",
        people={"min": 25, "max": 25},
        defector={"name": "Gulrahman Zadran", "aliases": [], "role": None, "actor_id": None},
    )
    assert clash(alone, with_men) is None


def test_a_lone_surname_counts_only_for_its_own_full_name(event_factory):
    shara = event_factory(
        "a", doc="d1", defector={"name": "Farouq al-Shara", "aliases": ["Shara"], "role": None, "actor_id": None}
    )
    other = event_factory(
        "b", doc="d2", defector={"name": "Hassan Hammadi", "aliases": [], "role": None, "actor_id": None}
    )
    same = event_factory(
        "c", doc="d3", defector={"name": "Faruq al-Sharaa", "aliases": [], "role": None, "actor_id": None}
    )
    assert clash(shara, other) == "different persons"
    assert clash(shara, same) is None


def test_outlets_may_call_one_act_defection_or_desertion(event_factory):
    a = event_factory("a", doc="d1")
    b = event_factory("b", doc="d2", kind="desertion")
    assert clash(a, b) is None and linked(a, b)


def test_an_offer_is_not_the_act(event_factory):
    assert clash(event_factory("a", doc="d1"), event_factory("b", doc="d2", stage="offered")) == "different stage"


# -- events from links --------------------------------------------------------------------


def _chain(event_factory) -> list[dict]:
    """b links a and c, but a and c name different people: b joins its best link only."""
    person = lambda n: {"name": n, "aliases": [], "role": None, "actor_id": None}
    unnamed = {"name": None, "aliases": [], "role": "commander", "actor_id": None}
    return [
        event_factory("a#1", doc="d1", defector=person("Gul Rahman Zadran")),
        event_factory("b#1", doc="d2", defector=unnamed),
        event_factory("c#1", doc="d3", defector=person("Hamidullah Safi"), people={"min": 1, "max": 1}),
        event_factory("e#1", doc="d4", defector=person("Gulrahman Zadran"), people={"min": 4, "max": 5}),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_cluster_does_not_depend_on_the_order(event_factory, order):
    ms = _chain(event_factory)
    got = [[m["id"] for m in group] for group in cluster([ms[i] for i in order])]
    assert got == [["a#1", "b#1", "e#1"], ["c#1"]]


def test_merged_fields_do_not_depend_on_the_order(event_factory):
    ms = _chain(event_factory)
    group = [ms[0], ms[1], ms[3]]
    assert merge_event("ev-x", group) == merge_event("ev-x", list(reversed(group)))


def test_ids_are_a_function_of_the_members():
    ms = lambda *ids: [{"id": i, "event_id": "ev-carried", "sources": []} for i in ids]
    assert assign_ids([ms("b#1", "a#1")]) == [event_id_for("a#1")]  # the earliest member names it
    assert assign_ids([ms("a#1", "b#1", "n#1")]) == [event_id_for("a#1")]  # a later source joins: same id
    assert assign_ids([ms("c#1"), ms("a#1")]) == [event_id_for("c#1"), event_id_for("a#1")]
    assert assign_ids([ms("x#1")], taken={event_id_for("x#1")}) != [event_id_for("x#1")]


# -- one lone defector described alike (no name) --------------------------------------


def _pilot(eid, doc, admin1, *, gear=("helicopter",), role="Russian pilot", day=("2023-08-20", "2023-08-23")):
    from tests.conftest import make_event

    return make_event(
        eid,
        doc,
        defector={"name": None, "aliases": [], "role": role, "actor_id": None},
        people={"min": 1, "max": 1},
        from_side={"name": "Russian army", "party": "Russian armed forces"},
        to_side={"name": "Ukraine", "party": "Ukrainian military"},
        location={
            "place": None,
            "admin2": None,
            "admin1": admin1,
            "country": "Ukraine",
            "lat": None,
            "lon": None,
            "precision": "admin1",
        },
        date={"earliest": day[0], "latest": day[1], "text": None},
        weapons=[{"item": g, "count": 1} for g in gear],
    )


def test_one_pilot_with_his_helicopter_placed_in_two_provinces_is_one_act():
    """Outlets disagree where he landed; the same lone man with the same aircraft, one
    direction and week, is one act."""
    a, b = _pilot("a", "d1", "Poltava"), _pilot("b", "d2", "Kharkiv")
    assert clash(a, b) is None
    assert linked(a, b)


def test_two_lone_soldiers_of_one_army_in_two_provinces_do_not_merge():
    """Without a name or identifying equipment, a province apart is two acts."""
    a = _pilot("a", "d1", "Poltava", gear=(), role="soldier")
    b = _pilot("b", "d2", "Kharkiv", gear=(), role="soldier")
    assert clash(a, b) == "different province"


def test_a_common_vehicle_does_not_identify_anyone():
    a = _pilot("a", "d1", "Poltava", gear=("rifle",), role="soldier")
    b = _pilot("b", "d2", "Kharkiv", gear=("rifle",), role="soldier")
    assert clash(a, b) == "different province"


def test_an_identifying_role_adds_to_the_evidence():
    named_later = _pilot("a", "d1", None, gear=(), day=("2023-01-01", "2023-12-31"))
    named_later["defector"]["name"] = "Maks Kuzmenko"
    news = _pilot("b", "d2", "Poltava", gear=())
    assert (
        similarity(named_later, news)
        - similarity(named_later, {**news, "defector": {**news["defector"], "role": "soldier"}})
        == 1.0
    )
    assert linked(named_later, news)


def test_a_sergeant_and_three_soldiers_are_two_acts(event_factory):
    """Counts that neither overlap nor nearly meet count against one act (1 vs 3), unless one
    named man is counted alone in one report and with his companions in the other."""
    unnamed = lambda role: {"name": None, "aliases": [], "role": role, "actor_id": None}
    undated = dict(
        date=None,
        sources=[
            {
                "doc": "d1",
                "url": None,
                "outlet": "W",
                "published": None,
                "evidence": "A sergeant deserted.",
                "span": [0, 20],
            }
        ],
    )
    sergeant = event_factory("a", doc="d1", defector=unnamed("sergeant"), people={"min": 1, "max": 1}, **undated)
    three = event_factory(
        "b",
        doc="d2",
        defector=unnamed("soldiers"),
        people={"min": 3, "max": 3},
        date=None,
        sources=[{**undated["sources"][0], "doc": "d2"}],
    )
    assert clash(sergeant, three) is None
    assert similarity(sergeant, three) == similarity(three, {**sergeant, "people": None}) - 1.0
    assert not linked(sergeant, three)
    alone = event_factory("c", doc="d3", people={"min": 1, "max": 1})
    with_men = event_factory("d", doc="d4", people={"min": 6, "max": 6})
    assert linked(alone, with_men)


# -- issue 14: stated places, days and counts keep acts apart; copies merge --------------------------


def _surrender(eid, doc, *, count, place, lat, lon, day, evidence=None):
    """An unnamed group of Boko Haram fighters surrendering in Borno (invented reports)."""
    return make_event(
        eid,
        doc,
        defector={"name": None, "aliases": [], "role": "fighters", "actor_id": None},
        kind="surrender",
        people={"min": count, "max": count},
        from_side={"name": "Boko Haram", "party": "Boko Haram"},
        to_side={"name": "troops", "party": "Nigerian military"},
        location={
            "place": place,
            "admin2": None,
            "admin1": "Borno",
            "country": "Nigeria",
            "lat": lat,
            "lon": lon,
            "precision": "place",
        },
        date={"earliest": day, "latest": day, "text": "on Sunday"},
        sources=[
            {
                "doc": doc,
                "url": None,
                "outlet": "Test Wire",
                "published": "2024-03-05",
                "evidence": evidence
                or f"{count} fighters of the group gave themselves up to soldiers in {place} ({doc}).",
                "span": [0, 40],
            }
        ],
    )


BAMA = {"place": "Bama", "lat": 11.52, "lon": 13.69}
GWOZA = {"place": "Gwoza", "lat": 11.08, "lon": 13.69}
SOYE = {"place": "Soye", "lat": 11.62, "lon": 13.55}  # 19 km from Bama


def test_two_dozen_in_bama_and_a_dozen_in_gwoza_are_two_acts():
    a = _surrender("a", "d1", count=24, day="2024-03-03", **BAMA)
    b = _surrender("b", "d2", count=12, day="2024-03-04", **GWOZA)
    assert clash(a, b) == "different place"
    assert clash(a, {**b, "location": a["location"]}) == "different headcount"  # 24 vs 12, both exact


def test_towns_far_apart_in_one_province_keep_acts_apart_and_near_ones_do_not():
    a = _surrender("a", "d1", count=20, day="2024-03-03", **BAMA)
    assert clash(a, _surrender("b", "d2", count=20, day="2024-03-03", **GWOZA)) == "different place"  # 49 km
    assert clash(a, _surrender("c", "d3", count=20, day="2024-03-03", **SOYE)) is None  # one act's outlets
    assert linked(a, _surrender("c", "d3", count=20, day="2024-03-03", **SOYE))


def test_one_town_two_weeks_are_two_acts_but_a_few_days_of_disagreement_are_not():
    a = _surrender("a", "d1", count=20, day="2024-03-03", **BAMA)
    assert clash(a, _surrender("b", "d2", count=20, day="2024-03-10", **BAMA)) == "different day"
    assert clash(a, _surrender("c", "d3", count=20, day="2024-03-06", **BAMA)) is None  # announced 3 days on
    assert linked(a, _surrender("c", "d3", count=20, day="2024-03-06", **BAMA))


def test_exact_counts_apart_by_half_clash_near_ones_fit():
    a = _surrender("a", "d1", count=13, day="2024-03-03", **BAMA)
    assert clash(a, _surrender("b", "d2", count=14, day="2024-03-03", **BAMA)) is None
    assert clash(a, _surrender("c", "d3", count=30, day="2024-03-03", **BAMA)) == "different headcount"


def test_a_copied_report_links_even_with_little_else_in_common():
    story = "Officials said a group of fighters handed over their rifles at the camp gate late in the evening."
    a = make_event(
        "a",
        "d1",
        defector={"name": None, "aliases": [], "role": None, "actor_id": None},
        people=None,
        date=None,
        location={**make_event()["location"], "admin1": None, "precision": "country"},
    )
    a["sources"][0]["evidence"] = story
    b = copy.deepcopy(a)
    b["id"], b["sources"][0]["doc"] = "b", "d2"
    b["sources"][0]["evidence"] = "WIRE - " + story + " (c) Test Wire"
    assert copied(a, b)
    assert similarity(a, b) >= MERGE_THRESHOLD
    other = copy.deepcopy(b)
    other["sources"][0]["evidence"] = "A group of fighters was seen near the camp gate, officials said in the evening."
    assert not copied(a, other)
    assert not linked(a, other)


def test_a_document_and_its_copy_keep_the_documents_two_acts_apart():
    """d1 reports two acts; its copy d2 too: each act's two reports make one event, two events."""
    one = _surrender("d1#1", "d1", count=20, day="2024-03-03", **BAMA)
    two = _surrender("d1#2", "d1", count=22, day="2024-03-03", **BAMA)
    copies = []
    for m in (one, two):
        c = copy.deepcopy(m)
        c["id"], c["sources"][0]["doc"] = m["id"].replace("d1", "d2"), "d2"
        c["sources"][0]["evidence"] = m["sources"][0]["evidence"].replace("(d1)", "(d2)")
        copies.append(c)
    events = cluster([one, two, *copies])
    assert sorted(sorted(m["id"] for m in ev) for ev in events) == [["d1#1", "d2#1"], ["d1#2", "d2#2"]]


def test_a_copy_misplaced_by_its_footer_still_joins_the_story_and_its_rewrite():
    """A wire copy whose footer ("Lake Chad Wire") put it in Chad clashes with the rewrite, but it
    reprints the original (near-duplicate documents, copied evidence), so all three are one event."""
    original = _surrender("t1#1", "t1", count=24, day="2024-03-03", **BAMA)
    text = "MAIDUGURI - " + original["sources"][0]["evidence"] + " The men handed over rifles at a screening camp."
    original["doc_sketch"] = document_sketch(text)
    wire = copy.deepcopy(original)
    wire["id"], wire["sources"][0]["doc"] = "t2#1", "t2"
    wire["location"] = {**wire["location"], "country": "Chad", "admin1": None, "place": None}
    wire["to_side"] = {"name": "troops", "party": "Chadian government"}
    wire["doc_sketch"] = document_sketch(text + " Copyright Lake Chad Wire.")
    rewrite = _surrender(
        "t3#1", "t3", count=24, day="2024-03-03", evidence="Twenty-four insurgents gave themselves up in Bama.", **BAMA
    )
    assert clash(wire, rewrite) is not None and clash(original, rewrite) is None
    assert clash(original, wire) is None and similarity(original, wire) >= MERGE_THRESHOLD
    assert [len(ev) for ev in cluster([original, wire, rewrite])] == [3]
    alone = {**wire, "doc_sketch": document_sketch("A long feature on the war, in other words entirely.")}
    assert not reprinted(original, alone)  # not a near-duplicate document: only what it says counts
    assert sorted(len(ev) for ev in cluster([original, alone, rewrite])) == [1, 2]


def test_a_dateline_place_does_not_keep_acts_apart():
    """ "KHARKIV - A soldier ...": a place only a dateline gives is where the reporter was, so it
    neither clashes with another report's province nor wins the merged location over it."""
    news = _pilot("a", "d1", "Poltava", gear=(), role="soldier")
    datelined = {**_pilot("b", "d2", "Kharkiv", gear=(), role="soldier"), "place_from_dateline": True}
    assert clash(news, {**datelined, "place_from_dateline": False}) == "different province"
    assert clash(news, datelined) is None
    assert merge_event("ev-1", [datelined, news])["location"]["admin1"] == "Poltava"


def _unit_report(eid: str, doc: str, evidence: str, *, published: str | None, date: dict | None, **over) -> dict:
    """An unnamed group of a named unit joining the Nusra Front (invented unit names)."""
    fields = {
        "kind": "surrender",
        "defector": {"name": None, "aliases": [], "role": "fighters", "actor_id": None},
        "people": None,
        "from_side": None,
        "to_side": {"name": "Nusra Front", "party": "Nusra Front (al-Qaeda in Syria)"},
        "location": {"place": None, "admin2": None, "admin1": None, "country": "Syria", "lat": None, "lon": None},
        "date": date,
        "sources": [{"doc": doc, "url": None, "outlet": "Test Wire", "published": published, "evidence": evidence}],
    }
    return make_event(eid, doc, **{**fields, **over})


def test_one_named_unit_in_an_undated_report_merges():
    """A unit no party of the lexicon names ("the Plover Brigade") is the evidence when one report
    has no date: nothing else agrees but the side joined."""
    a = _unit_report(
        "a",
        "d1",
        "Fighters of the Plover Brigade surrendered to the Nusra Front on Monday, activists said.",
        published="2016-03-08",
        date={"earliest": "2016-03-07", "latest": "2016-03-07", "text": "on Monday"},
    )
    b = _unit_report(
        "b",
        "d2",
        "A spokesman denied the claims.",
        published=None,
        date=None,
        kind="defection",
        claims=[
            {"by": "a spokesman", "stance": "denies", "doc": "d2", "quote": "Plover Brigade fighters did not defect."}
        ],
    )
    assert clash(a, b) is None and linked(a, b)
    other = _unit_report("c", "d3", "Fighters of the Sandpiper Brigade defected.", published=None, date=None)
    assert not linked(a, other)  # another unit: the side joined and the kind alone are not enough

    def dated(unit: str) -> dict:
        return _unit_report(
            "e",
            "d4",
            f"Fighters of the {unit} Brigade surrendered to the Nusra Front, a monitor said.",
            published="2016-03-10",
            date={"earliest": "2016-03-09", "latest": "2016-03-09", "text": "on Wednesday"},
        )

    assert similarity(a, dated("Plover")) == similarity(a, dated("Sandpiper"))  # two stated dates: dates decide


def test_a_named_unit_does_not_outweigh_a_clash():
    a = _unit_report(
        "a",
        "d1",
        "Two commanders of the Plover Brigade joined Ahrar al-Sham on Sunday.",
        published="2016-05-03",
        date={"earliest": "2016-05-01", "latest": "2016-05-01", "text": "on Sunday"},
        to_side={"name": "Ahrar al-Sham", "party": "Ahrar al-Sham"},
    )
    b = _unit_report(
        "b", "d2", "Fighters of the Plover Brigade defected to the Nusra Front.", published=None, date=None
    )
    assert clash(a, b) == "different side joined"
