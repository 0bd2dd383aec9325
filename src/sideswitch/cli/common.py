"""What every command shares: the ``--db`` option and error translation."""
from __future__ import annotations

import functools
import sqlite3
import sys

import click

from ..errors import SideswitchError

__all__ = ["db_option", "translate_errors", "echo_err"]

db_option = click.option(
    "--db", "db", default=None, metavar="PATH", envvar="SIDESWITCH_DB", show_envvar=True,
    help="SQLite database file (default: ./sideswitch.db).")


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def translate_errors(fn):
    """Library errors become ``Error: ...`` on stderr and exit status 1.

    A file that SQLite cannot read (not a database, corrupt) is reported the
    same way: a read-only store only finds out at its first query.
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SideswitchError as e:
            echo_err(f"Error: {e}")
            sys.exit(1)
        except sqlite3.DatabaseError as e:
            from ..config import resolve_db_path
            echo_err(f"Error: cannot read database '{resolve_db_path(kwargs.get('db'))}': {e}")
            sys.exit(1)
        except BrokenPipeError:  # e.g. `sideswitch export | head`
            sys.exit(0)
    return wrapper
