"""The window, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from rnnstudio.core.recipes import recipe
from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(win, before_close_func=forget_unsaved_work)
    win.show()
    win.start_loading_tensorflow()
    qtbot.waitUntil(lambda: win.tf_ready, timeout=60_000)
    return win


def forget_unsaved_work(window: MainWindow) -> None:
    """Let pytest-qt close the window without the unsaved-work prompt."""
    window.unsaved = False


def set_epochs(window: MainWindow, epochs: int) -> None:
    window.panel.set_value("train.epochs", str(epochs))


def train_to_end(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.training_ended, timeout=60_000):
        pass
    window.repaint_plots()


def test_r1_from_the_train_button_fills_every_plot(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    assert window.train_action.isEnabled()
    window.train_action.trigger()
    train_to_end(qtbot, window)
    assert len(window.history.loss) == 10 and window.history.val_loss[-1] <= 0.01
    x, y = window.data_plot.train_curve.getData()
    assert len(x) == 200 - 36 and len(window.data_plot.validation_curve.getData()[0]) == 37
    assert window.data_plot.warmup_region.getRegion() == (0, 19)
    assert len(window.loss_plot.loss_curve.getData()[0]) == 10
    assert len(window.loss_plot.val_curve.getData()[0]) == 10
    assert len(window.prediction_plot.one_step_curve.getData()[0]) == 180
    assert len(window.prediction_plot.rollout_curve.getData()[0]) == 180
    x, values = window.states_plot.shown_data()
    assert values.shape == (180, 20)
    assert window.progress.value() == 10 and "loss" in window.loss_label.text()
    assert window.unsaved and window.save_action.isEnabled()
    assert window.loss_plot.readout_at(3).startswith("epoch 3: loss ")


def test_states_plot_offers_c_h_gates_units_and_heatmap(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    set_epochs(window, 3)
    window.train()
    train_to_end(qtbot, window)
    states = window.states_plot
    keys = [states.quantity.itemData(i) for i in range(states.quantity.count())]
    assert keys[:2] == ["c", "h"] and "forget" in keys
    states.units.setText("0-4, 7")
    states.units.editingFinished.emit()
    assert states.shown_data()[1].shape == (74, 6)
    states.heatmap.setChecked(True)
    assert states.image.isVisible() and states.image.image.shape == (74, 6)


def test_stop_mid_run_ends_quickly_and_leaves_a_usable_model(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    window.train()
    qtbot.waitUntil(lambda: len(window.history.loss) >= 5, timeout=60_000)
    with qtbot.waitSignal(window.training_ended, timeout=10_000):
        window.stop_action.trigger()
    assert 5 <= len(window.history.loss) < 400
    assert window.run is not None and window.train_action.isEnabled()
    assert np.all(np.isfinite(window.run.report.rollout.values))
    assert "stopped" in window.rate_label.text()


def test_pause_holds_training_until_resume(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("pulse-lstm-stateful")
    set_epochs(window, 60)
    window.train()
    qtbot.waitUntil(lambda: len(window.history.loss) >= 2, timeout=60_000)
    window.pause_action.trigger()
    assert window.pause_action.text() == "&Resume"
    qtbot.waitUntil(lambda: window.worker.trainer.held, timeout=5_000)
    QApplication.processEvents()  # deliver the epochs reported before the run held
    frozen = len(window.history.loss)
    qtbot.wait(300)  # a paused run must not advance while the event loop keeps running
    assert len(window.history.loss) == frozen < 60
    assert "paused" in window.rate_label.text()
    window.pause_action.trigger()
    train_to_end(qtbot, window)
    assert len(window.history.loss) == 60


def test_invalid_field_disables_train_and_shows_its_message(qtbot, window: MainWindow) -> None:
    window.panel.set_value("model.units", "-3")
    assert not window.train_action.isEnabled()
    label = window.panel.error_labels["model.units"]
    assert label.isVisible() and label.text() == "model.units = -3: must be a whole number from 1 to 1024"
    assert window.panel.editors["model.units"].property("invalid") is True
    window.panel.set_value("train.learning_rate", "fast")
    assert "must be a number" in window.panel.error_labels["train.learning_rate"].text()
    window.panel.reset_to_recipe()
    assert window.train_action.isEnabled() and not window.panel.errors


def test_save_then_open_restores_panel_history_and_plots(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    window.panel.choose_recipe("sine-simplernn-seq2seq")
    set_epochs(window, 4)
    window.train()
    train_to_end(qtbot, window)
    experiment, history = window.run.experiment, window.run.history
    rollout = window.prediction_plot.rollout_curve.getData()[1].copy()
    path = tmp_path / "seq.keras"
    monkeypatch.setattr("rnnstudio.gui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(path)[:-6], ""))
    assert window.save_action.isEnabled()
    window.save_action.trigger()
    assert path.exists() and not window.unsaved and "seq.keras" in window.windowTitle()

    window.new_action.trigger()
    assert window.run is None
    monkeypatch.setattr("rnnstudio.gui.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), ""))
    window.open_action.trigger()
    assert window.panel.experiment() == experiment
    assert window.history == history
    assert list(10 ** window.loss_plot.loss_curve.getData()[1]) == pytest.approx(history.loss)  # log axis
    assert np.allclose(window.prediction_plot.rollout_curve.getData()[1], rollout, atol=1e-6)
    assert window.settings.get("recent_files")[0] == str(path.resolve())
    assert window.recent_menu.actions()[0].text() == "seq.keras"


def test_a_bad_file_shows_a_message_not_a_crash(qtbot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"definitely not a zip")
    assert not window.open_path(bad)
    assert window.error_banner.isVisible()
    assert window.error_label.text().startswith(f"{bad}: not a valid .keras archive")


def test_a_bad_csv_is_flagged_in_the_panel(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.panel.choose_recipe("sine-simplernn")
    series = tmp_path / "series.csv"
    series.write_text("level\n" + "\n".join(["0.5"] * 40 + ["n/a"]) + "\n")
    window.panel.set_value("data.kind", "csv")
    window.panel.set_value("data.path", str(series))
    window.panel.set_value("data.column", "level")
    assert not window.train_action.isEnabled()
    assert "line 42: 'n/a' in column 'level' is not a number" in window.panel.error_labels["data.column"].text()
    series.write_text("level\n" + "\n".join(str(np.sin(i / 5)) for i in range(80)) + "\n")
    window.panel.set_value("data.path", str(series) + " ")
    assert len(window.panel.preview_curve.getData()[1]) == 80
    assert window.train_action.isEnabled()


def test_a_diverging_run_stops_with_a_message_and_keeps_good_weights(qtbot, window: MainWindow) -> None:
    window.panel.choose_recipe("sine-simplernn")
    for path, value in (("train.optimizer", "sgd"), ("train.learning_rate", "10"), ("model.activation", "relu"),
                        ("train.epochs", "50")):
        window.panel.set_value(path, value)
    window.train()
    train_to_end(qtbot, window)
    assert len(window.history.loss) < 50
    assert "diverged" in window.error_label.text() and window.error_banner.isVisible()


def test_unsaved_work_prompts_before_new_discards_it(qtbot, window: MainWindow, monkeypatch) -> None:
    window.panel.choose_recipe("sine-simplernn")
    set_epochs(window, 1)
    window.train()
    train_to_end(qtbot, window)
    monkeypatch.setattr(window, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    window.new_action.trigger()
    assert window.run is not None
    monkeypatch.setattr(window, "ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    window.new_action.trigger()
    assert window.run is None


def test_train_waits_for_tensorflow(qtbot, tmp_path: Path) -> None:
    win = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    assert not win.train_action.isEnabled() and "waiting for TensorFlow" in win.train_action.toolTip()
    assert win.tf_label.text().startswith("Loading TensorFlow")
    assert win.progress.text() == f"epoch 0/{win.panel.experiment().train.epochs}"


def test_closing_mid_training_exits_cleanly(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from rnnstudio.gui.main_window import MainWindow
        from rnnstudio.gui.settings import Settings
        app = QApplication([])
        window = MainWindow(Settings({str(tmp_path / 's.ini')!r}))
        window.show()
        window.start_loading_tensorflow()
        def tick():
            if window.tf_ready and not window.is_training and not window.history.loss:
                window.panel.choose_recipe("pulse-lstm-stateful")
                window.train()
            if len(window.history.loss) >= 3:
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
    from rnnstudio.core.training import Trainer

    experiment = dataclasses.replace(recipe("sine-simplernn"), train=dataclasses.replace(recipe("sine-simplernn").train, epochs=1))
    result = Trainer(experiment).run()
    path = tmp_path / "cli-opened.keras"
    save_model(path, result.model, experiment, result.history)
    shown: list[MainWindow] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.exec", lambda self=None: shown.append(1) or 0)
    original = MainWindow.open_path
    monkeypatch.setattr(MainWindow, "open_path", lambda self, p: (shown.append(self), original(self, p))[1])
    assert app_module.main([str(path), "--settings", str(tmp_path / "s.ini")]) == 0
    window = shown[0]
    qtbot.addWidget(window, before_close_func=forget_unsaved_work)
    qtbot.waitUntil(lambda: window.run is not None, timeout=60_000)
    assert window.current_path == path and window.panel.experiment() == experiment
