"""Computing what a replayed epoch shows, off the GUI thread.

A run's report at an epoch (predictions, rollout, states, and the scores when the Scores tab
is shown) is up to about 2 s of numpy by the experiment's cost bounds. The plot area asks for
it here and draws it when it arrives; a newer request (the slider moved on) makes older
results stale (see :mod:`.background`). The overlaid runs' latest reports come with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.report import EpochReport
from ..core.run import Run
from .background import LatestWins


@dataclass(frozen=True)
class ComputedReports:
    """The answer to one request: ``run`` at ``epoch`` (None when it has no snapshot), and
    the latest report of each overlaid run by id."""

    request: int
    run: Run | None
    epoch: int | None
    report: EpochReport | None
    overlays: dict[int, EpochReport | None] = field(default_factory=dict)


class ReportComputer(LatestWins):
    """Computes reports in a background thread; ``finished`` carries :class:`ComputedReports`."""

    def __init__(self) -> None:
        super().__init__("reports")

    def request(self, run: Run | None, epoch: int | None, overlays: list[Run], scores: bool) -> int:
        """Compute ``run`` at ``epoch`` (with its scores when ``scores``) and the latest
        report of each of ``overlays``."""
        return self.submit(lambda request: _compute(request, run, epoch, overlays, scores))


def _compute(request: int, run: Run | None, epoch: int | None, overlays: list[Run], scores: bool) -> ComputedReports:
    report = run.computed_report_at(epoch, scores) if run is not None and epoch is not None else None
    latest = {other.id: other.latest_report() for other in overlays}
    return ComputedReports(request, run, epoch, report, latest)
