"""Actors: who is the same person across events, who possibly is, and stable ids."""

from __future__ import annotations

from sideswitch.resolve.actors import resolve_actors, summarize_actor

GOV, TAL, HIZ = "Government of Afghanistan", "Taliban", "Hezb-e-Islami"


def by_event(actors, mapping, event_id):
    return next(a for a in actors if a["id"] == mapping[event_id])


def test_spellings_of_one_person_merge(make_event):
    events = [
        make_event("e1", "Qazi Abdul Hai", day="2014-05-02", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e2", "Abdul Hai", day="2016-01-10", frm=GOV, to=TAL, country="Afghanistan"),
        make_event("e3", "Qazi Abdulhai", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e4", "Riad Hijab", day="2012-08-06", frm="Government of Syria", to="Opposition"),
        make_event("e5", "Riyad Hijab", aliases=["Riyad Farid Hijab"], day="2012-08-07"),
    ]
    actors, mapping = resolve_actors(events)
    assert len(actors) == 2
    hai = by_event(actors, mapping, "e1")
    assert mapping["e2"] == mapping["e3"] == hai["id"]
    assert hai["name"] == "Qazi Abdul Hai"
    assert hai["aliases"] == ["Abdul Hai", "Qazi Abdulhai"]
    hijab = by_event(actors, mapping, "e4")
    assert mapping["e5"] == hijab["id"] and hijab["name"] == "Riyad Farid Hijab"


def test_history_in_time_order_undated_last(make_event):
    events = [
        make_event("late", "Maxim Kuzminov", day="2023-08-09", frm="Russia", to="Ukraine"),
        make_event("undated", "Maksim Kuzminov", frm="Ukraine", to="Russia"),
        make_event(
            "early", "Maksim Kuzminov", day=("2021-01-01", "2021-12-31"), frm="Russia", to="Ukraine", stage="offered"
        ),
    ]
    (actor,), _ = resolve_actors(events)
    assert [h["event_id"] for h in actor["history"]] == ["early", "late", "undated"]
    first = actor["history"][0]
    assert first == {
        "event_id": "early",
        "date": {"earliest": "2021-01-01", "latest": "2021-12-31"},
        "kind": "defection",
        "stage": "offered",
        "from": {"name": "Russia", "party": "Russia"},
        "to": {"name": "Ukraine", "party": "Ukraine"},
        "evidence": "Evidence sentence for early.",
        "doc": "doc-early",
    }
    assert summarize_actor(actor) == {"switches": 2, "offered": 1, "first": "2021-01-01", "last": "2023-08-09"}


def test_generic_parts_only_do_not_merge(make_event):
    events = [
        make_event("e1", "Abdul Hai", day="2014-05-02", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e2", "Abdul Haq", day="2014-05-02", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e3", "Mohammad Khan", day="2014-06-02", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e4", "Mohammad Karim", day="2014-06-02", frm=TAL, to=GOV, country="Afghanistan"),
    ]
    actors, mapping = resolve_actors(events)
    assert len(set(mapping.values())) == 4
    assert all(a["possibly_same"] == [] for a in actors)


def test_same_surname_different_given_names_different_parties_and_years(make_event):
    events = [
        make_event("e1", "Abdul Jalil Bakhtawar", day="2009-03-01", frm=TAL, to=GOV, country="Afghanistan"),
        make_event(
            "e2",
            "Abdul Karim Bakhtawar",
            day="2017-10-01",
            frm="Government of Pakistan",
            to="Tehrik-i-Taliban Pakistan",
            country="Pakistan",
        ),
    ]
    actors, mapping = resolve_actors(events)
    assert mapping["e1"] != mapping["e2"]
    assert all(a["possibly_same"] == [] for a in actors)


def test_medium_similarity_is_possibly_same_never_merged(make_event):
    events = [
        make_event("e1", "Qazi Abdul Hai", day="2014-05-02", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e2", "Abdul Kazi Hai", day="2015-02-01", frm=TAL, to=GOV, country="Afghanistan"),
    ]
    actors, mapping = resolve_actors(events)
    assert mapping["e1"] != mapping["e2"]
    link = by_event(actors, mapping, "e1")["possibly_same"][0]
    assert link["actor_id"] == mapping["e2"] and 0.6 <= link["score"] < 1
    assert "title in one name and a name part in the other" in link["why"]


def test_lone_surname_is_possibly_same(make_event):
    events = [
        make_event("e1", "retired Gen. Abdul Jalil Bakhtawar", day="2010-04-01", frm=GOV, to=TAL),
        make_event("e2", "Bakhtawar", day="2013-09-01", frm=TAL, to=GOV),
    ]
    actors, mapping = resolve_actors(events)
    assert mapping["e1"] != mapping["e2"]
    short = by_event(actors, mapping, "e2")
    assert [p["actor_id"] for p in short["possibly_same"]] == [mapping["e1"]]
    assert "only the surname is given" in short["possibly_same"][0]["why"]


def test_context_raises_similar_names_to_possibly_same(make_event):
    def pair(day2, to2, province2):
        return [
            make_event("e1", "Monsif Khan", day="2012-03-01", frm=GOV, to=HIZ, country="Afghanistan", admin1="Kunar"),
            make_event("e2", "Museeb Khan", day=day2, frm=GOV, to=to2, country="Afghanistan", admin1=province2),
        ]

    actors, mapping = resolve_actors(pair("2012-03-05", HIZ, "Kunar"))
    assert mapping["e1"] != mapping["e2"]
    link = by_event(actors, mapping, "e1")["possibly_same"][0]
    assert link["score"] >= 0.9
    assert link["why"] == (
        "Monsif Khan / Museeb Khan: shares khan; similar monsif~musib; "
        "same move Government of Afghanistan -> Hezb-e-Islami in Kunar within 7 days"
    )
    far, far_map = resolve_actors(pair("2013-07-01", TAL, "Helmand"))
    assert by_event(far, far_map, "e1")["possibly_same"][0]["score"] < link["score"]


def test_unnamed_defectors_get_no_actor(make_event):
    actors, mapping = resolve_actors([make_event("e1", None), make_event("e2", "Riad Hijab")])
    assert list(mapping) == ["e2"] and len(actors) == 1


def test_ids_are_stable_and_survive_incremental_updates(make_event):
    first = [make_event("e2", "Qazi Abdul Hai", day="2015-01-01"), make_event("e3", "Riad Hijab", day="2012-08-06")]
    actors1, map1 = resolve_actors(first)
    assert resolve_actors(list(reversed(first)))[1] == map1  # order of input does not matter
    assert all(a["id"].startswith("actor-") and len(a["id"]) == 16 for a in actors1)
    # An earlier report under another spelling arrives: without `previous` the
    # id would follow the new first-seen name; with it, the id is kept.
    second = first + [make_event("e1", "Qazi Abdulhai Sharifi", aliases=["Qazi Abdul Hai"], day="2013-01-01")]
    fresh = resolve_actors(second)[1]
    kept_actors, kept = resolve_actors(second, previous=actors1)
    assert fresh["e1"] == fresh["e2"] != map1["e2"]
    assert kept["e1"] == kept["e2"] == map1["e2"]
    assert kept["e3"] == map1["e3"]
    assert len({a["id"] for a in kept_actors}) == len(kept_actors)


def test_two_groups_with_the_same_first_name_get_distinct_ids(make_event):
    events = [
        make_event("e1", "Mohammad Khan", day="2010-01-01", frm=TAL, to=GOV, country="Afghanistan"),
        make_event(
            "e2", "Mohammad Khan", day="2019-01-01", frm="Government of Syria", to="Opposition", country="Syria"
        ),
    ]
    actors, mapping = resolve_actors(events)
    assert mapping["e1"] != mapping["e2"]
    assert mapping["e2"] == mapping["e1"] + "-2"
    assert actors[0]["possibly_same"][0]["actor_id"] == mapping["e2"]


def test_nom_de_guerre_links_real_name_and_nickname(make_event):
    events = [
        make_event("e1", "Jorge Pardo alias El Zorro", day="2001-01-01"),
        make_event("e2", "El Zorro", day="2002-01-01"),
        make_event("e3", "Jorge Pardo Suárez", day="2003-01-01"),
    ]
    actors, mapping = resolve_actors(events)
    assert len(actors) == 1 and actors[0]["name"] == "Jorge Pardo Suárez"
    assert actors[0]["aliases"] == ["Jorge Pardo alias El Zorro", "El Zorro"]


def test_no_chain_drift_through_a_shorter_name(make_event):
    # "Nur Zaman" fits both, but the two full names conflict (each has a surname the other lacks)
    events = [
        make_event("e1", "Nur Zaman Bakhtawar", day="2001-01-01"),
        make_event("e2", "Nur Zaman", day="2002-01-01"),
        make_event("e3", "Nur Zaman Kakar", day="2003-01-01"),
    ]
    actors, mapping = resolve_actors(events)
    assert mapping["e1"] == mapping["e2"] != mapping["e3"]
    assert [p["actor_id"] for p in by_event(actors, mapping, "e3")["possibly_same"]] == [mapping["e1"]]


def test_a_short_name_fitting_two_people_is_ambiguous(make_event):
    events = [
        make_event("e1", "Nur Zaman Bakhtawar", day="2001-01-01"),
        make_event("e2", "Nur Zaman Kakar", day="2002-01-01"),
        make_event("e3", "Nur Zaman", day="2003-01-01"),
    ]
    actors, mapping = resolve_actors(events)
    assert len(set(mapping.values())) == 3
    assert {p["actor_id"] for p in by_event(actors, mapping, "e3")["possibly_same"]} == {mapping["e1"], mapping["e2"]}


def test_lone_names_merge_only_for_the_same_move_at_the_same_time(make_event):
    events = [
        make_event("e1", "Bakhtawar", day="2013-09-01", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e2", "Bakhtawar", day="2013-09-04", frm=TAL, to=GOV, country="Afghanistan"),
        make_event("e3", "Bakhtawar", day="2016-02-01", frm=TAL, to=GOV, country="Afghanistan"),
    ]
    actors, mapping = resolve_actors(events)
    assert mapping["e1"] == mapping["e2"] != mapping["e3"]
    assert by_event(actors, mapping, "e3")["possibly_same"][0]["actor_id"] == mapping["e1"]


def _said(eid, evidence):
    return [{"doc": f"doc-{eid}", "url": None, "outlet": None, "published": None, "evidence": evidence, "span": [0, 1]}]


def test_history_holds_only_acts_whose_evidence_names_the_defector(make_event):
    """Issue 14: an act whose evidence names another person (a deputy minister) is not added to the
    history of a person the extraction carried over from elsewhere (the vice-president)."""
    own = make_event(
        "vp", "Selim Haddad", day="2013-02-01", sources=_said("vp", "Vice-president Selim Haddad fled to Amman.")
    )
    other = make_event(
        "dm",
        "Selim Haddad",
        day="2013-03-09",
        sources=_said("dm", "Deputy minister Rami Fakhoury announced his defection in a video."),
    )
    by_role = make_event(
        "cmd", "Tarek Osmani", day="2013-04-02", sources=_said("cmd", "A police commander went over to the rebels.")
    )
    actors, mapping = resolve_actors([own, other, by_role])
    haddad = by_event(actors, mapping, "vp")
    assert [h["event_id"] for h in haddad["history"]] == ["vp"]
    assert "dm" not in mapping  # no history, no actor id
    assert "cmd" in mapping  # told by role only, named in the report's next lines: kept
