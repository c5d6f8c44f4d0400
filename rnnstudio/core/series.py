"""A univariate series and the error for data that cannot be used."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class DataError(ValueError):
    """Data that cannot be used; the message names the problem (and the line, for CSV)."""


@dataclass(frozen=True)
class Series:
    """A univariate series: positions ``t`` and ``values`` (float32), same length; ``dates``
    (datetime64[ns]) when the data has a date column, with its ``frequency`` (a pandas
    offset alias such as ``MS``, or None when irregular); ``note`` says what reading it did
    that the user should know."""

    t: np.ndarray
    values: np.ndarray
    name: str = "value"
    dates: np.ndarray | None = None
    frequency: str | None = None
    note: str = ""  # what reading it did that the user should know (rows turned round, ...)

    def __len__(self) -> int:
        return len(self.values)
