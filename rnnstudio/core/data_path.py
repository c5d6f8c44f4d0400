"""The data's path: how a series becomes the samples, batches and state that training sees,
with the experiment's real numbers.

:class:`DataPath` says, from the sizes alone (no arrays are built), what the trainer does: the
shapes as Keras shows them (``(18, 25, 1)``), the training and validation parts, the batches of
each epoch in the order the trainer runs them (:func:`epoch_orders` is the trainer's own
shuffling), where each sample's inputs and targets lie in the series, and for stateful chunks
which stream sits in which batch row and where its state carries over or is reset.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .experiment import Experiment
from .text import counted

MAX_EPOCH_SHOWN = 1000  # the orders of later epochs are replayed from the first: a bound on that work
MAX_REPLAYED_VALUES = 100_000_000  # samples x epochs shuffled to reach an epoch's order


def epoch_orders(count: int, shuffled: bool, seed: int | list[int]) -> Iterator[np.ndarray]:
    """The order of the ``count`` training samples in one epoch after another: shuffled anew
    each epoch by one generator seeded with ``seed``, or in series order. The trainer takes its
    orders from here (seeded with ``train.seed`` for a run from scratch)."""
    rng = np.random.default_rng(seed)
    while True:
        order = np.arange(count, dtype=np.int32)
        if shuffled:
            rng.shuffle(order)
        yield order


@dataclass(frozen=True)
class Span:
    """Where one sample lies in the series: the series indices of its inputs and of its
    targets, and (stateful chunks) its stream."""

    sample: int
    inputs: np.ndarray
    targets: np.ndarray
    stream: int | None = None


@dataclass(frozen=True)
class Batch:
    """One optimizer step: its number in the epoch (from 1), its samples in row order, and
    whether each row starts from the state the row left in the batch before (stateful: every
    batch but the epoch's first, where states are reset to zero)."""

    number: int
    samples: np.ndarray
    carries_state: bool


@dataclass(frozen=True)
class DataPath:
    """How ``experiment`` cuts a series of ``length`` values and batches it."""

    experiment: Experiment
    length: int

    @property
    def count(self) -> int:
        """How many samples the series gives."""
        samples = self.experiment.samples
        return samples.plan.sample_count(self.length, samples.window, len(samples.stream_shifts))

    @property
    def n_train(self) -> int:
        """How many of them train (the first ones; the rest validate)."""
        return max(1, int(self.count * (1.0 - self.experiment.train.validation_fraction)))

    @property
    def streams(self) -> int:
        return len(self.experiment.samples.stream_shifts) if self.experiment.samples.plan.carries_state else 1

    @property
    def shuffled(self) -> bool:
        return self.experiment.train.shuffle and self.experiment.samples.plan.shuffles

    @property
    def input_shape(self) -> tuple[int, ...]:
        """The inputs' shape as Keras shows it: (samples, time steps, features)."""
        samples = self.experiment.samples
        return (self.count, samples.window, 1) if samples.plan.is_time_series else (self.count, 1)

    @property
    def target_shape(self) -> tuple[int, ...]:
        samples = self.experiment.samples
        return (self.count, samples.window, 1) if samples.plan.per_step_output else (self.count, 1)

    @property
    def batch_count(self) -> int:
        """Optimizer steps per epoch (a last partial batch counts)."""
        return -(-self.n_train // self.experiment.train.batch_size)

    @property
    def last_epoch_shown(self) -> int:
        """The latest epoch whose order :meth:`batches` replays (bounded work)."""
        bound = max(1, MAX_REPLAYED_VALUES // max(self.n_train, 1)) if self.shuffled else MAX_EPOCH_SHOWN
        return max(1, min(self.experiment.train.epochs, MAX_EPOCH_SHOWN, bound))

    def batches(self, epoch: int = 1) -> list[Batch]:
        """The batches of ``epoch`` (at most :attr:`last_epoch_shown`) in training order."""
        if not 1 <= epoch <= self.last_epoch_shown:
            raise ValueError(f"epoch {epoch}: from 1 to {self.last_epoch_shown}")
        orders = epoch_orders(self.n_train, self.shuffled, self.experiment.train.seed)
        order = next(orders)
        for _ in range(epoch - 1):
            order = next(orders)
        size = self.experiment.train.batch_size
        carries = self.experiment.samples.plan.carries_state
        return [Batch(k + 1, order[start : start + size], carries and k > 0)
                for k, start in enumerate(range(0, len(order), size))]

    def span(self, sample: int) -> Span:
        """Where ``sample`` lies in the series."""
        samples = self.experiment.samples
        window, plan = samples.window, samples.plan
        if not plan.is_time_series:
            return Span(sample, np.array([sample]), np.array([sample]))
        if plan.carries_state:
            chunk, stream = divmod(sample, self.streams)
            shift = samples.stream_shifts[stream]
            positions = np.arange(chunk * window, (chunk + 1) * window)
            return Span(sample, (positions - shift) % self.length, (positions + 1 - shift) % self.length, stream)
        inputs = np.arange(sample, sample + window)
        targets = inputs + 1 if plan.per_step_output else np.array([sample + window])
        return Span(sample, inputs, targets)

    def summary(self) -> list[str]:
        """What the path is, in a few lines of words and shapes."""
        samples, train = self.experiment.samples, self.experiment.train
        plan = samples.plan
        x, y = keras_shape(self.input_shape), keras_shape(self.target_shape)
        if plan.carries_state:
            chunks = self.length // samples.window
            cut = (f"{counted(self.length, 'value')} and {counted(self.streams - 1, 'copy', 'copies')} shifted by "
                   f"{', '.join(str(s) for s in samples.stream_shifts[1:]) or '-'}: {counted(self.streams, 'stream')} "
                   f"of {counted(chunks, 'chunk')} of {samples.window} steps -> x {x}, y {y} (each step's next value)")
        elif plan.is_time_series:
            what = "the same window one step later" if plan.per_step_output else "the next value"
            cut = (f"{counted(self.length, 'value')} -> {counted(self.count, 'window')} of {samples.window} "
                   f"-> x {x}, y {y} ({what})")
        else:
            cut = f"{counted(self.length, 'point')} -> x {x} (t), y {y} (its value)"
        held = self.count - self.n_train
        split = (f"{self.n_train} for training, the last {held} for validation (unshuffled)" if held
                 else f"all {self.n_train} for training")
        size = train.batch_size
        last = self.n_train - (self.batch_count - 1) * size
        batches = (f"{counted(self.batch_count, 'batch', 'batches')} of {size}"
                   + (f" (the last of {last})" if last != size else "")
                   + (", shuffled anew each epoch" if self.shuffled else ", in series order"))
        if plan.carries_state:
            batches += (": batch k holds chunk k of every stream, so each row carries its state to the next batch; "
                        "states are reset to zero at each epoch's start")
        return [cut, split, batches]


def keras_shape(shape: tuple[int, ...]) -> str:
    """A shape as Keras prints it: ``(18, 25, 1)``."""
    return "(" + ", ".join(str(n) for n in shape) + ")"
