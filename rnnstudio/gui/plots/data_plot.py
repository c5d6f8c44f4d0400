"""The data plot: the series, its training and validation parts, the rollout's warm-up."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from .base import (
    PLOT_HELP,
    TRAIN,
    VALIDATION,
    WARMUP_BRUSH,
    DataView,
    StudioPlot,
    make_curve,
)


class DataPlot(StudioPlot):
    """The series, with training and validation parts in distinct colours and the rollout's
    warm-up window shaded."""

    def __init__(self) -> None:
        super().__init__("Data", "step", "value", PLOT_HELP["data"])
        plot = self.getPlotItem()
        self.train_curve = make_curve(plot, TRAIN, "training")
        self.validation_curve = make_curve(plot, VALIDATION, "validation")
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
