"""Event frames data (lexicon/data/frames/<lang>.yaml): shape and pattern structure on load, and
spaCy's own check of every pattern when the matcher is built with a pipeline's vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sideswitch.errors import ConfigError, LexiconError
from sideswitch.lexicon.frames import ROLES, load_frames
from sideswitch.lexicon.loader import data_path

FRAMES = Path(str(data_path("frames")))
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
LANGS = ("en", "es", "fr")

_MINIMAL = """\
language: en
labels: {subject: [nsubj], object: [dobj], prep: [prep], prep_object: [pobj], oblique: [], case: [case],
  climb: [xcomp], phrase_cut: [punct], core: [compound], possessive: [poss], relative_clause: [relcl],
  clause_modifier: [relcl], attribute: [attr], copula: [], nounish: [NOUN], relative_pronouns: [who],
  copulas: [be], person_entities: [PERSON], plural_tags: [NNS]}
generic: []
frames:
  - id: defect
    kind: defection
    lemmas: [defect]
    head: [defect]
    why: "golden: second-to-defect"
    roles:
      - role: joined
        why: "golden: capital-is-its-state"
        pattern:
{nodes}
"""
_GOOD = """\
          - {LEFT_ID: anchor, REL_OP: '>', RIGHT_ID: prep, RIGHT_ATTRS: {DEP: prep, LOWER: to}}
          - {LEFT_ID: prep, REL_OP: '>', RIGHT_ID: joined, RIGHT_ATTRS: {DEP: pobj}}"""


def _write(tmp_path: Path, nodes: str) -> Path:
    path = tmp_path / "en.yaml"
    path.write_text(_MINIMAL.replace("{nodes}", nodes), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_frames_load(lang: str) -> None:
    data = load_frames(FRAMES / f"{lang}.yaml", filename=f"frames/{lang}.yaml")
    assert data.language == lang
    assert {p.role for p in data.patterns} >= {"defector", "joined", "left", "count", "place", "time"}
    assert {f.kind for f in data.frames} == {"defection", "surrender", "desertion"}
    for p in data.patterns:
        assert p.nodes[0]["RIGHT_ID"] == "anchor" and p.nodes[p.role_node]["RIGHT_ID"] == p.role


@pytest.mark.parametrize("lang", LANGS)
def test_every_why_names_a_golden_case(lang: str) -> None:
    data = load_frames(FRAMES / f"{lang}.yaml", filename=f"frames/{lang}.yaml")
    whys = [f.why for f in data.frames] + [p.why for p in data.patterns]
    for why in whys:
        names = re.findall(r"golden: ([\w-]+)", why)
        assert names, why
        assert all((GOLDEN / f"{n}.yaml").exists() for n in names), why


def test_a_role_without_its_node_is_reported_with_the_frame(tmp_path: Path) -> None:
    bad = _GOOD.replace("RIGHT_ID: joined", "RIGHT_ID: side")
    with pytest.raises(LexiconError) as e:
        load_frames(_write(tmp_path, bad), filename="frames/en.yaml")
    assert "frames/en.yaml" in str(e.value) and "frame 'defect'" in str(e.value) and "'joined'" in str(e.value)


def test_an_undefined_left_id_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = _GOOD.replace("LEFT_ID: prep", "LEFT_ID: preposition")
    with pytest.raises(LexiconError) as e:
        load_frames(_write(tmp_path, bad), filename="frames/en.yaml")
    assert e.value.problems[0][0] == 18 and "'preposition'" in e.value.problems[0][1]


def test_an_unknown_role_is_a_schema_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, _GOOD)
    path.write_text(path.read_text().replace("role: joined", "role: patron"), encoding="utf-8")
    with pytest.raises(LexiconError):
        load_frames(path, filename="frames/en.yaml")
    assert "patron" not in ROLES


@pytest.fixture(scope="module")
def en_nlp():  # type: ignore[no-untyped-def]
    from sideswitch.extract.syntax import SyntaxModels
    from sideswitch.lexicon.langdata import language_data

    cfg = language_data("en").syntax
    assert cfg is not None
    return SyntaxModels().pipeline("en", cfg)


def test_a_pattern_spacy_refuses_raises_config_error_with_file_and_frame(tmp_path: Path, en_nlp) -> None:  # type: ignore[no-untyped-def]
    from sideswitch.extract.syntax import build_matcher

    frames = load_frames(_write(tmp_path, _GOOD.replace("REL_OP: '>'", "REL_OP: '>>>'", 1)), filename="frames/en.yaml")
    with pytest.raises(ConfigError) as e:
        build_matcher(en_nlp, frames)
    assert "frames/en.yaml line 14" in str(e.value) and "frame 'defect'" in str(e.value)


def test_a_label_the_parser_never_assigns_raises_config_error(tmp_path: Path, en_nlp) -> None:  # type: ignore[no-untyped-def]
    from sideswitch.extract.syntax import build_matcher

    frames = load_frames(_write(tmp_path, _GOOD.replace("DEP: pobj", "DEP: obl:arg")), filename="frames/en.yaml")
    with pytest.raises(ConfigError) as e:
        build_matcher(en_nlp, frames)
    assert "frame 'defect'" in str(e.value) and "obl:arg" in str(e.value)


def test_the_good_pattern_builds(tmp_path: Path, en_nlp) -> None:  # type: ignore[no-untyped-def]
    from sideswitch.extract.syntax import build_matcher

    matcher = build_matcher(en_nlp, load_frames(_write(tmp_path, _GOOD), filename="frames/en.yaml"))
    doc = en_nlp("Colonel Tarek Vell defected to the rebels.")
    assert [doc[ids[-1]].text for _, ids in matcher(doc)] == ["rebels"]


def test_lexicon_check_reports_a_broken_frames_file_once(tmp_path: Path) -> None:
    import shutil

    from sideswitch.lexicon.check import check_lexicon

    root = tmp_path / "data"
    shutil.copytree(str(data_path()), root)
    path = root / "frames" / "fr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("role: joined", "role: rejoint", 1), encoding="utf-8")
    problems = check_lexicon(root)
    assert {p.file for p in problems} == {"frames/fr.yaml"}  # the unknown role, and its node missing
    assert problems[0].line is not None
