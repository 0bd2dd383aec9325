"""Feedback while long work runs: a progress bar on a terminal, a one-line status otherwise.

    with Progress("ingest") as p:
        ingest_paths(store, paths, on_document=p.document)

On a terminal (standard error is a TTY) a rich bar shows documents, documents per
second and event mentions found; elsewhere (logs, cron) one line every
``STATUS_EVERY`` seconds::

    ingest: 1,200 documents, 14.2 documents/s, 310 event mentions
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

__all__ = ["STATUS_EVERY", "Progress"]

STATUS_EVERY = 10.0  # seconds between two status lines when not on a terminal


class Progress:
    def __init__(
        self,
        what: str,
        total: int | None = None,
        stream: TextIO | None = None,
        every: float = STATUS_EVERY,
        tty: bool | None = None,
        unit: str = "documents",
    ):
        self.what, self.total, self.every, self.unit = what, total, every, unit
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.docs = self.mentions = 0
        self.start = self.last = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed:,} " + self.unit),
                TextColumn("{task.fields[rate]:.1f} " + self.unit + "/s"),
                TextColumn("{task.fields[found]:,} events found"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.what, total=self.total, rate=0.0, found=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)

    @property
    def rate(self) -> float:
        return self.docs / max(time.monotonic() - self.start, 1e-6)

    def status(self) -> str:
        unit = self.unit if self.docs != 1 else self.unit.rstrip("s")
        return (
            f"{self.what}: {self.docs:,} {unit}, {self.rate:.1f} {self.unit}/s, "
            f"{self.mentions:,} event{' mention' if self.unit == 'documents' else ''}{'s' if self.mentions != 1 else ''}"
        )

    def document(self, doc: Any = None, mentions: Any = ()) -> None:
        """Count one processed document (the pipeline's ``on_document`` callback)."""
        self.docs += 1
        self.mentions += len(mentions or ())
        if self._bar is not None:
            self._bar.update(self._task, completed=self.docs, rate=self.rate, found=self.mentions)
        elif time.monotonic() - self.last >= self.every:
            self.last = time.monotonic()
            print(self.status(), file=self.stream, flush=True)
