"""The data plot: the series, its training and validation parts, the rollout's warm-up."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ...core.data_path import Span
from ..i18n import tr
from .base import (
    PLOT_HELP,
    TRAIN,
    VALIDATION,
    WARMUP_BRUSH,
    DataView,
    StepAxis,
    StudioPlot,
    make_curve,
    set_axis_label,
)

BATCH_PEN = pg.mkPen(44, 160, 44, 200, width=4)
BATCH_TARGET = pg.mkBrush("#2ca02c")


class DataPlot(StudioPlot):
    """The series, with training and validation parts in distinct colours and the rollout's
    warm-up window shaded."""

    def __init__(self) -> None:
        super().__init__(tr("Data"), tr("step"), tr("value"), tr(PLOT_HELP["data"]))
        plot = self.getPlotItem()
        self.train_curve = make_curve(plot, TRAIN, tr("training", "the part of the series trained on"))
        self.validation_curve = make_curve(plot, VALIDATION, tr("validation"))
        self.warmup_region = pg.LinearRegionItem(movable=False, brush=WARMUP_BRUSH, pen=pg.mkPen(None))
        self.warmup_region.setZValue(-10)
        plot.addItem(self.warmup_region)
        self.warmup_swatch = pg.BarGraphItem(x=[0], height=[0], width=0, brush=WARMUP_BRUSH)
        self.warmup_region.hide()
        self.batch_inputs = plot.plot([], [], pen=BATCH_PEN, connect="finite")
        self.batch_targets = plot.plot([], [], pen=None, symbol="o", symbolSize=5, symbolBrush=BATCH_TARGET, symbolPen=None)
        self._values: np.ndarray | None = None
        self._axis: StepAxis | None = None

    def clear_data(self) -> None:
        """No series (a CSV not chosen or not readable yet): an empty plot, not the last one."""
        for curve in (self.train_curve, self.validation_curve):
            curve.setData([], [])
        self.warmup_region.hide()
        self._values = self._axis = None
        self.highlight([])
        set_axis_label(self.getPlotItem(), "bottom", tr("step"))

    def highlight(self, spans: list[Span]) -> None:
        """Mark the samples of the batch the Data's path tab shows: their inputs and targets
        (nothing for an empty list)."""
        if not spans or self._values is None or self._axis is None:
            for item in (self.batch_inputs, self.batch_targets):
                item.setData([], [])
            self.show_in_legend(self.batch_inputs, tr("batch shown"), False)
            return
        breaks = [np.append(span.inputs, -1) for span in spans]  # -1: a break between samples
        inputs = np.concatenate(breaks)
        inside = inputs >= 0
        x = np.full(len(inputs), np.nan)
        x[inside] = self._axis(inputs[inside])
        y = np.full(len(inputs), np.nan)
        y[inside] = self._values[inputs[inside]]
        targets = np.unique(np.concatenate([span.targets for span in spans]))
        self.batch_inputs.setData(x, y)
        self.batch_targets.setData(self._axis(targets), self._values[targets])
        self.show_in_legend(self.batch_inputs, tr("batch shown"), True)

    def show_data(self, view: DataView) -> None:
        values = view.series.values
        self._values, self._axis = np.asarray(values, dtype=float), view.axis
        split = len(values) if view.validation_from is None else min(view.validation_from, len(values))
        self.use_axis(view.axis)
        x = view.axis(np.arange(len(values)))
        self.train_curve.setData(x[:split], values[:split])
        joined = max(split - 1, 0)  # the validation curve continues from the last training point
        if split < len(values):
            self.validation_curve.setData(x[joined:], values[joined:])
        else:
            self.validation_curve.setData([], [])
        self.show_in_legend(self.validation_curve, tr("validation"), split < len(values))
        self.show_in_legend(self.warmup_swatch, tr("rollout warm-up"), view.warmup is not None)
        if view.warmup is None:
            self.warmup_region.hide()
        else:
            self.warmup_region.setRegion(tuple(view.axis(np.array(view.warmup))))
            self.warmup_region.show()
