"""``sideswitch lexicon check``: every knowledge file validated, problems with file and line."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.lexicon import data_path
from sideswitch.lexicon.check import Problem, check_lexicon


def _copy(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(str(data_path()), root)
    return root


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_data_is_valid():
    assert check_lexicon() == []
    result = CliRunner().invoke(main, ["lexicon", "check"])
    assert result.exit_code == 0 and "valid" in result.output


def test_problems_in_several_files_are_all_reported_with_file_and_line(tmp_path):
    root = _copy(tmp_path)
    _edit(root / "dates" / "en.yaml", "\nmonths:", "\nmonhts:")
    _edit(root / "places" / "cues.yaml", "\nlocative:", "\nlocativ:")
    lines = (root / "extract" / "es.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if "pattern: '" in ln)
    lines[at] = lines[at].replace("pattern: '", "pattern: '(", 1)
    (root / "extract" / "es.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_lexicon(root)
    files = {p.file for p in problems}
    assert files == {"dates/en.yaml", "places/cues.yaml", "extract/es.yaml"}, problems
    assert (
        Problem("extract/es.yaml", at + 1, problems[[p.file for p in problems].index("extract/es.yaml")].message)
        in problems
    )
    assert all(p.line for p in problems if p.file != "places/cues.yaml")
    result = CliRunner().invoke(main, ["lexicon", "check", "--data-dir", str(root)])
    assert result.exit_code == 1
    assert f"extract/es.yaml line {at + 1}: " in result.output
    assert f"{len(problems)} problems in the knowledge data" in result.output


def test_a_party_file_problem_names_that_file(tmp_path):
    root = _copy(tmp_path)
    _edit(root / "parties" / "africa.yaml", "kind: state", "kind: stat")
    problems = check_lexicon(root)
    assert {p.file for p in problems} == {"parties/africa.yaml"} and all(p.line for p in problems)
    assert any("unknown kind 'stat'" in p.message for p in problems)
