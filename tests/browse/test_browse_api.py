"""Facets, reporting volume and the CSV downloads of actors and documents."""

from __future__ import annotations

import csv
import io

from sideswitch.analyze.volume import reporting_volume


def test_facets_count_what_the_filters_keep(client):
    all_ = client.get("/api/facets").json()
    syria = client.get("/api/facets", params={"country": "Syria"}).json()
    assert sum(f["count"] for f in all_["facets"]["country"]) == all_["total"]
    assert syria["facets"]["country"] == [{"value": "Syria", "count": syria["total"]}]
    for name in ("kind", "year", "stage", "contested"):
        assert sum(f["count"] for f in syria["facets"][name]) == syria["total"], name
    for f in all_["facets"]["kind"]:
        assert client.get("/api/events", params={"kind": f["value"]}).json()["total"] == f["count"]
    person = all_["facets"]["person"][0]
    assert (
        person["label"]
        and client.get("/api/events", params={"actor_id": person["value"]}).json()["total"] == person["count"]
    )
    assert client.get("/api/facets", params={"kind": "nonsense"}).status_code == 400


def test_volume_puts_documents_beside_events(client):
    body = client.get("/api/volume", params={"by": "year"}).json()
    assert (
        sum(p["documents"] for p in body["periods"]) + body["undated_documents"]
        == client.get("/api/documents").json()["total"]
    )
    assert client.get("/api/volume", params={"by": "decade"}).status_code == 400
    got = reporting_volume(["2019-05-06", "2019-05-07", None, "2019-07-01"], ["2019-05-05", "2019-06-02"], by="month")
    assert got["periods"] == [
        {"period": "2019-05", "documents": 2, "events": 1, "events_per_100_documents": 50.0},
        {"period": "2019-06", "documents": 0, "events": 1, "events_per_100_documents": None},
        {"period": "2019-07", "documents": 1, "events": 0, "events_per_100_documents": 0.0},
    ]
    assert got["undated_documents"] == 1
    assert reporting_volume(["2019-05-06"], [], by="quarter")["periods"][0]["period"] == "2019-Q2"


def test_actor_and_document_csv(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/actors.csv").text)))
    assert len(rows) == client.get("/api/actors").json()["total"] and rows[0]["name"]
    docs = list(csv.DictReader(io.StringIO(client.get("/api/documents.csv").text)))
    assert len(docs) == client.get("/api/documents").json()["total"]


def test_events_page_has_facets_and_timeline_bars_link(client):
    page = client.get("/events", params={"country": "Syria"}).text
    assert 'id="facet-kind"' in page and "/api/facets?country=Syria" in page
    assert 'class="bar-link"' in client.get("/").text


def test_person_filter_and_every_list_page_has_json_and_csv(client):
    person = client.get("/api/facets").json()["facets"]["person"][0]
    page = client.get("/events", params={"actor_id": person["value"]}).text
    assert 'id="person-filter"' in page and f'value="{person["value"]}" selected' in page
    for path, api in (("/actors", "/api/actors"), ("/documents", "/api/documents"), ("/events", "/api/events")):
        page = client.get(path).text
        assert f'href="{api}' in page and ".csv" in page, path
