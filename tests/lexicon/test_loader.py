"""The generic validated-YAML loader: every problem at once, each with its line."""

import pytest

from sideswitch.errors import LexiconError
from sideswitch.lexicon import data_path, load_schema, load_yaml, validate_yaml

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["verbs"],
    "additionalProperties": False,
    "properties": {
        "verbs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["lemma", "kind"],
                "additionalProperties": False,
                "properties": {
                    "lemma": {"type": "string", "minLength": 1},
                    "kind": {"enum": ["defection", "surrender", "desertion"]},
                    "weight": {"type": "number"},
                },
            },
        },
    },
}


def write(tmp_path, text, name="verbs.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_returns_plain_data(tmp_path):
    path = write(tmp_path, "verbs:\n  - lemma: defect\n    kind: defection\n    weight: 0.5\n")
    assert load_yaml(path, SCHEMA) == {"verbs": [{"lemma": "defect", "kind": "defection", "weight": 0.5}]}


def test_every_problem_is_listed_with_its_line(tmp_path):
    path = write(
        tmp_path,
        (
            "verbs:\n"  # 1
            "  - lemma: defect\n"  # 2
            "    kind: defection\n"  # 3
            "  - lemma: surrender\n"  # 4
            "    kind: defect\n"  # 5
            "    colour: red\n"  # 6
            "  - kind: desertion\n"  # 7
            "    weight: heavy\n"  # 8
        ),
    )
    with pytest.raises(LexiconError) as info:
        load_yaml(path, SCHEMA, filename="verbs.yaml")
    assert str(info.value) == (
        "lexicon 'verbs.yaml' has 4 problems:\n"
        "  - line 5: unknown kind 'defect' (expected: defection, surrender, desertion)\n"
        "  - line 6: unknown key 'colour' (expected one of: lemma, kind, weight)\n"
        "  - line 7: missing required key 'lemma'\n"
        "  - line 8: weight should be a number (got a string)"
    )
    assert info.value.filename == "verbs.yaml"
    assert [line for line, _ in info.value.problems] == [5, 6, 7, 8]


def test_yaml_syntax_error_has_its_line(tmp_path):
    path = write(tmp_path, "verbs:\n  - lemma: defect\n    kind: [defection\n  - lemma: x\n")
    doc = validate_yaml(path, SCHEMA)
    assert len(doc.problems) == 1
    line, message = doc.problems[0]
    assert line == 4 and message.startswith("not valid YAML: ")


def test_duplicate_keys_are_reported(tmp_path):
    path = write(tmp_path, "verbs:\n  - lemma: defect\n    kind: defection\n    lemma: desert\n")
    doc = validate_yaml(path, SCHEMA)
    assert doc.problems == [(4, "duplicate key 'lemma' (first at line 2)")]


def test_check_hook_gets_lines_of_nodes(tmp_path):
    path = write(tmp_path, "verbs:\n  - lemma: defect\n    kind: defection\n  - lemma: defect\n    kind: surrender\n")

    def no_repeats(data, lines):
        seen = set()
        for i, verb in enumerate(data["verbs"]):
            if verb["lemma"] in seen:
                yield lines.of(("verbs", i, "lemma")), f"lemma '{verb['lemma']}' is listed twice"
            seen.add(verb["lemma"])

    with pytest.raises(LexiconError) as info:
        load_yaml(path, SCHEMA, filename="verbs.yaml", check=no_repeats)
    assert info.value.problems == [(4, "lemma 'defect' is listed twice")]


def test_empty_and_missing_files(tmp_path):
    empty = write(tmp_path, "")
    assert validate_yaml(empty, SCHEMA).problems == [(None, "the file should be a mapping (got empty (null))")]
    missing = validate_yaml(tmp_path / "nope.yaml", SCHEMA)
    assert missing.problems == [(None, "file not found")]
    assert str(LexiconError("nope.yaml", missing.problems)) == "lexicon 'nope.yaml' has 1 problem:\n  - file not found"


def test_resources_inside_the_package():
    assert data_path("parties", "_countries.yaml").is_file()
    schema = load_schema("countries.schema.yaml")
    doc = validate_yaml("parties/_countries.yaml", schema)
    assert doc.filename == "parties/_countries.yaml"
    assert doc.problems == []
    assert doc.data["countries"]["Myanmar"][0] == "Burma"
    assert doc.lines.key(("countries", "Myanmar")) is not None


def test_yaml_1_2_booleans_and_text(tmp_path):
    schema = {"type": "object"}
    data = load_yaml("words.yaml", schema, text="NO: [Yes, no, On, off]\nflag: true\nother: False\n")
    assert data == {"NO": ["Yes", "no", "On", "off"], "flag": True, "other": False}
    groups = {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": {"type": "array"}}}
    doc = validate_yaml("words.yaml", groups, text="months:\n  1: january\n")
    assert doc.filename == "words.yaml"
    assert doc.problems == [(2, "months.1 should be a list (got a string)")]  # a number key is named with its parent
