"""The memory plot: gradients through time of the shown run, on a log axis against the
number of steps back, for the replayed epoch (bold) over a faint fan of earlier epochs, or
as an epochs x steps-back heatmap; overlaid runs draw their own latest curve."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ...core.memory import MAX_STEPS_BACK, GradientHistory
from ...core.text import QT_TR_NOOP
from ..i18n import tr
from ..quiet_widgets import QuietComboBox
from .base import PLOT_HELP, StudioPlot, make_curve, name_in_legend, nearest_index, set_axis_label, set_title

FAN_CURVES = 12
FLOOR = 1e-300  # a gradient of exactly 0 (a dead ReLU) is drawn at the bottom, not lost to log(0)
SHOWN_PEN = pg.mkPen("#1f77b4", width=3)
QUANTITIES = {"state": QT_TR_NOOP("state gradient ‖∂L/∂h‖"), "input": QT_TR_NOOP("input sensitivity |∂ŷ/∂x|")}
SHORT_QUANTITIES = {"state": QT_TR_NOOP("state gradient"), "input": QT_TR_NOOP("input sensitivity")}


class MemoryPlot(QWidget):
    """Controls (quantity, layer, heatmap; which prediction, how far back) above a
    :class:`MemoryCanvas`. ``prediction_changed`` asks for another prediction's gradients."""

    prediction_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.target = _auto_spin(tr("Which prediction: the series step it predicts (auto: the first held-out one, "
                                    "or the first after the rollout's warm-up)"), 10_000_000)
        self.back = _auto_spin(tr("How many steps back to follow a stateful network (auto: its warm-up); a window "
                                  "network looks back over its window"), MAX_STEPS_BACK)
        for spin in (self.target, self.back):
            spin.editingFinished.connect(self.prediction_changed)
        self.quantity = QuietComboBox()
        for key, label in QUANTITIES.items():
            self.quantity.addItem(tr(label), key)
        self.quantity.setToolTip(tr("What reaches back: the loss's gradient at each earlier hidden state, or how "
                                 "much each earlier input moves the prediction"))
        self.layer = QuietComboBox()
        self.layer.setToolTip(tr("Which recurrent layer's hidden state"))
        self.heatmap = QCheckBox(tr("Epochs x steps back"))
        self.heatmap.setToolTip(tr("Every kept epoch as a row: see the reach grow (or not) as the network learns"))
        self.note = ""  # what is shown, in words (the canvas's tooltip)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for widget in (self.quantity, QLabel(tr("Layer")), self.layer, self.heatmap):
            controls.addWidget(widget)
        controls.addStretch(1)
        choice = QHBoxLayout()
        choice.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(tr("Prediction of step")), self.target, QLabel(tr("looking back")), self.back, QLabel(tr("steps"))):
            choice.addWidget(widget)
        choice.addStretch(1)
        self.canvas = MemoryCanvas()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addLayout(choice)
        layout.addWidget(self.canvas, 1)
        for signal in (self.quantity.currentIndexChanged, self.layer.currentIndexChanged, self.heatmap.toggled):
            signal.connect(self._redraw)
        self._shown: tuple[GradientHistory, int | None, str, str | None] | None = None
        self._overlays: list[tuple[str, str, GradientHistory]] = []

    def chosen(self) -> tuple[int | None, int | None]:
        """(the predicted step, the steps back) as chosen; None for auto."""
        return self.target.value() or None, self.back.value() or None

    def clear(self, message: str = "") -> None:
        """Nothing to show (no run, or a run without steps), with ``message`` saying why."""
        self._shown = None
        self._overlays = []
        self.note = message
        self.canvas.setToolTip(message)
        self.canvas.draw(None, None, [], "state", 0, False)
        set_title(self.canvas.getPlotItem(), message or tr("Memory: gradients through time"))

    def show_history(self, history: GradientHistory, epoch: int | None, name: str, color: str | None,
                     overlays: list[tuple[str, str, GradientHistory]]) -> None:
        """Draw ``history`` at ``epoch`` (the nearest computed one), named ``name`` in its
        run's ``color`` (None: the plot's own, when nothing is overlaid), with ``overlays`` of
        (name, colour, history) drawn at their latest epoch."""
        layers = history.layers()
        if self.layer.count() != layers:
            self.layer.blockSignals(True)
            self.layer.clear()
            self.layer.addItems([str(n + 1) for n in range(layers)])
            self.layer.setCurrentIndex(layers - 1)
            self.layer.blockSignals(False)
        self.layer.setEnabled(layers > 1)
        self._shown = (history, epoch, name, color)
        self._overlays = overlays
        window = history.window
        self.note = tr("The prediction of step {step} from the {values} values before it; 0 steps back is the step "
                       "that makes it.").format(step=window.target_index, values=len(window.inputs))
        self.canvas.setToolTip(self.note)
        set_axis_label(self.canvas.getPlotItem(), "bottom", tr("steps back from step {step}").format(step=window.target_index))
        self._redraw()

    def _redraw(self) -> None:
        if self._shown is None:
            return
        history, epoch, name, color = self._shown
        quantity = self.quantity.currentData() if history.layers() else "input"
        self.canvas.draw(history, epoch, self._overlays, quantity, self.layer.currentIndex(), self.heatmap.isChecked(),
                         name, color)


def _auto_spin(tip: str, most: int) -> QSpinBox:
    """A spin box whose lowest value reads "auto"."""
    spin = QSpinBox()
    spin.setRange(0, most)
    spin.setSpecialValueText(tr("auto"))
    spin.setToolTip(tip)
    spin.setKeyboardTracking(False)
    return spin


def _curves(history: GradientHistory, quantity: str, layer: int) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, values (epochs, steps back)) of ``quantity``, floored for the log axis."""
    epochs, sensitivity, state = history.arrays(layer)
    values = state if quantity == "state" and state is not None else sensitivity
    return epochs, np.maximum(values, FLOOR)


def _set_curve(curve: pg.PlotDataItem, data: tuple[np.ndarray, np.ndarray] | None) -> None:
    """Give ``curve`` its data, or empty it (only when it has some: every change costs)."""
    if data is not None:
        curve.setData(*data)
    elif curve.xData is not None and len(curve.xData):
        curve.setData([], [])


class MemoryCanvas(StudioPlot):
    """The plot itself; hovering reads the exact value under the cursor."""

    def __init__(self) -> None:
        super().__init__(tr("Memory: gradients through time"), tr("steps back"), tr("size (log scale)"), tr(PLOT_HELP["memory"]))
        plot = self.getPlotItem()
        plot.setLogMode(y=True)
        self.fan = [make_curve(plot, pg.mkPen(120, 120, 120, 60 + 12 * k, width=1)) for k in range(FAN_CURVES)]
        self.shown = make_curve(plot, SHOWN_PEN, tr("replayed epoch"))
        self.overlay_curves: list[pg.PlotDataItem] = []
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.image.hide()
        plot.addItem(self.image)
        self.color_bar = pg.ColorBarItem(values=(-10, 0), colorMap=pg.colormap.get("viridis"), interactive=False,
                                         width=12, label=tr("log10 size"))
        self.color_bar.setImageItem(self.image, insert_in=plot)
        self.color_bar.hide()
        self.epoch_line = pg.InfiniteLine(angle=0, pen=pg.mkPen("#d62728", width=1))
        self.epoch_line.hide()
        plot.addItem(self.epoch_line, ignoreBounds=True)
        self.enable_readout(anchor=(0, 1))
        self._drawn: tuple[np.ndarray, np.ndarray, np.ndarray, int] | None = None  # steps back, epochs, values, row
        self._fan_keys: list[tuple[int, str, int, int, int] | None] = [None] * FAN_CURVES  # what each fan curve shows

    def draw(self, history: GradientHistory | None, epoch: int | None,
             overlays: list[tuple[str, str, GradientHistory]], quantity: str, layer: int, heatmap: bool,
             name: str = "", color: str | None = None) -> None:
        """Draw ``history``'s ``quantity`` (of ``layer``) at ``epoch``, as curves (the shown
        run's in ``color``) or a heatmap."""
        plot = self.getPlotItem()
        self.image.hide()
        self.color_bar.hide()
        self.epoch_line.hide()
        plot.legend.setVisible(not heatmap)
        self._drawn = None
        if history is None or not history.by_epoch or heatmap:
            for curve in (*self.fan, self.shown, *self.overlay_curves):
                _set_curve(curve, None)
            self._fan_keys = [None] * FAN_CURVES
        if history is None or not history.by_epoch:
            return
        epochs, values = _curves(history, quantity, layer)
        steps = np.arange(values.shape[1])
        row = nearest_index(epochs.astype(float), float(epoch if epoch is not None else epochs[-1]))
        row = len(epochs) - 1 if row is None else row
        self._drawn = (steps, epochs, values, row)
        layer_text = tr(", layer {layer}").format(layer=layer + 1) if quantity == "state" else ""
        set_title(plot, tr("Memory: {quantity}").format(quantity=tr(SHORT_QUANTITIES[quantity])) + layer_text)
        if heatmap:
            self._draw_heatmap(steps, epochs, values, row)
            return
        if not plot.getAxis("left").logMode:
            plot.setLogMode(y=True)
        set_axis_label(plot, "left", tr("size (log scale)"))
        # The fan: epochs evenly spread over the whole run, those before the replayed one drawn;
        # replaying another epoch changes only the curves that appear or go.
        grid = np.linspace(0, len(epochs) - 1, FAN_CURVES).astype(int)
        fan_rows = [(id(history), quantity, layer, len(epochs), int(index)) if index < row else None for index in grid]
        for position, (curve, key) in enumerate(zip(self.fan, fan_rows)):
            if self._fan_keys[position] != key:
                _set_curve(curve, None if key is None else (steps, values[key[-1]]))
                self._fan_keys[position] = key
        pen_color = color or SHOWN_PEN.color().name()
        if self.shown.opts["pen"].color().name() != pen_color:
            self.shown.setPen(pg.mkPen(pen_color, width=3))
        _set_curve(self.shown, (steps, values[row]))
        self._draw_overlays(overlays, quantity, layer)
        self.settle()
        name_in_legend(plot.legend, self.shown, tr("{run}: replayed epoch").format(run=name) if name
                       else tr("replayed epoch"))

    def _draw_heatmap(self, steps: np.ndarray, epochs: np.ndarray, values: np.ndarray, row: int) -> None:
        plot = self.getPlotItem()
        if plot.getAxis("left").logMode:
            plot.setLogMode(y=False)
        set_axis_label(plot, "left", tr("epoch"))
        logs = np.log10(values)
        low, high = float(logs.min()), float(logs.max())
        levels = (low, high if high > low else low + 1.0)
        self.image.setImage(logs.T, autoLevels=False, levels=levels)
        top = float(epochs[-1]) if len(epochs) > 1 else float(epochs[0]) + 1
        self.image.setRect(-0.5, float(epochs[0]), len(steps), top - float(epochs[0]) or 1.0)
        self.image.show()
        self.color_bar.setLevels(levels)
        self.color_bar.show()
        self.epoch_line.setPos(float(epochs[row]))
        self.epoch_line.show()

    def _draw_overlays(self, overlays: list[tuple[str, str, GradientHistory]], quantity: str, layer: int) -> None:
        plot = self.getPlotItem()
        while len(self.overlay_curves) < len(overlays):
            self.overlay_curves.append(make_curve(plot, pg.mkPen("#888888", width=2)))
        for index, curve in enumerate(self.overlay_curves):
            drawn = index < len(overlays) and bool(overlays[index][2].by_epoch)
            if drawn:
                name, color, history = overlays[index]
                epochs, values = _curves(history, quantity, layer if layer < history.layers() else -1)
                curve.setPen(pg.mkPen(color, width=2))
                _set_curve(curve, (np.arange(values.shape[1]), values[-1]))
            else:
                _set_curve(curve, None)
            self.show_in_legend(curve, tr("{run}: last epoch").format(run=overlays[index][0]) if drawn else "", drawn)

    def readout_at(self, x: float, y: float) -> str:
        """The value under the cursor: of the curve nearest it, or of the heatmap cell."""
        if self._drawn is None:
            return ""
        steps, epochs, values, row = self._drawn
        step = int(round(x))
        if not 0 <= step < len(steps):
            return ""
        if self.image.isVisible():
            nearest = nearest_index(epochs.astype(float), y)
            return "" if nearest is None else tr("epoch {epoch}, {steps} steps back: {value}").format(
                epoch=epochs[nearest], steps=step, value=f"{values[nearest, step]:.4g}")
        return tr("{steps} steps back: {value}").format(steps=step, value=f"{values[row, step]:.4g}")
