"""Benchmark: R2's time per optimizer step, the studio's trainer against a whole-run prototype.

The prototype is the floor the issue measured prototypes against: the same network,
optimizer and batches, with all 400 epochs (2,400 steps) in ONE compiled XLA call, so no
Python runs between steps or epochs (no reports, snapshots, stop checks or per-epoch
weights). Stateful layers are not reset between epochs in the prototype (that would need
Python), which changes nothing of the cost. Both run twice; the second (compiled) run counts.
Target: the studio's step within 2x of the prototype's.

Run: ``python bench/bench_step_floor.py``
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from rnnstudio.core.compiled import CompiledEpoch
from rnnstudio.core.models import build_model, trainable_part
from rnnstudio.core.recipes import recipe
from rnnstudio.core.trainer import Trainer

NAME = "pulse-lstm-stateful"


def prototype_seconds_per_step() -> float:
    """One XLA call over the whole run's batches, after a first call that compiles it."""
    import tensorflow as tf

    experiment = recipe(NAME)
    spec = experiment.train
    trainer = Trainer(experiment)
    samples = trainer.model_samples
    model = trainable_part(build_model(experiment.model, experiment.samples, spec.batch_size, seed=spec.seed,
                                       scaler=trainer.scaler))
    program = CompiledEpoch(model, spec.optimizer, spec.loss, "bench_step_floor: whole-run prototype")
    program.load(model.get_weights(), None, spec.learning_rate)
    order = np.arange(samples.n_train, dtype=np.int32)
    orders = np.tile(order, spec.epochs).reshape(-1, spec.batch_size)
    weights = np.ones(orders.shape, np.float32)
    x, y = tf.constant(samples.x_train), tf.constant(samples.y_train)
    program._train(x, y, orders, weights)  # compile
    started = time.perf_counter()
    float(program._train(x, y, orders, weights)[0])
    return (time.perf_counter() - started) / len(orders)


def studio_seconds_per_step() -> tuple[float, int]:
    Trainer(recipe(NAME)).run(lambda report: None)  # compile
    trainer = Trainer(recipe(NAME))
    started = time.perf_counter()
    result = trainer.run(lambda report: None)
    steps = result.optimizer_state.iterations
    return (time.perf_counter() - started) / steps, steps


def main() -> None:
    studio, steps = studio_seconds_per_step()
    floor = prototype_seconds_per_step()
    print(f"{NAME}: {steps} optimizer steps; per step: studio trainer {studio * 1000:.3f} ms (reports, snapshots, "
          f"stop checks), whole-run XLA prototype {floor * 1000:.3f} ms; ratio {studio / floor:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
