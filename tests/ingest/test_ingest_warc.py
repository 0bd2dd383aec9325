"""Web archives: one document per successful HTML page."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sideswitch.errors import InputError
from sideswitch.ingest import read_path

ARTICLE = (
    b"<html><head><title>Crew leaves ship</title>"
    b'<meta property="article:published_time" content="2018-07-24"></head><body><article>'
    b"<p>Eleven sailors of the coastal patrol left their vessel in the port of Marren and asked the "
    b"Northern Front for shelter, the group said in a statement on Monday.</p></article></body></html>"
)


def _response(writer, url, body, status="200 OK", ctype="text/html; charset=utf-8"):
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    rec = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2023-01-02T03:04:05Z"},
    )
    writer.write_record(rec)


def make_warc(gzip: bool) -> bytes:
    out = io.BytesIO()
    w = WARCWriter(out, gzip=gzip)
    w.write_record(w.create_warcinfo_record("crawl.warc", {"software": "test"}))  # 1
    w.write_record(
        w.create_warc_record(
            "https://news.example/a",
            "request",  # 2
            payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"),
        )
    )
    _response(w, "https://news.example/a", ARTICLE)  # 3: the article
    _response(w, "https://news.example/gone", b"<html><body><p>Not here</p></body></html>", status="404 Not Found")  # 4
    _response(w, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", ctype="image/png")  # 5
    _response(w, "https://news.example/old", b"", status="301 Moved Permanently")  # 6
    _response(w, "https://news.example/blank", b"<html><body></body></html>")  # 7
    return out.getvalue()


@pytest.mark.parametrize("gz, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_html_pages_become_documents(write, problems, gz, name):
    path = write(name, make_warc(gz))
    (doc,) = read_path(path, errors="skip", on_problem=problems.append)
    assert (doc.url, doc.title, doc.published, doc.format, doc.source_line) == (
        "https://news.example/a",
        "Crew leaves ship",
        "2018-07-24",
        "warc",
        3,
    )
    assert "Eleven sailors of the coastal patrol left their vessel" in doc.text
    assert doc.metadata["crawled"] == "2023-01-02T03:04:05Z"
    assert isinstance(doc.metadata["warc_offset"], int)
    assert [str(p) for p in problems] == [
        f"cannot read '{path}' line 7: no article text found in the page for https://news.example/blank"
    ]


def test_warc_detected_without_suffix(write):
    path = write("download-17", make_warc(True))
    assert len(read_path(path, errors="skip", on_problem=lambda e: None)) == 1


def test_crawl_date_is_not_a_publication_date(write):
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    _response(w, "https://news.example/b", ARTICLE.replace(b'content="2018-07-24"', b'content=""'))
    (doc,) = read_path(write("b.warc", out.getvalue()))
    assert doc.published is None and doc.metadata["crawled"] == "2023-01-02T03:04:05Z"


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("fraction", [0.3, 0.5])
def test_archive_cut_short_is_reported_after_the_good_pages(write, problems, gz, fraction):
    data = make_warc(gz)
    path = write("cut.warc" + (".gz" if gz else ""), data[: int(len(data) * fraction)])
    docs = read_path(path, errors="skip", on_problem=problems.append)
    assert len(docs) == (0 if fraction < 0.4 else 1)  # the article is record 3
    (problem,) = problems
    assert str(problem).startswith(
        f"cannot read '{path}' line {len(docs) + 3}: "
        f"web archive is damaged or cut short after record {len(docs) + 2} (at byte "
    )
    with pytest.raises(InputError):
        read_path(path, errors="raise")
