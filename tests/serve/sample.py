"""A small database for the web tests, written for them (no real articles).

``build(path)`` stores invented documents, contract events whose evidence
spans point into those documents, and two resolved people. A stored
document contains a ``<script>`` tag, to check that pages escape it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sideswitch.models import Document
from sideswitch.store import open_store

GOV_AF, TALIBAN, GOV_SY, FSA = "Government of Afghanistan", "Taliban", "Government of Syria", "Free Syrian Army"
SCRIPT = "<script>window.__pwned = 1</script>"

DOCS = {
    "doc-herat": dict(
        title="Police commander in Herat joins insurgents",
        outlet="Example Wire",
        published="2013-09-18",
        url="https://news.example.org/herat-commander",
        text=(
            "HERAT - Officials in western Afghanistan said on Wednesday that a police commander had changed sides.\n\n"
            "Police commander Abdul Karim Wardak joined the Taliban in Shindand district on Tuesday with "
            "12 of his men, taking four Humvees with them. "
            "A Taliban spokesman said the group had been welcomed. "
            "The interior ministry denied that any commander had left, calling the report propaganda.\n\n"
            "Shindand has seen heavy fighting this year."
        ),
    ),
    "doc-kunduz": dict(
        title="Fighters lay down arms in Kunduz",
        outlet="Example Daily",
        published="2013-10-06",
        text=(
            "KUNDUZ - Between 25 and 30 Taliban fighters surrendered to the Afghan government in Kunduz "
            "province on Saturday, the governor's office said. They handed over rifles and a mortar."
        ),
    ),
    "doc-kunduz-2": dict(
        title="Kunduz ceremony welcomes former fighters",
        outlet="Example Post",
        published="2013-10-07",
        text=(
            "A ceremony was held for some 30 Taliban fighters who surrendered to the government in Kunduz "
            "on Saturday. Elders attended."
        ),
    ),
    "doc-return": dict(
        title="Commander returns to government side",
        outlet="Example Wire",
        published="2014-03-03",
        text=(
            "A statement that appeared on a website read " + SCRIPT + " before it was taken down. "
            "Abdul Karim Wardak, who joined the Taliban last year, returned to the government side in "
            "Herat city on Sunday, police said. He brought three fighters with him."
        ),
    ),
    "doc-offer": dict(
        title="Armed group offers to disarm",
        outlet="Example Daily",
        published="2014-01-15",
        text=(
            "JALALABAD - A Hezb-e-Islami faction of 50 to 60 fighters in Nangarhar offered to lay down its "
            "arms if the government met its demands, a mediator said. No agreement has been reached."
        ),
    ),
    "doc-desert": dict(
        title="Soldiers desert in Helmand",
        outlet="Example Post",
        published="2013-12-02",
        text=(
            "Eight Afghan National Army soldiers deserted their post in Helmand in November, an army officer "
            "said. Their whereabouts are unknown."
        ),
    ),
    "doc-idlib": dict(
        title="Syrian colonel defects",
        outlet="Example Wire",
        published="2013-08-21",
        text=(
            "IDLIB - Colonel Fadi Haddad of the Syrian army defected to the Free Syrian Army near Idlib on "
            "Tuesday, appearing in a video with 6 soldiers. State media said no officer had defected."
        ),
    ),
    "doc-homs": dict(
        title="Rebels surrender in Homs",
        outlet="Example Daily",
        published="2014-02-12",
        text=(
            "HOMS - Around 40 to 45 rebel fighters surrendered to Syrian government forces in Homs on "
            "Tuesday under a local agreement, a monitoring group said."
        ),
    ),
}

PROVINCES = [
    ("Kandahar", 31.61, 65.71),
    ("Helmand", 31.58, 64.37),
    ("Ghazni", 33.55, 68.42),
    ("Baghlan", 36.13, 68.71),
    ("Faryab", 35.92, 64.78),
    ("Kunar", 34.85, 71.10),
]


def _side(name, party):
    return {"name": name, "party": party}


def _event(
    eid,
    doc_id,
    evidence,
    *,
    kind="defection",
    stage="completed",
    name=None,
    role=None,
    actor_id=None,
    people=None,
    frm=None,
    to=None,
    place=None,
    admin1=None,
    country="Afghanistan",
    lat=None,
    lon=None,
    day=None,
    window=None,
    claims=(),
    contested=False,
    historical=False,
    confidence=0.8,
    weapons=(),
    docs=None,
):
    """A contract event; ``evidence`` must occur in the text of ``doc_id`` (and of ``docs``)."""
    sources = []
    for d in [(doc_id, evidence)] + list(docs or []):
        text = DOCS[d[0]]["text"]
        start = text.index(d[1])
        sources.append(
            {
                "doc": d[0],
                "url": DOCS[d[0]].get("url"),
                "outlet": DOCS[d[0]]["outlet"],
                "published": DOCS[d[0]]["published"],
                "evidence": d[1],
                "span": [start, start + len(d[1])],
            }
        )
    date_ = {"earliest": day, "latest": day, "text": None} if day else window
    return {
        "id": eid,
        "kind": kind,
        "stage": stage,
        "defector": {"name": name, "aliases": [], "role": role, "actor_id": actor_id},
        "people": None if people is None else {"min": people[0], "max": people[1]},
        "from_side": frm,
        "to_side": to,
        "location": {
            "place": place,
            "admin2": None,
            "admin1": admin1,
            "country": country,
            "lat": lat,
            "lon": lon,
            "precision": "place" if place else "admin1" if admin1 else "country",
        },
        "date": date_,
        "weapons": [{"item": w, "count": c} for w, c in weapons],
        "claims": list(claims),
        "contested": contested,
        "historical": historical,
        "confidence": confidence,
        "sources": sources,
    }


def _roundup() -> tuple[dict, list[dict]]:
    """An invented monthly roundup: few surrenders a month in 2013, more from September."""
    sentences, events, day = [], [], date(2013, 1, 8)
    n = 0
    while day < date(2014, 6, 1):
        per_month = 1 if day < date(2013, 9, 1) else 4
        for k in range(per_month):
            prov, lat, lon = PROVINCES[n % len(PROVINCES)]
            d = day + timedelta(days=6 * k)
            s = f"On {d.isoformat()}, {3 + n % 7} Taliban fighters surrendered to the authorities in {prov} (item {n})."
            sentences.append(s)
            events.append((f"ev-r{n:02d}", s, prov, lat, lon, d.isoformat(), 3 + n % 7))
            n += 1
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=8)
    doc = dict(
        title="Monthly roundup of surrenders",
        outlet="Example Monitor",
        published="2014-06-01",
        text=" ".join(sentences),
    )
    return doc, events


DOCS["doc-roundup"] = _roundup()[0]


def events() -> list[dict]:
    herat = "Police commander Abdul Karim Wardak joined the Taliban in Shindand district on Tuesday with 12 of his men"
    evs = [
        _event(
            "ev-herat",
            "doc-herat",
            herat,
            name="Abdul Karim Wardak",
            role="police commander",
            actor_id="act-wardak",
            people=(13, 13),
            frm=_side("Afghan National Police", GOV_AF),
            to=_side("Taliban", TALIBAN),
            place="Shindand",
            admin1="Herat",
            lat=33.30,
            lon=62.14,
            day="2013-09-17",
            weapons=[("Humvee", 4)],
            contested=True,
            confidence=0.72,
            claims=[
                {
                    "by": "Taliban spokesman",
                    "stance": "asserts",
                    "doc": "doc-herat",
                    "quote": "the group had been welcomed",
                },
                {
                    "by": "interior ministry",
                    "stance": "denies",
                    "doc": "doc-herat",
                    "quote": "calling the report propaganda",
                },
            ],
        ),
        _event(
            "ev-kunduz",
            "doc-kunduz",
            "Between 25 and 30 Taliban fighters surrendered to the Afghan government in Kunduz province on Saturday",
            kind="surrender",
            people=(25, 30),
            frm=_side("Taliban", TALIBAN),
            to=_side("Afghan government", GOV_AF),
            admin1="Kunduz",
            lat=36.73,
            lon=68.86,
            day="2013-10-05",
            confidence=0.9,
            claims=[{"by": "governor's office", "stance": "asserts", "doc": "doc-kunduz", "quote": None}],
            docs=[("doc-kunduz-2", "some 30 Taliban fighters who surrendered to the government in Kunduz")],
        ),
        _event(
            "ev-return",
            "doc-return",
            "Abdul Karim Wardak, who joined the Taliban last year, returned to the "
            "government side in Herat city on Sunday",
            name="Abdul Karim Wardak",
            actor_id="act-wardak",
            people=(4, 4),
            frm=_side("Taliban", TALIBAN),
            to=_side("government", GOV_AF),
            place="Herat",
            admin1="Herat",
            lat=34.35,
            lon=62.20,
            day="2014-03-02",
            confidence=0.81,
            claims=[{"by": "police", "stance": "asserts", "doc": "doc-return", "quote": None}],
        ),
        _event(
            "ev-offer",
            "doc-offer",
            "A Hezb-e-Islami faction of 50 to 60 fighters in Nangarhar offered to lay down its arms",
            kind="surrender",
            stage="offered",
            people=(50, 60),
            frm=_side("Hezb-e-Islami", "Hezb-e-Islami"),
            to=_side("government", GOV_AF),
            admin1="Nangarhar",
            lat=34.43,
            lon=70.45,
            window={"earliest": "2014-01-13", "latest": "2014-01-15", "text": None},
            confidence=0.6,
        ),
        _event(
            "ev-desert",
            "doc-desert",
            "Eight Afghan National Army soldiers deserted their post in Helmand in November",
            kind="desertion",
            people=(8, 8),
            frm=_side("Afghan National Army", GOV_AF),
            to=None,
            admin1="Helmand",
            lat=31.58,
            lon=64.37,
            confidence=0.7,
            window={"earliest": "2013-11-01", "latest": "2013-11-30", "text": "in November"},
        ),
        _event(
            "ev-idlib",
            "doc-idlib",
            "Colonel Fadi Haddad of the Syrian army defected to the Free Syrian Army near Idlib on Tuesday",
            name="Fadi Haddad",
            role="colonel",
            actor_id="act-haddad",
            people=(7, 7),
            frm=_side("Syrian army", GOV_SY),
            to=_side("Free Syrian Army", FSA),
            place="Idlib",
            admin1="Idlib",
            country="Syria",
            lat=35.93,
            lon=36.63,
            day="2013-08-20",
            contested=True,
            confidence=0.64,
            claims=[
                {"by": "Free Syrian Army video", "stance": "asserts", "doc": "doc-idlib", "quote": None},
                {"by": "state media", "stance": "denies", "doc": "doc-idlib", "quote": "no officer had defected"},
            ],
        ),
        _event(
            "ev-homs",
            "doc-homs",
            "Around 40 to 45 rebel fighters surrendered to Syrian government forces in Homs on Tuesday",
            kind="surrender",
            people=(40, 45),
            frm=_side("rebel fighters", FSA),
            to=_side("Syrian government forces", GOV_SY),
            place="Homs",
            admin1="Homs",
            country="Syria",
            lat=34.73,
            lon=36.71,
            day="2014-02-11",
            confidence=0.85,
        ),
        _event(
            "ev-background",
            "doc-desert",
            "Their whereabouts are unknown",
            kind="desertion",
            historical=True,
            frm=_side("Afghan National Army", GOV_AF),
            confidence=0.3,
        ),
    ]
    evs[5]["credibility"] = {
        "independent_sources": 1,
        "sources": 1,
        "denied_by": ["state media"],
        "doubted_by": [],
        "unverifiable": False,
        "denied": True,
        "summary": "1 independent source; denied by state media",
    }
    evs[0]["defector"]["aliases"] = ["Abdul Karim Wardag"]
    _, rows = _roundup()
    for eid, s, prov, lat, lon, day, n in rows:
        evs.append(
            _event(
                eid,
                "doc-roundup",
                s,
                kind="surrender",
                people=(n, n),
                frm=_side("Taliban", TALIBAN),
                to=_side("the authorities", GOV_AF),
                admin1=prov,
                lat=lat,
                lon=lon,
                day=day,
                confidence=0.75,
            )
        )
    return evs


def actors() -> list[dict]:
    return [
        {
            "id": "act-wardak",
            "name": "Abdul Karim Wardak",
            "aliases": ["Abdul Karim Wardag"],
            "history": [
                {
                    "event_id": "ev-herat",
                    "date": {"earliest": "2013-09-17", "latest": "2013-09-17"},
                    "from": _side("Afghan National Police", GOV_AF),
                    "to": _side("Taliban", TALIBAN),
                    "kind": "defection",
                    "evidence": "joined the Taliban in Shindand district",
                    "doc": "doc-herat",
                },
                {
                    "event_id": "ev-return",
                    "date": {"earliest": "2014-03-02", "latest": "2014-03-02"},
                    "from": _side("Taliban", TALIBAN),
                    "to": _side("government", GOV_AF),
                    "kind": "defection",
                    "evidence": "returned to the government side in Herat city",
                    "doc": "doc-return",
                },
            ],
            "possibly_same": [],
        },
        {
            "id": "act-haddad",
            "name": "Fadi Haddad",
            "aliases": [],
            "history": [
                {
                    "event_id": "ev-idlib",
                    "date": {"earliest": "2013-08-20", "latest": "2013-08-20"},
                    "from": _side("Syrian army", GOV_SY),
                    "to": _side("Free Syrian Army", FSA),
                    "kind": "defection",
                    "evidence": "defected to the Free Syrian Army",
                    "doc": "doc-idlib",
                }
            ],
            "possibly_same": [{"actor_id": "act-hadad", "name": "Fadi Hadad", "score": 0.83}],
        },
        {"id": "act-hadad", "name": "Fadi Hadad", "aliases": [], "history": [], "possibly_same": []},
    ]


def build(path) -> str:
    """Write the sample database at ``path`` (a file, or a PostgreSQL URL); returns it as a string."""
    store = open_store(path)
    for doc_id, d in DOCS.items():
        store.add_document(Document(id=doc_id, lang="en", format="text", **d))
    store.save_events(events())
    store.save_actors(actors())
    store.close()
    return str(path)
