"""The experiment a user's own CSV series starts with, chosen so that a typical monthly or
yearly series gives a useful model without tuning.

- the first numeric column; empty cells interpolated (and the description says so);
- windows of two seasons (season detected from the autocorrelation; 12 values without one),
  at most 256 values;
- ``standard`` scaling, or ``difference`` when the series trends: a network that saw only
  the training range cannot extrapolate a level it never saw, but a change it has seen;
- an LSTM of 32 units, Adam at 0.005, 150 epochs (fewer for a long series, so that training
  takes about a minute by the estimate), the last 20 % held out for validation;
- the rollout over the validation part (at most 1,000 steps of it), and a forecast of two
  seasons past the end.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from .csv_import import CsvTable, read_csv_table
from .estimate import training_seconds
from .experiment import (
    DataSpec,
    Experiment,
    MissingPolicy,
    ModelSpec,
    RolloutSpec,
    SampleSpec,
    ScalingName,
    TrainSpec,
)
from .metrics import detect_season

VALIDATION = 0.2
EPOCHS = 150
MIN_EPOCHS = 5
DEFAULT_TRAINING_SECONDS = 60
MAX_DEFAULT_ROLLOUT = 1000
MAX_DEFAULT_WINDOW = 256
MIN_SAMPLES_TO_HOLD_OUT = 10
TREND_RATIO = 2.0


def trends(values: np.ndarray) -> bool:
    """Whether a linear trend moves the series by more than ``TREND_RATIO`` times the spread
    of what is left around it."""
    values = np.asarray(values, dtype=np.float64)
    t = np.arange(len(values))
    slope, intercept = np.polyfit(t, values, 1)
    spread = np.std(values - (slope * t + intercept)) or 1.0
    return abs(slope) * len(values) > TREND_RATIO * spread


def experiment_for_csv(path: str | Path, column: int | str | None = None) -> Experiment:
    """A new experiment on column ``column`` (default: the first numeric one) of a CSV file."""
    path = Path(path).resolve()
    table = read_csv_table(path)
    column = table.first_numeric_column() if column is None else column
    gaps = table.series(column, "interpolate")
    missing: MissingPolicy = "interpolate" if len(gaps) and _has_empty_cells(table, column) else "refuse"
    values = gaps.values
    length = len(values)
    training = values[: max(int(length * (1 - VALIDATION)), 2)]
    season = detect_season(training)
    window = int(np.clip(2 * season if season else 12, 2, max(2, min(length // 5, MAX_DEFAULT_WINDOW))))
    scaling: ScalingName = "difference" if trends(training) else "standard"
    validation = VALIDATION if length - window >= MIN_SAMPLES_TO_HOLD_OUT else 0.0  # too few to hold any out
    validation_from = window + int((length - window) * (1 - validation))
    forecast = 2 * season if season else 12
    why = f"two seasons of {season}" if season and window == 2 * season else (
        f"a season of {season}; two would be too long" if season else "no season found")
    notes = [f"window {window} ({why})",
             f"{scaling} scaling" + (" (the series trends)" if scaling == "difference" else "")]
    if missing == "interpolate":
        notes.append("empty cells interpolated")
    experiment = Experiment(
        name=path.stem,
        description=f"Defaults for a new CSV series: {'; '.join(notes)}",
        data=DataSpec(kind="csv", path=str(path), column=column, missing=missing, scaling=scaling),
        samples=SampleSpec(layout="windows", window=window),
        model=ModelSpec(kind="lstm", layers=1, units=32),
        train=TrainSpec(epochs=EPOCHS, batch_size=32, optimizer="adam", learning_rate=0.005,
                        validation_fraction=validation, shuffle=True, seed=0),
        rollout=RolloutSpec(start=max(min(validation_from, length) - window, 0), warmup=window,
                            steps=min(max(length - validation_from, 1), MAX_DEFAULT_ROLLOUT), forecast=forecast),
    )
    seconds = training_seconds(experiment, length)
    if seconds > DEFAULT_TRAINING_SECONDS:
        epochs = max(MIN_EPOCHS, int(EPOCHS * DEFAULT_TRAINING_SECONDS / seconds))
        experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=epochs))
    return experiment


def _has_empty_cells(table: CsvTable, column: int | str) -> bool:
    from .series import DataError

    try:
        table.series(column, "refuse")
    except DataError:
        return True
    return False
