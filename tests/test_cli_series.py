"""A user's own series from the command line: defaults, scores against baselines, forecasts,
and the data travelling with the model."""

from __future__ import annotations

import contextlib
import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from series_maker import write_sales_csv

from rnnstudio.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Path, Path, dict]:
    folder = tmp_path_factory.mktemp("sales")
    data = write_sales_csv(folder / "sales.csv", gaps=(40,))
    model = folder / "sales.keras"
    out, progress = StringIO(), StringIO()  # module fixtures cannot take capsys
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(progress):
        code = main(["train", str(data), "--column", "sales", "--out", str(model), "--json"])
    assert code == 0
    return data, model, {**json.loads(out.getvalue().strip().splitlines()[-1]), "progress": progress.getvalue()}


def test_a_monthly_sales_csv_trains_with_defaults_and_beats_persistence(trained) -> None:
    _, _, summary = trained
    metrics = summary["metrics"]
    rows = {row["name"]: row for row in metrics["rows"]}
    names = list(rows)
    assert names[:4] == ["network", "persistence", "seasonal naive (12)", "linear AR (24)"]
    assert names[4].startswith("ETS(") and names[5].startswith("ARIMA(") and len(names) == 6
    assert all(row["smape"] > 0 for row in rows.values())
    assert metrics["season"] == 12 and metrics["held_out"] == "the validation part"
    assert rows["network"]["mae"] < rows["persistence"]["mae"] and rows["network"]["mase"] < 1
    assert 10 < rows["network"]["mae"] < 200  # in the data's own units (sales in the thousands)
    assert len(rows["network"]["closed_loop_rmse"]) == 24
    assert metrics["best"]["mae"] in rows


def test_the_forecast_continues_the_dates_and_follows_the_trend(trained, capsys, tmp_path: Path) -> None:
    _, model, _ = trained
    out_file = tmp_path / "forecast.csv"
    code, _, err = run(capsys, "forecast", str(model), "--steps", "24", "--csv", str(out_file))
    assert code == 0, err
    rows = list(csv.reader(out_file.open()))
    assert rows[0] == ["date", "value"] and rows[1][0] == "2025-01-01" and rows[24][0] == "2026-12-01"
    forecast = [float(value) for _, value in rows[1:]]
    last_year = [float(line.split(",")[1]) for line in Path(trained[0]).read_text().splitlines()[-12:]]
    assert sum(forecast) / 24 > sum(last_year) / 12 + 20  # the trend goes on (about +4.7 a month)


def test_the_model_keeps_its_data_when_the_csv_moves(trained, capsys, tmp_path: Path) -> None:
    data, model, _ = trained
    moved = model.read_bytes()
    copy = tmp_path / "elsewhere.keras"
    copy.write_bytes(moved)
    data.rename(data.with_suffix(".moved"))
    try:
        code, out, err = run(capsys, "info", str(copy), "--json")
        assert code == 0, err
        info = json.loads(out)
        assert info["metrics"]["rows"][0]["name"] == "network"
        code, out, err = run(capsys, "forecast", str(copy), "--steps", "3")
        assert code == 0 and out.splitlines()[1].startswith("2025-01-01,")
    finally:
        data.with_suffix(".moved").rename(data)


def test_info_prints_the_metrics_table_with_the_best_marked(trained, capsys) -> None:
    _, model, _ = trained
    code, out, _ = run(capsys, "info", str(model))
    assert code == 0 and "held out: the validation part" in out and "persistence" in out and "*" in out


def test_the_refit_after_early_stopping_is_reported_and_scored_by_the_kept_epoch_also_when_reopened(
        trained, capsys) -> None:
    _, model, summary = trained
    kept, first = summary["refit"]
    assert summary["kept_epoch"] == kept < first <= summary["epochs_run"] and summary["val_loss"] is not None
    assert f"epoch {first}/{summary['epochs_run']}  loss" in summary["progress"]  # each refit epoch says so
    assert summary["progress"].count(f"refit on every sample from epoch {kept}  ") == summary["epochs_run"] - first + 1
    code, out, _ = run(capsys, "info", str(model), "--json")
    info = json.loads(out)
    assert code == 0 and info["val_loss"] is None  # the model's own last epoch trained on the validation part
    scored = {row["name"]: row["mae"] for row in info["metrics"]["rows"]}
    assert scored["network"] == pytest.approx(summary["metrics"]["rows"][0]["mae"], rel=1e-6)  # the kept epoch's
    code, out, _ = run(capsys, "info", str(model))
    assert f"refit:       from epoch {kept}" in out and f"the scores are epoch {kept}'s" in out


def test_a_relative_csv_path_in_an_experiment_json_is_stored_resolved(trained, capsys, tmp_path: Path) -> None:
    data, _, _ = trained
    raw = json.loads(json.dumps({"data": {"kind": "csv", "path": data.name, "column": "sales", "scaling": "difference",
                                          "missing": "interpolate"},
                                 "samples": {"layout": "windows", "window": 12}, "model": {"kind": "gru", "units": 4},
                                 "train": {"epochs": 1, "validation_fraction": 0.2}, "rollout": {"warmup": 12, "steps": 5}}))
    experiment_file = data.parent / "exp.json"
    experiment_file.write_text(json.dumps(raw))
    out_model = tmp_path / "rel.keras"
    code, _, err = run(capsys, "train", str(experiment_file), "--out", str(out_model))
    assert code == 0, err
    code, out, _ = run(capsys, "info", str(out_model), "--json")
    assert json.loads(out)["experiment"]["data"]["path"] == str(data.resolve())


def test_a_diverging_unscaled_run_names_the_cause(capsys, tmp_path: Path) -> None:
    data = write_sales_csv(tmp_path / "raw.csv")
    code, out, err = run(capsys, "train", str(data), "--set", "data.scaling=none", "--set", "train.optimizer=sgd",
                         "--set", "train.learning_rate=0.5", "--set", "model.highway=false", "--epochs", "5")
    assert "diverged" in out and "not scaled" in out and "Scaling: standard" in out


def test_a_three_row_csv_still_trains_with_its_defaults(capsys, tmp_path: Path) -> None:
    data = tmp_path / "tiny.csv"
    data.write_text("date,v\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n")
    code, _, err = run(capsys, "train", str(data), "--epochs", "2", "--json")
    assert code == 0, err
