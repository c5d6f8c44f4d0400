"""A sample series for the last lesson, for a learner without a CSV of their own: ten years
of monthly sales with a trend and a season that grows with it, written as a dated CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np

SAMPLE_NAME = "sample_monthly_sales.csv"
MONTHS = 120


def sample_sales_values(months: int = MONTHS) -> np.ndarray:
    """The sales: a level rising 1.5 a month, a yearly season whose swing grows with it, noise
    (seeded: the same series every time)."""
    t = np.arange(months)
    noise = np.random.default_rng(7).normal(0.0, 6.0, months)
    return 200.0 + 1.5 * t + (20.0 + 0.2 * t) * np.sin(2 * np.pi * t / 12) + noise


def write_sample_sales(folder: Path) -> Path:
    """Write the sample CSV (``month,sales``, from January 2015) into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_NAME
    months = np.arange(np.datetime64("2015-01"), np.datetime64("2015-01") + MONTHS)
    rows = [f"{month}-01,{value:.1f}" for month, value in zip(months.astype(str), sample_sales_values())]
    path.write_text("month,sales\n" + "\n".join(rows) + "\n", encoding="ascii")
    return path
