"""Sentence splitting, language detection, counts and weapons (own fixtures)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sideswitch.extract.counts import count_people, find_weapons, parse_number
from sideswitch.extract.text import detect_language, split_sentences
from sideswitch.lexicon.langdata import available_languages, language_data

EN = language_data("en")
ES = language_data("es")


def test_abbreviations_do_not_end_sentences():
    text = "Lt. Col. Omar Faizi left on Monday. He joined the rebels.\n\nThe U.S. embassy said nothing."
    got = [s.text for s in split_sentences(text)]
    assert got == ["Lt. Col. Omar Faizi left on Monday.", "He joined the rebels.", "The U.S. embassy said nothing."]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_sentence_offsets_index_the_text(text):
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text and s.text.strip() == s.text and s.text


def test_language_detection():
    assert detect_language("Cuatro soldados desertaron y se entregaron a las autoridades del puesto.") == "es"
    assert detect_language("Four soldiers deserted and gave themselves up to the border police.") == "en"
    assert set(available_languages()) >= {"en", "es"}


@pytest.mark.parametrize(
    "token,value",
    [("4,000", 4000), ("Eleven", 11), ("two-thousand", 2000), ("twenty-five", 25), ("dozen", 12), ("13", 13)],
)
def test_parse_number(token, value):
    assert parse_number(token, EN) == value


@pytest.mark.parametrize(
    "clause,leader,expected",
    [
        ("a sergeant and 9 junior soldiers joined the insurgents", True, (10, 10)),
        ("nine or ten guards with their captain crossed over", True, (10, 11)),
        ("defected with 300 men", True, (301, 301)),
        ("along with three of his bodyguards", True, (4, 4)),
        ("Twelve border policemen deserted", False, (12, 12)),
        ("Dozens of militiamen laid down their arms", False, (24, 99)),
        ("some 50 fighters surrendered", False, (45, 55)),
        ("more than 1,000 fighters surrendered", False, (1000, 1500)),
        ("410 soldiers, including two colonels, and 90 family members surrendered", False, (410, 410)),
        ("Three rebel commanders, 8 fighters and 20 relatives gave themselves up", False, (11, 11)),
        ("He defected to the rebels", True, (1, 1)),
        ("soldiers defected in 2014", False, None),
    ],
)
def test_count_people(clause, leader, expected):
    assert count_people(clause, EN, leader=leader) == expected


def test_spanish_counts():
    assert count_people("tres guardias nacionales desertaron", ES) == (3, 3)
    assert count_people("decenas de guerrilleros se desmovilizaron", ES) == (24, 99)


def test_weapons_taken_along():
    got = find_weapons("taking with them 7 AK-47 rifles, a Humvee and two heavy machine guns", EN)
    assert {"item": "AK-47 rifle", "count": 7} in got and {"item": "machine gun", "count": 2} in got
    assert any(w["item"] == "Humvee" for w in got)
    assert find_weapons("they laid down their arms", EN) == []
