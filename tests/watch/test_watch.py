"""`sideswitch watch` against feeds served on 127.0.0.1: faulty feeds are reported and
survived, each new item is ingested exactly once across restarts."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sideswitch.cli import main
from sideswitch.monitor.watch import Watcher, parse_every, read_feed_list
from sideswitch.store import open_store

from .feedserver import FeedServer


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def urls(server):
    return [f"{server.base}/{p}" for p in ("slow.rss", "error.rss", "broken.rss", "news.rss", "page.html")]


def watch_once(db, server) -> tuple:
    with open_store(db) as store, Watcher(store, urls(server), timeout=0.5, host_delay=0) as w:
        report = w.poll_once()
        names = sorted(e["defector"]["name"] or "" for e in store.query_events())
        return report, names, store.count_documents()


def test_each_item_once_across_restarts_and_faulty_feeds_survived(tmp_path, server):
    db = tmp_path / "w.db"
    report, names, docs = watch_once(db, server)
    assert (report.polled, report.ingested, docs) == (5, 3, 3)
    assert names == ["Jalil Parwani", "Rahim Dostan", "Wali Nazeri"]
    assert [e.split(": ")[0] for e in report.errors] == [
        f"cannot fetch {server.base}/slow.rss",
        f"cannot fetch {server.base}/error.rss",
        f"cannot read {server.base}/broken.rss",
    ]
    assert report.errors[0].endswith("timed out") and report.errors[1].endswith("answered 500")

    report, names, docs = watch_once(db, server)  # a restart: nothing new, nothing fetched again
    assert (report.ingested, report.new_items, report.not_modified, docs) == (0, 0, 1, 3)
    assert server.conditional == 1
    assert server.hits["/articles/1.html"] == server.hits["/articles/2.html"] == 1

    server.items = [3, 1, 2]  # the feed gains an item
    report, names, docs = watch_once(db, server)
    assert (report.new_items, report.ingested, docs) == (1, 1, 4)
    assert "Karim Sadozai" in names
    assert all(server.hits[f"/articles/{n}.html"] == 1 for n in (1, 2, 3))
    assert len(report.errors) == 3  # the faulty feeds are still reported


def test_watch_command_once(tmp_path, server):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# local feeds\n" + "\n".join(urls(server)) + "\n", encoding="utf-8")
    r = CliRunner().invoke(
        main, ["watch", str(feeds), "--once", "--timeout", "0.5", "--host-delay", "0", "--db", str(tmp_path / "c.db")]
    )
    assert r.exit_code == 0, r.output
    assert f"Problem: cannot fetch {server.base}/error.rss: the server answered 500" in r.output
    assert "Polled 5 feeds (0 not modified, 3 failed): 3 new items, 3 ingested, 0 already known" in r.output


def test_feed_list_and_durations(tmp_path):
    bad = tmp_path / "feeds.txt"
    bad.write_text("http://127.0.0.1:1/a.rss\nftp://x\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 2: not an http"):
        read_feed_list(bad)
    assert parse_every("15m") == 900 and parse_every("2h") == 7200 and parse_every("30") == 30
    with pytest.raises(ValueError, match="not a duration"):
        parse_every("soon")


def test_run_polls_in_rounds_until_stopped(tmp_path, server):
    import threading

    rounds = []
    with open_store(tmp_path / "r.db") as store, Watcher(store, [f"{server.base}/news.rss"], host_delay=0) as w:

        def round_done(report):
            rounds.append(report)
            if len(rounds) == 2:
                w.stop.set()

        t = threading.Thread(target=w.run, args=(0.05,), kwargs={"on_round": round_done})
        t.start()
        t.join(timeout=60)
        assert not t.is_alive()
        assert [r.ingested for r in rounds] == [2, 0] and rounds[1].not_modified == 1


def test_ctrl_c_stops_cleanly_and_prints_the_summary(tmp_path, server):
    import os
    import signal
    import subprocess
    import sys
    import time

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/news.rss\n", encoding="utf-8")
    env = {**os.environ, "SIDESWITCH_DB": str(tmp_path / "s.db")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sideswitch.cli import main; main()",
            "watch",
            str(feeds),
            "--every",
            "1h",
            "--host-delay",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while server.hits["/articles/2.html"] == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.startswith("Polled 1 feed (0 not modified): 2 new items, 2 ingested"), (out, err)
