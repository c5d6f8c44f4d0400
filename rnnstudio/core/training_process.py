"""Live training in a process of its own, replaced once its memory grows past a budget.

TensorFlow keeps every XLA program it compiles for the life of the process (its
``device_compilation_cache.h`` never evicts; tensorflow/tensorflow#64170): each new network
shape costs about 13 MB that nothing in the process can give back. So the window trains in
one long-lived spawned process (:class:`TrainingProcess`) and, after a run, replaces it once
it has grown :data:`MEMORY_BUDGET_MB` past its size after its first run; the replacement
starts at once, importing TensorFlow while the user looks at the finished run.

:class:`RemoteTrainer` has the :class:`~.trainer.Trainer`'s interface (``epochs()``,
``result``, Stop, Pause, Resume): the :class:`~.trainer.Trainer` runs in the process on
flags in shared memory (:class:`SharedFlag`), each epoch's report comes back over a pipe (its weights and
losses; the experiment and series stay here), its weights go into the run's snapshots here,
and the final weights into a Keras model built here. Nothing in the process touches Qt.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields
from typing import Any, NoReturn

import numpy as np

from .data import DataError, Series
from .experiment import Experiment, ExperimentError
from .history import Continuation, History, OptimizerState, TrainResult
from .models import trainable_part
from .report import EpochReport
from .snapshots import Snapshots
from .text import QT_TR_NOOP, Phrase
from .trainer import Controls, Trainer, TrainsEpochs

MEMORY_BUDGET_MB = 48.0


class TrainingProcessError(RuntimeError):
    """Training in the process failed: one line for the user, in the window's language by
    :meth:`said`."""

    def __init__(self, text: str | Phrase, died: bool = False) -> None:
        super().__init__(str(text))
        self.phrase = text if isinstance(text, Phrase) else Phrase("{text}", text=text)
        self.died = died  # the process itself ended (killed, out of memory), not the training

    def said(self, say: Callable[[str], str] = str) -> str:
        return self.phrase.said(say)


@dataclass(frozen=True)
class _Job:
    experiment: Experiment
    series: Series
    model_json: str | None  # a continued run's model and weights; None for a new run
    weights: list[np.ndarray] | None
    history: History | None
    optimizer_state: OptimizerState | None


_CONTEXT = ("experiment", "series", "views", "scores")  # the window has the first two and computes the others


@dataclass(frozen=True)
class _Epoch:
    """One epoch's report without its context, and its weights for the run's snapshots."""

    report: dict[str, Any]
    weights: list[np.ndarray]


@dataclass(frozen=True)
class _Done:
    weights: list[np.ndarray]  # the whole model's, in ``model.get_weights()`` order
    history: History
    stopped: bool
    diverged: bool
    seconds: float
    optimizer_state: OptimizerState | None
    stopped_early: bool
    resident_mb: float


def resident_mb(pid: int | None = None) -> float:
    """A process's resident memory now, in MB (this one's by default; 0 where unknown)."""
    try:
        with open(f"/proc/{pid or 'self'}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


class SharedFlag:
    """A flag in shared memory with an event's methods, for Stop and Pause across the process
    boundary. No lock: a ``multiprocessing.Event`` whose waiter is killed can block the next
    ``set()`` for ever (its condition waits for the dead sleeper), which would freeze the
    window. Waiting polls every 10 ms, well inside Stop's second."""

    def __init__(self, context: Any) -> None:
        self._value = context.RawValue("b", 0)

    def set(self) -> None:
        self._value.value = 1

    def clear(self) -> None:
        self._value.value = 0

    def is_set(self) -> bool:
        return bool(self._value.value)

    def wait(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._value.value:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True


class _Held:
    """Sent when the run begins to hold in a pause: every epoch before it has been sent."""


class _HeldMarker:
    """The process's ``held`` control: setting it sends :class:`_Held` after the epochs."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._set = False

    def set(self) -> None:
        self._set = True
        self.connection.send(_Held())

    def clear(self) -> None:
        self._set = False

    def is_set(self) -> bool:
        return self._set


def _serve(connection: Any, stop: Any, running: Any) -> None:
    """The process's loop: train each job it is sent, until it is sent None."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from .tf_runtime import tensorflow

    tensorflow()  # ready before the first job arrives
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            _train(connection, job, Controls(stop, running, _HeldMarker(connection)))
        except (DataError, ExperimentError) as error:
            connection.send(TrainingProcessError(str(error).strip().splitlines()[0]))
        except Exception as error:
            text = str(error).strip().splitlines()
            connection.send(TrainingProcessError(f"{type(error).__name__}: {text[0][:300]}" if text
                                                 else type(error).__name__))


class _LatestWeights(Snapshots):
    """The process's snapshots: only the last epoch's weights, to send with its report."""

    latest: list[np.ndarray] = []

    def add(self, epoch: int, weights: list[np.ndarray]) -> None:
        self.latest = weights


def _train(connection: Any, job: _Job, controls: Controls) -> None:
    continuation = None
    if job.model_json is not None and job.weights is not None and job.history is not None:
        import keras

        model = keras.models.model_from_json(job.model_json)
        model.set_weights(job.weights)
        continuation = Continuation(model, job.history, None, job.optimizer_state)
    latest = _LatestWeights()
    trainer = Trainer(job.experiment, job.series, continuation, latest, controls=controls)
    for report in trainer.epochs():
        connection.send(_Epoch({field.name: getattr(report, field.name) for field in fields(report)
                                if field.name not in _CONTEXT}, latest.latest))
    result = trainer.result
    assert result is not None
    connection.send(_Done(result.model.get_weights(), result.history, result.stopped, result.diverged,
                          result.seconds, result.optimizer_state, result.stopped_early, resident_mb()))


class TrainingProcess:
    """The one process the window trains in (see the module's docstring); one job at a time."""

    def __init__(self, budget_mb: float = MEMORY_BUDGET_MB) -> None:
        self.budget_mb = budget_mb
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._connection: Any = None
        self._after_first_run_mb: float | None = None
        self._busy = threading.Lock()
        self.stop_event, self.running_event = SharedFlag(self._context), SharedFlag(self._context)
        self.replaced = 0  # how many processes were retired for their memory
        self.last_resident_mb = 0.0  # the process's memory at the end of the latest run

    @property
    def pid(self) -> int | None:
        """The process's id (None before it is started)."""
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def start(self) -> None:
        """Start the process if none runs (it imports TensorFlow in the background)."""
        if self._process is not None and self._process.is_alive():
            return
        self._discard()
        ours, theirs = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(theirs, self.stop_event, self.running_event),
                                              daemon=True, name="rnnstudio-training")
        self._process.start()
        theirs.close()
        self._connection, self._after_first_run_mb = ours, None

    def run(self, job: _Job) -> Iterator[_Epoch | _Held | _Done]:
        """Send ``job`` and yield what comes back, ending with its :class:`_Done`; raises
        :class:`TrainingProcessError` when training failed or the process died."""
        if not self._busy.acquire(blocking=False):
            raise TrainingProcessError("another training is still running in the training process")
        try:
            self.start()
            try:
                self._connection.send(job)
            except OSError:
                self._died()
            while True:
                try:
                    message = self._connection.recv()
                except (EOFError, OSError):
                    self._died()
                if isinstance(message, TrainingProcessError):
                    raise message
                if isinstance(message, _Done):
                    self._after_run(message.resident_mb)
                    yield message
                    return
                yield message
        finally:
            self._busy.release()

    def _died(self) -> NoReturn:
        """The process ended under a job: forget it (the next job starts another) and say so."""
        if self._process is not None:
            self._process.join(timeout=1)
        code = self._process.exitcode if self._process is not None else None
        self._discard()
        raise TrainingProcessError(Phrase(QT_TR_NOOP("the training process ended unexpectedly (exit code {code})"),
                                          code=code), died=True)

    def _after_run(self, resident: float) -> None:
        """Replace the process once it has grown past the budget since its first run."""
        self.last_resident_mb = resident
        if self._after_first_run_mb is None:
            self._after_first_run_mb = resident
        elif resident - self._after_first_run_mb > self.budget_mb:
            self.replaced += 1
            retired = self._process
            self._ask_to_end()
            self._process = self._connection = None
            threading.Thread(target=retired.join, daemon=True, name="retired training process").start()
            self.start()

    def stop(self) -> None:
        """End the process (at quitting): asked first, terminated after 2 s."""
        self._ask_to_end()
        if self._process is not None:
            self._process.join(timeout=2)
        self._discard()

    def _ask_to_end(self) -> None:
        if self._connection is not None:
            try:
                self._connection.send(None)
                self._connection.close()
            except (OSError, ValueError):
                pass
            self._connection = None

    def _discard(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=2)
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None


_PROCESS: TrainingProcess | None = None
_PROCESS_LOCK = threading.Lock()


def training_process() -> TrainingProcess:
    """The window's training process (made on first use, started on first run)."""
    global _PROCESS
    with _PROCESS_LOCK:
        if _PROCESS is None:
            _PROCESS = TrainingProcess()
        return _PROCESS


class RemoteTrainer(TrainsEpochs):
    """A :class:`~.trainer.Trainer` run in the :class:`TrainingProcess`, with the same
    interface. Made here: the checks, the samples and scaling (so bad settings fail at once),
    the snapshots (filled as epochs arrive) and the result's Keras model."""

    def __init__(self, experiment: Experiment, series: Series | None = None,
                 continuation: Continuation | None = None, snapshots: Snapshots | None = None,
                 record_snapshots: bool = True, process: TrainingProcess | None = None) -> None:
        self.local = Trainer(experiment, series, continuation, snapshots, record_snapshots)
        self.experiment, self.series, self.continuation = experiment, self.local.series, continuation
        self.snapshots = self.local.snapshots
        self.process = process or training_process()
        self.result: TrainResult | None = None
        self._model: Future[Any] = Future()
        self._attached: TrainingProcess | None = None  # the process, while this trainer runs there
        self._stop_requested = self._pause_requested = self._held = False
        self._lock = threading.Lock()

    def request_stop(self) -> None:
        """Stop after the current compiled call; the model keeps the weights trained so far."""
        with self._lock:
            self._stop_requested, self._pause_requested = True, False
            self._apply()

    def request_pause(self) -> None:
        """Pause after the current epoch, until :meth:`resume`."""
        with self._lock:
            self._pause_requested = True
            self._apply()

    def resume(self) -> None:
        """Continue a paused run."""
        with self._lock:
            self._pause_requested = self._held = False
            self._apply()

    def _apply(self) -> None:
        """Put the requests so far on the process's events (while this trainer runs there)."""
        if self._attached is not None:
            (self._attached.stop_event.set if self._stop_requested else self._attached.stop_event.clear)()
            (self._attached.running_event.clear if self._pause_requested else self._attached.running_event.set)()

    @property
    def paused(self) -> bool:
        return self._pause_requested

    @property
    def held(self) -> bool:
        """True once the run waits for :meth:`resume` and every epoch before has been yielded."""
        return self._held

    def epochs(self) -> Iterator[EpochReport]:
        """Train in the process, yielding each finished epoch's report as it arrives."""
        continuation = self.continuation
        job = _Job(self.experiment, self.series,
                   None if continuation is None else continuation.model.to_json(),
                   None if continuation is None else continuation.model.get_weights(),
                   None if continuation is None else continuation.history,
                   None if continuation is None else continuation.optimizer_state)
        with self._lock:
            self._attached = self.process
            self._apply()
        history = continuation.history.copy() if continuation is not None else History()
        # the result's model is built here while the process trains: a large network's
        # initial weights take about a second to draw, which Stop should not wait for
        builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="result model")
        self._model = builder.submit(self.local.result_model)
        builder.shutdown(wait=False)
        last: list[np.ndarray] | None = None
        seconds = 0.0
        try:
            for message in self.process.run(job):
                if isinstance(message, _Done):
                    self.result = self._result(message)
                    return
                if isinstance(message, _Held):
                    with self._lock:
                        self._held = self._pause_requested
                    continue
                report = EpochReport(**message.report, experiment=self.experiment, series=self.series)
                if self.snapshots is not None:
                    self.snapshots.add(report.epoch, message.weights)
                history.append(*report.losses)
                if report.scored_by is not None:  # a refit epoch: keep the kept one's snapshot, which scores it
                    history.note_refit(report.scored_by[0])
                    if self.snapshots is not None:
                        self.snapshots.pin(report.scored_by[0])
                last, seconds = message.weights, report.seconds
                yield report
        except TrainingProcessError as error:
            if not error.died or last is None:
                raise
            self.result = self._salvaged(history, last, seconds)
        finally:
            with self._lock:
                self._attached, self._held = None, False

    def _salvaged(self, history: History, weights: list[np.ndarray], seconds: float) -> TrainResult:
        """The run as far as it reached the window, when the process died: stopped, its model
        holding the last epoch that arrived (no optimizer state)."""
        model = self._model.result()
        trainable_part(model).set_weights(weights)
        return TrainResult(model, history, True, False, seconds, self.snapshots, process_ended=True)

    def _result(self, done: _Done) -> TrainResult:
        model = self._model.result()
        model.set_weights(done.weights)
        return TrainResult(model, done.history, done.stopped, done.diverged, done.seconds, self.snapshots,
                           done.optimizer_state, done.stopped_early)
