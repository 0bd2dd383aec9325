"""How much to believe a reported side switch, in words a reader can check.

:func:`credibility` looks only at what the merged event already carries:
its sources (near-duplicate copies counted once), and its claims (who
asserts, denies, doubts or downplays the act)::

    3 reports, two of them copies of one wire story, a denial by a relative
        -> "2 independent sources (3 reports); denied by his son"
    only the group that gained the fighter says so
        -> "1 independent source; claim made only by the side it benefits"
    the outlet could not check it
        -> "1 independent source; could not be independently verified"

>>> ev = {"to_side": {"name": "Taliban", "party": "Taliban"}, "from_side": None,
...       "sources": [{"doc": "d1", "evidence": "He joined the Taliban, the group said."}],
...       "claims": [{"by": "Taliban spokesman", "stance": "asserts", "doc": "d1"}]}
>>> credibility(ev)["summary"]
'1 independent source; claim made only by the side it benefits'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .dedup import independent_sources

__all__ = ["credibility", "UNVERIFIABLE", "GOVERNMENT_WORDS"]

# Wording that says a report could not be checked (English and Spanish).
UNVERIFIABLE = re.compile(
    "|".join(
        (
            r"\bun-?verifi",
            r"\bnot (?:be )?(?:independently )?(?:verif|confirm)",
            r"\b(?:im|not )possible to (?:independently )?(?:verify|confirm)",
            r"\bno independent (?:confirmation|verification)",
            r"\bindependent (?:confirmation|verification)[^.]{0,30}\bnot\b",
            r"\bno (?:se )?(?:pudo|ha podido|puede) (?:ser )?(?:verific|confirm)",
            r"\bsin confirmaci[oó]n independiente",
        )
    ),
    re.IGNORECASE,
)
# Words by which a claimant speaks for a government side ("officials", "the
# governor's office"); used when the gaining side is a government or its forces.
GOVERNMENT_WORDS = frozenset(
    "government ministry minister governor governors official officials authorities police army military "
    "defence defense interior president presidential gobierno ministerio "
    "gobernador autoridades ejercito policia militares".split()
)
# Words too common in side names to tell sides apart.
_SIDE_STOPWORDS = frozenset(
    "the of and for de del la los las el y group forces front movement national party fighters militia".split()
)
_GOVERNMENT_SIDE = re.compile(r"\b(government|gobierno|army|police|forces|military|ejercito|policia)\b")


def _words(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", text)


def _side_words(side: dict[str, Any] | None) -> set[str]:
    return {
        w for k in ("name", "party") for w in _words((side or {}).get(k)) if len(w) >= 3 and w not in _SIDE_STOPWORDS
    }


def _speaks_for(by: str, side: dict[str, Any] | None, other: dict[str, Any] | None) -> bool:
    """Whether claimant ``by`` belongs to ``side`` (and not to ``other``).

    "Taliban spokesman" speaks for {"name": "Taliban"}; "district officials"
    for {"party": "Government of Afghanistan"}; "a Taliban official" does not.
    """
    words = set(_words(by))
    mine, theirs = _side_words(side), _side_words(other)
    if words & (theirs - mine):
        return False
    if words & mine:
        return True
    side_text = " ".join(_words((side or {}).get("name")) + _words((side or {}).get("party")))
    return bool(_GOVERNMENT_SIDE.search(side_text)) and bool(words & GOVERNMENT_WORDS)


def _asserters(event: dict[str, Any], party_of_outlet: Callable[..., Any] | None) -> list[tuple[str, bool]]:
    """(who, speaks for the gaining side) for every assertion; a source with no
    claims at all is asserted by its outlet."""
    to, frm = event.get("to_side"), event.get("from_side")
    claims = event.get("claims") or []
    out = [(c["by"], _speaks_for(c["by"], to, frm)) for c in claims if c.get("stance") == "asserts"]
    claimed_docs = {c.get("doc") for c in claims}
    gaining = (to or {}).get("party")
    for s in event.get("sources") or []:
        if s.get("doc") not in claimed_docs:
            party = party_of_outlet(s.get("outlet")) if party_of_outlet and s.get("outlet") else None
            out.append((s.get("outlet") or s.get("doc"), bool(gaining) and party == gaining))
    return out


def _by(claims: list[dict[str, Any]], stance: str, unverifiable: bool | None = None) -> list[str]:
    picked = [
        c["by"]
        for c in claims
        if c.get("stance") == stance and (unverifiable is None or unverifiable == _says_unverifiable(c))
    ]
    return list(dict.fromkeys(picked))


def _says_unverifiable(claim: dict[str, Any]) -> bool:
    return bool(UNVERIFIABLE.search(claim.get("quote") or "") or UNVERIFIABLE.search(claim.get("by") or ""))


def _summary(r: dict[str, Any]) -> str:
    n, m = r["independent_sources"], r["sources"]
    parts = [f"{n} independent source{'s' if n != 1 else ''}" + (f" ({m} reports)" if m != n else "")]
    parts += [f"denied by {' and '.join(r['denied_by'])}"] if r["denied"] else []
    parts += [f"doubted by {' and '.join(r['doubted_by'])}"] if r["doubted_by"] else []
    parts += ["could not be independently verified"] if r["unverifiable"] else []
    parts += [f"downplayed by {' and '.join(r['downplayed_by'])}"] if r["downplayed"] else []
    parts += ["claim made only by the side it benefits"] if r["sole_source_is_interested_party"] else []
    return "; ".join(parts)


def credibility(
    event: dict[str, Any],
    *,
    group_of: Callable[[str], str] = lambda d: d,
    party_of_outlet: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """An explainable credibility summary of a merged event.

    ``group_of`` maps a document id to its near-duplicate group
    (:meth:`NearDuplicateIndex.group_of`); ``party_of_outlet`` maps an outlet
    name to the conflict party that runs it (None for independent outlets).

    Returns ``independent_sources``, ``sources``, ``sole_source_is_interested_party``,
    ``denied``/``denied_by``, ``doubted_by``, ``unverifiable``,
    ``downplayed``/``downplayed_by`` and a one-line ``summary``.
    """
    claims = event.get("claims") or []
    docs = list(dict.fromkeys(s["doc"] for s in event.get("sources") or []))
    asserters = _asserters(event, party_of_outlet)
    evidence = " ".join(s.get("evidence") or "" for s in event.get("sources") or [])
    result = {
        "independent_sources": independent_sources(docs, group_of),
        "sources": len(docs),
        "sole_source_is_interested_party": bool(asserters) and all(i for _, i in asserters),
        "denied_by": _by(claims, "denies"),
        "doubted_by": _by(claims, "doubts", unverifiable=False),
        "unverifiable": bool(_by(claims, "doubts", unverifiable=True)) or bool(UNVERIFIABLE.search(evidence)),
        "downplayed_by": _by(claims, "downplays"),
    }
    result["denied"] = bool(result["denied_by"])
    result["downplayed"] = bool(result["downplayed_by"])
    result["summary"] = _summary(result)
    return result
