import csv
import io
import json

import pytest
from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.cli.analysis import COMMANDS


@pytest.fixture
def db(tmp_path, make_monthly, jsonl_file):
    """A store holding generated events whose rate triples in 2014-01 (month 24 of 40)."""
    evs = make_monthly([2] * 24 + [6] * 16)
    evs[5]["contested"] = True
    path = tmp_path / "t.db"
    result = CliRunner().invoke(main, ["import-events", jsonl_file(evs), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Imported {len(evs)} events from '{tmp_path / 'events.jsonl'}'."
    return str(path)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_trends_json_reports_the_change_in_the_right_period(db):
    r = run("trends", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["status"] == "ok" and [cp["period"] for cp in d["change_points"]] == ["2014-01"]
    assert len(d["periods"]) == 40 and d["periods"][0]["events"] == 2


def test_trends_table_csv_and_filters(db):
    r = run("trends", "--db", db, "--by", "quarter", "--since", "2013", "--until", "2013")
    assert r.exit_code == 0 and r.output.splitlines()[0].split() == [
        "period",
        "events",
        "people",
        "contested",
        "evidence",
    ]
    assert "2013-Q4" in r.output and "2014-Q1" not in r.output and "not enough data" in r.output
    rows = list(csv.DictReader(io.StringIO(run("trends", "--db", db, "--format", "csv").output)))
    assert len(rows) == 40 and rows[24]["change_point"] == "1" and rows[0]["event_ids"] == "ev0000 ev0001"
    assert run("trends", "--db", db, "--country", "Elsewhere").output.startswith("(no dated events)")


def test_flows_formats(db):
    r = run("flows", "--db", db)
    assert r.exit_code == 0 and "Government  ->  Rebels" in r.output and "Contested flows:" in r.output
    d = json.loads(run("flows", "--db", db, "--format", "json", "--kind", "defection").output)
    assert d["cells"][0]["events"] == 143 and d["contested"]["events"] == 1
    assert run("flows", "--db", db, "--format", "csv").output.splitlines()[0].startswith("status,from,to,events")


def test_plot_and_report(db, tmp_path):
    for what, name in (("trends", "t.svg"), ("flows", "f.png")):
        r = run("plot", what, "--db", db, "--out", tmp_path / name)
        assert r.exit_code == 0 and (tmp_path / name).stat().st_size > 1000, r.output
    r = run("report", "--db", db, "--out", tmp_path / "brief.html", "--title", "Test brief")
    assert r.exit_code == 0 and "Wrote" in r.output
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "Test brief" in html and "2014-01" in html


@pytest.mark.parametrize(
    "args, code, text",
    [
        (["trends", "--since", "May"], 2, "not a date"),
        (["trends", "--direction", "net"], 2, "needs a party"),
        (["plot", "trends", "--out", "x.gif"], 1, "Error: cannot read 'x.gif': unknown image format"),
    ],
)
def test_errors(db, args, code, text):
    r = run(*args, "--db", db)
    assert r.exit_code == code and text in r.output


def test_import_errors_are_line_numbered(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    r = run("import-events", bad, "--db", tmp_path / "t.db")
    assert r.exit_code == 1 and r.output.startswith(f"Error: '{bad}' has 1 invalid line (nothing imported):")
    assert "  - line 1: (event): 'kind' is a required property" in r.output
    r = run("import-events", bad, "--db", tmp_path / "t.db", "--skip-invalid")
    assert r.exit_code == 0 and "skipped line 1:" in r.output and "(1 invalid lines skipped)" in r.output
    assert run("trends", "--db", tmp_path / "missing.db").exit_code == 1


@pytest.mark.parametrize("cmd", [c.name for c in COMMANDS])
def test_help_has_an_example(cmd):
    r = run(cmd, "--help")
    assert r.exit_code == 0 and "Example:" in r.output and "sideswitch " + cmd in r.output
