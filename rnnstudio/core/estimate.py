"""How long a training run will take, estimated before it starts from the sizes alone: each
epoch's training steps and its validation loss as :mod:`.costs` prices them, plus ~1 ms of
bookkeeping. That fits R1, R2, R3 and R5 within 1.5x; compiling (1-2 s per member on a first
run) is not counted here but by :func:`compile_seconds`. A seed ensemble's members each pay the
step's and the time steps' cost again (measured 2026-12-02: five members cost 4-6x one network
on R1, R2, R5 and four CSV series)."""

from __future__ import annotations

import math
from collections.abc import Callable

from .costs import evaluation_seconds, step_seconds
from .experiment import Experiment
from .text import QT_TR_NOOP

EPOCH_SECONDS = 1e-3
COMPILE_SECONDS = 1.5


def training_seconds(experiment: Experiment, length: int) -> float:
    """Estimated seconds to train the valid ``experiment`` on a series of ``length`` values
    (valid: a stateful batch is one row per stream, and nothing is held out of it)."""
    samples, model, train = experiment.samples, experiment.model, experiment.train
    count = samples.plan.sample_count(length, samples.window, len(samples.stream_shifts))
    training = max(int(count * (1 - train.validation_fraction)), 1)
    steps = math.ceil(training / train.batch_size)
    epoch = (steps * step_seconds(model, samples, train.batch_size, train.passes)
             + evaluation_seconds(model, samples, count - training) + EPOCH_SECONDS)
    return train.epochs * epoch


def compile_seconds(experiment: Experiment) -> float:
    """Estimated seconds a first run of these shapes spends compiling (later runs reuse it):
    ~1.5 s per member (measured 2026-12-02: 1-2 s for one network, ~9 s for five), and a
    quarter more for each further pass a fed-back horizon adds to a step (R1 free running over
    10 steps: 5.2 s against 2.1 s, measured 2026-12-02)."""
    return COMPILE_SECONDS * experiment.model.members * (1 + (experiment.train.passes - 1) / 4)


def in_words(seconds: float, say: Callable[[str], str] = str) -> str:
    """``seconds`` as a person says it: "under a second", "about 40 s", "about 3 min", "about 5 h"
    (``say`` translates the words: the window passes its ``tr``)."""
    if seconds < 1:
        return say(QT_TR_NOOP("under a second"))
    for template, size in ((QT_TR_NOOP("about {n} h"), 3600), (QT_TR_NOOP("about {n} min"), 60)):
        if seconds >= 1.5 * size:
            return say(template).format(n=f"{seconds / size:.0f}")
    return say(QT_TR_NOOP("about {n} s")).format(n=f"{seconds:.0f}")
