"""What a valid experiment costs, from its sizes alone: its weights, the arithmetic of one
prediction, and the seconds of one training batch - the figures validation bounds, the time
estimate sums and the trainer sizes its compiled calls by.

Calibrated on the 2-core development machine (XLA runs a step on one core). A training step
costs ~0.02 ms, plus ~0.01 ms per time step of the window (a recurrent layer runs its steps one
after the other), plus its arithmetic at ~60 GFLOP/s (forward and backward: about 6
operations per weight per time step per sample), plus re-reading its weights (beyond the
first 256 KB, which stay in the cache) at every time step at ~4 GB/s. Measured 2026-12-02,
that last term is what makes small batches of big networks slow (LSTM(1024), window 16:
69 ms for a batch of 1, where the arithmetic alone is 7 ms). A seed ensemble's members each
pay the step's and the time steps' cost again. Checked against measurements from LSTM(32) to LSTM(1024), windows 16-256, batches 1-32: the
estimate is 0.65-1.7x the measured time.
"""

from __future__ import annotations

import math

from .experiment import ModelSpec, SampleSpec

STEP_SECONDS = 2e-5
TIME_STEP_SECONDS = 1e-5
FLOPS_PER_SECOND = 6e10
WEIGHT_BYTES_PER_SECOND = 4e9
CACHED_WEIGHT_BYTES = 256 * 1024  # weights this small stay in the core's cache between time steps
TRAINING_FLOPS = 6  # per weight, time step and sample: forward 2, backward 4
EVALUATION_SHARE = 1 / 3  # a forward pass without gradients: a third of a training step's work

CALL_SECONDS = 0.25  # the estimated length of one compiled call: Stop and Ctrl+C act between calls
MAX_BATCHES_PER_CALL = 64  # more gains nothing: the call's overhead is already a few percent
# The longest single training step validation accepts: a step cannot be cut, and with the
# estimate's error (down to 0.65x of the truth here) Stop still acts within a second.
MAX_STEP_SECONDS = 0.4


def parameter_count(model: ModelSpec, samples: SampleSpec) -> int:
    """The number of weights the network of ``model`` has on the ``samples`` layout (all its
    members' for an ensemble)."""
    width = samples.plan.input_width(model.kind == "dense", samples.window)
    gates = {"dense": 0, "simple_rnn": 1, "lstm": 4, "gru": 3}[model.kind]
    total = 0
    for _ in range(model.layers):
        total += (width + 1) * model.units if gates == 0 else gates * model.units * (width + model.units + 2)
        width = model.units
    highway = samples.window + 1 if model.highway is True else 0
    return (total + width + 1 + highway) * model.members


def prediction_flops(model: ModelSpec, samples: SampleSpec) -> int:
    """The arithmetic of one prediction by the numpy inference: two operations per weight per
    step, and a recurrent network on windows re-runs its whole window for each prediction. An
    ensemble of K runs as one network K times as wide (K² the weights, most of them zeros) and
    then each member alone, for the spread: K² + K times one member's."""
    passes = samples.plan.prediction_passes(model.kind == "dense", samples.window)
    members = model.members
    factor = members + (members * members if members > 1 else 0)
    return 2 * parameter_count(model, samples) // members * passes * factor


def time_steps(model: ModelSpec, samples: SampleSpec) -> int:
    """Time steps one training sample runs the network through."""
    return samples.plan.time_steps(model.kind == "dense", samples.window)


def step_seconds(model: ModelSpec, samples: SampleSpec, batch_size: int, passes: int = 1) -> float:
    """Estimated seconds of one training step on a batch of ``batch_size`` samples, the
    network run ``passes`` times over each (its own predictions fed back: ``TrainSpec.passes``)."""
    steps = time_steps(model, samples)
    parameters = parameter_count(model, samples)
    return passes * (model.members * (STEP_SECONDS + steps * TIME_STEP_SECONDS)
            + TRAINING_FLOPS * parameters * batch_size * steps / FLOPS_PER_SECOND
            + _weight_reading(parameters) * steps)


def _weight_reading(parameters: int) -> float:
    """Seconds one time step spends re-reading the weights that do not stay in the cache."""
    return max(0, 4 * parameters - CACHED_WEIGHT_BYTES) / WEIGHT_BYTES_PER_SECOND


def evaluation_seconds(model: ModelSpec, samples: SampleSpec, count: int) -> float:
    """Estimated seconds to compute the loss on ``count`` samples without training: a third
    of a training step on them all."""
    return EVALUATION_SHARE * step_seconds(model, samples, count) if count else 0.0


def batches_per_call(model: ModelSpec, samples: SampleSpec, batch_size: int, passes: int = 1) -> int:
    """How many training steps one compiled call runs: about :data:`CALL_SECONDS` of work,
    1 to :data:`MAX_BATCHES_PER_CALL`."""
    return max(1, min(MAX_BATCHES_PER_CALL, int(CALL_SECONDS / step_seconds(model, samples, batch_size, passes))))


def rows_per_evaluation(model: ModelSpec, samples: SampleSpec, count: int) -> int:
    """How many of ``count`` samples one compiled evaluation call takes (about
    :data:`CALL_SECONDS` of work; all of them when that is short)."""
    if count == 0 or evaluation_seconds(model, samples, count) <= CALL_SECONDS:
        return max(count, 1)
    per_row = evaluation_seconds(model, samples, 2) - evaluation_seconds(model, samples, 1)
    fixed = evaluation_seconds(model, samples, 1) - per_row
    return max(1, min(count, math.floor((CALL_SECONDS - fixed) / per_row) if CALL_SECONDS > fixed else 1))


def largest_batch_within(model: ModelSpec, samples: SampleSpec, seconds: float, passes: int = 1) -> int:
    """The largest batch whose training step is estimated at most ``seconds`` (0 when even
    one sample takes longer)."""
    one = step_seconds(model, samples, 1, passes)
    if one > seconds:
        return 0
    per_sample = step_seconds(model, samples, 2, passes) - one
    return 1 + int((seconds - one) / per_sample) if per_sample > 0 else 1
