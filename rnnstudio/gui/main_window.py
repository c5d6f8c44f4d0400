"""The studio window: a view of a session of runs.

The Qt-free :class:`Session` owns what is shown: the runs, the selected one and its replayed
epoch, the overlays, the training run and the panel's draft. The window lays out the
widgets, turns user actions into session methods (or into the training controller's and
the file actions'), and has one refresh path: every session change arrives in
:meth:`MainWindow._on_session_change`, and the training run's progress is drawn by
:meth:`refresh_frame` on a paced timer, so one frame shows one epoch everywhere.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QScrollArea, QVBoxLayout, QWidget

from ..core.recipes import RECIPES
from ..core.run import Run
from ..core.session import Change, Session
from . import dialogs
from .auto_controller import AutoController
from .backtest_controller import BacktestController
from .bottom_area import BottomArea
from .exports import ExportMenu, ExportSubject
from .file_actions import FileActions, loss_text
from .frame_pacing import FramePacer
from .i18n import install_language, tr
from .icons import app_icon
from .language_menu import LanguageMenu
from .lesson_guide import LessonGuide, LessonMenu
from .parameter_panel import ParameterPanel
from .plot_area import PlotArea
from .runs_dock import STATE_NAMES, RunsPanel, RunsTableModel
from .scores_view import ScoresView
from .session_actions import SessionActions
from .settings import Settings
from .sweep_controller import SweepController
from .sweep_view import SweepView
from .training_controller import TrainingController
from .window_menus import StudioMenus
from .window_parts import BusyIndicator, ErrorBanner, add_dock
from .worker import TensorFlowLoading

LEFT, BOTTOM = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea


class MainWindow(QMainWindow):
    """The RNN Studio main window. ``training_ended`` is emitted once a run has finished,
    stopped, diverged or failed and the window shows it; ``open_finished(bool)`` once a file
    opened (True) or failed or was cancelled (False)."""

    training_ended = Signal()
    open_finished = Signal(bool)

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.language = install_language(str(self.settings.get("language")))  # before any widget takes a text
        self.setWindowIcon(app_icon())
        self.resize(1360, 900)
        self.session = Session()
        self.tf_ready = False
        self.loader: TensorFlowLoading | None = None
        self.training = TrainingController(self.session, self)
        self.files = FileActions(self.session, self.settings, self)
        self.sessions = SessionActions(self.session, self.files.last_folder, self)
        self.files.save_session = self.sessions.save_dialog
        self.frame_pacer = FramePacer()
        self._progress_pending = False

        self.panel = ParameterPanel()
        experiment_dock = add_dock(self, tr("Experiment"), "experiment_dock", self.panel, LEFT)
        experiment_dock.setMinimumWidth(330)
        self.resizeDocks([experiment_dock], [340], Qt.Orientation.Horizontal)
        self.runs_model = RunsTableModel(self.session)
        self.runs_panel = RunsPanel(self.runs_model)
        self.runs_dock = runs_dock = add_dock(self, tr("Runs"), "runs_dock", self.runs_panel, BOTTOM)
        self.scores = ScoresView()
        self.scores_dock = add_dock(self, tr("Scores"), "scores_dock", self.scores, BOTTOM)
        self.tabifyDockWidget(runs_dock, self.scores_dock)
        self.sweep_view = SweepView()
        self.sweep_dock = add_dock(self, tr("Sweep"), "sweep_dock", self.sweep_view, BOTTOM)
        self.tabifyDockWidget(runs_dock, self.sweep_dock)
        self.sweeps = SweepController(self.session, self.sweep_view, self.sweep_dock)
        self.backtests = BacktestController(self.session)
        self.autos = AutoController(self.session, self.panel.set_experiment, self)
        runs_dock.raise_()
        self.bottom = BottomArea(self, [runs_dock, self.scores_dock, self.sweep_dock], self.settings)
        self.sweeps.reveal = self.bottom.show_dock
        self.plots = PlotArea(self.session)
        self.error_banner = ErrorBanner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.plots, 1)
        self.setCentralWidget(central)
        self._make_status_bar()
        self._make_actions()
        self.lessons = LessonGuide(self)
        scroll = QScrollArea()  # wrapped text takes the height it needs (a dock alone would cut it)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.lessons)
        self.lesson_dock = add_dock(self, tr("Lesson"), "lesson_dock", scroll, Qt.DockWidgetArea.RightDockWidgetArea)
        self.lesson_dock.setMinimumWidth(250)
        self.lesson_dock.hide()
        self.lessons.opened.connect(self.lesson_dock.setVisible)
        self.lesson_menu = LessonMenu(self.lessons)
        self.menuBar().insertMenu(self.menus.help_menu.menuAction(), self.lesson_menu)
        view_menu = QMenu(tr("&View"), self)
        view_menu.addAction(self.bottom.action)
        view_menu.addMenu(LanguageMenu(self.settings, self))
        self.menuBar().insertMenu(self.lesson_menu.menuAction(), view_menu)

        self.repaint_timer = QTimer(self)
        self.repaint_timer.setInterval(self.frame_pacer.fastest_ms)
        self.repaint_timer.timeout.connect(self._on_frame)
        self.repaint_timer.start()
        self.session.subscribe(self._on_session_change)
        self.panel.changed.connect(self._on_panel_changed)
        self.runs_panel.edit_as_new.connect(self.edit_as_new)
        self.runs_panel.train_more.connect(self.train_more)
        self.runs_panel.delete.connect(self.delete_run)
        self.runs_panel.locate.connect(self.files.locate_data)
        self.scores_dock.visibilityChanged.connect(self._on_scores_visible)
        self.plots.report_shown.connect(self.scores.show_report)
        self.plots.failed.connect(self.show_error)
        self.panel.csv_loader.failed.connect(lambda _, message: self.show_error(
            tr("The CSV file could not be read: {message}").format(message=message)))
        self.training.failed.connect(self.show_error)
        self.sweeps.failed.connect(self.show_error)
        self.sweeps.status.connect(self.loss_label.setText)
        self.sweeps.changed.connect(self._update_actions)
        self.backtests.failed.connect(self.show_error)
        self.backtests.status.connect(self.loss_label.setText)
        self.backtests.changed.connect(self._update_actions)
        self.autos.failed.connect(self.show_error)
        self.autos.status.connect(self.loss_label.setText)
        self.autos.changed.connect(self._update_actions)
        self.training.ended.connect(self._on_training_ended)
        self.files.status.connect(self.loss_label.setText)
        self.sessions.status.connect(self.loss_label.setText)
        self.sessions.error.connect(self.show_error)
        self.files.error.connect(self.show_error)
        self.files.busy.connect(self.open_busy.setVisible)
        self.files.open_finished.connect(self.open_finished)
        self.open_busy.cancelled.connect(self.files.cancel_open)
        last = self.settings.get("last_recipe")
        if last in RECIPES:
            self.panel.choose_recipe(last)
        self._restore_geometry()
        self.bottom.start()
        self._on_panel_changed()

    # -- layout -----------------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.export_menu = ExportMenu(self.plots, self.export_subject, self)
        self.export_menu.done.connect(self.loss_label.setText)
        self.export_menu.failed.connect(self.show_error)
        self.export_menu.exported_to.connect(lambda folder: self.settings.set("export_folder", str(folder)))
        slots = {"new": self.new_experiment, "open": self.files.open_dialog, "open_session": self.sessions.open_dialog,
                 "save_session": self.sessions.save_dialog, "save": lambda: self.files.save(self.selected),
                 "save_as": lambda: self.files.save_as(self.selected), "quit": self.close, "train": self.train,
                 "pause": self.toggle_pause, "stop": self.stop,
                 "sweep": lambda: self.sweeps.ask_and_start(self), "backtest": lambda: self.backtests.ask_and_start(self),
                 "auto": lambda: self.autos.ask_and_start()}
        self.menus = StudioMenus(self, slots, self.files.recent_menu, self.export_menu)
        self.strip = self.menus.strip

    def _make_status_bar(self) -> None:
        self.loss_label = QLabel(tr("No run yet: press Train (F5)"))
        self.tf_label = QLabel(tr("Loading TensorFlow…"))
        self.tf_label.setToolTip(tr("TensorFlow loads in the background; Train is ready when it has"))
        self.open_busy = BusyIndicator()
        self.statusBar().addWidget(self.loss_label, 1)
        self.statusBar().addPermanentWidget(self.open_busy)
        self.statusBar().addPermanentWidget(self.tf_label)

    # -- TensorFlow loading -------------------------------------------------------------------
    def start_loading_tensorflow(self) -> None:
        """Import TensorFlow in the background; Train enables when it is ready."""
        self.loader = TensorFlowLoading(self, self._on_tensorflow_ready,
                                        lambda message: self.show_error(
                                            tr("TensorFlow could not be loaded: {message}").format(message=message)))

    def _on_tensorflow_ready(self) -> None:
        self.tf_ready = True
        self.tf_label.setText(tr("TensorFlow ready"))
        self._update_actions()
        self.files.set_ready()

    # -- the session, as the window sees it ------------------------------------------------------
    @property
    def selected(self) -> Run | None:
        return self.session.selected

    @property
    def is_training(self) -> bool:
        return self.training.is_training

    def _on_session_change(self, change: Change) -> None:
        """The one refresh path: what changed decides what is redrawn; the training run's
        progress waits for the next frame."""
        run = self.session.selected
        if change.what == "progress":
            self._progress_pending = True
            return
        self.bottom.count_runs(len(self.session.runs))
        if change.what == "selection" or (change.what == "draft" and run is None):
            self._show_selection()
        elif change.what == "overlays" or (change.what == "runs" and run is not None):
            self.plots.show_overlays()
        elif change.what == "epoch" and run is not None:
            self.plots.show_epoch(run)
        self.scores.show_backtest(*((run.backtest, run.intervals) if run is not None else (None, None)))
        self._show_status()
        self._update_actions()

    def _show_selection(self) -> None:
        run = self.session.selected
        if run is None:
            draft = self.session.draft
            self.plots.show_draft(draft.data, draft.series)
        else:
            self.panel.changed.disconnect(self._on_panel_changed)
            try:
                self.panel.set_experiment(run.experiment)
                self.session.set_draft(self.panel.draft())  # Train copies what the panel shows
            finally:
                self.panel.changed.connect(self._on_panel_changed)
            self.plots.show_run(run)
        self.panel.set_locked(tr("“{run}” is training: its settings cannot change now. The rollout fields still apply "
                                 "at once.").format(run=run.name) if run is not None and run.is_training else None)

    def _show_status(self) -> None:
        """The progress strip and the title describe the shown run (or the draft)."""
        self.strip.show_epochs(*self.training.progress_of(self.session.selected))
        run = self.session.selected
        name = tr("untitled") if run is None else (run.path.name if run.path else run.name)
        self.setWindowTitle(f"{name}{' *' if run is not None and run.unsaved else ''} — RNN Studio")

    def _on_panel_changed(self) -> None:
        """A user's edit. Rollout fields re-compute the selected run's rollout; any other
        field makes the panel a draft of the next run, and the plots show its data."""
        draft = self.panel.draft()
        if draft.experiment is not None and draft.experiment.name in RECIPES:
            self.settings.set("last_recipe", draft.experiment.name)
        run = self.session.selected
        self.session.set_draft(draft)
        if run is not None and draft.describes(run.experiment):
            if draft.experiment is not None:
                self.session.set_rollout(run, draft.experiment.rollout)
        elif run is not None:
            self.session.select(None)  # the panel now describes a new experiment
        self._update_actions()

    def _on_scores_visible(self, visible: bool) -> None:
        """Reports come with their scores while the Scores tab can be seen."""
        self.plots.wants_scores = visible
        self.scores.set_visible(visible)
        shown = self.plots.shown_report
        if visible and shown is not None and shown.scores is None and self.plots.shown_run is not None:
            self.plots.show_epoch(self.plots.shown_run)

    def _update_actions(self) -> None:
        self.menus.update(self.session, self.tf_ready, self.training.paused if self.is_training else None,
                          self.sweeps.running, self.backtests.running, self.autos.running)

    def show_error(self, message: str) -> None:
        """Show ``message`` in the red banner above the plots."""
        self.error_banner.show_message(message)

    def export_subject(self) -> ExportSubject:
        """What File > Export writes: the selected run as drawn, or the panel's draft; its dialogs
        open in the last export's folder (the last saved file's before any export)."""
        exported = Path(self.settings.get("export_folder") or "")
        folder = exported if str(exported) != "." and exported.is_dir() else self.files.last_folder()
        return ExportSubject.of(self.session, self.plots.shown_report, folder)

    # -- live frames ---------------------------------------------------------------------------
    def _on_frame(self) -> None:
        """Repaint timer tick: draw the training run's progress and paint it while training
        waits at its next epoch boundary, then space the next frame by what this one cost."""
        if not self._progress_pending:
            return
        started = time.perf_counter()
        self.training.gate.close()
        try:
            self.refresh_frame()
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # paint now
        finally:
            self.training.gate.open()
        self.repaint_timer.setInterval(self.frame_pacer.interval_ms(time.perf_counter() - started))

    def refresh_frame(self) -> None:
        """Draw what the training run has reported since the last frame, all at one epoch."""
        if not self._progress_pending:
            return
        self._progress_pending = False
        run = self.session.training_run
        if run is None:
            return
        self._show_status()
        self.runs_model.refresh(run)
        if run is not self.selected:
            if self.session.is_overlaid(run):
                self.plots.show_overlays()
            return
        self.loss_label.setText(loss_text(run.epochs_run, run.history.loss[-1], run.history.val_loss[-1])
                                if run.epochs_run else tr("Training {run}…").format(run=run.name))
        self.plots.show_history(run)
        if self.session.following:
            self.plots.show_epoch(run)  # the report the worker computed for this epoch, cached in the run
        self.training.gate.want_report()

    # -- training -------------------------------------------------------------------------------
    def train(self) -> None:
        """Train the panel's experiment as a new run (earlier runs stay in the list)."""
        if self.tf_ready and self.training.train_draft() is not None:
            self.error_banner.hide()

    def train_more(self, run: Run, epochs: int) -> None:
        """Continue ``run`` for ``epochs`` more epochs from its current weights."""
        if self.tf_ready and self.training.train_more(run, epochs):
            self.error_banner.hide()
            self.loss_label.setText(run.message or tr("Training {run} {epochs} more epochs…").format(run=run.name,
                                                                                                     epochs=epochs))
            self._show_selection()

    def toggle_pause(self) -> None:
        self.training.toggle_pause()
        self._show_status()
        self._update_actions()

    def stop(self) -> None:
        self.sweeps.stop()
        self.backtests.stop()
        self.autos.stop()
        if self.is_training:
            self.training.stop()
            self.strip.rate_label.setText(tr("stopping…"))

    def _on_training_ended(self, run: Run | None) -> None:
        self._progress_pending = False
        if run is not None and run.epochs_run:
            state = tr(STATE_NAMES.get(run.state, run.state))
            losses = loss_text(run.epochs_run, run.history.loss[-1], run.history.val_loss[-1])
            self.loss_label.setText(tr("{run} {state}: {losses}").format(run=run.name, state=state, losses=losses))
        elif run is not None and run.state != "failed":
            self.loss_label.setText(tr("{run} stopped before the first epoch finished").format(run=run.name))
        if run is not None and run is self.selected:
            self._show_selection()
        self._show_status()
        self._update_actions()
        self.training_ended.emit()

    # -- runs -------------------------------------------------------------------------------------
    def new_experiment(self) -> None:
        """Put the last recipe in the panel as the next run; every run stays in the list."""
        self.session.select(None)
        last = self.settings.get("last_recipe")
        self.panel.choose_recipe(last if last in RECIPES else "pulse-lstm-stateful")

    def edit_as_new(self, run: Run) -> None:
        """Copy ``run``'s experiment into the panel, for a new run."""
        self.session.select(None)
        self.panel.set_experiment(run.experiment)
        self.loss_label.setText(tr("The panel holds a copy of “{run}”: change it and press Train for a new run").format(
            run=run.name))

    def delete_run(self, run: Run) -> None:
        """Remove ``run`` from the list (asks first when it is unsaved)."""
        if run.is_training or (run.unsaved and run.epochs_run and not dialogs.ask_delete_unsaved(self, run)):
            return
        self.session.remove(run)

    # -- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.confirm_quit(self.session.training_run):
            event.ignore()
            return
        self.stop_threads()
        self.settings.set("geometry", self.saveGeometry())
        self.settings.set("window_state", self.saveState())
        self.settings.sync()
        event.accept()

    def stop_threads(self) -> None:
        """Stop training and wait for every worker thread, so nothing outlives the window."""
        self.repaint_timer.stop()
        self.plots.replay_bar.timer.stop()
        self.lessons.timer.stop()
        self.panel.csv_loader.shutdown()
        self.files.shutdown()
        self.sessions.shutdown()
        self.plots.computer.shutdown()
        for view in self.plots.epoch_views:
            view.shutdown()
        self.sweeps.shutdown()
        self.backtests.shutdown()
        self.autos.shutdown()
        self.training.shutdown()
        if self.loader is not None:
            self.loader.wait()

    def _restore_geometry(self) -> None:
        for key, restore in (("geometry", self.restoreGeometry), ("window_state", self.restoreState)):
            value = self.settings.get(key)
            if value:
                restore(value)

