"""The four live plots: data, loss, prediction and inner states.

Each plot creates its curves once and afterwards only calls ``setData`` with arrays from
the latest :class:`EpochReport`; long curves are peak-downsampled and clipped to the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.csv_import import future_dates
from ..core.report import EpochReport
from ..core.series import Series
from .quiet_widgets import QuietComboBox

pg.setConfigOptions(background="w", foreground="#333333", antialias=True)

# Width-1 pens: Qt's raster engine strokes wider antialiased lines several times slower
# (measured: a full repaint of the four plots on R2 takes 70 ms at widths 1.5-2, 20 ms at 1).
TRUTH = pg.mkPen("#9a9a9a", width=1)
TRAIN = pg.mkPen("#1f77b4", width=1)
VALIDATION = pg.mkPen("#ff7f0e", width=1)
ONE_STEP = pg.mkPen("#2ca02c", width=1, style=Qt.PenStyle.DashLine)
ROLLOUT = pg.mkPen("#d62728", width=1)
FORECAST = pg.mkPen("#6a3d9a", width=1)
WARMUP_BRUSH = pg.mkBrush(255, 200, 0, 50)
CLOSED_LOOP_PEN = pg.mkPen("#d62728", width=1, style=Qt.PenStyle.DotLine)
EPOCH_MARKER_PEN = pg.mkPen("#555555", width=1, style=Qt.PenStyle.DashLine)
RAW_PEN = pg.mkPen(120, 120, 120, 70, width=1)
UNIT_COLORMAP = pg.colormap.get("viridis")  # perceptual: neighbouring units stay distinguishable
AUTO_UNITS = "auto"
INTERESTING_UNITS = 8
@dataclass(frozen=True)
class Overlay:
    """A ticked run drawn over the shown one: its name and colour, loss history and (for
    predictions on the same data) its report."""

    name: str
    color: str
    loss: list[float]
    val_loss: list[float | None]
    report: EpochReport | None = None


def _curve(plot: pg.PlotItem, pen: object, name: str | None = None) -> pg.PlotDataItem:
    curve = plot.plot([], [], pen=pen, name=name)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


class OverlayCurves:
    """Curves of overlaid runs in one plot, named in its legend. They are remade only when
    the set of names or colours changes; otherwise only their data is set."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.curves: list[pg.PlotDataItem] = []
        self._signature: list[tuple[str, str, bool]] = []

    def update(self, items: list[tuple[str, str, bool, np.ndarray, np.ndarray]]) -> None:
        """Draw ``items`` of (name, colour, dashed, x, y); a name starting with ``_`` stays
        out of the legend."""
        signature = [(name, color, dashed) for name, color, dashed, _, _ in items]
        if signature != self._signature:
            for curve in self.curves:
                self.plot.removeItem(curve)
                self.plot.legend.removeItem(curve)
            style = {True: Qt.PenStyle.DashLine, False: Qt.PenStyle.SolidLine}
            self.curves = [_curve(self.plot, pg.mkPen(color, width=1, style=style[dashed]),
                                  None if name.startswith("_") else name)
                           for name, color, dashed in signature]
            self._signature = signature
        for curve, (_, _, _, x, y) in zip(self.curves, items):
            curve.setData(x, y)

    def names(self) -> list[str]:
        return [name for name, _, _ in self._signature]


PLOT_HELP = {
    "data": "The series the network learns. Blue: the training part; orange: the validation part, held "
            "out to check the network on values it never trained on. The shaded band is the warm-up of the "
            "closed-loop rollout: true values fed in before the network runs on its own.",
    "loss": "How wrong the network is after each epoch (mean squared or absolute error on the training "
            "samples, and on the validation samples). Log scale: a straight fall means the error shrinks by the "
            "same factor each epoch. val_loss rising while loss falls: the network memorises instead of learning. "
            "The dashed line marks the epoch being replayed.",
    "prediction": "Grey: the truth. Green, dashed: one-step predictions, each made from true past values only. "
                  "Red: the closed-loop rollout: after the warm-up (shaded), each prediction becomes the next "
                  "input, with no true value used. One-step errors can be tiny while the rollout drifts away; "
                  "that is the real test. Purple: the forecast past the end of the data.",
    "states": "Inside the network along the rollout. An LSTM's cell state c is its memory: it can keep "
              "counting while the output sits at zero. The hidden state h is what the layer passes on; the "
              "gates (input, forget, output; GRU: update, reset) decide what to write, keep and show. Left of "
              "the dotted line the network reads true values (warm-up); right of it, its own outputs.",
}
MAX_UNIT_TICKS = 12  # unit labels on the heatmap's axis

CORNERS = {"top left": ((0, 0), (10, 10)), "top right": ((1, 0), (-10, 10)),
           "bottom left": ((0, 1), (10, -10)), "bottom right": ((1, 1), (-10, -10))}


def emptiest_corner(x: np.ndarray, y: np.ndarray) -> str:
    """The corner of the data's bounding box (a third of it each way) holding fewest points."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if len(x) < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return "top right"
    left = x < x.min() + np.ptp(x) / 3
    right = x > x.max() - np.ptp(x) / 3
    top = y > y.max() - np.ptp(y) / 3
    bottom = y < y.min() + np.ptp(y) / 3
    counts = {"top right": np.sum(top & right), "top left": np.sum(top & left),
              "bottom right": np.sum(bottom & right), "bottom left": np.sum(bottom & left)}
    return min(counts, key=lambda corner: (counts[corner], list(counts).index(corner)))


class StudioPlot(pg.PlotWidget):
    """A titled plot with axis labels, a light grid and a legend. Its axes (which also draw
    the grid) are cached as pixmaps: replaying their tick labels costs ~4 ms per axis per
    paint, and they only change when the view range does."""

    def __init__(self, title: str, x_label: str, y_label: str, help_text: str = "") -> None:
        super().__init__()
        self.help_text = help_text
        if help_text:
            self.help_button = QToolButton(self)
            self.help_button.setText("?")
            self.help_button.setToolTip(f"What is the {title.lower()} plot?")
            self.help_button.move(4, 4)
            self.help_button.clicked.connect(lambda: QMessageBox.information(self, f"The {title.lower()} plot", help_text))
        item = self.getPlotItem()
        item.setTitle(title)
        item.setLabel("bottom", x_label)
        item.setLabel("left", y_label)
        item.showGrid(x=True, y=True, alpha=0.2)
        item.addLegend(offset=(-10, 10), brush=pg.mkBrush(255, 255, 255, 190))
        for name in ("left", "bottom"):
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.getAxis("left").enableAutoSIPrefix(False)  # values as they are, not "(x0.001)"

    def enable_readout(self, anchor: tuple[float, float]) -> None:
        """Show :meth:`readout_at` of the x under the cursor, next to it."""
        self.readout = pg.TextItem(anchor=anchor, color="#333333")
        self.readout.setZValue(20)
        self.getPlotItem().addItem(self.readout, ignoreBounds=True)
        self._mouse = pg.SignalProxy(self.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse)

    def readout_at(self, x: float, y: float) -> str:
        """The readout text at plot point (x, y) ("" for none); plots with a readout say what it is."""
        return ""

    def _on_mouse(self, event: tuple) -> None:
        position = event[0]
        plot = self.getPlotItem()
        if not plot.sceneBoundingRect().contains(position):
            self.readout.setText("")
            return
        point = plot.vb.mapSceneToView(position)
        self.readout.setText(self.readout_at(point.x(), point.y()))
        self.readout.setPos(point.x(), point.y())

    def show_in_legend(self, item: object, name: str, shown: bool) -> None:
        """List ``item`` in the legend only while it is drawn."""
        legend = self.getPlotItem().legend
        legend.removeItem(item)
        if shown:
            legend.addItem(item, name)

    def place_legend(self, x: np.ndarray, y: np.ndarray) -> None:
        """Anchor the legend in the corner where the data leave most room."""
        anchor, offset = CORNERS[emptiest_corner(x, y)]
        self.getPlotItem().legend.anchor(itemPos=anchor, parentPos=anchor, offset=offset)

    def use_axis(self, axis: StepAxis) -> None:
        """Label the bottom axis for ``axis``, as dates when it has them."""
        item = self.getPlotItem()
        if axis.dates != isinstance(item.getAxis("bottom"), pg.DateAxisItem):
            bottom = pg.DateAxisItem(orientation="bottom", utcOffset=0) if axis.dates else pg.AxisItem("bottom")
            item.setAxisItems({"bottom": bottom})
            bottom.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.setLabel("bottom", axis.label)


class StepAxis:
    """Maps series positions to plot x: the step itself, x for the x -> y layout, or the
    date (seconds, for ``pg.DateAxisItem``), continued past the end at the series' frequency."""

    def __init__(self, series: Series, xy_layout: bool = False) -> None:
        self.series = series
        self.xy_layout = xy_layout
        self.dates = series.dates is not None and not xy_layout
        self._seconds = _seconds(series.dates) if self.dates else None

    @property
    def label(self) -> str:
        return "x" if self.xy_layout else ("date" if self.dates else "step")

    def __call__(self, positions: np.ndarray | int) -> np.ndarray:
        positions = np.asarray(positions)
        if self.xy_layout:
            return self.series.t[positions]
        if not self.dates:
            return positions.astype(float)
        if positions.size and int(positions.max()) >= len(self._seconds):
            beyond = int(positions.max()) - len(self.series) + 1
            future = future_dates(self.series.dates, self.series.frequency, beyond)
            self._seconds = np.concatenate([self._seconds[: len(self.series)], _seconds(future)])
        return self._seconds[positions]


def _seconds(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[ns]").astype(np.int64) / 1e9


@dataclass(frozen=True)
class DataView:
    """What the data plot shows: the series, where validation starts, the warm-up window
    (in series positions)."""

    series: Series
    axis: StepAxis
    validation_from: int | None
    warmup: tuple[int, int] | None


class DataPlot(StudioPlot):
    """The series, with training and validation parts in distinct colours and the rollout's
    warm-up window shaded."""

    def __init__(self) -> None:
        super().__init__("Data", "step", "value", PLOT_HELP["data"])
        plot = self.getPlotItem()
        self.train_curve = _curve(plot, TRAIN, "training")
        self.validation_curve = _curve(plot, VALIDATION, "validation")
        self.warmup_region = pg.LinearRegionItem(movable=False, brush=WARMUP_BRUSH, pen=pg.mkPen(None))
        self.warmup_region.setZValue(-10)
        plot.addItem(self.warmup_region)
        self.warmup_swatch = pg.BarGraphItem(x=[0], height=[0], width=0, brush=WARMUP_BRUSH)
        self.warmup_region.hide()

    def clear_data(self) -> None:
        """No series (a CSV not chosen or not readable yet): an empty plot, not the last one."""
        for curve in (self.train_curve, self.validation_curve):
            curve.setData([], [])
        self.warmup_region.hide()
        self.getPlotItem().setLabel("bottom", "step")

    def show_data(self, view: DataView) -> None:
        values = view.series.values
        split = len(values) if view.validation_from is None else min(view.validation_from, len(values))
        self.use_axis(view.axis)
        x = view.axis(np.arange(len(values)))
        self.place_legend(x, values)
        self.train_curve.setData(x[:split], values[:split])
        joined = max(split - 1, 0)  # the validation curve continues from the last training point
        if split < len(values):
            self.validation_curve.setData(x[joined:], values[joined:])
        else:
            self.validation_curve.setData([], [])
        self.show_in_legend(self.validation_curve, "validation", split < len(values))
        self.show_in_legend(self.warmup_swatch, "rollout warm-up", view.warmup is not None)
        if view.warmup is None:
            self.warmup_region.hide()
        else:
            self.warmup_region.setRegion(tuple(view.axis(np.array(view.warmup))))
            self.warmup_region.show()


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
        super().__init__("Loss", "epoch", "loss (log scale)", PLOT_HELP["loss"])
        plot = self.getPlotItem()
        plot.setAxisItems({"left": LogLossAxis("left"), "bottom": EpochAxis("bottom")})
        for name in ("left", "bottom"):
            plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        plot.setLabel("left", "loss (log scale)")
        plot.setLabel("bottom", "epoch")
        plot.setLogMode(y=True)
        plot.getAxis("left").enableAutoSIPrefix(False)
        self.raw_loss_curve = _curve(plot, RAW_PEN)  # faint, behind the smoothed curves
        self.raw_val_curve = _curve(plot, RAW_PEN)
        self.loss_curve = _curve(plot, TRAIN, "loss")
        self.val_curve = _curve(plot, VALIDATION, "val_loss")
        self.overlays = OverlayCurves(plot)
        self.smoothing = QDoubleSpinBox(self)
        self.smoothing.setRange(0.0, 0.99)
        self.smoothing.setSingleStep(0.1)
        self.smoothing.setDecimals(2)
        self.smoothing.setPrefix("smoothing ")
        self.smoothing.setToolTip("Exponential moving average of the curves (0: raw). The raw curve stays faint "
                                  "behind the smoothed one, as in TensorBoard.")
        self.smoothing.move(30, 4)
        self.smoothing.valueChanged.connect(self._redraw)
        self._history: tuple = ([], [], "", None)
        self._overlay_list: list[Overlay] = []
        self.epoch_marker = pg.InfiniteLine(angle=90, pen=EPOCH_MARKER_PEN, label="epoch {value:.0f}",
                                            labelOpts={"position": 0.5, "color": "#555555",  # mid-height, clear of the legend
                                                       "anchors": [(1.05, 0.5), (1.05, 0.5)],
                                                       "fill": pg.mkBrush(255, 255, 255, 190)})
        plot.addItem(self.epoch_marker, ignoreBounds=True)
        self.epoch_marker.hide()
        self.enable_readout(anchor=(0, 0))
        self.loss: list[float] = []
        self.val_loss: list[float | None] = []

    def set_history(self, loss: list[float], val_loss: list[float | None], name: str = "", color: str | None = None) -> None:
        """The shown run's loss curves. With overlays, ``name`` prefixes their legend entries
        and ``color`` is the run's own colour (loss solid, val_loss dashed)."""
        self.loss, self.val_loss = loss, val_loss
        self._history = (loss, val_loss, name, color)
        weight = self.smoothing.value()
        self.loss_curve.setData(*_loss_points(loss, weight))
        self.val_curve.setData(*_loss_points(val_loss, weight))
        self.raw_loss_curve.setData(*(_loss_points(loss) if weight else ([], [])))
        self.raw_val_curve.setData(*(_loss_points(val_loss) if weight else ([], [])))
        self.loss_curve.setPen(TRAIN if color is None else pg.mkPen(color, width=1))
        self.val_curve.setPen(VALIDATION if color is None else pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
        legend = self.getPlotItem().legend
        legend.removeItem(self.val_curve)
        if any(value is not None for value in val_loss) or not loss:
            legend.addItem(self.val_curve, "val_loss")
        for curve, label in ((self.loss_curve, "loss"), (self.val_curve, "val_loss")):
            if legend.getLabel(curve) is not None:
                legend.getLabel(curve).setText(f"{name}: {label}" if name else label)
        self.readout.setText("")

    def reset(self, epochs: int | None) -> None:
        """A new run's axes: epochs 1 to ``epochs`` (the planned training), losses 0.001 to 1,
        until its own curves set them."""
        self.set_history([], [])
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
            items.append((f"{overlay.name}: loss", overlay.color, False, *_loss_points(overlay.loss, weight)))
            if any(v is not None for v in overlay.val_loss):
                items.append((f"{overlay.name}: val_loss", overlay.color, True, *_loss_points(overlay.val_loss, weight)))
        self.overlays.update(items)

    def _redraw(self) -> None:
        self.set_history(*self._history)
        self.set_overlays(self._overlay_list)

    def set_marker(self, epoch: int | None) -> None:
        """Mark the replayed epoch (None hides the marker)."""
        if epoch is None:
            self.epoch_marker.hide()
        else:
            self.epoch_marker.setPos(epoch)
            self.epoch_marker.show()

    def readout_at(self, x: float, y: float = 0.0) -> str:
        """The readout text for the epoch nearest ``x`` (1-based), as shown under the cursor."""
        epoch = round(x)
        if not 1 <= epoch <= len(self.loss):
            return ""
        val = self.val_loss[epoch - 1]
        return f"epoch {epoch}: loss {self.loss[epoch - 1]:.4g}" + ("" if val is None else f", val_loss {val:.4g}")


def _where(axis: StepAxis | None, x: float) -> str:
    """Plot x as the bottom axis names it: "step 57" or "date 2021-03-01"."""
    where = str(np.datetime64(int(round(x)), "s"))[:10] if axis is not None and axis.dates else f"{x:.4g}"
    return f"{axis.label if axis else 'step'} {where}"


def _nearest(xs: np.ndarray, x: float) -> int | None:
    """The index of the point of ``xs`` (ascending) nearest ``x``, or None if ``x`` lies
    more than one point spacing away from it."""
    if not len(xs):
        return None
    right = min(int(np.searchsorted(xs, x)), len(xs) - 1)
    index = right - 1 if right > 0 and abs(xs[right - 1] - x) <= abs(xs[right] - x) else right
    spacing = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
    return index if abs(xs[index] - x) <= max(spacing, 0.5) else None


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


class PredictionPlot(StudioPlot):
    """Truth, one-step predictions and the closed-loop rollout from the end of the warm-up;
    for the x->y layout, the prediction against the truth over x."""

    def __init__(self) -> None:
        super().__init__("Prediction", "step", "value", PLOT_HELP["prediction"])
        plot = self.getPlotItem()
        self.truth_curve = _curve(plot, TRUTH, "truth")
        self.one_step_curve = _curve(plot, ONE_STEP, "one-step prediction")
        self.rollout_curve = _curve(plot, ROLLOUT, "closed-loop rollout")
        self.forecast_curve = _curve(plot, FORECAST, "forecast past the end")
        self.overlays = OverlayCurves(plot)
        self.axis: StepAxis | None = None
        self.enable_readout(anchor=(0, 1))
        self.warmup_region = pg.LinearRegionItem(movable=False, brush=WARMUP_BRUSH, pen=pg.mkPen(None))
        self.warmup_region.setZValue(-10)
        plot.addItem(self.warmup_region)
        self.warmup_region.hide()

    def set_overlays(self, overlays: list[Overlay], axis: StepAxis) -> None:
        """Other runs' one-step predictions (dashed) and rollouts (solid), each in its colour."""
        items = []
        for overlay in overlays:
            report = overlay.report
            if report is None:
                continue
            items.append((f"_{overlay.name}: one-step", overlay.color, True,
                          axis(report.one_step.index), report.one_step.values))
            rollout = report.rollout
            if rollout is not None:
                closed = rollout.index >= rollout.closed_loop_from
                items.append((f"{overlay.name}: rollout", overlay.color, False,
                              axis(rollout.index[closed]), rollout.values[closed]))
        self.overlays.update(items)

    def readout_at(self, x: float, y: float = 0.0) -> str:
        """What each drawn curve says at plot x (the nearest point of each), as under the cursor."""
        parts = []
        for curve, name in ((self.truth_curve, "truth"), (self.one_step_curve, "one-step"),
                            (self.rollout_curve, "rollout"), (self.forecast_curve, "forecast")):
            xs, ys = curve.getData()
            index = None if xs is None else _nearest(xs, x)
            if index is not None:
                parts.append(f"{name} {ys[index]:.4g}")
        if not parts:
            return ""
        return f"{_where(self.axis, x)}: " + ", ".join(parts)

    def clear_truth(self) -> None:
        """No series: nothing drawn, the legend as for a new run."""
        self.axis = None
        self.readout.setText("")
        for curve in (self.truth_curve, self.one_step_curve, self.rollout_curve, self.forecast_curve):
            curve.setData([], [])
        self._plain_style()
        self.warmup_region.hide()

    def _plain_style(self) -> None:
        """The shown run's curves in their own colours and names (no overlay prefix)."""
        self.one_step_curve.setPen(ONE_STEP)
        self.rollout_curve.setPen(ROLLOUT)
        legend = self.getPlotItem().legend
        for curve, label in ((self.one_step_curve, "one-step prediction"), (self.rollout_curve, "closed-loop rollout")):
            legend.getLabel(curve).setText(label)
        self.show_in_legend(self.forecast_curve, "forecast", False)

    def show_truth(self, axis: StepAxis, values: np.ndarray) -> None:
        self.axis = axis
        self.readout.setText("")
        self.use_axis(axis)
        x = axis(np.arange(len(values)))
        self.place_legend(x, values)
        self.truth_curve.setData(x, values)
        for curve in (self.one_step_curve, self.rollout_curve, self.forecast_curve):
            curve.setData([], [])
        self._plain_style()
        self.warmup_region.hide()

    def show_report(self, report: EpochReport, axis: StepAxis, name: str = "", color: str | None = None) -> None:
        """Draw a report's predictions. With overlays, ``name`` prefixes their legend entries
        and ``color`` is the run's own colour (one-step dashed, rollout solid)."""
        self.one_step_curve.setPen(ONE_STEP if color is None else pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
        self.rollout_curve.setPen(ROLLOUT if color is None else pg.mkPen(color, width=1))
        legend = self.getPlotItem().legend
        for curve, label in ((self.one_step_curve, "one-step prediction"), (self.rollout_curve, "closed-loop rollout")):
            legend.getLabel(curve).setText(f"{name}: {label}" if name else label)
        self.one_step_curve.setData(axis(report.one_step.index), report.one_step.values)
        forecast = report.forecast
        self.forecast_curve.setData([] if forecast is None else axis(forecast.index),
                                    [] if forecast is None else forecast.values)
        self.show_in_legend(self.forecast_curve, f"{name}: forecast" if name else "forecast past the end", forecast is not None)
        rollout = report.rollout
        if rollout is None:
            self.rollout_curve.setData([], [])
            self.warmup_region.hide()
            return
        closed = rollout.index >= rollout.closed_loop_from
        start = report.experiment.rollout.start
        self.warmup_region.setRegion(tuple(axis(np.array([start, rollout.closed_loop_from - 1]))))
        self.warmup_region.show()
        self.rollout_curve.setData(axis(rollout.index[closed]), rollout.values[closed])


STATE_LABELS = {"c": "cell state c", "h": "hidden state h"}


class StatesPlot(QWidget):
    """Inner states along the rollout: LSTM ``c`` and ``h`` (and gates), GRU/SimpleRNN ``h``,
    or an MLP's hidden activations over x. Lines or a units x steps heatmap; pick the layer
    and the units to show."""

    def __init__(self) -> None:
        super().__init__()
        self.quantity = QuietComboBox()
        self.quantity.setToolTip("Which inner quantity to show")
        self.layer = QuietComboBox()
        self.layer.setToolTip("Which hidden layer")
        self.units = QLineEdit(AUTO_UNITS)
        self.units.setToolTip(f"Units to show: '{AUTO_UNITS}' (the {INTERESTING_UNITS} that vary most along the closed "
                              "loop, or all when there are no more), 'all', or indices and ranges such as 0-4, 7")
        self.units.setMaximumWidth(110)
        self.heatmap = QCheckBox("Heatmap")
        self.heatmap.setToolTip("Show units x steps as a heatmap instead of lines")
        controls = QHBoxLayout()
        for label, widget in (("Show", self.quantity), ("Layer", self.layer), ("Units", self.units)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addWidget(self.heatmap)
        controls.addStretch(1)
        self.plot_widget = StatesCanvas(self)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("CET-D1"))
        self.plot_widget.addItem(self.image)
        self.image.hide()
        self.color_bar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get("CET-D1"), interactive=False,
                                         width=12, label="value")
        self.color_bar.setImageItem(self.image, insert_in=self.plot_widget.getPlotItem())
        self.color_bar.hide()
        self.closed_loop_line = pg.InfiniteLine(angle=90, pen=CLOSED_LOOP_PEN, label="closed loop →",
                                                labelOpts={"position": 0.96, "color": "#d62728", "anchors": [(0, 0), (0, 0)]})
        self.plot_widget.addItem(self.closed_loop_line)
        self.closed_loop_line.hide()
        self.curves: list[pg.PlotDataItem] = []
        self.shown_units: list[int] = []
        self._curve_units: list[int] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget)
        self.report: EpochReport | None = None
        self.axis: StepAxis | None = None
        self._drawn: tuple[np.ndarray, np.ndarray] | None = None  # (x, values) as last drawn, for the readout
        for signal in (self.quantity.currentIndexChanged, self.layer.currentIndexChanged, self.heatmap.toggled):
            signal.connect(self._redraw)
        self.units.editingFinished.connect(self._redraw)

    def clear(self, axis: StepAxis | None) -> None:
        """Nothing to show yet: no curves, no unit names, no choices of another network, and
        the step axis of the data shown (dates or steps)."""
        self.report = None
        self.axis = axis
        plot = self.plot_widget.getPlotItem()
        for curve in self.curves:
            plot.removeItem(curve)
            plot.legend.removeItem(curve)
        self.curves, self._curve_units, self.shown_units = [], None, []
        for combo in (self.quantity, self.layer):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        plot.setTitle("States")
        if axis is not None:
            self.plot_widget.use_axis(axis)
        else:
            plot.setLabel("bottom", "step")
        self._redraw()

    def show_report(self, report: EpochReport, axis: StepAxis) -> None:
        self.report = report
        self.axis = axis
        self.plot_widget.use_axis(axis)
        self._sync_choices(report)
        self._redraw()

    def _sync_choices(self, report: EpochReport) -> None:
        quantities = list(_quantities(report))
        if [self.quantity.itemData(i) for i in range(self.quantity.count())] != quantities:
            current = self.quantity.currentData()
            self.quantity.blockSignals(True)
            self.quantity.clear()
            for key in quantities:
                self.quantity.addItem(STATE_LABELS.get(key, f"{key} gate" if key not in ("hidden",) else "hidden activations"), key)
            self.quantity.setCurrentIndex(max(quantities.index(current), 0) if current in quantities else 0)
            self.quantity.blockSignals(False)
        layers = len(report.network.hidden)
        if self.layer.count() != layers:
            self.layer.blockSignals(True)
            self.layer.clear()
            self.layer.addItems([f"{i + 1}" for i in range(layers)])
            self.layer.setCurrentIndex(layers - 1)
            self.layer.blockSignals(False)

    def selected_units(self, values: np.ndarray, closed: np.ndarray) -> list[int]:
        """The unit indices to show for ``values`` (steps, units): those the user typed, all,
        or (``auto``) the ones that vary most along the ``closed`` loop steps."""
        text = self.units.text().strip().lower()
        total = values.shape[1]
        if text not in ("", AUTO_UNITS) or total <= INTERESTING_UNITS:
            return parse_units(text, total)
        part = values[closed] if closed.any() else values
        return sorted(np.argsort(part.std(axis=0))[::-1][:INTERESTING_UNITS].tolist())

    def shown_data(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(x, values[steps, units]) of what is shown now (x as the plot draws it), or None."""
        if self.report is None:
            return None
        key = self.quantity.currentData()
        traces = _quantities(self.report)
        if key not in traces:
            return None
        positions, values = traces[key]
        x = self.axis(positions)
        layer = min(max(self.layer.currentIndex(), 0), values.shape[1] - 1)
        rollout = self.report.rollout
        closed = positions >= rollout.closed_loop_from if rollout is not None else np.ones(len(positions), bool)
        self.shown_units = self.selected_units(values[:, layer, :], closed)
        return x, values[:, layer, self.shown_units]

    def readout_at(self, x: float, y: float) -> str:
        """The shown unit at plot point (x, y) and its value there: the line nearest the cursor,
        or the heatmap cell under it."""
        if self._drawn is None or not self.shown_units:
            return ""
        xs, values = self._drawn
        step = _nearest(xs, x)
        if step is None:
            return ""
        row = values[step]
        if self.image.isVisible():
            index = int(np.floor(y + 0.5))
            if not 0 <= index < len(row):
                return ""
        else:
            index = int(np.argmin(np.abs(row - y)))
        return f"unit {self.shown_units[index]}: {row[index]:.3g} at {_where(self.axis, xs[step])}"

    def _redraw(self) -> None:
        shown = self._drawn = self.shown_data()
        plot = self.plot_widget.getPlotItem()
        if shown is None:
            for curve in self.curves:
                curve.setData([], [])
            self.image.hide()
            self.closed_loop_line.hide()
            return
        x, values = shown
        plot.setTitle(f"States: {self.quantity.currentText()}, layer {self.layer.currentIndex() + 1}")
        rollout = self.report.rollout
        if rollout is not None:
            self.closed_loop_line.setPos(float(self.axis(rollout.closed_loop_from)))
            self.closed_loop_line.show()
        else:
            self.closed_loop_line.hide()
        heatmap = self.heatmap.isChecked() and len(x) > 1
        self.color_bar.setVisible(heatmap)
        plot.legend.setVisible(not heatmap and len(self.shown_units) <= INTERESTING_UNITS)
        if heatmap:
            for curve in self.curves:
                curve.setData([], [])
            step = (x[-1] - x[0]) / (len(x) - 1)
            levels = _symmetric_levels(values)
            self.image.setImage(values, autoLevels=False, levels=levels)
            self.color_bar.setLevels(levels)
            self.image.setRect(float(x[0]) - step / 2, -0.5, step * len(x), values.shape[1])
            self.image.show()
            plot.setLabel("left", "unit")
            stride = -(-len(self.shown_units) // MAX_UNIT_TICKS)  # no pile-up with many units
            plot.getAxis("left").setTicks([[(row, str(unit)) for row, unit in enumerate(self.shown_units)][::stride]])
            return
        self.image.hide()
        plot.setLabel("left", "value")
        plot.getAxis("left").setTicks(None)
        self._set_unit_curves(plot, self.shown_units)
        for index, curve in enumerate(self.curves):
            curve.setData(x, values[:, index])

    def _set_unit_curves(self, plot: pg.PlotItem, units: list[int]) -> None:
        """One curve per shown unit, coloured along a perceptual colormap, named in the legend."""
        if self._curve_units == units:
            return
        for curve in self.curves:
            plot.removeItem(curve)
            plot.legend.removeItem(curve)
        colors = UNIT_COLORMAP.map(np.linspace(0.0, 0.85, max(len(units), 2))[: len(units)], mode="qcolor")
        plot.legend.setColumnCount(2 if len(units) > 4 else 1)  # 8 rows would not fit a small plot
        self.curves = [_curve(plot, pg.mkPen(color, width=1), f"unit {unit}") for unit, color in zip(units, colors)]
        self._curve_units = units


class StatesCanvas(StudioPlot):
    """The plot of :class:`StatesPlot`; hovering names the unit under the cursor and its value."""

    def __init__(self, owner: StatesPlot) -> None:
        super().__init__("States", "step", "state", PLOT_HELP["states"])
        self.owner = owner
        self.enable_readout(anchor=(0, 1))

    def readout_at(self, x: float, y: float) -> str:
        """The owner's readout: unit, value and step under the cursor."""
        return self.owner.readout_at(x, y)


def _symmetric_levels(values: np.ndarray) -> tuple[float, float]:
    bound = float(np.max(np.abs(values))) if values.size else 1.0
    bound = bound or 1.0
    return -bound, bound


def _quantities(report: EpochReport) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The state traces a report offers, by key, each as (series positions, values[steps, layers, units])."""
    if report.hidden is not None:
        return {"hidden": (report.hidden_index, report.hidden)}
    rollout = report.rollout
    if rollout is None or rollout.h is None:
        return {}
    traces = {}
    if rollout.c is not None:
        traces["c"] = (rollout.index, rollout.c)
    traces["h"] = (rollout.index, rollout.h)
    for name, values in rollout.gates.items():
        traces[name] = (rollout.index, values)
    return traces


def parse_units(text: str, total: int) -> list[int]:
    """Unit indices from text like ``all``, ``3`` or ``0-4, 7`` (0-based, clipped to
    ``total``); all units when nothing valid is given."""
    chosen: list[int] = []
    for part in text.replace(" ", "").split(","):
        if not part or part.lower() == "all":
            continue
        low, _, high = part.partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError:
            continue
        chosen.extend(i for i in range(first, last + 1) if 0 <= i < total and i not in chosen)
    return chosen or list(range(total))
