"""Reading CSV files off the GUI thread: a 1,000,000-row file takes about a second. The
newest request wins (see :mod:`.background`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.csv_defaults import experiment_for_csv
from ..core.csv_import import read_csv_table
from ..core.experiment import DateOrder, DecimalMark, Experiment
from ..core.series import DataError, Series
from .background import LatestWins
from .i18n import tr


@dataclass(frozen=True)
class CsvResult:
    """What a request found: the file's columns, the column used, its series or an error
    (field path, message), and for a freshly picked file the experiment it starts with."""

    request: int
    path: str
    columns: list[str]
    column: int | str | None
    series: Series | None = None
    error: tuple[str, str] | None = None
    defaults: Experiment | None = None


class CsvLoader(LatestWins):
    """Reads CSV files in a background thread; ``finished`` carries a :class:`CsvResult`."""

    def __init__(self) -> None:
        super().__init__("csv")

    def request(self, path: str, column: int | str | None, missing: str, fresh: bool, reading: Reading) -> int:
        """Read ``path`` (its decimal mark and date order as ``reading`` says) and its
        ``column`` (None: the first numeric one); ``fresh`` (a file the user just picked) also
        makes the defaults of a new CSV experiment."""
        return self.submit(lambda request: _read(request, path, column, missing, fresh, reading))


Reading = tuple[DecimalMark, DateOrder]  # data.decimal, data.date_order


def _read(request: int, path: str, column: int | str | None, missing: str, fresh: bool, reading: Reading) -> CsvResult:
    try:
        table = read_csv_table(path, *reading)
    except DataError as error:
        field = next((f for f in ("data.decimal", "data.date_order") if f in str(error)), "data.path")
        return CsvResult(request, path, [], column, error=(field, error.said(tr)))
    defaults = None
    try:
        if fresh:
            defaults = experiment_for_csv(path, None, *reading, say=tr)  # described in the window's language
            column, missing = defaults.data.column, defaults.data.missing
        elif column is None:
            column = table.first_numeric_column()
        return CsvResult(request, path, table.columns, column, table.series(column, missing), defaults=defaults)
    except DataError as error:
        return CsvResult(request, path, table.columns, column, error=("data.column", error.said(tr)), defaults=defaults)
