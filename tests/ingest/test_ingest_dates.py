"""Publication dates to ISO, and the language guess."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sideswitch.ingest import guess_language, normalize_published

SPANISH = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2013-10-21", "2013-10-21"),
        ("2013-10-21T23:59:00+09:00", "2013-10-21"),
        ("2013-10-21 14:00", "2013-10-21"),
        ("Mon, 21 Oct 2013 22:00:00 -0700", "2013-10-21"),
        ("Oct. 21, 2013", "2013-10-21"),
        ("21 October 2013", "2013-10-21"),
        ("21.10.2013", "2013-10-21"),
        ("20131021", "2013-10-21"),
        ("lunes, 21 de octubre de 2013", "2013-10-21"),
        ("5 de marzo del 2020", "2020-03-05"),
        (dt.date(2013, 10, 21), "2013-10-21"),
        (dt.datetime(2013, 10, 21, 23, 0), "2013-10-21"),
        (time.struct_time((2013, 10, 21, 0, 0, 0, 0, 294, 0)), "2013-10-21"),
        (1382313600, "2013-10-21"),
        (1382313600000, "2013-10-21"),
        ("1382313600", "2013-10-21"),
    ],
)
def test_dates(value, iso):
    assert normalize_published(value) == iso


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "2013",
        "October 2013",
        "Monday",
        "2013-02-30",
        "0001-01-01",
        "9999-12-31",
        "3 hours ago",
        "n/a",
        True,
        [2013, 10, 21],
    ],
)
def test_not_dates(value):
    assert normalize_published(value) is None


def test_day_first_only_when_asked():
    assert normalize_published("03/04/2012") == "2012-03-04"
    assert normalize_published("03/04/2012", dayfirst=True) == "2012-04-03"
    assert normalize_published("25/04/2012") == "2012-04-25"  # unambiguous either way


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_renderings_round_trip(d):
    renderings = [
        d.isoformat(),
        d.strftime("%d %B %Y"),
        d.strftime("%B %d, %Y"),
        d.strftime("%a, %d %b %Y 12:00:00 +0000"),
        f"{d.day} de {SPANISH[d.month - 1]} de {d.year}",
    ]
    assert {normalize_published(r) for r in renderings} == {d.isoformat()}


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The soldiers said that they had left the base with their rifles and were now in the hills.", "en"),
        ("Los soldados dijeron que se fueron de la base con sus fusiles y que ahora están en las montañas.", "es"),
        ("Kessel Orvale Marren", None),
        ("", None),
    ],
)
def test_language_guess(text, lang):
    assert guess_language(text) == lang
