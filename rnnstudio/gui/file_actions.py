"""Opening and saving model files for the window: the dialogs, the background opening, the
recent files, and the session told of each outcome.

A file that is already open is not opened twice: its run is selected. Saving a run to a file
another run is bound to is refused (it would silently overwrite that run's file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.run import Run
from ..core.session import Session
from ..core.storage import ModelFileError, save_model
from ..core.validation import validate
from . import dialogs
from .csv_loader import CsvLoader, CsvResult
from .i18n import QT_TR_NOOP, tr
from .model_opener import ModelOpener, OpenResult
from .recent_menu import RecentFilesMenu
from .settings import Settings

FILE_FILTER = QT_TR_NOOP("RNN Studio models (*.keras)")


class FileActions(QObject):
    """Open, Save, Save As and Open Recent. ``status`` carries a line for the status bar,
    ``error`` a message for the banner, ``busy(bool)`` whether a file is being opened and
    ``open_finished(bool)`` how an opening ended (False: failed or cancelled)."""

    status = Signal(str)
    error = Signal(str)
    busy = Signal(bool)
    open_finished = Signal(bool)

    def __init__(self, session: Session, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.settings = settings
        self.window = window
        self.ready = False  # TensorFlow loaded: files can be opened
        self._pending: Path | None = None
        self.opener = ModelOpener()
        self.opener.finished.connect(self._on_opened)
        self.opener.failed.connect(self._on_open_failed)
        self.recent_menu = RecentFilesMenu(settings, window)
        self.recent_menu.chosen.connect(self.open_path)
        self._locating: Run | None = None
        self.save_session: Callable[[], bool] = lambda: False  # the window's Save session…, for Quit
        self.csv_loader = CsvLoader()
        self.csv_loader.finished.connect(self._on_located)
        self.csv_loader.failed.connect(lambda _, message: self.error.emit(tr("The CSV file could not be read: {message}").format(message=message)))

    def set_ready(self) -> None:
        """TensorFlow has loaded: open the file that waited for it."""
        self.ready = True
        if self._pending is not None:
            path, self._pending = self._pending, None
            self.open_path(path)

    def last_folder(self) -> Path:
        """The folder of the most recent file (home without one)."""
        recent = self.settings.get("recent_files")
        return Path(recent[0]).parent if recent else Path.home()

    # -- opening -------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open a model"), str(self.last_folder()),
                                              tr(FILE_FILTER) + ";;" + tr("All files (*)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Open a saved model as a new run and show it, in the background; a file already
        open is selected instead. Waits for TensorFlow if it is still loading."""
        path = Path(path)
        already = self.session.run_with_file(path)
        if already is not None:
            self.session.select(already)
            self.status.emit(tr("{file} is already open: its run is shown").format(file=path.name))
            self.open_finished.emit(True)
            return
        if not self.ready:
            self._pending = path
            self.status.emit(tr("Opening {file} once TensorFlow has loaded…").format(file=path.name))
            return
        self.opener.request(path)
        self.status.emit(tr("Opening {file}…").format(file=path.name))
        self.busy.emit(True)

    def cancel_open(self) -> None:
        """Stop waiting for the file being opened (its result is dropped when it arrives)."""
        path = self.opener.busy_with
        self.opener.cancel()
        self.busy.emit(False)
        if path is not None:
            self.status.emit(tr("Opening {file} cancelled").format(file=path.name))
        self.open_finished.emit(False)

    def _on_opened(self, result: OpenResult) -> None:
        if not self.opener.take(result):
            return
        self.busy.emit(False)
        path = result.path
        if result.run is None:
            self.error.emit(result.error or tr("{file}: could not be opened").format(file=path))
            self.status.emit(tr("Could not open {file}").format(file=path.name))
            if not path.exists():
                self.settings.remove_recent_file(str(path.resolve()))
                self.recent_menu.refresh()
            self.open_finished.emit(False)
            return
        if result.data_error:
            self.error.emit(tr("{file}: the model opened, but its data could not be loaded: {error}").format(
                file=path.name, error=result.data_error))
        run = result.run
        run.name = self.session.unique_name(path.stem)
        self.session.add(run)
        history = run.history
        self.status.emit(tr("Opened {file}: {what}").format(
            file=path.name, what=loss_text(run.epochs_run, history.loss[-1], history.val_loss[-1]) if run.epochs_run
            else tr("a plain Keras model, no training history")))
        self._remember(path)
        self.open_finished.emit(True)

    def _on_open_failed(self, request: int, message: str) -> None:
        if self.opener.is_latest(request):
            path = self.opener.busy_with
            self.opener.cancel()
            self.busy.emit(False)
            self.error.emit(tr("{file}: could not be opened ({reason})").format(file=path, reason=message))
            self.open_finished.emit(False)

    # -- a run's data ------------------------------------------------------------------------------
    def locate_data(self, run: Run) -> None:
        """Ask where ``run``'s CSV file is now and read it in the background; the run takes
        the series if it fits the run's experiment."""
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Where is the data of “{run}”?").format(run=run.name),
                                              str(self.last_folder()), tr("CSV files (*.csv *.tsv *.txt);;All files (*)"))
        if path:
            data = run.experiment.data
            self._locating = run
            self.csv_loader.request(path, data.column, data.missing, False, (data.decimal, data.date_order))
            self.status.emit(tr("Reading {file}…").format(file=Path(path).name))

    def _on_located(self, result: CsvResult) -> None:
        run, self._locating = self._locating, None
        if not self.csv_loader.is_latest(result) or run is None or run not in self.session.runs:
            return
        if result.series is None:
            self.error.emit(result.error[1] if result.error else tr("{file} could not be read").format(file=result.path))
            return
        errors = validate(dataclasses.replace(run.experiment, data=dataclasses.replace(
            run.experiment.data, path=result.path)), len(result.series), tr)
        if errors:
            self.error.emit(tr("{file} does not fit “{run}”: {problem}").format(
                file=Path(result.path).name, run=run.name, problem=errors[0].message))
            return
        self.session.attach_series(run, result.path, result.series)
        self.status.emit(tr("“{run}” reads its data from {file}").format(run=run.name, file=Path(result.path).name))

    # -- saving ------------------------------------------------------------------------------------
    def save(self, run: Run | None) -> bool:
        """Save ``run`` to its file (asks for one the first time)."""
        if run is None:
            return False
        return self.save_to(run, run.path) if run.path is not None else self.save_as(run)

    def save_as(self, run: Run | None) -> bool:
        """Ask where to save ``run``, then save it."""
        if run is None or run.model is None:
            return False
        suggestion = self.last_folder() / f"{run.name}.keras"
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save “{run}”").format(run=run.name), str(suggestion),
                                              tr(FILE_FILTER))
        if not path:
            return False
        return self.save_to(run, Path(path if path.endswith(".keras") else path + ".keras"))

    def save_to(self, run: Run, path: Path) -> bool:
        """Save ``run`` to ``path``. On failure the run stays, unsaved; the banner says why and
        Save As is offered. A file another run is bound to is refused."""
        other = self.session.run_with_file(path)
        if other is not None and other is not run:
            message = tr("{file} is the file of the run “{run}”: saving there would overwrite it").format(
                file=path.name, run=other.name)
            self.error.emit(message)
            return dialogs.offer_save_as(self.window, run, message) and self.save_as(run)
        try:
            save_model(path, run.model, run.experiment, run.history, run.snapshots, run.series, run.intervals)
        except (ModelFileError, OSError) as error:
            self.error.emit(str(error))
            return dialogs.offer_save_as(self.window, run, str(error)) and self.save_as(run)
        self.session.mark_saved(run, path)
        self._remember(path)
        self.status.emit(tr("Saved {run} to {file}").format(run=run.name, file=path.name))
        return True

    def confirm_quit(self, training: Run | None) -> bool:
        """True when nothing trained would be lost by quitting, or the user said so: a run in
        ``training`` is stopped only after asking; unsaved runs are saved or discarded as asked."""
        if training is not None and not dialogs.ask_quit_while_training(self.window, training):
            return False
        unsaved = [run for run in self.session.unsaved() if run is not training]
        if not unsaved:
            return True
        choice = dialogs.ask_unsaved_runs(self.window, unsaved)
        if choice == QMessageBox.StandardButton.Save:
            return all(self.save(run) for run in unsaved)
        if choice == QMessageBox.StandardButton.SaveAll:
            return self.save_session()
        return choice == QMessageBox.StandardButton.Discard

    def _remember(self, path: Path) -> None:
        self.settings.add_recent_file(path)
        self.recent_menu.refresh()

    def shutdown(self) -> None:
        self.opener.shutdown()
        self.csv_loader.shutdown()


def loss_text(epoch: int, loss: float, val_loss: float | None) -> str:
    text = tr("epoch {epoch}: loss {loss}").format(epoch=epoch, loss=f"{loss:.5g}")
    return text + ("" if val_loss is None else tr(", val_loss {val}").format(val=f"{val_loss:.5g}"))
