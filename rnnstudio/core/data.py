"""Series generators, CSV import and sample layouts.

Data flows one way: :func:`load_series` turns a :class:`DataSpec` into a :class:`Series`,
:func:`make_samples` cuts it into model inputs and targets (:class:`SampleSet`) by the
:class:`SampleSpec` layout, split into training and validation parts without shuffling.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .experiment import DataSpec, SampleSpec

MAX_CSV_BYTES = 512 * 1024 * 1024


class DataError(ValueError):
    """Data that cannot be used; the message names the problem (and the line, for CSV)."""


@dataclass(frozen=True)
class Series:
    """A univariate series: positions ``t`` and ``values`` (float32), same length."""

    t: np.ndarray
    values: np.ndarray
    name: str = "value"

    def __len__(self) -> int:
        return len(self.values)


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
        return read_csv_series(spec.path, spec.column)
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


def read_csv_series(path: str | Path, column: int | str) -> Series:
    """Read one numeric column of a CSV file. The first row is a header when it holds any
    non-numeric cell in the chosen column; a first column of dates or labels is fine.

    Raises :class:`DataError` naming the file, the line and the problem.
    """
    path = Path(path)
    rows = _read_rows(path)
    header = _header_of(rows)
    if header is not None:
        rows = rows[1:]
    index = _column_index(path, header, column, rows)
    first_line = 2 if header is not None else 1
    values = np.empty(len(rows), dtype=np.float64)
    for offset, row in enumerate(rows):
        line = first_line + offset
        if index >= len(row) or not row[index].strip():
            raise DataError(f"{path.name}, line {line}: missing value in column {_column_label(header, index)}")
        try:
            values[offset] = float(row[index])
        except ValueError:
            raise DataError(
                f"{path.name}, line {line}: {row[index].strip()!r} in column "
                f"{_column_label(header, index)} is not a number"
            ) from None
        if not math.isfinite(values[offset]):
            raise DataError(f"{path.name}, line {line}: {row[index].strip()!r} is not a finite number")
    if len(values) < 2:
        raise DataError(f"{path.name}: needs at least 2 values, found {len(values)}")
    name = header[index] if header is not None else f"column {index}"
    return Series(t=np.arange(len(values), dtype=np.float64), values=values.astype(np.float32), name=name)


def _read_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    if path.stat().st_size > MAX_CSV_BYTES:
        raise DataError(f"{path.name}: larger than {MAX_CSV_BYTES // 2**20} MiB")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(f"{path.name}: not a UTF-8 text file ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise DataError(f"{path.name}: cannot be read ({err.strerror})") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t ")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(text.splitlines(), dialect) if any(cell.strip() for cell in row)]
    if not rows:
        raise DataError(f"{path.name}: the file is empty")
    return rows


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _header_of(rows: list[list[str]]) -> list[str] | None:
    """The first row, if it is a header: all text, or text above a number."""
    first = rows[0]
    if len(rows) < 2 or all(_is_number(cell) for cell in first):
        return None
    below = rows[1]
    text_above_number = any(
        not _is_number(cell) and i < len(below) and _is_number(below[i]) for i, cell in enumerate(first)
    )
    if text_above_number or not any(_is_number(cell) for cell in first):
        return [cell.strip() for cell in first]
    return None


def _column_index(path: Path, header: list[str] | None, column: int | str, rows: list[list[str]]) -> int:
    width = len(header) if header is not None else max(len(row) for row in rows)
    if isinstance(column, str):
        if column.strip().isdigit():
            column = int(column)
        elif header is None:
            raise DataError(f"{path.name}: has no header row, so column {column!r} cannot be found; give a 0-based index")
        elif column.strip() not in header:
            raise DataError(f"{path.name}: no column named {column!r}; columns: {', '.join(header)}")
        else:
            return header.index(column.strip())
    if not 0 <= column < width:
        raise DataError(f"{path.name}: column index {column} is out of range; the file has {width} columns (0 to {width - 1})")
    return column


def _column_label(header: list[str] | None, index: int) -> str:
    return repr(header[index]) if header is not None and index < len(header) else str(index)


def csv_columns(path: str | Path) -> list[str]:
    """Column names of a CSV file (``column 0``, ... when it has no header), for pickers."""
    rows = _read_rows(Path(path))
    header = _header_of(rows)
    if header is not None:
        return header
    return [f"column {i}" for i in range(max(len(row) for row in rows))]


def make_samples(series: Series, spec: SampleSpec, validation_fraction: float = 0.0) -> SampleSet:
    """Cut ``series`` into samples by ``spec.layout``; the last ``validation_fraction`` of the
    samples (rounded as Keras's ``validation_split`` does) is held out for validation."""
    values = series.values.astype(np.float32)
    if spec.layout == "xy":
        x = series.t.astype(np.float32)[:, None]
        y = values[:, None]
        index = np.arange(len(values))
    elif spec.layout == "stateful":
        x, y, index = _stateful_chunks(values, spec.window, spec.stream_shifts)
    else:
        x, y, index = _windows(values, spec.window, spec.layout == "sequence")
    n_train = int(len(x) * (1.0 - validation_fraction))
    if n_train < 1:
        raise DataError(f"train.validation_fraction = {validation_fraction}: leaves no training samples out of {len(x)}")
    return SampleSet(x=x, y=y, n_train=n_train, target_index=index)


def validation_start(length: int, spec: SampleSpec, validation_fraction: float) -> int | None:
    """Series index from which :func:`make_samples` targets are validation targets (for
    display), or None when nothing is held out. Cheap: builds no arrays."""
    if validation_fraction <= 0 or spec.layout == "stateful":
        return None
    offset = 0 if spec.layout == "xy" else spec.window
    count = length - offset
    n_train = int(count * (1.0 - validation_fraction))
    return offset + n_train if n_train < count else None


def _windows(values: np.ndarray, window: int, sequence: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    count = len(values) - window
    if count < 1:
        raise DataError(f"samples.window = {window}: the series has only {len(values)} values; it needs at least {window + 1}")
    frames = np.lib.stride_tricks.sliding_window_view(values, window + 1)[:count]
    x = np.ascontiguousarray(frames[:, :window, None])
    y = np.ascontiguousarray(frames[:, 1:, None] if sequence else frames[:, window:])
    return x, y, np.arange(window, window + count)


def _stateful_chunks(values: np.ndarray, window: int, shifts: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    length = len(values)
    if length % window:
        raise DataError(f"samples.window = {window}: must divide the series length {length} for stateful chunks")
    streams = np.stack([np.roll(values, shift) for shift in shifts])
    targets = np.roll(streams, -1, axis=1)
    chunks = length // window
    # Row k * streams + s holds chunk k of stream s: batch k continues batch k-1 row by row.
    x = streams.reshape(len(shifts), chunks, window).transpose(1, 0, 2).reshape(-1, window, 1)
    y = targets.reshape(len(shifts), chunks, window).transpose(1, 0, 2).reshape(-1, window, 1)
    index = np.tile(np.arange(window, length + 1, window), (len(shifts), 1)).T.reshape(-1)
    return np.ascontiguousarray(x), np.ascontiguousarray(y), index
