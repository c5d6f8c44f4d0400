"""Saving and opening model files: exact round trips, plain-Keras compatibility, refusals."""

from __future__ import annotations

import dataclasses
import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.core import storage
from rnnstudio.core.inference import NumpyNetwork, predict
from rnnstudio.core.recipes import RECIPES, recipe
from rnnstudio.core.storage import ModelFileError, open_model, save_model
from rnnstudio.core.trainer import Trainer


def short(name: str, epochs: int = 2):
    experiment = recipe(name)
    return dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=epochs))


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Path, object, object]:
    experiment = short("sine-simplernn")
    trainer = Trainer(experiment)
    result = trainer.run()
    path = tmp_path_factory.mktemp("saved") / "model.keras"
    save_model(path, result.model, experiment, result.history)
    return path, experiment, result


@pytest.mark.parametrize("name", list(RECIPES))
def test_every_recipe_round_trips(tmp_path: Path, name: str) -> None:
    experiment = short(name)
    trainer = Trainer(experiment)
    result = trainer.run()
    path = tmp_path / f"{name}.keras"
    save_model(path, result.model, experiment, result.history)
    saved = open_model(path)
    assert saved.from_studio
    assert saved.experiment == experiment
    assert saved.history == result.history
    assert all(np.array_equal(a, b) for a, b in zip(saved.model.get_weights(), result.model.get_weights()))
    x = trainer.samples.x
    assert np.array_equal(predict(NumpyNetwork.from_keras(saved.model), x),
                          predict(NumpyNetwork.from_keras(result.model), x))


def test_plain_keras_opens_a_studio_file(trained) -> None:
    import keras

    path, _, result = trained
    model = keras.models.load_model(path)
    x = np.linspace(-1, 1, 20, dtype=np.float32).reshape(1, 20, 1)
    assert np.allclose(model.predict(x, verbose=0), result.model.predict(x, verbose=0))


def test_studio_opens_a_plain_keras_file(tmp_path: Path) -> None:
    import keras

    model = keras.Sequential([keras.Input((12, 1)), keras.layers.GRU(6), keras.layers.Dense(1)])
    path = tmp_path / "theirs.keras"
    model.save(path)
    saved = open_model(path)
    assert not saved.from_studio and saved.history.loss == []
    assert (saved.experiment.model.kind, saved.experiment.model.units) == ("gru", 6)
    assert (saved.experiment.samples.layout, saved.experiment.samples.window) == ("windows", 12)
    x = np.random.default_rng(0).standard_normal((4, 12, 1)).astype(np.float32)
    assert np.max(np.abs(predict(NumpyNetwork.from_keras(saved.model), x) - model.predict(x, verbose=0))) <= 1e-5


def test_a_lambda_model_is_refused_and_its_code_never_runs(tmp_path: Path) -> None:
    import keras

    marker = tmp_path / "marker.txt"

    def touch_marker(x):
        marker.write_text("code from the file ran")
        return x

    inputs = keras.Input((5, 1))
    hidden = keras.layers.Lambda(lambda x, f=touch_marker: f(x))(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.LSTM(3)(hidden)))
    path = tmp_path / "evil.keras"
    model.save(path)
    marker.unlink()
    with pytest.raises(ModelFileError) as caught:
        open_model(path)
    assert str(caught.value) == f"{path}: the model uses 'Lambda', which RNN Studio does not open (only Dense, SimpleRNN, LSTM and GRU models)"
    assert not marker.exists()


def rewrite_archive(source: Path, target: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for name in original.namelist():
            if name not in replace:
                copy.writestr(name, original.read(name))
        for name, data in replace.items():
            copy.writestr(name, data)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p, good: p.write_bytes(b""), "the file is empty"),
        (lambda p, good: p.write_bytes(os.urandom(4096)), "not a valid .keras archive"),
        (lambda p, good: p.write_bytes(good.read_bytes()[: good.stat().st_size // 2]), "not a valid .keras archive"),
        (lambda p, good: rewrite_archive(good, p, {"../escape.txt": b"x"}), "archive member '../escape.txt' has an unsafe path"),
        (lambda p, good: rewrite_archive(good, p, {"config.json": b" " * (5 * 2**20)}), "archive member config.json is 5,242,880 bytes"),
        (lambda p, good: rewrite_archive(good, p, {"config.json": b"{not json"}), "config.json is not valid JSON"),
        (lambda p, good: rewrite_archive(good, p, {"config.json": json.dumps(
            {"module": "keras.layers", "class_name": "Conv1D", "config": {}}).encode()}), "the model uses 'Conv1D'"),
        (lambda p, good: rewrite_archive(good, p, {"model.weights.h5": os.urandom(300)}), "model.weights.h5 is not a readable HDF5 file"),
    ],
    ids=["empty", "random-bytes", "truncated", "path-trick", "oversized-member", "bad-config", "unknown-class", "bad-weights"],
)
def test_damaged_or_foreign_files_get_one_clear_line(tmp_path: Path, trained, make, reason: str) -> None:
    path = tmp_path / "bad.keras"
    make(path, trained[0])
    with pytest.raises(ModelFileError) as caught:
        open_model(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message
    assert "\n" not in message


def test_metadata_that_fails_validation_is_refused(tmp_path: Path, trained) -> None:
    good, experiment, result = trained
    studio = json.loads(zipfile.ZipFile(good).read("rnnstudio.json"))
    studio["experiment"]["train"]["learning_rate"] = -1
    path = tmp_path / "bad-meta.keras"
    rewrite_archive(good, path, {"rnnstudio.json": json.dumps(studio).encode()})
    with pytest.raises(ModelFileError, match=r"rnnstudio.json: train.learning_rate = -1.0: must be a number greater than 0"):
        open_model(path)


def test_metadata_from_a_newer_format_is_refused(tmp_path: Path, trained) -> None:
    good = trained[0]
    studio = json.loads(zipfile.ZipFile(good).read("rnnstudio.json"))
    studio["format_version"] = 99
    path = tmp_path / "newer.keras"
    rewrite_archive(good, path, {"rnnstudio.json": json.dumps(studio).encode()})
    with pytest.raises(ModelFileError, match="has format 99; this RNN Studio reads format 1"):
        open_model(path)


def test_h5_files_and_folders_are_refused(tmp_path: Path) -> None:
    legacy = tmp_path / "model.h5"
    legacy.write_bytes(b"\x89HDF\r\n\x1a\n")
    with pytest.raises(ModelFileError, match="legacy .h5 model files are not opened"):
        open_model(legacy)
    folder = tmp_path / "folder.keras"
    folder.mkdir()
    with pytest.raises(ModelFileError, match="is a folder"):
        open_model(folder)
    with pytest.raises(ModelFileError, match="no such file"):
        open_model(tmp_path / "missing.keras")


@pytest.mark.parametrize("failure", ["disk-full-while-writing", "replace-denied"])
def test_a_failed_save_leaves_the_previous_file_intact(tmp_path: Path, trained, monkeypatch, failure: str) -> None:
    _, experiment, result = trained
    path = tmp_path / "model.keras"
    save_model(path, result.model, experiment, result.history)
    before = path.read_bytes()
    if failure == "disk-full-while-writing":
        def full_disk(self, filepath, *args, **kwargs):
            Path(filepath).write_bytes(b"PK partial")
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(type(result.model), "save", full_disk)
    else:
        def denied(*args):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(storage.os, "replace", denied)
    with pytest.raises(ModelFileError) as caught:
        save_model(path, result.model, experiment, result.history)
    assert "could not save" in str(caught.value) and "previous file is unchanged" in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.keras"]


def test_saving_needs_the_keras_extension(tmp_path: Path, trained) -> None:
    _, experiment, result = trained
    with pytest.raises(ModelFileError, match="must end in .keras"):
        save_model(tmp_path / "model.h5", result.model, experiment, result.history)
