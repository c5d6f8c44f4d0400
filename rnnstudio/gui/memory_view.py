"""The memory tab: the shown run's gradients through time at the replayed epoch, computed
off the GUI thread from its snapshots, and drawn over its earlier epochs.

A run's gradients are kept by epoch (see :class:`~rnnstudio.core.memory.GradientHistory`),
so replaying an epoch already computed draws at once; missing epochs (all of them the first
time, the new ones while a run trains) are filled in the background, only while the tab is
shown. Overlaid runs add their latest epoch's curve.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.memory import GradientHistory
from ..core.run import Run
from ..core.session import Session
from .background import LatestWins
from .epoch_tab import EpochTab
from .i18n import QT_TR_NOOP, tr
from .plots.memory_plot import MemoryPlot

NO_STEPS = QT_TR_NOOP("No memory to show: x -> y has no earlier steps")
NO_RUN = QT_TR_NOOP("Train or open a run to see how far back it reaches")


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


class MemoryView(EpochTab[GradientHistory]):
    """The memory plot of the session's shown run; ``failed`` carries a computing error."""

    def __init__(self, session: Session) -> None:
        self.plot = MemoryPlot()
        super().__init__(session, GradientComputer(), self.plot, tr("The gradients could not be computed"))
        self.plot.prediction_changed.connect(lambda: self.show_run(self._run))
        self.plot.clear(tr(NO_RUN))

    def show_run(self, run: Run | None) -> None:
        """Draw ``run`` at the session's epoch; compute what is missing in the background."""
        self._run = run
        if not self.active:
            return
        history = run.gradient_history(*self.plot.chosen()) if run is not None else None
        if run is None or history is None:
            self.plot.clear(tr(NO_RUN if run is None else NO_STEPS))
            return
        overlays = self.overlays(run, lambda other: other.gradient_history())
        self._draw(run, history, overlays)
        missing = [epoch for epoch in run.snapshots.epochs if history.at(epoch) is None]
        if missing or any(not other.by_epoch for _, other in overlays):
            self._pending = self.computer.request(run, history, overlays)

    def _draw(self, run: Run, history: GradientHistory, overlays: list[tuple[Run, GradientHistory]]) -> None:
        named = [(other.name, self.session.color_of(other), other_history) for other, other_history in overlays]
        color = self.session.color_of(run) if overlays else None
        self.plot.show_history(history, self.session.epoch, run.name if overlays else "", color, named)

    def filled(self, result: object) -> None:
        assert isinstance(result, FilledGradients)
        if result.run is self._run:
            self._draw(result.run, result.history, self.overlays(result.run, lambda other: other.gradient_history()))
