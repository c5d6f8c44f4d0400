"""The Data's path tab, used as a learner would: a recipe's series cut into samples and
batches, stepped and played, with the batch highlighted in the Data plot."""

from __future__ import annotations

import numpy as np
import pytest
from test_gui import count

from rnnstudio.gui.main_window import MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def open_data_path(window: MainWindow, recipe: str):
    window.panel.choose_recipe(recipe)
    window.plots.inner_tabs.setCurrentWidget(window.plots.data_path)
    return window.plots.data_path


def title(view) -> str:
    return view.plot.getPlotItem().titleLabel.text


def test_r2_is_drawn_as_6_batches_of_3_streams_whose_state_carries_and_resets(qtbot, window: MainWindow) -> None:
    view = open_data_path(window, "pulse-lstm-stateful")
    assert "3 streams of 6 chunks of 25 steps -> x (18, 25, 1), y (18, 25, 1)" in view.summary.text()
    assert (view.batch.minimum(), view.batch.maximum()) == (1, 6)
    assert title(view) == "Epoch 1, batch 1 of 6: x (3, 25, 1); states reset to zero (epoch start)"
    assert count(view.plot.reset) == 3 and count(view.plot.carried) == 0
    view.next.click()
    assert title(view) == "Epoch 1, batch 2 of 6: x (3, 25, 1); each stream's state carried on from batch 1"
    starts, rows = view.plot.carried.getData()
    assert list(rows) == [0, 1, 2] and list(starts) == [25, 22, 19]  # chunk 1 of streams shifted by 0, 3, 6
    ticks = view.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert [label for _, label in ticks] == ["sample 3", "sample 4", "sample 5"]
    for _ in range(5):
        view.next.click()  # past the last batch: the next epoch starts from reset states again
    assert title(view) == "Epoch 2, batch 1 of 6: x (3, 25, 1); states reset to zero (epoch start)"
    x, y = window.plots.data_plot.batch_inputs.getData()  # the same chunks, highlighted in the Data plot
    assert np.count_nonzero(np.isfinite(x)) == 3 * 25


def test_r1_windows_play_batch_after_batch_and_light_up_in_the_data_plot(qtbot, window: MainWindow) -> None:
    view = open_data_path(window, "sine-simplernn")
    assert view.summary.text().splitlines()[:2] == [
        "200 values -> 180 windows of 20 -> x (180, 20, 1), y (180, 1) (the next value)",
        "144 for training, the last 36 for validation (unshuffled)"]
    assert view.batch.maximum() == 15 and view.plot.validation.isVisible()
    first = [label for _, label in view.plot.getPlotItem().getAxis("left")._tickLevels[0]]
    assert len(first) == 10
    view.play.click()
    qtbot.waitUntil(lambda: view.batch.value() >= 3, timeout=5000)
    view.play.click()
    assert not view.timer.isActive()
    data = window.plots.data_plot
    x, y = data.batch_inputs.getData()
    assert np.count_nonzero(np.isfinite(x)) == 10 * 20  # ten windows of 20 values
    targets_x, _ = data.batch_targets.getData()
    assert len(targets_x) == 10 and set(targets_x) <= set(range(20, 164))  # targets of training windows
    window.plots.inner_tabs.setCurrentWidget(window.plots.states_plot)  # leaving the tab clears the highlight
    assert count(data.batch_inputs) == 0
