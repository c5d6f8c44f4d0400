"""rnnstudio-cli end to end on a tiny experiment: output, files, exit codes, clear errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.cli import main
from rnnstudio.core.experiment import Experiment
from rnnstudio.core.recipes import RECIPES, recipe

TINY = ["--epochs", "2", "--set", "model.units=4", "--set", "model.kind=lstm"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_recipes_lists_each_with_a_description(capsys) -> None:
    code, out, _ = run(capsys, "recipes")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == len(RECIPES)
    assert lines[1].split()[0] == "pulse-lstm-stateful" and "count" in lines[1]


def test_recipes_show_prints_the_experiment_json(capsys) -> None:
    code, out, _ = run(capsys, "recipes", "--show", "sine-simplernn-seq2seq")
    assert code == 0 and Experiment.from_json(out) == recipe("sine-simplernn-seq2seq")


def test_train_info_and_rollout_end_to_end(capsys, tmp_path: Path) -> None:
    model_file = tmp_path / "tiny.keras"
    code, out, err = run(capsys, "train", "sine-simplernn", *TINY, "--seed", "5", "--out", str(model_file), "--json")
    assert code == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["epochs_run"] == 2 and summary["out"] == str(model_file)
    assert summary["val_loss"] is not None and summary["train_seconds"] > 0
    assert "epoch 2/2" in err  # progress goes to stderr with --json

    code, out, _ = run(capsys, "info", str(model_file), "--json")
    info = json.loads(out)
    assert code == 0 and info["epochs_trained"] == 2 and info["loss"] == summary["loss"]
    assert info["snapshot_epochs"] == [1, 2]  # a CLI-trained file replays in the window too
    assert info["experiment"]["model"]["units"] == 4 and info["experiment"]["train"]["seed"] == 5
    assert info["parameters"] == 4 * (4 * (1 + 4 + 1)) + 5

    warmup = tmp_path / "warmup.csv"
    warmup.write_text("value\n" + "\n".join(str(i / 30) for i in range(25)) + "\n")
    table = tmp_path / "out.csv"
    code, out, _ = run(capsys, "rollout", str(model_file), "--warmup", str(warmup), "--steps", "7",
                       "--csv", str(table), "--states", "--json")
    assert code == 0
    rows = list(csv.reader(table.open()))
    assert rows[0][:3] == ["step", "value", "h_1_0"] and "c_1_3" in rows[0]
    assert [int(r[0]) for r in rows[1:]] == list(range(25, 32))
    assert json.loads(out.strip().splitlines()[-1])["values"][0] == pytest.approx(float(rows[1][1]))

    dated = tmp_path / "dated.csv"  # the same values with dates first, as train reads such a file
    dated.write_text("date,value\n" + "\n".join(f"2020-01-{i + 1:02d},{i / 30}" for i in range(25)) + "\n")
    code, out, err = run(capsys, "rollout", str(model_file), "--warmup", str(dated), "--steps", "7", "--json")
    assert code == 0, err
    assert json.loads(out.strip().splitlines()[-1])["values"][0] == pytest.approx(float(rows[1][1]))


def test_train_from_an_experiment_json_with_a_csv_series(capsys, tmp_path: Path) -> None:
    series = tmp_path / "series.csv"
    series.write_text("time,level\n" + "\n".join(f"t{i},{(i % 7) / 7}" for i in range(60)) + "\n")
    raw = recipe("sine-simplernn").to_dict()
    raw["data"].update(kind="csv", path="series.csv", column="level")
    raw["samples"]["window"] = 5
    raw["rollout"]["warmup"] = 5
    experiment_file = tmp_path / "experiment.json"
    experiment_file.write_text(json.dumps(raw))
    code, out, err = run(capsys, "train", str(experiment_file), "--epochs", "1", "--json")
    assert code == 0, err
    assert json.loads(out.strip().splitlines()[-1])["epochs_run"] == 1


def test_a_csv_with_a_text_cell_is_a_clear_error(capsys, tmp_path: Path) -> None:
    series = tmp_path / "series.csv"
    series.write_text("level\n" + "\n".join(["0.1"] * 30 + ["oops"] + ["0.2"] * 5) + "\n")
    code, _, err = run(capsys, "train", "sine-simplernn", "--set", "data.kind=csv", "--set", f"data.path={series}",
                       "--set", "data.column=level")
    assert code == 2
    assert err.strip() == "rnnstudio-cli: series.csv, line 32: 'oops' in column 'level' is not a number"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["train", "sine-simplernn", "--set", "model.unitz=3"], "--set model.unitz: model has no field 'unitz'"),
        (["train", "sine-simplernn", "--set", "modle.units=3"], "the experiment has no field 'modle'"),
        (["train", "sine-simplernn", "--set", "model.units=-3"], "model.units = -3: must be a whole number from 1 to 1024"),
        (["train", "sine-simplernn", "--set", "model.units=many"], "model.units = 'many': must be a whole number"),
        (["train", "sine-simplernn", "--set", "units"], "write FIELD=VALUE"),
        (["train", "no-such-recipe"], "is neither a recipe"),
        (["train", "missing.json"], "missing.json: no such file"),
        (["rollout", "missing.keras", "--steps", "3"], "missing.keras: no such file"),
        (["info", "missing.keras"], "missing.keras: no such file"),
        (["recipes", "--show", "nope"], "no recipe named 'nope'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_module_entry_point_reports_errors_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "random.keras"
    bad.write_bytes(b"\x00" * 64)
    result = subprocess.run([sys.executable, "-m", "rnnstudio.cli", "info", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(f"rnnstudio-cli: {bad}: not a valid .keras archive")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_version_is_printed(capsys) -> None:
    from rnnstudio import __version__

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and capsys.readouterr().out.strip() == f"rnnstudio-cli {__version__}"


@pytest.mark.slow
def test_a_closed_pipe_or_a_full_device_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from rnnstudio.core.history import History
    from rnnstudio.core.models import build_model
    from rnnstudio.core.storage import save_model

    experiment = recipe("sine-simplernn")
    model_file = tmp_path / "m.keras"
    save_model(model_file, build_model(experiment.model, experiment.samples, seed=0), experiment, History([0.5], [0.5]))
    reader = subprocess.Popen([sys.executable, "-m", "rnnstudio.cli", "rollout", str(model_file), "--steps", "50000"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # far more than a pipe buffers
    reader.stdout.read(10)
    reader.stdout.close()  # as `| head -c 10` does
    err = reader.stderr.read().decode()
    assert reader.wait() == 2 and err.count("\n") == 1 and "broken pipe" in err and "Traceback" not in err
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "rnnstudio.cli", "recipes"], stdout=full, stderr=subprocess.PIPE,
                              text=True)
    assert done.returncode == 2 and done.stderr.strip() == "rnnstudio-cli: No space left on device"


def test_gradients_writes_the_saved_runs_gradients_through_time(capsys, tmp_path: Path) -> None:
    from rnnstudio.core.memory import gradient_window, gradients_for
    from rnnstudio.core.numpy_network import NumpyNetwork
    from rnnstudio.core.storage import open_model

    model_file = tmp_path / "two.keras"
    code, _, err = run(capsys, "train", "sine-simplernn", "--epochs", "3", "--set", "model.layers=2",
                       "--set", "model.units=4", "--out", str(model_file))
    assert code == 0, err
    table = tmp_path / "gradients.csv"
    code, out, err = run(capsys, "gradients", str(model_file), "--epoch", "1", "--csv", str(table))
    assert code == 0, err
    rows = list(csv.reader(table.open()))
    assert rows[0] == ["steps_back", "input_sensitivity", "state_gradient", "state_gradient_layer1"]
    saved = open_model(model_file)
    window = gradient_window(saved.experiment, saved.data_series())
    expected = gradients_for(NumpyNetwork.from_keras(saved.model).with_weights(saved.snapshots.weights_at(1)),
                             saved.experiment, window)
    assert len(rows) - 1 == saved.experiment.samples.window == len(expected.steps_back)
    values = np.array(rows[1:], dtype=float)
    np.testing.assert_allclose(values[:, 1], expected.input_sensitivity, rtol=1e-8)
    np.testing.assert_allclose(values[:, 2], expected.state_gradient[1], rtol=1e-8)  # the top layer first
    np.testing.assert_allclose(values[:, 3], expected.state_gradient[0], rtol=1e-8)
    code, out, _ = run(capsys, "gradients", str(model_file))  # the last epoch, to stdout
    assert code == 0 and out.splitlines()[0].startswith("steps_back,") and not np.allclose(
        np.array([line.split(",") for line in out.splitlines()[1:]], dtype=float)[:, 1], values[:, 1])


def test_a_run_far_slower_than_its_estimate_says_so_from_its_first_epochs(capsys, monkeypatch) -> None:
    import rnnstudio.cli as cli
    import rnnstudio.cli_progress as cli_progress

    monkeypatch.setattr(cli, "training_seconds", lambda *a: 0.001)  # an estimate far too low
    monkeypatch.setattr(cli_progress, "MEASURED_AFTER", (3, 0.0))
    monkeypatch.setattr(cli_progress, "MISESTIMATED_BY", (2.0, 0.0))
    code, out, _ = run(capsys, "train", "sine-simplernn", "--epochs", "8")
    lines = out.splitlines()
    said = [line for line in lines if "at the pace of its first 3 epochs" in line]
    assert code == 0 and len(said) == 1 and "not under a second as estimated" in said[0]
    assert lines[lines.index(said[0]) + 1].startswith("epoch 3/8")  # said as soon as three epochs are measured
    monkeypatch.setattr(cli, "training_seconds", lambda *a: 1e6)  # an estimate the pace does not contradict
    _, out, _ = run(capsys, "train", "sine-simplernn", "--epochs", "8")
    assert "at the pace" not in out
