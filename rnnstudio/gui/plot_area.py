"""The plot area: the four plots and the epoch replay bar under them.

It draws either the panel's draft (an experiment's data, before any run) or one run at the
epoch the replay bar picks, with the ticked runs overlaid: their losses always, their
predictions when they learned the same data. It never trains or computes beyond asking a
run for its report at an epoch (the numpy inference over that epoch's snapshot).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ..core.data import Series, validation_start
from ..core.experiment import Experiment
from ..core.session import Run
from ..core.training import EpochReport
from .plots import DataPlot, DataView, LossPlot, Overlay, PredictionPlot, StatesPlot, StepAxis, overlay_color
from .replay_bar import ReplayBar


class PlotArea(QWidget):
    """Data, loss, prediction and states plots, and the replay bar. ``report_shown`` carries
    the report now drawn (None for a draft)."""

    report_shown = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.data_plot = DataPlot()
        self.loss_plot = LossPlot()
        self.prediction_plot = PredictionPlot()
        self.states_plot = StatesPlot()
        self.states_plot.plot_widget.setXLink(self.prediction_plot)  # the same steps, one above the other
        self.replay_bar = ReplayBar()
        self.shown_report: EpochReport | None = None
        self.axis: StepAxis | None = None
        self._overlaid = False
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
        self.shown_report = None
        self.show_data(experiment, series)
        self.loss_plot.getPlotItem().enableAutoRange()  # a new run fits its own range
        self.loss_plot.set_history([], [])
        self.loss_plot.set_marker(None)
        self._show_overlays(experiment, None, ticked)
        self.report_shown.emit(None)

    def show_run(self, run: Run, ticked: list[Run]) -> None:
        """Everything about ``run`` at the replay epoch, with the ticked runs overlaid."""
        self.shown_report = None
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
        """Draw ``run`` at the replay epoch (``report`` when it is already computed)."""
        if report is not None and report.experiment.rollout != run.experiment.rollout:
            report = run.report_at(report.epoch)  # the rollout changed after training started
        elif report is None and self.replay_bar.epoch is not None:
            report = run.report_at(self.replay_bar.epoch)
        self.loss_plot.set_marker(None if report is None else report.epoch)
        if report is None or run.series is None:
            return
        self.shown_report = report
        self.prediction_plot.show_report(report, self.axis, *self._style(run))
        self.states_plot.show_report(report, self.axis)
        self.report_shown.emit(report)

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
        overlays = _overlays(reference, shown, ticked)
        self._overlaid = bool(overlays)
        self.loss_plot.set_overlays(overlays)
        self.prediction_plot.set_overlays(overlays, self.axis)

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
        report = run.latest_report() if run.same_data(reference) and not run.is_training else None
        overlays.append(Overlay(run.name, overlay_color(run.id), list(run.history.loss), list(run.history.val_loss), report))
    return overlays
