"""A document's sketch, for telling one story reprinted from two stories alike.

A bottom-k sketch: the K smallest hashes of the text's word 4-grams (lower case). Two sketches
estimate the Jaccard similarity of the two texts' 4-gram sets, order-free and from the two
texts alone (unlike a near-duplicate group, which is named after whichever copy came first)::

    a = document_sketch(story)
    b = document_sketch("WIRE - " + story + " All rights reserved.")
    sketch_similarity(a, b)   -> about 0.76
    sketch_similarity(a, document_sketch("floods cut the road"))   -> 0.0

Merging (``resolve.merge``) takes two reports whose documents are copies (``COPY_DOCUMENT``)
and whose evidence is copied for one story reprinted. Each mention carries its document's
sketch as ``doc_sketch``.

>>> story = "the commander and forty men laid down their arms on sunday in the valley, officials said"
>>> round(sketch_similarity(document_sketch(story), document_sketch("WIRE - " + story + " All rights reserved.")), 2)
0.76
>>> sketch_similarity(document_sketch(story), document_sketch("floods cut the road to the valley on sunday"))
0.0
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

__all__ = ["document_sketch", "sketch_similarity", "SKETCH_SIZE", "COPY_DOCUMENT"]

# 64 hashes: the estimate's error is about 0.06 near 0.5, where copies are told from others.
SKETCH_SIZE = 64
# The near-duplicate threshold of resolve.dedup (DUPLICATE_THRESHOLD): a reprint with its own
# header, footer and a reworded sentence or two.
COPY_DOCUMENT = 0.5
_WORDS = re.compile(r"\w+")


def document_sketch(text: str, size: int = SKETCH_SIZE) -> list[int]:
    """The ``size`` smallest hashes of the word 4-grams of ``text`` (fewer for a short text)."""
    words = _WORDS.findall((text or "").lower())
    grams = {" ".join(words[i : i + 4]) for i in range(max(1, len(words) - 3))} if words else set()
    return sorted({zlib.crc32(g.encode("utf-8")) for g in grams})[:size]


def sketch_similarity(a: Iterable[int], b: Iterable[int], size: int = SKETCH_SIZE) -> float:
    """The estimated Jaccard similarity of the texts of two sketches (0.0 when one is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    bottom = sorted(sa | sb)[:size]
    return sum(1 for h in bottom if h in sa and h in sb) / len(bottom)
