"""Growth of ingest cost with the size of the record: one store grown to 100,000 documents.

Ingests invented documents into ONE growing SQLite store, in batches (one ``ingest_documents``
call each, so every batch also resolves actors and replays corrections, as a monitor's runs
do), and prints at each size the CPU-seconds per document of the batch ingested there and its
ratio to the first batch (an empty store); then the cost of ingesting ONE more document into
the grown store, and the peak RSS of the process.

What is measured is what grows with the store: storing, merging (blocking keys, links,
regrouping), near-duplicate hashing (MinHash, LSH bands) and actors. Extraction does not
grow with the store and is slow (about 40 documents per CPU-second on relevant text), so the
growing batches are handed over already extracted, as a Dask worker hands them to the
parent (``(Document, mentions)`` pairs): each document has its own text (hashed for
near-duplicates) and invented mentions. Each draw of the stream is a filler without mentions
(``--fillers``, the share of draws) or an invented act told by 1-4 outlets (2.2 on average; some
syndicated copies; 30 % name the defector; 12 countries with their parties, 20 provinces each,
dates over 2000-2024, headcounts; 2 % undated background reports). The default, 0.98, is the
stream issue 12 sets its bar on, or denser: 2 % of the draws are acts, so 85 of every 2,000
documents (4.2 %) report a defection where the issue's monitor meets one article in fifty.
``--fillers 0.3`` is the stress stream the growth rounds one to seven used as their default: 1,670
of 2,000 documents report one (its 100,000 documents hold as many reports as 2 million of the
default stream, and a back-fill packs them into the same 25 years). Every batch holds the same
number of reports (``report_share``; drawing each document at random gave the first batch of the
default seed 26 acts against 39 on average, and every later batch looked dearer than it was).
Documents are made a batch at a time and shuffled within it (an act's reports stay near each other, while
its date is anywhere in the 25 years: ``--calendar archive``, the default, a back-fill; with
``--calendar monitor`` the batches follow each other in time, batch k holding the k-th slice of
the 25 years, as a monitor meets them; both end with the same kind of record). Before the clock
starts, 500 documents go into a throwaway store: what a running monitor loaded long ago is not
counted in the first batch, the one the others are compared with. The one document at the end is
measured as a monitor meets it: pre-extracted like the others; as real text through the real
extraction in-process; as a request to a running server (``sideswitch serve``'s ``POST
/api/documents``, in-process through the ASGI test client, after one warm-up request: the CPU of
the serving process for that one request, the warm path of a monitor that runs for years);
as a new ``sideswitch ingest`` process (the cold path, start-up and the parser included); and as
a new ``sideswitch ingest`` process handing it off to a real ``sideswitch serve`` process with a
token on the store (found through its discovery file, warmed by one request; the client's CPU
from ``RUSAGE_CHILDREN``, the server's for that request from ``/proc/PID/stat``, and their sum,
next to the start-up of ``sideswitch ingest --help`` alone).

    python benchmarks/growth.py --max 5000 --batch 500      # a quick run (about a minute)
    python benchmarks/growth.py                              # 100,000 documents, the issue's stream
    python benchmarks/growth.py --calendar monitor           # the same, in time order
    nice python benchmarks/growth.py --fillers 0.3           # the dense stress stream (about 5 minutes)
    nice python benchmarks/growth.py --profile /tmp/prof     # cProfiles of the first and last batch
"""

from __future__ import annotations

import argparse
import cProfile
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SYLLABLES = (  # invented names: 40^2 given names, 40^3 family names
    "ka ro mi tan zul be dar si vo len ha qu nor ei pa gor fe lu sem ta "
    "bri cho dun ew fal gim hok ix jor kep lim mav nus op rak sul tev ul wen yar"
).split()
CONFLICTS = {  # country: (side left, side joined), parties of the shipped lexicon
    "Afghanistan": ("Afghan government", "Taliban"),
    "Syria": ("Syrian government", "Free Syrian Army"),
    "Nigeria": ("Nigerian military", "Boko Haram"),
    "Mali": ("Malian armed forces (FAMa)", "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"),
    "Colombia": ("FARC (Revolutionary Armed Forces of Colombia)", "Colombian government"),
    "Ukraine": ("Ukrainian military", "Russian armed forces"),
    "Somalia": ("al-Shabaab", "Somali government"),
    "Myanmar": ("Myanmar military junta", "People's Defence Force (PDF)"),
    "Iraq": ("Islamic State (ISIS)", "Iraqi government"),
    "Yemen": ("Houthis (Ansar Allah)", "Yemeni government"),
    "Philippines": ("New People's Army (NPA)", "Philippine government"),
    "Cameroon": ("Ambazonian separatists", "Cameroonian government"),
}
PROVINCES = 20  # per country
WARM_UP = 500  # documents ingested into a throwaway store before the clock starts
WORDS = (
    "council road market harvest river bridge school clinic ferry budget rain storm festival "
    "price flour oil trader convoy checkpoint village district mayor elder office report season"
).split()


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _text(rng: random.Random, lead: str, n: int = 60) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(n))
    return f"{lead} {body.capitalize()}. Filed {rng.randrange(10**9)}."


def _mention(doc: str, published: str, act: dict[str, Any], rng: random.Random, evidence: str) -> dict[str, Any]:
    day = act["day"]
    people = act["people"] + rng.choice([0, 0, 0, 1])
    return {
        "id": f"{doc}#1",
        "kind": rng.choice(["defection", "defection", "desertion"]) if act["kind"] == "defection" else act["kind"],
        "stage": "completed",
        "defector": {
            "name": act["name"] if act["name"] and rng.random() < 0.9 else None,
            "aliases": [],
            "role": "commander" if people > 1 else "soldier",
            "actor_id": None,
        },
        "people": {"min": people, "max": people},
        "from_side": {"name": act["left"], "party": act["left"]},
        "to_side": {"name": act["joined"], "party": act["joined"]},
        "location": {
            "place": None,
            "admin2": None,
            "admin1": act["admin1"],
            "country": act["country"],
            "lat": None,
            "lon": None,
            "precision": "admin1",
        },
        "date": None if act["undated"] else {"earliest": day, "latest": day, "text": None},
        "weapons": [],
        "claims": [],
        "contested": False,
        "historical": act["undated"],
        "confidence": 0.7,
        "sources": [
            {
                "doc": doc,
                "url": None,
                "outlet": doc.split("-")[0],
                "published": published,
                "evidence": evidence,
                "span": [0, len(evidence)],
            }
        ],
    }


SPAN_DAYS = 25 * 365  # acts are dated 2000-2024
OUTLETS = (1, 1, 2, 2, 3, 4)  # how many documents report an act (drawn from these)


def make_stream(
    n: int, seed: int = 3, chunk: int = 2_000, undated: float = 0.02, calendar: str = "archive", fillers: float = 0.3
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """``n`` distinct (record, mentions) pairs (see the module docstring), made ``chunk`` at a time
    and shuffled within each (an act's reports stay near each other). ``calendar``: "archive",
    an act's date is anywhere in the 25 years; "monitor", the chunks' acts follow each other in
    time (chunk k of the n / chunk holds the k-th slice of the 25 years), as a monitor meets them.
    Both give the same kind of record once all ``n`` are stored. ``fillers``: the share of
    documents without mentions."""
    rng = random.Random(seed)
    made, act_no = 0, 0
    slices = max(1, -(-n // chunk))
    while made < n:
        k = made // chunk
        days = (0, SPAN_DAYS) if calendar == "archive" else (k * SPAN_DAYS // slices, (k + 1) * SPAN_DAYS // slices)
        part = _chunk(rng, min(chunk, n - made), made, act_no, undated, days, fillers)
        act_no += len({r["id"].split("-")[1] for r, _ in part if not r["id"].startswith("filler")})
        made += len(part)
        yield from part


def _chunk(
    rng: random.Random,
    n: int,
    start: int,
    act_no: int,
    undated: float,
    days: tuple[int, int] = (0, SPAN_DAYS),
    fillers: float = 0.3,
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    import datetime as dt

    out: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    reports = round(n * report_share(fillers))  # the same in every chunk: batches compare like with like
    while len(out) < reports:
        country = rng.choice(list(CONFLICTS))
        left, joined = CONFLICTS[country]
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(*days))
        act = {
            "country": country,
            "left": left,
            "joined": joined,
            "admin1": f"{country} province {rng.randrange(PROVINCES)}",
            "day": day.isoformat(),
            "people": rng.choice([1, 1, 2, 3, 5, 8, 12, 20, 40]),
            "name": f"{_word(rng, 2)} {_word(rng, 3)}" if rng.random() < 0.3 else None,
            "kind": rng.choice(["defection", "defection", "surrender"]),
            "undated": rng.random() < undated,
        }
        lead = f"{act['people']} fighters left {left} for {joined} in {act['admin1']} (act {act_no})."
        first = ""
        for o in range(min(rng.choice(OUTLETS), reports - len(out))):
            doc = f"outlet{o}-{act_no}"
            published = (day + dt.timedelta(days=1 + o)).isoformat()
            text = "WIRE - " + first if o and rng.random() < 0.25 else _text(rng, lead)
            first = first or text
            out.append(({"id": doc, "published": published, "text": text}, [_mention(doc, published, act, rng, lead)]))
        act_no += 1
    for i in range(start + len(out), start + n):
        out.append(({"id": f"filler{i}-x", "published": "2020-01-01", "text": _text(rng, "Local news.")}, []))
    rng.shuffle(out)
    return out


def report_share(fillers: float) -> float:
    """The share of documents that report an act when a share ``fillers`` of the draws are fillers
    and each other draw is an act told by OUTLETS documents (one draw: a filler or a whole act)."""
    outlets = sum(OUTLETS) / len(OUTLETS)
    return (1 - fillers) * outlets / (fillers + (1 - fillers) * outlets)


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def ingest_timed(store: Any, items: list[Any], profile: str | Path | None = None) -> float:
    """CPU-s per document of one ``ingest_documents`` call of ``items`` into ``store``; with
    ``profile``, a cProfile of that call written there (its overhead counted in the cost)."""
    from sideswitch.pipeline import ingest_documents

    prof = cProfile.Profile() if profile else None
    cpu = _cpu()
    if prof:
        prof.enable()
    ingest_documents(store, items)
    if prof:
        prof.disable()
    per_doc = (_cpu() - cpu) / len(items)
    if prof and profile:
        Path(profile).parent.mkdir(parents=True, exist_ok=True)
        prof.dump_stats(str(profile))
    return per_doc


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


ONE_DOCUMENT = (
    "Commander Tavro Kelinzul and 14 of his fighters defected to the Taliban in Kunduz province on Sunday, "
    "taking two pickup trucks with them, a spokesman for the provincial governor said on Monday."
)


def _served(db: Path) -> float:
    """CPU-seconds of the serving process for one ``POST /api/documents`` of a defection report
    into ``db``, after a first (warm-up) request has loaded what a server keeps loaded."""
    from fastapi.testclient import TestClient

    from sideswitch.serve.api import create_app

    headers = {"Authorization": "Bearer growth"}
    with TestClient(create_app(db, token="growth")) as client:
        text = ONE_DOCUMENT.replace("Kunduz", "Baghlan").replace("Sunday", "Tuesday")
        warm = {"id": "one-more-served-0", "published": "2021-06-02", "text": text}
        assert client.post("/api/documents", json=warm, headers=headers).status_code == 201
        one = dict(warm, id="one-more-served", text=text.replace("14 of his", "nine of his"))
        cpu = _cpu()
        answer = client.post("/api/documents", json=one, headers=headers)
        spent = _cpu() - cpu
        assert answer.status_code == 201 and answer.json()["events"], answer.text
    return spent


def _proc_cpu(pid: int) -> float:
    """CPU-seconds (user + system) of a running process, from /proc (Linux)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _handed_off(db: Path, folder: Path) -> tuple[float, float, float, float]:
    """A new ``sideswitch ingest`` of one defection report while a ``sideswitch serve`` with a
    token runs on ``db`` (a real server process, warmed by one request of the batch endpoint the
    client uses): (the client process's CPU-s, its wall seconds, the server's CPU-s for that
    request, the CPU-s of ``sideswitch ingest --help``, the client's start-up alone)."""
    import signal
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = [sys.executable, "-c", "from sideswitch.cli import main; main()"]
    serve = [*cli, "serve", "--db", str(db), "--port", str(port), "--token", "growth"]
    server = subprocess.Popen(serve, stderr=subprocess.DEVNULL)
    url, advert = f"http://127.0.0.1:{port}", db.with_name(db.name + ".serving.json")
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(url + "/api", timeout=2):
                    if advert.exists():
                        break
            except OSError:
                time.sleep(0.1)
        text = ONE_DOCUMENT.replace("Kunduz", "Helmand").replace("Sunday", "Friday")
        warm = {"documents": [{"id": "one-more-handoff-0", "published": "2021-06-04", "text": text}]}
        request = urllib.request.Request(
            url + "/api/documents/batch",
            data=json.dumps(warm).encode(),
            headers={"Authorization": "Bearer growth", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=600) as answer:
            assert json.load(answer)["ingested"] == 1
        src = folder / "handoff.jsonl"
        one = {"id": "one-more-handoff", "published": "2021-06-04", "text": text.replace("14 of his", "eight of his")}
        src.write_text(json.dumps(one) + "\n")
        cpu, served, wall = _children_cpu(), _proc_cpu(server.pid), time.perf_counter()
        run = subprocess.run([*cli, "ingest", "--db", str(db), str(src)], capture_output=True, text=True, check=True)
        client, client_wall, served = _children_cpu() - cpu, time.perf_counter() - wall, _proc_cpu(server.pid) - served
        assert "Handing the documents to the server" in run.stderr and "1 event created" in run.stdout, run
        cpu = _children_cpu()
        subprocess.run([*cli, "ingest", "--help"], capture_output=True, check=True)
        help_cpu = _children_cpu() - cpu
    finally:
        server.send_signal(signal.SIGINT)
        server.wait()
    return client, client_wall, served, help_cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max", type=int, default=100_000, help="documents in the grown store")
    ap.add_argument("--batch", type=int, default=2_000, help="documents per ingest call")
    ap.add_argument("--db", help="store file (default: a temporary one)")
    ap.add_argument("--undated", type=float, default=0.02, help="share of undated background reports")
    ap.add_argument(
        "--fillers",
        type=float,
        default=0.98,
        help="share of the stream's draws that are fillers, the others acts told by 1-4 outlets (0.98, the "
        "default: 4.2 %% of the documents report a defection, issue 12's stream or denser; 0.3: the dense stress stream)",
    )
    ap.add_argument(
        "--calendar",
        choices=("archive", "monitor"),
        default="archive",
        help="archive: each batch's acts dated anywhere in 2000-2024 (a back-fill); monitor: the batches "
        "follow each other in time, as a monitor meets them (the same record at --max)",
    )
    ap.add_argument(
        "--profile",
        metavar="DIR",
        help="write a cProfile of the first and of the last batch into DIR (first.prof, last.prof; "
        "compare them with pstats): what grows, in the process that grew the store (the profiler slows "
        "those two batches: read costs and ratios from a run without it)",
    )
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sideswitch-growth-"))
    try:
        _grow(args, folder)
    finally:  # the grown store is kept only when --db names it
        shutil.rmtree(folder, ignore_errors=True)


def _grow(args: argparse.Namespace, folder: Path) -> None:
    from sideswitch.extract.extractor import default_lexicon
    from sideswitch.ingest.records import record_to_document
    from sideswitch.pipeline import ingest_documents
    from sideswitch.store import open_store

    db = Path(args.db) if args.db else folder / "grown.db"
    stream = make_stream(args.max, chunk=args.batch, undated=args.undated, calendar=args.calendar, fillers=args.fillers)
    default_lexicon()  # loaded before the clock starts, as in a long-running monitor
    # Warm-up, in a throwaway store: the modules and caches a running monitor has loaded long
    # ago (merging, actors, the collector's pacing) would otherwise be paid by the first batch,
    # the one every other batch is compared with.
    with open_store(folder / "warm-up.db") as warm:
        ingest_documents(warm, [(record_to_document(r), ms) for r, ms in make_stream(WARM_UP, seed=98)])
    reports = round(args.batch * report_share(args.fillers))
    print(
        f"stream: {reports:,} of every {args.batch:,} documents report a defection (--fillers {args.fillers}), "
        f"--calendar {args.calendar}"
    )
    print(f"{'stored':>8} {'batch':>6} {'CPU-s/doc':>10} {'x empty':>8} {'events':>8} {'RSS MB':>7}")
    first = None
    ratios: list[float] = []
    with open_store(db) as store:
        for start in range(0, args.max, args.batch):
            part = [next(stream) for _ in range(min(args.batch, args.max - start))]
            items = [(record_to_document(r), ms) for r, ms in part]
            last = start + args.batch >= args.max
            profile = None
            if args.profile and (first is None or last):
                profile = Path(args.profile) / ("first.prof" if first is None else "last.prof")
            per_doc = ingest_timed(store, items, profile)
            first = first or per_doc
            ratios.append(per_doc / first)
            print(
                f"{start + len(part):>8,} {len(part):>6} {per_doc * 1000:>8.3f}ms {per_doc / first:>7.2f}x "
                f"{store.count_events():>8,} {_rss_mb():>7.0f}",
                flush=True,
            )
        # one more document, pre-extracted like the others
        record, mentions = next(make_stream(1, seed=99))
        record["id"] = "one-more-pre"
        mentions = [dict(m, id="one-more-pre#1", sources=[dict(m["sources"][0], doc="one-more-pre")]) for m in mentions]
        cpu = _cpu()
        ingest_documents(store, [(record_to_document(record), mentions)])
        pre = _cpu() - cpu
        # one more document, real text through the real extraction
        line = {"id": "one-more-text", "published": "2021-05-10", "text": ONE_DOCUMENT}
        cpu = _cpu()
        report = ingest_documents(store, [record_to_document(line)], resources=default_lexicon())
        real = _cpu() - cpu
        cpu = _cpu()
        ingest_documents(store, [record_to_document(dict(line, id="one-more-warm", text=ONE_DOCUMENT + " Again."))])
        warm = _cpu() - cpu
    src = folder / "one.jsonl"
    src.write_text(json.dumps(dict(line, id="one-more-cli", text=ONE_DOCUMENT + " Updated.")) + "\n")
    cpu, wall = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from sideswitch.cli import main; main()", "ingest", "--db", str(db), "-q", str(src)],
        check=True,
    )
    cli, cli_wall = _children_cpu() - cpu, time.perf_counter() - wall
    served = _served(db)
    client, client_wall, server, help_cpu = _handed_off(db, folder)
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"one document into the grown store ({args.max:,} documents):")
    print(f"  pre-extracted, in-process:           {pre:.3f} CPU-s")
    print(f"  real text, extracted, in-process:    {real:.3f} CPU-s ({report.mentions} mention; loads the parser)")
    print(f"  the same again, parser loaded:       {warm:.3f} CPU-s")
    print(f"  real text, POST /api/documents to a running server (warm): {served:.3f} CPU-s")
    print(f"  real text, `sideswitch ingest` (new process, start-up included): {cli:.2f} CPU-s, {cli_wall:.2f} s wall")
    print(
        "  real text, a new `sideswitch ingest` process handing off to a running `sideswitch serve` on the store: "
        f"{client + server:.3f} CPU-s ({client:.3f} the client, {client_wall:.2f} s wall; {server:.3f} the server)"
    )
    print(f"  `sideswitch ingest --help` (start-up of a new process alone): {help_cpu:.3f} CPU-s")
    print(f"peak RSS: {_rss_mb():.0f} MB (this process), {child_rss:.0f} MB (the largest child process)")
    tail = ratios[-10:]
    print(
        f"growth: the last batch {ratios[-1]:.2f}x the first; the last {len(tail)} batches "
        f"{sum(tail) / len(tail):.2f}x on average (batches differ: a single one varies by about 15 %)"
    )
    # the same documents into the grown store and into an empty one, each in a fresh process
    step = [sys.executable, str(Path(__file__).with_name("step.py")), str(db), "--batch", str(args.batch)]
    out = subprocess.run([*step, "--fillers", str(args.fillers)], check=True, capture_output=True, text=True)
    print("the same batch (step.py), " + "; ".join(line.strip() for line in out.stdout.splitlines()))


if __name__ == "__main__":
    main()
