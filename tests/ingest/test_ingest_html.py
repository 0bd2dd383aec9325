"""HTML pages: main text and metadata."""

from __future__ import annotations

import pytest

from sideswitch.errors import InputError
from sideswitch.ingest import read_path
from sideswitch.ingest.html import document_from_html

PARAS = (
    "<p>Thirty fighters of the Hill Brigade laid down their arms at Orvale on Sunday, local officials said.</p>"
    "<p>They were handed over to the provincial police and will be questioned, a police officer added.</p>"
)


def test_article_page(data_dir):
    (doc,) = read_path(data_dir / "article.html")
    assert (doc.title, doc.outlet, doc.author, doc.url, doc.lang, doc.format) == (
        "Border garrison changes sides in Varnia",
        "The Kessel Ledger",
        "Mara Oduya",
        "https://ledger.example/world/border-garrison",
        "en",
        "html",
    )
    assert doc.published == "2021-05-04"  # the local date, not the UTC one (05-05)
    assert "Forty soldiers of the Provincial Army garrison at Dunmere crossed over" in doc.text
    assert "lowered at dawn." in doc.text
    for boilerplate in ("Reader comment", "All rights reserved", "Sport"):
        assert boilerplate not in doc.text


def test_date_printed_in_the_body_is_not_the_publication_date():
    page = (
        f"<html><head><title>Brigade disarms</title></head><body><article>{PARAS}"
        "<p>The brigade had first clashed with the army on 12 March 2009.</p></article></body></html>"
    )
    doc = document_from_html(page)
    assert doc.published is None


def test_url_falls_back_to_where_the_page_came_from():
    doc = document_from_html(f"<html><body><article>{PARAS}</article></body></html>", url="https://wire.example/x")
    assert doc.url == "https://wire.example/x"


def test_short_page_still_gives_its_text():
    doc = document_from_html("<html><body><p>Nine sailors jumped ship.</p></body></html>")
    assert doc is not None and doc.text == "Nine sailors jumped ship."


def test_legacy_encoding_declared_in_meta(write):
    page = (
        '<html><head><meta charset="windows-1252"><title>Rendición</title></head><body><article>'
        "<p>Un capitán del Frente del Norte se entregó con veinte hombres en la ciudad de Orvale, "
        "según informó la policía de la provincia.</p></article></body></html>"
    ).encode("cp1252")
    (doc,) = read_path(write("es.html", page))
    assert "se entregó con veinte hombres" in doc.text and doc.lang == "es"


@pytest.mark.parametrize(
    "page", ["<html><body></body></html>", "<html><body><script>var x = 1;</script></body></html>"]
)
def test_page_without_text_is_a_problem(write, page):
    path = write("blank.html", page)
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"cannot read '{path}': no article text found in the page"


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>Two clerks \x00resigned.</p>",  # a NUL: lxml raises ValueError
        "<p>Two clerks resigned.</p><",  # a stray '<'
        "<p>Two <b>clerks</b> resigned.</p>",
    ],
)
def test_html_fragments_that_lxml_refuses_fall_back_to_stripped_tags(fragment):
    from sideswitch.ingest.textutil import html_to_text

    text = html_to_text(fragment)
    assert "<p>" not in text and "Two" in text and "resigned." in text
