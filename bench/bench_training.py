"""Benchmark: the studio's trainer against plain Keras ``model.fit``, side by side.

For each recipe, both train the same architecture from the same initial weights on the same
samples, with the same optimizer, batch size, epochs and shuffling (stateful recipes reset
states at every epoch start in both). The trainer's time includes everything the app gets
from it: model build, graph tracing and an EpochReport (predictions, rollout, states)
after every epoch. Both run in one process with TensorFlow configured as the studio does it
(one op thread: faster for these tiny models, for ``model.fit`` too). Prints times, final
losses and the speed-up ratio, and for shuffled recipes fit's own run-to-run noise: the
tail-mean loss of fit with 4 shuffling seeds, beside the studio's.

Run: ``python bench/bench_training.py [recipe ...]``
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from rnnstudio.core.tf_runtime import tensorflow

tensorflow()  # the runtime as the studio configures it (one op thread), for both contenders

import keras  # noqa: E402

from rnnstudio.core.compiled import make_optimizer  # noqa: E402
from rnnstudio.core.models import build_model  # noqa: E402
from rnnstudio.core.recipes import recipe  # noqa: E402
from rnnstudio.core.report import EpochReport  # noqa: E402
from rnnstudio.core.trainer import Trainer  # noqa: E402

DEFAULT_RECIPES = ("pulse-lstm-stateful", "sine-simplernn", "sine-mlp-regression")
TAIL = 20
FIT_SHUFFLES = 4  # fit runs with different shuffling seeds, to show fit's own run-to-run noise


class ResetStatesEachEpoch(keras.callbacks.Callback):
    """What the studio's trainer does for stateful layouts, for plain Keras."""

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        for layer in self.model.layers:
            if getattr(layer, "stateful", False):
                layer.reset_state()


def keras_fit(name: str, shuffle_seed: int = 0) -> tuple[float, list[float]]:
    """Seconds and per-epoch losses of plain ``model.fit`` on the recipe (its shuffling seeded
    with ``shuffle_seed``)."""
    import tensorflow as tf

    tf.random.set_seed(shuffle_seed)
    experiment = recipe(name)
    spec = experiment.train
    trainer = Trainer(experiment)  # only for its samples
    started = time.perf_counter()
    model = build_model(experiment.model, experiment.samples, spec.batch_size, seed=spec.seed)
    model.compile(optimizer=make_optimizer(spec.optimizer, spec.learning_rate), loss=spec.loss)
    samples = trainer.samples
    validation = (samples.x_val, samples.y_val) if len(samples.x_val) else None
    history = model.fit(
        samples.x_train, samples.y_train, batch_size=spec.batch_size, epochs=spec.epochs,
        shuffle=spec.shuffle and experiment.samples.layout != "stateful",
        validation_data=validation, callbacks=[ResetStatesEachEpoch()], verbose=0,
    )
    return time.perf_counter() - started, history.history["loss"]


def steps_per_epoch(name: str) -> int:
    """Optimizer steps in one epoch of the recipe (its training samples over the batch size)."""
    samples = Trainer(recipe(name)).samples
    return -(-samples.n_train // recipe(name).train.batch_size)


def studio_train(name: str, materialize: bool) -> tuple[float, list[float]]:
    """Seconds and per-epoch losses of the studio's trainer. It hands over a report after every
    epoch; with ``materialize`` each report's predictions, rollout and states are computed
    too (the GUI computes them at most ~30 times a second, the display rate)."""
    reports = []

    def on_epoch(report: EpochReport) -> None:
        reports.append(report.computed() if materialize else report)

    started = time.perf_counter()
    result = Trainer(recipe(name)).run(on_epoch)
    seconds = time.perf_counter() - started
    assert len(reports) == recipe(name).train.epochs
    return seconds, result.history.loss


def main(names: list[str]) -> None:
    print("studio = trainer with on-demand reports: 1st = first run of the recipe in this process (it compiles,")
    print("unless XLA's disk cache already holds the step), again = a second run (compiled steps reused);")
    print("+reports = a run with every report materialized")
    print(f"losses: final epoch, and (in brackets) the mean of the last {TAIL} epochs, which is less noisy")
    print(f"{'recipe':22} {'keras fit':>9} {'1st':>6} {'again':>6} {'+reports':>8} {'speed-up 1st':>12} "
          f"{'again':>6} {'+reports':>8}  {'keras loss':>20} {'studio loss':>20}")
    for name in names:
        keras_seconds, keras_losses = keras_fit(name)
        first_seconds, studio_losses = studio_train(name, materialize=False)
        again_seconds, _ = studio_train(name, materialize=False)
        full_seconds, _ = studio_train(name, materialize=True)
        print(f"{name:22} {keras_seconds:8.2f}s {first_seconds:5.2f}s {again_seconds:5.2f}s {full_seconds:7.2f}s"
              f" {keras_seconds / first_seconds:11.1f}x {keras_seconds / again_seconds:5.1f}x"
              f" {keras_seconds / full_seconds:7.1f}x  {_losses(keras_losses):>20} {_losses(studio_losses):>20}",
              flush=True)
        steps = steps_per_epoch(name) * recipe(name).train.epochs
        print(f"{'':22} per optimizer step ({steps} steps): keras fit {keras_seconds / steps * 1000:.3f} ms, "
              f"studio again {again_seconds / steps * 1000:.3f} ms (reports, snapshots and all)", flush=True)
        _noise(name, keras_losses, studio_losses)


def _noise(name: str, keras_losses: list[float], studio_losses: list[float]) -> None:
    """Fit's own run-to-run noise in the tail-mean loss (its shuffling seeded differently), and
    where the studio's tail mean falls against it."""
    tails = [_tail(keras_losses)]
    if recipe(name).train.shuffle and recipe(name).samples.layout != "stateful":
        tails += [_tail(keras_fit(name, seed)[1]) for seed in range(1, FIT_SHUFFLES)]
    mean = sum(tails) / len(tails)
    print(f"{'':22} tail mean over {len(tails)} fit run(s): {mean:.5f} (from {min(tails):.5f} to {max(tails):.5f}, "
          f"{(max(tails) - min(tails)) / mean:+.0%} wide); studio {_tail(studio_losses):.5f}, "
          f"{_tail(studio_losses) / mean - 1:+.1%} from fit's mean", flush=True)


def _tail(losses: list[float]) -> float:
    return sum(losses[-TAIL:]) / len(losses[-TAIL:])


def _losses(losses: list[float]) -> str:
    return f"{losses[-1]:.5f} ({_tail(losses):.5f})"


if __name__ == "__main__":
    main(sys.argv[1:] or list(DEFAULT_RECIPES))
