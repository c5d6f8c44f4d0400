"""The prediction plot: truth, one-step predictions, the closed-loop rollout and the forecast
(with its prediction intervals, shaded, once a backtest gave the run some, and a seed
ensemble's members' spread, shaded around the rollout and the forecast)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ...core.intervals import Intervals
from ...core.report import EpochReport
from ..i18n import tr
from .base import (
    FORECAST,
    ONE_STEP,
    PLOT_HELP,
    ROLLOUT,
    TRUTH,
    WARMUP_BRUSH,
    Overlay,
    OverlayCurves,
    StepAxis,
    StudioPlot,
    StyleKey,
    make_curve,
    name_in_legend,
    nearest_index,
    shading,
    where_text,
)


class PredictionPlot(StudioPlot):
    """Truth, one-step predictions and the closed-loop rollout from the end of the warm-up;
    for the x->y layout, the prediction against the truth over x."""

    def __init__(self) -> None:
        super().__init__(tr("Prediction"), tr("step"), tr("value"), tr(PLOT_HELP["prediction"]))
        plot = self.getPlotItem()
        self.truth_curve = make_curve(plot, TRUTH, tr("truth"))
        self.one_step_curve = make_curve(plot, ONE_STEP, tr("one step"))
        self.rollout_curve = make_curve(plot, ROLLOUT, tr("closed loop"))
        self.forecast_curve = make_curve(plot, FORECAST, tr("forecast"))
        self.interval_curves: dict[float, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self.interval_fills: dict[float, pg.FillBetweenItem] = {}
        for level, alpha in ((0.95, 40), (0.8, 70)):
            self.interval_curves[level], self.interval_fills[level] = shading(plot, (106, 61, 154), alpha)
        self.spread_bands = [shading(plot, (214, 39, 40)) for _ in ("rollout", "forecast")]
        self.overlays = OverlayCurves(plot)
        self.key = StyleKey(self, tr("closed loop (solid)"), tr("one step (dashed)"))
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
            items.append(("_" + tr("{run}: one-step").format(run=overlay.name), overlay.color, True,
                          axis(report.one_step.index), report.one_step.values))
            rollout = report.rollout
            if rollout is not None:
                closed = rollout.index >= rollout.closed_loop_from
                items.append((overlay.name, overlay.color, False,
                              axis(rollout.index[closed]), rollout.values[closed]))
        self.overlays.update(items)

    def readout_at(self, x: float, y: float = 0.0) -> str:
        """What each drawn curve says at plot x (the nearest point of each), as under the cursor."""
        parts = []
        for curve, name in ((self.truth_curve, "truth"), (self.one_step_curve, "one-step"),
                            (self.rollout_curve, "rollout"), (self.forecast_curve, "forecast")):
            xs, ys = curve.getData()
            index = None if xs is None else nearest_index(xs, x)
            if index is not None:
                parts.append(f"{name} {ys[index]:.4g}")
        if not parts:
            return ""
        return f"{where_text(self.axis, x)}: " + ", ".join(parts)

    def clear_truth(self) -> None:
        """No series: nothing drawn, the legend as for a new run."""
        self.axis = None
        self.readout.setText("")
        for curve in (self.truth_curve, self.one_step_curve, self.rollout_curve, self.forecast_curve):
            curve.setData([], [])
        self.show_intervals(None, np.array([]), np.array([]))
        self.show_spread(None, None)
        self._plain_style()
        self.warmup_region.hide()

    def show_intervals(self, intervals: Intervals | None, x: np.ndarray, forecast: np.ndarray) -> None:
        """Shade ``intervals`` around the forecast at ``x`` (None, or no forecast: none)."""
        bounds = intervals.bounds(forecast) if intervals is not None and len(forecast) else {}
        for level, (lower, upper) in self.interval_curves.items():
            low, high = bounds.get(level, ([], []))
            lower.setData(x if level in bounds else [], low)
            upper.setData(x if level in bounds else [], high)
            self.interval_fills[level].setVisible(level in bounds)
            self.show_in_legend(lower, tr("{level} % interval").format(level=f"{100 * level:.0f}"), level in bounds)

    def show_spread(self, report: EpochReport | None, axis: StepAxis | None) -> None:
        """Shade a seed ensemble's members' lowest to highest around its closed-loop rollout and
        its forecast (nothing for a single network)."""
        spread = None if report is None or axis is None else report.spread
        pieces: list[tuple[np.ndarray, np.ndarray]] = []
        if spread is not None and report is not None:
            rollout, ahead = report.rollout, report.forecast
            if rollout is not None and spread.rollout is not None:
                closed = rollout.index >= rollout.closed_loop_from
                pieces.append((rollout.index[closed], spread.rollout[:, closed]))
            if ahead is not None and spread.forecast is not None:
                pieces.append((ahead.index, spread.forecast))
        for position, ((lower, upper), fill) in enumerate(self.spread_bands):
            index, members = pieces[position] if position < len(pieces) else (np.array([]), np.zeros((1, 0)))
            x = axis(index) if axis is not None and len(index) else []
            lower.setData(x, members.min(axis=0))
            upper.setData(x, members.max(axis=0))
            fill.setVisible(len(index) > 0)
        count = spread.one_step.shape[0] if spread is not None else 0
        self.show_in_legend(self.spread_bands[0][0][0], tr("spread of {count} seeds").format(count=count), bool(pieces))

    def _plain_style(self) -> None:
        """The shown run's curves in their own colours and names (no overlay prefix)."""
        self.one_step_curve.setPen(ONE_STEP)
        self.rollout_curve.setPen(ROLLOUT)
        legend = self.getPlotItem().legend
        for curve, label in ((self.one_step_curve, tr("one step")), (self.rollout_curve, tr("closed loop"))):
            name_in_legend(legend, curve, label)
        self.show_in_legend(self.forecast_curve, tr("forecast"), False)
        self.key.show(False)

    def show_truth(self, axis: StepAxis, values: np.ndarray) -> None:
        self.axis = axis
        self.readout.setText("")
        self.use_axis(axis)
        x = axis(np.arange(len(values)))
        self.truth_curve.setData(x, values)
        for curve in (self.one_step_curve, self.rollout_curve, self.forecast_curve):
            curve.setData([], [])
        self.show_intervals(None, np.array([]), np.array([]))
        self.show_spread(None, None)
        self._plain_style()
        self.warmup_region.hide()

    def show_report(self, report: EpochReport, axis: StepAxis, name: str = "", color: str | None = None,
                    intervals: Intervals | None = None) -> None:
        """Draw a report's predictions. With overlays, ``name`` prefixes their legend entries
        and ``color`` is the run's own colour (one-step dashed, rollout solid). ``intervals``
        are shaded around the forecast past the end."""
        self.one_step_curve.setPen(ONE_STEP if color is None else pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
        self.rollout_curve.setPen(ROLLOUT if color is None else pg.mkPen(color, width=1))
        xy = not report.experiment.samples.plan.is_time_series  # x -> y: a prediction over x, no rollout
        rolled = report.rollout is not None
        # overlaid, a run is one entry in its colour (its rollout's, or its prediction's), and the key
        # says dashed is one step, solid the closed loop
        self.show_in_legend(self.one_step_curve, name or (tr("prediction") if xy else tr("one step")),
                            not name or not rolled)
        self.show_in_legend(self.rollout_curve, name or tr("closed loop"), rolled)
        self.key.show(bool(name) and rolled)
        self.one_step_curve.setData(axis(report.one_step.index), report.one_step.values)
        forecast = report.forecast
        self.forecast_curve.setData([] if forecast is None else axis(forecast.index),
                                    [] if forecast is None else forecast.values)
        self.show_in_legend(self.forecast_curve, tr("{run}: forecast").format(run=name) if name else tr("forecast"),
                            forecast is not None)
        if forecast is None:
            self.show_intervals(None, np.array([]), np.array([]))
        else:
            self.show_intervals(intervals, axis(forecast.index), forecast.values)
        self.show_spread(report, axis)
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

