"""What incremental merging asks of the store (:class:`MergeBacking`), apart from the merging itself.

The store's protocol (``store.base.Store``) extends it; kept in a module of its own so that
opening a store imports no merge rules (a command that only reads, or hands documents to a
running server, starts faster).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

__all__ = ["MergeBacking"]


class MergeBacking(Protocol):
    """What the index asks of the store (``store.mergestate.MergeStateStore`` provides it)."""

    def add_merge_keys(self, rows: Iterable[Sequence[Any]]) -> None: ...
    def merge_candidates(
        self,
        stage: str,
        countries: Sequence[str] | None,
        cells: Sequence[tuple[int, int, int]],
        left: tuple[str, str | None] | None,
        joined: tuple[str, str | None] | None,
        place: tuple[str | None, str] | None = None,
        people: tuple[float, int, float, float] | None = None,
        person: bool = False,
        days: tuple[int, int] | None = None,
        exact: tuple[int, float] | None = None,
        province: tuple[str, int, int] | None = None,
    ) -> dict[str, str | None]: ...
    def add_merge_links(self, mention_id: str, links: dict[str, float]) -> None: ...
    def drop_merge_link(self, a: str, b: str) -> None: ...
    def merge_best(self, ids: Iterable[str]) -> dict[str, tuple[float, str]]: ...
    def set_merge_best(self, mention_id: str, best: str, score: float) -> None: ...
    def merge_links(self, ids: Iterable[str]) -> dict[str, dict[str, float]]: ...
    def mentions_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...
    def mention_ids_of_events(self, event_ids: Iterable[str]) -> set[str]: ...
    def mention_ids_of_documents(self, doc_ids: Iterable[str]) -> set[str]: ...
    def merged_event_ids(self, ids: Iterable[str]) -> set[str]: ...
    def update_mentions(self, mentions: Iterable[dict[str, Any]]) -> None: ...
