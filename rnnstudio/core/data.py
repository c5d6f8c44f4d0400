"""Series generators, CSV import and sample layouts.

Data flows one way: :func:`load_series` turns a :class:`DataSpec` into a :class:`Series`,
:func:`make_samples` cuts it into model inputs and targets (:class:`SampleSet`) by the
:class:`SampleSpec` layout, split into training and validation parts without shuffling.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .csv_import import read_csv_table
from .experiment import DataSpec, SampleSpec
from .series import DataError, Series

__all__ = ["DataError", "SampleSet", "Series", "csv_columns", "load_series", "make_samples", "read_csv_series",
           "validation_start"]


@dataclass(frozen=True)
class SampleSet:
    """Model inputs ``x`` and targets ``y`` in sample order; the first ``n_train`` train.

    ``target_index[i]`` is the series index of the (last) target of sample i, for plotting.
    """

    x: np.ndarray
    y: np.ndarray
    n_train: int
    target_index: np.ndarray

    @property
    def x_train(self) -> np.ndarray:
        return self.x[: self.n_train]

    @property
    def y_train(self) -> np.ndarray:
        return self.y[: self.n_train]

    @property
    def x_val(self) -> np.ndarray:
        return self.x[self.n_train :]

    @property
    def y_val(self) -> np.ndarray:
        return self.y[self.n_train :]


def load_series(spec: DataSpec) -> Series:
    """The series described by ``spec``: generated (reproducibly, from ``spec.seed``) or read
    from CSV."""
    if spec.kind == "csv":
        return read_csv_series(spec.path, spec.column, spec.missing, spec.decimal, spec.date_order)
    t = spec.t_start + spec.t_step * np.arange(spec.length, dtype=np.float64)
    if spec.kind == "sine":
        clean = spec.amplitude * np.sin(2 * math.pi * t / spec.period)
    elif spec.kind == "pulse":
        t = np.arange(spec.length, dtype=np.float64)
        clean = ((np.arange(spec.length) % int(spec.period)) < spec.pulse_width).astype(np.float64)
    else:
        raise DataError(f"data.kind = {spec.kind!r}: unknown data source")
    return Series(t=t, values=(clean + noise(spec, spec.length)).astype(np.float32), name=spec.kind)


def noise(spec: DataSpec, length: int) -> np.ndarray:
    """``length`` noise values of the spec's kind and level, from its seed."""
    rng = np.random.default_rng(spec.seed)
    if spec.noise == "uniform":
        return rng.uniform(-spec.noise_level, spec.noise_level, length)
    if spec.noise == "normal":
        return spec.noise_level * rng.standard_normal(length)
    return np.zeros(length)


def read_csv_series(path: str | Path, column: int | str, missing: str = "refuse", decimal: str = "auto",
                    date_order: str = "auto") -> Series:
    """One column of a CSV file as a series (see :mod:`rnnstudio.core.csv_import`).

    Raises :class:`DataError` naming the file, the line and the problem.
    """
    return read_csv_table(path, decimal, date_order).series(column, missing)


def csv_columns(path: str | Path) -> list[str]:
    """Column names of a CSV file (``column 0``, ... when it has no header), for pickers."""
    return read_csv_table(path).columns


def make_samples(series: Series, spec: SampleSpec, validation_fraction: float = 0.0) -> SampleSet:
    """Cut ``series`` into samples by ``spec.layout``; the last ``validation_fraction`` of the
    samples (rounded as Keras's ``validation_split`` does) is held out for validation."""
    x, y, index = spec.plan.cut(series.values.astype(np.float32), series.t, spec.window, spec.stream_shifts)
    n_train = int(len(x) * (1.0 - validation_fraction))
    if n_train < 1:
        raise DataError(f"train.validation_fraction = {validation_fraction}: leaves no training samples out of {len(x)}")
    return SampleSet(x=x, y=y, n_train=n_train, target_index=index)


def validation_start(length: int, spec: SampleSpec, validation_fraction: float) -> int | None:
    """Series index from which :func:`make_samples` targets are validation targets (for
    display), or None when nothing is held out. Cheap: builds no arrays."""
    if validation_fraction <= 0 or not spec.plan.holds_out:
        return None
    offset = spec.plan.first_target(spec.window)
    count = length - offset
    n_train = int(count * (1.0 - validation_fraction))
    return offset + n_train if n_train < count else None
