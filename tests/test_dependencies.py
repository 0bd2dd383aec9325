"""Every module of the package imports in the installed environment, and every third-party
module it imports is a declared dependency (``pyproject.toml``), so a fresh install cannot miss one."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata as md
import pkgutil
import re
import sys
import tomllib
from pathlib import Path

import pytest

import sideswitch

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(sideswitch.__file__).parent
MODULES = sorted(m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="sideswitch."))
# Imported only inside the optional extras' code paths, declared under [project.optional-dependencies].
OPTIONAL_EXTRAS = {"dask", "postgres"}


def _declared() -> set[str]:
    """Normalised distribution names declared as dependencies (main and optional extras)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra, deps in project.get("optional-dependencies", {}).items():
        if extra in OPTIONAL_EXTRAS or extra == "dev":
            specs += deps
    return {_normalise(re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0]) for s in specs}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _third_party_imports() -> dict[str, str]:
    """Top-level module name -> first file importing it, for every import in the package."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top != "sideswitch" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(PACKAGE)))
    return found


@pytest.mark.parametrize("name", MODULES)
def test_every_module_imports(name):
    importlib.import_module(name)


def test_every_third_party_import_is_declared():
    declared = _declared()
    providers = md.packages_distributions()
    undeclared = {}
    for module, where in _third_party_imports().items():
        dists = {_normalise(d) for d in providers.get(module, [])}
        if not dists & declared:
            undeclared[module] = (where, sorted(dists))
    assert undeclared == {}, f"imported but not declared in pyproject.toml: {undeclared}"


def test_the_checker_sees_a_missing_declaration(tmp_path):
    """The check above is not vacuous: the package really imports third-party modules."""
    imports = _third_party_imports()
    assert {"click", "yaml", "feedparser"} <= set(imports)
