"""The export formats (library module ``sideswitch.exports``): flat CSV rows and GeoJSON features."""

from __future__ import annotations

from sideswitch import exports


def test_csv_and_geojson_rows():
    ev = {
        "id": "e1",
        "kind": "surrender",
        "people": {"min": 2, "max": 3},
        "weapons": [{"item": "rifle", "count": None}],
        "location": {"lat": 1.5, "lon": 2.5, "country": "X"},
        "sources": [{"doc": "d1"}, {"doc": "d1"}],
    }
    row = exports.flat_row(ev)
    assert row["weapons"] == "rifle" and row["n_sources"] == 1 and row["source_docs"] == "d1"
    lines = list(exports.csv_lines([ev]))
    assert lines[0].startswith("id,kind,stage") and lines[1].startswith("e1,surrender,")
    assert exports.feature(ev)["geometry"]["coordinates"] == [2.5, 1.5]
    assert exports.feature({"id": "e2", "location": {"lat": None, "lon": None}}) is None
