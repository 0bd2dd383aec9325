"""Claims about each act (who asserts, denies, doubts or downplays it), contested and historical.

"His son insists his father has not joined the Taliban."  -> denies (by "His son")
"Officials played down the significance of his defection." -> downplays (not contested)
"Whether he ever defected is unverifiable."                 -> doubts (contested)
"..., a spokesman said."                                   -> asserts (by "a spokesman")
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..lexicon.langdata import LanguageData, per_language

if TYPE_CHECKING:
    from .coref import DocEvent
    from .extractor import DocState

__all__ = ["qualify"]

# An act whose window ends this long before publication is background (historical).
HISTORICAL_DAYS = 60
# Sentences after a mention that may still comment on it.
FOLLOW_SENTENCES = 2


def _by(sentence: str, m_speaker: str | None, data: LanguageData) -> str:
    """Who makes the statement: the noun phrase before the speech verb ("Afghan officials said"),
    the name after an inverted one (", said Gen. X"), or what follows "according to"
    (the verbs, "according to" and the words that end the phrase are the language's data)."""
    m = data.according.search(sentence)
    if m:
        return _clean(m.group(1), data)
    for v in data.claim_verbs.finditer(sentence):
        words = sentence[: v.start()].split()
        phrase: list[str] = []
        while words and len(phrase) < 8 and not data.phrase_stop.search(" ".join(words[-1:])):
            if re.search(r"[”\"’]$|,$", words[-1]) and phrase:
                break
            phrase.insert(0, words.pop())
        phrase_text = _clean(" ".join(phrase), data)
        if phrase_text and not _rx(data)["pronoun"].fullmatch(phrase_text):
            return phrase_text
        after = re.match(r"\s+((?:[A-Z][\w.'’-]*\s*){1,5})", sentence[v.end() :])
        if after:
            return _clean(after.group(1), data)
    return m_speaker or "the report"


@per_language
def _rx(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions built from ``rules: claim-speaker``, once per language."""
    w = data.rule("claim-speaker")
    return {
        "pronoun": re.compile(rf"(?:{w.part('pronoun')})", re.I),
        "tail": re.compile(rf"(?:\s+(?:{w.part('tail')}))+$"),
        "other_count": re.compile(
            rf"\b(?:{w.part('put')}) (?:{w.part('the')}) (?:{w.part('figure')}) (?:{w.part('at')})\s+(\S+)", re.I
        ),
    }


def _clean(text: str, data: LanguageData) -> str:
    text = _rx(data)["tail"].sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(" ,.;:\"“”'‘’")


def _claims_in(sentence: str, data: LanguageData, default_by: str | None) -> list[tuple[str, str]]:
    out = []
    for stance in ("denies", "doubts", "downplays"):
        rx = data.claims.get(stance)
        if rx is not None and rx.search(sentence):
            out.append((stance, _by(sentence, default_by, data)))
    return out


def qualify(state: DocState, data: LanguageData) -> None:
    sentences = state.sentences
    for ev in state.events:
        claims: list[dict[str, Any]] = []
        seen = set()

        def add(stance: str, by: str, quote: str) -> None:
            key = (stance, by.lower())
            if key not in seen:  # noqa: B023 -- called only within this iteration
                seen.add(key)  # noqa: B023
                claims.append({"by": by, "stance": stance, "doc": state.doc.id, "quote": quote})  # noqa: B023

        idx = {m.sentence.index for m in ev.mentions}
        for m in ev.mentions:
            if data.claims["asserts"].search(m.sentence.text):
                add("asserts", _by(m.sentence.text, m.speaker, data), m.sentence.text)
        for d in ev.denials:
            add("denies", _by(d.sentence.text, d.speaker, data), d.sentence.text)
        last = ev.name.split()[-1] if ev.name else None
        near: set[int] = set()
        for i in idx:
            near.update(range(i, i + FOLLOW_SENTENCES + 1))
        for s in sentences:
            mentions_him = bool(last and re.search(rf"\b{re.escape(last)}\b", s.text))
            refers = bool(
                data.act_reference.search(s.text)
            )  # a denial of a detail ("denied he took any weapons") is not of the act
            if (
                s.index in idx
                or (mentions_him and refers)
                or (s.index in near and refers)
                or (len(state.events) == 1 and refers)
            ):
                for stance, by in _claims_in(s.text, data, None):
                    if stance == "denies" and s.index in idx and not data.negation.search(s.text):
                        continue
                    add(stance, by, s.text)
        ev.claims = claims
        ev.other_counts = _other_counts(state, ev, data)
        _group_told_nearby(state, ev, data)
        ev.contested = any(c["stance"] in ("denies", "doubts") for c in claims)
        ev.historical = _historical(ev, state, data)


def _other_counts(state: DocState, ev: DocEvent, data: LanguageData) -> list[tuple[int, int]]:
    """Another source's figure for the same group: "a spokesman put the number at 13"."""
    from .counts import parse_number

    out = []
    i = ev.first.sentence.index
    for s in state.sentences[i : i + 3]:
        for m in _rx(data)["other_count"].finditer(s.text):
            n = parse_number(m.group(1).strip(".,"), data)
            if n:
                out.append((n, n))
    return out


def _group_told_nearby(state: DocState, ev: DocEvent, data: LanguageData) -> None:
    """A group whose size the act's own sentences do not give, told as the subject of a
    neighbouring sentence: "A tank crew surrendered ... The four soldiers had called a hotline",
    "They deserted ..." after "The three young men ..." (counts.group_size; golden: group-size-told-next).
    Only sentences that report no other act are read."""
    from .counts import Count, group_size

    if any(m.explicit for m in ev.mentions):
        return
    others = {m.sentence.index for e in state.events if e is not ev for m in e.mentions}
    first = min(m.sentence.index for m in ev.mentions)
    texts = []
    if ev.first.subject == "pronoun" and first - 1 >= 0 and first - 1 not in others:
        texts.append(state.sentences[first - 1].text)
    for s in state.sentences[first + 1 : first + 3]:
        if s.index in others:
            break
        texts.append(s.text)
    n = group_size(texts, data)
    have = max((m.people[1] for m in ev.mentions if m.people), default=0)
    if n and n > have:
        for m in ev.mentions:
            m.people, m.explicit = Count(n, n, n), True


def _historical(ev: DocEvent, state: DocState, data: LanguageData) -> bool:
    first = ev.first
    dated = next((m.date for m in ev.mentions if m.date is not None), None)  # a headline rarely dates the act
    if dated is not None and state.published is not None:
        return dated.latest < state.published - timedelta(days=HISTORICAL_DAYS)
    if first.sentence.index <= 1:
        return False
    return bool(data.historical.search(first.sentence.text))
