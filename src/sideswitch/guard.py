"""What keeps one document from stopping a batch: its language, a CPU budget, its errors.

:func:`sideswitch.pipeline.ingest_documents` runs each document inside this
boundary. Whatever goes wrong with one document becomes a typed
:class:`~sideswitch.errors.DocumentError` naming it, and the batch goes on::

    document 'wire-7' ('feeds/wire.jsonl' line 12): unexpected error (IndexError: list index out of range)
    document 'long-1' ('dump.jsonl' line 3): extraction took more than 60 CPU-seconds; not stored ...

A document's ``lang`` comes from its input, so it is checked against the
languages that have extraction data (:func:`~sideswitch.lexicon.languages.supported_languages`,
read from the data files) before anything uses it:

>>> from sideswitch.models import Document
>>> doc = Document(text="The guards said that they had left the army with their rifles.", lang="../../x")
>>> settle_language(doc), doc.lang, doc.metadata
(None, 'en', {'lang_raw': '../../x'})
>>> doc = Document(text="Die Wachen sagten, dass sie die Armee verlassen hatten.", id="d1", lang="de")
>>> print(settle_language(doc))
document 'd1': language 'de' has no extraction data (supported: en, es, fr); stored without events
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import DocumentError, ExtractionError, SideswitchError, TimeBudgetError, UnsupportedLanguageError
from .ingest.records import normalize_lang
from .lexicon.languages import detect_language, supported_languages
from .models import Document

__all__ = ["settle_language", "cpu_budget", "as_document_error"]

log = logging.getLogger("sideswitch.ingest")


def settle_language(doc: Document) -> UnsupportedLanguageError | None:
    """Set ``doc.lang`` to a supported language, or say why its events cannot be extracted.

    A declared language that is not a language tag is set aside (kept in
    ``metadata['lang_raw']``) and the language detected instead; a declared
    language without data gives way to a supported language the text is
    clearly in, else it is kept and an :class:`UnsupportedLanguageError` returned
    (the document is stored, without events).
    """
    supported = supported_languages()
    declared = normalize_lang(doc.lang)
    if doc.lang and declared is None:
        doc.metadata["lang_raw"] = str(doc.lang)[:64]
    if declared in supported:
        doc.lang = declared
        return None
    detected = detect_language(doc.text, supported, default=None)
    if declared is None or detected is not None:
        if declared is not None:
            doc.metadata["lang_declared"] = declared
        doc.lang = detected or "en"
        return None
    doc.lang = declared
    return UnsupportedLanguageError(
        f"language '{declared}' has no extraction data (supported: {', '.join(supported)}); stored without events",
        doc.id,
        doc.source_path,
        doc.source_line,
    )


class _Expired(BaseException):
    """Raised by the timer signal; a BaseException so no ``except Exception`` swallows it."""


@contextmanager
def cpu_budget(seconds: float, doc: Document) -> Iterator[None]:
    """Raise :class:`TimeBudgetError` when the block uses more than ``seconds`` of CPU.

    Uses the profiling timer (CPU time, so a busy machine does not trip it); only in
    the main thread of a platform that has it, elsewhere the block runs unbounded.
    """
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise _Expired()

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    except _Expired:
        raise TimeBudgetError(
            f"extraction took more than {seconds:g} CPU-seconds; not stored "
            "(split the document, or raise Settings.document_cpu_seconds)",
            doc.id,
            doc.source_path,
            doc.source_line,
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def as_document_error(exc: BaseException, doc: Document) -> DocumentError:
    """``exc``, raised while processing ``doc``, as a :class:`DocumentError` naming it."""
    if isinstance(exc, DocumentError):
        return exc
    log.debug("document %r failed", doc.id, exc_info=exc)
    if isinstance(exc, SideswitchError):
        return DocumentError(str(exc), doc.id, doc.source_path, doc.source_line)
    return ExtractionError(doc.id, exc, doc.source_path, doc.source_line)  # a bug: the id says where
