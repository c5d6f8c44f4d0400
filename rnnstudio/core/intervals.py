"""Prediction intervals from a backtest's errors (split conformal, per horizon).

At each horizon h, the half-width at level L is the ``ceil((n + 1) L) / n`` quantile of the
n absolute closed-loop errors the backtest's retrained networks made h steps ahead: a
forecast plus or minus it covers the truth with probability L, when the errors of the
future are like those of the backtest. The coverage shown beside the intervals is measured
honestly, leaving one fold out: the widths from the other folds, counted on that fold.

Intervals are plain numbers (levels, widths, coverage): they are stored in the model file's
JSON metadata and can carry no code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

LEVELS = (0.8, 0.95)
MAX_HORIZON = 1000


@dataclass(frozen=True)
class Intervals:
    """Half-widths ``widths[level, h]`` for horizons 1..H, the leave-one-fold-out
    ``coverage`` per level, and how many errors per horizon calibrated them."""

    levels: tuple[float, ...]
    widths: np.ndarray
    coverage: np.ndarray
    calibration: int

    @property
    def horizon(self) -> int:
        return int(self.widths.shape[1])

    def bounds(self, forecast: np.ndarray) -> dict[float, tuple[np.ndarray, np.ndarray]]:
        """(lower, upper) per level around ``forecast`` (its step k is k + 1 ahead); past the
        calibrated horizon the last width is held."""
        steps = np.minimum(np.arange(len(forecast)), self.horizon - 1)
        return {level: (forecast - self.widths[i, steps], forecast + self.widths[i, steps])
                for i, level in enumerate(self.levels)}

    def as_dict(self) -> dict[str, object]:
        return {"levels": list(self.levels), "widths": self.widths.tolist(), "coverage": self.coverage.tolist(),
                "calibration": self.calibration}

    @classmethod
    def from_dict(cls, raw: object) -> Intervals:
        """Read what :meth:`as_dict` wrote; ValueError naming what is wrong."""
        if not isinstance(raw, dict):
            raise ValueError("intervals: not an object")
        try:
            levels = tuple(float(level) for level in raw["levels"])
            widths = np.asarray(raw["widths"], dtype=np.float64)
            coverage = np.asarray(raw["coverage"], dtype=np.float64)
            calibration = int(raw["calibration"])
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"intervals: {error}") from None
        if not levels or any(not 0 < level < 1 for level in levels) or widths.ndim != 2 \
                or widths.shape[0] != len(levels) or not 1 <= widths.shape[1] <= MAX_HORIZON \
                or coverage.shape != (len(levels),) or not np.all(np.isfinite(widths)) or np.any(widths < 0):
            raise ValueError("intervals: levels, widths and coverage do not fit together")
        return cls(levels, widths, coverage, calibration)


def conformal_widths(errors: np.ndarray, level: float) -> np.ndarray:
    """Per horizon, the split-conformal half-width at ``level`` of (n, H) errors."""
    absolute = np.sort(np.abs(np.asarray(errors, dtype=np.float64)), axis=0)
    count = absolute.shape[0]
    rank = min(count, math.ceil((count + 1) * level))  # 1-based; beyond n, the largest error (a small n)
    return absolute[rank - 1]


def intervals_from_folds(fold_errors: list[np.ndarray], levels: tuple[float, ...] = LEVELS) -> Intervals:
    """Intervals from each fold's (origins, H) closed-loop errors, with leave-one-fold-out coverage."""
    if len(fold_errors) < 2 or any(len(errors) == 0 for errors in fold_errors):
        raise ValueError("prediction intervals need errors from at least 2 folds")
    pooled = np.concatenate(fold_errors)
    widths = np.stack([conformal_widths(pooled, level) for level in levels])
    coverage = []
    for level in levels:
        inside = total = 0
        for k, errors in enumerate(fold_errors):
            others = np.concatenate([e for j, e in enumerate(fold_errors) if j != k])
            inside += int(np.sum(np.abs(errors) <= conformal_widths(others, level)))
            total += errors.size
        coverage.append(inside / total)
    return Intervals(tuple(levels), widths, np.array(coverage), len(pooled))
