"""The experiment a new CSV series starts with: the calendar's season when the data support
it, windows of at least a season, a trend test that one level shift does not fool, a network
sized to the data, and early stopping."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from series_maker import (
    SEASONAL_KINDS,
    checking_series,
    noisy_seasonal,
    realistic_series,
    write_sales_csv,
    write_series_csv,
)

from rnnstudio.core.csv_defaults import (
    HIGHWAY_RATIO,
    LINEAR_FIT_VALUES,
    LINEAR_SCORE_VALUES,
    PATIENCE,
    REFIT,
    calendar_season,
    experiment_for_csv,
    linear_to_persistence,
    trends,
)


@pytest.mark.parametrize("kind", list(SEASONAL_KINDS))
def test_the_season_comes_from_the_calendar_on_noisy_series(kind: str, tmp_path: Path) -> None:
    _, season, _ = SEASONAL_KINDS[kind]
    for seed in range(3):
        dates, values = noisy_seasonal(kind, seed)
        experiment = experiment_for_csv(write_series_csv(tmp_path / f"{kind}{seed}.csv", dates, values))
        assert experiment.data.season == season, (kind, seed)
        assert experiment.samples.window >= season
        assert f"season {season} (the calendar's" in experiment.description


def test_a_calendar_season_the_data_do_not_show_is_not_imposed(tmp_path: Path) -> None:
    dates, _ = noisy_seasonal("monthly")
    walk = 100 + np.cumsum(np.random.default_rng(2).standard_normal(len(dates)))
    experiment = experiment_for_csv(write_series_csv(tmp_path / "walk.csv", dates, walk.round(3)))
    assert experiment.data.season == 1 and "no season (none found)" in experiment.description


def test_an_autocorrelation_peak_that_does_not_hold_once_the_trend_is_out_is_no_season(tmp_path: Path) -> None:
    for seed, peak in ((0, 8), (2, 3), (5, 10)):  # a yearly S-shaped rise with slow wobbles
        dates, growth, _ = checking_series("yearly growth", seed)
        experiment = experiment_for_csv(write_series_csv(tmp_path / "growth.csv", dates, growth.round(3)))
        assert experiment.data.season == 1 and experiment.samples.window == 12, seed
        assert f"no season (the autocorrelation's peak at lag {peak} does not hold" in experiment.description
    dates, cycles, _ = realistic_series("cycles")  # sunspot-like cycles hold
    assert experiment_for_csv(write_series_csv(tmp_path / "cycles.csv", dates, cycles.round(3))).data.season == 11


def test_calendar_frequencies_name_their_seasons() -> None:
    assert [calendar_season(f) for f in ("MS", "ME", "QS-JAN", "QE-DEC", "W-SUN", "D", "B", "h", "YS-JAN", None)] \
        == [12, 12, 4, 4, 52, 7, 5, 24, 0, 0]


def test_one_level_shift_is_no_trend_but_a_steady_climb_is() -> None:
    _, shifted, _ = realistic_series("level shift")
    assert not trends(shifted[:77])
    t = np.arange(77)
    assert trends(100 + 0.8 * t + np.random.default_rng(0).normal(0, 3, 77))
    assert not trends(np.random.default_rng(1).normal(0, 1, 200))


def test_the_network_grows_with_the_training_windows_and_stops_early(tmp_path: Path) -> None:
    short = experiment_for_csv(write_series_csv(tmp_path / "short.csv", *realistic_series("short quarterly")[:2]))
    long = experiment_for_csv(write_sales_csv(tmp_path / "sales.csv", months=1500))
    assert short.model.units < long.model.units == 32
    assert short.model.units * short.model.units <= 2 * 72  # a few dozen windows: a few units
    for experiment in (short, long):
        assert experiment.train.early_stopping == PATIENCE and experiment.train.validation_fraction > 0
        assert experiment.train.refit == REFIT and experiment.train.refit_epochs(8) == 2  # a quarter, rounded up
        assert "early stopping" in experiment.description and "refit on every sample" in experiment.description


def test_the_network_learns_changes_and_the_description_says_whether_the_series_trends(tmp_path: Path) -> None:
    dates, shifted, _ = realistic_series("level shift")
    level = experiment_for_csv(write_series_csv(tmp_path / "level.csv", dates, shifted.round(3)))
    sales = experiment_for_csv(write_sales_csv(tmp_path / "sales.csv"))
    assert level.data.scaling == sales.data.scaling == "difference"
    assert "a level it never saw will not throw it" in level.description
    assert "the series trends" in sales.description


def test_counts_near_zero_are_kept_non_negative_and_seeds_default_to_five(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    dates = np.arange("2020-01-01", "2020-05-01", dtype="datetime64[D]").astype(str)
    counts = rng.poisson(2.0, len(dates)).astype(float)  # daily counts, zeros among them
    counted = experiment_for_csv(write_series_csv(tmp_path / "counts.csv", dates, counts))
    assert counted.data.non_negative and "kept at 0 or above" in counted.description
    sales = experiment_for_csv(write_sales_csv(tmp_path / "sales.csv"))  # 100s, far from 0
    assert not sales.data.non_negative and "0 or above" not in sales.description
    assert counted.model.members == sales.model.members == 5 and "5 seeds" in sales.description


def test_a_linear_highway_where_a_linear_ar_explains_the_series_and_none_on_a_walk(tmp_path: Path) -> None:
    dates, season, _ = realistic_series("growing season")
    seasonal = experiment_for_csv(write_series_csv(tmp_path / "season.csv", dates, season.round(3)))
    assert seasonal.model.highway and "a linear highway" in seasonal.description
    dates, walk, _ = realistic_series("random walk")
    walking = experiment_for_csv(write_series_csv(tmp_path / "walk.csv", dates, walk.round(3)))
    assert not walking.model.highway and "highway" not in walking.description


def test_a_seasonal_series_gets_the_highway_for_its_horizon_unless_a_linear_ar_fails_it(tmp_path: Path) -> None:
    made = {}
    for name in ("weekly with gaps", "level shift"):
        dates, values, missing = realistic_series(name)
        cut = int(len(values) * 0.8)
        made[name] = experiment_for_csv(write_series_csv(tmp_path / f"{name}.csv", dates[:cut], values[:cut].round(3),
                                                         missing[:cut]))
    weekly, shifted = made["weekly with gaps"], made["level shift"]
    assert weekly.data.season == 52 and weekly.model.highway and "carries the season on" in weekly.description
    assert shifted.data.season == 12 and not shifted.model.highway and "highway" not in shifted.description


def test_a_linear_ar_leaves_a_fraction_of_persistences_error_on_a_cycle_and_all_of_it_on_a_walk() -> None:
    rng = np.random.default_rng(4)
    t = np.arange(300)
    cycle = 10 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.5, 300)
    assert linear_to_persistence(cycle, 24, 240) < HIGHWAY_RATIO / 2
    walk = np.cumsum(rng.normal(0, 1, 300))
    assert 0.9 < linear_to_persistence(walk, 24, 240) < 1.2
    assert np.isinf(linear_to_persistence(walk, 24, 24))


def test_the_highway_check_on_a_long_series_is_bounded_to_the_values_around_the_validation_start() -> None:
    import tracemalloc

    rng = np.random.default_rng(5)
    t = np.arange(1_000_000)
    hourly = 10 * np.sin(2 * np.pi * t / 24) + np.cumsum(rng.normal(0, 0.1, len(t))) + rng.normal(0, 0.5, len(t))
    tracemalloc.start()
    ratio = linear_to_persistence(hourly, 48, 800_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100e6  # unbounded: the million windows of 48 values, 0.78 GB
    near = hourly[800_000 - LINEAR_FIT_VALUES : 800_000 + LINEAR_SCORE_VALUES]
    assert ratio == linear_to_persistence(near, 48, LINEAR_FIT_VALUES) < HIGHWAY_RATIO  # the season still found
