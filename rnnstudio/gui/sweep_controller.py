"""Sweeps from the window: the dialog that sets one up, the worker processes that train it
(off the GUI thread: a Python thread waits on them and rebuilds each finished run), and the
runs arriving in the session one by one while the sweep's plot grows."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSpinBox,
    QWidget,
)

from ..core.experiment import Experiment, ExperimentError
from ..core.run import Run
from ..core.session import Session
from ..core.sweep import SweepOutcome, SweepPoint, SweepPool, parse_variation, run_of, sweep_points
from .background import one_line
from .i18n import tr
from .panel_fields import FIELDS
from .sweep_view import SweepView

NOTHING = "(nothing)"
SWEEPABLE = [spec.path for spec in FIELDS if spec.kind in ("int", "float", "choice")]


class SweepDialog(QDialog):
    """Which fields to vary over which values, and how many seeds; :attr:`points` once accepted."""

    def __init__(self, base: Experiment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Sweep"))
        self.base = base
        self.points: list[SweepPoint] = []
        self.fields = [QComboBox(), QComboBox()]
        self.values = [QLineEdit(), QLineEdit()]
        self.fields[0].addItems(SWEEPABLE)
        self.fields[1].addItems([NOTHING, *SWEEPABLE])
        self.fields[0].setCurrentText("model.kind")
        self.values[0].setText("simple_rnn,lstm")
        self.seeds = QSpinBox()
        self.seeds.setRange(1, 20)
        self.workers = QSpinBox()
        self.workers.setRange(1, os.cpu_count() or 1)
        self.workers.setValue(os.cpu_count() or 1)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(tr("Every combination of the values below, trained from “{recipe}” as it is in the "
                              "panel.").format(recipe=base.name)))
        for index, label in enumerate((tr("Vary"), tr("and"))):
            form.addRow(label, self.fields[index])
            form.addRow(tr("over the values"), self.values[index])
        form.addRow(tr("Seeds per combination"), self.seeds)
        form.addRow(tr("Worker processes"), self.workers)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """Check the sweep; a bad one stays open with its message naming the field."""
        texts = [f"{field.currentText()}={values.text()}" for field, values in zip(self.fields, self.values)
                 if field.currentText() != NOTHING]
        try:
            self.points = sweep_points(self.base, [parse_variation(text) for text in texts], self.seeds.value())
        except ExperimentError as error:
            self.error.setText(str(error))
            return
        super().accept()


class SweepController(QObject):
    """Runs one sweep at a time; each finished run is added to the session. ``failed(message)``
    says why a run (or the sweep) failed, ``status(text)`` how it ended, ``changed()`` comes
    when a sweep starts or ends."""

    outcome_ready = Signal(object, object)  # from the sweep's thread to the GUI thread
    ended = Signal(bool)  # the same, at the end (stopped or not)
    failed = Signal(str)
    status = Signal(str)
    changed = Signal()

    def __init__(self, session: Session, view: SweepView, dock: QWidget) -> None:
        super().__init__()
        self.session = session
        self.view = view
        self.dock = dock
        self.reveal: Callable[[QWidget], None] = lambda dock: dock.raise_()  # the window's: opens a folded area too
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._active = False
        self.outcome_ready.connect(self._on_outcome)
        self.ended.connect(self._on_ended)

    @property
    def running(self) -> bool:
        """From :meth:`start` until the window has taken the sweep's last run and its end."""
        return self._active

    def ask_and_start(self, parent: QWidget) -> None:
        """Ask which sweep of the panel's experiment to train, and start it."""
        base = self.session.draft.experiment
        if self.running:
            self.failed.emit(tr("A sweep is running: wait for it or stop it (Shift+F5) first"))
        elif base is None:
            self.failed.emit(tr("Sweep: the panel's experiment is not valid yet; fix the fields marked in red first"))
        else:
            dialog = SweepDialog(base, parent)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.start(dialog.points, dialog.workers.value())
                self.show_plot()

    def show_plot(self) -> None:
        """Bring the sweep's plot to the front, with room to read it."""
        self.reveal(self.dock)
        window = self.dock.parentWidget()
        if isinstance(window, QMainWindow):
            window.resizeDocks([self.dock], [max(self.dock.height(), window.height() // 3)], Qt.Orientation.Vertical)

    def start(self, points: list[SweepPoint], workers: int) -> None:
        """Train ``points`` in ``workers`` processes; each finished run joins the session."""
        self._stop.clear()
        self.view.start(len(points))
        stop = self._stop

        def work() -> None:
            def arrived(outcome: SweepOutcome) -> None:
                try:
                    run = run_of(outcome, f"sweep {outcome.point.index + 1}: {outcome.point.label}")
                except Exception as error:  # a run that cannot be rebuilt is reported, the sweep goes on
                    outcome.error = one_line(error)
                    run = None
                self.outcome_ready.emit(outcome, run)

            try:
                SweepPool(workers).run(points, arrived, stop)
            except Exception as error:
                self.failed.emit(tr("The sweep stopped: {error}").format(error=one_line(error)))
            self.ended.emit(stop.is_set())

        self._thread = threading.Thread(target=work, name="sweep", daemon=True)
        self._active = True
        self._thread.start()
        self.status.emit(tr("Sweep: {runs} runs on {workers} worker processes…").format(
            runs=len(points), workers=min(workers, len(points))))
        self.changed.emit()

    def _on_ended(self, stopped: bool) -> None:
        self._active = False
        if self._thread is not None:
            self._thread.join(timeout=5)  # it has emitted its last signal: it ends now
        self.status.emit(tr("Sweep stopped: the runs finished so far are in the list") if stopped
                         else tr("Sweep finished: its runs are in the list"))
        self.changed.emit()

    def _on_outcome(self, outcome: SweepOutcome, run: Run | None) -> None:
        self.view.add(outcome)
        if run is None:
            self.failed.emit(tr("Sweep run {number} ({settings}) failed: {error}").format(
                number=outcome.point.index + 1, settings=outcome.point.label, error=outcome.error))
            return
        self.session.add(run, select=False)

    def stop(self) -> None:
        """Stop the sweep: its worker processes end at once; finished runs stay."""
        self._stop.set()

    def shutdown(self) -> None:
        self.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
