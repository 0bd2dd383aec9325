"""Syndicated copies: N copies of a corpus must give the events of one copy (issue 14).

Each copy gets new document ids and its own closing line (an outlet's sign-off), as a wire
story reprinted by N outlets would. The corpus is ingested once on its own and once as N
copies (N x its documents, in copy order), each into a fresh SQLite store. The script prints
the events of each, whether every event of the copies holds exactly the reports of one
event of the single copy, N times over, and whether its independent sources are those of
that event (the N copies of one document count once).

    python benchmarks/syndicated_copies.py ../shared/eval/dev --copies 50     (about 5 CPU-minutes)
    python benchmarks/syndicated_copies.py tests/data/mergetrap --copies 5

Exit status 0 when the copies give the same events, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def copies(docs: list[dict], n: int) -> list[dict]:
    """``n`` copies of ``docs``: ids ``<id>~c<i>``, a closing line of the copy's own."""
    out = []
    for i in range(n):
        for d in docs:
            text = (d.get("text") or "").rstrip()
            out.append(
                {**d, "id": f"{d['id']}~c{i}", "text": f"{text}\n\nDistributed by Partner Outlet {i} under licence."}
            )
    return out


def ingest(docs: list[dict], db: Path) -> list[dict]:
    """The events of ``docs``, each as {"reports": Counter of (original doc, mention seq), "independent": n}."""
    from sideswitch.pipeline import ingest_paths
    from sideswitch.store import open_store

    src = db.with_suffix(".jsonl")
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    with open_store(db) as store:
        ingest_paths(store, [str(src)])
        mentions = store.get_mentions()
        events = {ev["id"]: ev for ev in store.query_events()}
    reports: dict[str, Counter] = {eid: Counter() for eid in events}
    for m in mentions:
        doc, _, seq = m["id"].rpartition("#")
        reports[m["event_id"]][(doc.split("~c")[0], seq)] += 1
    return [{"reports": reports[eid], "independent": ev.get("independent_sources")} for eid, ev in events.items()]


def compare(one: list[dict], many: list[dict], n: int) -> list[str]:
    """Every way the events of the copies differ from those of one copy (empty when none)."""
    problems = []
    single = {frozenset(ev["reports"]): ev for ev in one}
    for ev in many:
        key = frozenset(ev["reports"])
        match = single.get(key)
        if match is None:
            problems.append(f"an event of the copies holds {sorted(key)}, no event of one copy does")
            continue
        if any(c != n for c in ev["reports"].values()):
            problems.append(f"event of {sorted(key)}: reports counted {dict(ev['reports'])}, expected {n} each")
        if ev["independent"] != match["independent"]:
            problems.append(
                f"event of {sorted(key)}: {ev['independent']} independent sources, one copy gives {match['independent']}"
            )
    if len(many) != len(one):
        problems.append(f"{len(many)} events from the copies, {len(one)} from one copy")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="a folder with docs.jsonl")
    ap.add_argument("--copies", type=int, default=50)
    a = ap.parse_args()
    docs = [json.loads(line) for line in (a.corpus / "docs.jsonl").read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        one = ingest(copies(docs, 1), Path(tmp) / "one.db")
        t1 = time.perf_counter()
        many = ingest(copies(docs, a.copies), Path(tmp) / "many.db")
        t2 = time.perf_counter()
    problems = compare(one, many, a.copies)
    sources = Counter(sum(ev["reports"].values()) // max(1, len(ev["reports"])) for ev in many)
    print(f"one copy: {len(docs)} documents, {len(one)} events ({t1 - t0:.0f} s)")
    print(f"{a.copies} copies: {len(docs) * a.copies} documents, {len(many)} events ({t2 - t1:.0f} s)")
    print(f"copies of each report per event: {dict(sources)}")
    print(
        "independent sources per event, copies vs one copy: "
        + ("identical" if not any("independent" in p for p in problems) else "DIFFERENT")
    )
    for p in problems[:20]:
        print("PROBLEM", p)
    print("same events as one copy: " + ("yes" if not problems else f"no ({len(problems)} problems)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
