"""The one exception tree of sideswitch.

    SideswitchError                 base: every error the library raises on purpose
    ├── InputError                  a document, record or file that cannot be read
    │   ├── UnknownFormatError      a path whose format is not recognised
    │   └── DocumentError           one document that failed inside the pipeline (its id says which)
    │       ├── TimeBudgetError     ... because it took longer than the per-document budget
    │       ├── UnsupportedLanguageError  ... stored, but no extraction data for its language
    │       └── ExtractionError     ... because extraction failed unexpectedly (a bug to report)
    ├── LexiconError                knowledge data (YAML/CSV) that fails validation
    ├── QueryError                  a filter with a bad value (also a ValueError)
    ├── StoreError                  the database cannot be opened, migrated or written
    │   └── NotFoundError           an id that is not in the store
    ├── ValidationError             an event that does not follow the contract
    └── ConfigError                 bad settings or a missing optional extra

Shells translate these at the boundary: the CLI prints ``Error: <message>``
and exits 1 (usage errors exit 2); the REST API answers
``{"ok": false, "error": <message>, "status": <code>}``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "SideswitchError",
    "InputError",
    "UnknownFormatError",
    "DocumentError",
    "TimeBudgetError",
    "UnsupportedLanguageError",
    "ExtractionError",
    "LexiconError",
    "QueryError",
    "StoreError",
    "NotFoundError",
    "ValidationError",
    "ConfigError",
]


class SideswitchError(Exception):
    """Base of every error sideswitch raises on purpose."""


class InputError(SideswitchError):
    """An input that cannot be read. ``path`` and ``line`` say where."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path, self.line, self.reason = path, line, message
        where = ""
        if path is not None:
            where = f"cannot read '{path}'" + (f" line {line}" if line is not None else "") + ": "
        super().__init__(where + message)


class UnknownFormatError(InputError):
    """A path whose format cannot be detected."""


class DocumentError(InputError):
    """One document that failed after it was read; the batch goes on without it.

    ``doc_id`` names the document; ``path`` and ``line`` say where it came from.
    """

    def __init__(self, message: str, doc_id: str | None, path: str | None = None, line: int | None = None):
        self.doc_id = doc_id
        label = f"document '{doc_id}'" + (f" ('{path}'" + (f" line {line}" if line else "") + ")" if path else "")
        super().__init__(f"{label}: {message}")
        self.path, self.line, self.reason = path, line, message


class TimeBudgetError(DocumentError):
    """A document whose extraction took longer than the per-document CPU budget."""


class UnsupportedLanguageError(DocumentError):
    """A document in a language without extraction data: stored, but no events extracted (a warning)."""


class LexiconError(SideswitchError):
    """Knowledge data with problems; ``problems`` lists ``(line, message)``."""

    def __init__(self, filename: str, problems: Sequence[tuple[int | None, str]]):
        self.filename, self.problems = filename, list(problems)
        n = len(problems)
        lines = [f"  - line {ln}: {msg}" if ln else f"  - {msg}" for ln, msg in problems]
        super().__init__(f"lexicon '{filename}' has {n} problem{'s' if n != 1 else ''}:\n" + "\n".join(lines))


class ExtractionError(DocumentError):
    """A document extraction failed on unexpectedly (a bug to report, with the document id);
    a batch reports it as skipped and goes on with the next document."""

    def __init__(self, doc_id: str | None, cause: BaseException, path: str | None = None, line: int | None = None):
        self.cause = cause
        super().__init__(f"unexpected error ({type(cause).__name__}: {str(cause)[:200]})", doc_id, path, line)


class QueryError(SideswitchError, ValueError):
    """A query filter with a bad value (``kind``, a date, ``limit``...); the message names it."""


class StoreError(SideswitchError):
    """The store cannot be opened, migrated or written."""


class NotFoundError(StoreError):
    """An id that is not in the store."""


class ValidationError(SideswitchError):
    """An event that does not follow the contract (``line`` when read from a file)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path, self.line = path, line
        where = f"'{path}' line {line}: " if path and line else ""
        super().__init__(where + message)


class ConfigError(SideswitchError):
    """Bad settings, or an optional extra that is not installed."""
