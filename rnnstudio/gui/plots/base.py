"""What the four plots share: pens, the step axis (steps or dates), curves of overlaid
runs, the help texts, and :class:`StudioPlot` with its legend placement, readout and help."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGraphicsItem,
    QMessageBox,
    QToolButton,
)

from ...core.csv_dates import future_dates
from ...core.report import EpochReport
from ...core.series import Series
from ...core.text import QT_TR_NOOP
from ..i18n import tr
from .strip_legend import StripLegend, elided

pg.setConfigOptions(background="w", foreground="#333333", antialias=True)

# Width-1 pens: Qt's raster engine strokes wider antialiased lines several times slower
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


def exempt_from_auto_range(item: pg.GraphicsObject) -> None:
    """Let ``item`` move without its view re-fitting the range. pyqtgraph moves text labels,
    and the view's own group of items, while it paints; a view with auto range that hears of
    it paints the whole plot a second time. The place of a label or of the group never counts
    in the range. (pyqtgraph means to exempt the group, but sets a misspelt attribute.)"""
    item.informViewBoundsChanged = lambda: None


def name_in_legend(legend: pg.LegendItem, item: object, name: str) -> None:
    """Rename ``item``'s legend entry, if it has one and the name differs (every new text
    lays the legend out again)."""
    label = legend.getLabel(item)
    shown = elided(name)
    if label is not None and label.text != shown:
        label.setText(shown)
        if isinstance(legend, StripLegend):
            legend.fit()  # a longer or shorter text may change how many columns fit


def set_title(plot: pg.PlotItem, title: str) -> None:
    """Set ``plot``'s title when it differs, and fit the plot to its window again: a title
    that was long (see :func:`loosen`) may have left it wider."""
    if plot.titleLabel.text != title:
        plot.setTitle(title)
        plot.titleLabel.setMaximumHeight(TITLE_HEIGHT)
        plot.layout.setRowFixedHeight(0, TITLE_HEIGHT)
        for view in plot.scene().views() if plot.scene() is not None else ():
            pg.GraphicsView.setRange(view, view.range, padding=0, disableAutoPixel=False)  # refit to the window


def loosen(label: pg.LabelItem) -> None:
    """Let ``label`` be narrower than its text: pyqtgraph makes a label's text width its
    minimum width (in ``updateMin``, called on every change), so a long title would widen its
    plot past the window, and a plot laid out in a hidden tab keeps that width when shown."""
    tighten = label.updateMin

    def update_min() -> None:
        tighten()
        label.setMinimumWidth(0)
        label._sizeHint[Qt.SizeHint.MinimumSize] = (0, label._sizeHint[Qt.SizeHint.MinimumSize][1])
        label.updateGeometry()

    label.updateMin = update_min
    update_min()


def set_axis_label(plot: pg.PlotItem, side: str, text: str) -> None:
    """Set the label of ``plot``'s axis on ``side`` when it differs (a short plot keeps its
    bottom label hidden: see :attr:`StudioPlot.compact`)."""
    if plot.getAxis(side).labelText != text:
        plot.setLabel(side, text)
        view = plot.getViewWidget()
        if side == "bottom" and getattr(view, "compact", False):
            plot.getAxis(side).showLabel(False)
            plot.layout.activate()


def shading(plot: pg.PlotItem, rgb: tuple[int, int, int], alpha: int = 50
            ) -> tuple[tuple[pg.PlotDataItem, pg.PlotDataItem], pg.FillBetweenItem]:
    """Two dotted bounds (named in the legend while drawn) and the shading between them,
    hidden until drawn: an empty fill still bounds (0, 0), and the auto range would reach x = 0."""
    pen = pg.mkPen(rgb + (120,), width=1, style=Qt.PenStyle.DotLine)
    bounds = (make_curve(plot, pen), make_curve(plot, pen))
    fill = pg.FillBetweenItem(*bounds, brush=pg.mkBrush(*rgb, alpha))
    fill.setVisible(False)
    plot.addItem(fill)
    return bounds, fill


def make_curve(plot: pg.PlotItem, pen: object, name: str | None = None) -> pg.PlotDataItem:
    """An empty curve in ``plot``, thinned to the pixels it covers when it is long."""
    curve = plot.plot([], [], pen=pen, name=name)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    # pyqtgraph re-sets a curve's data for every new y range (to clip values far outside
    # it), and the view then asks for a second paint; auto range shows every value anyway.
    curve.setDynamicRangeLimit(None)
    return curve


class StyleKey:
    """What the line styles mean while runs are overlaid: every run is one legend entry in its
    colour, its two kinds of curve told apart by a solid and a dashed line (named here, in grey)."""

    def __init__(self, plot: StudioPlot, solid: str, dashed: str) -> None:
        item = plot.getPlotItem()
        self.plot = plot
        self.wanted = (False, True)  # (overlaid, dashed drawn) as last asked: shown again when the plot grows
        self.solid = item.plot([], [], pen=pg.mkPen("#555555", width=1))
        self.dashed = item.plot([], [], pen=pg.mkPen("#555555", width=1, style=Qt.PenStyle.DashLine))
        self.names = (solid, dashed)

    def show(self, overlaid: bool, dashed: bool = True) -> None:
        """List the key while runs are overlaid (``dashed``: the dashed kind is drawn too) and
        the plot is tall enough: a short plot keeps its height for the data (its help says it)."""
        self.wanted = (overlaid, dashed)
        shown = overlaid and not getattr(self.plot, "compact", False)
        self.plot.show_in_legend(self.solid, self.names[0], shown)
        self.plot.show_in_legend(self.dashed, self.names[1], shown and dashed)


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
            self.curves = [make_curve(self.plot, pg.mkPen(color, width=1, style=style[dashed]),
                                  None if name.startswith("_") else name)
                           for name, color, dashed in signature]
            self._signature = signature
        for curve, (_, _, _, x, y) in zip(self.curves, items):
            curve.setData(x, y)

    def names(self) -> list[str]:
        return [name for name, _, _ in self._signature]


PLOT_HELP = {
    "memory": QT_TR_NOOP("How far back the network remembers, and why. One prediction is chosen (the first held-out "
              "one, or the first step after the rollout's warm-up). The lines show, for each number of steps "
              "back, how strongly the loss's gradient reaches the hidden state the network had then (or how "
              "much the input then moves the prediction), on a log scale: training can only teach the "
              "network to use what this gradient reaches. A plain RNN's gradient shrinks about "
              "geometrically with every step back, so it cannot learn long dependencies; the LSTM's and "
              "GRU's gates can keep it from fading. Bold: the replayed epoch; faint: earlier epochs. "
              "Tick 'Epochs x steps back' to see the reach grow (or not) over the whole training."),
    "closed loop": QT_TR_NOOP("Why the one-step prediction can look perfect while the closed loop drifts away. For every "
                   "epoch, two errors of the same targets (the rollout's steps): red, how far the closed loop is "
                   "from the truth when each input is the network's own previous prediction; green, dashed, how "
                   "far the one-step predictions are, each made from true inputs. The shaded gap is exposure "
                   "bias: trained with teacher forcing, the network never meets its own errors, so they compound. "
                   "Train the same experiment with Inputs = free running (or scheduled sampling), tick both runs, "
                   "and compare: the closed loop comes closer, often for a slightly worse one step. The dotted grey "
                   "line (right axis) is scheduled sampling's chance of feeding back a prediction at each epoch."),
    "data path": QT_TR_NOOP("How the series becomes what training sees. Each row is one sample of the batch shown: its "
                 "inputs (the bar: a window of past values, or a chunk of a stream) and its targets (the dots: the "
                 "next value, or every next value of the window). Step through the batches in the order the "
                 "trainer runs them (shuffled anew each epoch unless the layout carries state); the Data plot "
                 "highlights the same samples. The shaded part is held out for validation. For stateful chunks, "
                 "row s of every batch continues stream s where the batch before left it, so the network's state "
                 "carries over; at each epoch's start it is reset to zero. Shapes are as Keras writes them: "
                 "(samples, time steps, features)."),
    "data": QT_TR_NOOP("The series the network learns. Blue: the training part; orange: the validation part, held "
            "out to check the network on values it never trained on. The shaded band is the warm-up of the "
            "closed-loop rollout: true values fed in before the network runs on its own."),
    "loss": QT_TR_NOOP("How wrong the network is after each epoch (mean squared or absolute error on the training "
            "samples, and on the validation samples). Log scale: a straight fall means the error shrinks by the "
            "same factor each epoch. val_loss rising while loss falls: the network memorises instead of learning. "
            "The dashed vertical line marks the epoch being replayed. A grey band marks a refit after early "
            "stopping: from the best epoch, training on every sample, the validation part's too (so no val_loss, "
            "and a loss that jumps to include it). With runs overlaid, each run is one "
            "entry of the legend in its colour: its loss solid, its val_loss dashed."),
    "prediction": QT_TR_NOOP("Grey: the truth. Green, dashed: one-step predictions, each made from true past values only. "
                  "Red: the closed-loop rollout: after the warm-up (shaded), each prediction becomes the next "
                  "input, with no true value used. One-step errors can be tiny while the rollout drifts away; "
                  "that is the real test. Purple: the forecast past the end of the data. With runs overlaid, "
                  "each run is one entry of the legend in its colour: its closed loop solid, its one-step "
                  "predictions dashed."),
    "states": "Inside the network along the rollout. An LSTM's cell state c is its memory: it can keep "
              "counting while the output sits at zero. The hidden state h is what the layer passes on; the "
              "gates (input, forget, output; GRU: update, reset) decide what to write, keep and show. Left of "
              "the dotted line the network reads true values (warm-up); right of it, its own outputs.",
}
MAX_UNIT_TICKS = 12  # unit labels on the heatmap's axis
# A plot shorter than this hides its x-axis label ("step", "epoch": the readout says it too),
# so its data get those ~20 px (a 1024x700 window's plots are ~200 px tall)
COMPACT_HEIGHT = 300
TITLE_HEIGHT = 22  # the title's row (pyqtgraph's 30 leaves ~10 px empty under one line of text)

class StudioPlot(pg.PlotWidget):
    """A titled plot with axis labels, a light grid and a legend in a strip above the data
    (:class:`~.strip_legend.StripLegend`). Its axes (which also draw
    the grid) are cached as pixmaps: replaying their tick labels costs ~4 ms per axis per
    paint, and they only change when the view range does."""

    def __init__(self, title: str, x_label: str, y_label: str, help_text: str = "") -> None:
        super().__init__()
        self.help_text = help_text
        self.enlarge_button: QToolButton | None = None
        if help_text:
            self.help_button = QToolButton(self)
            self.help_button.setText("?")
            self.help_button.setToolTip(tr("What is the {title} plot?").format(title=title.lower()))
            self.help_button.move(4, 4)
            self.help_button.clicked.connect(lambda: QMessageBox.information(self, tr("The {title} plot").format(title=title.lower()), help_text))
        item = self.getPlotItem()
        loosen(item.titleLabel)
        set_title(item, title)
        item.setLabel("bottom", x_label)
        item.setLabel("left", y_label)
        item.showGrid(x=True, y=True, alpha=0.2)
        StripLegend(item)  # above the data area, never over it
        for name in ("left", "bottom"):
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.getAxis("left").enableAutoSIPrefix(False)  # values as they are, not "(x0.001)"
        # The value axis widens for longer tick labels but never narrows: the plot does not
        # jump sideways while epochs are replayed, nor paint twice for one new epoch.
        item.getAxis("left").setStyle(autoReduceTextSpace=False)
        exempt_from_auto_range(item.getViewBox().childGroup)

    def add_enlarge_button(self) -> QToolButton:
        """A checkable button in the plot's top right corner, for showing the plot alone."""
        title = self.getPlotItem().titleLabel.text.lower() or tr("this")
        self.enlarge_button = button = QToolButton(self)
        button.setText("⤢")
        button.setCheckable(True)
        button.setToolTip(tr("Show the {title} plot alone, as large as the plot area (again, or Esc: every plot)")
                          .format(title=title))
        self._place_enlarge_button()
        return button

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_enlarge_button()
        item = getattr(self, "plotItem", None)  # None while pyqtgraph's constructor resizes
        compact = self.height() < COMPACT_HEIGHT
        if item is not None and compact != getattr(self, "compact", None):
            self.compact = compact
            bottom = item.getAxis("bottom")
            bottom.showLabel(not compact and bool(bottom.labelText))
            item.layout.activate()  # at once: a plot already laid out keeps its old row heights otherwise
            self.compact_changed()

    def compact_changed(self) -> None:
        """The plot became short enough to hide its x label, or tall again (see :attr:`compact`):
        a line-style key (:class:`StyleKey`, as ``key``) shows or goes with it."""
        key = getattr(self, "key", None)  # None while pyqtgraph's constructor resizes
        if isinstance(key, StyleKey):
            key.show(*key.wanted)

    def _place_enlarge_button(self) -> None:
        button = getattr(self, "enlarge_button", None)  # None too while pyqtgraph's constructor resizes
        if button is not None:
            button.move(self.width() - button.sizeHint().width() - 4, 4)

    def settle(self) -> None:
        """Fit the auto range to new data, and place the text labels for it, now rather than
        when the plot paints: pyqtgraph does both while painting, and each asks for a second
        paint."""
        view = self.getPlotItem().getViewBox()
        view.updateAutoRange()
        view.updateMatrix()
        for item in self.scene().items():
            if isinstance(item, pg.TextItem):
                item.updateTransform()

    def enable_readout(self, anchor: tuple[float, float]) -> None:
        """Show :meth:`readout_at` of the x under the cursor, next to it."""
        self.readout = pg.TextItem(anchor=anchor, color="#333333")
        exempt_from_auto_range(self.readout)
        self.readout.setZValue(20)
        self.readout.hide()
        self.getPlotItem().addItem(self.readout, ignoreBounds=True)
        self._mouse = pg.SignalProxy(self.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse)

    def readout_at(self, x: float, y: float) -> str:
        """The readout text at plot point (x, y) ("" for none); plots with a readout say what it is."""
        return ""

    def _on_mouse(self, event: tuple) -> None:
        position = event[0]
        plot = self.getPlotItem()
        text = ""
        if plot.sceneBoundingRect().contains(position):
            point = plot.vb.mapSceneToView(position)
            text = self.readout_at(point.x(), point.y())
            self.readout.setPos(point.x(), point.y())
        self.readout.setText(text)
        self.readout.setVisible(bool(text))  # an empty label would still be placed at every paint

    def show_in_legend(self, item: object, name: str, shown: bool) -> None:
        """List ``item`` in the legend as ``name`` only while it is drawn (the legend is laid
        out again only when that changes)."""
        legend = self.getPlotItem().legend
        listed = legend.getLabel(item)
        if shown and listed is not None:
            name_in_legend(legend, item, name)
        elif shown:
            legend.addItem(item, name)
        elif listed is not None:
            legend.removeItem(item)

    def use_axis(self, axis: StepAxis) -> None:
        """Label the bottom axis for ``axis``, as dates when it has them."""
        item = self.getPlotItem()
        if axis.dates != isinstance(item.getAxis("bottom"), pg.DateAxisItem):
            bottom = pg.DateAxisItem(orientation="bottom", utcOffset=0) if axis.dates else pg.AxisItem("bottom")
            item.setAxisItems({"bottom": bottom})
            bottom.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        set_axis_label(item, "bottom", tr(axis.label))


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
        return "x" if self.xy_layout else (QT_TR_NOOP("date") if self.dates else QT_TR_NOOP("step"))

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



def where_text(axis: StepAxis | None, x: float) -> str:
    """Plot x as the bottom axis names it: "step 57" or "date 2021-03-01"."""
    where = str(np.datetime64(int(round(x)), "s"))[:10] if axis is not None and axis.dates else f"{x:.4g}"
    return f"{tr(axis.label) if axis else tr('step')} {where}"


def nearest_index(xs: np.ndarray, x: float) -> int | None:
    """The index of the point of ``xs`` (ascending) nearest ``x``, or None if ``x`` lies
    more than one point spacing away from it."""
    if not len(xs):
        return None
    right = min(int(np.searchsorted(xs, x)), len(xs) - 1)
    index = right - 1 if right > 0 and abs(xs[right - 1] - x) <= abs(xs[right] - x) else right
    spacing = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
    return index if abs(xs[index] - x) <= max(spacing, 0.5) else None
