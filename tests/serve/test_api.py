"""The REST API on the sample database: routes, filters, errors, exports, writes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from sideswitch.contract import validate_event
from sideswitch.errors import SideswitchError
from sideswitch.serve import create_app

from . import sample
from .conftest import TOKEN

ROUTES = [
    "/api/events",
    "/api/events/{event_id}",
    "/api/documents",
    "/api/documents/{doc_id}",
    "/api/actors",
    "/api/actors/{actor_id}",
    "/api/trends",
    "/api/flows",
    "/api/export.jsonl",
    "/api/export.csv",
    "/api/export.geojson",
]


def ids(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["id"] for e in resp.json()["events"]}


def test_openapi_lists_every_route(client):
    schema = client.get("/openapi.json").json()
    assert set(ROUTES) <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/documents"]
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {
        "date_from",
        "date_to",
        "country",
        "admin1",
        "party",
        "direction",
        "kind",
        "stage",
        "contested",
        "min_confidence",
        "q",
        "limit",
        "offset",
        "order",
    } <= params


def test_error_shape_is_pinned(client):
    resp = client.get("/api/events/no-such-event")
    assert resp.status_code == 404
    assert resp.json() == {"ok": False, "error": "no event with id 'no-such-event'", "status": 404}


@pytest.mark.parametrize(
    "path, status, message",
    [
        ("/api/events?min_confidence=abc", 400, "min_confidence must be a number, not 'abc'"),
        ("/api/events?min_confidence=1.5", 400, "min_confidence must be at most 1, not '1.5'"),
        ("/api/events?kind=foo", 400, "kind must be one of defection, surrender or desertion, not 'foo'"),
        ("/api/events?date_from=notadate", 400, "date_from must be a date YYYY-MM-DD, not 'notadate'"),
        ("/api/events?limit=-1", 400, "limit must be at least 0, not '-1'"),
        ("/api/events?offset=x", 400, "offset must be a whole number, not 'x'"),
        ("/api/events?contested=maybe", 400, "contested must be true or false, not 'maybe'"),
        ("/api/events?order=sideways", 400, None),
        ("/api/events?direction=up", 400, None),
        ("/api/export.csv?date_to=2013-13-01", 400, None),
        ("/api/documents?limit=abc", 400, None),
        ("/api/documents/nope", 404, "no document with id 'nope'"),
        ("/api/actors/nope", 404, "no actor with id 'nope'"),
        ("/api/nope", 404, "no such page or endpoint: /api/nope"),
    ],
)
def test_bad_requests_answer_json_errors(client, path, status, message):
    resp = client.get(path)
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["status"] == status
    if message:
        assert body["error"] == message


def test_wrong_method_is_a_json_error(client):
    resp = client.delete("/api/events")
    assert resp.status_code == 405 and resp.json()["ok"] is False


def test_events_by_country_and_pages(client):
    resp = client.get("/api/events", params={"country": "Afghanistan", "limit": 5})
    body = resp.json()
    assert body["ok"] is True and body["total"] == 50 and body["count"] == 5
    assert all(e["location"]["country"] == "Afghanistan" for e in body["events"])
    assert body["next"] == "/api/events?country=Afghanistan&limit=5&offset=5"
    page2 = client.get(body["next"]).json()
    assert not {e["id"] for e in body["events"]} & {e["id"] for e in page2["events"]}
    last = client.get("/api/events", params={"country": "afghanistan", "limit": 5, "offset": 45}).json()
    assert last["count"] == 5 and last["next"] is None


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"country": "Syria"}, {"ev-idlib", "ev-homs"}),
        ({"contested": "true"}, {"ev-herat", "ev-idlib"}),
        ({"stage": "offered"}, {"ev-offer"}),
        ({"kind": "desertion"}, {"ev-desert", "ev-background"}),
        ({"historical": "true"}, {"ev-background"}),
        ({"q": "wardak"}, {"ev-herat", "ev-return"}),
        ({"actor_id": "act-wardak"}, {"ev-herat", "ev-return"}),
        ({"doc_id": "doc-kunduz-2"}, {"ev-kunduz"}),
        ({"province": "Herat"}, {"ev-herat", "ev-return"}),
        ({"admin1": "Idlib"}, {"ev-idlib"}),
        ({"party": "Free Syrian Army", "direction": "to"}, {"ev-idlib"}),
        ({"party": "Free Syrian Army", "direction": "from"}, {"ev-homs"}),
        ({"country": "Syria", "date_from": "2014-01-01"}, {"ev-homs"}),
        ({"country": "Syria", "date_to": "2013-12-31"}, {"ev-idlib"}),
        ({"country": "Syria", "min_confidence": "0.8"}, {"ev-homs"}),
        ({"kind": "surrender", "min_confidence": "0.8"}, {"ev-kunduz", "ev-homs"}),
    ],
)
def test_event_filters(client, params, expected):
    assert ids(client.get("/api/events", params={**params, "limit": 1000})) == expected


def test_empty_parameters_mean_no_filter(client):
    body = client.get("/api/events?kind=&country=&min_confidence=&date_from=").json()
    assert body["total"] == len(sample.events())


def test_order(client):
    events = client.get("/api/events", params={"order": "-people", "limit": 3}).json()["events"]
    assert [e["id"] for e in events] == ["ev-offer", "ev-homs", "ev-kunduz"]


def test_one_event_has_sources_claims_and_documents(client):
    body = client.get("/api/events/ev-kunduz").json()
    ev = body["event"]
    assert validate_event(ev)
    assert [s["doc"] for s in ev["sources"]] == ["doc-kunduz", "doc-kunduz-2"]
    assert ev["sources"][0]["evidence"].startswith("Between 25 and 30 Taliban fighters")
    assert ev["claims"][0]["by"] == "governor's office"
    assert body["documents"]["doc-kunduz"]["title"] == "Fighters lay down arms in Kunduz"


def test_documents(client):
    body = client.get("/api/documents", params={"limit": 3}).json()
    assert body["total"] == len(sample.DOCS) and body["count"] == 3 and "text" not in body["documents"][0]
    assert client.get("/api/documents", params={"q": "homs"}).json()["total"] == 1
    doc = client.get("/api/documents/doc-return").json()
    assert sample.SCRIPT in doc["document"]["text"] and doc["event_ids"] == ["ev-return"]


def test_actors_and_history(client):
    body = client.get("/api/actors").json()
    assert body["total"] == 3
    wardak = next(a for a in body["actors"] if a["id"] == "act-wardak")
    assert wardak["events"] == 2 and wardak["first"] == "2013-09-17" and wardak["last"] == "2014-03-02"
    assert client.get("/api/actors", params={"q": "wardag"}).json()["total"] == 1
    one = client.get("/api/actors/act-wardak").json()
    assert [h["event_id"] for h in one["actor"]["history"]] == ["ev-herat", "ev-return"]
    assert [e["id"] for e in one["events"]] == ["ev-herat", "ev-return"]


def test_trends(client):
    resp = client.get("/api/trends", params={"by": "quarter", "country": "Afghanistan"})
    body = resp.json()
    assert resp.status_code == 200, body
    periods = {p["period"]: p for p in body["periods"]}
    assert periods["2013-Q3"]["events"] >= 3 and "change_points" in body and "status" in body
    assert client.get("/api/trends", params={"by": "decade"}).status_code == 400


def test_flows(client):
    resp = client.get("/api/flows", params={"country": "Syria"})
    body = resp.json()
    assert resp.status_code == 200 and body["ok"] is True
    cells = {(c["from"], c["to"]): c for c in body["cells"]}
    assert cells[("Free Syrian Army", "Government of Syria")]["people_high"] == 45
    assert ("Government of Syria", "Free Syrian Army") not in cells  # contested: apart by default
    with_contested = client.get("/api/flows", params={"country": "Syria", "include_contested": "true"}).json()
    assert len(with_contested["cells"]) == 2


def test_net_trend_for_a_party(client):
    body = client.get("/api/trends", params={"party": "Taliban", "direction": "net", "by": "year"}).json()
    assert body["direction"] == "net" and [p["period"] for p in body["periods"]] == ["2013", "2014"]
    assert all(p["events"] < 0 for p in body["periods"])  # the sample's Taliban mostly lose
    resp = client.get("/api/trends", params={"direction": "from"})
    assert resp.status_code == 400 and resp.json()["error"] == "direction 'from' needs a party (whose gains or losses?)"


def test_export_jsonl_is_the_contract(client):
    resp = client.get("/api/export.jsonl", params={"country": "Syria"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in resp.text.splitlines()]
    assert [e["id"] for e in events] == ["ev-idlib", "ev-homs"]
    for ev in events:
        validate_event(ev)
        assert "credibility" not in ev


def test_export_csv(client):
    resp = client.get("/api/export.csv", params={"kind": "defection"})
    assert resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert [r["id"] for r in rows] == ["ev-idlib", "ev-herat", "ev-return"]
    assert rows[1]["weapons"] == "Humvee x4" and rows[1]["contested"] == "true" and rows[1]["people_max"] == "13"


def test_export_geojson_keeps_events_with_coordinates(client):
    fc = client.get("/api/export.geojson", params={"kind": "desertion"}).json()
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == ["ev-desert"]  # ev-background has no coordinates
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [64.37, 31.58]}


def test_writes_are_disabled_without_a_configured_token(client):
    resp = client.post("/api/documents", json={"text": "anything"}, headers={"Authorization": "Bearer x"})
    assert resp.status_code == 403 and resp.json()["ok"] is False


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Sideswitch-Token": "wrong"}, {"Authorization": TOKEN}]
)
def test_writes_need_the_token(writable, headers):
    resp = writable.post("/api/documents", json={"text": "anything"}, headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"].startswith("this endpoint needs the token")
    assert writable.get("/api/documents").json()["total"] == len(sample.DOCS)


SCRIPTED = (
    "KABUL - A local militia commander joined the government with 20 men on Monday, officials said. "
    "<script>document.title='pwned'</script> <img src=x onerror=alert(1)>"
)


def test_posted_script_is_stored_and_shown_escaped(writable):
    resp = writable.post(
        "/api/documents",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"id": "posted-1", "text": SCRIPTED, "title": "Posted <b>title</b>", "published": "2014-05-02"},
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert {k: v for k, v in body.items() if k != "events"} == {
        "ok": True,
        "id": "posted-1",
        "ingested": 1,
        "known": 0,
        "extracted": True,
    }
    assert len(body["events"]) == 1 and body["events"][0].startswith("ev-")  # the militia commander
    assert writable.get("/api/documents/posted-1").json()["document"]["text"] == SCRIPTED
    page = writable.get("/documents/posted-1", headers={"Accept": "text/html"}).text
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    assert "<script>document.title" not in page and "<img src=x" not in page and "<b>title" not in page
    again = writable.post("/api/documents", headers={"X-Sideswitch-Token": TOKEN}, json={"text": SCRIPTED})
    assert again.status_code == 200 and again.json()["known"] == 1


def test_post_runs_the_real_pipeline(writable):
    try:
        from sideswitch.extract.extractor import default_resources

        default_resources()
    except (ImportError, SideswitchError) as e:
        pytest.skip(f"the extraction pipeline cannot run here yet: {str(e).splitlines()[0]}")
    resp = writable.post(
        "/api/documents",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"id": "posted-2", "text": SCRIPTED, "published": "2014-05-06"},
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["extracted"] is True and body["ingested"] == 1
    for eid in body["events"]:
        assert writable.get(f"/api/events/{eid}").status_code == 200
    assert "&lt;script&gt;" in writable.get("/documents/posted-2", headers={"Accept": "text/html"}).text


def test_post_validates_the_body(writable):
    resp = writable.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"}, json={"title": "x"})
    assert resp.status_code == 400 and resp.json()["error"] == "body field 'text' is required"


def test_missing_database_is_a_clear_error(tmp_path):
    from sideswitch.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        create_app(tmp_path / "none.db")


def test_read_only_app_never_writes(sample_db):
    with TestClient(create_app(sample_db)) as c:
        assert c.app.state.store.readonly is True
        assert c.get("/api").json()["writable"] is False


FILTERS = [
    "date_from",
    "date_to",
    "country",
    "admin1",
    "province",
    "party",
    "direction",
    "kind",
    "stage",
    "contested",
    "historical",
    "min_confidence",
    "actor_id",
    "doc_id",
    "q",
    "limit",
    "offset",
    "order",
    "by",
    "include_contested",
    "include_offered",
    "start",
    "end",
]


@pytest.mark.parametrize(
    "path",
    [
        "/api/events",
        "/api/export.csv",
        "/api/export.geojson",
        "/api/trends",
        "/api/flows",
        "/api/documents",
        "/api/actors",
        "/",
        "/map",
        "/events",
        "/documents",
        "/actors",
        "/documents/doc-herat",
    ],
)
@pytest.mark.parametrize("value", ["", "abc", "-1", "1e999", "%00", "<script>", "2013-02-30", "9" * 30])
def test_no_parameter_value_causes_a_server_error(client, path, value):
    for name in FILTERS:
        resp = client.get(path, params={name: value}, headers={"Accept": "text/html"})
        assert resp.status_code < 500 or resp.status_code == 503, (name, value, resp.text[:300])
        if resp.headers["content-type"].startswith("text/html"):
            assert "<script>" not in resp.text, (name, value)
