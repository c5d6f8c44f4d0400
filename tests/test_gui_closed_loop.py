"""The training modes in the window: the Inputs field, and the Closed loop tab that draws the
exposure-bias gap over the epochs, for a run and the runs overlaid on it."""

from __future__ import annotations

import numpy as np
import pytest
from test_gui import legend_names, train_recipe

from rnnstudio.core.free_running import feedback_chance
from rnnstudio.gui.main_window import MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def open_closed_loop_tab(qtbot, window: MainWindow) -> None:
    window.plots.inner_tabs.setCurrentWidget(window.plots.closed_loop)
    qtbot.waitUntil(lambda: not window.plots.closed_loop.computing, timeout=60_000)


def drawn(curve) -> tuple[np.ndarray, np.ndarray]:
    """A curve's epochs and values, back from the log axis."""
    x, y = curve.getData()
    return x, 10**y


def test_the_closed_loop_tab_draws_both_errors_of_every_epoch_and_marks_the_replayed_one(
        qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 10)
    open_closed_loop_tab(qtbot, window)
    plot = window.plots.closed_loop.plot
    history = run.gap_history()
    epochs, one_step, closed = history.arrays()
    assert list(epochs) == list(range(1, 11))
    for curve, values in ((plot.closed_loop, closed), (plot.one_step, one_step)):
        x, y = drawn(curve)
        np.testing.assert_allclose(x, epochs)
        np.testing.assert_allclose(y, values, rtol=1e-9)
    assert closed[-1] > 3 * one_step[-1]  # teacher forcing: the closed loop drifts far from a fine one step
    assert plot.marker.value() == 10
    assert f"Closed loop / one step: {closed[-1] / one_step[-1]:.1f}x" in plot.getPlotItem().titleLabel.text
    assert not plot.getPlotItem().getAxis("right").isVisible()  # no schedule: teacher forcing feeds nothing back

    window.plots.replay_bar.choose(4)  # computed already: only the marker moves
    assert not window.plots.closed_loop.computing
    assert plot.marker.value() == 4
    assert plot.readout_at(4.1, 0.0) == (f"epoch 4\nclosed loop {history.at(4).closed_loop:.4g}\n"
                                         f"one step {history.at(4).one_step:.4g}")


def test_free_running_overlaid_on_teacher_forcing_closes_the_gap(qtbot, window: MainWindow) -> None:
    teacher = train_recipe(qtbot, window, "sine-simplernn", 10)
    free = train_recipe(qtbot, window, "sine-simplernn", 10, train__mode="free_running")
    assert free.experiment.train.mode == "free_running" and window.panel.editors["train.horizon"].isVisible()
    window.session.set_overlaid(teacher, True)
    window.session.set_overlaid(free, True)
    window.session.select(free)
    open_closed_loop_tab(qtbot, window)
    plot = window.plots.closed_loop.plot
    assert teacher.name in legend_names(plot)  # one entry per overlaid run, in its colour
    overlay = plot.overlays.curves[0]
    np.testing.assert_allclose(drawn(overlay)[1], teacher.gap_history().arrays()[2])
    assert overlay.opts["pen"].color().name() == window.session.color_of(teacher)
    assert free.gap_history().at(10).closed_loop < teacher.gap_history().at(10).closed_loop
    assert not plot.getPlotItem().getAxis("right").isVisible()  # free running feeds back every input: no schedule
    plot.enlarge_button.click()
    assert window.plots.enlarged is window.plots.inner_tabs and not window.plots.prediction_plot.isVisible()


def test_scheduled_sampling_draws_its_schedule_on_the_right_axis(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 6, train__mode="scheduled_sampling", train__horizon="5")
    open_closed_loop_tab(qtbot, window)
    plot = window.plots.closed_loop.plot
    assert plot.getPlotItem().getAxis("right").isVisible()
    epochs, chances = plot.chance.getData()
    assert list(epochs) == [1, 2, 3, 4, 5, 6]
    assert plot.getPlotItem().getAxis("right").tickValues(0, 1, 200)[0][1][-1] == 1.0  # a linear 0-1 axis
    np.testing.assert_allclose(chances, [feedback_chance(run.experiment.train, e) for e in range(1, 7)])


def test_the_horizon_shows_only_when_predictions_are_fed_back(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    assert not window.panel.editors["train.horizon"].isVisibleTo(window)
    window.panel.set_value("train.mode", "scheduled_sampling")
    assert window.panel.editors["train.horizon"].isVisibleTo(window)
    window.panel.choose_recipe("pulse-lstm-stateful")
    window.panel.set_value("train.mode", "free_running")
    assert "teacher forcing only" in window.panel.errors["train.mode"]
