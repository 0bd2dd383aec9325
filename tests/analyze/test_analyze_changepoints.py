import numpy as np
import pytest

from sideswitch.analyze.changepoints import ALPHA, MIN_EVENTS, balance_change_points, balance_test, change_points
from sideswitch.analyze.simulate import detection_rates


def test_clear_tripling_is_found_where_it_happened():
    r = change_points([2] * 25 + [6] * 15)
    assert r.status == "ok"
    [cp] = r.change_points
    assert (cp.index, cp.before, cp.after) == (25, 2.0, 6.0)
    assert cp.p_value <= 0.002 and cp.interval[0] <= 25 <= cp.interval[1]
    d = cp.to_dict()
    assert d["direction"] == "up" and d["ratio"] == 3.0 and 0 < d["probability"] <= 1


def test_flat_series_has_no_change():
    r = change_points([3] * 40)
    assert r.status == "ok" and r.change_points == []
    assert r.segments == [{"start": 0, "end": 40, "rate": 3.0}]


def test_two_changes_are_both_reported():
    rng = np.random.default_rng(4)
    c = np.r_[rng.poisson(2, 20), rng.poisson(10, 20), rng.poisson(2, 20)]
    idx = [cp.index for cp in change_points(c.tolist()).change_points]
    assert len(idx) == 2 and abs(idx[0] - 20) <= 2 and abs(idx[1] - 40) <= 2


@pytest.mark.parametrize(
    "counts, why",
    [
        ([0] * 30 + [1, 0, 1], "only 2 events"),
        ([5, 9, 3], "only 3 periods"),
        # a few events a year, month by month over four years
        ([1 if m % 4 == 0 else 0 for m in range(48)], "only 12 events"),
        # enough events in total but spread over too many periods: suggest longer ones
        ([1 if m % 5 == 0 else 0 for m in range(100)], "try longer periods"),
    ],
)
def test_sparse_series_are_not_enough_data(counts, why):
    r = change_points(counts)
    assert r.status == "not enough data" and r.change_points == []
    assert why in r.message


def test_sparse_random_series_never_alarm():
    rng = np.random.default_rng(11)
    for _ in range(200):  # 2-5 events a year, monthly, over three years
        months = np.zeros(36, dtype=int)
        for _ in range(int(rng.integers(6, 15))):
            months[rng.integers(0, 36)] += 1
        r = change_points(months.tolist())
        assert r.status == "not enough data" and not r.change_points
    assert MIN_EVENTS > 14


def test_same_input_same_answer():
    c = np.random.default_rng(1).poisson(3, 40).tolist()
    assert change_points(c).to_dict() == change_points(c).to_dict()


def test_overdispersed_counts_are_flagged():
    c = [0, 0, 12, 0, 1, 0, 15, 0, 0, 0, 9, 0, 0, 14, 0, 1, 0, 0, 11, 0] * 2
    assert any("clustered" in w for w in change_points(c).warnings)


def test_balance_shift_is_found_and_stable_balance_is_not():
    gained = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0] + [4, 5, 3, 4, 5, 4, 3, 5, 4, 4, 5, 3, 4, 5, 4]
    lost = [4, 5, 3, 4, 5, 4, 4, 3, 5, 4, 3, 4, 5, 4, 4] + [1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1]
    r = balance_change_points(gained, lost)
    [cp] = r.change_points
    assert abs(cp.index - 15) <= 1 and cp.before < 0.25 and cp.after > 0.75 and cp.p_value <= ALPHA
    assert r.segments[0]["net_per_period"] < 0 < r.segments[1]["net_per_period"]
    rng = np.random.default_rng(3)
    t = rng.poisson(4, 40)
    g = rng.binomial(t, 0.5)
    assert balance_change_points(g.tolist(), (t - g).tolist()).change_points == []


def test_balance_test_handful_each_way_is_no_clear_direction():
    assert balance_test(5, 4) == {
        "forward": 5,
        "backward": 4,
        "net": 1,
        "p_value": 1.0,
        "verdict": "no clear direction",
    }
    assert balance_test(20, 3)["verdict"] == "one-sided"
    assert balance_test(0, 0)["verdict"] == "no clear direction"


def test_simulation_small_seeded_run():
    """A smaller version of benchmarks/changepoints.py: x3 change at 20-30 in 40 periods."""
    rows = {r["base"]: r for r in detection_rates([0.5, 1.0, 2.0, 5.0, 20.0], runs=60, seed=2024)}
    for base in (2.0, 5.0, 20.0):
        assert rows[base]["found"] >= 0.95, rows[base]
    assert rows[1.0]["found"] >= 0.8  # the best possible (oracle) is ~0.9 here
    assert rows[0.5]["found"] >= 0.45  # honest: most of the shortfall is the data's
    alarms = sum(r["false_alarms"] for r in rows.values()) / len(rows)
    assert alarms <= 0.05
