"""CLI commands of the monitor: watch (poll feeds and ingest what is new)."""
from __future__ import annotations

import click

from .common import db_option, echo_err, translate_errors

__all__ = ["COMMANDS"]


def _every(ctx, param, value):
    from ..ingest.watch import parse_every
    try:
        return parse_every(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


@click.command()
@click.argument("feeds_file", type=click.Path(dir_okay=False))
@click.option("--every", default="15m", show_default=True, callback=_every, help="Time between rounds: 90s, 15m, 2h.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron and tests).")
@click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True, help="Seconds per request.")
@click.option("--host-delay", type=click.FloatRange(0), default=2.0, show_default=True,
              help="Seconds between two requests to one host.")
@db_option
@translate_errors
def watch(feeds_file, every, once, timeout, host_delay, db):
    """Poll RSS/Atom feeds and pages (one URL a line in FEEDS_FILE) and ingest each new item once.

    Conditional requests (ETag, Last-Modified), a pause between requests to one host, and a
    timeout; a failing feed is reported and the rest go on. Ctrl-C stops cleanly; the next run
    resumes without fetching anything twice.

    \b
    Example:
        sideswitch watch feeds.txt --every 15m
        sideswitch watch feeds.txt --once
    """
    from ..ingest.watch import Watcher, read_feed_list
    from ..store import open_store
    from .progress import Progress
    with open_store(db) as store, Progress("watch") as progress, \
            Watcher(store, read_feed_list(feeds_file), timeout=timeout, host_delay=host_delay,
                    on_problem=lambda m: echo_err(f"Problem: {m}"), on_document=progress.document) as w:
        report = w.poll_once() if once else w.run(every, on_round=lambda r: echo_err(r.summary()))
    click.echo(report.summary())


COMMANDS = [watch]
