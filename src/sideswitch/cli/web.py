"""CLI commands: serve (the REST API and the dashboard)."""

from __future__ import annotations

import click

from .common import db_option, echo_err, translate_errors

__all__ = ["serve", "COMMANDS"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@db_option
@click.option(
    "--token",
    default=None,
    envvar="SIDESWITCH_TOKEN",
    show_envvar=True,
    metavar="TOKEN",
    help="Allow writes (POST /api/documents) to clients that send this token; without it the server is read-only.",
)
@translate_errors
def serve(host: str, port: int, db: str | None, token: str | None) -> None:
    """Serve the REST API and the offline web dashboard over a database.

    Pages: / (overview), /map, /events, /actors, /documents. API: /api/...,
    schema at /openapi.json. Nothing is loaded from other hosts.

    While it runs, a SQLite store has a discovery file next to it
    (DB.serving.json, mode 0600: URL, process, token); with a token,
    `sideswitch ingest --db DB` hands its documents to this server instead of
    loading the extraction itself.

    Example:

    \b
        sideswitch serve --db events.db --port 8000
        SIDESWITCH_TOKEN=s3cret sideswitch serve   # writes allowed
    """
    import uvicorn

    from ..serve import create_app
    from ..serve.discovery import local_url
    from ..store import resolve_db
    from ..store.postgres import shown

    path = resolve_db(db)
    app = create_app(path, token=token, advertise_url=local_url(host, port))
    mode = "read-write with a token" if token else "read-only"
    echo_err(f"Serving '{shown(str(path))}' ({mode}) on http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve]
