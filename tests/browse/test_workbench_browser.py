"""The workbench in headless Chromium: corrections that survive reprocess, merge and split,
facets that match the API, a timeline bar that filters, the phone layout, and an alert
that appears after a watched feed gains an item. Screenshots: test-artifacts/workbench/."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from curate.docs import documents
from serve import sample
from sideswitch.monitor import check_alerts
from sideswitch.monitor.watch import Watcher
from sideswitch.pipeline import ingest_documents, reprocess
from sideswitch.serve import create_app
from sideswitch.store import open_store
from watch.feedserver import FeedServer

pytestmark = pytest.mark.browser
uvicorn = pytest.importorskip("uvicorn")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "workbench"
TOKEN = "browser-t0ken"


class App:
    """The app over ``db`` on a free port of 127.0.0.1."""

    def __init__(self, db, token=None):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the app did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == []


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "wb.db"
    with open_store(path) as s:
        ingest_documents(s, documents())
    return path


def event_of(db, name):
    with open_store(db) as s:
        return next(e for e in s.query_events() if e["defector"]["name"] == name)


def submit(page, form, **fields):
    for name, value in fields.items():
        el = page.locator(f"#{form} [name={name}]")
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    page.locator(f"#{form} [name=token]").fill(TOKEN)


def test_a_corrected_field_survives_reprocess(page, db):
    ev = event_of(db, "Rahim Dostan")
    with App(db, token=TOKEN) as app:
        page.goto(f"{app.url}/events/{ev['id']}")
        submit(page, "form-set", field="people.best", value="24", why="the ministry's figure")
        page.locator("#form-set button").click()
        page.wait_for_url(f"**/events/{ev['id']}?corrected=1")
        assert "people.best" in page.locator("#curated-fields").inner_text()
        with open_store(db) as s:
            reprocess(s)
        page.goto(f"{app.url}/events/{ev['id']}")
        assert "15–24" in page.locator("#event-fields").inner_text()
        assert "people.best" in page.locator("#curated-fields").inner_text()
        shot(page, "event-corrected")
        submit(page, "form-review", why="not a defection at all")
        page.locator("#form-review button[value=reject]").click()
        page.wait_for_url("**/events?rejected=*")
        assert page.locator("#events-table tbody tr").count() == 1


def test_merge_then_split_from_the_event_page(page, db):
    a, b = event_of(db, "Rahim Dostan"), event_of(db, "Wali Nazeri")
    with App(db, token=TOKEN) as app:
        page.goto(f"{app.url}/events/{a['id']}")
        submit(page, "form-merge", other=b["id"], why="one operation")
        page.locator("#form-merge button").click()
        page.wait_for_url(f"**/events/{a['id']}?corrected=*")
        assert page.locator("article.source").count() == 3
        shot(page, "event-merged")
        submit(page, "form-split", doc="wire-2", why="a separate surrender after all")
        page.locator("#form-split button").click()
        page.wait_for_url(f"**/events/{a['id']}?corrected=*")
        assert page.locator("article.source").count() == 2
        with open_store(db) as s:
            reprocess(s)
        page.goto(f"{app.url}/events")
        assert page.locator("#events-table tbody tr").count() == 2
        page.goto(f"{app.url}/events/{a['id']}")
        assert page.locator("article.source").count() == 2


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory):
    with App(sample.build(tmp_path_factory.mktemp("wb") / "sample.db")) as app:
        yield app


def test_facets_match_the_api_and_filter(page, sample_app):
    page.goto(f"{sample_app.url}/events?country=Afghanistan")
    page.locator("#facets summary").click()
    api = httpx.get(f"{sample_app.url}/api/facets", params={"country": "Afghanistan"}).json()["facets"]
    for name in ("kind", "province", "year", "party"):
        shown = {
            li.locator("a").get_attribute("data-value"): int(li.locator(".count").inner_text())
            for li in page.locator(f"#facet-{name} li").all()
        }
        assert shown == {str(f["value"]): f["count"] for f in api[name][:8]}, name
    kind = api["kind"][0]
    page.locator(f"#facet-kind a[data-value={kind['value']}]").click()
    page.wait_for_load_state("networkidle")
    assert f"kind={kind['value']}" in page.url and "country=Afghanistan" in page.url
    assert page.locator("h1 .count").inner_text() == str(kind["count"])
    shot(page, "events-facets")


def test_a_timeline_bar_opens_that_periods_events(page, sample_app):
    page.goto(f"{sample_app.url}/")
    shot(page, "overview")
    bars = page.locator("svg.timeline a.bar-link")
    tallest = max(range(bars.count()), key=lambda i: float(bars.nth(i).locator("rect").get_attribute("height")))
    href = bars.nth(tallest).get_attribute("href")
    bars.nth(tallest).locator("rect").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(href)
    params = dict(p.split("=") for p in href.split("?")[1].split("&"))
    api = httpx.get(f"{sample_app.url}/api/events", params=params).json()
    assert int(page.locator("h1 .count").inner_text().replace(",", "")) == api["total"] > 0
    shot(page, "timeline-period-events")


@pytest.mark.parametrize("path", ["/", "/events", "/actors", "/documents", "/alerts"])
def test_phone_layout_has_no_horizontal_scroll(browser, sample_app, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.goto(sample_app.url + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "phone" + (path.replace("/", "-") if path != "/" else "-overview"))
    context.close()
    assert width <= 390, f"{path} is {width}px wide at 390px"


def test_an_alert_appears_after_a_watched_feed_gains_an_item(page, tmp_path):
    db = tmp_path / "feed.db"
    with open_store(db) as s:
        s.set_watch("person", "Karim Sadozai")
    with FeedServer() as feeds, App(db) as app:
        with open_store(db) as s, Watcher(s, [f"{feeds.base}/news.rss"], host_delay=0) as w:
            w.poll_once()
            check_alerts(s)
        page.goto(f"{app.url}/alerts")
        assert page.locator("#alerts-list li.alert").count() == 0
        feeds.items = [1, 2, 3]
        with open_store(db) as s, Watcher(s, [f"{feeds.base}/news.rss"], host_delay=0) as w:
            assert w.poll_once().ingested == 1
            check_alerts(s)
        page.goto(f"{app.url}/alerts")
        first = page.locator("#alerts-list li.alert").first
        assert "Karim Sadozai" in first.inner_text()
        shot(page, "alerts")
        first.locator("a").click()
        page.wait_for_load_state("networkidle")
        assert "Karim Sadozai" in page.locator("h1").inner_text()
