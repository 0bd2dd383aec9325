"""sideswitch: defections in armed conflicts, from news reports to flows."""

from __future__ import annotations

import os

__version__ = "0.1.0"

# numpy's OpenBLAS starts a worker thread per core when numpy is imported, and the parser's small
# matrices gain nothing from it: the idle worker spins, about 4 % of the CPU of defection news
# (benchmarks/throughput.py, relevant stream, 58 -> 60 docs per CPU-second). Set before numpy is
# imported (the package imports it lazily); a value the user set wins. More cores: --workers N.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .errors import (
    ConfigError,
    DocumentError,
    ExtractionError,
    InputError,
    LexiconError,
    NotFoundError,
    QueryError,
    SideswitchError,
    StoreError,
    TimeBudgetError,
    UnknownFormatError,
    UnsupportedLanguageError,
    ValidationError,
)
from .models import Document

__all__ = [
    "__version__",
    "Document",
    "SideswitchError",
    "InputError",
    "UnknownFormatError",
    "LexiconError",
    "StoreError",
    "NotFoundError",
    "ValidationError",
    "ConfigError",
    "ExtractionError",
    "QueryError",
    "DocumentError",
    "TimeBudgetError",
    "UnsupportedLanguageError",
]
