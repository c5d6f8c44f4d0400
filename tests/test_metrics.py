"""Scores and baselines, checked by hand on toy series; forecasts past the end."""

from __future__ import annotations

import numpy as np
import pytest

from rnnstudio.core.experiment import DataSpec, Experiment, RolloutSpec, SampleSpec, TrainSpec
from rnnstudio.core.forecast import forecast
from rnnstudio.core.metrics import detect_season, evaluate
from rnnstudio.core.numpy_network import LayerWeights, NumpyNetwork
from rnnstudio.core.series import Series


def last_plus_one() -> NumpyNetwork:
    """A Dense 'network' over a window of 2 that predicts the last value + 1."""
    hidden = LayerWeights("dense", np.array([[0.0], [1.0]]), np.zeros(1), "linear")
    output = LayerWeights("dense", np.array([[1.0]]), np.array([1.0]), "linear")
    return NumpyNetwork((hidden,), output)


def ramp_experiment(season: int = 0) -> Experiment:
    return Experiment(data=DataSpec(kind="csv", path="ramp.csv", season=season), samples=SampleSpec(layout="windows", window=2),
                      train=TrainSpec(validation_fraction=0.0), rollout=RolloutSpec(warmup=2, steps=5))


def series_of(values, dates=None, frequency=None) -> Series:
    values = np.asarray(values, dtype=np.float32)
    return Series(np.arange(len(values), dtype=float), values, "v", dates, frequency)


def test_on_a_ramp_persistence_is_off_by_one_and_the_right_model_is_exact() -> None:
    evaluation = evaluate(last_plus_one(), ramp_experiment(), series_of(np.arange(20)))
    assert evaluation.held_out_from == 16 and "last 20 %" in evaluation.held_out_note  # no validation part
    persistence = evaluation.row("persistence")
    assert (persistence.mae, persistence.rmse, persistence.mase) == pytest.approx((1.0, 1.0, 1.0))
    assert persistence.horizon_rmse.tolist() == pytest.approx([1.0, 2.0])  # a flat forecast falls behind by h
    network = evaluation.row("network")
    assert network.mae == pytest.approx(0.0, abs=1e-9) and np.allclose(network.horizon_rmse, 0.0)
    assert evaluation.row("linear AR (2)").mae == pytest.approx(0.0, abs=1e-6)
    assert evaluation.best("mae") in ("network", "linear AR (2)")


def test_seasonal_naive_repeats_the_last_season() -> None:
    pattern = np.tile([0.0, 5.0, 1.0, 7.0], 10)
    evaluation = evaluate(last_plus_one(), ramp_experiment(season=4), series_of(pattern))
    seasonal = evaluation.row("seasonal naive (4)")
    assert seasonal.mae == 0.0 and np.all(seasonal.horizon_rmse == 0.0) and evaluation.season == 4
    assert evaluation.row("persistence").mae == pytest.approx(np.mean(np.abs(np.diff(pattern[31:]))))
    assert evaluation.best("rmse") == "seasonal naive (4)"


def test_the_season_is_detected_from_the_autocorrelation() -> None:
    t = np.arange(240)
    rng = np.random.default_rng(0)
    assert detect_season(500 + 3 * t + 100 * np.sin(2 * np.pi * t / 12) + 10 * rng.standard_normal(240)) == 12
    assert detect_season(rng.standard_normal(240)) == 0


def test_a_forecast_continues_positions_and_dates() -> None:
    dates = np.arange(np.datetime64("2020-01"), np.datetime64("2021-01"), dtype="datetime64[M]").astype("datetime64[ns]")
    result = forecast(last_plus_one(), ramp_experiment(), series_of(np.arange(12), dates, "MS"), 3)
    assert result.index.tolist() == [12, 13, 14] and result.values.tolist() == pytest.approx([12, 13, 14])
    assert [str(d)[:10] for d in result.dates] == ["2021-01-01", "2021-02-01", "2021-03-01"]


def test_a_difference_that_rounds_to_zero_is_called_about_the_same() -> None:
    from rnnstudio.core.metrics import percent_words

    assert percent_words(32.4) == "32 % higher" and percent_words(-27.6) == "28 % lower"
    assert percent_words(-0.4) == "about the same (0.4 % lower)"  # never "0 % lower"
