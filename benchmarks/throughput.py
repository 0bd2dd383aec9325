"""Throughput of `ingest` (read, extract, store, merge) on a generated stream of articles.

Prints documents per CPU-second, MB/s and peak memory; asserts nothing.

    python benchmarks/throughput.py --docs 500
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# Building blocks for synthetic news (written for this benchmark).
PEOPLE = ["Gul Rahman Zadran", "Mullah Abdul Wasi", "Gen. Karim Noorzai", "Colonel Idris Haddad", "Sgt. Olena Marchuk"]
GROUPS = ["Taliban", "Free Syrian Army", "Boko Haram", "the Karen National Liberation Army", "the Ukrainian military"]
PLACES = ["Kunduz province", "Deir ez-Zor", "Borno State", "Kayin State", "Kharkiv region"]
FILLER = (
    "Officials said the situation in the area remained tense. Residents described long queues at the "
    "market and intermittent power cuts. The road to the provincial capital was reopened on Tuesday. "
)
TEMPLATES = [
    "{person} defected to {group} along with {n} of his fighters in {place} on Sunday, a spokesman said.",
    "{n} soldiers surrendered to {group} in {place} earlier this week, taking with them {k} rifles.",
    "A police commander and {n} junior officers joined {group} in {place} in late July, officials said.",
    "The ministry denied reports that {person} had defected to {group}.",
]


def make_docs(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        sents = [
            rnd.choice(TEMPLATES).format(
                person=rnd.choice(PEOPLE),
                group=rnd.choice(GROUPS),
                place=rnd.choice(PLACES),
                n=rnd.randint(2, 40),
                k=rnd.randint(2, 20),
            )
            for _ in range(rnd.randint(1, 3))
        ]
        text = FILLER * rnd.randint(1, 4) + " ".join(sents) + " " + FILLER * rnd.randint(0, 3)
        docs.append(
            {
                "id": f"bench-{i}",
                "outlet": "Bench Wire",
                "published": f"2023-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
                "title": f"Report {i}",
                "text": text,
            }
        )
    return docs


# The mixed stream: what a monitor reads, where one article in fifty reports a defection. Fillers are
# distinct articles (own ids, dates over several years) about other news, with no defection wording.
FILLER_SENTENCES = [
    "The {place} council approved a budget of {n} million for road repairs on {day}.",
    "Farmers near {place} said the harvest was {n} percent larger than last year.",
    "The regional football final in {place} drew a crowd of {k} thousand on {day}.",
    "Heavy rain closed {n} schools in {place}, the education office said.",
    "Prices of flour and cooking oil in {place} rose by {n} percent over the month.",
    "A new clinic with {n} beds opened in {place}, staffed by {k} nurses.",
    "The ferry between {place} and the coast resumed after {n} days of storms.",
    "Traders in {place} reported brisk sales ahead of the holiday, with {k} stalls open.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_mixed(n: int, relevant: float = 0.02, seed: int = 11) -> list[dict]:
    """``n`` distinct articles of which a share ``relevant`` report a defection (from ``make_docs``)."""
    rnd = random.Random(seed)
    acts = iter(make_docs(max(1, round(n * relevant)) + 1, seed=seed))
    docs = []
    for i in range(n):
        if rnd.random() < relevant:
            doc = dict(next(acts, None) or make_docs(1, seed=i)[0])
        else:
            sents = [
                rnd.choice(FILLER_SENTENCES).format(
                    place=rnd.choice(PLACES), n=rnd.randint(2, 90), k=rnd.randint(2, 40), day=rnd.choice(DAYS)
                )
                for _ in range(rnd.randint(4, 12))
            ]
            doc = {"title": f"Local news {i}", "text": " ".join(sents)}
        doc.update(
            id=f"mixed-{i}", outlet=f"Wire {i % 7}", published=f"{2015 + i % 9}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        )
        docs.append(doc)
    return docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    a = ap.parse_args(argv)
    from sideswitch.extract import default_resources
    from sideswitch.pipeline import ingest_paths
    from sideswitch.store import open_store

    t0 = time.process_time()
    default_resources()  # lexicons and gazetteer, loaded once per process
    load_cpu = time.process_time() - t0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "stream.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in make_docs(a.docs)), encoding="utf-8")
        size_mb = src.stat().st_size / 1e6
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cpu0, wall0 = time.process_time(), time.perf_counter()
        with open_store(Path(tmp) / "bench.db") as store:  # timed without tracing (tracemalloc slows Python)
            report = ingest_paths(store, [str(src)])
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        small = Path(tmp) / "small.jsonl"  # Python allocations, traced on a smaller stream
        small.write_text("".join(json.dumps(d) + "\n" for d in make_docs(min(a.docs, 100), seed=8)), encoding="utf-8")
        tracemalloc.start()
        with open_store(Path(tmp) / "traced.db") as store:
            ingest_paths(store, [str(small)])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        f"documents            {report.ingested}  ({size_mb:.2f} MB, {report.mentions} mentions, {len(report.events)} events)"
    )
    print(f"resource load        {load_cpu:.2f} CPU-s (lexicons + gazetteer, once per process)")
    print(f"ingest               {cpu:.2f} CPU-s, {wall:.2f} s wall")
    print(
        f"throughput           {report.ingested / cpu:.1f} docs per CPU-second, {size_mb / cpu:.3f} MB per CPU-second"
    )
    print(
        f"memory               max RSS {rss_mb:.0f} MB (was {rss0:.0f} MB before ingest); "
        f"peak Python allocations {peak / 1e6:.1f} MB on {min(a.docs, 100)} documents"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
