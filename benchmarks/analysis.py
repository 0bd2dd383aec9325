"""Time trends, flows, the overview page and the exports on a store of 100,000 events.

    python benchmarks/analysis.py [--events 100000] [--db /tmp/analysis-100k.db] [--seed 7]

The store is built once (reused when ``--db`` already holds that many events) from
synthetic contract events written through the store API (``Store.save_events``, in
transactions of 5,000): 30 countries with 3 provinces each, 40 parties, dates spread
over 2000-2024, a tenth of them contested, a twentieth with an inferred side, a tenth
offered, most with a low/best/high headcount, one source each. No extraction runs.

Each operation then runs in a fresh child process, so the figures are its own:

* ``trends``: ``analyze.aggregate.trends_of`` by month (what ``sideswitch trends`` does: SQL groups);
* ``flows``: ``analyze.aggregate.flows_of`` (``sideswitch flows``);
* ``overview``: ``GET /`` of the dashboard (headline totals from SQL, trend, flow matrix, volume);
* ``export jsonl`` / ``export csv``: every event through ``Store.iter_events`` into /dev/null;
* ``export jsonl 1/4``: the same on a quarter of the events (``--since``), to show that an
  export's memory does not grow with its size.

Printed per operation: CPU seconds of the operation itself (``time.process_time`` around
it, imports excluded), the child's peak RSS, and how much the operation raised the peak
above what the imports had already taken. Bar (issue 12): trends, flows and the overview
<= 1 CPU-s each at 100,000 events; exports in constant memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

BATCH = 5000
COUNTRIES = [f"Country{i:02d}" for i in range(30)]
PARTIES = [f"Party {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]

CHILD = r"""
import json, resource, sys, time
from sideswitch.analyze.aggregate import flows_of, trends_of
from sideswitch.exports import csv_lines, jsonl_lines
from sideswitch.store import EventQuery, open_store

op, db = sys.argv[1], sys.argv[2]
if op == "overview":
    import numpy  # noqa: F401  change points import these on first use; a running server has them,
    import scipy.special  # noqa: F401  so they are left out like every operation's imports
    from fastapi.testclient import TestClient
    from sideswitch.serve.api import create_app
    client = TestClient(create_app(db))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.process_time()
if op == "trends":
    with open_store(db, readonly=True) as s:
        n = len(trends_of(s, EventQuery(), by="month").periods)
elif op == "flows":
    with open_store(db, readonly=True) as s:
        n = len(flows_of(s, EventQuery()).confirmed.cells)
elif op == "overview":
    r = client.get("/")
    assert r.status_code == 200, r.status_code
    n = len(r.text)
else:
    since = "2018-01-01" if op.endswith("1/4") else None
    lines = csv_lines if "csv" in op else jsonl_lines
    n = 0
    with open_store(db, readonly=True) as s, open("/dev/null", "w") as out:
        for line in lines(s.iter_events(EventQuery(date_from=since))):
            out.write(line)
            n += 1
cpu = time.process_time() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu": cpu, "peak_kb": peak, "base_kb": base, "n": n}))
"""


def synthetic_event(i: int, rng: random.Random) -> dict:
    country = rng.choice(COUNTRIES)
    frm, to = rng.sample(PARTIES, 2)
    day = 730120 + rng.randrange(9000)  # 2000-01-01 plus up to ~24 years
    from datetime import date

    d0 = date.fromordinal(day)
    d1 = date.fromordinal(day + rng.choice((0, 0, 0, 2, 6, 30)))
    counted = rng.random() < 0.8
    best = rng.randint(1, 400)
    low, high = max(1, int(best * 0.9)), int(best * 1.1) + 1
    inferred = rng.random() < 0.05
    return {
        "id": f"ev-{i:07d}",
        "kind": rng.choice(("defection", "surrender", "desertion")),
        "stage": "offered" if rng.random() < 0.1 else "completed",
        "defector": {"name": None, "aliases": [], "role": "fighters", "actor_id": None},
        "people": {"min": low, "max": high, "low": low, "best": best, "high": high} if counted else None,
        "from_side": {"name": frm, "party": frm},
        "to_side": {"name": to, "party": to, **({"inferred": True} if inferred else {})},
        "location": {
            "place": None,
            "admin2": None,
            "admin1": f"{country} Province {rng.randrange(3)}",
            "country": country,
            "lat": None,
            "lon": None,
            "precision": "admin1",
        },
        "date": {"earliest": d0.isoformat(), "latest": d1.isoformat(), "text": None},
        "weapons": [],
        "claims": [],
        "contested": rng.random() < 0.1,
        "historical": False,
        "confidence": round(rng.uniform(0.4, 0.99), 2),
        "sources": [
            {
                "doc": f"doc-{i:07d}",
                "url": None,
                "outlet": "Synthetic Wire",
                "published": d1.isoformat(),
                "evidence": f"{best} fighters of {frm} went over to {to} in {country}.",
                "span": [0, 40],
                "people": {"low": low, "best": best, "high": high} if counted else None,
            }
        ],
    }


def build(db: str, n: int, seed: int) -> float:
    """Write ``n`` synthetic events into ``db`` (through the store API); seconds taken."""
    from sideswitch.store import open_store

    rng = random.Random(seed)
    t0 = time.perf_counter()
    with open_store(db) as store:
        have = store.count_events()
        if have == n:
            return 0.0
        store.clear_extracted()
        for start in range(0, n, BATCH):
            store.save_events([synthetic_event(i, rng) for i in range(start, min(n, start + BATCH))])
    return time.perf_counter() - t0


def run(op: str, db: str) -> dict:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-c", CHILD, op, db], stdout=subprocess.PIPE, env=env, text=True)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"{op} failed (exit {proc.returncode})")
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/sideswitch-analysis-100k.db")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    took = build(args.db, args.events, args.seed)
    print(f"store: {args.events:,} events in {args.db}" + (f" (built in {took:.0f} s)" if took else " (reused)"))
    print(f"{'operation':<18} {'CPU s':>6} {'peak RSS MB':>11} {'op raised it MB':>15}  items")
    for op in ("trends", "flows", "overview", "export jsonl", "export csv", "export jsonl 1/4"):
        r = run(op, args.db)
        peak, extra = r["peak_kb"] / 1024, (r["peak_kb"] - r["base_kb"]) / 1024
        print(f"{op:<18} {r['cpu']:>6.2f} {peak:>11.0f} {extra:>15.0f}  {r['n']:,}")


if __name__ == "__main__":
    main()
