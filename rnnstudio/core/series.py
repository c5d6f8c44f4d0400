"""A univariate series and the error for data that cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .text import Phrase


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
