"""Event frames per language (``lexicon/data/frames/<lang>.yaml``), validated on load.

A frame is a lemma or multi-word expression ("defect", "break ties with", "se rendre"), the kind
of act it reports, and the dependency patterns that find its roles in a parse: who left
(``defector``), the side ``joined``, the side ``left``, the ``count`` of people, the ``place``
and the ``time``. A pattern is a spaCy ``DependencyMatcher`` pattern without its first node:
that node is the trigger's own token, named ``anchor`` (for a frame, a token whose lemma is one
of the frame's ``head`` lemmas; for a generic pattern, any token of the trigger, or the tokens
``anchor:`` describes). The node whose ``RIGHT_ID`` is the role's name is the role::

    - role: joined                     # "defected to the rebels": the object of "to"
      pattern:
        - {LEFT_ID: anchor, REL_OP: '>', RIGHT_ID: prep, RIGHT_ATTRS: {DEP: prep, LOWER: to}}
        - {LEFT_ID: prep, REL_OP: '>', RIGHT_ID: joined, RIGHT_ATTRS: {DEP: pobj}}

The role ``object`` (generic patterns only) is the trigger's bare direct object: the side joined
or left as the trigger says ("joined X", "deserted X"). ``labels`` names the dependency labels of
the language's annotation scheme (ClearNLP for English, Universal Dependencies for French and
Spanish) that the tree walk uses where no pattern applies.

This module checks the file's shape and the patterns' structure (every ``LEFT_ID`` defined
before use, the role's node present) and reports every problem with its line
(``LexiconError``). ``extract.syntax`` builds the matcher with the loaded pipeline's vocabulary,
which checks the attributes and operators, and raises ``ConfigError`` naming the file and the
frame of a pattern spaCy refuses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from ..errors import LexiconError
from .loader import Lines, cached, data_path, validate_yaml

__all__ = ["FrameData", "EventFrame", "RolePattern", "Labels", "ROLES", "load_frames", "frames_path", "SCHEMA"]

ROLES = ("defector", "joined", "left", "count", "place", "time", "object")
KINDS = ("defection", "surrender", "desertion")

_STR = {"type": "string", "minLength": 1}
_STRS = {"type": "array", "items": _STR}
_NODE = {
    "type": "object",
    "required": ["LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"],
    "additionalProperties": False,
    "properties": {"LEFT_ID": _STR, "REL_OP": _STR, "RIGHT_ID": _STR, "RIGHT_ATTRS": {"type": "object"}},
}
_PATTERN = {
    "type": "object",
    "required": ["role", "why", "pattern"],
    "additionalProperties": False,
    "properties": {
        "id": _STR,
        "role": {"enum": list(ROLES)},
        "why": _STR,
        "anchor": {"type": "object"},
        "bare": {"type": "boolean"},
        "pattern": {"type": "array", "minItems": 1, "items": _NODE},
    },
}
_LABELS = (
    "subject",
    "object",
    "prep",
    "prep_object",
    "oblique",
    "case",
    "climb",
    "phrase_cut",
    "core",
    "possessive",
    "relative_clause",
    "clause_modifier",
    "attribute",
    "copula",
    "nounish",
    "relative_pronouns",
    "copulas",
    "person_entities",
    "plural_tags",
)
SCHEMA = {
    "type": "object",
    "required": ["language", "labels", "generic", "frames"],
    "additionalProperties": False,
    "properties": {
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "labels": {
            "type": "object",
            "required": list(_LABELS),
            "additionalProperties": False,
            "properties": {k: _STRS for k in _LABELS},
        },
        "generic": {"type": "array", "items": _PATTERN},
        "frames": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "kind", "lemmas", "head", "why"],
                "additionalProperties": False,
                "properties": {
                    "id": _STR,
                    "kind": {"enum": list(KINDS)},
                    "lemmas": {**_STRS, "minItems": 1},
                    "head": {**_STRS, "minItems": 1},
                    "why": _STR,
                    "roles": {"type": "array", "items": _PATTERN},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Labels:
    """Dependency labels of one annotation scheme, by the part they play in the tree walk."""

    subject: frozenset[str]
    object: frozenset[str]
    prep: frozenset[str]  # ClearNLP: verb -prep-> "to" -pobj-> noun
    prep_object: frozenset[str]
    oblique: frozenset[str]  # UD: verb -obl-> noun -case-> "à"
    case: frozenset[str]
    climb: frozenset[str]  # relations the subject is looked for through ("offered to defect")
    phrase_cut: frozenset[str]  # what a side's phrase stops at (relative clauses, punctuation...)
    core: frozenset[str]  # the words that name a head noun ("Brig. Gen. X", "X, a commander")
    possessive: frozenset[str]
    relative_clause: frozenset[str]
    clause_modifier: frozenset[str]  # relative clauses and other clauses modifying a noun
    attribute: frozenset[str]  # "X is the second guard": the guard
    copula: frozenset[str]  # UD: the copula hangs off the predicate noun
    nounish: frozenset[str]  # parts of speech of a role's head
    relative_pronouns: frozenset[str]
    copulas: frozenset[str]  # lemmas
    person_entities: frozenset[str]  # the named-entity labels of a person ("PERSON", "PER")
    plural_tags: frozenset[str]  # fine-grained tags of a plural noun where the morphology has none

    def all(self) -> frozenset[str]:
        """Every dependency label named (parts of speech and words excluded)."""
        skip = {"nounish", "relative_pronouns", "copulas", "person_entities", "plural_tags"}
        return frozenset().union(*(getattr(self, k) for k in _LABELS if k not in skip))


@dataclass(frozen=True)
class RolePattern:
    """One pattern: ``nodes`` is the full DependencyMatcher pattern, the anchor node first."""

    key: str  # unique in the file: "frame/<id>/<n>" or "generic/<n>"
    frame: str | None  # None: a generic pattern
    role: str
    nodes: tuple[dict[str, Any], ...]
    role_node: int  # index in ``nodes`` of the role's token
    bare: bool  # the role's token governs no preposition ("case"): a direct object
    why: str
    line: int | None


@dataclass(frozen=True)
class EventFrame:
    id: str
    kind: str
    lemmas: tuple[str, ...]
    head: frozenset[str]  # lemmas of the trigger's head token
    why: str


@dataclass(frozen=True)
class FrameData:
    """A language's frames and patterns: frame patterns first (file order), then generic ones."""

    language: str
    filename: str
    labels: Labels
    frames: tuple[EventFrame, ...]
    patterns: tuple[RolePattern, ...]

    def frame_for(self, lemma: str) -> EventFrame | None:
        return next((f for f in self.frames if lemma in f.head), None)


def frames_path(lang: str) -> Any:
    return data_path("frames", f"{lang}.yaml")


def _structure(data: Any, lines: Lines) -> Iterator[tuple[int | None, str]]:
    """Pattern structure the schema cannot say: ids defined before use, the role's node present."""
    if not isinstance(data, dict):
        return
    ids = [f.get("id") for f in data.get("frames") or [] if isinstance(f, dict)]
    for i in {i for i in ids if ids.count(i) > 1}:
        yield None, f"frame id {i!r} is listed twice"
    for path, p in _patterns(data):
        nodes = p.get("pattern") if isinstance(p, dict) else None
        if not isinstance(nodes, list):
            continue
        known, role = {"anchor"}, p.get("role")
        for n, node in enumerate(nodes):
            if not isinstance(node, dict):
                continue
            if node.get("LEFT_ID") not in known:
                yield (
                    lines.of((*path, "pattern", n)),
                    f"{_where(path, data)}: LEFT_ID {node.get('LEFT_ID')!r} is not defined before",
                )
            if node.get("RIGHT_ID") in known:
                yield (
                    lines.of((*path, "pattern", n)),
                    f"{_where(path, data)}: RIGHT_ID {node.get('RIGHT_ID')!r} is used twice",
                )
            known.add(str(node.get("RIGHT_ID")))
        if role not in known:
            yield lines.of(path), f"{_where(path, data)}: no node has RIGHT_ID {role!r} (the role)"
        if role == "object" and path[0] == "frames":
            yield (
                lines.of(path),
                f"{_where(path, data)}: the role 'object' is for generic patterns; a frame names joined or left",
            )


def _patterns(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    for i, frame in enumerate(data.get("frames") or []):
        for j, p in enumerate(frame.get("roles") or [] if isinstance(frame, dict) else []):
            yield ("frames", i, "roles", j), p
    for j, p in enumerate(data.get("generic") or []):
        yield ("generic", j), p


def _where(path: tuple[Any, ...], data: dict[str, Any]) -> str:
    if path[0] == "frames":
        return f"frame {data['frames'][path[1]].get('id')!r} pattern {path[3] + 1}"
    return f"generic pattern {path[1] + 1}"


def load_frames(path: Any, filename: str) -> FrameData:
    """Read and check one frames file; every problem is reported at once (``LexiconError``). A
    file that checked is kept in the lexicon cache (:func:`loader.cached`), so a later process
    neither validates it again nor imports jsonschema."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, AttributeError):
        return _load_frames(path, filename)  # unreadable: the check reports it
    return cast(FrameData, cached(["frames", filename, text], lambda: _load_frames(path, filename)))


def _load_frames(path: Any, filename: str) -> FrameData:
    doc = validate_yaml(path, SCHEMA, filename=filename, check=_structure)
    if doc.problems:
        raise LexiconError(doc.filename, doc.problems)
    data, lines = doc.data, doc.lines
    lab = Labels(**{k: frozenset(data["labels"][k]) for k in _LABELS})
    frames = tuple(
        EventFrame(f["id"], f["kind"], tuple(f["lemmas"]), frozenset(f["head"]), f["why"]) for f in data["frames"]
    )
    patterns = []
    for path, p in _patterns(data):
        if path[0] == "frames":
            frame = data["frames"][path[1]]
            anchor: dict[str, Any] = {"LEMMA": {"IN": list(frame["head"])}, **p.get("anchor", {})}
            key, fid = f"frame/{frame['id']}/{path[3]}", frame["id"]
        else:
            anchor, key, fid = dict(p.get("anchor", {})), f"generic/{path[1]}", None
        nodes = ({"RIGHT_ID": "anchor", "RIGHT_ATTRS": anchor}, *p["pattern"])
        role_node = next(i for i, n in enumerate(nodes) if n["RIGHT_ID"] == p["role"])
        patterns.append(
            RolePattern(key, fid, p["role"], nodes, role_node, bool(p.get("bare")), p["why"], lines.of(path))
        )
    return FrameData(data["language"], filename, lab, frames, tuple(patterns))
