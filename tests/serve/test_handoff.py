"""`sideswitch ingest` as a client of a running `sideswitch serve` on the same store: the discovery
file, the batch endpoint, the hand-off and its fallback, against real server processes."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sideswitch.models import Document
from sideswitch.serve import create_app
from sideswitch.serve.client import BATCH_DOCUMENTS, find_server, handoff_documents
from sideswitch.serve.discovery import advertise, discovery_path, read_advert
from sideswitch.store import open_store

TOKEN = "handoff-token-7"
CLI = [sys.executable, "-c", "from sideswitch.cli import main; main()"]

# Invented reports: invented people and places, parties of the shipped lexicon.
REPORT_ONE = (
    "Commander Oskar Dremmeln and 23 of his fighters defected to the Taliban in Varnel district on "
    "Sunday, a spokesman for the district governor said on Monday."
)
REPORT_TWO = (
    "A police captain, Ilse Marhovec, surrendered to the Taliban with eleven of her men near the "
    "town of Quessa on Thursday, the district chief said."
)
QUIET = "The council of Varnelo met on Monday about the price of flour and the ferry timetable."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _new_store(path: Path) -> Path:
    open_store(path).close()
    return path


class Server:
    """`sideswitch serve` in its own process on a free port, ready when its discovery file is
    written and GET /api answers."""

    def __init__(self, db: Path, token: str | None = TOKEN):
        self.db, self.port = db, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [*CLI, "serve", "--db", str(db), "--port", str(self.port), *(["--token", token] if token else [])]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited: {self.proc.stderr.read() if self.proc.stderr else ''}")
            try:
                with urllib.request.urlopen(self.url + "/api", timeout=2) as r:
                    if r.status == 200 and discovery_path(db).exists():
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("serve did not start")

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=30)


def _ingest(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, "ingest", "--db", str(db), *args], input=stdin, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server with a token on a fresh store, shared by the tests that only add to it."""
    db = _new_store(tmp_path_factory.mktemp("handoff") / "served.db")
    server = Server(db)
    yield server
    server.stop()


def _stored(db: Path) -> dict[str, dict]:
    with open_store(db, readonly=True) as store:
        return {d["id"]: store.get_document(d["id"]) for d in store.list_documents(limit=None)}


def _events_of(db: Path, doc_id: str) -> list[str]:
    with open_store(db, readonly=True) as store:
        return store.event_ids_for_document(doc_id)


# -- the discovery file ------------------------------------------------------------------------------


def test_the_server_advertises_itself_while_it_runs(tmp_path):
    db = _new_store(tmp_path / "ad.db")
    server = Server(db)
    where = discovery_path(db)
    assert where.name == "ad.db.serving.json" and where.stat().st_mode & 0o777 == 0o600
    body = json.loads(where.read_text())
    assert body["url"] == server.url and body["pid"] == server.proc.pid and body["token"] == TOKEN
    assert body["writable"] is True and body["db"] == str(db.resolve())
    assert find_server(db) == read_advert(db) and read_advert(db).url == server.url
    assert server.stop() == 0
    assert not where.exists()  # removed on a clean shutdown


def test_a_read_only_server_advertises_no_token_and_is_not_handed_anything(tmp_path):
    db = _new_store(tmp_path / "ro.db")
    port = _free_port()
    app = create_app(db, advertise_url=f"http://127.0.0.1:{port}")
    with TestClient(app):  # runs the lifespan: the file is written, then removed
        advert = read_advert(db)
        assert advert is not None and advert.writable is False and advert.token is None
        assert "token" not in json.loads(discovery_path(db).read_text())
        assert find_server(db) is None
    assert not discovery_path(db).exists()


def test_a_second_server_on_the_store_leaves_the_first_one_advertised(served):
    first = discovery_path(served.db).read_text()
    second = create_app(served.db, token="second", advertise_url=f"http://127.0.0.1:{_free_port()}")
    with TestClient(second):
        assert discovery_path(served.db).read_text() == first
    assert discovery_path(served.db).read_text() == first  # and its shutdown does not remove it
    assert find_server(served.db).url == served.url


def test_a_stale_file_is_ignored(tmp_path):
    db = _new_store(tmp_path / "stale.db")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    where = advertise(db, f"http://127.0.0.1:{_free_port()}", token=TOKEN)
    where.write_text(json.dumps(dict(json.loads(where.read_text()), pid=dead.pid)))
    assert find_server(db) is None and not where.exists()  # its process is gone: removed
    advertise(db, f"http://127.0.0.1:{_free_port()}", token=TOKEN)  # alive (this process) but nothing listens
    assert read_advert(db) is not None and find_server(db) is None and where.exists()
    other = _new_store(tmp_path / "other.db")
    where.rename(discovery_path(other))  # a file naming another store
    assert read_advert(other) is None
    where.write_text("{not json")
    assert read_advert(db) is None
    doc = tmp_path / "quiet.txt"
    doc.write_text(QUIET)
    run = _ingest(db, str(doc))
    assert run.returncode == 0, run.stderr
    assert "Handing" not in run.stderr and run.stdout.startswith("Ingested 1 document ")
    assert len(_stored(db)) == 1


# -- the hand-off --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_hands_its_documents_to_the_server_and_the_store_ends_as_in_process(served, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    wire = inputs / "wire.jsonl"
    lines = [
        json.dumps({"id": "ho-1", "published": "2022-03-14", "outlet": "Varnel Courier", "text": REPORT_ONE}),
        "{oops",
        json.dumps({"id": "ho-quiet", "text": QUIET}),
    ]
    wire.write_text("\n".join(lines) + "\n")
    (inputs / "note.md").write_text(f"---\ntitle: Quessa\npublished: 2022-04-02\n---\n{REPORT_TWO}\n")
    run = _ingest(served.db, "--strict", str(inputs))
    assert run.returncode == 1, run.stderr  # --strict: a record was skipped
    assert f"Handing the documents to the server at {served.url}" in run.stderr
    assert f"Skipped: cannot read '{wire}' line 2: not valid JSON" in run.stderr
    assert run.stdout.startswith("Ingested 3 documents (1 skipped, 0 already known); ")
    stored = _stored(served.db)
    assert stored["ho-1"]["format"] == "jsonl" and stored["ho-1"]["source_path"] == str(wire)
    assert stored["ho-1"]["outlet"] == "Varnel Courier" and stored["ho-1"]["published"] == "2022-03-14"
    assert _events_of(served.db, "ho-1") and len(stored) == 3
    # the same inputs ingested in-process give the same documents and events
    local = _new_store(tmp_path / "local.db")
    here = _ingest(local, "--local", "-q", str(inputs))
    assert here.returncode == 0 and here.stdout.split(";")[1:] == run.stdout.split(";")[1:]
    assert "Handing" not in here.stderr
    exported = [
        subprocess.run([*CLI, "export", "--db", str(db)], capture_output=True, text=True, check=True).stdout
        for db in (served.db, local)
    ]
    assert exported[0] == exported[1] and exported[0].count("\n") >= 2
    keep = ("text", "format", "source_path", "outlet", "published", "title", "lang")
    assert {k: {f: d[f] for f in keep} for k, d in stored.items()} == {
        k: {f: d[f] for f in keep} for k, d in _stored(local).items()
    }
    again = _ingest(served.db, "-q", str(wire))  # -q: the summary only
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout.startswith("Ingested 0 documents (1 skipped, 2 already known)")


def test_the_client_path_imports_no_extraction(served, tmp_path):
    """A new `sideswitch ingest` handing a defection report to the server: no spaCy, numpy,
    scipy, pipeline, extraction, merge rules, lexicon checker or web framework in the client process."""
    doc = tmp_path / "one.jsonl"
    doc.write_text(json.dumps({"id": "ho-light", "published": "2022-05-01", "text": REPORT_ONE + " Again."}) + "\n")
    heavy = ("spacy", "numpy", "scipy", "sideswitch.pipeline", "sideswitch.extract", "fastapi", "httpx")
    heavy += ("sideswitch.resolve.merge", "sideswitch.resolve.incremental", "sideswitch.lexicon.check")
    code = (
        "import sys; from sideswitch.cli import main\n"
        f"try: main(['ingest', '--db', {str(served.db)!r}, {str(doc)!r}])\n"
        "except SystemExit: pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert "Handing the documents to the server" in run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"
    assert "ho-light" in _stored(served.db) and _events_of(served.db, "ho-light")


def test_standard_input_is_read_here_and_handed_off(served):
    lines = json.dumps({"id": "ho-stdin", "text": QUIET + " From a pipe."}) + "\n{broken\n"
    run = _ingest(served.db, "-", stdin=lines)
    assert run.returncode == 0, run.stderr
    assert "Handing the documents to the server" in run.stderr
    assert "Skipped: cannot read '<stdin>' line 2: not valid JSON" in run.stderr
    assert run.stdout.startswith("Ingested 1 document (1 skipped, 0 already known)")
    assert _stored(served.db)["ho-stdin"]["source_path"] == "<stdin>"


def test_local_extracts_in_this_process(served, tmp_path):
    doc = tmp_path / "quiet-local.txt"
    doc.write_text(QUIET + " Second sitting.")
    run = _ingest(served.db, "--local", str(doc))
    assert run.returncode == 0, run.stderr
    assert "Handing" not in run.stderr and run.stdout.startswith("Ingested 1 document ")
    assert any(d["source_path"] == str(doc) and d["format"] == "text" for d in _stored(served.db).values())


def test_a_wrong_token_falls_back_with_one_warning(served, tmp_path):
    advert = find_server(served.db)
    assert advert is not None and advert.token == TOKEN
    warned: list[str] = []
    docs = [Document(text=f"{QUIET} Sitting {n}.", id=f"wrong-{n}") for n in range(2)]
    report = handoff_documents(replace(advert, token="not-it"), docs, db=served.db, on_fallback=warned.append)
    assert len(warned) == 1 and "status 401" in warned[0] and served.url in warned[0]
    assert report.ingested == 2 and {"wrong-0", "wrong-1"} <= set(_stored(served.db))


@pytest.mark.slow
def test_when_the_server_dies_the_rest_is_ingested_here(tmp_path):
    db = _new_store(tmp_path / "dies.db")
    server = Server(db)
    advert = find_server(db)
    assert advert is not None

    def docs():
        yield Document(text=REPORT_ONE, id="dies-report-1", published="2022-03-14")
        for n in range(BATCH_DOCUMENTS - 1):
            yield Document(text=f"{QUIET} Item {n}.", id=f"dies-quiet-{n}")
        server.stop(signal.SIGKILL)  # the first batch was posted; the server dies before the second
        yield Document(text=REPORT_TWO, id="dies-report-2", published="2022-04-02")
        yield Document(text=QUIET + " Last item.", id="dies-last")

    warned: list[str] = []
    seen: list[str] = []
    report = handoff_documents(
        advert, docs(), db=db, on_fallback=warned.append, on_document=lambda d, m: seen.append(d.id)
    )
    assert len(warned) == 1 and "ConnectionRefusedError" in warned[0]
    assert report.ingested == BATCH_DOCUMENTS + 2 and not report.skipped and report.mentions >= 2
    stored = _stored(db)
    assert len(stored) == BATCH_DOCUMENTS + 2
    assert _events_of(db, "dies-report-1") and _events_of(db, "dies-report-2")
    assert set(report.events) >= set(_events_of(db, "dies-report-1")) | set(_events_of(db, "dies-report-2"))
    assert seen[-1] == "dies-last" and "dies-report-1" in seen
    assert discovery_path(db).exists() and find_server(db) is None  # killed: stale, then removed
    assert not discovery_path(db).exists()


# -- the batch endpoint --------------------------------------------------------------------------------


def _batch_app(tmp_path, token=TOKEN):
    return TestClient(create_app(_new_store(tmp_path / "batch.db"), token=token))


def test_the_batch_endpoint_needs_the_token(tmp_path):
    body = {"documents": [{"text": QUIET}]}
    with _batch_app(tmp_path) as c:
        assert c.post("/api/documents/batch", json=body).status_code == 401
        resp = c.post("/api/documents/batch", json={"text": QUIET}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.status_code == 400 and resp.json()["error"] == "body field 'documents' is required"
        assert "/api/documents/batch" in c.get("/api").json()["endpoints"]
    with TestClient(create_app(tmp_path / "batch.db")) as ro:
        assert ro.post("/api/documents/batch", json=body).status_code == 403


def test_the_batch_endpoint_answers_the_summary_counts(tmp_path):
    docs = [
        {"id": "b-1", "text": REPORT_ONE, "published": "14 March 2022", "format": "jsonl", "source_path": "w.jsonl"},
        {"id": "b-de", "text": "Der Rat von Varnelo tagte am Montag.", "lang": "de", "source_path": "w.jsonl"},
        {"id": "b-quiet", "text": QUIET, "source_line": 3, "metadata": {"tags": ["flour"]}},
    ]
    docs[1]["source_line"] = 2
    with _batch_app(tmp_path) as c:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        resp = c.post("/api/documents/batch", json={"documents": docs}, headers=headers)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert (body["ok"], body["ingested"], body["known"], body["skipped"]) == (True, 3, 0, [])
        assert body["mentions"] >= 1 and body["events"] and all(e.startswith("ev-") for e in body["events"])
        assert [w["id"] for w in body["warnings"]] == ["b-de"] and body["warnings"][0]["line"] == 2
        assert body["warnings"][0]["error"].startswith("document 'b-de' ('w.jsonl' line 2): language 'de'")
        assert {d["id"]: d["mentions"] > 0 for d in body["documents"]}["b-1"] is True
        stored = c.get("/api/documents/b-1").json()["document"]
        assert (stored["format"], stored["source_path"], stored["published"]) == ("jsonl", "w.jsonl", "2022-03-14")
        assert c.get("/api/documents/b-quiet").json()["document"]["metadata"] == {"tags": ["flour"]}
        again = c.post("/api/documents/batch", json={"documents": docs[:1]}, headers=headers).json()
        assert (again["ingested"], again["known"], again["events"]) == (0, 1, [])


def test_batches_are_closed_by_count_and_by_size_and_lose_no_document(monkeypatch):
    from sideswitch.serve import client

    monkeypatch.setattr(client, "BATCH_DOCUMENTS", 3)
    monkeypatch.setattr(client, "BATCH_CHARS", 10)
    docs = [Document(text="x" * n, id=f"d{i}") for i, n in enumerate([1, 1, 1, 4, 4, 4, 30, 2])]
    read: list[str] = []

    def reading():
        for d in docs:
            read.append(d.id)
            yield d

    out = []
    for batch, ahead in client._batches(reading()):
        out.append(([d.id for d in batch], [d.id for d in ahead], read[-1]))
    assert out == [
        (["d0", "d1", "d2"], [], "d2"),  # full: closed before d3 is read
        (["d3", "d4"], ["d5"], "d5"),  # d5 would pass 10 characters: read ahead, handed back
        (["d5"], ["d6"], "d6"),
        (["d6"], ["d7"], "d7"),  # a longer document goes alone
        (["d7"], [], "d7"),
    ]
