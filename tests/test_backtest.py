"""Backtests with retraining at each origin, and the prediction intervals made from them:
no origin sees its future, the verdict counts origins, the intervals cover what they say."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnstudio.core.backtest import Backtest, BacktestError, BacktestRunner, backtest_folds
from rnnstudio.core.experiment import DataSpec, Experiment, ModelSpec, RolloutSpec, SampleSpec, TrainSpec
from rnnstudio.core.intervals import Intervals, conformal_widths, intervals_from_folds
from rnnstudio.core.numpy_network import LayerWeights, NumpyNetwork
from rnnstudio.core.series import Series


def persistence_network() -> NumpyNetwork:
    """A Dense 'network' over a window of 2 that predicts the last value."""
    hidden = LayerWeights("dense", np.array([[0.0], [1.0]]), np.zeros(1), "linear")
    output = LayerWeights("dense", np.array([[1.0]]), np.zeros(1), "linear")
    return NumpyNetwork((hidden,), output)


def csv_experiment(validation: float = 0.3) -> Experiment:
    return Experiment(data=DataSpec(kind="csv", path="walk.csv", season=0), samples=SampleSpec(layout="windows", window=2),
                      train=TrainSpec(validation_fraction=validation), rollout=RolloutSpec(warmup=2, steps=5))


def series_of(values: np.ndarray) -> Series:
    return Series(np.arange(len(values), dtype=float), np.asarray(values, dtype=np.float32), "v")


class Recorder:
    """A 'training' that returns the persistence network and remembers what it was given."""

    def __init__(self) -> None:
        self.seen: list[np.ndarray] = []

    def __call__(self, experiment: Experiment, series: Series):
        self.seen.append(np.array(series.values))
        return persistence_network(), 1, 1


def test_each_origin_trains_on_the_values_before_it_only_and_later_data_change_nothing_before() -> None:
    walk = 100 + np.cumsum(np.random.default_rng(0).standard_normal(400))
    recorder = Recorder()
    folds = list(backtest_folds(csv_experiment(), series_of(walk), 5, recorder))
    assert [fold.origin for fold in folds] == [280, 304, 328, 352, 376] and folds[-1].end == 400
    for fold, seen in zip(folds, recorder.seen):
        assert len(seen) == fold.origin and np.array_equal(seen, walk[: fold.origin].astype(np.float32))
    changed = walk.copy()
    changed[folds[2].end :] += 50.0  # the future of folds 0-2
    again = list(backtest_folds(csv_experiment(), series_of(changed), 5, Recorder()))
    for before, after in zip(folds[:3], again[:3]):
        for row, same in zip(before.evaluation.rows, after.evaluation.rows):
            assert row.name == same.name and row.mae == same.mae and np.array_equal(row.horizon_rmse, same.horizon_rmse)
    assert again[3].evaluation.row("persistence").mae != folds[3].evaluation.row("persistence").mae


def test_the_verdict_counts_the_origins() -> None:
    walk = 100 + np.cumsum(np.random.default_rng(1).standard_normal(400))
    backtest = Backtest(list(backtest_folds(csv_experiment(), series_of(walk), 4, Recorder())))
    summaries = {summary.name: summary for summary in backtest.summaries()}
    assert set(summaries) >= {"network", "persistence", "linear AR (2)", "ETS", "ARIMA"}
    assert np.array_equal(summaries["network"].mae, summaries["persistence"].mae)  # the network *is* persistence
    assert backtest.wins("persistence") == 0
    assert backtest.verdict().startswith("Better than persistence at 0 of 4 origins.")
    assert len(backtest.as_dict()["summary"]) == len(summaries)


def test_too_short_a_held_out_part_or_a_bad_count_is_refused_before_any_work() -> None:
    with pytest.raises(BacktestError, match="origins = 1: must be 2 to 10"):
        BacktestRunner(csv_experiment(), series_of(np.arange(100.0)), 1)
    with pytest.raises(BacktestError, match="too short for 10 origins"):
        BacktestRunner(csv_experiment(0.1), series_of(np.arange(60.0)), 10)


def test_conformal_intervals_cover_what_they_say_on_a_random_walk() -> None:
    """Persistence on a random walk with unit steps: the error h steps ahead is N(0, h)."""
    walk = np.cumsum(np.random.default_rng(2).standard_normal(3000))
    backtest = Backtest(list(backtest_folds(csv_experiment(0.5), series_of(walk), 5, Recorder())))
    intervals = backtest.intervals()
    assert intervals.levels == (0.8, 0.95) and intervals.calibration > 400
    for nominal, coverage in zip(intervals.levels, intervals.coverage):
        assert abs(coverage - nominal) <= 0.08
    theory = {0.8: 1.2816, 0.95: 1.96}
    for i, level in enumerate(intervals.levels):
        h = np.arange(1, intervals.horizon + 1)
        assert np.allclose(intervals.widths[i], theory[level] * np.sqrt(h), rtol=0.3)
    lower, upper = intervals.bounds(np.zeros(30))[0.95]
    assert np.array_equal(upper, -lower) and upper[-1] == intervals.widths[1, -1]  # held past the horizon


def test_widths_are_the_conformal_quantile_and_round_trip_as_plain_numbers() -> None:
    errors = np.arange(1.0, 11.0)[:, None]  # 10 errors 1..10 at one horizon
    assert conformal_widths(errors, 0.8)[0] == 9.0  # ceil(11 * 0.8) = 9th smallest
    assert conformal_widths(errors, 0.95)[0] == 10.0
    intervals = intervals_from_folds([errors[:5], errors[5:]])
    again = Intervals.from_dict(intervals.as_dict())
    assert again.levels == intervals.levels and np.array_equal(again.widths, intervals.widths)
    for bad in ({"levels": [1.5], "widths": [[1.0]], "coverage": [0.5], "calibration": 3},
                {"levels": [0.8], "widths": [[-1.0]], "coverage": [0.5], "calibration": 3}, "x", {}):
        with pytest.raises(ValueError, match="intervals"):
            Intervals.from_dict(bad)


def test_a_backtest_retrains_the_network_at_each_origin() -> None:
    experiment = Experiment(data=DataSpec(kind="sine", length=160, period=20.0, noise="normal", noise_level=0.05),
                            samples=SampleSpec(layout="windows", window=10), model=ModelSpec(kind="gru", units=4),
                            train=TrainSpec(epochs=8, batch_size=16, learning_rate=0.02, validation_fraction=0.25,
                                            early_stopping=3),
                            rollout=RolloutSpec(start=0, warmup=10, steps=20))
    from rnnstudio.core.data import load_series

    runner = BacktestRunner(experiment, load_series(experiment.data), 3)
    seen: list[int] = []
    backtest = runner.run(lambda fold: seen.append(fold.origin))
    assert backtest is not None and seen == [fold.origin for fold in backtest.folds] and len(seen) == 3
    assert all(1 <= fold.kept_epoch <= fold.epochs_run <= 8 for fold in backtest.folds)
    assert backtest.intervals().widths.shape[0] == 2
    stopped = BacktestRunner(experiment, load_series(experiment.data), 3)
    stopped.request_stop()
    assert stopped.run() is None


def test_intervals_survive_save_and_open(tmp_path) -> None:
    from rnnstudio.core.recipes import recipe
    from rnnstudio.core.storage import open_model, save_model
    from rnnstudio.core.trainer import Trainer

    base = recipe("sine-simplernn")
    experiment = dataclasses.replace(base, train=dataclasses.replace(base.train, epochs=1))
    result = Trainer(experiment).run()
    intervals = intervals_from_folds([np.arange(12.0).reshape(4, 3), np.arange(6.0).reshape(2, 3)])
    save_model(tmp_path / "m.keras", result.model, experiment, result.history, intervals=intervals)
    again = open_model(tmp_path / "m.keras").intervals
    assert again is not None and np.array_equal(again.widths, intervals.widths)
    assert np.array_equal(again.coverage, intervals.coverage) and again.calibration == 6
