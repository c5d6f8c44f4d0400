"""The data's path: the shapes, split, batches and state the trainer really uses, said with
the experiment's own numbers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnstudio.core.compiled import CompiledEpoch
from rnnstudio.core.data import load_series, make_samples
from rnnstudio.core.data_path import DataPath
from rnnstudio.core.recipes import RECIPES, recipe
from rnnstudio.core.trainer import Trainer


def path_of(name: str) -> DataPath:
    experiment = recipe(name)
    return DataPath(experiment, len(load_series(experiment.data)))


def test_r1_is_180_windows_of_20_with_144_for_training_in_15_shuffled_batches() -> None:
    path = path_of("sine-simplernn")
    assert (path.count, path.n_train, path.input_shape, path.target_shape) == (180, 144, (180, 20, 1), (180, 1))
    assert path.summary() == [
        "200 values -> 180 windows of 20 -> x (180, 20, 1), y (180, 1) (the next value)",
        "144 for training, the last 36 for validation (unshuffled)",
        "15 batches of 10 (the last of 4), shuffled anew each epoch"]
    batches = path.batches(1)
    assert [len(b.samples) for b in batches] == [10] * 14 + [4]
    assert sorted(np.concatenate([b.samples for b in batches])) == list(range(144))
    assert not np.array_equal(np.concatenate([b.samples for b in path.batches(2)]),
                              np.concatenate([b.samples for b in batches]))  # shuffled anew
    span = path.span(7)
    assert list(span.inputs) == list(range(7, 27)) and list(span.targets) == [27]


def test_r2_is_6_batches_of_3_streams_of_25_steps_reset_at_each_epoch_start() -> None:
    path = path_of("pulse-lstm-stateful")
    assert path.input_shape == (18, 25, 1) and path.target_shape == (18, 25, 1)
    assert path.streams == 3 and path.batch_count == 6 and not path.shuffled
    for epoch in (1, 2):
        batches = path.batches(epoch)
        assert [list(b.samples) for b in batches] == [[3 * k, 3 * k + 1, 3 * k + 2] for k in range(6)]
        assert [b.carries_state for b in batches] == [False] + [True] * 5  # reset at the epoch's start
    assert [path.span(sample).stream for sample in batches[2].samples] == [0, 1, 2]  # row s: stream s
    # row 1 of batch 2 goes on from where row 1 of batch 1 stopped in its stream
    assert path.span(3 + 1).inputs[0] == (path.span(1).inputs[-1] + 1) % 150
    assert "3 streams of 6 chunks of 25 steps -> x (18, 25, 1)" in path.summary()[0]
    assert "states are reset to zero at each epoch's start" in path.summary()[2]


@pytest.mark.parametrize("name", [name for name in RECIPES if not name.startswith("memory")])
def test_every_span_holds_the_values_of_the_samples_the_trainer_cuts(name: str) -> None:
    experiment = recipe(name)
    series = load_series(experiment.data)
    samples = make_samples(series, experiment.samples, experiment.train.validation_fraction)
    path = DataPath(experiment, len(series))
    assert path.input_shape == samples.x.shape and path.target_shape == samples.y.shape
    assert path.n_train == samples.n_train
    values = series.values.astype(np.float32)
    for sample in (0, path.count // 2, path.count - 1):
        span = path.span(sample)
        if experiment.samples.plan.is_time_series:
            np.testing.assert_array_equal(samples.x[sample, :, 0], values[span.inputs])
            np.testing.assert_array_equal(samples.y[sample].reshape(-1), values[span.targets])
        else:
            assert samples.y[sample, 0] == values[span.targets[0]]


def test_the_batches_are_those_the_trainer_trains_on(monkeypatch) -> None:
    seen: list[np.ndarray] = []
    original = CompiledEpoch.train_epochs

    def spy(self, x, y, orders, *args, **kwargs):
        seen.extend(orders)
        return original(self, x, y, orders, *args, **kwargs)

    monkeypatch.setattr(CompiledEpoch, "train_epochs", spy)
    experiment = dataclasses.replace(recipe("sine-simplernn"),
                                     train=dataclasses.replace(recipe("sine-simplernn").train, epochs=3))
    Trainer(experiment).run()
    path = DataPath(experiment, 200)
    assert len(seen) == 3
    for epoch, order in enumerate(seen, start=1):
        np.testing.assert_array_equal(order, np.concatenate([b.samples for b in path.batches(epoch)]))


def test_an_epoch_past_the_shown_ones_is_refused() -> None:
    path = path_of("sine-simplernn")
    with pytest.raises(ValueError, match="from 1 to 10"):
        path.batches(11)
