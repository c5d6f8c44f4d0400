"""The window, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from conftest import forget_unsaved_work
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from rnnstudio.core.recipes import recipe
from rnnstudio.core.report import EpochReport
from rnnstudio.core.run import Run
from rnnstudio.gui import dialogs
from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def set_epochs(window: MainWindow, epochs: int) -> None:
    window.panel.set_value("train.epochs", str(epochs))


def train_to_end(qtbot, window: MainWindow) -> None:
    """Wait until the run trains no more (it may have ended already) and its end is shown
    (with early stopping, the kept epoch: computed in the background)."""
    qtbot.waitUntil(lambda: not window.is_training, timeout=60_000)
    window.refresh_frame()
    qtbot.waitUntil(lambda: not window.plots.computing, timeout=30_000)


def train_recipe(qtbot, window: MainWindow, name: str, epochs: int, **fields: str) -> Run:
    window.panel.choose_recipe(name)
    set_epochs(window, epochs)
    for path, value in fields.items():
        window.panel.set_value(path.replace("__", "."), value)
    window.menus.train.trigger()
    train_to_end(qtbot, window)
    return window.selected


def wait_for_csv(qtbot, window: MainWindow) -> None:
    """Wait, as a user waits for the busy indicator, until the CSV file has been read."""
    qtbot.waitUntil(lambda: not window.panel.csv_loading, timeout=30_000)


def drawn(qtbot, window: MainWindow) -> None:
    """Wait until the report the plots asked for (computed in the background) is drawn."""
    qtbot.waitUntil(lambda: not window.plots.computing, timeout=30_000)


def count(curve) -> int:
    """How many points a curve shows."""
    x, _ = curve.getData()
    return 0 if x is None else len(x)


def legend_names(plot) -> list[str]:
    return [label.text for _, label in plot.getPlotItem().legend.items]


def test_r1_from_the_train_button_fills_every_plot(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 10)
    assert run.epochs_run == 10 and run.history.val_loss[-1] <= 0.01
    x, _ = window.plots.data_plot.train_curve.getData()
    assert len(x) == 200 - 36 and count(window.plots.data_plot.validation_curve) == 37
    assert window.plots.data_plot.warmup_region.getRegion() == (0, 19)
    assert count(window.plots.loss_plot.loss_curve) == 10
    assert count(window.plots.loss_plot.val_curve) == 10
    assert count(window.plots.prediction_plot.one_step_curve) == 180
    assert count(window.plots.prediction_plot.rollout_curve) == 180
    _, values = window.plots.states_plot.shown_data()
    assert values.shape == (180, 8)  # the 8 units that vary most along the closed loop
    window.plots.states_plot.units.setText("all")
    window.plots.states_plot.units.editingFinished.emit()
    assert window.plots.states_plot.shown_data()[1].shape == (180, 20)
    assert window.strip.progress.value() == 10 and "loss" in window.loss_label.text()
    assert run.unsaved and window.menus.save.isEnabled()
    assert window.plots.loss_plot.readout_at(3).startswith("epoch 3: loss ")
    assert window.runs_model.data(window.runs_model.index(0, 1)) == "SimpleRNN 1x20"


def test_states_plot_offers_c_h_gates_units_and_heatmap(qtbot, window: MainWindow) -> None:
    train_recipe(qtbot, window, "pulse-lstm-stateful", 3)
    states = window.plots.states_plot
    keys = [states.quantity.itemData(i) for i in range(states.quantity.count())]
    assert keys[:2] == ["c", "h"] and "forget" in keys
    states.units.setText("0-4, 7")
    states.units.editingFinished.emit()
    assert states.shown_data()[1].shape == (74, 6)
    assert not states.per_unit.isVisibleTo(states)  # a heatmap's option only
    states.heatmap.setChecked(True)
    assert states.image.isVisible() and states.image.image.shape == (74, 6)
    values = states.shown_data()[1]
    states.per_unit.setChecked(True)  # one large unit no longer washes out the others
    colours = states.image.image
    np.testing.assert_allclose(np.abs(colours).max(axis=0), 1.0)
    np.testing.assert_allclose(colours * np.abs(values).max(axis=0), values, rtol=1e-9, atol=1e-12)
    assert states.color_bar.getAxis("left").labelText == "of the unit's largest"


def test_picking_another_recipe_after_a_run_shows_its_data_not_the_stale_run(qtbot, window: MainWindow) -> None:
    pulse = train_recipe(qtbot, window, "pulse-lstm-stateful", 3)
    assert count(window.plots.prediction_plot.rollout_curve) > 0
    window.panel.choose_recipe("sine-simplernn")
    assert window.selected is None and window.session.runs == [pulse]
    x, values = window.plots.prediction_plot.truth_curve.getData()
    assert len(x) == 200 and np.allclose(values[:50], recipe_series("sine-simplernn")[:50])
    assert count(window.plots.prediction_plot.rollout_curve) == 0
    assert count(window.plots.loss_plot.loss_curve) == 0
    assert window.plots.states_plot.shown_data() is None
    assert window.strip.progress.text() == "epoch 0/10"
    window.session.select(pulse)  # one click brings the pulse run back, panel and plots
    assert window.panel.experiment() == pulse.experiment and window.selected is pulse
    assert count(window.plots.prediction_plot.truth_curve) == 150


def states_legend(window: MainWindow) -> list[str]:
    return legend_names(window.plots.states_plot.plot_widget)


def test_switching_recipes_and_sources_leaves_nothing_of_the_last_run_behind(qtbot, window: MainWindow,
                                                                             tmp_path: Path) -> None:
    pulse = train_recipe(qtbot, window, "pulse-lstm-stateful", 400)
    drawn(qtbot, window)
    loss_axes = window.plots.loss_plot.getPlotItem().viewRange()
    assert any(name.startswith("unit ") for name in states_legend(window))
    window.panel.choose_recipe("sine-simplernn")  # R1: a SimpleRNN, 10 epochs, not trained yet
    states = window.plots.states_plot
    assert states_legend(window) == [] and "cell state c" not in [states.quantity.itemText(i)
                                                                   for i in range(states.quantity.count())]
    x_range, y_range = window.plots.loss_plot.getPlotItem().viewRange()
    assert x_range != loss_axes[0] and x_range[1] < 20  # the axes of a 10-epoch run, not R2's 400
    assert -3.5 < y_range[0] and y_range[1] < 0.5  # losses 0.001 to 1: R2's range is gone
    window.panel.set_value("data.kind", "csv")  # no file chosen yet: no series, no stale pulse data
    assert count(window.plots.data_plot.train_curve) == 0 and count(window.plots.prediction_plot.truth_curve) == 0
    other = train_recipe(qtbot, window, "pulse-lstm-stateful", 2)
    window.session.set_overlaid(pulse, True)  # the shown run's curves now carry its name
    drawn(qtbot, window)
    assert other.name in legend_names(window.plots.prediction_plot)
    window.session.set_overlaid(pulse, False)
    dated = tmp_path / "daily.csv"
    dated.write_text("date,level\n" + "\n".join(f"2024-01-{d:02d},{np.sin(d / 3):.4f}" for d in range(1, 31)) + "\n")
    window.panel.open_csv(str(dated))
    wait_for_csv(qtbot, window)
    assert window.selected is None
    names = legend_names(window.plots.prediction_plot)
    assert not any(pulse.name in name or other.name in name for name in names) and "truth" in names
    assert "x1e+09" not in states.plot_widget.getPlotItem().getAxis("bottom").labelString()
    assert states.plot_widget.getPlotItem().getAxis("bottom").labelString() == \
        window.plots.prediction_plot.getPlotItem().getAxis("bottom").labelString()


def test_the_chosen_state_stays_chosen_for_the_next_run_that_has_it(qtbot, window: MainWindow) -> None:
    first = train_recipe(qtbot, window, "pulse-lstm-stateful", 3)
    drawn(qtbot, window)
    states = window.plots.states_plot
    states.quantity.setCurrentIndex(states.quantity.findData("h"))
    second = train_recipe(qtbot, window, "pulse-lstm-stateful", 2)
    drawn(qtbot, window)
    assert window.selected is second and states.quantity.currentData() == "h"
    window.session.select(first)
    drawn(qtbot, window)
    assert states.quantity.currentData() == "h" and "hidden state h" in states.plot_widget.getPlotItem().titleLabel.text


def test_the_progress_line_describes_the_shown_run(qtbot, window: MainWindow) -> None:
    first = train_recipe(qtbot, window, "sine-simplernn", 3)
    window.panel.choose_recipe("pulse-lstm-stateful")
    set_epochs(window, 5000)
    window.train()
    second = window.selected
    qtbot.waitUntil(lambda: second.epochs_run >= 2, timeout=60_000)
    window.stop()
    train_to_end(qtbot, window)
    assert window.strip.rate_label.text().startswith("stopped in")
    window.session.select(first)
    assert window.strip.rate_label.text().startswith("finished in") and window.strip.progress.text() == "epoch 3/3"
    assert window.windowTitle().startswith(first.name)


def test_one_frame_shows_one_epoch_everywhere_while_training(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    set_epochs(window, 3000)
    frames = []

    def look() -> None:
        run = window.selected
        if run is None or not run.is_training or window.strip.progress.value() < 1:  # no frame drawn yet
            return
        marker = window.plots.loss_plot.epoch_marker
        loss_x = window.plots.loss_plot.loss_curve.getData()[0]
        frames.append((window.strip.progress.value(), window.plots.replay_bar.epoch, int(round(marker.value())),
                       int(loss_x[-1]), int(window.runs_model.data(window.runs_model.index(0, 3))),
                       window.plots.shown_report.epoch if window.plots.shown_report else None))

    window.train()
    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(7)
    qtbot.waitUntil(lambda: len(frames) >= 40 and len({frame[0] for frame in frames}) > 3, timeout=60_000)
    timer.stop()
    window.stop()
    train_to_end(qtbot, window)
    assert len({frame[0] for frame in frames}) > 3  # training moved on while we looked
    for frame in frames:
        assert len(set(frame[:5])) == 1, frame  # bar, slider, loss marker, end of the loss curve, table
        assert frame[5] in (frame[0], None), frame  # the drawn report: that epoch (or none drawn yet)


def test_a_reopened_file_whose_data_cannot_be_found_is_a_normal_run(qtbot, window: MainWindow, tmp_path: Path,
                                                                    monkeypatch) -> None:
    from rnnstudio.core import storage

    csv = tmp_path / "level.csv"
    csv.write_text("level\n" + "\n".join(f"{np.sin(i / 4):.4f}" for i in range(120)) + "\n")
    window.panel.open_csv(str(csv))
    wait_for_csv(qtbot, window)
    set_epochs(window, 6)
    window.panel.set_value("train.refit", "0")  # six epochs, then two more: no refit in between
    run = train_recipe_as_is(qtbot, window)
    path = tmp_path / "level.keras"
    original = storage.save_model  # an older file: the series is not in it

    def without_series(target, model, experiment, history, snapshots=None, series=None, intervals=None):
        return original(target, model, experiment, history, snapshots, None, intervals)

    monkeypatch.setattr("rnnstudio.gui.file_actions.save_model", without_series)
    assert window.files.save_to(run, path)
    window.session.remove(run)
    csv.rename(tmp_path / "moved.csv")
    with qtbot.waitSignal(window.open_finished, timeout=30_000):
        window.files.open_path(path)
    opened = window.selected
    assert opened is not None and opened.series is None and "could not be loaded" in window.error_banner.label.text()
    assert window.plots.replay_bar.epochs == [1, 2, 3, 4, 5, 6]  # its snapshots replay
    window.plots.replay_bar.choose(2)
    assert window.plots.loss_plot.epoch_marker.value() == 2 and "2 of 6" in window.plots.replay_bar.label.text()
    assert count(window.plots.loss_plot.loss_curve) == 6
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(tmp_path / "moved.csv"), ""))
    window.runs_panel.locate_button.click()  # where is the data now?
    qtbot.waitUntil(lambda: opened.series is not None, timeout=10_000)
    wait_for_csv(qtbot, window)
    assert len(opened.series) == 120 and window.runs_panel.more_button.isEnabled()
    window.runs_panel.more_epochs.setValue(2)
    window.runs_panel.more_button.click()
    train_to_end(qtbot, window)
    assert opened.epochs_run == 8
    monkeypatch.setattr(dialogs, "ask_delete_unsaved", lambda parent, r: True)
    window.runs_panel.delete_button.click()
    assert window.session.runs == []


def train_recipe_as_is(qtbot, window: MainWindow) -> Run:
    window.menus.train.trigger()
    train_to_end(qtbot, window)
    return window.selected


def recipe_series(name: str) -> np.ndarray:
    from rnnstudio.core.data import load_series

    return load_series(recipe(name).data).values


def test_a_csv_chosen_in_the_panel_is_plotted_at_once(qtbot, window: MainWindow, tmp_path: Path) -> None:
    series = tmp_path / "level.csv"
    series.write_text("level\n" + "\n".join(str(np.sin(i / 5)) for i in range(80)) + "\n")
    window.panel.set_value("data.kind", "csv")
    window.panel.set_value("data.path", str(series))
    window.panel.set_value("data.column", "level")
    wait_for_csv(qtbot, window)
    assert count(window.plots.data_plot.train_curve) + count(window.plots.data_plot.validation_curve) >= 80
    assert count(window.plots.prediction_plot.truth_curve) == 80


def test_train_pressed_while_editing_a_field_leaves_the_panel_where_it_was(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    epochs = window.panel.editors["train.epochs"]
    scroll = window.panel.findChild(QScrollArea).verticalScrollBar()
    scroll.setValue(0)
    epochs.setFocus()  # the user typed the epochs, then pressed F5
    qtbot.waitUntil(epochs.hasFocus, timeout=5_000)
    window.menus.train.trigger()
    assert scroll.value() == 0  # the recipe picker stays in view (the focus does not jump to Warm-up start)
    train_to_end(qtbot, window)


def test_fields_are_read_only_while_the_run_trains_but_the_rollout_applies_at_once(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    set_epochs(window, 150)
    window.train()
    run = window.selected
    units = window.panel.editors["model.units"]
    assert not units.isEnabled() and "is training" in units.toolTip()
    assert not window.panel.recipe.isEnabled()
    steps = window.panel.editors["rollout.steps"]
    assert steps.isEnabled()
    qtbot.waitUntil(lambda: len(window.plots.replay_bar.epochs) >= 2, timeout=60_000)
    window.plots.replay_bar.choose(1)  # look at an early epoch while training goes on
    steps.setText("80")
    assert run.experiment.rollout.steps == 80
    drawn(qtbot, window)
    assert count(window.plots.prediction_plot.rollout_curve) == 80
    train_to_end(qtbot, window)
    assert units.isEnabled() and window.panel.experiment().model.units == 20
    assert run.experiment.model.units == 20 and run.model.layers[-2].units == 20
    assert run.experiment.rollout.steps == 80 and len(run.latest_report().rollout.values) == 24 + 80


def test_runs_of_different_networks_overlay_with_both_names_in_the_legends(qtbot, window: MainWindow) -> None:
    first = train_recipe(qtbot, window, "sine-simplernn", 2)
    second = train_recipe(qtbot, window, "sine-simplernn", 2, model__kind="gru")
    assert [run.network_label for run in window.session.runs] == ["SimpleRNN 1x20", "GRU 1x20"]
    window.session.set_overlaid(first, True)
    window.session.set_overlaid(second, True)
    window.session.select(second)
    drawn(qtbot, window)
    loss_names = legend_names(window.plots.loss_plot)
    prediction_names = legend_names(window.plots.prediction_plot)
    # one entry per run in its colour, and a key for what solid and dashed lines are
    key = [] if window.plots.loss_plot.compact else ["loss (solid)", "val_loss (dashed)"]  # a short plot: in its help
    assert sorted(loss_names) == sorted([first.name, second.name, *key])
    key = [] if window.plots.prediction_plot.compact else ["closed loop (solid)", "one step (dashed)"]
    assert sorted(prediction_names) == sorted(["truth", first.name, second.name, *key])
    overlay = window.plots.prediction_plot.overlays.curves
    assert len(overlay) == 2 and len(overlay[1].getData()[0]) == 180
    assert not np.allclose(overlay[1].getData()[1], window.plots.prediction_plot.rollout_curve.getData()[1])


def test_scrubbing_replays_epochs_and_the_last_equals_the_final_model(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "pulse-lstm-stateful", 400)
    final = EpochReport.from_model(run.experiment, run.series, run.model, 400, 0.0, None).computed().rollout.values
    assert window.plots.replay_bar.epoch == 400
    window.plots.replay_bar.choose(1)
    drawn(qtbot, window)
    early = window.plots.prediction_plot.rollout_curve.getData()[1]
    assert window.plots.loss_plot.epoch_marker.value() == 1 and "1 of 400" in window.plots.replay_bar.label.text()
    assert not np.allclose(early, final[-len(early):], atol=1e-3)
    window.plots.replay_bar.choose(400)
    drawn(qtbot, window)
    assert np.array_equal(window.plots.prediction_plot.rollout_curve.getData()[1], final[-len(early):])


def test_save_then_open_restores_the_run_with_its_snapshots(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    import keras

    run = train_recipe(qtbot, window, "sine-simplernn-seq2seq", 4)
    experiment, history = run.experiment, run.history
    window.plots.replay_bar.choose(2)
    drawn(qtbot, window)
    at_two = window.plots.prediction_plot.rollout_curve.getData()[1].copy()
    path = tmp_path / "seq.keras"
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(path)[:-6], ""))
    window.menus.save.trigger()
    assert path.exists() and not run.unsaved and "seq.keras" in window.windowTitle()
    window.session.select(None)
    with qtbot.waitSignal(window.open_finished, timeout=5_000) as opening:
        window.files.open_path(tmp_path / "." / "seq.keras")  # already open: its run is shown, no second row
    assert opening.args == [True] and window.selected is run and len(window.session.runs) == 1

    copy = tmp_path / "copy.keras"
    copy.write_bytes(path.read_bytes())
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getOpenFileName", lambda *a, **k: (str(copy), ""))
    with qtbot.waitSignal(window.open_finished, timeout=30_000) as opening:
        window.menus.open.trigger()
        assert window.open_busy.isVisibleTo(window)  # opened in the background, with a Cancel button
    assert opening.args == [True]
    opened = window.selected
    assert opened is not run and len(window.session.runs) == 2 and opened.path == copy
    assert window.panel.experiment() == experiment and opened.history == history
    assert opened.snapshots.epochs == [1, 2, 3, 4]
    assert list(10 ** window.plots.loss_plot.loss_curve.getData()[1]) == pytest.approx(history.loss)  # log axis
    window.plots.replay_bar.choose(2)
    drawn(qtbot, window)
    assert np.allclose(window.plots.prediction_plot.rollout_curve.getData()[1], at_two, atol=1e-6)
    assert window.settings.get("recent_files")[0] == str(copy.resolve())
    assert len(keras.models.load_model(path).get_weights()) == len(run.model.get_weights())
    window.runs_panel.more_epochs.setValue(2)
    window.runs_panel.more_button.click()  # the optimizer state was not in the file: it says so
    assert "fresh optimizer" in window.loss_label.text()
    train_to_end(qtbot, window)
    assert opened.epochs_run == 6 and opened.snapshots.epochs == [1, 2, 3, 4, 5, 6] and opened.unsaved


def test_train_more_continues_the_epoch_count_and_the_loss_history(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 3)
    first_losses = list(run.history.loss)
    window.runs_panel.more_epochs.setValue(4)
    assert window.runs_panel.more_button.isEnabled()
    window.runs_panel.more_button.click()
    train_to_end(qtbot, window)
    assert run.epochs_run == 7 and run.history.loss[:3] == first_losses
    assert run.snapshots.epochs == list(range(1, 8)) and len(window.session.runs) == 1
    assert window.strip.progress.text() == "epoch 7/7" and run.experiment.train.epochs == 7
    assert count(window.plots.loss_plot.loss_curve) == 7
    assert "fresh optimizer" not in window.loss_label.text()


def test_f5_after_a_run_starts_a_new_run_and_keeps_the_earlier_one(qtbot, window: MainWindow) -> None:
    first = train_recipe(qtbot, window, "sine-simplernn", 1)
    window.menus.train.trigger()
    train_to_end(qtbot, window)
    assert len(window.session.runs) == 2 and window.session.runs[0] is first and first.epochs_run == 1
    assert window.selected is window.session.runs[1] and window.selected.name == "SimpleRNN 1x20 on sine (2)"


def test_quitting_with_an_unsaved_run_asks_first(qtbot, window: MainWindow, monkeypatch) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 1)
    asked: list[list[str]] = []

    def answer(choice):
        return lambda parent, runs: asked.append([r.name for r in runs]) or choice

    monkeypatch.setattr(dialogs, "ask_unsaved_runs", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close() and window.isVisible() and asked == [[run.name]]
    monkeypatch.setattr(dialogs, "ask_unsaved_runs", answer(QMessageBox.StandardButton.Discard))
    assert window.close() and len(asked) == 2


def test_quitting_while_a_run_trains_asks_first(qtbot, window: MainWindow, monkeypatch) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    window.train()
    monkeypatch.setattr(dialogs, "ask_quit_while_training", lambda parent, run: False)
    assert not window.close() and window.is_training
    window.stop()
    train_to_end(qtbot, window)


def test_deleting_an_unsaved_run_asks_and_edit_as_new_fills_the_panel(qtbot, window: MainWindow, monkeypatch) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 1, model__units="7")
    monkeypatch.setattr(dialogs, "ask_delete_unsaved", lambda parent, r: False)
    window.runs_panel.delete_button.click()
    assert window.session.runs == [run]
    window.runs_panel.edit_button.click()
    assert window.selected is None and window.panel.experiment().model.units == 7
    question = dialogs.delete_unsaved_question(window, run)  # what the user is asked: in words, with a plain answer
    assert "(SimpleRNN 1x7, 1 epoch) is not saved" in question.text()
    assert sorted(button.text().replace("&", "") for button in question.buttons()) == ["Cancel", "Delete"]
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    window.runs_panel.more_epochs.setValue(1)
    assert window.runs_panel.more_epochs.text() == "1 epoch"
    table = window.runs_panel.table
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # Tab leaves the table instead of walking it cell by cell
    assert table.currentIndex().column() == 0
    monkeypatch.setattr(dialogs, "ask_delete_unsaved", lambda parent, r: True)
    window.session.select(run)
    window.runs_panel.delete_button.click()
    assert window.session.runs == []


def test_stop_mid_run_ends_quickly_and_leaves_a_usable_model(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    window.train()
    run = window.selected
    qtbot.waitUntil(lambda: run.epochs_run >= 5, timeout=60_000)
    with qtbot.waitSignal(window.training_ended, timeout=10_000):
        window.menus.stop.trigger()
    assert 5 <= run.epochs_run < 400 and run.state == "stopped"
    assert window.menus.train.isEnabled()
    assert np.all(np.isfinite(run.latest_report().rollout.values))
    assert "stopped" in window.strip.rate_label.text()


def test_pause_holds_training_until_resume(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-lstm-live")  # LSTM(300): ~30 ms an epoch, slow enough to catch
    set_epochs(window, 60)
    window.train()
    run = window.selected
    qtbot.waitUntil(lambda: run.epochs_run >= 2, timeout=60_000)
    window.menus.pause.trigger()
    assert window.menus.pause.text() == "&Resume"
    qtbot.waitUntil(lambda: window.training.worker.trainer.held, timeout=5_000)
    QApplication.processEvents()  # deliver the epochs reported before the run held
    frozen = run.epochs_run
    qtbot.wait(300)  # a paused run must not advance while the event loop keeps running
    assert run.epochs_run == frozen < 60
    assert "paused" in window.strip.rate_label.text()
    window.menus.pause.trigger()
    assert "paused" not in window.strip.rate_label.text()  # at once, not at the next epoch drawn
    train_to_end(qtbot, window)
    assert run.epochs_run == 60


def test_invalid_field_disables_train_and_shows_its_message(qtbot, window: MainWindow) -> None:
    window.panel.set_value("model.units", "-3")
    assert not window.menus.train.isEnabled()
    label = window.panel.error_labels["model.units"]
    assert label.isVisible() and label.text() == "Units must be a whole number from 1 to 1024"  # in the panel's words
    assert window.panel.editors["model.units"].property("invalid") is True
    window.panel.set_value("train.learning_rate", "fast")
    assert "must be a number" in window.panel.error_labels["train.learning_rate"].text()
    window.panel.reset_to_recipe()
    assert window.menus.train.isEnabled() and not window.panel.errors


def test_a_bad_file_shows_a_message_not_a_crash(qtbot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"definitely not a zip")
    with qtbot.waitSignal(window.open_finished, timeout=30_000) as opening:
        window.files.open_path(bad)
    assert opening.args == [False]
    assert window.error_banner.isVisible() and not window.session.runs
    assert window.error_banner.label.text().startswith(f"{bad}: not a valid .keras archive")


def test_a_bad_csv_is_flagged_in_the_panel(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.panel.choose_recipe("sine-simplernn")
    series = tmp_path / "series.csv"
    series.write_text("level\n" + "\n".join(["0.5"] * 40 + ["0.5 kg"]) + "\n")
    window.panel.set_value("data.kind", "csv")
    window.panel.set_value("data.path", str(series))
    window.panel.set_value("data.column", "level")
    wait_for_csv(qtbot, window)
    assert not window.menus.train.isEnabled()
    assert "line 42: '0.5 kg' in column 'level' is not a number" in window.panel.error_labels["data.column"].text()
    series.write_text("level\n" + "\n".join(str(np.sin(i / 5)) for i in range(80)) + "\n")
    window.panel.set_value("data.path", str(series) + " ")
    wait_for_csv(qtbot, window)
    assert len(window.panel.preview_curve.getData()[1]) == 80
    assert window.menus.train.isEnabled()


def test_an_unexpected_error_in_the_background_shows_a_banner_and_leaves_nothing_waiting(
        qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    def mixed_offsets(path: str, *reading: str) -> None:
        raise ValueError("Mixed timezones detected. Pass utc=True in to_datetime")

    monkeypatch.setattr("rnnstudio.gui.csv_loader.read_csv_table", mixed_offsets)
    (tmp_path / "clock.csv").write_text("time,value\n2026-03-29T01:00+01:00,1\n2026-03-29T03:00+02:00,2\n")
    window.panel.open_csv(str(tmp_path / "clock.csv"))
    wait_for_csv(qtbot, window)
    assert window.error_banner.isVisible() and "Mixed timezones detected" in window.error_banner.label.text()
    assert "clock.csv could not be read" in window.panel.error_labels["data.path"].text()
    assert not window.panel.busy.isVisible()
    window.panel.choose_recipe("sine-simplernn")
    assert window.menus.train.isEnabled()
    run = train_recipe(qtbot, window, "sine-simplernn", 2)
    monkeypatch.setattr(Run, "computed_report_at", lambda *a, **k: 1 / 0)
    window.plots.replay_bar.choose(1)
    qtbot.waitUntil(lambda: "ZeroDivisionError" in window.error_banner.label.text(), timeout=10_000)
    assert window.error_banner.isVisible() and not window.plots.computing and window.menus.train.isEnabled()
    assert run.state == "finished"


def test_a_diverging_run_stops_with_a_message_and_keeps_good_weights(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 50, train__optimizer="sgd", train__learning_rate="10",
                       model__activation="relu")
    assert run.epochs_run < 50 and run.state == "diverged"
    assert "diverged" in window.error_banner.label.text() and window.error_banner.isVisible()


def test_train_waits_for_tensorflow(qtbot, tmp_path: Path) -> None:
    win = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    assert not win.menus.train.isEnabled() and "waiting for TensorFlow" in win.menus.train.toolTip()
    assert win.tf_label.text().startswith("Loading TensorFlow")
    assert win.strip.progress.text() == f"epoch 0/{win.panel.experiment().train.epochs}"


def test_closing_mid_training_exits_cleanly(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from rnnstudio.gui import dialogs
        from rnnstudio.gui.main_window import MainWindow
        from rnnstudio.gui.settings import Settings
        app = QApplication([])
        window = MainWindow(Settings({str(tmp_path / 's.ini')!r}))
        window.show()
        window.start_loading_tensorflow()
        def tick():
            if window.tf_ready and not window.session.runs:
                window.panel.choose_recipe("pulse-lstm-stateful")
                window.train()
            if window.session.runs and window.session.runs[0].epochs_run >= 3:
                dialogs.ask_quit_while_training = lambda parent, run: True
                window.close()
                app.quit()
                return
            QTimer.singleShot(20, tick)
        tick()
        sys.exit(app.exec())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "Destroyed while thread" not in result.stderr


def test_app_main_opens_a_file_from_the_command_line(qtbot, tmp_path: Path, monkeypatch) -> None:
    from rnnstudio import app as app_module
    from rnnstudio.core.storage import save_model
    from rnnstudio.core.trainer import Trainer

    experiment = dataclasses.replace(recipe("sine-simplernn"), train=dataclasses.replace(recipe("sine-simplernn").train, epochs=1))
    result = Trainer(experiment).run()
    path = tmp_path / "cli-opened.keras"
    save_model(path, result.model, experiment, result.history)
    shown: list[MainWindow] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.exec", lambda self=None: shown.append(1) or 0)
    from rnnstudio.gui.file_actions import FileActions

    original = FileActions.open_path
    monkeypatch.setattr(FileActions, "open_path", lambda self, p: (shown.append(self.window), original(self, p)))
    assert app_module.main([str(path), "--settings", str(tmp_path / "s.ini")]) == 0
    window = shown[0]
    qtbot.addWidget(window, before_close_func=forget_unsaved_work)
    qtbot.waitUntil(lambda: window.selected is not None, timeout=60_000)
    assert window.selected.path == path and window.panel.experiment() == experiment


def test_a_sales_csv_gets_defaults_dates_a_forecast_and_scores_against_baselines(qtbot, window: MainWindow,
                                                                                 tmp_path: Path, monkeypatch) -> None:
    import pyqtgraph as pg
    from series_maker import write_sales_csv

    path = write_sales_csv(tmp_path / "sales.csv", gaps=(30,))
    window.panel.open_csv(str(path))
    assert window.panel.csv_loading and window.panel.busy.isVisibleTo(window.panel)  # read in the background
    assert not window.menus.train.isEnabled() and "CSV" in window.menus.train.toolTip()
    wait_for_csv(qtbot, window)
    experiment = window.panel.experiment()
    assert experiment.data.column == "sales" and experiment.data.scaling == "difference"
    assert experiment.data.missing == "interpolate" and experiment.samples.window == 24
    assert isinstance(window.plots.data_plot.getPlotItem().getAxis("bottom"), pg.DateAxisItem)
    x, _ = window.plots.data_plot.train_curve.getData()
    assert x[1] - x[0] == 31 * 86400  # January 2000 -> February 2000, in seconds
    window.menus.train.trigger()
    train_to_end(qtbot, window)
    forecast_x, forecast_y = window.plots.prediction_plot.forecast_curve.getData()
    truth_x, truth_y = window.plots.prediction_plot.truth_curve.getData()
    assert len(forecast_x) == 24 and forecast_x[0] > truth_x[-1]
    assert forecast_y.mean() > truth_y[-12:].mean()  # the trend goes on
    assert window.scores.evaluation is None  # the Scores tab is behind Runs: nothing computed for it yet
    window.bottom.show_dock(window.scores_dock)  # the user clicks the Scores tab
    qtbot.waitUntil(lambda: window.scores.evaluation is not None, timeout=60_000)  # ETS, ARIMA: seconds
    scores = window.scores.evaluation
    assert [row.name for row in scores.rows][:2] == ["network", "persistence"]
    assert scores.row("network").mae < scores.row("persistence").mae
    assert window.scores.table.rowCount() == 6 and "lower than persistence" in window.scores.verdict.text()
    assert window.scores.table.verticalHeaderItem(5).text().startswith("ARIMA(")
    headers = [window.scores.table.horizontalHeaderItem(column) for column in range(6)]
    assert "differs from the one-step RMSE" in headers[4].toolTip()  # h1 is explained where it is read
    assert headers[5].text() == "closed loop h24" and "after 24 steps" in headers[5].toolTip()
    key = window.scores.horizon_key.text()  # the horizon plot's curves named outside its data
    assert all(row.name.split("(")[0] in key for row in scores.rows)
    assert window.scores.horizon_plot.getPlotItem().getAxis("left").logMode  # a wide swing does not squash the rest
    assert "statistical forecast" in window.scores.verdict.text()
    kept, first_refit = window.selected.history.refit  # early stopping's epoch, then the refit on every sample
    assert window.plots.shown_report.epoch == window.selected.epochs_run >= first_refit > kept  # the model: the refit's
    assert f"these are the scores of epoch {kept}'s weights" in window.scores.caption.text()  # not of its own
    assert f"refit on every sample from epoch {kept}" in window.plots.replay_bar.label.text()
    window.resize(1024, 700)  # a small window: the Scores tab's words scroll rather than lose lines
    for label in (window.scores.verdict, window.scores.caption):
        qtbot.waitUntil(lambda label=label: label.height() >= label.heightForWidth(label.width()) > 40)
    loss_plot = window.plots.loss_plot  # the refit's epochs shaded, and said so under the cursor
    assert loss_plot.refit_region.isVisible() and loss_plot.refit_region.getRegion()[0] == first_refit - 0.5
    assert "refit on every sample" in loss_plot.readout_at(first_refit) and "refit" not in loss_plot.readout_at(kept)

    saved = tmp_path / "sales.keras"
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(saved), ""))
    window.menus.save.trigger()
    path.rename(tmp_path / "moved.csv")  # the data travels with the model
    with qtbot.waitSignal(window.open_finished, timeout=30_000) as opening:
        window.files.open_path(saved)
    assert opening.args == [True]
    assert count(window.plots.prediction_plot.truth_curve) == 300 and window.selected.series.dates is not None
    assert window.selected.history.refit == (kept, first_refit)  # the file says which epoch scores the refit
    assert window.selected.computed_report_at(kept, scores=True).evaluation.row("network").mae == pytest.approx(scores.row("network").mae)


def test_the_wheel_leaves_an_unfocused_combo_box_alone(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    combo = window.panel.editors["model.activation"]
    before = combo.currentText()

    def wheel() -> None:
        event = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(combo, event)

    window.panel.editors["model.units"].setFocus()
    wheel()
    assert combo.currentText() == before  # scrolling the panel over it changes nothing
    combo.setFocus()
    wheel()
    assert combo.currentText() != before  # clicked into, it takes the wheel


def test_help_lists_shortcuts_and_about_gives_the_versions(qtbot, window: MainWindow) -> None:
    import keras
    import tensorflow

    from rnnstudio.gui.dialogs import about_text

    text = about_text()
    assert f"TensorFlow {tensorflow.__version__}" in text and f"Keras {keras.__version__}" in text and "Qt 6." in text
    help_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&Help")
    assert [action.text() for action in help_menu.actions()] == ["&Keyboard shortcuts", "&About RNN Studio"]


def test_the_panel_speaks_in_labels_display_names_and_readable_numbers(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-lstm-live")
    assert window.panel.estimate.isVisibleTo(window.panel) and window.panel.estimate.text().startswith("Training takes ")
    assert window.panel.editors["data.period"].text() == "6.28319"  # 2*pi, shown readably
    assert window.panel.experiment() == recipe("sine-lstm-live")  # ... and kept exact
    assert window.panel.editors["model.kind"].currentText() == "LSTM"
    assert window.panel.editors["model.kernel_initializer"].currentText() == "Glorot uniform"
    assert "LSTM(300)" in window.panel.description.text()
    window.panel.set_value("samples.window", "500")
    assert window.panel.error_labels["samples.window"].text() == "Window must be at most 125 for a series of 126 values"
    window.panel.set_value("samples.window", "10")
    window.panel.set_value("model.units", "30")
    assert window.panel.description.text() == "Custom experiment, starting from the sine-lstm-live recipe"
    assert window.panel.experiment().model.units == 30


def test_states_start_with_the_liveliest_units_in_distinct_named_colours(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "pulse-lstm-stateful", 5)
    states = window.plots.states_plot
    rollout = run.latest_report().rollout
    closed = rollout.index >= rollout.closed_loop_from
    spread = rollout.c[closed, 0, :].std(axis=0)
    assert states.shown_units == sorted(np.argsort(spread)[::-1][:8].tolist())
    assert legend_names(states.plot_widget) == [f"unit {unit}" for unit in states.shown_units]
    assert len({curve.opts["pen"].color().name() for curve in states.curves}) == 8
    assert states.closed_loop_line.label.toPlainText() == "closed loop →"
    states.heatmap.setChecked(True)
    assert states.color_bar.isVisible() and states.color_bar.levels() == pytest.approx(
        (-np.abs(states.shown_data()[1]).max(), np.abs(states.shown_data()[1]).max()))


def test_each_plot_explains_itself_and_a_recipe_says_what_to_watch(qtbot, window: MainWindow) -> None:
    for plot in (window.plots.data_plot, window.plots.loss_plot, window.plots.prediction_plot, window.plots.states_plot.plot_widget):
        assert plot.help_button.text() == "?" and len(plot.help_text) > 100
    window.panel.choose_recipe("pulse-lstm-stateful")
    assert "What to watch: the cell states" in window.panel.description.text()


def test_the_loss_axis_labels_decades_and_round_values_and_whole_epochs(qtbot, window: MainWindow) -> None:
    left = window.plots.loss_plot.getPlotItem().getAxis("left")
    bottom = window.plots.loss_plot.getPlotItem().getAxis("bottom")
    ticks = left.tickValues(-3.0, -1.0, 400)[0][1]
    assert [f"{10**t:.3g}" for t in ticks] == ["0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1"]
    assert [f"{10**t:.3g}" for t in left.tickValues(-3.0, 1.0, 60)[0][1]] == ["0.001", "0.01", "0.1", "1", "10"]
    narrow = [10**t for t in left.tickValues(np.log10(0.05), np.log10(0.063), 300)[0][1]]
    assert len(narrow) >= 2 and all(0.05 - 1e-12 <= v <= 0.063 for v in narrow)  # under a decade: still labelled
    assert all(float(v).is_integer() for _, values in bottom.tickValues(0.5, 3.5, 300) for v in values)


def test_loss_smoothing_keeps_the_raw_curve_faint_behind(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 10)
    loss_plot = window.plots.loss_plot
    assert count(loss_plot.raw_loss_curve) == 0
    loss_plot.smoothing.setValue(0.9)
    smoothed = 10 ** loss_plot.loss_curve.getData()[1]  # log axis
    raw = 10 ** loss_plot.raw_loss_curve.getData()[1]
    assert np.allclose(raw, run.history.loss) and smoothed[0] == pytest.approx(raw[0])
    assert np.std(np.diff(smoothed)) < np.std(np.diff(raw))
    loss_plot.smoothing.setValue(0.0)
    assert count(loss_plot.raw_loss_curve) == 0


def test_the_prediction_plot_reads_out_under_the_cursor_and_states_span_where_they_exist(qtbot, window: MainWindow) -> None:
    run = train_recipe(qtbot, window, "sine-simplernn", 2)
    rollout = run.latest_report().rollout
    text = window.plots.prediction_plot.readout_at(float(rollout.index[10]))
    assert text.startswith(f"step {rollout.index[10]}: truth ") and f"rollout {rollout.values[10]:.4g}" in text
    low, high = window.plots.states_plot.plot_widget.getViewBox().viewRange()[0]
    span = rollout.index[-1] - rollout.index[0]
    assert rollout.index[0] - 0.05 * span <= low and high <= rollout.index[-1] + 0.05 * span  # the same steps, no empty part
    assert window.plots.prediction_plot.getViewBox().viewRange()[0][0] < low  # which the whole series starts before


def test_hovering_the_states_names_the_unit_under_the_cursor(qtbot, window: MainWindow) -> None:
    train_recipe(qtbot, window, "sine-simplernn", 2)
    states = window.plots.states_plot
    x, values = states.shown_data()
    step, unit_column = 30, 2
    text = states.plot_widget.readout_at(float(x[step]), float(values[step, unit_column]))
    assert text.startswith(f"unit {states.shown_units[unit_column]}: {values[step, unit_column]:.3g} at step ")
    states.heatmap.setChecked(True)  # rows are the shown units, bottom to top
    text = states.plot_widget.readout_at(float(x[step]), 4.1)
    assert text.startswith(f"unit {states.shown_units[4]}: {values[step, 4]:.3g}")
    assert states.plot_widget.readout_at(float(x[-1]) + 100, 0.0) == ""  # beyond the traces


def test_a_failed_save_on_quit_keeps_the_window_and_the_run_and_offers_save_as(qtbot, window: MainWindow,
                                                                               tmp_path: Path, monkeypatch) -> None:
    from rnnstudio.core import storage

    run = train_recipe(qtbot, window, "sine-simplernn", 1)
    read_only = tmp_path / "read-only"
    real_save = storage.save_model

    def save(path, *args, **kwargs):
        if Path(path).parent == read_only:  # what a read-only folder does to any save
            raise storage.ModelFileError(f"{path}: cannot write in {read_only} (Read-only file system)")
        real_save(path, *args, **kwargs)

    monkeypatch.setattr("rnnstudio.gui.file_actions.save_model", save)
    monkeypatch.setattr(dialogs, "ask_unsaved_runs", lambda parent, runs: QMessageBox.StandardButton.Save)
    offers: list[str] = []
    monkeypatch.setattr(dialogs, "offer_save_as", lambda parent, r, message: offers.append(message) or False)
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(read_only / "m.keras"), ""))
    assert not window.close() and window.isVisible()  # Quit, then Save: the save fails
    assert run in window.session.runs and run.unsaved and run.model is not None
    assert window.error_banner.isVisible() and "Read-only" in window.error_banner.label.text() and len(offers) == 1
    elsewhere = tmp_path / "elsewhere.keras"
    monkeypatch.setattr(dialogs, "offer_save_as", lambda parent, r, message: True)  # Save As, somewhere writable
    answers = iter([str(read_only / "m.keras"), str(elsewhere)])
    monkeypatch.setattr("rnnstudio.gui.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (next(answers), ""))
    assert window.close() and elsewhere.is_file() and not run.unsaved


def test_opening_a_file_can_be_cancelled_and_its_late_result_is_dropped(qtbot, window: MainWindow,
                                                                       tmp_path: Path) -> None:
    from rnnstudio.core.storage import save_model

    run = train_recipe(qtbot, window, "sine-simplernn", 1)
    path = tmp_path / "m.keras"
    save_model(path, run.model, run.experiment, run.history)
    cancelled: list[bool] = []
    window.open_finished.connect(cancelled.append)
    with qtbot.waitSignal(window.files.opener.finished, timeout=30_000):  # the background open still ends
        window.files.open_path(path)
        window.files.cancel_open()
        assert cancelled == [False] and not window.open_busy.isVisibleTo(window)
    assert cancelled == [False] and len(window.session.runs) == 1  # its late result was dropped
    assert "cancelled" in window.loss_label.text()


def test_a_file_whose_numbers_read_two_ways_waits_for_the_decimal_mark_then_gets_its_defaults(
        qtbot, window: MainWindow, tmp_path) -> None:
    from test_csv_import import FUEL

    path = tmp_path / "fuel.csv"
    path.write_text(FUEL)
    window.panel.open_csv(str(path))
    wait_for_csv(qtbot, window)
    assert "data.decimal" in window.panel.errors and "'1,601'" in window.panel.errors["data.decimal"]
    assert not window.menus.train.isEnabled()
    decimal = window.panel.editors["data.decimal"]
    decimal.setCurrentIndex(decimal.findData(","))  # the user says: a decimal comma
    wait_for_csv(qtbot, window)
    experiment = window.panel.experiment()
    assert experiment is not None and experiment.data.decimal == "," and experiment.name == "fuel"
    assert experiment.model.members == 5 and not window.panel.errors  # a new CSV experiment's defaults
    assert window.panel.csv_series().values[0] == pytest.approx(1.601)


def test_dates_that_read_both_ways_wait_for_the_date_order_then_get_their_defaults(
        qtbot, window: MainWindow, tmp_path) -> None:
    from test_csv_import import UK

    path = tmp_path / "uk.csv"
    path.write_text(UK)  # in order, and unevenly spaced, read either way
    window.panel.open_csv(str(path))
    wait_for_csv(qtbot, window)
    assert "'01/02/2020'" in window.panel.errors["data.date_order"]
    order = window.panel.editors["data.date_order"]
    order.setCurrentIndex(order.findData("day first"))
    wait_for_csv(qtbot, window)
    experiment = window.panel.experiment()
    assert experiment is not None and experiment.data.date_order == "day first" and not window.panel.errors
    assert window.panel.csv_series().frequency == "D"  # days of February, a few left out


def test_the_mlps_legend_lists_only_what_it_draws(qtbot, window: MainWindow) -> None:
    train_recipe(qtbot, window, "sine-mlp-regression", 2)
    drawn(qtbot, window)
    names = legend_names(window.plots.prediction_plot)
    assert "prediction" in names and "closed loop" not in names  # x -> y has no rollout
    train_recipe(qtbot, window, "sine-simplernn", 2)
    drawn(qtbot, window)
    assert {"one step", "closed loop"} <= set(legend_names(window.plots.prediction_plot))
