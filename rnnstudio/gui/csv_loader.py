"""Reading CSV files off the GUI thread: a 1,000,000-row file takes about a second.

One request runs at a time in a background thread and the newest request wins: a result
for an older one is dropped. The result comes back as a queued signal in the GUI thread.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..core.csv_defaults import experiment_for_csv
from ..core.csv_import import read_csv_table
from ..core.experiment import Experiment
from ..core.series import DataError, Series


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


class CsvLoader(QObject):
    """Reads CSV files in a background thread; ``finished`` carries a :class:`CsvResult`."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="csv")
        self._latest = 0

    def request(self, path: str, column: int | str | None, missing: str, fresh: bool) -> int:
        """Read ``path`` and its ``column`` (None: the first numeric one); ``fresh`` (a file
        the user just picked) also makes the defaults of a new CSV experiment."""
        self._latest += 1
        self._pool.submit(self._work, self._latest, path, column, missing, fresh)
        return self._latest

    def is_latest(self, result: CsvResult) -> bool:
        return result.request == self._latest

    def shutdown(self) -> None:
        """Drop queued requests and wait for the running one."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _work(self, request: int, path: str, column: int | str | None, missing: str, fresh: bool) -> None:
        try:
            self.finished.emit(_read(request, path, column, missing, fresh))
        except RuntimeError:  # the window closed meanwhile
            pass


def _read(request: int, path: str, column: int | str | None, missing: str, fresh: bool) -> CsvResult:
    try:
        table = read_csv_table(path)
    except DataError as error:
        return CsvResult(request, path, [], column, error=("data.path", str(error)))
    defaults = None
    try:
        if fresh:
            defaults = experiment_for_csv(path)
            column, missing = defaults.data.column, defaults.data.missing
        elif column is None:
            column = table.first_numeric_column()
        return CsvResult(request, path, table.columns, column, table.series(column, missing), defaults=defaults)
    except DataError as error:
        return CsvResult(request, path, table.columns, column, error=("data.column", str(error)), defaults=defaults)
