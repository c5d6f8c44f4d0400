"""The trainer: one loop of epochs for the command line and the window.

:meth:`Trainer.epochs` is a generator: it trains an experiment (or continues a run) in
compiled calls (:mod:`.compiled`) and yields an :class:`~.report.EpochReport` after each
epoch, its views not computed (whoever shows it computes them, on its own thread). After
every epoch, the weights go into the run's :class:`~.snapshots.Snapshots`, a
:class:`~.divergence.DivergenceWatch` keeps the last good ones and, with early stopping, an
:class:`EarlyStop` keeps those of the lowest validation loss. Stop, pause and resume are
thread-safe and act at chunk and epoch boundaries. It knows nothing of Qt.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .compiled import PROGRAMS, CompiledEpoch, EpochResult, Feedback, bucket, pad_rows
from .costs import (
    CALL_SECONDS,
    MAX_BATCHES_PER_CALL,
    batches_per_call,
    evaluation_seconds,
    rows_per_evaluation,
    step_seconds,
)
from .data import SampleSet, Series, load_series, make_samples, validation_start
from .data_path import epoch_orders
from .divergence import DivergenceWatch
from .experiment import Experiment
from .free_running import feedback_chance
from .history import Continuation, History, TrainResult
from .models import build_model, start_from_linear_autoregression, trainable_part
from .numpy_network import NumpyNetwork
from .report import EpochReport
from .scaling import Scaler
from .snapshots import Snapshots
from .tf_runtime import tensorflow
from .validation import validate_or_raise


def _running_event() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


@dataclass(frozen=True)
class Controls:
    """The events Stop, Pause and Resume act through: ``stop`` once set ends the run,
    ``running`` is clear while a pause is requested, ``held`` is set while the run waits in
    one. Threading events by default; a training process shares flags in shared memory with
    the window (:class:`.training_process.SharedFlag`), which have the same methods."""

    stop: Any = field(default_factory=threading.Event)
    running: Any = field(default_factory=_running_event)
    held: Any = field(default_factory=threading.Event)


class TrainsEpochs:
    """What the trainers share: :meth:`run` over their :meth:`epochs`."""

    result: TrainResult | None = None

    def epochs(self) -> Iterator[EpochReport]:
        """Train, yielding each finished epoch's report; :attr:`result` holds the outcome
        once the generator is exhausted."""
        raise NotImplementedError

    def run(self, on_epoch: Callable[[EpochReport], None] | None = None) -> TrainResult:
        """Train for ``experiment.train.epochs`` epochs (fewer if stopped or diverged),
        handing each epoch's report to ``on_epoch``."""
        for report in self.epochs():
            if on_epoch is not None:
                on_epoch(report)
        assert self.result is not None
        return self.result


class Trainer(TrainsEpochs):
    """Trains one experiment, from scratch or on from a :class:`Continuation` up to
    ``experiment.train.epochs`` epochs in all. After every epoch it records the weights in
    ``snapshots`` (the continuation's, the given ones, or new ones; none when
    ``record_snapshots`` is False). Thread-safe controls: :meth:`request_stop` (honoured
    between chunks of batches), :meth:`request_pause` and :meth:`resume` (between epochs),
    through ``controls`` (its own unless given)."""

    def __init__(self, experiment: Experiment, series: Series | None = None,
                 continuation: Continuation | None = None, snapshots: Snapshots | None = None,
                 record_snapshots: bool = True, controls: Controls | None = None) -> None:
        self.series = series if series is not None else load_series(experiment.data)
        validate_or_raise(experiment, len(self.series))
        self.experiment = experiment
        self.samples: SampleSet = make_samples(self.series, experiment.samples, experiment.train.validation_fraction)
        self.continuation = continuation
        if continuation is not None:  # the scaling its model already carries
            self.scaler = NumpyNetwork.from_keras(continuation.model).scaler
        else:
            self.scaler = Scaler.fit(experiment.data.scaling, self.series.values[: self.training_end],
                                     experiment.data.non_negative)
        self.model_samples = scaled_samples(self.samples, self.scaler)
        self.snapshots: Snapshots | None = None
        if record_snapshots:
            given = continuation.snapshots if continuation and continuation.snapshots is not None else snapshots
            self.snapshots = given if given is not None else Snapshots()
        self.result: TrainResult | None = None
        controls = controls or Controls()
        self._stop, self._running, self._held = controls.stop, controls.running, controls.held

    @property
    def training_end(self) -> int:
        """Series index where the validation part begins (the length when there is none):
        the scaling is fitted on the values before it only."""
        start = validation_start(len(self.series), self.experiment.samples, self.experiment.train.validation_fraction)
        return len(self.series) if start is None else start

    @property
    def first_epoch(self) -> int:
        """The number of the first epoch this trainer runs (1 unless it continues a run)."""
        return len(self.continuation.history.loss) + 1 if self.continuation else 1

    def request_stop(self) -> None:
        """Stop after the current compiled call (about :data:`.costs.CALL_SECONDS` of work);
        the model keeps the weights trained so far."""
        self._stop.set()
        self._running.set()

    def request_pause(self) -> None:
        """Pause after the current epoch, until :meth:`resume`."""
        self._running.clear()

    def resume(self) -> None:
        """Continue a paused run."""
        self._running.set()

    @property
    def paused(self) -> bool:
        """True once a pause was requested (the run holds at the next epoch boundary)."""
        return not self._running.is_set()

    @property
    def held(self) -> bool:
        """True while the run is actually waiting for :meth:`resume`."""
        return self._held.is_set()

    def epochs(self) -> Iterator[EpochReport]:
        tf = tensorflow()
        spec = self.experiment.train
        started = time.perf_counter()
        model, history = self._starting_model()
        network = trainable_part(model)
        step = self._program()
        step.load(network.get_weights(), self.continuation.optimizer_state if self.continuation else None,
                  spec.learning_rate)
        samples = self.model_samples  # what the network between the scaling layers sees
        batches_per_epoch = math.ceil(self.samples.n_train / spec.batch_size)
        chunk, per_call, val_rows, val_length = self._call_sizes(batches_per_epoch)
        # padded to their buckets: a backtest's origins and Auto's candidates share compiled programs
        train_length = bucket(len(samples.x_train))
        x, y = tf.constant(pad_rows(samples.x_train, train_length)), tf.constant(pad_rows(samples.y_train, train_length))
        x_val, y_val = tf.constant(pad_rows(samples.x_val, val_length)), tf.constant(pad_rows(samples.y_val, val_length))
        val_count = len(samples.x_val)
        epoch = self.first_epoch
        shuffled = spec.shuffle and self.experiment.samples.plan.shuffles
        order_of_epoch = epoch_orders(self.samples.n_train, shuffled, spec.seed if epoch == 1 else [spec.seed, epoch])
        template = NumpyNetwork.from_keras(model)  # the numpy network; each epoch's weights go into a copy
        watch = DivergenceWatch(model.get_weights())  # the same arrays, in the same order, as the network's
        early = EarlyStop(spec.early_stopping)
        paused = 0.0  # time held by a pause does not count as training time
        while epoch <= spec.epochs and not watch.diverged and not self._stop.is_set() and not early.stopped:
            paused += self._hold_while_paused()
            if self._stop.is_set():
                break
            orders = [next(order_of_epoch) for _ in range(min(per_call, spec.epochs - epoch + 1))]
            feedback = self._feedback(range(epoch, epoch + len(orders)))
            call_started, paused_before = time.perf_counter(), paused
            if per_call > 1:
                results = step.train_epochs(x, y, orders, spec.batch_size, per_call, x_val, y_val, val_count, feedback)
            else:
                step.reset_states()
                epoch_losses, batches, fed_back = step.train_epoch(x, y, orders[0], spec.batch_size, chunk,
                                                                   self._stop, feedback)
                val_losses = step.evaluate(x_val, y_val, val_count, val_rows, self._stop) if val_count else None
                if batches < batches_per_epoch or (val_losses is None and val_count):
                    watch.good_weights = step.model.get_weights()
                    break  # stopped mid-epoch: the weights keep those batches, the history does not
                results = [EpochResult(epoch_losses, val_losses, step.model.get_weights(), fed_back)]
            call_seconds = time.perf_counter() - call_started
            for index, (losses, val_losses, weights, fed_back) in enumerate(results):
                # an ensemble's first loss is its mean prediction's; then each member's
                loss, val_loss = float(losses[0]), None if val_losses is None else float(val_losses[0])
                if index:  # a call's later epochs: Pause and Stop still act at each epoch boundary
                    paused += self._hold_while_paused()
                    if self._stop.is_set():
                        break
                if not watch.check(loss, val_loss, weights):
                    break
                if self.snapshots is not None:
                    self.snapshots.add(epoch, weights)
                ended = call_started + call_seconds * (index + 1) / len(results)  # epochs of a call share its time
                report = EpochReport(epoch, spec.epochs, loss, val_loss, ended - started - paused_before,
                                     template.with_weights(weights), self.experiment, self.series,
                                     member_loss=tuple(float(v) for v in losses[1:]),
                                     member_val_loss=None if val_losses is None else tuple(float(v) for v in val_losses[1:]),
                                     fed_back=fed_back)
                history.append(*report.losses)
                early.check(epoch, val_loss, weights)
                yield report
                epoch += 1
                if early.stopped:
                    break
        network.set_weights(watch.good_weights if early.weights is None else early.weights)
        if early.weights is not None and early.epoch < len(history.loss):
            history.kept = early.epoch
        refit_before = self.continuation is not None and self.continuation.history.refit is not None
        scored_by = None
        if early.weights is not None and not (self._stop.is_set() or watch.diverged or refit_before):
            refit = spec.refit_epochs(early.epoch)
            if refit:
                scored_by = (early.epoch, early.weights)
                paused = yield from self._refit(step, scored_by, refit, history, template, watch, started, paused)
                network.set_weights(watch.good_weights)
        self.result = TrainResult(model, history, self._stop.is_set(), watch.diverged,
                                  time.perf_counter() - started - paused, self.snapshots, step.optimizer_state(),
                                  early.stopped, scored_by=scored_by)

    def _refit(self, step: CompiledEpoch, kept: tuple[int, list[np.ndarray]], epochs: int, history: History,
               template: NumpyNetwork, watch: DivergenceWatch, started: float, paused: float
               ) -> Generator[EpochReport, None, float]:
        """Train on from the ``kept`` (epoch, weights) on every sample, the validation part's
        too, for ``epochs`` epochs (:attr:`~.experiment.TrainSpec.refit`), numbered after the
        history's; each report is scored by the kept epoch, which never saw the validation
        part. Returns the seconds paused so far (``paused`` and those held here)."""
        tf = tensorflow()
        spec, samples = self.experiment.train, self.model_samples
        count = len(samples.x)
        x, y = (tf.constant(pad_rows(part, bucket(count))) for part in (samples.x, samples.y))
        step.load(kept[1], step.optimizer_state(), spec.learning_rate)
        watch.good_weights = kept[1]
        scorer = (kept[0], template.with_weights(kept[1]))
        first = len(history.loss) + 1
        history.refit = (kept[0], first)
        if self.snapshots is not None:
            self.snapshots.pin(kept[0])
        batches = math.ceil(count / spec.batch_size)
        chunk = self._call_sizes(batches)[0]
        orders = epoch_orders(count, spec.shuffle and self.experiment.samples.plan.shuffles, [spec.seed, first])
        for epoch in range(first, first + epochs):
            paused += self._hold_while_paused()
            if self._stop.is_set():
                break
            step.reset_states()
            losses, done, fed_back = step.train_epoch(x, y, next(orders), spec.batch_size, chunk, self._stop,
                                                      self._feedback(range(epoch, epoch + 1), count))
            weights = step.model.get_weights()
            if done < batches:
                watch.good_weights = weights
                break  # stopped mid-epoch, as in the main loop
            if not watch.check(float(losses[0]), None, weights):
                break
            if self.snapshots is not None:
                self.snapshots.add(epoch, weights)
            report = EpochReport(epoch, first + epochs - 1, float(losses[0]), None,
                                 time.perf_counter() - started - paused, template.with_weights(weights),
                                 self.experiment, self.series, member_loss=tuple(float(v) for v in losses[1:]),
                                 fed_back=fed_back, scored_by=scorer)
            history.append(*report.losses)
            yield report
        return paused

    def _starting_model(self) -> tuple[Any, History]:
        """A new model and an empty history, or the continued run's model and a copy of its history."""
        model = self.result_model()
        if self.continuation is None:
            if self.experiment.model.highway:
                start_from_linear_autoregression(model, self.model_samples.x_train, self.model_samples.y_train)
            return model, History()
        return model, self.continuation.history.copy()

    def result_model(self) -> Any:
        """The Keras model the run's weights go into: the continued run's, or a new one
        (its starting weights drawn from the experiment's seed)."""
        if self.continuation is not None:
            return self.continuation.model
        spec = self.experiment.train
        return build_model(self.experiment.model, self.experiment.samples, spec.batch_size, seed=spec.seed,
                           scaler=self.scaler)

    def _program(self) -> CompiledEpoch:
        """The compiled training program for this experiment's shapes (shared by runs of the same)."""
        spec, samples = self.experiment.train, self.experiment.samples
        # not the weights, the learning rate or the data; free running and scheduled sampling
        # share a program (the chance of feeding back is data)
        key: tuple = (self.experiment.model, samples.layout, samples.window, self.scaler.kind, spec.batch_size,
                      spec.optimizer, spec.loss, *(("fed back", spec.horizon) if spec.passes > 1 else ()))
        return PROGRAMS.program(key, lambda: CompiledEpoch(
            trainable_part(build_model(self.experiment.model, samples, spec.batch_size, scaler=self.scaler)),
            spec.optimizer, spec.loss, repr(key), spec.passes, samples.plan.per_step_output))

    def _feedback(self, epochs: range, count: int | None = None) -> Feedback:
        """What the compiled call feeds back over ``epochs``: each one's chance
        (:func:`.free_running.feedback_chance`) and seed, and the count of samples it trains on
        (the training samples unless given)."""
        spec = self.experiment.train
        return Feedback(tuple(feedback_chance(spec, epoch) for epoch in epochs),
                        tuple((spec.seed * 7919 + epoch) % 2**31 for epoch in epochs),
                        self.samples.n_train if count is None else count)

    def _call_sizes(self, batches_per_epoch: int) -> tuple[int, int, int, int]:
        """(batches per compiled call within an epoch, epochs per call, validation rows per
        evaluation call, the validation part's padded length): each call about
        :data:`.costs.CALL_SECONDS` of work, so Stop acts within a second. Short epochs run
        several to a call (then ``per_call`` > 1). Sized from the buckets the data are padded
        to, so that similar lengths get the same shapes."""
        model, samples, spec = self.experiment.model, self.experiment.samples, self.experiment.train
        chunk = batches_per_call(model, samples, spec.batch_size, spec.passes)
        batches, validation = bucket(batches_per_epoch), bucket(len(self.samples.x_val))
        epoch = (batches * step_seconds(model, samples, spec.batch_size, spec.passes)
                 + evaluation_seconds(model, samples, validation))
        per_call = max(1, min(MAX_BATCHES_PER_CALL // batches, int(CALL_SECONDS / epoch)))
        rows = rows_per_evaluation(model, samples, validation)
        return chunk, per_call, rows, -(-validation // rows) * rows if validation else 0

    def _hold_while_paused(self) -> float:
        """Wait while a pause is requested; returns the seconds held."""
        if self._running.is_set():
            return 0.0
        self._held.set()
        held_from = time.perf_counter()
        self._running.wait()
        self._held.clear()
        return time.perf_counter() - held_from


class EarlyStop:
    """Keeps the weights of the epoch with the lowest validation loss; ``stopped`` once
    ``patience`` epochs have passed without a lower one (never, with patience 0)."""

    def __init__(self, patience: int) -> None:
        self.patience = patience
        self.best = math.inf
        self.epoch = 0
        self.weights: list[np.ndarray] | None = None
        self.stopped = False

    def check(self, epoch: int, val_loss: float | None, weights: list[np.ndarray]) -> None:
        """Note one finished epoch's validation loss and weights."""
        if not self.patience or val_loss is None:
            return
        if val_loss < self.best:
            self.best, self.epoch, self.weights = val_loss, epoch, weights
        self.stopped = epoch - self.epoch >= self.patience


def scoring_network(result: TrainResult) -> NumpyNetwork:
    """The network a run's scores on its validation part are of: its model's, or after a refit
    the kept epoch's (the refit trained on the validation part)."""
    network = NumpyNetwork.from_keras(result.model)
    return network if result.scored_by is None else network.with_weights(result.scored_by[1])


def scaled_samples(samples: SampleSet, scaler: Scaler) -> SampleSet:
    """``samples`` as the network between the scaling layers sees them (themselves when unscaled)."""
    if not scaler.active:
        return samples
    x = scaler.model_input(samples.x).astype(np.float32)
    y = scaler.model_targets(samples.x, samples.y).astype(np.float32)
    return SampleSet(x=x, y=y, n_train=samples.n_train, target_index=samples.target_index)
