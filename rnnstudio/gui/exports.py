"""File > Export: the plots as PNG (at a chosen size) and SVG (pyqtgraph's exporters), the
shown run's numbers as CSV, its experiment as JSON, and a standalone Python script that
reproduces it.

The menu knows the plot area and a function that says what is shown (an
:class:`ExportSubject`); it reports back through ``done`` and ``failed`` and knows nothing
else of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from ..core.experiment import Experiment
from ..core.export import write_run_tables
from ..core.history import History
from ..core.report import EpochReport
from ..core.script_export import write_script
from ..core.series import DataError, Series
from ..core.session import Session
from .i18n import QT_TR_NOOP, tr
from .plot_area import PlotArea
from .svg_export import install_closed_path_fix, write_svg

PLOTS = ("data", "loss", "prediction", "states")
# The PNG sizes offered (SVG is vector: any size): a multiple of the size on screen, or a width
# in pixels for slides and reports; the first is the default.
PNG_SIZES: dict[str, tuple[str, int]] = {
    QT_TR_NOOP("2x the size on screen"): ("scale", 2), QT_TR_NOOP("1x the size on screen"): ("scale", 1),
    QT_TR_NOOP("3x the size on screen"): ("scale", 3), QT_TR_NOOP("1280 px wide"): ("width", 1280),
    QT_TR_NOOP("1920 px wide (a full-HD slide)"): ("width", 1920), QT_TR_NOOP("3840 px wide"): ("width", 3840),
}


@dataclass(frozen=True)
class ExportSubject:
    """What is shown: its name, experiment (None while the panel is invalid), the selected
    run's history and drawn report (None for a draft), and the folder dialogs open in."""

    name: str
    experiment: Experiment | None
    history: History | None
    report: EpochReport | None
    folder: Path
    series: Series | None = None

    @classmethod
    def of(cls, session: Session, drawn: EpochReport | None, folder: Path) -> ExportSubject:
        """The session's selected run as drawn, or its draft."""
        run, experiment = session.selected, session.draft.experiment
        if run is not None:
            return cls(run.name, run.experiment, run.history, drawn, folder, run.series)
        return cls(experiment.name if experiment else "draft", experiment, None, None, folder, session.draft.series)

    @property
    def stem(self) -> str:
        """The name as a file name."""
        return "".join(c if c.isalnum() or c in "-_" else "_" for c in self.name)


class ExportMenu(QMenu):
    """The Export submenu. ``done`` carries a line for the status bar, ``failed`` an error,
    ``exported_to`` the folder written to."""

    done = Signal(str)
    failed = Signal(str)
    exported_to = Signal(object)  # the folder written to (a Path)

    def __init__(self, plots: PlotArea, subject: Callable[[], ExportSubject], parent: QWidget) -> None:
        super().__init__(tr("&Export"), parent)
        install_closed_path_fix()  # the plots' own context menu offers SVG too
        self.plots = plots
        self.subject = subject
        for text, slot in ((tr("Plots as &PNG and SVG…"), self.export_plots),
                           (tr("Run data as &CSV…"), self.export_tables),
                           (tr("Experiment as &JSON…"), self.export_json),
                           (tr("As Python &script…"), self.export_script)):
            self.addAction(text).triggered.connect(slot)

    def plot_widgets(self) -> dict[str, pg.PlotWidget]:
        """The four plots, by name."""
        plots = self.plots
        return dict(zip(PLOTS, (plots.data_plot, plots.loss_plot, plots.prediction_plot,
                                plots.states_plot.plot_widget)))

    def write_plots(self, folder: Path, stem: str, size: tuple[str, int] = ("scale", 2)) -> list[Path]:
        """Write every plot as ``STEM_NAME.png`` (``size``: ("scale", k) for k times its size on
        screen, ("width", pixels)) and ``STEM_NAME.svg`` into ``folder``; returns the paths."""
        paths = []
        for name, widget in self.plot_widgets().items():
            png, svg = folder / f"{stem}_{name}.png", folder / f"{stem}_{name}.svg"
            exporter = ImageExporter(widget.getPlotItem())
            kind, amount = size
            exporter.parameters()["width"] = int(amount * widget.getPlotItem().sceneBoundingRect().width()) \
                if kind == "scale" else amount
            exporter.export(str(png))
            write_svg(widget.getPlotItem(), svg)
            for path in (png, svg):
                if not path.is_file():
                    raise OSError(tr("{file} was not written").format(file=path.name))
                paths.append(path)
        return paths

    def export_plots(self) -> None:
        subject = self.subject()
        folder = self._folder(subject, tr("Export the plots as PNG and SVG into"))
        if folder is None:
            return
        choice, accepted = QInputDialog.getItem(self.parentWidget(), tr("PNG size"), tr("How large should the PNG images "
                                                "be? (The SVG files are vector drawings: any size.)"),
                                                [tr(size) for size in PNG_SIZES], 0, False)
        if accepted:
            size = next(value for name, value in PNG_SIZES.items() if tr(name) == choice)
            try:
                self._done(self.write_plots(folder, subject.stem, size))
            except OSError as error:
                self.failed.emit(tr("Could not write the plots to {folder}: {error}").format(
                    folder=folder, error=error.strerror or error))

    def export_tables(self) -> None:
        subject = self.subject()
        if subject.history is None:
            self.failed.emit(tr("Select a run to export its numbers (the Runs tab)"))
            return
        folder = self._folder(subject, tr("Export the run's numbers as CSV into"))
        if folder is not None:
            try:
                self._done(write_run_tables(folder, subject.stem, subject.history, subject.report))
            except OSError as error:
                self.failed.emit(tr("Could not write the tables to {folder}: {error}").format(
                    folder=folder, error=error.strerror or error))

    def export_json(self) -> None:
        def write(subject: ExportSubject, path: Path) -> list[Path]:
            assert subject.experiment is not None
            path.write_text(subject.experiment.to_json() + "\n", encoding="utf-8")
            return [path]

        self._save_file(tr("Export the experiment as JSON"), ".json", write)

    def export_script(self) -> None:
        self._save_file(tr("Export as a Python script"), ".py",
                        lambda subject, path: write_script(path, subject.experiment, subject.series))

    def _save_file(self, title: str, suffix: str, write: Callable[[ExportSubject, Path], list[Path]]) -> None:
        subject = self.subject()
        if subject.experiment is None:
            self.failed.emit(tr("Fix the fields marked in red first: there is no valid experiment to export"))
            return
        chosen, _ = QFileDialog.getSaveFileName(self.parentWidget(), title, str(subject.folder / f"{subject.stem}{suffix}"),
                                                f"*{suffix}")
        if not chosen:
            return
        path = Path(chosen if chosen.endswith(suffix) else chosen + suffix)
        try:
            written = write(subject, path)
        except OSError as error:
            self.failed.emit(tr("Could not write {file}: {error}").format(file=path, error=error.strerror or error))
            return
        except DataError as error:
            self.failed.emit(tr("Could not export {file}: {error}").format(file=path.name, error=error.said(tr)))
            return
        self._done(written)

    def _folder(self, subject: ExportSubject, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self.parentWidget(), title, str(subject.folder))
        return Path(folder) if folder else None

    def _done(self, paths: list[Path]) -> None:
        self.done.emit(tr("Exported {files} to {folder}").format(files=", ".join(path.name for path in paths),
                                                                 folder=paths[0].parent))
        self.exported_to.emit(paths[0].parent)
