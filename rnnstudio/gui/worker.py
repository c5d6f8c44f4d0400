"""Background work in a QThread: training an experiment, and importing TensorFlow.

Workers never touch widgets; they emit past-tense signals that Qt queues to the GUI thread.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QThread, Signal

from ..core.data import DataError
from ..core.experiment import Experiment, ExperimentError
from ..core.training import EpochReport, Trainer

DETAIL_INTERVAL_SECONDS = 0.05


class TrainingWorker(QObject):
    """Runs one :class:`Trainer` and reports each epoch.

    Every epoch is emitted (``epoch_finished``); its predictions, rollout and states are
    computed here, in the worker thread, at most every ``DETAIL_INTERVAL_SECONDS`` (the
    display cannot show more) and always for the last report, so the GUI never computes.
    ``finished`` carries the :class:`TrainResult` and the last, complete report.
    """

    started = Signal()
    epoch_finished = Signal(object, bool)  # EpochReport, whether its details are computed
    finished = Signal(object, object)  # TrainResult, EpochReport | None
    failed = Signal(str)

    def __init__(self, experiment: Experiment) -> None:
        super().__init__()
        self.experiment = experiment
        self.trainer: Trainer | None = None
        self._stop_requested = False
        self._last_detail = 0.0

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
            self.trainer = Trainer(self.experiment)
            if self._stop_requested:
                self.trainer.request_stop()
            self.started.emit()
            last: list[EpochReport] = []
            result = self.trainer.run(lambda report: self._on_epoch(report, last))
            final = last[-1].materialize() if last else None
            self.finished.emit(result, final)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            self.failed.emit(_one_line(error))

    def _on_epoch(self, report: EpochReport, last: list[EpochReport]) -> None:
        now = time.perf_counter()
        detailed = report.epoch == report.epochs or now - self._last_detail >= DETAIL_INTERVAL_SECONDS
        if detailed:
            report.materialize()
            self._last_detail = time.perf_counter()
        last[:] = [report]
        self.epoch_finished.emit(report, detailed)


class TensorFlowLoader(QObject):
    """Imports TensorFlow off the GUI thread so the window appears at once."""

    finished = Signal()
    failed = Signal(str)

    def run(self) -> None:
        try:
            from ..core.tf_runtime import tensorflow

            tensorflow()
            self.finished.emit()
        except Exception as error:  # noqa: BLE001
            self.failed.emit(_one_line(error))


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
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    if isinstance(error, (DataError, ExperimentError)) and first:
        return first
    return f"{type(error).__name__}: {first}" if first else type(error).__name__
