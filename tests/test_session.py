"""Runs, epoch snapshots and training more: the Qt-free session behind the window."""

from __future__ import annotations

import dataclasses
import io
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.core.recipes import recipe
from rnnstudio.core.report import EpochReport
from rnnstudio.core.run import FINISHED, Run
from rnnstudio.core.session import Session
from rnnstudio.core.snapshots import Snapshots
from rnnstudio.core.storage import SNAPSHOTS_MEMBER, ModelFileError, open_model, save_model
from rnnstudio.core.trainer import Trainer


def short(name: str, epochs: int):
    experiment = recipe(name)
    return dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=epochs))


def trained_run(name: str, epochs: int) -> Run:
    experiment = short(name, epochs)
    trainer = Trainer(experiment)
    run = Run(name, experiment, trainer.series, snapshots=trainer.snapshots)
    result = trainer.run()
    run.finish(result, None)
    return run


@pytest.fixture(scope="module")
def pulse_run() -> Run:
    return trained_run("pulse-lstm-stateful", 60)


def test_snapshots_thin_evenly_within_the_budget_keeping_first_and_last() -> None:
    weights = [np.zeros(250, np.float32)]  # 1000 bytes a snapshot
    snapshots = Snapshots(budget_bytes=20_000)
    for epoch in range(1, 402):
        snapshots.add(epoch, weights)
    epochs = snapshots.epochs
    assert epochs[0] == 1 and epochs[-1] == 401
    assert len(epochs) <= 20 and snapshots.nbytes() <= 20_000
    gaps = set(np.diff(epochs[:-1]))
    assert gaps == {snapshots.stride} and snapshots.stride > 1


def test_every_epoch_is_kept_while_it_fits(pulse_run: Run) -> None:
    assert pulse_run.snapshots.epochs == list(range(1, 61))


def test_an_early_epoch_replays_differently_and_the_last_equals_the_final_model(pulse_run: Run) -> None:
    final = EpochReport.from_model(pulse_run.experiment, pulse_run.series, pulse_run.model, 60, 0.0, None).computed()
    last = pulse_run.computed_report_at(60)
    first = pulse_run.computed_report_at(1)
    assert np.array_equal(last.rollout.values, final.rollout.values)
    assert not np.allclose(first.rollout.values, last.rollout.values, atol=1e-3)
    assert first.loss == pulse_run.history.loss[0] and last.loss == pulse_run.history.loss[-1]


def test_changing_the_rollout_recomputes_without_training(pulse_run: Run) -> None:
    run = Run("copy", pulse_run.experiment, pulse_run.series, pulse_run.history, pulse_run.snapshots,
              template=pulse_run.template)
    before = run.latest_report().rollout
    run.set_rollout(dataclasses.replace(run.experiment.rollout, steps=80))
    after = run.latest_report().rollout
    assert len(after.values) - len(before.values) == 30
    assert np.array_equal(after.values[: len(before.values)], before.values) and run.unsaved


def test_train_more_continues_epochs_history_and_optimizer() -> None:
    run = trained_run("sine-simplernn", 3)
    state, first_losses = run.optimizer_state, list(run.history.loss)
    experiment, continuation = run.continuation(2)
    assert experiment.train.epochs == 5 and continuation.optimizer_state is state and state.iterations == 3 * 15
    trainer = Trainer(experiment, run.series, continuation)
    epochs_seen = []
    run.begin_training(experiment)
    result = trainer.run(lambda report: epochs_seen.append(report.epoch))
    run.finish(result, None)
    assert epochs_seen == [4, 5] and run.history.loss[:3] == first_losses and run.epochs_run == 5
    assert run.snapshots.epochs == [1, 2, 3, 4, 5] and run.state == FINISHED
    assert run.optimizer_state.iterations == 5 * 15  # 144 samples / batch 10 -> 15 steps an epoch


def test_snapshots_survive_save_and_open_and_the_file_still_loads_in_plain_keras(pulse_run: Run, tmp_path: Path) -> None:
    import keras

    path = tmp_path / "pulse.keras"
    save_model(path, pulse_run.model, pulse_run.experiment, pulse_run.history, pulse_run.snapshots)
    saved = open_model(path)
    assert saved.snapshots.epochs == pulse_run.snapshots.epochs
    reopened = Run("reopened", saved.experiment, pulse_run.series, saved.history, saved.snapshots,
                   template=pulse_run.template)
    assert np.array_equal(reopened.computed_report_at(7).rollout.values, pulse_run.computed_report_at(7).rollout.values)
    plain = keras.models.load_model(path)
    assert all(np.array_equal(a, b) for a, b in zip(plain.get_weights(), pulse_run.model.get_weights()))


def _with_member(source: Path, target: Path, data: bytes) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            if item.filename != SNAPSHOTS_MEMBER:
                copy.writestr(item, original.read(item))
        copy.writestr(SNAPSHOTS_MEMBER, data)
    return target


def _npz(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


@pytest.mark.parametrize("arrays, reason", [
    ({"epochs": np.array([1, 2]), "w0": np.array([object()] * 2, dtype=object)}, "do not match"),
    ({"epochs": np.array([1], dtype=object)}, "only plain numbers"),
    ({"epochs": np.array([2, 1])}, "increasing"),
])
def test_a_damaged_or_hostile_snapshot_member_is_refused(pulse_run: Run, tmp_path: Path, arrays, reason) -> None:
    path = tmp_path / "good.keras"
    save_model(path, pulse_run.model, pulse_run.experiment, pulse_run.history)
    shapes = [w.shape for w in pulse_run.model.get_weights()]
    if "w0" not in arrays:
        arrays.update({f"w{i}": np.zeros((2, *shape), np.float32) for i, shape in enumerate(shapes)})
    bad = _with_member(path, tmp_path / "bad.keras", _npz(**arrays))
    with pytest.raises(ModelFileError, match=reason):
        open_model(bad)


def test_a_snapshot_array_of_the_wrong_shape_is_refused_before_it_is_read(pulse_run: Run, tmp_path: Path) -> None:
    path = tmp_path / "good.keras"
    save_model(path, pulse_run.model, pulse_run.experiment, pulse_run.history)
    shapes = [w.shape for w in pulse_run.model.get_weights()]
    arrays = {"epochs": np.array([1])} | {f"w{i}": np.zeros((1, *shape), np.float32) for i, shape in enumerate(shapes)}
    arrays["w0"] = np.zeros((1, 5000, 5000), np.float32)
    with pytest.raises(ModelFileError, match="shape"):
        open_model(_with_member(path, tmp_path / "big.keras", _npz(**arrays)))


def test_session_names_runs_uniquely_and_lists_unsaved_ones(pulse_run: Run) -> None:
    session = Session()
    first = session.add(Run(session.unique_name("pulse"), pulse_run.experiment, pulse_run.series, pulse_run.history))
    second = session.add(Run(session.unique_name("pulse"), pulse_run.experiment, pulse_run.series, pulse_run.history))
    assert (first.name, second.name) == ("pulse", "pulse (2)")
    second.unsaved = True
    assert session.unsaved() == [second]
    assert first.network_label == "LSTM 1x20" and first.same_data(second.experiment)


def test_a_plain_keras_file_without_history_replays_its_weights(pulse_run: Run, tmp_path: Path) -> None:
    experiment = short("sine-simplernn", 1)
    trainer = Trainer(experiment)
    result = trainer.run()
    path = tmp_path / "plain.keras"
    result.model.save(path)  # plain Keras: no studio metadata, no history
    run = Run.opened("plain", open_model(path), trainer.series)
    report = run.latest_report()
    assert report.epoch == 0 and np.isnan(report.loss) and report.val_loss is None
    final = EpochReport.from_model(run.experiment, trainer.series, result.model, 1, 0.0, None).computed()
    assert np.array_equal(report.rollout.values, final.rollout.values)


class InterleavingLock:
    """A lock that lets "training" record an epoch right after the reader's first release,
    as the training thread may between two lock-holding reads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.after_release = None

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *_: object) -> None:
        self._lock.release()
        hook, self.after_release = self.after_release, None
        if hook is not None:
            hook()


def test_replaying_an_epoch_that_training_thins_away_meanwhile_shows_that_epoch(pulse_run: Run) -> None:
    weights = [pulse_run.snapshots.weights_at(epoch) for epoch in (1, 2, 3, 4, 5)]
    snapshots = Snapshots(max_count=4)
    for epoch in (1, 2, 3, 4):
        snapshots.add(epoch, weights[epoch - 1])
    lock = snapshots._lock = InterleavingLock()
    run = Run("thinned", pulse_run.experiment, pulse_run.series, pulse_run.history, snapshots,
              template=pulse_run.template)
    lock.after_release = lambda: snapshots.add(5, weights[4])  # epoch 5 arrives: 2 and 4 are thinned away
    report = run.report_at(2)
    assert snapshots.epochs == [1, 3, 5]
    assert report.epoch == 2
    assert np.array_equal(report.network.hidden[0].kernel, weights[1][0])
