"""The public API: every ``__all__`` lists only names that exist, and the README's Python example runs."""

from __future__ import annotations

import importlib
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PUBLIC_MODULES = [
    "sideswitch",
    "sideswitch.store",
    "sideswitch.extract",
    "sideswitch.ingest",
    "sideswitch.lexicon",
    "sideswitch.errors",
    "sideswitch.models",
    "sideswitch.contract",
    "sideswitch.pipeline",
    "sideswitch.exports",
    "sideswitch.cli",
]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_lists_names_that_exist(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert all(isinstance(n, str) for n in exported)
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ lists names it does not define: {missing}"
    private = [n for n in exported if n.startswith("_") and not (n.startswith("__") and n.endswith("__"))]
    assert private == [], f"{name}.__all__ exports private names: {private}"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_star_import(name):
    namespace: dict = {}
    exec(f"from {name} import *", namespace)
    assert set(importlib.import_module(name).__all__) <= set(namespace)


def test_top_level_api():
    import sideswitch
    from sideswitch import errors

    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", sideswitch.__version__)
    for cls in errors.__all__:  # the whole error tree is importable from the package
        assert getattr(sideswitch, cls) is getattr(errors, cls)
        assert issubclass(getattr(sideswitch, cls), sideswitch.SideswitchError)


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```(?:python|py)[ \t]*\n(.*?)^```", text, flags=re.M | re.S)


def test_readme_python_example_runs(tmp_path, monkeypatch):
    if not README.exists():
        pytest.skip("README.md does not exist yet")
    blocks = [b for b in _python_blocks(README.read_text(encoding="utf-8")) if "import" in b]
    if not blocks:
        pytest.skip("README.md has no Python API example (no ```python block)")
    # The examples name paths relative to the repository (examples/...); run them in a copy.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(os.environ, "SIDESWITCH_DB", str(tmp_path / "readme-api.db"))
    for n, block in enumerate(blocks, 1):
        code = compile(block, f"README.md python block {n}", "exec")
        exec(code, {"__name__": f"readme_block_{n}"})
