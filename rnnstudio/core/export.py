"""A run's numbers as CSV tables, for a spreadsheet, a report or another tool.

For a run at one epoch: the loss history; the series with the one-step predictions; the
closed-loop rollout with the states (``h``, ``c``) and gates per layer and unit; the
forecast past the end. Positions are series steps, with a ``date`` column when the series
has dates.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from .history import History
from .report import EpochReport
from .series import Series


def write_run_tables(folder: str | Path, name: str, history: History, report: EpochReport | None) -> list[Path]:
    """Write ``NAME_loss.csv`` and, with a report, ``NAME_series.csv``, ``NAME_rollout.csv``
    and ``NAME_forecast.csv`` (each only when there is something to write) into ``folder``;
    returns the paths written. Raises OSError when the folder cannot be written."""
    folder = Path(folder)
    written = [_write(folder / f"{name}_loss.csv", ["epoch", "loss", "val_loss"],
                      [[epoch, loss, "" if val is None else val]
                       for epoch, (loss, val) in enumerate(zip(history.loss, history.val_loss), start=1)])]
    if report is None:
        return written
    series = report.series
    one_step = np.full(len(series), np.nan)
    one_step[report.one_step.index] = report.one_step.values
    written.append(_write(folder / f"{name}_series.csv", _position_header(series) + ["value", "one_step"],
                          [_position(series, i) + [series.values[i], one_step[i]] for i in range(len(series))]))
    rollout = report.rollout
    if rollout is not None:
        traces = [(key, values) for key, values in (("h", rollout.h), ("c", rollout.c), *rollout.gates.items())
                  if values is not None]
        header = ["step", "value", "closed_loop"] + [f"{key}_{layer + 1}_{unit}" for key, values in traces
                                                     for layer in range(values.shape[1]) for unit in range(values.shape[2])]
        rows = [[int(rollout.index[k]), rollout.values[k], int(rollout.index[k] >= rollout.closed_loop_from)]
                + [values[k, layer, unit] for _, values in traces
                   for layer in range(values.shape[1]) for unit in range(values.shape[2])]
                for k in range(len(rollout.values))]
        written.append(_write(folder / f"{name}_rollout.csv", header, rows))
    forecast = report.forecast
    if forecast is not None:
        dates = forecast.dates
        written.append(_write(folder / f"{name}_forecast.csv", ["step"] + (["date"] if dates is not None else []) + ["value"],
                              [[int(step)] + ([str(dates[k])[:19]] if dates is not None else []) + [value]
                               for k, (step, value) in enumerate(zip(forecast.index, forecast.values))]))
    return written


def _position_header(series: Series) -> list[str]:
    return ["step", "date"] if series.dates is not None else ["step"]


def _position(series: Series, index: int) -> list[object]:
    return [index, str(series.dates[index])[:19]] if series.dates is not None else [index]


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows([[_cell(value) for value in row] for row in rows])
    return path


def _cell(value: object) -> object:
    if isinstance(value, (float, np.floating)):
        return "" if np.isnan(value) else f"{float(value):.9g}"
    return value
