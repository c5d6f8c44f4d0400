"""One run of the studio, free of Qt.

A :class:`Run` is one training (or one opened file): its experiment, series, loss history,
weight snapshots per epoch, state and file. Everything shown of a run at some epoch -
predictions, rollout, states - is an :class:`EpochReport` computed on demand from that
epoch's snapshot by the numpy inference, so replaying an epoch or changing the rollout
needs no retraining. The runs of a window live in a :class:`~.session.Session`.
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import Series
from .experiment import Experiment, RolloutSpec
from .exposure_bias import GapHistory
from .history import Continuation, History, OptimizerState, TrainResult
from .intervals import Intervals
from .memory import GradientHistory, gradient_window
from .numpy_network import NumpyNetwork
from .report import EpochReport
from .snapshots import Snapshots
from .storage import SavedModel

if TYPE_CHECKING:
    from .backtest import Backtest

TRAINING, FINISHED, STOPPED, DIVERGED, FAILED, OPENED = "training", "finished", "stopped", "diverged", "failed", "opened"
NETWORK_NAMES = {"dense": "Dense", "simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
REPORT_CACHE_SIZE = 8
_ids = itertools.count(1)


@dataclass(eq=False)
class Run:
    """One training run (or opened model) and everything needed to show any of its epochs.

    ``model`` is the Keras model (for saving and training more); ``optimizer_state`` is
    kept while it is in memory (None for a run opened from a file).
    """

    name: str
    experiment: Experiment
    series: Series | None  # None when an opened file's data could not be loaded
    history: History = field(default_factory=History)
    snapshots: Snapshots = field(default_factory=Snapshots)
    state: str = TRAINING
    path: Path | None = None
    unsaved: bool = False
    seconds: float = 0.0
    message: str = ""
    model: Any = None
    optimizer_state: OptimizerState | None = None
    template: NumpyNetwork | None = None
    backtest: Backtest | None = None  # the last backtest of this run's experiment (not saved: its intervals are)
    intervals: Intervals | None = None  # prediction intervals from a backtest, for the kept weights
    id: int = field(default_factory=lambda: next(_ids))
    _reports: dict[int, EpochReport] = field(default_factory=dict, repr=False)
    _reports_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _gradients: dict[tuple[int, int], GradientHistory] = field(default_factory=dict, repr=False)
    _gaps: dict[RolloutSpec, GapHistory] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return f"Run({self.name!r}, id={self.id}, {self.state})"

    @classmethod
    def opened(cls, name: str, saved: SavedModel, series: Series | None) -> Run:
        """A run for an opened model file. A file without snapshots (older, or plain Keras)
        gets one: its weights, at its last epoch."""
        snapshots = saved.snapshots
        if snapshots is None:
            snapshots = Snapshots()
            snapshots.add(len(saved.history.loss), saved.model.get_weights())
        if saved.history.refit is not None:
            snapshots.pin(saved.history.refit[0])
        return cls(name, saved.experiment, series, saved.history, snapshots, state=OPENED, path=saved.path,
                   model=saved.model, template=NumpyNetwork.from_keras(saved.model), intervals=saved.intervals)

    # -- what the runs table shows -----------------------------------------------------------
    @property
    def network_label(self) -> str:
        """e.g. ``LSTM 1x20``."""
        model = self.experiment.model
        return f"{NETWORK_NAMES.get(model.kind, model.kind)} {model.layers}x{model.units}"

    @property
    def data_label(self) -> str:
        data = self.experiment.data
        if data.kind == "csv":
            return f"{Path(data.path).name} [{data.column}]"
        return data.kind if self.series is None else f"{data.kind} ({len(self.series)})"

    @property
    def epochs_run(self) -> int:
        return len(self.history.loss)

    @property
    def is_training(self) -> bool:
        return self.state == TRAINING

    @property
    def savable(self) -> bool:
        """Whether the run can be written to a file now: it has a model and is not training."""
        return self.model is not None and not self.is_training

    def final_and_best(self, validation: bool) -> tuple[float | None, float | None]:
        """(last, lowest) loss, or val_loss with ``validation``; None where there is none."""
        values = [v for v in (self.history.val_loss if validation else self.history.loss) if v is not None]
        return (values[-1], min(values)) if values else (None, None)

    def same_data(self, experiment: Experiment) -> bool:
        """Whether this run learned the series ``experiment`` describes, in the same layout
        (so their predictions can be overlaid)."""
        return self.experiment.data == experiment.data and self.experiment.samples.layout == experiment.samples.layout

    # -- replay ----------------------------------------------------------------------------------
    def report_at(self, epoch: int) -> EpochReport | None:
        """The run as it was after ``epoch`` (the nearest one with a snapshot), its views not
        computed unless they are cached; None before the first snapshot."""
        kept = self.snapshots.nearest(epoch)
        if kept is None or self.template is None or self.series is None:
            return None
        epoch, weights = kept
        cached = self.cached_report(epoch)
        if cached is not None:
            return cached
        recorded = 1 <= epoch <= len(self.history.loss)  # epoch 0: a plain Keras file, no history
        loss = self.history.loss[epoch - 1] if recorded else float("nan")
        val_loss = self.history.val_loss[epoch - 1] if recorded else None
        refit = self.history.refit
        scorer = self.snapshots.refit_scorer(refit) if refit and self.history.scored_epoch(epoch) != epoch else None
        return EpochReport(epoch, self.experiment.train.epochs, loss, val_loss, self.seconds,
                           self.template.with_weights(weights), self.experiment, self.series,
                           scored_by=None if scorer is None else (scorer[0], self.template.with_weights(scorer[1])))

    def computed_report_at(self, epoch: int, scores: bool = False) -> EpochReport | None:
        """:meth:`report_at` with its views (and scores) computed: seconds of numpy at most,
        so called off the GUI thread. Recent ones are cached."""
        report = self.report_at(epoch)
        if report is None or (report.is_computed and (report.scores is not None or not scores)):
            return report
        return self.keep_report(report.computed(scores))

    def keep_report(self, report: EpochReport) -> EpochReport:
        """Cache a computed report of this run (one the training worker computed, say)."""
        with self._reports_lock:
            if report.experiment == self.experiment:
                self._reports.pop(report.epoch, None)
                if len(self._reports) >= REPORT_CACHE_SIZE:
                    del self._reports[next(iter(self._reports))]
                self._reports[report.epoch] = report
        return report

    def cached_report(self, epoch: int | None) -> EpochReport | None:
        """The computed report of ``epoch`` (the latest when None), if it is cached."""
        epoch = self.snapshots.latest_epoch if epoch is None else epoch
        with self._reports_lock:
            report = self._reports.get(epoch) if epoch is not None else None
        return report if report is not None and report.experiment == self.experiment else None

    def latest_report(self) -> EpochReport | None:
        """The run at its latest recorded epoch, computed (call off the GUI thread)."""
        latest = self.snapshots.latest_epoch
        return None if latest is None else self.computed_report_at(latest)

    def gradient_history(self, target_index: int | None = None, steps_back: int | None = None) -> GradientHistory | None:
        """The run's gradients through time for one prediction (by default the one
        :func:`~.memory.gradient_window` chooses), by epoch: kept across calls, filled in by
        :meth:`~.memory.GradientHistory.fill` off the GUI thread. None without data, or for
        the x -> y layout."""
        if self.series is None:
            return None
        window = gradient_window(self.experiment, self.series, target_index, steps_back)
        if window is None:
            return None
        with self._reports_lock:
            return self._gradients.setdefault((window.target_index, len(window.inputs)), GradientHistory(window))

    def fill_gradients(self, history: GradientHistory, epochs: list[int] | None = None,
                       keep_going: Callable[[], bool] = lambda: True) -> None:
        """Compute ``history``'s missing epochs (all kept ones, or ``epochs``) from this run's
        snapshots: about a millisecond each for the recipes' networks; call off the GUI thread
        (``keep_going`` is asked before each epoch)."""
        if self.template is not None:
            history.fill(self.template, self.experiment, self.snapshots, epochs, keep_going)

    def gap_history(self) -> GapHistory | None:
        """The run's exposure-bias gap over its rollout, by epoch (kept across calls, filled in
        by :meth:`fill_gap` off the GUI thread); None without data or a rollout."""
        if self.series is None or not self.experiment.samples.plan.is_time_series or not self.experiment.rollout.steps:
            return None
        with self._reports_lock:
            return self._gaps.setdefault(self.experiment.rollout, GapHistory(self.experiment.rollout))

    def fill_gap(self, history: GapHistory, wanted: int | None = None,
                 keep_going: Callable[[], bool] = lambda: True) -> None:
        """Compute ``history``'s missing epochs from this run's snapshots (call off the GUI
        thread; ``keep_going`` is asked before each epoch)."""
        if self.template is not None and self.series is not None and history.rollout == self.experiment.rollout:
            history.fill(self.template, self.experiment, self.series, self.snapshots, wanted, keep_going)

    def set_rollout(self, rollout: RolloutSpec) -> None:
        """Change the closed-loop rollout shown for this run (only inference: no retraining)."""
        if rollout != self.experiment.rollout:
            self.experiment = dataclasses.replace(self.experiment, rollout=rollout)
            self.unsaved = True

    # -- training ---------------------------------------------------------------------------------
    def continuation(self, more_epochs: int) -> tuple[Experiment, Continuation]:
        """The experiment and the starting point for training ``more_epochs`` more epochs."""
        experiment = dataclasses.replace(
            self.experiment, train=dataclasses.replace(self.experiment.train, epochs=self.epochs_run + more_epochs))
        return experiment, Continuation(self.model, self.history, self.snapshots, self.optimizer_state)

    def begin_training(self, experiment: Experiment) -> None:
        """Mark the run as training ``experiment`` (its own, or one with more epochs)."""
        self.experiment = experiment
        self.state = TRAINING
        self.message = ""
        self.backtest = self.intervals = None  # they were of the weights it had

    def record_epoch(self, report: EpochReport) -> None:
        """Take the network structure from the first report that arrives while training."""
        if self.template is None:
            self.template = report.network

    def finish(self, result: TrainResult, report: EpochReport | None) -> None:
        """Take the outcome of a training."""
        self.history = result.history
        self.model = result.model
        self.optimizer_state = result.optimizer_state
        if result.snapshots is not None:
            self.snapshots = result.snapshots
        self.seconds += result.seconds
        if report is not None and self.template is None:
            self.template = report.network
        if self.template is None and result.epochs_run:
            self.template = NumpyNetwork.from_keras(result.model)
        self.state = DIVERGED if result.diverged else STOPPED if result.stopped else FINISHED
        self.unsaved = self.unsaved or result.epochs_run > 0
        with self._reports_lock:
            self._reports.clear()
        if report is not None and report.is_computed and report.epoch == self.snapshots.latest_epoch:
            self.keep_report(report)  # already computed by the worker

    def fail(self, message: str) -> None:
        self.state = FAILED
        self.message = message
