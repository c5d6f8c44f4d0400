"""Everything leaves the studio: a plain Keras script, CSV tables, plot images, JSON."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from rnnstudio.core.recipes import recipe
from rnnstudio.core.script_export import python_script
from rnnstudio.core.trainer import Trainer


@pytest.mark.slow
@pytest.mark.parametrize(("members", "mode"), [(2, "teacher_forcing"), (1, "free_running")])
def test_an_exported_r1_script_runs_and_reaches_the_studios_loss(tmp_path: Path, members: int, mode: str) -> None:
    """2 members: a seed ensemble with linear highways, taught from the truth, early stopping
    and a refit; 1 member: trained on its own predictions (ensembles cannot be). Each script
    imports TensorFlow afresh, so the plain single network, whose path both share, has no case
    of its own."""
    experiment = recipe("sine-simplernn")
    ensemble = members > 1
    experiment = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, members=members,
                                                                            highway=ensemble),
                                     train=dataclasses.replace(experiment.train, epochs=4 if members == 1 else 3,
                                                               mode=mode, early_stopping=int(ensemble),
                                                               refit=float(ensemble)),
                                     rollout=dataclasses.replace(experiment.rollout,
                                                                 steps=experiment.rollout.steps if members == 1 else 10))
    script = tmp_path / "r1.py"
    script.write_text(python_script(experiment))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False,
                            cwd=tmp_path, env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.returncode == 0, result.stderr[-2000:]
    last = result.stdout.strip().splitlines()[-1]
    script_loss = float(last.split()[2])
    history = Trainer(experiment).run().history
    studio_loss = history.loss[-1] if members == 1 else float(np.mean(history.member_loss[-1]))  # each seed's own
    assert studio_loss / 2 <= script_loss <= studio_loss * 2
    assert (members > 1) == ("the mean of 2 seeds" in last)
    kept = [int(line.split()[4]) for line in result.stdout.splitlines() if line.startswith("early stopping kept epoch")]
    # the studio's run kept epoch history.refit[0]; the script watches the sum of the seeds' val_loss, not their mean's
    assert (len(kept) == 1 and 1 <= kept[0] <= 3 and history.refit is not None) if ensemble else kept == []
    assert (f"refit on every sample for {kept[0]} epochs" in result.stdout) if ensemble else "refit" not in result.stdout
    assert (tmp_path / "r1.png").stat().st_size > 1000  # its rollout plot


def test_the_run_tables_load_back_to_what_the_report_holds(tmp_path: Path) -> None:
    from rnnstudio.core.export import write_run_tables
    from rnnstudio.core.report import EpochReport

    experiment = recipe("pulse-lstm-stateful")
    experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=2),
                                     rollout=dataclasses.replace(experiment.rollout, forecast=5))
    trainer = Trainer(experiment)
    result = trainer.run()
    report = EpochReport.from_model(experiment, trainer.series, result.model, 2, 0.0, None).computed()
    paths = write_run_tables(tmp_path, "r2", result.history, report)
    assert [p.name for p in paths] == ["r2_loss.csv", "r2_series.csv", "r2_rollout.csv", "r2_forecast.csv"]
    loss = np.genfromtxt(paths[0], delimiter=",", names=True)
    assert np.allclose(loss["loss"], result.history.loss)
    series = np.genfromtxt(paths[1], delimiter=",", names=True)
    assert np.allclose(series["value"], trainer.series.values) and np.allclose(series["one_step"][1:], report.one_step.values)
    rollout = np.genfromtxt(paths[2], delimiter=",", names=True)
    assert np.allclose(rollout["value"], report.rollout.values, atol=1e-7)
    assert np.allclose(rollout["c_1_7"], report.rollout.c[:, 0, 7], atol=1e-7)
    assert np.allclose(rollout["forget_1_3"], report.rollout.gates["forget"][:, 0, 3], atol=1e-7)
    forecast = np.genfromtxt(paths[3], delimiter=",", names=True)
    assert forecast["step"].tolist() == [150, 151, 152, 153, 154]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_window_exports_plot_images_tables_json_and_script(qtbot, tmp_path: Path, monkeypatch) -> None:
    from rnnstudio.core.experiment import Experiment
    from rnnstudio.gui import exports
    from rnnstudio.gui.main_window import MainWindow
    from rnnstudio.gui.settings import Settings

    window = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    window.start_loading_tensorflow()
    qtbot.waitUntil(lambda: window.tf_ready, timeout=60_000)
    window.panel.choose_recipe("sine-simplernn")
    window.panel.set_value("train.epochs", "2")
    with qtbot.waitSignal(window.training_ended, timeout=60_000):
        window.train()
    window.selected.unsaved = False
    monkeypatch.setattr(exports.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr(exports.QInputDialog, "getItem", lambda *a, **k: ("2x the size on screen", True))
    menu = window.export_menu
    menu.export_plots()
    files = sorted(tmp_path.glob("*.png")) + sorted(tmp_path.glob("*.svg"))
    assert len(files) == 8 and all(path.stat().st_size > 1000 for path in files)
    stem = window.export_subject().stem
    for name, widget in menu.plot_widgets().items():  # twice the size on screen, for slides and print
        on_screen = widget.getPlotItem().sceneBoundingRect().width()
        assert abs(QImage(str(tmp_path / f"{stem}_{name}.png")).width() - 2 * on_screen) <= 2
    slides = tmp_path / "slides"
    slides.mkdir()
    menu.write_plots(slides, "r1", ("width", 1920))
    assert {QImage(str(path)).width() for path in slides.glob("*.png")} == {1920}
    loss_svg = (tmp_path / f"{window.export_subject().stem}_loss.svg").read_text()
    assert "<svg" in loss_svg and loss_svg.count("<path") >= 2  # axes and the loss curves are vector paths
    menu.export_tables()
    shown = window.plots.prediction_plot.rollout_curve.getData()[1]
    stem = window.export_subject().stem
    rollout = np.genfromtxt(tmp_path / f"{stem}_rollout.csv", delimiter=",", names=True)
    assert np.allclose(rollout["value"][rollout["closed_loop"] == 1], shown, atol=1e-6)  # what the plot draws
    monkeypatch.setattr(exports.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "exp"), ""))
    menu.export_json()
    assert Experiment.from_json((tmp_path / "exp.json").read_text()) == window.selected.experiment
    menu.export_script()
    assert "keras.Model" in (tmp_path / "exp.py").read_text()
    assert "Exported" in window.loss_label.text()
    saved = tmp_path / "models"
    saved.mkdir()
    window.settings.add_recent_file(saved / "run.keras")  # a save elsewhere: exports still open where they wrote
    assert window.export_subject().folder == tmp_path


@pytest.mark.parametrize("text", ['x"""; open("marker", "w")  #', "C:\\Users\\me\\sales \\x \\N", "nul\x00byte",
                                  "lone \ud800 surrogate", "売上 (円)", "'''\n\"\"\"\\"])
def test_user_text_enters_an_exported_script_only_as_a_literal(text: str) -> None:
    import ast

    base = recipe("sine-simplernn")
    experiment = dataclasses.replace(base, name=text, description=text,
                                     data=dataclasses.replace(base.data, path=text, column=text))
    script = python_script(experiment)
    script.encode("ascii")  # writable with any encoding, a lone surrogate too
    tree = ast.parse(script)
    assert text not in (ast.get_docstring(tree) or "")
    values = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body
              if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in ("TITLE", "EXPERIMENT")}
    assert values["TITLE"] == f"{text}: {text}" and values["EXPERIMENT"]["name"] == text
    assert values["EXPERIMENT"]["data"]["path"] == text and values["EXPERIMENT"]["data"]["column"] == text


def test_an_exported_csv_script_reads_the_series_the_studio_read(tmp_path: Path) -> None:
    """A European sales file (';', decimal commas, an empty cell): the script trains on the
    studio's own reading of it, written beside the script."""
    import ast

    from rnnstudio.core.csv_defaults import experiment_for_csv
    from rnnstudio.core.data import load_series
    from rnnstudio.core.script_export import write_script

    source = tmp_path / "umsatz.csv"
    source.write_text("Datum;Umsatz\n" + "".join(f"2020-{m:02d}-01;{'' if m == 5 else f'1.{m:02d}1,5'}\n"
                                                   for m in range(1, 13)), encoding="utf-8")
    experiment = experiment_for_csv(source)
    series = load_series(experiment.data)
    written = write_script(tmp_path / "umsatz.py", experiment, series)
    assert [path.name for path in written] == ["umsatz.py", "umsatz_series.csv"]
    tree = ast.parse(written[0].read_text(encoding="ascii"))
    constants = [node for node in tree.body if isinstance(node, ast.Assign)][:4]  # TITLE ... DATA, SAMPLES, ...
    reader = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "load_series"]
    scope = {"np": np, "os": os, "__file__": str(written[0])}
    exec(compile(ast.Module(body=constants + reader, type_ignores=[]), "script", "exec"), scope)  # no keras needed
    _, values = scope["load_series"]()
    assert np.array_equal(values, series.values) and len(values) == 12
