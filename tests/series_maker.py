"""Series that look like a user's own data: monthly sales in the thousands with a trend, a
yearly season, noise and dates; noisy series with each calendar's season; and the realistic
kinds forecasting is judged on (level shifts, growing seasons, cycles of varying length,
random walks, short series, long weekly and daily series with gaps)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def monthly_sales(months: int = 300, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(dates as datetime64[D] month starts from 2000-01, values): trend from ~600 to ~2,000,
    a season of 12 months with amplitude ~180, noise of ~35."""
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    values = 600 + 4.7 * t + 180 * np.sin(2 * np.pi * t / 12) + 35 * rng.standard_normal(months)
    dates = np.arange(np.datetime64("2000-01"), np.datetime64("2000-01") + months, dtype="datetime64[M]")
    return dates.astype("datetime64[D]"), np.round(values, 2)


def write_sales_csv(path: Path, months: int = 300, seed: int = 0, gaps: tuple[int, ...] = ()) -> Path:
    """A spreadsheet export: ``date,sales`` rows; rows in ``gaps`` have an empty sales cell."""
    dates, values = monthly_sales(months, seed)
    lines = ["date,sales"] + [f"{d},{'' if i in gaps else v}" for i, (d, v) in enumerate(zip(dates, values))]
    path.write_text("\n".join(lines) + "\n")
    return path


SEASONAL_KINDS = {"monthly": ("M", 12, 120), "quarterly": ("Q", 4, 80), "weekly": ("W", 52, 312), "daily": ("D", 7, 730)}


def calendar_dates(unit: str, count: int) -> np.ndarray:
    """``count`` dates from 2000 at a calendar step: month starts, quarter starts, Sundays or days."""
    if unit == "M":
        return np.arange(np.datetime64("2000-01"), np.datetime64("2000-01") + count, dtype="datetime64[M]").astype("datetime64[D]")
    if unit == "Q":
        return (np.datetime64("2000-01") + 3 * np.arange(count)).astype("datetime64[D]")
    step = 7 if unit == "W" else 1
    return np.datetime64("2000-01-02") + step * np.arange(count)


def noisy_seasonal(kind: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(dates, values) of a noisy series with the calendar's season (``SEASONAL_KINDS``): a
    level that wanders, a season of amplitude 10 and noise of 4, plus a faint half-season echo."""
    unit, season, count = SEASONAL_KINDS[kind]
    rng = np.random.default_rng(seed)
    t = np.arange(count)
    shape = 10 * np.sin(2 * np.pi * t / season) + 3 * np.cos(4 * np.pi * t / season)
    values = 200 + np.cumsum(rng.normal(0, 0.5, count)) + shape + rng.normal(0, 4, count)
    return calendar_dates(unit, count), np.round(values, 3)


def write_series_csv(path: Path, dates: np.ndarray, values: np.ndarray, missing: np.ndarray | None = None) -> Path:
    """``date,value`` rows; where ``missing`` is true the value cell is empty."""
    empty = np.zeros(len(values), bool) if missing is None else missing
    lines = ["date,value"] + [f"{d},{'' if gap else v}" for d, v, gap in zip(dates, values, empty)]
    path.write_text("\n".join(lines) + "\n")
    return path


def realistic_series(name: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dates, values, missing) of series made to look like a user's own (``REALISTIC``)."""
    rng = np.random.default_rng(seed)
    if name == "level shift":  # monthly, 96 values: a step up by 40 after month 60
        t = np.arange(96)
        values = 100 + 40 * (t >= 60) + 8 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 3, 96)
        return calendar_dates("M", 96), values, np.zeros(96, bool)
    if name == "growing season":  # monthly, 144: airline-like multiplicative season
        t = np.arange(144)
        values = (100 + 2 * t) * (1 + 0.25 * np.sin(2 * np.pi * t / 12)) * np.exp(rng.normal(0, 0.03, 144))
        return calendar_dates("M", 144), values, np.zeros(144, bool)
    if name == "cycles":  # yearly, 250: sunspot-like cycles of 9 to 13 years, never negative
        phase = np.cumsum(2 * np.pi / rng.uniform(9, 13, 250))
        amplitude = np.repeat(rng.uniform(60, 160, 30), 9)[:250]
        values = np.maximum(0.0, amplitude * (0.5 - 0.5 * np.cos(phase)) ** 1.5 + rng.normal(0, 6, 250))
        years = np.arange(np.datetime64("1770"), np.datetime64("2020"), dtype="datetime64[Y]")
        return years.astype("datetime64[D]"), values, np.zeros(250, bool)
    if name == "random walk":  # business days, 300
        values = 50 + np.cumsum(rng.normal(0, 1, 300))
        dates = np.busday_offset(np.datetime64("2020-01-01"), np.arange(300), roll="forward")
        return dates, values, np.zeros(300, bool)
    if name == "short quarterly":  # 72 quarters with a season of 4 and a trend
        t = np.arange(72)
        values = 500 + 3 * t + np.tile([30.0, -10.0, -40.0, 20.0], 18) + rng.normal(0, 8, 72)
        return calendar_dates("Q", 72), values, np.zeros(72, bool)
    if name == "weekly with gaps":  # 6 years of weeks: a yearly season, 3 % missing weeks
        t = np.arange(312)
        values = 1000 + 0.5 * t + 120 * np.sin(2 * np.pi * t / 52.18) + np.cumsum(rng.normal(0, 4, 312)) + rng.normal(0, 25, 312)
        return calendar_dates("W", 312), values, rng.random(312) < 0.03
    if name == "daily with gaps":  # 4 years of days: weekly and yearly seasons, 2 % missing days
        t = np.arange(1461)
        weekday = np.tile([1.0, 1.1, 1.1, 1.05, 1.2, 0.7, 0.55], 209)[:1461]
        values = (300 + 0.05 * t + 40 * np.sin(2 * np.pi * t / 365.25)) * weekday + rng.normal(0, 12, 1461)
        return calendar_dates("D", 1461), values, rng.random(1461) < 0.02
    raise ValueError(name)


REALISTIC = ("level shift", "growing season", "cycles", "random walk", "short quarterly", "weekly with gaps",
             "daily with gaps")


def checking_series(name: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dates, values, missing) of further series made to look real (``CHECKING``), kept apart
    from ``REALISTIC``: the defaults were never tuned on these, so they stand in for series a
    user brings (yearly to business-daily, 75 to 3,000 values)."""
    rng = np.random.default_rng(seed + 100)
    if name == "yearly growth":  # 75 years: an S-shaped rise with persistent wobbles
        t = np.arange(75)
        wobble = np.zeros(75)
        for i in range(1, 75):
            wobble[i] = 0.7 * wobble[i - 1] + rng.normal(0, 0.02)
        values = (20 + 80 / (1 + np.exp(-(t - 40) / 9))) * np.exp(wobble)
        years = np.arange(np.datetime64("1950"), np.datetime64("2025"), dtype="datetime64[Y]")
        return years.astype("datetime64[D]"), values, np.zeros(75, bool)
    if name == "monthly counts":  # 180 months of small counts with a season: never negative
        t = np.arange(180)
        values = rng.poisson(6 * (1 + 0.6 * np.sin(2 * np.pi * t / 12)) * (1 + t / 360)).astype(float)
        return calendar_dates("M", 180), values, np.zeros(180, bool)
    if name == "business-daily prices":  # 3,000 business days: a price with drift and calm and wild spells
        volatility = np.exp(np.convolve(rng.normal(0, 0.35, 3000), np.ones(60) / np.sqrt(60), "same")) * 0.01
        values = 40 * np.exp(np.cumsum(0.0002 + volatility * rng.standard_normal(3000)))
        dates = np.busday_offset(np.datetime64("2010-01-01"), np.arange(3000), roll="forward")
        return dates, values, np.zeros(3000, bool)
    if name == "daily visitors":  # 1,100 days: a weekly season that scales, a trend that turns, holidays
        t = np.arange(1100)
        dates = calendar_dates("D", 1100)
        weekday = np.tile([0.8, 1.0, 1.05, 1.05, 1.1, 1.3, 1.2], 158)[:1100]
        level = 500 + 0.4 * np.minimum(t, 700) - 0.2 * np.maximum(t - 700, 0)
        day_of_year = (dates - dates.astype("datetime64[Y]")).astype(int)
        holiday = np.where((day_of_year == 0) | (day_of_year == 358), 0.4, 1.0)
        values = level * weekday * holiday * np.exp(rng.normal(0, 0.05, 1100))
        return dates, values, np.zeros(1100, bool)
    if name == "monthly temperature":  # 30 years of months: a strong steady season, slow warming
        t = np.arange(360)
        values = 12 + 0.003 * t - 9 * np.cos(2 * np.pi * t / 12) + rng.normal(0, 1.5, 360)
        return calendar_dates("M", 360), values, np.zeros(360, bool)
    if name == "quarterly trend break":  # 100 quarters: the trend flattens at 60, the season grows
        t = np.arange(100)
        trend = 200 + 4 * np.minimum(t, 60) + 0.5 * np.maximum(t - 60, 0)
        values = trend * (1 + (0.05 + t / 1000) * np.tile([1.0, -0.5, -1.2, 0.7], 25)) + rng.normal(0, 6, 100)
        return calendar_dates("Q", 100), values, np.zeros(100, bool)
    if name == "weekly promotions":  # 150 weeks: a faint yearly season and promotion spikes, 2 % missing
        t = np.arange(150)
        promotion = rng.random(150) < 0.1
        values = (200 + 15 * np.sin(2 * np.pi * t / 52.18) + np.cumsum(rng.normal(0, 2, 150))) * np.where(promotion, 1.4, 1.0)
        return calendar_dates("W", 150), values + rng.normal(0, 8, 150), rng.random(150) < 0.02
    raise ValueError(name)


CHECKING = ("yearly growth", "monthly counts", "business-daily prices", "daily visitors", "monthly temperature",
            "quarterly trend break", "weekly promotions")
