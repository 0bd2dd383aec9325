"""Partitions read exactly what a serial read of the same inputs gives (no cluster needed)."""

from __future__ import annotations

import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sideswitch.batch.partitions import plan_partitions, read_partition
from sideswitch.config import Settings
from sideswitch.errors import InputError
from sideswitch.ingest import iter_documents


def shape(items):
    return [
        (str(i), i.path, i.line)
        if isinstance(i, InputError)
        else (i.id, i.text, i.source_path, i.source_line, i.lang, i.metadata, i.hash)
        for i in items
    ]


def serial(paths):
    out = []
    for doc in iter_documents(paths, errors="skip", on_problem=out.append):
        out.append(doc)  # noqa: PERF402  (problems are appended meanwhile, in reading order)
    return shape(out)


def partitioned(paths, size):
    out, parts = [], []
    for p in plan_partitions(paths, size=size):
        if isinstance(p, InputError):
            out.append(p)
        else:
            parts.append(p)
            out += list(read_partition(p, Settings()))
    return parts, shape(out)


def make_warc(path, n):
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=path.name.endswith(".gz"))
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for i in range(n):
            body = (
                f"<html><head><title>Post {i}</title></head><body><article><p>The river ferry of Olden "
                f"carried {i + 2} traders across to the market of Vessa on a calm morning, the harbour "
                f"office said in its weekly notice number {i}.</p></article></body></html>"
            ).encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    f"https://news.example/{i}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": "2023-01-02T03:04:05Z"},
                )
            )
    return path


def test_jsonl_line_ranges_read_as_the_whole_file(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Report {i} from the valley of Tarn."}) for i in range(9)]
    lines[4] = "{broken"
    lines.insert(6, "")
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts, got = partitioned([str(path)], size=3)
    assert [(p.kind, p.first, p.count) for p in parts] == [
        ("lines", 1, 3),
        ("lines", 4, 3),
        ("lines", 7, 3),
        ("lines", 10, 1),
    ]
    assert got == serial([str(path)])
    message = (
        f"cannot read '{path}' line 5: not valid JSON (Expecting property name enclosed in double quotes at col 2)"
    )
    assert (message, str(path), 5) in got


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_record_ranges_read_as_the_whole_archive(tmp_path, name):
    path = make_warc(tmp_path / name, 7)
    parts, got = partitioned([str(path)], size=3)
    assert [(p.kind, p.first, p.count) for p in parts] == [("warc", 1, 3), ("warc", 4, 3), ("warc", 7, 2)]
    assert got == serial([str(path)])
    assert len(got) == 7 and got[-1][3] == 8  # record 8: the seventh page, after the warcinfo record


def test_small_files_are_grouped_and_problems_keep_their_place(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"n{i}.txt").write_text(f"Note {i}: the bridge at Korvel reopened.", encoding="utf-8")
    (folder / "n2.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "z.jsonl").write_text('{"id": "z1", "text": "Late report from Korvel."}\n', encoding="utf-8")
    parts, got = partitioned([str(folder)], size=2)
    assert [p.kind for p in parts] == ["files", "files", "files"]
    assert got == serial([str(folder)])


def test_a_missing_path_raises_as_in_serial_reading(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(plan_partitions([str(tmp_path / "nope.jsonl")]))


def test_standard_input_travels_in_its_partitions(tmp_path, monkeypatch):
    data = "".join(json.dumps({"id": f"s{i}", "text": f"Line {i} about the dam at Rell."}) + "\n" for i in range(5))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    parts, got = partitioned(["-"], size=2)
    assert [(p.kind, len(p.documents)) for p in parts] == [("documents", 2), ("documents", 2), ("documents", 1)]
    assert [g[0] for g in got] == ["s0", "s1", "s2", "s3", "s4"] and got[0][2] == "<stdin>"
