"""Near-duplicate documents: syndicated copies of one report count once.

Each text becomes a MinHash over its word 4-grams; an LSH index proposes
earlier documents that may be copies, and the estimated Jaccard similarity
decides. A copy joins the group of the document it copies, and the group is
named after its earliest member::

    index = NearDuplicateIndex()
    index.add("reuters-1", text)          -> None          (first of its kind)
    index.add("paper-7", same_text_edited) -> "reuters-1"  (a syndicated copy)
    index.add("paper-9", other_report)    -> None          (same event, own words)
    independent_sources(["reuters-1", "paper-7", "paper-9"], index.group_of) -> 2

>>> index = NearDuplicateIndex()
>>> story = "the commander and forty men laid down their arms on sunday in the valley, officials said"
>>> copy = "WIRE - " + story + " All rights reserved."
>>> index.add("a", story), index.add("b", copy), index.add("c", "floods cut the road")
(None, 'a', None)
>>> index.groups()
{'a': ['a', 'b'], 'c': ['c']}
>>> NearDuplicateIndex.from_state(index.to_state()).group_of("b")
'a'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import StoreError

if TYPE_CHECKING:  # datasketch pulls in scipy (about 1 s): imported when an index is made
    from datasketch import LeanMinHash

__all__ = [
    "NearDuplicateIndex",
    "StoredNearDuplicates",
    "Probe",
    "NearDuplicateBacking",
    "independent_sources",
    "DUPLICATE_THRESHOLD",
    "SHINGLE_WORDS",
]

# Estimated Jaccard similarity of word 4-gram sets above which two texts are
# copies. Calibrated on tests/resolve/data: a syndicated copy with its own
# header, byline, footer and two reworded sentences scores 0.69; another
# article about the same event in its own words 0.03; an unrelated article
# from the same place 0.003. 0.5 leaves room for shorter copies (a bigger
# share of boilerplate) and for the MinHash error (about 0.04 at 128 hashes);
# a copy cut to half its length falls below it and counts as independent.
DUPLICATE_THRESHOLD = 0.5
# Word n-grams: 4 keeps shared names and stock phrases ("officials said on
# sunday") from making different articles look alike (0.13 with 2-grams).
SHINGLE_WORDS = 4
STATE_VERSION = 1
_WORDS = re.compile(r"\w+")


def _shingles(text: str, k: int) -> set[bytes]:
    words = _WORDS.findall((text or "").lower())
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(max(1, len(words) - k + 1))} if words else set()


@lru_cache(maxsize=8)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH bands and rows for ``threshold``: the ``(b, r)`` that ``MinHashLSH`` chooses (weights
    0.5 and 0.5), computed once per process without importing datasketch's LSH module (it
    imports scipy, about 0.5 CPU-s, for numerical integration). The probabilities integrated
    are polynomials of degree ``b * r <= num_perm``, so Gauss-Legendre with ``num_perm // 2 + 1``
    nodes gives them exactly; a test checks the answer against datasketch's."""
    import numpy as np

    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = threshold / 2 * (nodes + 1)  # the nodes over [0, threshold] and over [threshold, 1]
    above = (1 - threshold) / 2 * (nodes + 1) + threshold
    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = threshold / 2 * float(np.dot(weights, 1 - (1 - below ** float(r)) ** float(b)))
            false_negative = (1 - threshold) / 2 * float(np.dot(weights, (1 - above ** float(r)) ** float(b)))
            error = false_positive * 0.5 + false_negative * 0.5
            if error < best:
                best, opt = error, (b, r)
    return opt


class NearDuplicateIndex:
    """Groups of near-duplicate documents, built incrementally; persists as JSON-able state."""

    def __init__(
        self, threshold: float = DUPLICATE_THRESHOLD, num_perm: int = 128, *, shingle_words: int = SHINGLE_WORDS
    ):
        from datasketch import MinHashLSH

        self.threshold, self.num_perm, self.shingle_words = threshold, num_perm, shingle_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=_lsh_params(threshold, num_perm))
        self._hashes: dict[str, LeanMinHash | None] = {}  # in insertion order
        self._pos: dict[str, int] = {}  # its position in that order
        self._group: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._group)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._group

    def minhash(self, text: str) -> LeanMinHash | None:
        """The signature of ``text`` (None for a text without words)."""
        return _minhash(text, self.num_perm, self.shingle_words)

    def signature(self, text: str) -> tuple[tuple[int, int], LeanMinHash | None]:
        """``minhash(text)`` with the settings it was made with: computed elsewhere, given to :meth:`add`."""
        return (self.num_perm, self.shingle_words), self.minhash(text)

    def add(self, doc_id: str, text: str, signature: tuple[Any, ...] | None = None) -> str | None:
        """Index a document; return the canonical id of the earlier group it copies, else None.

        Adding a known id again changes nothing and answers as the first time did.
        ``signature`` (from :meth:`signature` of an index with the same settings,
        e.g. in a worker process) saves computing the MinHash here.
        """
        if doc_id in self._group:
            group = self._group[doc_id]
            return group if group != doc_id else None
        m = (
            signature[1]
            if signature is not None and signature[0] == (self.num_perm, self.shingle_words)
            else self.minhash(text)
        )
        return self._insert(doc_id, m, self._best_match(m))

    def _best_match(self, m: LeanMinHash | None) -> str | None:
        if m is None:
            return None
        scored = [(m.jaccard(self._hashes[c]), -self._pos[c], c) for c in self._lsh.query(m)]
        best = max((s for s in scored if s[0] >= self.threshold), default=None)
        return best[2] if best else None

    def _insert(self, doc_id: str, m: LeanMinHash | None, match: str | None) -> str | None:
        self._hashes[doc_id] = m
        self._pos[doc_id] = len(self._pos)
        if m is not None:
            self._lsh.insert(doc_id, m)
        self._group[doc_id] = self._group[match] if match else doc_id
        return self._group[match] if match else None

    def group_of(self, doc_id: str) -> str:
        """Canonical id of the document's group: itself when alone or unknown."""
        return self._group.get(doc_id, doc_id)

    def grouping(self, doc_ids: Iterable[str]) -> Callable[[str], str]:
        """``group_of`` for the documents ``doc_ids`` among themselves: copies (directly or
        through a chain of copies among them) share the smallest id. It depends only on
        their texts, never on the order documents were added, so an event's count of
        independent sources is the same whatever the ingest order.

        >>> index = NearDuplicateIndex()
        >>> story = "the commander and forty men laid down their arms on sunday in the valley, officials said"
        >>> _ = index.add("z", "WIRE - " + story), index.add("b", story + " All rights reserved."), index.add("c", "floods cut the road")
        >>> group_of = index.grouping(["z", "b", "c"])
        >>> [group_of(d) for d in ("z", "b", "c")]
        ['b', 'b', 'c']
        """
        hashes = self._hashes

        def copies(a: str, b: str) -> bool:
            ma, mb = hashes.get(a), hashes.get(b)
            return ma is not None and mb is not None and ma.jaccard(mb) >= self.threshold

        return _grouping(sorted(set(doc_ids)), copies, self.group_of)

    def groups(self) -> dict[str, list[str]]:
        """Every group, canonical id -> members in insertion order (singletons too)."""
        out: dict[str, list[str]] = {}
        for doc_id, group in self._group.items():
            out.setdefault(group, []).append(doc_id)
        return out

    def to_state(self) -> dict[str, Any]:
        """JSON-able state: settings and, per document, its group and MinHash values."""
        return {
            "version": STATE_VERSION,
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "shingle_words": self.shingle_words,
            "scheme": next((m.scheme for m in self._hashes.values() if m is not None), None),
            "docs": [
                [d, self._group[d], None if m is None else m.hashvalues.tolist()] for d, m in self._hashes.items()
            ],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> NearDuplicateIndex:
        """Rebuild an index saved by :meth:`to_state`.

        Raises :class:`~sideswitch.errors.StoreError` when the state is not one.
        """
        from datasketch import LeanMinHash

        try:
            if state.get("version") != STATE_VERSION:
                raise ValueError(f"version {state.get('version')!r}, expected {STATE_VERSION}")
            index = cls(state["threshold"], state["num_perm"], shingle_words=state["shingle_words"])
            for doc_id, group, values in state["docs"]:
                m = None if values is None else LeanMinHash(seed=1, hashvalues=values, scheme=state["scheme"])
                index._hashes[doc_id] = m
                index._pos[doc_id] = len(index._pos)
                if m is not None:
                    index._lsh.insert(doc_id, m)
                index._group[doc_id] = group
        except (AttributeError, KeyError, TypeError, ValueError) as e:
            raise StoreError(
                f"saved near-duplicate index is not valid ({e}); rebuild it by re-running the pipeline"
            ) from e
        return index


class NearDuplicateBacking(Protocol):
    """What :class:`StoredNearDuplicates` asks of the store (``store.mergestate``)."""

    def add_minhash(self, doc_id: str, group: str, signature: bytes | None, bands: Iterable[int]) -> None: ...
    def minhash_candidates(self, bands: Sequence[int]) -> list[tuple[int, str, str, bytes | None]]: ...
    def minhash_info(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, bytes | None]]: ...


def _jaccard(a: bytes, b: bytes, num_perm: int) -> float:
    """Estimated Jaccard similarity of two signatures of ``num_perm`` values (``LeanMinHash.jaccard``)."""
    import numpy as np

    if len(a) != len(b):
        return 0.0
    dtype = np.uint32 if len(a) == 4 * num_perm else np.uint64
    x, y = np.frombuffer(a, dtype=dtype), np.frombuffer(b, dtype=dtype)
    return float(np.count_nonzero(x == y)) / float(len(x))


@dataclass(frozen=True)
class Probe:
    """A document's MinHash looked up in the stored LSH bands (:meth:`StoredNearDuplicates.probe`)."""

    raw: bytes | None  # its hash values (None: a text without words)
    bands: list[int]
    rows: list[tuple[int, str, str, bytes | None]]  # stored documents sharing a band: (seq, id, group, values)

    @property
    def docs(self) -> list[str]:
        """The stored documents that may be its copies (sharing an LSH band)."""
        return sorted({row[1] for row in self.rows})


class StoredNearDuplicates:
    """:class:`NearDuplicateIndex` kept in the store: one signature per document and its LSH
    bands as rows (``doc_minhash``, ``minhash_bands``), written in the document's transaction;
    a new document reads only the documents sharing a band with it, never the whole index.

    It answers as an in-memory index fed the same documents in the same order would:
    the same group for each document (:meth:`group_of`) and the same :meth:`grouping`.
    """

    def __init__(
        self,
        backing: NearDuplicateBacking,
        threshold: float = DUPLICATE_THRESHOLD,
        num_perm: int = 128,
        *,
        shingle_words: int = SHINGLE_WORDS,
    ):
        self.backing = backing
        self.threshold, self.num_perm, self.shingle_words = threshold, num_perm, shingle_words

    def _bands(self, values: Any) -> list[int]:
        """One number per LSH band: documents sharing one are compared (``MinHashLSH``'s buckets)."""
        bands, rows = _lsh_params(self.threshold, self.num_perm)  # numpy: only once a text is hashed
        out = []
        for i, (start, end) in enumerate((i * rows, (i + 1) * rows) for i in range(bands)):
            digest = hashlib.blake2b(bytes([i]) + values[start:end].tobytes(), digest_size=8).digest()
            out.append(int.from_bytes(digest, "big", signed=True))
        return out

    def signature(self, text: str) -> tuple[tuple[int, int], Any]:
        """As :meth:`NearDuplicateIndex.signature` (the hash values alone): computed elsewhere,
        given to :meth:`add`."""
        return (self.num_perm, self.shingle_words), _minhash_values(text, self.num_perm, self.shingle_words)

    def probe(self, text: str, signature: tuple[Any, ...] | None = None) -> Probe:
        """A text's MinHash (``signature`` when a worker made it) and the stored documents sharing
        an LSH band with it, the ones that may be its copies; given to :meth:`add` afterwards."""
        m = (
            signature[1]
            if signature is not None and signature[0] == (self.num_perm, self.shingle_words)
            else _minhash_values(text, self.num_perm, self.shingle_words)
        )
        if m is None:
            return Probe(None, [], [])
        values = getattr(m, "hashvalues", m)  # a worker's LeanMinHash or the values themselves
        bands = self._bands(values)
        return Probe(values.tobytes(), bands, self.backing.minhash_candidates(bands))

    def add(
        self, doc_id: str, text: str, signature: tuple[Any, ...] | None = None, probe: Probe | None = None
    ) -> str | None:
        """Index a stored document (``probe``: its :meth:`probe`, when made already); the canonical
        id of the earlier group it copies, else None."""
        known = self.backing.minhash_info([doc_id]).get(doc_id)
        if known is not None:
            return known[0] if known[0] != doc_id else None
        probe = probe or self.probe(text, signature)
        if probe.raw is None:
            self.backing.add_minhash(doc_id, doc_id, None, [])
            return None
        best: tuple[float, int, str] | None = None
        for seq, _, group, sig in probe.rows:
            score = _jaccard(probe.raw, sig, self.num_perm) if sig is not None else 0.0
            if score >= self.threshold and (best is None or (score, -seq) > best[:2]):
                best = (score, -seq, group)
        group = best[2] if best else doc_id
        self.backing.add_minhash(doc_id, group, probe.raw, probe.bands)
        return best[2] if best else None

    def group_of(self, doc_id: str) -> str:
        """Canonical id of the document's group: itself when alone or unknown."""
        return self.backing.minhash_info([doc_id]).get(doc_id, (doc_id, None))[0]

    def grouping(self, doc_ids: Iterable[str]) -> Callable[[str], str]:
        """As :meth:`NearDuplicateIndex.grouping`: copies among ``doc_ids`` share the smallest id."""
        ids = sorted(set(doc_ids))
        info = self.backing.minhash_info(ids)

        def copies(a: str, b: str) -> bool:
            sa, sb = info.get(a, (a, None))[1], info.get(b, (b, None))[1]
            return sa is not None and sb is not None and _jaccard(sa, sb, self.num_perm) >= self.threshold

        return _grouping(ids, copies, self.group_of)


@lru_cache(maxsize=4)
def _prototype(num_perm: int) -> tuple[Any, str]:
    """Permutations and scheme of a fresh MinHash (drawn from its seed on every construction: made once)."""
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm)
    return m.permutations, m.scheme


def _minhash(text: str, num_perm: int, shingle_words: int) -> LeanMinHash | None:
    from datasketch import LeanMinHash, MinHash

    shingles = _shingles(text, shingle_words)
    if not shingles:
        return None
    permutations, scheme = _prototype(num_perm)
    m = MinHash(num_perm=num_perm, permutations=permutations, scheme=scheme)
    m.update_batch(shingles)
    return LeanMinHash(m)


# datasketch's MinHash (scheme "affine32", seed 1), reproduced with numpy alone: importing
# datasketch imports its LSH module and with it scipy (about 0.5 CPU-s in a new process). A test
# checks that the values are datasketch's, bit for bit.
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # the MurmurHash3 finalizer


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    import numpy as np

    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _minhash_values(text: str, num_perm: int, shingle_words: int) -> Any:
    """The hash values of ``_minhash(text, ...)`` (a uint32 array; None for a text without words)."""
    import numpy as np

    shingles = _shingles(text, shingle_words)
    if not shingles:
        return None
    hv = np.array([int.from_bytes(hashlib.sha1(s).digest()[:4], "little") for s in shingles], dtype=np.uint32)
    s1, m1, s2, m2, s3 = (np.uint32(v) for v in _FMIX32)
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = (hv ^ (hv >> s3)).reshape(-1, 1)
    a, b = _permutations(num_perm)
    return np.minimum(np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32), (hv * a + b).min(axis=0))


def _grouping(
    ids: list[str], copies: Callable[[str, str], bool], outside: Callable[[str], str]
) -> Callable[[str], str]:
    """``group_of`` for sorted ``ids`` among themselves: ids joined by ``copies`` (directly or
    through a chain) share the smallest; an id outside them gets ``outside(id)``."""
    parent = {d: d for d in ids}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if copies(a, b):
                ra, rb = root(a), root(b)
                parent[max(ra, rb)] = min(ra, rb)
    return lambda d: root(d) if d in parent else outside(d)


def independent_sources(doc_ids: Iterable[str], group_of: Callable[[str], str]) -> int:
    """How many independent reports: documents counted once per near-duplicate group.

    >>> independent_sources(["a", "b", "c"], {"a": "a", "b": "a", "c": "c"}.get)
    2
    """
    return len({group_of(d) for d in doc_ids})
