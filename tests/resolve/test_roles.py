"""Generic sides ("the rebels", "government forces") resolved to parties (issue 14)."""

from __future__ import annotations

import pytest

from sideswitch.errors import LexiconError
from sideswitch.lexicon.generic_sides import load_generic_sides
from sideswitch.resolve.merge import Report
from sideswitch.resolve.roles import resolve_sides


def mention(frm, to, *, country="Nigeria", day="2024-03-03", frm_party=None, to_party=None):
    return {
        "id": "d1#1",
        "from_side": {"name": frm, "party": frm_party} if frm else None,
        "to_side": {"name": to, "party": to_party} if to else None,
        "location": {"country": country},
        "date": {"earliest": day, "latest": day} if day else None,
        "sources": [{"doc": "d1", "published": day}],
    }


def test_role_phrases_come_from_the_data_in_every_language():
    roles = load_generic_sides()
    assert roles.role_of("The armed rebels") == "rebels"
    assert roles.role_of("fuerzas gubernamentales") == "government"
    assert roles.role_of("les rebelles") == "rebels"
    assert roles.role_of("Free Syrian Army") is None


def test_government_role_is_the_state_of_the_country_that_year_and_the_other_its_adversary():
    m = mention("the militants", "troops")
    resolve_sides(m)
    assert m["to_side"] == {
        "name": "troops",
        "party": "Nigerian military",
        "party_source": "lexicon",
        "generic": "government",
    }
    assert m["from_side"]["party"] == "Boko Haram"
    assert m["from_side"]["party_source"] == "conflict context"
    assert m["from_side"]["name"] == "the militants"  # the name as the source wrote it stays


def test_the_period_decides_who_the_government_is():
    before, after = (
        mention("the rebels", "government forces", country="Afghanistan", day="2015-05-01"),
        mention("the rebels", "government forces", country="Afghanistan", day="2023-05-01"),
    )
    resolve_sides(before)
    resolve_sides(after)
    assert before["to_side"]["party"] == "Afghan government"
    assert after["to_side"]["party"] == "Taliban"
    assert before["from_side"]["party"] == "Taliban"  # the adversary of the government of 2015
    assert after["from_side"]["party"] != "Taliban"


def test_a_stated_party_is_kept_and_marked_stated():
    m = mention("army", "the rebels", country="Syria", day="2013-01-01", frm_party="Syrian government")
    resolve_sides(m)
    assert m["from_side"] == {"name": "army", "party": "Syrian government", "party_source": "stated"}
    assert m["to_side"]["party_source"] == "conflict context"
    assert m["to_side"]["party"] != "Syrian government"


def test_no_fitting_party_gives_the_unresolved_bucket_of_country_and_role():
    m = mention("the opposition", None, country="Iceland")
    resolve_sides(m)
    assert m["from_side"]["party"] == "unresolved: Iceland opposition"
    assert m["from_side"]["party_source"] == "unresolved"
    no_country = mention("insurgents", None, country=None)
    resolve_sides(no_country)
    assert no_country["from_side"]["party"] == "unresolved: insurgents"


def test_a_side_named_by_a_role_still_fits_any_party_when_merging():
    m = mention("the militants", "Nigerian Army", to_party="Nigerian military")
    resolve_sides(m)
    assert m["from_side"]["party"] == "Boko Haram"
    report = Report.of({**m, "stage": "completed", "kind": "surrender"})
    assert report.left is None  # as before resolution: "militants" may be any group of the conflict
    assert report.joined is not None and report.joined[0] == "nigerian-military"


def test_a_phrase_under_two_roles_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "generic.yaml"
    bad.write_text(
        "roles:\n  rebels: {label: rebels, kinds: [rebel]}\n  militants: {label: militants, kinds: [jihadist]}\n"
        "phrases:\n  en:\n    rebels: [rebels]\n    militants: [militants, rebels]\n"
        "drop:\n  en: [the]\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as e:
        load_generic_sides(bad)
    assert "listed under 'rebels' and 'militants'" in str(e.value)
    assert "line 7" in str(e.value)
