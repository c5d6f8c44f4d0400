"""The closed-loop tab: the shown run's exposure-bias gap over its epochs (one-step against
closed-loop error on its rollout), computed off the GUI thread from its snapshots, with the
overlaid runs' gaps beside it: a run trained with teacher forcing and one trained free
running, ticked together, show what training on its own predictions buys.

As in the memory tab, a run's gaps are kept by epoch (:class:`~rnnstudio.core.exposure_bias.GapHistory`),
computed only while the tab is shown, and a replayed epoch only moves the marker.
"""

from __future__ import annotations

import numpy as np

from ..core.exposure_bias import GapHistory
from ..core.free_running import feedback_chance
from ..core.run import Run
from ..core.session import Session
from .background import LatestWins
from .epoch_tab import EpochTab
from .i18n import QT_TR_NOOP, tr
from .plots.exposure_plot import ExposurePlot

NO_RUN = QT_TR_NOOP("Train or open a run to compare its closed loop with its one-step predictions")
NO_ROLLOUT = QT_TR_NOOP("No closed loop to compare: this run has no rollout (x -> y, or 0 rollout steps)")


class GapComputer(LatestWins):
    """Fills gap histories in a background thread; ``finished`` carries the request number."""

    def __init__(self) -> None:
        super().__init__("exposure gap")

    def request(self, runs: list[tuple[Run, GapHistory]], wanted: int | None) -> int:
        """Compute the missing epochs of each (run, history), the first run's ``wanted`` epoch among them."""
        def work(request: int) -> int:
            for index, (run, history) in enumerate(runs):
                run.fill_gap(history, wanted if index == 0 else None, keep_going=lambda: self.is_latest(request))
            return request

        return self.submit(work)


class ExposureView(EpochTab[GapHistory]):
    """The closed-loop plot of the session's shown run; ``failed`` carries a computing error."""

    def __init__(self, session: Session) -> None:
        self.plot = ExposurePlot()
        super().__init__(session, GapComputer(), self.plot, tr("The closed-loop errors could not be computed"))
        self.plot.show_gap(None, None, None, [], None, tr(NO_RUN))

    def show_run(self, run: Run | None) -> None:
        """Draw ``run`` with the marker at the session's epoch; compute what is missing."""
        self._run = run
        if not self.active:
            return
        history = run.gap_history() if run is not None else None
        if run is None or history is None:
            self.plot.show_gap(None, None, None, [], None, tr(NO_RUN if run is None else NO_ROLLOUT))
            return
        runs = [(run, history), *self.overlays(run, lambda other: other.gap_history())]
        self._draw(run, history, runs[1:])
        if any(other_history.missing(other.experiment, other.snapshots.epochs,
                                     self.session.epoch if other is run else None) for other, other_history in runs):
            self._pending = self.computer.request(runs, self.session.epoch)

    def _draw(self, run: Run, history: GapHistory, overlays: list[tuple[Run, GapHistory]]) -> None:
        train = run.experiment.train
        chances = None if train.mode != "scheduled_sampling" else np.array(
            [feedback_chance(train, epoch) for epoch in range(1, max(train.epochs, run.epochs_run) + 1)])
        named = [(other.name, self.session.color_of(other), other_history) for other, other_history in overlays]
        self.plot.show_gap(history, self.session.epoch, self.session.color_of(run) if overlays else None, named,
                           chances)

    def filled(self, result: object) -> None:
        run = self._run
        history = run.gap_history() if run is not None else None
        if run is not None and history is not None:
            self._draw(run, history, self.overlays(run, lambda other: other.gap_history()))
