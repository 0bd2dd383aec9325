"""The API under hostile parameters (issue 13): wildcards are characters, unknown parameters
are refused by name, no parameter value gives a 5xx, and every response, 500s included,
carries the security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sideswitch.serve import create_app
from sideswitch.serve.api import SECURITY_HEADERS
from sideswitch.store import EventQuery, open_store

from .conftest import TOKEN

HOSTILE = [
    "%",
    "_",
    "%%",
    "\\",
    "\\%",
    "'",
    "' OR 1=1 --",
    "\x00",
    "x" * 5000,
    "NaN",
    "-1",
    "1e999",
    "🙂",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "%00",
    "\ud7ff",
    " ",
]


def test_q_percent_matches_only_rows_containing_percent(client, sample_db):
    everything = client.get("/api/events", params={"limit": 1000}).json()["total"]
    assert everything > 0
    with open_store(sample_db, readonly=True) as store:
        literal = [e for e in store.query_events() if "%" in store.get_event(e["id"])["sources"][0]["evidence"]]
        assert store.count_events(EventQuery(q="%")) == 0 == len(literal)
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "_"}).json()["total"] == 0
    assert client.get("/api/documents", params={"q": "%"}).json()["total"] == 0


def test_q_matches_a_literal_percent(tmp_path):
    from sideswitch.models import Document

    with open_store(tmp_path / "p.db") as store:
        store.add_document(Document(id="pct", text="Turnout rose by 40% in Kessel."))
        store.add_document(Document(id="plain", text="Turnout rose in Kessel."))
        assert [d["id"] for d in store.list_documents(q="40%")] == ["pct"]
        assert [d["id"] for d in store.list_documents(q="%")] == ["pct"]
        assert store.list_documents(q="4_%") == []


@pytest.mark.parametrize(
    "path, message",
    [
        (
            "/api/events?countri=Kessel",
            "unknown query parameter 'countri' (known: actor_id, admin1, contested, country, "
            "date_from, date_to, direction, doc_id, historical, kind, limit, min_confidence, "
            "offset, order, party, province, q, stage)",
        ),
        ("/api/actors?x=1&y=2", "unknown query parameters 'x', 'y' (known: limit, offset, q)"),
        ("/api/events/ev-none?debug=1", "unknown query parameter 'debug' (known: none)"),
    ],
)
def test_unknown_parameters_are_refused_by_name(client, path, message):
    resp = client.get(path)
    assert resp.status_code == 400
    assert resp.json() == {"ok": False, "error": message, "status": 400}
    assert all(resp.headers[k] == v for k, v in SECURITY_HEADERS.items())


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    "name",
    [
        "q",
        "country",
        "party",
        "kind",
        "date_from",
        "min_confidence",
        "limit",
        "offset",
        "order",
        "doc_id",
        "actor_id",
        "direction",
        "contested",
    ],
)
def test_no_parameter_value_gives_a_5xx(client, name, value):
    for endpoint in ("/api/events", "/api/trends", "/api/flows"):
        resp = client.get(endpoint, params={name: value})
        assert resp.status_code < 500, (endpoint, name, value, resp.text[:200])
        if resp.status_code >= 400:
            assert resp.json()["ok"] is False


def test_a_500_carries_the_security_headers(sample_db):
    app = create_app(sample_db)

    def explode():
        raise RuntimeError("a bug")

    app.add_api_route("/api/explode", explode)
    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.get("/api/explode")
    assert resp.status_code == 500
    assert resp.json() == {"ok": False, "error": "internal error (RuntimeError); see the server log", "status": 500}
    assert all(resp.headers[k] == v for k, v in SECURITY_HEADERS.items())


@pytest.mark.parametrize("lang", ["../../../../tmp/x/evil", "x" * 300, "de", "e\u0000n"])
def test_posted_documents_with_hostile_lang_are_not_500(tmp_path, lang):
    from . import sample

    path = sample.build(tmp_path / "rw.db")
    with TestClient(create_app(path, token=TOKEN)) as c:
        resp = c.post(
            "/api/documents",
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={
                "id": "hostile",
                "lang": lang,
                "text": "Twelve guards of the Varsan army defected to the Northern Front on Sunday.",
            },
        )
        assert resp.status_code in (200, 201), resp.text
        assert c.get("/api/documents/hostile").json()["document"]["lang"] in ("en", "de")
