"""Scaling inside the model: raw values in and out, fitted on the training part only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from series_maker import write_sales_csv

from rnnstudio.core.experiment import DataSpec, Experiment, ModelSpec, RolloutSpec, SampleSpec, TrainSpec
from rnnstudio.core.inference import NumpyNetwork, predict_next
from rnnstudio.core.scaling import Scaler
from rnnstudio.core.storage import open_model, save_model
from rnnstudio.core.trainer import Trainer


def sales_experiment(csv: Path, scaling: str, epochs: int = 3, kind: str = "lstm") -> Experiment:
    return Experiment(
        name="sales", data=DataSpec(kind="csv", path=str(csv), column="sales", scaling=scaling),
        samples=SampleSpec(layout="windows", window=12), model=ModelSpec(kind=kind, units=8),
        train=TrainSpec(epochs=epochs, batch_size=16, learning_rate=0.01, validation_fraction=0.2, seed=1),
        rollout=RolloutSpec(start=0, warmup=12, steps=24))


@pytest.fixture(scope="module")
def sales_csv(tmp_path_factory) -> Path:
    return write_sales_csv(tmp_path_factory.mktemp("data") / "sales.csv")


@pytest.mark.parametrize("scaling", ["standard", "minmax", "difference"])
def test_scaled_models_take_and_give_raw_values_in_plain_keras(sales_csv: Path, tmp_path: Path, scaling: str) -> None:
    import keras

    trainer = Trainer(sales_experiment(sales_csv, scaling))
    result = trainer.run()
    path = tmp_path / f"{scaling}.keras"
    save_model(path, result.model, trainer.experiment, result.history, result.snapshots)
    plain = keras.models.load_model(path)  # no studio code: raw in, raw out
    frames = trainer.samples.x[:50]
    keras_out = plain.predict(frames, verbose=0)[:, 0]
    studio_out = predict_next(NumpyNetwork.from_keras(open_model(path).model), frames)
    assert np.max(np.abs(keras_out - studio_out)) <= 1e-5 * np.max(np.abs(studio_out))  # float32 Keras at ~10^3
    assert 300 < np.median(studio_out) < 3000  # in the data's own units
    assert open_model(path).experiment.data.scaling == scaling


def test_the_scaler_sees_only_the_training_part(sales_csv: Path, tmp_path: Path) -> None:
    lines = sales_csv.read_text().splitlines()
    changed = tmp_path / "changed.csv"
    held_out = 1 + 242  # header + the training part: every later row is a validation target
    changed.write_text("\n".join(lines[:held_out] + [f"{line.split(',')[0]},99999" for line in lines[held_out:]]) + "\n")
    original = Trainer(sales_experiment(sales_csv, "standard"))
    with_new_validation = Trainer(sales_experiment(changed, "standard"))
    assert with_new_validation.training_end == original.training_end == 12 + int(288 * 0.8)  # first validation target
    assert with_new_validation.scaler == original.scaler
    changed.write_text("\n".join(lines[:2] + ["2000-02-01,99999"] + lines[3:]) + "\n")  # a training value
    assert Trainer(sales_experiment(changed, "standard")).scaler != original.scaler


def test_scaling_lets_an_lstm_learn_values_in_the_thousands(sales_csv: Path) -> None:
    raw = Trainer(sales_experiment(sales_csv, "none", epochs=30)).run()
    scaled = Trainer(sales_experiment(sales_csv, "standard", epochs=30)).run()
    assert scaled.history.val_loss[-1] < 1.0 < 1e3 < raw.history.val_loss[-1]  # below the variance of the scaled data


def test_minmax_maps_the_training_range_onto_minus_one_to_one() -> None:
    scaler = Scaler.fit("minmax", np.array([100.0, 300.0, 200.0]))
    assert scaler.model_input(np.array([[[100.0], [300.0]]])).ravel() == pytest.approx([-1.0, 1.0])


def test_difference_needs_the_windows_layout(sales_csv: Path) -> None:
    from rnnstudio.core.validation import validate

    experiment = sales_experiment(sales_csv, "difference")
    stateful = dataclasses.replace(experiment, samples=SampleSpec(layout="sequence", window=12))
    assert [e.field for e in validate(stateful, 300)] == ["data.scaling"]
