"""Trigger candidates in a sentence, and the filters that keep or reject them.

Every rejected candidate keeps its reason, so ``sideswitch explain`` can show
why a sentence produced no event:

    "Seven automakers recall cars over a defect"        -> rejected: negative cue (product)
    "Defections have increased since the peace deal"    -> rejected: generic statement
    "Since 2015, 800 militants have joined the process" -> rejected: running total
    "Our brother has not surrendered"                   -> denial (a claim about an act, not an act)
    "Three commanders offered to defect"                -> kept, stage offered
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon.langdata import LanguageData, Trigger
from .text import Sentence
from .text import mask_relative as _mask_relative

if TYPE_CHECKING:
    from .arguments import Mention
    from .persons import PersonMention

__all__ = ["Candidate", "find_candidates", "KIND_PRIORITY"]

# Which trigger names the act when several fire in one clause.
KIND_PRIORITY = {"defection": 3, "surrender": 2, "desertion": 1}
# Characters before a trigger searched for negation / modality.
NEGATION_WINDOW = 30


@dataclass(slots=True)
class Candidate:
    """One trigger (with the triggers of its clause) and what the stages decided about it."""

    sentence: Sentence
    trigger: Trigger
    start: int  # offsets of the trigger text in the sentence
    end: int
    kind: str
    stage: str = "completed"
    status: str = "event"  # event | rejected | denial
    reason: str = ""
    others: list[Candidate] = field(default_factory=list)  # other triggers in the same clause (same act)
    event_index: int | None = None  # which document event it became (set by coreference)
    mention: Mention | None = None  # the mention its arguments made (set by the arguments stage)
    listed: list[PersonMention] = field(default_factory=list)  # "including A and B": one act each

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


def _negative(sent: str, t: Trigger, a: int, b: int, data: LanguageData) -> str | None:
    for cue_id, rx, scope, applies, unless in data.negative:
        if applies and t.id not in applies:
            continue
        if scope == "trigger":
            hay = sent[max(0, a - 20) : b + 20]
        elif scope == "clause":
            hay = sent[max(0, a - 60) : b + 40]
        else:
            hay = sent
        if rx.search(hay) and not (unless and unless.search(sent[a:b])):
            return cue_id
    return None


def find_candidates(sentence: Sentence, data: LanguageData) -> list[Candidate]:
    """Trigger candidates of one sentence, each kept (``status='event'``), turned
    into a denial, or rejected with a reason. Triggers in one clause are one act."""
    sent = sentence.text
    hits: list[Candidate] = []
    found = sorted(
        ((m, t) for t in data.triggers for m in t.regex.finditer(sent)),
        key=lambda h: (-(h[0].end() - h[0].start()), h[0].start()),
    )
    for m, t in found:  # the longest reading wins: "joined the peace process" over "joined"
        if any(h.start < m.end() and m.start() < h.end for h in hits):
            continue
        hits.append(Candidate(sentence, t, m.start(), m.end(), t.kind))
    hits.sort(key=lambda c: c.start)
    for c in hits:
        _judge(c, sent, data)
    return _group(hits, sent)


def _judge(c: Candidate, sent: str, data: LanguageData) -> None:
    a, b, t = c.start, c.end, c.trigger
    neg = _negative(sent, t, a, b, data)
    before = sent[max(0, a - NEGATION_WINDOW) : a]
    if neg:
        c.status, c.reason = "rejected", f"negative cue ({neg})"
    elif data.generic.search(sent) and not re.search(r"\bincluding\s+(?:[a-z-]+\s+){0,4}[A-Z]", sent[b:]):
        c.status, c.reason = "rejected", "generic statement"
    elif (
        data.running_total.search(_mask_relative(sent))
        and re.search(r"\d|\b(?:thousands|hundreds|dozens|scores|miles|cientos)\b", sent, re.I)
        and re.search(r"\b(?:have|has|had|han|ha|habían)\s+(?:\w+\s+){0,3}$", sent[max(0, a - 40) : a] + " ")
        is not None
    ):
        c.status, c.reason = "rejected", "running total"
    elif data.offer.search(sent[max(0, a - 80) : b + 40]):
        c.stage = "offered"
    elif (
        re.search(r"(?:\bnot|\bnever|n[’']t)\s+(?:\w+\s+){0,2}$", before)
        or data.negation.search(sent[max(0, a - 14) : a])
        or re.search(
            r"\b(?:not (?:a single|one)|no)\s+(?:\w+\s+){0,2}(?:soldier|officer|unit|fighter|commander|member|policeman)s?"
            r"[\"”’']?\s+(?:had|has|have|was|were)\s+(?:\w+\s+)?$",  # a quoted denial: "not a single soldier" had
            sent[max(0, a - 60) : a],
            re.I,
        )
    ):
        c.status, c.reason = "denial", "negated: a denial of an act"
    elif data.modal.search(sent[max(0, a - 45) : a]) and not data.attempt.search(sent[max(0, a - 25) : a]):
        c.status, c.reason = "rejected", "hypothetical or modal (may, would, if, fear)"


def _group(hits: list[Candidate], sent: str) -> list[Candidate]:
    """Merge triggers of one clause into one candidate (the strongest names the kind)."""
    out: list[Candidate] = []
    for c in hits:
        prev = out[-1] if out else None
        joined = (
            prev is not None
            and c.status == prev.status
            and c.stage == prev.stage
            and c.trigger.id != prev.trigger.id
            and not re.search(r"\b(?:again|back)\b", sent[c.start : c.end + 12])
            and not c.trigger.reversal
            and re.fullmatch(r"[^.;]{0,80}", sent[prev.end : c.start]) is not None
            and not re.search(r"\b(?:while|whereas|but|after|before|when|who|which)\b", sent[prev.end : c.start])
        )
        if joined and prev is not None:
            prev.others.append(c)
            continue
        out.append(c)
    for c in out:
        kinds = {c.kind} | {o.kind for o in c.others}
        c.kind = max(kinds, key=lambda k: KIND_PRIORITY.get(k, 0))
        weak = all(o.trigger.needs == "armed_object" for o in [c, *c.others] if o.kind == "defection")
        if c.kind == "defection" and "surrender" in kinds and weak:
            c.kind = "surrender"  # "gave himself up ... and joined the peace programme"
        if c.trigger.noun and c.others:  # prefer a verb trigger as the anchor
            verb = (
                next(o for o in c.others if not o.trigger.noun) if any(not o.trigger.noun for o in c.others) else None
            )
            if verb is not None:
                c.trigger, c.start, c.end = verb.trigger, verb.start, verb.end
        if "desertion" in kinds and "surrender" in kinds and c.kind == "surrender":
            c.kind = "desertion"
    return out
