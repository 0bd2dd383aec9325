"""Scale-out of ingest on Dask: documents per second and per CPU-second with 1, 2 and all cores.

Runs ``ingest_distributed`` on a LocalCluster of 1, 2, ... worker processes over the mixed
stream of ``benchmarks/throughput.py`` (2% relevant articles, fillers without defection
wording), each into a fresh SQLite store, and prints per run: wall seconds, documents per
second, CPU-seconds of every process (the parent that merges and writes, plus each worker as
the worker itself reports it), documents per CPU-second, the speedup over one worker and
the parallel efficiency (speedup / workers). It checks that every run exports the same
events as the serial ingest. Workers load the lexicon before the clock starts, as a
long-running cluster would have.

    python benchmarks/scale.py --docs 20000            # 1, 2 and all cores
    python benchmarks/scale.py --docs 2000 --workers 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import make_mixed


def _cpu() -> float:
    """CPU-seconds of this process (run in each worker too, through ``client.run``)."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def run_serial(src: Path, db: Path) -> dict:
    from sideswitch.exports import jsonl_lines
    from sideswitch.extract import default_resources
    from sideswitch.pipeline import ingest_paths
    from sideswitch.store import open_store

    default_resources()
    cpu0, wall0 = _cpu(), time.perf_counter()
    with open_store(db) as store:
        report = ingest_paths(store, [str(src)])
        export = "".join(jsonl_lines(store.query_events()))
    return {
        "workers": 0,
        "wall": time.perf_counter() - wall0,
        "cpu": _cpu() - cpu0,
        "docs": report.ingested,
        "events": len(report.events),
        "export": export,
    }


def _load_lexicon() -> None:
    from sideswitch.extract import default_lexicon

    default_lexicon()


def run_cluster(src: Path, db: Path, workers: int, partition_size: int) -> dict:
    import logging

    import dask.distributed as dd

    from sideswitch.batch.dask import ingest_distributed
    from sideswitch.exports import jsonl_lines
    from sideswitch.store import open_store

    t0 = time.perf_counter()
    with (
        dd.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
        ) as cluster,
        dd.Client(cluster) as client,
    ):
        client.run(_load_lexicon)  # the data files and models read once per worker, before the clock
        startup = time.perf_counter() - t0
        before = client.run(_cpu)
        parts: list = []
        cpu0, wall0 = _cpu(), time.perf_counter()
        with open_store(db) as store:
            report = ingest_distributed(
                store,
                [str(src)],
                client=client,
                partition_size=partition_size,
                on_partition=lambda p, r: parts.append(r),
            )
        wall, parent = time.perf_counter() - wall0, _cpu() - cpu0
        after = client.run(_cpu)
    with open_store(db, readonly=True) as store:
        export = "".join(jsonl_lines(store.query_events()))
    workers_cpu = sum(after[w] - before[w] for w in after)
    return {
        "workers": workers,
        "wall": wall,
        "cpu": parent + workers_cpu,
        "parent_cpu": parent,
        "worker_cpu": workers_cpu,
        "extract_cpu": sum(r.cpu for r in parts),
        "startup": startup,
        "docs": report.ingested,
        "events": len(report.events),
        "export": export,
        "partitions": len(parts),
        "pids": len({r.pid for r in parts}),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, nargs="*", default=None, help="worker counts (default: 1, 2, all cores)")
    ap.add_argument("--partition-size", type=int, default=200)
    ap.add_argument("--no-serial", action="store_true", help="skip the serial (no Dask) reference run")
    a = ap.parse_args(argv)
    cores = os.cpu_count() or 1
    counts = a.workers or sorted({1, min(2, cores), cores})
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "mixed.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in make_mixed(a.docs)), encoding="utf-8")
        print(
            f"mixed stream: {a.docs:,} documents ({src.stat().st_size / 1e6:.1f} MB), {cores} cores, "
            f"partitions of {a.partition_size} lines",
            flush=True,
        )
        runs = [] if a.no_serial else [run_serial(src, Path(tmp) / "serial.db")]
        for n in counts:
            runs.append(run_cluster(src, Path(tmp) / f"w{n}.db", n, a.partition_size))
            r = runs[-1]
            print(
                f"  ran {n} worker(s): {r['wall']:.1f} s wall (cluster start {r['startup']:.1f} s, not counted)",
                flush=True,
            )
    base = next((r for r in runs if r["workers"] == 1), None)
    print(
        f"\n{'run':<12}{'wall s':>9}{'docs/s':>9}{'CPU-s':>9}{'docs/CPU-s':>12}{'speedup':>9}{'efficiency':>12}"
        f"{'parent CPU-s':>14}"
    )
    for r in runs:
        name = "serial" if r["workers"] == 0 else f"{r['workers']} worker{'s' if r['workers'] > 1 else ''}"
        rate = r["docs"] / r["wall"]
        speed = (rate / (base["docs"] / base["wall"])) if base and r["workers"] else None
        eff = speed / r["workers"] if speed else None
        print(
            f"{name:<12}{r['wall']:>9.1f}{rate:>9.1f}{r['cpu']:>9.1f}{r['docs'] / r['cpu']:>12.1f}"
            f"{(f'{speed:.2f}x' if speed else '-'):>9}{(f'{eff:.0%}' if eff else '-'):>12}"
            f"{r.get('parent_cpu', r['cpu']):>14.1f}"
        )
    same = len({r["export"] for r in runs}) == 1
    print(
        f"\nsame export in every run (ids included): {'yes' if same else 'NO'}; "
        f"{runs[0]['docs']:,} documents, {runs[0]['events']} events"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
