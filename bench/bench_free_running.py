"""Benchmark: free running at horizon 10 against teacher forcing, side by side, each against
plain Keras doing the same.

R1 (SimpleRNN(20), windows of 20, batch 10) trained for the same epochs four ways, every one
from the same initial weights on the same samples:

- teacher forcing: plain ``model.fit`` against the studio's trainer;
- free running over 10 steps (each prediction shifted back into the window, the loss over all
  ten, gradients through the fed-back predictions): plain Keras as its guide writes a custom
  training step (``train_step`` of a ``keras.Model`` subclass, run by ``fit``) against the
  studio's compiled trainer.

Each contender runs once untimed (tracing and XLA compiling are paid once per shape, as in
the app), then timed. Prints CPU and wall seconds, the speed-up of each mode over its plain
Keras, and what free running costs over teacher forcing; the speed target of the speed issue
is that free running's speed-up stays within 2x of teacher forcing's. Also the closed-loop and
one-step RMSE of the two studio runs (the point of free running). The load average is printed:
read the figures as ratios.

Run: ``python bench/bench_free_running.py [epochs]`` (default 100).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from rnnstudio.core.tf_runtime import tensorflow

tensorflow()  # the runtime as the studio configures it (one op thread), for every contender

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from rnnstudio.core.compiled import make_optimizer  # noqa: E402
from rnnstudio.core.experiment import Experiment  # noqa: E402
from rnnstudio.core.exposure_bias import exposure_gap  # noqa: E402
from rnnstudio.core.models import build_model  # noqa: E402
from rnnstudio.core.numpy_network import NumpyNetwork  # noqa: E402
from rnnstudio.core.recipes import recipe  # noqa: E402
from rnnstudio.core.trainer import Trainer  # noqa: E402

HORIZON = 10


class FreeRunningModel(keras.Model):
    """Plain Keras free running: a custom ``train_step`` that feeds the network's predictions
    back into its window over ``horizon`` steps; targets come as (samples, horizon, 2): the
    value and whether it lies inside the training part."""

    def __init__(self, network: keras.Model, horizon: int) -> None:
        super().__init__()
        self.network = network
        self.horizon = horizon
        self.loss_tracker = keras.metrics.Mean(name="loss")  # the epoch's mean, as fit reports it

    @property
    def metrics(self) -> list:
        return [self.loss_tracker]

    def call(self, x: tf.Tensor, training: bool = False) -> tf.Tensor:
        return self.network(x, training=training)

    def train_step(self, data: tuple) -> dict:
        x, y = data
        targets, inside = y[..., :1], y[..., 1]
        with tf.GradientTape() as tape:
            inputs, predictions = x, []
            for _ in range(self.horizon):
                prediction = self.network(inputs, training=True)
                predictions.append(prediction)
                inputs = tf.concat([inputs[:, 1:], prediction[:, None, :]], axis=1)
            per_step = tf.reduce_mean(tf.square(tf.stack(predictions, axis=1) - targets), axis=-1)
            loss = tf.reduce_sum(tf.reduce_sum(per_step * inside, axis=1) / tf.reduce_sum(inside, axis=1)) / tf.cast(
                tf.shape(x)[0], tf.float32)
        variables = self.network.trainable_variables
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        self.loss_tracker.update_state(loss, sample_weight=tf.shape(x)[0])
        return {"loss": self.loss_tracker.result()}


def with_mode(experiment: Experiment, mode: str, epochs: int) -> Experiment:
    return dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, mode=mode, horizon=HORIZON,
                                                                     epochs=epochs))


def timed(work: Callable[[Experiment], Any], experiment: Experiment) -> tuple[float, float, Any]:
    """(CPU seconds, wall seconds, result) of ``work(experiment)``."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work(experiment)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def keras_run(experiment: Experiment) -> float:
    """Plain Keras on the experiment: ``fit`` for teacher forcing, the custom step for free
    running; returns the last epoch's loss."""
    spec = experiment.train
    samples = Trainer(experiment).samples
    network = build_model(experiment.model, experiment.samples, spec.batch_size, seed=spec.seed)
    x, y = samples.x_train, samples.y_train
    validation = (samples.x_val, samples.y_val) if len(samples.x_val) else None
    if spec.mode == "teacher_forcing":
        network.compile(optimizer=make_optimizer(spec.optimizer, spec.learning_rate), loss=spec.loss)
        history = network.fit(x, y, batch_size=spec.batch_size, epochs=spec.epochs, shuffle=True,
                              validation_data=validation, verbose=0)
        return float(history.history["loss"][-1])
    steps = np.arange(len(x))[:, None] + np.arange(HORIZON)[None, :]
    inside = (steps < len(x)).astype(np.float32)
    targets = y[np.minimum(steps, len(x) - 1), 0][..., None]
    model = FreeRunningModel(network, HORIZON)
    model.compile(optimizer=make_optimizer(spec.optimizer, spec.learning_rate), loss=spec.loss)
    history = model.fit(x, np.concatenate([targets, inside[..., None]], axis=-1), batch_size=spec.batch_size,
                        epochs=spec.epochs, shuffle=True, verbose=0)
    return float(history.history["loss"][-1])


def studio_run(experiment: Experiment) -> tuple[float, Trainer, Any]:
    trainer = Trainer(experiment)
    result = trainer.run()
    return result.history.loss[-1], trainer, result


def main(epochs: int) -> None:
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; R1, {epochs} epochs, horizon {HORIZON}; "
          "each contender once untimed (compiling), then timed")
    r1 = recipe("sine-simplernn")
    rows = {}
    for mode in ("teacher_forcing", "free_running"):
        experiment = with_mode(r1, mode, epochs)
        keras_run(with_mode(r1, mode, 2))
        studio_run(with_mode(r1, mode, 2))
        keras_cpu, keras_wall, keras_loss = timed(keras_run, experiment)
        studio_cpu, studio_wall, (studio_loss, trainer, result) = timed(studio_run, experiment)
        gap = exposure_gap(NumpyNetwork.from_keras(result.model), experiment, trainer.series)
        rows[mode] = (keras_cpu, studio_cpu)
        print(f"{mode:16} plain Keras {keras_cpu:6.2f} s CPU ({keras_wall:6.2f} s wall), loss {keras_loss:.4f} | "
              f"studio {studio_cpu:5.2f} s CPU ({studio_wall:5.2f} s wall), loss {studio_loss:.4f} | "
              f"speed-up {keras_cpu / studio_cpu:5.1f}x CPU, {keras_wall / studio_wall:5.1f}x wall | "
              f"one-step RMSE {gap.one_step:.4f}, closed-loop RMSE {gap.closed_loop:.4f}", flush=True)
    teacher, free = rows["teacher_forcing"], rows["free_running"]
    print(f"free running costs {free[1] / teacher[1]:.1f}x teacher forcing in the studio "
          f"({free[0] / teacher[0]:.1f}x in plain Keras); its speed-up over plain Keras is "
          f"{(free[0] / free[1]) / (teacher[0] / teacher[1]):.2f} of teacher forcing's (target: at least 0.5)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
