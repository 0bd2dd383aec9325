"""Where things live: merging in ``resolve``, SQL in ``store``, the pipeline only orchestrating."""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sideswitch"
SQL = re.compile(
    r"\b(?:SELECT\s.+\sFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(?:TABLE|INDEX)|DROP\s+(?:TABLE|INDEX)|ALTER\s+TABLE)\b",
    re.S,
)


def _strings(path: Path) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING]


def test_no_sql_outside_the_store():
    found = [
        f"{p.relative_to(PACKAGE)}:{line}"
        for p in sorted(PACKAGE.rglob("*.py"))
        if "store" not in p.relative_to(PACKAGE).parts[:1]
        for line, s in _strings(p)
        if SQL.search(s)
    ]
    assert found == [], "SQL belongs in sideswitch.store: " + ", ".join(found)


def test_the_sql_check_sees_sql():
    assert SQL.search('"DELETE FROM mentions"') and SQL.search("'SELECT data FROM events WHERE id = ?'")
    assert not SQL.search('"select the best name from the reports"')


def test_pipeline_uses_only_public_names_of_resolve():
    tree = ast.parse((PACKAGE / "pipeline.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("resolve"):
            module = importlib.import_module(f"sideswitch.{node.module}")
            for alias in node.names:
                assert not alias.name.startswith("_"), f"pipeline.py imports {node.module}.{alias.name}"
                assert alias.name in getattr(module, "__all__", ()), (
                    f"pipeline.py imports {node.module}.{alias.name}, which is not in its __all__"
                )
    assert "resolve.merge" not in {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
