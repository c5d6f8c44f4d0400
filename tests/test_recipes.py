"""Each built-in recipe reproduces (or beats) its article's published result."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from rnnstudio.core.data import load_series
from rnnstudio.core.inference import NumpyNetwork, one_step_predictions
from rnnstudio.core.recipes import recipe
from rnnstudio.core.report import EpochReport
from rnnstudio.core.trainer import Trainer


def train(name: str) -> tuple[Trainer, list[EpochReport], object]:
    trainer = Trainer(recipe(name))
    reports: list[EpochReport] = []
    result = trainer.run(reports.append)
    reports[-1] = reports[-1].computed()  # what the window draws of the last epoch
    assert [r.epoch for r in reports] == list(range(1, recipe(name).train.epochs + 1))
    return trainer, reports, result


def test_r1_sine_simplernn_val_loss_after_10_epochs() -> None:
    _, reports, result = train("sine-simplernn")
    assert result.history.val_loss[-1] <= 0.005
    assert result.history.loss[-1] < result.history.loss[0] / 10
    rollout = reports[-1].rollout
    assert rollout.index.tolist() == list(range(20, 200))  # 180 closed-loop steps after the first window


@pytest.fixture(scope="module")
def r2() -> tuple[Trainer, list[EpochReport], object]:
    return train("pulse-lstm-stateful")


def test_r2_rollout_follows_the_pulse_train(r2) -> None:
    _, reports, result = r2
    trace = reports[-1].rollout
    closed = trace.index >= trace.closed_loop_from
    assert closed.sum() == 50
    predicted_high = trace.values[closed] > 0.5
    truly_high = (trace.index[closed] % 10) < 3
    assert np.array_equal(predicted_high, truly_high)
    assert np.max(np.abs(trace.values[closed] - truly_high)) < 0.3
    assert result.history.loss[-1] < 0.02


def test_r2_cell_states_keep_counting_while_the_output_is_zero(r2) -> None:
    _, reports, _ = r2
    trace = reports[-1].rollout
    closed = trace.index >= trace.closed_loop_from
    c = trace.c[closed, 0, :]  # (50 steps, 20 units)
    assert c.shape == (50, 20)
    # Periodic with period 10: a state comes back after 10 steps, not after 5.
    after_period = np.mean(np.abs(c[10:] - c[:-10]))
    after_half = np.mean(np.abs(c[5:] - c[:-5]))
    assert after_period < 0.25 * after_half
    # While the output sits near 0, some cell states keep moving step by step: counting.
    quiet = (trace.index[closed] % 10) >= 3
    assert np.max(np.abs(trace.values[closed][quiet])) < 0.3
    steps_in_quiet_run = np.abs(np.diff(c, axis=0))[quiet[1:] & quiet[:-1]]
    assert np.max(np.mean(steps_in_quiet_run, axis=0)) > 0.05


def test_r3_lstm_generalizes_to_fresh_data_eight_wavelengths_long() -> None:
    experiment = recipe("sine-lstm-live")
    result = Trainer(experiment).run()
    fresh = load_series(dataclasses.replace(experiment.data, t_start=4 * math.pi + 0.1,
                                            length=round(8 * 2 * math.pi / 0.1), seed=1234))
    predictions = one_step_predictions(NumpyNetwork.from_keras(result.model), fresh.values, fresh.t, experiment.samples)
    assert np.mean((predictions.values - fresh.values[predictions.index]) ** 2) <= 0.01


def test_r4_seq2seq_val_loss_after_20_epochs() -> None:
    _, reports, result = train("sine-simplernn-seq2seq")
    assert result.history.val_loss[-1] <= 0.15
    assert reports[-1].rollout.values.shape == (40,)
    assert sum(w.size for w in result.model.get_weights()) == 461


def test_r5_mlp_loss_after_50_epochs() -> None:
    _, reports, result = train("sine-mlp-regression")
    assert result.history.loss[-1] <= 0.005
    assert reports[-1].rollout is None
    assert reports[-1].hidden.shape[1:] == (4, 20)
