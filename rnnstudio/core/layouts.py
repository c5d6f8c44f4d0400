"""Sample layouts: how a series becomes samples, and what follows from that.

``SampleSpec.layout`` names one of four layouts; :data:`PLANS` maps each name to one small
class that knows everything that depends on it: cutting the samples, how many true values
a closed-loop rollout is warmed on, how many inputs come before the first one-step
prediction, which networks it suits, and what it costs. Code elsewhere asks the plan
(``samples.plan``) instead of comparing layout names.
"""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

import numpy as np

from .series import DataError

LayoutName = Literal["windows", "sequence", "stateful", "xy"]
LAYOUT_NAMES: tuple[LayoutName, ...] = get_args(LayoutName)
Cut = tuple[np.ndarray, np.ndarray, np.ndarray]


class SampleLayout:
    """What one layout means. The defaults are those of ``windows``."""

    name: ClassVar[LayoutName]
    label: ClassVar[str]
    is_time_series: ClassVar[bool] = True     # False: x -> y, no rollout, no scores
    carries_state: ClassVar[bool] = False     # stateful layers; state flows from batch to batch
    per_step_output: ClassVar[bool] = False   # one prediction per time step (else per sample)
    takes_dense: ClassVar[bool] = True        # a Dense MLP can learn it
    takes_recurrent: ClassVar[bool] = True    # a recurrent network can learn it
    takes_difference: ClassVar[bool] = False  # the difference scaling is possible

    @property
    def shuffles(self) -> bool:
        """Whether training samples may be shuffled (never when state carries over)."""
        return not self.carries_state

    @property
    def holds_out(self) -> bool:
        """Whether a validation part may be held out (never when every chunk feeds the next)."""
        return not self.carries_state

    def cut(self, values: np.ndarray, t: np.ndarray, window: int, shifts: tuple[int, ...]) -> Cut:
        """Inputs, targets and each target's series index; :class:`DataError` when the series
        cannot be cut so."""
        return _windows(values, window, self.per_step_output)

    def sample_count(self, length: int, window: int, streams: int) -> int:
        """How many samples a series of ``length`` values gives (before any validation split)."""
        return max(length - window, 1)

    def values_per_sample(self, window: int) -> int:
        """Input and target values of one sample (for the memory bound)."""
        return window + (window if self.per_step_output else 1)

    def shortest_series(self, window: int) -> int:
        """The fewest values that give one sample."""
        return window + 1

    def first_target(self, window: int) -> int:
        """Series index of the first target: the values before it are inputs only."""
        return window

    def least_warmup(self, window: int) -> int:
        """The fewest true values a closed-loop rollout can be warmed on."""
        return window

    def warmup_length(self, window: int, wanted: int, available: int) -> int:
        """How many true values to warm a rollout on, given the experiment's ``wanted``
        warm-up and the ``available`` values before its origin."""
        return window

    def dense_input_shape(self, window: int) -> tuple[int, ...]:
        """A Dense MLP's input shape (before flattening)."""
        return (window, 1)

    def input_width(self, kind_is_dense: bool, window: int) -> int:
        """Values the first hidden layer reads per step."""
        return window if kind_is_dense else 1

    def time_steps(self, kind_is_dense: bool, window: int) -> int:
        """Time steps one sample runs a network through in training."""
        return 1 if kind_is_dense else window

    def prediction_passes(self, kind_is_dense: bool, window: int) -> int:
        """Time steps the inference runs for one new prediction (a recurrent network on windows
        re-runs its whole window)."""
        return 1 if kind_is_dense else window


class WindowsLayout(SampleLayout):
    """``window`` past values -> the next value."""

    name = "windows"
    label = "Windows: past values -> next"
    takes_difference = True


class SequenceLayout(SampleLayout):
    """A window -> the same window shifted by one step."""

    name = "sequence"
    label = "Sequence: window -> shifted window"
    per_step_output = True
    takes_dense = False


class StatefulLayout(SampleLayout):
    """Consecutive chunks of the series and its shifted copies; batch k holds chunk k of every
    stream, so each batch row continues its own stream's state."""

    name = "stateful"
    label = "Stateful chunks"
    carries_state = True
    per_step_output = True
    takes_dense = False

    def cut(self, values: np.ndarray, t: np.ndarray, window: int, shifts: tuple[int, ...]) -> Cut:
        return _stateful_chunks(values, window, shifts)

    def sample_count(self, length: int, window: int, streams: int) -> int:
        return (length // window) * streams

    def shortest_series(self, window: int) -> int:
        return window

    def least_warmup(self, window: int) -> int:
        return 1

    def warmup_length(self, window: int, wanted: int, available: int) -> int:
        return max(1, min(wanted, available))

    def prediction_passes(self, kind_is_dense: bool, window: int) -> int:
        return 1


class XyLayout(SampleLayout):
    """Each point's t -> its value: curve fitting, no time series."""

    name = "xy"
    label = "x -> y"
    is_time_series = False
    takes_recurrent = False

    def cut(self, values: np.ndarray, t: np.ndarray, window: int, shifts: tuple[int, ...]) -> Cut:
        return t.astype(np.float32)[:, None], values[:, None], np.arange(len(values))

    def sample_count(self, length: int, window: int, streams: int) -> int:
        return length

    def values_per_sample(self, window: int) -> int:
        return 2

    def shortest_series(self, window: int) -> int:
        return 1

    def first_target(self, window: int) -> int:
        return 0

    def least_warmup(self, window: int) -> int:
        return 0

    def warmup_length(self, window: int, wanted: int, available: int) -> int:
        return 0

    def dense_input_shape(self, window: int) -> tuple[int, ...]:
        return (1,)

    def input_width(self, kind_is_dense: bool, window: int) -> int:
        return 1

    def time_steps(self, kind_is_dense: bool, window: int) -> int:
        return 1

    def prediction_passes(self, kind_is_dense: bool, window: int) -> int:
        return 1


PLANS: dict[str, SampleLayout] = {plan.name: plan for plan in
                                  (WindowsLayout(), SequenceLayout(), StatefulLayout(), XyLayout())}


def _windows(values: np.ndarray, window: int, sequence: bool) -> Cut:
    count = len(values) - window
    if count < 1:
        raise DataError(f"samples.window = {window}: the series has only {len(values)} values; "
                          f"it needs at least {window + 1}")
    frames = np.lib.stride_tricks.sliding_window_view(values, window + 1)[:count]
    x = np.ascontiguousarray(frames[:, :window, None])
    y = np.ascontiguousarray(frames[:, 1:, None] if sequence else frames[:, window:])
    return x, y, np.arange(window, window + count)


def _stateful_chunks(values: np.ndarray, window: int, shifts: tuple[int, ...]) -> Cut:
    length = len(values)
    if length % window:
        raise DataError(f"samples.window = {window}: must divide the series length {length} for stateful chunks")
    streams = np.stack([np.roll(values, shift) for shift in shifts])
    targets = np.roll(streams, -1, axis=1)
    chunks = length // window
    # Row k * streams + s holds chunk k of stream s: batch k continues batch k-1 row by row.
    x = streams.reshape(len(shifts), chunks, window).transpose(1, 0, 2).reshape(-1, window, 1)
    y = targets.reshape(len(shifts), chunks, window).transpose(1, 0, 2).reshape(-1, window, 1)
    index = np.tile(np.arange(window, length + 1, window), (len(shifts), 1)).T.reshape(-1)
    return np.ascontiguousarray(x), np.ascontiguousarray(y), index
