"""Places stage: gazetteer keys, text matching, precision rules, data validation.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sideswitch.errors import LexiconError
from sideswitch.extract.places import Gazetteer, Place
from sideswitch.lexicon.gazetteer import DATA_DIR, Tables
from sideswitch.lexicon.placedata import (
    exact_key,
    fold,
    phonetic_key,
    read_countries,
    read_cues,
    read_stopwords,
    read_variants,
)


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.default()


def where(places: list[Place]) -> list[tuple]:
    return [(p.surface, p.precision, p.place, p.admin1, p.country) for p in places]


# --- keys -------------------------------------------------------------------


def test_fold_and_exact_key():
    assert fold("Mazār-e Sharīf") == "mazar e sharif"
    assert fold("Qal`ah-ye Shahr") == "qalah ye shahr"
    assert exact_key("Sari Pul") == exact_key("Saripul") == "saripul"


@pytest.mark.parametrize(
    "a,b",
    [
        ("Sar-e Pol", "Sar-i-Pul"),
        ("Sar-e-Pol", "Saripul"),
        ("Konar", "Kunar"),
        ("Deir ez-Zor", "Deir al-Zor"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Oruzgan", "Uruzgan"),
        ("Taloqan", "Taluqan"),
        ("Vardak", "Wardak"),
    ],
)
def test_phonetic_key_joins_spellings(a, b):
    assert phonetic_key(a) == phonetic_key(b)


def test_phonetic_key_keeps_different_names_apart():
    assert phonetic_key("Herat") != phonetic_key("Helmand")
    assert phonetic_key("Kabul") != phonetic_key("Kunduz")


# --- admin1 -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thirty militiamen gave up their guns in the northern province of Sar-e-Pol.",
        "Thirty militiamen gave up their guns in Sar-e Pol province.",
        "Thirty militiamen gave up their guns in Sar-e-Pul.",
        "Thirty militiamen gave up their guns in Saripul.",
        "Thirty militiamen gave up their guns in Sari Pul.",
        "Thirty militiamen gave up their guns in Sar-i-Pol.",
    ],
)
def test_sar_e_pol_spellings(g, text):
    (hit,) = g.find(text)
    assert (hit.admin1, hit.country) == ("Sar-e Pol", "Afghanistan")


def test_province_of_gives_admin1_precision(g):
    (hit,) = g.find("Fighting flared in the northern province of Sar-e-Pol on Friday.")
    assert (hit.surface, hit.precision, hit.place) == ("Sar-e-Pol", "admin1", None)


@pytest.mark.parametrize(
    "text,admin1,country",
    [
        ("A unit switched sides in Kunar province last week.", "Konar", "Afghanistan"),
        ("A unit switched sides in Konar province last week.", "Konar", "Afghanistan"),
        ("Defectors were received in Borno State on Monday.", "Borno", "Nigeria"),
        ("Two pilots flew out of Kharkiv oblast.", "Kharkiv", "Ukraine"),
        ("Troops pulled back across the Kharkiv region.", "Kharkiv", "Ukraine"),
        ("Rebels gained ground in northern Shan State.", "Shan", "Myanmar"),
        ("Guerrillas handed in rifles in the Norte de Santander department.", "Norte de Santander", "Colombia"),
        ("The garrison in Deir al-Zor province melted away.", "Deir ez-Zor", "Syria"),
        ("Several officers slipped away from Deraa province.", "Daraa", "Syria"),
        ("The army lost control of parts of Sagaing region.", "Sagain", "Myanmar"),
    ],
)
def test_admin1_with_suffix(g, text, admin1, country):
    hits = [h for h in g.find(text) if h.precision == "admin1"]
    assert [(h.admin1, h.country) for h in hits] == [(admin1, country)]


def test_list_of_provinces_shares_the_cue(g):
    got = where(g.find("The men came from Paktia, Paktika and Khost provinces."))
    assert [a for _, _, _, a, _ in got] == ["Paktia", "Paktika", "Khowst"]
    assert got[-1][:2] == ("Khost provinces", "admin1")


def test_admin1_centroid(g):
    lat, lon = g.admin1_centroid("Afghanistan", "Kunar")
    assert 34 < lat < 36 and 70 < lon < 72
    assert g.admin1_centroid("Syria", "Deir al-Zor") == g.admin1_centroid("SY", "Deir ez-Zor")
    assert g.admin1_centroid("Afghanistan", "Atlantis") is None


# --- towns ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,hint,place,admin1,country",
    [
        ("Shots were fired near Asadabad overnight.", "Afghanistan", "Asadabad", "Konar", "Afghanistan"),
        ("The defectors reached Laukkai by truck.", None, "Laukkai", "Shan", "Myanmar"),
        ("The defectors reached Laukkaing by truck.", None, "Laukkai", "Shan", "Myanmar"),
        ("Four guardsmen walked into Cúcuta at dawn.", None, "Cucuta", "Norte de Santander", "Colombia"),
        ("Four guardsmen walked into Cucuta at dawn.", None, "Cucuta", "Norte de Santander", "Colombia"),
        ("A commander surrendered in Mazar-e-Sharif.", None, "Mazar-e Sharif", "Balkh", "Afghanistan"),
        ("A commander surrendered in Mazar-i-Sharif.", None, "Mazar-e Sharif", "Balkh", "Afghanistan"),
        ("Elders in Taloqan brokered the handover.", None, "Taloqan", "Takhar", "Afghanistan"),
        ("Elders in Taluqan brokered the handover.", None, "Taloqan", "Takhar", "Afghanistan"),
        ("Nobody expected the attack on Kabul.", None, "Kabul", "Kabul", "Afghanistan"),
    ],
)
def test_towns_carry_admin1_and_country(g, text, hint, place, admin1, country):
    (hit,) = g.find(text, country_hint=hint)
    assert (hit.precision, hit.place, hit.admin1, hit.country) == ("place", place, admin1, country)
    assert text[hit.start : hit.end] == hit.surface


def test_town_resolved_by_admin1_named_elsewhere(g):
    got = where(g.find("The fighters gave up in Asadabad, the capital of Kunar."))
    assert got == [
        ("Asadabad", "place", "Asadabad", "Konar", "Afghanistan"),
        ("Kunar", "admin1", None, "Konar", "Afghanistan"),
    ]


def test_country_hint_picks_among_namesakes(g):
    assert g.lookup("Asadabad", country_hint="Afghanistan").country == "Afghanistan"
    assert g.lookup("Asadabad", country_hint="Iran").country == "Iran"


def test_district_suffix_and_added_places(g):
    (hit,) = g.find("Clashes went on in the Bala Boluk district of Farah.", country_hint="AF")[:1]
    assert (hit.place, hit.admin1, hit.surface) == ("Bala Buluk", "Farah", "Bala Boluk district")
    (zone,) = g.find("Fighters in the Kokang region handed over their guns.")
    assert (zone.precision, zone.admin2, zone.admin1, zone.country) == (
        "admin2",
        "Kokang Self-Administered Zone",
        "Shan",
        "Myanmar",
    )


def test_longest_match_wins(g):
    (hit,) = g.find("Army posts in Kokang Self-Administered Zone fell silent.")
    assert hit.surface == "Kokang Self-Administered Zone"


def test_mentions_are_ordered_and_do_not_overlap(g):
    got = g.find("Venezuelan soldiers crossed from Venezuela into Colombia and reached Cucuta.")
    assert [p.surface for p in got] == ["Venezuela", "Colombia", "Cucuta"]
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))


# --- precision --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Abdul Hai, a former police chief, joined the insurgents on Tuesday.",
        "Mirwais Khan told reporters that forty men had laid down arms.",
        "Commander Jalil said his men were tired of the war.",
        "Gen. Kandahar was not a real officer.",
        "Reuters reported that March was the deadliest month.",
        "Farah Ahmed, a spokeswoman, declined to comment.",
        "The Afghan Taliban welcomed the new recruits.",
        "Jackson and Lincoln said they would leave soon.",
        "Hope and Victory were the names of the two patrol boats.",
    ],
)
def test_no_place_in_names_and_common_words(g, text):
    assert g.find(text, country_hint="Afghanistan") == []


def test_speech_verb_blocks_only_without_cue(g):
    assert g.find("Farah said the convoy left.") == []
    got = where(g.find("Officials in Herat and Farah confirmed the surrender."))
    assert [p for _, _, p, _, _ in got] == ["Herat", "Farah"]


def test_group_names_are_not_places(g):
    got = where(g.find("Soldiers from Rakhine State fought the Arakan Army."))
    assert got == [("Rakhine State", "admin1", None, "Rakhine", "Myanmar")]


def test_demonyms_are_not_places_unless_asked(g):
    assert g.find("Syrian and Pakistani officers met.") == []
    got = g.find("Syrian and Pakistani officers met.", demonyms=True)
    assert [(p.country, p.precision) for p in got] == [("Syria", "country"), ("Pakistan", "country")]


def test_foreign_village_is_not_taken(g):
    # Baga in Spain and India is a village; in a Nigerian story only the Nigerian one counts.
    (hit,) = [p for p in g.find("Troops in Nigeria retook Baga on the lake shore.") if p.precision == "place"]
    assert (hit.admin1, hit.country) == ("Borno", "Nigeria")
    assert g.find("In the Colombian story a man from Pech appears.", country_hint="Colombia") == []


# --- countries and demonyms -------------------------------------------------


@pytest.mark.parametrize(
    "name,country",
    [
        ("Afghan", "Afghanistan"),
        ("Syrian", "Syria"),
        ("Venezuelan", "Venezuela"),
        ("Nigerian", "Nigeria"),
        ("Burmese", "Myanmar"),
        ("Myanmar", "Myanmar"),
        ("Burma", "Myanmar"),
        ("U.S.", "United States"),
        ("Kyiv", "Ukraine"),
        ("Türkiye", "Turkey"),
        ("Turkey", "Turkey"),
        ("Jordan", "Jordan"),
        ("Ukrainian", "Ukraine"),
        ("Russian", "Russia"),
        ("Colombia", "Colombia"),
        ("India", "India"),
        ("Syrian Arab Republic", "Syria"),
        ("AF", "Afghanistan"),
    ],
)
def test_country_of(g, name, country):
    assert g.country_of(name) == country


def test_country_of_unknown_and_lower_case_short_forms(g):
    assert g.country_of("us") is None
    assert g.country_of("Qwxzt") is None


def test_short_country_forms_need_capitals(g):
    assert [p.surface for p in g.find("Let Us wait for the US and U.S. envoys.")] == ["US", "U.S."]


def test_country_mention_has_country_precision(g):
    (hit,) = g.find("Dozens of conscripts fled to Turkey.")
    assert hit.to_contract() == {
        "place": None,
        "admin2": None,
        "admin1": None,
        "country": "Turkey",
        "lat": hit.lat,
        "lon": hit.lon,
        "precision": "country",
    }
    assert 36 < hit.lat < 42


# --- lookup -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name,precision,admin1,country",
    [
        ("Kunar province", "admin1", "Konar", "Afghanistan"),
        ("province of Kunar", "admin1", "Konar", "Afghanistan"),
        ("Mazar-i-Sharif", "place", "Balkh", "Afghanistan"),
        ("Dayr az Zawr", "place", "Deir ez-Zor", "Syria"),
        ("Helmand", "admin1", "Helmand", "Afghanistan"),
        ("Kunduz", "place", "Kunduz", "Afghanistan"),
    ],
)
def test_lookup(g, name, precision, admin1, country):
    hit = g.lookup(name)
    assert (hit.precision, hit.admin1, hit.country) == (precision, admin1, country)


def test_lookup_near_spelling_and_miss(g):
    assert g.lookup("Nangarharr").admin1 == "Nangarhar"
    assert g.lookup("Xqzvbnmw") is None


# --- loading ----------------------------------------------------------------


def test_default_is_cached_and_pickles_cheaply(g):
    assert Gazetteer.default() is g
    assert pickle.loads(pickle.dumps(g)) is g
    assert len(pickle.dumps(g)) < 200


def test_tables_have_every_country_and_many_places(g):
    t = g.tables
    assert len(t.rows) > 150_000 and len(t.a1_name) > 4000
    assert {"AF", "SY", "MM", "UA", "CO", "NG", "VE", "IN", "JO", "TR"} <= {c for c in t.a1_cc}


# --- data validation ----------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_data_is_valid():
    cues = read_cues(DATA_DIR / "cues.yaml")
    assert "in" in cues["locative"] and "province" in cues["admin1_words"]
    assert read_stopwords(DATA_DIR / "stopwords.yaml")["reuters"] == "organisations"
    names, keys, demonyms = read_countries(DATA_DIR / "countries.yaml")
    assert names["SY"] == "Syria" and demonyms["afghan"] == "AF"
    assert read_variants(DATA_DIR / "variants.yaml", keys)


def test_stopword_duplicates_are_reported_with_lines(tmp_path):
    path = write(
        tmp_path, "stopwords.yaml", "common_words: [May, June]\npersonal_names: [Khan,\n  May]\norganisations: []\n"
    )
    with pytest.raises(LexiconError) as err:
        read_stopwords(path)
    assert str(err.value) == "lexicon 'stopwords.yaml' has 1 problem:\n  - line 3: 'May' is already listed at line 1"


def test_variant_problems_are_all_reported(tmp_path):
    _, keys, _ = read_countries(DATA_DIR / "countries.yaml")
    path = write(
        tmp_path,
        "variants.yaml",
        (
            "admin1:\n"
            "  - {country: Atlantis, admin1: Konar, variants: [Kunar]}\n"
            "  - {country: Afghanistan, admin1: Konar, variants: Kunar}\n"
            "places:\n"
            "  - {country: Afghanistan, name: Foo, variants: [], colour: red}\n"
        ),
    )
    with pytest.raises(LexiconError) as err:
        read_variants(path, keys)
    assert err.value.problems == [
        (2, "unknown country 'Atlantis'"),
        (3, "variants should be a list (got a string)"),
        (
            5,
            "unknown key 'colour' (expected one of: country, variants, admin1, admin2, name, "
            "lat, lon, population, precision)",
        ),
    ]


def data_copy(tmp_path: Path, variants: str) -> Path:
    """The shipped data with ``variants`` as variants.yaml (big tables linked, not copied)."""
    for name in ("cues.yaml", "stopwords.yaml", "countries.yaml"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    for name in ("admin1.tsv", "places.tsv.gz", "place_keys.tsv.gz", "place_sounds.tsv.gz"):
        (tmp_path / name).symlink_to(DATA_DIR / name)
    write(tmp_path, "variants.yaml", variants)
    return tmp_path


def test_variant_must_point_at_a_known_admin1(tmp_path):
    data_copy(tmp_path, "places:\n  - {country: Syria, admin1: Narnia, name: Nowhere, variants: []}\n")
    with pytest.raises(LexiconError, match=r"line 2: no admin1 'Narnia' in Syria"):
        Tables(tmp_path)


def test_table_from_another_build_is_refused(tmp_path):
    data_copy(tmp_path, "admin1: []\n")
    (tmp_path / "admin1.tsv").unlink()
    write(tmp_path, "admin1.tsv", "# some other format\ncc\tname\n")
    with pytest.raises(LexiconError, match=r"rebuild with scripts/build_gazetteer.py"):
        Tables(tmp_path)


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Gazetteer:
    """The gazetteer with an empty variants.yaml."""
    return Gazetteer(data_copy(tmp_path_factory.mktemp("bare"), "admin1: []\n"))


@pytest.mark.parametrize(
    "name,admin1",
    [
        ("Sar-i-Pul", "Sar-e Pol"),
        ("Saripul", "Sar-e Pol"),
        ("Sari Pul", "Sar-e Pol"),
        ("Kunar", "Konar"),
        ("Uruzgan", "Oruzgan"),
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Deir al-Zour", "Deir ez-Zor"),
        ("Raqqa", "Ar-Raqqah"),
    ],
)
def test_general_mechanisms_need_no_variants_file(bare, name, admin1):
    (hit,) = bare.find(f"Fighting went on in {name} province.")
    assert hit.admin1 == admin1
    assert pickle.loads(pickle.dumps(bare)).data_dir == bare.data_dir


WORDS = [
    "in",
    "near",
    "Kabul",
    "Farah",
    "said",
    "Gen.",
    "Abdul",
    "Hai",
    "province",
    "of",
    "the",
    "Sar-e-Pol",
    "Syrian",
    "May",
    "Kunar",
    "and",
    ",",
    ".",
    "Cúcuta",
    "Khan",
    "State",
    "Borno",
    "x",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=25))
def test_find_offsets_are_sound(words):
    text = " ".join(words)
    got = Gazetteer.default().find(text)
    assert all(text[p.start : p.end] == p.surface for p in got)
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))
    assert all(p.precision in ("place", "admin2", "admin1", "country") for p in got)
