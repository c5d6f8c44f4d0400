"""The memory lesson holds over seeds: on pulses 30 steps apart the SimpleRNN fails (its
rollout never finds the pulses again, its gradient dies out long before 30 steps back) and the
LSTM succeeds (its rollout finds them, its gradient still reaches 30 steps back)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnstudio.core.inference import NumpyNetwork, closed_loop_rollout
from rnnstudio.core.memory import gradient_window, gradients_for
from rnnstudio.core.metrics import evaluate
from rnnstudio.core.recipes import MEMORY_PERIOD, recipe
from rnnstudio.core.trainer import Trainer

SEEDS = (1, 2, 3)
# Measured over seeds 1-5 (2026-12-02, first machine): SimpleRNN one-step 0.168-0.182, closed loop
# 0.300-0.311, reach 0-0.002; LSTM one-step 0.026-0.077, closed loop 0.028-0.163, reach 0.03-0.74.
# On a second machine (an AVX-512 CPU: XLA rounds differently, and 400 epochs amplify it) the
# same code gave SimpleRNN one-step 0.133-0.180, closed loop 0.304-0.332, reach 0-0.024; LSTM
# one-step 0.019-0.152, closed loop 0.020-0.257, reach 0.04-0.53: the LSTM found the pulses on
# seeds 1, 3 and 4, not 2 and 5. So each seed's LSTM must beat its SimpleRNN, and most seeds
# (2 of 3) must find the pulses. Persistence scores ~0.26 one step ahead on these pulses.
MISSED_CLOSED_LOOP, FOUND_CLOSED_LOOP = 0.25, 0.20  # RMSE over the rollout's 90 closed-loop steps
FOUND_ONE_STEP = 0.12  # RMSE on the last 20 % of the series
DEAD = 0.01  # the loss's gradient at the hidden state 30 steps back, over the last step's


def outcome(name: str, seed: int) -> tuple[float, float, float]:
    """(closed-loop RMSE over the rollout, one-step RMSE on the last 20 % of the series,
    gradient reach to MEMORY_PERIOD steps back)."""
    base = recipe(name)
    experiment = dataclasses.replace(base, data=dataclasses.replace(base.data, seed=seed),
                                     train=dataclasses.replace(base.train, seed=seed))
    trainer = Trainer(experiment)
    trainer.run()
    network = NumpyNetwork.from_keras(trainer.result.model)
    series = trainer.series
    spec = experiment.rollout
    trace = closed_loop_rollout(network, experiment.samples, series.values[spec.start : spec.start + spec.warmup],
                                spec.steps, spec.start)
    closed = trace.index >= trace.closed_loop_from
    rmse = float(np.sqrt(np.mean((trace.values[closed] - series.values[trace.index[closed]]) ** 2)))
    state = gradients_for(network, experiment, gradient_window(experiment, series)).state_gradient[-1]
    scores = evaluate(network, experiment, series)
    assert scores is not None
    return rmse, scores.rows[0].rmse, float(state[min(MEMORY_PERIOD, len(state) - 1)] / state[0])


@pytest.mark.slow
def test_the_simplernn_cannot_count_30_steps_and_the_lstm_can() -> None:
    simple = [outcome("memory-simplernn", seed) for seed in SEEDS]
    lstm = [outcome("memory-lstm", seed) for seed in SEEDS]
    for (simple_loop, simple_step, simple_reach), (lstm_loop, lstm_step, lstm_reach) in zip(simple, lstm):
        assert simple_loop > MISSED_CLOSED_LOOP, simple  # the SimpleRNN's rollout never finds the pulses again
        assert lstm_loop < simple_loop and lstm_step < simple_step and lstm_reach > 2 * simple_reach, (simple, lstm)
    assert sum(reach < DEAD for _, _, reach in simple) >= 2, simple  # its gradient dies out before 30 steps back
    found = [loop < FOUND_CLOSED_LOOP and step < FOUND_ONE_STEP for loop, step, _ in lstm]
    assert sum(found) >= 2, lstm  # most seeds' LSTMs find them
