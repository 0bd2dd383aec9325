"""Format detection and the reader registry."""

from __future__ import annotations

import pytest

from sideswitch.errors import UnknownFormatError
from sideswitch.ingest import default_readers, detect_format, iter_documents, record_to_document


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.json", "jsonl"),
        ("A.JSONL", "jsonl"),
        ("a.jsonl.gz", "jsonl"),
        ("a.txt", "text"),
        ("a.text", "text"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.xhtml", "html"),
        ("a.rss", "rss"),
        ("a.atom", "rss"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("old.arc.gz", "warc"),
    ],
)
def test_suffix_decides(name, fmt):
    assert detect_format(name, head=b"") == fmt


@pytest.mark.parametrize(
    "head, fmt",
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "rss"),
        (b'<?xml version="1.0"?><!-- generated --><feed xmlns="http://www.w3.org/2005/Atom">', "rss"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "rss"),
        (b"<!DOCTYPE html>\n<html><head>", "html"),
        (b"\xef\xbb\xbf  <html lang='es'>", "html"),
        (b'{"id": "x", "text": "y"}\n', "jsonl"),
        (b'[\n  {"id": "x"}]', "jsonl"),
        (b"Six guards crossed the river on Sunday.\n", "text"),
    ],
)
def test_content_decides_without_suffix(head, fmt):
    assert detect_format("incoming/item-0042", head=head) == fmt


def test_xml_suffix_is_sniffed():
    assert detect_format("dump.xml", head=b"<?xml version='1.0'?><rss>") == "rss"
    assert detect_format("page.xml", head=b"<?xml version='1.0'?><html><body>") == "html"


@pytest.mark.parametrize(
    "name, head",
    [
        ("notes.csv", b"a,b,c\n1,2,3\n"),  # foreign suffix: never read as text
        ("logo", b"\x89PNG\r\n\x1a\n\x00\x00"),  # binary without suffix
        ("empty", b""),
    ],
)
def test_unknown_formats_are_refused(name, head):
    with pytest.raises(UnknownFormatError) as e:
        detect_format(name, head=head)
    assert str(e.value) == (
        f"cannot read '{name}': unknown format; name one of: html, jsonl, markdown, rss, text, warc"
    )


def test_detect_reads_the_file_head_itself(write):
    path = write("noext", "<rss version='2.0'><channel></channel></rss>", gz=True)
    assert detect_format(path) == "rss"


def test_aliases_and_unknown_names():
    readers = default_readers()
    assert [readers.get(n).name for n in ("md", "txt", ".json", "ATOM", "htm")] == [
        "markdown",
        "text",
        "jsonl",
        "rss",
        "html",
    ]
    with pytest.raises(UnknownFormatError) as e:
        readers.get("pdf")
    assert str(e.value) == "unknown format 'pdf'; name one of: html, jsonl, markdown, rss, text, warc"


def read_tsv(stream, name, settings):
    """A user's own reader: id<TAB>text per line."""
    for n, line in enumerate(stream.read().decode("utf-8").splitlines(), 1):
        doc_id, text = line.split("\t", 1)
        yield record_to_document({"id": doc_id, "text": text}, format="tsv", source_path=name, source_line=n)


def test_user_reader_is_registered_like_the_built_ins(write):
    readers = default_readers()
    readers.register("tsv", read_tsv, suffixes=(".tsv",))
    path = write("more.tsv", "t1\tNine sailors jumped ship.\nt2\tA pilot flew south.\n")
    assert detect_format(path, readers=readers) == "tsv"
    docs = list(iter_documents(path, readers=readers))
    assert [(d.id, d.format, d.source_line) for d in docs] == [("t1", "tsv", 1), ("t2", "tsv", 2)]
    assert "tsv" not in default_readers().names()  # a fresh registry is untouched
