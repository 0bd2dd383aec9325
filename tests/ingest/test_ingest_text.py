"""Plain-text and Markdown files, with and without front matter."""

from __future__ import annotations

import pytest

from sideswitch.errors import InputError
from sideswitch.ingest import read_path


def test_plain_text_is_kept_as_written(write):
    body = "  Six guards left the post.\r\n\r\nThey took a truck.  "
    (doc,) = read_path(write("note.txt", body))
    assert doc.text == "  Six guards left the post.\n\nThey took a truck.  "
    assert (doc.format, doc.title, doc.published, doc.source_line) == ("text", None, None, None)


def test_front_matter_gives_fields(write):
    (doc,) = read_path(
        write(
            "fm.txt",
            "---\nid: fm-1\ntitle: Pilots defect\npublished: 2020-03-05\n"
            "source: Valley Courier\ndesk: foreign\n---\nTwo pilots flew south.\n",
        )
    )
    assert (doc.id, doc.title, doc.published, doc.outlet, doc.text) == (
        "fm-1",
        "Pilots defect",
        "2020-03-05",
        "Valley Courier",
        "Two pilots flew south.\n",
    )
    assert doc.metadata == {"desk": "foreign"}


def test_bad_front_matter_says_where(write):
    path = write("bad.txt", "---\ntitle: ok\npublished: [unclosed\n---\nBody.\n")
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value).startswith(f"cannot read '{path}' line 4: bad front matter (")


def test_front_matter_must_be_a_mapping(write):
    path = write("list.txt", "---\n- a\n- b\n---\nBody.\n")
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"cannot read '{path}' line 2: front matter must be a mapping of field: value"


def test_markdown_file(data_dir):
    (doc,) = read_path(data_dir / "report.md")
    assert (doc.title, doc.published, doc.outlet, doc.url, doc.format, doc.lang) == (
        "Hill fort garrison goes over",
        "2020-03-05",
        "Valley Courier",
        "https://courier.example/a/fort",
        "markdown",
        "en",
    )
    assert doc.text == (
        "Hill fort garrison goes over\n\nThe garrison of the hill fort went over to the "
        'Northern Front on Monday.\n\n"We were not paid for months," one of the men said.'
    )
    assert doc.metadata == {"updated": "2020-03-06"}  # a YAML date, stored as JSON-safe text


def test_markdown_front_matter_title_wins(write):
    (doc,) = read_path(write("t.md", "---\ntitle: Given title\n---\n# Heading\n\nText.\n"))
    assert doc.title == "Given title"


@pytest.mark.parametrize("content", ["", "   \n\n", "---\ntitle: nothing else\n---\n"])
def test_empty_files_are_problems(write, content):
    path = write("empty.txt", content)
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"cannot read '{path}': empty text"
