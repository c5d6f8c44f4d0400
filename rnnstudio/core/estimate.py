"""How long a training run will take, estimated before it starts from the sizes alone.

Calibrated on the 2-core development machine (bench/bench_training.py, 2026-11-23): a
compiled step costs ~0.02 ms, plus ~0.01 ms per time step of the window (a recurrent layer
runs its steps one after the other), plus its arithmetic at ~60 GFLOP/s (forward and
backward: about 6 operations per weight per time step per sample); each epoch adds ~1 ms of
bookkeeping. That fits R1, R2, R3 and R5 within 1.5x; compiling (1-2 s on a first run) is
not counted. A seed ensemble's members each pay the step's and the time steps' cost again
(measured 2026-12-02: five members cost 4-6x one network on R1, R2, R5 and four CSV series)."""

from __future__ import annotations

import math

from .experiment import Experiment
from .validation import parameter_count

STEP_SECONDS = 2e-5
TIME_STEP_SECONDS = 1e-5
EPOCH_SECONDS = 1e-3
FLOPS_PER_SECOND = 6e10
COMPILE_SECONDS = 1.5


def training_seconds(experiment: Experiment, length: int) -> float:
    """Estimated seconds to train the valid ``experiment`` on a series of ``length`` values
    (valid: a stateful batch is one row per stream, and nothing is held out of it)."""
    samples, model, train = experiment.samples, experiment.model, experiment.train
    plan = samples.plan
    count = plan.sample_count(length, samples.window, len(samples.stream_shifts))
    steps = math.ceil(max(int(count * (1 - train.validation_fraction)), 1) / train.batch_size)
    time_steps = plan.time_steps(model.kind == "dense", samples.window)
    flops = 6 * parameter_count(model, samples) * train.batch_size * time_steps
    step = model.members * (STEP_SECONDS + time_steps * TIME_STEP_SECONDS) + flops / FLOPS_PER_SECOND
    return train.epochs * (steps * step + EPOCH_SECONDS)


def compile_seconds(experiment: Experiment) -> float:
    """Estimated seconds a first run of these shapes spends compiling (later runs reuse it):
    ~1.5 s per member (measured 2026-12-02: 1-2 s for one network, ~9 s for five)."""
    return COMPILE_SECONDS * experiment.model.members


def in_words(seconds: float) -> str:
    """``seconds`` as a person says it: "under a second", "about 40 s", "about 3 min", "about 5 h"."""
    if seconds < 1:
        return "under a second"
    for unit, size in (("h", 3600), ("min", 60)):
        if seconds >= 1.5 * size:
            return f"about {seconds / size:.0f} {unit}"
    return f"about {seconds:.0f} s"
