"""File > Export: the plots as PNG and SVG (pyqtgraph's exporters), the shown run's numbers
as CSV, its experiment as JSON, and a standalone Python script that reproduces it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtWidgets import QFileDialog, QMenu

from ..core.export import write_run_tables
from ..core.script_export import python_script
from .svg_export import install_closed_path_fix, write_svg

if TYPE_CHECKING:
    from .main_window import MainWindow

PLOTS = ("data", "loss", "prediction", "states")


def add_export_menu(window: MainWindow, menu: QMenu) -> QMenu:
    """The Export submenu of ``menu``, acting on ``window``'s shown run (or draft)."""
    install_closed_path_fix()  # the plots' own context menu offers SVG too
    export = menu.addMenu("&Export")
    for text, slot in (("Plots as &PNG and SVG…", lambda: export_plots(window)),
                       ("Run data as &CSV…", lambda: export_tables(window)),
                       ("Experiment as &JSON…", lambda: export_json(window)),
                       ("As Python &script…", lambda: export_script(window))):
        action = export.addAction(text)
        action.triggered.connect(slot)
    return export


def plot_widgets(window: MainWindow) -> dict[str, pg.PlotWidget]:
    """The four plots, by name."""
    widgets = (window.data_plot, window.loss_plot, window.prediction_plot, window.states_plot.plot_widget)
    return dict(zip(PLOTS, widgets))


def write_plots(window: MainWindow, folder: Path, stem: str) -> list[Path]:
    """Write every plot as ``STEM_NAME.png`` and ``STEM_NAME.svg`` into ``folder``; returns the paths."""
    paths = []
    for name, widget in plot_widgets(window).items():
        png, svg = folder / f"{stem}_{name}.png", folder / f"{stem}_{name}.svg"
        ImageExporter(widget.getPlotItem()).export(str(png))
        write_svg(widget.getPlotItem(), svg)
        for path in (png, svg):
            if not path.is_file():
                raise OSError(f"{path.name} was not written")
            paths.append(path)
    return paths


def _stem(window: MainWindow) -> str:
    run = window.selected
    name = run.name if run is not None else (window.panel.experiment().name if window.panel.experiment() else "draft")
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)


def _folder(window: MainWindow, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(window, title, str(window.last_folder()))
    return Path(folder) if folder else None


def _done(window: MainWindow, paths: list[Path]) -> None:
    window.loss_label.setText(f"Exported {', '.join(path.name for path in paths)} to {paths[0].parent}")


def export_plots(window: MainWindow) -> None:
    folder = _folder(window, "Export the plots as PNG and SVG into")
    if folder is not None:
        try:
            _done(window, write_plots(window, folder, _stem(window)))
        except OSError as error:
            window.show_error(f"Could not write the plots to {folder}: {error.strerror or error}")


def export_tables(window: MainWindow) -> None:
    run = window.selected
    if run is None:
        window.show_error("Select a run to export its numbers (the Runs tab)")
        return
    folder = _folder(window, "Export the run's numbers as CSV into")
    if folder is not None:
        try:
            _done(window, write_run_tables(folder, _stem(window), run.history, window.plots.shown_report))
        except OSError as error:
            window.show_error(f"Could not write the tables to {folder}: {error.strerror or error}")


def _experiment(window: MainWindow) -> object:
    return window.selected.experiment if window.selected is not None else window.panel.experiment()


def _save_text(window: MainWindow, title: str, suffix: str, text_of: object) -> None:
    experiment = _experiment(window)
    if experiment is None:
        window.show_error("Fix the fields marked in red first: there is no valid experiment to export")
        return
    suggestion = window.last_folder() / f"{_stem(window)}{suffix}"
    path, _ = QFileDialog.getSaveFileName(window, title, str(suggestion), f"*{suffix}")
    if not path:
        return
    path = Path(path if path.endswith(suffix) else path + suffix)
    try:
        path.write_text(text_of(experiment, path), encoding="utf-8")
    except OSError as error:
        window.show_error(f"Could not write {path}: {error.strerror or error}")
        return
    _done(window, [path])


def export_json(window: MainWindow) -> None:
    _save_text(window, "Export the experiment as JSON", ".json", lambda experiment, _: experiment.to_json() + "\n")


def export_script(window: MainWindow) -> None:
    _save_text(window, "Export as a Python script", ".py", lambda experiment, path: python_script(experiment, path.name))
