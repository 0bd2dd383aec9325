"""Analysis of stored events: flows, rates, change points, pictures, the HTML brief, imports.

    from sideswitch.analyze import flows, trends, change_points, import_events

    flows(events).to_dict()                     # from-party x to-party events and people
    trends(events, by="quarter").to_dict()      # counts per period, evidence, change points
    change_points([2, 1, 3, ..., 7, 6])         # when a count series changed rate, how surely
    import_events(store, "coded.jsonl")         # contract JSONL -> store (origin "imported")

Plotting and the brief (``trends_figure``, ``flows_figure``, ``save_figure``,
``build_brief``, ``write_brief``) import matplotlib only when first used.
"""

from __future__ import annotations

from importlib import import_module

from .changepoints import ChangePoint, ChangePointResult, balance_change_points, balance_test, change_points
from .flows import FlowMatrix, FlowTable, flows
from .importer import ImportReport, import_events
from .switchers import repeat_switchers
from .tables import render_flows, render_trends
from .trends import TrendSeries, trends

__all__ = [
    "flows",
    "FlowTable",
    "FlowMatrix",
    "trends",
    "TrendSeries",
    "change_points",
    "ChangePoint",
    "ChangePointResult",
    "balance_change_points",
    "balance_test",
    "import_events",
    "ImportReport",
    "repeat_switchers",
    "render_trends",
    "render_flows",
    "trends_figure",
    "flows_figure",
    "save_figure",
    "data_uri",
    "build_brief",
    "write_brief",
]

_LAZY = {
    "trends_figure": "plots",
    "flows_figure": "plots",
    "save_figure": "plots",
    "data_uri": "plots",
    "build_brief": "report",
    "write_brief": "report",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
