"""The data's path plot: one batch as training sees it, a row per sample, over the series'
steps: each sample's inputs as a bar, its targets as dots, the validation part shaded; for
stateful chunks, whether each row's state carries on from the batch before or is reset."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ...core.data_path import Batch, DataPath, Span, keras_shape
from ..i18n import tr
from .base import PLOT_HELP, StudioPlot, set_title

MAX_ROWS = 32  # samples drawn of one batch (a big batch is cut, and the title says so)
INPUT_PEN = pg.mkPen("#1f77b4", width=5)
TARGET_BRUSH = pg.mkBrush("#ff7f0e")
VALIDATION_BRUSH = pg.mkBrush(255, 127, 14, 30)
CARRIED = "#2ca02c"
RESET = "#d62728"


class DataPathPlot(StudioPlot):
    """Rows of the shown batch (row 0 at the top)."""

    def __init__(self) -> None:
        super().__init__(tr("Data's path"), tr("step"), tr("batch row"), tr(PLOT_HELP["data path"]))
        plot = self.getPlotItem()
        plot.invertY(True)
        self.validation = pg.LinearRegionItem(movable=False, brush=VALIDATION_BRUSH, pen=pg.mkPen(None))
        self.validation.setZValue(-10)
        self.validation.hide()
        plot.addItem(self.validation)
        self.inputs = plot.plot([], [], pen=INPUT_PEN, connect="finite", name=tr("inputs (window)"))
        self.targets = plot.plot([], [], pen=None, symbol="o", symbolSize=6, symbolBrush=TARGET_BRUSH,
                                 symbolPen=None, name=tr("targets"))
        self.carried = plot.plot([], [], pen=None, symbol="t2", symbolSize=11, symbolBrush=CARRIED, symbolPen=None)
        self.reset = plot.plot([], [], pen=None, symbol="s", symbolSize=9, symbolBrush=RESET, symbolPen=None)

    def show_batch(self, path: DataPath, batch: Batch, epoch: int, validation_from: int | None) -> list[Span]:
        """Draw ``batch`` of ``epoch``; returns the spans drawn (at most :data:`MAX_ROWS`)."""
        plot = self.getPlotItem()
        rows = batch.samples[:MAX_ROWS]
        spans = [path.span(int(sample)) for sample in rows]
        x_inputs, y_inputs, x_targets, y_targets = [], [], [], []
        below = 0.2 if path.experiment.samples.plan.per_step_output else 0.0  # a target per step: beside the bar
        for row, span in enumerate(spans):
            for piece in _runs(span.inputs):  # a stateful stream wraps around the series' end
                x_inputs += [piece[0] - 0.4, piece[-1] + 0.4, np.nan]
                y_inputs += [row, row, np.nan]
            x_targets += list(span.targets)
            y_targets += [row + below] * len(span.targets)
        self.inputs.setData(np.array(x_inputs, float), np.array(y_inputs, float))
        self.targets.setData(np.array(x_targets, float), np.array(y_targets, float))
        if validation_from is None:
            self.validation.hide()
        else:
            self.validation.setRegion((validation_from - 0.5, path.length - 0.5))
            self.validation.show()
        plot.getAxis("left").setTicks([[(row, tr("sample {n}").format(n=span.sample)) for row, span in enumerate(spans)]])
        state = self._state_marks(path, batch, spans)
        cut = (tr(" (first {shown} of {samples})").format(shown=len(rows), samples=len(batch.samples))
               if len(rows) < len(batch.samples) else "")
        set_title(plot, tr("Epoch {epoch}, batch {batch} of {batches}: x {shape}").format(
            epoch=epoch, batch=batch.number, batches=path.batch_count,
            shape=keras_shape((len(batch.samples), *path.input_shape[1:]))) + cut + state)
        plot.setXRange(-0.5, path.length - 0.5, padding=0.01)
        plot.setYRange(-0.7, max(len(rows), 1) - 0.3, padding=0)
        return spans

    def _state_marks(self, path: DataPath, batch: Batch, spans: list[Span]) -> str:
        """Stateful chunks: a mark at each row's start, green where its state carries on from
        the batch before, red where it is reset; returns that in words ("" otherwise)."""
        stateful = path.experiment.samples.plan.carries_state
        starts = [float(span.inputs[0]) for span in spans] if stateful else []
        rows = list(range(len(starts)))
        self.carried.setData(starts if batch.carries_state else [], rows if batch.carries_state else [])
        self.reset.setData([] if batch.carries_state else starts, [] if batch.carries_state else rows)
        self.show_in_legend(self.carried, tr("state carried on"), stateful and batch.carries_state)
        self.show_in_legend(self.reset, tr("state reset to zero"), stateful and not batch.carries_state)
        if not stateful:
            return ""
        return (tr("; each stream's state carried on from batch {batch}").format(batch=batch.number - 1)
                if batch.carries_state else tr("; states reset to zero (epoch start)"))

    def show_nothing(self, message: str) -> None:
        """Nothing to show, ``message`` saying why."""
        for item in (self.inputs, self.targets, self.carried, self.reset):
            item.setData([], [])
        self.validation.hide()
        set_title(self.getPlotItem(), message)


def _runs(indices: np.ndarray) -> list[np.ndarray]:
    """``indices`` cut where they do not go on by one (a stream wrapping around the end)."""
    breaks = np.flatnonzero(np.diff(indices) != 1) + 1
    return [piece for piece in np.split(indices, breaks) if len(piece)]
