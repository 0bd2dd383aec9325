"""One batch into a grown store against the same batch into an empty one: where growth is compared.

``growth.py`` prints the cost of each batch as one store grows; its batches differ, and single
batches vary by 10-30 % on a shared machine. Here the SAME documents are ingested into a copy of a
grown store (``growth.py --db FILE`` keeps one) and into an empty store, after one warm-up batch in
each, and the CPU per document of the timed batch is printed for both, with their ratio::

    python benchmarks/growth.py --max 100000 --db /tmp/grown.db     # once, about a minute
    python benchmarks/step.py /tmp/grown.db                         # about 10 seconds
    python benchmarks/growth.py --fillers 0.3 --db /tmp/dense.db    # the dense stream, about 5 minutes
    python benchmarks/step.py /tmp/dense.db --fillers 0.3           # about 30 seconds
    python benchmarks/step.py /tmp/grown.db --rekey                 # the copy keyed again first
    python benchmarks/step.py /tmp/grown.db --profile /tmp/step.prof

``--rekey`` drops the copy's merge keys and links and lets the first run key every stored mention
again in one pass (as after a migration that drops them): a store keyed in one pass has another
B-tree layout than one grown batch by batch (fuller pages in key order), and is faster; compare
two versions of the code on copies made the same way. ``--profile`` writes a cProfile of the
timed batch into the grown copy. The documents are ``growth.py``'s stream with another seed and
their own ids, so none is known to the grown store.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from growth import ingest_timed, make_stream  # noqa: E402  (a sibling script, not a package)


def _renamed(items: list[tuple[dict[str, Any], list[dict[str, Any]]]], tag: str) -> list[Any]:
    """The pairs with ids of their own (``tag`` before every document and mention id)."""
    from sideswitch.ingest.records import record_to_document

    out = []
    for record, mentions in items:
        record = dict(record, id=f"{tag}{record['id']}")
        mentions = [
            dict(m, id=f"{tag}{m['id']}", sources=[dict(s, doc=f"{tag}{s['doc']}") for s in m["sources"]])
            for m in mentions
        ]
        out.append((record_to_document(record), mentions))
    return out


def _rekey(db: Path) -> None:
    from sideswitch.pipeline import ingest_documents
    from sideswitch.store import open_store

    with open_store(db) as store:
        with store.transaction():
            for table in ("merge_keys", "merge_levels", "merge_links", "merge_best"):
                store._execute(f"DELETE FROM {table}")
            store._execute("DELETE FROM meta WHERE key = 'merge_state'")
        ingest_documents(store, [])  # keys every stored mention again, in the order stored


def _batch(db: Path, warm: list[Any], timed: list[Any], profile: str | None = None) -> float:
    """CPU-s per document of ``timed`` ingested after ``warm`` into the store at ``db``."""
    from sideswitch.pipeline import ingest_documents
    from sideswitch.store import open_store

    with open_store(db) as store:
        ingest_documents(store, warm)
        return ingest_timed(store, timed, profile)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("grown", help="a store grown by growth.py --db (copied; never written)")
    ap.add_argument("--batch", type=int, default=2_000, help="documents in the warm-up and in the timed batch")
    ap.add_argument(
        "--fillers", type=float, default=0.98, help="share of documents without mentions (as growth.py: 0.3 is dense)"
    )
    ap.add_argument("--rekey", action="store_true", help="key the copy's merge state again in one pass first")
    ap.add_argument("--profile", help="write a cProfile of the timed batch into the grown copy here")
    ap.add_argument("--only", choices=("empty", "grown"), help=argparse.SUPPRESS)  # one side, in its own process
    args = ap.parse_args()
    if args.only is None:  # each side in a fresh process: the caches one fills would help the other
        costs = {}
        for side in ("empty", "grown"):
            argv = [sys.executable, __file__, args.grown, "--batch", str(args.batch), "--fillers", str(args.fillers)]
            argv += ["--only", side] + (["--rekey"] if args.rekey else [])
            argv += ["--profile", args.profile] if args.profile and side == "grown" else []
            out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
            costs[side] = float(out.split()[-1])
        print(f"empty store: {costs['empty'] * 1000:.2f} ms per document")
        print(f"grown store: {costs['grown'] * 1000:.2f} ms per document ({costs['grown'] / costs['empty']:.2f}x)")
        return

    from sideswitch.extract.extractor import default_lexicon

    stream = list(make_stream(2 * args.batch, seed=11, chunk=args.batch, fillers=args.fillers))
    warm, timed = _renamed(stream[: args.batch], "step-"), _renamed(stream[args.batch :], "step-")
    default_lexicon()
    folder = Path(tempfile.mkdtemp(prefix="sideswitch-step-"))
    try:
        db = folder / "store.db"
        if args.only == "grown":
            for suffix in ("", "-wal"):
                if Path(args.grown + suffix).exists():
                    shutil.copy(args.grown + suffix, str(db) + suffix)
            if args.rekey:
                _rekey(db)
        print(_batch(db, warm, timed, args.profile))
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
