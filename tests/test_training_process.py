"""The window's training process: the same runs as training here, Stop and continuation across
the process boundary, a dead process said plainly, and replacement once memory passes the
budget (issue 22: TensorFlow never frees a compiled XLA program)."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time

import numpy as np
import pytest

from rnnstudio.core.history import Continuation
from rnnstudio.core.inference import predict
from rnnstudio.core.models import trainable_part
from rnnstudio.core.recipes import recipe
from rnnstudio.core.trainer import Trainer
from rnnstudio.core.training_process import RemoteTrainer, TrainingProcess, TrainingProcessError

pytestmark = pytest.mark.slow  # each test starts processes that import TensorFlow


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.01)


@pytest.fixture(scope="module")
def process():
    process = TrainingProcess()
    yield process
    process.stop()


def with_epochs(experiment, epochs: int, **model):
    return dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=epochs),
                               model=dataclasses.replace(experiment.model, **model))


def test_a_run_in_the_process_is_the_run_trained_here(process):
    experiment = recipe("sine-simplernn")
    here = Trainer(experiment).run()
    remote = RemoteTrainer(experiment, process=process)
    reports = list(remote.epochs())
    there = remote.result
    assert process.pid not in (None, os.getpid())
    assert [r.epoch for r in reports] == list(range(1, experiment.train.epochs + 1))
    np.testing.assert_allclose(there.history.loss, here.history.loss, rtol=1e-5)
    np.testing.assert_allclose(there.history.val_loss, here.history.val_loss, rtol=1e-5)
    for mine, theirs in zip(there.model.get_weights(), here.model.get_weights(), strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-4, atol=1e-6)
    # the snapshots were filled here, epoch by epoch, with the weights each report shows
    assert there.snapshots.epochs == list(range(1, experiment.train.epochs + 1))
    last = reports[-1].network.with_weights(there.snapshots.weights_at(experiment.train.epochs))
    x = np.linspace(-1, 1, experiment.samples.window, dtype=np.float32)[None, :, None]
    np.testing.assert_allclose(predict(last, x), predict(reports[-1].network, x), rtol=1e-6)
    assert there.optimizer_state is not None and there.optimizer_state.iterations > 0


def test_a_run_continued_in_the_process_goes_on_from_its_weights_and_optimizer(process):
    experiment = recipe("sine-simplernn")
    first = Trainer(experiment).run()
    longer = with_epochs(experiment, 2 * experiment.train.epochs)
    here = Trainer(longer, continuation=Continuation(first.model, first.history, None, first.optimizer_state)).run()
    first_again = Trainer(experiment).run()
    there = RemoteTrainer(longer, continuation=Continuation(first_again.model, first_again.history, None,
                                                            first_again.optimizer_state), process=process).run()
    assert len(there.history.loss) == len(here.history.loss) == 2 * experiment.train.epochs
    np.testing.assert_allclose(there.history.loss, here.history.loss, rtol=1e-4)
    assert there.model is first_again.model  # the continued run's own model holds the new weights
    assert there.optimizer_state.iterations == here.optimizer_state.iterations


def test_stop_reaches_the_process_and_keeps_the_epochs_so_far(process):
    experiment = with_epochs(recipe("sine-lstm-live"), 2000)
    trainer = RemoteTrainer(experiment, process=process)
    seen = 0
    for report in trainer.epochs():
        seen = report.epoch
        trainer.request_stop()
    result = trainer.result
    assert result.stopped and seen == len(result.history.loss) < experiment.train.epochs
    assert trainer.snapshots.epochs[-1] == seen
    # the process serves the next run with Stop cleared
    assert len(RemoteTrainer(recipe("sine-simplernn"), process=process).run().history.loss) == 10


def test_a_killed_process_keeps_the_epochs_that_arrived_and_the_next_run_gets_a_new_one():
    process = TrainingProcess()
    try:
        experiment = with_epochs(recipe("sine-lstm-live"), 2000)
        trainer = RemoteTrainer(experiment, process=process)
        first_pid, seen = None, []
        for report in trainer.epochs():  # a process killed after an epoch: the run keeps what arrived
            seen.append(report.epoch)
            if first_pid is None:
                first_pid = process.pid
                os.kill(first_pid, signal.SIGKILL)
        result = trainer.result
        assert result.process_ended and result.stopped and not result.diverged
        assert len(result.history.loss) == len(seen) < experiment.train.epochs
        assert result.snapshots.latest_epoch == seen[-1]
        np.testing.assert_array_equal(trainable_part(result.model).get_weights()[0],
                                      result.snapshots.weights_at(seen[-1])[0])
        # one killed before any epoch arrived (held in a pause before its first) is said plainly
        paused = RemoteTrainer(experiment, process=process)
        paused.request_pause()
        killer = threading.Thread(target=lambda: (wait_for(lambda: paused.held), os.kill(process.pid, signal.SIGKILL)))
        killer.start()
        with pytest.raises(TrainingProcessError, match=r"ended unexpectedly \(exit code -9\)") as raised:
            paused.run()
        killer.join()
        paused.resume()  # returns at once: no lock shared with the dead process
        paused.request_stop()
        assert raised.value.died
        result = RemoteTrainer(recipe("sine-simplernn"), process=process).run()
        assert len(result.history.loss) == 10 and process.pid not in (None, first_pid)
    finally:
        process.stop()


def test_the_process_is_replaced_once_its_memory_passes_the_budget():
    # past any budget whatever its size did: two small runs may leave it no bigger (a CI run saw
    # 0 MB of growth), and what is measured here is the replacing, not the growth
    process = TrainingProcess(budget_mb=float("-inf"))
    try:
        RemoteTrainer(with_epochs(recipe("sine-simplernn"), 2, units=9), process=process).run()
        first_pid = process.pid
        assert process.replaced == 0  # its first run sets the size it is measured from
        RemoteTrainer(with_epochs(recipe("sine-simplernn"), 2, units=11), process=process).run()
        assert process.replaced == 1 and process.pid not in (None, first_pid)  # the new one starts at once
        result = RemoteTrainer(with_epochs(recipe("sine-simplernn"), 2, units=13), process=process).run()
        assert len(result.history.loss) == 2
    finally:
        process.stop()
