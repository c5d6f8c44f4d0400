"""The sweep's picture: the final error of each run against the first varied field, one line
per value of the second (the mean over seeds, each seed a dot). For the memory lesson:
"how far can each network remember?"."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..core.sweep import SweepOutcome
from .i18n import QT_TR_NOOP, tr
from .plots.base import StudioPlot, set_axis_label, set_title
from .quiet_widgets import QuietComboBox

METRICS = {"closed_loop_rmse": QT_TR_NOOP("closed-loop RMSE (the rollout)"),
           "one_step_rmse": QT_TR_NOOP("one-step RMSE (held out)"), "final_loss": QT_TR_NOOP("final training loss")}
LINE_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
SWEEP_HELP = QT_TR_NOOP("Each run of the sweep is a point: its final error (pick which) against the first varied "
                        "field; one line per value of the second field, through the mean over the seeds. The runs "
                        "themselves are in the Runs list: tick them to overlay, select one to replay it.")


class SweepView(QWidget):
    """The metric picker and the plot; :meth:`show_outcomes` draws the runs so far."""

    def __init__(self) -> None:
        super().__init__()
        self.metric = QuietComboBox()
        for key, label in METRICS.items():
            self.metric.addItem(tr(label), key)
        self.metric.currentIndexChanged.connect(lambda _: self._redraw())
        self.caption = QLabel(tr("No sweep yet: Training > Sweep… trains a grid of runs."))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(tr("Error")))
        controls.addWidget(self.metric)
        controls.addWidget(self.caption, 1)
        self.plot = StudioPlot(tr("Sweep"), "", tr("error"), tr(SWEEP_HELP))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        self.outcomes: list[SweepOutcome] = []
        self.lines: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def start(self, runs: int) -> None:
        """A new sweep of ``runs`` runs: forget the last one's points."""
        self.outcomes = []
        self.caption.setText(tr("{done} of {runs} runs done").format(done=0, runs=runs))
        self._total = runs
        self._redraw()

    def add(self, outcome: SweepOutcome) -> None:
        """One more finished run."""
        self.outcomes.append(outcome)
        self.caption.setText(tr("{done} of {runs} runs done").format(done=len(self.outcomes), runs=self._total))
        self._redraw()

    def _redraw(self) -> None:
        item = self.plot.getPlotItem()
        item.clear()
        item.legend.clear()
        self.lines = {}
        done = [outcome for outcome in self.outcomes if outcome.error is None]
        if not done:
            return
        key = self.metric.currentData()
        settings = done[0].point.settings
        first = settings[0][0]
        xs = _positions([outcome.point.settings[0][1] for outcome in self.outcomes])
        set_title(item, tr("Sweep: {metric} against {field}").format(metric=self.metric.currentText(), field=first))
        set_axis_label(item, "bottom", first)
        set_axis_label(item, "left", self.metric.currentText())
        groups: dict[str, list[tuple[float, float]]] = {}
        for outcome in done:
            value = getattr(outcome, key)
            if value is None:
                continue
            group = ", ".join(f"{path}={v}" for path, v in outcome.point.settings[1:]) or first
            groups.setdefault(group, []).append((xs[repr(outcome.point.settings[0][1])], float(value)))
        for index, (group, points) in enumerate(groups.items()):
            color = LINE_COLORS[index % len(LINE_COLORS)]
            x, y = np.array(points).T
            at = np.unique(x)
            means = np.array([y[x == position].mean() for position in at])
            item.plot(x, y, pen=None, symbol="o", symbolSize=6, symbolBrush=pg.mkBrush(color), symbolPen=None)
            item.plot(at, means, pen=pg.mkPen(color, width=2), name=group)
            self.lines[group] = (at, means, x, y)
        labels = {position: text for text, position in xs.items()}
        item.getAxis("bottom").setTicks([[(position, labels[position].strip("'")) for position in sorted(labels)]])


def _positions(values: list[Any]) -> dict[str, float]:
    """Each value's x: itself when every value is a number, else its place in order of appearance."""
    unique = list(dict.fromkeys(repr(value) for value in values))
    numeric = all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in values)
    if numeric:
        return {repr(value): float(value) for value in values}
    return {text: float(index) for index, text in enumerate(unique)}
