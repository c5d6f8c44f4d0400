"""Generators are reproducible; layouts align inputs and targets; bad CSV gets clear messages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.core.data import DataError, csv_columns, load_series, make_samples, read_csv_series
from rnnstudio.core.experiment import DataSpec, SampleSpec
from rnnstudio.core.recipes import recipe


def test_generated_series_are_reproducible_from_their_seed() -> None:
    spec = recipe("sine-simplernn").data
    assert np.array_equal(load_series(spec).values, load_series(spec).values)
    other = load_series(dataclasses.replace(spec, seed=1)).values
    assert not np.array_equal(load_series(spec).values, other)


def test_noisy_sine_matches_its_definition() -> None:
    spec = recipe("sine-simplernn").data
    series = load_series(spec)
    clean = np.sin(2 * np.pi * np.arange(200) / 100)
    assert len(series) == 200
    assert np.max(np.abs(series.values - clean)) <= 0.05 + 1e-6
    assert np.std(series.values - clean) > 0.01


def test_pulse_train_has_the_period_and_width() -> None:
    spec = dataclasses.replace(recipe("pulse-lstm-stateful").data, noise="none")
    values = load_series(spec).values
    assert values[:10].tolist() == [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert np.array_equal(values[:140], values[10:150])


def test_windows_layout_targets_the_next_value() -> None:
    experiment = recipe("sine-simplernn")
    series = load_series(experiment.data)
    samples = make_samples(series, experiment.samples, 0.2)
    assert samples.x.shape == (180, 20, 1) and samples.y.shape == (180, 1)
    assert (samples.n_train, len(samples.x_val)) == (144, 36)
    assert np.array_equal(samples.x[7, :, 0], series.values[7:27])
    assert samples.y[7, 0] == series.values[27]
    assert samples.target_index[7] == 27


def test_sequence_layout_targets_the_window_shifted_by_one() -> None:
    experiment = recipe("sine-simplernn-seq2seq")
    series = load_series(experiment.data)
    samples = make_samples(series, experiment.samples, 0.1)
    assert samples.x.shape == (40, 10, 1) and samples.y.shape == (40, 10, 1)
    assert np.array_equal(samples.y[5, :-1], samples.x[5, 1:])
    assert samples.y[5, -1, 0] == series.values[15]
    assert samples.n_train == 36


def test_stateful_chunks_continue_each_stream_batch_after_batch() -> None:
    experiment = recipe("pulse-lstm-stateful")
    series = load_series(experiment.data)
    samples = make_samples(series, experiment.samples)
    assert samples.x.shape == (18, 25, 1) and samples.y.shape == (18, 25, 1)
    streams = 3
    for stream, shift in enumerate((0, 3, 6)):
        rows = samples.x[stream::streams, :, 0].reshape(-1)  # chunks 0..5 of this stream, in order
        assert np.array_equal(rows, np.roll(series.values, shift))
        targets = samples.y[stream::streams, :, 0].reshape(-1)
        assert np.array_equal(targets, np.roll(series.values, shift - 1))


def test_xy_layout_maps_position_to_value() -> None:
    experiment = recipe("sine-mlp-regression")
    series = load_series(experiment.data)
    samples = make_samples(series, experiment.samples)
    assert samples.x.shape == (10_000, 1)
    assert samples.x[0, 0] == pytest.approx(-5.0) and samples.x[-1, 0] == pytest.approx(4.999)
    assert np.allclose(samples.y[:, 0], np.sin(samples.x[:, 0]), atol=1e-6)


def write(tmp_path: Path, text: str, name: str = "series.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_csv_with_header_and_date_column_reads_by_name_and_index(tmp_path: Path) -> None:
    path = write(tmp_path, "date,price,volume\n2024-01-01,1.5,10\n2024-01-02,2.5,11\n2024-01-03,3.0,12\n")
    assert read_csv_series(path, "price").values.tolist() == [1.5, 2.5, 3.0]
    assert read_csv_series(path, 2).values.tolist() == [10, 11, 12]
    assert read_csv_series(path, "price").name == "price"
    assert csv_columns(path) == ["date", "price", "volume"]


def test_csv_without_header_reads_by_index(tmp_path: Path) -> None:
    path = write(tmp_path, "1;2\n3;4\n5;6\n")
    assert read_csv_series(path, 1).values.tolist() == [2, 4, 6]


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("a,b\n1,2\n3,x7\n", "b", "series.csv, line 3: 'x7' in column 'b' is not a number"),
        ("a,b\n1,2\n3,\n", "b", "series.csv, line 3: missing value in column 'b'"),
        ("a,b\n1,2\n", "c", "no column named 'c'; columns: a, b"),
        ("1,2\n3,4\n", 5, "column index 5 is out of range; the file has 2 columns"),
        ("", 0, "the file is empty"),
        ("name\nalice\nbob\n", 0, "line 2: 'alice' in column 'name' is not a number"),
        ("v\n1\n", 0, "needs at least 2 values, found 1"),
        ("v\n1\ninf\n", 0, "line 3: 'inf' is not a finite number"),
    ],
)
def test_bad_csv_gets_a_message_naming_the_problem(tmp_path: Path, text: str, column, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        read_csv_series(path, column)
    assert message in str(caught.value)


def test_missing_csv_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_series(DataSpec(kind="csv", path=str(tmp_path / "nope.csv"), column=0))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataError, match="not a UTF-8 text file"):
        read_csv_series(path, 0)


def test_series_shorter_than_the_window_is_refused(tmp_path: Path) -> None:
    series = read_csv_series(write(tmp_path, "v\n1\n2\n3\n"), "v")
    with pytest.raises(DataError, match="needs at least 21"):
        make_samples(series, SampleSpec(layout="windows", window=20))


@pytest.mark.parametrize("name", ["sine-simplernn", "sine-simplernn-seq2seq", "sine-lstm-live"])
def test_validation_start_marks_the_first_validation_target(name: str) -> None:
    from rnnstudio.core.data import validation_start

    experiment = recipe(name)
    series = load_series(experiment.data)
    samples = make_samples(series, experiment.samples, experiment.train.validation_fraction)
    start = validation_start(len(series), experiment.samples, experiment.train.validation_fraction)
    assert start == samples.target_index[samples.n_train]
