"""Running one training at a time for the window: the worker thread, pause and stop, the
pause clock, and the session told of every step.

The controller starts a :class:`TrainingWorker` in a QThread and hands what it reports to
the :class:`Session` (``begin_training``, ``record_progress``, ``finish_training``); the
window only listens to the session. The :class:`FrameGate` lets the window ask for the next
computed report once it has drawn the last one.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from ..core.divergence import divergence_cause
from ..core.experiment import Experiment
from ..core.history import Continuation, TrainResult
from ..core.report import EpochLosses, EpochReport
from ..core.run import Run
from ..core.session import Session
from .i18n import tr
from .runs_dock import STATE_NAMES
from .worker import FrameGate, TrainingWorker, start_in_thread


class TrainingController(QObject):
    """Starts, pauses and stops the session's one training. ``ended(run)`` is emitted once
    the session has the outcome; ``failed(message)`` says why a run failed or diverged."""

    ended = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session, parent: QObject) -> None:
        super().__init__(parent)
        self.session = session
        self.gate = FrameGate()
        self.worker: TrainingWorker | None = None
        self.thread: QThread | None = None
        self._finished_worker: TrainingWorker | None = None
        self.paused = False
        self._started_at = self._paused_seconds = self._paused_since = 0.0
        self._first_epoch = 1

    @property
    def is_training(self) -> bool:
        return self.worker is not None

    def start(self, run: Run, experiment: Experiment, continuation: Continuation | None) -> None:
        """Train ``run`` on ``experiment`` (on from ``continuation`` when given)."""
        self.session.begin_training(run, experiment)
        self.gate.want_report()
        self._first_epoch = run.epochs_run + 1
        self.paused = False
        self.worker = TrainingWorker(experiment, self.gate, run.series, continuation, run.snapshots)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._started_at = time.perf_counter()
        self._paused_seconds = self._paused_since = 0.0
        self.thread = start_in_thread(self.worker, self)
        self.thread.finished.connect(self._on_thread_finished)

    def train_draft(self) -> Run | None:
        """Train the session's draft as a new run (when it is valid and nothing trains)."""
        draft = self.session.draft
        if draft.experiment is None or draft.series is None or self.is_training:
            return None
        run = Run(self.session.name_for(draft.experiment), draft.experiment, draft.series)
        self.start(run, draft.experiment, None)  # training before it is shown: its fields lock
        self.session.add(run)
        return run

    def train_more(self, run: Run, epochs: int) -> bool:
        """Continue ``run`` for ``epochs`` more epochs from its weights (and its optimizer's
        state while the run is in memory; a run from a file says it starts a fresh one)."""
        if self.is_training or run.model is None or run.series is None or run.is_training:
            return False
        experiment, continuation = run.continuation(epochs)
        self.start(run, experiment, continuation)
        if continuation.optimizer_state is None:
            self.session.note(run, tr("Trained more with a fresh optimizer: the optimizer's state (momentum, step "
                                      "counts) is not kept in model files"))
        return True

    def toggle_pause(self) -> None:
        """Pause between epochs, or resume."""
        if self.worker is None:
            return
        self.paused = not self.paused
        if self.paused:
            self._paused_since = time.perf_counter()
            self.worker.request_pause()
        else:
            self._paused_seconds += time.perf_counter() - self._paused_since
            self.worker.resume()

    def stop(self) -> None:
        """Stop after the current chunk of batches (tens of milliseconds)."""
        if self.worker is not None:
            self.worker.request_stop()

    def rate_text(self, epoch: int, epochs: int) -> str:
        """Epochs per second and time left, from the time trained so far (pauses left out)."""
        if self.paused:
            return tr("paused")
        paused = self._paused_seconds
        elapsed = max(time.perf_counter() - self._started_at - paused, 1e-9)
        rate = (epoch - self._first_epoch + 1) / elapsed
        left = (epochs - epoch) / rate if rate > 0 else 0.0
        return tr("{rate} epochs/s, {left} left").format(rate=f"{rate:.1f}", left=duration(left))

    def progress_of(self, run: Run | None) -> tuple[int, int, str]:
        """(epochs done, epochs in all, a line) for the progress strip: the training run's
        rate and time left, how a finished run ended, or the draft's planned epochs."""
        if run is None:
            experiment = self.session.draft.experiment
            return 0, experiment.train.epochs if experiment else 0, ""
        total = max(run.experiment.train.epochs, run.epochs_run)  # a refit trains past them
        if run.is_training:
            return run.epochs_run, total, (self.rate_text(run.epochs_run, total) if run.epochs_run
                                           else tr("compiling the training step…"))
        state = tr(STATE_NAMES.get(run.state, run.state))
        ended = tr("{state} in {time}").format(state=state, time=duration(run.seconds)) if run.seconds else state
        if run.history.refit is not None:  # early stopping, then training on the validation part too
            return run.epochs_run, run.epochs_run, ended + tr(
                "; best epoch {epoch}, then {count} epochs of refit on every sample").format(
                epoch=run.history.refit[0], count=run.history.refit_epochs)
        if run.history.kept is not None:  # early stopping: the run ended before its epochs, on purpose
            return run.epochs_run, run.epochs_run, ended + tr("; stopped early, kept epoch {epoch} (best validation)").format(
                epoch=run.history.kept)
        return run.epochs_run, total, ended

    def shutdown(self) -> None:
        """Stop training and wait for the thread, so nothing outlives the window."""
        if self.worker is not None:
            for signal in (self.worker.progressed, self.worker.finished, self.worker.failed):
                signal.disconnect()
            self.worker.request_stop()
        if self.thread is not None and shiboken6.isValid(self.thread):
            self.thread.quit()
            self.thread.wait()
        self.worker = self.thread = None

    def _on_progress(self, losses: list[EpochLosses], report: EpochReport) -> None:
        self.session.record_progress(losses, report)

    def _on_finished(self, result: TrainResult, report: EpochReport | None) -> None:
        self._finished_worker, self.worker = self.worker, None
        run = self.session.finish_training(result, report)
        if run is None:
            return
        if result.process_ended:
            self.failed.emit(tr("The training process ended unexpectedly after epoch {epoch}. The run keeps its "
                                "epochs so far: Train more goes on from there.").format(epoch=result.epochs_run))
        if result.diverged:
            epochs = result.epochs_run
            kept = tr("Kept the weights of epoch {epoch}.").format(epoch=epochs) if epochs else tr(
                "No epoch finished: nothing to keep.")
            self.failed.emit(tr("Training diverged after epoch {epoch} (the loss became NaN or infinite).").format(
                epoch=epochs) + " " + kept + " " + tr("Likely cause: {cause}.").format(
                cause=divergence_cause(run.experiment, run.series)))
        self.ended.emit(run)

    def _on_failed(self, message: str) -> None:
        self._finished_worker, self.worker = self.worker, None
        run = self.session.fail_training(message)
        self.failed.emit(tr("Training failed: {message}").format(message=message))
        self.ended.emit(run)

    def _on_thread_finished(self) -> None:
        self.thread = self._finished_worker = None


def duration(seconds: float) -> str:
    """``12.6 s`` or ``3 min 05 s``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s"
