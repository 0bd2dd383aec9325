"""Places named in text: countries, provinces/states (admin1) and towns.

    "in the remote province of Sar-e-Pol"       -> admin1 Sar-e Pol, Afghanistan
    "fighting near Asadabad"                    -> place Asadabad, admin1 Konar, Afghanistan
    "Saripul" / "Sar-i-Pul" / "Sari Pul"        -> the same admin1 as "Sar-e Pol"
    "across the border in Cúcuta"               -> place Cucuta, Norte de Santander, Colombia
    "Kharkiv oblast" / "Borno State"            -> admin1 (the suffix decides the level)
    "Gen. Farah", "Abdul Hai said", "in May"    -> nothing (title, personal name, month)

Precision comes first. A town is reported only with a locative cue ("in",
"near", "the town of", "X district"), a country hint that agrees, an admin1
unit of its own named elsewhere in the text, or a population of a big city.
Names after titles, before speech verbs, next to other capitalised name-like
words, or listed as common words / personal names are left alone.
The word lists are data (``lexicon/data/places/*.yaml``); the tables are
GeoNames (see ``PROVENANCE.md`` there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon.gazetteer import DATA_DIR, Tables, exact_key, fold, near, phonetic_key
from ..lexicon.markers import markers

__all__ = ["Place", "Gazetteer"]

MAX_TOKENS = 6  # longest name tried, in tokens ("Kokang Self-Administered Zone" is 3)
BIG_CITY = 300_000  # a town this big needs no cue ("Kabul", "Aleppo")
FOREIGN_MIN = 200_000  # outside the hinted/mentioned countries a town must be this big
CONTEXT_MIN = 5_000  # a town of a mentioned (not hinted) country needs no cue above this
SHORT_KEY = 3  # names this short (after folding) need a strong cue ("the town of Ira")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’`][^\W\d_]+)*")
_ELIDED = re.compile(r"[a-z]['’](?=[^\W\d_])")  # "l'Ouham-Pendé", "d'Ansongo": an article joined to a name
_ARTICLE_CAP = re.compile(r"[a-z]{1,3}[-'’][A-Z]")  # "ez-Zor", "al-Zour" inside a name
_SENTENCE_END = re.compile(r"[.!?:;\"“”(\[]\s*$")
_KIND_RANK = {
    None: {"country": 3, "admin1": 2, "place": 1},
    "admin1": {"admin1": 3, "country": 2, "place": 0},
    "place": {"place": 3, "admin1": 1, "country": 0},
}


@dataclass(frozen=True)
class Place:
    """One place mention, or one gazetteer entry (then ``surface`` is the name looked up)."""

    place: str | None
    admin2: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    surface: str
    start: int
    end: int

    def to_contract(self) -> dict:
        """The contract's ``location`` object."""
        return {
            "place": self.place,
            "admin2": self.admin2,
            "admin1": self.admin1,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }


@dataclass
class _Span:
    start: int  # first token
    stop: int  # one past the last token of the name
    key: str
    want: str | None = None  # "admin1" / "place": what a suffix or "<noun> of" asks for
    strong: bool = False  # a suffix or "<noun> of" cue
    locative: bool = False  # "in", "near", a list continued from a place
    end: int = 0  # char end, the suffix included


class Gazetteer:
    """Countries, admin1 units and towns of the world, matched in text.

    >>> g = Gazetteer.default()
    >>> g.lookup("Mazar-i-Sharif").admin1, g.country_of("Burmese"), g.country_of("Kyiv")
    ('Balkh', 'Myanmar', 'Ukraine')
    """

    def __init__(self, data_dir: Path | str = DATA_DIR):
        self.data_dir = Path(data_dir)
        self._tables: Tables | None = None

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the installed data, one per process; tables load on first use."""
        return _default()

    def __reduce__(self):
        return (_default, ()) if self.data_dir == DATA_DIR else (Gazetteer, (self.data_dir,))

    @property
    def tables(self) -> Tables:
        if self._tables is None:
            self._tables = Tables(self.data_dir)
        return self._tables

    # --- public API ---------------------------------------------------------

    def find(self, text: str, country_hint: str | None = None, demonyms: bool = False) -> list[Place]:
        """Every place mention in ``text``, in order, non-overlapping, longest first.

        ``country_hint`` (a name, code or demonym) admits towns of that country
        without a cue and wins ties; ``demonyms=True`` also reports "Syrian" as Syria.
        """
        toks = [
            (m.start(), m.end() - 2 if m.group().endswith(("'s", "’s")) else m.end(), m.group())
            for m in _TOKEN.finditer(text)
        ]
        toks = _split_elided(toks)
        hints = frozenset({self.tables.cc(country_hint)} - {None})
        mentioned, a1_mentioned = self._context(toks, text, hints)
        out, i, last = [], 0, None
        while i < len(toks):
            hit = self._match_at(text, toks, i, hints, mentioned | hints, a1_mentioned, last, demonyms)
            if hit is None:
                i += 1
                continue
            span, kind, ref = hit
            out.append(self._place(kind, ref, text[toks[span.start][0] : span.end], toks[span.start][0], span.end))
            last, i = out[-1], span.stop
        return out

    def lookup(self, name: str, country_hint: str | None = None) -> Place | None:
        """One name -> its best entry ("Kunar province" asks for the admin1 unit)."""
        t, words, surface, want = self.tables, name.split(), name, None
        cands: Sequence[tuple[str, object]] = t.candidates(
            exact_key(name), name, True, sounds=False
        )  # "Kyiv Oblast" as listed
        if not cands and len(words) > 1 and fold(words[-1]) in t.cues["admin1_words"]:
            want, name = "admin1", " ".join(words[:-1])
        elif not cands and len(words) > 2 and fold(words[1]) == "of" and fold(words[0]) in t.cues["admin1_words"]:
            want, name = "admin1", " ".join(words[2:])
        cands = cands or t.candidates(exact_key(name), name, True, want) or t.fuzzy(name)
        if not cands:
            return None
        hints = {self.tables.cc(country_hint)} - {None}
        kind, ref = self._pick(cands, want, hints, set(), set(), exact_key(name))
        return self._place(kind, ref, surface, 0, len(surface))

    def country_of(self, name: str, strict: bool = False) -> str | None:
        """Country named, or implied by a demonym or a town: "Afghan" -> "Afghanistan".
        ``strict``: country names and demonyms only (no town lookup)."""
        cc = self.tables.cc(name)
        if cc is None and not strict and len(exact_key(name)) > 3:
            got = self.lookup(name)
            return got.country if got else None
        return self.tables.countries.get(cc) if cc else None

    def capital_of(self, name: str) -> str | None:
        """The country whose capital is ``name`` ("Riyadh" -> "Saudi Arabia"): in "defected to
        Riyadh" a capital stands for its state."""
        cc = self.tables.capitals.get(exact_key(name))
        return self.tables.countries.get(cc) if cc else None

    def admin1_centroid(self, country: str, admin1: str) -> tuple[float, float] | None:
        """Mean position of the GeoNames towns of an admin1 unit, or None when unknown."""
        t, cc = self.tables, self.tables.cc(country)
        got = [r for r in t.a1_keys.get(exact_key(admin1), ()) if t.a1_cc[r] == cc]
        got = got or [
            r for r in t.a1_sounds.get(phonetic_key(admin1), ()) if t.a1_cc[r] == cc and near(admin1, t.a1_name[r])
        ]
        for r in got:
            if t.a1_lat[r] is not None:
                return (t.a1_lat[r], t.a1_lon[r])  # type: ignore[return-value]  # a1_lon is set with a1_lat
        return None

    # --- matching -----------------------------------------------------------

    def _context(self, toks, text, hints: frozenset = frozenset()) -> tuple[set[str], set[int]]:
        """Countries (names, demonyms, unambiguous admin1 units) and admin1 units named in the text.
        A bare admin1 name of a country other than the hinted one names no country: it may be a
        town of the hinted country ("Mohmand Agency's Safi tehsil" is no Maltese unit; golden:
        foreign-unit-name-is-no-country)."""
        t = self.tables
        ccs: set[str] = set()
        a1s: set[int] = set()
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                if not toks[i][2][:1].isupper():
                    continue
                surface = text[toks[i][0] : toks[i + n - 1][1]]
                key = exact_key(surface)
                cc = self.tables.cc(surface) if n == 1 or " " in surface else None
                if key in t.stop or (len(key) < SHORT_KEY and not cc):
                    continue
                units = t.a1_keys.get(key, ())
                if cc:
                    ccs.add(cc)
                elif units and len({t.a1_cc[r] for r in units}) == 1:
                    if not hints or t.a1_cc[units[0]] in hints or n > 1:
                        ccs.add(t.a1_cc[units[0]])
                    a1s.update(units)
        return ccs, a1s

    def _match_at(self, text, toks, i, hints, known, a1_known, last, demonyms):
        """The longest acceptable name starting at token ``i``, as (span, kind, ref)."""
        if not toks[i][2][:1].isupper() or self._after_title(text, toks, i):
            return None
        t = self.tables
        for stop in range(min(len(toks), i + MAX_TOKENS), i, -1):
            if not self._well_formed(text, toks, i, stop):
                continue
            surface = text[toks[i][0] : toks[stop - 1][1]]
            span = _Span(i, stop, exact_key(surface), end=toks[stop - 1][1])
            self._read_cues(text, toks, span, last)
            # a listed spelling with its suffix first ("Kyiv Oblast", "Kokang region")
            cands = list(
                t.candidates(exact_key(text[toks[i][0] : span.end]), surface, demonyms, sounds=False)
                if span.end > toks[stop - 1][1]
                else ()
            )
            # "An Afghanistan..." must not sound like "Afghanistan": no sound match after a common word
            sounds = stop == i + 1 or exact_key(toks[i][2]) not in t.stop
            cands = cands or list(t.candidates(span.key, surface, demonyms, span.want, sounds, frozenset(known)))
            if (
                span.want == "admin1"
                and not any(k == "admin1" for k, _ in cands)
                and len(span.key) >= 5
                and span.key not in t.demonym_keys
            ):
                cands += t.fuzzy_admin1(surface, known)
            if not cands:
                continue
            kind, ref = self._pick(cands, span.want, hints, known, a1_known, span.key)
            if self._accept(text, toks, span, kind, ref, hints, known, a1_known):
                return span, kind, ref
        return None

    def _well_formed(self, text, toks, i, stop) -> bool:
        """Tokens joined by single spaces/hyphens; inner lower-case words only connectors."""
        connectors = self.tables.cues["connectors"]
        for k in range(i + 1, stop):
            if text[toks[k - 1][1] : toks[k][0]] != " " or toks[k - 1][1] != toks[k - 1][0] + len(toks[k - 1][2]):
                return False
            word = toks[k][2]
            if not word[:1].isupper() and fold(word) not in connectors and not _ARTICLE_CAP.match(word):
                return False
        last = toks[stop - 1][2]
        return last[:1].isupper() or bool(_ARTICLE_CAP.match(last))

    def _read_cues(self, text, toks, span: _Span, last: Place | None) -> None:
        """Fill the span's suffix ("province", "district") and prefix ("in", "town of") cues."""
        cues = self.tables.cues
        after = toks[span.stop : span.stop + 3]
        for n in (3, 2, 1):
            if len(after) >= n and not text[span.end : after[0][0]].strip():
                phrase = fold(text[after[0][0] : after[n - 1][1]])
                if phrase in cues["admin1_words"] or phrase in cues["admin2_words"]:
                    span.want = "admin1" if phrase in cues["admin1_words"] else "place"
                    span.strong, span.end = True, after[n - 1][1]
                    break
        words: list[str] = []
        k = span.start - 1
        while k >= 0 and len(words) < 5 and not text[toks[k][1] : toks[k + 1][0]].strip(" "):
            words.insert(0, fold(toks[k][2]))
            k -= 1
        while words and words[-1] in cues["modifiers"] and words[-1] not in cues["place_nouns"]:
            words.pop()
        if len(words) >= 2 and words[-1] == "of" and words[-2] in cues["place_nouns"]:
            span.strong = True
            span.want = span.want or ("admin1" if words[-2] in cues["admin1_words"] else "place")
        if words and (words[-1] in cues["locative"] or " ".join(words[-2:]) in cues["locative"]):
            span.locative = True
        if last is not None and markers().place_chain.fullmatch(text[last.end : toks[span.start][0]]):
            span.locative = True

    def _after_title(self, text, toks, i) -> bool:
        """Token ``i`` follows a title: "Gen. Kandahar", "Mullah Mirwais", "Lt Gen X"."""
        if i == 0 or text[toks[i - 1][1] : toks[i][0]].strip(". ") or "\n" in text[toks[i - 1][1] : toks[i][0]]:
            return False
        titles = self.tables.cues["titles"]
        two = fold(text[toks[i - 2][0] : toks[i - 1][1]]) if i >= 2 else ""
        return fold(toks[i - 1][2]) in titles or two in titles

    def _name_like(self, toks, k) -> bool:
        """Whether token ``k`` reads as part of a personal name (capitalised, not a cue or common word)."""
        if k < 0 or k >= len(toks) or not toks[k][2][:1].isupper():
            return False
        t, key = self.tables, fold(toks[k][2])
        if t.stop.get(exact_key(key)) in ("common_words", "organisations"):
            return False
        return not any(
            key in t.cues[c]
            for c in (
                "locative",
                "modifiers",
                "facility_words",
                "admin1_words",
                "admin2_words",
                "place_nouns",
                "connectors",
            )
        )

    def _accept(self, text, toks, span, kind, ref, hints, known, a1_known) -> bool:
        """Precision rules: is this mention really the place ``(kind, ref)``?"""
        t = self.tables
        stop = t.stop.get(span.key)
        if span.want == "admin1" and kind == "place" and ref not in t.admin2_level:
            return False  # "Alliance territory" is no admin1 unit
        fits = span.strong and span.want == kind  # "Delta State", "Bay district"
        if stop == "organisations" or (stop == "common_words" and not fits):
            return False
        nxt = next((tk for tk in toks[span.stop : span.stop + 4] if tk[0] >= span.end), None)
        nxt = fold(nxt[2]) if nxt and not text[span.end : nxt[0]].strip() else ""
        if nxt in t.cues["speech_verbs"] and kind != "country" and not (span.locative or span.strong):
            return False  # "Farah said"
        if nxt in t.cues["group_words"] and kind != "country":
            return False  # "the Arakan Army" names a group
        beside_name = self._beside_name(text, toks, span)
        if kind == "country":  # "Us" is no U.S.; "Jordan Smith" no Jordan
            short = len(span.key) <= SHORT_KEY and not re.fullmatch(r"[A-Z.]+", toks[span.start][2])
            return not short and not (beside_name and stop == "personal_names")
        if (beside_name or stop == "personal_names") and not span.strong:
            return False
        cc, pop, a1, name = self.tables.facts(kind, ref)
        agrees = cc in hints or cc in known
        if kind == "admin1":
            return span.strong or agrees or span.locative or (not known and len(span.key) > SHORT_KEY + 1)
        if len(span.key) <= SHORT_KEY and not span.strong:
            return False
        surface = text[toks[span.start][0] : toks[span.stop - 1][1]]
        main_name = (span.key, ref) in t.own_names or _spelling_of(surface, name)
        if known and cc not in known:  # abroad: only big cities, by their own name
            return pop >= FOREIGN_MIN and main_name and (span.strong or span.locative)
        if not main_name and not (agrees or span.strong):  # "Khanabad" is also an old name of Taloqan
            return False
        return (
            span.strong
            or span.locative
            or cc in hints
            or a1 in a1_known
            or (agrees and pop >= CONTEXT_MIN)
            or pop >= BIG_CITY
        )

    def _beside_name(self, text, toks, span: _Span) -> bool:
        """A name-like capitalised word right before or after: "Farah Ahmed", "Abdul Hai"."""
        after, before = span.stop, span.start - 1
        glued_after = after < len(toks) and text[toks[after - 1][1] : toks[after][0]] == " "
        glued_before = before >= 0 and text[toks[before][1] : toks[span.start][0]] == " "
        return (glued_after and span.end == toks[after - 1][1] and self._name_like(toks, after)) or (
            glued_before and self._name_like(toks, before) and not _SENTENCE_END.search(text[: toks[before][0]])
        )

    def _pick(self, cands, want, hints, known, a1_known, key: str = "") -> tuple[str, object]:
        """Best candidate: countries first, then agreeing country, wanted level, mention, size."""
        rank = _KIND_RANK[want]
        facts = {c: self.tables.facts(*c) for c in cands}

        def score(c):
            cc, pop, a1, _ = facts[c]
            mentioned = c[0] == "place" and a1 in a1_known
            return (
                c[0] == "country" and want is None,
                cc in hints,
                cc in known,
                rank[c[0]],
                mentioned,
                exact_key(facts[c][3]) == key,
                pop,
            )

        kind, ref = max(facts, key=score)
        if kind == "admin1" and want is None:  # "Kunduz" alone: the city, which lies in Kunduz
            towns = [c for c in facts if c[0] == "place" and facts[c][2] == ref]
            if towns:
                return max(towns, key=lambda c: facts[c][1])
        return kind, ref

    def _place(self, kind: str, ref, surface: str, start: int, end: int) -> Place:
        t = self.tables
        if kind == "country":
            lat, lon = t.country_centre(ref)
            return Place(None, None, None, t.countries[ref], lat, lon, "country", surface, start, end)
        if kind == "admin1":
            return Place(
                None,
                None,
                t.a1_name[ref],
                t.countries.get(t.a1_cc[ref]),
                t.a1_lat[ref],
                t.a1_lon[ref],
                "admin1",
                surface,
                start,
                end,
            )
        name, cc, a1, admin2, lat, lon, _ = t.place(ref)
        admin1, country = t.a1_name[a1] if a1 >= 0 else None, t.countries.get(cc)
        if fold(cc) in t.cues["province_at_admin2"]:  # "Surigao del Sur", not its region
            if ref in t.admin2_level:
                return Place(None, None, _unprefixed(name, t), country, lat, lon, "admin1", surface, start, end)
            if admin2:
                return Place(name, None, _unprefixed(admin2, t), country, lat, lon, "place", surface, start, end)
        if ref in t.admin2_level:
            return Place(None, name, admin1, country, lat, lon, "admin2", surface, start, end)
        return Place(name, admin2, admin1, country, lat, lon, "place", surface, start, end)


def _unprefixed(admin2: str, t: Tables) -> str:
    """ "Province of Samar" -> "Samar" (the prefixes are data: cues.yaml admin2_prefixes)."""
    words = admin2.split()
    for n in (3, 2):
        if len(words) > n and fold(" ".join(words[:n])) in t.cues["admin2_prefixes"]:
            return " ".join(words[n:])
    return admin2


def _split_elided(toks: list) -> list:
    """ "de l'Ouham-Pendé" -> "de", "l'", "Ouham-Pendé"; not after a capitalised word ("Côte d'Ivoire")."""
    out: list = []
    for start, end, word in toks:
        if _ELIDED.match(word) and word[2:3].isupper() and not (out and out[-1][2][:1].isupper()):
            out.append((start, start + 2, word[:2]))
            start, word = start + 2, word[2:]
        out.append((start, end, word))
    return out


def _spelling_of(surface: str, name: str) -> bool:
    """Whether ``surface`` writes ``name`` (not another name of the same place)."""
    return exact_key(surface) == exact_key(name) or (
        phonetic_key(surface) == phonetic_key(name) and near(surface, name)
    )


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer(DATA_DIR)
