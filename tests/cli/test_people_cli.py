"""`sideswitch actors` and `sideswitch actor ID` on a small store (invented people)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.resolve.actors import resolve_actors
from sideswitch.store import open_store


def _event(eid, name, day, frm, to, evidence, stage="completed"):
    return {
        "id": eid,
        "kind": "defection",
        "stage": stage,
        "defector": {"name": name, "aliases": [], "role": None, "actor_id": None},
        "people": None,
        "from_side": {"name": frm, "party": frm},
        "to_side": {"name": to, "party": to} if to else None,
        "location": {
            "place": None,
            "admin2": None,
            "admin1": None,
            "country": "Afghanistan",
            "lat": None,
            "lon": None,
            "precision": None,
        },
        "date": {"earliest": day[0], "latest": day[1], "text": None} if day else None,
        "weapons": [],
        "claims": [],
        "contested": False,
        "historical": False,
        "confidence": 0.8,
        "sources": [
            {
                "doc": f"doc-{eid}",
                "url": None,
                "outlet": None,
                "published": None,
                "evidence": evidence,
                "span": [0, len(evidence)],
            }
        ],
    }


@pytest.fixture
def db(tmp_path):
    events = [
        _event(
            "e2",
            "Abdul Hai",
            ("2016-01-10", "2016-01-12"),
            "Government of Afghanistan",
            "Taliban",
            "Abdul Hai returned to the insurgents last week.",
        ),
        _event(
            "e1",
            "Qazi Abdul Hai",
            ("2014-05-02", "2014-05-02"),
            "Taliban",
            "Government of Afghanistan",
            "Qazi Abdul Hai joined the peace process with twelve men.",
        ),
        _event("e3", "Qazi Abdulhai", None, "Taliban", None, "Qazi Abdulhai left the movement at some point."),
        _event(
            "e4",
            "Abdul Kazi Hai",
            ("2015-02-01", "2015-02-01"),
            "Taliban",
            "Government of Afghanistan",
            "Abdul Kazi Hai surrendered in the district centre.",
        ),
    ]
    actors, mapping = resolve_actors(events)
    for ev in events:
        ev["defector"]["actor_id"] = mapping[ev["id"]]
    path = tmp_path / "people.db"
    with open_store(path) as store:
        store.save_events(events)
        store.save_actors(actors)
    return str(path), mapping


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_actors_lists_everyone(db):
    path, mapping = db
    result = run("actors", "--db", path)
    assert result.exit_code == 0, result.output
    hai, kazi = mapping["e1"], mapping["e4"]
    lines = result.output.splitlines()
    assert lines[0] == f"{kazi}  Abdul Kazi Hai  1 switch  2015-02-01 .. 2015-02-01"
    assert lines[1].startswith(f"    possibly the same as: Qazi Abdul Hai ({hai}, 0.")
    assert lines[2] == f"{hai}  Qazi Abdul Hai  3 switches  2014-05-02 .. 2016-01-12"
    assert lines[3] == "    also written: Abdul Hai, Qazi Abdulhai"
    assert lines[-1] == "2 actors."


def test_actor_shows_history_in_time_order(db):
    path, mapping = db
    result = run("actor", mapping["e1"], "--db", path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [f"Qazi Abdul Hai ({mapping['e1']})", "also written: Abdul Hai, Qazi Abdulhai", ""]
    assert lines[3:9] == [
        "2014-05-02  Taliban -> Government of Afghanistan  defection",
        '    "Qazi Abdul Hai joined the peace process with twelve men." [doc-e1]',
        "2016-01-10..2016-01-12  Government of Afghanistan -> Taliban  defection",
        '    "Abdul Hai returned to the insurgents last week." [doc-e2]',
        "undated  Taliban -> no new side  defection",
        '    "Qazi Abdulhai left the movement at some point." [doc-e3]',
    ]
    assert lines[9].startswith(f"possibly the same as: Abdul Kazi Hai ({mapping['e4']}), 0.")
    assert "'kazi' is a title in one name and a name part in the other" in lines[9]


def test_unknown_actor_is_an_error(db):
    result = run("actor", "actor-0000000000", "--db", db[0])
    assert result.exit_code == 1
    assert "Error: no actor with id 'actor-0000000000'" in result.output


def test_missing_database_is_an_error(tmp_path):
    result = run("actors", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert f"Error: database '{tmp_path / 'none.db'}' does not exist" in result.output


@pytest.mark.parametrize("command", ["actors", "actor"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output and f"sideswitch {command}" in result.output
