"""Every knowledge file checked at once (``sideswitch lexicon check``).

Each file under ``lexicon/data`` is read by its own loader, which validates it
against its schema and its cross-checks; the problems of all files are
gathered instead of stopping at the first file that has some::

    check_lexicon()                   -> []  (the shipped data)
    check_lexicon(Path("my-data"))    -> [Problem("dates/en.yaml", 12, "unknown key 'monht' ..."), ...]

``data_dir`` is a copy of ``lexicon/data`` (same layout), for checking edits
before they are shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from . import languages
from ._countries import CountryNames
from .dateholidays import parse_holidays
from .datewords import compile_date_words
from .frames import load_frames
from .generic_sides import load_generic_sides
from .honorifics import read_honorifics
from .langdata import load_language_data
from .loader import data_path, load_yaml
from .parties import load_parties
from .placedata import read_countries, read_cues, read_stopwords, read_variants

__all__ = ["Problem", "check_lexicon"]


@dataclass(frozen=True)
class Problem:
    """One problem in one knowledge file (``line`` is None when it has no line)."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}" + (f" line {self.line}" if self.line else "") + f": {self.message}"


def check_lexicon(data_dir: Path | None = None) -> list[Problem]:
    """The problems of every knowledge file, in file order; empty when all are valid."""
    root = Path(data_dir) if data_dir is not None else Path(str(data_path()))
    problems: list[Problem] = []
    checks = _checks(root)
    names = {name for name, _ in checks}
    for name, read in checks:
        try:
            read()
        except LexiconError as e:
            if e.filename != name and e.filename in names:
                continue  # a file another one reads (extract/<lang>.yaml reads frames/<lang>.yaml): told once
            problems += [
                Problem(_short(e.filename, root) if name == "parties/" else name, line, msg) for line, msg in e.problems
            ]
        except OSError as e:
            problems.append(Problem(name, None, f"cannot be read ({e})"))
    return problems


def _short(filename: str, root: Path) -> str:
    """A file name relative to the data folder when it is inside it."""
    return filename[len(str(root)) + 1 :] if filename.startswith(str(root) + "/") else filename


def _checks(root: Path) -> list[tuple[str, Callable[[], Any]]]:
    """(file name, reader) for every knowledge file under ``root``."""
    places = root / "places"
    out: list[tuple[str, Callable[[], Any]]] = [
        ("languages.yaml", lambda: load_yaml(root / "languages.yaml", languages.SCHEMA, filename="languages.yaml")),
        ("honorifics.yaml", lambda: read_honorifics(root / "honorifics.yaml")),
        ("generic_sides.yaml", lambda: load_generic_sides(root / "generic_sides.yaml")),
        ("parties/_countries.yaml", lambda: CountryNames.load(root / "parties" / "_countries.yaml")),
        ("parties/", lambda: load_parties(root / "parties")),
        ("dates/holidays.yaml", lambda: parse_holidays((root / "dates" / "holidays.yaml").read_text("utf-8"))),
        ("places/cues.yaml", lambda: read_cues(places / "cues.yaml")),
        ("places/stopwords.yaml", lambda: read_stopwords(places / "stopwords.yaml")),
        ("places/countries.yaml", lambda: read_countries(places / "countries.yaml")),
        (
            "places/variants.yaml",
            lambda: read_variants(places / "variants.yaml", read_countries(places / "countries.yaml")[1]),
        ),
    ]
    for path in sorted((root / "extract").glob("*.yaml")):
        name = f"extract/{path.name}"
        out.append((name, partial(load_language_data, path, filename=name)))
    for path in sorted((root / "frames").glob("*.yaml")):
        name = f"frames/{path.name}"
        out.append((name, partial(load_frames, path, filename=name)))
    for path in sorted((root / "dates").glob("*.yaml")):
        if path.name != "holidays.yaml":
            name = f"dates/{path.name}"
            out.append((name, partial(compile_date_words, path.read_text("utf-8"), name)))
    return out
