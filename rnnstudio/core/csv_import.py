"""CSV import that a spreadsheet user expects, on pandas.

A file is read once into a :class:`CsvTable` (cached by path, size and modification time,
so picking another column never reads it again): the separator (``,`` ``;`` tab), decimal
commas and thousands separators are sniffed from its start; a header row, a byte-order mark
and quoted numbers are fine; a date or datetime column (or a year column) is detected and
its frequency inferred (quarters written ``2020 Q1`` and months written ``Jan-49`` too; dates
that read day-first and month-first are read the one way that puts them in order, or spaces
them evenly, and the series' note says so). Rows of separators only (``,,,``) are skipped.
:meth:`CsvTable.series` turns one column into a :class:`Series`, with empty cells refused
(naming their lines), interpolated or dropped.

A value that does not parse as it looks (``1,5`` where the decimal mark is ``.``, a stray
word) is refused with its line and value, never read as something else.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .csv_dates import (
    CHUNK_ROWS,
    AmbiguousDates,
    MixedDates,
    compact_dates,
    date_format,
    infer_frequency,
    numeric_months,
    parse_dates,
    whole_years,
)
from .csv_sniff import DECIMAL_COMMA, DECIMAL_POINT, Dialect, column_numbers, sniff
from .series import DataError, Series, interpolated
from .text import QT_TR_NOOP, Phrase
from .validation import MAX_SERIES_LENGTH

if TYPE_CHECKING:
    import pandas as pd

MAX_CSV_BYTES = 512 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
LINE_COUNT_BYTES = 16 * 1024 * 1024
MAX_COLUMNS = 1000
FLOAT32_MAX = float(np.finfo(np.float32).max)
DATE_NAME = re.compile(r"date|time|year|month|period|day|week", re.IGNORECASE)
ROW_NUMBERS_TITLE = re.compile(r"|Unnamed: \d+|index|id|#|no\.?|row", re.IGNORECASE)  # pandas: "" -> Unnamed: 0
_ZONE_NAME = re.compile(r"\d\s*[A-Z]{2,5}$")  # 10:00 CET
_DATE_LIKE = re.compile(r"\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2}|[A-Za-z]{3,9}[ -]\d{1,2}")
_cache: OrderedDict[tuple[str, int, int, str, str], CsvTable] = OrderedDict()
_cache_lock = threading.Lock()
CACHE_SIZE = 3


@dataclass
class CsvTable:
    """A CSV file read as text cells, ready to give any column as a series."""

    path: Path
    dialect: Dialect
    cells: pd.DataFrame  # of str
    columns: list[str]
    date_column: int | None = None
    date_format: str | None = None
    date_note: str = ""  # how the cells chose between two readings of the dates, if they did
    _series: dict[tuple[int, str], Series] = field(default_factory=dict, repr=False)
    _dates: np.ndarray | None = field(default=None, repr=False)
    _line_numbers: np.ndarray | None = field(default=None, repr=False)

    @property
    def numeric_columns(self) -> list[int]:
        """Columns whose first cells are numbers (the date column excluded)."""
        head = self.cells.head(200)
        found = []
        for index in range(len(self.columns)):
            if index == self.date_column:
                continue
            numbers, bad, empty = column_numbers(head.iloc[:, index], self.dialect)
            if (~empty).any() and bad.sum() <= 0.1 * (~empty).sum():
                found.append(index)
        return found

    def first_numeric_column(self) -> str | int:
        """The column a new experiment on this file starts with: its first numeric one that
        is not row numbers (0, 1, 2, ... under no title or ``index``, ``id``, ``#``: the index
        pandas writes by default)."""
        numeric = self.numeric_columns
        numeric = [i for i in numeric if not self._row_numbers(i)] or numeric
        index = numeric[0] if numeric else next((i for i in range(len(self.columns)) if i != self.date_column), 0)
        return self.columns[index] if self.dialect.header else index

    def _row_numbers(self, index: int) -> bool:
        if self.dialect.header and not ROW_NUMBERS_TITLE.fullmatch(self.columns[index]):
            return False
        values = column_numbers(self.cells.iloc[:, index].head(200), self.dialect)[0]
        return len(values) >= 3 and values[0] in (0, 1) and bool(np.all(np.diff(values) == 1))

    def column_index(self, column: int | str) -> int:
        if isinstance(column, str) and column.strip().isdigit() and column.strip() not in self.columns:
            column = int(column.strip())  # "2" is an index, unless a column is titled "2" (a year)
        if isinstance(column, str):
            if not self.dialect.header:
                raise DataError(QT_TR_NOOP("{file}: has no header row, so column {column} cannot be found; give a "
                                           "0-based index"), file=self.path.name, column=repr(column))
            if column.strip() not in self.columns:
                raise DataError(QT_TR_NOOP("{file}: no column named {column}; columns: {columns}"),
                                file=self.path.name, column=repr(column), columns=", ".join(self.columns))
            return self.columns.index(column.strip())
        width = len(self.columns)
        if not 0 <= column < width:
            raise DataError(QT_TR_NOOP("{file}: column index {index} is out of range; the file has {width} columns "
                                       "(0 to {last})"), file=self.path.name, index=column, width=width, last=width - 1)
        return column

    def dates(self) -> np.ndarray | None:
        """The date column as datetime64[ns] (NaT where a cell is not a date), or None."""
        if self.date_column is None:
            return None
        if self._dates is None:
            self._dates = parse_dates(self.cells.iloc[:, self.date_column], self.date_format)
        return self._dates

    def line_of(self, row: int) -> int:
        """The file line (1-based, counting every line) of data row ``row``."""
        if self._line_numbers is None:
            text = self.path.read_text(encoding="utf-8-sig")
            empty = " \t\"" + self.dialect.separator  # blank lines, and lines of separators only, hold no row
            lines = [number for number, line in enumerate(text.splitlines(), start=1) if line.strip(empty)]
            self._line_numbers = np.asarray(lines[1:] if self.dialect.header else lines)
        return int(self._line_numbers[row]) if row < len(self._line_numbers) else row + 1

    def series(self, column: int | str, missing: str = "refuse") -> Series:
        """One column as a series; empty cells by ``missing`` (refuse, interpolate, drop).
        The last few are kept, so asking again costs nothing."""
        index = self.column_index(column)
        key = (index, missing)
        if key not in self._series:
            if len(self._series) >= CACHE_SIZE:
                del self._series[next(iter(self._series))]
            self._series[key] = self._read_series(index, missing)
        return self._series[key]

    def cached_series(self, column: int | str, missing: str) -> Series | None:
        """The series if it was already made (never computes)."""
        try:
            return self._series.get((self.column_index(column), missing))
        except DataError:
            return None

    def _read_series(self, index: int, missing: str) -> Series:
        label = repr(self.columns[index]) if self.dialect.header else str(index)
        raw = self.cells.iloc[:, index]
        values, bad, empty = column_numbers(raw, self.dialect)
        if self.dialect.separator != "\t":  # "1<tab>" is no number: perhaps the file is tab-separated
            bad = bad | raw.astype(str).str.contains("\t", regex=False).to_numpy()
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            cell = str(raw.iloc[row]).strip(" ")
            hint = _hint(cell, self.dialect)
            raise DataError(QT_TR_NOOP("{file}, line {line}: {cell} in column {column} is not a number{hint}"),
                            file=self.path.name, line=self.line_of(row), cell=repr(cell), column=label, hint=hint)
        finite = np.isfinite(values) | empty
        if not finite.all():
            row = int(np.flatnonzero(~finite)[0])
            raise DataError(QT_TR_NOOP("{file}, line {line}: {cell} is not a finite number"), file=self.path.name,
                            line=self.line_of(row), cell=repr(str(raw.iloc[row]).strip()))
        too_big = np.abs(np.where(empty, 0.0, values)) > FLOAT32_MAX
        if too_big.any():
            row = int(np.flatnonzero(too_big)[0])
            raise DataError(QT_TR_NOOP("{file}, line {line}: {cell} is beyond the range the network computes in "
                                       "(about ±3.4e38)"), file=self.path.name, line=self.line_of(row),
                            cell=repr(str(raw.iloc[row]).strip()))
        dates = self.dates()
        rows = np.arange(len(values))  # file row of each value, as they are put in date order
        note = ""
        if dates is not None:
            rows, note = self._date_order(dates)
            note = "; ".join(part for part in (self.date_note, note) if part)
            values, empty, dates = values[rows], empty[rows], dates[rows]
        keep = np.ones(len(values), dtype=bool)
        if dates is not None and np.isnat(dates).any():
            bad_dates = np.isnat(dates)
            if missing != "drop":
                row = int(rows[np.flatnonzero(bad_dates)[0]])
                assert self.date_column is not None  # dates come from it
                good = np.flatnonzero(~bad_dates)
                like = Phrase(QT_TR_NOOP(" like {cell} (one format to a column)"),
                              cell=repr(self._cell(int(rows[good[0]])))) if len(good) else ""
                raise DataError(QT_TR_NOOP("{file}, line {line}: {cell} in the date column is not a date{like}; choose "
                                           "Missing: drop to leave such rows out"), file=self.path.name,
                                line=self.line_of(row), cell=repr(self._cell(row)), like=like)
            keep &= ~bad_dates
        if empty.any():
            if missing == "refuse":
                blank = np.sort(rows[np.flatnonzero(empty)])
                lines = ", ".join(str(self.line_of(int(r))) for r in blank[:5]) + (", …" if len(blank) > 5 else "")
                raise DataError(QT_TR_NOOP("{file}, line {line}: missing value in column {column} (1 empty cell: line "
                                           "{lines}); choose Missing: interpolate or drop") if len(blank) == 1 else
                                QT_TR_NOOP("{file}, line {line}: missing value in column {column} ({count} empty cells: "
                                           "lines {lines}); choose Missing: interpolate or drop"),
                                file=self.path.name, line=self.line_of(int(blank[0])), column=label, count=len(blank),
                                lines=lines)
            if missing == "drop":
                keep &= ~empty
            else:
                values = interpolated(values, empty, dates)
        values, dates = values[keep], (dates[keep] if dates is not None else None)
        if len(values) < 2:
            raise DataError(QT_TR_NOOP("{file}: needs at least 2 values, found {count}"), file=self.path.name,
                            count=len(values))
        name = self.columns[index] if self.dialect.header else f"column {index}"
        return Series(t=np.arange(len(values), dtype=np.float64), values=values.astype(np.float32), name=name,
                      dates=dates, frequency=infer_frequency(dates) if dates is not None else None, note=note)

    def _cell(self, row: int) -> str:
        """The date column's cell of file row ``row``, as written."""
        assert self.date_column is not None
        return str(self.cells.iloc[row, self.date_column]).strip()

    def _date_order(self, dates: np.ndarray) -> tuple[np.ndarray, str]:
        """The rows in date order and what was done: newest-first files are turned round (and
        say so); a date twice, or dates out of order (mixed formats, an unsorted file), are
        refused with their lines, never guessed at."""
        assert self.date_column is not None
        dated = np.flatnonzero(~np.isnat(dates))
        steps = np.diff(dates[dated].astype("datetime64[ns]").astype(np.int64))
        rows = np.arange(len(dates))
        note = ""
        if len(steps) and (steps < 0).all():
            rows, note = rows[::-1], "rows turned round into date order (the file was newest-first)"
        elif (steps <= 0).any():
            at = int(np.flatnonzero(steps <= 0)[0])
            first, second = int(dated[at]), int(dated[at + 1])
            cell, earlier = self._cell(second), self._cell(first)
            why = Phrase(QT_TR_NOOP("the same date as line {line}: a series needs one value per date (aggregate or "
                                    "remove the repeated dates)"), line=self.line_of(first)) if steps[at] == 0 else \
                Phrase(QT_TR_NOOP("before {earlier} on line {line}: the dates are out of order (sort the file by date; "
                                  "two date formats in one column read differently)"),
                       earlier=repr(earlier), line=self.line_of(first))
            raise DataError(QT_TR_NOOP("{file}, line {line}: {cell} is {why}"), file=self.path.name,
                            line=self.line_of(second), cell=repr(cell), why=why)
        return rows, note


def read_csv_table(path: str | Path, decimal: str = "auto", date_order: str = "auto") -> CsvTable:
    """Read (or take from the cache) a CSV file whose decimal mark is ``decimal`` and whose
    dates put the day or the month first as ``date_order`` says (``auto``: from the file).
    Raises :class:`DataError` naming the file."""
    path = Path(path)
    if not path.is_file():
        raise DataError(QT_TR_NOOP("{file}: no such file"), file=path) if not path.exists() else \
            DataError(QT_TR_NOOP("{file}: not a regular file"), file=path.name)
    stat = path.stat()
    if stat.st_size > MAX_CSV_BYTES:
        raise DataError(QT_TR_NOOP("{file}: is {size} MiB; at most {most} MiB are read"), file=path.name,
                        size=f"{stat.st_size / 2**20:.0f}", most=MAX_CSV_BYTES // 2**20)
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, decimal, date_order)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    table = _read(path, decimal, date_order)
    with _cache_lock:
        _cache[key] = table
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return table


def cached_table(path: str | Path, decimal: str = "auto", date_order: str = "auto") -> CsvTable | None:
    """The table if the file was read and has not changed since (never reads it)."""
    try:
        path = Path(path)
        stat = path.stat()
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, decimal, date_order)
    except OSError:
        return None
    with _cache_lock:
        return _cache.get(key)


def _read(path: Path, decimal: str, date_order: str) -> CsvTable:
    import pandas as pd

    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
        text = head.decode("utf-8-sig", errors="strict") if len(head) < SNIFF_BYTES else _decode_prefix(head)
    except UnicodeDecodeError as error:
        raise _not_utf8(path, error) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    rows = _sample_rows(text)
    if not rows:
        raise DataError(QT_TR_NOOP("{file}: the file is empty"), file=path.name)
    complete_lines = head.count(b"\n")
    if len(head) == SNIFF_BYTES and complete_lines < 2:
        raise DataError(QT_TR_NOOP("{file}, line {line}: longer than {size} KiB; a series has short lines (a date and "
                                   "a few numbers)"), file=path.name, line=complete_lines + 1, size=SNIFF_BYTES // 1024)
    dialect = sniff(rows, text, decimal, path.name)
    _refuse_too_many_lines(path, dialect.header)
    try:
        chunks = pd.read_csv(path, sep=dialect.separator, header=0 if dialect.header else None, dtype=str,
                             keep_default_na=False, skip_blank_lines=True, encoding="utf-8-sig", engine="c",
                             quotechar='"', skipinitialspace=True, chunksize=CHUNK_ROWS)
        cells = pd.concat(list(chunks), ignore_index=True)
    except UnicodeDecodeError as error:
        raise _not_utf8(path, error) from None
    except pd.errors.EmptyDataError:
        raise DataError(QT_TR_NOOP("{file}: the file is empty"), file=path.name) from None
    except (pd.errors.ParserError, ValueError, OSError, MemoryError) as error:
        raise DataError(QT_TR_NOOP("{file}: cannot be read as CSV ({reason})"), file=path.name,
                        reason=_first_line(error)) from None
    if cells.shape[1] > MAX_COLUMNS:
        raise DataError(QT_TR_NOOP("{file}: has {count} columns; at most {most} are read"), file=path.name,
                        count=cells.shape[1], most=MAX_COLUMNS)
    columns = [str(c).strip() for c in cells.columns] if dialect.header else [f"column {i}" for i in range(cells.shape[1])]
    cells = cells.fillna("")
    cells = _without_empty_rows(cells)
    table = CsvTable(path, dialect, cells, columns)
    table.date_column = _date_column(table, date_order)
    return table


def _without_empty_rows(cells: pd.DataFrame) -> pd.DataFrame:
    """``cells`` less its rows of separators only (a spreadsheet's ``,,,``), looked for among
    the rows whose first cell is empty (one numpy pass: the window's thread keeps the GIL)."""
    candidates = np.flatnonzero(cells.iloc[:, 0].to_numpy() == "")
    if not len(candidates):
        return cells
    empty = candidates[(cells.iloc[candidates] == "").all(axis=1).to_numpy()]
    return cells.drop(index=cells.index[empty]).reset_index(drop=True) if len(empty) else cells


def _refuse_too_many_lines(path: Path, header: bool) -> None:
    """Refuse a file with more lines than a series may have values, from a count of its line
    breaks (a fraction of a second for the largest file read) before any parsing."""
    lines = 0
    last = b"\n"
    try:
        with path.open("rb") as stream:
            while block := stream.read(LINE_COUNT_BYTES):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError as error:
        raise _unreadable(path, error) from None
    rows = lines + (last != b"\n") - header
    if rows > MAX_SERIES_LENGTH:
        raise DataError(QT_TR_NOOP("{file}: has {rows} lines after its header; a series has at most {most} values "
                                   "(data.length's limit): use a shorter file") if header else
                        QT_TR_NOOP("{file}: has {rows} lines; a series has at most {most} values (data.length's "
                                   "limit): use a shorter file"),
                        file=path.name, rows=f"{rows:,}", most=f"{MAX_SERIES_LENGTH:,}")


def _decode_prefix(head: bytes) -> str:
    """The sniffed prefix, cut at its last complete line (a multi-byte character may be split)."""
    cut = head[: head.rfind(b"\n") + 1] or head
    return cut.decode("utf-8-sig")


def _sample_rows(text: str) -> list[str]:
    return [line for line in text.splitlines()[:200] if line.strip()]


def _hint(cell: str, dialect: Dialect) -> Phrase | str:
    if "\t" in cell:
        return Phrase(QT_TR_NOOP(" (a tab inside a value: is the file tab-separated?)"))
    if dialect.decimal == "." and DECIMAL_COMMA.match(cell):
        return Phrase(QT_TR_NOOP(" (a decimal comma in a file whose numbers use a decimal point?)"))
    if dialect.decimal == "," and DECIMAL_POINT.match(cell):
        return Phrase(QT_TR_NOOP(" (a decimal point in a file whose numbers use a decimal comma?)"))
    return ""


def _date_column(table: CsvTable, date_order: str) -> int | None:
    """The first column that holds dates (or whole years under a date-like header), read
    day-first or month-first as ``date_order`` says (``auto``: as the file shows)."""
    head = table.cells.head(200)
    for index in range(len(table.columns)):
        sample = head.iloc[:, index].astype(str).str.strip()
        sample = sample[sample != ""]
        if sample.empty:
            continue
        values, bad, _ = column_numbers(sample, table.dialect)
        if not bad.any():  # numbers: a date column as whole years under a date-like name, or as YYYYMMDD
            if table.dialect.header and DATE_NAME.search(table.columns[index]):
                table.date_format = "%Y" if whole_years(values) else numeric_months(sample)
                if table.date_format:
                    return index
            if compact_dates(values):
                table.date_format = "%Y%m%d"
                return index
            continue
        if sample.str.contains(_DATE_LIKE.pattern, regex=True).mean() < 0.9:
            continue
        dayfirst = table.dialect.decimal == "," or sample.str.contains(r"^\d{1,2}\.\d{1,2}\.", regex=True).mean() > 0.5
        try:
            table.date_format, table.date_note = date_format(sample, dayfirst, date_order)
        except AmbiguousDates as ambiguous:
            import pandas as pd

            readings = [pd.to_datetime(ambiguous.example, dayfirst=first).date() for first in (True, False)]
            raise DataError(QT_TR_NOOP("{file}: dates like {example} in column {column} read as well day first "
                                       "({day}) as month first ({month}), and no date in the file says which; set the "
                                       "date order (data.date_order) to 'day first' or 'month first'"),
                            file=table.path.name, example=repr(ambiguous.example), column=repr(table.columns[index]),
                            day=readings[0], month=readings[1]) from None
        except MixedDates as mixed:
            raise DataError(QT_TR_NOOP("{file}, line {line}: the date {other} is in another format than {example} in "
                                       "the same column {column}; two formats in one column can read days as months: "
                                       "write every date in one format"), file=table.path.name,
                            line=table.line_of(int(mixed.row)), other=repr(mixed.other), example=repr(mixed.example),
                            column=repr(table.columns[index])) from None
        if (~np.isnat(parse_dates(sample, table.date_format))).mean() >= 0.9:
            return index
        zoned = sample[sample.str.contains(_ZONE_NAME.pattern, regex=True)]
        if len(zoned) >= 0.9 * len(sample):
            raise DataError(QT_TR_NOOP("{file}: the times in column {column} end in a time-zone name ({example}); such "
                                       "names are ambiguous (CST, IST...) and change with daylight saving: write them "
                                       "with UTC offsets (+01:00), or without a zone"), file=table.path.name,
                            column=repr(table.columns[index]), example=repr(zoned.iloc[0]))
    return None


def _not_utf8(path: Path, error: UnicodeDecodeError) -> DataError:
    return DataError(QT_TR_NOOP("{file}: not a UTF-8 text file ({reason} at byte {byte})"), file=path.name,
                     reason=error.reason, byte=error.start)


def _unreadable(path: Path, error: OSError) -> DataError:
    return DataError(QT_TR_NOOP("{file}: cannot be read ({reason})"), file=path.name, reason=error.strerror)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]
