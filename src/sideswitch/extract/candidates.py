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

from ..lexicon.langdata import LanguageData, Trigger, per_language
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
    return _group(hits, sent, data)


def _judge(c: Candidate, sent: str, data: LanguageData) -> None:
    a, b, t = c.start, c.end, c.trigger
    neg = _negative(sent, t, a, b, data)
    before = sent[max(0, a - NEGATION_WINDOW) : a]
    roster = data.roster.search(sent)
    if neg:
        c.status, c.reason = "rejected", f"negative cue ({neg})"
    elif roster and roster.start() <= a and b <= roster.end():  # "Those who surrendered included X"
        c.status, c.reason = "rejected", "names members of an act told before (golden: those-who-surrendered-included)"
    elif data.generic.search(sent) and not _rx(data)["named_after"].search(sent[b:]):
        c.status, c.reason = "rejected", "generic statement"
    elif (
        data.running_total.search(_mask_relative(sent, data))
        and _rx(data)["plural"].search(sent)
        and _rx(data)["perfect"].search(sent[max(0, a - 40) : a] + " ") is not None
    ):
        c.status, c.reason = "rejected", "running total"
    elif data.offer.search(sent[max(0, a - 80) : b + 40]):
        c.stage = "offered"
    elif (
        _rx(data)["negated"].search(before)
        or data.negation.search(sent[max(0, a - 14) : a])
        or _rx(data)["none_had"].search(sent[max(0, a - 60) : a])  # a quoted denial: "not a single soldier" had
    ):
        c.status, c.reason = "denial", "negated: a denial of an act"
    elif data.modal.search(sent[max(0, a - 45) : a]) and not data.attempt.search(sent[max(0, a - 25) : a]):
        c.status, c.reason = "rejected", "hypothetical or modal (may, would, if, fear)"


@per_language
def _rx(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions of this module built from the language's rules, once per language."""
    rt, den = data.rule("running-total"), data.rule("denial")
    return {
        "named_after": re.compile(
            rf"\b(?:{data.rule('generic-but-named').part('including')})\s+(?:[a-z-]+\s+){{0,4}}[A-Z]"
        ),
        "plural": re.compile(rf"\d|\b(?:{rt.part('plural')})\b", re.I),
        "perfect": re.compile(rf"\b(?:{rt.part('perfect')})\s+(?:\w+\s+){{0,3}}$"),
        "negated": re.compile(rf"(?:{den.part('neg')})\s+(?:\w+\s+){{0,2}}$"),
        "none_had": re.compile(
            rf"\b(?:{den.part('none')})\s+(?:\w+\s+){{0,2}}(?:{den.part('member')})s?"
            rf"[\"”’']?\s+(?:{den.part('aux')})\s+(?:\w+\s+)?$",
            re.I,
        ),
        "again": re.compile(rf"\b(?:{data.rule('again').part('again')})\b"),
        "apart": re.compile(rf"\b(?:{data.rule('clause-apart').part('words')})\b"),
    }


def _group(hits: list[Candidate], sent: str, data: LanguageData) -> list[Candidate]:
    """Merge triggers of one clause into one candidate (the strongest names the kind)."""
    out: list[Candidate] = []
    for c in hits:
        prev = out[-1] if out else None
        joined = (
            prev is not None
            and c.status == prev.status
            and c.stage == prev.stage
            and c.trigger.id != prev.trigger.id
            and not _rx(data)["again"].search(sent[c.start : c.end + 12])
            and not c.trigger.reversal
            and re.fullmatch(r"[^.;]{0,80}", sent[prev.end : c.start]) is not None
            and not _rx(data)["apart"].search(sent[prev.end : c.start])
        )
        if joined and prev is not None:
            prev.others.append(c)
            continue
        out.append(c)
    for c in out:
        kinds = {c.kind} | {o.kind for o in c.others}
        c.kind = max(kinds, key=lambda k: KIND_PRIORITY.get(k, 0))
        weak = all(o.trigger.needs == "armed_object" for o in [c, *c.others] if o.kind == "defection")
        moved = all(o.trigger.crossing for o in [c, *c.others] if o.trigger.kind == "defection")
        if c.kind == "defection" and "surrender" in kinds and (weak or moved):
            # "gave himself up ... and joined the peace programme"; "laid down their weapons and walked
            # into army positions" (golden: walked-into-army-lines): the movement is where they surrendered
            c.kind = "surrender"
        if c.trigger.noun and c.others:  # prefer a verb trigger as the anchor
            verb = (
                next(o for o in c.others if not o.trigger.noun) if any(not o.trigger.noun for o in c.others) else None
            )
            if verb is not None:
                c.trigger, c.start, c.end = verb.trigger, verb.start, verb.end
        if "desertion" in kinds and "surrender" in kinds and c.kind == "surrender":
            c.kind = "desertion"
    return out
