"""Docs that can be checked are checked: every command's ``--help`` has an Example, and the
README's two commands are there and its ``sideswitch`` commands run on the bundled examples."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sideswitch.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHELL_LANGS = {"", "bash", "sh", "shell", "console", "zsh"}
CONTROL = {"&&", "||", ";", "|", "&"}
# Commands that do not return (a server); the README may show them, the test does not run them.
BLOCKING = {"serve"}


def _help(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def command_names() -> list[str]:
    """The commands listed under ``Commands:`` in ``sideswitch --help``."""
    text = _help()
    section = text.split("\nCommands:\n", 1)[1]
    return [line.split()[0] for line in section.splitlines() if line.startswith("  ") and line.strip()]


def example_lines(help_text: str) -> list[str]:
    """The lines of the ``Example:`` block of a help page, dedented."""
    block = help_text.split("Example:", 1)[1].split("\nOptions:", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


# -- --help -------------------------------------------------------------------------


def test_group_help_has_an_example():
    assert example_lines(_help())[0].startswith("sideswitch ")


def test_help_lists_the_core_commands():
    names = set(command_names())
    assert {"ingest", "events", "show", "export", "explain", "documents", "reprocess", "evaluate"} <= names
    assert names == set(main.commands), "sideswitch --help hides or invents a command"


@pytest.mark.parametrize("name", command_names())
def test_every_command_help_has_an_example(name):
    text = _help(name)
    assert "Example:" in text, f"'sideswitch {name} --help' has no Example: block"
    lines = example_lines(text)
    assert lines and lines[0].split()[0] == "sideswitch", lines
    assert any(line.split()[1:2] == [name] for line in lines), f"no example runs 'sideswitch {name}'"


def _unwrapped_case(name: str):
    return name


@pytest.mark.parametrize("name", [_unwrapped_case(n) for n in command_names()])
def test_examples_are_not_rewrapped(name):
    """Each example line is one whole command: click rewraps a paragraph unless it starts with \\b."""
    for line in example_lines(_help(name)):
        words = line.split()
        while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=\S*", words[0]):  # VAR=value prefix
            words = words[1:]
        assert words and words[0] == "sideswitch", f"example line broken by rewrapping: {line!r}"


@pytest.mark.parametrize("name", command_names())
def test_example_options_exist(name):
    """Every ``--option`` an example uses is an option of the command it names."""
    for line in example_lines(_help(name)):
        for cmd in parse_commands(line):
            sub = main.commands.get(cmd.args[0]) if cmd.args else None
            if sub is None:
                continue
            known = {o for p in sub.params for o in (*p.opts, *p.secondary_opts)} | {"--help", "-h"}
            used = {a.split("=", 1)[0] for a in cmd.args[1:] if a.startswith("-") and a != "-"}
            assert used <= known, f"{line!r}: unknown options {sorted(used - known)}"


# -- reading shell lines from the README ----------------------------------------------


class Command:
    """One ``sideswitch`` invocation from a shell line: args, where stdout goes, where stdin comes from."""

    def __init__(self, args, stdout=None, stdin=None, piped_from=None, env=None):
        self.args, self.stdout, self.stdin, self.piped_from, self.env = args, stdout, stdin, piped_from, env or {}

    def __repr__(self):
        return "sideswitch " + " ".join(self.args)


def logical_lines(block: str) -> list[str]:
    """Shell lines of a code block: ``\\``-continuations joined, ``$ `` prompts dropped."""
    out, current = [], ""
    for raw in block.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            out.append(re.sub(r"^\s*\$\s+", "", current).strip())
        current = ""
    if current.strip():
        out.append(current.strip())
    return out


def parse_commands(line: str) -> list[Command]:
    """The ``sideswitch`` commands of one shell line (``a && b | c > f``), in order."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    segments, current, ops = [], [], []
    for tok in lexer:
        if tok in CONTROL:
            segments.append(current)
            ops.append(tok)
            current = []
        else:
            current.append(tok)
    segments.append(current)
    commands, previous = [], None
    for i, seg in enumerate(segments):
        piped = i > 0 and ops[i - 1] == "|"
        env = {}
        while seg and re.fullmatch(r"[A-Za-z_]\w*=.*", seg[0]):
            k, v = seg.pop(0).split("=", 1)
            env[k] = v
        args, stdout, stdin = [], None, None
        it = iter(range(len(seg)))
        for j in it:
            tok = seg[j]
            if tok == "2" and j + 1 < len(seg) and seg[j + 1] in (">", ">>"):
                next(it, None)  # 2> FILE: stderr is not checked
                next(it, None)
            elif tok in (">", ">>"):
                stdout = seg[j + 1] if j + 1 < len(seg) else None
                next(it, None)
            elif tok == "<":
                stdin = seg[j + 1] if j + 1 < len(seg) else None
                next(it, None)
            else:
                args.append(tok)
        if args[:1] == ["sideswitch"]:
            commands.append(Command(args[1:], stdout, stdin, previous if piped else None, env))
        previous = args
    return commands


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced code block."""
    return [
        (m.group(1).strip().lower(), m.group(2))
        for m in re.finditer(r"^ {0,3}(?:```|~~~)([^\n`]*)\n(.*?)^ {0,3}(?:```|~~~)[ \t]*$", text, re.M | re.S)
    ]


def readme_shell_lines(text: str) -> list[str]:
    return [line for lang, body in fenced_blocks(text) if lang in SHELL_LANGS for line in logical_lines(body)]


def test_parsing_shell_lines():
    block = (
        "$ pip install -e . && sideswitch ingest examples/ \\\n    --db demo.db && sideswitch events --db demo.db\n"
        "sideswitch export --format csv > events.csv   # a comment\n"
        "cat more.jsonl | sideswitch ingest - && sideswitch events --search 'Free Syrian' | head -3\n"
        "SIDESWITCH_TOKEN=x sideswitch serve 2> log.txt\n"
    )
    lines = logical_lines(block)
    assert (
        lines[0]
        == "pip install -e . && sideswitch ingest examples/      --db demo.db && sideswitch events --db demo.db"
    )
    cmds = [c for line in lines for c in parse_commands(line)]
    assert [c.args for c in cmds] == [
        ["ingest", "examples/", "--db", "demo.db"],
        ["events", "--db", "demo.db"],
        ["export", "--format", "csv"],
        ["ingest", "-"],
        ["events", "--search", "Free Syrian"],
        ["serve"],
    ]
    assert cmds[2].stdout == "events.csv"
    assert cmds[3].piped_from == ["cat", "more.jsonl"]
    assert cmds[5].env == {"SIDESWITCH_TOKEN": "x"}
    assert fenced_blocks("text\n```bash\nsideswitch events\n```\n\n```python\nimport x\n```\n") == [
        ("bash", "sideswitch events\n"),
        ("python", "import x\n"),
    ]


# -- the README ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def readme() -> str:
    if not README.exists():
        pytest.skip("README.md does not exist yet (the lead is writing it)")
    return README.read_text(encoding="utf-8")


def test_readme_shows_install_and_run_on_the_examples(readme):
    lines = readme_shell_lines(readme)
    assert any("pip install" in line and re.search(r"\bsideswitch ingest examples\b", line) for line in lines), (
        "README needs one fenced line that installs sideswitch and runs it on examples/ "
        "(e.g. pip install -e . && sideswitch ingest examples/ && sideswitch events)"
    )


def test_readme_shows_how_to_run_the_tests(readme):
    assert any(re.search(r"\bpytest\b", line) for line in readme_shell_lines(readme)), (
        "README needs a fenced line that runs the tests (pytest)"
    )


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("docs_examples") / "examples.db"
    articles = ROOT / "examples" / "articles"  # the articles, without the gold files next to them
    source = articles if articles.is_dir() else ROOT / "examples"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9]*_ID")
PLACEHOLDER_SQL = {
    "EVENT_ID": "SELECT id FROM events ORDER BY id LIMIT 1",
    "DOC_ID": "SELECT id FROM documents ORDER BY id LIMIT 1",
    "ACTOR_ID": "SELECT id FROM actors ORDER BY id LIMIT 1",
}


def _fill(cmd: Command, db: Path, cwd: Path) -> tuple[list[str], str | None]:
    """The command's arguments made concrete, or a reason not to run it.

    EVENT_ID, DOC_ID and ACTOR_ID become ids from the store. A relative path missing from
    ``cwd`` but present from the repository root (the README is read from there) is made
    absolute; one that leaves the repository and is missing (``../shared/...``: the shared
    corpora, not part of the repository) means the command is not run.
    """
    import sqlite3

    args = []
    for arg in cmd.args:
        if PLACEHOLDER.fullmatch(arg):
            if arg not in PLACEHOLDER_SQL:
                return [], f"unknown placeholder {arg}"
            with sqlite3.connect(db) as c:
                row = c.execute(PLACEHOLDER_SQL[arg]).fetchone()
            assert row, f"{cmd!r}: the examples store has no row to fill {arg}"
            arg = row[0]
        elif not arg.startswith("-") and "/" in arg and not (cwd / arg).exists():
            if (ROOT / arg).exists():
                arg = str((ROOT / arg).resolve())
            elif arg.startswith("../"):
                return [], f"{arg} is outside the repository and missing here"
        args.append(arg)
    return args, None


def test_readme_sideswitch_commands_run(readme, examples_db, tmp_path, monkeypatch):
    """Each ``sideswitch ...`` command in the README's shell blocks runs, in order, in a folder
    holding a copy of examples/, with SIDESWITCH_DB set to a store ingested from examples/.

    Not run: ``serve`` (it does not return) and commands with their own environment
    (``SIDESWITCH_DB=/tmp/x.db sideswitch ...``: they name stores outside the test's folder).
    """
    commands = [c for line in readme_shell_lines(readme) for c in parse_commands(line)]
    runnable = [c for c in commands if c.args and c.args[0] not in BLOCKING and not c.env]
    if not runnable:
        pytest.skip("README shows no sideswitch command to run")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    db = tmp_path / "sideswitch.db"
    shutil.copy(examples_db, db)
    monkeypatch.chdir(tmp_path)
    last_output, failures, ran = "", [], 0
    for cmd in runnable:
        args, skip = _fill(cmd, db, tmp_path)
        if skip:
            continue
        stdin = None
        if cmd.stdin:
            stdin = Path(cmd.stdin).read_bytes()
        elif cmd.piped_from and cmd.piped_from[:1] == ["cat"]:
            stdin = b"".join(Path(p).read_bytes() for p in cmd.piped_from[1:])
        elif cmd.piped_from and cmd.piped_from[:1] == ["sideswitch"]:
            stdin = last_output.encode()
        result = CliRunner(env={"SIDESWITCH_DB": str(db)}).invoke(main, args, input=stdin)
        ran += 1
        last_output = result.stdout
        if cmd.stdout:
            Path(cmd.stdout).write_text(result.stdout, encoding="utf-8")
        if result.exit_code != 0:
            error = "" if isinstance(result.exception, SystemExit) else repr(result.exception)
            failures.append(f"{cmd!r} -> exit {result.exit_code}\n{result.output}{error}")
    assert not failures, (
        f"{len(failures)} of {ran} README commands fail (use files from examples/, or "
        "EVENT_ID / DOC_ID / ACTOR_ID placeholders):\n" + "\n".join(failures)
    )
