"""JSON Lines and JSON files: verbatim text, field aliases, errors with line numbers."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sideswitch.errors import InputError
from sideswitch.ingest import read_path


def test_record_fields_and_line_numbers(write):
    path = write(
        "in.jsonl",
        [
            {
                "id": "d1",
                "url": "https://ledger.example/1",
                "outlet": "Ledger",
                "title": None,
                "published": "2013-10-21",
                "text": "Eleven guards crossed over.",
            },
            {"id": "d2", "text": "A colonel fled abroad.", "published": None},
        ],
    )
    d1, d2 = read_path(path)
    assert (d1.id, d1.url, d1.outlet, d1.title, d1.published, d1.text) == (
        "d1",
        "https://ledger.example/1",
        "Ledger",
        None,
        "2013-10-21",
        "Eleven guards crossed over.",
    )
    assert (d1.format, d1.source_path, d1.source_line) == ("jsonl", str(path), 1)
    assert (d2.id, d2.published, d2.source_line, d1.metadata, d2.metadata) == ("d2", None, 2, {}, {})


def test_aliases_nested_source_and_metadata(write):
    path = write(
        "api.jsonl",
        [
            {
                "uuid": 99,
                "headline": "Crew abandons patrol boat",
                "maintext": "Eight crew left the boat.",
                "source": {"id": "vc", "name": "Valley Courier"},
                "publishedAt": "2019-02-23T21:00:00-04:00",
                "authors": [{"name": "I. Marsh"}, "K. Obi"],
                "language": "en-US",
                "section": "world",
            }
        ],
    )
    (doc,) = read_path(path)
    assert (doc.id, doc.title, doc.text, doc.outlet, doc.published, doc.author, doc.lang) == (
        "99",
        "Crew abandons patrol boat",
        "Eight crew left the boat.",
        "Valley Courier",
        "2019-02-23",
        "I. Marsh, K. Obi",
        "en",
    )
    assert doc.metadata == {"section": "world"}


def test_unreadable_date_is_kept_raw(write):
    (doc,) = read_path(write("d.jsonl", [{"text": "Some text here.", "date": "sometime in spring"}]))
    assert doc.published is None and doc.metadata == {"published_raw": "sometime in spring"}


def test_missing_id_gets_content_hash(write):
    (doc,) = read_path(write("d.jsonl", [{"text": "Four scouts slipped away."}]))
    assert doc.id.startswith("sha-") and len(doc.id) == 20


def test_a_documents_hash_is_computed_once_and_follows_its_text(monkeypatch):
    from sideswitch import models

    calls = []
    real = models.content_hash
    monkeypatch.setattr(models, "content_hash", lambda text: calls.append(text) or real(text))
    doc = models.Document(text="Forty fighters laid down their arms.", id="d1")
    first = doc.hash
    assert doc.hash == first == real("  Forty fighters laid down their arms. ") and len(calls) == 1
    doc.text = "Another text."
    assert doc.hash == real("Another text.") != first and len(calls) == 2
    assert models.Document(**{**doc.to_dict()}) == doc  # the cache is no field


@pytest.mark.parametrize("indent", ["", "    "])
def test_bad_json_line_message(write, indent):
    path = write("bad.jsonl", '{"id": "a", "text": "Fine."}\n' + indent + '{"id": "b" "text": "x"}\n')
    with pytest.raises(InputError) as e:
        read_path(path)
    col = 12 + len(indent)  # columns count in the file as written
    assert str(e.value) == f"cannot read '{path}' line 2: not valid JSON (Expecting ',' delimiter at col {col})"
    assert (e.value.line, e.value.path) == (2, str(path))


@pytest.mark.parametrize(
    "line, message",
    [
        (
            '{"id": "a"}',
            "no text field (expected one of: text, body, content, maintext, article, full_text, fulltext, raw_text)",
        ),
        ('{"id": "a", "text": "   "}', "empty text"),
        ('{"id": "a", "text": ["x"]}', "field 'text' must be a string, got an array"),
        ('["not", "an", "object"]', "expected a JSON object, got an array"),
        ("42", "expected a JSON object, got a number"),
    ],
)
def test_record_problems(write, line, message):
    path = write("p.jsonl", '{"text": "First is fine."}\n' + line + "\n")
    with pytest.raises(InputError) as e:
        read_path(path)
    assert str(e.value) == f"cannot read '{path}' line 2: {message}"


def test_skip_policy_goes_on_and_reports(write, problems):
    path = write("mixed.jsonl", '{"text": "One."}\n\n{oops}\n{"body": "Two."}\n{"id": 1}\n')
    docs = read_path(path, errors="skip", on_problem=problems.append)
    assert [(d.text, d.source_line) for d in docs] == [("One.", 1), ("Two.", 4)]
    assert [p.line for p in problems] == [3, 5]


def test_json_array_and_pretty_object_and_jsonl_named_json(write, problems):
    arr = write("arr.json", json.dumps([{"id": "x", "text": "Ten left."}, {"id": "y"}], indent=2))
    docs = read_path(arr, errors="skip", on_problem=problems.append)
    assert [(d.id, d.source_line) for d in docs] == [("x", 2)]  # the line each element starts on
    assert (
        str(problems[0]) == f"cannot read '{arr}' line 6: no text field (expected one of: text, "
        "body, content, maintext, article, full_text, fulltext, raw_text)"
    )
    one = write("one.json", json.dumps({"id": "z", "text": "Alone."}, indent=2))
    assert [d.id for d in read_path(one)] == ["z"]
    lines = write("lines.json", [{"id": "l1", "text": "A."}, {"id": "l2", "text": "B."}])
    assert [(d.id, d.source_line) for d in read_path(lines)] == [("l1", 1), ("l2", 2)]


def test_broken_array_file(write):
    path = write("broken.json", '[{"id": "x", "text": "a"},')
    with pytest.raises(
        InputError, match=r"cannot read '.*broken.json' line 1: not valid JSON \(Expecting value at line 1"
    ):
        read_path(path)


def test_gzip_bom_and_windows_1252_lines(write):
    gz = write("c.jsonl.gz", [{"id": "g", "text": "Compressed."}], gz=True)
    assert [d.text for d in read_path(gz)] == ["Compressed."]
    raw = '\ufeff{"id": "w", "text": "Se entregó el capitán – dijo."}\n'.encode("utf-8")
    assert [d.text for d in read_path(write("bom.jsonl", raw))] == ["Se entregó el capitán – dijo."]
    legacy = '{"id": "w", "text": "Se entregó el capitán – dijo."}\n'.encode("cp1252")
    assert [d.text for d in read_path(write("cp.jsonl", legacy))] == ["Se entregó el capitán – dijo."]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1).filter(lambda t: t.strip()), doc_id=st.text(min_size=1, max_size=12))
def test_text_round_trips_verbatim(tmp_path, text, doc_id):
    """Spans are offsets into the record's text, so not one character may change."""
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": doc_id, "text": text}) + "\n", encoding="utf-8")
    (doc,) = read_path(path)
    assert doc.text == text
    assert doc.id == (doc_id.strip() or doc.id)
