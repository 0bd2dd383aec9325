#!/usr/bin/env python3
"""Which reports of one act were merged, and why the others were not.

    python scripts/merge_report.py ../shared/eval/dev [--one-at-a-time] [--all]

Ingests the corpus into a fresh store, matches predicted events to gold
mentions with the shared scorer's ``pair_score`` (the same greedy matching as
``score.py``), then prints, per gold cluster reported by several documents,
the predicted event of each document's matched mention. Where the mentions of
one cluster landed in different events, each cross-event pair is shown with
``merge.clash`` (why it may not merge) or ``merge.similarity`` (its score
against ``MERGE_THRESHOLD``). Pairs of different clusters merged into one
event (precision errors) are listed at the end.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from sideswitch.evaluate import find_scorer, load_scorer
from sideswitch.exports import jsonl_lines
from sideswitch.pipeline import ingest_paths
from sideswitch.resolve.merge import MERGE_THRESHOLD, clash, similarity
from sideswitch.store import open_store


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ingest(corpus: Path, db: Path, one_at_a_time: bool) -> tuple[list[dict], list[dict]]:
    """Exported events and stored per-document mentions."""
    with open_store(db) as store:
        if one_at_a_time:
            for i, line in enumerate(l for l in (corpus / "docs.jsonl").read_text("utf-8").splitlines() if l.strip()):
                one = db.parent / f"one{i}.jsonl"
                one.write_text(line + "\n", encoding="utf-8")
                ingest_paths(store, [str(one)])
        else:
            ingest_paths(store, [str(corpus / "docs.jsonl")])
        events = [json.loads(line) for line in jsonl_lines(store.query_events())]
        return events, store.get_mentions()


def match(score, docs: list[dict], gold: list[dict], preds: list[dict]) -> list[tuple[str, str, int]]:
    """(doc, gold cluster, predicted event index) per matched gold mention, as score.py pairs them."""
    texts = {d["id"]: d.get("text") or "" for d in docs}
    by_doc: dict[str, list[int]] = {}
    for i, p in enumerate(preds):
        for d in {s.get("doc") for s in p.get("sources") or []}:
            by_doc.setdefault(d, []).append(i)
    out = []
    for g_doc in gold:
        pairs = sorted(
            (
                (s, gi, pi)
                for gi, g in enumerate(g_doc["events"])
                for pi in by_doc.get(g_doc["id"], [])
                if (s := score.pair_score(g, preds[pi], texts[g_doc["id"]], g_doc["id"])) is not None
            ),
            key=lambda x: -x[0],
        )
        used_g, used_p = set(), set()
        for _, gi, pi in pairs:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                out.append((g_doc["id"], g_doc["events"][gi]["cluster"], pi))
    return out


def _short(m: dict) -> str:
    d, loc, date = m.get("defector") or {}, m.get("location") or {}, m.get("date") or {}
    side = lambda s: (s or {}).get("party") or (s or {}).get("name")
    pub = next((s.get("published") for s in m["sources"] if s.get("published")), None)
    return (
        f"{m['kind'][:4]} {d.get('name') or d.get('role')!s:<22.22} {side(m.get('from_side'))!s:.18}->"
        f"{side(m.get('to_side'))!s:.18} n={(m.get('people') or {}).get('min')}-{(m.get('people') or {}).get('max')} "
        f"{loc.get('country')}/{loc.get('admin1')} {date.get('earliest')}..{date.get('latest')} pub={pub}"
        f"{' hist' if m.get('historical') else ''}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--one-at-a-time", action="store_true")
    ap.add_argument("--all", action="store_true", help="show merged clusters too")
    ap.add_argument("--scorer", help="score.py (default: next to the corpus, else ../shared/eval/score.py)")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    default = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"
    score = load_scorer(
        Path(a.scorer)
        if a.scorer
        else (
            find_scorer(corpus) if (corpus / "score.py").exists() or (corpus.parent / "score.py").exists() else default
        )
    )
    docs, gold = _jsonl(corpus / "docs.jsonl"), _jsonl(corpus / "gold.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        preds, mentions = ingest(corpus, Path(tmp) / "m.db", a.one_at_a_time)
    print(score.score(docs, gold, preds)["merge_precision"], score.score(docs, gold, preds)["merge_recall"])
    by_event_doc = {(m["event_id"], s["doc"]): m for m in mentions for s in m["sources"]}
    matched = match(score, docs, gold, preds)
    clusters: dict[str, list[tuple[str, int]]] = {}
    for doc, cl, pi in matched:
        clusters.setdefault(cl, []).append((doc, pi))
    for cl, items in clusters.items():
        if len({d for d, _ in items}) < 2 or (len({pi for _, pi in items}) == 1 and not a.all):
            continue
        print(f"\n== {cl}")
        for doc, pi in items:
            m = by_event_doc.get((preds[pi]["id"], doc))
            print(f"  {doc:<6} {preds[pi]['id']}  {_short(m) if m else '?'}")
        for i, (d1, p1) in enumerate(items):
            for d2, p2 in items[i + 1 :]:
                m1, m2 = by_event_doc.get((preds[p1]["id"], d1)), by_event_doc.get((preds[p2]["id"], d2))
                if p1 != p2 and m1 and m2 and d1 != d2:
                    why = clash(m1, m2)
                    print(f"    {d1}~{d2}: {why or f'score {similarity(m1, m2):.1f} < {MERGE_THRESHOLD}'}")
    print("\n== merged across clusters (precision errors)")
    for i, (d1, c1, p1) in enumerate(matched):
        for d2, c2, p2 in matched[i + 1 :]:
            if p1 == p2 and c1 != c2 and d1 != d2:
                print(f"  {preds[p1]['id']}: {d1}/{c1}  +  {d2}/{c2}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
