"""sideswitch: defections in armed conflicts, from news reports to flows."""

from __future__ import annotations

__version__ = "0.1.0"

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
