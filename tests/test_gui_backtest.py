"""Training > Backtest… from the window: the selected run's experiment retrained at several
origins in the background, the Scores tab shows how it held, the forecast gets its prediction
intervals (kept in the run's file), and Stop ends it at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_gui import count, drawn, legend_names, train_recipe

from rnnstudio.core.storage import open_model
from rnnstudio.gui.main_window import MainWindow

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def trained_run(qtbot, window: MainWindow):
    return train_recipe(qtbot, window, "sine-simplernn", 4, **{"train.validation_fraction": "0.3",
                                                              "rollout.forecast": "15"})


def test_a_backtest_shows_how_the_result_held_and_gives_the_forecast_intervals(qtbot, window: MainWindow,
                                                                                tmp_path: Path, monkeypatch) -> None:
    run = trained_run(qtbot, window)
    assert window.menus.backtest.isEnabled() and not window.scores.backtest_label.isVisibleTo(window.scores)
    plot = window.plots.prediction_plot
    assert not any(fill.isVisible() for fill in plot.interval_fills.values())  # no intervals yet
    window.backtests.start(run, 3)
    assert window.backtests.running and window.menus.stop.isEnabled() and not window.menus.backtest.isEnabled()
    qtbot.waitUntil(lambda: not window.backtests.running, timeout=120_000)
    assert run.backtest is not None and len(run.backtest.folds) == 3 and run.intervals is not None
    assert "Backtest of" in window.loss_label.text() and "origins" in window.loss_label.text()
    label = window.scores.backtest_label
    assert label.isVisibleTo(window.scores) and "Backtest over 3 origins" in label.text()
    assert "persistence" in label.text() and "% intervals covered" in label.text()
    drawn(qtbot, window)
    assert all(fill.isVisible() for fill in plot.interval_fills.values())
    lower, upper = plot.interval_curves[0.95]
    assert count(lower) == count(plot.forecast_curve) == 15
    assert (upper.getData()[1] > lower.getData()[1]).all()
    assert {"95 % interval", "80 % interval"} <= set(legend_names(plot))
    saved = tmp_path / "held.keras"
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))
    window.menus.save.trigger()
    assert open_model(saved).intervals is not None  # the intervals travel with the model
    window.session.select(None)
    assert not label.isVisibleTo(window.scores)


def test_stop_ends_a_backtest_at_once_and_keeps_nothing(qtbot, window: MainWindow) -> None:
    run = trained_run(qtbot, window)
    window.panel.set_value("train.epochs", "400")  # not the run's: the backtest retrains the run's own experiment
    window.backtests.start(run, 5)
    qtbot.waitUntil(lambda: "origin" in window.loss_label.text(), timeout=10_000)
    asked = time.perf_counter()
    window.menus.stop.trigger()
    qtbot.waitUntil(lambda: not window.backtests.running, timeout=10_000)
    assert time.perf_counter() - asked < 1.5
    assert run.backtest is None and "stopped" in window.loss_label.text()
