"""The strong baselines every forecasting library shows: ETS and an automatic ARIMA.

Both come from statsmodels (``ETSModel``, ``SARIMAX``). Each is fitted once, on the training
part (its last ``FIT_POINTS`` values: the cost bound), and then forecasts the held-out part
with its parameters fixed, from data before each origin only (no look-ahead):

- **ETS**: error, trend (none, additive, damped) and season (none, additive; multiplicative
  error and season for a positive series) chosen by AICc, as R's ``ets()`` does;
- **ARIMA**: the seasonal difference when the season is strong (STL seasonal strength over
  0.64), the number of differences by KPSS tests, then a stepwise search over the orders
  (Hyndman and Khandakar's, at most ``MAX_ARIMA_MODELS`` fits) by AICc.

Seasonal terms are used for seasons from 2 to ``MAX_MODEL_SEASON``; a longer season (52 for a
weekly series) would make each fit take many seconds, so such a series is fitted without
them, and the note says so. The results are cached: they do not depend on the network.

The fits run with one BLAS thread: statsmodels' state-space matrices are tiny, and OpenBLAS's
second thread only spins; on a busy 2-core machine it made a fit 3x slower (11.5 s against
3.6 s for a 300-value monthly series beside two busy processes).
"""

from __future__ import annotations

import hashlib
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

FIT_POINTS = {"ETS": 240, "ARIMA": 120}  # ARIMA's seasonal fits cost most: 10 years of months
MIN_FIT_POINTS = 12
MAX_MODEL_SEASON = 24
MAX_ARIMA_MODELS = 6
MAX_ORDER = 3
SEASONAL_STRENGTH = 0.64
CACHE_SIZE = 16


@dataclass(frozen=True)
class StatisticalForecast:
    """One fitted baseline: its name (with the chosen form), what statsmodels was given and the
    fitted parameters (to check it against statsmodels' own calls), its one-step predictions
    of the held-out values and its (origins, horizon) closed-loop forecasts."""

    name: str
    spec: dict[str, Any]
    params: np.ndarray
    fit_from: int
    one_step: np.ndarray
    closed_loop: np.ndarray


@dataclass(frozen=True)
class StatisticalBaselines:
    """The baselines that could be fitted, and one note on what was done or skipped."""

    forecasts: list[StatisticalForecast] = field(default_factory=list)
    note: str = ""

    def forms(self) -> dict[str, dict[str, Any]]:
        """Kind (ETS, ARIMA) -> the form fitted, to fit the same forms elsewhere."""
        return {baseline_kind(forecast.name): forecast.spec for forecast in self.forecasts}


def baseline_kind(name: str) -> str:
    """``ARIMA(1,1,0)(0,1,1)12`` -> ``ARIMA``, ``ETS(A,N,A)`` -> ``ETS``; any other name stays."""
    kind = name.split("(")[0]
    return kind if kind in FIT_POINTS and name != kind else name


@contextmanager
def _quiet() -> Iterator[None]:
    """statsmodels warns about convergence and interpolated p-values on most short series."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def ets_candidates(positive: bool, season: int) -> list[dict[str, Any]]:
    """The ETS forms tried: (error, trend, damped, seasonal)."""
    forms: list[dict[str, Any]] = [dict(error="add", trend=None, damped_trend=False, seasonal=None),
                                   dict(error="add", trend="add", damped_trend=False, seasonal=None),
                                   dict(error="add", trend="add", damped_trend=True, seasonal=None)]
    if season:
        forms += [dict(error="add", trend=None, damped_trend=False, seasonal="add"),
                  dict(error="add", trend="add", damped_trend=True, seasonal="add")]
        if positive:
            forms += [dict(error="mul", trend=None, damped_trend=False, seasonal="mul"),
                      dict(error="mul", trend="add", damped_trend=True, seasonal="mul")]
    for form in forms:
        form["seasonal_periods"] = season if form["seasonal"] else None
    return forms


def ets_name(spec: dict[str, Any]) -> str:
    """ETS(E,T,S) in Hyndman's letters, e.g. ``ETS(M,Ad,M)``."""
    letter = {None: "N", "add": "A", "mul": "M"}
    trend = letter[spec["trend"]] + ("d" if spec["damped_trend"] else "")
    return f"ETS({letter[spec['error']]},{trend},{letter[spec['seasonal']]})"


def fit_ets_form(training: np.ndarray, spec: dict[str, Any]) -> Any:
    """statsmodels' ETS of form ``spec`` fitted on ``training``."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with _quiet():
        return ETSModel(training, **spec).fit(disp=False)


def fit_ets(training: np.ndarray, season: int) -> tuple[dict[str, Any], Any]:
    """The ETS form with the lowest AICc on ``training``, and its fitted results."""
    best: tuple[float, dict[str, Any], Any] | None = None
    for spec in ets_candidates(bool(np.all(training > 0)), season):
        try:
            result = fit_ets_form(training, spec)
        except (ValueError, np.linalg.LinAlgError):
            continue
        if np.isfinite(result.aicc) and (best is None or result.aicc < best[0]):
            best = (float(result.aicc), spec, result)
    if best is None:
        raise ValueError("no ETS form could be fitted")
    return best[1], best[2]


def ets_forecasts(values: np.ndarray, spec: dict[str, Any], params: np.ndarray, fit_from: int,
                  start: int, origins: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """One-step predictions of ``values[start:]`` and the forecasts from each origin, from one
    smoothing pass with the fitted parameters (ETS smoothing is causal: its state at ``o - 1``
    is the state of the same model smoothing ``values[:o]``)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with _quiet():
        smoothed = ETSModel(values[fit_from:], **spec).smooth(params)
        one_step = np.asarray(smoothed.fittedvalues)[start - fit_from :]
        calm = np.zeros((horizon, 1))
        closed = np.stack([np.asarray(smoothed.simulate(horizon, anchor=int(o) - fit_from - 1, random_errors=calm)).ravel()
                           for o in origins])
    return one_step, closed


def seasonal_differences(training: np.ndarray, season: int) -> int:
    """1 when the season is strong (STL seasonal strength over ``SEASONAL_STRENGTH``), else 0."""
    if season < 2 or len(training) < 3 * season:
        return 0
    from statsmodels.tsa.seasonal import STL

    with _quiet():
        parts = STL(training, period=season, robust=True).fit()
    spread = np.var(parts.seasonal + parts.resid)
    strength = 1 - np.var(parts.resid) / spread if spread > 0 else 0.0
    return int(strength > SEASONAL_STRENGTH)


def differences(values: np.ndarray, most: int = 2) -> int:
    """How many first differences make ``values`` stationary by KPSS tests at 5 %."""
    from statsmodels.tsa.stattools import kpss

    count = 0
    with _quiet():
        while count < most and len(values) > 10 and np.ptp(values) > 0 and kpss(values, nlags="legacy")[1] < 0.05:
            values = np.diff(values)
            count += 1
    return count


def arima_name(spec: dict[str, Any]) -> str:
    """``ARIMA(p,d,q)(P,D,Q)m``, the seasonal part only when there is one."""
    p, d, q = spec["order"]
    P, D, Q, m = spec["seasonal_order"]
    return f"ARIMA({p},{d},{q})" + (f"({P},{D},{Q}){m}" if m else "")


def _arima_spec(key: tuple[int, int, int, int], d: int, D: int, season: int) -> dict[str, Any]:
    p, q, P, Q = key
    seasonal = (P, D, Q, season) if season and (P or D or Q) else (0, 0, 0, 0)
    return dict(order=(p, d, q), seasonal_order=seasonal, trend="c" if d + D <= 1 else "n")


def fit_arima_form(training: np.ndarray, spec: dict[str, Any]) -> Any:
    """statsmodels' SARIMAX of orders ``spec`` fitted on ``training`` (differenced first: the
    same parameters, a fraction of the cost)."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    with _quiet():
        return SARIMAX(training, **spec, simple_differencing=True).fit(disp=False, cov_type="none")


def fit_arima(training: np.ndarray, season: int) -> tuple[dict[str, Any], np.ndarray]:
    """The SARIMAX orders with the lowest AICc by a stepwise search from simple models, and
    their parameters. The trend is statsmodels' ``c`` on the differenced series (a drift when
    there is one difference) and none with two."""
    D = seasonal_differences(training, season)
    d = differences(training[season:] - training[:-season] if D else training)
    tried: dict[tuple[int, int, int, int], tuple[float, np.ndarray | None]] = {}

    def attempt(key: tuple[int, int, int, int]) -> None:
        if key in tried or len(tried) >= MAX_ARIMA_MODELS or min(key) < 0 or max(key[:2]) > MAX_ORDER \
                or max(key[2:]) > (1 if season else 0):
            return
        try:
            result = fit_arima_form(training, _arima_spec(key, d, D, season))
            tried[key] = (float(result.aicc), np.asarray(result.params)) if np.isfinite(result.aicc) else (np.inf, None)
        except (ValueError, np.linalg.LinAlgError):
            tried[key] = (np.inf, None)

    for key in ((0, 0, 0, 0), (1, 0, 1, 0), (0, 1, 0, 1), (1, 1, 0, 1)):  # R's auto.arima starts, less its costliest
        attempt(key)
    best = min(tried, key=lambda k: tried[k][0])
    while len(tried) < MAX_ARIMA_MODELS:
        p, q, P, Q = best
        for move in ((p + 1, q, P, Q), (p, q + 1, P, Q), (p - 1, q, P, Q), (p, q - 1, P, Q), (p + 1, q + 1, P, Q),
                     (p, q, P + 1, Q), (p, q, P, Q + 1), (p, q, P - 1, Q), (p, q, P, Q - 1)):
            attempt(move)
        better = min(tried, key=lambda k: tried[k][0])
        if better == best:
            break
        best = better
    aicc, params = tried[best]
    if params is None:
        raise ValueError("no ARIMA order could be fitted")
    return _arima_spec(best, d, D, season), params


def arima_forecasts(values: np.ndarray, spec: dict[str, Any], params: np.ndarray, fit_from: int, start: int,
                    origins: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """One-step predictions of ``values[start:]`` and the forecasts from each origin, from
    one Kalman filter pass with the fitted parameters: a forecast from origin ``o`` starts at
    the state predicted from the data before ``o`` and follows the transition (the same
    numbers as filtering ``values[:o]`` and calling ``forecast``, at a fraction of the cost)."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    with _quiet():
        filtered = SARIMAX(values[fit_from:], **spec).filter(params)
    ssm = filtered.model.ssm
    one_step = np.asarray(filtered.fittedvalues)[start - fit_from :]
    positions = np.asarray(origins, dtype=int) - fit_from
    states = np.asarray(filtered.predicted_state)[:, positions]
    closed = np.empty((len(positions), horizon))
    for h in range(horizon):
        at = positions + h
        closed[:, h] = np.einsum("k,kn->n", _at(ssm.design, at[0])[0], states) + _at(ssm.obs_intercept, at)[0]
        states = _at(ssm.transition, at[0]) @ states + _at(ssm.state_intercept, at)
    return one_step, closed


def _at(matrix: np.ndarray, times: np.ndarray | int) -> np.ndarray:
    """A state-space system matrix at ``times``: its last axis is time, of length 1 when the
    matrix does not change (an intercept at many times is a (k, len(times)) array)."""
    matrix = np.asarray(matrix)
    if matrix.shape[-1] == 1:
        return matrix[..., 0] if matrix.ndim == 3 else matrix
    if matrix.ndim == 3:
        raise ValueError("a time-varying transition cannot be followed")
    return matrix[:, times]


def _fitted(name: str, values: np.ndarray, fit_from: int, start: int, origins: np.ndarray, horizon: int,
            season: int, form: dict[str, Any] | None) -> StatisticalForecast:
    training = values[fit_from:start]
    if name == "ETS":
        spec, result = (form, fit_ets_form(training, form)) if form is not None else fit_ets(training, season)
        params = np.asarray(result.params)
        one_step, closed = ets_forecasts(values, spec, params, fit_from, start, origins, horizon)
        return StatisticalForecast(ets_name(spec), spec, params, fit_from, one_step, closed)
    if form is not None:
        spec, params = form, np.asarray(fit_arima_form(training, form).params)
    else:
        spec, params = fit_arima(training, season)
    one_step, closed = arima_forecasts(values, spec, params, fit_from, start, origins, horizon)
    return StatisticalForecast(arima_name(spec), spec, params, fit_from, one_step, closed)


def statistical_baselines(values: np.ndarray, start: int, origins: np.ndarray, horizon: int, season: int,
                          forms: dict[str, dict[str, Any]] | None = None) -> StatisticalBaselines:
    """ETS and ARIMA fitted on ``values[:start]``: their forms chosen automatically, or
    ``forms`` (kind -> what :attr:`StatisticalForecast.spec` held) with only their parameters
    fitted again, as a backtest does at its later origins. Cached: the same arguments give the
    same object without refitting."""
    values = np.asarray(values, dtype=np.float64)
    key = (hashlib.sha1(values.tobytes()).hexdigest(), start, np.asarray(origins).tobytes(), horizon, season,
           repr(sorted((forms or {}).items())))
    with _CACHE_LOCK:
        if key in _CACHE:
            return _CACHE[key]
    with threadpool_limits(limits=1, user_api="blas"):
        baselines = _compute(values, start, np.asarray(origins), horizon, season, forms or {})
    with _CACHE_LOCK:
        _CACHE[key] = baselines
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
    return baselines


def _compute(values: np.ndarray, start: int, origins: np.ndarray, horizon: int, season: int,
             forms: dict[str, dict[str, Any]]) -> StatisticalBaselines:
    if start < MIN_FIT_POINTS:
        return StatisticalBaselines(note=f"ETS and ARIMA need at least {MIN_FIT_POINTS} training values "
                                         f"(there are {start})")
    notes = []
    shortened = [f"{name} on the last {points}" for name, points in FIT_POINTS.items() if start > points]
    if shortened:
        notes.append(f"fitted {' and '.join(shortened)} training values")
    shortest = min(start, min(FIT_POINTS.values()))
    model_season = season if 2 <= season <= MAX_MODEL_SEASON and shortest >= 2 * season + 2 else 0
    if season > 1 and not model_season:
        notes.append(f"without seasonal terms (season {season}: they need 2 to {MAX_MODEL_SEASON} "
                     "and two seasons of training values)")
    forecasts = []
    for name, points in FIT_POINTS.items():
        try:
            forecasts.append(_fitted(name, values, max(0, start - points), start, origins, horizon, model_season,
                                     forms.get(name)))
        except (ValueError, np.linalg.LinAlgError) as error:
            notes.append(f"{name} could not be fitted ({error})")
    return StatisticalBaselines(forecasts, "; ".join(notes))


_CACHE: dict[tuple[Any, ...], StatisticalBaselines] = {}
_CACHE_LOCK = threading.Lock()
