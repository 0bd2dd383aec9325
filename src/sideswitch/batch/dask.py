"""Ingest with extraction on a Dask cluster; merging and writing stay in this process.

    with open_store("events.db") as store:
        report = ingest_distributed(store, ["archive/"], workers=4)          # a LocalCluster of 4 processes
        report = ingest_distributed(store, ["more/"], scheduler="tcp://10.0.0.5:8786")

The inputs are cut into partitions (:mod:`.partitions`); each worker reads and
extracts its own and returns the documents with their mentions. This process
takes the results in input order and stores, merges and resolves them through
the same path as a serial ingest (:func:`~sideswitch.pipeline.ingest_documents`),
so the store ends exactly as after ``sideswitch ingest`` without workers,
whatever the partitioning. At most a few partitions per worker are in flight,
so memory stays flat on any input size.

A partition whose task fails (a worker dies, an unexpected error) is retried
on another worker; if it still fails it is reported as one skipped input
naming its file and first line, and the batch goes on. Nothing is written
until a partition's results arrive, so a failure never touches what is stored.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from ..config import Settings
from ..errors import ConfigError, InputError
from ..extract.extractor import Lexicon, default_lexicon
from ..pipeline import IngestReport, ingest_documents
from ..store.base import Store
from .partitions import (
    PARTITION_SIZE,
    Partition,
    PartitionResult,
    extract_partition,
    plan_partitions,
)

__all__ = ["INSTALL_HINT", "RETRIES", "dask_client", "ingest_distributed"]

INSTALL_HINT = "Dask support is not installed. Install it with: pip install 'sideswitch[dask]'"
RETRIES = 2  # further attempts of a failed partition, on any worker
IN_FLIGHT_PER_WORKER = 3


def _distributed() -> Any:
    try:
        import dask.distributed as distributed  # noqa: PLR0402  (the submodule itself: an ImportError without it)
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    return distributed


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``workers`` processes."""
    distributed = _distributed()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise ConfigError(f"cannot reach the Dask scheduler at '{scheduler}': {e}") from None
        with client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with (
        distributed.LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def ingest_distributed(
    store: Store,
    paths: Iterable[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    lexicon: Lexicon | None = None,
    format: str | None = None,
    partition_size: int = PARTITION_SIZE,
    settings: Settings | None = None,
    on_skip: Callable[[Any], None] | None = None,
    on_document: Callable[..., None] | None = None,
    on_warning: Callable[[Any], None] | None = None,
    on_partition: Callable[[Partition, PartitionResult], None] | None = None,
) -> IngestReport:
    """Read and extract ``paths`` on Dask workers; store and merge here. Same store as a serial run.

    ``client`` is an open ``distributed.Client`` to use instead of starting one; ``lexicon`` (the
    shipped one when None) is sent once to every worker, pickled with its content, and every
    partition is extracted with it; ``on_partition`` sees each partition's result (its CPU time,
    the worker's pid).
    """
    settings = settings or Settings()
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    plan = plan_partitions(list(paths), format=format, size=partition_size, settings=settings)
    lexicon = lexicon or default_lexicon()
    with nullcontext(client) if client is not None else dask_client(workers, scheduler) as c:
        items = _results(c, plan, settings, on_partition, lexicon)
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
    client: Any,
    plan: Iterable[Partition | InputError],
    settings: Settings,
    on_partition: Callable[[Partition, PartitionResult], None] | None,
    lexicon: Lexicon,
) -> Iterator[Any]:
    """Every partition's items in input order, a few partitions per worker in flight."""
    window: deque[tuple[Partition | InputError, Any]] = deque()
    name = f"sideswitch-lexicon-{uuid.uuid4().hex}"
    client.register_plugin(_lexicon_plugin(lexicon), name=name)
    try:
        for part in plan:
            future = None
            if isinstance(part, Partition):
                future = client.submit(_extract, part, settings, name, retries=RETRIES, pure=False)
            window.append((part, future))
            while len(window) > IN_FLIGHT_PER_WORKER * max(1, len(client.nthreads())):
                yield from _collect(*window.popleft(), on_partition)
        while window:
            yield from _collect(*window.popleft(), on_partition)
    finally:
        client.unregister_worker_plugin(name)


def _lexicon_plugin(lexicon: Lexicon) -> Any:
    """A worker plugin holding ``lexicon``: Dask sends it, pickled with its content, once to every
    worker (and to a worker that joins or restarts), where it stays for the batch (data scattered
    to the workers instead may be dropped from some and sent again)."""

    class LexiconPlugin(_distributed().WorkerPlugin):  # type: ignore[misc]
        def __init__(self, lexicon: Lexicon) -> None:
            self.lexicon = lexicon

    return LexiconPlugin(lexicon)


def _extract(part: Partition, settings: Settings, plugin: str) -> PartitionResult:
    """Extract one partition on a worker with the lexicon its plugin ``plugin`` holds."""
    lexicon = _distributed().get_worker().plugins[plugin].lexicon
    return extract_partition(part, settings, lexicon)


def _collect(
    part: Partition | InputError, future: Any, on_partition: Callable[[Partition, PartitionResult], None] | None
) -> Iterator[Any]:
    if isinstance(part, InputError):
        yield part
        return
    try:
        result: PartitionResult = future.result()
    except Exception as e:  # noqa: BLE001  retried RETRIES times already: report it, go on with the rest
        path, line = part.where()
        yield InputError(
            f"{part.describe()} failed after {RETRIES + 1} attempts on the cluster "
            f"({type(e).__name__}: {e}); ingest this file again to retry",
            path=path,
            line=line,
        )
        return
    finally:
        future.release()
    if on_partition:
        on_partition(part, result)
    yield from result.items
