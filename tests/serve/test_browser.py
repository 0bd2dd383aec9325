"""The dashboard in headless Chromium (Debian's), driven by Playwright.

Every test asserts that the page asked nothing of any host but the app and
logged no console error; screenshots go to ``test-artifacts/serve/``.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from sideswitch.serve import create_app

pytestmark = pytest.mark.browser
uvicorn = pytest.importorskip("uvicorn")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "serve"


@pytest.fixture(scope="module")
def base_url(sample_db):
    """The app over the sample database, served by uvicorn on a free local port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(sample_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


class Visit:
    """A page that records every request and every console error."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.foreign, self.errors = [], []
        page.on("request", self._request)
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))

    def _request(self, req) -> None:
        url = req.url
        if not (url.startswith(self.base + "/") or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def go(self, path: str):
        resp = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return resp

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def check(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], self.errors


@pytest.fixture
def visit(browser, base_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    v = Visit(context.new_page(), base_url)
    yield v
    context.close()
    v.check()


def test_overview(visit):
    assert visit.go("/").status == 200
    assert visit.page.locator("#fig-events").inner_text() == "52"
    assert visit.page.get_by_role("heading", name="Overview").is_visible()
    from sideswitch import analyze

    if callable(getattr(analyze, "trends", None)):
        assert visit.page.locator("svg.timeline rect.bar").count() > 10
    if callable(getattr(analyze, "flows", None)):
        assert visit.page.locator("#flow-matrix").is_visible()
    visit.shot("overview")


def test_map_draws_outlines_and_events(visit):
    visit.go("/map")
    visit.page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    markers = visit.page.locator("path.event-marker")
    assert markers.count() == 51  # every event with coordinates
    assert visit.page.locator(".leaflet-overlay-pane path").count() > 100  # country outlines
    assert visit.page.locator("#legend-items li").count() >= 5
    visit.page.locator("#legend-items").get_by_text("Taliban → Government of Afghanistan").wait_for()
    visit.shot("map")
    visit.go("/map?country=Syria")
    visit.page.wait_for_selector("#map[data-ready=true]", timeout=20000)
    assert visit.page.locator("path.event-marker").count() == 2
    visit.page.locator("path.event-marker").first.click(force=True)
    popup = visit.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Syria" in popup.inner_text()
    visit.page.wait_for_timeout(400)  # let the popup fade in
    visit.shot("map-syria")


def test_table_to_event_to_actor(visit):
    visit.go("/events")
    assert visit.page.locator("#events-table tbody tr").count() == 50
    visit.page.select_option("select[name=country]", "Syria")
    visit.page.get_by_role("button", name="Apply").click()
    visit.page.wait_for_load_state("networkidle")
    assert "country=Syria" in visit.page.url
    assert visit.page.locator("#events-table tbody tr").count() == 2
    visit.page.get_by_role("link", name="Confidence").click()
    visit.page.wait_for_load_state("networkidle")
    assert "order=confidence" in visit.page.url
    visit.shot("events-syria")

    visit.page.get_by_role("link", name="Fadi Haddad").click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url.endswith("/events/ev-idlib")
    mark = visit.page.locator("mark.evidence")
    assert mark.inner_text().startswith("Colonel Fadi Haddad of the Syrian army defected")
    assert "state media" in visit.page.locator("#claims-disputes").inner_text()
    assert visit.page.locator("#credibility").is_visible()
    visit.shot("event-idlib")

    visit.page.locator("#actor-link").click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url.endswith("/actors/act-haddad")
    assert visit.page.locator("svg.actor-timeline circle.dot").count() == 1
    assert visit.page.get_by_role("link", name="Fadi Hadad").is_visible()
    visit.shot("actor-haddad")


def test_actor_timeline(visit):
    visit.go("/actors")
    visit.page.get_by_role("link", name="Abdul Karim Wardak").click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url.endswith("/actors/act-wardak")
    assert visit.page.locator("svg.actor-timeline circle.dot").count() == 2
    assert visit.page.locator("#actor-history li").count() == 2
    visit.shot("actor-wardak")


def test_event_page_shows_a_script_as_text(visit):
    visit.go("/events/ev-return")
    assert visit.page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 1</script>" in visit.page.locator("blockquote.context").inner_text()
    visit.shot("event-escaped")
    visit.go("/documents/doc-return")
    assert visit.page.evaluate("window.__pwned") is None
    assert "<script>" in visit.page.locator("#doc-text").inner_text()


def test_event_with_claims_and_denials(visit):
    visit.go("/events/ev-herat")
    assert "Taliban spokesman" in visit.page.locator("#claims-asserts").inner_text()
    assert "interior ministry" in visit.page.locator("#claims-disputes").inner_text()
    visit.page.locator("a.doc-link").click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator("#highlight").inner_text().startswith("Police commander Abdul Karim Wardak")
    visit.shot("document-highlight")
