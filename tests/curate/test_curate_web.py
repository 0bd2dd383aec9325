"""Corrections through the API (token) and the event page's form."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sideswitch.pipeline import ingest_documents, reprocess
from sideswitch.serve import create_app
from sideswitch.store import open_store

from .docs import documents

TOKEN = "t0ken-abc"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.db"
    with open_store(path) as s:
        ingest_documents(s, documents())
    return path


def first(db, name="Rahim Dostan"):
    with open_store(db) as s:
        return next(e for e in s.query_events() if e["defector"]["name"] == name)


def test_api_writes_need_the_token_and_survive_reprocess(db):
    ev = first(db)
    body = {"target": ev["id"], "op": "set", "field": "people.best", "value": "24", "why": "ministry"}
    with TestClient(create_app(db)) as ro:
        assert ro.post("/api/corrections", json=body).status_code == 403
    with TestClient(create_app(db, token=TOKEN)) as c:
        assert c.post("/api/corrections", json=body).status_code == 401
        r = c.post("/api/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201 and r.json()["correction"]["status"] == "applied"
        bad = c.post("/api/corrections", json={**body, "value": "lots"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert bad.status_code == 400 and bad.json()["error"] == "people.best must be a whole number, not 'lots'"
    with open_store(db) as s:
        reprocess(s)
    with TestClient(create_app(db)) as ro:
        assert ro.get(f"/api/events/{ev['id']}").json()["event"]["people"]["best"] == 24
        log = ro.get("/api/corrections", params={"event": ev["id"]}).json()
        assert log["total"] == 1 and log["corrections"][0]["by"]


def test_event_page_form(db):
    ev = first(db)
    with TestClient(create_app(db)) as ro:
        assert 'id="form-set"' not in ro.get(f"/events/{ev['id']}").text  # read-only: no forms
    with TestClient(create_app(db, token=TOKEN)) as c:
        page = c.get(f"/events/{ev['id']}").text
        assert 'id="form-set"' in page and 'id="form-split"' in page
        form = {"op": "set", "field": "kind", "value": "surrender", "why": "gave up", "token": "nope"}
        assert c.post(f"/events/{ev['id']}/correct", data=form, headers={"accept": "text/html"}).status_code == 401
        r = c.post(f"/events/{ev['id']}/correct", data={**form, "token": TOKEN}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/events/{ev['id']}?corrected=1"
        page = c.get(r.headers["location"]).text
        assert 'id="curated-fields"' in page and "Correction #1 saved" in page
        r = c.post(
            f"/events/{ev['id']}/correct", data={"op": "reject", "why": "no", "token": TOKEN}, follow_redirects=False
        )
        assert r.headers["location"].startswith("/events?rejected=")
        assert c.get(f"/api/events/{ev['id']}").status_code == 404


@pytest.mark.parametrize("op", ["merge", "split", "alias", "reject", "unlink"])
def test_every_operation_through_the_api(db, op):
    a, b = first(db), first(db, "Wali Nazeri")
    body = {
        "merge": {"target": a["id"], "other": b["id"]},
        "split": {"target": a["id"], "doc": "paper-1"},
        "alias": {"target": "Islamic Emirate", "value": a["to_side"]["name"]},
        "reject": {"target": b["id"]},
        "unlink": {"target": a["id"]},
    }[op]
    with TestClient(create_app(db, token=TOKEN)) as c:
        r = c.post(
            "/api/corrections", json={**body, "op": op, "why": "test"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert r.status_code == 201, r.json()
        assert r.json()["correction"]["status"] == "applied"
        total = c.get("/api/events").json()["total"]
    assert total == {"merge": 1, "split": 3, "alias": 2, "reject": 1, "unlink": 2}[op]
