"""Ingest: news items in many formats become :class:`~sideswitch.models.Document` objects.

One reader per format, all registered in a :class:`Readers` registry that a
user extends the same way (see :mod:`sideswitch.ingest.registry`):

=========  =====================================  ===============================
format     files                                  one document per
=========  =====================================  ===============================
jsonl      ``.jsonl .ndjson .json``               record (text kept verbatim)
text       ``.txt .text``, no suffix              file (YAML front matter optional)
markdown   ``.md .markdown``                      file (YAML front matter optional)
html       ``.html .htm .xhtml``                  page (main text by trafilatura)
rss        ``.rss .atom``, feed ``.xml``          entry
warc       ``.warc .arc``                         archived HTML page
=========  =====================================  ===============================

Any of them may be gzipped (``.gz``). Typical use::

    from sideswitch.ingest import iter_documents

    for doc in iter_documents(["feeds/", "crawl.warc.gz"], errors="skip"):
        print(doc.id, doc.published, doc.title)

This package only reads. The whole job (read, extract, store, merge) is
:func:`sideswitch.pipeline.ingest_paths`, which the CLI and the API use::

    from sideswitch.pipeline import ingest_paths
    from sideswitch.store import open_store

    with open_store("events.db") as store:
        print(ingest_paths(store, ["feeds/", "crawl.warc.gz"]).summary())
"""

from __future__ import annotations

import os
from typing import Any

from .published import normalize_published
from .records import FIELD_ALIASES, record_to_document
from .registry import Reader, Readers, default_readers, detect_format, open_input
from .run import ERROR_POLICIES, iter_documents
from .textutil import guess_language

__all__ = [
    "iter_documents",
    "read_path",
    "ERROR_POLICIES",
    "detect_format",
    "default_readers",
    "Readers",
    "Reader",
    "open_input",
    "record_to_document",
    "FIELD_ALIASES",
    "normalize_published",
    "guess_language",
]


def read_path(path: str | os.PathLike[str], **options: Any) -> list[Any]:
    """Every document in one file or folder, as a list (``options`` as for :func:`iter_documents`).

    >>> import json, tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "two.jsonl"), "w") as f:
    ...     _ = f.write(json.dumps({"id": "d1", "text": "Six guards crossed over."}) + "\\n\\n")
    ...     _ = f.write(json.dumps({"id": "d2", "text": "A colonel fled abroad."}) + "\\n")
    >>> [(d.id, d.source_line, d.format) for d in read_path(folder)]
    [('d1', 1, 'jsonl'), ('d2', 3, 'jsonl')]
    """
    return list(iter_documents(path, **options))
