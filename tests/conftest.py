"""Shared test setup: quiet TensorFlow, offscreen Qt, small experiments."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def window(qtbot, tmp_path: Path):
    """The studio's window, shown, with TensorFlow loaded."""
    from rnnstudio.gui.main_window import MainWindow
    from rnnstudio.gui.settings import Settings

    win = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(win, before_close_func=forget_unsaved_work)
    win.show()
    win.start_loading_tensorflow()
    qtbot.waitUntil(lambda: win.tf_ready, timeout=60_000)
    return win


def forget_unsaved_work(window) -> None:
    """Let pytest-qt close the window without the unsaved-work and training prompts."""
    window.stop_threads()
    for run in window.session.runs:
        run.unsaved = False
    window.session.training_run = None
