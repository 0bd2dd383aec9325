"""Events in the three export formats: contract JSONL, flat CSV, GeoJSON.

Pure functions over contract event dicts, so any shell can stream them (the CLI's
``export``, the API's downloads and the evaluation all use these):

    jsonl_lines([ev])     -> ['{"id": "ev-1", "kind": "defection", ...}\\n']
    csv_lines([ev])       -> ['id,kind,stage,...\\r\\n', 'ev-1,defection,completed,...\\r\\n']
    geojson(events)       -> {"type": "FeatureCollection", "features": [...]}  (events with lat/lon only)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from .contract import EXPORT_KEYS

__all__ = ["CSV_COLUMNS", "flat_row", "jsonl_lines", "csv_lines", "geojson", "feature"]

CSV_COLUMNS = (
    "id",
    "kind",
    "stage",
    "defector_name",
    "defector_role",
    "actor_id",
    "people_min",
    "people_max",
    "people_low",
    "people_best",
    "people_high",
    "from_name",
    "from_party",
    "to_name",
    "to_party",
    "place",
    "admin2",
    "admin1",
    "country",
    "lat",
    "lon",
    "precision",
    "date_earliest",
    "date_latest",
    "date_text",
    "weapons",
    "contested",
    "historical",
    "confidence",
    "n_sources",
    "source_docs",
    "source_urls",
)


def _d(ev: dict, key: str) -> dict:
    v = ev.get(key)
    return v if isinstance(v, dict) else {}


def flat_row(ev: dict) -> dict:
    """One event as a flat dict with the keys of :data:`CSV_COLUMNS`."""
    d, p, loc, dt = _d(ev, "defector"), _d(ev, "people"), _d(ev, "location"), _d(ev, "date")
    frm, to = _d(ev, "from_side"), _d(ev, "to_side")
    sources = [s for s in ev.get("sources") or [] if isinstance(s, dict)]
    weapons = "; ".join(
        f"{w.get('item')}" + (f" x{w['count']}" if w.get("count") is not None else "")
        for w in ev.get("weapons") or []
        if isinstance(w, dict)
    )
    return {
        "id": ev.get("id"),
        "kind": ev.get("kind"),
        "stage": ev.get("stage"),
        "defector_name": d.get("name"),
        "defector_role": d.get("role"),
        "actor_id": d.get("actor_id"),
        "people_min": p.get("min"),
        "people_max": p.get("max"),
        "people_low": p.get("low", p.get("min")),
        "people_best": p.get("best", None if p.get("min") is None else (p["min"] + p.get("max", p["min"])) // 2),
        "people_high": p.get("high", p.get("max")),
        "from_name": frm.get("name"),
        "from_party": frm.get("party"),
        "to_name": to.get("name"),
        "to_party": to.get("party"),
        "place": loc.get("place"),
        "admin2": loc.get("admin2"),
        "admin1": loc.get("admin1"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "precision": loc.get("precision"),
        "date_earliest": dt.get("earliest"),
        "date_latest": dt.get("latest"),
        "date_text": dt.get("text"),
        "weapons": weapons,
        "contested": bool(ev.get("contested")),
        "historical": bool(ev.get("historical")),
        "confidence": ev.get("confidence"),
        "n_sources": len({s.get("doc") for s in sources}),
        "source_docs": " ".join(dict.fromkeys(str(s.get("doc")) for s in sources)),
        "source_urls": " ".join(dict.fromkeys(s["url"] for s in sources if s.get("url"))),
    }


def jsonl_lines(events: Iterable[dict]) -> Iterator[str]:
    """One contract event per line (only the contract's keys, in its order)."""
    for ev in events:
        yield json.dumps({k: ev.get(k) for k in EXPORT_KEYS if k in ev}, ensure_ascii=False) + "\n"


def csv_lines(events: Iterable[dict]) -> Iterator[str]:
    """A header line, then one flat row per event (RFC 4180 quoting)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    yield buf.getvalue()
    for ev in events:
        buf.seek(0)
        buf.truncate()
        row = flat_row(ev)
        row["contested"], row["historical"] = str(row["contested"]).lower(), str(row["historical"]).lower()
        writer.writerow(row)
        yield buf.getvalue()


def feature(ev: dict) -> dict | None:
    """A GeoJSON Point feature for an event with coordinates, else None."""
    loc = _d(ev, "location")
    lat, lon = loc.get("lat"), loc.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    props = {k: v for k, v in flat_row(ev).items() if k not in ("lat", "lon", "source_urls")}
    return {
        "type": "Feature",
        "id": ev.get("id"),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def geojson(events: Iterable[dict]) -> dict:
    """A FeatureCollection of the events that have coordinates."""
    feats = [f for f in map(feature, events) if f is not None]
    return {"type": "FeatureCollection", "features": feats}
