"""The memory tab, driven as a user would: the gradients through time of the replayed epoch
over earlier ones, replayed at once, as a heatmap over epochs, with overlaid runs."""

from __future__ import annotations

import numpy as np
import pytest
from test_gui import legend_names, train_recipe

from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.plots.strip_legend import elided

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def drawn_values(curve) -> np.ndarray:
    """A curve's values as drawn on the log axis, back in their own units."""
    return 10 ** curve.getData()[1]


def open_memory_tab(qtbot, window: MainWindow) -> None:
    window.plots.inner_tabs.setCurrentWidget(window.plots.memory)
    qtbot.waitUntil(lambda: not window.plots.memory.computing, timeout=30_000)


def test_the_memory_tab_shows_the_replayed_epoch_over_the_earlier_ones(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "pulse-lstm-stateful", 40)
    open_memory_tab(qtbot, window)
    history = run.gradient_history()
    assert sorted(history.by_epoch) == run.snapshots.epochs  # every kept epoch, computed in the background
    canvas = window.plots.memory.plot.canvas
    steps, shown = canvas.shown.getData()
    assert len(steps) == run.experiment.rollout.warmup  # a stateful run looks back over its warm-up
    np.testing.assert_allclose(10**shown, history.at(40).state_gradient[-1])
    assert sum(curve.getData()[0] is not None and len(curve.getData()[0]) > 0 for curve in canvas.fan) >= 5
    assert "replayed epoch" in legend_names(canvas)

    window.plots.replay_bar.choose(5)  # already computed: drawn at once, nothing to wait for
    assert not window.plots.memory.computing
    np.testing.assert_allclose(drawn_values(canvas.shown), history.at(5).state_gradient[-1])
    assert canvas.readout_at(5.2, 0.0) == f"5 steps back: {history.at(5).state_gradient[-1][5]:.4g}"

    window.plots.memory.plot.quantity.setCurrentIndex(1)  # input sensitivity
    np.testing.assert_allclose(drawn_values(canvas.shown), history.at(5).input_sensitivity)

    window.plots.memory.plot.heatmap.setChecked(True)
    image = canvas.image.image
    assert canvas.image.isVisible() and image.shape == (len(steps), len(run.snapshots.epochs))
    np.testing.assert_allclose(image[:, -1], np.log10(history.at(40).input_sensitivity))
    assert canvas.readout_at(3.0, 40.0) == f"epoch 40, 3 steps back: {history.at(40).input_sensitivity[3]:.4g}"


def test_the_prediction_and_how_far_back_can_be_chosen(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "pulse-lstm-stateful", 5)
    open_memory_tab(qtbot, window)
    plot = window.plots.memory.plot
    assert plot.target.text() == "auto" and "step 25 from the 25 values" in plot.note
    plot.target.setValue(100)
    plot.back.setValue(40)
    plot.back.editingFinished.emit()
    qtbot.waitUntil(lambda: not window.plots.memory.computing, timeout=30_000)
    assert "step 100 from the 40 values" in plot.note
    steps, shown = plot.canvas.shown.getData()
    assert len(steps) == 40
    np.testing.assert_allclose(10**shown, run.gradient_history(100, 40).at(5).state_gradient[-1])


def test_an_overlaid_run_draws_its_own_curve_in_its_colour(qtbot, window: MainWindow) -> None:
    first = train_recipe(qtbot, window, "sine-simplernn", 3)
    second = train_recipe(qtbot, window, "sine-simplernn", 3, model__kind="lstm")
    window.session.set_overlaid(first, True)
    window.session.set_overlaid(second, True)
    window.session.select(second)
    open_memory_tab(qtbot, window)
    canvas = window.plots.memory.plot.canvas
    names = legend_names(canvas)
    assert elided(f"{first.name}: last epoch") in names and elided(f"{second.name}: replayed epoch") in names
    overlay = canvas.overlay_curves[0]
    np.testing.assert_allclose(drawn_values(overlay), first.gradient_history().at(3).state_gradient[-1])
    assert overlay.opts["pen"].color().name() == window.session.color_of(first)


def test_a_network_without_time_says_so(qtbot, window: MainWindow) -> None:
    train_recipe(qtbot, window, "sine-mlp-regression", 2)
    open_memory_tab(qtbot, window)
    assert "x -> y" in window.plots.memory.plot.note
    assert window.plots.memory.plot.canvas.shown.getData()[0] is None or \
        len(window.plots.memory.plot.canvas.shown.getData()[0]) == 0
