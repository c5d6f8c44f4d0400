"""The scores dock: the shown run against the baselines, in the data's own units.

A table (one-step MAE and RMSE, MASE, sMAPE, closed-loop RMSE at the first and last horizon;
the best of each column in bold), the closed-loop error against the horizon for each, and a
verdict: does the network beat the last value, and does it add anything over the statistical
forecasts (linear AR, ETS, ARIMA)? Below, after Training > Backtest…, the same forecasters
across several origins (mean ± spread), its verdict and the prediction intervals' coverage.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.backtest import Backtest
from ..core.intervals import Intervals
from ..core.metrics import NETWORK, Evaluation, row_label, verdict
from ..core.report import EpochReport
from ..core.series import Series
from .i18n import QT_TR_NOOP, tr

COLORS = {NETWORK: "#d62728", "persistence": "#7f7f7f", "seasonal": "#ff7f0e", "linear": "#1f77b4",
          "ETS": "#2ca02c", "ARIMA": "#9467bd"}
BEST = QBrush(QColor("#e5f5e0"))
NOT_A_SERIES = QT_TR_NOOP("No scores: the x -> y layout maps x to y; there is no forecast of a time series to score.")
TOO_SHORT = QT_TR_NOOP("No scores: the held-out part of this series is too short to score (fewer than 2 points).")
EMPTY = QT_TR_NOOP("Train a run (or select one) to see how it scores against persistence, seasonal naive, a linear "
                   "autoregression, ETS and ARIMA.")


COLUMNS = (
    ("MAE", QT_TR_NOOP("Mean absolute one-step error on the held-out points, in the data's units (each prediction "
                       "from true values)")),
    ("RMSE", QT_TR_NOOP("Root mean squared one-step error on the held-out points, in the data's units")),
    ("MASE", QT_TR_NOOP("MAE over the mean absolute seasonal change in the training part: below 1 beats the seasonal "
                        "naive step there")),
    ("sMAPE %", QT_TR_NOOP("Symmetric mean absolute percentage error: the mean of 200 |error| / (|truth| + "
                           "|forecast|)")),
    (QT_TR_NOOP("closed loop h1"), QT_TR_NOOP(
        "RMSE of the first step of the closed loops run from origins in the held-out part. It differs "
        "from the one-step RMSE: only origins with a whole horizon after them count (not the last "
        "points), at most a few hundred of them, and each closed loop starts afresh from its warm-up "
        "(a stateful network from a zero state), where the one-step predictions run on through the "
        "series")),
    (QT_TR_NOOP("closed loop h"), QT_TR_NOOP("RMSE after H steps of feeding the predictions back, from the same "
                                             "origins: how far the forecast drifts over the horizon")),
)


def _color(name: str) -> str:
    return next(color for key, color in COLORS.items() if name.startswith(key))


class ScoresView(QWidget):
    """Shows an :class:`Evaluation` (or a hint when there is none)."""

    def __init__(self) -> None:
        super().__init__()
        self.caption = QLabel(EMPTY)
        self.caption.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, 6)
        for column, (title, tip) in enumerate(COLUMNS):
            header = QTableWidgetItem(tr(title))
            header.setToolTip(tr(tip))
            self.table.setHorizontalHeaderItem(column, header)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setToolTip(tr("On the held-out points. MAE, RMSE: one-step errors in the data's units. MASE: MAE "
                              "over the mean absolute seasonal change in the training part (below 1 beats the seasonal "
                              "naive step there). sMAPE: symmetric mean absolute percentage error. "
                              "Closed loop: RMSE when predictions are fed back, 1 and H steps ahead. Best in bold."))
        self.horizon_plot = pg.PlotWidget()
        self.horizon_plot.setBackground("w")
        item = self.horizon_plot.getPlotItem()
        item.setTitle(tr("Closed-loop error against horizon"))
        item.setLabel("bottom", tr("steps ahead"))
        item.setLabel("left", tr("RMSE (log scale)"))
        item.setLogMode(y=True)  # one forecaster's swing does not squash the others into a line
        item.showGrid(x=True, y=True, alpha=0.2)
        self.horizon_key = QLabel()  # the curves' names in their colours, beside the plot rather than over it
        self.horizon_key.setWordWrap(True)
        self.horizon_key.setTextFormat(Qt.TextFormat.RichText)
        self.horizon_plot.setToolTip(tr("Closed-loop RMSE at each horizon; the colours are those of the names in the table "
                                     "(the network solid, the baselines dashed)"))
        self.horizon_plot.setMinimumWidth(280)
        self.backtest_label = QLabel()
        self.backtest_label.setWordWrap(True)
        self.backtest_label.setTextFormat(Qt.TextFormat.RichText)
        self.backtest_label.hide()
        self.backtest: Backtest | None = None
        # the words and the table scroll together when the dock is low (a 1024x700 window), so no
        # line is cut off; the table keeps room for its header and a few rows
        self.table.setMinimumHeight(110)
        words = QWidget()
        left = QVBoxLayout(words)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.verdict)
        left.addWidget(self.caption)
        left.addWidget(self.table, 1)
        left.addWidget(self.backtest_label)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(words)
        right = QVBoxLayout()
        right.addWidget(self.horizon_key)
        right.addWidget(self.horizon_plot, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.scroll, 3)
        layout.addLayout(right, 2)
        self.evaluation: Evaluation | None = None
        self._report: EpochReport | None = None
        self._visible = True
        self._stale = False

    def show_report(self, report: EpochReport | None) -> None:
        """Show ``report``'s scores (None: nothing to score). A report drawn before it was
        scored shows a note; the window asks for its scores while this view can be seen."""
        self._report = report
        if not self._visible:
            self._stale = True
        elif report is not None and report.scores is None:
            self.caption.setText(tr("Computing the scores…"))
        else:
            self.show_evaluation(*((report.evaluation, report.series) if report is not None else (None,)))
            if report is not None and report.evaluation is None:
                self.caption.setText(tr(TOO_SHORT if report.experiment.samples.plan.is_time_series else NOT_A_SERIES))
            elif report is not None and report.scored_by is not None:
                self.caption.setText(tr("Epoch {epoch} trained on the validation part too (the refit on every sample "
                                        "after early stopping): these are the scores of epoch {kept}'s weights, which "
                                        "never saw it. ").format(epoch=report.epoch, kept=report.scored_by[0])
                                     + self.caption.text())

    def show_backtest(self, backtest: Backtest | None, intervals: Intervals | None) -> None:
        """The selected run's backtest and the intervals made from it below the table (hidden
        when it has none)."""
        if backtest is self.backtest:
            return
        self.backtest = backtest
        self.backtest_label.setVisible(backtest is not None and intervals is not None)
        if backtest is not None and intervals is not None:
            self.backtest_label.setText(backtest_html(backtest, intervals))

    def set_visible(self, visible: bool) -> None:
        """The dock was shown or hidden (as a tab raised or lowered)."""
        self._visible = visible
        if visible and self._stale:
            self._stale = False
            self.show_report(self._report)

    def show_evaluation(self, evaluation: Evaluation | None, series: Series | None = None) -> None:
        """Fill the table, the horizon curves and the verdict (None shows the hint)."""
        self.evaluation = evaluation
        self.horizon_plot.getPlotItem().clear()
        if evaluation is None:
            self.caption.setText(tr(EMPTY))
            self.table.setRowCount(0)
            self.verdict.setText("")
            self.horizon_key.setText("")
            return
        units = f"{series.name}, " if series is not None and series.name not in ("value", "") else ""
        where = _position_text(evaluation.held_out_from, series)
        fitted = tr(" ETS and ARIMA: {note}.").format(note=tr(evaluation.baselines_note)) if evaluation.baselines_note else ""
        self.caption.setText(tr("Held out: {held_out}, from {where}; {units}in the data's own units. Season {season} "
                                "({season_note}).").format(held_out=tr(evaluation.held_out_note), where=where, units=units,
                                                           season=evaluation.season if evaluation.season > 1 else tr("none"),
                                                           season_note=tr(evaluation.season_note)) + fitted)
        horizon = len(evaluation.rows[0].horizon_rmse)
        last = QTableWidgetItem(tr("closed loop h") + str(horizon))
        last.setToolTip(tr(COLUMNS[5][1]).replace("H", str(horizon), 1))
        self.table.setHorizontalHeaderItem(5, last)
        self.table.setRowCount(len(evaluation.rows))
        for index, row in enumerate(evaluation.rows):
            header = QTableWidgetItem(row_label(row.name, tr))
            header.setForeground(QBrush(QColor(_color(row.name))))
            self.table.setVerticalHeaderItem(index, header)
        columns = [lambda r: r.mae, lambda r: r.rmse, lambda r: r.mase, lambda r: r.smape,
                   lambda r: r.horizon_rmse[0], lambda r: r.horizon_rmse[-1]]
        for column, value_of in enumerate(columns):
            values = [value_of(row) for row in evaluation.rows]
            best = int(np.argmin(values))
            for index, value in enumerate(values):
                item = QTableWidgetItem(f"{value:.3f}" if column == 2 else f"{value:.2f}" if column == 3 else f"{value:.4g}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if index == best:
                    font = QFont()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(BEST)
                self.table.setItem(index, column, item)
        steps = np.arange(1, horizon + 1)
        for row in evaluation.rows:
            pen = pg.mkPen(_color(row.name), width=1, style=Qt.PenStyle.SolidLine if row.name == NETWORK else Qt.PenStyle.DashLine)
            self.horizon_plot.getPlotItem().plot(steps, np.maximum(row.horizon_rmse, 1e-12), pen=pen)
        self.horizon_key.setText(" ".join(f"<span style='color:{_color(row.name)}'>{'━' if row.name == NETWORK else '╍'} "
                                          f"{html.escape(row_label(row.name, tr))}</span>" for row in evaluation.rows))
        self.verdict.setText(verdict(evaluation, tr))


def backtest_html(backtest: Backtest, intervals: Intervals) -> str:
    """The backtest as a small table: mean ± spread per forecaster, the best in bold."""
    summaries = backtest.summaries()
    best_one = min(summaries, key=lambda summary: summary.mae.mean()).name
    best_far = min(summaries, key=lambda summary: summary.horizon_rmse.mean()).name

    def cell(text: str, bold: bool) -> str:
        return f"<td align='right'>{'<b>' + text + '</b>' if bold else text}</td>"

    rows = "".join(f"<tr><td style='color:{_color(s.name)}'>{html.escape(row_label(s.name, tr))}</td>"
                   + cell(f"{s.mae.mean():.4g} ± {s.mae.std():.2g}", s.name == best_one)
                   + cell(f"{s.horizon_rmse.mean():.4g} ± {s.horizon_rmse.std():.2g}", s.name == best_far) + "</tr>"
                   for s in summaries)
    coverage = ", ".join(tr("{level} % intervals covered {covered} %").format(level=f"{100 * level:.0f}",
                                                                             covered=f"{100 * covered:.0f}")
                         for level, covered in zip(intervals.levels, intervals.coverage))
    head = tr("<b>Backtest over {origins} origins</b> (retrained at each; mean ± spread): ").format(
        origins=len(backtest.folds))
    table = (f"<table cellspacing='0' cellpadding='2'><tr><th></th><th>MAE</th><th>"
             f"{tr('closed loop RMSE h1-{horizon}').format(horizon=backtest.horizon)}</th></tr>{rows}</table>")
    return (head + f"<b>{html.escape(backtest.verdict(tr))}</b>" + table
            + tr("Prediction intervals from its errors: {coverage} (leaving one origin out).").format(coverage=coverage))


def _position_text(position: int, series: Series | None) -> str:
    if series is not None and series.dates is not None and position < len(series):
        return str(series.dates[position])[:10]
    return tr("step {n}").format(n=position)
