"""Conflict parties, their aliases and units, and finding them in text.

The data lives in ``lexicon/data/parties/<region>.yaml`` (format: ``data/README.md``)::

    lex = load_parties()
    [(m.surface, m.party.name, m.via) for m in lex.match("ANA soldiers joined the Taleban")]
        -> [("ANA", "Afghan government", "unit"), ("Taleban", "Taliban", "alias")]
    lex.match("the Free Syrian Army")[0].party.name    -> "Free Syrian Army"   (not "Syrian Army")
    lex.state_party("Afghanistan", 2013).name          -> "Afghan government"
    lex.state_party("Afghanistan", 2022).name          -> "Taliban"
    lex.get("Hizb-i-Islami").id                        -> "hezb-e-islami"

Periods. A party that changes role over time is several records sharing one
``same_party`` root: ``taliban`` (the movement, 1994-) has the records
``taliban-emirate-1996`` (state of Afghanistan 1996-2001) and ``taliban-emirate-2021``
(2021-), all named "Taliban". Records of one party may repeat each other's aliases.
With ``year=``, :meth:`PartyLexicon.match` returns the record of the party that
covers that year, preferring the one that started last ("Taliban", 2022 -> the
emirate record, kind ``state``); without a year, the record that lists the alias.

Where two periods share a year (the Republic fell in August 2021), :meth:`state_party`
gives the year to the government that held it first ("Afghanistan", 2021 -> Afghan
government). Without a year it returns the current government.

Country names (from pycountry and ``_countries.yaml``) of every country that has a
state party match too, ``via="country"``, resolved to :meth:`state_party` of that
year ("fled to Jordan" -> Jordan); without a year, a country whose government changed
(Afghanistan, Syria, Iraq, Libya) is not matched, rather than guessed. A match right after "anti-" is dropped
("anti-Taliban militia" does not name the Taliban).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sideswitch.errors import LexiconError
from sideswitch.lexicon._countries import COUNTRIES_FILE, CountryNames
from sideswitch.lexicon.loader import YamlDoc, cached, data_path, load_schema, validate_yaml
from sideswitch.lexicon.party_validator import check_parties
from sideswitch.lexicon.phrase_matcher import Hit, PhraseIndex, fold, is_acronym, phrase_key, tokenize

__all__ = ["Party", "PartyMatch", "PartyLexicon", "load_parties", "KINDS", "STATE_KINDS"]

KINDS = (
    "state",
    "insurgent",
    "rebel",
    "militia",
    "jihadist",
    "separatist",
    "opposition",
    "foreign_state",
    "paramilitary",
    "movement",
    "peace_process",
)
STATE_KINDS = ("state", "foreign_state")
NEGATING_PREFIXES = frozenset({"anti"})  # "anti-Taliban" is not a mention of the Taliban


@dataclass(frozen=True)
class Party:
    """One conflict party (or one period of it, see the module docstring)."""

    id: str
    name: str
    kind: str
    countries: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    state_of: str | None = None
    period: tuple[int | None, int | None] = (None, None)
    same_party: str | None = None  # id of the first record of the same party (other periods)
    note: str | None = None
    case_sensitive: tuple[str, ...] = ()  # names/aliases/units matched only with their exact case
    adversaries: tuple[str, ...] = ()  # ids of the parties it fights (the conflict's other side)
    outlets: tuple[str, ...] = ()  # outlets that speak for it (names or web domains): its "army" is "the army"

    @property
    def root(self) -> str:
        return self.same_party or self.id

    @property
    def side_state(self) -> str | None:
        """The country whose state side this party is on: a state, or that state's paramilitary
        forces ("Venezuelan National Guard"); None for every other kind."""
        if self.kind == "state":
            return self.state_of
        if self.kind == "paramilitary" and len(self.countries) == 1:
            return self.countries[0]
        return None

    def covers(self, year: int | None) -> bool:
        """Whether the party applies in ``year`` (always true for an unknown year)."""
        start, end = self.period
        return year is None or ((start is None or start <= year) and (end is None or year <= end))

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Party:
        period = tuple(rec.get("period") or (None, None))
        return cls(
            id=rec["id"],
            name=rec["name"],
            kind=rec["kind"],
            countries=tuple(rec["countries"]),
            aliases=tuple(rec.get("aliases") or ()),
            units=tuple(rec.get("units") or ()),
            state_of=rec.get("state_of"),
            period=period,
            same_party=rec.get("same_party"),
            note=rec.get("note"),
            case_sensitive=tuple(rec.get("case_sensitive") or ()),
            adversaries=tuple(rec.get("adversaries") or ()),
            outlets=tuple(rec.get("outlets") or ()),
        )


@dataclass(frozen=True)
class PartyMatch:
    party: Party
    surface: str  # the text as matched
    start: int
    end: int
    via: str  # "alias" (incl. the canonical name) | "unit" | "acronym" (an alias) | "country"


class PartyLexicon:
    """All parties, indexed for lookup and for matching in text."""

    def __init__(self, parties: Iterable[Party], countries: CountryNames | None = None):
        self.parties: tuple[Party, ...] = tuple(parties)
        self.countries = countries or _shipped_countries()
        self._by_id = {p.id: p for p in self.parties}
        self._order = {p.id: i for i, p in enumerate(self.parties)}
        self._groups: dict[str, list[Party]] = {}
        self._states: dict[str, list[Party]] = {}
        for p in self.parties:
            self._groups.setdefault(p.root, []).append(p)
            if p.state_of and p.kind in STATE_KINDS:
                self._states.setdefault(p.state_of, []).append(p)
        self._by_key: dict[str, Party] = {}  # phrase_key: acronyms keep their case
        self._by_fold: dict[str, Party] = {}
        self._index = PhraseIndex()
        self._outlets: dict[str, list[Party]] = {}  # folded outlet name or lower-case web domain -> parties
        for p in self.parties:
            for o in p.outlets:
                self._outlets.setdefault(o.lower() if "." in o else fold(o), []).append(p)
        self._build()

    def __len__(self) -> int:
        return len(self.parties)

    def _build(self) -> None:
        ordered = sorted(self.parties, key=lambda p: p.same_party is not None)  # roots first
        for p in ordered:
            self._remember(p.name, p)
            self._index.add(p.name, ("party", p.id, "alias"), p.name in p.case_sensitive)
        for p in ordered:
            for alias in p.aliases:
                self._remember(alias, p)
                via = "acronym" if is_acronym(alias) else "alias"
                self._index.add(alias, ("party", p.id, via), alias in p.case_sensitive)
            for unit in p.units:
                self._remember(unit, p)
                self._index.add(unit, ("party", p.id, "unit"), unit in p.case_sensitive)
        for country in self._states:
            for name in self.countries.variants(country) or (country,):
                self._index.add(name, ("country", country, "country"))

    def _remember(self, text: str, party: Party) -> None:
        self._by_key.setdefault(phrase_key(text), party)
        self._by_fold.setdefault(fold(text), party)

    # -- lookup ---------------------------------------------------------------------------------

    def voiced_by(self, outlet: str | None, url: str | None, year: int | None = None) -> Party | None:
        """The party an outlet speaks for (``outlets`` of the party records): by the outlet's
        name (case and diacritics ignored) or its web domain ("almasirah.net" and its subdomains)."""
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
        labels = host.split(".") if host else []
        keys = [fold(outlet)] if outlet else []
        keys += [".".join(labels[i:]) for i in range(len(labels) - 1)]  # the host and its parent domains
        for key in keys:
            found = next((p for p in self._outlets.get(key, ()) if p.covers(year)), None)
            if found is not None:
                return found
        return None

    def get(self, name_or_id: str) -> Party | None:
        """A party by id, canonical name, alias or unit (case, hyphens and diacritics ignored)."""
        return (
            self._by_id.get(name_or_id)
            or self._by_key.get(phrase_key(name_or_id))
            or self._by_fold.get(fold(name_or_id))
        )

    def same_side(self, a: str | None, b: str | None) -> bool:
        """Whether two party names stand for one side: the same party (any of its periods), or
        the state of one country (its government records and paramilitary forces)."""
        if not a or not b:
            return False
        if a == b:
            return True
        pa, pb = self.get(a), self.get(b)
        return bool(pa and pb and (pa.root == pb.root or (pa.side_state and pa.side_state == pb.side_state)))

    def adversary(self, party: str | None, year: int | None = None) -> Party | None:
        """The party's main adversary in ``year``: the first listed (on any record of the same
        party, or on the other side's record) that covers the year. An official renouncing the
        Gaddafi regime goes over to the rebels it fights."""
        p = self.get(party) if party else None
        if p is None:
            return None
        group = self.group(p)
        listed = [a for rec in group for a in rec.adversaries]
        listed += [q.id for q in self.parties if any(g.id in q.adversaries or g.root in q.adversaries for g in group)]
        for pid in listed:
            other = self._by_id.get(pid)
            if other is not None and other.covers(year):
                return other
        return None

    def group(self, party: Party) -> tuple[Party, ...]:
        """Every record of the same party (its periods), the root first."""
        return tuple(self._groups.get(party.root, (party,)))

    def for_country(self, country: str) -> list[Party]:
        """Parties active in ``country`` (any period), in data order."""
        canon = self.countries.canonical(country) or country
        return [p for p in self.parties if canon in p.countries]

    def state_party(self, country: str, year: int | None = None) -> Party | None:
        """The government side of ``country`` in ``year`` (the current one when year is None)."""
        canon = self.countries.canonical(country) or country
        found = [p for p in self._states.get(canon, ()) if p.covers(year)]
        if not found:
            return None
        if year is None:
            return max(
                found, key=lambda p: (p.period[1] is None, p.period[1] or 0, p.period[0] or -9999, p.kind == "state")
            )
        return min(found, key=lambda p: (p.kind != "state", p.period[0] or -9999))

    # -- matching -------------------------------------------------------------------------------

    def spans(self, text: str) -> list[Hit]:
        """The aliases :meth:`match` finds in ``text``, before it chooses their parties (which
        takes the year and country): a caller matching one text again with another country
        passes them back instead of searching the text again."""
        tokens = tokenize(text)

        def keep(hit: Hit) -> bool:
            if hit.first == 0:
                return True
            prev = tokens[hit.first - 1]
            return not (prev.folded in NEGATING_PREFIXES and text[prev.end : tokens[hit.first].start] in ("-", " "))

        return self._index.find(text, tokens, keep)

    def match(
        self, text: str, *, year: int | None = None, country: str | None = None, spans: list[Hit] | None = None
    ) -> list[PartyMatch]:
        """Every party mention in ``text``, non-overlapping, longest first, in text order.

        ``year`` picks the period record of a party and resolves country names;
        ``country`` breaks ties between parties sharing an ambiguous alias ("SNA");
        ``spans``: :meth:`spans` of ``text``, when the caller has them.
        """
        hint = (self.countries.canonical(country) or country) if country else None
        out = []
        for hit in self.spans(text) if spans is None else spans:
            chosen = self._resolve(hit.payloads, year, hint)
            if chosen:
                end = _tidy_end(text, hit.start, hit.end)
                out.append(PartyMatch(chosen[0], text[hit.start : end], hit.start, end, chosen[1]))
        return out

    def ambiguous(self, hit: Hit, year: int | None = None) -> bool:
        """The mention names parties of several countries in ``year`` ("FDS": Niger's, Mali's,
        Burkina Faso's...): it says nothing of where the story is until the country is known."""
        homes = {
            member.countries[0]
            for kind, ref, _via in hit.payloads
            if kind == "party"
            for member in self.group(self._by_id[ref])
            if member.covers(year)
        }
        return len(homes) > 1

    def _resolve(self, payloads: Iterable[Any], year: int | None, hint: str | None) -> tuple[Party, str] | None:
        options: list[tuple[Party, str, bool, bool, int]] = []
        for order, (kind, ref, via) in enumerate(payloads):
            if kind == "country":
                if year is None and len({q.root for q in self._states.get(ref, ())}) > 1:
                    continue  # which government? unknown without a year (Afghanistan, Syria, Libya...)
                p = self.state_party(ref, year)
                if p is not None:
                    options.append((p, via, True, True, order))
                continue
            listed = self._by_id[ref]
            for member in self.group(listed):
                options.append((member, via, member is listed, False, order))
        if not options:
            return None

        def rank(option: tuple[Party, str, bool, bool, int]) -> tuple[Any, ...]:
            p, _via, listed, from_country, order = option
            start = (p.period[0] or -9999) if year is not None else 0
            return (
                p.covers(year),
                bool(hint) and hint in p.countries,
                not from_country,
                start,
                listed,
                p.same_party is None,
                -order,
                -self._order[p.id],
            )

        best = max(options, key=rank)
        return best[0], best[1]


def _tidy_end(text: str, start: int, end: int) -> int:
    """Take in a closing bracket the match opened ("Task Force (MNJTF)") and the dot of "U.S."."""
    if end < len(text) and text[end] == ")" and text.count("(", start, end) > text.count(")", start, end):
        return end + 1
    if end < len(text) and text[end] == "." and end - start >= 2 and text[end - 2] == ".":
        return end + 1
    return end


# -- loading ------------------------------------------------------------------------------------


def load_parties(path: str | Path | None = None) -> PartyLexicon:
    """The party lexicon: the shipped data (cached) or a file / folder of region files."""
    if path is None:
        return _shipped()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> PartyLexicon:
    return _load(None)


@lru_cache(maxsize=1)
def _shipped_countries() -> CountryNames:
    """Validated and merged with pycountry once per content (loader.cached): a new process then
    needs neither the YAML check nor jsonschema."""
    from importlib.metadata import version

    texts = [data_path(f).read_text(encoding="utf-8") for f in (COUNTRIES_FILE, "schemas/countries.schema.yaml")]
    parts = ["countries", *texts, version("pycountry")]
    found: CountryNames = cached(parts, lambda: CountryNames.load(COUNTRIES_FILE))
    return found


def _load(path: Path | None) -> PartyLexicon:
    countries = _shipped_countries()
    if path is None:
        files: list[Traversable | Path] = sorted(
            (f for f in data_path("parties").iterdir() if f.name.endswith(".yaml") and not f.name.startswith("_")),
            key=lambda f: f.name,
        )
        label = "parties/"
    elif path.is_dir():
        files = sorted((f for f in path.glob("*.yaml") if not f.name.startswith("_")), key=lambda f: f.name)

        if (path / "_countries.yaml").is_file():
            countries = CountryNames.load(path / "_countries.yaml")
        label = str(path)
    else:
        files, label = [path], str(path)
    schema = load_schema("parties.schema.yaml")

    def records() -> list[dict[str, Any]]:
        docs = [validate_yaml(f, schema) for f in files]
        check_parties(docs, countries)
        _raise_problems(docs, label)
        return [r for d in docs for r in d.data["parties"]]

    texts = [f.read_text(encoding="utf-8") for f in files]  # validated once per content (loader.cached)
    found = cached(
        ["parties", json.dumps(schema, sort_keys=True, default=str), repr(sorted(countries.names.items()))] + texts,
        records,
    )
    return PartyLexicon((Party.from_record(r) for r in found), countries)


def _raise_problems(docs: list[YamlDoc], label: str) -> None:
    bad = [d for d in docs if d.problems]
    if len(bad) == 1:
        raise LexiconError(bad[0].filename, bad[0].problems)
    if bad:
        problems = [
            (None, f"{d.filename}" + (f" line {ln}" if ln else "") + f": {msg}") for d in bad for ln, msg in d.problems
        ]
        raise LexiconError(label, problems)
