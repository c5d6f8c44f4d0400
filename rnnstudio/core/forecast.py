"""Forecast past the end of a series: a closed loop warmed up on its last values.

The forecast continues the series' positions and, when it has dates, its dates at the
series' frequency.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .csv_dates import future_dates
from .experiment import Experiment
from .inference import NumpyNetwork, closed_loop_rollout
from .series import Series


@dataclass(frozen=True)
class Forecast:
    """``values[k]`` is the forecast for series position ``index[k]`` (and ``dates[k]``)."""

    index: np.ndarray
    values: np.ndarray
    dates: np.ndarray | None


def forecast(network: NumpyNetwork, experiment: Experiment, series: Series, steps: int) -> Forecast | None:
    """``steps`` closed-loop values after the end of ``series`` (None for the x -> y layout)."""
    samples = experiment.samples
    if not samples.plan.is_time_series or steps < 1:
        return None
    values = np.asarray(series.values, dtype=np.float64)
    warmup = samples.plan.warmup_length(samples.window, experiment.rollout.warmup, len(values))
    start = len(values) - warmup
    trace = closed_loop_rollout(network, samples, values[start:], steps, start)
    ahead = trace.index >= len(values)
    index, predicted = trace.index[ahead][:steps], trace.values[ahead][:steps]
    dates = future_dates(series.dates, series.frequency, len(index)) if series.dates is not None else None
    return Forecast(index, predicted, dates)
