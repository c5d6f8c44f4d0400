"""Honest scores in the data's own units, beside the baselines every forecaster shows first.

On the held-out tail of the series (the validation part; without one, the last 20 %), the
network and five baselines are scored on the same points:

- **persistence**: the next value is the last one;
- **seasonal naive**: the next value is the one a season earlier (season length from the
  experiment, or detected from the autocorrelation of the training part's changes);
- **linear AR**: a linear autoregression on the same window, fitted by least squares on the
  training part;
- **ETS** and **ARIMA**, their forms chosen automatically on the training part
  (:mod:`.statistical`).

For each: one-step MAE and RMSE (every prediction from true values), MASE (MAE over the
in-sample mean absolute seasonal change of the training part, m = the season: below 1 beats
the seasonal naive step there), sMAPE (the mean of 200 |e| / (|y| + |forecast|), in %), and
the closed-loop RMSE at horizons 1..H: from each origin in the held-out part, predictions
fed back as inputs for H steps. One-step scores can be tiny while the closed loop drifts
away; the horizon curve shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .data import validation_start
from .experiment import Experiment
from .inference import (
    NumpyNetwork,
    model_input,
    one_step_predictions,
    predict_next,
    raw_output,
    run_sequence,
    zero_state,
)
from .series import Series
from .statistical import StatisticalBaselines, statistical_baselines
from .text import QT_TR_NOOP

HELD_OUT_WITHOUT_VALIDATION = 0.2
MAX_HORIZON = 24
MAX_ORIGINS = 200
SEASON_POINTS = 20_000
MAX_SCORED_POINTS = 20_000  # a longer held-out tail is scored on its last points (bounded cost)
NETWORK = "network"
METRICS = ("mae", "rmse", "mase", "smape")


@dataclass(frozen=True)
class Scores:
    """One forecaster's scores on the held-out points."""

    name: str
    mae: float
    rmse: float
    mase: float
    smape: float
    horizon_rmse: np.ndarray  # closed-loop RMSE at horizons 1..H

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "mae": self.mae, "rmse": self.rmse, "mase": self.mase, "smape": self.smape,
                "closed_loop_rmse": [float(v) for v in self.horizon_rmse]}


@dataclass(frozen=True)
class Evaluation:
    """The network and the baselines, scored on the same held-out points."""

    held_out_from: int
    held_out_note: str
    season: int
    season_note: str
    rows: list[Scores] = field(default_factory=list)
    baselines_note: str = ""
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)  # ETS and ARIMA: the forms fitted

    def best(self, metric: str) -> str:
        """The name of the forecaster with the lowest ``metric`` (mae, rmse, mase, smape)."""
        return min(self.rows, key=lambda row: getattr(row, metric)).name

    def row(self, name: str) -> Scores:
        return next(row for row in self.rows if row.name == name)

    def as_dict(self) -> dict[str, object]:
        return {"held_out_from": self.held_out_from, "held_out": self.held_out_note, "season": self.season,
                "season_source": self.season_note, "baselines": self.baselines_note,
                "rows": [row.as_dict() for row in self.rows], "best": {metric: self.best(metric) for metric in METRICS}}


def held_out_start(experiment: Experiment, length: int) -> tuple[int, str]:
    """Where the held-out tail begins, and what it is."""
    start = validation_start(length, experiment.samples, experiment.train.validation_fraction)
    if start is not None:
        return start, QT_TR_NOOP("the validation part")
    least = experiment.samples.plan.least_warmup(experiment.samples.window)
    return max(int(length * (1 - HELD_OUT_WITHOUT_VALIDATION)), least + 1), QT_TR_NOOP("the last 20 % of the series (no validation part)")


def detect_season(values: np.ndarray) -> int:
    """The lag (>= 2) of the strongest autocorrelation peak of the series' changes, when that
    peak is clear (> 0.3); 0 when there is none. A long series is judged on its last
    ``SEASON_POINTS`` values (seasons up to half that long)."""
    changes = np.diff(np.asarray(values, dtype=np.float64)[-SEASON_POINTS:])
    changes = changes - changes.mean()
    most = len(changes) // 2
    if most < 4 or not np.any(changes):
        return 0
    spectrum = np.fft.rfft(changes, n=2 * len(changes))
    acf = np.fft.irfft(spectrum * np.conj(spectrum))[: most + 1]
    acf = acf / acf[0]
    peaks = [lag for lag in range(2, most) if acf[lag] > acf[lag - 1] and acf[lag] >= acf[lag + 1] and acf[lag] > 0.3]
    return max(peaks, key=lambda lag: acf[lag]) if peaks else 0


def evaluate(network: NumpyNetwork, experiment: Experiment, series: Series, held_out: tuple[int, str] | None = None,
             horizon: int | None = None, forms: dict[str, dict[str, Any]] | None = None,
             statistical: bool = True) -> Evaluation | None:
    """Score ``network`` and the baselines on the held-out tail of ``series`` (None for the
    x -> y layout, which is no time series, or when the tail is too short). ``held_out``:
    (where the tail begins, what it is) instead of the experiment's; ``horizon``: the
    closed-loop horizon instead of half the tail (at most ``MAX_HORIZON``); ``forms``: the
    ETS and ARIMA forms to fit (see :func:`.statistical.statistical_baselines`);
    ``statistical=False`` leaves ETS and ARIMA out (seconds of fitting spared)."""
    plan = experiment.samples.plan
    if not plan.is_time_series:
        return None
    values = np.asarray(series.values, dtype=np.float64)
    start, note = held_out if held_out is not None else held_out_start(experiment, len(values))
    window = experiment.samples.window
    warmup = plan.warmup_length(window, experiment.rollout.warmup, start)
    if experiment.data.season:
        season, season_note = experiment.data.season, QT_TR_NOOP("set in the experiment")
    else:
        season = detect_season(values[:start])
        season_note = (QT_TR_NOOP("detected from the autocorrelation") if season
                       else QT_TR_NOOP("none found: seasonal naive = persistence"))
    start = max(start, warmup, season, window)
    if len(values) - start > MAX_SCORED_POINTS:
        start = len(values) - MAX_SCORED_POINTS
        note += f", its last {MAX_SCORED_POINTS:,} points"
    if len(values) - start < 2:
        return None
    targets = values[start:]
    horizon = max(1, min(horizon or MAX_HORIZON, len(targets) // 2 if horizon is None else len(targets)))
    origins = np.arange(start, len(values) - horizon + 1)
    if len(origins) > MAX_ORIGINS:
        origins = origins[np.linspace(0, len(origins) - 1, MAX_ORIGINS).astype(int)]
    lag = season or 1
    scale = float(np.mean(np.abs(values[lag:start] - values[: start - lag]))) or 1.0
    forecasters = {
        NETWORK: (_network_one_step(network, experiment, values, start),
                  _network_closed_loop(network, experiment, values, origins, horizon, warmup)),
        "persistence": (values[start - 1 : -1], _seasonal_closed_loop(values, origins, horizon, 1)),
        f"seasonal naive ({season or 1})": (values[start - (season or 1) : len(values) - (season or 1)],
                                           _seasonal_closed_loop(values, origins, horizon, season or 1)),
    }
    coefficients = _fit_autoregression(values[:start], window)
    if coefficients is not None:
        forecasters[f"linear AR ({window})"] = (_autoregression_one_step(coefficients, values, start),
                                                _autoregression_closed_loop(coefficients, values, origins, horizon))
    fitted = statistical_baselines(values, start, origins, horizon, season, forms) if statistical \
        else StatisticalBaselines(note=QT_TR_NOOP("ETS and ARIMA left out"))
    for baseline in fitted.forecasts:
        forecasters[baseline.name] = (baseline.one_step, baseline.closed_loop)
    truth = np.stack([values[origins + h] for h in range(horizon)], axis=1)
    rows = []
    for name, (one_step, closed) in forecasters.items():
        errors = one_step - targets
        size = np.abs(targets) + np.abs(one_step)
        smape = float(np.mean(np.divide(200 * np.abs(errors), size, out=np.zeros_like(size), where=size > 0)))
        rows.append(Scores(name, float(np.mean(np.abs(errors))), float(np.sqrt(np.mean(errors**2))),
                           float(np.mean(np.abs(errors)) / scale), smape,
                           np.sqrt(np.mean((closed - truth) ** 2, axis=0))))
    return Evaluation(start, note, season, season_note, rows, fitted.note, fitted.forms())


def _network_one_step(net: NumpyNetwork, experiment: Experiment, values: np.ndarray, start: int) -> np.ndarray:
    """One-step predictions of the held-out values from ``start`` on, computed on the tail only
    (a window before it; stateful models need the whole series to carry their state)."""
    offset = 0 if experiment.samples.plan.carries_state else start - experiment.samples.window
    tail = values[offset:]
    predictions = one_step_predictions(net, tail, np.arange(len(tail), dtype=float), experiment.samples)
    return predictions.values[predictions.index + offset >= start]


def closed_loop_errors(network: NumpyNetwork, experiment: Experiment, values: np.ndarray, origins: np.ndarray,
                       horizon: int) -> np.ndarray:
    """(origins, horizon) errors (forecast - truth) of ``network``'s closed loops from each
    origin (each warmed up on the values before it; ``origins + horizon <= len(values)``)."""
    values = np.asarray(values, dtype=np.float64)
    plan = experiment.samples.plan
    warmup = plan.warmup_length(experiment.samples.window, experiment.rollout.warmup, int(np.min(origins)))
    truth = np.stack([values[origins + h] for h in range(horizon)], axis=1)
    return _network_closed_loop(network, experiment, values, origins, horizon, warmup) - truth


def _network_closed_loop(net: NumpyNetwork, experiment: Experiment, values: np.ndarray, origins: np.ndarray,
                         horizon: int, warmup: int) -> np.ndarray:
    """(origins, horizon) predictions, each origin's run fed its own outputs (batched)."""
    predictions = np.empty((len(origins), horizon))
    frames = np.stack([values[o - warmup : o] for o in origins])[:, :, None]
    if experiment.samples.plan.carries_state:
        outputs, state = run_sequence(net, model_input(net, frames), zero_state(net, len(origins)))
        predictions[:, 0] = raw_output(net, outputs[:, -1])
        for h in range(1, horizon):
            outputs, state = run_sequence(net, model_input(net, predictions[:, h - 1, None, None]), state)
            predictions[:, h] = raw_output(net, outputs[:, -1])
        return predictions
    for h in range(horizon):
        predictions[:, h] = predict_next(net, frames)
        frames = np.concatenate([frames[:, 1:], predictions[:, h, None, None]], axis=1)
    return predictions


def _seasonal_closed_loop(values: np.ndarray, origins: np.ndarray, horizon: int, season: int) -> np.ndarray:
    """Each step h ahead of origin o repeats the value a whole number of seasons before o."""
    steps = np.arange(horizon)
    back = season * (steps // season + 1)  # o+h repeats the value at o+h-back, the last one before o
    return values[origins[:, None] + steps[None, :] - back[None, :]]


def _fit_autoregression(training: np.ndarray, window: int) -> np.ndarray | None:
    """Least-squares coefficients [intercept, w_1..w_window] (w_k on the value k steps back)."""
    count = len(training) - window
    if count < window + 2:
        return None
    lags = np.lib.stride_tricks.sliding_window_view(training[:-1], window)[:count, ::-1]
    design = np.column_stack([np.ones(count), lags])
    coefficients, *_ = np.linalg.lstsq(design, training[window:], rcond=None)
    return coefficients


def _autoregression_one_step(coefficients: np.ndarray, values: np.ndarray, start: int) -> np.ndarray:
    window = len(coefficients) - 1
    lags = np.lib.stride_tricks.sliding_window_view(values[:-1], window)[start - window :, ::-1]
    return coefficients[0] + lags @ coefficients[1:]


def _autoregression_closed_loop(coefficients: np.ndarray, values: np.ndarray, origins: np.ndarray,
                                horizon: int) -> np.ndarray:
    window = len(coefficients) - 1
    history = np.stack([values[o - window : o] for o in origins])
    predictions = np.empty((len(origins), horizon))
    for h in range(horizon):
        predictions[:, h] = coefficients[0] + history[:, ::-1] @ coefficients[1:]
        history = np.concatenate([history[:, 1:], predictions[:, h, None]], axis=1)
    return predictions


def verdict(evaluation: Evaluation, say: Callable[[str], str] = str) -> str:
    """Plain sentences: does the network beat the last value, and does it add anything over
    the statistical forecasts (linear AR, ETS, ARIMA)? ``say`` translates the words (the
    window passes its ``tr``)."""
    network, naive = evaluation.row(NETWORK), evaluation.row("persistence")
    change = percent_change(network.mae, naive.mae)
    if network.mae < naive.mae:
        text = say(QT_TR_NOOP("The network's one-step error (MAE) is {percent} % lower than persistence's (the last "
                              "value).")).format(percent=f"{-change:.0f}")
    else:
        text = say(QT_TR_NOOP("The network's one-step error (MAE) is {change} than persistence's: the last value "
                              "forecasts better.")).format(change=percent_words(change, say))
    statistical = [row for row in evaluation.rows if row.name.startswith(STATISTICAL)]
    if statistical:
        best = min(statistical, key=lambda row: row.mae)
        change = percent_change(network.mae, best.mae)
        if network.mae < best.mae:
            text += say(QT_TR_NOOP(" It beats the best statistical forecast, {best}, by {percent} %.")).format(
                best=row_label(best.name, say), percent=f"{-change:.0f}")
        else:
            text += say(QT_TR_NOOP(" The best statistical forecast, {best}, is better ({change} for the network): "
                                   "here the network adds nothing over it.")).format(
                best=row_label(best.name, say), change=percent_words(change, say))
    return text


STATISTICAL = ("linear AR", "ETS", "ARIMA")
ROW_WORDS = {NETWORK: QT_TR_NOOP("network"), "persistence": QT_TR_NOOP("persistence"),
             "seasonal naive": QT_TR_NOOP("seasonal naive"), "linear AR": QT_TR_NOOP("linear AR")}


def row_label(name: str, say: Callable[[str], str] = str) -> str:
    """A forecaster's name as the table shows it, its words translated by ``say``:
    "seasonal naive (12)" -> "季節ナイーブ (12)"."""
    for key, words in ROW_WORDS.items():
        if name.startswith(key):
            return say(words) + name[len(key):]
    return name


def percent_change(value: float, reference: float) -> float:
    return 100 * (value - reference) / reference if reference else 0.0


def percent_words(change: float, say: Callable[[str], str] = str) -> str:
    """'12 % higher', '12 % lower', or 'about the same (0.3 % lower)' when rounding would say 0 %."""
    way = say(QT_TR_NOOP("{percent} % higher") if change >= 0 else QT_TR_NOOP("{percent} % lower"))
    if round(change):
        return way.format(percent=f"{abs(change):.0f}")
    return say(QT_TR_NOOP("about the same ({change})")).format(change=way.format(percent=f"{abs(change):.1f}"))


def metrics_table(evaluation: Evaluation) -> list[str]:
    """The scores as aligned text lines; ``*`` marks the best of each column; then the verdict."""
    best = {metric: evaluation.best(metric) for metric in METRICS}
    horizon = len(evaluation.rows[0].horizon_rmse)
    best_far = min(evaluation.rows, key=lambda row: row.horizon_rmse[-1]).name
    width = max(len(row.name) for row in evaluation.rows)
    lines = [f"held out: {evaluation.held_out_note} (from step {evaluation.held_out_from}); "
             f"season {evaluation.season if evaluation.season > 1 else 'none'} ({evaluation.season_note})"]
    if evaluation.baselines_note:
        lines.append(f"ETS and ARIMA: {evaluation.baselines_note}")
    lines.append(f"{'':{width}}  {'MAE':>11}  {'RMSE':>11}  {'MASE':>8}  {'sMAPE %':>8}  "
                 f"{f'closed loop RMSE h1 / h{horizon}':>27}")

    def cell(row: Scores, metric: str, size: int, digits: str = ".4g") -> str:
        return f"{format(getattr(row, metric), digits) + ('*' if best[metric] == row.name else ' '):>{size}}"

    for row in evaluation.rows:
        far = f"{row.horizon_rmse[0]:.4g} / {row.horizon_rmse[-1]:.4g}" + ("*" if best_far == row.name else " ")
        lines.append(f"{row.name:{width}}  {cell(row, 'mae', 11)}  {cell(row, 'rmse', 11)}  "
                     f"{cell(row, 'mase', 8, '.3f')}  {cell(row, 'smape', 8, '.2f')}  {far:>27}")
    lines.append(verdict(evaluation))
    return lines
