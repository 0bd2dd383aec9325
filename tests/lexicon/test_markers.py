"""The language-independent text markers of lexicon/data/markers.yaml."""

from sideswitch.lexicon.markers import markers


def test_markers_match_what_they_name_and_nothing_else():
    m = markers()
    assert m.photo_credit.search("A checkpoint near Gao. (Photo: Ana Ruiz/REUTERS/Handout)")
    assert not m.photo_credit.search("Photographs of the convoy circulated on Monday.")
    assert m.name_prefix.match("al-Baghdadi") and m.name_prefix.match("abu-Ali")
    assert not m.name_prefix.match("al-qaeda-linked") and not m.name_prefix.match("also")
    assert m.copyright.search("Copyright 2024 Invented Wire. All rights reserved.")
    assert m.stray_prefix.match("published: 2024-05-01 TEXT") and m.stray_prefix.match("Date 2024-05-01T10:00:00Z Body")
    assert not m.stray_prefix.match("Dated letters of 2024-05-01 were found")
    assert m.place_chain.fullmatch(", and ") and m.place_chain.fullmatch(" / ") and m.place_chain.fullmatch(" or ")
    assert not m.place_chain.fullmatch(" near ")


def test_markers_are_compiled_once():
    assert markers() is markers()
