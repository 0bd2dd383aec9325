"""Names across spellings: titles, transliteration, similarity bands, the lexicon."""

from __future__ import annotations

import pytest

from sideswitch.errors import LexiconError
from sideswitch.resolve.names import (
    compare_names,
    load_honorifics,
    name_key,
    name_similarity,
    split_alias,
    strip_honorifics,
    surname_only_match,
)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Qazi Abdul Hai", ("Abdul Hai", ["Qazi"])),
        ("retired Gen. Abdul Jalil Bakhtawar", ("Abdul Jalil Bakhtawar", ["Gen."])),
        ("Lt. Gen. Ahmad Zia Rostami", ("Ahmad Zia Rostami", ["Lt. Gen."])),
        ("Haji Mullah Karim Dadgar", ("Karim Dadgar", ["Haji", "Mullah"])),
        ("First-Lieutenant Pavel Orlov", ("Pavel Orlov", ["First-Lieutenant"])),
        ("former Vice President Anselmo Tovar", ("Anselmo Tovar", ["Vice President"])),
        ("el coronel Ramiro Estrada", ("Ramiro Estrada", ["coronel"])),
        ("el comandante Lucía Ferrer", ("Lucía Ferrer", ["comandante"])),
        ("Abdul Kazi Hai", ("Abdul Kazi Hai", [])),  # a title word inside a name stays
        ("General", ("General", [])),  # nothing but a title: unchanged
        ("El Tigre", ("El Tigre", [])),  # an article not before a title stays
    ],
)
def test_strip_honorifics(name, expected):
    assert strip_honorifics(name) == expected


def test_split_alias():
    assert split_alias("Jorge Pardo alias El Zorro") == ("Jorge Pardo", "El Zorro")
    assert split_alias("Luis Pardo (a.k.a. Mono Rojo)") == ("Luis Pardo", "Mono Rojo")
    assert split_alias("Ana Alias") == ("Ana Alias", None)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Qazi Abdul Hai", "Qazi Abdulhai"),
        ("Qazi Abdul Hai", "Abdul Hai"),
        ("Qazi Abdulhai", "Abdul Hai"),
        ("Riad Hijab", "Riyad Hijab"),
        ("Farouq al-Shara", "Faruq al-Shara"),
        ("Farouq al-Shara", "Farouk al-Sharaa"),
        ("Maksim Kuzminov", "Maxim Kuzminov"),
        ("Gulbuddin Hekmatyar", "Gulbuddin Hikmatyar"),
        ("Mawlawi Nur Zaman", "Maulvi Noor Zaman"),
    ],
)
def test_spelling_variants_score_high(a, b):
    assert name_similarity(a, b) >= 0.9
    assert name_similarity(b, a) == name_similarity(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Abdul Kazi Hai", "Qazi Abdul Hai"),  # same parts re-ordered, a title used as a name
        ("Monsif Khan", "Museeb Khan"),  # shared surname, similar given names
        ("Abdul Jalil Bakhtawar", "Abdul Bakhtawar"),  # a middle name missing
        ("Hai", "Qazi Abdul Hai"),  # a lone surname
    ],
)
def test_possible_matches_score_medium(a, b):
    assert 0.6 <= name_similarity(a, b) < 0.9


@pytest.mark.parametrize(
    "a, b",
    [
        ("Abdul Hai", "Abdul Haq"),
        ("Mohammad Khan", "Mohammad Karim"),
        ("Jalil Bakhtawar", "Karim Bakhtawar"),
        ("Riad Hijab", "Omar Sefati"),
    ],
)
def test_different_people_score_low(a, b):
    assert name_similarity(a, b) < 0.6


def test_name_key_is_ascii_without_titles():
    assert name_key("Mawlawi Abdulhai al-Sharaa") == "abdul hai al shara"
    assert name_key("el sargento José Núñez") == name_key("Jose Nunez")


def test_compare_names_explains():
    why = compare_names("Abdul Kazi Hai", "Qazi Abdul Hai").why
    assert "only in one: kazi" in why and "title in one name" in why


def test_surname_only_match():
    assert surname_only_match("Hai", "Qazi Abdul Hai")
    assert surname_only_match("Bakhtawar", "Abdul Jalil Bakhtawar")
    assert not surname_only_match("Jalil", "Abdul Jalil Bakhtawar")  # not the surname
    assert not surname_only_match("Abdul", "Abdul Hai")  # generic part
    assert not surname_only_match("Haq", "Qazi Abdul Hai")


def test_lexicon_problems_are_all_reported_with_lines(tmp_path):
    bad = tmp_path / "honorifics.yaml"
    bad.write_text(
        "titles:\n"
        "  - {title: General, kind: military, variants: [General, Gen.]}\n"
        "  - {title: Gunner, kind: artillery, variants: [Gen]}\n"
        "  - {title: Colonel}\n"
        "joined_prefixes: [abdul]\n"
        "nicknames: []\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as err:
        load_honorifics(bad)
    assert err.value.problems == [
        (3, "unknown kind 'artillery' (expected: religious, military, civil, courtesy)"),
        (3, "variant 'Gen' is listed under 'General' and 'Gunner'"),
        (4, "missing required key 'kind'"),
        (4, "missing required key 'variants'"),
        (5, "joined prefix 'abdul' is not in generic_parts"),
        (
            6,
            "unknown key 'nicknames' (expected one of: titles, modifiers, alias_markers, generic_parts, "
            "joined_prefixes, whole_names)",
        ),
    ]
    assert str(err.value).startswith("lexicon '" + str(bad) + "' has 6 problems:\n  - line 3: unknown kind 'artillery'")


def test_shipped_lexicon_loads():
    lex = load_honorifics()
    assert lex.titles[("qazi",)] == lex.titles[("kazi",)] == "Qazi"
