"""The studio window: parameter dock, four live plots, training controls and files.

Data flows one way: the panel's Experiment goes to a :class:`TrainingWorker` in a QThread;
its per-epoch reports come back as queued signals; the window keeps the latest and repaints
on a timer. Opening a file reverses saving: experiment, history, weights, then the plots.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QPushButton, QSplitter, QToolBar, QVBoxLayout, QWidget)

from ..core.data import DataError, Series, load_series, validation_start
from ..core.experiment import Experiment
from ..core.recipes import RECIPES
from ..core.storage import ModelFileError, open_model, save_model
from ..core.training import EpochReport, History, TrainResult
from .frame_pacing import FramePacer
from .icons import app_icon
from .parameter_panel import ParameterPanel
from .plots import DataPlot, DataView, LossPlot, PredictionPlot, StatesPlot
from .settings import Settings
from .worker import FrameGate, TensorFlowLoader, TrainingWorker, start_in_thread

FILE_FILTER = "RNN Studio models (*.keras)"


@dataclass
class TrainedRun:
    """A trained (or opened) model with what produced it."""

    experiment: Experiment
    model: Any
    history: History
    series: Series | None
    report: EpochReport | None


class MainWindow(QMainWindow):
    """The RNN Studio main window. ``training_ended`` is emitted (in the GUI thread) once a
    run has finished, stopped, diverged or failed and the window shows its outcome."""

    training_ended = Signal()

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowIcon(app_icon())
        self.resize(1360, 860)
        self.tf_ready = False
        self.worker: TrainingWorker | None = None
        self._finished_worker: TrainingWorker | None = None
        self.thread: QThread | None = None
        self.loader_thread: QThread | None = None
        self.loader: TensorFlowLoader | None = None
        self.run: TrainedRun | None = None
        self.current_path: Path | None = None
        self.unsaved = False
        self.history = History()
        self.latest_report: EpochReport | None = None
        self.latest_epoch: EpochReport | None = None
        self.shown_report: EpochReport | None = None
        self.training_series: Series | None = None
        self._needs_repaint = False
        self._plot_x = np.zeros(0)
        self._pending_open: Path | None = None
        self._started_at = 0.0
        self._paused = False
        self.frame_gate = FrameGate()
        self.frame_pacer = FramePacer()

        self.panel = ParameterPanel()
        dock = QDockWidget("Experiment", self)
        dock.setObjectName("experiment_dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        dock.setWidget(self.panel)
        dock.setMinimumWidth(330)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        self.data_plot = DataPlot()
        self.loss_plot = LossPlot()
        self.prediction_plot = PredictionPlot()
        self.states_plot = StatesPlot()
        self.setCentralWidget(self._central())
        self._make_actions()
        self._make_status_bar()

        self.repaint_timer = QTimer(self)
        self.repaint_timer.setInterval(self.frame_pacer.fastest_ms)
        self.repaint_timer.timeout.connect(self._on_frame)
        self.repaint_timer.start()

        self.panel.changed.connect(self._on_panel_changed)
        last = self.settings.get("last_recipe")
        if last in RECIPES:
            self.panel.choose_recipe(last)
        self._restore_geometry()
        self._on_panel_changed()
        self._update_title()

    # -- layout -----------------------------------------------------------------------------
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

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.data_plot)
        top.addWidget(self.loss_plot)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.prediction_plot)
        bottom.addWidget(self.states_plot)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(top)
        rows.addWidget(bottom)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.error_banner)
        layout.addWidget(rows, 1)
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
        self.new_action = self._action("&New", self.new_experiment, QKeySequence.StandardKey.New, "Start a new experiment")
        self.open_action = self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open, "Open a saved model")
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save, "Save the trained model")
        self.save_as_action = self._action("Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs,
                                           "Save the trained model to a new file")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit RNN Studio")
        self.train_action = self._action("&Train", self.train, "F5", "Train the experiment from scratch")
        self.pause_action = self._action("&Pause", self.toggle_pause, "F6", "Pause or resume training between epochs")
        self.stop_action = self._action("S&top", self.stop, "Shift+F5", "Stop training after the current batch")
        self.recent_menu_actions: list[QAction] = []

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for action in (self.new_action, self.open_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        train_menu = menu.addMenu("&Training")
        for action in (self.train_action, self.pause_action, self.stop_action):
            train_menu.addAction(action)

        toolbar = QToolBar("Training")
        toolbar.setObjectName("training_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.train_action, self.pause_action, self.stop_action):
            toolbar.addAction(action)
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
        self._refresh_recent_menu()

    def _make_status_bar(self) -> None:
        self.loss_label = QLabel("No model trained yet")
        self.tf_label = QLabel("Loading TensorFlow…")
        self.tf_label.setToolTip("TensorFlow loads in the background; Train is ready when it has")
        self.statusBar().addWidget(self.loss_label, 1)
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

    # -- panel and state ----------------------------------------------------------------------
    def _on_panel_changed(self) -> None:
        experiment = self.panel.experiment()
        if experiment is not None and experiment.name in RECIPES:
            self.settings.set("last_recipe", experiment.name)
        if self.run is None and not self.is_training and experiment is not None:
            self._show_experiment_data(experiment, self.panel.csv_series())
            self.progress.setRange(0, experiment.train.epochs)
        self._update_actions()

    @property
    def is_training(self) -> bool:
        return self.worker is not None

    def _update_actions(self) -> None:
        valid = self.panel.experiment() is not None
        training = self.is_training
        self.train_action.setEnabled(valid and self.tf_ready and not training)
        if not self.tf_ready:
            self.train_action.setToolTip("Train (F5): waiting for TensorFlow to finish loading")
        elif not valid:
            self.train_action.setToolTip("Train (F5): fix the fields marked in red first")
        else:
            self.train_action.setToolTip("Train the experiment from scratch (F5)")
        self.pause_action.setEnabled(training)
        self.stop_action.setEnabled(training)
        self.save_action.setEnabled(self.run is not None and not training)
        self.save_as_action.setEnabled(self.run is not None and not training)
        self.open_action.setEnabled(not training)
        self.new_action.setEnabled(not training)

    def _update_title(self) -> None:
        name = self.current_path.name if self.current_path else (self.run.experiment.name if self.run else "untitled")
        self.setWindowTitle(f"{name}{' *' if self.unsaved else ''} — RNN Studio")

    def show_error(self, message: str) -> None:
        """Show ``message`` in the red banner above the plots."""
        self.error_label.setText(message)
        self.error_banner.show()

    # -- plots --------------------------------------------------------------------------------
    def _show_experiment_data(self, experiment: Experiment, series: Series | None) -> None:
        """Show an experiment's series (before training, or for the run being shown)."""
        if series is None:
            try:
                series = load_series(experiment.data)
            except DataError:
                return
        xy = experiment.samples.layout == "xy"
        x = series.t if xy else np.arange(len(series), dtype=float)
        spec = experiment.rollout
        warmup = None if xy or spec.steps == 0 else (spec.start, spec.start + spec.warmup - 1)
        start = validation_start(len(series), experiment.samples, experiment.train.validation_fraction)
        self.data_plot.show_data(DataView(series, x, xy, start, warmup))
        self.prediction_plot.show_truth(x, series.values, xy)
        self.states_plot.clear()
        self._plot_x = x

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
        """Draw the latest report (called by the repaint timer)."""
        if not self._needs_repaint:
            return
        self._needs_repaint = False
        if self.is_training and self.latest_epoch is not None:
            self._show_progress(self.latest_epoch)
        self.loss_plot.set_history(self.history.loss, self.history.val_loss)
        report = self.latest_report
        if report is not None and report is not self.shown_report:
            self.shown_report = report
            self.prediction_plot.show_report(report, self._plot_x)
            self.states_plot.show_report(report)
            self.frame_gate.want_report()

    # -- training -----------------------------------------------------------------------------
    def train(self) -> None:
        """Start training the panel's experiment in a worker thread."""
        experiment = self.panel.experiment()
        if experiment is None or self.is_training or not self.tf_ready:
            return
        self.error_banner.hide()
        self.history = History()
        self.latest_report = self.shown_report = self.latest_epoch = None
        self.frame_gate.want_report()
        self.run = None
        self._show_experiment_data(experiment, self.panel.csv_series())
        self.loss_plot.set_history([], [])
        self.progress.setRange(0, experiment.train.epochs)
        self.progress.setValue(0)
        self.rate_label.setText("starting…")
        self.loss_label.setText(f"Training {experiment.name}…")
        self._paused = False
        self.pause_action.setText("&Pause")
        self.worker = TrainingWorker(experiment, self.frame_gate)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._started_at = time.perf_counter()
        self.thread = start_in_thread(self.worker, self)
        self.thread.finished.connect(self._on_thread_finished)
        self._update_actions()

    def _on_progress(self, losses: list[tuple[float, float | None]], report: EpochReport, detailed: bool) -> None:
        """Record the epochs since the last signal; widgets change on the next frame."""
        for loss, val_loss in losses:
            self.history.loss.append(loss)
            self.history.val_loss.append(val_loss)
        self.latest_epoch = report
        if detailed:
            self.latest_report = report
        self._needs_repaint = True

    def _show_progress(self, report: EpochReport) -> None:
        self.progress.setValue(report.epoch)
        elapsed = max(time.perf_counter() - self._started_at, 1e-9)
        rate = report.epoch / elapsed
        left = (report.epochs - report.epoch) / rate if rate else 0.0
        if not self._paused:
            self.rate_label.setText(f"{rate:.1f} epochs/s, {_duration(left)} left")
        self.loss_label.setText(_loss_text(report.epoch, report.loss, report.val_loss))

    def toggle_pause(self) -> None:
        if self.worker is None:
            return
        self._paused = not self._paused
        if self._paused:
            self.worker.request_pause()
            self.pause_action.setText("&Resume")
            self.rate_label.setText("paused")
        else:
            self.worker.resume()
            self.pause_action.setText("&Pause")

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.request_stop()
            self.rate_label.setText("stopping…")

    def _on_finished(self, result: TrainResult, report: EpochReport | None) -> None:
        experiment = self.worker.experiment
        self._forget_worker()
        self.history = result.history
        if result.epochs_run:
            self.run = TrainedRun(experiment, result.model, result.history, report.series if report else None, report)
            self.unsaved = True
            self.current_path = None
            self.latest_report = report
        self._needs_repaint = True
        self.repaint_plots()
        epochs = result.epochs_run
        if result.diverged:
            self.show_error(f"Training diverged after epoch {epochs} (the loss became NaN or infinite). "
                            f"Kept the last good weights, from epoch {epochs}. Try a smaller learning rate.")
        self.progress.setValue(epochs)
        state = "stopped" if result.stopped else ("diverged" if result.diverged else "finished")
        self.rate_label.setText(f"{state} in {_duration(result.seconds)}")
        if epochs:
            self.loss_label.setText(f"{experiment.name} {state}: " + _loss_text(
                epochs, result.history.loss[-1], result.history.val_loss[-1]))
        else:
            self.loss_label.setText(f"{experiment.name} stopped before the first epoch finished")
        self._update_actions()
        self._update_title()
        self.training_ended.emit()

    def _on_failed(self, message: str) -> None:
        self._forget_worker()
        self.show_error(f"Training failed: {message}")
        self.rate_label.setText("failed")
        self._update_actions()
        self.training_ended.emit()

    def _forget_worker(self) -> None:
        """Training is over; the worker object lives on until its thread has finished."""
        self._finished_worker, self.worker = self.worker, None

    def _on_thread_finished(self) -> None:
        self.thread = self._finished_worker = None

    # -- files --------------------------------------------------------------------------------
    def new_experiment(self) -> None:
        if not self.confirm_discard():
            return
        self.run = None
        self.current_path = None
        self.unsaved = False
        self.history = History()
        self.latest_report = self.shown_report = None
        self.loss_plot.set_history([], [])
        self.loss_label.setText("No model trained yet")
        self.progress.setValue(0)
        self.rate_label.setText("")
        self.panel.choose_recipe(self.settings.get("last_recipe") if self.settings.get("last_recipe") in RECIPES
                                 else "pulse-lstm-stateful")
        self._on_panel_changed()
        self._update_title()

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open a model", str(self._last_folder()), FILE_FILTER + ";;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a saved model and restore the panel, history and plots; errors go to the
        banner. Waits for TensorFlow if it is still loading."""
        path = Path(path)
        if not self.tf_ready:
            self._pending_open = path
            self.loss_label.setText(f"Opening {path.name} once TensorFlow has loaded…")
            return False
        try:
            saved = open_model(path)
        except ModelFileError as error:
            self.show_error(str(error))
            if not path.exists():
                self.settings.remove_recent_file(str(path.resolve()))
                self._refresh_recent_menu()
            return False
        self.error_banner.hide()
        self.panel.set_experiment(saved.experiment)
        self.history = saved.history
        series = None
        try:
            series = self.panel.csv_series() or load_series(saved.experiment.data)
        except DataError as error:
            self.show_error(f"{path.name}: the model opened, but its data could not be loaded: {error}")
        report = None
        if series is not None:
            self._show_experiment_data(saved.experiment, series)
            epochs = len(saved.history.loss)
            report = EpochReport.from_model(saved.experiment, series, saved.model, epochs,
                                            saved.history.loss[-1] if epochs else float("nan"),
                                            saved.history.val_loss[-1] if epochs else None).materialize()
        self.run = TrainedRun(saved.experiment, saved.model, saved.history, series, report)
        self.latest_report, self.shown_report = report, None
        self.current_path = path
        self.unsaved = False
        self._needs_repaint = True
        self.repaint_plots()
        epochs = len(saved.history.loss)
        self.progress.setRange(0, max(saved.experiment.train.epochs, 1))
        self.progress.setValue(min(epochs, saved.experiment.train.epochs))
        self.rate_label.setText("")
        self.loss_label.setText(f"Opened {path.name}: " + (_loss_text(epochs, saved.history.loss[-1], saved.history.val_loss[-1])
                                                           if epochs else "a plain Keras model, no training history"))
        self.settings.add_recent_file(path)
        self._refresh_recent_menu()
        self._update_actions()
        self._update_title()
        return True

    def save(self) -> bool:
        if self.current_path is None:
            return self.save_as()
        return self.save_to(self.current_path)

    def save_as(self) -> bool:
        if self.run is None:
            return False
        suggestion = self._last_folder() / f"{self.run.experiment.name}.keras"
        path, _ = QFileDialog.getSaveFileName(self, "Save the model", str(suggestion), FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".keras"):
            path += ".keras"
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Save the trained model to ``path``; errors go to the banner."""
        if self.run is None:
            return False
        try:
            save_model(path, self.run.model, self.run.experiment, self.run.history)
        except ModelFileError as error:
            self.show_error(str(error))
            return False
        self.current_path = path
        self.unsaved = False
        self.settings.add_recent_file(path)
        self._refresh_recent_menu()
        self.loss_label.setText(f"Saved {path.name}")
        self._update_title()
        return True

    def _last_folder(self) -> Path:
        recent = self.settings.get("recent_files")
        return Path(recent[0]).parent if recent else Path.home()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get("recent_files")
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(recent))

    def _open_recent(self, path: str) -> None:
        if self.confirm_discard():
            self.open_path(path)

    def confirm_discard(self) -> bool:
        """True when there is no unsaved trained work, or the user saved or discarded it."""
        if not self.unsaved or self.run is None:
            return True
        choice = self.ask_unsaved()
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        return choice == QMessageBox.StandardButton.Discard

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved trained work (Save, Discard or Cancel)."""
        return QMessageBox.question(
            self, "Unsaved model", f"The trained model “{self.run.experiment.name}” is not saved. Save it first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.is_training and not self.confirm_discard():
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


def _loss_text(epoch: int, loss: float, val_loss: float | None) -> str:
    return f"epoch {epoch}: loss {loss:.5g}" + ("" if val_loss is None else f", val_loss {val_loss:.5g}")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s"
