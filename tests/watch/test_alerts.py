"""Alerts: the four rules, stored once, at /alerts and /alerts.atom, sent to a local webhook."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sideswitch.cli import main
from sideswitch.monitor import check_alerts, send_webhook
from sideswitch.serve import create_app
from sideswitch.store import open_store

from .feedserver import FeedServer


def side(name):
    return {"name": name, "party": name}


def ev(make, eid, day, frm="Blue Front", to="Red Front", actor=None, doc=None, **over):
    e = make(
        eid,
        doc or f"d-{eid}",
        from_side=side(frm),
        to_side=side(to),
        date={"earliest": day, "latest": day, "text": None},
        **over,
    )
    e["defector"]["actor_id"] = actor
    e["sources"][0]["published"] = day
    return e


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "a.db") as s:
        yield s


def test_watched_event_and_switched_again_are_raised_once(store, event_factory):
    store.set_watch("party", "red front")
    store.save_events(
        [
            ev(event_factory, "e1", "2020-01-05", actor="a1"),
            ev(event_factory, "e2", "2020-06-05", frm="Red Front", to="Blue Front", actor="a1"),
            ev(event_factory, "e3", "2020-07-05", frm="Green Band", to="Grey Band"),
        ]
    )
    rules = sorted((a["rule"], a.get("event_id")) for a in check_alerts(store))
    assert rules == [("switched-again", "e2"), ("watched-event", "e1"), ("watched-event", "e2")]
    assert check_alerts(store) == []
    store.set_watch("country", "Afghanistan")
    assert [a["event_id"] for a in check_alerts(store)] == ["e3"]


def test_a_claim_denied_later(store, event_factory):
    e = ev(event_factory, "c1", "2020-03-01", claims=[{"by": "the rebels", "stance": "asserts", "doc": "d-c1"}])
    e["sources"].append({**e["sources"][0], "doc": "d-late", "published": "2020-03-09"})
    e["claims"].append({"by": "the ministry", "stance": "denies", "doc": "d-late", "quote": None})
    e["claims"].append({"by": "a witness", "stance": "asserts", "doc": "d-c1", "quote": "seen"})  # same doc and day
    store.save_events([e])
    (alert,) = check_alerts(store)
    assert alert["rule"] == "claim-resolved" and alert["title"].startswith("A reported claim was denied later")


def test_a_change_in_the_rate_into_a_watched_party(store, event_factory):
    store.set_watch("party", "Red Front")
    evs, n = [], 0
    for month in range(1, 25):
        for _ in range(1 if month % 4 == 0 else 0) if month <= 12 else range(6):
            n += 1
            evs.append(ev(event_factory, f"r{n}", f"{2018 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-10"))
    store.save_events(evs)
    cps = [a for a in check_alerts(store) if a["rule"] == "change-point"]
    assert len(cps) == 1 and cps[0]["title"] == "The rate of people joining Red Front rose from 2019-01"


class Receiver(ThreadingHTTPServer):
    def __init__(self, status=200):
        super().__init__(("127.0.0.1", 0), Hook)
        self.status, self.got = status, []
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server_address[1]}/hook"


class Hook(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.got.append(json.loads(body))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_webhook_atom_and_page(store, event_factory, tmp_path):
    store.set_watch("person", "Gul Rahman Zadran")
    store.save_events([ev(event_factory, "w1", "2020-01-05")])
    check_alerts(store)
    failing = Receiver(status=500)
    sent, problems = send_webhook(store, failing.url)
    assert sent == 0 and problems == [f"cannot send alert #1 to {failing.url}: the receiver answered 500"]
    ok = Receiver()
    assert send_webhook(store, ok.url) == (1, [])
    assert ok.got[0]["rule"] == "watched-event" and ok.got[0]["event_id"] == "w1"
    assert send_webhook(store, ok.url) == (0, [])
    for r in (failing, ok):
        r.shutdown()
        r.server_close()
    with TestClient(create_app(store.path)) as c:
        feed = feedparser.parse(c.get("/alerts.atom").content)
        assert [e.title for e in feed.entries] == [store.list_alerts()[0]["title"]]
        assert feed.entries[0].link.endswith("/events/w1")
        assert 'id="alert-1"' in c.get("/alerts").text
        assert c.get("/api/alerts").json()["watchlist"] == [{"kind": "person", "value": "Gul Rahman Zadran"}]


def test_watch_raises_alerts_for_new_items(tmp_path):
    db = str(tmp_path / "c.db")
    run = lambda *a: CliRunner().invoke(main, [*a, "--db", db])
    assert run("alerts", "watch", "person", "Karim Sadozai").exit_code == 0
    with FeedServer() as server:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{server.base}/news.rss\n", encoding="utf-8")
        r = run("watch", str(feeds), "--once", "--host-delay", "0")
        assert r.exit_code == 0 and "Alert:" not in r.output
        server.items = [1, 2, 3]
        r = run("watch", str(feeds), "--once", "--host-delay", "0")
    assert "Alert: New event on the watch list: Karim Sadozai" in r.output
    assert "watched-event" in run("alerts", "list").output
    assert run("alerts", "check").output.strip() == "0 new alerts."
