"""Legends never cover data: every plot's legend sits in a strip between its title and its
data area, lists one entry per overlaid run, and keeps the plot within its window."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_gui import drawn, legend_names, train_recipe, train_to_end, wait_for_csv

from rnnstudio.gui.main_window import MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def plots_of(window: MainWindow) -> list:
    area = window.plots
    return [area.data_plot, area.loss_plot, area.prediction_plot, area.states_plot.plot_widget]


def assert_legends_clear_of_the_data(window: MainWindow) -> None:
    for plot in [plot for plot in plots_of(window) if plot.isVisible()]:
        item = plot.getPlotItem()
        legend, data = item.legend.sceneBoundingRect(), item.vb.sceneBoundingRect()
        assert not legend.intersects(data), (item.titleLabel.text, legend, data)
        assert item.geometry().width() <= plot.width()  # a long entry never widens the plot past its place


def test_r2s_legends_sit_above_its_data(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    train_recipe(qtbot, window, "pulse-lstm-stateful", 20)
    drawn(qtbot, window)
    assert_legends_clear_of_the_data(window)
    assert "closed loop" in legend_names(window.plots.prediction_plot)


def test_three_overlaid_runs_are_one_legend_entry_each_clear_of_the_data(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    runs = [train_recipe(qtbot, window, "sine-simplernn", 3, **fields)
            for fields in ({}, {"model__kind": "gru"}, {"train__mode": "free_running"})]
    for run in runs:
        window.session.set_overlaid(run, True)
    drawn(qtbot, window)
    assert_legends_clear_of_the_data(window)
    names = legend_names(window.plots.prediction_plot)
    keys = ["closed loop (solid)", "one step (dashed)"]  # the line key, on a plot tall enough for it
    assert names.count("truth") == 1 and len([name for name in names if name not in keys]) == 1 + 3
    window.plots.prediction_plot.enlarge_button.click()  # tall: the key says what solid and dashed are
    qtbot.waitUntil(lambda: "closed loop (solid)" in legend_names(window.plots.prediction_plot), timeout=5_000)
    assert_legends_clear_of_the_data(window)


def test_a_csv_runs_legends_sit_above_its_data(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from series_maker import write_sales_csv

    window.resize(1024, 700)
    window.panel.open_csv(str(write_sales_csv(tmp_path / "sales.csv")))
    wait_for_csv(qtbot, window)
    window.panel.set_value("train.epochs", "5")
    window.panel.set_value("model.members", "1")
    window.menus.train.trigger()
    train_to_end(qtbot, window)
    assert "forecast" in legend_names(window.plots.prediction_plot)
    assert_legends_clear_of_the_data(window)
