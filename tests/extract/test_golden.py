"""Golden extraction cases: one small YAML file per linguistic phenomenon.

Each file in ``tests/data/golden/`` holds a short news text and the events the
extractor must return for it, listing only the fields that the case checks::

    phenomenon: offered-not-completed
    note: one line saying what the case checks
    document: {id: ..., published: 2021-05-03 | null, lang: en, text: "...", outlet: optional, url: optional}
    expect:
      count: 1                      # exact number of events
      events:
        - kind: defection           # defection | surrender | desertion
          stage: offered            # completed | offered
          name: null                # null: unnamed; a string: every token must be in the name (or an alias)
          people: [90, 92]          # exact [min, max]; null: no count
          people_overlaps: [90, 92] # the extracted range must overlap this one
          people_best: 91           # the best estimate (people.best)
          from: [taliban]           # any keyword, as a whole word of from_side name or party
          from_not: [government]    # none of these keywords matches from_side (null passes)
          to: [government]          # the same for to_side
          to_null: true             # to_side must be null
          country: Afghanistan
          country_not: [Turkey]     # the location's country is none of these (null passes)
          admin1: [kunduz]          # any spelling, fuzzy; null: no province
          place: [qalat]            # any spelling, fuzzy, against place or admin2
          role: [commander]         # any keyword, as a substring of the role
          date: {earliest: 2021-04-26, latest: 2021-05-03}   # overlap, 3 days slack; null: no date
          contested: true
          historical: false
          weapons: [{item: rifle, count: 11}]   # item is a substring of an extracted item; count equal
          claims: [{stance: denies}]            # a claim with this stance (and `by` substring, if given)

Side, place and date comparisons work like ``/work/shared/eval/score.py``.
Expected events are paired with extracted ones greedily, best score first, by
name, people, sides, kind and date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "data" / "golden"
CASE_FILES = sorted(GOLDEN_DIR.glob("*.yaml"))

REQUIRED_PHENOMENA = {
    "offered-not-completed",
    "switch-back-is-two-events",
    "denied-by-relative",
    "count-with-leader",
    "relative-dates",
    "downplayed-by-officials",
    "unverifiable-claim",
    "weapons-taken",
    "surrender-to-troops",
    "desertion-no-new-side",
    "implied-from-side",
    "generic-commentary-is-not-an-event",
    "running-total-is-not-an-event",
    "product-defect-negative",
    "sports-transfer-negative",
    "capture-is-not-defection",
    "civilian-refugee-negative",
    "list-of-surrenders",
    "spanish-desertion",
    "spanish-surrender",
    "crossing-a-border",
    "vague-counts",
    "two-outlets-disagree",
    "honorifics",
    "unknown-party-fallback",
}
EVENT_KEYS = {
    "kind",
    "stage",
    "name",
    "people",
    "people_overlaps",
    "people_best",
    "from",
    "from_not",
    "to",
    "to_null",
    "country",
    "country_not",
    "admin1",
    "place",
    "role",
    "date",
    "contested",
    "historical",
    "weapons",
    "claims",
}
KINDS = {"defection", "surrender", "desertion"}
STAGES = {"completed", "offered"}
STANCES = {"asserts", "denies", "doubts", "downplays"}
DATE_SLACK = dt.timedelta(days=3)


# ---------------------------------------------------------------- loading


def load_case(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def iso(value) -> str | None:
    """A YAML date (parsed or quoted) as ``YYYY-MM-DD``."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


# ---------------------------------------------------------------- validating the files


def case_problems(path: Path, case) -> list[str]:
    """Everything wrong with one golden file, as messages."""
    if not isinstance(case, dict):
        return ["the file is not a mapping"]
    out = []
    missing = {"phenomenon", "note", "document", "expect"} - set(case)
    if missing:
        out.append(f"missing top-level keys: {sorted(missing)}")
    extra = set(case) - {"phenomenon", "note", "document", "expect"}
    if extra:
        out.append(f"unknown top-level keys: {sorted(extra)}")
    if case.get("phenomenon") != path.stem:
        out.append(f"phenomenon {case.get('phenomenon')!r} differs from the file name {path.stem!r}")
    if not isinstance(case.get("note"), str) or not case.get("note", "").strip():
        out.append("note must be a non-empty string")
    doc = case.get("document")
    if not isinstance(doc, dict):
        out.append("document must be a mapping")
    else:
        unknown = set(doc) - {"id", "published", "lang", "text", "outlet", "url"}
        if unknown:
            out.append(f"document has unknown keys: {sorted(unknown)}")
        if not isinstance(doc.get("id"), str) or not doc.get("id"):
            out.append("document.id must be a non-empty string")
        if not isinstance(doc.get("text"), str) or not doc.get("text", "").strip():
            out.append("document.text must be non-empty")
        if "published" not in doc:
            out.append("document.published is required (a date or null)")
        else:
            try:
                iso(doc["published"])
            except ValueError:
                out.append(f"document.published is not a date: {doc['published']!r}")
        if "lang" in doc and not (isinstance(doc["lang"], str) and doc["lang"]):
            out.append("document.lang must be a language code")
    expect = case.get("expect")
    if not isinstance(expect, dict):
        out.append("expect must be a mapping")
        return out
    count, events = expect.get("count"), expect.get("events")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        out.append("expect.count must be a non-negative integer")
    if not isinstance(events, list):
        out.append("expect.events must be a list ([] when none)")
        return out
    if isinstance(count, int) and len(events) != count:
        out.append(f"expect.count is {count} but {len(events)} events are listed")
    for i, e in enumerate(events, 1):
        out += [f"event {i}: {p}" for p in event_problems(e)]
    return out


def event_problems(e) -> list[str]:
    if not isinstance(e, dict) or not e:
        return ["must be a non-empty mapping"]
    out = []
    unknown = set(e) - EVENT_KEYS
    if unknown:
        out.append(f"unknown keys {sorted(unknown)} (known: {sorted(EVENT_KEYS)})")
    if "kind" in e and e["kind"] not in KINDS:
        out.append(f"kind {e['kind']!r} is not one of {sorted(KINDS)}")
    if "stage" in e and e["stage"] not in STAGES:
        out.append(f"stage {e['stage']!r} is not one of {sorted(STAGES)}")
    if "name" in e and e["name"] is not None and not (isinstance(e["name"], str) and norm(e["name"])):
        out.append("name must be null or a non-empty string")
    for key in ("people", "people_overlaps"):
        if key in e and not (key == "people" and e[key] is None):
            v = e[key]
            if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v) and 0 <= v[0] <= v[1]):
                out.append(f"{key} must be [min, max] with 0 <= min <= max")
    if "people_best" in e and not (isinstance(e["people_best"], int) and e["people_best"] >= 0):
        out.append("people_best must be a non-negative integer")
    for key in ("from", "from_not", "to", "admin1", "place", "role"):
        if key in e and not (key == "admin1" and e[key] is None):
            words = as_list(e[key])
            if not words or not all(isinstance(w, str) and w.strip() for w in words):
                out.append(f"{key} must be a non-empty list of strings")
            elif key in ("from", "from_not", "to") and any(w != w.lower() for w in words):
                out.append(f"{key} keywords must be lower case")
    if "to_null" in e and ("to" in e or e["to_null"] is not True):
        out.append("to_null must be true and cannot be combined with to")
    for key in ("contested", "historical"):
        if key in e and not isinstance(e[key], bool):
            out.append(f"{key} must be true or false")
    if "country" in e and not (isinstance(e["country"], str) and e["country"]):
        out.append("country must be a string")
    if "date" in e and e["date"] is not None:
        d = e["date"]
        try:
            lo, hi = iso(d["earliest"]), iso(d["latest"])
            if lo > hi:
                out.append("date.earliest is after date.latest")
        except (TypeError, KeyError, ValueError):
            out.append("date must be null or {earliest: YYYY-MM-DD, latest: YYYY-MM-DD}")
    for w in as_list(e.get("weapons")):
        if not (
            isinstance(w, dict)
            and isinstance(w.get("item"), str)
            and set(w) <= {"item", "count"}
            and (w.get("count") is None or isinstance(w.get("count"), int))
        ):
            out.append(f"bad weapon {w!r} (expected {{item: str, count: int}})")
    for c in as_list(e.get("claims")):
        if not (isinstance(c, dict) and c.get("stance") in STANCES and set(c) <= {"stance", "by"}):
            out.append(f"bad claim {c!r} (expected {{stance: one of {sorted(STANCES)}, by: optional}})")
    return out


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden_file_is_valid(path):
    problems = case_problems(path, load_case(path))
    assert not problems, f"{path.name}:\n  - " + "\n  - ".join(problems)


def test_golden_set_is_complete_and_unique():
    assert CASE_FILES, f"no golden cases in {GOLDEN_DIR}"
    cases = [load_case(p) for p in CASE_FILES]
    phenomena = [c.get("phenomenon") for c in cases]
    ids = [(c.get("document") or {}).get("id") for c in cases]
    texts = [(c.get("document") or {}).get("text") for c in cases]
    assert len(set(phenomena)) == len(phenomena), f"duplicate phenomena: {phenomena}"
    assert len(set(ids)) == len(ids), f"duplicate document ids: {ids}"
    assert len(set(texts)) == len(texts), "two golden cases share the same text"
    missing = REQUIRED_PHENOMENA - set(phenomena)
    assert not missing, f"phenomena without a golden case: {sorted(missing)}"


# ---------------------------------------------------------------- comparing (as score.py does)


def norm(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def squash(s) -> str:
    return norm(s).replace(" ", "")


def side_matches(keywords, side) -> bool:
    if not side:
        return False
    text = " | ".join(norm(side.get(k)) for k in ("name", "party"))
    if not text.strip(" |"):
        return False
    return any(re.search(r"\b" + re.escape(norm(k)) + r"\b", text) for k in keywords if norm(k))


def fuzzy_in(spellings, value) -> bool:
    v = squash(value)
    if not v:
        return False
    return any(
        s and (s == v or difflib.SequenceMatcher(None, s, v).ratio() >= 0.8) for s in map(squash, as_list(spellings))
    )


def names_of(x) -> list[str]:
    d = x.get("defector") or {}
    return [n for n in [d.get("name"), *(d.get("aliases") or [])] if n]


def name_matches(expected: str, x) -> bool:
    want = set(norm(expected).split())
    return any(want <= set(norm(n).split()) for n in names_of(x))


def people_of(x):
    p = x.get("people")
    return None if not p else (p.get("min"), p.get("max"))


def date_overlaps(expected, got) -> bool:
    if not got:
        return False
    try:
        g0, g1 = dt.date.fromisoformat(iso(expected["earliest"])), dt.date.fromisoformat(iso(expected["latest"]))
        p0 = dt.date.fromisoformat(str(got["earliest"])[:10])
        p1 = dt.date.fromisoformat(str(got["latest"])[:10])
    except (KeyError, TypeError, ValueError):
        return False
    return g0 - DATE_SLACK <= p1 and p0 - DATE_SLACK <= g1


def check_field(key, want, x) -> str | None:
    """None when the extracted event ``x`` satisfies ``key: want``, else what differs."""
    loc = x.get("location") or {}
    if key == "country_not":
        got = loc.get("country")
        return f"country: expected none of {want!r}, got {got!r}" if got in as_list(want) else None
    if key in ("kind", "stage", "contested", "historical"):
        got = x.get(key)
        return None if got == want else f"{key}: expected {want!r}, got {got!r}"
    if key == "name":
        got = names_of(x)
        if want is None:
            return None if not (x.get("defector") or {}).get("name") else f"name: expected none, got {got}"
        return None if name_matches(want, x) else f"name: expected {want!r}, got {got}"
    if key == "people":
        got = people_of(x)
        if want is None:
            return None if got is None else f"people: expected null, got {list(got)}"
        return None if got == tuple(want) else f"people: expected {want}, got {None if got is None else list(got)}"
    if key == "people_overlaps":
        got = people_of(x)
        ok = got is not None and None not in got and got[0] <= want[1] and want[0] <= got[1]
        return None if ok else f"people: expected a range overlapping {want}, got {None if got is None else list(got)}"
    if key == "people_best":
        got = (x.get("people") or {}).get("best")
        return None if got == want else f"people.best: expected {want}, got {got}"
    if key in ("from", "to"):
        side = x.get("from_side" if key == "from" else "to_side")
        return None if side_matches(as_list(want), side) else f"{key}: expected one of {as_list(want)}, got {side}"
    if key == "from_not":
        side = x.get("from_side")
        return f"from: expected none of {as_list(want)}, got {side}" if side_matches(as_list(want), side) else None
    if key == "to_null":
        return None if x.get("to_side") is None else f"to_side: expected null, got {x.get('to_side')}"
    if key == "country":
        got = loc.get("country")
        return None if norm(got) in {norm(c) for c in as_list(want)} else f"country: expected {want!r}, got {got!r}"
    if key == "admin1":
        got = loc.get("admin1")
        if want is None:  # no province: the text names none for the act
            return None if got is None else f"admin1: expected none, got {got!r}"
        return None if fuzzy_in(want, got) else f"admin1: expected one of {as_list(want)}, got {got!r}"
    if key == "place":
        got = [loc.get("place"), loc.get("admin2")]
        return None if any(fuzzy_in(want, g) for g in got) else f"place: expected one of {as_list(want)}, got {got}"
    if key == "role":
        got = norm((x.get("defector") or {}).get("role"))
        return (
            None
            if any(norm(w) in got for w in as_list(want))
            else f"role: expected one of {as_list(want)}, got {got!r}"
        )
    if key == "date":
        got = x.get("date")
        if want is None:
            return None if got is None else f"date: expected null, got {got}"
        return (
            None
            if date_overlaps(want, got)
            else f"date: expected {iso(want['earliest'])}..{iso(want['latest'])}, got {got}"
        )
    if key == "weapons":
        got = x.get("weapons") or []
        for w in want:
            if not any(
                norm(w["item"]) in norm(g.get("item")) and ("count" not in w or g.get("count") == w["count"])
                for g in got
            ):
                return f"weapons: expected {w}, got {got}"
        return None
    if key == "claims":
        got = x.get("claims") or []
        for c in want:
            if not any(g.get("stance") == c["stance"] and norm(c.get("by")) in norm(g.get("by")) for g in got):
                return f"claims: expected {c}, got {[(g.get('by'), g.get('stance')) for g in got]}"
        return None
    raise AssertionError(f"unknown field {key!r}")


def pair_score(e: dict, x: dict) -> int:
    """How well extracted event ``x`` fits expected event ``e``; higher is better."""
    score = 0
    if e.get("name"):
        score += 4 * name_matches(e["name"], x)
    elif "name" in e:
        score += not (x.get("defector") or {}).get("name")
    for key in ("people", "people_overlaps"):
        if e.get(key) is not None:
            score += 3 * (check_field(key, e[key], x) is None)
    for key, weight in (
        ("to", 2),
        ("from", 2),
        ("to_null", 1),
        ("kind", 1),
        ("date", 1),
        ("stage", 1),
        ("historical", 1),
    ):
        if key in e:
            score += weight * (check_field(key, e[key], x) is None)
    return score


def pair(expected: list[dict], got: list[dict]) -> list[tuple[int, int]]:
    """Greedy best-first pairs (expected index, extracted index)."""
    scored = sorted(
        ((pair_score(e, x), -i, -j) for i, e in enumerate(expected) for j, x in enumerate(got)), reverse=True
    )
    used_e, used_x, out = set(), set(), []
    for _, i, j in scored:
        i, j = -i, -j
        if i not in used_e and j not in used_x:
            used_e.add(i)
            used_x.add(j)
            out.append((i, j))
    return sorted(out)


def brief(x: dict) -> str:
    """One line per extracted event, for failure messages."""
    d, loc = x.get("defector") or {}, x.get("location") or {}
    side = lambda s: "-" if not s else f"{s.get('name')!r}[{s.get('party')}]"
    p, date = people_of(x), x.get("date")
    return (
        f"{x.get('kind')}/{x.get('stage')} name={d.get('name')!r} people={None if p is None else list(p)} "
        f"from={side(x.get('from_side'))} to={side(x.get('to_side'))} "
        f"loc={loc.get('place')}/{loc.get('admin1')}/{loc.get('country')} "
        f"date={None if not date else str(date.get('earliest')) + '..' + str(date.get('latest'))} "
        f"contested={x.get('contested')} historical={x.get('historical')} "
        f"weapons={[(w.get('item'), w.get('count')) for w in x.get('weapons') or []]} "
        f"claims={[c.get('stance') for c in x.get('claims') or []]}"
    )


def compact(e: dict) -> str:
    return json.dumps(e, default=str, ensure_ascii=False)


# ---------------------------------------------------------------- running the extractor


def extractor():
    """``sideswitch.extract.extract_document`` (an import failure fails the tests)."""
    from sideswitch.extract import extract_document

    return extract_document


def document_for(case: dict):
    from sideswitch.models import Document

    d = case["document"]
    return Document(
        id=d["id"],
        text=d["text"],
        published=iso(d.get("published")),
        lang=d.get("lang"),
        outlet=d.get("outlet"),
        url=d.get("url"),
    )


def golden_failures(case: dict, got: list[dict]) -> list[str]:
    """What differs between the events ``got`` extracted from ``case``'s document and what the
    case expects (the number of events, then each paired event's fields); [] when it passes."""
    expected = case["expect"]["events"]
    listing = "\n".join(f"    #{j} {brief(x)}" for j, x in enumerate(got)) or "    (none)"
    if len(got) != case["expect"]["count"]:
        return [f"  expected {case['expect']['count']} events, extracted {len(got)}:\n{listing}"]
    failures = []
    for i, j in pair(expected, got):
        problems = [p for k, v in expected[i].items() if (p := check_field(k, v, got[j]))]
        if problems:
            failures.append(
                f"  expected #{i} {compact(expected[i])}\n    paired with extracted #{j}: " + "; ".join(problems)
            )
    return failures + [f"  extracted events:\n{listing}"] if failures else []


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden_extraction(path):
    extract_document = extractor()
    case = load_case(path)
    failures = golden_failures(case, list(extract_document(document_for(case))))
    assert not failures, f"golden case {case['phenomenon']!r} ({path.name}): {case['note']}\n" + "\n".join(failures)
