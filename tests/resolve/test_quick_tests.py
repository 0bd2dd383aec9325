"""The quick tests that skip work in merging answer as the full tests would."""

from __future__ import annotations

import random

from sideswitch.resolve.copies import COPY_DOCUMENT, SKETCH_SIZE, sketch_similarity
from sideswitch.resolve.merge import _sketches_may_match


def test_sketches_that_fail_the_quick_test_are_never_alike():
    rng = random.Random(7)
    alike = 0
    for _ in range(20_000):
        pool = rng.randrange(2, 400)  # small pools share many hashes
        a = frozenset(rng.sample(range(pool), min(pool, rng.randrange(1, SKETCH_SIZE + 1))))
        b = frozenset(rng.sample(range(pool), min(pool, rng.randrange(1, SKETCH_SIZE + 1))))
        if sketch_similarity(a, b) >= COPY_DOCUMENT:
            alike += 1
            assert _sketches_may_match(a, b), (sorted(a), sorted(b))
    assert alike > 500  # the cases that matter were drawn
