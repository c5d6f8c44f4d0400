"""The exposure-bias gap: how much worse a network predicts from its own outputs than from
the truth, epoch by epoch.

Over the closed-loop rollout's steps that have a true value, the one-step error (each
prediction from true inputs) and the closed-loop error (each from the network's own earlier
predictions) are two RMSEs of the same targets. A network trained with teacher forcing often
has a tiny one-step error and a closed loop that drifts away; training on its own predictions
(:mod:`.free_running`) trades a little of the first for much of the second. A
:class:`GapHistory` keeps them by epoch for one rollout, filled from a run's snapshots off
the GUI thread, as the memory tab's gradients are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .costs import prediction_flops
from .data import Series
from .experiment import Experiment, RolloutSpec
from .inference import NumpyNetwork, closed_loop_rollout, one_step_budget, one_step_predictions
from .snapshots import Snapshots, fill_by_epoch

# The arithmetic one history may spend (numpy, ~15 GFLOP/s on one core here): about 4 s; a
# run with more kept epochs than that pays for is thinned evenly (the first and last kept).
HISTORY_FLOPS = 60_000_000_000
MIN_EPOCHS, MAX_EPOCHS = 10, 400


@dataclass(frozen=True)
class Gap:
    """One epoch's errors over the rollout's closed-loop steps with a true value."""

    one_step: float
    closed_loop: float
    steps: int

    @property
    def ratio(self) -> float:
        """How many times the closed loop's error is the one-step error (inf when that is 0)."""
        return self.closed_loop / self.one_step if self.one_step > 0 else float("inf")


def exposure_gap(network: NumpyNetwork, experiment: Experiment, series: Series) -> Gap | None:
    """``network``'s one-step and closed-loop RMSE over the experiment's rollout; None when
    it has no closed-loop step with a true value (no rollout, or one past the series' end)."""
    samples, spec = experiment.samples, experiment.rollout
    if not samples.plan.is_time_series or spec.steps == 0:
        return None
    warmup = series.values[spec.start : spec.start + spec.warmup]
    rollout = closed_loop_rollout(network, samples, warmup, spec.steps, spec.start)
    known = (rollout.index >= rollout.closed_loop_from) & (rollout.index < len(series))
    index, predicted = rollout.index[known], rollout.values[known]
    if not len(index):
        return None
    end = int(index[-1]) + 1
    one_step = one_step_predictions(network, series.values[:end], series.t[:end], samples,
                                    last=one_step_budget(experiment.model, samples))
    position = {int(i): k for k, i in enumerate(one_step.index)}
    both = np.array([int(i) in position for i in index])
    if not both.any():
        return None
    truth = series.values[index[both]]
    teacher = one_step.values[[position[int(i)] for i in index[both]]]
    return Gap(_rmse(teacher, truth), _rmse(predicted[both], truth), int(both.sum()))


def _rmse(predicted: np.ndarray, truth: np.ndarray) -> float:
    return float(np.sqrt(np.mean((np.asarray(predicted, np.float64) - truth) ** 2)))


def epochs_to_fill(experiment: Experiment, kept: list[int], wanted: int | None = None) -> list[int]:
    """Which of the ``kept`` epochs a history computes: all of them when they fit in
    :data:`HISTORY_FLOPS`, else an even thinning (first and last kept), plus ``wanted``."""
    spec = experiment.rollout
    per_epoch = max(1, (spec.steps + spec.warmup) * prediction_flops(experiment.model, experiment.samples))
    most = int(min(MAX_EPOCHS, max(MIN_EPOCHS, HISTORY_FLOPS // per_epoch)))
    chosen = kept if len(kept) <= most else [kept[round(k)] for k in np.linspace(0, len(kept) - 1, most)]
    if wanted is not None and wanted in kept and wanted not in chosen:
        chosen = sorted([*chosen, wanted])
    return list(dict.fromkeys(chosen))


@dataclass
class GapHistory:
    """A run's exposure-bias gap for one rollout, by epoch, filled in as it is computed (from
    any thread)."""

    rollout: RolloutSpec
    by_epoch: dict[int, Gap | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def fill(self, template: NumpyNetwork, experiment: Experiment, series: Series, snapshots: Snapshots,
             wanted: int | None = None, keep_going: Callable[[], bool] = lambda: True) -> None:
        """Compute the epochs :func:`epochs_to_fill` chooses that are missing; ``keep_going``
        is asked before each, so a newer request or Quit stops it after one epoch's work."""
        fill_by_epoch(self.by_epoch, self._lock, snapshots, epochs_to_fill(experiment, snapshots.epochs, wanted),
                      lambda weights: exposure_gap(template.with_weights(weights), experiment, series), keep_going)

    def missing(self, experiment: Experiment, kept: list[int], wanted: int | None = None) -> bool:
        """Whether :meth:`fill` has epochs left to compute."""
        with self._lock:
            return any(epoch not in self.by_epoch for epoch in epochs_to_fill(experiment, kept, wanted))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(epochs, one-step RMSE, closed-loop RMSE) of the epochs computed so far, in order."""
        with self._lock:
            rows = sorted((epoch, gap) for epoch, gap in self.by_epoch.items() if gap is not None)
        return (np.array([epoch for epoch, _ in rows], dtype=np.int64),
                np.array([gap.one_step for _, gap in rows]), np.array([gap.closed_loop for _, gap in rows]))

    def at(self, epoch: int) -> Gap | None:
        with self._lock:
            return self.by_epoch.get(epoch)
