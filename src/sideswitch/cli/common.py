"""What every command shares: the ``--db`` option and error translation."""

from __future__ import annotations

import functools
import logging
import os
import sys

import click

from ..errors import SideswitchError

__all__ = ["db_option", "translate_errors", "echo_err"]

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="PATH",
    envvar="SIDESWITCH_DB",
    show_envvar=True,
    help="SQLite database file (default: ./sideswitch.db), or a PostgreSQL URL postgresql://user@host/dbname.",
)


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def translate_errors(fn):
    """Library errors become ``Error: ...`` on stderr and exit status 1.

    (A file that is not a database is a :class:`~sideswitch.errors.StoreError`
    from the store itself, when it is opened.)
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SideswitchError as e:
            echo_err(f"Error: {e}")
            sys.exit(1)
        except BrokenPipeError:  # e.g. `sideswitch export | head`
            sys.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as e:  # a bug: one line for the user, the traceback in the debug log
            logging.getLogger("sideswitch").debug("unexpected error", exc_info=e)
            echo_err(
                f"Error: internal error ({type(e).__name__}: {str(e)[:200]}); please report it "
                "(set SIDESWITCH_DEBUG=1 to see the traceback)"
            )
            if os.environ.get("SIDESWITCH_DEBUG"):
                raise
            sys.exit(1)

    return wrapper
