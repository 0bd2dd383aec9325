"""Walking inputs, the error policy and settings (storing is tested in tests/test_pipeline.py)."""

from __future__ import annotations

import gzip
import io
import logging
import sys

import pytest

import sideswitch.ingest as ingest_pkg
from sideswitch.config import Settings
from sideswitch.errors import InputError, UnknownFormatError
from sideswitch.ingest import iter_documents, read_path

EN = "The commander said that the men had left the front with their weapons and were safe."


@pytest.fixture
def folder(write, data_dir):
    write(
        "in/b.jsonl",
        [{"id": "j1", "text": "Seven guards crossed over."}, {"id": "j2", "text": "A captain fled abroad."}],
    )
    write("in/a/note.txt", "Three pilots flew south.")
    write("in/a/report.md", (data_dir / "report.md").read_text())
    write("in/.hidden.txt", "Never read.")
    write("in/.cache/x.txt", "Never read either.")
    write("in/image.png", b"\x89PNG\r\n\x1a\n\x00")
    return write(
        "in/b.jsonl",
        [{"id": "j1", "text": "Seven guards crossed over."}, {"id": "j2", "text": "A captain fled abroad."}],
    ).parent


def test_folder_is_walked_in_order_hidden_left_out(folder, problems):
    docs = read_path(folder, errors="raise", on_problem=problems.append)
    assert [(d.source_path.split("/in/")[1], d.format) for d in docs] == [
        ("a/note.txt", "text"),
        ("a/report.md", "markdown"),
        ("b.jsonl", "jsonl"),
        ("b.jsonl", "jsonl"),
    ]
    assert [type(p) for p in problems] == [UnknownFormatError]  # image.png: reported, not raised
    assert problems[0].path.endswith("image.png")


def test_missing_path_always_raises(tmp_path):
    missing = tmp_path / "nope.jsonl"
    for policy in ("raise", "skip"):
        with pytest.raises(InputError) as e:
            read_path(missing, errors=policy)
        assert str(e.value) == f"cannot read '{missing}': no such file or folder"


def test_named_file_of_unknown_format_raises(write):
    with pytest.raises(UnknownFormatError):
        read_path(write("table.csv", "a,b\n"), errors="skip")


def test_forced_format_and_bad_policy(write):
    path = write("odd.dat", '{"id": "f", "text": "Forced."}\n')
    assert [d.id for d in read_path(path, format="json")] == ["f"]
    with pytest.raises(ValueError, match="errors must be one of"):
        read_path(path, errors="ignore")


def test_several_paths_in_one_call(write):
    a = write("a.jsonl", [{"id": "a", "text": "One."}])
    b = write("b.txt", "Two.")
    assert [d.text for d in iter_documents([a, str(b)])] == ["One.", "Two."]


@pytest.mark.parametrize("compress", [False, True])
def test_stdin(monkeypatch, compress):
    data = b'{"id": "s1", "text": "From a pipe."}\n{"id": "s2" oops}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(data) if compress else data)))
    seen = []
    docs = read_path("-", errors="skip", on_problem=seen.append)
    assert [(d.id, d.source_path) for d in docs] == [("s1", "<stdin>")]
    assert str(seen[0]).startswith("cannot read '<stdin>' line 2: not valid JSON")


def test_language_is_guessed_only_when_missing(write):
    path = write(
        "l.jsonl",
        [{"id": "1", "text": EN}, {"id": "2", "text": EN, "lang": "pt"}, {"id": "3", "text": "Kessel, 1994."}],
    )
    assert [d.lang for d in read_path(path)] == ["en", "pt", None]
    assert [d.lang for d in read_path(path, settings=Settings(languages=("es",)))] == [None, "pt", None]


def test_long_text_is_truncated_with_a_warning(write, caplog):
    path = write("long.jsonl", [{"id": "big", "text": "x" * 50}])
    with caplog.at_level(logging.WARNING, logger="sideswitch.ingest"):
        (doc,) = read_path(path, settings=Settings(max_document_chars=20))
    assert doc.text == "x" * 20 and doc.metadata == {"truncated_from": 50}
    assert "truncated 'big'" in caplog.text


def test_public_names_exist():
    for name in ingest_pkg.__all__:
        assert hasattr(ingest_pkg, name), name
