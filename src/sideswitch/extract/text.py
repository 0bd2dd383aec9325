"""Sentences with character offsets, and per-document language detection.

    "Gen. Karim Dost Varani defected. He was 58."      -> two sentences; "Gen." does not end one
    "The U.S. military said 12 (or 13) men left."      -> one sentence
    "Hai, 57, left.\n\nThe Taliban welcomed him."      -> two (a blank line always ends a sentence)

Language detection is ``sideswitch.lexicon.languages.detect_language`` (re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..lexicon.langdata import LanguageData, per_language
from ..lexicon.languages import detect_language
from ..lexicon.markers import markers

__all__ = ["Sentence", "split_sentences", "detect_language", "mask_relative"]

# Abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = {
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "brig",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "st",
    "no",
    "vs",
    "u.s",
    "u.n",
    "u.k",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "corp",
    "co",
    "jr",
    "sr",
    "prof",
    "adm",
    "cmdr",
    "cpl",
    "pvt",
    "fr",
    "mt",
    "ft",
    "approx",
    "est",
    "dept",
    "gral",
    "cnel",
    "sra",
    "tte",
    "cap",
    "etc",
    "al",
    "e.g",
    "i.e",
    "ee.uu",
}
_BOUNDARY = re.compile(
    r"""(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÁÉÍÓÚÑ][a-zà-ÿ])|(?<=[.!?…])["'”’»)\]]*\s+(?=["'“‘«(\[]*[A-ZÁÉÍÓÚÑ0-9¿¡])|\n\s*\n|(?<=[.!?:"”’)\]])[ \t]*\n|\n(?=\s*[-*•#("“'‘\[]|\s*[A-ZÁÉÍÓÚÑ¿¡])"""
)


# Longest sentence extraction looks at. Each trigger reads its whole sentence (dates,
# counts, persons, roles), so a run-on "sentence" of n characters with a trigger every
# few words cost O(n^2): 16,000 characters without a full stop took 50 CPU-seconds.
# News sentences are under 400 characters (the longest in our corpora: about 700);
# longer runs are cut at the last clause break (";", ",", a space) before the cap.
MAX_SENTENCE_CHARS = 1000
_CLAUSE_BREAKS = ("; ", ", ", " ")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index into ``text``."""
    cuts, pos = [], 0
    for m in _BOUNDARY.finditer(text):
        before = text[max(pos, m.start() - 64) : m.start()].rstrip("\"'”’»)] ")  # the last word is enough
        last = re.search(r"([\w.]+)\.$", before)
        if last and "\n" not in m.group(0):
            word = last.group(1).lower()
            if word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        cuts.append((pos, m.start()))
        pos = m.end()
    cuts.append((pos, len(text)))
    out: list[Any] = []
    for a, b in cuts:
        for line_a, line_b in _capped(text, _lines(text, a, b)):
            seg = text[line_a:line_b]
            stray = markers().stray_prefix.match(seg)  # "date 2017-11-12 Forty rebels ...": page metadata, not text
            if stray:
                line_a, seg = line_a + stray.end(), seg[stray.end() :]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                s = line_a + lead
                out.append(Sentence(seg, s, s + len(seg), len(out)))
    return out


def _lines(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Very long segments with single newlines (lists, headlines) split at the newlines."""
    seg = text[a:b]
    if "\n" not in seg or len(seg) < 400:
        yield a, b
        return
    pos = a
    for m in re.finditer(r"\n", seg):
        yield pos, a + m.start()
        pos = a + m.end()
    yield pos, b


@per_language
def _relative(data: LanguageData) -> re.Pattern[str]:
    return re.compile(rf",\s*(?:{data.rule('relative-clause').part('pronoun')})\b[^,;]*,")


def mask_relative(sent: str, data: LanguageData) -> str:
    """Blank relative clauses (", who served from 2004 through 2008,") keeping offsets:
    their dates are about something else than the act (``rules: relative-clause``)."""
    return _relative(data).sub(lambda m: " " * len(m.group(0)), sent)


def _capped(text: str, spans: Iterable[tuple[int, int]], cap: int = MAX_SENTENCE_CHARS) -> Iterator[tuple[int, int]]:
    """Spans longer than ``cap`` cut into pieces of at most ``cap`` characters, each
    ending at the last clause break in its second half (else cut hard)."""
    for a, b in spans:
        while b - a > cap:
            cut = -1
            for mark in _CLAUSE_BREAKS:
                cut = text.rfind(mark, a + cap // 2, a + cap - len(mark) + 1)
                if cut != -1:
                    cut += len(mark)
                    break
            cut = cut if cut != -1 else a + cap
            yield a, cut
            a = cut
        yield a, b
