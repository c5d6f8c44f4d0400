"""The closed-loop plot: per epoch, the one-step error and the closed-loop error over the
rollout (the exposure-bias gap shaded between them), a marker at the replayed epoch, overlaid
runs in their colours, and a scheduled-sampling run's feedback chance on its own axis."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ...core.exposure_bias import GapHistory
from ...core.text import QT_TR_NOOP
from ..i18n import tr
from .base import (
    EPOCH_MARKER_PEN,
    ONE_STEP,
    PLOT_HELP,
    ROLLOUT,
    OverlayCurves,
    StudioPlot,
    make_curve,
    nearest_index,
    set_axis_label,
    set_title,
)
from .loss_plot import EpochAxis, LogLossAxis

TITLE = QT_TR_NOOP("Closed loop vs one step")
CHANCE_PEN = pg.mkPen("#7f7f7f", width=1, style=Qt.PenStyle.DotLine)
GAP_BRUSH = pg.mkBrush(214, 39, 40, 40)


class ChanceAxis(pg.AxisItem):
    """The right axis, a chance from 0 to 1: linear while the errors' axis is logarithmic."""

    def setLogMode(self, *args: object, **kwargs: object) -> None:
        """Stays linear (the plot sets every axis's log mode at once)."""


class ExposurePlot(StudioPlot):
    """Errors over the epochs; hovering reads them at the epoch under the cursor."""

    def __init__(self) -> None:
        super().__init__(tr(TITLE), tr("epoch"), tr("rollout RMSE (log scale)"), tr(PLOT_HELP["closed loop"]))
        plot = self.getPlotItem()
        plot.setAxisItems({"left": LogLossAxis("left"), "bottom": EpochAxis("bottom"), "right": ChanceAxis("right")})
        plot.setLabel("left", tr("rollout RMSE (log scale)"))
        set_axis_label(plot, "bottom", tr("epoch"))
        plot.setLogMode(y=True)
        self.closed_loop = make_curve(plot, ROLLOUT, tr("closed loop"))
        self.one_step = make_curve(plot, ONE_STEP, tr("one step"))
        self.gap = pg.FillBetweenItem(self.closed_loop, self.one_step, brush=GAP_BRUSH)
        plot.addItem(self.gap)
        self.overlays = OverlayCurves(plot)
        self.marker = pg.InfiniteLine(angle=90, pen=EPOCH_MARKER_PEN)
        self.marker.hide()
        plot.addItem(self.marker, ignoreBounds=True)
        self.chance_view = pg.ViewBox(enableMouse=False)
        plot.scene().addItem(self.chance_view)
        plot.getAxis("right").linkToView(self.chance_view)
        self.chance_view.setYRange(0, 1.05, padding=0)
        self.chance = pg.PlotDataItem(pen=CHANCE_PEN)
        self.chance_view.addItem(self.chance)
        # follows the errors' view one way (a linked range would push its own width back on it)
        plot.vb.sigResized.connect(self._follow)
        plot.vb.sigXRangeChanged.connect(self._follow)
        self.enable_readout(anchor=(0, 1))
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _follow(self) -> None:
        view = self.getPlotItem().vb
        self.chance_view.setGeometry(view.sceneBoundingRect())
        self.chance_view.setXRange(*view.viewRange()[0], padding=0)

    def show_gap(self, history: GapHistory | None, epoch: int | None, color: str | None,
                 overlays: list[tuple[str, str, GapHistory]], chances: np.ndarray | None, message: str = "") -> None:
        """Draw ``history`` (None: ``message`` instead) with the marker at ``epoch``, in
        ``color`` (None: the plot's own), ``overlays`` of (name, colour, history) as solid
        (closed loop) and dashed (one step) lines, and ``chances`` (per epoch from 1) of
        feeding back a prediction on the right axis (None: the run trains on the truth)."""
        plot = self.getPlotItem()
        arrays = history.arrays() if history is not None else None
        self._arrays = arrays if arrays is not None and len(arrays[0]) else None
        if self._arrays is None:
            self.closed_loop.setData([], [])
            self.one_step.setData([], [])
            self.marker.hide()
            set_title(plot, message or tr(TITLE))
        else:
            epochs, one_step, closed = self._arrays
            self.closed_loop.setData(epochs, closed)
            self.one_step.setData(epochs, one_step)
            self.closed_loop.setPen(pg.mkPen(color, width=2) if color else ROLLOUT)
            self.one_step.setPen(pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine) if color else ONE_STEP)
            row = nearest_index(epochs.astype(float), float(epoch if epoch is not None else epochs[-1]))
            row = len(epochs) - 1 if row is None else row
            self.marker.setPos(float(epochs[row]))
            self.marker.show()
            set_title(plot, tr("Closed loop / one step: {times}").format(times=_times(closed[row], one_step[row])))
        items = []
        for name, other_color, other in overlays:
            epochs, one_step, closed = other.arrays()
            items += [(name, other_color, False, epochs, closed),  # one entry per run: solid closed loop, dashed one step
                      ("_" + tr("{run} one step").format(run=name), other_color, True, epochs, one_step)]
        self.overlays.update(items)
        if chances is None:
            self.chance.setData([], [])
            plot.hideAxis("right")
        else:
            self.chance.setData(np.arange(1, len(chances) + 1), chances)
            plot.showAxis("right")
            plot.setLabel("right", tr("chance of feeding back"))

    def readout_at(self, x: float, y: float) -> str:
        if self._arrays is None:
            return ""
        epochs, one_step, closed = self._arrays
        row = nearest_index(epochs.astype(float), x)
        if row is None:
            return ""
        return tr("epoch {epoch}\nclosed loop {closed}\none step {one_step}").format(
            epoch=epochs[row], closed=f"{closed[row]:.4g}", one_step=f"{one_step[row]:.4g}")


def _times(closed: float, one_step: float) -> str:
    """How many times the one-step error the closed loop's is: "7.3x"."""
    return f"{closed / one_step:.1f}x" if one_step > 0 else "inf x"
