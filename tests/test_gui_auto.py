"""Training > Auto… from the window: candidates backtested in worker processes while the window
stays live, the best put into the panel with every score shown, and Stop changing nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from series_maker import realistic_series, write_series_csv
from test_gui import wait_for_csv

from rnnstudio.core.auto_search import AS_SET
from rnnstudio.gui.main_window import MainWindow

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def panel_on_level_shift(qtbot, window: MainWindow, tmp_path: Path, epochs: int) -> None:
    dates, values, missing = realistic_series("level shift")
    window.panel.open_csv(str(write_series_csv(tmp_path / "shift.csv", dates, values, missing)))
    wait_for_csv(qtbot, window)
    window.panel.set_value("train.epochs", str(epochs))
    window.panel.set_value("model.members", "1")
    qtbot.waitUntil(lambda: window.session.draft.experiment is not None, timeout=10_000)


def test_auto_puts_the_best_candidate_into_the_panel_and_lists_every_score(qtbot, window: MainWindow,
                                                                           tmp_path: Path) -> None:
    panel_on_level_shift(qtbot, window, tmp_path, epochs=6)
    before = window.session.draft.experiment
    assert window.menus.auto.isEnabled()
    window.autos.start(before, window.session.draft.series, 900)  # never spent: every candidate finishes
    assert window.autos.running and window.menus.stop.isEnabled() and not window.menus.auto.isEnabled()
    qtbot.waitUntil(lambda: "candidates backtested" in window.loss_label.text(), timeout=120_000)
    qtbot.waitUntil(lambda: not window.autos.running, timeout=120_000)
    qtbot.waitUntil(lambda: window.session.draft.experiment is not None
                    and "Auto:" in window.session.draft.experiment.description, timeout=30_000)
    after = window.session.draft.experiment
    report = window.autos.report
    assert report is not None and report.isVisible() and not report.isModal()
    result = window.autos.result
    assert result is not None and len(result.scores) >= 3 and result.best is not None
    name = result.best.candidate.name
    listed = report.findChild(QPlainTextEdit).toPlainText()
    assert all(score.candidate.name in listed for score in result.scores) and f"{result.best.score:.3f}*" in listed
    if name == AS_SET:
        assert after.model == before.model and after.data.scaling == before.data.scaling
    else:
        assert (after.model, after.data.scaling) == (result.best.candidate.experiment.model,
                                                    result.best.candidate.experiment.data.scaling)
        assert f"Auto: changed to {name}" in after.description
    assert "press Train" in window.loss_label.text() and window.menus.train.isEnabled()


def test_stop_ends_an_auto_search_at_once_and_leaves_the_panel_as_it_was(qtbot, window: MainWindow,
                                                                        tmp_path: Path) -> None:
    panel_on_level_shift(qtbot, window, tmp_path, epochs=400)
    before = window.session.draft.experiment
    window.autos.start(before, window.session.draft.series, 600)
    qtbot.waitUntil(lambda: "worker processes" in window.loss_label.text(), timeout=30_000)
    asked = time.perf_counter()
    window.menus.stop.trigger()
    assert not window.autos.running and time.perf_counter() - asked < 1.5
    assert window.loss_label.text() == "Auto stopped: the panel is unchanged"
    assert window.session.draft.experiment == before and window.autos.report is None
