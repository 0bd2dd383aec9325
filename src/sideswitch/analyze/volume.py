"""Reporting volume: documents published per period beside events per period, so that a rise
in events can be told from a rise in coverage.

    reporting_volume(["2019-05-06", "2019-05-07", None], ["2019-05-05"], by="month")
        -> {"by": "month", "periods": [{"period": "2019-05", "documents": 2, "events": 1,
                                        "events_per_100_documents": 50.0}], "undated_documents": 1}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["reporting_volume", "period_key"]

BY = ("month", "quarter", "year")


def period_key(day: str, by: str) -> str:
    """``2019-05-06`` -> ``2019-05`` (month), ``2019-Q2`` (quarter), ``2019`` (year)."""
    if by == "year":
        return day[:4]
    if by == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    return day[:7]


def reporting_volume(
    doc_dates: Iterable[str | None], event_dates: Iterable[str | None], *, by: str = "month"
) -> dict[str, Any]:
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")
    docs = [d for d in doc_dates]
    dated = Counter(period_key(d, by) for d in docs if d and len(d) >= 7)
    events = Counter(period_key(d, by) for d in event_dates if d and len(d) >= 7)
    periods = []
    for key in sorted(set(dated) | set(events)):
        n, e = dated.get(key, 0), events.get(key, 0)
        periods.append(
            {
                "period": key,
                "documents": n,
                "events": e,
                "events_per_100_documents": round(100 * e / n, 1) if n else None,
            }
        )
    return {"by": by, "periods": periods, "undated_documents": sum(1 for d in docs if not d or len(d) < 7)}
