"""The memory tab: the shown run's gradients through time at the replayed epoch, computed
off the GUI thread from its snapshots, and drawn over its earlier epochs.

A run's gradients are kept by epoch (see :class:`~rnnstudio.core.memory.GradientHistory`),
so replaying an epoch already computed draws at once; missing epochs (all of them the first
time, the new ones while a run trains) are filled in the background, only while the tab is
shown. Overlaid runs add their latest epoch's curve.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..core.memory import GradientHistory
from ..core.run import Run
from ..core.session import Session
from .background import LatestWins
from .plots.memory_plot import MemoryPlot

NO_STEPS = "No memory to show: x -> y has no earlier steps"
NO_RUN = "Train or open a run to see how far back it reaches"


@dataclass(frozen=True)
class FilledGradients:
    """The answer to one request: the histories that were filled."""

    request: int
    run: Run
    history: GradientHistory


class GradientComputer(LatestWins):
    """Fills gradient histories in a background thread; ``finished`` carries :class:`FilledGradients`."""

    def __init__(self) -> None:
        super().__init__("gradients")

    def request(self, run: Run, history: GradientHistory, overlays: list[tuple[Run, GradientHistory]]) -> int:
        """Compute every kept epoch of ``run`` missing from ``history``, and the latest epoch
        of each overlaid run."""
        def work(request: int) -> FilledGradients:
            def keep_going() -> bool:  # a newer request (or Quit) makes this one moot
                return self.is_latest(request)

            for other, other_history in overlays:
                latest = other.snapshots.latest_epoch
                other.fill_gradients(other_history, None if latest is None else [latest], keep_going)
            run.fill_gradients(history, keep_going=keep_going)
            return FilledGradients(request, run, history)

        return self.submit(work)


class MemoryView(QWidget):
    """The memory plot of the session's shown run; ``failed`` carries a computing error."""

    failed = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.plot = MemoryPlot()
        self.computer = GradientComputer()
        self.computer.finished.connect(self._on_filled)
        self.plot.prediction_changed.connect(lambda: self.show_run(self._run))
        self.computer.failed.connect(lambda request, message: self.computer.is_latest(request)
                                     and self.failed.emit(f"The gradients could not be computed: {message}"))
        self.active = False  # set while the tab is shown: nothing is computed for a hidden tab
        self._run: Run | None = None
        self._pending: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.plot.clear(NO_RUN)

    @property
    def computing(self) -> bool:
        return self._pending is not None and self.computer.is_latest(self._pending)

    def set_active(self, active: bool) -> None:
        """The tab was shown (or hidden): draw what is shown now."""
        self.active = active
        self.show_run(self._run)

    def show_run(self, run: Run | None) -> None:
        """Draw ``run`` at the session's epoch; compute what is missing in the background."""
        self._run = run
        if not self.active:
            return
        history = run.gradient_history(*self.plot.chosen()) if run is not None else None
        if run is None or history is None:
            self.plot.clear(NO_RUN if run is None else NO_STEPS)
            return
        overlays = self._overlays(run)
        self._draw(run, history, overlays)
        missing = [epoch for epoch in run.snapshots.epochs if history.at(epoch) is None]
        if missing or any(not other.by_epoch for _, other in overlays):
            self._pending = self.computer.request(run, history, overlays)

    def _overlays(self, run: Run) -> list[tuple[Run, GradientHistory]]:
        overlays = []
        for other in self.session.overlaid_runs():
            history = other.gradient_history() if other is not run and not other.is_training else None
            if history is not None:
                overlays.append((other, history))
        return overlays

    def _draw(self, run: Run, history: GradientHistory, overlays: list[tuple[Run, GradientHistory]]) -> None:
        named = [(other.name, self.session.color_of(other), other_history) for other, other_history in overlays]
        color = self.session.color_of(run) if overlays else None
        self.plot.show_history(history, self.session.epoch, run.name if overlays else "", color, named)

    def _on_filled(self, result: FilledGradients) -> None:
        if not self.computer.is_latest(result):
            return
        self._pending = None
        if result.run is self._run and self.active:
            self._draw(result.run, result.history, self._overlays(result.run))

    def shutdown(self) -> None:
        self.computer.forget()  # the running fill stops after its current epoch
        self.computer.shutdown()
