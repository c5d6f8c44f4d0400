"""The trainer reports every epoch, stops between batches, pauses, and survives divergence."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest

from rnnstudio.core.compiled import CompiledEpoch
from rnnstudio.core.experiment import DataSpec, Experiment, ModelSpec, RolloutSpec, SampleSpec, TrainSpec
from rnnstudio.core.inference import NumpyNetwork, predict
from rnnstudio.core.report import EpochReport
from rnnstudio.core.trainer import Trainer


def tiny(epochs: int = 3, batch_size: int = 8, learning_rate: float = 0.01, length: int = 80, optimizer: str = "adam") -> Experiment:
    return Experiment(
        data=DataSpec(kind="sine", length=length, period=20.0, noise="none", noise_level=0.0),
        samples=SampleSpec(layout="windows", window=5),
        model=ModelSpec(kind="lstm", units=4),
        train=TrainSpec(epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                        validation_fraction=0.2, optimizer=optimizer),
        rollout=RolloutSpec(start=0, warmup=5, steps=10),
    )


def test_each_report_shows_the_model_as_it_was_after_that_epoch() -> None:
    reports: list[EpochReport] = []
    result = Trainer(tiny(epochs=3)).run(reports.append)
    assert [r.epoch for r in reports] == [1, 2, 3] and result.epochs_run == 3
    assert [r.loss for r in reports] == result.history.loss
    assert all(r.val_loss is not None for r in reports)
    first, last = reports[0].computed(), reports[-1].computed()
    assert not np.array_equal(first.one_step.values, last.one_step.values)
    final = predict(NumpyNetwork.from_keras(result.model), Trainer(tiny()).samples.x[:, :, :])
    assert np.allclose(last.one_step.values, final[:, 0], atol=1e-6)
    assert first.rollout.c.shape == (10, 1, 4)


def test_stop_ends_the_run_between_batches_and_keeps_a_usable_model(monkeypatch: pytest.MonkeyPatch) -> None:
    experiment = tiny(epochs=3, batch_size=1, length=4000)  # 50 compiled calls of 64 batches per epoch
    trainer = Trainer(experiment)
    reports: list[EpochReport] = []
    calls_in_epoch_two: list[object] = []
    call = CompiledEpoch._call

    def call_then_stop(program: CompiledEpoch, function: object, *args: object) -> list:
        if reports:  # epoch 1 is over: stop after the 3rd call of epoch 2
            calls_in_epoch_two.append(function)
            if len(calls_in_epoch_two) == 3:
                trainer.request_stop()
        return call(program, function, *args)

    monkeypatch.setattr(CompiledEpoch, "_call", call_then_stop)
    result = trainer.run(reports.append)
    assert result.stopped and not result.diverged
    assert len(calls_in_epoch_two) == 3  # nothing ran after the stop
    assert result.epochs_run == 1  # epoch 2 was cut short: it is not in the history
    outputs = predict(NumpyNetwork.from_keras(result.model), trainer.samples.x[:5])
    assert np.all(np.isfinite(outputs))
    # the model keeps the batches of epoch 2 that ran: it is not the model of epoch 1
    assert not np.array_equal(outputs, predict(reports[0].network, trainer.samples.x[:5]))


def test_stop_before_run_trains_nothing() -> None:
    trainer = Trainer(tiny())
    trainer.request_stop()
    result = trainer.run()
    assert result.stopped and result.epochs_run == 0


def test_pause_holds_between_epochs_until_resume() -> None:
    trainer = Trainer(tiny(epochs=4))
    reports: list[int] = []
    seen_while_paused: list[int] = []
    paused = threading.Event()

    def on_epoch(report: EpochReport) -> None:
        reports.append(report.epoch)
        if report.epoch == 2:
            trainer.request_pause()
            paused.set()

    def watcher() -> None:
        paused.wait()
        # While paused no further epoch may arrive; the trainer thread is waiting.
        trainer._running.wait(timeout=0.3)
        seen_while_paused.append(len(reports))
        trainer.resume()

    thread = threading.Thread(target=watcher)
    thread.start()
    result = trainer.run(on_epoch)
    thread.join()
    assert seen_while_paused == [2]
    assert result.epochs_run == 4 and not result.stopped


def test_divergence_stops_and_keeps_the_last_good_weights() -> None:
    experiment = tiny(epochs=30, learning_rate=10.0, optimizer="sgd")
    experiment = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, activation="relu"))
    weights_after_epoch: list[list[np.ndarray]] = []
    trainer = Trainer(experiment)
    result = trainer.run(lambda report: weights_after_epoch.append(
        [layer.kernel.copy() for layer in report.network.hidden]))
    assert result.diverged and result.epochs_run < 30
    kept = [w for w in result.model.get_weights()]
    assert all(np.all(np.isfinite(w)) for w in kept)
    if weights_after_epoch:
        assert np.allclose(NumpyNetwork.from_keras(result.model).hidden[0].kernel, weights_after_epoch[-1][0])


def test_paused_time_is_not_training_time() -> None:
    import time

    from rnnstudio.core.recipes import recipe

    experiment = recipe("sine-simplernn")
    trainer = Trainer(dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=3)))
    trainer.request_pause()  # holds before the first epoch
    results = []
    worker = threading.Thread(target=lambda: results.append(trainer.run()))
    started = time.perf_counter()
    worker.start()
    while not trainer.held:
        time.sleep(0.01)
    time.sleep(0.8)
    trainer.resume()
    worker.join()
    wall = time.perf_counter() - started
    assert results[0].epochs_run == 3 and results[0].seconds < wall - 0.7


def overfitting(patience: int, epochs: int = 60) -> Experiment:
    """A noisy short series and a network far too big for it: the validation loss turns up."""
    return Experiment(
        data=DataSpec(kind="sine", length=90, period=15.0, noise="normal", noise_level=0.4, seed=1),
        samples=SampleSpec(layout="windows", window=10),
        model=ModelSpec(kind="lstm", units=48),
        train=TrainSpec(epochs=epochs, batch_size=8, learning_rate=0.02, validation_fraction=0.3,
                        early_stopping=patience),
        rollout=RolloutSpec(start=0, warmup=10, steps=10),
    )


def test_early_stopping_keeps_the_epoch_of_the_lowest_validation_loss(tmp_path) -> None:
    from rnnstudio.core.storage import open_model, save_model

    trainer = Trainer(overfitting(patience=8))
    result = trainer.run()
    history = result.history
    best = int(np.argmin(history.val_loss)) + 1
    assert result.stopped_early and not result.stopped and history.kept == best
    assert result.epochs_run == best + 8 < 60  # stopped once 8 epochs brought nothing lower
    model = NumpyNetwork.from_keras(result.model)
    x = trainer.samples.x[-5:]
    assert np.allclose(predict(model, x), predict(model.with_weights(result.snapshots.weights_at(best)), x), atol=1e-6)
    assert not np.allclose(predict(model, x), predict(model.with_weights(result.snapshots.weights_at(best + 8)), x))
    save_model(tmp_path / "early.keras", result.model, trainer.experiment, history)
    assert open_model(tmp_path / "early.keras").history.kept == best  # the file says which epoch it holds
    without = Trainer(overfitting(patience=0, epochs=40)).run()  # the same run without it trains on to the end
    assert without.epochs_run == 40 and without.history.kept is None and not without.stopped_early
    assert without.history.val_loss[: result.epochs_run] == pytest.approx(history.val_loss)


def big_network(validation_fraction: float) -> Experiment:
    """A network whose one training step takes ~0.1 s here: 64 steps to a call would hold Stop ~7 s."""
    return Experiment(
        data=DataSpec(kind="sine", length=1200, period=20.0, noise="none", noise_level=0.0),
        samples=SampleSpec(layout="windows", window=32),
        model=ModelSpec(kind="lstm", units=512),
        train=TrainSpec(epochs=100, batch_size=32, validation_fraction=validation_fraction),
        rollout=RolloutSpec(start=0, warmup=32, steps=10),
    )


def test_a_big_networks_compiled_calls_are_short_so_stop_acts_within_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    calls: list[tuple[str, float]] = []
    call = CompiledEpoch._call

    def timed(program: CompiledEpoch, function: object, *args: object) -> list:
        started = time.perf_counter()
        try:
            return call(program, function, *args)
        finally:
            calls.append((getattr(function, "__name__", "") or str(function), time.perf_counter() - started))

    monkeypatch.setattr(CompiledEpoch, "_call", timed)
    experiment = big_network(validation_fraction=0.8)  # a long validation part: its loss comes in several calls
    one_epoch = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=1))
    Trainer(one_epoch).run()  # compiles every shape
    calls.clear()
    assert Trainer(one_epoch).run().epochs_run == 1
    assert len(calls) >= 4 and max(seconds for _, seconds in calls) < 1.0, calls

    trainer = Trainer(big_network(validation_fraction=0.0))  # other shapes: its first call compiles
    stopped_at: list[float] = []
    timer = threading.Timer(0.5, lambda: (stopped_at.append(time.perf_counter()), trainer.request_stop()))

    def start_timer_after_compiling(program: CompiledEpoch, function: object, *args: object) -> list:
        try:
            return timed(program, function, *args)
        finally:
            if not timer.is_alive() and not stopped_at:
                timer.start()  # compiling cannot be cut: Stop comes mid-epoch, ~0.5 s into the steps

    monkeypatch.setattr(CompiledEpoch, "_call", start_timer_after_compiling)
    result = trainer.run()
    assert result.stopped and result.epochs_run == 0 and time.perf_counter() - stopped_at[0] < 1.0
