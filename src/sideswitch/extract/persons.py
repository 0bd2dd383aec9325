"""Personal names in a sentence, without a trained model.

A person is a run of capitalised words (with particles like al-, bin, de)
that is not a party, a place or an organisation, and either has two or more
name words, follows a title ("Gen.", "Mullah", "Prime Minister", "el
teniente"), or repeats the last name of a person seen earlier in the document.

    "retired Gen. Karim Dost Varani said"             -> "Karim Dost Varani" (title "Gen.")
    "a commander called Nur Wali Zadran had defected" -> "Nur Wali Zadran"
    "Zadran is also seen in a photo" (after Nur Wali Zadran) -> "Zadran" (refers to "Nur Wali Zadran")
    "the Northern Alliance commander"                 -> nothing (an organisation)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon.langdata import LanguageData, per_language
from ..lexicon.markers import markers

__all__ = ["PersonMention", "before_nickname", "find_persons"]

_TOKEN = r"(?:(?:al|el|ad|as|ash|an|ar|az|at|ibn|bin|abu|abd)-)?[A-ZÁÉÍÓÚÑÜ][\w'’]*(?:-[\w'’]+)*\.?"
_PARTICLE = r"(?:al|el|bin|ibn|de|del|de la|da|van|von|ul|ud|y)"
# A nickname in quotes between given and family name ('Ramon “Bunso” Dalisay'; golden case
# quoted-nickname-in-name) is part of the name run.
_NICKNAME = r"[“\"‘«][A-ZÁÉÍÓÚÑÜ][\w'’-]*[”\"’»]"
_RUN = re.compile(rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+|{_NICKNAME}\s+)?{_TOKEN}){{0,5}}")


_NICKNAME_NEXT = re.compile(rf"\s+{_NICKNAME}\s+[A-ZÁÉÍÓÚÑÜ]")


_WORD = re.compile(rf"{_TOKEN}|{_PARTICLE}")


@per_language
def _cues(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions built from ``rules: person-cue``, once per language."""
    w = data.rule("person-cue")
    return {
        "place_before": re.compile(rf"\b(?:{w.part('place')})\s+$"),
        # "In Deir Qarmashi, 27 soldiers ...": the capitalised preposition opening the sentence
        "place_opening": re.compile(rf"^\W*(?:{w.part('place')})\s+$", re.I),
        "cued": re.compile(rf"\b(?:{w.part('cued')})\s+$", re.I),
        # A quoted nickname is a name: alias 'El Flaco', alias "Guacho".
        "alias": re.compile(rf"\b(?:{w.part('alias')})\s+['‘\"“«]([^'’\"”»]{{2,40}})['’\"”»]"),
    }


def before_nickname(text: str, end: int) -> bool:
    """Is the word ending at ``end`` a given name, followed by a quoted nickname and the family
    name ("Ramon “Bunso” Dalisay")? Then it is no place, even if a town bears that name."""
    return _NICKNAME_NEXT.match(text, end) is not None


@dataclass(frozen=True)
class PersonMention:
    name: str  # the personal name as written, titles removed
    start: int  # offsets of the name in the sentence
    end: int
    title: str | None  # a title right before it, if any
    full: str | None  # the fuller name seen earlier in the document, for a bare last name


def _runs(sentence: str) -> list[list[tuple[str, int, int]]]:
    """The capitalised runs of ``sentence`` as (word, start, end) tokens. A run joined by the
    particle "y" with two name words or more on each side is two people ("Wilmer Arango Pérez y
    Jhon Fredy Ospina"; golden: es-entre-los-que-se-entregaron), not one double surname ("Ortega y
    Gasset")."""
    out = []
    for m in _RUN.finditer(sentence):
        tokens = [(t.group(0), m.start() + t.start(), m.start() + t.end()) for t in _WORD.finditer(m.group(0))]
        cut = next(
            (
                i
                for i, t in enumerate(tokens)
                if t[0] == "y"
                and sum(_capital(w) for w, _, _ in tokens[:i]) >= 2
                and sum(_capital(w) for w, _, _ in tokens[i + 1 :]) >= 2
            ),
            None,
        )
        out.extend([tokens[:cut], tokens[cut + 1 :]] if cut is not None else [tokens])
    return out


@per_language
def _group_nouns(data: LanguageData) -> frozenset[str]:
    """Lower-case nouns that make the capitalised words before them a group's name."""
    return frozenset(w for w in set(data.armed_words) | set(data.fighter_nouns) if " " not in w)


def find_persons(
    sentence: str,
    data: LanguageData,
    *,
    blocked: Sequence[tuple[int, int]] = (),
    known: dict[str, str] | None = None,
    common: frozenset[str] = frozenset(),
) -> list[PersonMention]:
    """Names in ``sentence``. ``blocked``: spans already taken by parties/places.
    ``known``: last-name -> full name of persons seen earlier in the document."""
    known = known or {}
    out = [PersonMention(m.group(1), m.start(1), m.end(1), None, None) for m in _cues(data)["alias"].finditer(sentence)]
    if markers().photo_credit.search(sentence):
        return out  # credit lines name photographers, not actors
    for tokens in _runs(sentence):
        if any(re.search(r"\d", t[0]) for t in tokens):
            tokens = [t for t in tokens[: next(i for i, t in enumerate(tokens) if re.search(r"\d", t[0]))]]
            if len(tokens) < 2:
                continue  # "Mil Mi-8", "MiG-21": a model, not a person
        if any(t[0].rstrip(".") in data.org_words for t in tokens[1:]):
            continue  # "the Black Hills Brigade": an organisation, not a person
        tokens = _trim(tokens, data, sentence, common)
        if not tokens:
            continue
        start, end = tokens[0][1], tokens[-1][2]
        if any(a < end and start < b for a, b in blocked):
            tokens = [t for t in tokens if not any(a < t[2] and t[1] < b for a, b in blocked)]
            if not tokens:
                continue
            start, end = tokens[0][1], tokens[-1][2]
        words = [t[0] for t in tokens]
        if any(w.rstrip(".") in data.org_words for w in words) or all(w.isupper() and len(w) > 1 for w in words):
            continue
        after = re.match(r"[ \t]+([^\W\d_][\w-]*)", sentence[end:])
        if after and after.group(1) in _group_nouns(data):
            continue  # "the Islah militia", "Abu Sayyaf fighters": a group's name (golden: outlet-voice-names-the-army)
        if any(p.start <= start < p.end for p in out):
            continue
        name = sentence[start:end].rstrip(".,")
        title = _title_before(sentence, start, data)
        if not title and (
            _cues(data)["place_before"].search(sentence[max(0, start - 20) : start])
            or _cues(data)["place_opening"].match(sentence[:start])  # (golden: opening-place-is-no-name)
        ):
            continue  # "near Tal Afar": a place the gazetteer does not know, not a person
        n_name_words = sum(1 for w in words if _capital(w))
        last = words[-1].rstrip(".")
        cued = _cues(data)["cued"].search(sentence[max(0, start - 20) : start])
        if n_name_words >= 2 or title or last in known or cued:
            full = known.get(last) if n_name_words < 2 else None
            out.append(PersonMention(name, start, start + len(name), title, full))
    return sorted(out, key=lambda p: p.start)


def _trim(
    tokens: list[tuple[str, int, int]], data: LanguageData, sentence: str, common: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """Drop stopwords and titles at both ends of a run, and possessive tails; a capitalised
    word the document also writes in lower case ("Whether", "Messengers") is no name."""
    titles, stop, plain_stop = _words_of(data).sets
    while tokens and (tokens[0][0].rstrip(".") in stop or not _capital(tokens[0][0]) or tokens[0][0].lower() in common):
        tokens = tokens[1:]
    while tokens and (tokens[-1][0].rstrip(".") in stop or not _capital(tokens[-1][0])):
        tokens = tokens[:-1]
    out = []
    for tok in tokens:
        word = re.sub(r"['’]s$", "", tok[0])
        if word.rstrip(".") in plain_stop:
            break  # "Qazi Abdul Hai Taliban" -> stop at the party word
        out.append((word, tok[1], tok[1] + len(word)))
        if word != tok[0]:
            break  # "Hai's decision": the name ends at the possessive
    return out


def _capital(word: str) -> bool:
    """ "Hijab", "al-Shara", "ibn-Saud" are name words; "al", "de" alone are not."""
    return word[:1].isupper() or bool(markers().name_prefix.match(word))


def _title_before(sentence: str, start: int, data: LanguageData) -> str | None:
    """The first of the language's titles (in its list order) that ends right before ``start``."""
    before = sentence[max(0, start - 40) : start]
    words = _words_of(data)
    if not words.any_title.search(before):
        return None
    for t, rx in words.titles:
        if rx.search(before):
            return t
    return None


@dataclass(frozen=True)
class _Words:
    """A language's title and stopword sets and title expressions, built once per language."""

    sets: tuple[frozenset[str], frozenset[str], frozenset[str]]  # titles, stopwords + titles, stopwords alone
    titles: tuple[tuple[str, re.Pattern[str]], ...]
    any_title: re.Pattern[str]


@per_language
def _words_of(data: LanguageData) -> _Words:
    titles = frozenset(t.rstrip(".") for t in data.titles)
    stop = frozenset(w.rstrip(".") for w in data.name_stopwords) | titles
    alternatives = "|".join(re.escape(t) for t in data.titles) or r"(?!x)x"
    words = _Words(
        (titles, stop, stop - titles),
        tuple((t, re.compile(rf"(?:^|[\s(]){re.escape(t)}\s*$")) for t in data.titles),
        re.compile(rf"(?:^|[\s(])(?:{alternatives})\s*$"),
    )
    return words
