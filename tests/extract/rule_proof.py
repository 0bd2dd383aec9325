"""Does each rule of the language data earn its place? (issue 10, item 9)

Every entry of ``rules:`` in ``lexicon/data/extract/<lang>.yaml`` names in ``why`` the golden case
(``tests/data/golden/<why>.yaml``) that needs it. Needing it is shown here: the case is extracted
with a lexicon in which only that rule never matches (``langdata.without_rule`` and
``Lexicon.with_language``), and it must then fail.

    PYTHONPATH=src:. python -m tests.extract.rule_proof            # each rule against its why
    PYTHONPATH=src:. python -m tests.extract.rule_proof --all      # + every golden case of its language
    PYTHONPATH=src:. python -m tests.extract.rule_proof en:actor   # only these rules

The first lists the rules whose ``why`` does not fail without them; ``--all`` also names, for
each rule, the golden cases of its language that do fail without it (candidates for ``why``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from tests.extract.test_golden import CASE_FILES, GOLDEN_DIR, document_for, golden_failures, load_case


def all_rules() -> list[tuple[str, str, str]]:
    """(language, rule name, why) of every rule of the shipped data."""
    from sideswitch.lexicon.langdata import available_languages, language_data

    return [
        (lang, name, rule.why) for lang in available_languages() for name, rule in language_data(lang).rules.items()
    ]


def failures_without(lang: str, name: str, case_path: Path, lexicon=None) -> list[str]:
    """How the golden case at ``case_path`` fails when rule ``name`` of ``lang`` never matches;
    [] when it passes all the same (the case does not need the rule)."""
    from sideswitch.extract import extract_document
    from sideswitch.extract.extractor import default_lexicon
    from sideswitch.lexicon.langdata import without_rule

    base = lexicon or default_lexicon()
    reduced = base.with_language(without_rule(base.language(lang), name))
    case = load_case(case_path)
    return golden_failures(case, list(extract_document(document_for(case), reduced)))


def cases_of(lang: str) -> Iterator[Path]:
    for path in CASE_FILES:
        if (load_case(path)["document"].get("lang") or "en") == lang:
            yield path


def main(argv: list[str]) -> int:
    from sideswitch.extract.extractor import default_lexicon

    every = "--all" in argv
    only = {a for a in argv if not a.startswith("--")}
    lexicon = default_lexicon()
    unproven = 0
    for lang, name, why in all_rules():
        if only and f"{lang}:{name}" not in only:
            continue
        needed = bool(failures_without(lang, name, GOLDEN_DIR / f"{why}.yaml", lexicon))
        unproven += not needed
        line = f"{'needed ' if needed else 'UNPROVEN'} {lang}:{name} (why: {why})"
        if every:
            failing = [p.stem for p in cases_of(lang) if failures_without(lang, name, p, lexicon)]
            line += f"\n    fail without it: {', '.join(failing) or '(none)'}"
        print(line, flush=True)
    print(f"{unproven} rule(s) whose why does not fail without them")
    return 1 if unproven else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
