"""Pictures of trends and flows (matplotlib, no pyplot: no global state, no display needed).

* ``trends_figure(series)``: bars of events per period, contested events
  stacked on top in a hatched orange; the rate of each segment between change
  points as a dashed step; each change point as a vertical line with its
  credible interval shaded and ``x3.0  p=0.001`` written beside it. For net
  flow, gains are drawn up, losses down, and the net as a line.
* ``flows_figure(table)``: a from x to heat map of confirmed events, each cell
  labelled with its count and, in brackets, contested events in that cell.

``save_figure(fig, "out.png")`` picks the format from the suffix (png, svg,
pdf); ``data_uri(fig)`` gives an SVG ``data:`` URI for self-contained HTML.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from ..errors import InputError
from .flows import FlowTable
from .trends import TrendSeries

__all__ = ["trends_figure", "flows_figure", "save_figure", "data_uri", "FORMATS"]

FORMATS = ("png", "svg", "pdf")
MAX_PARTIES = 12  # parties drawn in the heat map (the busiest); the rest are named in a note
MAX_TICKS = 14  # period labels on the time axis
COLOURS = {"events": "#3a6ea5", "contested": "#e08a2c", "lost": "#b5473a", "rate": "#222222", "change": "#c0392b"}
_STYLE: dict[Any, Any] = {"svg.fonttype": "path", "svg.hashsalt": "sideswitch", "font.size": 9}


def _apart_note(series: TrendSeries) -> str:
    parts = [f"{len(ids)} {name}" for name, ids in series.apart.items() if ids]
    return ("not shown: " + ", ".join(parts)) if parts else ""


def trends_figure(series: TrendSeries, *, title: str | None = None) -> Figure:
    """Timeline of counts with change points marked and contested events distinct."""
    with matplotlib.rc_context(_STYLE):
        n = len(series.periods)
        fig = Figure(figsize=(min(14, max(6, 0.18 * n + 3)), 3.6), layout="constrained")
        ax = fig.add_subplot()
        x = list(range(n))
        if series.direction == "net":
            _net_bars(ax, series, x)
        else:
            _count_bars(ax, series, x)
        _mark_changes(ax, series)
        keys = [p["period"] for p in series.periods]
        step = max(1, -(-n // MAX_TICKS))
        ax.set_xticks(x[::step], keys[::step], rotation=45, ha="right")
        ax.set_ylabel("events per " + series.by)
        who = f"{series.party} ({series.direction})" if series.party else "all parties"
        ax.set_title(title or f"Events per {series.by}: {who}", loc="left")
        note = "; ".join(s for s in (series.message if series.status != "ok" else "", _apart_note(series)) if s)
        ax.set_xlabel(note, fontsize=8, color="#555", loc="left")
        if not n:
            ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center")
        ax.spines[["top", "right"]].set_visible(False)
        if ax.get_legend_handles_labels()[0]:
            fig.legend(loc="outside upper right", ncols=4, fontsize=8, frameon=False)
        return fig


def _count_bars(ax, series: TrendSeries, x: list[int]) -> None:
    contested = [p["contested"] for p in series.periods]
    plain = [p["events"] - c for p, c in zip(series.periods, contested)]
    ax.bar(x, plain, width=0.85, color=COLOURS["events"], label="events")
    if any(contested):
        ax.bar(
            x,
            [c or float("nan") for c in contested],
            bottom=plain,
            width=0.85,
            color="white",
            edgecolor=COLOURS["contested"],
            hatch="////",
            label="contested",
        )
    counts = series.counts()
    bounds = [0, *(cp["index"] for cp in series.change_points), len(counts)]
    for i, (a, b) in enumerate(zip(bounds, bounds[1:])):
        if b > a:
            rate = sum(counts[a:b]) / (b - a)
            ax.hlines(
                rate,
                a - 0.5,
                b - 0.5,
                colors=COLOURS["rate"],
                linestyles="--",
                linewidth=1.2,
                label="segment rate" if i == 0 else None,
            )


def _net_bars(ax, series: TrendSeries, x: list[int]) -> None:
    ax.bar(x, [p["gained"] for p in series.periods], width=0.85, color=COLOURS["events"], label="gained")
    ax.bar(x, [-p["lost"] for p in series.periods], width=0.85, color=COLOURS["lost"], label="lost")
    ax.plot(x, [p["events"] for p in series.periods], color=COLOURS["rate"], linewidth=1.2, label="net")
    ax.axhline(0, color="#888", linewidth=0.8)


def _mark_changes(ax, series: TrendSeries) -> None:
    keys = [p["period"] for p in series.periods]
    for i, cp in enumerate(series.change_points):
        lo, hi = keys.index(cp["interval"][0]), keys.index(cp["interval"][1])
        ax.axvspan(lo - 0.5, hi + 0.5, color=COLOURS["change"], alpha=0.08, linewidth=0)
        ax.axvline(cp["index"] - 0.5, color=COLOURS["change"], linewidth=1.5, label="change point" if i == 0 else None)
        ratio = f"x{cp['ratio']:.1f}" if cp.get("ratio") else f"{cp['before']:.2f}->{cp['after']:.2f}"
        ax.annotate(
            f"{cp['period']} {ratio}  p={cp['p_value']:.3f}",
            (cp["index"] - 0.5, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -12 - 11 * (i % 2)),
            textcoords="offset points",
            fontsize=8,
            color=COLOURS["change"],
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
        )


def flows_figure(table: FlowTable, *, title: str | None = None) -> Figure:
    """Heat map of confirmed events from row party to column party."""
    with matplotlib.rc_context(_STYLE):
        parties = table.parties[:MAX_PARTIES]
        size = max(4.0, 0.55 * len(parties) + 2.5)
        fig = Figure(figsize=(size + 1, size), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title(title or "Confirmed flows (events)", loc="left")
        if not parties:
            ax.text(0.5, 0.5, "no flows", transform=ax.transAxes, ha="center")
            ax.set_axis_off()
            return fig
        grid = [[table.confirmed.get(a, b) for b in parties] for a in parties]
        im = ax.imshow(grid, cmap="Blues", vmin=0)
        top = max(max(r) for r in grid) or 1
        for i, a in enumerate(parties):
            for j, b in enumerate(parties):
                c = table.contested.get(a, b)
                label = (str(grid[i][j]) if grid[i][j] else "") + (f" ({c})" if c else "")
                if label:
                    ax.text(
                        j,
                        i,
                        label,
                        ha="center",
                        va="center",
                        fontsize=8,
                        color="white" if grid[i][j] > top / 2 else "black",
                    )
        ax.set_xticks(range(len(parties)), parties, rotation=40, ha="right")
        ax.set_yticks(range(len(parties)), parties)
        hidden = len(table.parties) - len(parties)
        foot = "\n(n): contested events, not in the count" + (f"; {hidden} more parties not shown" if hidden else "")
        ax.set_xlabel("to (gained people)" + foot)
        ax.set_ylabel("from (lost people)")
        fig.colorbar(im, ax=ax, shrink=0.7, label="events")
        return fig


def save_figure(fig: Figure, out: str | Path) -> Path:
    """Write ``fig`` to ``out``; the suffix (.png, .svg, .pdf) picks the format."""
    out = Path(out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"unknown image format '.{fmt}' (use .png, .svg or .pdf)", path=str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(_STYLE):
        fig.savefig(out, format=fmt, dpi=150, metadata={"Date": None} if fmt == "svg" else None)
    return out


def data_uri(fig: Figure) -> str:
    """The figure as an SVG ``data:`` URI (fonts drawn as paths: no external requests)."""
    buf = io.BytesIO()
    with matplotlib.rc_context(_STYLE):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
