"""What is shown of a run at one epoch, computed explicitly.

An :class:`EpochReport` is cheap to make: the epoch's losses and a numpy copy of its weights.
What the plots draw (one-step predictions, the closed-loop rollout with per-step states, a
Dense MLP's hidden activations, the forecast) is a :class:`ReportViews`, and the Scores tab's
numbers an :class:`~.metrics.Evaluation`: both are computed only by :meth:`EpochReport.computed`,
called by whoever owns the thread (the training worker, or the window's background worker),
never by a property read on whichever thread touches it first. Reading a view of a report
that was not computed raises :class:`NotComputed`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from .data import Series
from .experiment import Experiment
from .forecast import Forecast, forecast
from .inference import (
    NumpyNetwork,
    OneStepPredictions,
    RolloutTrace,
    closed_loop_rollout,
    hidden_activations,
    model_input,
    one_step_budget,
    one_step_predictions,
)
from .metrics import Evaluation, evaluate

MAX_HIDDEN_POINTS = 2000
EpochLosses = tuple[float, float | None, list[float], list[float] | None]  # as History.append takes them


class NotComputed(RuntimeError):
    """A report's views or scores were read before :meth:`EpochReport.computed` made them."""


@dataclass(frozen=True)
class ReportViews:
    """The plots' arrays for one epoch. ``hidden`` is a Dense MLP's hidden activations
    (points, layers, units) at series indices ``hidden_index``; recurrent models put their
    states in ``rollout``."""

    one_step: OneStepPredictions
    rollout: RolloutTrace | None
    hidden_index: np.ndarray | None
    hidden: np.ndarray | None
    forecast: Forecast | None
    spread: MemberSpread | None = None


@dataclass(frozen=True)
class MemberSpread:
    """A seed ensemble's members, each on its own: (members, points) arrays beside the
    ensemble's one-step predictions, closed-loop rollout (each member feeding back its own
    outputs) and forecast (None where the ensemble has none)."""

    one_step: np.ndarray
    rollout: np.ndarray | None
    forecast: np.ndarray | None


@dataclass(frozen=True)
class EpochReport:
    """One finished epoch: losses, weights (``network``) and, once computed, what is drawn."""

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None
    seconds: float
    network: NumpyNetwork
    experiment: Experiment
    series: Series
    views: ReportViews | None = None
    scores: tuple[Evaluation | None] | None = None  # (evaluation,) once scored; the evaluation may be None
    member_loss: tuple[float, ...] = ()  # a seed ensemble's members' own losses (the loss is their mean's)
    member_val_loss: tuple[float, ...] | None = None
    fed_back: float | None = None  # the share of training inputs that were its own predictions (None: all true)
    # a refit epoch (one that trained on the validation part): the kept epoch and its network, which score it
    scored_by: tuple[int, NumpyNetwork] | None = None

    @property
    def losses(self) -> EpochLosses:
        """This epoch's losses as the run's history takes them."""
        return self.loss, self.val_loss, list(self.member_loss), \
            None if self.member_val_loss is None else list(self.member_val_loss)

    @classmethod
    def from_model(cls, experiment: Experiment, series: Series, model: Any, epoch: int,
                   loss: float, val_loss: float | None, seconds: float = 0.0) -> EpochReport:
        """A report on ``model`` as it is now (after an epoch, or reopened from a file)."""
        return cls(epoch, experiment.train.epochs, loss, val_loss, seconds,
                   NumpyNetwork.from_keras(model), experiment, series)

    def computed(self, scores: bool = False) -> EpochReport:
        """This report with its views computed (and its scores, with ``scores``): up to about
        2 s of numpy by the experiment's cost bounds, so call it off the GUI thread."""
        views = self.views if self.views is not None else compute_views(self.network, self.experiment, self.series)
        scored = self.scores
        if scores and scored is None:
            scorer = self.network if self.scored_by is None else self.scored_by[1]
            scored = (evaluate(scorer, self.experiment, self.series),)
        return dataclasses.replace(self, views=views, scores=scored)

    @property
    def is_computed(self) -> bool:
        return self.views is not None

    def _views(self) -> ReportViews:
        if self.views is None:
            raise NotComputed(f"epoch {self.epoch}'s report was drawn before it was computed")
        return self.views

    @property
    def one_step(self) -> OneStepPredictions:
        return self._views().one_step

    @property
    def rollout(self) -> RolloutTrace | None:
        return self._views().rollout

    @property
    def hidden_index(self) -> np.ndarray | None:
        return self._views().hidden_index

    @property
    def hidden(self) -> np.ndarray | None:
        return self._views().hidden

    @property
    def forecast(self) -> Forecast | None:
        """The closed loop past the end of the series (``rollout.forecast`` steps)."""
        return self._views().forecast

    @property
    def spread(self) -> MemberSpread | None:
        """A seed ensemble's members' own predictions (None for a single network)."""
        return self._views().spread

    @property
    def evaluation(self) -> Evaluation | None:
        """Scores in the data's units beside the baselines, on the held-out tail (None where
        the series cannot be scored)."""
        if self.scores is None:
            raise NotComputed(f"epoch {self.epoch}'s scores were read before they were computed")
        return self.scores[0]


def compute_views(network: NumpyNetwork, experiment: Experiment, series: Series) -> ReportViews:
    """Everything the plots draw of ``network`` on ``series`` (and, for an ensemble, of each
    of its members)."""
    one_step, rollout, ahead = _predictions(network, experiment, series)
    hidden_index, hidden = _hidden(network, experiment, series)
    spread = None
    if network.member_count > 1:
        members = [_predictions(network.member(k), experiment, series) for k in range(network.member_count)]
        spread = MemberSpread(np.stack([m[0].values for m in members]),
                              None if rollout is None else np.stack([m[1].values for m in members if m[1]]),
                              None if ahead is None else np.stack([m[2].values for m in members if m[2]]))
    return ReportViews(one_step, rollout, hidden_index, hidden, ahead, spread)


def _predictions(network: NumpyNetwork, experiment: Experiment, series: Series
                 ) -> tuple[OneStepPredictions, RolloutTrace | None, Forecast | None]:
    """One-step predictions, the closed-loop rollout and the forecast of ``network``."""
    samples = experiment.samples
    one_step = one_step_predictions(network, series.values, series.t, samples,
                                    last=one_step_budget(experiment.model, samples))
    rollout = None
    if samples.plan.is_time_series:
        spec = experiment.rollout
        warmup = series.values[spec.start : spec.start + spec.warmup]
        rollout = closed_loop_rollout(network, samples, warmup, spec.steps, spec.start)
    return one_step, rollout, forecast(network, experiment, series, experiment.rollout.forecast)


def _hidden(network: NumpyNetwork, experiment: Experiment, series: Series) -> tuple[np.ndarray | None,
                                                                                     np.ndarray | None]:
    """A Dense MLP's hidden activations at evenly spaced points (None, None for a recurrent one)."""
    if network.recurrent:
        return None, None
    stride = max(1, len(series) // MAX_HIDDEN_POINTS)
    index = np.arange(0, len(series), stride)
    samples = experiment.samples
    if not samples.plan.is_time_series:
        return index, hidden_activations(network, series.t[index, None])[1]
    index = index[index >= samples.window]
    frames = np.stack([series.values[i - samples.window : i] for i in index])[:, :, None]
    return index, hidden_activations(network, model_input(network, frames))[1]
