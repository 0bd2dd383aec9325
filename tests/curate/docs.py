"""Invented reports for the workbench tests (no real article; people and places made up
inside real provinces so the gazetteer can place them)."""

from __future__ import annotations

from sideswitch.models import Document

TEXTS = {
    "wire-1": (
        "Example Wire",
        "2019-05-06",
        "KUNDUZ - Police commander Rahim Dostan joined the Taliban in Kunduz province on Sunday with "
        "14 of his men, officials said. The governor's office confirmed the defection.",
    ),
    "paper-1": (
        "Example Paper",
        "2019-05-07",
        "Police commander Rahim Dostan and 14 of his men defected to the Taliban in Kunduz province "
        "on Sunday, a provincial official said.",
    ),
    "wire-2": (
        "Example Wire",
        "2019-08-12",
        "HERAT - Taliban commander Wali Nazeri surrendered to the Afghan government in Herat province "
        "on Saturday with 30 fighters, police said.",
    ),
}


def documents(ids=None) -> list[Document]:
    return [
        Document(id=i, outlet=o, published=p, title=f"Report {i}", text=t)
        for i, (o, p, t) in TEXTS.items()
        if ids is None or i in ids
    ]
