"""The bundled example corpus (``examples/``) is consistent with itself.

``docs.jsonl`` holds every article as plain text (for scoring). ``gold.jsonl``
holds its gold events. ``articles.jsonl`` is ``docs.jsonl`` without the two
articles that ship as ``field-report.md`` and ``wire-story.html``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DOC_FIELDS = {"id", "url", "outlet", "title", "published", "text"}
GOLD_EVENT_FIELDS = {
    "cluster",
    "kind",
    "stage",
    "defector_names",
    "role",
    "people",
    "from",
    "to",
    "country",
    "admin1",
    "place",
    "date",
    "contested",
    "historical",
    "evidence",
}
MARKDOWN_ID = "ex-field-report"


def read_jsonl(name: str) -> list[dict]:
    path = EXAMPLES / ("gold" if name in ("docs.jsonl", "gold.jsonl") else "articles") / name
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                pytest.fail(f"{name} line {n}: not valid JSON ({e})")
    return rows


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return read_jsonl("docs.jsonl")


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_jsonl("gold.jsonl")


def html_record_id(docs) -> str:
    """The HTML article's record: the one that is neither in articles.jsonl nor the Markdown one."""
    ids = {d["id"] for d in docs} - {a["id"] for a in read_jsonl("articles.jsonl")} - {MARKDOWN_ID}
    assert len(ids) == 1, f"expected exactly one record for wire-story.html, found {sorted(ids)}"
    return ids.pop()


def test_docs_records_are_well_formed(docs):
    assert len(docs) >= 12
    ids = [d.get("id") for d in docs]
    assert len(set(ids)) == len(ids), f"duplicate ids in docs.jsonl: {ids}"
    for d in docs:
        assert DOC_FIELDS <= set(d), f"{d.get('id')}: missing {sorted(DOC_FIELDS - set(d))}"
        assert isinstance(d["text"], str) and d["text"].strip(), d["id"]
        assert d["url"].startswith("https://example.org/"), d["id"]
        assert d["outlet"] and d["title"], d["id"]
        dt.date.fromisoformat(d["published"])
        words = len(d["text"].split())
        assert 60 <= words <= 200, f"{d['id']}: {words} words (keep articles to 60-200)"


def test_gold_ids_match_docs(docs, gold):
    assert [g["id"] for g in gold] == [d["id"] for d in docs]


def test_gold_events_are_well_formed(docs, gold):
    texts = {d["id"]: d["text"] for d in docs}
    problems = []
    for g in gold:
        assert set(g) == {"id", "relevant", "events"}, g["id"]
        assert g["relevant"] == bool(g["events"]), f"{g['id']}: relevant must say whether there are events"
        for i, e in enumerate(g["events"]):
            where = f"{g['id']} event {i}"
            if set(e) != GOLD_EVENT_FIELDS:
                problems.append(f"{where}: fields differ by {sorted(set(e) ^ GOLD_EVENT_FIELDS)}")
                continue
            if e["evidence"] not in texts[g["id"]]:
                problems.append(f"{where}: evidence is not an exact substring of the text: {e['evidence']!r}")
            if e["kind"] not in {"defection", "surrender", "desertion"}:
                problems.append(f"{where}: kind {e['kind']!r}")
            if e["stage"] not in {"completed", "offered"}:
                problems.append(f"{where}: stage {e['stage']!r}")
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e["cluster"]):
                problems.append(f"{where}: cluster {e['cluster']!r} is not a slug")
            p = e["people"]
            if p is not None and not (len(p) == 2 and 0 < p[0] <= p[1]):
                problems.append(f"{where}: people {p}")
            for key in ("from", "to", "admin1", "place"):
                if any(k != k.lower() for k in e[key]):
                    problems.append(f"{where}: {key} keywords must be lower case")
            if not e["from"]:
                problems.append(f"{where}: from is empty")
            if bool(e["to"]) == (e["kind"] == "desertion"):
                problems.append(f"{where}: only a desertion has an empty to")
            if e["date"] is not None and e["date"]["earliest"] > e["date"]["latest"]:
                problems.append(f"{where}: date runs backwards")
            if e["date"] is not None:
                dt.date.fromisoformat(e["date"]["earliest"])
                dt.date.fromisoformat(e["date"]["latest"])
            if not isinstance(e["contested"], bool) or not isinstance(e["historical"], bool):
                problems.append(f"{where}: contested/historical must be booleans")
    assert not problems, "\n".join(problems)


def test_corpus_covers_the_planned_cases(gold):
    events = [e for g in gold for e in g["events"]]
    assert {e["kind"] for e in events} == {"defection", "surrender", "desertion"}
    assert any(e["stage"] == "offered" for e in events)
    assert any(e["historical"] for e in events) and any(e["contested"] for e in events)
    assert sum(not g["relevant"] for g in gold) >= 2
    clusters = {}
    for g in gold:
        for e in g["events"]:
            clusters.setdefault(e["cluster"], set()).add(g["id"])
    assert any(len(ids) > 1 for ids in clusters.values()), "no act is reported by two documents"


def test_articles_jsonl_is_docs_without_md_and_html(docs):
    articles = read_jsonl("articles.jsonl")
    skipped = {MARKDOWN_ID, html_record_id(docs)}
    assert articles == [d for d in docs if d["id"] not in skipped]


def test_markdown_article_matches_its_record(docs):
    raw = (EXAMPLES / "articles" / "field-report.md").read_text(encoding="utf-8")
    m = re.match(r"\A---\n(.*?\n)---\n(.*)\Z", raw, re.DOTALL)
    assert m, "field-report.md must open with a YAML front-matter block"
    meta, body = yaml.safe_load(m.group(1)), m.group(2).strip()
    record = next(d for d in docs if d["id"] == MARKDOWN_ID)
    assert {"id", "title", "published", "outlet", "url"} <= set(meta)
    for key in ("id", "title", "outlet", "url"):
        assert meta[key] == record[key], key
    assert str(meta["published"]) == record["published"]
    assert body == record["text"]


def test_html_article_matches_its_record(docs):
    page = (EXAMPLES / "articles" / "wire-story.html").read_text(encoding="utf-8")
    record = next(d for d in docs if d["id"] == html_record_id(docs))
    for pattern in (
        r"<title>[^<]+</title>",
        r'<meta name="author" content="[^"]+"',
        r'<meta property="article:published_time" content="' + record["published"],
        r'<link rel="canonical" href="' + re.escape(record["url"]) + '"',
        r"<nav\b",
        r'class="share-bar"',
        r"<form\b[^>]*comment",
        r"<footer\b",
    ):
        assert re.search(pattern, page), f"wire-story.html lacks {pattern}"
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page))
    visible = re.sub(r"\s+", " ", visible)
    for line in record["text"].split("\n"):
        assert line in visible, f"not in the page: {line!r}"


def test_html_record_id_is_the_content_hash(docs):
    from sideswitch.models import Document

    record = next(d for d in docs if d["id"] == html_record_id(docs))
    assert Document(text=record["text"]).id == record["id"]
