"""Development aid: per-document extraction next to the gold events of a corpus.

python scripts/debug_extract.py ../shared/eval/seeds [DOC_ID ...] [--explain]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sideswitch.extract import explain_document, extract_document
from sideswitch.ingest import iter_documents


def short(ev: dict) -> str:
    d = ev.get("defector") or {}
    p = ev.get("people")
    loc = ev.get("location") or {}
    side = lambda s: (s or {}).get("party") or (s or {}).get("name")
    return (
        f"{ev['kind'][:4]}/{ev['stage'][:4]} name={d.get('name')!r} role={d.get('role')!r} "
        f"people={None if not p else (p['min'], p['max'])} {side(ev.get('from_side'))} -> {side(ev.get('to_side'))} "
        f"adm1={loc.get('admin1')} date={(ev.get('date') or {}).get('earliest')}..{(ev.get('date') or {}).get('latest')} "
        f"C={ev.get('contested')} H={ev.get('historical')} conf={ev.get('confidence')}"
    )


def main() -> None:
    corpus = Path(sys.argv[1])
    want = [a for a in sys.argv[2:] if not a.startswith("--")]
    gold = {json.loads(l)["id"]: json.loads(l) for l in open(corpus / "gold.jsonl")}
    for doc in iter_documents(str(corpus / "docs.jsonl")):
        if want and doc.id not in want:
            continue
        print(f"===== {doc.id} published={doc.published}")
        for g in gold[doc.id]["events"]:
            print(
                f"  GOLD {g['kind'][:4]}/{g['stage'][:4]} {g['defector_names']} {g['people']} {g['from'][:2]} -> {g['to'][:2]} "
                f"{g['admin1'][:1]} {g['date']} C={g['contested']} | {g['evidence'][:90]}"
            )
        for ev in extract_document(doc):
            print(f"  PRED {short(ev)} | {ev['sources'][0]['evidence'][:90]}")
        if "--explain" in sys.argv:
            for row in explain_document(doc):
                for t in row["triggers"]:
                    print(f"     {t['status'][:3]} {t['trigger']:<14} {t['reason'][:50]:<50} | {row['sentence'][:80]}")


if __name__ == "__main__":
    main()
