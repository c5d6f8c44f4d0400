"""The plots get the room: any plot can be shown alone, as large as the plot area, and every
plot back again with its button or Esc (at 1024x700 the LSTM's counting cell states get room
to be read); the runs area starts compact; the replayed epoch's label is never clipped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from test_gui import drawn, train_recipe

from rnnstudio.gui.main_window import MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def data_height(plot) -> float:
    """The height of a plot's data area (its view box) in pixels."""
    return plot.getPlotItem().getViewBox().sceneBoundingRect().height()


def test_a_plot_enlarged_takes_the_whole_plot_area_and_esc_brings_every_plot_back(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    train_recipe(qtbot, window, "pulse-lstm-stateful", 5)
    drawn(qtbot, window)
    area = window.plots
    states = area.states_plot.plot_widget
    plots = [area.data_plot, area.loss_plot, area.prediction_plot, states]
    before = {plot: data_height(plot) for plot in plots}
    states.enlarge_button.click()
    qtbot.waitUntil(lambda: data_height(states) > 1.8 * before[states], timeout=5_000)  # its own legend strip comes back
    assert area.enlarged is area.inner_tabs and states.enlarge_button.isChecked()
    assert not any(plot.isVisible() for plot in plots[:3])
    states_range = states.getPlotItem().getViewBox().viewRange()[0]
    rollout = window.selected.experiment.rollout
    assert states_range[1] <= rollout.start + rollout.warmup + rollout.steps + 5  # where the states exist
    area.prediction_plot.enlarge_button.click()  # another plot's button: that plot alone instead
    qtbot.waitUntil(lambda: area.prediction_plot.isVisible() and not states.isVisible(), timeout=5_000)
    area.prediction_plot.setFocus()
    qtbot.keyClick(area.prediction_plot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: all(plot.isVisible() for plot in plots), timeout=5_000)
    assert area.enlarged is None and not any(plot.enlarge_button.isChecked() for plot in plots)
    assert [round(data_height(plot)) for plot in plots] == pytest.approx([round(before[plot]) for plot in plots], abs=2)
    rows = area._splitter
    dragged = [rows.sizes()[0] + 60, rows.sizes()[1] - 60]
    rows.setSizes(dragged)  # as a user drags the split between the rows
    qtbot.keyClick(area.prediction_plot, Qt.Key.Key_Escape)  # nothing enlarged: nothing moves back
    assert rows.sizes() == dragged


@pytest.mark.parametrize("size, least", [((1024, 700), 150), ((1366, 768), 200)])
def test_every_plots_data_area_is_tall_enough_with_r2_trained(qtbot, window: MainWindow, size, least) -> None:
    window.resize(*size)
    train_recipe(qtbot, window, "pulse-lstm-stateful", 5)
    drawn(qtbot, window)
    qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=5_000)
    area = window.plots
    plots = [area.data_plot, area.loss_plot, area.prediction_plot, area.states_plot.plot_widget]
    qtbot.waitUntil(lambda: min(data_height(plot) for plot in plots) >= least, timeout=5_000)
    assert not window.bottom.is_open and window.runs_dock.windowTitle() == "Runs (1)"  # folded, and says what it holds
    states = area.states_plot
    states.heatmap.setChecked(True)  # its two toggles are whole, on a row of their own if need be
    qtbot.waitUntil(lambda: all(toggle.isVisible() and toggle.width() >= toggle.sizeHint().width()
                                and toggle.geometry().right() < states.width() for toggle in (states.heatmap, states.per_unit)),
                    timeout=5_000)
    qtbot.waitUntil(lambda: data_height(states.plot_widget) >= least, timeout=5_000)


def test_the_runs_area_opens_from_its_tab_folds_again_and_keeps_its_height(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.height() == 700, timeout=5_000)
    bottom = window.bottom
    tabs = bottom.tab_bar()
    assert not bottom.is_open and window.runs_panel.height() == 0 and tabs is not None
    tabs.tabBarClicked.emit(tabs.currentIndex())  # a click on the Runs tab
    qtbot.waitUntil(lambda: window.runs_panel.height() >= 100, timeout=5_000)  # a header, rows and the buttons
    assert window.plots.height() >= 0.6 * window.height()
    opened = window.runs_dock.height()
    window.resizeDocks([window.runs_dock], [opened + 60], Qt.Orientation.Vertical)  # dragged taller
    qtbot.waitUntil(lambda: window.runs_dock.height() > opened + 10, timeout=5_000)
    dragged = window.runs_dock.height()
    tabs.tabBarClicked.emit(tabs.currentIndex())  # the open tab again: folded
    qtbot.waitUntil(lambda: window.runs_panel.height() == 0, timeout=5_000)
    bottom.action.trigger()  # View > Runs area: open at the height it had
    qtbot.waitUntil(lambda: abs(window.runs_dock.height() - dragged) <= 2, timeout=5_000)
    assert window.settings.get("runs_area_open") in (True, "true")


def test_short_plots_give_their_x_label_and_title_space_to_the_data(qtbot, window: MainWindow) -> None:
    from rnnstudio.gui.plots.base import TITLE_HEIGHT

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.height() == 700, timeout=5_000)
    data = window.plots.data_plot
    bottom = data.getPlotItem().getAxis("bottom")
    qtbot.waitUntil(lambda: data.compact, timeout=5_000)
    assert bottom.labelText == "step" and not bottom.label.isVisible()  # "step" is said by the readout too
    assert data.getPlotItem().titleLabel.geometry().height() == TITLE_HEIGHT
    axis_height = bottom.geometry().height()
    data.enlarge_button.click()  # alone it is tall: the label comes back
    qtbot.waitUntil(lambda: not data.compact and bottom.label.isVisible(), timeout=5_000)
    assert bottom.geometry().height() > axis_height


def test_the_replayed_epochs_label_is_whole_at_either_end_of_the_loss_plot(qtbot, window: MainWindow) -> None:
    window.resize(1024, 700)
    train_recipe(qtbot, window, "sine-simplernn", 30)
    drawn(qtbot, window)
    plot = window.plots.loss_plot
    view = plot.getPlotItem().getViewBox().sceneBoundingRect()
    for epoch in (1, 30):
        window.session.set_epoch(epoch)
        qtbot.waitUntil(lambda epoch=epoch: plot.epoch_marker.value() == epoch, timeout=5_000)
        label = plot.epoch_marker.label
        assert label.toPlainText() == f"epoch {epoch}"
        box = label.sceneBoundingRect()
        assert view.left() - 1 <= box.left() and box.right() <= view.right() + 1, (epoch, box, view)


def test_the_runs_area_still_opens_from_its_tab_after_its_docks_were_moved_out_and_back(qtbot, window: MainWindow) -> None:
    bottom = window.bottom
    qtbot.waitUntil(lambda: bottom.tab_bar() is not None, timeout=5_000)
    first = bottom.tab_bar()
    for dock in bottom.docks[1:]:  # as a user drags the Scores and Sweep tabs out and back
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    for dock in bottom.docks[1:]:
        window.tabifyDockWidget(bottom.docks[0], dock)
    qtbot.waitUntil(lambda: bottom.tab_bar() is not None and bottom.tab_bar() is not first, timeout=5_000)
    tabs = bottom.tab_bar()  # Qt made a new tab bar: it is connected too
    qtbot.waitUntil(lambda: bool(tabs.property("bottom_area")), timeout=5_000)
    tabs.tabBarClicked.emit(tabs.currentIndex())
    qtbot.waitUntil(lambda: bottom.is_open and window.runs_panel.height() >= 100, timeout=5_000)


def test_the_replayed_epochs_label_stays_inside_when_a_run_ends_before_its_planned_epochs(qtbot) -> None:
    from rnnstudio.core.history import History
    from rnnstudio.gui.plots.loss_plot import LossPlot

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    plot.reset(150)  # planned: 150 epochs; early stopping ended the run at 67
    plot.set_history(History(loss=[1.0 / (1 + e) for e in range(67)], val_loss=[None] * 67))
    view = plot.getPlotItem().getViewBox()
    assert view.viewRange()[0][1] > 140  # the axis has not shrunk yet when the marker is set
    plot.set_marker(67)
    view.updateAutoRange()

    qtbot.waitUntil(lambda: view.viewRange()[0][1] < 80, timeout=3_000)  # the axis now ends near epoch 67

    def beside_the_line() -> bool:  # the label drawn next to the marker at the axis' new scale
        box, line = plot.epoch_marker.label.sceneBoundingRect(), view.mapViewToScene(QPointF(67, 0)).x()
        return box.height() < 40 and min(abs(box.left() - line), abs(box.right() - line)) < 10

    qtbot.waitUntil(beside_the_line, timeout=3_000)
    box, inside = plot.epoch_marker.label.sceneBoundingRect(), view.sceneBoundingRect()
    assert inside.left() - 1 <= box.left() and box.right() <= inside.right() + 1, (box, inside)
