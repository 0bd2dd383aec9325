"""CPU time of ingesting one pathological document at 1x and 4x its size, and the ratio.

    python benchmarks/linear_time.py [--base 250000] [--kinds sentence,names]

``sentence``: one run-on sentence with no full stop and a trigger every ~65
characters (the worst case for extraction); ``names``: a list of names and numbers
("Gen. Abdul Karim 12, ..."). Linear time gives a ratio near 4; the quadratic
extraction of issue 13 gave 16. Each size is ingested in a fresh process-local
store with the per-document CPU budget off; peak RSS is the process's so far.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from sideswitch.config import Settings
from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents
from sideswitch.store import open_store

UNITS = {
    "sentence": "twelve soldiers of the army defected to the Taliban in Kunduz, ",
    "names": "Gen. Abdul Karim 12, Mohammad Nabi 45, Col. Rashid Noor 3 fighters, ",
}


def text_of(kind: str, chars: int) -> str:
    unit = UNITS[kind]
    return (unit * (chars // len(unit) + 1))[:chars]


def cpu_to_ingest(kind: str, chars: int) -> float:
    doc = Document(text=text_of(kind, chars), id=f"{kind}-{chars}", published="2020-01-01", lang="en")
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "b.db") as store:
        started = time.process_time()
        report = ingest_documents(
            store, [doc], settings=Settings(document_cpu_seconds=0, max_document_chars=10_000_000)
        )
        spent = time.process_time() - started
    assert report.ingested == 1, report.skipped
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=250_000, help="characters at 1x (4x is four times that)")
    ap.add_argument("--kinds", default="sentence,names")
    args = ap.parse_args()
    cpu_to_ingest("names", 2000)  # load the lexicon and gazetteer first
    for kind in args.kinds.split(","):
        one, four = cpu_to_ingest(kind, args.base), cpu_to_ingest(kind, 4 * args.base)
        print(
            f"{kind}: {args.base:,} chars {one:.2f} CPU-s, {4 * args.base:,} chars {four:.2f} CPU-s, "
            f"ratio {four / one:.2f}; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
