"""A corpus of broken, hostile and clumsy inputs, made on the fly: model files, experiment
JSON files and CSV series, each of a kind that once cost minutes, gigabytes, a traceback or
a silent wrong answer. :func:`make_corpus` writes them into a folder; each item says which
commands it is fed to. ``tests/corpus_runner.py`` feeds them; ``test_hostile_inputs.py``
judges the outcome."""

from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

Maker = Callable[[Path], Path]


@dataclass(frozen=True)
class Item:
    """One corpus entry: ``make(folder)`` writes it and returns its path; ``commands`` are
    the CLI commands it is fed to (``info``, ``rollout``, ``forecast``, ``train``, ``open``
    for the window)."""

    name: str
    kind: str
    make: Maker
    commands: tuple[str, ...]
    expected: tuple[float, ...] | None = None  # a CSV's values, where it must parse (not be refused)


MODEL_COMMANDS = ("info", "rollout", "forecast", "open")
TRAIN_COMMANDS = ("train",)


# ---- model files ---------------------------------------------------------------------------

def _plain_model(build: Callable[[Any], Any], compile_it: bool = False) -> bytes:
    """The bytes of a plain Keras ``.keras`` file of ``build(keras)``."""
    import tempfile

    import keras

    model = build(keras)
    if compile_it:
        model.compile(optimizer="adam", loss="mse")
        model.fit(np.zeros((4,) + tuple(model.inputs[0].shape[1:]), "float32"),
                  np.zeros((4,) + tuple(model.outputs[0].shape[1:]), "float32"), verbose=0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.keras"
        model.save(path)
        return path.read_bytes()


def _lstm(keras: Any, features: int = 1, **layer: Any) -> Any:
    return keras.Sequential([keras.Input((10, features)), keras.layers.LSTM(4, **layer), keras.layers.Dense(1)])


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _archive(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _edit_config(data: bytes, edit: Callable[[dict], None]) -> bytes:
    members = _members(data)
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config).encode()
    return _archive(members)


def _layer(config: dict, class_name: str) -> dict:
    return next(layer for layer in config["config"]["layers"] if layer["class_name"] == class_name)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _huge_hdf5_dataset() -> bytes:
    """A small HDF5 file declaring a 3.9 GiB chunked, compressed float dataset."""
    import h5py

    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as h5:
        group = h5.create_group("layers/lstm/cell/vars")
        group.create_dataset("0", shape=(1_000_000, 1024), dtype="float32", chunks=(1024, 1024),
                             compression="gzip", fillvalue=1.0)
    return buffer.getvalue()


def _flag_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' bit of every member (local and central headers)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            flags = struct.unpack_from("<H", out, start + offset)[0]
            struct.pack_into("<H", out, start + offset, flags | 1)
            start += 4
    return bytes(out)


def _compression_method(data: bytes, method: int) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            struct.pack_into("<H", out, start + offset, method)
            start += 4
    return bytes(out)


def _bomb(base: bytes) -> bytes:
    """The weights member replaced by 300 MiB of zeros, deflated to well under 1 MiB."""
    members = _members(base)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, member in members.items():
            if name != "model.weights.h5":
                archive.writestr(name, member)
        with archive.open("model.weights.h5", "w", force_zip64=True) as stream:
            block = bytes(2**20)
            for _ in range(300):
                stream.write(block)
    return buffer.getvalue()


def _studio_edit(studio_file: bytes, edit: Callable[[dict], Any], raw: str | None = None) -> bytes:
    members = _members(studio_file)
    studio = json.loads(members["rnnstudio.json"])
    edit(studio)
    members["rnnstudio.json"] = (raw if raw is not None else json.dumps(studio)).encode()
    return _archive(members)


def _drop(studio_file: bytes, *names: str) -> bytes:
    return _archive({name: data for name, data in _members(studio_file).items() if name not in names})


def model_items(studio_file: bytes) -> list[Item]:
    """Model-file items; ``studio_file`` is a valid small studio ``.keras`` file (R1-like)."""
    import keras  # noqa: F401 - the plain models below are built with it

    def bytes_item(name: str, make_bytes: Callable[[], bytes], suffix: str = ".keras") -> Item:
        def make(folder: Path) -> Path:
            path = folder / f"{name}{suffix}"
            path.write_bytes(make_bytes())
            return path
        return Item(name, "model", make, MODEL_COMMANDS)

    plain = _plain_model(_lstm)

    def set_units(units: int, initializer: str | None = None) -> bytes:
        def edit(config: dict) -> None:
            layer = _layer(config, "LSTM")["config"]
            layer["units"] = units
            if initializer:
                layer["recurrent_initializer"] = {"module": "keras.initializers", "class_name": initializer,
                                                  "config": {}, "registered_name": None}
        return _edit_config(plain, edit)

    def stateful_batch(config: dict) -> None:
        config["config"]["layers"][0]["config"]["batch_shape"] = [100_000_000, 10, 1]
        _layer(config, "LSTM")["config"]["stateful"] = True

    def listed_class(config: dict) -> None:
        _layer(config, "LSTM")["class_name"] = ["LSTM"]

    def dict_module(config: dict) -> None:
        _layer(config, "LSTM")["module"] = {"a": 1}

    def layer_activation(config: dict) -> None:
        _layer(config, "LSTM")["config"]["activation"] = {"module": "keras.layers", "class_name": "ReLU",
                                                         "config": {}, "registered_name": None}

    def home_csv(studio: dict) -> None:
        studio["experiment"]["data"].update(kind="csv", path="/proc/self/environ", column=0)
        studio.pop("series", None)

    def escape_name(studio: dict) -> None:
        studio["experiment"]["name"] = "evil\x1b[2J\x1b]0;owned\x07\nsecond line"

    def big_float(studio: dict) -> None:
        studio["experiment"]["train"]["learning_rate"] = 10**400

    def huge_rollout(studio: dict) -> None:
        studio["experiment"]["rollout"]["steps"] = 1_000_000

    studio_text = _members(studio_file)["rnnstudio.json"].decode()
    digits = re.sub(r'"epochs": \d+', '"epochs": 1' + "0" * 5000, studio_text, count=1)
    weights_member = {**_members(plain), "model.weights.h5": _huge_hdf5_dataset()}
    return [
        bytes_item("hdf5_dataset_declares_3_9_GiB", lambda: _archive(weights_member)),
        bytes_item("stateful_batch_100_million", lambda: _edit_config(plain, stateful_batch)),
        bytes_item("lstm_units_16384", lambda: set_units(16384)),
        bytes_item("lstm_units_4096_orthogonal", lambda: set_units(4096, "Orthogonal")),
        bytes_item("weights_member_300_MiB_deflated", lambda: _bomb(plain)),
        bytes_item("class_name_is_a_list", lambda: _edit_config(plain, listed_class)),
        bytes_item("module_is_a_dict", lambda: _edit_config(plain, dict_module)),
        bytes_item("config_nested_100000_deep", lambda: _archive({**_members(plain),
                                                                  "config.json": _nested(100_000).encode()})),
        bytes_item("studio_json_nested_100000_deep", lambda: _studio_edit(studio_file, lambda s: None,
                                                                         raw=_nested(100_000))),
        bytes_item("float_field_400_digits", lambda: _studio_edit(studio_file, big_float)),
        bytes_item("epochs_5000_digits", lambda: _studio_edit(studio_file, lambda s: None, raw=digits)),
        bytes_item("member_flagged_encrypted", lambda: _flag_encrypted(plain)),
        bytes_item("compression_method_99", lambda: _compression_method(plain, 99)),
        bytes_item("compression_deflate64", lambda: _compression_method(plain, 9)),
        bytes_item("gru_with_3_input_features", lambda: _plain_model(
            lambda k: k.Sequential([k.Input((10, 3)), k.layers.GRU(4), k.layers.Dense(1)]))),
        bytes_item("dense_on_3d_input", lambda: _plain_model(
            lambda k: k.Sequential([k.Input((10, 1)), k.layers.Dense(4), k.layers.Dense(1)]))),
        bytes_item("go_backwards", lambda: _plain_model(lambda k: _lstm(k, go_backwards=True))),
        bytes_item("activation_as_layer_dict", lambda: _edit_config(plain, layer_activation)),
        bytes_item("compiled_and_fitted_plain_model", lambda: _plain_model(_lstm, compile_it=True)),
        bytes_item("truncated_archive", lambda: plain[: len(plain) // 2]),
        bytes_item("not_a_zip", lambda: b"this is not a model\n" * 10),
        bytes_item("empty_file", lambda: b""),
        bytes_item("legacy_h5", lambda: plain, suffix=".h5"),
        bytes_item("csv_path_points_at_proc_environ", lambda: _drop(_studio_edit(studio_file, home_csv),
                                                                     "rnnstudio_series.npz")),
        bytes_item("name_with_terminal_escapes", lambda: _studio_edit(studio_file, escape_name)),
        bytes_item("rollout_steps_one_million", lambda: _studio_edit(studio_file, huge_rollout)),
        Item("a_folder", "model", lambda folder: _mkdir(folder / "folder.keras"), MODEL_COMMANDS),
        Item("a_fifo", "model", lambda folder: _fifo(folder / "fifo.keras"), MODEL_COMMANDS),
    ]


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# ---- experiments and CSV series --------------------------------------------------------------

def _experiment(**sections: dict) -> str:
    from rnnstudio.core.recipes import RECIPES

    raw = RECIPES["sine-simplernn"].to_dict()
    for section, fields in sections.items():
        raw[section].update(fields)
    return json.dumps(raw)


def text_item(name: str, kind: str, text: str | bytes, suffix: str, expected: np.ndarray | None = None) -> Item:
    """An item whose file holds ``text`` (and, for a CSV that must parse, its ``expected`` values)."""
    def make(folder: Path) -> Path:
        path = folder / f"{name}{suffix}"
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
        return path
    return Item(name, kind, make, TRAIN_COMMANDS, None if expected is None else tuple(expected.tolist()))


def series_items() -> list[Item]:
    """Experiment JSON and CSV items for ``train``."""
    wave = np.round(np.sin(np.arange(60) / 5), 3)
    rows = "\n".join(f"{i},{v:.4f}" for i, v in enumerate(wave))
    return [
        text_item("length_10M_window_100k", "experiment",
                  _experiment(data={"length": 10_000_000}, samples={"window": 100_000},
                              rollout={"warmup": 100_000, "steps": 10}), ".json"),
        text_item("length_100k_window_20k", "experiment",
                  _experiment(data={"length": 100_000}, samples={"window": 20_000},
                              rollout={"warmup": 20_000, "steps": 10}), ".json"),
        text_item("experiment_nested_100000_deep", "experiment", _nested(100_000), ".json"),
        text_item("experiment_float_400_digits", "experiment",
                  _experiment(train={"learning_rate": 10**400}), ".json"),
        text_item("experiment_epochs_5000_digits", "experiment",
                  _experiment().replace('"epochs": 10', '"epochs": 1' + "0" * 5000), ".json"),
        text_item("experiment_not_json", "experiment", "{not json", ".json"),
        text_item("experiment_binary", "experiment", bytes(range(256)) * 4, ".json"),
        Item("experiment_fifo", "experiment", lambda folder: _fifo(folder / "fifo.json"), TRAIN_COMMANDS),
        text_item("csv_field_over_128_KiB", "csv", "date,value\n2020-01-01," + "9" * 200_000 + "\n" + rows, ".csv"),
        text_item("csv_unclosed_quote", "csv", 'a,b\n1,"2\n' + rows, ".csv"),
        text_item("csv_decimal_commas_one_column", "csv",
                  "value\n" + "\n".join(f"{v:.3f}".replace(".", ",") for v in wave), ".csv", wave),
        text_item("csv_thousands_unquoted", "csv",
                  "value\n" + "\n".join(f"{v:,.2f}" for v in 1000 + 400 * wave), ".csv", 1000 + 400 * wave),
        text_item("csv_numeric_header_years", "csv", "2019,2020\n" + rows, ".csv", np.arange(60.0)),
        text_item("csv_values_near_1e300", "csv", "value\n" + "\n".join("1e300" for _ in range(60)), ".csv"),
        text_item("csv_binary_garbage", "csv", bytes(range(256)) * 20, ".csv"),
        text_item("csv_empty", "csv", "", ".csv"),
        text_item("csv_header_only", "csv", "date,value\n", ".csv"),
        text_item("csv_blank_lines_then_text", "csv", "value\n" + "1\n\n" * 40 + "abc\n", ".csv"),
        text_item("csv_newest_first_dates", "csv", "date,value\n" + "\n".join(
            f"{np.datetime64('2020-01-01') + 59 - i},{wave[59 - i]:.3f}" for i in range(60)), ".csv", wave),
        text_item("csv_a_date_twice", "csv", "date,value\n" + "\n".join(
            f"{np.datetime64('2020-01-01') + min(i, 58)},{v:.3f}" for i, v in enumerate(wave)), ".csv"),
        text_item("csv_three_decimal_commas_semicolons", "csv",  # 1,601: a decimal comma or thousands? refused
                  "datum;preis\n" + "\n".join(f"{1 + i % 28:02d}.03.2024;1,{600 + i}" for i in range(60)), ".csv"),
        text_item("csv_tab_inside_a_value", "csv", "day,value\n" + "\n".join(
            f"2020-01-{i + 1:02d},{v:.3f}" + ("\t" if i == 5 else "") for i, v in enumerate(wave[:28])), ".csv"),
        text_item("csv_one_column_first_cell_NA", "csv", "NA\n" + "\n".join(f"{v:.3f}" for v in wave), ".csv",
                  np.concatenate([wave[:1], wave])),  # a missing first value, interpolated (nearest), not a title
        text_item("csv_times_with_zone_names", "csv", "time,value\n" + "\n".join(
            f"2024-03-{30 + (h + 10) // 24:02d} {(h + 10) % 24:02d}:00 {'CET' if h < 16 else 'CEST'},{h}"
            for h in range(40)), ".csv"),
        text_item("csv_dates_in_two_formats", "csv", "date,value\n" + "\n".join(
            f"{np.datetime64('2020-01-01') + i}" if i < 30 else f"{i - 29:02d}/02/2020" for i in range(60)).replace(
            "\n", ",1\n") + ",1", ".csv"),
        text_item("csv_10_million_and_2_tiny_lines", "csv", b"1\n" * 10_000_002, ".csv"),  # refused before parsing
    ]
