"""CLI commands about the knowledge data: ``lexicon check``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import echo_err, translate_errors

__all__ = ["COMMANDS", "lexicon_group", "check_command"]


@click.group("lexicon")
def lexicon_group() -> None:
    """The knowledge data under lexicon/data: parties, languages, dates, places, honorifics.

    Example:

        sideswitch lexicon check
    """


@lexicon_group.command("check")
@click.option(
    "--data-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A copy of lexicon/data to check instead of the shipped data.",
)
@translate_errors
def check_command(data_dir: Path | None) -> None:
    """Validate every knowledge file; list each problem with its file and line (exit 1 if any).

    Example:

        sideswitch lexicon check --data-dir my-lexicon/
    """
    from ..lexicon.check import check_lexicon  # here: every other command starts without it

    problems = check_lexicon(data_dir)
    for p in problems:
        click.echo(str(p))
    if problems:
        echo_err(f"Error: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the knowledge data.")
        sys.exit(1)
    click.echo("Every knowledge file is valid.")


COMMANDS = [lexicon_group]
