"""Benchmark: a 1,000-step closed-loop rollout in numpy against a Keras predict-per-step loop.

Both roll out the same trained-shape R2 model (stateful LSTM(20)) from the same warm-up.
Keras needs one ``model.predict`` call per step on a batch-1 stateful twin; ours steps the
same equations in numpy and also records h, c and the gates at every step.

Run: ``python bench/bench_rollout.py [steps] [keras_steps]``. Keras is timed over
``keras_steps`` steps (default: all of them) and scaled per step if fewer.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from rnnstudio.core.data import load_series
from rnnstudio.core.inference import NumpyNetwork, closed_loop_rollout
from rnnstudio.core.models import build_model
from rnnstudio.core.recipes import recipe


def main(steps: int, keras_steps: int) -> None:
    experiment = recipe("pulse-lstm-stateful")
    model = build_model(experiment.model, experiment.samples, batch_size=1, seed=0)
    warmup = load_series(experiment.data).values[:25]
    net = NumpyNetwork.from_keras(model)

    started = time.perf_counter()
    trace = closed_loop_rollout(net, experiment.samples, warmup, steps)
    ours = time.perf_counter() - started

    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_state()
    started = time.perf_counter()
    outputs = [float(model.predict(np.array([[[v]]], np.float32), verbose=0)[0, 0, 0]) for v in warmup]
    for _ in range(keras_steps - 1):
        outputs.append(float(model.predict(np.array([[[outputs[-1]]]], np.float32), verbose=0)[0, 0, 0]))
    keras_seconds = (time.perf_counter() - started) * (len(warmup) + steps - 1) / (len(warmup) + keras_steps - 1)

    checked = len(outputs)
    difference = np.max(np.abs(trace.values[:checked] - outputs))
    print(f"rollout of {steps} steps (+25 warm-up): numpy {ours * 1000:.1f} ms, "
          f"keras predict loop {keras_seconds:.2f} s"
          f"{'' if keras_steps == steps else f' (timed over {keras_steps} steps)'}; "
          f"speed-up {keras_seconds / ours:.0f}x; max |difference| over {checked} outputs {difference:.1e}")


if __name__ == "__main__":
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    main(total, int(sys.argv[2]) if len(sys.argv) > 2 else total)
