"""Series that look like a user's own data: monthly sales in the thousands with a trend, a
yearly season, noise and dates."""

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
