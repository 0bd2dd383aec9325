"""Ingest seeded hostile input files and print crashes, hangs and the slowest input.

    python benchmarks/fuzz_ingest.py [--cases 100000] [--seed 2026] [--start 0] [--keep crashes/]

Cases come from ``tests/hostile.py`` (every kind of issue 13: lone surrogates, deep
nesting, damaged gzip, odd UTF-16, hostile ``lang``, impossible dates, YAML aliases,
run-on text, random bytes, broken feeds and archives), ingested in-process through
``sideswitch.pipeline.ingest_paths`` into temporary stores. Exit status 1 when any
case crashed, was caught as a bug at the document boundary, ran over the per-document
CPU budget, or lost a valid record.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile import hostile_cases, run_cases  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--start", type=int, default=0, help="first case number (ranges of one seed add up)")
    ap.add_argument("--chunk", type=int, default=1000, help="cases generated and run at a time")
    ap.add_argument("--keep", type=Path, default=None, help="copy inputs that crashed into this folder")
    args = ap.parse_args()
    totals: Counter = Counter()
    kinds: Counter = Counter()
    run_cases(hostile_cases(args.seed + 1, 3))  # load the lexicon and gazetteer first
    slowest, started = (0.0, ""), time.process_time()
    failures: list = []
    for at in range(args.start, args.start + args.cases, args.chunk):
        cases = hostile_cases(args.seed, min(args.chunk, args.start + args.cases - at), start=at)
        kinds.update(c.kind for c in cases)
        totals["valid records"] += sum(len(c.valid_ids) for c in cases)
        r = run_cases(cases, keep=args.keep)
        for name in ("crashes", "unexpected", "over_budget", "untyped", "missing"):
            totals[name] += len(getattr(r, name))
            failures += [(name, *item) for item in getattr(r, name)][:5]
        slowest = max(slowest, r.slowest)
        totals["cases"] += r.cases
        print(
            f"{totals['cases']:,} cases, {time.process_time() - started:,.0f} CPU-s: "
            f"{totals['crashes']} crashes, {totals['unexpected']} caught bugs, {totals['over_budget']} over budget, "
            f"{totals['missing']} valid records lost",
            file=sys.stderr,
            flush=True,
        )
    print(f"cases: {totals['cases']:,} ({', '.join(f'{k} {n:,}' for k, n in sorted(kinds.items()))})")
    print(f"crashes (an exception escaped ingest): {totals['crashes']}")
    print(f"bugs caught at the document boundary: {totals['unexpected']}")
    print(f"hangs (over the per-document CPU budget): {totals['over_budget']}")
    print(f"problems not reported as one-line InputErrors: {totals['untyped']}")
    print(f"valid records: {totals['valid records']:,}, lost: {totals['missing']}")
    print(f"slowest input: {slowest[1]} ({slowest[0]:.3f} CPU-s, seed {args.seed})")
    print(f"CPU: {time.process_time() - started:,.0f} s")
    for failure in failures[:20]:
        print("  ", *failure)
    bad = sum(totals[k] for k in ("crashes", "unexpected", "over_budget", "untyped", "missing"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
