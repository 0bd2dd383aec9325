"""RSS and Atom feeds."""

from __future__ import annotations

import pytest

from sideswitch.errors import InputError
from sideswitch.ingest import read_path


def test_rss_entries(data_dir, problems):
    path = data_dir / "feed.rss"
    full, summary_only = read_path(path, errors="skip", on_problem=problems.append)
    assert (full.title, full.url, full.outlet, full.lang, full.source_line, full.format) == (
        "Pilots land at rebel airstrip",
        "https://courier.example/a/pilots",
        "Valley Courier - World",
        "en",
        1,
        "rss",
    )
    assert full.text == (
        "Two air force pilots flew their jets to a rebel airstrip near Kessel on Monday.\n\n"
        "The defence ministry called the report baseless."
    )
    assert full.published == "2012-07-24"  # 23:30 -0500: still the 24th where it was written
    assert full.metadata == {"partial": False, "guid": "courier-1001", "tags": ["Varnia"]}
    assert summary_only.text == "A militia commander handed himself in to police in Orvale."
    assert (summary_only.published, summary_only.metadata["partial"]) == ("2012-07-25", True)
    assert [str(p) for p in problems] == [
        f"cannot read '{path}' line 3: entry 'Photo gallery: the week in pictures' has no text"
    ]


def test_empty_entry_raises_by_default(data_dir):
    with pytest.raises(InputError, match="line 3: entry 'Photo gallery"):
        read_path(data_dir / "feed.rss")


def test_atom_entry(data_dir):
    (doc,) = read_path(data_dir / "feed.atom")
    assert (doc.title, doc.outlet, doc.author, doc.published, doc.lang, doc.url) == (
        "Se entrega un comandante rebelde",
        "Diario del Valle",
        "Lucía Ferrán",
        "2020-03-05",
        "es",
        "https://diario.example/n/77",
    )
    assert doc.text.startswith("Un comandante del Frente del Norte se entregó")


def test_feed_sniffed_under_xml_name(write, data_dir):
    path = write("world.xml", (data_dir / "feed.atom").read_bytes())
    assert [d.format for d in read_path(path)] == ["rss"]


def test_unreadable_feed(write):
    path = write("junk.rss", "just some words, no markup")
    with pytest.raises(InputError) as e:
        read_path(path, errors="raise")
    assert str(e.value).startswith(f"cannot read '{path}': not a readable feed (")


def test_feed_without_entries_gives_nothing(write):
    assert read_path(write("quiet.rss", "<rss version='2.0'><channel><title>Q</title></channel></rss>")) == []
