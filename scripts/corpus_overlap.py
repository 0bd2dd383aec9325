"""List comments and docstrings in src/ that repeat 6 or more consecutive words of a corpus article.

    python scripts/corpus_overlap.py ../shared/eval/*/docs.jsonl

Examples in the code must be invented; this finds the ones copied from the evaluation corpora
(words are compared lower-cased, punctuation dropped). Prints file:line and the shared words;
exit status 1 when any is found.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tokenize
from pathlib import Path

N = 6
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def corpus_ngrams(paths: list[Path]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ws = words(json.loads(line).get("text") or "")
                grams.update(tuple(ws[i : i + N]) for i in range(len(ws) - N + 1))
    return grams


def prose(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring-like string of a Python file."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.COMMENT or (
            tok.type == tokenize.STRING and tok.string.lstrip("rbuRBU").startswith(('"""', "'''"))
        ):
            out.append((tok.start[0], tok.string))
    return out


def overlaps(src: Path, grams: set[tuple[str, ...]]) -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(src.rglob("*.py")):
        for line, text in prose(path):
            ws = words(text)
            hits = [i for i in range(len(ws) - N + 1) if tuple(ws[i : i + N]) in grams]
            if hits:
                found.append((str(path), line, " ".join(ws[hits[0] : hits[-1] + N])))
    return found


def main(argv: list[str]) -> int:
    grams = corpus_ngrams([Path(a) for a in argv] or sorted(Path("../shared/eval").glob("*/docs.jsonl")))
    found = overlaps(Path("src"), grams)
    for path, line, shared in found:
        print(f"{path}:{line}: {shared}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
