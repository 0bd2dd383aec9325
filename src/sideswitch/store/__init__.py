"""Storage of documents, mentions, merged events, sources, claims and actors.

``open_store(path)`` returns the default SQLite store; every shell (CLI, API,
analysis) goes through the methods of :class:`SQLiteStore`.
"""
from __future__ import annotations

from .query import EventQuery
from .sqlite import SQLiteStore, open_store

__all__ = ["SQLiteStore", "open_store", "EventQuery"]
