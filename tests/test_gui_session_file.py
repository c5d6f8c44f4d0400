"""File > Save session… and Open session…: a comparison of runs kept in one file and
reopened as it was shown, and Quit offering to keep the session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from test_gui import train_recipe

from rnnstudio.gui import dialogs
from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_a_saved_session_reopens_as_it_was_shown(qtbot, window: MainWindow, tmp_path: Path) -> None:
    first = train_recipe(qtbot, window, "sine-simplernn", 4)
    second = train_recipe(qtbot, window, "sine-simplernn", 4, train__mode="free_running")
    third = train_recipe(qtbot, window, "pulse-lstm-stateful", 30)
    session = window.session
    session.set_overlaid(first, True)
    session.set_overlaid(second, True)
    session.select(second)
    window.plots.replay_bar.choose(2)
    path = tmp_path / "comparison.rnnsession"
    assert window.sessions.save_to(path)
    assert not any(run.unsaved for run in session.runs)  # kept in the session file: Quit has nothing to ask

    other = MainWindow(Settings(tmp_path / "other.ini"))
    qtbot.addWidget(other)
    other.show()
    other.start_loading_tensorflow()
    qtbot.waitUntil(lambda: other.tf_ready, timeout=60_000)
    with qtbot.waitSignal(other.sessions.opened, timeout=60_000) as opening:
        other.sessions.open_path(path)
    assert opening.args == [True]
    again = other.session
    assert [run.name for run in again.runs] == [first.name, second.name, third.name]
    assert [again.color_of(run) for run in again.runs] == [session.color_of(run) for run in session.runs]
    assert [again.is_overlaid(run) for run in again.runs] == [True, True, False]
    assert again.selected is again.runs[1] and again.epoch == 2
    assert again.runs[1].experiment.train.mode == "free_running"
    assert other.plots.shown_run is again.runs[1]
    assert other.plots.loss_plot.epoch_marker.value() == 2  # the plots show the replayed epoch
    other.stop_threads()


def test_quit_offers_to_keep_the_session(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    train_recipe(qtbot, window, "sine-simplernn", 2)
    path = tmp_path / "at quit.rnnsession"
    monkeypatch.setattr(dialogs, "ask_unsaved_runs", lambda parent, runs: QMessageBox.StandardButton.SaveAll)
    monkeypatch.setattr("rnnstudio.gui.session_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(path), ""))
    assert window.files.confirm_quit(None)
    assert path.stat().st_size > 1000 and not window.session.unsaved()


def test_a_broken_session_file_is_one_line_in_the_banner(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "broken.rnnsession"
    path.write_text("not a zip")
    with qtbot.waitSignal(window.sessions.opened, timeout=30_000) as opening:
        window.sessions.open_path(path)
    assert opening.args == [False]
    assert "broken.rnnsession: not a session file (not a zip archive)" in window.error_banner.label.text()
    assert window.session.runs == []
