"""Country names: pycountry plus the common English names news use (``parties/_countries.yaml``).

    names = CountryNames.load()
    names.canonical("Syrian Arab Republic")  -> "Syria"
    names.canonical("burma")                 -> "Myanmar"
    names.canonical("Syira")                 -> None;  names.suggest("Syira") -> "Syria"
    names.variants("Turkey")                 -> ("Turkey", "Türkiye", "Turkiye", "Republic of Türkiye")

The canonical form is the key in ``_countries.yaml`` where there is one, else pycountry's
common name, else its name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz import process

from sideswitch.lexicon.loader import Lines, load_schema, validate_yaml
from sideswitch.lexicon.phrase_matcher import fold

__all__ = ["CountryNames", "COUNTRIES_FILE"]

COUNTRIES_FILE = "parties/_countries.yaml"


@dataclass(frozen=True)
class CountryNames:
    by_key: dict[str, str]  # folded variant -> canonical
    names: dict[str, tuple[str, ...]]  # canonical -> variants (canonical first)

    @classmethod
    def load(cls, resource: str | Path | Traversable = COUNTRIES_FILE) -> CountryNames:
        doc = validate_yaml(resource, load_schema("countries.schema.yaml"), check=_check_countries)
        if doc.problems:
            from sideswitch.errors import LexiconError

            raise LexiconError(doc.filename, doc.problems)
        return cls.build(doc.data["countries"])

    @classmethod
    def build(cls, extras: dict[str, list[str]]) -> CountryNames:
        names: dict[str, list[str]] = {k: [k, *v] for k, v in extras.items()}
        by_key: dict[str, str] = {fold(n): k for k, vs in names.items() for n in vs}
        for c in pycountry.countries:
            own = [n for n in (getattr(c, "official_name", None), getattr(c, "common_name", None), c.name) if n]
            canonical = next((by_key[fold(n)] for n in own if fold(n) in by_key), None)
            if canonical is None:
                canonical = getattr(c, "common_name", None) or c.name
                names[canonical] = [canonical]
            for n in own:
                if fold(n) not in by_key:
                    by_key[fold(n)] = canonical
                    names[canonical].append(n)
        return cls(by_key, {k: tuple(dict.fromkeys(v)) for k, v in names.items()})

    def canonical(self, name: str) -> str | None:
        return self.by_key.get(fold(name))

    def variants(self, canonical: str) -> tuple[str, ...]:
        return self.names.get(canonical, ())

    def suggest(self, name: str) -> str | None:
        best = process.extractOne(name, list(self.names), score_cutoff=75)
        return best[0] if best else None


def _check_countries(data: Any, lines: Lines) -> Iterator[tuple[int | None, str]]:
    """A variant listed under two countries."""
    seen: dict[str, str] = {}
    for country, variants in ((data or {}).get("countries") or {}).items():
        for i, name in enumerate([country, *(variants or [])]):
            if not isinstance(name, str):
                continue
            key = fold(name)
            if key in seen and seen[key] != country:
                line = lines.key(("countries", country)) if i == 0 else lines.of(("countries", country, i - 1))
                yield line, f"country name '{name}' is listed under '{seen[key]}' and '{country}'"
            seen.setdefault(key, country)
