"""CLI commands: ingest, events, show, export, explain, documents, reprocess."""

from __future__ import annotations

import json
import sys

import click

from .common import db_option, echo_err, translate_errors
from .render import event_detail, events_table

__all__ = ["COMMANDS"]


def _store(db, readonly=False):
    from ..store import open_store

    return open_store(db, readonly=readonly)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--format",
    "fmt",
    default=None,
    type=click.Choice(["jsonl", "text", "markdown", "html", "rss", "warc"]),
    help="Read every input in this format instead of detecting it.",
)
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input was skipped.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary (no line per skipped record).")
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Read and extract in this many local processes (on a Dask cluster with --scheduler).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="URL",
    help="Read and extract on the existing Dask cluster at this scheduler (tcp://host:8786).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1),
    default=None,
    help="With --workers/--scheduler: lines, WARC records or files per partition (default 200).",
)
@click.option(
    "--local",
    is_flag=True,
    help="Extract in this process even when a 'sideswitch serve' with a token runs on the store.",
)
@translate_errors
def ingest(paths, db, fmt, strict, quiet, workers, scheduler, partition_size, local):
    """Read documents, extract events, store and merge them.

    PATHS are .jsonl/.txt/.md/.html/.rss/.atom/.warc files, folders (read
    recursively) or - for standard input. A broken record is reported with its
    file and line and the rest goes on.

    When a 'sideswitch serve' with a token runs on the same SQLite store (its
    discovery file DB.serving.json says so), the documents are read here and
    handed to it, which has the extraction loaded (--local: extract here).

    With --workers N, reading and extraction run in N local processes; with
    --scheduler, on a Dask cluster. Merging and writing stay here, and the
    store ends as without.

    \b
    Example:
        sideswitch ingest examples/articles/ && sideswitch ingest feed.jsonl --strict
        sideswitch ingest archive/ --workers 4
    """
    if not (local or workers or scheduler or partition_size):
        from ..serve.client import find_server

        server = find_server(db)
        if server is not None:
            return _handoff(server, paths, db, fmt, strict, quiet)
    from ..extract import default_lexicon
    from ..pipeline import ingest_paths
    from .progress import Progress

    lexicon = default_lexicon()
    skip = None if quiet else lambda e: echo_err(f"Skipped: {e}")
    warn = None if quiet else lambda e: echo_err(f"Warning: {e}")
    with _store(db) as store, Progress("ingest") as progress:
        if scheduler or (partition_size and not workers):
            from ..batch.dask import ingest_distributed

            report = ingest_distributed(
                store,
                paths,
                workers=workers,
                scheduler=scheduler,
                lexicon=lexicon,
                format=fmt,
                on_skip=skip,
                on_document=progress.document,
                on_warning=warn,
                **({"partition_size": partition_size} if partition_size else {}),
            )
        elif workers:
            from ..batch.local import ingest_local

            report = ingest_local(
                store,
                paths,
                workers=workers,
                lexicon=lexicon,
                format=fmt,
                on_skip=skip,
                on_document=progress.document,
                on_warning=warn,
                **({"partition_size": partition_size} if partition_size else {}),
            )
        else:
            report = ingest_paths(
                store,
                paths,
                format=fmt,
                resources=lexicon,
                on_document=progress.document,
                on_skip=skip,
                on_warning=warn,
            )
        _warn_orphaned(store)
    _summary(report, strict)


def _handoff(server, paths, db, fmt, strict, quiet) -> None:
    """``ingest`` as a client of the running server ``server`` (``serve.client``)."""
    from ..serve.client import handoff_paths
    from .progress import Progress

    if not quiet:
        echo_err(f"Handing the documents to the server at {server.url} (pid {server.pid}; --local to extract here).")
    skip = None if quiet else lambda e: echo_err(f"Skipped: {e}")
    warn = None if quiet else lambda e: echo_err(f"Warning: {e}")
    with Progress("ingest") as progress:
        report = handoff_paths(
            server,
            paths,
            db=db,
            format=fmt,
            on_skip=skip,
            on_warning=warn,
            on_document=progress.document,
            on_fallback=lambda why: echo_err(f"Warning: {why}."),
        )
    _summary(report, strict)


def _summary(report, strict: bool) -> None:
    """The ingest's one-line summary; exit 1 with --strict when something was skipped."""
    click.echo(report.summary())
    if strict and report.skipped:
        sys.exit(1)


def _iso_date(ctx, param, value):
    """``--since``/``--until``: a YYYY-MM-DD date, else a usage error (exit 2)."""
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD (e.g. 2014-08-11).") from None


_FILTERS = [
    click.option("--country", default=None, help="Only events in this country."),
    click.option("--province", "admin1", default=None, help="Only events in this province/state (admin1)."),
    click.option("--party", default=None, help="Only events where this party (canonical name) lost or gained people."),
    click.option("--kind", default=None, type=click.Choice(["defection", "surrender", "desertion"])),
    click.option(
        "--since",
        "date_from",
        default=None,
        metavar="YYYY-MM-DD",
        callback=_iso_date,
        help="Only events that may have happened on or after this date.",
    ),
    click.option(
        "--until",
        "date_to",
        default=None,
        metavar="YYYY-MM-DD",
        callback=_iso_date,
        help="Only events that may have happened on or before this date.",
    ),
    click.option("--min-confidence", type=click.FloatRange(0, 1), default=None),
    click.option("--contested/--uncontested", default=None, help="Only contested (or uncontested) events."),
    click.option("--search", "q", default=None, help="Text in names, sides, places or evidence."),
]


def event_filters(fn):
    for opt in reversed(_FILTERS):
        fn = opt(fn)
    return fn


def _query(**kw):
    """The EventQuery for the filters given; a filter it refuses is a usage error (exit 2)."""
    from ..store import EventQuery

    try:
        return EventQuery(**{k: v for k, v in kw.items() if v is not None}).validate()
    except ValueError as e:
        raise click.UsageError(str(e)) from None


@click.command()
@db_option
@event_filters
@click.option("--limit", type=click.IntRange(0), default=None, help="At most this many events.")
@translate_errors
def events(db, limit, **filters):
    """A readable table of stored events: date, kind, defector, people, from -> to, place, contested.

    \b
    Example:
        sideswitch events --country Afghanistan --since 2013-01-01
    """
    with _store(db, readonly=True) as store:
        click.echo(events_table(store.query_events(_query(limit=limit, **filters))))


@click.command()
@click.argument("event_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the event as JSON.")
@translate_errors
def show(event_id, db, as_json):
    """Every field of one event, and each source with its evidence sentence.

    \b
    Example:
        sideswitch show ev-3f2a9c1b7d10
    """
    with _store(db, readonly=True) as store:
        ev = store.get_event(event_id)
        click.echo(json.dumps(ev, indent=2, ensure_ascii=False) if as_json else event_detail(ev))


@click.command()
@db_option
@click.option("--format", "fmt", default="jsonl", type=click.Choice(["jsonl", "csv", "geojson"]), show_default=True)
@click.option(
    "--out", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write (default: stdout)."
)
@event_filters
@translate_errors
def export(db, fmt, out, **filters):
    """Write events: JSONL exactly as the contract (event.schema.json), CSV, or GeoJSON.

    \b
    Example:
        sideswitch export --format jsonl > events.jsonl
        sideswitch export --format csv --min-confidence 0.6 -o events.csv
    """
    from ..exports import csv_lines, geojson, jsonl_lines

    with _store(db, readonly=True) as store:  # streamed: one page of events in memory at a time
        evs = store.iter_events(_query(**filters))
        if fmt == "geojson":
            out.write(json.dumps(geojson(evs), ensure_ascii=False) + "\n")
        else:
            out.writelines((jsonl_lines if fmt == "jsonl" else csv_lines)(evs))


@click.command()
@click.argument("doc_id")
@db_option
@translate_errors
def explain(doc_id, db):
    """Per sentence of a stored document: which triggers fired, which were rejected and why.

    \b
    Example:
        sideswitch explain s002
    """
    from ..extract import default_lexicon, explain_document
    from .render import explain_text

    with _store(db, readonly=True) as store:
        doc = store.get_document(doc_id)
    from ..models import Document

    d = Document(**{k: doc[k] for k in ("text", "id", "url", "outlet", "title", "published", "lang")})
    click.echo(explain_text(explain_document(d, default_lexicon())))


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True)
@click.option("--search", "q", default=None, help="Text in the title, outlet or body.")
@translate_errors
def documents(db, limit, q):
    """List stored documents: id, published, outlet, title.

    \b
    Example:
        sideswitch documents --search Taliban
    """
    with _store(db, readonly=True) as store:
        for d in store.list_documents(limit=limit, q=q):
            click.echo(
                f"{d['id']:<24} {d['published'] or '':<10}  {(d['outlet'] or '')[:24]:<24}  {(d['title'] or '')[:60]}"
            )


@click.command()
@db_option
@translate_errors
def reprocess(db):
    """Extract and merge every stored document again (after updating sideswitch or its lexicons).

    \b
    Example:
        sideswitch reprocess --db events.db
    """
    from ..extract import default_lexicon
    from ..pipeline import reprocess as run
    from .progress import Progress

    with _store(db) as store, Progress("reprocess", total=store.count_documents()) as progress:
        report = run(store, resources=default_lexicon(), on_document=progress.document)
        _warn_orphaned(store)
    click.echo(report.summary())


def _warn_orphaned(store) -> None:
    from ..curate import orphaned_notice

    notice = orphaned_notice(store)
    if notice:
        echo_err(notice)


COMMANDS = [ingest, events, show, export, explain, documents, reprocess]
