"""The shipped party data validates, and broken party files report every problem with its line."""

import pytest

from sideswitch.errors import LexiconError
from sideswitch.lexicon import KINDS, data_path, load_parties, load_schema, validate_yaml
from sideswitch.lexicon.parties import STATE_KINDS

REGION_FILES = sorted(
    f.name for f in data_path("parties").iterdir() if f.name.endswith(".yaml") and not f.name.startswith("_")
)


@pytest.mark.parametrize("name", REGION_FILES)
def test_each_region_file_is_schema_valid(name):
    doc = validate_yaml(f"parties/{name}", load_schema("parties.schema.yaml"))
    assert doc.problems == []
    assert doc.filename == f"parties/{name}"


def test_shipped_data_loads_with_no_problem(party_lex):
    assert len(REGION_FILES) >= 6
    assert len(party_lex) >= 150
    assert all(p.kind in KINDS for p in party_lex.parties)
    assert len({p.id for p in party_lex.parties}) == len(party_lex)
    assert all(p.state_of for p in party_lex.parties if p.kind == "state")
    assert all(p.kind in STATE_KINDS for p in party_lex.parties if p.state_of)


def test_every_name_and_alias_finds_its_party(party_lex):
    for party in party_lex.parties:
        for text in (party.name, *party.aliases, *party.units):
            found = party_lex.get(text)
            assert found is not None and found.root in {party.root} | {
                p.root for p in party_lex.parties if text in p.aliases + p.units + (p.name,)
            }, text


def test_every_conflict_region_is_covered(party_lex):
    for country in [
        "Afghanistan",
        "Pakistan",
        "Syria",
        "Iraq",
        "Libya",
        "Yemen",
        "Russia",
        "Ukraine",
        "Myanmar",
        "Nigeria",
        "Somalia",
        "Sudan",
        "South Sudan",
        "Ethiopia",
        "DR Congo",
        "Colombia",
        "Venezuela",
        "Philippines",
        "North Korea",
        "South Korea",
        "Mali",
        "Burkina Faso",
        "Niger",
        "Chad",
        "Cameroon",
    ]:
        assert len(party_lex.for_country(country)) >= 2 or party_lex.state_party(country), country
        assert party_lex.state_party(country, 2020) is not None, country


BROKEN = """\
region: Test
parties:
  - id: alpha
    name: Alpha Front
    kind: defect
    countries: [Syria]
    aliases: [Taleban]
  - id: beta
    name: Beta Army
    kind: rebel
    countries: [Syira]
    aliases: [Taleban, "-"]
    colour: red
  - id: alpha
    name: Gamma
    kind: state
    countries: [Burma]
    period: [2021, 2001]
"""


def test_broken_party_file_lists_every_problem(tmp_path):
    path = tmp_path / "parties.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_parties(path)
    message = str(info.value)
    assert message.startswith(f"lexicon '{path}' has 9 problems:\n")
    assert (
        "  - line 5: unknown kind 'defect' (expected: state, insurgent, rebel, militia, jihadist, separatist, "
        "opposition, foreign_state, paramilitary, movement, peace_process)\n" in message
    )
    assert "  - line 12: alias \"Taleban\" is listed under two parties: 'alpha' (line 7) and 'beta'\n" in message
    assert info.value.problems == [
        (
            5,
            "unknown kind 'defect' (expected: state, insurgent, rebel, militia, jihadist, separatist, opposition, "
            "foreign_state, paramilitary, movement, peace_process)",
        ),
        (11, "unknown country 'Syira' (did you mean 'Syria'?)"),
        (12, "alias \"Taleban\" is listed under two parties: 'alpha' (line 7) and 'beta'"),
        (12, 'alias "-" has no letters or digits'),
        (
            13,
            "unknown key 'colour' (expected one of: id, name, kind, countries, state_of, period, same_party, adversaries, "
            "aliases, units, ambiguous, case_sensitive, outlets, note)",
        ),
        (14, "duplicate id 'alpha' (first at line 3)"),
        (16, "kind 'state' needs state_of (the country whose government it is)"),
        (17, "country 'Burma' should be written 'Myanmar'"),
        (18, "period starts after it ends (2021 > 2001)"),
    ]


def test_periods_of_one_party_may_share_aliases_and_ambiguous_aliases_must_be_declared(tmp_path):
    (tmp_path / "a.yaml").write_text(
        """\
parties:
  - id: movement
    name: Movement
    kind: insurgent
    countries: [Afghanistan]
    aliases: [The Movement, TM]
  - id: movement-in-power
    name: Movement
    kind: state
    same_party: movement
    state_of: Afghanistan
    countries: [Afghanistan]
    period: [2021, null]
    aliases: [The Movement]
  - id: other
    name: Other Army
    kind: rebel
    countries: [Somalia]
    aliases: [TM, OA]
    ambiguous: [OA]
""",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        """\
parties:
  - id: third
    name: Third Army
    kind: rebel
    countries: [Syria]
    aliases: [OA]
    ambiguous: [OA, XYZ]
""",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as info:
        load_parties(tmp_path)
    assert str(info.value) == (
        f"lexicon '{tmp_path}' has 2 problems:\n"
        f"  - {tmp_path / 'a.yaml'} line 19: alias \"TM\" is listed under two parties: 'movement' (line 6) and 'other'\n"
        f"  - {tmp_path / 'b.yaml'} line 7: ambiguous 'XYZ' is not a name, alias or unit of this party"
    )
