"""The parameter panel's CSV source: choosing a file, reading it in the background (newest
request wins), its columns, preview and errors. A part of :class:`ParameterPanel`, kept
apart because it is one idea of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QFileDialog

from ..core.csv_import import cached_table
from ..core.series import Series
from .csv_loader import CsvResult, Reading
from .i18n import tr
from .panel_fields import FIELDS, column_value


class CsvSource:
    """The CSV part of the panel (mixed into :class:`ParameterPanel`, whose editors, loader,
    busy indicator and preview it uses)."""

    editors: dict[str, Any]
    csv_loader: Any
    busy: Any
    busy_label: Any
    preview_curve: Any
    csv_loading: bool
    _loading: bool
    _csv_path: str
    _csv_series: Series | None
    _csv_error: tuple[str, str] | None
    _defaults_pending: str | None
    _write: Callable[[Any, Any], None]
    _revalidate: Callable[[], None]
    set_experiment: Callable[[Any], None]

    def csv_series(self) -> Series | None:
        """The CSV series already read for the preview (None for generated data)."""
        return self._csv_series

    def _on_csv_changed(self) -> None:
        if not self._loading:
            self._reload_csv()
            self._revalidate()

    def _browse_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose a CSV series"), "", tr("CSV files (*.csv *.tsv *.txt);;All files (*)"))
        if path:
            self.open_csv(path)

    def open_csv(self, path: str) -> None:
        """Start a new experiment on a CSV file: it is read in the background, then the
        panel gets the defaults of a new CSV experiment (first numeric column, scaling...)."""
        self._loading = True
        self._write(next(f for f in FIELDS if f.path == "data.kind"), "csv")
        self._write(next(f for f in FIELDS if f.path == "data.path"), path)
        self._loading = False
        self._defaults_pending = path  # until a read of it gives the defaults of a new experiment
        self._start_csv_read(path, None, "refuse", fresh=True)
        self._revalidate()

    def _reload_csv(self) -> None:
        """Take the CSV file's columns, preview and length from the cache, or read it in the
        background (Train waits; the busy indicator shows)."""
        self._csv_series = None
        self._csv_error = None
        path = self.editors["data.path"].text().strip()
        if self.editors["data.kind"].currentData() != "csv" or not path:
            self.csv_loading = False
            self.busy.hide()
            self.preview_curve.setData([], [])
            return
        if path == self._defaults_pending:  # its first read failed (a decimal mark to choose): read it afresh
            self._start_csv_read(path, None, "refuse", fresh=True)
            return
        column = column_value(self.editors["data.column"].currentText()) if path == self._csv_path else None
        missing = self.editors["data.missing"].currentData()
        table = cached_table(path, *self._reading())
        series = table.cached_series(column, missing) if table is not None and column is not None else None
        if series is not None:
            self._show_csv(CsvResult(0, path, table.columns, column, series))
        else:
            self._start_csv_read(path, column, missing, fresh=False)

    def _start_csv_read(self, path: str, column: int | str | None, missing: str, fresh: bool) -> None:
        self.csv_loading = True
        self.busy_label.setText(tr("Reading {file}…").format(file=Path(path).name))
        self.busy.show()
        self.preview_curve.setData([], [])
        self.csv_loader.request(path, column, missing, fresh, self._reading())

    def _reading(self) -> Reading:
        """How the panel says the file is read: its decimal mark and date order."""
        return self.editors["data.decimal"].currentData(), self.editors["data.date_order"].currentData()

    def _on_csv_loaded(self, result: CsvResult) -> None:
        if not self.csv_loader.is_latest(result):
            return
        self.csv_loading = False
        self.busy.hide()
        if result.defaults is not None:
            self._csv_path = result.path
            self._defaults_pending = None
            self.set_experiment(result.defaults)  # the table and series are cached now
            return
        self._show_csv(result)
        self._revalidate()

    def _on_csv_failed(self, request: int, message: str) -> None:
        """An unexpected error while reading: the file is refused with it; nothing waits on."""
        if not self.csv_loader.is_latest(request):
            return
        self.csv_loading = False
        self.busy.hide()
        path = self.editors["data.path"].text().strip()
        self._show_csv(CsvResult(request, path, [], None,
                                 error=("data.path", tr("{file} could not be read: {message}").format(file=Path(path).name,
                                                                                          message=message))))
        self._revalidate()

    def _show_csv(self, result: CsvResult) -> None:
        """Columns, the chosen column, the preview and any error of a read CSV file."""
        self._csv_path = result.path
        column_editor: QComboBox = self.editors["data.column"]
        if result.columns and [column_editor.itemText(i) for i in range(column_editor.count())] != result.columns:
            column_editor.blockSignals(True)
            column_editor.clear()
            column_editor.addItems(result.columns)
            column_editor.blockSignals(False)
        if result.column is not None and column_editor.currentText() != str(result.column):
            column_editor.blockSignals(True)
            column_editor.setEditText(str(result.column))
            column_editor.blockSignals(False)
        self._csv_series, self._csv_error = result.series, result.error
        self.preview_curve.setData([] if result.series is None else result.series.values)
        self.preview.getPlotItem().enableAutoRange()
