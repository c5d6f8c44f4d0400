"""A seed ensemble in the window: the spread of its seeds shaded in the loss and prediction
plots, and each seed's states on its own."""

from __future__ import annotations

import numpy as np
from test_gui import drawn, legend_names, train_recipe

from rnnstudio.gui.main_window import MainWindow


def test_an_ensemble_shades_its_seeds_spread_and_shows_each_seeds_states(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 4, model__members="3", train__validation_fraction="0.2")
    drawn(qtbot, window)
    assert run.experiment.model.members == 3 and len(run.history.member_loss[-1]) == 3
    loss_plot = window.plots.loss_plot
    (lower, upper), fill = loss_plot.member_bands["loss"]
    assert fill.isVisible() and loss_plot.member_bands["val_loss"][1].isVisible()
    assert np.all(lower.getData()[1] <= upper.getData()[1])
    assert "loss: 3 seeds, lowest to highest" in legend_names(loss_plot)

    report = window.plots.shown_report
    prediction = window.plots.prediction_plot
    (low, high), shading = prediction.spread_bands[0]
    assert shading.isVisible() and "spread of 3 seeds" in legend_names(prediction)
    closed = report.rollout.index >= report.rollout.closed_loop_from
    assert np.allclose(low.getData()[1], report.spread.rollout[:, closed].min(axis=0))
    assert np.allclose(high.getData()[1], report.spread.rollout[:, closed].max(axis=0))

    states = window.plots.states_plot
    assert states.member.isVisibleTo(states) and [states.member.itemText(i) for i in range(4)] == ["1", "2", "3", "all"]
    states.units.setText("all")
    states.units.editingFinished.emit()
    states.member.setCurrentIndex(1)  # seed 2
    _, values = states.shown_data()
    assert np.array_equal(values, report.rollout.h[:, 0, 20:40])  # seed 2's 20 units of the side-by-side states
    states.member.setCurrentIndex(3)  # all of them
    _, values = states.shown_data()
    assert values.shape[1] == 60 and states.unit_name(45) == "seed 3 unit 5"
    window.resize(1024, 700)  # Show, Layer, Seed and Units whole, on one row: their labels give way, not their text
    qtbot.waitUntil(lambda: states.quantity.width() >= states.quantity.sizeHint().width()
                    and not states.member_label.isVisible(), timeout=5_000)
    assert all(widget.isVisible() and widget.geometry().right() < states.width()
               for widget in (states.quantity, states.layer, states.member, states.units))
    assert "Which inner quantity" in states.quantity.toolTip()
    window.resize(1600, 1000)  # room again: the labels come back
    qtbot.waitUntil(lambda: states.member_label.isVisible(), timeout=5_000)

    train_recipe(qtbot, window, "sine-simplernn", 2)  # a single network: no seed choice, no shading
    drawn(qtbot, window)
    assert not states.member.isVisibleTo(states) and not fill.isVisible() and not shading.isVisible()

