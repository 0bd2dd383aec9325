"""CLI commands of the monitor: watch (poll feeds and ingest what is new)."""

from __future__ import annotations

import click

from .common import db_option, echo_err, translate_errors

__all__ = ["COMMANDS"]


def _every(ctx, param, value):
    from ..monitor.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


webhook_option = click.option(
    "--webhook",
    default=None,
    envvar="SIDESWITCH_WEBHOOK",
    show_envvar=True,
    metavar="URL",
    help="POST every new alert (JSON) to this URL.",
)


@click.command()
@click.argument("feeds_file", type=click.Path(dir_okay=False))
@click.option("--every", default="15m", show_default=True, callback=_every, help="Time between rounds: 90s, 15m, 2h.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron and tests).")
@click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True, help="Seconds per request.")
@click.option(
    "--host-delay",
    type=click.FloatRange(0),
    default=2.0,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@webhook_option
@db_option
@translate_errors
def watch(feeds_file, every, once, timeout, host_delay, webhook, db):
    """Poll RSS/Atom feeds and pages (one URL a line in FEEDS_FILE) and ingest each new item once.

    Conditional requests (ETag, Last-Modified), a pause between requests to one host, and a
    timeout; a failing feed is reported and the rest go on. Ctrl-C stops cleanly; the next run
    resumes without fetching anything twice.

    \b
    Example:
        sideswitch watch feeds.txt --every 15m
        sideswitch watch feeds.txt --once
    """
    from ..extract import default_lexicon
    from ..monitor.watch import Watcher, read_feed_list
    from ..store import open_store
    from .progress import Progress

    with (
        open_store(db) as store,
        Progress("watch") as progress,
        Watcher(
            store,
            read_feed_list(feeds_file),
            timeout=timeout,
            host_delay=host_delay,
            on_problem=lambda m: echo_err(f"Problem: {m}"),
            on_document=progress.document,
            resources=default_lexicon(),
        ) as w,
    ):
        after = lambda r: _alert(store, webhook, r.summary())
        w.stop_on_signals()
        report = w.poll_once() if once else w.run(every, on_round=after)
        if once:
            _alert(store, webhook)
    click.echo(report.summary())


def _alert(store, webhook, status=None):
    """Raise the alerts the new record holds, say how many, and send them to the webhook."""
    from ..monitor import check_alerts, send_webhook

    new = check_alerts(store)
    for a in new:
        echo_err(f"Alert: {a['title']}")
    if status:
        echo_err(status)
    if webhook:
        sent, problems = send_webhook(store, webhook)
        for p in problems:
            echo_err(f"Problem: {p}")
    return new


@click.group()
def alerts():
    """The watch list and the alerts raised on it (also at /alerts and /alerts.atom).

    \b
    Example:
        sideswitch alerts watch party Taliban && sideswitch alerts check
    """


@alerts.command("watch")
@click.argument("kind", type=click.Choice(["party", "country", "person"]))
@click.argument("value")
@db_option
@translate_errors
def watch_add(kind, value, db):
    """Put a party, country or person (name or actor id) on the watch list.

    \b
    Example:
        sideswitch alerts watch party Taliban
    """
    from ..store import open_store

    with open_store(db) as store:
        store.set_watch(kind, value)
        click.echo(f"Watching {kind} {value!r}.")


@alerts.command("unwatch")
@click.argument("kind", type=click.Choice(["party", "country", "person"]))
@click.argument("value")
@db_option
@translate_errors
def watch_remove(kind, value, db):
    """Take an entry off the watch list.

    \b
    Example:
        sideswitch alerts unwatch country Syria
    """
    from ..store import open_store

    with open_store(db) as store:
        store.set_watch(kind, value, on=False)
        click.echo(f"No longer watching {kind} {value!r}.")


@alerts.command("check")
@webhook_option
@db_option
@translate_errors
def check(webhook, db):
    """Run the rules over the record; print (and send) the alerts not raised before.

    \b
    Example:
        sideswitch alerts check --webhook http://127.0.0.1:9000/hook
    """
    from ..store import open_store

    with open_store(db) as store:
        new = _alert(store, webhook)
    click.echo(f"{len(new):,} new alert{'s' if len(new) != 1 else ''}.")


@alerts.command("list")
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True)
@db_option
@translate_errors
def list_alerts(limit, db):
    """The latest alerts, newest first.

    \b
    Example:
        sideswitch alerts list
    """
    from ..store import open_store

    with open_store(db) as store:
        for a in store.list_alerts(limit=limit):
            click.echo(f"#{a['id']:<4} {a['at'][:16]}  {a['rule']:<15} {a['title']}")


COMMANDS = [watch, alerts]
