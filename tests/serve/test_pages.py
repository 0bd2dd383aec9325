"""The dashboard pages as HTML (no browser): content, escaping, headers, the serve command."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.serve.pages import templates

from . import sample

HTML = {"Accept": "text/html"}


def page(client, path: str, status: int = 200) -> str:
    resp = client.get(path, headers=HTML)
    assert resp.status_code == status, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    return resp.text


@pytest.mark.parametrize(
    "path",
    ["/", "/map", "/events", "/events/ev-herat", "/actors", "/actors/act-wardak", "/documents", "/documents/doc-herat"],
)
def test_pages_render_with_a_strict_content_security_policy(client, path):
    resp = client.get(path, headers=HTML)
    assert resp.status_code == 200
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", resp.text), "a page refers to another host"
    assert "<script>" not in resp.text  # only <script src="/static/...">, never inline


def test_overview_figures(client):
    html = page(client, "/")
    assert re.search(r'id="fig-events">52<', html)
    assert "Afghanistan" in html and "Syria" in html
    assert 'href="/events/ev-' in html


def test_events_table_filters_sorts_and_links(client):
    html = page(client, "/events?country=Syria")
    rows = re.findall(r'<a class="event-link" href="/events/([^"]+)"', html)
    assert rows == ["ev-idlib", "ev-homs"]
    assert 'href="/actors/act-haddad"' in html
    assert "order=-date" in html  # the active column sorts the other way next
    html = page(client, "/events?country=Syria&order=-date")
    assert re.findall(r'<a class="event-link" href="/events/([^"]+)"', html) == ["ev-homs", "ev-idlib"]


def test_events_table_pages(client):
    html = page(client, "/events?limit=20")
    assert "1–20 of 52" in html and "offset=20" in html


def test_event_page_shows_evidence_in_context_and_claims(client):
    html = page(client, "/events/ev-herat")
    assert (
        '<mark class="evidence">Police commander Abdul Karim Wardak joined the Taliban in Shindand district on '
        "Tuesday with 12 of his men</mark>"
    ) in html
    assert "HERAT - Officials in western Afghanistan" in html  # the context around it
    asserts, disputes = html.split('id="claims-asserts"')[1].split('id="claims-disputes"')
    assert "Taliban spokesman" in asserts and "interior ministry" not in asserts
    assert "interior ministry" in disputes and "calling the report propaganda" in disputes
    assert 'href="/actors/act-wardak"' in html and "Humvee ×4" in html
    assert 'id="credibility"' not in html


def test_event_page_credibility(client):
    html = page(client, "/events/ev-idlib")
    assert 'id="credibility"' in html
    assert '<p class="cred-summary">1 independent source; denied by state media</p>' in html
    assert "<dt>denied by</dt><dd>state media</dd>" in html and "<dt>doubted by</dt><dd>none</dd>" in html


def test_event_page_escapes_document_text(client):
    html = page(client, "/events/ev-return")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert sample.SCRIPT not in html


def test_event_page_with_two_sources(client):
    html = page(client, "/events/ev-kunduz")
    assert html.count('class="source"') == 2 and "Kunduz ceremony welcomes former fighters" in html


def test_actor_page(client):
    html = page(client, "/actors/act-wardak")
    assert "Abdul Karim Wardak" in html and "Abdul Karim Wardag" in html
    assert '<svg class="chart actor-timeline"' in html
    assert html.index('href="/events/ev-herat"') < html.index('href="/events/ev-return"')
    assert "Government of Afghanistan → Taliban" in html and "Taliban → Government of Afghanistan" in html
    assert 'href="/actors/act-hadad"' in page(client, "/actors/act-haddad")


def test_document_page_highlights_a_span(client):
    text = sample.DOCS["doc-idlib"]["text"]
    start = text.index("Colonel")
    html = page(client, f"/documents/doc-idlib?start={start}&end={start + len('Colonel Fadi Haddad')}")
    assert '<mark class="evidence" id="highlight">Colonel Fadi Haddad</mark>' in html
    assert 'href="/events/ev-idlib"' in html


def test_missing_things_are_html_errors_on_pages(client):
    assert "no event with id &#39;nope&#39;" in page(client, "/events/nope", 404)
    assert "kind must be one of" in page(client, "/events?kind=foo", 400)
    assert "no such page" in page(client, "/no/such/page", 404)


def test_templates_escape_everything():
    assert templates.env.autoescape is True
    folder = resources.files("sideswitch.serve").joinpath("templates")
    for entry in folder.iterdir():
        text = entry.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, entry.name


def test_vendored_files_are_small_and_licensed():
    vendor = resources.files("sideswitch.serve").joinpath("static/vendor")
    names = {e.name for e in vendor.iterdir()}
    assert {"leaflet.js", "leaflet.css", "topojson-client.min.js", "countries-50m.json", "LICENSES.txt"} <= names
    assert sum(len(e.read_bytes()) for e in vendor.iterdir()) < 2_000_000
    licences = vendor.joinpath("LICENSES.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in licences and "public domain" in licences and "BSD" in licences


def test_static_files_are_served(client):
    for path in (
        "/static/style.css",
        "/static/map.js",
        "/static/vendor/leaflet.js",
        "/static/vendor/countries-50m.json",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/static/nope.js").status_code == 404


def test_serve_help_has_an_example():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--token" in result.output and "--port" in result.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "Error: database" in result.output and "does not exist" in result.output


def test_serve_starts_uvicorn_on_the_database(sample_db, monkeypatch):
    seen = {}
    monkeypatch.setattr("uvicorn.run", lambda app, host, port, **kw: seen.update(app=app, host=host, port=port))
    result = CliRunner().invoke(main, ["serve", "--db", sample_db, "--port", "8123"], env={"SIDESWITCH_TOKEN": "t"})
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and seen["app"].state.token == "t"
