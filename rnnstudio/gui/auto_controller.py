"""Training > Auto…: choose the panel's network by backtest. The experiment as set and a few
variants of it are backtested in worker processes (a thread waits on them, so the window stays
responsive); the best is put into the panel, ready to train, and a window lists every
candidate's score. Stop ends the search at once and changes nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.auto_search import (
    DEFAULT_BUDGET_SECONDS,
    MAX_BUDGET_SECONDS,
    AutoResult,
    AutoSearch,
    CandidateScore,
    chosen,
)
from ..core.data import load_series
from ..core.experiment import Experiment, ExperimentError
from ..core.series import DataError, Series
from ..core.session import Session
from .background import one_line
from .i18n import tr


class AutoController(QObject):
    """One search at a time; ``apply(experiment)`` puts the chosen experiment into the panel.
    ``status(text)`` says where it is, ``failed(message)`` why it could not run, ``changed()``
    comes when it starts or ends; ``result`` is the last search's result and ``report`` its window."""

    # each carries its search's Stop event first, so that a stopped search's late signals are dropped
    scored = Signal(object, object)  # (stop event, (search, CandidateScore)): from the search's thread
    ended = Signal(object, object, object)  # (stop event, experiment searched, AutoResult or None)
    failed = Signal(str)
    status = Signal(str)
    changed = Signal()

    def __init__(self, session: Session, apply: Callable[[Experiment], None], parent: QWidget) -> None:
        super().__init__()
        self.session, self.apply, self.parent_widget = session, apply, parent
        self._search: AutoSearch | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()  # the current search's Stop (it may come before the search exists)
        self._done = 0
        self.report: QDialog | None = None
        self.result: AutoResult | None = None
        self.scored.connect(self._on_scored)
        self.ended.connect(self._on_ended)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def ask_and_start(self) -> None:
        """Ask for the time budget, and search around the panel's experiment."""
        experiment = self.session.draft.experiment
        if self.running:
            self.failed.emit(tr("Auto is searching: wait for it or stop it (Shift+F5) first"))
        elif experiment is None:
            self.failed.emit(tr("Auto: fix the fields marked in red first"))
        else:
            budget, accepted = QInputDialog.getInt(
                self.parent_widget, tr("Auto"), tr("Backtest the panel's experiment and a few variants of it (the other "
                "gated cell, a linear highway on or off, half the units, the other scaling) in worker processes, and put the "
                "best into the panel.\n\nAt most how many seconds?"), int(DEFAULT_BUDGET_SECONDS), 10,
                int(MAX_BUDGET_SECONDS))
            if accepted:
                self.start(experiment, self.session.draft.series, budget)

    def start(self, experiment: Experiment, series: Series | None, budget: float) -> None:
        """Search around ``experiment`` (on ``series``, or its data read again) in the background."""
        self._done, self._search, self._stopped = 0, None, threading.Event()
        self._thread = threading.Thread(target=self._work, args=(experiment, series, budget, self._stopped),
                                        name="auto", daemon=True)
        self._thread.start()
        self.status.emit(tr("Auto: preparing the candidates for {experiment}…").format(experiment=experiment.name))
        self.changed.emit()

    def stop(self) -> None:
        """Stop the search now: the panel keeps what it holds."""
        thread, search = self._thread, self._search
        if thread is None:
            return
        self._stopped.set()
        if search is not None:
            search.request_stop()
        self._thread = self._search = None
        self.status.emit(tr("Auto stopped: the panel is unchanged"))
        self.changed.emit()

    def shutdown(self) -> None:
        thread = self._thread
        self.stop()
        if thread is not None:
            thread.join(timeout=5)  # the workers are terminated at once

    def _work(self, experiment: Experiment, series: Series | None, budget: float, stopped: threading.Event) -> None:
        try:
            series = series if series is not None else load_series(experiment.data)
            search = AutoSearch(experiment, series, budget)
        except (ExperimentError, DataError) as error:
            if not stopped.is_set():
                self.failed.emit(tr("Auto: {error}").format(error=error.said(tr) if isinstance(error, DataError) else error))
            self.ended.emit(stopped, experiment, None)
            return
        self._search = search
        if stopped.is_set():
            search.request_stop()
        names = ", ".join(candidate.name for candidate in search.candidates)
        self.status.emit(tr("Auto: backtesting {count} candidates ({names}) at {origins} origins in {workers} worker "
                            "processes…").format(count=len(search.candidates), names=names, origins=search.origins,
                                                 workers=search.pool.workers))
        try:
            result = search.run(lambda score: self.scored.emit(stopped, (search, score)))
        except Exception as error:
            self.failed.emit(tr("Auto stopped: {error}").format(error=one_line(error)))
            result = None
        self.ended.emit(stopped, experiment, result)

    def _on_scored(self, stopped: threading.Event, scored: tuple[AutoSearch, CandidateScore]) -> None:
        if stopped is not self._stopped or stopped.is_set():
            return  # a stopped search's last words
        search, score = scored
        self._done += 1
        outcome = score.error or tr("{score} of persistence's errors").format(score=f"{score.score:.3f}")
        self.status.emit(tr("Auto: {done} of {count} candidates backtested ({candidate}: {outcome})…").format(
            done=self._done, count=len(search.candidates), candidate=score.candidate.name, outcome=outcome))

    def _on_ended(self, stopped: threading.Event, experiment: Experiment, result: AutoResult | None) -> None:
        if stopped is not self._stopped or stopped.is_set():
            return  # stopped: the window has said so already
        self._search = self._thread = None
        if result is not None:
            self.result = result
            if result.best is None:
                said = tr("Auto: no candidate was scored (the list says why): the panel is unchanged")
                self.status.emit(said)
            else:
                choice = chosen(experiment, result)
                self.apply(choice)
                said = choice.description.rsplit("; ", 1)[-1]
                self.status.emit(tr("{said}: press Train (F5) to train it").format(said=said))
            self._show(result, said)
        self.changed.emit()

    def _show(self, result: AutoResult, said: str) -> None:
        """Every candidate's score in a window of its own (not modal: the window goes on)."""
        if self.report is not None:
            self.report.close()
        self.report = dialog = QDialog(self.parent_widget)
        dialog.setWindowTitle(tr("Auto"))
        layout = QVBoxLayout(dialog)
        heading = QLabel(said)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        table = QPlainTextEdit("\n".join(result.table()))
        table.setReadOnly(True)
        table.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        table.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        metrics = table.fontMetrics()
        lines = result.table()
        table.setMinimumSize(min(900, max(metrics.horizontalAdvance(line) for line in lines) + 40),
                             metrics.lineSpacing() * (len(lines) + 2))
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        layout.addWidget(buttons)
        dialog.setModal(False)
        dialog.show()
