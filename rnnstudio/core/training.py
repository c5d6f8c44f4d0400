"""The trainer: runs an experiment epoch by epoch, fast, and reports each epoch.

Plain ``model.fit`` spends most of its time on per-batch framework overhead for models this
small. Here up to 64 batches are one XLA computation: several short epochs to a call (each
epoch's loss, val_loss and weights come out of it), or a long epoch in chunks; data stay
tensors, and the same Keras model, optimizer and loss do the maths. Compiled programs are
kept for the process and shared by runs of the same shapes (:class:`ProgramCache`).
After each epoch the trainer hands ``on_epoch`` an :class:`EpochReport` of plain numpy
copies: losses, one-step predictions, a closed-loop rollout with per-step states, computed
by :mod:`rnnstudio.core.inference` from the trained weights. It knows nothing of Qt.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from .data import SampleSet, Series, load_series, make_samples, validation_start
from .experiment import Experiment, validate_or_raise
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
from .models import build_model, trainable_part
from .scaling import Scaler
from .snapshots import Snapshots
from . import stored_traces
from .tf_runtime import portable_tracing, tensorflow

MAX_HIDDEN_POINTS = 2000


@dataclass(frozen=True)
class EpochReport:
    """What one finished epoch looks like.

    It holds a numpy copy of the weights at that epoch (``network``); the predictions,
    rollout and states are computed from them on first access and cached, so a report that
    nobody looks at costs almost nothing. Call :meth:`materialize` to compute them up front
    (in a worker thread, say). ``hidden`` is a Dense MLP's hidden activations
    (points, layers, units) at series indices ``hidden_index``; recurrent models put their
    states in ``rollout``.
    """

    epoch: int
    epochs: int
    loss: float
    val_loss: float | None
    seconds: float
    network: NumpyNetwork
    experiment: Experiment
    series: Series

    @classmethod
    def from_model(cls, experiment: Experiment, series: Series, model: Any, epoch: int,
                   loss: float, val_loss: float | None, seconds: float = 0.0) -> EpochReport:
        """A report on ``model`` as it is now (after an epoch, or reopened from a file)."""
        return cls(epoch, experiment.train.epochs, loss, val_loss, seconds,
                   NumpyNetwork.from_keras(model), experiment, series)

    def materialize(self) -> EpochReport:
        """Compute every lazy field the plots draw now; returns self. (The scores are left to
        whoever shows them: the window computes them only while its Scores tab is visible.)"""
        _ = self.one_step, self.rollout, self.hidden, self.forecast
        return self

    @cached_property
    def forecast(self) -> Forecast | None:
        """The closed loop past the end of the series (``rollout.forecast`` steps)."""
        return forecast(self.network, self.experiment, self.series, self.experiment.rollout.forecast)

    @cached_property
    def evaluation(self) -> Evaluation | None:
        """Scores in the data's units beside the baselines, on the held-out tail."""
        return evaluate(self.network, self.experiment, self.series)

    @cached_property
    def one_step(self) -> OneStepPredictions:
        samples = self.experiment.samples
        return one_step_predictions(self.network, self.series.values, self.series.t, samples,
                                    last=one_step_budget(self.experiment.model, samples))

    @cached_property
    def rollout(self) -> RolloutTrace | None:
        if not (self.network.recurrent or self.experiment.samples.layout == "windows"):
            return None
        spec = self.experiment.rollout
        warmup = self.series.values[spec.start : spec.start + spec.warmup]
        return closed_loop_rollout(self.network, self.experiment.samples, warmup, spec.steps, spec.start)

    @cached_property
    def hidden_index(self) -> np.ndarray | None:
        if self.network.recurrent:
            return None
        stride = max(1, len(self.series) // MAX_HIDDEN_POINTS)
        index = np.arange(0, len(self.series), stride)
        if self.experiment.samples.layout == "windows":
            index = index[index >= self.experiment.samples.window]
        return index

    @cached_property
    def hidden(self) -> np.ndarray | None:
        index = self.hidden_index
        if index is None:
            return None
        if self.experiment.samples.layout == "xy":
            return hidden_activations(self.network, self.series.t[index, None])[1]
        window = self.experiment.samples.window
        frames = np.stack([self.series.values[i - window : i] for i in index])[:, :, None]
        return hidden_activations(self.network, model_input(self.network, frames))[1]


@dataclass
class History:
    """Loss per finished epoch (and val_loss, None where there is no validation data)."""

    loss: list[float] = field(default_factory=list)
    val_loss: list[float | None] = field(default_factory=list)

    def to_dict(self) -> dict[str, list]:
        return {"loss": list(self.loss), "val_loss": list(self.val_loss)}

    @classmethod
    def from_dict(cls, raw: dict[str, list]) -> History:
        return cls(loss=[float(v) for v in raw["loss"]],
                   val_loss=[None if v is None else float(v) for v in raw["val_loss"]])


@dataclass
class TrainResult:
    """The outcome of :meth:`Trainer.run`: the whole history (with any epochs it continued
    from), the snapshots recorded (None when recording was off) and the optimizer's state
    for a later :class:`Continuation`."""

    model: Any
    history: History
    stopped: bool
    diverged: bool
    seconds: float
    snapshots: Snapshots | None = None
    optimizer_state: OptimizerState | None = None

    @property
    def epochs_run(self) -> int:
        return len(self.history.loss)


@dataclass
class Continuation:
    """Where an earlier run left off. ``optimizer_state`` is None when the run came from a
    file: training then starts a fresh optimizer."""

    model: Any
    history: History
    snapshots: Snapshots | None = None
    optimizer_state: OptimizerState | None = None


class Trainer:
    """Trains one experiment, from scratch or on from a :class:`Continuation` up to
    ``experiment.train.epochs`` epochs in all. After every epoch it records the weights in
    ``snapshots`` (the continuation's, the given ones, or new ones; none when
    ``record_snapshots`` is False). Thread-safe controls: :meth:`request_stop` (honoured
    between batches), :meth:`request_pause` and :meth:`resume` (honoured between epochs)."""

    def __init__(self, experiment: Experiment, series: Series | None = None,
                 continuation: Continuation | None = None, snapshots: Snapshots | None = None,
                 record_snapshots: bool = True) -> None:
        self.series = series if series is not None else load_series(experiment.data)
        validate_or_raise(experiment, len(self.series))
        self.experiment = experiment
        self.samples: SampleSet = make_samples(self.series, experiment.samples, experiment.train.validation_fraction)
        self.continuation = continuation
        if continuation is not None:  # the scaling its model already carries
            self.scaler = NumpyNetwork.from_keras(continuation.model).scaler
        else:
            self.scaler = Scaler.fit(experiment.data.scaling, self.series.values[: self.training_end])
        self.model_samples = scaled_samples(self.samples, self.scaler)
        self.snapshots: Snapshots | None = None
        if record_snapshots:
            given = continuation.snapshots if continuation and continuation.snapshots is not None else snapshots
            self.snapshots = given if given is not None else Snapshots()
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._held = threading.Event()

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
        """Stop after the current chunk of batches (at most :data:`CHUNK_BATCHES`, tens of
        milliseconds); the model keeps the weights trained so far."""
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

    def run(self, on_epoch: Callable[[EpochReport], None] | None = None) -> TrainResult:
        """Train for ``experiment.train.epochs`` epochs (fewer if stopped or diverged)."""
        tf = tensorflow()
        spec = self.experiment.train
        started = time.perf_counter()
        continuation = self.continuation
        if continuation is None:
            model = build_model(self.experiment.model, self.experiment.samples, spec.batch_size, seed=spec.seed,
                                scaler=self.scaler)
            history = History()
        else:
            model = continuation.model
            history = History(list(continuation.history.loss), list(continuation.history.val_loss))
        network = trainable_part(model)
        key = self._program_key()
        step = PROGRAMS.program(key, lambda: CompiledEpoch(
            trainable_part(build_model(self.experiment.model, self.experiment.samples, spec.batch_size,
                                       scaler=self.scaler)), spec.optimizer, spec.loss, repr(key)))
        step.load(network.get_weights(), continuation.optimizer_state if continuation else None, spec.learning_rate)
        samples = self.model_samples  # what the network between the scaling layers sees
        x, y = tf.constant(samples.x_train), tf.constant(samples.y_train)
        x_val, y_val = tf.constant(samples.x_val), tf.constant(samples.y_val)
        first = self.first_epoch
        rng = np.random.default_rng(spec.seed if first == 1 else [spec.seed, first])
        template = NumpyNetwork.from_keras(model)  # the numpy network; each epoch's weights go into a copy
        good_weights = weights = model.get_weights()  # the same arrays, in the same order, as the network's
        diverged = False
        paused = 0.0  # time held by a pause does not count as training time
        batches_per_epoch = math.ceil(self.samples.n_train / spec.batch_size)
        per_call = max(1, CHUNK_BATCHES // batches_per_epoch)  # short epochs: several in one compiled call
        epoch = first
        while epoch <= spec.epochs and not diverged and not self._stop.is_set():
            paused += self._hold_while_paused()
            if self._stop.is_set():
                break
            orders = [self._order(rng) for _ in range(min(per_call, spec.epochs - epoch + 1))]
            call_started, paused_before = time.perf_counter(), paused
            if per_call > 1:
                results = step.train_epochs(x, y, orders, spec.batch_size, per_call, x_val, y_val)
            else:
                step.reset_states()
                loss, batches = step.train_epoch(x, y, orders[0], spec.batch_size, self._stop)
                weights = step.model.get_weights()
                if batches < batches_per_epoch:
                    break  # stopped mid-epoch: the weights keep those batches, the history does not
                results = [(loss, step.evaluate(x_val, y_val) if len(samples.x_val) else None, weights)]
            call_seconds = time.perf_counter() - call_started
            for index, (loss, val_loss, epoch_weights) in enumerate(results):
                if index:  # a call's later epochs: Pause and Stop still act at each epoch boundary
                    paused += self._hold_while_paused()
                    if self._stop.is_set():
                        break
                if not math.isfinite(loss) or (val_loss is not None and not math.isfinite(val_loss)):
                    weights, diverged = good_weights, True
                    break
                weights = good_weights = epoch_weights
                if self.snapshots is not None:
                    self.snapshots.add(epoch, weights)
                history.loss.append(loss)
                history.val_loss.append(val_loss)
                if on_epoch is not None:
                    ended = call_started + call_seconds * (index + 1) / len(results)  # epochs of a call share its time
                    on_epoch(EpochReport(epoch, spec.epochs, loss, val_loss, ended - started - paused_before,
                                         template.with_weights(weights), self.experiment, self.series))
                epoch += 1
        network.set_weights(weights)
        return TrainResult(model, history, self._stop.is_set(), diverged, time.perf_counter() - started - paused,
                           self.snapshots, step.optimizer_state())

    def _hold_while_paused(self) -> float:
        """Wait while a pause is requested; returns the seconds held."""
        if self._running.is_set():
            return 0.0
        self._held.set()
        held_from = time.perf_counter()
        self._running.wait()
        self._held.clear()
        return time.perf_counter() - held_from

    def _order(self, rng: np.random.Generator) -> np.ndarray:
        """The order of the training samples for one epoch (shuffled unless stateful)."""
        order = np.arange(self.samples.n_train, dtype=np.int32)
        if self.experiment.train.shuffle and self.experiment.samples.layout != "stateful":
            rng.shuffle(order)
        return order

    def _program_key(self) -> tuple:
        """What a compiled training program depends on: the network, its input, the batch
        and the optimizer kind (not the weights, the learning rate or the data)."""
        spec, samples = self.experiment.train, self.experiment.samples
        return (self.experiment.model, samples.layout, samples.window, self.scaler.kind, spec.batch_size,
                spec.optimizer, spec.loss)


def scaled_samples(samples: SampleSet, scaler: Scaler) -> SampleSet:
    """``samples`` as the network between the scaling layers sees them (themselves when unscaled)."""
    if not scaler.active:
        return samples
    x = scaler.model_input(samples.x).astype(np.float32)
    y = scaler.model_targets(samples.x, samples.y).astype(np.float32)
    return SampleSet(x=x, y=y, n_train=samples.n_train, target_index=samples.target_index)


CHUNK_BATCHES = 64  # batches per compiled call: a few to tens of ms here, so Stop acts at once


@dataclass
class OptimizerState:
    """An optimizer's variables (step count, momentum and the like) as arrays, in order."""

    values: list[np.ndarray]
    iterations: int


class ProgramCache:
    """Compiled training programs kept for the life of the process, by what they depend on.

    A run of the same network shapes as an earlier one reuses its compiled functions: no new
    tracing or XLA compiling, and no new graphs left behind (each compile costs ~14 MB that
    TensorFlow never gives back). The least recently used of more than ``limit`` is dropped."""

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self._programs: OrderedDict[tuple, CompiledEpoch] = OrderedDict()
        self._lock = threading.Lock()

    def program(self, key: tuple, make: Callable[[], CompiledEpoch]) -> CompiledEpoch:
        """The program for ``key``, made with ``make()`` the first time."""
        with self._lock:
            program = self._programs.pop(key, None) or make()
            self._programs[key] = program
            while len(self._programs) > self.limit:
                self._programs.popitem(last=False)
            return program


class CompiledEpoch:
    """Training compiled with XLA (:meth:`train_epoch`: one epoch in chunks of batches;
    :meth:`train_epochs`: several short epochs in one call), on a network of its own:
    :meth:`load` puts a run's weights and optimizer state into it."""

    def __init__(self, model: Any, optimizer: str, loss: str, names: str) -> None:
        """``names``: what the program is (network, layout, optimizer, loss...), so that its
        traced functions get the same names in every process, XLA's disk cache finds them
        (see :func:`tf_runtime.portable_tracing`) and its stored traces are its own."""
        import keras
        import tensorflow as tf

        self.model = model
        self._names = names
        self.optimizer = make_optimizer(optimizer, 0.001)
        self.optimizer.build(model.trainable_variables)
        self.loss_fn = keras.losses.get(loss)
        self._stateful_layers = [layer for layer in model.layers if getattr(layer, "stateful", False)]
        # autograph=False: the loops are written as tf.while_loop, and transpiling the Python
        # source would cost ~0.5 s on every first run
        self._step = tf.function(self._step_graph, jit_compile=True, reduce_retracing=True, autograph=False)
        self._train = tf.function(self._train_graph, jit_compile=True, autograph=False)
        self._epochs = tf.function(self._epochs_graph, jit_compile=True, autograph=False)
        self._evaluate = tf.function(self._evaluate_graph, autograph=False)
        # every variable a trace may capture, in an order that is the same in every process
        self._variables = [*model.variables, *self.optimizer.variables,
                           *(state for layer in self._stateful_layers for state in layer.states)]
        self._traced: dict[tuple, Callable[[list[Any]], list[Any]]] = {}

    def load(self, weights: list[np.ndarray], state: OptimizerState | None, learning_rate: float) -> None:
        """Start from ``weights`` with the optimizer at ``state`` (None: a fresh optimizer)."""
        self.model.set_weights(weights)
        values = state.values if state is not None else [None] * len(self.optimizer.variables)
        for variable, value in zip(self.optimizer.variables, values):
            variable.assign(np.zeros(variable.shape, variable.dtype) if value is None else value)
        self.optimizer.learning_rate = learning_rate

    def optimizer_state(self) -> OptimizerState:
        """The optimizer's variables now, to continue from later."""
        return OptimizerState([np.array(variable) for variable in self.optimizer.variables],
                              int(self.optimizer.iterations.numpy()))

    def reset_states(self) -> None:
        """Zero the state of stateful layers (at every epoch start)."""
        for layer in self._stateful_layers:
            layer.reset_state()

    def train_epoch(self, x: Any, y: Any, order: np.ndarray, batch_size: int,
                    stop: threading.Event) -> tuple[float, int]:
        """Train on the samples in ``order``, in compiled calls of :data:`CHUNK_BATCHES`
        batches, checking ``stop`` between calls; returns (mean loss over samples, batches run).

        A last partial chunk is padded with empty batches (skipped inside the call), so every
        call has the same shapes and XLA compiles it once.
        """
        orders, weights = _batches(order, batch_size)
        count = len(orders)
        chunk = min(count, CHUNK_BATCHES)
        orders, weights = _pad(orders, weights, -count % chunk)
        total = seen = 0.0
        batches = 0
        for start in range(0, count, chunk):
            if stop.is_set():
                break
            chunk_total, chunk_seen = self._call(self._train, x, y, orders[start : start + chunk],
                                                 weights[start : start + chunk])
            total += float(chunk_total)
            seen += float(chunk_seen)
            batches += min(chunk, count - start)
        return (total / seen if seen else float("nan")), batches

    def train_epochs(self, x: Any, y: Any, orders: list[np.ndarray], batch_size: int, slots: int,
                     x_val: Any, y_val: Any) -> list[tuple[float, float | None, list[np.ndarray]]]:
        """Train one epoch per order in ``orders`` (at most ``slots``) in ONE compiled call,
        stateful layers reset at each epoch's start; returns each epoch's (loss, val_loss or
        None, weights). Missing epochs up to ``slots`` are empty (nothing trains), so every
        call has the same shapes."""
        batched = [_batches(order, batch_size) for order in orders]
        empty = np.zeros_like(batched[0][0]), np.zeros_like(batched[0][1])
        batched += [empty] * (slots - len(batched))
        losses, val_losses, *weights = (output.numpy() for output in self._call(
            self._epochs, x, y, np.stack([b[0] for b in batched]), np.stack([b[1] for b in batched]), x_val, y_val))
        validated = int(x_val.shape[0]) > 0
        return [(float(losses[e]), float(val_losses[e]) if validated else None, [w[e] for w in weights])
                for e in range(len(orders))]

    def evaluate(self, x: Any, y: Any) -> float:
        """Mean loss on ``(x, y)`` without training."""
        return float(self._call(self._evaluate, x, y)[0])

    def _call(self, function: Any, *args: Any) -> list[Any]:
        """Run tf.function ``function`` on ``args``; its flat outputs. The first call for
        each shape of ``args`` takes its trace from disk, or traces it and stores it there."""
        import tensorflow as tf

        args = [tf.convert_to_tensor(arg) for arg in args]
        signature = (function.python_function.__name__, *((tuple(arg.shape), arg.dtype.name) for arg in args))
        traced = self._traced.get(signature)
        if traced is None:
            traced = self._traced[signature] = self._trace(function, args, repr(signature))
        return traced(args)

    def _trace(self, function: Any, args: list[Any], signature: str) -> Callable[[list[Any]], list[Any]]:
        """``function`` on ``args``' shapes, ready to call: a stored trace, or a new one."""
        import tensorflow as tf

        key = stored_traces.trace_key(self._names, signature)
        stored = stored_traces.load(key)
        if stored is not None and stored.fits(self._variables):
            if stored.install():
                return lambda call_args: stored.call(call_args, self._variables)
            signature += "|afresh"  # what TensorFlow took before refusing may hold the usual names
        with portable_tracing(f"{self._names}|{signature}"):
            concrete = function.get_concrete_function(*args)
        trace = stored_traces.Trace.of(concrete, self._variables)
        if trace is None:  # it captured more than variables: it cannot be stored
            return lambda call_args: tf.nest.flatten(concrete(*call_args))
        stored_traces.store(key, trace)
        trace.install()  # so the functions outlive ``concrete``
        return lambda call_args: trace.call(call_args, self._variables)

    def _train_graph(self, x: Any, y: Any, orders: Any, weights: Any) -> tuple[Any, Any]:
        """A chunk of batches, all in one XLA computation; empty batches (all weights 0) are skipped."""
        import tensorflow as tf

        def batch_step(batch: Any, total: Any, seen: Any) -> tuple[Any, Any, Any]:
            index, weight = orders[batch], weights[batch]
            size = tf.reduce_sum(weight)
            loss = tf.cond(size > 0, lambda: self._step(tf.gather(x, index), tf.gather(y, index), weight),
                           lambda: tf.constant(0.0))
            return batch + 1, total + loss * size, seen + size

        _, total, seen = tf.while_loop(lambda batch, *_: batch < tf.shape(orders)[0], batch_step,
                                       (tf.constant(0), tf.constant(0.0), tf.constant(0.0)))
        return total, seen

    def _epochs_graph(self, x: Any, y: Any, orders: Any, weights: Any, x_val: Any, y_val: Any) -> tuple:
        """Several epochs in one XLA computation: per epoch its loss, val_loss and weights."""
        import tensorflow as tf

        slots = orders.shape[0]
        variables = self.model.weights

        def epoch_step(epoch: Any, losses: Any, val_losses: Any, records: list) -> tuple:
            for layer in self._stateful_layers:
                layer.reset_state()
            total, seen = self._train_graph(x, y, orders[epoch], weights[epoch])
            val_loss = self._evaluate_graph(x_val, y_val)[0] if x_val.shape[0] else tf.constant(0.0)
            with tf.control_dependencies([total, val_loss]):  # the weights after this epoch's steps
                records = [record.write(epoch, variable.value) for record, variable in zip(records, variables)]
            return (epoch + 1, losses.write(epoch, total / tf.maximum(seen, 1.0)),
                    val_losses.write(epoch, val_loss), records)

        start = (tf.constant(0), tf.TensorArray(tf.float32, size=slots), tf.TensorArray(tf.float32, size=slots),
                 [tf.TensorArray(variable.dtype, size=slots) for variable in variables])
        _, losses, val_losses, records = tf.while_loop(lambda epoch, *_: epoch < slots, epoch_step, start)
        return (losses.stack(), val_losses.stack(), *(record.stack() for record in records))

    def _step_graph(self, x_batch: Any, y_batch: Any, weight: Any) -> Any:
        """One optimizer step on one batch, compiled with XLA (the bulk of the speed-up).
        The loss is the mean over the samples of nonzero ``weight``."""
        import tensorflow as tf

        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(weight * self._per_sample_loss(y_batch, self.model(x_batch, training=True)))
            loss = loss / tf.reduce_sum(weight)
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    def _per_sample_loss(self, y_true: Any, y_pred: Any) -> Any:
        import tensorflow as tf

        per_value = self.loss_fn(y_true, y_pred)
        return tf.reduce_mean(tf.reshape(per_value, [tf.shape(per_value)[0], -1]), axis=1)

    def _evaluate_graph(self, x: Any, y: Any) -> Any:
        import tensorflow as tf

        return (tf.reduce_mean(self.loss_fn(y, self.model(x, training=False))),)


PROGRAMS = ProgramCache()


def _batches(order: np.ndarray, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """``order`` as (batches, batch_size) sample indices and weights; a last partial batch is
    padded with zero-weight samples, so every step has the same shape."""
    padding = -len(order) % batch_size
    weights = np.concatenate([np.ones(len(order), np.float32), np.zeros(padding, np.float32)])
    orders = np.concatenate([order, np.zeros(padding, order.dtype)])
    return orders.reshape(-1, batch_size), weights.reshape(-1, batch_size)


def _pad(orders: np.ndarray, weights: np.ndarray, empty: int) -> tuple[np.ndarray, np.ndarray]:
    """``empty`` more batches that train nothing (all weights 0)."""
    return (np.concatenate([orders, np.zeros((empty, orders.shape[1]), orders.dtype)]),
            np.concatenate([weights, np.zeros((empty, weights.shape[1]), np.float32)]))

HIGH_LEARNING_RATES = {"sgd": 0.1, "adam": 0.05, "rmsprop": 0.05, "adagrad": 0.5}


def divergence_cause(experiment: Experiment, series: Series) -> str:
    """The likely reason a run's loss became NaN or infinite, from what it saw."""
    reasons = []
    largest = float(np.max(np.abs(series.values))) if len(series) else 0.0
    if experiment.data.scaling == "none" and largest > 10:
        reasons.append(f"the data reach {largest:.4g} but are not scaled (tanh units work near -1 to 1): "
                       "choose Scaling: standard")
    train = experiment.train
    if train.learning_rate >= HIGH_LEARNING_RATES.get(train.optimizer, 0.1):
        reasons.append(f"the learning rate {train.learning_rate:g} is high for {train.optimizer}: "
                       f"try {train.learning_rate / 10:g}")
    return "; ".join(reasons) or "try a smaller learning rate, or scaling the data"


def make_optimizer(name: str, learning_rate: float) -> Any:
    """A Keras optimizer by its experiment name, with Keras's default other settings."""
    import keras

    classes = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD,
               "rmsprop": keras.optimizers.RMSprop, "adagrad": keras.optimizers.Adagrad}
    return classes[name](learning_rate=learning_rate)
