"""Training time is estimated from the sizes before anything runs, and a long CSV's defaults
are kept to about a minute of training."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from rnnstudio import cli
from rnnstudio.core.csv_defaults import experiment_for_csv
from rnnstudio.core.estimate import in_words, training_seconds
from rnnstudio.core.recipes import recipe
from rnnstudio.core.validation import validate


def test_the_estimate_grows_with_epochs_series_and_network() -> None:
    base = recipe("sine-simplernn")
    seconds = training_seconds(base, base.data.length)
    more_epochs = dataclasses.replace(base, train=dataclasses.replace(base.train, epochs=100))
    bigger = dataclasses.replace(base, model=dataclasses.replace(base.model, kind="lstm", units=256))
    assert training_seconds(more_epochs, base.data.length) > 9 * seconds
    assert training_seconds(base, 10 * base.data.length) > 5 * seconds
    assert training_seconds(bigger, base.data.length) > 2 * seconds
    assert [in_words(s) for s in (0.4, 40, 400, 40_000)] == ["under a second", "about 40 s", "about 7 min", "about 11 h"]


def test_a_million_row_csv_starts_with_about_a_minute_of_training(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    values = np.sin(2 * np.pi * np.arange(1_000_000) / 12)  # a monthly season, 83,000 years of it
    path.write_text("value\n" + "\n".join(f"{v:.4f}" for v in values) + "\n")
    experiment = experiment_for_csv(path)
    assert 5 <= experiment.train.epochs < 150 and experiment.rollout.steps == 1000
    assert training_seconds(experiment, len(values)) < 90 and not validate(experiment, len(values))


def test_the_cli_says_how_long_a_long_run_will_take_before_it_starts(capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "training_seconds", lambda experiment, length: 3 * 3600.0)
    code = cli.main(["train", "sine-simplernn", "--epochs", "1", "--set", "model.units=4"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0 and out[0] == ("sine-simplernn: training takes about 3 h here (estimate); "
                                    "Ctrl+C stops it and keeps what it has learned")
