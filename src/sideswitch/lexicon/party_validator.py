"""Cross-record checks of party files (the schema checks each record alone).

Across every region file loaded together:
- ids are unique;
- a name, alias or unit names one party only, unless both records are periods of the
  same party (``same_party``) or both list it under ``ambiguous``;
- a name, alias or unit has letters or digits, and is not listed twice in one record;
- countries and ``state_of`` are canonical country names; kind ``state`` has a ``state_of``;
- ``ambiguous`` and ``case_sensitive`` list names of the record itself (written the same way);
- ``same_party`` names the first record of an existing party; a period does not end before it starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sideswitch.lexicon._countries import CountryNames
from sideswitch.lexicon.loader import YamlDoc
from sideswitch.lexicon.phrase_matcher import phrase_key, tokenize

__all__ = ["check_parties"]


@dataclass
class _Rec:
    doc: YamlDoc
    index: int
    data: dict[str, Any]

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else f"#{self.index + 1}"

    @property
    def root(self) -> str:
        same = self.data.get("same_party")
        return same if isinstance(same, str) else self.id

    def line(self, *path: Any) -> int | None:
        return self.doc.lines.of(("parties", self.index, *path))

    def where(self, other_doc: YamlDoc, *path: Any) -> str:
        """'line 12', or 'asia.yaml line 12' when the record is in another file."""
        ln = self.line(*path)
        return f"line {ln}" if self.doc is other_doc else f"{self.doc.filename} line {ln}"

    def names(self) -> Iterator[tuple[str, tuple[Any, ...], str]]:
        """(role, path, text) of the name, aliases and units."""
        if isinstance(self.data.get("name"), str):
            yield "name", ("name",), self.data["name"]
        for role, key in (("alias", "aliases"), ("unit", "units")):
            values = self.data.get(key)
            for j, text in enumerate(values if isinstance(values, list) else []):
                if isinstance(text, str):
                    yield role, (key, j), text

    def ambiguous(self) -> set[str]:
        values = self.data.get("ambiguous")
        return {phrase_key(v) for v in values if isinstance(v, str)} if isinstance(values, list) else set()


def check_parties(docs: list[YamlDoc], countries: CountryNames) -> None:
    """Add every cross-record problem to the ``problems`` of the doc it belongs to."""
    recs = [_Rec(doc, i, r) for doc in docs for i, r in enumerate(_records(doc)) if isinstance(r, dict)]
    by_id = _check_ids(recs)
    for rec in recs:
        _check_record(rec, by_id, countries)
    _check_names(recs)
    for doc in docs:
        doc.problems.sort(key=lambda p: (p[0] is not None, p[0] or 0))


def _records(doc: YamlDoc) -> list[Any]:
    data = doc.data
    parties = data.get("parties") if isinstance(data, dict) else None
    return parties if isinstance(parties, list) else []


def _problem(rec: _Rec, line: int | None, message: str) -> None:
    rec.doc.problems.append((line, message))


def _check_ids(recs: list[_Rec]) -> dict[str, _Rec]:
    by_id: dict[str, _Rec] = {}
    for rec in recs:
        if not isinstance(rec.data.get("id"), str):
            continue
        first = by_id.get(rec.id)
        if first:
            _problem(rec, rec.line("id"), f"duplicate id '{rec.id}' (first at {first.where(rec.doc, 'id')})")
        else:
            by_id[rec.id] = rec
    return by_id


def _check_record(rec: _Rec, by_id: dict[str, _Rec], countries: CountryNames) -> None:
    data = rec.data
    listed: list[Any] = data["countries"] if isinstance(data.get("countries"), list) else []
    for j, name in enumerate(listed):
        if isinstance(name, str):
            _check_country(rec, rec.line("countries", j), name, countries)
    state_of, kind = data.get("state_of"), data.get("kind")
    if isinstance(state_of, str):
        _check_country(rec, rec.line("state_of"), state_of, countries)
        if kind not in ("state", "foreign_state"):
            _problem(rec, rec.line("state_of"), f"state_of is only for kinds state and foreign_state, not '{kind}'")
        elif state_of not in listed:
            _problem(rec, rec.line("state_of"), f"state_of '{state_of}' should also be listed in countries")
    elif kind == "state":
        _problem(rec, rec.line("kind"), "kind 'state' needs state_of (the country whose government it is)")
    period = data.get("period")
    if isinstance(period, list) and len(period) == 2 and all(isinstance(y, int) for y in period):
        if period[0] > period[1]:
            _problem(rec, rec.line("period"), f"period starts after it ends ({period[0]} > {period[1]})")
    same = data.get("same_party")
    if isinstance(same, str):
        target = by_id.get(same)
        if target is None or target is rec:
            _problem(rec, rec.line("same_party"), f"same_party '{same}' is not the id of another party")
        elif isinstance(target.data.get("same_party"), str):
            _problem(
                rec,
                rec.line("same_party"),
                f"same_party should name the first record of the party ('{target.root}'), not '{same}'",
            )
    for j, other in enumerate(data.get("adversaries") or []):
        if isinstance(other, str) and (by_id.get(other) is None or by_id.get(other) is rec):
            _problem(rec, rec.line("adversaries", j), f"adversary '{other}' is not the id of another party")
    mine = {text for _role, _path, text in rec.names()}
    for key in ("ambiguous", "case_sensitive"):
        values: list[Any] = data[key] if isinstance(data.get(key), list) else []
        for j, text in enumerate(values):
            if isinstance(text, str) and text not in mine:
                _problem(rec, rec.line(key, j), f"{key} '{text}' is not a name, alias or unit of this party")


def _check_country(rec: _Rec, line: int | None, name: str, countries: CountryNames) -> None:
    canon = countries.canonical(name)
    if canon is None:
        guess = countries.suggest(name)
        hint = f" (did you mean '{guess}'?)" if guess else " (use an English common name, e.g. 'Syria')"
        _problem(rec, line, f"unknown country '{name}'{hint}")
    elif canon != name:
        _problem(rec, line, f"country '{name}' should be written '{canon}'")


def _check_names(recs: list[_Rec]) -> None:
    seen: dict[str, tuple[_Rec, tuple[Any, ...], str]] = {}
    for rec in recs:
        own: dict[str, tuple[Any, ...]] = {}
        ambiguous = rec.ambiguous()
        for role, path, text in rec.names():
            line = rec.line(*path)
            if not tokenize(text):
                _problem(rec, line, f'{role} "{text}" has no letters or digits')
                continue
            key = phrase_key(text)
            if key in own:
                first = own[key]
                _problem(
                    rec,
                    line,
                    f'{role} "{text}" is listed twice in this party '
                    f'(as "{rec.data[first[0]] if len(first) == 1 else rec.data[first[0]][first[1]]}", '
                    f"line {rec.line(*first)})",
                )
                continue
            own[key] = path
            prior = seen.get(key)
            if prior is None:
                seen[key] = (rec, path, role)
                continue
            other, other_path, _ = prior
            if other.root == rec.root or (key in ambiguous and key in other.ambiguous()):
                continue
            _problem(
                rec,
                line,
                f'{role} "{text}" is listed under two parties: '
                f"'{other.id}' ({other.where(rec.doc, *other_path)}) and '{rec.id}'",
            )
