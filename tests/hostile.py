"""A seeded generator of hostile input files, and a harness that ingests them in-process.

Every case is one small file of one kind (JSON Lines, JSON, text, Markdown, HTML,
RSS/Atom, WARC, any of them gzipped) that mixes hostile content with records that
are valid and must be stored. The kinds of trouble are those of issue 13: lone
surrogates, deep nesting, damaged gzip, UTF-16 with an odd byte count, unknown or
path-like ``lang``, impossible dates, YAML aliases, run-on text, random bytes, and
more. All wording is invented.

    cases = hostile_cases(seed=1, n=1000)
    result = run_cases(cases)          # ingest in batches into temporary stores
    assert result.crashes == [] and result.missing == []

``tests/ingest/test_fuzz.py`` runs 10,000 of them (``slow``), and
``benchmarks/fuzz_ingest.py`` 100,000 or more.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sideswitch.config import Settings
from sideswitch.errors import DocumentError, InputError, TimeBudgetError
from sideswitch.pipeline import ingest_paths
from sideswitch.store import open_store

__all__ = ["Case", "hostile_cases", "run_cases", "FuzzResult", "KINDS"]

PLACES = ("Varsa", "Kessel", "Orlin Valley", "Tamber", "Hollin Pass")
SIDES = ("the Varsan army", "the Northern Front", "the Kessel militia", "the Coastal League")


@dataclass
class Case:
    """One file: its name, its bytes, and the ids of the valid records it holds."""

    kind: str
    name: str
    data: bytes
    valid_ids: list[str] = field(default_factory=list)


def _valid_text(rng: random.Random, i: int, trigger: bool) -> str:
    place = rng.choice(PLACES)
    if trigger:
        return (
            f"Case {i}: {rng.randint(2, 60)} guards of {rng.choice(SIDES)} defected to "
            f"{rng.choice(SIDES)} near {place} on Sunday, officials said."
        )
    return f"Case {i}: the market in {place} reopened after the rain, a trader said."


def _valid_record(rng: random.Random, i: int, tag: str) -> dict:
    rid = f"ok-{tag}-{i}"
    return {
        "id": rid,
        "text": f"Record {rid}. " + _valid_text(rng, i, rng.random() < 0.15),
        "published": "2020-03-05",
        "outlet": "Ledger",
    }


# -- hostile fragments ----------------------------------------------------------------


def _nested(rng: random.Random) -> str:
    depth = rng.choice((70, 500, 3000, 100_000))
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
    return opener * depth + "1" + closer * depth


def _surrogate(rng: random.Random) -> str:
    return rng.choice(("\\ud800", "\\udfff", "\\ud83d", "\\ude00\\ud800"))


def _bad_lang(rng: random.Random) -> str:
    return rng.choice(
        ("de", "xx", "zz-ZZ", "../../../../tmp/x/evil", "x" * 300, "", "EN_us", "e\\u0000n", "es", "fr", "123", "🙂")
    )


def _bad_date(rng: random.Random) -> str:
    return rng.choice(
        (
            "2020-02-30",
            "2020-13-01",
            "0000-00-00",
            "99999-01-01",
            "yesterday",
            "1e308",
            "-1",
            "2020-02-29T25:61:00Z",
            "31/02/2021",
        )
    )


def _hostile_record(rng: random.Random, i: int) -> str:
    """One JSON Lines line that is hostile in one way (and may or may not be a valid document)."""
    text = json.dumps(_valid_text(rng, i, rng.random() < 0.3))[1:-1]
    choice = rng.randrange(16)
    if choice == 0:
        return f'{{"id": "s{i}", "text": "{text} {_surrogate(rng)}", "title": "t{_surrogate(rng)}"}}'
    if choice == 1:
        return f'{{"text": "{_surrogate(rng)}{text}"}}'
    if choice == 2:
        return _nested(rng)
    if choice == 3:
        return f'{{"id": "n{i}", "text": "{text}", "meta": {_nested(rng)}}}'
    if choice == 4:
        return json.dumps({"id": f"l{i}", "text": _valid_text(rng, i, True), "lang": _bad_lang(rng)})
    if choice == 5:
        return json.dumps({"id": f"d{i}", "text": _valid_text(rng, i, True), "published": _bad_date(rng)})
    if choice == 6:
        return json.dumps({"id": rng.choice([[1], {"a": 1}, 1e308, True, None, ""]), "text": text})
    if choice == 7:
        return json.dumps({"text": rng.choice([123, None, [], {}, "   ", "\u0000", True])})
    if choice == 8:
        run = " and ".join(_valid_text(rng, i, True).rstrip(".") for _ in range(rng.randint(5, 40)))
        return json.dumps({"id": f"r{i}", "text": run})
    if choice == 9:
        return '{"id": "x", "text": "unterminated'
    if choice == 10:
        return json.dumps(
            {
                "id": f"c{i}",
                "text": "".join(chr(rng.randrange(0x110000)) for _ in range(40))
                .encode("utf-8", "replace")
                .decode("utf-8", "replace"),
            },
            ensure_ascii=rng.random() < 0.5,
        )
    if choice == 11:
        return '{"id": "dup", "text": "one", "text": "two", "published": 1e999}'
    if choice == 12:
        return json.dumps(
            {
                "id": f"m{i}",
                "text": text,
                "author": [{"name": None}, 3, [[]]],
                "outlet": {"title": ["x"]},
                "url": {"x": 1},
            }
        )
    if choice == 13:
        return "NaN" if rng.random() < 0.5 else "[1, 2, 3]"
    if choice == 14:
        return json.dumps({"id": f"g{i}", "text": "Gen. " * rng.randint(50, 400) + "Abdul Karim 12, " * 50})
    return json.dumps({"id": f"e{i}", "text": text}).replace("e", "\\u0065", 3)


def _gzip_damage(rng: random.Random, data: bytes) -> bytes:
    gz = gzip.compress(data)
    how = rng.randrange(4)
    if how == 0:
        return gz[: max(3, rng.randrange(len(gz)))]
    if how == 1:
        pos = rng.randrange(10, max(11, len(gz) - 8))
        return gz[:pos] + bytes([gz[pos] ^ 0xFF]) + gz[pos + 1 :]
    if how == 2:
        return gz[:-8] + b"\0\0\0\0" + gz[-4:]
    return gz + b"\x1f\x8bgarbage"


# -- one case per kind -----------------------------------------------------------------


def _jsonl(rng: random.Random, i: int) -> Case:
    lines, valid = [], []
    for j in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            rec = _valid_record(rng, i, f"j{j}")
            valid.append(rec["id"])
            lines.append(json.dumps(rec))
        else:
            lines.append(_hostile_record(rng, i * 10 + j))
    body = ("\r\n" if rng.random() < 0.2 else "\n").join(lines) + "\n"
    return Case("jsonl", f"c{i}.jsonl", body.encode("utf-8", "surrogatepass"), valid)


def _json_array(rng: random.Random, i: int) -> Case:
    rec = _valid_record(rng, i, "a")
    parts = [json.dumps(rec, indent=rng.choice((None, 2)))]
    hostile_first = rng.random() < 0.4
    if rng.random() < 0.7:
        parts.insert(0 if hostile_first else 1, _hostile_record(rng, i))
    data = ("[" + ",\n".join(parts) + "]").encode("utf-8", "surrogatepass")
    # a bad element ends the array: the valid record is sure to be stored only when it comes first
    return Case("json", f"c{i}.json", data, [] if hostile_first and len(parts) > 1 else [rec["id"]])


def _front_matter(rng: random.Random) -> str:
    choice = rng.randrange(7)
    if choice == 0:
        return f"published: {_bad_date(rng)}\n"
    if choice == 1:
        return "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    if choice == 2:
        return "title: [unclosed\n"
    if choice == 3:
        return "- just\n- a list\n"
    if choice == 4:
        return "x: " + "[" * rng.choice((70, 3000)) + "\n"
    if choice == 5:
        return f"lang: {json.dumps(_bad_lang(rng))}\ntitle: T\n"
    return "title: Plain\npublished: 2020-03-05\n"


def _text(rng: random.Random, i: int, suffix: str) -> Case:
    body = _valid_text(rng, i, rng.random() < 0.3)
    head = f"---\n{_front_matter(rng)}---\n" if rng.random() < 0.7 else ""
    data = (head + body).encode("utf-8")
    return Case(suffix, f"c{i}.{suffix}", data, [])


def _utf16(rng: random.Random, i: int) -> Case:
    suffix = rng.choice(("txt", "jsonl", "md"))
    body = json.dumps(_valid_record(rng, i, "u")) + "\n" if suffix == "jsonl" else _valid_text(rng, i, True)
    data = rng.choice((b"\xff\xfe", b"\xfe\xff")) + body.encode("utf-16-le") + b"A" * rng.randint(0, 1)
    return Case("utf16", f"c{i}.{suffix}", data, [])


def _html(rng: random.Random, i: int) -> Case:
    choice = rng.randrange(4)
    body = _valid_text(rng, i, True)
    if choice == 0:
        page = f"<html lang='{_bad_lang(rng)}'><body><article><p>{body}</p></article></body></html>"
    elif choice == 1:
        page = "<html><body>" + "<div>" * rng.choice((300, 5000)) + body
    elif choice == 2:
        page = f"<!DOCTYPE html><html><head><title>{'&#xd800;' * 3}</title></head><body><p>{body}</p>\x00</body>"
    else:
        page = "<html><body><p>" + "".join(chr(rng.randrange(32, 0x3000)) for _ in range(200)) + "</p></body></html>"
    return Case("html", f"c{i}.html", page.encode("utf-8", "replace"), [])


def _rss(rng: random.Random, i: int) -> Case:
    body = _valid_text(rng, i, True)
    choice = rng.randrange(5)
    if choice == 0:
        feed = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title><language>'
            f"{_bad_lang(rng)[:50]}</language><item><title>T</title><pubDate>{_bad_date(rng)}</pubDate>"
            f"<description>{body}</description></item></channel></rss>"
        )
    elif choice == 1:  # entity expansion ("billion laughs")
        feed = (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            f'<rss version="2.0"><channel><item><description>&d;{body}</description></item></channel></rss>'
        )
    elif choice == 2:
        feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content>{body}'
    elif choice == 3:
        feed = '<?xml version="1.0"?><rss version="2.0"><channel>' + "<item>" * 500 + body
    else:
        feed = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>&#xd800;</title>'
            f"<description><![CDATA[<p>{body}</p>]]></description></item><item></item></channel></rss>"
        )
    return Case("rss", f"c{i}.rss", feed.encode("utf-8"), [])


def _warc(rng: random.Random, i: int) -> Case:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=rng.random() < 0.5)
    page = f"<html><body><article><p>{_valid_text(rng, i, True)}</p></article></body></html>".encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    writer.write_record(
        writer.create_warc_record(f"http://example.org/{i}", "response", payload=io.BytesIO(page), http_headers=headers)
    )
    data = out.getvalue()
    if rng.random() < 0.6:
        data = data[: rng.randrange(len(data))] if rng.random() < 0.5 else data.replace(b"WARC/1", b"WARC/9", 1)
    return Case("warc", f"c{i}.warc", data, [])


def _random_bytes(rng: random.Random, i: int) -> Case:
    suffix = rng.choice(("jsonl", "json", "txt", "md", "html", "rss", "warc", "gz", "jsonl.gz"))
    data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if rng.random() < 0.3:
        data = b"\x1f\x8b" + data
    return Case("bytes", f"c{i}.{suffix}", data, [])


def _gzipped(rng: random.Random, i: int) -> Case:
    inner = rng.choice((_jsonl, _text_txt, _html))(rng, i)
    if rng.random() < 0.5:
        return Case("gzip", inner.name + ".gz", gzip.compress(inner.data), inner.valid_ids)
    return Case("gzip-damaged", inner.name + ".gz", _gzip_damage(rng, inner.data), [])


def _text_txt(rng: random.Random, i: int) -> Case:
    return _text(rng, i, "txt")


def _text_md(rng: random.Random, i: int) -> Case:
    return _text(rng, i, "md")


KINDS: dict[str, Callable[[random.Random, int], Case]] = {
    "jsonl": _jsonl,
    "json": _json_array,
    "txt": _text_txt,
    "md": _text_md,
    "utf16": _utf16,
    "html": _html,
    "rss": _rss,
    "warc": _warc,
    "bytes": _random_bytes,
    "gzip": _gzipped,
}
_WEIGHTS = {
    "jsonl": 30,
    "json": 8,
    "txt": 8,
    "md": 8,
    "utf16": 5,
    "html": 8,
    "rss": 8,
    "warc": 5,
    "bytes": 8,
    "gzip": 12,
}


def hostile_cases(seed: int, n: int, start: int = 0) -> list[Case]:
    """``n`` cases, the same for the same seed (case ``i`` depends only on ``seed`` and ``i``)."""
    names, weights = list(_WEIGHTS), list(_WEIGHTS.values())
    out = []
    for i in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + i)
        out.append(KINDS[rng.choices(names, weights)[0]](rng, i))
    return out


# -- running them ----------------------------------------------------------------------------


@dataclass
class FuzzResult:
    cases: int = 0
    crashes: list = field(default_factory=list)  # (case name, traceback): an exception escaped ingest
    unexpected: list = field(default_factory=list)  # DocumentError for a bug caught at the boundary
    over_budget: list = field(default_factory=list)  # TimeBudgetError
    missing: list = field(default_factory=list)  # valid record ids that were not stored
    untyped: list = field(default_factory=list)  # a skipped item that is not an InputError
    slowest: tuple = (0.0, "")  # (CPU seconds, case name) of the slowest batch member


def run_cases(
    cases: list[Case], *, batch: int = 50, settings: Settings | None = None, keep: Path | None = None
) -> FuzzResult:
    """Ingest ``cases`` through :func:`sideswitch.pipeline.ingest_paths`, ``batch`` files per
    temporary store, one file per call; ``keep``: copy the inputs that crashed there."""
    settings = settings or Settings(document_cpu_seconds=20.0)
    result = FuzzResult()
    for at in range(0, len(cases), batch):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            with open_store(folder / "store.db") as store:
                for case in cases[at : at + batch]:
                    _run_one(case, folder, store, settings, result, keep)
    return result


def _run_one(case: Case, folder: Path, store, settings: Settings, result: FuzzResult, keep: Path | None) -> None:
    path = folder / case.name
    path.write_bytes(case.data)
    result.cases += 1
    started = time.process_time()
    try:
        report = ingest_paths(store, [str(path)], settings=settings)
    except InputError as e:  # the whole file named on its own is unreadable: allowed, typed, one line
        report = None
        if "\n" in str(e):
            result.untyped.append((case.name, repr(e)))
    except Exception:
        result.crashes.append((case.name, traceback.format_exc(limit=-4)))
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / case.name).write_bytes(case.data)
        return
    spent = time.process_time() - started
    if spent > result.slowest[0]:
        result.slowest = (spent, case.name)
    for problem in report.skipped if report else ():
        if isinstance(problem, TimeBudgetError):
            result.over_budget.append((case.name, str(problem)))
        elif isinstance(problem, DocumentError) and "unexpected error" in str(problem):
            result.unexpected.append((case.name, str(problem)))
        elif not isinstance(problem, InputError) or "\n" in str(problem):
            result.untyped.append((case.name, repr(problem)))
    stored = {d["id"] for d in store.list_documents(limit=None)}
    result.missing += [(case.name, i) for i in case.valid_ids if i not in stored]


# -- a corpus that merges: several outlets report each invented act ------------------------

_ACT_TEMPLATES = (
    "{n} soldiers of the Afghan army defected to the Taliban in {place} on {day}, officials said.",
    "Commander {name} and {m} of his men joined the Taliban near {place} on {day}, a spokesman said.",
    "A group of {n} government troops went over to the Taliban in {place}, local elders told reporters on {day}.",
)
_NAMES = ("Tarek Holvan", "Amir Sedzai", "Nurin Kasto", "Walid Orsan", "Faris Demlo", "Jamal Trevik")
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday")


def merge_corpus(seed: int, acts: int = 12, outlets: int = 3) -> list[dict]:
    """JSON records: ``outlets`` reports of each of ``acts`` invented acts (some near-copies),
    in a seeded order; what concurrency, crash and order tests ingest."""
    rng = random.Random(seed)
    records = []
    for a in range(acts):
        n, place, name, day = rng.randint(5, 60), rng.choice(PLACES), rng.choice(_NAMES), rng.choice(_DAYS)
        month = 1 + a % 12
        for o in range(outlets):
            text = rng.choice(_ACT_TEMPLATES).format(n=n, m=n - 1, place=place, name=name, day=day)
            if o == outlets - 1 and rng.random() < 0.4:  # a syndicated copy of the first report
                text = "WIRE - " + records[-o]["text"] + " All rights reserved."
            records.append(
                {
                    "id": f"act{a}-o{o}",
                    "outlet": f"Outlet {o}",
                    "published": f"2019-{month:02d}-1{o}",
                    "text": text + f" Report {a}.{o} filed from the region.",
                }
            )
    rng.shuffle(records)
    return records
