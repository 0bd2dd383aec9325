"""Settings: one frozen object, defaults shipped in the package.

The database path is resolved in this order: an explicit ``--db`` value, the
``SIDESWITCH_DB`` environment variable, then ``./sideswitch.db``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "resolve_db_path", "DEFAULT_DB"]

DEFAULT_DB = "sideswitch.db"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` beats ``SIDESWITCH_DB`` beats ``./sideswitch.db``."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("SIDESWITCH_DB")
    return Path(env) if env else Path(DEFAULT_DB)


@dataclass(frozen=True)
class Settings:
    """Everything a pipeline run needs besides its inputs. Pickles (for Dask).

    The database is not a setting: it is chosen where a store is opened (``resolve_db_path``);
    the lowest confidence kept is a query parameter (``EventQuery.min_confidence``).
    """

    languages: tuple[str, ...] = ()  # languages ingest may guess; empty: every one in lexicon/data/languages.yaml
    max_document_chars: int = 2_000_000  # longer texts are truncated with a warning
    max_file_bytes: int = 32_000_000  # most bytes read at once (a whole file, or one JSONL line), decompressed
    document_cpu_seconds: float = 60.0  # CPU budget for extracting one document (0: none)
