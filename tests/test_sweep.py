"""Sweeps: a grid of field values and seeds becomes validated runs, trained in worker
processes, one row per run."""

from __future__ import annotations

import json

import pytest

from rnnstudio.cli import main
from rnnstudio.core.experiment import ExperimentError
from rnnstudio.core.recipes import recipe
from rnnstudio.core.sweep import MAX_SWEEP_RUNS, Variation, parse_variation, sweep_points


def test_every_combination_and_seed_becomes_a_run() -> None:
    base = recipe("sine-simplernn")
    points = sweep_points(base, [parse_variation("model.kind=simple_rnn,lstm"), parse_variation("model.units=4,8,16")],
                          seeds=2)
    assert len(points) == 2 * 3 * 2
    assert [point.index for point in points] == list(range(12))
    last = points[-1]
    assert last.experiment.model.kind == "lstm" and last.experiment.model.units == 16
    assert last.experiment.train.seed == base.train.seed + 1 and last.seed == 1
    assert last.label == "model.kind=lstm, model.units=16, seed 1"
    assert last.experiment.data == base.data  # only the varied fields and the seed change


@pytest.mark.parametrize(("texts", "seeds", "message"), [
    (["model.unitz=1,2"], 1, "model has no field 'unitz'"),
    (["model.units"], 1, "write FIELD=V1,V2"),
    (["model.units=1,1"], 1, "listed twice"),
    (["model.units=0,4"], 1, "the sweep's run with model.units=0: model.units = 0: must be a whole number from 1"),
    (["model.units=4,8", "model.units=2"], 1, "a field is varied twice"),
    (["model.units=" + ",".join(map(str, range(1, 11))), "model.layers=1,2,3"], 3, f"at most {MAX_SWEEP_RUNS}"),
    (["model.units=4"], 0, "--seeds 0"),
])
def test_a_bad_sweep_is_refused_naming_the_field(texts: list[str], seeds: int, message: str) -> None:
    with pytest.raises(ExperimentError, match=message.replace("(", r"\(")):
        sweep_points(recipe("sine-simplernn"), [parse_variation(text) for text in texts], seeds)


def test_values_are_read_as_json_or_text() -> None:
    assert parse_variation("train.learning_rate=0.01,1e-3").values == (0.01, 0.001)
    assert parse_variation("model.kind=gru, lstm") == Variation("model.kind", ("gru", "lstm"))


@pytest.mark.slow
def test_a_2x2_sweep_from_the_command_line_prints_four_runs(capsys) -> None:
    code = main(["sweep", "sine-simplernn", "--vary", "train.learning_rate=0.01,0.02", "--vary",
                 "model.kind=simple_rnn,gru", "--set", "train.epochs=3", "--workers", "2", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == "run,train.learning_rate,model.kind,seed,epochs,loss,one_step_rmse,closed_loop_rmse,seconds,error"
    assert len(lines) == 1 + 4 + 1
    runs = json.loads(lines[-1])["runs"]
    assert [run["settings"] for run in runs] == [{"train.learning_rate": 0.01, "model.kind": "simple_rnn"},
                                                {"train.learning_rate": 0.01, "model.kind": "gru"},
                                                {"train.learning_rate": 0.02, "model.kind": "simple_rnn"},
                                                {"train.learning_rate": 0.02, "model.kind": "gru"}]
    assert all(run["epochs"] == 3 and run["error"] is None and 0 < run["one_step_rmse"] < 1 for run in runs)
    assert "4 runs on 2 worker processes" in err
