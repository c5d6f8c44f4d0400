"""Sweeps: one experiment trained over a grid of values of some fields (and seeds), each run an
ordinary run, in worker processes up to the machine's cores.

:func:`sweep_points` expands ``--vary model.kind=simple_rnn,lstm --vary data.period=10,20``
into validated experiments; :class:`SweepPool` trains them in spawned worker processes (each
reuses its compiled programs across runs of the same shapes) and hands back a
:class:`SweepOutcome` per run as it finishes: its history, final weights and snapshots (so it
can become a run of the window), and the errors the sweep's plot draws. Stopping terminates
the workers at once.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .estimate import training_seconds
from .experiment import Experiment, ExperimentError
from .history import History
from .overrides import parse_value, set_field
from .scaling import Scaler
from .series import Series
from .validation import validate

MAX_SWEEP_RUNS = 64
MAX_VALUES = 20


@dataclass(frozen=True)
class Variation:
    """One varied field: its dotted path and the values it takes."""

    path: str
    values: tuple[Any, ...]


def parse_variation(text: str) -> Variation:
    """``FIELD=V1,V2,...`` (each value read as JSON when it parses, else as text)."""
    path, separator, listed = text.partition("=")
    values = tuple(parse_value(value.strip()) for value in listed.split(",") if value.strip())
    if not separator or not path.strip() or not values:
        raise ExperimentError(f"--vary {text!r}: write FIELD=V1,V2,..., e.g. model.units=8,16,32")
    if len(values) > MAX_VALUES:
        raise ExperimentError(f"--vary {path}: {len(values)} values; at most {MAX_VALUES}")
    if len(set(map(repr, values))) < len(values):
        raise ExperimentError(f"--vary {path}: a value is listed twice")
    return Variation(path.strip(), values)


@dataclass(frozen=True)
class SweepPoint:
    """One run of a sweep: its varied ``settings`` (path, value) and ``seed`` offset."""

    index: int
    settings: tuple[tuple[str, Any], ...]
    seed: int
    experiment: Experiment

    @property
    def label(self) -> str:
        """e.g. ``model.kind=lstm, data.period=30, seed 1``."""
        return ", ".join([f"{path}={value}" for path, value in self.settings] + [f"seed {self.seed}"])


def sweep_points(base: Experiment, variations: list[Variation], seeds: int = 1) -> list[SweepPoint]:
    """Every combination of the ``variations``' values, each with ``seeds`` training seeds
    (``train.seed``, ``train.seed + 1``, ...); invalid combinations raise
    :class:`ExperimentError` naming the combination and the field."""
    if not 1 <= seeds <= 20:
        raise ExperimentError(f"--seeds {seeds}: must be from 1 to 20")
    paths = [variation.path for variation in variations]
    if len(set(paths)) < len(paths):
        raise ExperimentError(f"--vary: a field is varied twice ({', '.join(paths)})")
    grid = list(itertools.product(*(variation.values for variation in variations)))
    if len(grid) * seeds > MAX_SWEEP_RUNS:
        raise ExperimentError(f"the sweep has {len(grid) * seeds} runs ({len(grid)} combinations x {seeds} seeds); "
                              f"at most {MAX_SWEEP_RUNS}")
    points: list[SweepPoint] = []
    for combination in grid:
        settings = tuple(zip(paths, combination))
        for seed in range(seeds):
            raw = base.to_dict()
            for path, value in settings:
                set_field(raw, path, value)
            raw["train"]["seed"] = base.train.seed + seed
            experiment = Experiment.from_dict(raw)
            errors = validate(experiment)
            if errors:
                where = ", ".join(f"{path}={value}" for path, value in settings)
                raise ExperimentError(f"the sweep's run with {where}: {errors[0].message}")
            points.append(SweepPoint(len(points), settings, seed, experiment))
    return points


def estimated_seconds(points: list[SweepPoint], workers: int) -> float:
    """About how long the sweep takes on ``workers`` processes (generated data only)."""
    total = sum(training_seconds(point.experiment, point.experiment.data.length) for point in points
                if point.experiment.data.kind != "csv")
    return total / max(1, min(workers, len(points)))


@dataclass
class SweepOutcome:
    """One finished run: its history, final weights and snapshots (``.npz`` bytes), training
    seconds, and its errors: one step ahead on the held-out part and along the closed-loop
    rollout (None where the layout has none). ``error`` says why a run failed."""

    point: SweepPoint
    history: History | None = None
    weights: list[np.ndarray] | None = None
    snapshots: bytes = b""
    scaler: Scaler | None = None
    series: Series | None = None
    seconds: float = 0.0
    one_step_rmse: float | None = None
    closed_loop_rmse: float | None = None
    error: str | None = None

    @property
    def final_loss(self) -> float | None:
        return self.history.loss[-1] if self.history is not None and self.history.loss else None


def train_point(point: SweepPoint) -> SweepOutcome:
    """Train one point (in a worker process) and score it; any failure is the outcome's ``error``."""
    from .inference import closed_loop_rollout
    from .metrics import evaluate
    from .trainer import Trainer, scoring_network

    try:
        trainer = Trainer(point.experiment)
        started = time.perf_counter()
        trainer.run()
        seconds = time.perf_counter() - started
        result = trainer.result
        assert result is not None, "a finished run has a result"
        network = scoring_network(result)  # the validation part's scores: not of a refit that trained on it
        experiment, series = point.experiment, trainer.series
        scores = evaluate(network, experiment, series)
        closed = None
        spec = experiment.rollout
        if experiment.samples.plan.is_time_series and spec.steps:
            trace = closed_loop_rollout(network, experiment.samples, series.values[spec.start : spec.start + spec.warmup],
                                        spec.steps, spec.start)
            known = (trace.index >= trace.closed_loop_from) & (trace.index < len(series))
            if known.any():
                closed = float(np.sqrt(np.mean((trace.values[known] - series.values[trace.index[known]]) ** 2)))
        return SweepOutcome(point, result.history, result.model.get_weights(),
                            result.snapshots.to_npz() if result.snapshots is not None else b"", trainer.scaler, series,
                            seconds, scores.rows[0].rmse if scores is not None else None, closed)
    except Exception as error:  # a worker never dies of one run: the sweep goes on and says why
        return SweepOutcome(point, error=f"{type(error).__name__}: {error}")


def _work(tasks: Any, results: Any, work: Callable[[Any], Any]) -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    while True:
        point = tasks.get()
        if point is None:
            return
        results.put(work(point))


class SweepPool:
    """Spawned worker processes running ``work`` (a module-level function: by default
    :func:`train_point`) on each task; :meth:`run` blocks until every task is done or ``stop``
    is set, calling ``on_outcome`` (in the caller's thread) as each finishes."""

    def __init__(self, workers: int | None = None, work: Callable[[Any], Any] = train_point) -> None:
        self.workers = max(1, min(workers or os.cpu_count() or 1, os.cpu_count() or 1))
        self.work = work

    def run(self, points: list[Any], on_outcome: Callable[[Any], None],
            stop: threading.Event | None = None) -> list[Any]:
        context = multiprocessing.get_context("spawn")
        tasks, results = context.Queue(), context.Queue()
        processes = [context.Process(target=_work, args=(tasks, results, self.work), daemon=True)
                     for _ in range(min(self.workers, len(points)))]
        for process in processes:
            process.start()
        for point in points:
            tasks.put(point)
        for _ in processes:
            tasks.put(None)
        outcomes: list[Any] = []
        try:
            while len(outcomes) < len(points) and not (stop is not None and stop.is_set()):
                try:
                    outcome = results.get(timeout=0.1)
                except queue.Empty:
                    if not any(process.is_alive() for process in processes):
                        break  # every worker died (killed from outside): nothing more will come
                    continue
                outcomes.append(outcome)
                on_outcome(outcome)
        finally:
            for process in processes:
                if process.is_alive() and (len(outcomes) < len(points)):
                    process.terminate()
                process.join(timeout=5)
        return outcomes


def run_of(outcome: SweepOutcome, name: str) -> Any:
    """A finished run of the session for ``outcome`` (its Keras model rebuilt from the weights:
    call off the GUI thread), or None when the run failed."""
    from .models import build_model
    from .numpy_network import NumpyNetwork
    from .run import FINISHED, Run
    from .snapshots import Snapshots

    if outcome.error is not None or outcome.weights is None or outcome.history is None:
        return None
    experiment = outcome.point.experiment
    model = build_model(experiment.model, experiment.samples, experiment.train.batch_size, scaler=outcome.scaler)
    model.set_weights(outcome.weights)
    snapshots = Snapshots.from_npz(outcome.snapshots, [w.shape for w in outcome.weights]) if outcome.snapshots \
        else Snapshots()
    return Run(name, experiment, outcome.series, outcome.history, snapshots, state=FINISHED, unsaved=True,
               seconds=outcome.seconds, model=model, template=NumpyNetwork.from_keras(model))
