"""Generic side phrases (``generic_sides.yaml``): words that name a role, not a party.

    roles = load_generic_sides()
    roles.role_of("the rebels")            -> "rebels"
    roles.role_of("fuerzas gubernamentales") -> "government"
    roles.role_of("Free Syrian Army")      -> None     (a name, not a role)
    roles.label("government")              -> "government forces"
    roles.kinds("militants")               -> ("jihadist", "insurgent", ...)

Used by :mod:`sideswitch.resolve.roles` to resolve such a side to a party. Matching ignores
case, accents and punctuation, after the leading ``drop`` words of any language are taken off.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .honorifics import ascii_text
from .loader import Lines, load_yaml

__all__ = ["GenericSides", "load_generic_sides", "GENERIC_SIDES_SCHEMA"]

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
GENERIC_SIDES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["roles", "phrases", "drop"],
    "properties": {
        "roles": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["label", "kinds"],
                "properties": {
                    "label": {"type": "string", "minLength": 1},
                    "kinds": {**_WORDS, "minItems": 1},
                    "government": {"type": "boolean"},
                },
            },
        },
        "phrases": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": _WORDS}},
        "drop": {"type": "object", "additionalProperties": _WORDS},
    },
}


def _cross_checks(data: Any, lines: Lines) -> list[tuple[int | None, str]]:
    """A phrase under an unknown role or under two roles; a kind the party lexicon does not know."""
    from .parties import KINDS

    out: list[tuple[int | None, str]] = []
    if not isinstance(data, dict):
        return out
    roles: dict[str, Any] = data["roles"] if isinstance(data.get("roles"), dict) else {}
    for role, spec in roles.items():
        for i, kind in enumerate(spec.get("kinds") or [] if isinstance(spec, dict) else []):
            if kind not in KINDS:
                out.append((lines.of(("roles", role, "kinds", i)), f"role '{role}': unknown party kind '{kind}'"))
    for lang, by_role in (data.get("phrases") or {}).items():
        seen: dict[str, str] = {}
        for role, phrases in (by_role or {}).items():
            if role not in roles:
                out.append((lines.of(("phrases", lang, role)), f"phrases of unknown role '{role}'"))
            for i, phrase in enumerate(phrases or []):
                other = seen.setdefault(ascii_text(str(phrase)), role)
                if other != role:
                    out.append(
                        (
                            lines.of(("phrases", lang, role, i)),
                            f"phrase '{phrase}' is listed under '{other}' and '{role}'",
                        )
                    )
    return out


@dataclass(frozen=True)
class GenericSides:
    """The roles, and every phrase (normalised) that names one."""

    roles: dict[str, dict[str, Any]]
    phrases: dict[str, str]  # normalised phrase -> role
    drop: frozenset[str]

    def role_of(self, name: str | None) -> str | None:
        """The role a side's name stands for, or None when it names something else."""
        words = ascii_text(name or "").split()
        while words and words[0] in self.drop and " ".join(words) not in self.phrases:
            words = words[1:]
        return self.phrases.get(" ".join(words))

    def label(self, role: str) -> str:
        return str(self.roles[role]["label"])

    def kinds(self, role: str) -> tuple[str, ...]:
        return tuple(self.roles[role]["kinds"])

    def is_government(self, role: str) -> bool:
        return bool(self.roles[role].get("government"))


def load_generic_sides(path: str | Path | None = None) -> GenericSides:
    """The generic side phrases: the shipped data (cached) or a file.

    Raises :class:`~sideswitch.errors.LexiconError` listing every problem with its line.
    """
    return _shipped() if path is None else _read(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> GenericSides:
    return _read(None)


def _read(path: Path | None) -> GenericSides:
    data = load_yaml(path or "generic_sides.yaml", GENERIC_SIDES_SCHEMA, check=_cross_checks)
    phrases = {ascii_text(p): role for by_role in data["phrases"].values() for role, ps in by_role.items() for p in ps}
    drop = frozenset(ascii_text(w) for words in data["drop"].values() for w in words)
    return GenericSides(dict(data["roles"]), phrases, drop)
