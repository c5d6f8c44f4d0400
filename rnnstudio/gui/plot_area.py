"""The plot area: the four plots and the epoch replay bar under them, drawing what the
session says is shown.

It draws either the session's draft (an experiment's data, before any run) or the selected
run at the session's replayed epoch, with the overlaid runs: their losses always, their
predictions when they learned the same data. It never computes on the GUI thread: a report
that is not computed yet (the numpy inference over that epoch's snapshot) is asked of the
:class:`ReportComputer` and drawn when it arrives; ``failed`` carries its errors.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from ..core.data import Series, validation_start
from ..core.experiment import Experiment
from ..core.report import EpochReport
from ..core.run import Run
from ..core.session import Session
from .data_path_view import DataPathView
from .exposure_view import ExposureView
from .i18n import tr
from .memory_view import MemoryView
from .plots import DataPlot, DataView, LossPlot, Overlay, PredictionPlot, StatesPlot, StepAxis
from .replay_bar import ReplayBar
from .report_computer import ComputedReports, ReportComputer


class PlotArea(QWidget):
    """Data, loss, prediction and states plots, and the replay bar. ``report_shown`` carries
    the report now drawn (None for a draft); ``failed`` the error of a report's computing."""

    report_shown = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.data_plot = DataPlot()
        self.loss_plot = LossPlot()
        self.prediction_plot = PredictionPlot()
        self.states_plot = StatesPlot()
        self.memory = MemoryView(session)
        self.closed_loop = ExposureView(session)
        self.inner_tabs = QTabWidget()
        self.inner_tabs.addTab(self.states_plot, tr("States"))
        self.inner_tabs.addTab(self.memory, tr("Memory"))
        self.inner_tabs.setTabToolTip(1, tr("Gradients through time: how far back the network's prediction reaches"))
        self.inner_tabs.addTab(self.closed_loop, tr("Closed loop"))
        self.inner_tabs.setTabToolTip(2, tr("Per epoch, the closed loop's error against the one-step error: exposure bias"))
        self.data_path = DataPathView()
        self.data_path.batch_shown.connect(self.data_plot.highlight)
        self.inner_tabs.addTab(self.data_path, tr("Data's path"))
        self.inner_tabs.setTabToolTip(3, tr("How the series becomes samples, batches and state, batch by batch"))
        self.epoch_views = (self.memory, self.closed_loop)  # tabs drawn from a run's epochs, computed while shown
        for view in self.epoch_views:
            view.failed.connect(self.failed)
        self.inner_tabs.currentChanged.connect(self._on_inner_tab)
        self.replay_bar = ReplayBar()
        self.replay_bar.epoch_chosen.connect(session.set_epoch)
        self.shown_report: EpochReport | None = None
        self.shown_run: Run | None = None
        self.axis: StepAxis | None = None
        self.wants_scores = False  # set while the Scores tab is shown: reports then come scored
        self._reference: Experiment | None = None
        self._pending: int | None = None
        self.computer = ReportComputer()
        self.computer.finished.connect(self._on_computed)
        self.computer.failed.connect(self._on_compute_failed)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.data_plot)
        top.addWidget(self.loss_plot)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.prediction_plot)
        bottom.addWidget(self.inner_tabs)
        for splitter in (top, bottom):  # side by side in equal halves: the States tab's row of controls
            for index in range(2):      # does not squeeze the prediction plot to a sliver at 1024 px
                splitter.widget(index).setMinimumWidth(220)
                splitter.setStretchFactor(index, 1)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(top)
        rows.addWidget(bottom)
        self._rows, self._splitter = (top, bottom), rows
        self.enlarged: QWidget | None = None
        self._sizes: list[list[int]] = []  # the splitters' sizes before a plot was enlarged
        self._enlarge_buttons = {plot.add_enlarge_button(): panel for plot, panel in (
            (self.data_plot, self.data_plot), (self.loss_plot, self.loss_plot),
            (self.prediction_plot, self.prediction_plot),
            (self.states_plot.plot_widget, self.inner_tabs), (self.memory.plot.canvas, self.inner_tabs),
            (self.closed_loop.plot, self.inner_tabs), (self.data_path.plot, self.inner_tabs))}
        for button, panel in self._enlarge_buttons.items():
            button.clicked.connect(lambda _=False, panel=panel: self.enlarge(None if self.enlarged is panel else panel))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: self.enlarge(None),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(rows, 1)
        layout.addWidget(self.replay_bar)

    def enlarge(self, panel: QWidget | None) -> None:
        """Show ``panel`` (a plot, or the States/Memory tabs) alone in the plot area, or every
        plot again (None)."""
        if panel is None and self.enlarged is None:
            return  # nothing to bring back: the sizes the user has set stay
        splitters = (self._splitter, *self._rows)
        if self.enlarged is None and panel is not None:
            self._sizes = [splitter.sizes() for splitter in splitters]
        self.enlarged = panel
        for row in self._rows:
            for index in range(row.count()):
                row.widget(index).setVisible(panel is None or row.widget(index) is panel)
            row.setVisible(panel is None or row.indexOf(panel) >= 0)
        if panel is None:  # QSplitter does not hand a hidden child's room on by itself
            for splitter, sizes in zip(splitters, self._sizes):
                splitter.setSizes(sizes)
        else:
            for splitter in splitters:
                splitter.setSizes([100_000 if splitter.widget(index).isVisibleTo(self) else 0
                                   for index in range(splitter.count())])
        for button, owner in self._enlarge_buttons.items():
            button.setChecked(owner is panel)

    def plot_views(self) -> list[QWidget]:
        """The four plots' viewports (what repaints)."""
        return [plot.viewport() for plot in (self.data_plot, self.loss_plot, self.prediction_plot,
                                             self.states_plot.plot_widget)]

    @property
    def computing(self) -> bool:
        """True while a report asked for is being computed (it is drawn when it arrives)."""
        return self._pending is not None and self.computer.is_latest(self._pending)

    # -- what is shown ---------------------------------------------------------------------------
    def show_draft(self, experiment: Experiment | None, series: Series | None) -> None:
        """An experiment's data before any run of it (nothing when there is none yet), with
        the overlaid runs."""
        self.shown_report = self.shown_run = None
        self._reference = experiment
        self.replay_bar.show_epochs([], None, True)
        if experiment is None or series is None:
            self.data_plot.clear_data()
            self.prediction_plot.clear_truth()
            self.axis = None
            self.data_path.show_experiment(None, 0)
        else:
            self.show_data(experiment, series)
        self.states_plot.clear(self.axis)
        self._show_in_epoch_views(None)
        self.loss_plot.reset(experiment.train.epochs if experiment is not None else None)
        self.show_overlays()
        self.report_shown.emit(None)

    def show_run(self, run: Run) -> None:
        """Everything about ``run`` at the replayed epoch, with the overlaid runs."""
        self.shown_report, self.shown_run, self._reference = None, run, run.experiment
        if run.series is not None:
            self.show_data(run.experiment, run.series)
        else:
            self.data_plot.clear_data()
            self.prediction_plot.clear_truth()
            self.axis = None
            self.data_path.show_experiment(None, 0)
        self.states_plot.clear(self.axis)
        self.loss_plot.reset(max(run.experiment.train.epochs, run.epochs_run))
        self.show_overlays()
        self.show_history(run)
        self.show_epoch(run)

    def show_history(self, run: Run) -> None:
        """``run``'s loss curves (as they grow while it trains), the replayable epochs and
        the replayed one."""
        self.loss_plot.set_history(run.history, *self._style(run))
        self.loss_plot.set_marker(self.session.epoch)
        self.replay_bar.show_epochs(self.session.shown_epochs(run), self.session.epoch, self.session.following,
                                    run.history.kept, run.history.refit)

    def show_epoch(self, run: Run, report: EpochReport | None = None) -> None:
        """Draw ``run`` at the session's epoch (``report`` when it is already computed); a
        report not computed yet is asked for in the background and drawn when it arrives."""
        self.shown_run = run
        epoch = self.session.epoch
        self.loss_plot.set_marker(epoch)
        self.replay_bar.show_epochs(self.session.shown_epochs(run), epoch, self.session.following, run.history.kept,
                                    run.history.refit)
        self._show_in_epoch_views(run)
        if epoch is None or run.series is None:
            return
        if report is None or report.epoch != epoch or not report.is_computed or report.experiment != run.experiment:
            report = run.cached_report(epoch)
        if report is None or (self.wants_scores and report.scores is None):
            self.request(run, epoch)
            return
        self._draw(run, report)
        self.request(None, None)  # the overlaid runs' reports, if any is not computed yet

    def show_overlays(self) -> None:
        """The overlaid runs' loss curves, and their predictions on the same data."""
        self._draw_overlays()
        run = self.shown_run
        self._show_in_epoch_views(run)
        if run is not None:  # its own curves take its name and colour while others are overlaid
            self.loss_plot.set_history(run.history, *self._style(run))
            if self.shown_report is not None and self.axis is not None:
                self.prediction_plot.show_report(self.shown_report, self.axis, *self._style(run), run.intervals)
        if any(other.cached_report(None) is None for other in self._same_data_overlays()):
            drawn = self.shown_report is not None and self.shown_report.epoch == self.session.epoch
            self.request(None if drawn else self.shown_run, self.session.epoch)

    def show_data(self, experiment: Experiment, series: Series) -> None:
        """Show an experiment's series in the data plot and as the truth in the prediction plot."""
        xy = not experiment.samples.plan.is_time_series
        self.axis = StepAxis(series, xy)
        spec = experiment.rollout
        warmup = None if xy or spec.steps == 0 else (spec.start, spec.start + spec.warmup - 1)
        start = validation_start(len(series), experiment.samples, experiment.train.validation_fraction)
        self.data_plot.show_data(DataView(series, self.axis, start, warmup))
        self.prediction_plot.show_truth(self.axis, series.values)
        self.data_path.show_experiment(experiment, len(series))

    # -- background computing ----------------------------------------------------------------------
    def request(self, run: Run | None, epoch: int | None) -> None:
        """Compute ``run`` at ``epoch`` and the overlaid runs' latest reports in the background."""
        missing = [other for other in self._same_data_overlays() if other.cached_report(None) is None]
        if run is not None or missing:
            self._pending = self.computer.request(run, epoch, missing, self.wants_scores)

    def _draw(self, run: Run, report: EpochReport) -> None:
        self.shown_report = report
        self.prediction_plot.show_report(report, self.axis, *self._style(run), run.intervals)
        self.prediction_plot.settle()
        if self.inner_tabs.currentWidget() is self.states_plot:  # else drawn when its tab is shown
            self.states_plot.show_report(report, self.axis)
            self.states_plot.plot_widget.settle()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # legends laid out before the paint
        self.report_shown.emit(report)

    def _show_in_epoch_views(self, run: Run | None) -> None:
        for view in self.epoch_views:
            view.show_run(run)

    def _on_inner_tab(self, index: int) -> None:
        """States, Memory or Closed loop came to the front: draw it (nothing is drawn for a hidden tab)."""
        for view in self.epoch_views:
            view.set_active(self.inner_tabs.widget(index) is view)
        self.data_path.set_active(self.inner_tabs.widget(index) is self.data_path)
        if self.inner_tabs.widget(index) is self.states_plot and self.shown_report is not None and self.axis is not None:
            self.states_plot.show_report(self.shown_report, self.axis)

    def _on_computed(self, result: ComputedReports) -> None:
        if not self.computer.is_latest(result):
            return
        self._pending = None
        if result.overlays:
            self._draw_overlays()
        run, report = result.run, result.report
        if run is not None and run is self.shown_run and report is not None and report.experiment == run.experiment \
                and report.epoch == self.session.epoch:
            self._draw(run, report)

    def _draw_overlays(self) -> None:
        """The overlaid runs' curves in the loss and prediction plots, as far as computed."""
        reference = self._reference
        overlays = _overlays(reference, self.shown_run, self.session) if reference is not None else []
        self.loss_plot.set_overlays(overlays)
        if self.axis is not None:
            self.prediction_plot.set_overlays(overlays, self.axis)

    def _on_compute_failed(self, request: int, message: str) -> None:
        if self.computer.is_latest(request):
            self._pending = None
            self.failed.emit(tr("The plots could not be computed: {message}").format(message=message))

    def _same_data_overlays(self) -> list[Run]:
        """The overlaid runs whose predictions are drawn over what is shown."""
        reference = self._reference
        return [run for run in self.session.overlaid_runs() if run is not self.shown_run and reference is not None
                and run.same_data(reference) and not run.is_training]

    def _style(self, run: Run) -> tuple[str, str | None]:
        """The shown run's legend name and colour: its own when other runs are overlaid."""
        overlaid = any(other is not run for other in self.session.overlaid_runs())
        return (run.name, self.session.color_of(run)) if overlaid else ("", None)


def _overlays(reference: Experiment, shown: Run | None, session: Session) -> list[Overlay]:
    """The overlaid runs other than ``shown``; their predictions only when they learned the
    same data as ``reference`` (and are not training, so nothing is computed per frame)."""
    overlays = []
    for run in session.overlaid_runs():
        if run is shown:
            continue
        report = run.cached_report(None) if run.same_data(reference) and not run.is_training else None
        overlays.append(Overlay(run.name, session.color_of(run), list(run.history.loss), list(run.history.val_loss),
                                report))
    return overlays
