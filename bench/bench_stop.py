"""Benchmark: how long Stop takes to act on the biggest experiments validation accepts (issue 22).

Validation refuses a training step estimated over ``costs.MAX_STEP_SECONDS``, and the trainer
sizes each compiled call at about ``costs.CALL_SECONDS``. This takes experiments at those
limits - the largest batch an LSTM(1024) may have on 100,000 values, the longest window it
may have at batch 1, ten LSTM(256) seeds, a Dense MLP of 8 x 1024 on a long window, and a long
validation part - trains each, presses Stop once the first compiled call is over (compiling
cannot be cut: its length is printed apart), and prints the time from Stop to the end of the
run, with the longest compiled call seen. Target: Stop acts within 1 s. Then the same
through the window's training process (:mod:`rnnstudio.core.training_process`), timed to the
result arriving here: Stop pressed as long after the start as the first call took here, plus
``--after``, plus :data:`PROCESS_SETUP_SECONDS` for the process to set the run up and load
its compiled program (like compiling, that cannot be cut: pressed earlier, it is measured). It also
shows the audit's experiment (LSTM 1024, window 256, 100,000 values) refused, with its message.

Run: ``python bench/bench_stop.py [--after SECONDS]`` (Stop pressed that long after the first
call; 1.0 by default).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import threading
import time
from collections.abc import Callable

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from rnnstudio.core import compiled
from rnnstudio.core.costs import MAX_STEP_SECONDS, largest_batch_within, step_seconds
from rnnstudio.core.experiment import DataSpec, Experiment, ModelSpec, RolloutSpec, SampleSpec, TrainSpec
from rnnstudio.core.trainer import Trainer
from rnnstudio.core.training_process import RemoteTrainer, training_process
from rnnstudio.core.validation import validate

LENGTH = 100_000


def experiment(model: ModelSpec, window: int, batch_size: int, validation_fraction: float = 0.0) -> Experiment:
    return Experiment(
        name=f"{model.kind}({model.units}) x{model.layers}, {model.members} seed(s), window {window}, batch {batch_size}",
        data=DataSpec(kind="sine", length=LENGTH, period=50.0, noise="normal", noise_level=0.1),
        samples=SampleSpec(layout="windows", window=window),
        model=model,
        train=TrainSpec(epochs=1000, batch_size=batch_size, validation_fraction=validation_fraction),
        rollout=RolloutSpec(start=0, warmup=window, steps=1),
    )


def largest_batch(model: ModelSpec, window: int) -> Experiment:
    """The experiment with the largest batch validation accepts for ``model`` on ``window``."""
    probe = experiment(model, window, 1)
    return experiment(model, window, largest_batch_within(model, probe.samples, MAX_STEP_SECONDS))


def longest_window(model: ModelSpec) -> Experiment:
    """The experiment with the longest window validation accepts for ``model`` at batch 1."""
    low, high = 1, 4096
    while low < high:
        middle = (low + high + 1) // 2
        if validate(experiment(model, middle, 1)):
            high = middle - 1
        else:
            low = middle
    return experiment(model, low, 1)


def stop_latency(trainer: Trainer | RemoteTrainer, before_stop: Callable[[], None]) -> float:
    """Train, pressing Stop from another thread once ``before_stop()`` returns; the seconds
    from Stop to the run's result."""
    pressed: list[float] = []

    def press_stop() -> None:
        before_stop()
        pressed.append(time.perf_counter())
        trainer.request_stop()

    presser = threading.Thread(target=press_stop)
    presser.start()
    trainer.run()
    ended = time.perf_counter()
    presser.join()
    return ended - pressed[0]


def time_stop(subject: Experiment, after: float) -> tuple[float, float, float]:
    """(seconds of the first compiled call, longest later call, seconds from Stop to the run's end)."""
    calls: list[float] = []
    first_done = threading.Event()
    call = compiled.CompiledEpoch._call

    def timed(program: compiled.CompiledEpoch, function: object, *args: object) -> list:
        started = time.perf_counter()
        try:
            return call(program, function, *args)
        finally:
            calls.append(time.perf_counter() - started)
            first_done.set()

    compiled.CompiledEpoch._call = timed  # type: ignore[method-assign]
    try:
        latency = stop_latency(Trainer(subject), lambda: (first_done.wait(), time.sleep(after)))
    finally:
        compiled.CompiledEpoch._call = call  # type: ignore[method-assign]
    return calls[0], max(calls[1:], default=0.0), latency


PROCESS_SETUP_SECONDS = 3.0


def time_stop_in_process(subject: Experiment, press_after: float) -> float:
    """Seconds from Stop (pressed ``press_after`` s after the start) to the result arriving,
    with the run in the training process."""
    return stop_latency(RemoteTrainer(subject), lambda: time.sleep(press_after))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--after", type=float, default=1.0, help="seconds after the first call to press Stop")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    audit = experiment(ModelSpec(kind="lstm", units=1024), 256, 32)
    print(f"the audit's experiment ({audit.name}): refused: " + "; ".join(e.message for e in validate(audit)))
    lstm = ModelSpec(kind="lstm", units=1024)
    gru = largest_batch(ModelSpec(kind="gru", units=512), 64)
    subjects = [
        largest_batch(lstm, 64),
        longest_window(lstm),
        largest_batch(ModelSpec(kind="lstm", units=256, members=10), 32),
        largest_batch(ModelSpec(kind="dense", units=1024, layers=8), 512),
        dataclasses.replace(gru, train=dataclasses.replace(gru.train, validation_fraction=0.9)),
    ]
    worst = worst_in_process = 0.0
    training_process().start()
    for subject in subjects:
        errors = validate(subject)
        assert not errors, errors
        estimate = step_seconds(subject.model, subject.samples, subject.train.batch_size)
        first, longest, latency = time_stop(subject, args.after)
        worst = max(worst, latency)
        print(f"{subject.name}{', validation 90 %' if subject.train.validation_fraction else ''}: "
              f"step estimated {estimate:.2f} s; first call (compiling) {first:.1f} s, longest later call "
              f"{longest:.2f} s; Stop acted in {latency:.2f} s", flush=True)
        in_process = time_stop_in_process(subject, first + args.after + PROCESS_SETUP_SECONDS)
        worst_in_process = max(worst_in_process, in_process)
        print(f"  in the training process: Stop acted in {in_process:.2f} s", flush=True)
    print(f"worst: Stop acted in {worst:.2f} s here, {worst_in_process:.2f} s in the training process "
          f"(target: within 1 s)")


if __name__ == "__main__":
    main()
