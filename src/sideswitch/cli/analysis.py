"""CLI commands of the analysis: flows, trends, import-events, plot, report.

Every command reads events through :class:`~sideswitch.store.EventQuery`
filters (``--since/--until``, ``--country``, ``--admin1``/``--province``,
``--kind``) and hands them to :mod:`sideswitch.analyze`; bad filter values are
usage errors (exit 2), library errors ``Error: ...`` (exit 1).
"""

from __future__ import annotations

from contextlib import contextmanager

import click

from .. import analyze
from ..analyze import import_events, render_flows, render_trends
from ..analyze.aggregate import flows_of, trends_of
from ..analyze.series import PERIODS, parse_day
from ..analyze.tables import FORMATS
from ..analyze.trends import DIRECTIONS
from ..store import EventQuery, open_store
from ..store.query import KINDS
from .common import db_option, echo_err, translate_errors

__all__ = ["COMMANDS", "flows_command", "trends_command", "import_events_command", "plot_command", "report_command"]


@contextmanager
def usage_errors():
    """A ValueError from a filter or option is bad usage (exit 2), not a failure."""
    try:
        yield
    except ValueError as e:
        raise click.UsageError(str(e)) from None


_FILTERS = [
    click.option("--since", metavar="DATE", help="Events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--until", metavar="DATE", help="Events on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--country", help="Only this country (as stored, case-insensitive)."),
    click.option("--admin1", "--province", "admin1", help="Only this province / state / region."),
    click.option("--kind", type=click.Choice(KINDS), help="Only this kind of event."),
]


def event_filters(fn):
    for option in reversed(_FILTERS):
        fn = option(fn)
    return fn


def filter_query(since=None, until=None, country=None, admin1=None, kind=None) -> EventQuery:
    """The EventQuery of the filter options."""
    with usage_errors():
        first, last = parse_day(since), parse_day(until, end=True)
        q = EventQuery(
            date_from=first.isoformat() if first else since,
            date_to=last.isoformat() if last else until,
            country=country,
            admin1=admin1,
            kind=kind,
        ).validate()
    return q


def load_events(db: str | None, **filters) -> list[dict]:
    """Stored events matching the filter options."""
    q = filter_query(**filters)
    with open_store(db, readonly=True) as store:
        return store.query_events(q)


def aggregated(db: str | None, fn, **options):
    """``fn(store, query, **options)`` (``analyze.aggregate``: flows and trends computed in SQL)."""
    filters = {k: options.pop(k) for k in ("since", "until", "country", "admin1", "kind")}
    q = filter_query(**filters)
    with open_store(db, readonly=True) as store, usage_errors():
        return fn(store, q, **options)


def _describe(filters: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in filters.items() if v) or "all stored events"


def _trend_options(fn):
    fn = click.option(
        "--direction",
        type=click.Choice(DIRECTIONS),
        default="any",
        show_default=True,
        help="With --party: from (it lost people), to (gained), net (gains minus losses).",
    )(fn)
    fn = click.option("--party", help="Only flows into or out of this party (canonical name or side name).")(fn)
    return click.option(
        "--by", type=click.Choice(PERIODS), default="month", show_default=True, help="Length of a period."
    )(fn)


@click.command("flows")
@db_option
@event_filters
@click.option("--include-contested", is_flag=True, help="Add contested events to the main totals.")
@click.option("--include-offered", is_flag=True, help="Add offers not carried out to the main totals.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@translate_errors
def flows_command(db, include_contested, include_offered, fmt, **filters):
    """Who lost people to whom: a from-party x to-party table of events and
    people (low-high). Contested and offered events are listed apart, and
    each pair of parties is tested for a one-sided flow.

    \b
    Example:
        sideswitch flows --country Syria --since 2013 --until 2014
        sideswitch flows --kind surrender --format csv > surrenders.csv
    """
    table = aggregated(db, flows_of, include_contested=include_contested, include_offered=include_offered, **filters)
    click.echo(render_flows(table, fmt))


@click.command("trends")
@db_option
@event_filters
@_trend_options
@click.option(
    "--no-contested",
    "contested",
    is_flag=True,
    flag_value=False,
    default=True,
    help="Leave contested events out of the counts (they are listed apart).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@translate_errors
def trends_command(db, by, party, direction, contested, fmt, **filters):
    """Events and people per period (zeros included) with each period's event
    ids, and the change points of the rate: when it changed, from what to
    what, and how significant. Sparse series say "not enough data".

    \b
    Example:
        sideswitch trends --by quarter --country Afghanistan
        sideswitch trends --party Taliban --direction net --format json
    """
    series = aggregated(
        db,
        trends_of,
        by=by,
        party=party,
        direction=direction,
        start=filters["since"],
        end=filters["until"],
        include_contested=contested,
        **filters,
    )
    click.echo(render_trends(series, fmt))


@click.command("import-events")
@db_option
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--skip-invalid", is_flag=True, help="Import the valid lines and list the invalid ones.")
@translate_errors
def import_events_command(db, file, skip_invalid):
    """Load events in the contract format (JSONL, one event a line: an
    analyst's own coding or another dataset). Every line is checked against
    the schema; by default any invalid line stops the import.

    \b
    Example:
        sideswitch import-events coded.jsonl --db study.db && sideswitch trends --db study.db
    """
    from .progress import Progress

    with open_store(db) as store, Progress("import", unit="events") as progress:
        report = import_events(store, file, strict=not skip_invalid, on_event=lambda ev: progress.document(ev, [ev]))
    for line, problem in report.problems:
        echo_err(f"skipped line {line}: {problem}")
    click.echo(report.summary())


@click.command("plot")
@click.argument("what", type=click.Choice(["trends", "flows"]))
@click.option("--out", required=True, metavar="FILE", help="Image to write: .png, .svg or .pdf.")
@db_option
@event_filters
@_trend_options
@click.option("--title", help="Title above the picture.")
@translate_errors
def plot_command(what, out, db, by, party, direction, title, **filters):
    """Draw the timeline of counts (change points marked, contested events
    hatched) or the flow heat map (from-party rows, to-party columns).

    \b
    Example:
        sideswitch plot trends --by month --out timeline.svg
        sideswitch plot flows --country Syria --out flows.png
    """
    if what == "trends":
        series = aggregated(
            db,
            trends_of,
            by=by,
            party=party,
            direction=direction,
            start=filters["since"],
            end=filters["until"],
            **filters,
        )
    table = aggregated(db, flows_of, **filters) if what != "trends" else None
    with usage_errors():
        fig = analyze.trends_figure(series, title=title) if table is None else analyze.flows_figure(table, title=title)
    click.echo(f"Wrote {analyze.save_figure(fig, out)}")


@click.command("report")
@click.option("--out", required=True, metavar="FILE", help="HTML file to write.")
@db_option
@event_filters
@_trend_options
@click.option("--title", default="Defections brief", show_default=True)
@click.option("--top", default=10, show_default=True, help="How many top events to show with their evidence.")
@translate_errors
def report_command(out, db, by, party, direction, title, top, **filters):
    """Write a self-contained HTML brief (no external requests): headline
    figures, the timeline with change points, flows, top events with their
    evidence and sources, and actors who switched more than once.

    \b
    Example:
        sideswitch report --country Afghanistan --by quarter --out brief.html
    """
    events = load_events(db, **filters)
    with usage_errors():
        path = analyze.write_brief(
            events, out, title=title, subtitle=_describe(filters), by=by, party=party, direction=direction, top=top
        )
    click.echo(f"Wrote {path} ({len(events):,} events).")


COMMANDS = [flows_command, trends_command, import_events_command, plot_command, report_command]
