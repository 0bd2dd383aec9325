"""Development aid: which slots of which matched events fail, using the shared scorer's own matching.

python scripts/slot_report.py ../shared/eval/dev/docs.jsonl ../shared/eval/dev/gold.jsonl events.jsonl [../shared/eval/score.py]
"""

from __future__ import annotations

import sys

from sideswitch.evaluate import load_scorer


def main() -> None:
    docs_p, gold_p, pred_p = sys.argv[1:4]
    sc = load_scorer(sys.argv[4] if len(sys.argv) > 4 else "../shared/eval/score.py")
    docs, gold, preds = sc.load_jsonl(docs_p), sc.load_jsonl(gold_p), sc.load_jsonl(pred_p)
    texts = {d["id"]: d.get("text") or "" for d in docs}
    clusters = sc.merge_clusters(gold)
    by_doc: dict[str, list[int]] = {}
    for i, p in enumerate(preds):
        for d in {s["doc"] for s in p["sources"]}:
            by_doc.setdefault(d, []).append(i)
    for g_doc in gold:
        pairs = sorted(
            (
                (s, gi, pi)
                for gi, g in enumerate(g_doc["events"])
                for pi in by_doc.get(g_doc["id"], [])
                if (s := sc.pair_score(g, preds[pi], texts[g_doc["id"]], g_doc["id"])) is not None
            ),
            key=lambda x: -x[0],
        )
        used_g, used_p = set(), set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi), used_p.add(pi)
            g, p = g_doc["events"][gi], preds[pi]
            bad = [k for k, ok in sc.slot_checks(clusters[g["cluster"]], p).items() if not ok]
            if bad:
                loc = p.get("location") or {}
                print(
                    f"{g_doc['id']:<5} {g['cluster'][:34]:<34} {','.join(bad):<22} pred: name={p['defector']['name']!r} "
                    f"admin1={loc.get('admin1')!r} contested={p['contested']} date={(p.get('date') or {}).get('earliest')}"
                    f" | gold admin1={g['admin1'][:2]} names={g['defector_names'][:2]} C={g['contested']}"
                )


if __name__ == "__main__":
    main()
