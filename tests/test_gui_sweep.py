"""A sweep from the window: its runs join the session one by one, replayable like any run,
its plot draws one line per value of the second field, and Stop ends it at once."""

from __future__ import annotations

import time

import pytest
from test_gui import drawn

from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.sweep_controller import SweepDialog

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def sweep_of(window: MainWindow, first: str, values: str, second: str = "(nothing)", more: str = "") -> SweepDialog:
    dialog = SweepDialog(window.session.draft.experiment, window)
    dialog.fields[0].setCurrentText(first)
    dialog.values[0].setText(values)
    dialog.fields[1].setCurrentText(second)
    dialog.values[1].setText(more)
    dialog.accept()
    return dialog


def test_a_2x2_sweep_ends_with_four_runs_and_its_plot(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    window.panel.set_value("train.epochs", "3")
    dialog = sweep_of(window, "train.learning_rate", "0.01,0.02", "model.kind", "simple_rnn,gru")
    assert len(dialog.points) == 4 and dialog.result() == dialog.DialogCode.Accepted
    window.sweeps.start(dialog.points, 2)
    assert not window.menus.sweep.isEnabled() and window.menus.stop.isEnabled()
    qtbot.waitUntil(lambda: not window.sweeps.running and len(window.session.runs) == 4, timeout=120_000)
    runs = window.session.runs
    assert sorted(run.name for run in runs)[0].startswith("sweep 1: train.learning_rate=0.01, model.kind=simple_rnn")
    assert all(run.epochs_run == 3 and run.snapshots.epochs == [1, 2, 3] and run.unsaved for run in runs)
    lines = window.sweep_view.lines
    assert set(lines) == {"model.kind=simple_rnn", "model.kind=gru"}
    assert all(list(at) == [0.01, 0.02] for at, _, _, _ in lines.values())
    window.session.select(runs[0])  # a sweep's run replays like any run
    window.plots.replay_bar.choose(1)
    drawn(qtbot, window)
    assert window.plots.shown_report.epoch == 1
    assert window.menus.sweep.isEnabled() and "Sweep finished" in window.loss_label.text()


def test_a_bad_sweep_stays_in_its_dialog_naming_the_field(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    dialog = sweep_of(window, "model.units", "8,0")
    assert dialog.result() != dialog.DialogCode.Accepted and "model.units = 0" in dialog.error.text()


def test_stop_ends_a_sweep_at_once(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    window.panel.set_value("train.epochs", "100000")
    window.sweeps.start(sweep_of(window, "model.units", "4,5").points, 2)
    qtbot.wait(500)  # the workers are starting (importing TensorFlow): Stop must not wait for them
    stopped = time.perf_counter()
    window.stop()
    qtbot.waitUntil(lambda: not window.sweeps.running, timeout=10_000)
    assert time.perf_counter() - stopped < 1.0
    assert window.session.runs == [] and "Sweep stopped" in window.loss_label.text()
