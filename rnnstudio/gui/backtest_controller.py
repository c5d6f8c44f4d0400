"""Training > Backtest…: retrain the selected run's experiment at several origins of its
held-out part, in a background thread, and keep the result (and its prediction intervals)
with the run. Stop ends it at once for the user: the training in progress stops within a
chunk of batches, and whatever the thread still finishes (a baseline's fit) is dropped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from ..core.backtest import DEFAULT_ORIGINS, MAX_ORIGINS, Backtest, BacktestRunner, Fold
from ..core.experiment import ExperimentError
from ..core.run import Run
from ..core.session import Session
from ..core.training_process import TrainingProcess
from .background import one_line
from .i18n import tr


class BacktestController(QObject):
    """One backtest at a time. ``status(text)`` says where it is, ``failed(message)`` why it
    could not run, ``changed()`` comes when it starts or ends."""

    fold_done = Signal(object, object)  # (runner, fold): from the backtest's thread to the GUI thread
    ended = Signal(object, object, object)  # (runner, run, Backtest or None when stopped or failed)
    failed = Signal(str)
    status = Signal(str)
    changed = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._runner: BacktestRunner | None = None
        self._thread: threading.Thread | None = None
        self._count = self._done = 0
        self.fold_done.connect(self._on_fold)
        self.ended.connect(self._on_ended)

    @property
    def running(self) -> bool:
        return self._runner is not None

    def ask_and_start(self, parent: QWidget) -> None:
        """Ask how many origins, and backtest the selected run's experiment."""
        run = self.session.selected
        if self.running:
            self.failed.emit(tr("A backtest is running: wait for it or stop it (Shift+F5) first"))
        elif run is None or run.series is None or run.is_training:
            self.failed.emit(tr("Backtest: select a run that has finished training (and has its data)"))
        else:
            count, accepted = QInputDialog.getInt(
                parent, tr("Backtest"), tr("Retrain {run}'s experiment at how many origins of its held-out part (each "
                                           "trains a new network on the values before it)?").format(run=run.name),
                DEFAULT_ORIGINS, 2, MAX_ORIGINS)
            if accepted:
                self.start(run, count)

    def start(self, run: Run, count: int) -> None:
        """Backtest ``run``'s experiment at ``count`` origins in the background."""
        assert run.series is not None
        process = TrainingProcess()  # its own, ended with it: what it compiles leaves with it
        try:
            runner = BacktestRunner(run.experiment, run.series, count, process=process)
        except ExperimentError as error:
            self.failed.emit(tr("Backtest: {error}").format(error=error))
            return
        self._runner, self._count, self._done = runner, count, 0

        def work() -> None:
            try:
                backtest = runner.run(lambda fold: self.fold_done.emit(runner, fold))
            except Exception as error:
                self.failed.emit(tr("The backtest stopped: {error}").format(error=one_line(error)))
                backtest = None
            finally:
                process.stop()
            self.ended.emit(runner, run, backtest)

        self._thread = threading.Thread(target=work, name="backtest", daemon=True)
        self._thread.start()
        self.status.emit(tr("Backtest of {run}: retraining at origin 1 of {count}…").format(run=run.name, count=count))
        self.changed.emit()

    def stop(self) -> None:
        """Stop the backtest now: nothing of it is kept."""
        if self._runner is not None:
            self._runner.request_stop()
            self._runner = None
            self.status.emit(tr("Backtest stopped: nothing was kept"))
            self.changed.emit()

    def shutdown(self) -> None:
        self.stop()
        if self._thread is not None:
            self._thread.join(timeout=2)  # a training stops within a chunk; a baseline fit may be cut off

    def _on_fold(self, runner: BacktestRunner, fold: Fold) -> None:
        if runner is not self._runner:
            return  # a stopped backtest's last words
        self._done += 1
        network, naive = fold.evaluation.row("network").mae, fold.evaluation.row("persistence").mae
        further = (tr("; retraining at origin {origin}…").format(origin=self._done + 1) if self._done < self._count
                   else tr("; scoring…"))
        self.status.emit(tr("Backtest: origin {done} of {count} done (network MAE {network}, persistence {naive})").format(
            done=self._done, count=self._count, network=f"{network:.4g}", naive=f"{naive:.4g}") + further)

    def _on_ended(self, runner: BacktestRunner, run: Run, backtest: Backtest | None) -> None:
        if runner is not self._runner:
            return  # stopped: the window has said so already
        self._runner = None
        if backtest is None:
            self.status.emit(tr("Backtest stopped: nothing was kept"))
        elif run in self.session.runs:
            self.session.set_backtest(run, backtest)
            self.status.emit(tr("Backtest of {run}: {verdict}").format(run=run.name, verdict=backtest.verdict(tr)))
        self.changed.emit()
