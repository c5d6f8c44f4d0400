"""How a CSV file writes its numbers: the separator, the decimal mark, a thousands separator
and a header row, sniffed from the file's first lines; and a column's cells read as numbers
under them (``4.5%`` as 4.5).

A cell like ``1,601`` is ``1.601`` with a decimal comma and ``1601`` with a thousands comma;
the sniffer decides only on evidence (``1,5``, ``0,123``, ``12,345,678`` or ``1,234.5``
somewhere in the sample) and otherwise refuses, naming the cell and the setting that decides
(``data.decimal``): never a silent guess.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .csv_dates import DOTTED_MONTH, chunked
from .series import DataError
from .text import QT_TR_NOOP

if TYPE_CHECKING:
    import pandas as pd

EMPTY_CELLS = {"", "na", "n/a", "nan", "null", "none", "-", "#n/a"}


@dataclass(frozen=True)
class Dialect:
    """How a file is written."""

    separator: str = ","
    decimal: str = "."
    thousands: str | None = None
    header: bool = True



def sniff(rows: list[str], text: str, decimal_mark: str = "auto", name: str = "the file") -> Dialect:
    """The separator, decimal mark (``decimal_mark``, or sniffed when ``auto``), thousands
    separator and header of sampled lines; :class:`DataError` when the numbers could be read
    two ways and nothing in the sample decides (``name`` names the file)."""
    separator = ","
    for candidate in (";", "\t"):
        counts = {len(next(csv.reader([row], delimiter=candidate))) for row in rows}
        if len(counts) == 1 and counts.pop() > 1:
            separator = candidate
            break
    parsed = list(csv.reader(io.StringIO("\n".join(rows)), delimiter=separator, skipinitialspace=True))
    if separator == "," and len(parsed) > 1 and len(parsed[0]) == 1 and {len(r) for r in parsed[1:]} != {1} \
            and all(DECIMAL_COMMA.match(row.strip()) or GROUPED.match(row.strip()) or PLAIN.match(row.strip())
                    for row in rows[1:]):
        separator = ";"  # one column of decimal-comma or 1,234.5 numbers under a one-word header
        parsed = [[row] for row in rows]
    cells = [_plain_cell(cell) for row in parsed[1:] for cell in row]
    decimal = _decimal_mark(cells, separator, name) if decimal_mark == "auto" else decimal_mark
    grouped = GROUPED_COMMA_DECIMAL if decimal == "," else GROUPED
    thousands = ("." if decimal == "," else ",") if any(grouped.match(c) for c in cells) else None
    first = parsed[0]
    second = parsed[1] if len(parsed) > 1 else []
    numbers = [_looks_numeric(c, decimal, thousands) for c in first]
    below = [_looks_numeric(c, decimal, thousands) for c in second]
    header = len(parsed) > 1 and (not any(numbers) or any(
        not is_number and i < len(below) and below[i] for i, is_number in enumerate(numbers))
        or _years_as_titles(first, parsed[1:], decimal, thousands))
    if header and len(first) == 1 and _data_not_title(first[0], decimal, thousands):
        header = False  # a lone first cell NA or 1O is a value (missing, or mistyped), not a column's title
    return Dialect(separator, decimal, thousands, header)


def _data_not_title(cell: str, decimal: str, thousands: str | None) -> bool:
    """An empty-cell marker, or a number with a letter O, o, l or I for a digit."""
    text = cell.strip().strip('"')
    typed = text.translate(str.maketrans("OoIl", "0011"))
    return text.lower() in EMPTY_CELLS or (any(c.isdigit() for c in text)
                                           and _cell_number(typed, decimal, thousands) is not None)


def _decimal_mark(cells: list[str], separator: str, name: str) -> str:
    """``,`` or ``.`` by the evidence of the cells: ``1,5``, ``0,123`` or ``1.234,5`` say
    comma; ``1.5``, ``0.123``, ``1,234.5`` or ``12,345,678`` say point. A cell of one to three
    digits, one mark and three digits (``1,601``, ``1.601``) says nothing: in a file separated
    by ``;`` or tabs (where decimal commas live) such cells alone are refused."""
    cells = [c for c in cells if not DOTTED_MONTH.fullmatch(c)]  # 01.2020 is a month, whatever the decimal mark
    ambiguous = [c for c in cells if AMBIGUOUS.match(c)]
    comma = sum(bool(DECIMAL_COMMA.match(c) or GROUPED_COMMA_DECIMAL.match(c)) for c in cells if c not in ambiguous)
    point = sum(bool(DECIMAL_POINT.match(c) or GROUPED.match(c)) for c in cells if c not in ambiguous)
    if separator != "," and comma > point:
        return ","
    if separator != "," and ambiguous and not comma and not point:
        example = ambiguous[0]
        whole = example.replace(",", "").replace(".", "")
        raise DataError(QT_TR_NOOP("{file}: a number like {example} could be {decimal} (a decimal comma) or {whole} (a "
                                   "thousands separator), and no other number in the file says which; set the decimal "
                                   "mark (data.decimal) to ',' or '.'") if "," in example else
                        QT_TR_NOOP("{file}: a number like {example} could be {decimal} (a decimal point) or {whole} (a "
                                   "thousands separator), and no other number in the file says which; set the decimal "
                                   "mark (data.decimal) to ',' or '.'"),
                        file=name, example=repr(example), decimal=example.replace(",", "."), whole=whole)
    return "."


def _years_as_titles(first: list[str], below: list[list[str]], decimal: str, thousands: str | None) -> bool:
    """Whether an all-numeric first row is column titles: whole years (1800-2200), one of
    which lies far outside the values under it (``2019,2020`` over values near 0)."""
    if not first or not all(YEAR.match(cell.strip()) for cell in first):
        return False
    for index, cell in enumerate(first):
        numbers = (_cell_number(row[index], decimal, thousands) for row in below if index < len(row))
        values = np.array([number for number in numbers if number is not None])
        if len(values) < 5:
            continue
        middle = np.median(values)
        spread = max(np.median(np.abs(values - middle)), 1e-9)
        if not values.min() <= float(cell) <= values.max() and abs(float(cell) - middle) > 20 * spread:
            return True
    return False


PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
YEAR = re.compile(r"^(18|19|20|21)\d\d$|^2200$")
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
DECIMAL_POINT = re.compile(r"^[+-]?\d*\.\d+$")
GROUPED_COMMA_DECIMAL = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")  # 1.234,5 (never 0.123)
AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")  # 1,601 or 1.601: a decimal mark or a thousands one
GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")  # 1,234.5 (0,123 is a decimal comma)


def _plain_cell(cell: str) -> str:
    """A sampled cell without the spaces, quotes and percent sign around its number (``4,5 %``)."""
    return cell.strip().strip('"').removesuffix("%").rstrip()


def _looks_numeric(cell: str, decimal: str, thousands: str | None) -> bool:
    return _cell_number(cell, decimal, thousands) is not None


def _cell_number(cell: str, decimal: str, thousands: str | None) -> float | None:
    """One sampled cell as a number under the sniffed marks, or None when it is not one."""
    text = _plain_cell(cell)
    if thousands:
        text = text.replace(thousands, "")
    if decimal == ",":
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def column_numbers(cells: pd.Series, dialect: Dialect) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, bad, empty) of a column of text cells, vectorised. Thousands separators are
    removed only from cells grouped as such (``1,198.67``), so ``1,5`` never becomes 15."""
    import pandas as pd

    if dialect.decimal == "." and not dialect.thousands:  # fast path: only the cells that fail are looked at
        values = chunked(cells, lambda part: pd.to_numeric(part, errors="coerce").to_numpy(dtype=np.float64,
                                                                                          na_value=np.nan))
        failed = np.flatnonzero(np.isnan(values))
        empty = np.zeros(len(values), dtype=bool)
        if len(failed):
            text = cells.iloc[failed].astype(str).str.strip().str.lower()
            empty[failed] = text.isin(EMPTY_CELLS).to_numpy()
            values = values.copy()  # pandas may hand out its own buffer, read-only
            values[failed] = pd.to_numeric(text.str.removesuffix("%").str.rstrip(), errors="coerce").to_numpy(dtype=np.float64,
                                                                                                  na_value=np.nan)
        return values, np.isnan(values) & ~empty, empty
    text = cells.astype(str).str.strip().str.removesuffix("%").str.rstrip()  # 4.5% reads as 4.5
    empty = text.str.lower().isin(EMPTY_CELLS).to_numpy()
    if dialect.thousands and text.str.contains(dialect.thousands, regex=False).any():
        grouped = GROUPED if dialect.thousands == "," else GROUPED_COMMA_DECIMAL
        is_grouped = text.str.match(grouped.pattern)
        text = text.where(~is_grouped, text.str.replace(dialect.thousands, "", regex=False))
    wrong_mark = np.zeros(len(text), dtype=bool)
    if dialect.decimal == ",":
        wrong_mark = text.str.contains(".", regex=False).to_numpy()  # grouping dots were removed above
        text = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = (np.isnan(values) | wrong_mark) & ~empty
    return values, bad, empty
