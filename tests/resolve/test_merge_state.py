"""The merge state in the store finds what a comparison of everything would (migration 004).

Blocking keys must never hide a pair the merge rules link: the links kept in the store
equal the kept links (``merge.kept_links``: an undated background report keeps only its best)
of every pair of mentions compared with ``merge.linked``, over invented
mentions with and without country, sides, dates (a day, a season, "some time before"
publication, none at all) and stages. The near-duplicate index kept in the store answers
as the in-memory one fed the same texts in the same order.
"""

from __future__ import annotations

import random

import pytest

from sideswitch.models import Document
from sideswitch.pipeline import ingest_documents
from sideswitch.resolve.dedup import NearDuplicateIndex, StoredNearDuplicates
from sideswitch.resolve.incremental import BACKGROUND
from sideswitch.resolve.merge import kept_links, linked, similarity, undated_background
from sideswitch.store import open_store

PLACES = [("Afghanistan", "Kunduz"), ("Afghanistan", "Baghlan"), ("Syria", "Idlib"), ("Chad", None), (None, None)]
SIDES = [
    {"name": "Taliban", "party": "Taliban"},
    {"name": "Afghan police", "party": "Afghan government"},
    {"name": "Free Syrian Army", "party": "Free Syrian Army"},
    {"name": "Jordan", "party": "Jordan"},
    {"name": "militants", "party": None},
    None,
]


def mention(doc: str, rng: random.Random) -> dict:
    country, admin1 = rng.choice(PLACES)
    published = f"2019-0{rng.randint(1, 4)}-{rng.randint(10, 28)}"
    day = f"2019-0{rng.randint(1, 4)}-{rng.randint(10, 28)}"
    date = rng.choice(
        [
            {"earliest": day, "latest": day, "text": None},
            {"earliest": "2019-01-01", "latest": "2019-06-30", "text": None},
            None,
        ]
    )
    if date and date["earliest"] > published:
        date = None
    return {
        "id": f"{doc}#1",
        "kind": rng.choice(["defection", "desertion", "surrender"]),
        "stage": rng.choice(["completed", "completed", "offered"]),
        "defector": {
            "name": rng.choice(["Tavro Kelinzul", "Tavru Kelinzul", "Mesut Arbani", None, None]),
            "aliases": [],
        },
        "people": dict(zip(("min", "max"), rng.choice([(1, 1), (4, 4), (7, 7), (8, 8), (13, 13), (5, 8)]))),
        "from_side": rng.choice(SIDES),
        "to_side": rng.choice(SIDES),
        "location": {"place": None, "admin2": None, "admin1": admin1, "country": country, "precision": "admin1"},
        "date": date,
        "weapons": [],
        "claims": [],
        "contested": False,
        "historical": rng.random() < 0.2,
        "confidence": 0.7,
        "sources": [
            {
                "doc": doc,
                "url": None,
                "outlet": "o",
                "published": None if rng.random() < 0.05 else published,
                "evidence": "x",
                "span": [0, 1],
            }
        ],
    }


@pytest.mark.parametrize(
    "seed, keyed_before_007, background_before", [(4, False, False), (5, False, False), (4, True, True)]
)
def test_stored_links_are_those_of_every_pair(tmp_path, seed, keyed_before_007, background_before):
    """Also when the first half was keyed before migration 007 (no names with its keys: those
    reports are read and compared as before), and with its undated background reports keyed
    where they were before their own level (``incremental.BACKGROUND``): with the dated windows,
    level 15, the bucket of their publication."""
    rng = random.Random(seed)
    items = []
    for i in range(120):
        doc = f"d{i}"
        items.append((Document(text=f"Report {doc} number {i}", id=doc), [mention(doc, rng)]))
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(store, items[:60])
        if keyed_before_007:
            with store.transaction():
                store._execute("UPDATE merge_keys SET names = NULL")
        if background_before:
            with store.transaction():
                moved = store._execute("UPDATE merge_keys SET level = 15, bucket = 1 WHERE level = ?", (BACKGROUND,))
                assert moved.rowcount > 0
                store._execute(
                    "INSERT OR IGNORE INTO merge_levels(stage, level) SELECT DISTINCT stage, 15 FROM merge_keys"
                )
        ingest_documents(store, items[60:])
        ms = store.get_mentions()
        stored = store.merge_links([m["id"] for m in ms])
    scores = {(a["id"], b["id"]): similarity(a, b) for a in ms for b in ms if a["id"] < b["id"] and linked(a, b)}
    undated = {m["id"] for m in ms if undated_background(m)}
    expected: dict[str, dict[str, float]] = {}
    for (a, b), score in kept_links(scores, undated).items():
        expected.setdefault(a, {})[b] = score
        expected.setdefault(b, {})[a] = score
    assert stored == expected
    assert sum(map(len, expected.values())) >= 20  # enough links for the comparison to mean something
    # undated background reports that the rules link to several reports keep one link (their best)
    several = [u for u in undated if sum(u in pair for pair in scores) > 1]
    assert several and all(len(stored.get(u, {})) <= 1 for u in several)


def test_a_search_bound_by_its_province_finds_what_an_unbound_one_finds(tmp_path):
    """Undated background reports are bucketed by province in their own level; a search that the
    province rule binds reads only its province's bucket and bucket 0 there, and finds exactly the
    reports a search of every bucket finds (those of other provinces clash)."""
    from sideswitch.resolve.incremental import blocking_query
    from sideswitch.resolve.merge import Report

    rng = random.Random(8)
    items = [(Document(text=f"Report d{i} number {i}", id=f"d{i}"), [mention(f"d{i}", rng)]) for i in range(200)]
    with open_store(tmp_path / "s.db") as store:
        ingest_documents(store, items)
        buckets = {int(r[0]) for r in store._q("SELECT bucket FROM merge_keys WHERE level = ?", (BACKGROUND,))}
        assert 0 in buckets and len(buckets) >= 3  # no province, and two or more provinces
        bound = found = 0
        for _, (m,) in items:
            query = blocking_query(Report.of(m))
            if query["province"] is None:
                continue
            bound += 1
            got = store.merge_candidates(**query)
            assert got == store.merge_candidates(**{**query, "province": None})
            found += sum(
                o in got
                for o in {r[0] for r in store._q("SELECT mention_id FROM merge_keys WHERE level = ?", (BACKGROUND,))}
            )
        assert bound >= 30 and found >= 10, (bound, found)


@pytest.mark.parametrize("recent", [None, 40])
def test_stored_near_duplicates_answer_as_the_in_memory_index(tmp_path, monkeypatch, recent):
    """Also when the recent bands move to the large table every few documents (``recent``)."""
    from sideswitch.store import mergestate

    if recent:
        monkeypatch.setattr(mergestate, "RECENT_BANDS", recent)
    rng = random.Random(9)
    words = "the commander and forty men laid down their arms on sunday in the valley officials said".split()
    texts = {}
    for i in range(40):
        base = texts.get(f"d{rng.randrange(i)}") if i and rng.random() < 0.5 else None
        texts[f"d{i}"] = (
            "WIRE - " + base + " All rights reserved."
            if base
            else " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        )
    memory = NearDuplicateIndex()
    with open_store(tmp_path / "s.db") as store:
        stored = StoredNearDuplicates(store)
        answers = [(memory.add(d, t), stored.add(d, t)) for d, t in texts.items()]
        assert [a for a, _ in answers] == [b for _, b in answers]
        assert any(a for a, _ in answers)
        assert {d: stored.group_of(d) for d in texts} == {d: memory.group_of(d) for d in texts}
        ids = sorted(texts)[::3]
        assert [stored.grouping(ids)(d) for d in ids] == [memory.grouping(ids)(d) for d in ids]
        moved = store._q("SELECT COUNT(*) FROM minhash_bands")[0][0]
        assert (moved > 0) == bool(recent) and store._q("SELECT COUNT(*) FROM minhash_recent")[0][0] < (recent or 10**9)


def test_compatibility_cache_answers_as_clash_when_it_overflows(tmp_path):
    """The index compares each pair once per batch and forgets when its cache overflows
    (40 x cache_size pairs): the answers stay those of ``merge.clash``."""
    from sideswitch.resolve.incremental import MergeIndex
    from sideswitch.resolve.merge import clash

    rng = random.Random(3)
    ms = {m["id"]: m for m in (mention(f"d{i}", rng) for i in range(14))}
    ids = sorted(ms)
    with open_store(tmp_path / "s.db") as store:
        index = MergeIndex(store, cache_size=1)  # overflows after 40 pairs
        for _ in range(2):
            for a in ids:
                expected = {b for b in ids if b != a and clash(ms[a], ms[b]) is None}
                assert {b for b in ids if b != a and index._fits(a, b, ms)} == expected


def test_reprint_cache_answers_as_reprinted_when_it_overflows(tmp_path):
    from sideswitch.resolve.copies import document_sketch
    from sideswitch.resolve.incremental import MergeIndex
    from sideswitch.resolve.merge import Report, reprinted

    story = "Forty fighters of the Heron Brigade laid down their arms in Oro on Sunday, the governor said."
    rng = random.Random(8)
    reports = []
    for i in range(14):
        m = mention(f"d{i}", rng)
        text = story if i % 3 else f"Unrelated report number {i} about the harvest and the river road."
        text = ("WIRE - " if i % 2 else "") + text
        m["sources"][0]["evidence"] = text
        m["doc_sketch"] = document_sketch(text)
        reports.append(Report.of(m))
    with open_store(tmp_path / "s.db") as store:
        index = MergeIndex(store, cache_size=1)  # overflows after 40 pairs
        answers = [[index._reprinted(a, b) for b in reports] for _ in range(2) for a in reports]
    expected = [[reprinted(a, b) for b in reports] for a in reports]
    assert answers == expected + expected
    assert any(map(any, expected))  # some are reprints


def _eager_group_links(mentions, scores, compatible):
    """``merge.group_links`` as it was before it asked for pairs only when a merge needs them:
    every report's compatible set built first, a unit's set the union of its reports', a group's
    the intersection of its units'."""
    from sideswitch.resolve.merge import Report, order_key, reprinted

    ms = sorted(mentions, key=order_key)
    at = {m["id"]: i for i, m in enumerate(ms)}
    edges = sorted((-s, min(at[a], at[b]), max(at[a], at[b])) for (a, b), s in scores.items() if a in at and b in at)
    allowed = [{at[o] for o in compatible.get(m["id"], ()) if o in at} | {i} for i, m in enumerate(ms)]
    group, members = list(range(len(ms))), {i: [i] for i in range(len(ms))}
    docs = [frozenset(s["doc"] for s in m["sources"]) for m in ms]
    reports = {i: Report.of(m) for i, m in enumerate(ms) if m.get("doc_sketch")}
    pairs = []
    for i in sorted(reports):
        for j in sorted(reports):
            a, b = reports[i], reports[j]
            if j > i and a.stage == b.stage and reprinted(a, b):
                pairs.append((-len(a.evidence & b.evidence) / len(a.evidence | b.evidence), i, j))
    for _, i, j in sorted(pairs):
        gi, gj = group[i], group[j]
        if gi == gj or any(docs[k] & docs[h] for k in members[gi] for h in members[gj]):
            continue
        gdocs = frozenset().union(*(docs[k] for k in members[gi] + members[gj]))
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
        allowed[keep] = {k for k in allowed[keep] | allowed[gone] if group[k] == keep or not docs[k] & gdocs}
    for _, i, j in edges:
        gi, gj = group[i], group[j]
        if gi == gj or not (allowed[gi].issuperset(members[gj]) or allowed[gj].issuperset(members[gi])):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
        allowed[keep] &= allowed[gone]
    return [[ms[i]["id"] for i in sorted(idx)] for _, idx in sorted(members.items())]


@pytest.mark.parametrize("seed", range(12))
def test_group_links_asking_pairs_lazily_groups_as_the_eager_sets(seed):
    """Pairs asked only when a merge needs them (a function) give the groups the eager
    compatible sets gave, with reprinted stories (units of copies, documents of two acts)."""
    from sideswitch.resolve.copies import document_sketch
    from sideswitch.resolve.merge import MERGE_THRESHOLD, clash, group_links, similarity

    rng = random.Random(seed)
    stories = [
        "Forty fighters of the Heron Brigade laid down their arms in Oro on Sunday, the governor said.",
        "Twelve soldiers crossed to the rebels near the river crossing at dawn, a commander told reporters.",
    ]
    ms = []
    for i in range(rng.randint(10, 40)):
        m = mention(f"d{i // 2 if rng.random() < 0.3 else i}", rng)  # some documents report two acts
        m["id"] = f"{m['sources'][0]['doc']}#{i}"
        if rng.random() < 0.5:
            text = ("WIRE - " if rng.random() < 0.5 else "") + rng.choice(stories)
            m["sources"][0]["evidence"] = text
            m["doc_sketch"] = document_sketch(text + f" Filed {rng.randrange(3)}.")
        ms.append(m)
    compatible = {m["id"]: set() for m in ms}
    scores = {}
    for x, a in enumerate(ms):
        for b in ms[x + 1 :]:
            if clash(a, b) is None:
                compatible[a["id"]].add(b["id"])
                compatible[b["id"]].add(a["id"])
                if (score := similarity(a, b)) >= MERGE_THRESHOLD - rng.choice([0, 1.5]):
                    scores[(a["id"], b["id"])] = score
    expected = _eager_group_links(ms, scores, compatible)
    as_sets = [[m["id"] for m in g] for g in group_links(ms, scores, compatible)]
    asked = [[m["id"] for m in g] for g in group_links(ms, scores, lambda a, b: b in compatible[a])]
    assert as_sets == expected and asked == expected


@pytest.mark.parametrize("seed", [4, 5])
def test_undated_background_reports_end_alike_in_any_order(tmp_path, seed):
    """An undated background report keeps only its best link, and a later report it links to
    better takes that place (its old event is regrouped): batch, one document at a time, and
    shuffled give the same events, ids and links, those of ``merge.cluster`` over everything."""
    from sideswitch.resolve.merge import assign_ids, cluster

    rng = random.Random(seed)
    items = [(Document(text=f"Report d{i} number {i}", id=f"d{i}"), [mention(f"d{i}", rng)]) for i in range(120)]
    runs = {}
    for name, order, one in (("batch", items, False), ("shuffled", rng.sample(items, len(items)), True)):
        with open_store(tmp_path / f"{name}.db") as store:
            if one:
                for item in order:
                    ingest_documents(store, [item])
            else:
                ingest_documents(store, order)
            ms = store.get_mentions()
            runs[name] = ({m["id"]: m["event_id"] for m in ms}, store.merge_links([m["id"] for m in ms]))
    assert runs["batch"] == runs["shuffled"]
    plain = [m for _, (m,) in items]
    groups = cluster(plain)
    expected = {m["id"]: eid for eid, g in zip(assign_ids(groups), groups, strict=True) for m in g}
    assert runs["batch"][0] == expected
    undated = [m["id"] for m in plain if undated_background(m)]
    assert sum(1 for u in undated if runs["batch"][1].get(u)) >= 3  # some joined an act


def test_a_store_whose_merge_state_was_dropped_is_keyed_again(tmp_path):
    """Migration 006 drops the keys and links made under the old rule: the next run keys and
    links every stored mention again, and the store ends as one that never lost them."""
    rng = random.Random(6)
    items = [(Document(text=f"Report d{i} number {i}", id=f"d{i}"), [mention(f"d{i}", rng)]) for i in range(80)]
    runs = []
    for name, drop in (("kept", False), ("dropped", True)):
        with open_store(tmp_path / f"{name}.db") as store:
            ingest_documents(store, items[:50])
            if drop:
                with store.transaction():
                    for table in ("merge_keys", "merge_levels", "merge_links", "merge_best"):
                        store._execute(f"DELETE FROM {table}")
                    store._execute("DELETE FROM meta WHERE key = 'merge_state'")
            ingest_documents(store, items[50:])
            ms = store.get_mentions()
            runs.append(({m["id"]: m["event_id"] for m in ms}, store.merge_links([m["id"] for m in ms])))
    assert runs[0] == runs[1]
    assert sum(map(len, runs[0][1].values())) >= 20


def test_a_report_naming_another_person_is_dropped_before_it_is_read(tmp_path, monkeypatch):
    """The names kept with the keys (migration 007) rule out a stored report naming a different
    person (``merge.different_persons``) without reading it; one that may be the same person, or
    names nobody, is read and compared."""
    from sideswitch.resolve.merge import different_persons

    base = mention("d0", random.Random(3))
    base["date"] = {"earliest": "2019-02-11", "latest": "2019-02-11", "text": None}

    def item(doc: str, name: str | None) -> tuple[Document, list[dict]]:
        m = {**base, "id": f"{doc}#1", "defector": {"name": name, "aliases": []}}
        m["sources"] = [{**base["sources"][0], "doc": doc}]
        return Document(text=f"Report {doc}", id=doc), [m]

    assert different_persons(["Tavro Kelinzul"], ["Mesut Arbani"])
    assert not different_persons(["Tavro Kelinzul"], ["Tavru Kelinzul"])
    for stored, new, expected in (
        ({"d1": "Tavro Kelinzul", "d2": "Tavru Kelinzul", "d3": "Mesut Arbani"}, "Mesut Arbani", {"d3#1"}),
        ({"d1": "Tavro Kelinzul", "d2": None}, "Tavru Kelinzul", {"d1#1", "d2#1"}),
    ):
        with open_store(tmp_path / f"{len(stored)}.db") as store:
            ingest_documents(store, [item(d, n) for d, n in stored.items()])
            read: list[set[str]] = []
            real = type(store).mentions_by_id

            def reading(self, ids, read=read, real=real):
                read.append(set(ids))
                return real(self, ids)

            monkeypatch.setattr(type(store), "mentions_by_id", reading)
            ingest_documents(store, [item("d9", new)])
            monkeypatch.undo()
            assert set().union(*read) == expected  # the others name someone else: never read
            assert set(store.merge_links(["d9#1"])["d9#1"]) == expected


def test_reprints_are_linked_whatever_their_keys_in_any_order(tmp_path):
    """A story reprinted is one act for ``merge.clash`` whatever the date, sides, place or names
    read from each copy; the keys cannot find such a copy, the near-duplicate index's bands do
    (``MergeIndex.index``'s ``copies``): the stored links are those of every pair, in any order."""
    from sideswitch.resolve.merge import reprinted

    rng = random.Random(12)
    words = "convoy ridge commander garrison valley officials rebels crossed surrendered rifles village".split()
    items = []
    for story in range(6):
        text = " ".join(rng.choice(words) + str(rng.randrange(50)) for _ in range(90))
        evidence = f"Story {story}: the garrison commander and his men crossed over with their rifles near the ridge"
        for copy in range(3):
            doc = f"s{story}c{copy}"
            m = mention(doc, rng)
            m["stage"], m["historical"] = "completed", False
            day = f"20{10 + 3 * copy}-0{1 + story % 9}-1{copy}"  # three years apart: far beyond the date slack
            m["date"] = {"earliest": day, "latest": day, "text": None}
            m["sources"][0].update(evidence=evidence, published=day)
            body = text if copy == 0 else f"WIRE {copy} - {text} All rights reserved."
            items.append((Document(text=body, id=doc), [m]))
    items += [(Document(text=f"Report d{i} number {i}", id=f"d{i}"), [mention(f"d{i}", rng)]) for i in range(30)]
    runs = {}
    for name, order in (("as given", items), ("reversed", items[::-1]), ("shuffled", rng.sample(items, len(items)))):
        with open_store(tmp_path / f"{name}.db") as store:
            for k in range(0, len(order), 7):
                ingest_documents(store, order[k : k + 7])
            ms = store.get_mentions()
            runs[name] = store.merge_links([m["id"] for m in ms])
    scores = {(a["id"], b["id"]): similarity(a, b) for a in ms for b in ms if a["id"] < b["id"] and linked(a, b)}
    expected: dict[str, dict[str, float]] = {}
    for (a, b), score in kept_links(scores, {m["id"] for m in ms if undated_background(m)}).items():
        expected.setdefault(a, {})[b] = score
        expected.setdefault(b, {})[a] = score
    assert runs["as given"] == runs["reversed"] == runs["shuffled"] == expected
    copies = {(a["id"], b["id"]) for a in ms for b in ms if a["id"] < b["id"] and reprinted(a, b)}
    assert len(copies) == 18 and all(b in expected.get(a, {}) for a, b in copies)  # every copy linked
