"""ETS and ARIMA baselines: the same numbers as statsmodels' own forecasts for the same split,
no look-ahead, sensible forms on series whose form is known, and a bounded cost."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.statespace.sarimax import SARIMAX

from rnnstudio.core.statistical import FIT_POINTS, baseline_kind, fit_arima, fit_ets, statistical_baselines

HORIZON = 6


def seasonal_series(length: int = 180, growing: bool = False, seed: int = 0) -> np.ndarray:
    t = np.arange(length)
    rng = np.random.default_rng(seed)
    season = np.sin(2 * np.pi * t / 12)
    if growing:  # a season that grows with the level: multiplicative
        return (50 + 0.5 * t) * (1 + 0.3 * season) * np.exp(0.02 * rng.standard_normal(length))
    return 100 + 0.2 * t + 8 * season + rng.standard_normal(length)


def baselines_of(values: np.ndarray, start: int, season: int = 12):
    origins = np.arange(start, len(values) - HORIZON + 1)
    found = statistical_baselines(values, start, origins, HORIZON, season)
    return origins, {baseline_kind(forecast.name): forecast for forecast in found.forecasts}


def test_ets_forecasts_are_statsmodels_own_for_the_same_split() -> None:
    values = seasonal_series(growing=True)
    start = 144
    origins, found = baselines_of(values, start)
    ets = found["ETS"]
    library = ETSModel(values[:start], **ets.spec).fit(disp=False)
    assert np.allclose(ets.closed_loop[0], library.forecast(HORIZON), rtol=1e-9)  # from the end of training
    later = ETSModel(values[: origins[10]], **ets.spec).smooth(library.params)  # same fit, more data seen
    assert np.allclose(ets.closed_loop[10], later.forecast(HORIZON), rtol=1e-9)
    one_step = ETSModel(values[: start + 10], **ets.spec).smooth(library.params).forecast(1)
    assert ets.one_step[10] == pytest.approx(one_step[0], rel=1e-9)


def test_arima_forecasts_are_statsmodels_own_for_the_same_split() -> None:
    values = seasonal_series()
    start = 144
    origins, found = baselines_of(values, start)
    arima = found["ARIMA"]
    spec, params, begin = arima.spec, arima.params, arima.fit_from  # fitted on the training part's end
    training = SARIMAX(values[begin:start], **spec, simple_differencing=True)
    assert training.loglike(params) == pytest.approx(training.fit(disp=False, start_params=params).llf, abs=1e-3)
    for index in (0, 7, len(origins) - 1):
        library = SARIMAX(values[begin : origins[index]], **spec).filter(params)
        assert np.allclose(arima.closed_loop[index], library.forecast(HORIZON), rtol=1e-8)
    one_step = SARIMAX(values[begin : start + 5], **spec).filter(params).forecast(1)
    assert arima.one_step[5] == pytest.approx(one_step[0], rel=1e-8)


def test_an_origin_never_sees_the_values_after_it() -> None:
    values = seasonal_series()
    start = 144
    origins, found = baselines_of(values, start)
    changed = values.copy()
    changed[origins[5]:] += 1000.0  # everything from origin 5 on
    _, refound = baselines_of(changed, start)
    for name in ("ETS", "ARIMA"):
        assert np.array_equal(found[name].closed_loop[:6], refound[name].closed_loop[:6])
        assert not np.allclose(found[name].closed_loop[20], refound[name].closed_loop[20])  # a season later


@pytest.mark.parametrize("kind", ["ar1", "random walk", "season"])
def test_the_automatic_forms_fit_what_made_the_series(kind: str) -> None:
    rng = np.random.default_rng(3)
    noise = rng.standard_normal(200)
    if kind == "ar1":
        values = np.zeros(200)
        for t in range(1, 200):
            values[t] = 0.8 * values[t - 1] + noise[t]
        spec, _ = fit_arima(values, 0)
        assert spec["order"][1] == 0 and spec["order"][0] >= 1  # stationary, autoregressive
    elif kind == "random walk":
        spec, _ = fit_arima(np.cumsum(noise), 0)
        assert spec["order"][1] == 1
    else:
        values = seasonal_series(200, growing=True)
        spec, _ = fit_arima(values, 12)
        assert spec["seasonal_order"][1] == 1 and spec["seasonal_order"][3] == 12  # a seasonal difference
        ets_spec, _ = fit_ets(values, 12)
        assert ets_spec["seasonal"] == "mul"  # the season grows with the level


def test_a_long_training_part_is_fitted_on_its_end_and_says_so() -> None:
    values = np.cumsum(np.random.default_rng(1).standard_normal(3000)) + 50
    found = statistical_baselines(values, 2500, np.arange(2500, 2990, 10), HORIZON, 52)
    assert f"fitted ETS on the last {FIT_POINTS['ETS']} and ARIMA on the last {FIT_POINTS['ARIMA']} training" in found.note
    assert "without seasonal terms (season 52" in found.note
    assert [forecast.fit_from for forecast in found.forecasts] == [2500 - FIT_POINTS["ETS"], 2500 - FIT_POINTS["ARIMA"]]
    assert all(forecast.one_step.shape == (500,) for forecast in found.forecasts)


def test_too_short_a_training_part_is_skipped_with_a_note() -> None:
    found = statistical_baselines(np.arange(15.0), 8, np.arange(8, 10), 2, 0)
    assert found.forecasts == [] and "at least 12 training values" in found.note
