"""Teacher forcing, free running and scheduled sampling: what each feeds the network, and
what free running buys in the closed loop (the exposure-bias gap)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnstudio.core import free_running
from rnnstudio.core.experiment import Experiment, ExperimentError, TrainingMode
from rnnstudio.core.exposure_bias import GapHistory, exposure_gap
from rnnstudio.core.inference import closed_loop_rollout
from rnnstudio.core.numpy_network import NumpyNetwork
from rnnstudio.core.recipes import recipe
from rnnstudio.core.report import EpochReport
from rnnstudio.core.trainer import Trainer
from rnnstudio.core.validation import validate


def in_mode(experiment: Experiment, mode: TrainingMode, **train: object) -> Experiment:
    return dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, mode=mode, **train))


def final_gap(experiment: Experiment) -> tuple[float, float]:
    """(one-step RMSE, closed-loop RMSE) over the rollout after training ``experiment``."""
    trainer = Trainer(experiment)
    result = trainer.run()
    gap = exposure_gap(NumpyNetwork.from_keras(result.model), experiment, trainer.series)
    assert gap is not None
    return gap.one_step, gap.closed_loop


def test_free_running_keeps_r1s_closed_loop_closer_to_the_truth_than_teacher_forcing() -> None:
    """R1's 180-step rollout, the same epochs, samples and batches; three seeds each."""
    r1 = recipe("sine-simplernn")
    teacher = [final_gap(in_mode(r1, "teacher_forcing", seed=seed)) for seed in range(3)]
    free = [final_gap(in_mode(r1, "free_running", seed=seed)) for seed in range(3)]
    print("teacher forcing (one-step, closed loop):", teacher)
    print("free running    (one-step, closed loop):", free)
    teacher_closed, free_closed = np.mean([g[1] for g in teacher]), np.mean([g[1] for g in free])
    assert free_closed < 0.75 * teacher_closed
    # the price: the one-step error is not better than teacher forcing's, which trains for it alone
    assert np.mean([g[0] for g in free]) >= 0.9 * np.mean([g[0] for g in teacher])


def test_scheduled_sampling_feeds_back_a_rising_share_of_inputs_as_its_schedule_says() -> None:
    experiment = in_mode(recipe("sine-simplernn"), "scheduled_sampling", epochs=8)
    reports: list[EpochReport] = []
    Trainer(experiment).run(reports.append)
    shares = [report.fed_back for report in reports]
    planned = [free_running.feedback_chance(experiment.train, epoch) for epoch in range(1, 9)]
    assert planned == pytest.approx([epoch / 8 for epoch in range(1, 9)])
    assert shares == pytest.approx(planned, abs=0.06)  # ~1,300 coin flips an epoch


def test_teacher_forcing_feeds_back_nothing_and_free_running_everything() -> None:
    tiny = dataclasses.replace(recipe("sine-simplernn"), train=dataclasses.replace(recipe("sine-simplernn").train,
                                                                                  epochs=2))
    assert {r.fed_back for r in _reports(tiny)} == {None}
    assert {r.fed_back for r in _reports(in_mode(tiny, "free_running", horizon=4))} == {1.0}


def _reports(experiment: Experiment) -> list[EpochReport]:
    reports: list[EpochReport] = []
    Trainer(experiment).run(reports.append)
    return reports


def test_the_trained_closed_loop_is_the_one_the_studio_rolls_out() -> None:
    """Fed back inside the compiled program, a window network predicts exactly what the numpy
    closed-loop rollout predicts; fed the truth, what it predicts of each next window."""
    import tensorflow as tf

    experiment = recipe("sine-simplernn")
    trainer = Trainer(experiment)
    model = trainer.run().model
    network = NumpyNetwork.from_keras(model)
    values = trainer.series.values
    x = tf.constant(values[None, 30:50, None], tf.float32)
    horizon = 6
    targets = tf.constant(values[None, 50 : 50 + horizon, None], tf.float32)
    fed = free_running.windows_closed_loop(model, x, targets, tf.ones([1, horizon - 1], bool)).numpy()[0, :, 0]
    rollout = closed_loop_rollout(network, experiment.samples, values[30:50], horizon, 30)
    assert np.allclose(fed, rollout.values, atol=1e-4)
    true = free_running.windows_closed_loop(model, x, targets, tf.zeros([1, horizon - 1], bool)).numpy()[0, :, 0]
    windows = np.stack([values[30 + k : 50 + k] for k in range(horizon)])[:, :, None]
    assert np.allclose(true, model(windows.astype(np.float32)).numpy()[:, 0], atol=1e-5)


def test_a_sequence_network_trains_on_its_own_outputs_over_the_end_of_its_window() -> None:
    r4 = in_mode(recipe("sine-simplernn-seq2seq"), "free_running", horizon=5, epochs=3)
    reports = _reports(r4)
    assert [r.fed_back for r in reports] == [1.0, 1.0, 1.0]
    assert all(np.isfinite(r.loss) for r in reports)


def test_the_stateful_layout_refuses_free_running_and_says_why() -> None:
    errors = validate(in_mode(recipe("pulse-lstm-stateful"), "free_running"))
    assert [e.field for e in errors] == ["train.mode"]
    assert "the stateful layout trains with teacher forcing only: its chunks carry state" in errors[0].allowed


def test_modes_refuse_what_cannot_be_fed_back_naming_the_field() -> None:
    r1 = recipe("sine-simplernn")
    ensemble = dataclasses.replace(in_mode(r1, "free_running"), model=dataclasses.replace(r1.model, members=3))
    difference = dataclasses.replace(in_mode(r1, "scheduled_sampling"),
                                     data=dataclasses.replace(r1.data, scaling="difference"))
    long_horizon = in_mode(recipe("sine-simplernn-seq2seq"), "free_running", horizon=11)
    mlp = in_mode(recipe("sine-mlp-regression"), "free_running")
    assert [e.field for e in validate(ensemble)] == ["train.mode"] and "model.members = 1" in validate(ensemble)[0].allowed
    assert [e.field for e in validate(difference)] == ["train.mode"]
    assert [(e.field, e.allowed) for e in validate(long_horizon)] == [
        ("train.horizon", "the sequence layout feeds back within its window: at most samples.window (10)")]
    assert [e.field for e in validate(mlp)] == ["train.mode"]
    assert [e.field for e in validate(in_mode(r1, "free_running", horizon=1))] == ["train.horizon"]
    assert [e.field for e in validate(in_mode(r1, "sideways"))] == ["train.mode"]  # type: ignore[arg-type]


def test_the_mode_is_kept_in_the_experiments_json() -> None:
    experiment = in_mode(recipe("sine-simplernn"), "scheduled_sampling", horizon=7)
    again = Experiment.from_json(experiment.to_json())
    assert (again.train.mode, again.train.horizon) == ("scheduled_sampling", 7)
    with pytest.raises(ExperimentError, match="train.horizon"):
        Experiment.from_dict({**experiment.to_dict(), "train": {**experiment.to_dict()["train"], "horizon": "ten"}})


def test_the_gap_is_the_rmse_of_the_reports_own_one_step_and_closed_loop_predictions() -> None:
    experiment = recipe("sine-simplernn")
    trainer = Trainer(experiment)
    reports: list[EpochReport] = []
    trainer.run(reports.append)
    report = reports[-1].computed()
    rollout, one_step = report.rollout, report.one_step
    truth = trainer.series.values
    steps = rollout.index[rollout.index >= rollout.closed_loop_from]
    closed = rollout.values[rollout.index >= rollout.closed_loop_from]
    teacher = one_step.values[np.searchsorted(one_step.index, steps)]
    gap = exposure_gap(report.network, experiment, trainer.series)
    assert gap is not None and gap.steps == 180
    assert gap.closed_loop == pytest.approx(np.sqrt(np.mean((closed - truth[steps]) ** 2)))
    assert gap.one_step == pytest.approx(np.sqrt(np.mean((teacher - truth[steps]) ** 2)))
    history = GapHistory(experiment.rollout)
    history.fill(report.network, experiment, trainer.series, trainer.snapshots)
    epochs, one, closed_curve = history.arrays()
    assert list(epochs) == list(range(1, 11)) and closed_curve[-1] == pytest.approx(gap.closed_loop)



def test_the_command_line_trains_free_running_and_reports_the_gap(capsys) -> None:
    import json

    from rnnstudio.cli import main

    assert main(["train", "sine-simplernn", "--epochs", "3", "--set", "train.mode=free_running",
                 "--set", "train.horizon=4", "--json"]) == 0
    printed = capsys.readouterr()
    summary = json.loads(printed.out.strip().splitlines()[-1])
    gap = summary["exposure_gap"]
    assert gap["steps"] == 180 and gap["closed_loop"] > 0 and gap["one_step"] > 0
    assert f"closed loop over the rollout's 180 steps: RMSE {gap['closed_loop']:.6g}" in printed.err
    assert "(trained with free running)" in printed.err
    assert main(["train", "pulse-lstm-stateful", "--set", "train.mode=free_running"]) == 2
    assert "train.mode = 'free_running': free running needs the windows or sequence layout" in capsys.readouterr().err


def test_a_free_running_run_saves_as_plain_keras_and_reopens_with_its_mode(tmp_path) -> None:
    import keras

    from rnnstudio.core.storage import open_model, save_model

    experiment = in_mode(recipe("sine-simplernn"), "free_running", epochs=2, horizon=5)
    trainer = Trainer(experiment)
    result = trainer.run()
    path = tmp_path / "free.keras"
    save_model(path, result.model, experiment, result.history, result.snapshots, trainer.series)
    plain = keras.models.load_model(path)  # the mode is how it was trained, not what it is
    x = trainer.samples.x[:8]
    np.testing.assert_allclose(plain.predict(x, verbose=0), result.model.predict(x, verbose=0), rtol=1e-6)
    saved = open_model(path)
    assert (saved.experiment.train.mode, saved.experiment.train.horizon) == ("free_running", 5)
