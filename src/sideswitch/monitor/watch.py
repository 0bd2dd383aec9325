"""Watching feeds: poll RSS/Atom feeds and plain pages, fetch what is new, ingest it.

    watcher = Watcher(store, read_feed_list("feeds.txt"))
    report = watcher.poll_once()        # every feed once (what `sideswitch watch --once` does)
    print(report.summary())             # "Polled 4 feeds (1 not modified, 1 failed): 3 new items, ..."

Per feed the store keeps the ``ETag`` and ``Last-Modified`` of the last answer
(sent back as ``If-None-Match`` / ``If-Modified-Since``) and every item already
fetched, so a restart fetches nothing twice. A feed entry's link is fetched and
its main text extracted (the HTML reader, trafilatura); when the page cannot be
fetched the entry's own text is used. A plain URL (not a feed) is one item that
is new whenever its content changes. A feed that times out, fails or is not a
feed is reported with its URL and the others go on.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from ..ingest.html import document_from_html
from ..ingest.rss import entry_to_document, sniff
from ..models import Document

__all__ = ["HOST_DELAY", "TIMEOUT", "USER_AGENT", "WatchReport", "Watcher", "parse_every", "read_feed_list"]

TIMEOUT = 20.0  # seconds per request; a slow host is reported and polled again next round
HOST_DELAY = 2.0  # seconds between two requests to one host (politeness; tests set it near 0)
MAX_BYTES = 20_000_000  # a feed or page larger than this is refused
USER_AGENT = "sideswitch-watch/0.1 (+https://github.com/sideswitch)"


def read_feed_list(path: str | Path) -> list[str]:
    """The URLs of a feeds file: one per line; blank lines and ``#`` comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InputError(e.strerror or str(e), str(path)) from None
    urls = []
    for n, line in enumerate(lines, 1):
        url = line.split("#", 1)[0].strip()
        if not url:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            raise InputError(f"not an http(s) URL: {url!r}", str(path), n)
        urls.append(url)
    return urls


def parse_every(text: str) -> float:
    """``90s``, ``15m``, ``2h`` or a number of seconds -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    t = text.strip().lower()
    try:
        seconds = float(t[:-1]) * units[t[-1]] if t and t[-1] in units else float(t)
    except ValueError:
        raise ValueError(f"not a duration: {text!r} (e.g. 90s, 15m, 2h)") from None
    if seconds <= 0:
        raise ValueError(f"not a duration: {text!r} (must be positive)")
    return seconds


@dataclass
class WatchReport:
    polled: int = 0
    not_modified: int = 0
    new_items: int = 0
    ingested: int = 0
    known: int = 0
    events: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)

    def add(self, other: WatchReport) -> None:
        for name in ("polled", "not_modified", "new_items", "ingested", "known"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.events |= other.events
        self.errors += other.errors

    def summary(self) -> str:
        failed = f", {len(self.errors):,} failed" if self.errors else ""
        return (
            f"Polled {self.polled:,} feed{'s' if self.polled != 1 else ''} ({self.not_modified:,} not modified"
            f"{failed}): {self.new_items:,} new item{'s' if self.new_items != 1 else ''}, {self.ingested:,} "
            f"ingested, {self.known:,} already known; {len(self.events):,} event"
            f"{'s' if len(self.events) != 1 else ''} created or updated."
        )


class Watcher:
    """Polls a list of URLs into a store. ``on_problem(message)`` hears each failed feed or item;
    ``on_document(doc, mentions)`` each ingested document (for progress)."""

    def __init__(
        self,
        store: Any,
        urls: list[str],
        *,
        timeout: float = TIMEOUT,
        host_delay: float = HOST_DELAY,
        on_problem: Callable[[str], None] | None = None,
        on_document: Callable[..., None] | None = None,
        resources: Any = None,
    ):
        self.store, self.urls = store, urls
        self.host_delay, self.on_problem, self.on_document = host_delay, on_problem, on_document
        self.resources = resources
        self.client = httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})
        self._last: dict[str, float] = {}
        self.stop = threading.Event()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one round -------------------------------------------------------------
    def poll_once(self) -> WatchReport:
        report = WatchReport()
        for url in self.urls:
            if self.stop.is_set():
                break
            report.add(self.poll(url))
        return report

    def stop_on_signals(self) -> None:
        """Ctrl-C (SIGINT) and SIGTERM finish the current item, then stop (main thread only)."""
        import signal

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: self.stop.set())

    def run(self, every: float, on_round: Callable[[WatchReport], None] | None = None) -> WatchReport:
        """Poll every ``every`` seconds until :attr:`stop` is set (or Ctrl-C); the total report."""
        total = WatchReport()
        try:
            while not self.stop.is_set():
                r = self.poll_once()
                total.add(r)
                if on_round:
                    on_round(r)
                self.stop.wait(every)
        except KeyboardInterrupt:
            self.stop.set()
        return total

    def poll(self, url: str) -> WatchReport:
        """Poll one feed or page; failures are reported, never raised."""
        report = WatchReport(polled=1)
        state = self.store.feed_state(url) or {}
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        try:
            resp = self._get(url, headers)
        except httpx.HTTPError as e:
            return self._failed(report, url, state, f"cannot fetch {url}: {_why(e)}")
        if resp.status_code == 304:
            report.not_modified = 1
            self.store.save_feed_state(
                url, etag=state.get("etag"), last_modified=state.get("last_modified"), status="not-modified"
            )
            return report
        if resp.status_code >= 400:
            return self._failed(report, url, state, f"cannot fetch {url}: the server answered {resp.status_code}")
        try:
            docs = self._items(url, resp.content, report)
        except InputError as e:
            return self._failed(report, url, state, f"cannot read {url}: {e.reason}")
        self._ingest(url, docs, report)
        self.store.save_feed_state(
            url, etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"), status="ok"
        )
        return report

    # -- parts -------------------------------------------------------------------
    def _get(self, url: str, headers: dict[str, str]) -> httpx.Response:
        host = urlsplit(url).netloc
        wait = self._last.get(host, 0.0) + self.host_delay - time.monotonic()
        if wait > 0:
            self.stop.wait(wait)
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                body = b""
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise httpx.HTTPError(f"larger than {MAX_BYTES:,} bytes")
                return httpx.Response(resp.status_code, headers=resp.headers, content=body, request=resp.request)
        finally:
            self._last[host] = time.monotonic()

    def _failed(self, report: WatchReport, url: str, state: dict[str, Any], message: str) -> WatchReport:
        report.errors.append(message)
        if self.on_problem:
            self.on_problem(message)
        self.store.save_feed_state(
            url, etag=state.get("etag"), last_modified=state.get("last_modified"), status="error", error=message
        )
        return report

    def _items(self, url: str, body: bytes, report: WatchReport) -> list[tuple[str, Document]]:
        """(item key, document) for every item of the answer not fetched before."""
        if not sniff(body.lstrip()[:4096]):
            key = "sha256:" + hashlib.sha256(body).hexdigest()
            if self.store.seen_feed_item(url, key):
                return []
            report.new_items += 1
            doc = document_from_html(body, url=url, format="html", source_path=url)
            if doc is None:
                raise InputError("no article text found in the page")
            return [(key, doc)]
        import feedparser

        parsed = feedparser.parse(io.BytesIO(body))
        if parsed.get("bozo") and not any(e.get("summary") or e.get("content") for e in parsed.entries):
            raise InputError(f"not a readable feed ({parsed.get('bozo_exception')})")
        out = []
        for n, entry in enumerate(parsed.entries, 1):
            key = entry.get("id") or entry.get("link") or entry.get("title") or f"#{n}"
            if self.store.seen_feed_item(url, key):
                continue
            report.new_items += 1
            doc = self._article(entry, parsed.get("feed", {}), url, n, report)
            if doc is not None:
                out.append((key, doc))
        return out

    def _article(self, entry: Any, feed: Any, url: str, n: int, report: WatchReport) -> Document | None:
        """The entry's linked page, main text extracted; the entry's own text when the page fails."""
        own = entry_to_document(entry, feed, format="rss", source_path=url, source_line=n)
        link = entry.get("link")
        if link and urlsplit(link).scheme in ("http", "https"):
            try:
                resp = self._get(link, {})
                page = (
                    document_from_html(resp.content, url=link, format="html", source_path=link)
                    if resp.status_code < 400
                    else None
                )
            except httpx.HTTPError:
                page = None
            if page is not None and (own is None or len(page.text) >= len(own.text)):
                page.title = page.title or (own.title if own else None)
                page.published = page.published or (own.published if own else None)
                page.outlet = page.outlet or (own.outlet if own else None)
                return page
        if own is None:
            message = f"cannot read {url} item {n}: no text in the entry or its page"
            report.errors.append(message)
            if self.on_problem:
                self.on_problem(message)
        return own

    def _ingest(self, url: str, items: list[tuple[str, Document]], report: WatchReport) -> None:
        from ..pipeline import ingest_documents

        for key, doc in items:  # one at a time: an interruption loses nothing stored
            r = ingest_documents(self.store, [doc], resources=self.resources, on_document=self.on_document)
            report.ingested += r.ingested
            report.known += r.known
            report.events |= r.events
            self.store.add_feed_item(url, key, self.store.known_document(doc))


def _why(e: httpx.HTTPError) -> str:
    if isinstance(e, httpx.TimeoutException):
        return "timed out"
    return str(e) or type(e).__name__
