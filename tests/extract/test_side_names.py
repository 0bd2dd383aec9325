"""A side is named by a force or a party the text names, never by a person's rank (own fixtures)."""

from __future__ import annotations

import pytest

from sideswitch.extract import extract_document
from sideswitch.models import Document


@pytest.mark.parametrize(
    "text",
    [
        # golden: rank-is-no-side
        "Captain Omar Haddad is the second border guard to defect this year, activists in Daraa province said on Friday.",
        "Colonel Faris Idlibi defected on Monday, activists in Daraa province said.",
    ],
)
def test_a_rank_is_not_the_side_left(text):
    events = extract_document(Document(id="rank", text=text, published="2024-05-10", lang="en"))
    assert len(events) == 1
    side = events[0]["from_side"]
    assert side is None or side["name"].lower() not in {"captain", "colonel"}, side
    assert side is None or side.get("party") == "Syrian government"
