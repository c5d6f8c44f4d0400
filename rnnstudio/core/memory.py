"""The memory view of a run: its gradients through time at every kept epoch.

One prediction is chosen for a run (by default the first held-out one, or the first
closed-loop step after the rollout's warm-up) and :func:`~.gradients.gradients_through_time`
is computed for it from each epoch's snapshot, without retraining: the replayed epoch's
curve, the fan of earlier epochs and the epochs x steps-back heatmap all come from these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .data import validation_start
from .experiment import Experiment
from .gradients import Gradients, gradients_through_time
from .numpy_network import NumpyNetwork
from .series import Series
from .snapshots import Snapshots, fill_by_epoch

MAX_STEPS_BACK = 1000  # a stateful run's horizon: one backward pass of at most this many steps


@dataclass(frozen=True)
class GradientWindow:
    """The chosen prediction: the series value at ``target_index``, made after the raw
    ``inputs`` (its last ``len(inputs)`` values)."""

    target_index: int
    inputs: np.ndarray
    target: float


def gradient_window(experiment: Experiment, series: Series, target_index: int | None = None,
                    steps_back: int | None = None) -> GradientWindow | None:
    """The prediction whose gradients are shown: of the value at ``target_index`` (default:
    the first held-out value, else the first closed-loop step after the warm-up), from the
    ``window`` values before it (a stateful run: ``steps_back`` values, default its warm-up,
    from a zero state). None for the x -> y layout, which has no time."""
    samples, rollout = experiment.samples, experiment.rollout
    plan = samples.plan
    if not plan.is_time_series:
        return None
    length = len(series)
    if plan.carries_state:
        steps = steps_back if steps_back is not None else rollout.warmup
    else:
        steps = samples.window
    steps = int(np.clip(steps, 1, min(MAX_STEPS_BACK, length - 1)))
    if target_index is None:
        held_out = validation_start(length, samples, experiment.train.validation_fraction)
        target_index = held_out if held_out is not None else rollout.start + rollout.warmup
    target_index = int(np.clip(target_index, steps, length - 1))
    values = np.asarray(series.values, dtype=np.float64)
    return GradientWindow(target_index, values[target_index - steps : target_index], float(values[target_index]))


def gradients_for(network: NumpyNetwork, experiment: Experiment, window: GradientWindow) -> Gradients:
    """``network``'s gradients for ``window``'s prediction, in its own (scaled) units."""
    frames = window.inputs[None, :, None]
    inputs = network.scaler.model_input(frames)[0, :, 0]
    target = float(network.scaler.model_targets(frames[:, :, 0], np.array([window.target]))[0])
    return gradients_through_time(network, inputs, target, experiment.train.loss)


@dataclass
class GradientHistory:
    """A run's gradients for one window, by epoch, filled in as they are computed (from any
    thread); :meth:`arrays` gives the epochs x steps-back picture."""

    window: GradientWindow
    by_epoch: dict[int, Gradients] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _arrays: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray | None]] = field(default_factory=dict, repr=False)

    def fill(self, template: NumpyNetwork, experiment: Experiment, snapshots: Snapshots,
             epochs: list[int] | None = None, keep_going: Callable[[], bool] = lambda: True) -> None:
        """Compute the gradients of every kept epoch (or of ``epochs``) not computed yet;
        ``keep_going`` is asked before each epoch, so a newer request or Quit stops it after
        at most one epoch's work."""
        if fill_by_epoch(self.by_epoch, self._lock, snapshots, snapshots.epochs if epochs is None else epochs,
                         lambda weights: gradients_for(template.with_weights(weights), experiment, self.window),
                         keep_going):
            with self._lock:
                self._arrays.clear()

    def layers(self) -> int:
        """How many recurrent layers the gradients cover (0 for the Dense MLP or none yet)."""
        with self._lock:
            first = next(iter(self.by_epoch.values()), None)
        return 0 if first is None or first.state_gradient is None else len(first.state_gradient)

    def at(self, epoch: int) -> Gradients | None:
        with self._lock:
            return self.by_epoch.get(epoch)

    def arrays(self, layer: int = -1) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """(epochs, input sensitivity (epochs, steps), state gradient of ``layer`` (epochs,
        steps) or None for the Dense MLP), in epoch order; kept until an epoch is added."""
        with self._lock:
            kept = self._arrays.get(layer)
            if kept is not None:
                return kept
            items = sorted(self.by_epoch.items())
        if not items:
            return np.zeros(0, int), np.zeros((0, len(self.window.inputs))), None
        epochs = np.array([epoch for epoch, _ in items])
        sensitivity = np.stack([g.input_sensitivity for _, g in items])
        states = [g.state_gradient for _, g in items]
        state = None if states[0] is None else np.stack([s[layer] for s in states if s is not None])
        with self._lock:
            if len(self.by_epoch) == len(items):
                self._arrays[layer] = (epochs, sensitivity, state)
        return epochs, sensitivity, state
