"""A univariate series and the error for data that cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .text import QT_TR_NOOP, Phrase


class DataError(ValueError):
    """Data that cannot be used; the message names the problem (and the line, for CSV).
    Raised with a template and its fields (see :class:`~.text.Phrase`), it can be said in the
    window's language too: :meth:`said`."""

    def __init__(self, message: str | Phrase, **fields: Any) -> None:
        self.phrase = message if isinstance(message, Phrase) else Phrase(message, **fields)
        super().__init__(str(self.phrase))

    def said(self, say: Callable[[str], str] = str) -> str:
        """The message in the words ``say`` gives (the window passes its ``tr``)."""
        return self.phrase.said(say)


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


def interpolated(values: np.ndarray, empty: np.ndarray, dates: np.ndarray | None) -> np.ndarray:
    """Linear interpolation over the empty cells (in time when there are dates); the ends
    take the nearest value."""
    known = ~empty
    if not known.any():
        raise DataError(QT_TR_NOOP("every cell of the column is empty"))
    position = dates.astype("datetime64[ns]").astype(np.int64).astype(np.float64) if dates is not None \
        else np.arange(len(values), dtype=np.float64)
    filled = values.copy()
    filled[empty] = np.interp(position[empty], position[known], values[known])
    return filled
