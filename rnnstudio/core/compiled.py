"""The compiled training programs and their cache.

Plain ``model.fit`` spends most of its time on per-batch framework overhead for models this
small. Here many batches are one XLA computation, each call about a quarter of a second of
work as :mod:`.costs` prices it (so Stop acts between calls within a second): several short
epochs to a call (each epoch's loss, val_loss and weights come out of it), or a long epoch in
chunks; a long validation loss is computed in chunks too. Data stay tensors, and the same
Keras model, optimizer and loss do the maths.
A seed ensemble's members train side by side in the same calls, each on its own error (see
:meth:`CompiledEpoch.loss_columns`): K branches of Keras's own layers in one program. (One
network K times as wide, masked block-diagonal, and a custom layer computing all members in
batched products were measured too: on these sizes XLA's cost on the CPU follows the
arithmetic, so none made five members cost less than 3.5x one.) Compiled programs are kept
for the process and shared by runs of the same shapes (:class:`ProgramCache`). A traced
program is stored on disk and loaded by later processes when the fast path of
:mod:`.fast_start` is available; otherwise plain ``tf.function`` traces it, with the same
results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from . import fast_start, free_running, stored_traces
from .history import OptimizerState


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


class EpochResult(NamedTuple):
    """One epoch of a compiled call: its losses (see :attr:`CompiledEpoch.loss_columns`), its
    validation losses (None without a validation part), the weights after it, and the share of
    inputs that were the network's own predictions (None when it trained on the truth alone)."""

    losses: np.ndarray
    val_losses: np.ndarray | None
    weights: list[np.ndarray]
    fed_back: float | None


@dataclass(frozen=True)
class Feedback:
    """What a call feeds back (:mod:`.free_running`): for each of its epochs the chance that an
    input is the network's own prediction and a seed for the coin flips; ``count``: the training
    samples (targets past them do not count)."""

    chances: tuple[float, ...] = (0.0,)
    seeds: tuple[int, ...] = (0,)
    count: int = 0

    def arguments(self, epoch: int, batch: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The compiled chunk's (chance, seed, count) for ``epoch`` of the call, its chunk
        starting at ``batch`` (each chunk draws its own coins)."""
        return (np.asarray(self.chances[epoch], np.float32), np.asarray((self.seeds[epoch] + batch) % 2**31, np.int32),
                np.asarray(self.count, np.int32))

    def per_epoch(self, slots: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(chances, seeds, count) for a call of ``slots`` epochs; missing epochs train nothing."""
        missing = slots - len(self.chances)
        return (np.asarray([*self.chances, *[0.0] * missing], np.float32),
                np.asarray([*self.seeds, *[0] * missing], np.int32), np.asarray(self.count, np.int32))


class CompiledEpoch:
    """Training compiled with XLA (:meth:`train_epoch`: one epoch in chunks of batches;
    :meth:`train_epochs`: several short epochs in one call), on a network of its own:
    :meth:`load` puts a run's weights and optimizer state into it."""

    def __init__(self, model: Any, optimizer: str, loss: str, names: str, horizon: int = 1,
                 sequence: bool = False) -> None:
        """``names``: what the program is (network, layout, optimizer, loss...), so that its
        traced functions get the same names in every process, XLA's disk cache finds them
        (see :func:`fast_start.portable_tracing`) and its stored traces are its own.
        ``horizon`` > 1: the network is trained on its own predictions over that many steps
        (:mod:`.free_running`), of windows or (``sequence``) of shifted sequences."""
        import keras
        import tensorflow as tf

        self.model = model
        self.horizon = horizon
        self._sequence = sequence
        self.members = int(model.outputs[0].shape[-1])  # an ensemble's network gives one output per member
        self._names = names
        # what the traced graph is made of, as Keras describes it: a stored trace of another network never fits
        self.optimizer = make_optimizer(optimizer, 0.001)
        self._structure = model.to_json() + repr(sorted(self.optimizer.get_config().items()))
        self.optimizer.build(model.trainable_variables)
        self.loss_fn = keras.losses.get(loss)
        self._stateful_layers = [layer for layer in model.layers if getattr(layer, "stateful", False)]
        # autograph=False: the loops are written as tf.while_loop, and transpiling the Python
        # source would cost ~0.5 s on every first run
        self._step = tf.function(self._step_graph, jit_compile=True, reduce_retracing=True, autograph=False)
        self._fed_step = tf.function(self._fed_step_graph, jit_compile=True, reduce_retracing=True, autograph=False)
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

    @property
    def loss_columns(self) -> int:
        """How many losses each call gives: one for a single network; for an ensemble of K, the
        loss of the members' mean prediction and then each member's own (K + 1)."""
        return 1 if self.members == 1 else self.members + 1

    def train_epoch(self, x: Any, y: Any, order: np.ndarray, batch_size: int, chunk: int,
                    stop: threading.Event, feedback: Feedback) -> tuple[np.ndarray, int, float | None]:
        """Train on the samples in ``order``, in compiled calls of ``chunk`` batches, checking
        ``stop`` between calls; returns (mean losses over samples, one per
        :attr:`loss_columns`, the batches run, and the share of inputs that were the network's
        own predictions: None when it trains on the truth alone).

        A last partial chunk is padded with empty batches (skipped inside the call), so every
        call has the same shapes and XLA compiles it once.
        """
        orders, weights = _batches(order, batch_size)
        count = len(orders)
        chunk = min(bucket(count), chunk)
        orders, weights = _pad(orders, weights, -count % chunk)
        total = np.zeros(self.loss_columns)
        seen, fed = 0.0, np.zeros(2)
        batches = 0
        for start in range(0, count, chunk):
            if stop.is_set():
                break
            chunk_total, chunk_seen, chunk_fed = self._call(
                self._train, x, y, orders[start : start + chunk], weights[start : start + chunk],
                *feedback.arguments(0, start))
            total += np.asarray(chunk_total, dtype=np.float64)
            seen += float(chunk_seen)
            fed += np.asarray(chunk_fed, dtype=np.float64)
            batches += min(chunk, count - start)
        return (total / seen if seen else np.full(self.loss_columns, np.nan)), batches, _share(fed)

    def train_epochs(self, x: Any, y: Any, orders: list[np.ndarray], batch_size: int, slots: int,
                     x_val: Any, y_val: Any, val_count: int, feedback: Feedback) -> list[EpochResult]:
        """Train one epoch per order in ``orders`` (at most ``slots``) in ONE compiled call,
        stateful layers reset at each epoch's start; returns each epoch's
        :class:`EpochResult`, the losses as :attr:`loss_columns` says. Missing epochs up to
        ``slots`` are empty (nothing trains), so every call has the same shapes; the batches
        are padded to :func:`bucket`'s count, and the validation loss is over the first
        ``val_count`` rows of ``x_val`` (the rest pads it to its bucket)."""
        batched = [_batches(order, batch_size) for order in orders]
        batched = [_pad(*b, bucket(len(b[0])) - len(b[0])) for b in batched]  # one shape for similar lengths
        empty = np.zeros_like(batched[0][0]), np.zeros_like(batched[0][1])
        batched += [empty] * (slots - len(batched))
        chances, seeds, count = feedback.per_epoch(slots)
        losses, val_losses, fed, *weights = (output.numpy() for output in self._call(
            self._epochs, x, y, np.stack([b[0] for b in batched]), np.stack([b[1] for b in batched]), x_val, y_val,
            np.asarray(val_count, np.int32), chances, seeds, count))
        validated = val_count > 0
        return [EpochResult(losses[e].astype(np.float64), val_losses[e].astype(np.float64) if validated else None,
                            [w[e] for w in weights], _share(fed[e])) for e in range(len(orders))]

    def evaluate(self, x: Any, y: Any, count: int, rows: int, stop: threading.Event) -> np.ndarray | None:
        """Mean losses on the first ``count`` rows of ``(x, y)`` without training (as
        :attr:`loss_columns` says), in compiled calls of ``rows`` rows (``x`` holds a whole
        number of them: the rows past ``count`` pad it); None when ``stop`` was set before the last."""
        total = np.zeros(self.loss_columns)
        for start in range(0, count, rows):
            if stop.is_set():
                return None
            whole = rows >= int(x.shape[0])  # one call on the tensors as they are, no copy
            part_x, part_y = (x, y) if whole else (x[start : start + rows], y[start : start + rows])
            used = min(rows, count - start)
            losses = self._call(self._evaluate, part_x, part_y, np.asarray(used, np.int32))[0]
            total += np.asarray(losses, dtype=np.float64) * used
        return total / max(count, 1)

    def _call(self, function: Any, *args: Any) -> list[Any]:
        """Run tf.function ``function`` on ``args``; its flat outputs. The first call for
        each shape of ``args`` takes its trace from disk, or traces it (and stores it there)
        on the fast path; if the fast path fails, on the plain one."""
        import tensorflow as tf

        tensors = [tf.convert_to_tensor(arg) for arg in args]
        signature = (function.python_function.__name__, *((tuple(t.shape), t.dtype.name) for t in tensors))
        traced = self._traced.get(signature)
        if traced is not None:
            return traced(tensors)
        if fast_start.available():
            try:
                traced, store = self._fast_trace(function, tensors, repr(signature))
                outputs = traced(tensors)
                store()  # only a trace that ran is kept
                self._traced[signature] = traced
                return outputs
            except Exception as error:
                fast_start.give_up(f"{type(error).__name__}: {error}")
        concrete = function.get_concrete_function(*tensors)
        traced = self._traced[signature] = lambda call_args: tf.nest.flatten(concrete(*call_args))
        return traced(tensors)

    def _fast_trace(self, function: Any, args: list[Any], signature: str
                    ) -> tuple[Callable[[list[Any]], list[Any]], Callable[[], None]]:
        """``function`` on ``args``' shapes, ready to call (a stored trace, or one traced
        portably now), and what stores a new trace once it has run."""
        import tensorflow as tf

        key = stored_traces.trace_key(self._names, self._structure, signature)
        stored = stored_traces.load(key)
        if stored is not None and stored.fits(self._variables):
            if stored.install():
                return (lambda call_args: stored.call(call_args, self._variables)), lambda: None
            signature += "|afresh"  # what TensorFlow took before refusing may hold the usual names
        sources: set[str] = set()
        with fast_start.portable_tracing(f"{self._names}|{signature}", sources):
            concrete = function.get_concrete_function(*args)
        trace = stored_traces.Trace.of(concrete, self._variables, sources)
        if trace is None:  # it captured more than variables: it cannot be stored
            return (lambda call_args: tf.nest.flatten(concrete(*call_args))), lambda: None
        trace.install()  # so the functions outlive ``concrete``
        return (lambda call_args: trace.call(call_args, self._variables)), lambda: stored_traces.store(key, trace)

    def _train_graph(self, x: Any, y: Any, orders: Any, weights: Any, chance: Any, seed: Any, count: Any
                     ) -> tuple[Any, Any, Any]:
        """A chunk of batches, all in one XLA computation; empty batches (all weights 0) are
        skipped. Also returns (inputs fed back, inputs that could have been)."""
        import tensorflow as tf

        def batch_step(batch: Any, total: Any, seen: Any, fed: Any) -> tuple[Any, Any, Any, Any]:
            index, weight = orders[batch], weights[batch]
            size = tf.reduce_sum(weight)
            if self.horizon > 1:
                feed = free_running.coin_flips(chance, seed, batch, (tf.shape(index)[0], self.horizon - 1))
                loss, step_fed = tf.cond(size > 0, lambda: self._fed_step(x, y, index, weight, feed, count),
                                         lambda: (tf.zeros([self.loss_columns]), tf.zeros([2])))
            else:
                loss = tf.cond(size > 0, lambda: self._step(tf.gather(x, index), tf.gather(y, index), weight),
                               lambda: tf.zeros([self.loss_columns]))
                step_fed = tf.zeros([2])
            return batch + 1, total + loss * size, seen + size, fed + step_fed

        _, total, seen, fed = tf.while_loop(
            lambda batch, *_: batch < tf.shape(orders)[0], batch_step,
            (tf.constant(0), tf.zeros([self.loss_columns]), tf.constant(0.0), tf.zeros([2])))
        return total, seen, fed

    def _epochs_graph(self, x: Any, y: Any, orders: Any, weights: Any, x_val: Any, y_val: Any, val_count: Any,
                      chances: Any, seeds: Any, count: Any) -> tuple:
        """Several epochs in one XLA computation: per epoch its loss, val_loss, inputs fed back
        and weights."""
        import tensorflow as tf

        slots = orders.shape[0]
        variables = self.model.weights

        def epoch_step(epoch: Any, losses: Any, val_losses: Any, feds: Any, records: list) -> tuple:
            for layer in self._stateful_layers:
                layer.reset_state()
            total, seen, fed = self._train_graph(x, y, orders[epoch], weights[epoch], chances[epoch], seeds[epoch],
                                                 count)
            val_loss = self._evaluate_graph(x_val, y_val, val_count)[0] if x_val.shape[0] else tf.zeros([self.loss_columns])
            with tf.control_dependencies([total, val_loss]):  # the weights after this epoch's steps
                records = [record.write(epoch, variable.value) for record, variable in zip(records, variables)]
            return (epoch + 1, losses.write(epoch, total / tf.maximum(seen, 1.0)),
                    val_losses.write(epoch, val_loss), feds.write(epoch, fed), records)

        start = (tf.constant(0), tf.TensorArray(tf.float32, size=slots), tf.TensorArray(tf.float32, size=slots),
                 tf.TensorArray(tf.float32, size=slots), [tf.TensorArray(variable.dtype, size=slots) for variable in variables])
        _, losses, val_losses, feds, records = tf.while_loop(lambda epoch, *_: epoch < slots, epoch_step, start)
        return (losses.stack(), val_losses.stack(), feds.stack(), *(record.stack() for record in records))

    def _step_graph(self, x_batch: Any, y_batch: Any, weight: Any) -> Any:
        """One optimizer step on one batch, compiled with XLA (the bulk of the speed-up).
        The losses are means over the samples of nonzero ``weight``. An ensemble descends the
        sum of its members' losses: each member gets exactly the gradient of its own error,
        as if it trained alone."""
        import tensorflow as tf

        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            per_sample = self._per_sample_losses(y_batch, self.model(x_batch, training=True))
            losses = tf.reduce_sum(weight[:, None] * per_sample, axis=0) / tf.reduce_sum(weight)
            descended = losses[0] if self.members == 1 else tf.reduce_sum(losses[1:])
        self.optimizer.apply_gradients(zip(tape.gradient(descended, variables), variables))
        return losses

    def _fed_step_graph(self, x: Any, y: Any, index: Any, weight: Any, feed: Any, count: Any) -> tuple[Any, Any]:
        """One optimizer step on the batch of samples ``index``, the network run on its own
        predictions where ``feed`` says (:mod:`.free_running`); gradients flow through them.
        Returns the loss and (inputs fed back, inputs that could have been)."""
        import tensorflow as tf

        variables = self.model.trainable_variables
        x_batch = tf.gather(x, index)
        used = weight > 0
        with tf.GradientTape() as tape:
            if self._sequence:
                y_batch = tf.gather(y, index)
                per_sample = self._per_sample_losses(y_batch, free_running.sequence_closed_loop(self.model, x_batch, feed))
                feedable = tf.broadcast_to(used[:, None], tf.shape(feed))
            else:
                targets, inside = free_running.window_targets(y, index, count, self.horizon)
                per_step = self.loss_fn(targets, free_running.windows_closed_loop(self.model, x_batch, targets, feed))
                counted = tf.cast(inside, per_step.dtype)
                per_sample = (tf.reduce_sum(per_step * counted, axis=1) / tf.maximum(tf.reduce_sum(counted, axis=1), 1.0))[:, None]
                feedable = inside[:, 1:] & used[:, None]  # a fed input counts only when a later step uses it
            loss = tf.reduce_sum(weight[:, None] * per_sample, axis=0) / tf.reduce_sum(weight)
            descended = loss[0]
        self.optimizer.apply_gradients(zip(tape.gradient(descended, variables), variables))
        shares = tf.stack([tf.reduce_sum(tf.cast(feed & feedable, tf.float32)), tf.reduce_sum(tf.cast(feedable, tf.float32))])
        return loss, shares

    def _per_sample_losses(self, y_true: Any, y_pred: Any) -> Any:
        """(samples, :attr:`loss_columns`): the loss of each sample, for the prediction (a
        single network) or the members' mean and then each member (an ensemble)."""
        import tensorflow as tf

        columns = [y_pred] if self.members == 1 else [
            tf.reduce_mean(y_pred, axis=-1, keepdims=True), *(y_pred[..., k : k + 1] for k in range(self.members))]
        per_sample = []
        for column in columns:
            per_value = self.loss_fn(y_true, column)
            per_sample.append(tf.reduce_mean(tf.reshape(per_value, [tf.shape(per_value)[0], -1]), axis=1))
        return tf.stack(per_sample, axis=1)

    def _evaluate_graph(self, x: Any, y: Any, count: Any) -> Any:
        """The mean losses over the first ``count`` rows (the others pad ``x`` to its bucket)."""
        import tensorflow as tf

        per_sample = self._per_sample_losses(y, self.model(x, training=False))
        used = tf.range(tf.shape(per_sample)[0]) < count
        total = tf.reduce_sum(tf.where(used[:, None], per_sample, tf.zeros_like(per_sample)), axis=0)
        return (total / tf.cast(tf.maximum(count, 1), total.dtype),)


PROGRAMS = ProgramCache()


def bucket(count: int) -> int:
    """``count`` rounded up to a quarter of its power of two (1000 -> 1024, 1100 -> 1280): data
    and batches are padded to it, so series of similar lengths (a backtest's origins, Auto's
    candidates) share compiled programs; at most a quarter more rows."""
    if count <= 4:
        return count
    quarter = 2 ** (count.bit_length() - 3)
    return -(-count // quarter) * quarter


def pad_rows(array: np.ndarray, length: int) -> np.ndarray:
    """``array`` with zero rows appended up to ``length`` rows."""
    return np.concatenate([array, np.zeros((length - len(array), *array.shape[1:]), array.dtype)]) \
        if length > len(array) else array


def _share(fed: np.ndarray) -> float | None:
    """Inputs fed back over inputs that could have been: (fed, feedable) -> a share, or None."""
    return float(fed[0] / fed[1]) if fed[1] else None


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


def make_optimizer(name: str, learning_rate: float) -> Any:
    """A Keras optimizer by its experiment name, with Keras's default other settings. Named
    ``name`` outright: Keras would number it by the optimizers made so far in the process
    ("adam_14"), a name that goes into every traced op and into the stored traces' keys, so
    the same program made again would miss its stored traces and clash with its own names."""
    import keras

    classes = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD,
               "rmsprop": keras.optimizers.RMSprop, "adagrad": keras.optimizers.Adagrad}
    return classes[name](learning_rate=learning_rate, name=name)
