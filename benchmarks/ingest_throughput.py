"""Reading throughput per format (the readers alone, no extraction or store). Prints one line per format.

    python benchmarks/ingest_throughput.py [--records 20000] [--pages 300]

Inputs are synthetic (invented wording), built in a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from sideswitch.ingest import iter_documents

WORDS = (
    "the garrison crossed over to rebels near Kessel on Monday officials said forty soldiers "
    "with rifles and trucks left the army post after months without pay a spokesman added"
).split()


def paragraph(rng: random.Random, n: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def article(rng: random.Random, i: int) -> str:
    body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(6))
    return (
        f"<html lang='en'><head><title>Report {i}</title><meta property='og:site_name' content='Ledger'>"
        f"<meta property='article:published_time' content='2021-05-{1 + i % 28:02d}'></head><body>"
        f"<nav>Home | World</nav><article><h1>Report {i}</h1>{body}</article><footer>(c)</footer></body></html>"
    )


def build(folder: Path, records: int, pages: int) -> dict[str, Path]:
    rng = random.Random(7)
    jsonl = folder / "records.jsonl"
    with jsonl.open("w") as f:
        for i in range(records):
            text = "\n\n".join(paragraph(rng) for _ in range(8))
            f.write(json.dumps({"id": f"r{i}", "outlet": "Ledger", "published": "2020-01-02", "text": text}) + "\n")
    html = folder / "html"
    html.mkdir()
    for i in range(pages):
        (html / f"p{i:05d}.html").write_text(article(rng, i))
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = folder / "crawl.warc.gz"
    with warc.open("wb") as out:
        w = WARCWriter(out, gzip=True)
        for i in range(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    f"https://ledger.example/{i}",
                    "response",
                    payload=io.BytesIO(article(rng, pages + i).encode()),
                    http_headers=http,
                )
            )
    return {"jsonl": jsonl, "html": html, "warc": warc}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=20000)
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = build(Path(tmp), args.records, args.pages)
        for fmt, path in inputs.items():
            t = time.perf_counter()
            n = sum(1 for _ in iter_documents(path))
            dt = time.perf_counter() - t
            print(f"{fmt:6s} {n:7,d} docs  {dt:7.2f} s  {n / dt:9,.0f} docs/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole run: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
