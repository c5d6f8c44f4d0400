"""The studio window: a view of a session of runs.

The parameter panel edits the *next* run; the plots show what the panel says (its data
before training) or the selected run at the epoch the replay bar picks, with ticked runs
overlaid. Data flows one way: the panel's Experiment goes to a :class:`TrainingWorker` in a
QThread; its per-epoch reports come back as queued signals into the run; the window draws
the latest on a paced timer. Runs, their histories and snapshots live in the Qt-free
:class:`Session`.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.data import DataError
from ..core.divergence import divergence_cause
from ..core.experiment import Experiment
from ..core.history import Continuation, TrainResult
from ..core.recipes import RECIPES
from ..core.report import EpochReport
from ..core.session import Run, Session
from ..core.storage import ModelFileError, save_model
from . import dialogs
from .exports import ExportMenu, ExportSubject
from .frame_pacing import FramePacer
from .icons import app_icon
from .model_opener import ModelOpener, OpenResult
from .parameter_panel import ROLLOUT_FIELDS, ParameterPanel
from .plot_area import PlotArea
from .recent_menu import RecentFilesMenu
from .runs_dock import RunsPanel, RunsTableModel
from .scores_view import ScoresView
from .settings import Settings
from .worker import FrameGate, TensorFlowLoader, TrainingWorker, start_in_thread

FILE_FILTER = "RNN Studio models (*.keras)"
SETTINGS_SECTIONS = ("data", "samples", "model", "train")


class MainWindow(QMainWindow):
    """The RNN Studio main window. ``training_ended`` is emitted (in the GUI thread) once a
    run has finished, stopped, diverged or failed and the window shows its outcome;
    ``open_finished(bool)`` once a file opened (True) or failed or was cancelled (False)."""

    training_ended = Signal()
    open_finished = Signal(bool)

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowIcon(app_icon())
        self.resize(1360, 900)
        self.session = Session()
        self.selected: Run | None = None
        self.training_run: Run | None = None
        self.tf_ready = False
        self.worker: TrainingWorker | None = None
        self._finished_worker: TrainingWorker | None = None
        self.thread: QThread | None = None
        self.loader_thread: QThread | None = None
        self.loader: TensorFlowLoader | None = None
        self.latest_report: EpochReport | None = None
        self.latest_epoch: EpochReport | None = None
        self._needs_repaint = False
        self._pending_open: Path | None = None
        self.opener = ModelOpener()
        self.opener.finished.connect(self._on_opened)
        self.opener.failed.connect(self._on_open_failed)
        self._started_at = self._paused_seconds = self._paused_since = 0.0
        self._first_epoch = 1
        self._paused = False
        self._syncing_panel = False
        self.frame_gate = FrameGate()
        self.frame_pacer = FramePacer()

        self.panel = ParameterPanel()
        experiment_dock = self._dock("Experiment", "experiment_dock", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        experiment_dock.setMinimumWidth(330)
        self.resizeDocks([experiment_dock], [340], Qt.Orientation.Horizontal)
        self.runs_model = RunsTableModel(self.session)
        self.runs_panel = RunsPanel(self.runs_model)
        runs_dock = self._dock("Runs", "runs_dock", self.runs_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.scores = ScoresView()
        self.scores_dock = self._dock("Scores", "scores_dock", self.scores, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(runs_dock, self.scores_dock)
        self.scores_dock.visibilityChanged.connect(self._on_scores_visible)
        runs_dock.raise_()
        self.resizeDocks([runs_dock], [200], Qt.Orientation.Vertical)

        self.plots = PlotArea()
        self.data_plot, self.loss_plot = self.plots.data_plot, self.plots.loss_plot
        self.prediction_plot, self.states_plot = self.plots.prediction_plot, self.plots.states_plot
        self.replay_bar = self.plots.replay_bar
        self.setCentralWidget(self._central())
        self._make_status_bar()
        self._make_actions()

        self.repaint_timer = QTimer(self)
        self.repaint_timer.setInterval(self.frame_pacer.fastest_ms)
        self.repaint_timer.timeout.connect(self._on_frame)
        self.repaint_timer.start()

        self.panel.changed.connect(self._on_panel_changed)
        self.runs_panel.selected.connect(self._on_run_selected)
        self.runs_panel.edit_as_new.connect(self.edit_as_new)
        self.runs_panel.train_more.connect(self.train_more)
        self.runs_panel.delete.connect(self.delete_run)
        self.runs_model.overlays_changed.connect(self.show_current)
        self.runs_model.renamed.connect(lambda run: (self.show_current(), self._update_title()))
        self.replay_bar.epoch_chosen.connect(self._on_epoch_chosen)
        self.plots.report_shown.connect(self.scores.show_report)
        self.plots.failed.connect(self.show_error)
        self.panel.csv_loader.failed.connect(lambda _, message: self.show_error(f"The CSV file could not be read: {message}"))
        last = self.settings.get("last_recipe")
        if last in RECIPES:
            self.panel.choose_recipe(last)
        self._restore_geometry()
        self._on_panel_changed()
        self._update_title()

    # -- layout -----------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _central(self) -> QWidget:
        self.error_banner = QFrame()
        self.error_banner.setStyleSheet("QFrame { background: #fdecea; border: 1px solid #d62728; border-radius: 4px; }"
                                        "QLabel { color: #8a1c1c; border: none; }")
        banner_layout = QHBoxLayout(self.error_banner)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.setToolTip("Hide this message")
        dismiss.clicked.connect(self.error_banner.hide)
        banner_layout.addWidget(self.error_label, 1)
        banner_layout.addWidget(dismiss)
        self.error_banner.hide()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.plots, 1)
        return central

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        hint = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({hint})" if hint else ""))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action("&New", self.new_experiment, QKeySequence.StandardKey.New,
                                       "Start a new experiment in the panel (the runs stay in the list)")
        self.open_action = self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open, "Open a saved model as a run")
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save, "Save the selected run")
        self.save_as_action = self._action("Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs,
                                           "Save the selected run to a new file")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit RNN Studio")
        self.train_action = self._action("&Train", self.train, "F5", "Train the panel's experiment as a new run")
        self.pause_action = self._action("&Pause", self.toggle_pause, "F6", "Pause or resume training between epochs")
        self.stop_action = self._action("S&top", self.stop, "Shift+F5", "Stop training after the current batch")

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for action in (self.new_action, self.open_action):
            file_menu.addAction(action)
        self.recent_menu = RecentFilesMenu(self.settings, self)
        self.recent_menu.chosen.connect(self.open_path)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        self.export_menu = ExportMenu(self.plots, self.export_subject, self)
        self.export_menu.done.connect(self.loss_label.setText)
        self.export_menu.failed.connect(self.show_error)
        file_menu.addMenu(self.export_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        train_menu = menu.addMenu("&Training")
        for action in (self.train_action, self.pause_action, self.stop_action):
            train_menu.addAction(action)
        help_menu = menu.addMenu("&Help")
        shortcuts = (self.new_action, self.open_action, self.save_action, self.save_as_action, self.quit_action,
                     self.train_action, self.pause_action, self.stop_action)
        help_menu.addAction(self._action("&Keyboard shortcuts", lambda: dialogs.show_shortcuts(self, list(shortcuts)),
                                         tip="List the keyboard shortcuts"))
        help_menu.addAction(self._action("&About RNN Studio", lambda: dialogs.show_about(self),
                                         tip="Versions of RNN Studio, Qt, TensorFlow and Keras"))

        toolbar = QToolBar("Training")
        toolbar.setObjectName("training_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.train_action, self.pause_action, self.stop_action):
            toolbar.addAction(action)
        pause_button = toolbar.widgetForAction(self.pause_action)
        pause_button.setMinimumWidth(pause_button.fontMetrics().horizontalAdvance("Resume") + 16)  # no jump on Resume
        toolbar.addSeparator()
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(260)
        self.progress.setFormat("epoch %v/%m")
        self.progress.setValue(0)
        self.progress.setToolTip("Epochs done out of the experiment's epochs")
        self.rate_label = QLabel()
        self.rate_label.setMinimumWidth(220)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.progress)
        row.addWidget(self.rate_label)
        toolbar.addWidget(holder)
        self.addToolBar(toolbar)

    def _make_status_bar(self) -> None:
        self.loss_label = QLabel("No run yet: press Train (F5)")
        self.tf_label = QLabel("Loading TensorFlow…")
        self.tf_label.setToolTip("TensorFlow loads in the background; Train is ready when it has")
        self.open_busy = QWidget()
        busy_row = QHBoxLayout(self.open_busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        spinner = QProgressBar()
        spinner.setRange(0, 0)  # busy, no percentage
        spinner.setMaximumWidth(120)
        cancel = QPushButton("Cancel")
        cancel.setToolTip("Stop waiting for this file")
        cancel.clicked.connect(self.cancel_open)
        busy_row.addWidget(spinner)
        busy_row.addWidget(cancel)
        self.open_busy.hide()
        self.statusBar().addWidget(self.loss_label, 1)
        self.statusBar().addPermanentWidget(self.open_busy)
        self.statusBar().addPermanentWidget(self.tf_label)

    # -- TensorFlow loading -------------------------------------------------------------------
    def start_loading_tensorflow(self) -> None:
        """Import TensorFlow in the background; Train enables when it is ready."""
        self.loader = TensorFlowLoader()  # a reference keeps the worker alive while it runs
        self.loader.finished.connect(self._on_tensorflow_ready)
        self.loader.failed.connect(lambda message: self.show_error(f"TensorFlow could not be loaded: {message}"))
        self.loader_thread = start_in_thread(self.loader, self)
        self.loader_thread.finished.connect(self._on_loader_thread_finished)

    def _on_loader_thread_finished(self) -> None:
        self.loader_thread = self.loader = None

    def _on_tensorflow_ready(self) -> None:
        self.tf_ready = True
        self.tf_label.setText("TensorFlow ready")
        self._update_actions()
        if self._pending_open is not None:
            path, self._pending_open = self._pending_open, None
            self.open_path(path)

    # -- what is shown: the panel's draft, or the selected run ----------------------------------
    @property
    def is_training(self) -> bool:
        return self.worker is not None

    def _on_panel_changed(self) -> None:
        """A user's edit. Rollout fields re-compute the selected run's rollout; any other
        field makes the panel a draft of the next run, and the plots show its data."""
        if self._syncing_panel:
            return
        experiment = self.panel.experiment()
        if experiment is not None and experiment.name in RECIPES:
            self.settings.set("last_recipe", experiment.name)
        run = self.selected
        if run is not None and _differs_only_in_rollout(self.panel, experiment, run.experiment):
            if experiment is not None and experiment.rollout != run.experiment.rollout:
                run.set_rollout(experiment.rollout)
                self.runs_model.refresh(run)
                self.show_current()
                self._update_title()
        elif run is not None:
            self.runs_panel.select(None)  # the panel now describes a new experiment
        else:
            self.show_current()
        self._update_actions()

    def _on_run_selected(self, run: Run | None) -> None:
        self.selected = run
        if run is not None:
            self._syncing_panel = True
            try:
                self.panel.set_experiment(run.experiment)
            finally:
                self._syncing_panel = False
            self.replay_bar.set_epochs(run.snapshots.epochs, follow=True)
        else:
            self.replay_bar.set_epochs([], follow=True)
        self.panel.set_locked(f"“{run.name}” is training: its settings cannot change now. The rollout fields "
                              "still apply at once." if run is not None and run.is_training else None)
        self.show_current()
        self._update_actions()
        self._update_title()

    def show_current(self) -> None:
        """Redraw every plot for the selected run (at the replay epoch) or the panel's draft."""
        run = self.selected
        if run is None:
            experiment = self.panel.experiment()
            if experiment is None:  # show the data alone while other fields are being fixed
                experiment = self.panel.data_experiment()
                if experiment is None:
                    return
                experiment = dataclasses.replace(
                    experiment, train=dataclasses.replace(experiment.train, validation_fraction=0.0),
                    rollout=dataclasses.replace(experiment.rollout, steps=0))
            try:
                series = self.panel.series(experiment.data)
            except DataError:
                return
            self.plots.show_draft(experiment, series, self.runs_model.ticked_runs())
            if not self.is_training:
                self.progress.setRange(0, experiment.train.epochs)
                self.progress.setValue(0)
            return
        self.plots.show_run(run, self.runs_model.ticked_runs())
        if not self.is_training:
            self.progress.setRange(0, max(run.experiment.train.epochs, run.epochs_run, 1))
            self.progress.setValue(run.epochs_run)

    def _on_scores_visible(self, visible: bool) -> None:
        """Reports come with their scores while the Scores tab can be seen."""
        self.plots.wants_scores = visible
        self.scores.set_visible(visible)
        shown = self.plots.shown_report
        if visible and shown is not None and shown.scores is None and self.plots.shown_run is not None:
            self.plots.show_epoch(self.plots.shown_run)

    def _on_epoch_chosen(self, epoch: int) -> None:
        run = self.selected
        if run is None:
            return
        if run is self.training_run and self.replay_bar.following:
            self.frame_gate.want_report()  # the worker computes the newest epoch's report
            return
        self.plots.show_epoch(run)

    def _update_actions(self) -> None:
        valid = self.panel.experiment() is not None
        training = self.is_training
        self.train_action.setEnabled(valid and self.tf_ready and not training)
        if not self.tf_ready:
            self.train_action.setToolTip("Train (F5): waiting for TensorFlow to finish loading")
        elif training:
            self.train_action.setToolTip("Train (F5): one run trains at a time; wait for it or stop it")
        elif self.panel.csv_loading:
            self.train_action.setToolTip("Train (F5): waiting for the CSV file to be read")
        elif not valid:
            self.train_action.setToolTip("Train (F5): fix the fields marked in red first")
        else:
            self.train_action.setToolTip("Train the panel's experiment as a new run (F5)")
        self.pause_action.setEnabled(training)
        self.stop_action.setEnabled(training)
        savable = self.selected is not None and self.selected.model is not None and not self.selected.is_training
        self.save_action.setEnabled(savable)
        self.save_as_action.setEnabled(savable)

    def _update_title(self) -> None:
        run = self.selected
        name = "untitled" if run is None else (run.path.name if run.path else run.name)
        self.setWindowTitle(f"{name}{' *' if run is not None and run.unsaved else ''} — RNN Studio")

    def show_error(self, message: str) -> None:
        """Show ``message`` in the red banner above the plots."""
        self.error_label.setText(message)
        self.error_banner.show()

    # -- live frames ---------------------------------------------------------------------------
    def _on_frame(self) -> None:
        """Repaint timer tick: update and paint the plots in one go while training waits at
        its next epoch boundary, then space the next frame by what this one cost."""
        if not self._needs_repaint:
            return
        started = time.perf_counter()
        self.frame_gate.close()
        try:
            self.repaint_plots()
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # paint now
        finally:
            self.frame_gate.open()
        self.repaint_timer.setInterval(self.frame_pacer.interval_ms(time.perf_counter() - started))

    def repaint_plots(self) -> None:
        """Draw what training has reported since the last frame (called by the repaint timer)."""
        if not self._needs_repaint:
            return
        self._needs_repaint = False
        run = self.training_run
        if run is None:
            return
        if self.latest_epoch is not None:
            self._show_progress(self.latest_epoch)
        self.runs_model.refresh(run)
        if run is not self.selected:
            if run.id in self.runs_model.ticked:
                reference = self.selected.experiment if self.selected else run.experiment
                self.plots.show_overlay_losses(reference, self.selected, self.runs_model.ticked_runs())
            return
        self.replay_bar.set_epochs(run.snapshots.epochs)
        self.plots.show_history(run)
        report = self.latest_report
        if self.replay_bar.following and report is not None and report is not self.plots.shown_report:
            self.plots.show_epoch(run, report)
            self.frame_gate.want_report()

    # -- training -------------------------------------------------------------------------------
    def train(self) -> None:
        """Train the panel's experiment as a new run (earlier runs stay in the list)."""
        experiment = self.panel.experiment()
        if experiment is None or self.is_training or not self.tf_ready:
            return
        try:
            series = self.panel.series(experiment.data)
        except DataError as error:
            self.show_error(str(error))
            return
        run = Run(self.session.name_for(experiment), experiment, series)
        self.runs_model.add(run)
        self._start_training(run, experiment, None)

    def train_more(self, run: Run, epochs: int) -> None:
        """Continue ``run`` for ``epochs`` more epochs from its current weights."""
        if self.is_training or not self.tf_ready or run.model is None or run.series is None:
            return
        experiment, continuation = run.continuation(epochs)
        self._start_training(run, experiment, continuation)
        if continuation.optimizer_state is None:
            run.message = ("Trained more with a fresh optimizer: the optimizer's state (momentum, step counts) "
                           "is not kept in model files")
            self.loss_label.setText(run.message)

    def _start_training(self, run: Run, experiment: Experiment, continuation: Continuation | None) -> None:
        self.error_banner.hide()
        run.begin_training(experiment)
        self.training_run = run
        self.latest_report = self.latest_epoch = self.plots.shown_report = None
        self.frame_gate.want_report()
        self._first_epoch = run.epochs_run + 1
        self._paused = False
        self.pause_action.setText("&Pause")
        self.worker = TrainingWorker(experiment, self.frame_gate, run.series, continuation, run.snapshots)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._started_at = time.perf_counter()
        self._paused_seconds = self._paused_since = 0.0
        self.thread = start_in_thread(self.worker, self)
        self.thread.finished.connect(self._on_thread_finished)
        self.runs_panel.set_training(True)
        self.runs_model.refresh(run)
        if self.selected is run:
            self._on_run_selected(run)
        else:
            self.runs_panel.select(run)
        self.progress.setRange(0, experiment.train.epochs)
        self.progress.setValue(run.epochs_run)
        self.rate_label.setText("compiling the training step…")
        self.loss_label.setText(f"Training {run.name}…")
        self._update_actions()

    def _on_progress(self, losses: list[tuple[float, float | None]], report: EpochReport, detailed: bool) -> None:
        """Record the epochs since the last signal; widgets change on the next frame."""
        run = self.training_run
        for loss, val_loss in losses:
            run.history.loss.append(loss)
            run.history.val_loss.append(val_loss)
        run.record_epoch(report)
        self.latest_epoch = report
        if detailed:
            self.latest_report = report
        self._needs_repaint = True

    def _show_progress(self, report: EpochReport) -> None:
        self.progress.setValue(report.epoch)
        elapsed = max(self._training_seconds(), 1e-9)
        rate = (report.epoch - self._first_epoch + 1) / elapsed
        left = (report.epochs - report.epoch) / rate if rate else 0.0
        if not self._paused:
            self.rate_label.setText(f"{rate:.1f} epochs/s, {_duration(left)} left")
        self.loss_label.setText(_loss_text(report.epoch, report.loss, report.val_loss))

    def _training_seconds(self) -> float:
        """Seconds since Train, less the time spent paused."""
        paused = self._paused_seconds + (time.perf_counter() - self._paused_since if self._paused else 0.0)
        return time.perf_counter() - self._started_at - paused

    def toggle_pause(self) -> None:
        if self.worker is None:
            return
        self._paused = not self._paused
        if self._paused:
            self._paused_since = time.perf_counter()
            self.worker.request_pause()
            self.pause_action.setText("&Resume")
            self.rate_label.setText("paused")
        else:
            self._paused_seconds += time.perf_counter() - self._paused_since
            self.worker.resume()
            self.pause_action.setText("&Pause")

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.request_stop()
            self.rate_label.setText("stopping…")

    def _on_finished(self, result: TrainResult, report: EpochReport | None) -> None:
        run = self._end_training()
        run.finish(result, report)
        epochs = result.epochs_run
        if result.diverged:
            kept = f"Kept the weights of epoch {epochs}." if epochs else "No epoch finished: nothing to keep."
            self.show_error(f"Training diverged after epoch {epochs} (the loss became NaN or infinite). {kept} "
                            f"Likely cause: {divergence_cause(run.experiment, run.series)}.")
        self.progress.setValue(epochs)
        self.rate_label.setText(f"{run.state} in {_duration(result.seconds)}")
        if epochs:
            self.loss_label.setText(f"{run.name} {run.state}: " + _loss_text(epochs, result.history.loss[-1],
                                                                             result.history.val_loss[-1]))
        else:
            self.loss_label.setText(f"{run.name} stopped before the first epoch finished")
        self._after_training(run)

    def _on_failed(self, message: str) -> None:
        run = self._end_training()
        run.fail(message)
        self.show_error(f"Training failed: {message}")
        self.rate_label.setText("failed")
        self._after_training(run)

    def _end_training(self) -> Run:
        """Training is over; the worker object lives on until its thread has finished."""
        run, self.training_run = self.training_run, None
        self._finished_worker, self.worker = self.worker, None
        return run

    def _after_training(self, run: Run) -> None:
        self.runs_panel.set_training(False)
        self.runs_model.refresh(run)
        if self.selected is run:
            self._on_run_selected(run)
        self._update_actions()
        self._update_title()
        self.training_ended.emit()

    def _on_thread_finished(self) -> None:
        self.thread = self._finished_worker = None

    # -- runs -------------------------------------------------------------------------------------
    def new_experiment(self) -> None:
        """Put the last recipe in the panel as the next run; every run stays in the list."""
        self.runs_panel.select(None)
        last = self.settings.get("last_recipe")
        self.panel.choose_recipe(last if last in RECIPES else "pulse-lstm-stateful")

    def edit_as_new(self, run: Run) -> None:
        """Copy ``run``'s experiment into the panel, for a new run."""
        self.runs_panel.select(None)
        self.panel.set_experiment(run.experiment)

    def delete_run(self, run: Run) -> None:
        """Remove ``run`` from the list (asks first when it is unsaved)."""
        if run.is_training or (run.unsaved and run.epochs_run and not dialogs.ask_delete_unsaved(self, run)):
            return
        if self.selected is run:
            self.runs_panel.select(None)
        self.runs_model.remove(run)

    # -- files ------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a model", str(self.last_folder()), FILE_FILTER + ";;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Open a saved model as a new run and show it, in the background (Cancel in the status
        bar drops it); ``open_finished`` tells how it went, errors go to the banner. Waits for
        TensorFlow if it is still loading."""
        path = Path(path)
        if not self.tf_ready:
            self._pending_open = path
            self.loss_label.setText(f"Opening {path.name} once TensorFlow has loaded…")
            return
        self.opener.request(path)
        self.loss_label.setText(f"Opening {path.name}…")
        self.open_busy.show()

    def cancel_open(self) -> None:
        """Stop waiting for the file being opened (its result is dropped when it arrives)."""
        path = self.opener.busy_with
        self.opener.cancel()
        self.open_busy.hide()
        if path is not None:
            self.loss_label.setText(f"Opening {path.name} cancelled")
        self.open_finished.emit(False)

    def _on_opened(self, result: OpenResult) -> None:
        if not self.opener.take(result):
            return
        self.open_busy.hide()
        path = result.path
        if result.run is None:
            self.show_error(result.error or f"{path}: could not be opened")
            self.loss_label.setText(f"Could not open {path.name}")
            if not path.exists():
                self.settings.remove_recent_file(str(path.resolve()))
                self.recent_menu.refresh()
            self.open_finished.emit(False)
            return
        self.error_banner.hide()
        if result.data_error:
            self.show_error(f"{path.name}: the model opened, but its data could not be loaded: {result.data_error}")
        run = result.run
        run.name = self.session.unique_name(path.stem)
        self.runs_model.add(run)
        self.runs_panel.select(run)
        history = run.history
        self.loss_label.setText(f"Opened {path.name}: " + (_loss_text(run.epochs_run, history.loss[-1], history.val_loss[-1])
                                                           if run.epochs_run else "a plain Keras model, no training history"))
        self.settings.add_recent_file(path)
        self.recent_menu.refresh()
        self.open_finished.emit(True)

    def _on_open_failed(self, request: int, message: str) -> None:
        if self.opener.is_latest(request):
            path = self.opener.busy_with
            self.opener.cancel()
            self.open_busy.hide()
            self.show_error(f"{path}: could not be opened ({message})")
            self.open_finished.emit(False)

    def save(self) -> bool:
        """Save the selected run to its file (asks for one the first time)."""
        run = self.selected
        if run is None:
            return False
        return self.save_to(run, run.path) if run.path is not None else self.save_as()

    def save_as(self, run: Run | None = None) -> bool:
        """Ask where to save ``run`` (the selected one by default), then save it."""
        run = run or self.selected
        if run is None or run.model is None:
            return False
        suggestion = self.last_folder() / f"{run.name}.keras"
        path, _ = QFileDialog.getSaveFileName(self, f"Save “{run.name}”", str(suggestion), FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".keras"):
            path += ".keras"
        return self.save_to(run, Path(path))

    def save_to(self, run: Run, path: Path) -> bool:
        """Save ``run`` to ``path``. On failure the run stays, unsaved; the banner says why and
        Save As is offered."""
        try:
            save_model(path, run.model, run.experiment, run.history, run.snapshots, run.series)
        except (ModelFileError, OSError) as error:
            self.show_error(str(error))
            return dialogs.offer_save_as(self, run, str(error)) and self.save_as(run)
        run.path = path
        run.unsaved = False
        self.runs_model.refresh(run)
        self.settings.add_recent_file(path)
        self.recent_menu.refresh()
        self.loss_label.setText(f"Saved {run.name} to {path.name}")
        self._update_title()
        return True

    def export_subject(self) -> ExportSubject:
        """What File > Export writes: the selected run as drawn, or the panel's draft."""
        run, experiment = self.selected, self.panel.experiment()
        if run is not None:
            return ExportSubject(run.name, run.experiment, run.history, self.plots.shown_report, self.last_folder())
        return ExportSubject(experiment.name if experiment else "draft", experiment, None, None, self.last_folder())

    def last_folder(self) -> Path:
        """The folder of the most recent file (home without one)."""
        recent = self.settings.get("recent_files")
        return Path(recent[0]).parent if recent else Path.home()

    # -- closing ----------------------------------------------------------------------------------
    def confirm_quit(self) -> bool:
        """True when nothing trained would be lost by quitting, or the user said so: a run in
        training is stopped only after asking; unsaved runs are saved or discarded as asked."""
        if self.training_run is not None and not dialogs.ask_quit_while_training(self, self.training_run):
            return False
        unsaved = [run for run in self.session.unsaved() if run is not self.training_run]
        if not unsaved:
            return True
        choice = dialogs.ask_unsaved_runs(self, unsaved)
        if choice == QMessageBox.StandardButton.Save:
            return all(self.save_to(run, run.path) if run.path else self.save_as(run) for run in unsaved)
        return choice == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_quit():
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
        self.replay_bar.timer.stop()
        self.panel.csv_loader.shutdown()
        self.opener.shutdown()
        self.plots.computer.shutdown()
        if self.worker is not None:
            for signal in (self.worker.progressed, self.worker.finished, self.worker.failed):
                signal.disconnect()
            self.worker.request_stop()
        for thread in (self.thread, self.loader_thread):
            if thread is not None and shiboken6.isValid(thread):
                thread.quit()
                thread.wait()
        self.worker = self.thread = self.loader_thread = None

    def _restore_geometry(self) -> None:
        geometry = self.settings.get("geometry")
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.get("window_state")
        if state:
            self.restoreState(state)


def _differs_only_in_rollout(panel: ParameterPanel, experiment: Experiment | None, shown: Experiment) -> bool:
    """Whether the panel still describes ``shown``'s settings (only the rollout, or an
    unfinished rollout entry, differs)."""
    if experiment is None:
        return panel.csv_loading or (bool(panel.errors) and set(panel.errors) <= ROLLOUT_FIELDS)
    return all(getattr(experiment, section) == getattr(shown, section) for section in SETTINGS_SECTIONS)


def _loss_text(epoch: int, loss: float, val_loss: float | None) -> str:
    return f"epoch {epoch}: loss {loss:.5g}" + ("" if val_loss is None else f", val_loss {val_loss:.5g}")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s"
