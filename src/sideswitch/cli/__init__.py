"""The ``sideswitch`` command: one thin function per command.

Commands live in modules by area (core, analysis, people, knowledge, web); each module
exports ``COMMANDS``, which are added to the group here.
"""

from __future__ import annotations

import click

from .. import __version__
from . import analysis, core, curate, evaluation, knowledge, monitor, people, web

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sideswitch")
def main() -> None:
    """sideswitch: defections, surrenders and desertions in armed conflicts,
    extracted from news, merged across sources, and measured as flows.

    Example:

        sideswitch ingest examples/articles/ && sideswitch events
    """


for _module in (core, people, analysis, evaluation, knowledge, web, curate, monitor):
    for _cmd in _module.COMMANDS:
        main.add_command(_cmd)
