"""A feed server on 127.0.0.1 for the watch tests (texts invented for them).

Paths: ``/news.rss`` (changes when ``server.items`` does; honours If-None-Match),
``/articles/N.html`` (the pages its items link to), ``/slow.rss`` (answers after
``slow_seconds``), ``/error.rss`` (500), ``/broken.rss`` (not XML), ``/page.html``
(a plain page). Every request is counted by path in ``server.hits``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLES = {
    1: (
        "Commander joins insurgents in Kunduz",
        "2019-05-06",
        "KUNDUZ - Police commander Rahim Dostan joined the Taliban in Kunduz province on Sunday with "
        "14 of his men, officials said. The governor's office confirmed the defection.",
    ),
    2: (
        "Fighters surrender in Herat",
        "2019-08-12",
        "HERAT - Taliban commander Wali Nazeri surrendered to the Afghan government in Herat province "
        "on Saturday with 30 fighters, police said.",
    ),
    3: (
        "Officer crosses over in Helmand",
        "2019-09-03",
        "LASHKAR GAH - Army officer Karim Sadozai defected to the Taliban in Helmand province on Monday "
        "with 6 soldiers, a provincial spokesman said.",
    ),
}
PAGE = (
    "<html><head><title>Border bulletin</title></head><body><article><h1>Border bulletin</h1><p>"
    "KANDAHAR - Militia leader Jalil Parwani surrendered to the Afghan government in Kandahar province on "
    "Tuesday with 9 fighters, the governor said.</p></article></body></html>"
)


def article_html(n: int) -> bytes:
    title, published, text = ARTICLES[n]
    return (
        f"<html><head><title>{title}</title><meta property='article:published_time' content='{published}'>"
        f"</head><body><nav>Home | World</nav><article><h1>{title}</h1><p>{text}</p></article>"
        f"<footer>Example Wire</footer></body></html>"
    ).encode()


def feed_xml(base: str, items: list[int]) -> bytes:
    entries = "".join(
        f"<item><title>{ARTICLES[n][0]}</title><link>{base}/articles/{n}.html</link>"
        f"<guid>{base}/articles/{n}.html</guid><pubDate>{ARTICLES[n][1]}</pubDate>"
        f"<description>{ARTICLES[n][0]}.</description></item>"
        for n in items
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example Wire</title>"
        f"<link>{base}/</link>{entries}</channel></rss>"
    ).encode()


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.items = [1, 2]
        self.slow_seconds = 2.0
        self.hits: Counter[str] = Counter()
        self.conditional = 0
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, *args) -> None:
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html", etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        srv, path = self.server, self.path
        srv.hits[path] += 1
        if path == "/news.rss":
            body = feed_xml(srv.base, srv.items)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                srv.conditional += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send(200, body, "application/rss+xml", etag)
        elif path.startswith("/articles/"):
            self.send(200, article_html(int(path.split("/")[-1].split(".")[0])))
        elif path == "/slow.rss":
            time.sleep(srv.slow_seconds)
            try:
                self.send(200, feed_xml(srv.base, [3]), "application/rss+xml")
            except OSError:
                pass
        elif path == "/error.rss":
            self.send(500, b"internal error")
        elif path == "/broken.rss":
            self.send(200, b"<?xml version='1.0'?><rss><channel><item><title>Unclosed", "application/rss+xml")
        elif path == "/page.html":
            self.send(200, PAGE.encode())
        else:
            self.send(404, b"not found")
