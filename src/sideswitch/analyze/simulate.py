"""Validation of the change-point detector on synthetic Poisson series.

Each run draws a series of ``length`` periods at ``base`` events a period that
jumps to ``base * ratio`` at a period drawn uniformly from ``change_at``, and a
stable series at ``base``. A change is *found* when a reported change point
lies within ``tolerance`` periods of the true one; a stable series raises a
*false alarm* when any change point is reported.

``oracle`` is the share of changed series in which even the best possible
locator (true rates known, change known to exist: maximum likelihood over the
split) lands within ``tolerance``; it shows how much of a shortfall at low
rates is the detector and how much is the data::

    >>> rows = detection_rates([5.0], runs=20, seed=1)
    >>> rows[0]["found"] >= 0.9 and rows[0]["false_alarms"] <= 0.1
    True
"""

from __future__ import annotations

import numpy as np

from .changepoints import change_points

__all__ = ["detection_rates", "simulate_series"]


def simulate_series(rng: np.random.Generator, base: float, length: int, change: int | None, ratio: float) -> np.ndarray:
    """Poisson counts at ``base`` a period, times ``ratio`` from period ``change`` on."""
    rates = np.full(length, float(base))
    if change is not None:
        rates[change:] *= ratio
    return rng.poisson(rates)


def _oracle_hit(c: np.ndarray, base: float, ratio: float, change: int, tolerance: int, m: int) -> bool:
    """Would the maximum-likelihood split with the true rates known land within tolerance?"""
    gain = c * np.log(ratio) - base * (ratio - 1)  # log-LR of "after" vs "before" per period
    tail = np.cumsum(gain[::-1])[::-1]  # log-LR of splitting at k
    k = m + int(np.argmax(tail[m : len(c) - m + 1]))
    return abs(k - change) <= tolerance


def detection_rates(
    base_rates: list[float],
    *,
    runs: int = 200,
    length: int = 40,
    change_at: tuple[int, int] = (20, 30),
    ratio: float = 3.0,
    tolerance: int = 3,
    seed: int = 0,
    **detector,
) -> list[dict]:
    """One row per base rate: found, detected (anywhere), false_alarms, not_enough, oracle.

    ``detector`` keywords go to :func:`~sideswitch.analyze.changepoints.change_points`.
    """
    rng = np.random.default_rng(seed)
    m = detector.get("min_segment", 3)
    rows = []
    for base in base_rates:
        found = detected = alarms = quiet = oracle = 0
        for _ in range(runs):
            tau = int(rng.integers(change_at[0], change_at[1] + 1))
            c = simulate_series(rng, base, length, tau, ratio)
            cps = change_points(c.tolist(), **detector).change_points
            detected += bool(cps)
            found += any(abs(cp.index - tau) <= tolerance for cp in cps)
            oracle += _oracle_hit(c, base, ratio, tau, tolerance, m)
            stable = change_points(simulate_series(rng, base, length, None, ratio).tolist(), **detector)
            alarms += bool(stable.change_points)
            quiet += stable.status == "not enough data"
        rows.append(
            {
                "base": base,
                "runs": runs,
                "found": found / runs,
                "detected": detected / runs,
                "oracle": oracle / runs,
                "false_alarms": alarms / runs,
                "not_enough": quiet / runs,
            }
        )
    return rows
