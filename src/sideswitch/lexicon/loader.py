"""Load a YAML knowledge file, validate it against a JSON schema, report every problem with its line.

Every lexicon file goes through here::

    data = load_yaml("parties/middle_east.yaml", schema)          # a resource under lexicon/data
    data = load_yaml(Path("my_parties.yaml"), schema, check=fn)   # a file, plus cross-record checks

Booleans are YAML 1.2's: only ``true``/``false``; ``yes``, ``no``, ``on``, ``off`` stay words
(the stopword "No", the country code ``NO``). ``text=`` parses a string instead of reading the
file (the first argument then only names it).

Problems are collected, never raised one by one: YAML syntax (its line), duplicate keys,
schema violations (the line of the offending node; the key's own line for an unknown key),
and whatever the ``check`` hook returns (``check(data, lines) -> [(line, message), ...]``,
e.g. duplicate ids). If there is any, :class:`~sideswitch.errors.LexiconError` lists them all::

    lexicon 'parties/africa.yaml' has 2 problems:
      - line 12: unknown kind 'defect' (expected: state, insurgent, ...)
      - line 30: missing required key 'countries'

:func:`validate_yaml` does the same without raising, for callers that check several
files together (the party lexicon checks aliases across all region files).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sideswitch.errors import LexiconError

if TYPE_CHECKING:
    from jsonschema import ValidationError

__all__ = ["load_yaml", "validate_yaml", "load_schema", "data_path", "cache_dir", "cached", "Lines", "YamlDoc"]

Problem = tuple["int | None", str]
Check = Callable[[Any, "Lines"], Iterable[Problem]]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes and marks, faster

_BOOL = "tag:yaml.org,2002:bool"
_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty (null)",
}


def data_path(*parts: str) -> Traversable:
    """Path of a resource inside ``sideswitch/lexicon/data`` (works from a wheel or a checkout)."""
    path = resources.files("sideswitch.lexicon") / "data"
    for part in parts:
        for piece in str(part).split("/"):
            path = path / piece
    return path


class Lines:
    """Line numbers (1-based) of the nodes of a parsed YAML file, by path: ``("parties", 3, "kind")``."""

    def __init__(self) -> None:
        self._value: dict[tuple[Any, ...], int] = {}
        self._key: dict[tuple[Any, ...], int] = {}

    def of(self, path: Iterable[Any]) -> int | None:
        """Line of the value at ``path``, else of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self._value and path:
            path = path[:-1]
        return self._value.get(path)

    def key(self, path: Iterable[Any]) -> int | None:
        """Line of the mapping key that introduces ``path`` (falls back to :meth:`of`)."""
        path = tuple(path)
        return self._key.get(path) or self.of(path)


@dataclass
class YamlDoc:
    """A parsed file: its data, the line of every node, and the problems found (empty: valid)."""

    filename: str
    data: Any
    lines: Lines
    problems: list[Problem] = field(default_factory=list)


def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped in ``lexicon/data/schemas/`` (``.yaml`` or ``.json``), checked as Draft 2020-12."""
    res = data_path("schemas", name)
    text = res.read_text(encoding="utf-8")

    def checked() -> dict[str, Any]:
        schema = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        from jsonschema import Draft202012Validator  # about 0.1 CPU-s: not when the cache answers

        Draft202012Validator.check_schema(schema)
        return dict(schema)

    return dict(cached(["schema", name, text], checked))


def load_yaml(
    path_or_resource: str | Path | Traversable,
    schema: dict[str, Any],
    *,
    filename: str | None = None,
    check: Check | None = None,
    text: str | None = None,
) -> Any:
    """Parse, validate and return the data of a YAML file; raise LexiconError listing every problem.

    A file that validated is kept, parsed, in the user's cache (:func:`cache_dir`), keyed by a hash
    of its text, the schema and the check: the next process reads it back without validating
    again. A cache that cannot be read or written is simply not used."""
    if text is None:
        try:
            source = _resolve(path_or_resource)[0]
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None  # validate_yaml reports it
    key = _cache_key(text, schema, check) if text is not None else None
    cached = _cache_read(key)
    if cached is not None:
        return cached[0]
    doc = validate_yaml(path_or_resource, schema, filename=filename, check=check, text=text)
    if doc.problems:
        raise LexiconError(doc.filename, doc.problems)
    _cache_write(key, doc.data)
    return doc.data


def cache_dir() -> Path | None:
    """Where validated lexicon files are kept: ``$SIDESWITCH_CACHE_DIR``, else ``sideswitch/lexicon``
    under ``$XDG_CACHE_HOME`` (``~/.cache``); None when ``SIDESWITCH_CACHE_DIR`` is empty (no cache)."""
    env = os.environ.get("SIDESWITCH_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sideswitch" / "lexicon"


def cached(parts: Iterable[str], build: Callable[[], Any]) -> Any:
    """``build()``, kept in the user's cache keyed by a hash of ``parts`` (the texts and settings the
    value is computed from; the lexicon code's digest is added): a later process reads it back. ``build``
    raising (a LexiconError) caches nothing."""
    h = hashlib.sha256()
    for part in (_code_digest(), *parts):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    key = h.hexdigest()
    hit = _cache_read(key)
    if hit is not None:
        return hit[0]
    value = build()
    _cache_write(key, value)
    return value


def _code_text(code: Any) -> str:
    """A code object's bytecode and constants, its nested code objects (a comprehension's) spelt
    the same way: their repr holds a memory address, which would change the key in every process."""
    consts = tuple(_code_text(c) if hasattr(c, "co_code") else c for c in code.co_consts)
    return repr((code.co_code, consts))


def _cache_key(text: str, schema: dict[str, Any], check: Check | None) -> str:
    code = getattr(check, "__code__", None)
    h = hashlib.sha256()
    for part in (
        _code_digest(),
        _LOADER.__name__,
        json.dumps(schema, sort_keys=True, default=str),
        getattr(check, "__qualname__", ""),
        _code_text(code) if code is not None else "",
        text,
    ):
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the lexicon package's code: what reads and checks the files (a changed loader
    or check must not be answered by an entry it did not make)."""
    h = hashlib.sha256()
    try:
        for f in sorted(Path(__file__).parent.glob("*.py")):
            h.update(f.read_bytes())
    except OSError:  # no readable sources (a frozen build): a key per process, so no entry is reused
        h.update(os.urandom(16))
    return h.hexdigest()


def _cache_read(key: str | None) -> tuple[Any] | None:
    folder = cache_dir()
    if key is None or folder is None:
        return None
    try:
        with open(folder / f"{key}.pickle", "rb") as f:
            return (pickle.load(f),)
    except Exception:  # noqa: BLE001  missing, unreadable or damaged: validate instead
        return None


def _cache_write(key: str | None, data: Any) -> None:
    folder = cache_dir()
    if key is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, folder / f"{key}.pickle")
    except Exception:  # noqa: BLE001  an unwritable cache only costs the next start its validation
        pass


def validate_yaml(
    path_or_resource: str | Path | Traversable,
    schema: dict[str, Any],
    *,
    filename: str | None = None,
    check: Check | None = None,
    text: str | None = None,
) -> YamlDoc:
    """Like :func:`load_yaml`, but return a :class:`YamlDoc` with the problems instead of raising."""
    if text is not None:
        source, name = None, str(path_or_resource)
    else:
        source, name = _resolve(path_or_resource)
    doc = YamlDoc(filename or name, None, Lines())
    try:
        if text is None:
            assert source is not None  # _resolve gives a source whenever no text is given
            text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        doc.problems.append((None, "file not found"))
        return doc
    except (OSError, UnicodeDecodeError) as exc:
        doc.problems.append((None, f"cannot be read ({exc})"))
        return doc
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        doc.problems.append((mark.line + 1 if mark else None, f"not valid YAML: {exc.problem or exc.context}"))
        return doc
    builder = _Builder(doc.lines, doc.problems)
    doc.data = builder.build(node, ()) if node is not None else None
    doc.problems.extend(schema_problems(doc.data, schema, doc.lines))
    if check is not None:
        doc.problems.extend(check(doc.data, doc.lines))
    doc.problems = _sorted_unique(doc.problems)
    return doc


def schema_problems(data: Any, schema: dict[str, Any], lines: Lines) -> list[Problem]:
    """Every violation of ``schema`` in ``data``, as ``(line, message)``."""
    from jsonschema import Draft202012Validator  # about 0.1 CPU-s: only when a file is validated

    out: list[Problem] = []
    for error in Draft202012Validator(schema).iter_errors(data):
        out.extend(_describe(error, lines))
    return out


# -- internals ---------------------------------------------------------------------------------


def _resolve(ref: str | Path | Traversable) -> tuple[Traversable | Path, str]:
    """The thing to read, and the name messages use (relative to lexicon/data when inside it)."""
    if isinstance(ref, str) and not Path(ref).exists() and not Path(ref).is_absolute():
        resource = data_path(ref)
        if resource.is_file():
            return resource, ref
    source = Path(ref) if isinstance(ref, str) else ref
    root, text = str(data_path()), str(source)
    if text.startswith(root + "/") or text.startswith(root + "\\"):
        return source, text[len(root) + 1 :].replace("\\", "/")
    return source, text


class _Builder:
    """Turns a composed node tree into Python data, recording lines and duplicate keys."""

    def __init__(self, lines: Lines, problems: list[Problem]) -> None:
        self.lines, self.problems, self.loader = lines, problems, yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self.lines._value[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag == _BOOL and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.2: yes/no/on/off are words
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problems.append((node.start_mark.line + 1, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
            return None
        finally:
            self.loader.constructed_objects.clear()

    def _mapping(self, node: yaml.MappingNode, path: tuple[Any, ...]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, path + ("<key>",)) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int | float | bool) or key is None:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "<complex key>"
            line = key_node.start_mark.line + 1
            if key in out:
                first = self.lines._key[path + (key,)]
                self.problems.append((line, f"duplicate key '{key}' (first at line {first})"))
                continue
            self.lines._key[path + (key,)] = line
            out[key] = self.build(value_node, path + (key,))
        self.lines._value.pop(path + ("<key>",), None)
        return out


def _label(path: tuple[Any, ...], lines: Lines) -> str:
    if not path:
        return "the file"
    last = path[-1]
    if path in lines._key and not isinstance(last, str):  # a mapping key such as a month number
        parent = path[-2] if len(path) > 1 and isinstance(path[-2], str) else None
        return f"{parent}.{last}" if parent else str(last)
    if isinstance(last, int):
        parent = next((p for p in reversed(path[:-1]) if isinstance(p, str)), "the list")
        return f"item {last + 1} of {parent}"
    return str(last)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__  # e.g. a YAML date


def _describe(error: ValidationError, lines: Lines) -> list[Problem]:
    path, kind, value = tuple(error.absolute_path), error.validator, error.instance
    label, at = _label(path, lines), lines.of(path)
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in known]
        hint = f" (expected one of: {', '.join(known)})" if known else ""
        return [(lines.key(path + (k,)), f"unknown key '{k}'{hint}") for k in extra]
    if kind == "required" and isinstance(value, dict):
        return [(at, f"missing required key '{k}'") for k in error.validator_value if k not in value]
    if "x-message" in error.schema and kind in ("pattern", "format", "minimum", "maximum"):
        return [(at, error.schema["x-message"].format(value=value, label=label))]
    if kind == "enum":
        options = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return [(at, f"unknown {label} '{value}' (expected: {options})")]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(str(_TYPE_WORDS.get(w, w)) for w in wanted)
        got = _json_type(value)
        return [(at, f"{label} should be {words} (got {_TYPE_WORDS.get(got, 'a ' + got)})")]
    if kind == "minLength":
        return [(at, f"{label} is empty")]
    if kind in ("minItems", "maxItems"):
        n = error.validator_value
        bound = "at least" if kind == "minItems" else "at most"
        return [(at, f"{label} needs {bound} {n} item{'s' if n != 1 else ''}")]
    if kind == "pattern":
        return [(at, f"{label} '{value}' does not match the pattern {error.validator_value}")]
    return [(at, f"{label}: {error.message}")]


def _sorted_unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return sorted(out, key=lambda p: (p[0] is not None, p[0] or 0))
