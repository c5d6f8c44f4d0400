"""The plot area: the four plots and the epoch replay bar under them.

It draws either the panel's draft (an experiment's data, before any run) or one run at the
epoch the replay bar picks, with the ticked runs overlaid: their losses always, their
predictions when they learned the same data. It never computes on the GUI thread: a report
that is not computed yet (the numpy inference over that epoch's snapshot) is asked of the
:class:`ReportComputer` and drawn when it arrives; ``failed`` carries its errors.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ..core.data import Series, validation_start
from ..core.experiment import Experiment
from ..core.report import EpochReport
from ..core.session import Run
from .plots import DataPlot, DataView, LossPlot, Overlay, PredictionPlot, StatesPlot, StepAxis, overlay_color
from .replay_bar import ReplayBar
from .report_computer import ComputedReports, ReportComputer


class PlotArea(QWidget):
    """Data, loss, prediction and states plots, and the replay bar. ``report_shown`` carries
    the report now drawn (None for a draft); ``failed`` the error of a report's computing."""

    report_shown = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.data_plot = DataPlot()
        self.loss_plot = LossPlot()
        self.prediction_plot = PredictionPlot()
        self.states_plot = StatesPlot()
        self.states_plot.plot_widget.setXLink(self.prediction_plot)  # the same steps, one above the other
        self.replay_bar = ReplayBar()
        self.shown_report: EpochReport | None = None
        self.shown_run: Run | None = None
        self.axis: StepAxis | None = None
        self.wants_scores = False  # set while the Scores tab is shown: reports then come scored
        self._overlaid = False
        self._reference: Experiment | None = None
        self._ticked: list[Run] = []
        self._pending: int | None = None
        self.computer = ReportComputer()
        self.computer.finished.connect(self._on_computed)
        self.computer.failed.connect(self._on_compute_failed)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.data_plot)
        top.addWidget(self.loss_plot)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.prediction_plot)
        bottom.addWidget(self.states_plot)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(top)
        rows.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(rows, 1)
        layout.addWidget(self.replay_bar)

    def plot_views(self) -> list[QWidget]:
        """The four plots' viewports (what repaints)."""
        return [plot.viewport() for plot in (self.data_plot, self.loss_plot, self.prediction_plot,
                                             self.states_plot.plot_widget)]

    def show_draft(self, experiment: Experiment, series: Series, ticked: list[Run]) -> None:
        """An experiment's data before any run of it, with the ticked runs overlaid."""
        self.shown_report = self.shown_run = None
        self.show_data(experiment, series)
        self.loss_plot.getPlotItem().enableAutoRange()  # a new run fits its own range
        self.loss_plot.set_history([], [])
        self.loss_plot.set_marker(None)
        self._show_overlays(experiment, None, ticked)
        self.request(None, None)
        self.report_shown.emit(None)

    def show_run(self, run: Run, ticked: list[Run]) -> None:
        """Everything about ``run`` at the replay epoch, with the ticked runs overlaid."""
        self.shown_report, self.shown_run = None, run
        if run.series is not None:
            self.show_data(run.experiment, run.series)
        else:
            self.states_plot.clear()
        self._show_overlays(run.experiment, run, ticked)
        self.loss_plot.getPlotItem().enableAutoRange()  # a new run fits its own range
        self.show_history(run)
        self.show_epoch(run)

    def show_history(self, run: Run) -> None:
        """``run``'s loss curves (as they grow while it trains) and the replayed epoch."""
        self.loss_plot.set_history(run.history.loss, run.history.val_loss, *self._style(run))
        self.loss_plot.set_marker(self.replay_bar.epoch)

    def show_epoch(self, run: Run, report: EpochReport | None = None) -> None:
        """Draw ``run`` at the replay epoch (``report`` when it is already computed); a report
        not computed yet is asked for in the background and drawn when it arrives."""
        self.shown_run = run
        epoch = report.epoch if report is not None else self.replay_bar.epoch
        if epoch is None or run.series is None:
            self.loss_plot.set_marker(None)
            return
        if report is None or not report.is_computed or report.experiment != run.experiment:
            kept = run.snapshots.nearest_epoch(epoch)
            report = run.cached_report(kept) if kept is not None else None
        if report is None or (self.wants_scores and report.scores is None):
            self.request(run, epoch)
            return
        self._draw(run, report)
        self.request(None, None)  # the overlaid runs' reports, if any is not computed yet

    def request(self, run: Run | None, epoch: int | None) -> None:
        """Compute ``run`` at ``epoch`` and the overlaid runs' latest reports in the background."""
        missing = [other for other in self._same_data_overlays() if other.cached_report(None) is None]
        if run is not None or missing:
            self._pending = self.computer.request(run, epoch, missing, self.wants_scores)

    @property
    def computing(self) -> bool:
        """True while a report asked for is being computed (it is drawn when it arrives)."""
        return self._pending is not None and self.computer.is_latest(self._pending)

    def _draw(self, run: Run, report: EpochReport) -> None:
        self.loss_plot.set_marker(report.epoch)
        self.shown_report = report
        self.prediction_plot.show_report(report, self.axis, *self._style(run))
        self.states_plot.show_report(report, self.axis)
        self.report_shown.emit(report)

    def _on_computed(self, result: ComputedReports) -> None:
        if not self.computer.is_latest(result):
            return
        self._pending = None
        if result.overlays and self._reference is not None:
            self._show_overlays(self._reference, self.shown_run, self._ticked)
        run, report = result.run, result.report
        if run is not None and run is self.shown_run and report is not None and report.experiment == run.experiment:
            if self.replay_bar.epoch is None or run.snapshots.nearest_epoch(self.replay_bar.epoch) == report.epoch:
                self._draw(run, report)

    def _on_compute_failed(self, request: int, message: str) -> None:
        if self.computer.is_latest(request):
            self._pending = None
            self.failed.emit(f"The plots could not be computed: {message}")

    def show_overlay_losses(self, reference: Experiment, shown: Run | None, ticked: list[Run]) -> None:
        """Refresh the overlaid loss curves only (a ticked run is training, another is shown)."""
        self.loss_plot.set_overlays(_overlays(reference, shown, ticked))

    def show_data(self, experiment: Experiment, series: Series) -> None:
        """Show an experiment's series in the data plot and as the truth in the prediction plot."""
        xy = experiment.samples.layout == "xy"
        self.axis = StepAxis(series, xy)
        spec = experiment.rollout
        warmup = None if xy or spec.steps == 0 else (spec.start, spec.start + spec.warmup - 1)
        start = validation_start(len(series), experiment.samples, experiment.train.validation_fraction)
        self.data_plot.show_data(DataView(series, self.axis, start, warmup))
        self.prediction_plot.show_truth(self.axis, series.values)
        self.states_plot.clear()

    def _show_overlays(self, reference: Experiment, shown: Run | None, ticked: list[Run]) -> None:
        self._reference, self._ticked = reference, list(ticked)
        overlays = _overlays(reference, shown, ticked)
        self._overlaid = bool(overlays)
        self.loss_plot.set_overlays(overlays)
        self.prediction_plot.set_overlays(overlays, self.axis)

    def _same_data_overlays(self) -> list[Run]:
        """The ticked runs whose predictions are overlaid on what is shown."""
        reference = self._reference
        return [run for run in self._ticked if run is not self.shown_run and reference is not None
                and run.same_data(reference) and not run.is_training]

    def _style(self, run: Run) -> tuple[str, str | None]:
        """The shown run's legend name and colour: its own when other runs are overlaid."""
        return (run.name, overlay_color(run.id)) if self._overlaid else ("", None)


def _overlays(reference: Experiment, shown: Run | None, ticked: list[Run]) -> list[Overlay]:
    """The ticked runs other than ``shown``; their predictions only when they learned the
    same data as ``reference`` (and are not training, so nothing is computed per frame)."""
    overlays = []
    for run in ticked:
        if run is shown:
            continue
        report = run.cached_report(None) if run.same_data(reference) and not run.is_training else None
        overlays.append(Overlay(run.name, overlay_color(run.id), list(run.history.loss), list(run.history.val_loss), report))
    return overlays
