"""Flows and trends of a store's events, aggregated in SQL.

:func:`flows_of` and :func:`trends_of` give what :func:`~.flows.flows` and
:func:`~.trends.trends` give over the same events (the same cells, periods, sums,
change points and apart lists; event ids in id order within a cell or day), but
no event is decoded or even read one by one: the store groups them
(``Store.flow_groups``: by sides, kind, stage, contested, inferred;
``Store.trend_groups``: by the day a trend places an event on) and these functions
only lay the groups out. The CLI, the API and the dashboard use them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from .flows import NO_SIDE, FlowMatrix, FlowTable
from .series import MAX_WINDOW_DAYS, parse_day, period_of, period_range
from .trends import TrendSeries, _detect, _row, add_group, check_options

__all__ = ["flows_of", "trends_of"]


def flows_of(
    store: Any,
    query: Any = None,
    *,
    include_contested: bool = False,
    include_offered: bool = False,
    include_inferred: bool = False,
    with_ids: bool = True,
) -> FlowTable:
    """:func:`~.flows.flows` of the events matching ``query``, from ``Store.flow_groups``
    (``with_ids=False``: the cells' event id lists stay empty, for a page that shows none)."""
    table = FlowTable(
        FlowMatrix(),
        FlowMatrix(),
        FlowMatrix(),
        [],
        {"contested": include_contested, "offered": include_offered, "inferred": include_inferred},
    )
    for kind, stage, contested, inferred, frm, to, n, counted, low, best, high, ids in store.flow_groups(
        query, ids=with_ids
    ):
        id_list = (ids or "").split()
        if to is None and kind == "desertion":
            to = NO_SIDE
        if not (frm and to):
            table.unknown_side += id_list
            continue
        offered, contested = stage == "offered", bool(contested)
        inferred = bool(inferred) and not offered and not contested
        group = (frm, to, int(n), int(counted), int(low), int(best), int(high), id_list)
        if offered:
            table.offered.add_group(*group)
        elif contested:
            table.contested.add_group(*group)
        elif inferred:
            table.inferred.add_group(*group)
        if (
            (not offered or include_offered)
            and (not contested or include_contested or offered)
            and (not inferred or include_inferred)
        ):
            table.confirmed.add_group(*group)
    table.unknown_side.sort()
    for m in (table.confirmed, table.contested, table.offered, table.inferred):
        for cell in m.cells.values():
            cell["event_ids"].sort()
    return table


def trends_of(
    store: Any,
    query: Any,
    *,
    by: str = "month",
    party: str | None = None,
    direction: str = "any",
    start: str | None = None,
    end: str | None = None,
    include_contested: bool = True,
    include_offered: bool = False,
    with_ids: bool = True,
) -> TrendSeries:
    """:func:`~.trends.trends` of the events matching ``query`` (its party and direction are not
    filters: ``party``/``direction`` pick the flow), from ``Store.trend_groups``."""
    check_options(by, party, direction)
    if query is not None:
        query = replace(query, party=None, direction="any")
    lo, hi = parse_day(start), parse_day(end, end=True)
    apart: dict[str, list[str]] = {"undated": [], "imprecise": [], "offered": []}
    if not include_contested:
        apart["contested"] = []
    placed = []
    for (
        mid,
        imprecise,
        stage,
        contested,
        inferred,
        gained,
        lost,
        n,
        counted,
        low,
        best,
        high,
        ids,
    ) in store.trend_groups(query, MAX_WINDOW_DAYS[by], party, ids=with_ids):
        id_list = (ids or "").split()
        if stage == "offered" and not include_offered:
            apart["offered"] += id_list
        elif contested and not include_contested:
            apart["contested"] += id_list
        elif mid is None:
            apart["undated"] += id_list
        elif imprecise:
            apart["imprecise"] += id_list
        else:
            sign = _sign(party, direction, bool(gained), bool(lost))
            day = date.fromisoformat(mid)
            if sign and (lo is None or day >= lo) and (hi is None or day <= hi):
                placed.append(
                    (
                        day,
                        sign,
                        int(n),
                        int(counted),
                        int(low),
                        int(best),
                        int(high),
                        bool(contested),
                        bool(inferred),
                        sorted(id_list),
                    )
                )
    for k in apart:
        apart[k].sort()
    days = [p[0] for p in placed]
    first, last = lo or (min(days) if days else None), hi or (max(days) if days else None)
    rows = {p.key: _row(p, party) for p in period_range(first, last, by)} if first and last else {}
    periods: dict[date, str] = {}
    for day, sign, n, counted, low, best, high, contested, inferred, ids in sorted(placed, key=lambda p: (p[0], p[9])):
        key = periods.get(day) or periods.setdefault(day, period_of(day, by).key)
        add_group(rows[key], sign, direction == "net", n, counted, low, best, high, contested, inferred, ids)
    series = TrendSeries(by, party, direction, list(rows.values()), apart=apart)
    _detect(series)
    return series


def _sign(party: str | None, direction: str, gained: bool, lost: bool) -> int:
    """As ``trends._role``: +1 the party gained (or no party), -1 it lost, 0 not in this flow."""
    if party is None:
        return 1
    if lost and gained:
        return 0
    if direction == "from":
        return -1 if lost else 0
    if direction == "to":
        return 1 if gained else 0
    return 1 if gained else (-1 if lost else 0)
