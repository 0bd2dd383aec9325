"""Storage of documents, mentions, merged events, sources, claims and actors.

``open_store(target)`` returns a :class:`Store`: SQLite for a file path (the
default), PostgreSQL for a ``postgresql://user@host/dbname`` URL. Every shell
(CLI, API, analysis) goes through the methods of :class:`Store` and never
asks which backend it has.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import Store
from .postgres import PostgresStore, is_postgres_url
from .query import EventQuery
from .sqlite import SQLiteStore

__all__ = ["EventQuery", "PostgresStore", "SQLiteStore", "Store", "open_store", "resolve_db"]

DEFAULT_DB = "sideswitch.db"


def resolve_db(explicit: str | os.PathLike[str] | None = None) -> str | Path:
    """``--db`` beats ``SIDESWITCH_DB`` beats ``./sideswitch.db``: a PostgreSQL URL (str) or a file Path."""
    value = os.fspath(explicit) if explicit else os.environ.get("SIDESWITCH_DB") or DEFAULT_DB
    return value if is_postgres_url(value) else Path(value)


def open_store(target: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed, unless ``readonly``) the store at ``target``."""
    where = resolve_db(target)
    if isinstance(where, str):
        return PostgresStore(where, readonly=readonly)
    return SQLiteStore(where, readonly=readonly)
