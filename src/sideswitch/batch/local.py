"""Ingest with extraction in local worker processes (one machine, no Dask); merging and writing
stay in this process.

    with open_store("events.db") as store:
        report = ingest_local(store, ["archive/"], workers=4)

The same path as the Dask one (:mod:`.dask`): the inputs are cut into partitions
(:mod:`.partitions`), each worker process reads and extracts its own
(:func:`~.partitions.extract_partition`), and this process takes the results in input order
and stores, merges and resolves them through :func:`~sideswitch.pipeline.ingest_documents`, so
the store ends exactly as after a serial ``sideswitch ingest``. A few partitions per worker are
in flight at most, so memory stays flat. The workers are started before the store's writer
lock is taken, each with the caller's lexicon (forked where the platform allows, so they share
it; else it is pickled, with its content, once per worker). A partition whose worker fails is reported as one skipped input naming its file and first
line, and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..extract.extractor import Lexicon, default_lexicon
from ..pipeline import IngestReport, ingest_documents
from ..store.base import Store
from .partitions import PARTITION_SIZE, Partition, PartitionResult, extract_partition, plan_partitions

__all__ = ["ingest_local"]

IN_FLIGHT_PER_WORKER = 3

# The lexicon a worker process was started with (set once by _start in that process).
_worker_lexicon: Lexicon | None = None


def _start(lexicon: Lexicon) -> None:
    global _worker_lexicon
    _worker_lexicon = lexicon


def _started(_: int) -> int:
    return os.getpid()


def _extract(part: Partition, settings: Settings) -> PartitionResult:
    if _worker_lexicon is None:
        raise RuntimeError("a worker process was started without its lexicon")
    return extract_partition(part, settings, _worker_lexicon)


def ingest_local(
    store: Store,
    paths: Iterable[str],
    *,
    workers: int,
    lexicon: Lexicon | None = None,
    format: str | None = None,
    partition_size: int = PARTITION_SIZE,
    settings: Settings | None = None,
    on_skip: Callable[[Any], None] | None = None,
    on_document: Callable[..., None] | None = None,
    on_warning: Callable[[Any], None] | None = None,
    on_partition: Callable[[Partition, PartitionResult], None] | None = None,
) -> IngestReport:
    """Read and extract ``paths`` in ``workers`` local processes; store and merge here. Same store
    as a serial run, extracted with ``lexicon`` (the shipped one when None) in every worker.
    ``on_partition`` sees each partition's result (its CPU time, the worker's pid)."""
    settings = settings or Settings()
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    plan = plan_partitions(list(paths), format=format, size=partition_size, settings=settings)
    lexicon = lexicon or default_lexicon()  # loaded once here: forked workers share it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start, initargs=(lexicon,)) as pool:
        list(pool.map(_started, range(workers)))  # every worker running before the writer lock
        items = _results(pool, workers, plan, settings, on_partition)
        return ingest_documents(
            store,
            items,
            resources=lexicon,
            on_skip=on_skip,
            on_document=on_document,
            settings=settings,
            on_warning=on_warning,
        )


def _results(
    pool: ProcessPoolExecutor,
    workers: int,
    plan: Iterable[Partition | InputError],
    settings: Settings,
    on_partition: Callable[[Partition, PartitionResult], None] | None,
) -> Iterator[Any]:
    """Every partition's items in input order, a few partitions per worker in flight."""
    window: deque[tuple[Partition | InputError, Future[PartitionResult] | None]] = deque()
    for part in plan:
        future = pool.submit(_extract, part, settings) if isinstance(part, Partition) else None
        window.append((part, future))
        while len(window) > IN_FLIGHT_PER_WORKER * workers:
            yield from _collect(*window.popleft(), on_partition)
    while window:
        yield from _collect(*window.popleft(), on_partition)


def _collect(
    part: Partition | InputError,
    future: Future[PartitionResult] | None,
    on_partition: Callable[[Partition, PartitionResult], None] | None,
) -> Iterator[Any]:
    if isinstance(part, InputError) or future is None:
        yield part
        return
    try:
        result = future.result()
    except Exception as e:  # noqa: BLE001  a worker died or failed: report the partition, go on
        path, line = part.where()
        yield InputError(
            f"{part.describe()} failed in a worker process ({type(e).__name__}: {e}); ingest this file again to retry",
            path=path,
            line=line,
        )
        return
    if on_partition:
        on_partition(part, result)
    yield from result.items
