"""Background work in a QThread: training an experiment, and importing TensorFlow.

Workers never touch widgets; they emit past-tense signals that Qt queues to the GUI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from ..core.data import DataError, Series
from ..core.experiment import Experiment, ExperimentError
from ..core.history import Continuation
from ..core.report import EpochLosses, EpochReport
from ..core.snapshots import Snapshots
from ..core.training_process import RemoteTrainer, TrainingProcessError
from .background import one_line
from .i18n import tr

PROGRESS_INTERVAL_SECONDS = 0.1
LONGEST_FRAME_WAIT_SECONDS = 0.25


class FrameGate:
    """How the GUI thread and the training worker share the GIL politely.

    While the gate is closed (the GUI is drawing a frame) the worker waits at the next
    epoch boundary, at most ``LONGEST_FRAME_WAIT_SECONDS`` so a forgotten gate cannot stall
    training. And the worker computes a report's predictions, rollout and states only when
    the GUI has asked for the next one (after drawing the last), so no work is spent on
    reports that would never be shown.
    """

    def __init__(self) -> None:
        self._open = threading.Event()
        self._open.set()
        self._report_wanted = threading.Event()
        self._report_wanted.set()

    def close(self) -> None:
        self._open.clear()

    def open(self) -> None:
        self._open.set()

    def wait(self) -> None:
        """Return once the gate is open (called by the worker)."""
        self._open.wait(LONGEST_FRAME_WAIT_SECONDS)

    def want_report(self) -> None:
        """The GUI is ready to draw another detailed report."""
        self._report_wanted.set()

    def take_report_request(self) -> bool:
        """True (once) if the GUI asked for a detailed report since the last call."""
        if not self._report_wanted.is_set():
            return False
        self._report_wanted.clear()  # clearing only a set flag cannot lose a request made meanwhile
        return True


class TrainingWorker(QObject):
    """Runs one training in the training process (a :class:`RemoteTrainer`: from scratch, or
    on from a ``continuation``, recording epoch snapshots into ``snapshots``) and reports its
    progress.

    ``progressed`` carries the (loss, val_loss) of every epoch since the last signal, the
    latest :class:`EpochReport`, its predictions, rollout and states computed
    (``report.is_computed``) - here, in the worker thread, so the GUI never computes, and only when the GUI
    asked for them through the :class:`FrameGate`. It is emitted at most every
    ``PROGRESS_INTERVAL_SECONDS`` (each signal wakes the GUI thread, which competes with
    training for the GIL), when a pause begins, and for the last epoch. ``finished``
    carries the :class:`TrainResult` and the last, complete report.
    """

    progressed = Signal(object, object)  # list[tuple[float, float | None]], EpochReport
    finished = Signal(object, object)  # TrainResult, EpochReport | None
    failed = Signal(str)

    def __init__(self, experiment: Experiment, gate: FrameGate | None = None, series: Series | None = None,
                 continuation: Continuation | None = None, snapshots: Snapshots | None = None) -> None:
        super().__init__()
        self.experiment = experiment
        self.series = series
        self.continuation = continuation
        self.snapshots = snapshots
        self.gate = gate or FrameGate()
        self.trainer: RemoteTrainer | None = None
        self._stop_requested = False
        self._last_progress = 0.0
        self._unreported: list[EpochLosses] = []

    def request_stop(self) -> None:
        self._stop_requested = True
        if self.trainer is not None:
            self.trainer.request_stop()

    def request_pause(self) -> None:
        if self.trainer is not None:
            self.trainer.request_pause()

    def resume(self) -> None:
        if self.trainer is not None:
            self.trainer.resume()

    def run(self) -> None:
        """Train (in the worker thread); every outcome ends in ``finished`` or ``failed``."""
        try:
            self.trainer = RemoteTrainer(self.experiment, self.series, self.continuation, self.snapshots)
            if self._stop_requested:
                self.trainer.request_stop()
            last = None
            for report in self.trainer.epochs():
                last = self._on_epoch(report)
            result = self.trainer.result
            self.finished.emit(result, None if last is None else last.computed())
        except Exception as error:
            self.failed.emit(_one_line(error))

    def _on_epoch(self, report: EpochReport) -> EpochReport:
        """Send the epochs so far when due; the report, computed if the GUI asked for it."""
        self._unreported.append(report.losses)
        assert self.trainer is not None
        due = (report.epoch == report.epochs or self.trainer.paused
               or time.perf_counter() - self._last_progress >= PROGRESS_INTERVAL_SECONDS)
        if due:
            if report.epoch == report.epochs or self.trainer.paused or self.gate.take_report_request():
                report = report.computed()
            self.progressed.emit(self._unreported, report)
            self._unreported = []
            self._last_progress = time.perf_counter()
        self.gate.wait()
        return report


class TensorFlowLoader(QObject):
    """Imports TensorFlow off the GUI thread so the window appears at once, and starts the
    training process (which imports its own meanwhile)."""

    finished = Signal()
    failed = Signal(str)

    def run(self) -> None:
        try:
            from ..core.tf_runtime import tensorflow
            from ..core.training_process import training_process

            training_process().start()
            tensorflow()
            self.finished.emit()
        except Exception as error:
            self.failed.emit(_one_line(error))


class TensorFlowLoading:
    """TensorFlow imported in a thread of its own: ``ready()`` or ``failed(message)`` is
    called in the GUI thread when it is done."""

    def __init__(self, parent: QObject, ready: Callable[[], None], failed: Callable[[str], None]) -> None:
        self.loader: TensorFlowLoader | None = TensorFlowLoader()  # a reference keeps it alive while it runs
        self.loader.finished.connect(ready)
        self.loader.failed.connect(failed)
        self.thread: QThread | None = start_in_thread(self.loader, parent)
        self.thread.finished.connect(self._forget)

    def wait(self) -> None:
        """Wait for the import to end (at quitting)."""
        if self.thread is not None and shiboken6.isValid(self.thread):
            self.thread.quit()
            self.thread.wait()
        self._forget()

    def _forget(self) -> None:
        self.thread = self.loader = None


def start_in_thread(worker: QObject, parent: QObject) -> QThread:
    """Move ``worker`` to a new QThread that quits when the worker finishes or fails, and
    start it. The caller keeps a Python reference to ``worker`` until the thread finishes:
    PySide owns the worker, so it is not also handed to ``deleteLater``."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in (worker.finished, worker.failed):
        signal.connect(thread.quit)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


def _one_line(error: BaseException) -> str:
    """A user's error (bad data or settings) as its own message; anything else with its type."""
    if isinstance(error, TrainingProcessError):
        return error.said(tr)
    text = str(error).strip().splitlines()
    if isinstance(error, (DataError, ExperimentError)) and text:
        return text[0]
    return one_line(error)
