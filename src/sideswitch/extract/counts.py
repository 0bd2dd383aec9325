"""How many people left, and what they took along.

    "a captain and 11 junior officers joined"          -> (12, 12)
    "8 or 9 officers with their commander"             -> (8, 9)
    "along with three of his bodyguards" (named leader) -> (4, 4)
    "defected with 2,500 men" (named leader)           -> (2501, 2501)
    "Nine border policemen defected"                   -> (9, 9)
    "Dozens of soldiers defected"                      -> (24, 99)
    "some 30 soldiers"                                 -> (26, 30)
    "1,204 soldiers, including four colonels, and 830 relatives surrendered" -> (1204, 1204)
    "carrying 7 AK-47 rifles and three heavy machine guns"
        -> [{"item": "AK-47 rifle", "count": 7}, {"item": "machine gun", "count": 3}]

Counts attach to nouns for people (soldiers, fighters, men...); numbers on
other nouns (rifles, villages, years) are ignored. Groups joined by "and",
"along with", "together with", "with" add up; a group after "including" is a
subset and does not; relatives and civilians who came along are not counted.
"""

from __future__ import annotations

import re
from typing import Any

from ..lexicon.langdata import LanguageData, per_language

__all__ = [
    "Count",
    "parse_number",
    "count_people",
    "people_band",
    "group_size",
    "pronoun_leads_group",
    "group_leader",
    "find_weapons",
]


class Count(tuple[int, int]):
    """A headcount as ``(low, high)`` that also carries ``best``, the figure the text states.

    It compares and indexes as the plain pair; ``best`` is what aggregates sum. The rule
    (also in the README): a stated figure is the best estimate ("almost 2,400" -> 2,400,
    "some 300" -> 300, "two dozen" -> 24) and the modifier only widens low/high around it;
    a vague count with no figure ("dozens" 24-99) has the midpoint of its band as best
    (rounded down); a bare plural ("soldiers") has no count at all.

    >>> c = Count(2280, 2400, 2400); c == (2280, 2400), c.best
    (True, 2400)
    """

    best: int

    def __new__(cls, low: int, high: int, best: int | None = None) -> Count:
        self = super().__new__(cls, (low, high))
        self.best = min(max(best if best is not None else (low + high) // 2, low), high)
        return self

    def __getnewargs__(self) -> tuple[int, int, int]:
        return (self[0], self[1], self.best)


def people_band(count: tuple[int, int] | None) -> dict[str, int] | None:
    """The contract's people object of a headcount: ``min``/``max`` (the range, as before) and
    ``low``/``best``/``high`` (UCDP style; low = min, high = max, best as :class:`Count` says).

    >>> people_band(Count(45, 55, 50))
    {'min': 45, 'max': 55, 'low': 45, 'best': 50, 'high': 55}
    >>> people_band((24, 99))["best"]
    61
    """
    if count is None:
        return None
    lo, hi = int(count[0]), int(count[1])
    best = getattr(count, "best", None)
    best = min(max(int(best), lo), hi) if best is not None else (lo + hi) // 2
    return {"min": lo, "max": hi, "low": lo, "best": best, "high": hi}


# Nouns a headcount attaches to are the language data's person_nouns, force_nouns and fighter_nouns;
# its non_combatants came along but are not counted (relatives, civilians).


def _digits(data: LanguageData) -> str:
    """Digits with the language's thousands separators ("4,000"; "2 000" in French)."""
    return rf"\d{{1,3}}(?:[{re.escape(data.thousands)}]\d{{3}})+|\d+"


@per_language
def _num(data: LanguageData) -> str:
    """Digits, or number words of the language ("two dozen", "twenty-five", "two-thousand")."""
    articles = data.rule("indefinite-one").words
    words = sorted((re.escape(w) for w in data.number_words if w not in articles), key=len, reverse=True)
    mult = "|".join(sorted((re.escape(w) for w in data.multipliers), key=len, reverse=True)) or "(?!x)x"
    word = "|".join(words)
    return rf"(?:{_digits(data)}|(?:{word})(?:[- ](?:{mult}|{word}))?)"


def _gap(data: LanguageData) -> str:
    """Up to four modifiers: "junior Afghan National Police (ANP)"; never across a conjunction
    ("19 rifles and a general-purpose machine gun" is no headcount). golden: counts-not-across-and"""
    return rf"(?:(?!(?:{data.rule('count-range').part('gap_stop')})\s)[\w.'’-]+\s+){{0,4}}?"


_ELIDED = "'’"  # an elided article joined to the noun: "une quinzaine d'éléments"


def parse_number(token: str, data: LanguageData) -> int | None:
    """ "4,000" -> 4000, "Eleven" -> 11, "two-thousand" -> 2000, "twenty-five" -> 25, "dozen" -> 12."""
    t = token.strip().lower().replace("\u2019", "'")
    if re.fullmatch(rf"\d{{1,3}}(?:[{re.escape(data.thousands)}]\d{{3}})+", t):
        return int(re.sub(r"\D", "", t))
    if t.isdigit():
        return int(t)
    if t in data.number_words:
        return data.number_words[t]
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in data.number_words:
        a, b = data.number_words[parts[0]], parts[1]
        if b in data.multipliers:
            return a * data.multipliers[b]
        if b in data.number_words and a >= 20 and data.number_words[b] < 10:
            return a + data.number_words[b]
        if b in data.number_words and 100 <= a < 1000 and a % 100 == 0 and data.number_words[b] < 100:
            return a + data.number_words[b]  # "ciento veinte", "doscientos cincuenta" (golden: cov-es-ciento-veinte)
    return None


def _person_nouns(data: LanguageData) -> set[str]:
    return set(data.person_nouns) | {w for w in data.force_nouns | data.fighter_nouns if " " not in w}


@per_language
def _groups_rx(data: LanguageData) -> re.Pattern[str]:
    """The 'NUMBER ... person-noun' expression of a language."""
    nouns = _person_nouns(data) | data.non_combatants
    num, rng = _num(data), data.rule("count-range")
    return re.compile(
        rf"(?<![-/.:\d])\b({num})(?:\s+(?:{rng.part('to')})\s+({num}))?\s+(?:(?:{rng.part('of_owner')})\s+)?{_gap(data)}"
        rf"(?:[^\W\d_][{_ELIDED}])?({'|'.join(sorted(map(re.escape, nouns), key=len, reverse=True))})\b(?![-'’]\w)",
        re.I,
    )


def _groups(text: str, data: LanguageData) -> list[tuple[int, int, int, int, str, int]]:
    """(start, end, low, high, noun, best) for every 'NUMBER ... person-noun' in text."""
    out = []
    # "selon une source militaire": the one who speaks, not who left (golden: fr-parmi-ceux-qui-se-sont-rendus)
    speakers = [s.span(1) for s in data.according.finditer(text)]
    cue = _cues(data)
    for m in _groups_rx(data).finditer(text):
        if any(a <= m.start() < b for a, b in speakers):
            continue
        n1 = parse_number(m.group(1), data)
        if n1 is None or n1 == 0 or _is_year_or_age(text, m) or cue["vague"].search(text[: m.start()]):
            continue  # "several hundred men": a vague count (see vague_counts)
        if any(w.search(text, m.end(1), m.start(3)) for _, w in data.weapons):
            continue  # "with two rifles to the Army": the number counts weapons (golden quoted-nickname-in-name)
        n2 = parse_number(m.group(2), data) if m.group(2) else None
        if n2 and cue["and"].search(m.group(0)) and not cue["between"].search(text[: m.start()]):
            continue  # "two commanders and 13 fighters" are two groups, read separately; "between 40 and 50" is a range
        if _speaker_after(data).match(text, m.end()):
            continue  # "two of his former colleagues said": speakers, not the group that left
        low, high = (min(n1, n2), max(n1, n2)) if n2 else (n1, n1)
        best = (low + high) // 2  # the figure stated ("some 300" -> 300); a stated range: its midpoint
        for rxm, lo_f, hi_f in data.modifiers:
            if rxm.search(text[max(0, m.start() - 25) : m.start()]):
                low, high = int(low * lo_f), int(round(high * hi_f))
        out.append((m.start(), m.end(), low, high, m.group(3).lower(), best))
    return out


@per_language
def _speaker_after(data: LanguageData) -> re.Pattern[str]:
    """Right after a group: the verb of a claim it makes ("two of his former colleagues said"):
    the group speaks, it did not leave. golden: speakers-are-not-counted"""
    return re.compile(rf"\s+(?:{data.rule('speaker-after').part('aux')})?(?:" + data.claim_verbs.pattern + ")")


@per_language
def _collective_rx(data: LanguageData) -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(sorted(map(re.escape, data.collective_nouns), key=len, reverse=True))
    num, w = _num(data), data.rule("collective")
    return (
        re.compile(rf"\b(?:{nouns})\s+(?:{w.part('of')})\s+({num})\b(?!\s*(?:%|{w.part('per')}))", re.I),
        re.compile(rf"\b({num})[- ](?:{w.part('size')})\s+(?:[\w-]+\s+)?(?:{nouns})\b", re.I),
    )


def _collective(text: str, data: LanguageData) -> list[tuple[int, int, int, int, str, int]]:
    """ "a crew of three", "a five-man team": the size of a collective noun (``collective_nouns``).
    golden: crew-of-n"""
    if not data.collective_nouns:
        return []
    crew_of, n_man = _collective_rx(data)
    out = []
    for m in crew_of.finditer(text):
        n = parse_number(m.group(1), data)
        if n and not _owned(text[: m.start()], data):
            out.append((m.start(), m.end(), n, n, "crew", n))
    for m in n_man.finditer(text):
        n = parse_number(m.group(1), data)
        if n and not _owned(text[: m.start()], data):
            out.append((m.start(), m.end(), n, n, "crew", n))
    return out


@per_language
def _cues(data: LanguageData) -> dict[str, re.Pattern[str]]:
    """The expressions built from the language's ``rules`` (``count-range``, ``vague-before``,
    ``collective``, ``count-subset``, ``arms-laid-down``, ``indefinite-one``), once per language."""
    rng, col, sub, arms = (data.rule(r) for r in ("count-range", "collective", "count-subset", "arms-laid-down"))
    num, one = _num(data), data.rule("indefinite-one").alt()
    return {
        "vague": re.compile(rf"\b(?:{data.rule('vague-before').part('vague')})\s+$", re.I),
        "and": re.compile(rf"\b(?:{rng.part('and')})\s"),
        "between": re.compile(rf"\b(?:{rng.part('between')})\s+$", re.I),
        "owner": re.compile(rf"(\w+)?\s*\b(?:{col.part('owner')})\s+$", re.I),
        "of_from": re.compile(rf"\b(?:{col.part('of_from')})\s+$", re.I),
        "with": re.compile(col.part("with"), re.I),
        "including": re.compile(rf"\b(?:{sub.part('including')})\s*$"),
        "in_all": re.compile(rf"\b(?:{sub.part('in_all')})\b"),
        "arms": re.compile(arms.part("arms"), re.I),
        "laid_down": re.compile(rf"(?:{arms.part('down')})\s*$", re.I),
        "count_before": re.compile(rf"(?<![-/.:\w])({num}|{one})\s+(?:[\w.'’-]+\s+){{0,2}}$", re.I),
        "his": re.compile(rf"\b(?:{arms.part('his')})\s+(?:[\w-]+\s+){{0,2}}$", re.I),
    }


def _owned(before: str, data: LanguageData) -> bool:
    """ "the stores of his 12-man squad", "left their crew of four": the group is something the
    actor has or left, not who went along ("with his crew of four" goes along). golden: crew-of-n"""
    cue = _cues(data)
    m = cue["owner"].search(before)
    if m is None:
        return bool(cue["of_from"].search(before))
    return bool(m.group(1)) and not cue["with"].fullmatch(m.group(1))


@per_language
def _more_rx(data: LanguageData) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![-/.:\d])\b({_num(data)})\s+(?:{data.rule('more').part('more')})\b(?!\s+[a-záéíóúñ]+s\b)", re.I
    )


def _more(text: str, data: LanguageData) -> list[tuple[int, int, int, int, str, int]]:
    """ "Eleven more gave themselves up", "30 others": a count whose noun was said before."""
    out = []
    for m in _more_rx(data).finditer(text):
        n = parse_number(m.group(1), data)
        if n:
            out.append((m.start(), m.end(), n, n, "others", n))
    return out


def _is_year_or_age(text: str, m: re.Match[str]) -> bool:
    """ "in 2013 soldiers ..." is no headcount; nor is "27-year-old", which the headcount
    expression never matches (a space must follow its number)."""
    tok = m.group(1)
    return tok.isdigit() and len(tok) == 4 and 1900 <= int(tok) <= 2100


def count_people(clause: str, data: LanguageData, *, leader: bool = False) -> Count | None:
    """Headcount of the act stated in ``clause``; ``leader`` when a named or singular
    leader heads the group (he is added to the groups that came with him)."""
    groups = _groups(clause, data)
    groups += [g for g in _collective(clause, data) if not any(o[0] <= g[0] < o[1] for o in groups)]
    groups += [
        g for g in _more(clause, data) if not any(o[0] <= g[0] < o[1] for o in groups)
    ]  # "three more Syrian pilots": once
    low = high = best = 0
    counted = False
    cue = _cues(data)
    for start, end, lo, hi, noun, b in sorted(groups):
        before = clause[max(0, start - 30) : start].lower()
        if noun in data.non_combatants or cue["including"].search(before):
            continue
        if cue["in_all"].search(clause[end : end + 12].lower()) and counted:
            high = max(high, hi)  # "33 soldiers ... 224 people in all" -> (33, 224)
            continue
        low, high, best, counted = low + lo, high + hi, best + b, True
    extra = 1 if leader else 0
    if not counted:
        for rxv, lo, hi in data.vague:
            if rxv.search(clause):
                return Count(lo + extra, hi + extra)  # best: the band's midpoint
        return Count(1, 1) if leader else None
    if (
        leader
        or data.rule("leader-and").regex.search(clause)
        or data.rule("and-leader").regex.search(clause)
        or data.rule("under-command").regex.search(clause)
        or data.rule("pronoun-and").regex.search(clause)
    ):
        low, high, best = low + 1, high + 1, best + 1
    return Count(low, high, best)


# A news dateline before the first sentence: "PORT ELLIS, Norland - ".
_DATELINE = r"[A-Z][A-Z .'’-]+,[^-–—\n]{0,40}\s[-–—]\s*"


@per_language
def _group_size_rx(data: LanguageData) -> re.Pattern[str]:
    num, w = _num(data), data.rule("group-size")
    nouns = "|".join(sorted(map(re.escape, _person_nouns(data)), key=len, reverse=True))
    return re.compile(
        rf"^(?:{_DATELINE})?\W*(?:(?:{w.part('the')})\s+({num})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b"
        rf"|(?:{w.part('all')})\s+({num})\b(?!\s+(?:{w.part('not_count')}|%))|({w.part('both')})\s+(?:{w.part('both_of')}|(?:{nouns}))\b)",
        re.I,
    )


def group_size(texts: list[str], data: LanguageData) -> int | None:
    """The size of a group told in a neighbouring sentence as its subject: "The four soldiers
    had called ...", "All five were flown out ...", "Both men ..." (golden: group-size-told-next).
    ``texts`` are the sentences to look at, nearest first; the first such statement wins."""
    rx = _group_size_rx(data)
    for t in texts:
        m = rx.match(t)
        if m:
            if m.group(3):
                return 2
            n = parse_number(m.group(1) or m.group(2), data)
            if n and n > 1:
                return n
    return None


def group_leader(clause: str, data: LanguageData) -> str | None:
    """The leader noun of a group "a police captain and 17 of his officers" ("captain"), else None:
    the group's defector is its leader, whom a later sentence may name (golden: leader-named-after).
    The words: ``rules: leader-and`` ("nine insurgents and their commander": ``and-leader``)."""
    m = data.rule("leader-and").regex.search(clause)
    return m.group("leader").lower() if m else None


def pronoun_leads_group(region: str, data: LanguageData) -> bool:
    """ "she and 25 of her guards": the subject is a leader named before, heading his men
    (golden: pronoun-and-his-men; the words: ``rules: pronoun-and``)."""
    return bool(data.rule("pronoun-and").regex.search(region))


def find_weapons(clause: str, data: LanguageData) -> list[dict[str, Any]]:
    """Weapons and vehicles taken along, with their counts when given."""
    if not data.weapon_cue.search(clause):
        return []
    out: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    hits = sorted(
        ((m, item) for item, rx in data.weapons for m in rx.finditer(clause)),
        key=lambda h: (-(h[0].end() - h[0].start()), h[0].start()),
    )
    cue, articles = _cues(data), data.rule("indefinite-one").words
    for m, item in hits:
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if cue["arms"].fullmatch(m.group(0)) and cue["laid_down"].search(clause[: m.start()]):
            continue  # "laid down their arms" is the act, not equipment taken along
        taken.append((m.start(), m.end()))
        got = cue["count_before"].search(clause[max(0, m.start() - 40) : m.start()])
        count = (1 if got.group(1).lower() in articles else parse_number(got.group(1), data)) if got else None
        if count is None and cue["his"].search(clause[max(0, m.start() - 30) : m.start()]):
            count = 1  # "his Mi-17 helicopter"
        out.append({"item": item, "count": count, "_at": m.start()})
    out.sort(key=lambda w: int(w.pop("_at")))
    return out
