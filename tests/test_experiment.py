"""Experiments round-trip through JSON exactly and reject bad values with clear messages."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from rnnstudio.core.experiment import Experiment, ExperimentError
from rnnstudio.core.recipes import RECIPES, recipe
from rnnstudio.core.validation import validate


@pytest.mark.parametrize("name", list(RECIPES))
def test_recipe_round_trips_through_json_exactly(name: str) -> None:
    experiment = recipe(name)
    assert Experiment.from_json(experiment.to_json()) == experiment


@pytest.mark.parametrize("name", list(RECIPES))
def test_every_recipe_is_valid(name: str) -> None:
    assert validate(recipe(name)) == []


def test_recipes_carry_the_article_settings() -> None:
    r2 = recipe("pulse-lstm-stateful")
    assert (r2.model.kind, r2.model.units, r2.samples.layout, r2.train.epochs) == ("lstm", 20, "stateful", 400)
    assert recipe("sine-simplernn").train.learning_rate == 0.01
    assert recipe("sine-mlp-regression").model.layers == 4


def _with(section: str, **changes) -> Experiment:
    base = recipe("sine-simplernn")
    return dataclasses.replace(base, **{section: dataclasses.replace(getattr(base, section), **changes)})


BAD_VALUES = [
    (_with("model", units=-3), "model.units", "-3", "from 1 to 1024"),
    (_with("model", kind="transformer"), "model.kind", "'transformer'", "one of dense, simple_rnn, lstm, gru"),
    (_with("model", layers=4), "model.layers", "4", "from 1 to 3"),
    (_with("samples", window=500), "samples.window", "500", "at most 199"),
    (_with("train", optimizer="adamw"), "train.optimizer", "'adamw'", "one of adam, sgd"),
    (_with("train", learning_rate=0.0), "train.learning_rate", "0.0", "greater than 0"),
    (_with("train", learning_rate=float("nan")), "train.learning_rate", "nan", "greater than 0"),
    (_with("train", validation_fraction=0.95), "train.validation_fraction", "0.95", "from 0.0 to 0.9"),
    (_with("train", validation_fraction=-0.1), "train.validation_fraction", "-0.1", "from 0.0 to 0.9"),
    (_with("train", epochs=0), "train.epochs", "0", "whole number from 1"),
    (_with("data", noise="pink"), "data.noise", "'pink'", "one of none, uniform, normal"),
    (_with("data", t_step=0.0), "data.t_step", "0.0", "greater than 0"),
    (_with("rollout", warmup=5), "rollout.warmup", "5", "from 20"),
]


@pytest.mark.parametrize(("experiment", "field", "value", "allowed"), BAD_VALUES)
def test_bad_value_is_rejected_naming_field_value_and_allowed(experiment, field, value, allowed) -> None:
    errors = validate(experiment)
    assert errors[0].field == field
    message = errors[0].message
    assert message.startswith(f"{field} = {value}")
    assert allowed in message


def test_stateful_batch_size_must_match_the_streams() -> None:
    base = recipe("pulse-lstm-stateful")
    bad = dataclasses.replace(base, train=dataclasses.replace(base.train, batch_size=4))
    (error,) = validate(bad)
    assert error.field == "train.batch_size" and "number of streams (3)" in error.message


def test_stateful_window_must_divide_the_series() -> None:
    base = recipe("pulse-lstm-stateful")
    bad = dataclasses.replace(base, samples=dataclasses.replace(base.samples, window=40))
    assert "must divide the series length 150" in validate(bad)[0].message


def test_csv_window_is_checked_once_the_length_is_known() -> None:
    base = _with("data", kind="csv", path="series.csv", column="value")
    assert validate(base) == []
    assert validate(base, series_length=15)[0].field == "samples.window"


def test_unknown_and_mistyped_fields_are_refused_by_name() -> None:
    raw = recipe("sine-simplernn").to_dict()
    raw["model"]["unitz"] = 3
    with pytest.raises(ExperimentError, match="model.unitz is not a known field"):
        Experiment.from_dict(raw)
    raw = recipe("sine-simplernn").to_dict()
    raw["train"]["epochs"] = "ten"
    with pytest.raises(ExperimentError, match="train.epochs = 'ten': must be a whole number"):
        Experiment.from_dict(raw)
    with pytest.raises(ExperimentError, match="not valid JSON"):
        Experiment.from_json("{oops")


def test_json_is_plain_data() -> None:
    raw = json.loads(recipe("pulse-lstm-stateful").to_json())
    assert raw["samples"]["stream_shifts"] == [0, 3, 6]


def test_core_does_not_import_qt() -> None:
    code = "import sys, rnnstudio.core.trainer, rnnstudio.core.storage; print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def replaced(experiment: Experiment, **sections: dict) -> Experiment:
    return dataclasses.replace(experiment, **{name: dataclasses.replace(getattr(experiment, name), **fields)
                                              for name, fields in sections.items()})


def test_sizes_that_are_valid_alone_are_refused_together_when_they_would_not_fit() -> None:
    base = recipe("sine-simplernn")
    samples = replaced(base, data={"length": 100_000}, samples={"window": 20_000}, rollout={"warmup": 20_000, "steps": 10})
    (error,) = validate(samples)
    assert error.field == "samples.window" and "80,000 samples of 20,001 values" in error.message and "GB" in error.message
    huge = replaced(base, model={"kind": "lstm", "units": 1024})
    (error,) = validate(huge)
    assert error.field == "rollout.steps" and "at most 178 in all" in error.message
    assert not validate(replaced(huge, rollout={"steps": 170}))
    long_rollout = replaced(recipe("pulse-lstm-stateful"), model={"units": 1024}, rollout={"steps": 100_000})
    assert {e.field for e in validate(long_rollout)} == {"rollout.steps"}


def test_early_stopping_needs_a_validation_part_to_watch() -> None:
    base = recipe("sine-simplernn")
    watching = dataclasses.replace(base, train=dataclasses.replace(base.train, early_stopping=10, validation_fraction=0.2))
    assert validate(watching) == []
    (error,) = validate(dataclasses.replace(watching, train=dataclasses.replace(watching.train, validation_fraction=0.0)))
    assert error.field == "train.early_stopping" and "needs a validation part" in error.message
    (error,) = validate(dataclasses.replace(base, train=dataclasses.replace(base.train, early_stopping=-1)))
    assert error.field == "train.early_stopping"


def test_a_refit_is_a_share_from_0_to_1_of_the_kept_epochs_and_only_follows_early_stopping() -> None:
    base = recipe("sine-simplernn")
    stopping = replaced(base, train={"early_stopping": 10, "validation_fraction": 0.2, "refit": 0.25})
    assert validate(stopping) == [] and stopping.train.refit_epochs(10) == 3 and base.train.refit_epochs(10) == 0
    assert stopping.train.refit_epochs(12) == 3 and replaced(stopping, train={"refit": 0.1}).train.refit_epochs(30) == 3
    not_stopping = replaced(stopping, train={"early_stopping": 0})
    assert validate(not_stopping) == [] and not_stopping.train.refit_epochs(10) == 0
    (error,) = validate(replaced(stopping, train={"refit": 1.5}))
    assert error.field == "train.refit" and "from 0.0 to 1.0" in error.message


def test_a_training_step_too_long_for_stop_to_act_within_a_second_is_refused() -> None:
    base = replaced(recipe("sine-simplernn"), model={"kind": "lstm", "units": 1024},
                    data={"length": 3000}, samples={"window": 64}, rollout={"warmup": 64, "steps": 10})
    (error,) = validate(replaced(base, train={"batch_size": 10}))
    assert error.field == "train.batch_size" and "Stop acts between steps" in error.message
    fits = int(error.message.rsplit("at most ", 1)[1].split()[0])  # "...: at most N samples per batch here"
    assert 1 <= fits < 10 and not validate(replaced(base, train={"batch_size": fits}))
    assert validate(replaced(base, train={"batch_size": fits + 1}))
    (error,) = validate(replaced(base, samples={"window": 2000}, rollout={"warmup": 2000, "steps": 1},
                                 train={"batch_size": 1}))
    assert error.field == "samples.window" and "use a shorter window" in error.message
    stateful = replaced(recipe("pulse-lstm-stateful"), model={"units": 1024, "layers": 3})
    assert [e.field for e in validate(stateful)] == ["samples.window"]  # its batch is one row per stream
