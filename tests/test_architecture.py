"""The one-way rule of ARCHITECTURE.md: a module imports only from its own area, the shared
base, or an area before it in the data flow; nothing imports a later stage."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sideswitch"
# Areas in the order of the data flow; the shared base comes first.
ORDER = [
    "errors",
    "config",
    "models",
    "contract",
    "exports",
    "lexicon",
    "ingest",
    "extract",
    "resolve",
    "store",
    "curate",
    "guard",
    "pipeline",
    "batch",
    "analyze",
    "monitor",
    "evaluate",
    "serve",
    "cli",
]
BASE = {"errors", "config", "models", "contract", "exports", "lexicon"}


def _area(module: str) -> str:
    """The top-level area of a sideswitch module (``__init__`` for names of the package itself)."""
    parts = module.split(".")
    if len(parts) < 2 or not ((PACKAGE / parts[1]).is_dir() or (PACKAGE / f"{parts[1]}.py").is_file()):
        return "__init__"
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported sideswitch module) for every import in the file, lazy ones included."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            out += [(node.lineno, n) for n in names if n.startswith("sideswitch")]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("sideswitch")]
    return out


def _violations() -> list[str]:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mine = _area("sideswitch." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        if mine == "__init__":
            continue
        for line, target in _imports(path):
            theirs = _area(target)
            if theirs in (mine, "__init__") and not (theirs == "__init__" and mine in BASE):
                continue
            if theirs not in ORDER or ORDER.index(theirs) > ORDER.index(mine) or (mine in BASE and theirs not in BASE):
                bad.append(f"{path.relative_to(PACKAGE)}:{line} ({mine}) imports {target} ({theirs})")
    return bad


def test_every_area_is_placed():
    areas = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())
    }
    assert areas <= set(ORDER), f"place {sorted(areas - set(ORDER))} in ORDER (and in ARCHITECTURE.md)"


def test_imports_run_one_way():
    assert _violations() == []


def test_the_rule_sees_a_backward_import(tmp_path, monkeypatch):
    fake = tmp_path / "sideswitch"
    for area in ("extract", "store", "lexicon"):
        (fake / area).mkdir(parents=True)
        (fake / area / "__init__.py").write_text("")
    (fake / "extract" / "bad.py").write_text("from ..store import open_store\nfrom ..lexicon import data_path\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert _violations() == ["extract/bad.py:1 (extract) imports sideswitch.store (store)"]


def test_no_two_modules_share_a_name():
    """``dates.py`` in two folders makes tracebacks and imports ambiguous: each name is used once."""
    seen: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name != "__init__.py":
            seen.setdefault(path.stem, []).append(str(path.relative_to(PACKAGE)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
