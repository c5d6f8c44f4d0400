"""Backtests: does a result hold at other times? Rolling-origin evaluation with retraining.

The held-out part of the series (the validation part; without one, the last 20 %) is cut
into ``origins`` consecutive folds. At each fold's origin the network is trained again, from
scratch, on the values before it only (its own validation split and early stopping inside
them), and the baselines are fitted again on the same values; then all are scored on the
fold (one step ahead and in closed loop, as in :mod:`.metrics`). No fold sees a value after
its origin while it is fitted. The ETS and ARIMA forms are chosen at the first origin; later
origins fit their parameters again (choosing forms again would cost seconds per origin).

The summary: each forecaster's mean and spread across the folds, at how many origins the
network beats persistence and the best statistical forecast, and the network's closed-loop
errors from every fold, from which :mod:`.intervals` makes prediction intervals.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from .experiment import Experiment, ExperimentError, RolloutSpec
from .intervals import Intervals, intervals_from_folds
from .metrics import (
    MAX_HORIZON,
    NETWORK,
    STATISTICAL,
    Evaluation,
    closed_loop_errors,
    evaluate,
    held_out_start,
    percent_change,
    percent_words,
    row_label,
)
from .numpy_network import NumpyNetwork
from .series import Series
from .statistical import baseline_kind
from .text import QT_TR_NOOP
from .trainer import Trainer
from .training_process import RemoteTrainer, TrainingProcess

DEFAULT_ORIGINS = 5
MAX_ORIGINS = 10
MIN_FOLD = 2


class BacktestError(ExperimentError):
    """A backtest that cannot be run on this experiment and series; the message says why."""


@dataclass(frozen=True)
class Fold:
    """One origin: where it is, how its retrained network ended, the scores on its fold, and
    its network's closed-loop errors over the intervals' horizon from the fold's origins
    (as far as the series goes: the truth after the fold is as unseen as the fold)."""

    origin: int
    end: int
    epochs_run: int
    kept_epoch: int
    evaluation: Evaluation
    interval_errors: np.ndarray


@dataclass(frozen=True)
class Summary:
    """One forecaster across the folds: the mean and spread (standard deviation) of its
    one-step MAE, and of its closed-loop RMSE averaged over the horizon."""

    name: str
    mae: np.ndarray  # per fold
    horizon_rmse: np.ndarray  # per fold: mean over horizons of the closed-loop RMSE

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "mae_mean": float(self.mae.mean()), "mae_spread": float(self.mae.std()),
                "horizon_rmse_mean": float(self.horizon_rmse.mean()),
                "horizon_rmse_spread": float(self.horizon_rmse.std()),
                "mae_per_origin": [float(v) for v in self.mae]}


@dataclass(frozen=True)
class Backtest:
    """The folds of a rolling-origin backtest, in order."""

    folds: list[Fold] = field(default_factory=list)

    @property
    def horizon(self) -> int:
        return len(self.folds[0].evaluation.rows[0].horizon_rmse)

    def summaries(self) -> list[Summary]:
        """Each forecaster's scores across the folds (the statistical ones by kind: an ARIMA
        refitted at each origin may choose other orders, but it is one forecaster)."""
        names = [baseline_kind(row.name) for row in self.folds[0].evaluation.rows]
        table = []
        for name in names:
            rows = [next(row for row in fold.evaluation.rows if baseline_kind(row.name) == name) for fold in self.folds
                    if any(baseline_kind(row.name) == name for row in fold.evaluation.rows)]
            if len(rows) == len(self.folds):
                table.append(Summary(name, np.array([row.mae for row in rows]),
                                     np.array([float(np.mean(row.horizon_rmse)) for row in rows])))
        return table

    def wins(self, other: str) -> int:
        """At how many origins the network's one-step MAE is below ``other``'s."""
        summaries = {summary.name: summary for summary in self.summaries()}
        return int(np.sum(summaries[NETWORK].mae < summaries[other].mae))

    def intervals(self) -> Intervals:
        """Prediction intervals for the network's closed loop from the folds' errors."""
        return intervals_from_folds([fold.interval_errors for fold in self.folds if len(fold.interval_errors)])

    def verdict(self, say: Callable[[str], str] = str) -> str:
        """Plain sentences on how the network did across the origins (``say`` translates them)."""
        count = len(self.folds)
        summaries = {summary.name: summary for summary in self.summaries()}
        text = say(QT_TR_NOOP("Better than persistence at {wins} of {count} origins.")).format(
            wins=self.wins("persistence"), count=count)
        statistical = [name for name in summaries if name.startswith(STATISTICAL)]
        if statistical:
            best = min(statistical, key=lambda name: summaries[name].mae.mean())
            network, other = summaries[NETWORK].mae.mean(), summaries[best].mae.mean()
            text += say(QT_TR_NOOP(" Better than {best} (the best statistical forecast on average) at {wins} of "
                                   "{count}; on average its error is {change}")).format(
                best=row_label(best, say), wins=self.wins(best), count=count,
                change=percent_words(percent_change(network, other), say))
            text += say(QT_TR_NOOP(": here the network adds nothing over it.")) if network >= other else "."
        return text

    def as_dict(self) -> dict[str, object]:
        return {"origins": [fold.origin for fold in self.folds], "horizon": self.horizon,
                "summary": [summary.as_dict() for summary in self.summaries()], "verdict": self.verdict()}


def fold_origins(experiment: Experiment, length: int, count: int) -> list[tuple[int, int]]:
    """(origin, end) of ``count`` consecutive folds covering the held-out part."""
    if not 2 <= count <= MAX_ORIGINS:
        raise BacktestError(f"origins = {count}: must be 2 to {MAX_ORIGINS}")
    start, _ = held_out_start(experiment, length)
    size = (length - start) // count
    if size < MIN_FOLD:
        raise BacktestError(f"the held-out part ({length - start} values from {start}) is too short for {count} "
                            f"origins: each fold needs at least {MIN_FOLD} values")
    return [(start + k * size, start + (k + 1) * size if k < count - 1 else length) for k in range(count)]


def fold_experiment(experiment: Experiment) -> Experiment:
    """The experiment trained at each origin: the same, without a rollout (the folds score
    their own closed loops)."""
    return dataclasses.replace(experiment, rollout=RolloutSpec(start=0, warmup=experiment.rollout.warmup, steps=0))


Train = Callable[[Experiment, Series], "tuple[NumpyNetwork, int, int] | None"]


def backtest_folds(experiment: Experiment, series: Series, count: int, train: Train,
                   statistical: bool = True) -> Iterator[Fold]:
    """Run the backtest fold by fold: ``train(experiment, prefix)`` trains a network on the
    values before an origin and returns (network, epochs run, kept epoch), or None to stop;
    ``statistical=False``: without ETS and ARIMA."""
    if not experiment.samples.plan.is_time_series:
        raise BacktestError("the x -> y layout is no time series: there is nothing to backtest")
    folds = fold_origins(experiment, len(series), count)
    horizon = max(1, min(MAX_HORIZON, min(end - origin for origin, end in folds) // 2))
    reach = interval_horizon(experiment, len(series), folds[0][0])
    trained = fold_experiment(experiment)
    forms = None  # the first origin chooses the ETS and ARIMA forms; later ones fit their parameters again
    for origin, end in folds:
        outcome = train(trained, _head(series, origin))
        if outcome is None:
            return
        network, epochs_run, kept = outcome
        evaluation = evaluate(network, trained, _head(series, end), (origin, f"fold from step {origin}"), horizon, forms,
                              statistical)
        if evaluation is None:
            raise BacktestError(f"the fold from step {origin} to {end} is too short to score")
        forms = forms or evaluation.forms
        origins = np.arange(origin, min(end, len(series) - reach + 1))
        errors = closed_loop_errors(network, trained, series.values, origins, reach) if len(origins) \
            else np.empty((0, reach))
        yield Fold(origin, end, epochs_run, kept, evaluation, errors)


class BacktestRunner:
    """A backtest trained with the studio's trainer (no snapshots), here or, given a
    ``process``, in that :class:`~.training_process.TrainingProcess` (the window's way: its
    compiled programs then leave with the process); :meth:`request_stop` (thread-safe) ends
    it within a chunk of batches, after the folds already done."""

    def __init__(self, experiment: Experiment, series: Series, count: int = DEFAULT_ORIGINS,
                 statistical: bool = True, process: TrainingProcess | None = None) -> None:
        fold_origins(experiment, len(series), count)  # a bad count or a short series fails here, before any work
        self.experiment, self.series, self.count, self.statistical = experiment, series, count, statistical
        self.process = process
        self._stop = threading.Event()
        self._trainer: Trainer | RemoteTrainer | None = None

    def folds(self) -> Iterator[Fold]:
        """Train and score fold by fold."""
        yield from backtest_folds(self.experiment, self.series, self.count, self._train, self.statistical)

    def run(self, on_fold: Callable[[Fold], None] | None = None) -> Backtest | None:
        """All folds (None when stopped before the last)."""
        folds = []
        for fold in self.folds():
            folds.append(fold)
            if on_fold is not None:
                on_fold(fold)
        return Backtest(folds) if len(folds) == self.count else None

    def request_stop(self) -> None:
        self._stop.set()
        trainer = self._trainer
        if trainer is not None:
            trainer.request_stop()

    def _train(self, experiment: Experiment, series: Series) -> tuple[NumpyNetwork, int, int] | None:
        if self._stop.is_set():
            return None
        self._trainer = trainer = Trainer(experiment, series, record_snapshots=False) if self.process is None \
            else RemoteTrainer(experiment, series, record_snapshots=False, process=self.process)
        if self._stop.is_set():
            return None
        result = trainer.run()
        if self._stop.is_set() or not result.epochs_run:
            return None
        return NumpyNetwork.from_keras(result.model), result.epochs_run, result.history.kept_epoch


def interval_horizon(experiment: Experiment, length: int, first_origin: int) -> int:
    """The horizon the intervals are calibrated for: the forecast's length (at least the
    closed-loop scores' ``MAX_HORIZON`` when there is none), as far as half the held-out part allows."""
    return max(1, min(experiment.rollout.forecast or MAX_HORIZON, (length - first_origin) // 2))


def _head(series: Series, end: int) -> Series:
    """The first ``end`` values of ``series``."""
    return Series(series.t[:end], series.values[:end], series.name,
                  series.dates[:end] if series.dates is not None else None, series.frequency)
