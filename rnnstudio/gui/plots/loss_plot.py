"""The loss plot: loss and val_loss per epoch on a log axis, smoothing, overlaid runs' losses,
a seed ensemble's members' spread as bands, and the replayed epoch's marker."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGraphicsItem,
)

from ...core.history import History
from ..i18n import tr
from .base import (
    EPOCH_MARKER_PEN,
    PLOT_HELP,
    RAW_PEN,
    TRAIN,
    VALIDATION,
    Overlay,
    OverlayCurves,
    StudioPlot,
    StyleKey,
    exempt_from_auto_range,
    make_curve,
    name_in_legend,
    set_axis_label,
    shading,
)


class LogLossAxis(pg.AxisItem):
    """A log axis labelled at 1, 2 and 5 of each decade, only at decades when space is short,
    and at round values when the range spans less than a decade, so labels never pile up
    and are there for any range."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        if not self.logMode:
            return super().tickValues(minVal, maxVal, size)
        low, high = sorted((minVal, maxVal))
        ticks = [decade + np.log10(m) for decade in range(int(np.floor(low)) - 1, int(np.ceil(high)) + 1)
                 for m in (1, 2, 5) if low <= decade + np.log10(m) <= high]
        if len(ticks) < 3:
            ticks = list(np.log10(_round_values(10**low, 10**high)))
        elif len(ticks) * 22 > size:  # too crowded: decades only
            ticks = [t for t in ticks if abs(t - round(t)) < 1e-9] or ticks[:: max(1, len(ticks) // 3)]
        return [(1.0, ticks)]

    def logTickStrings(self, values: list, scale: float, spacing: float) -> list[str]:
        return [f"{10**value:.3g}" for value in values]


def _round_values(low: float, high: float, count: int = 4) -> np.ndarray:
    """About ``count`` round values (steps of 1, 2 or 5 times a power of ten) in [low, high]."""
    span = max(high - low, high * 1e-6, 1e-300)
    step = 10 ** np.floor(np.log10(span / count))
    step *= next(m for m in (1, 2, 5, 10) if span / (step * m) <= count)
    values = np.arange(np.ceil(low / step) * step, high + step * 1e-9, step)
    return values[values > 0] if np.any(values > 0) else np.array([low])


class EpochAxis(pg.AxisItem):
    """Ticks at whole epochs only (no epoch 1.5)."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        return [(max(spacing, 1.0), [v for v in values if float(v).is_integer()])
                for spacing, values in super().tickValues(minVal, maxVal, size)]


class LossPlot(StudioPlot):
    """Loss and val_loss per epoch on a log scale, with a readout under the cursor."""

    def __init__(self) -> None:
        super().__init__(tr("Loss"), tr("epoch"), tr("loss (log scale)"), tr(PLOT_HELP["loss"]))
        plot = self.getPlotItem()
        plot.setAxisItems({"left": LogLossAxis("left"), "bottom": EpochAxis("bottom")})
        for name in ("left", "bottom"):
            plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        plot.setLabel("left", tr("loss (log scale)"))
        set_axis_label(plot, "bottom", tr("epoch"))
        plot.setLogMode(y=True)
        plot.getAxis("left").enableAutoSIPrefix(False)
        self.raw_loss_curve = make_curve(plot, RAW_PEN)  # faint, behind the smoothed curves
        self.raw_val_curve = make_curve(plot, RAW_PEN)
        self.loss_curve = make_curve(plot, TRAIN, tr("loss"))
        self.val_curve = make_curve(plot, VALIDATION, tr("val_loss"))
        self.member_bands = {kind: shading(plot, rgb) for kind, rgb in (("loss", (31, 119, 180)),
                                                                         ("val_loss", (255, 127, 14)))}
        self.overlays = OverlayCurves(plot)
        # the refit's epochs (on every sample, after early stopping): their loss includes the validation part's
        self.refit_region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(120, 120, 120, 40),
                                                pen=pg.mkPen(None))
        plot.addItem(self.refit_region, ignoreBounds=True)
        self.refit_region.hide()
        self.refit_from: int | None = None
        self.key = StyleKey(self, tr("loss (solid)"), tr("val_loss (dashed)"))
        self.smoothing = QDoubleSpinBox(self)
        self.smoothing.setRange(0.0, 0.99)
        self.smoothing.setSingleStep(0.1)
        self.smoothing.setDecimals(2)
        self.smoothing.setPrefix(tr("smoothing "))
        self.smoothing.setToolTip(tr("Exponential moving average of the curves (0: raw). The raw curve stays faint "
                                  "behind the smoothed one, as in TensorBoard."))
        self.smoothing.move(30, 4)
        self.smoothing.valueChanged.connect(self._redraw)
        self._history: tuple = (History(), "", None)
        self._overlay_list: list[Overlay] = []
        self.epoch_marker = pg.InfiniteLine(angle=90, pen=EPOCH_MARKER_PEN, label=tr("epoch {value:.0f}"),
                                            labelOpts={"position": 0.5, "color": "#555555",  # mid-height, clear of the legend
                                                       "anchors": [(1.05, 0.5), (1.05, 0.5)],
                                                       "fill": pg.mkBrush(255, 255, 255, 190)})
        exempt_from_auto_range(self.epoch_marker.label)
        plot.addItem(self.epoch_marker, ignoreBounds=True)
        self.epoch_marker.hide()
        self.enable_readout(anchor=(0, 0))
        self.loss: list[float] = []
        self.val_loss: list[float | None] = []

    def set_history(self, history: History, name: str = "", color: str | None = None) -> None:
        """The shown run's loss curves (a seed ensemble's: its mean prediction's, and its
        members' lowest to highest as a band). With overlays, ``name`` prefixes their legend
        entries and ``color`` is the run's own colour (loss solid, val_loss dashed)."""
        loss, val_loss = history.loss, history.val_loss
        self.loss, self.val_loss = loss, val_loss
        self._history = (history, name, color)
        weight = self.smoothing.value()
        members = len(history.member_loss[-1]) if history.member_loss and history.member_loss[-1] else 0
        for kind, per_epoch in (("loss", history.member_loss), ("val_loss", history.member_val_loss)):
            lowest = [min(v) if v else None for v in per_epoch]
            highest = [max(v) if v else None for v in per_epoch]
            (lower, upper), fill = self.member_bands[kind]
            lower.setData(*_loss_points(lowest, weight))
            upper.setData(*_loss_points(highest, weight))
            drawn = any(v is not None for v in lowest)
            fill.setVisible(drawn)
            self.show_in_legend(lower, tr("{kind}: {members} seeds, lowest to highest").format(kind=tr(kind), members=members), drawn)
        self.loss_curve.setData(*_loss_points(loss, weight))
        self.val_curve.setData(*_loss_points(val_loss, weight))
        self.raw_loss_curve.setData(*(_loss_points(loss) if weight else ([], [])))
        self.raw_val_curve.setData(*(_loss_points(val_loss) if weight else ([], [])))
        self.loss_curve.setPen(TRAIN if color is None else pg.mkPen(color, width=1))
        self.val_curve.setPen(VALIDATION if color is None else pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
        self.refit_from = history.refit[1] if history.refit is not None else None
        if self.refit_from is not None:
            self.refit_region.setRegion((self.refit_from - 0.5, len(loss) + 0.5))
        self.refit_region.setVisible(self.refit_from is not None)
        validated = any(value is not None for value in val_loss)
        # overlaid, a run is one entry in its colour, and the key says solid is loss, dashed val_loss
        self.show_in_legend(self.val_curve, tr("val_loss"), not name and (validated or not loss))
        name_in_legend(self.getPlotItem().legend, self.loss_curve, name or tr("loss"))
        self.key.show(bool(name), validated)
        self.readout.setText("")

    def reset(self, epochs: int | None) -> None:
        """A new run's axes: epochs 1 to ``epochs`` (the planned training), losses 0.001 to 1,
        until its own curves set them."""
        self.set_history(History())
        self.set_marker(None)
        plot = self.getPlotItem()
        plot.enableAutoRange()
        plot.setXRange(1, max(epochs or 10, 2), padding=0.02)
        plot.setYRange(-3, 0, padding=0.02)  # log10 of the loss
        plot.enableAutoRange()  # the first loss values take over

    def set_overlays(self, overlays: list[Overlay]) -> None:
        """Other runs' loss (solid) and val_loss (dashed) curves, each in its colour."""
        self._overlay_list = overlays
        weight = self.smoothing.value()
        items = []
        for overlay in overlays:
            items.append((overlay.name, overlay.color, False, *_loss_points(overlay.loss, weight)))
            if any(v is not None for v in overlay.val_loss):
                items.append((f"_{overlay.name}: val_loss", overlay.color, True, *_loss_points(overlay.val_loss, weight)))
        self.overlays.update(items)

    def _redraw(self) -> None:
        self.set_history(*self._history)
        self.set_overlays(self._overlay_list)

    def set_marker(self, epoch: int | None) -> None:
        """Mark the replayed epoch (None hides the marker)."""
        if epoch is None:
            self.epoch_marker.hide()
            return
        view = self.getPlotItem().getViewBox()
        (left, right), _ = view.viewRange()
        bounds = view.childrenBounds()[0]  # where auto-range is heading: after a reset to the planned epochs
        if view.autoRangeEnabled()[0] and bounds is not None:  # a run that ended early shrinks the axis
            left, right = bounds
        label = self.epoch_marker.label
        side = (-0.05, 0.5) if epoch < (left + right) / 2 else (1.05, 0.5)  # the side with room: never clipped
        label.anchors = [side, side]
        self.epoch_marker.setPos(epoch)
        self.epoch_marker.show()
        label.valueChanged()  # its text now, not when it next paints
        label.updatePosition()

    def readout_at(self, x: float, y: float = 0.0) -> str:
        """The readout text for the epoch nearest ``x`` (1-based), as shown under the cursor."""
        epoch = round(x)
        if not 1 <= epoch <= len(self.loss):
            return ""
        val = self.val_loss[epoch - 1]
        text = tr("epoch {epoch}: loss {loss}").format(epoch=epoch, loss=f"{self.loss[epoch - 1]:.4g}")
        refit = self.refit_from is not None and epoch >= self.refit_from
        return text + ("" if val is None else tr(", val_loss {val}").format(val=f"{val:.4g}")) + (
            tr(" (refit on every sample, the validation part's too)") if refit else "")



def _loss_points(values: list[float | None], smoothing: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, values) of the known values of a per-epoch history, ready for a log axis;
    with ``smoothing`` (0-1), their exponential moving average."""
    known = [(epoch, value) for epoch, value in enumerate(values, start=1) if value is not None]
    points = _positive([v for _, v in known])
    return np.array([e for e, _ in known], dtype=float), ema(points, smoothing) if smoothing else points


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """Exponential moving average with the start-up bias removed (as TensorBoard smooths)."""
    smoothed = np.empty(len(values))
    running = 0.0
    for index, value in enumerate(values):
        running = weight * running + (1 - weight) * value
        smoothed[index] = running / (1 - weight ** (index + 1))
    return smoothed


def _positive(values: list[float]) -> np.ndarray:
    """Values for a log axis: zeros and negatives (never losses, but safe) become tiny."""
    return np.maximum(np.asarray(values, dtype=float), 1e-12)
