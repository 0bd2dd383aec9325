"""Throughput of `ingest` (read, extract, store, merge) on two generated streams, in documents per
CPU-second (median of runs, each into a fresh store), beside a floor that only decodes the JSON
and runs one regular expression over each text, and peak memory; asserts nothing.

- relevant: distinct defection reports (own ids, dates spread over twelve years), parse included;
- mixed: what a monitor reads, 2 % defection reports and other news without defection wording.

    python benchmarks/throughput.py                      # mixed 4,000 and relevant 300 documents, 3 runs
    python benchmarks/throughput.py --mixed 2000 --relevant 200 --runs 3 --workers 2

Start-up (lexicon, trigger gate, the parser, MinHash) is paid once by a warm-up ingest and printed
apart: a monitor pays it once per process. With ``--workers N`` the CPU of the worker processes
counts too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import tempfile
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
                "published": f"{2012 + i % 12}-{rnd.randint(1, 12):02d}-{rnd.randint(10, 28)}",
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


FLOOR = re.compile(r"\b(?:defect|desert|surrender)\w*", re.I)


def floor(path: Path) -> int:
    """The json+regex floor: decode each line and search its text once."""
    hits = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            hits += FLOOR.search(json.loads(line)["text"]) is not None
    return hits


def cpu() -> float:
    """CPU-seconds of this process and of its finished children (the worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_stream(path: Path, tmp: Path, runs: int, workers: int) -> tuple[list[float], list[float], object]:
    from sideswitch.batch.local import ingest_local
    from sideswitch.pipeline import ingest_paths
    from sideswitch.store import open_store

    n = sum(1 for _ in path.open(encoding="utf-8"))
    ours, floors, report = [], [], None
    for r in range(runs):
        db = tmp / f"{path.stem}-{r}.db"
        c0 = cpu()
        with open_store(db) as store:
            report = (
                ingest_local(store, [str(path)], workers=workers) if workers > 1 else ingest_paths(store, [str(path)])
            )
        ours.append(n / (cpu() - c0))
        c0 = cpu()
        floor(path)
        floors.append(n / (cpu() - c0))
        db.unlink()
    return ours, floors, report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mixed", type=int, default=4000, help="documents in the mixed stream")
    ap.add_argument("--relevant", type=int, default=300, help="documents in the relevant stream")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1, help="local extraction processes (ingest --workers)")
    a = ap.parse_args(argv)
    from sideswitch.pipeline import ingest_paths
    from sideswitch.store import open_store

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        warm = tmp / "warm.jsonl"
        warm.write_text("".join(json.dumps(d) + "\n" for d in make_docs(5, seed=99)), encoding="utf-8")
        c0 = cpu()
        with open_store(tmp / "warm.db") as store:
            ingest_paths(store, [str(warm)])
        start = cpu() - c0
        print(f"start-up             {start:.2f} CPU-s (lexicon, gate, parser, MinHash; once per process)")
        print(f"{'stream':<10} {'docs':>6} {'events':>7} {'docs/CPU-s':>11} {'floor':>9} {'floor/ours':>10}  runs")
        for name, docs in (("mixed", make_mixed(a.mixed)), ("relevant", make_docs(a.relevant))):
            if not docs:
                continue
            path = tmp / f"{name}.jsonl"
            path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
            ours, floors, report = run_stream(path, tmp, a.runs, a.workers)
            med, fmed = statistics.median(ours), statistics.median(floors)
            print(
                f"{name:<10} {len(docs):>6} {len(report.events):>7} {med:>11,.0f} {fmed:>9,.0f} {fmed / med:>10,.0f}x"
                f"  {', '.join(f'{x:,.0f}' for x in ours)}"
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS             {rss:.0f} MB" + (f" (largest worker {kids:.0f} MB)" if a.workers > 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
