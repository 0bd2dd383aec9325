"""The core commands (ingest, events, show, export, explain, documents, reprocess, evaluate)
on a few short articles written for these tests (invented incidents, example.org outlets).

One store is ingested per module and copied for the tests that change it, so the
lexicons load once and every extraction runs a handful of times.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.contract import event_problems

ARTICLES = [
    {
        "id": "cli-farah",
        "outlet": "Frontier Ledger",
        "published": "2015-06-08",
        "title": "Border police defect in Farah",
        "url": "https://example.org/ledger/farah",
        "text": "Eleven border policemen defected to the Taliban in Farah province on Sunday, "
        "taking with them 11 rifles, officials said.",
    },
    {
        "id": "cli-borno",
        "outlet": "Delta Courier",
        "published": "2017-03-15",
        "title": "Fighters surrender in Borno",
        "text": "Thirty Boko Haram fighters surrendered to Nigerian troops in Bama, Borno state, "
        "on Tuesday, an army spokesman said.",
    },
    {
        "id": "cli-gao",
        "outlet": "Sahel Post",
        "published": "2019-11-04",
        "title": "Soldiers desert in Gao",
        "text": "Twenty soldiers deserted from the Malian army in Gao region on Friday, a local official said.",
    },
    {
        "id": "cli-recall",
        "outlet": "Motor Weekly",
        "published": "2018-01-10",
        "title": "Recall and a colonel",
        "text": "Drivers angry about the recalled sedans are defecting to rival brands, dealers said on Monday. "
        "In other news, a Syrian army colonel defected to the Free Syrian Army in Idlib province "
        "on Sunday, activists said.",
    },
]
# A fifth article, only for the files that mix good and broken records.
EXTRA = {
    "id": "cli-kunar",
    "outlet": "Valley Times",
    "published": "2016-09-20",
    "text": "Six Taliban fighters surrendered to Afghan police in Kunar province on Monday, "
    "the governor's office said.",
}
HEADER = ["DATE", "KIND", "DEFECTOR", "PEOPLE", "FROM -> TO", "PLACE", "CONTESTED"]


def jsonl(*records) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def counts(db) -> tuple[int, int]:
    """(documents, events) in a store, read with plain sqlite3."""
    with sqlite3.connect(db) as c:
        return (
            c.execute("SELECT count(*) FROM documents").fetchone()[0],
            c.execute("SELECT count(*) FROM events").fetchone()[0],
        )


def event_ids(db) -> set[str]:
    with sqlite3.connect(db) as c:
        return {r[0] for r in c.execute("SELECT id FROM events")}


def exported(db, *args) -> list[dict]:
    result = run("export", "--db", db, *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The four articles as JSONL, ingested once: (folder, jsonl path, db path, ingest result)."""
    folder = tmp_path_factory.mktemp("core_cli")
    src = folder / "articles.jsonl"
    src.write_text(jsonl(*ARTICLES), encoding="utf-8")
    db = folder / "base.db"
    result = run("ingest", src, "--db", db)
    assert result.exit_code == 0, result.output
    return folder, src, db, result


@pytest.fixture
def db_copy(corpus, tmp_path) -> Path:
    """A private copy of the ingested store, for tests that write to it."""
    copy = tmp_path / "copy.db"
    shutil.copy(corpus[2], copy)
    return copy


@pytest.fixture(scope="module")
def by_doc(corpus) -> dict[str, list[dict]]:
    """Exported events, by the id of their (single) source document."""
    out: dict[str, list[dict]] = {}
    for ev in exported(corpus[2]):
        for s in ev["sources"]:
            out.setdefault(s["doc"], []).append(ev)
    return out


# -- ingest -------------------------------------------------------------------


def test_ingest_summary_and_events(corpus, by_doc):
    *_, db, result = corpus
    assert result.stdout.splitlines() == [
        "Ingested 4 documents (0 skipped, 0 already known); 4 event mentions, 4 events created or updated."
    ]
    assert result.stderr == ""
    assert counts(db) == (4, 4)
    assert {d: [e["kind"] for e in evs] for d, evs in by_doc.items()} == {
        "cli-farah": ["defection"],
        "cli-borno": ["surrender"],
        "cli-gao": ["desertion"],
        "cli-recall": ["defection"],
    }
    farah = by_doc["cli-farah"][0]
    assert farah["people"] == {"min": 11, "max": 11, "low": 11, "best": 11, "high": 11}
    assert farah["to_side"]["party"] == "Taliban"
    assert farah["location"]["country"] == "Afghanistan"


def test_reingest_same_file_changes_nothing(corpus, db_copy):
    _, src, _, _ = corpus
    before, ids = counts(db_copy), event_ids(db_copy)
    result = run("ingest", src, "--db", db_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Ingested 0 documents (0 skipped, 4 already known); 0 event mentions, 0 events created or updated."
    )
    assert counts(db_copy) == before
    assert event_ids(db_copy) == ids


def _ingest_one(tmp_path, name: str, content: str | bytes, *extra):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    db = tmp_path / "bad.db"
    return path, db, run("ingest", path, "--db", db, *extra)


def test_bad_json_line_is_skipped_with_its_line_number(tmp_path):
    content = jsonl(EXTRA) + '{"id": "cli-broken" "text": "x"}\n'
    path, db, result = _ingest_one(tmp_path, "mixed.jsonl", content)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Skipped: cannot read '{path}' line 2: not valid JSON (Expecting ',' delimiter at col 21)"
    ]
    assert result.stdout.startswith("Ingested 1 document (1 skipped, 0 already known); 1 event mention")
    assert counts(db) == (1, 1)


def test_empty_text_is_skipped(tmp_path):
    content = jsonl({"id": "cli-blank", "text": "   \n  "}, EXTRA)
    path, db, result = _ingest_one(tmp_path, "blank.jsonl", content)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"Skipped: cannot read '{path}' line 1: empty text"]
    assert counts(db)[0] == 1


def test_record_without_text_names_the_accepted_fields(tmp_path):
    path, db, result = _ingest_one(tmp_path, "notext.jsonl", jsonl({"id": "cli-none", "title": "No body"}))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Skipped: cannot read '{path}' line 1: no text field (expected one of: text")


def test_truncated_last_line_is_skipped_and_the_rest_kept(tmp_path):
    content = jsonl(EXTRA) + '{"id": "cli-cut", "text": "Four policemen sur'
    path, db, result = _ingest_one(tmp_path, "cut.jsonl", content)
    assert result.exit_code == 0, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Skipped: cannot read '{path}' line 2: not valid JSON (Unterminated string")
    assert counts(db) == (1, 1)


def test_undecodable_bytes_fall_back_to_a_single_byte_encoding(tmp_path):
    # Not UTF-8: the reader decodes Windows-1252/Latin-1 instead of dropping the record.
    content = b'{"id": "cli-latin", "text": "Six guards handed themselves in at C\xfacuta on Monday \x81."}\n'
    path, db, result = _ingest_one(tmp_path, "latin.jsonl", content)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert counts(db)[0] == 1
    with sqlite3.connect(db) as c:
        assert "Cúcuta" in c.execute("SELECT text FROM documents").fetchone()[0]


def test_empty_file_ingests_nothing(tmp_path):
    path, db, result = _ingest_one(tmp_path, "empty.jsonl", "")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ingested 0 documents (0 skipped, 0 already known);")
    assert counts(db) == (0, 0)


def test_unknown_format_named_explicitly_is_an_error(tmp_path):
    path, _, result = _ingest_one(tmp_path, "blob.xyz", b"\x00\x01\x02\x03 binary")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot read '{path}': unknown format; name one of: html, jsonl, markdown, rss, text, warc\n"
    )


def test_missing_path_is_an_error(tmp_path):
    result = run("ingest", tmp_path / "nowhere.jsonl", "--db", tmp_path / "x.db")
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot read '{tmp_path / 'nowhere.jsonl'}': no such file or folder\n"


def test_ingest_needs_a_path(tmp_path):
    result = run("ingest", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.stderr


@pytest.mark.parametrize("strict, code", [(False, 0), (True, 1)])
def test_strict_fails_when_a_record_was_skipped(tmp_path, strict, code):
    content = jsonl(EXTRA) + "not json at all\n"
    _, db, result = _ingest_one(tmp_path, "strict.jsonl", content, *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    assert "1 skipped" in result.stdout
    assert counts(db)[0] == 1  # the good record is stored either way


def test_quiet_prints_only_the_summary(tmp_path):
    _, _, result = _ingest_one(tmp_path, "quiet.jsonl", jsonl(EXTRA) + "{oops\n", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("Ingested 1 document (1 skipped")


def test_a_broken_file_later_loses_nothing_stored_before(corpus, db_copy, tmp_path):
    before, ids = counts(db_copy), event_ids(db_copy)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{nope\n" + jsonl(EXTRA) + '{"id": "cli-half", "te', encoding="utf-8")
    result = run("ingest", broken, "--db", db_copy)
    assert result.exit_code == 0, result.output
    assert len(result.stderr.splitlines()) == 2
    assert ids < event_ids(db_copy)
    assert counts(db_copy) == (before[0] + 1, before[1] + 1)
    result = run("ingest", tmp_path / "missing.jsonl", "--db", db_copy)
    assert result.exit_code == 1
    assert counts(db_copy) == (before[0] + 1, before[1] + 1)


def test_ingest_from_stdin_in_a_real_process(tmp_path):
    db = tmp_path / "stdin.db"
    data = jsonl(EXTRA) + "[broken\n"
    script = shutil.which("sideswitch")
    cmd = [script] if script else [sys.executable, "-c", "from sideswitch.cli import main; main()"]
    proc = subprocess.run(
        [*cmd, "ingest", "-", "--db", str(db), "--strict"], input=data.encode(), capture_output=True, timeout=120
    )
    assert proc.returncode == 1, proc.stderr.decode()
    assert proc.stderr.decode().splitlines() == [
        "Skipped: cannot read '<stdin>' line 2: not valid JSON (Expecting value at col 2)"
    ]
    assert proc.stdout.decode().startswith("Ingested 1 document (1 skipped, 0 already known); 1 event mention")
    assert counts(db) == (1, 1)


def test_ingest_from_stdin_in_process(tmp_path):
    db = tmp_path / "stdin2.db"
    result = run("ingest", "-", "--db", db, input=jsonl(EXTRA))
    assert result.exit_code == 0, result.output
    assert counts(db) == (1, 1)


# -- events ---------------------------------------------------------------------


def test_events_table(corpus):
    db = corpus[2]
    result = run("events", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[: len(" ".join(HEADER).split())] == " ".join(HEADER).split()
    header_at = [lines[0].index(h) for h in HEADER]
    assert header_at == sorted(header_at)
    assert len(lines) == 1 + 4 + 1 and lines[-1] == "4 events."
    rows = lines[1:-1]
    assert [r.split()[0] for r in rows] == sorted(r.split()[0] for r in rows)  # by date
    farah = next(r for r in rows if "Farah" in r)
    assert farah.startswith("2015-06-07  defection")
    assert "Afghan government -> Taliban" in farah and "Farah, Afghanistan" in farah


@pytest.mark.parametrize(
    "args, expect",
    [
        (["--country", "Afghanistan"], {"cli-farah"}),
        (["--country", "nigeria"], {"cli-borno"}),
        (["--kind", "desertion"], {"cli-gao"}),
        (["--kind", "defection"], {"cli-farah", "cli-recall"}),
        (["--since", "2017-01-01"], {"cli-borno", "cli-recall", "cli-gao"}),
        (["--since", "2016-01-01", "--until", "2018-06-30"], {"cli-borno", "cli-recall"}),
        (["--party", "Taliban"], {"cli-farah"}),
        (["--search", "idlib"], {"cli-recall"}),
        (["--country", "Chad"], set()),
    ],
)
def test_events_filters(corpus, by_doc, args, expect):
    result = run("events", "--db", corpus[2], *args)
    assert result.exit_code == 0, result.output
    shown = {doc for doc, evs in by_doc.items() if any(e["id"] in result.stdout for e in evs)}
    assert shown == expect
    if not expect:
        assert result.stdout == "No events.\n"


def test_events_limit(corpus):
    result = run("events", "--db", corpus[2], "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 events."


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_events_bad_date_is_a_usage_error(corpus, option):
    result = run("events", "--db", corpus[2], option, "notadate")
    assert result.exit_code == 2
    assert f"Error: Invalid value for '{option}': 'notadate' is not a date YYYY-MM-DD" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_events_bad_kind_is_a_usage_error(corpus):
    result = run("events", "--db", corpus[2], "--kind", "mutiny")
    assert result.exit_code == 2
    assert "Invalid value for '--kind'" in result.stderr


def test_reading_a_missing_store_is_an_error_and_creates_nothing(tmp_path):
    db = tmp_path / "typo.db"
    result = run("events", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"Error: database '{db}' does not exist (run 'sideswitch ingest' first)\n"
    assert not db.exists()


def test_a_file_that_is_not_a_database_is_an_error(corpus):
    result = run("events", "--db", corpus[1])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot read database '{corpus[1]}': file is not a database\n"


def test_db_from_environment(corpus):
    result = CliRunner(env={"SIDESWITCH_DB": str(corpus[2])}).invoke(main, ["events"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "4 events."


# -- show -----------------------------------------------------------------------


def test_show_prints_every_field_and_the_evidence(corpus, by_doc):
    ev = by_doc["cli-farah"][0]
    result = run("show", ev["id"], "--db", corpus[2])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == f"Event {ev['id']}"
    for label in ("kind", "defector", "people", "from", "to", "where", "when", "weapons", "contested", "confidence"):
        assert f"\n  {label:<11} " in out, label
    assert "  kind        defection (completed)" in out
    assert "  people      11\n" in out
    assert "  to          Taliban\n" in out
    assert '  when        2015-06-07  ("on Sunday")' in out
    assert "  weapons     rifle x11" in out
    assert f"  confidence  {ev['confidence']}" in out
    assert "\nSources:\n  [cli-farah] Frontier Ledger 2015-06-08 https://example.org/ledger/farah  span " in out
    evidence = " ".join(line.strip().lstrip("\u201c") for line in out.split("Sources:\n")[1].splitlines()[1:])
    assert evidence == ev["sources"][0]["evidence"]


def test_show_json_is_the_contract_event(corpus, by_doc):
    ev = by_doc["cli-gao"][0]
    result = run("show", ev["id"], "--db", corpus[2], "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert event_problems(shown) == []
    assert shown["id"] == ev["id"] and shown["kind"] == "desertion"


def test_show_unknown_id(corpus):
    result = run("show", "x", "--db", corpus[2])
    assert result.exit_code == 1
    assert result.stderr == "Error: no event with id 'x'\n"


# -- export ---------------------------------------------------------------------


def test_export_jsonl_follows_the_contract(corpus):
    evs = exported(corpus[2])
    assert len(evs) == 4
    for ev in evs:
        assert event_problems(ev) == [], ev["id"]


def test_export_csv(corpus):
    result = run("export", "--db", corpus[2], "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4
    assert {"id", "kind", "people_min", "people_max", "country", "date_earliest"} <= set(rows[0])
    assert sorted(r["kind"] for r in rows) == ["defection", "defection", "desertion", "surrender"]


def test_export_geojson(corpus):
    result = run("export", "--db", corpus[2], "--format", "geojson")
    assert result.exit_code == 0, result.output
    fc = json.loads(result.stdout)
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 4
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_min_confidence_filters(corpus):
    evs = exported(corpus[2])
    cut = sorted(e["confidence"] for e in evs)[-1]
    kept = exported(corpus[2], "--min-confidence", cut)
    assert kept and all(e["confidence"] >= cut for e in kept)
    assert len(kept) == sum(e["confidence"] >= cut for e in evs)
    assert exported(corpus[2], "--min-confidence", "0.99") == [e for e in evs if e["confidence"] >= 0.99]


def test_export_to_file_with_a_filter(corpus, tmp_path):
    out = tmp_path / "syria.jsonl"
    result = run("export", "--db", corpus[2], "--country", "Syria", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    [ev] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert ev["location"]["country"] == "Syria"


# -- explain, documents, reprocess ------------------------------------------------


def test_explain_shows_kept_and_rejected_triggers(corpus):
    result = run("explain", "cli-recall", "--db", corpus[2])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[0-") and "recalled sedans are defecting" in lines[0]
    assert lines[1].split() == [
        "-",
        "defect-verb",
        "'defecting'",
        "defection/completed:",
        "negative",
        "cue",
        "(product)",
    ]
    assert "Syrian army colonel defected" in lines[2]
    assert lines[3].split()[:5] == ["+", "defect-verb", "'defected'", "defection/completed:", "kept"]
    assert lines[3].endswith("-> event 1")


def test_explain_unknown_document(corpus):
    result = run("explain", "no-such-doc", "--db", corpus[2])
    assert result.exit_code == 1
    assert result.stderr == "Error: no document with id 'no-such-doc'\n"


def test_documents(corpus):
    result = run("documents", "--db", corpus[2])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["cli-farah", "cli-borno", "cli-recall", "cli-gao"]  # by date
    assert lines[0].split()[1] == "2015-06-08" and "Frontier Ledger" in lines[0]
    result = run("documents", "--db", corpus[2], "--search", "sedans")
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["cli-recall"]
    result = run("documents", "--db", corpus[2], "--limit", "1")
    assert len(result.stdout.splitlines()) == 1


def test_reprocess_gives_the_same_events(db_copy):
    before = exported(db_copy)
    result = run("reprocess", "--db", db_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Ingested 4 documents (0 skipped, 0 already known); 4 event mentions, 4 events created or updated."
    )
    assert counts(db_copy) == (4, 4)
    after = exported(db_copy)
    assert [e["id"] for e in after] == [e["id"] for e in before]


# -- evaluate (with a stand-in scorer written here) ---------------------------------

STUB_SCORER = """
def score(docs, gold, preds):
    pred_docs = {s["doc"] for p in preds for s in p["sources"]}
    gold_docs = {g["id"] for g in gold if g["events"]}
    hit = len(pred_docs & gold_docs)
    p = hit / len(pred_docs) if pred_docs else 0.0
    r = hit / len(gold_docs) if gold_docs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "fp_in_negative_docs": len(pred_docs - gold_docs),
            "slot_accuracy": {"kind": 1.0, "people": 0.5}, "mean_slot_accuracy": 0.75,
            "merge_precision": None, "merge_recall": None,
            "misses": [[d, "missed event"] for d in sorted(gold_docs - pred_docs)],
            "extras": [[d, "extra event"] for d in sorted(pred_docs - gold_docs)]}
"""


@pytest.fixture
def eval_corpus(tmp_path):
    folder = tmp_path / "a" / "b" / "c" / "gold"  # find_scorer looks three folders up: keep it inside tmp
    folder.mkdir(parents=True)
    (folder / "docs.jsonl").write_text(jsonl(ARTICLES[0], ARTICLES[2]), encoding="utf-8")
    (folder / "gold.jsonl").write_text(
        jsonl({"id": "cli-farah", "events": [{"kind": "defection"}]}, {"id": "cli-gao", "events": []}), encoding="utf-8"
    )
    scorer = tmp_path / "stub_score.py"
    scorer.write_text(STUB_SCORER, encoding="utf-8")
    return folder, scorer


def test_evaluate_prints_the_scores(eval_corpus):
    folder, scorer = eval_corpus
    result = run("evaluate", folder, "--scorer", scorer, "--explain")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "precision 0.500  recall 1.000  F1 0.667  (false positives in negative documents: 1)",
        "slot accuracy: kind 1.00  people 0.50  | mean 0.750",
        "cross-document merge: precision -  recall -",
        "EXTRA   [cli-gao] extra event",
    ]


def test_evaluate_json(eval_corpus):
    folder, scorer = eval_corpus
    result = run("evaluate", folder, "--scorer", scorer, "--json")
    assert result.exit_code == 0, result.output
    r = json.loads(result.stdout)
    assert r["f1"] == pytest.approx(2 / 3) and "misses" not in r


def test_evaluate_without_gold_or_scorer(eval_corpus):
    folder, scorer = eval_corpus
    result = run("evaluate", folder)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: no score.py found next to corpus '{folder.resolve()}' (pass --scorer PATH)\n")
    (folder / "gold.jsonl").unlink()
    result = run("evaluate", folder, "--scorer", scorer)
    assert result.exit_code == 1
    assert result.stderr == f"Error: corpus '{folder}' has no gold.jsonl\n"
