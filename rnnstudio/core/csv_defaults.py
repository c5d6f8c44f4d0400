"""The experiment a user's own CSV series starts with, chosen so that a typical monthly or
yearly series gives a useful model without tuning.

- the first numeric column; empty cells interpolated (and the description says so);
- the season of the calendar (12 for monthly dates, 4 quarterly, 52 weekly, 7 daily, 5
  business-daily, 24 hourly) when the autocorrelation supports it, else the one the
  autocorrelation finds when it holds once the trend is taken out, else none (season 1); it
  is written into the experiment, so the baselines use it too;
- windows of two seasons, at least one season when the series is too short for two (12
  values without a season), at most 256 values;
- ``difference`` scaling: the network learns changes, not levels, so a level it never saw in
  training (a trend, a level shift, a random walk's wander) does not throw it. Measured on the
  realistic series of ``bench/bench_forecasting.py``, it beat ``standard`` one step ahead on 6
  of 7 (a level shift near the end of training: 0.91x the best statistical forecast's error
  against 4.9x). The description says whether the series also trends (a trend must show
  within most quarters of the training part, so one level shift is no trend);
- a linear highway (a linear AR on the window added to the network's output) when a linear AR
  fitted to the training windows' changes makes less than ``HIGHWAY_RATIO`` of persistence's
  error on the validation part: a season or cycle a linear model already explains, which the
  network then only corrects. Measured on the realistic series of
  ``bench/bench_forecasting.py``, the ratio is 0.21-0.52 where the highway helped (a growing
  season, cycles, a short quarterly series, a daily series) and 1.03-3.5 where it hurt (a
  level shift, a random walk): the threshold sits in that gap. A series with a season gets
  it up to ``SEASONAL_HIGHWAY_RATIO``: one step ahead such a linear AR may do no better than
  persistence on noisy values, but over the horizon it carries the season on, which the
  network alone lost (weekly series with gaps and monthly counts, 8 draws: within 10 % of the
  best statistical forecast over the horizon on 3 -> 6, one step ahead on 5 -> 7; a level
  shift, at 3.1-3.6, keeps none);
- an LSTM whose size grows with the number of training windows (4 units for a few dozen, up
  to 32), Adam at 0.005, 150 epochs (fewer for a long series, so that training takes about a
  minute by the estimate), the last 20 % held out for validation, and early stopping: after
  20 epochs without a lower validation loss, the best epoch's weights are kept;
- the rollout over the validation part (at most 1,000 steps of it), and a forecast of two
  seasons past the end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .csv_import import CsvTable, read_csv_table
from .estimate import training_seconds
from .experiment import (
    DataSpec,
    DateOrder,
    DecimalMark,
    Experiment,
    MissingPolicy,
    ModelSpec,
    RolloutSpec,
    SampleSpec,
    ScalingName,
    TrainSpec,
)
from .metrics import detect_season
from .text import QT_TR_NOOP, Phrase

VALIDATION = 0.2
EPOCHS = 150
MIN_EPOCHS = 5
DEFAULT_TRAINING_SECONDS = 60
MAX_DEFAULT_ROLLOUT = 1000
MAX_DEFAULT_WINDOW = 256
MIN_SAMPLES_TO_HOLD_OUT = 10
TREND_RATIO = 2.0
TREND_PARTS = 4
PATIENCE = 20
# then train on from the kept epoch on every sample for a quarter of its epochs: a trend that
# changes in the last fifth is then learned (a quarterly trend break: 1.7-3.7x the best
# statistical forecast's error one step ahead -> 0.85-1.18x over 4 draws); about even elsewhere
REFIT = 0.25
MEMBERS = 5  # a seed ensemble: one seed's luck is not a result
MEMBERS_NOTE = Phrase(QT_TR_NOOP("{count} seeds trained together (the forecast is their mean; the shading, their "
                                  "spread)"), count=MEMBERS)
MIN_UNITS, MAX_UNITS = 4, 32
CALENDAR_SEASONS = {"M": 12, "Q": 4, "W": 52, "D": 7, "B": 5, "h": 24, "H": 24}
CALENDAR_SUPPORT = 0.3
DETECTED_SUPPORT = 0.5
NO_SEASON = 1  # written when the defaults find no season, so the baselines do not look for one again
HIGHWAY_RATIO = 0.6
SEASONAL_HIGHWAY_RATIO = 1.5
LINEAR_FIT_VALUES, LINEAR_SCORE_VALUES = 16_000, 4_000  # the highway check's bound: ~40 MB, well under a second


def trends(values: np.ndarray) -> bool:
    """Whether a linear trend moves the series by more than ``TREND_RATIO`` times the spread
    of what is left around it, and the trend shows (same direction, at least a third of the
    slope) within most of ``TREND_PARTS`` consecutive parts: a single level shift moves the
    overall line but not the parts on either side of it."""
    values = np.asarray(values, dtype=np.float64)
    t = np.arange(len(values))
    slope, intercept = np.polyfit(t, values, 1)
    spread = np.std(values - (slope * t + intercept)) or 1.0
    if abs(slope) * len(values) <= TREND_RATIO * spread:
        return False
    parts = [part for part in np.array_split(np.arange(len(values)), TREND_PARTS) if len(part) >= 3]
    agreeing = sum(np.polyfit(part, values[part], 1)[0] * np.sign(slope) >= abs(slope) / 3 for part in parts)
    return agreeing > len(parts) / 2


def calendar_season(frequency: str | None) -> int:
    """The season a calendar frequency suggests (``MS`` 12, ``W-SUN`` 52, ...), 0 for none."""
    if not frequency:
        return 0
    base = frequency.split("-")[0].lstrip("0123456789").rstrip("SE") or frequency[:1]
    return CALENDAR_SEASONS.get(base, 0)


def choose_season(training: np.ndarray, frequency: str | None) -> tuple[int, Phrase]:
    """The calendar's season when the data support it (the detected season is a multiple of
    it, or the autocorrelation at that lag of what is left around a moving average of one
    season is above ``CALENDAR_SUPPORT``), else the detected one when that autocorrelation at
    its lag is above ``DETECTED_SUPPORT`` (a smooth rise with slow wobbles has a peak in its
    autocorrelation that is no season: 0.12-0.29, against 0.59-0.97 for real seasons and
    cycles), else 0; and where it came from (or, for 0, why there is none)."""
    detected = detect_season(training)
    calendar = calendar_season(frequency)
    if calendar and 3 * calendar < len(training):
        if detected and detected % calendar == 0 or seasonal_support(training, calendar) > CALENDAR_SUPPORT:
            return calendar, Phrase(QT_TR_NOOP("the calendar's ({frequency})"), frequency=frequency)
    if detected and seasonal_support(training, detected) > DETECTED_SUPPORT:
        return detected, Phrase(QT_TR_NOOP("detected"))
    if detected:
        return 0, Phrase(QT_TR_NOOP("the autocorrelation's peak at lag {lag} does not hold once the trend is taken out"),
                         lag=detected)
    return 0, Phrase(QT_TR_NOOP("none found"))


def seasonal_support(values: np.ndarray, season: int) -> float:
    """The autocorrelation at lag ``season`` of ``values`` less their centred moving average
    over one season (the level and trend removed, the season and the noise left)."""
    values = np.asarray(values, dtype=np.float64)
    level = np.convolve(values, np.ones(season) / season, mode="valid")
    left = values[season // 2 : season // 2 + len(level)] - level
    left = left - left.mean()
    denominator = float(np.dot(left, left))
    if denominator <= 0 or season >= len(left):
        return 0.0
    return float(np.dot(left[:-season], left[season:]) / denominator)


def near_zero_and_never_below(values: np.ndarray) -> bool:
    """A series of counts or sales that a forecast could push below 0: never negative, and its
    lowest value under a tenth of its median (0 included)."""
    finite = values[np.isfinite(values)]
    return bool(len(finite) and finite.min() >= 0 and finite.min() <= 0.1 * np.median(finite))


def linear_to_persistence(values: np.ndarray, window: int, validation_from: int) -> float:
    """The mean absolute error of a linear AR on ``window`` values (least squares on the changes
    from each window's last value, fitted to the windows whose targets come before
    ``validation_from``) over persistence's, on the windows after; inf when either part is empty.
    A long series is judged around ``validation_from``: at most ``LINEAR_FIT_VALUES`` values
    before it and ``LINEAR_SCORE_VALUES`` after (a million values with a window of 104 took
    9 s and 1.6 GB on the window's CSV-reading thread)."""
    start = max(0, validation_from - LINEAR_FIT_VALUES)
    values = np.asarray(values[start : validation_from + LINEAR_SCORE_VALUES], dtype=np.float64)
    validation_from -= start
    if not window < validation_from < len(values):
        return float("inf")
    frames = np.lib.stride_tricks.sliding_window_view(values[:-1], window)
    last = frames[:, -1:]
    changes = values[window:] - last[:, 0]
    inputs = np.hstack([(frames - last)[:, :-1], np.ones((len(frames), 1))])
    fitted = validation_from - window
    coefficients = np.linalg.lstsq(inputs[:fitted], changes[:fitted], rcond=None)[0]
    persistence = float(np.abs(changes[fitted:]).mean())
    linear = float(np.abs(inputs[fitted:] @ coefficients - changes[fitted:]).mean())
    return linear / persistence if persistence > 0 else float("inf")


def units_for(windows: int) -> int:
    """Units of the default LSTM: about the square root of the training windows, 4 to 32
    (LSTM(32) has about 4,400 weights: too many for 50 windows, which it learns by heart)."""
    return int(np.clip(round(np.sqrt(windows)), MIN_UNITS, MAX_UNITS))


def experiment_for_csv(path: str | Path, column: int | str | None = None, decimal: DecimalMark = "auto",
                       date_order: DateOrder = "auto", say: Callable[[str], str] = str) -> Experiment:
    """A new experiment on column ``column`` (default: the first numeric one) of a CSV file
    whose decimal mark is ``decimal`` and date order ``date_order`` (``auto``: from the file);
    its description says which defaults it got and why, in words ``say`` translates (the
    window's language; English by default)."""
    path = Path(path).resolve()
    table = read_csv_table(path, decimal, date_order)
    column = table.first_numeric_column() if column is None else column
    gaps = table.series(column, "interpolate")
    missing: MissingPolicy = "interpolate" if len(gaps) and _has_empty_cells(table, column) else "refuse"
    values = gaps.values
    length = len(values)
    training = values[: max(int(length * (1 - VALIDATION)), 2)]
    season, source = choose_season(training, gaps.frequency)
    longest = max(2, min(length // 5, MAX_DEFAULT_WINDOW))
    if season and season <= max(length // 3, 2):
        longest = max(longest, min(season, MAX_DEFAULT_WINDOW))  # at least one season, when the series allows
    window = int(np.clip(2 * season if season else 12, 2, longest))
    scaling: ScalingName = "difference"
    validation = VALIDATION if length - window >= MIN_SAMPLES_TO_HOLD_OUT else 0.0  # too few to hold any out
    validation_from = window + int((length - window) * (1 - validation))
    units = units_for(int((length - window) * (1 - validation)))
    forecast = 2 * season if season else 12
    why = (Phrase(QT_TR_NOOP("two seasons of {season}"), season=season) if season and window == 2 * season else
           Phrase(QT_TR_NOOP("a season of {season}; two would be too long"), season=season) if season and window >= season
           else Phrase(QT_TR_NOOP("shorter than the season of {season}: the series is short"), season=season) if season
           else Phrase(QT_TR_NOOP("no season")))
    linear = linear_to_persistence(values, window, validation_from) if validation else float("inf")
    seasonal_highway = bool(season) and HIGHWAY_RATIO <= linear < SEASONAL_HIGHWAY_RATIO
    highway = linear < HIGHWAY_RATIO or seasonal_highway
    notes = [Phrase(QT_TR_NOOP("season {season} ({source})"), season=season, source=source) if season else
             Phrase(QT_TR_NOOP("no season ({source})"), source=source),
             Phrase(QT_TR_NOOP("window {window} ({why})"), window=window, why=why),
             Phrase(QT_TR_NOOP("difference scaling (the series trends)")) if trends(training) else
             Phrase(QT_TR_NOOP("difference scaling (changes: a level it never saw will not throw it)")),
             Phrase(QT_TR_NOOP("LSTM of {units} units"), units=units), MEMBERS_NOTE]
    if seasonal_highway:
        notes.append(Phrase(QT_TR_NOOP("a linear highway (a linear AR on the window carries the season on over the "
                                       "horizon, though one step ahead it makes {percent} of persistence's error; the "
                                       "network corrects it)"), percent=f"{linear:.0%}"))
    elif highway:
        notes.append(Phrase(QT_TR_NOOP("a linear highway (a linear AR on the window makes {percent} of persistence's "
                                       "error on the validation part; the network corrects it)"), percent=f"{linear:.0%}"))
    if validation:
        notes.append(Phrase(QT_TR_NOOP("early stopping after {patience} epochs without a lower validation loss, "
                                       "then a refit on every sample for a quarter of the kept epochs (the scores "
                                       "stay the kept epoch's)"), patience=PATIENCE))
    non_negative = near_zero_and_never_below(values)
    if non_negative:
        notes.append(Phrase(QT_TR_NOOP("forecasts kept at 0 or above (the series never goes below 0, and comes near "
                                       "it)")))
    if missing == "interpolate":
        notes.append(Phrase(QT_TR_NOOP("empty cells interpolated")))
    if gaps.note:
        notes.append(Phrase(gaps.note))  # what reading did: in English

    def described(parts: list[Phrase]) -> str:
        return say(QT_TR_NOOP("Defaults for a new CSV series: {notes}")).format(
            notes=say(QT_TR_NOOP("; ")).join(part.said(say) for part in parts))

    experiment = Experiment(
        name=path.stem,
        description=described(notes),
        data=DataSpec(kind="csv", path=str(path), column=column, missing=missing, decimal=decimal,
                      date_order=date_order, scaling=scaling, season=season or NO_SEASON, non_negative=non_negative),
        samples=SampleSpec(layout="windows", window=window),
        model=ModelSpec(kind="lstm", layers=1, units=units, members=MEMBERS, highway=highway),
        train=TrainSpec(epochs=EPOCHS, batch_size=32, optimizer="adam", learning_rate=0.005,
                        validation_fraction=validation, shuffle=True, seed=0,
                        early_stopping=PATIENCE if validation else 0, refit=REFIT if validation else 0.0),
        rollout=RolloutSpec(start=max(min(validation_from, length) - window, 0), warmup=window,
                            steps=min(max(length - validation_from, 1), MAX_DEFAULT_ROLLOUT), forecast=forecast),
    )
    seconds = training_seconds(experiment, length)
    if seconds > DEFAULT_TRAINING_SECONDS:  # a long series: one network (its seed matters less with this much data)
        experiment = dataclasses.replace(
            experiment, model=dataclasses.replace(experiment.model, members=1),
            description=described([Phrase(QT_TR_NOOP("one network (the series is long: {count} seeds would take too "
                                                     "long)"), count=MEMBERS) if note is MEMBERS_NOTE else note
                                    for note in notes]))
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
