"""Seed ensembles: K copies of the network in one Keras model, averaged by Keras's own layer,
trained together in one compiled program, each member still inspectable."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.core.experiment import ModelSpec, SampleSpec
from rnnstudio.core.inference import NumpyNetwork, closed_loop_rollout, predict
from rnnstudio.core.models import build_model, member_outputs, trainable_part
from rnnstudio.core.scaling import Scaler

TOLERANCE = 1e-5
rng = np.random.default_rng(11)
SERIES = np.cumsum(rng.standard_normal(80)) + 3 * np.sin(np.arange(80) / 3)


def ensemble_model(kind: str, layout: str = "windows", layers: int = 1, members: int = 3, scaling: str = "standard"):
    scaler = Scaler.fit(scaling, SERIES[:60])
    model = build_model(ModelSpec(kind=kind, layers=layers, units=5, members=members),
                        SampleSpec(layout=layout, window=6), seed=4, scaler=scaler)
    model.set_weights([w + 0.3 * rng.standard_normal(w.shape).astype(np.float32) for w in model.get_weights()])
    return model


def frames() -> np.ndarray:
    return np.lib.stride_tricks.sliding_window_view(SERIES, 6)[:, :, None].astype(np.float32)


@pytest.mark.parametrize("kind, layers, scaling", [("lstm", 2, "difference"), ("gru", 1, "standard"),
                                                   ("simple_rnn", 2, "none"), ("dense", 2, "difference")])
def test_the_saved_ensemble_loads_in_plain_keras_and_gives_its_members_mean(tmp_path: Path, kind: str, layers: int,
                                                                            scaling: str) -> None:
    import keras

    model = ensemble_model(kind, layers=layers, scaling=scaling)
    model.save(tmp_path / "ensemble.keras")
    loaded = keras.saving.load_model(tmp_path / "ensemble.keras", safe_mode=True)
    x = frames()
    mean = loaded.predict(x, verbose=0)
    members = keras.Model(loaded.inputs, member_outputs(loaded)).predict(x, verbose=0)
    scaler = NumpyNetwork.from_keras(loaded).scaler
    raw_members = np.stack([scaler.raw_output(np.asarray(m, np.float64)[:, 0], x) for m in members])
    assert np.max(np.abs(mean[:, 0] - raw_members.mean(axis=0))) <= TOLERANCE
    assert np.ptp(raw_members, axis=0).mean() > 0.05  # the members differ: their mean is no member's output


@pytest.mark.parametrize("kind, layout", [("lstm", "windows"), ("gru", "sequence"), ("simple_rnn", "windows"),
                                          ("dense", "windows")])
def test_numpy_inference_of_an_ensemble_equals_keras_and_each_member_equals_its_branch(kind: str, layout: str) -> None:
    import keras

    model = ensemble_model(kind, layout, layers=2)
    network = NumpyNetwork.from_keras(model)
    x = frames()
    assert network.member_count == 3 and network.member_units == 5
    assert np.max(np.abs(predict(network, x) - model.predict(x, verbose=0))) <= TOLERANCE
    branches = keras.Model(model.get_layer("scale_in").output, member_outputs(model)).predict(
        network.scaler.model_input(x).astype(np.float32), verbose=0)
    for index, branch in enumerate(branches):
        member = network.member(index)
        expected = network.scaler.raw_output(np.asarray(branch, np.float64)[..., 0], x if kind == "dense" else None)
        got = predict(member, x)[..., 0]
        assert np.max(np.abs(got - expected)) <= TOLERANCE


def test_an_ensembles_states_are_its_members_states_side_by_side() -> None:
    network = NumpyNetwork.from_keras(ensemble_model("lstm", layers=2))
    samples = SampleSpec(layout="windows", window=6)
    together = closed_loop_rollout(network, samples, SERIES[:6], 10)
    assert together.h.shape == (10, 2, 15) and together.c.shape == (10, 2, 15)
    alone = closed_loop_rollout(network.member(1), samples, together.values[:0].tolist() + list(SERIES[:6]), 1)
    # the first step reads only true values: member 2's units then hold exactly its own states
    assert np.allclose(together.c[0, :, 5:10], alone.c[0], atol=1e-12)
    assert np.allclose(together.gates["forget"][0, :, 5:10], alone.gates["forget"][0], atol=1e-12)


def test_the_weights_training_records_rebuild_the_same_network() -> None:
    model = ensemble_model("gru", layers=2)
    network = NumpyNetwork.from_keras(model)
    rebuilt = network.with_weights(trainable_part(model).get_weights())
    for ours, theirs in zip((*network.hidden, network.output), (*rebuilt.hidden, rebuilt.output)):
        assert np.array_equal(ours.kernel, theirs.kernel) and np.array_equal(ours.bias, theirs.bias)
    shifted = network.with_weights([w + 1 for w in trainable_part(model).get_weights()])
    assert np.allclose(shifted.member(2).output.bias, network.member(2).output.bias + 1)


def test_the_first_member_starts_where_a_single_network_with_the_same_seed_starts() -> None:
    samples = SampleSpec(layout="windows", window=6)
    single = build_model(ModelSpec(kind="lstm", units=5), samples, seed=9)
    ensemble = build_model(ModelSpec(kind="lstm", units=5, members=3), samples, seed=9)
    first = NumpyNetwork.from_keras(ensemble).member(0)
    alone = NumpyNetwork.from_keras(single)
    assert all(np.array_equal(a.kernel, b.kernel) for a, b in zip((*first.hidden, first.output),
                                                                 (*alone.hidden, alone.output)))
    second = NumpyNetwork.from_keras(ensemble).member(1)
    assert not np.array_equal(second.hidden[0].kernel, first.hidden[0].kernel)


def test_members_out_of_range_are_refused_with_the_field_named() -> None:
    from rnnstudio.core.experiment import Experiment
    from rnnstudio.core.validation import validate

    base = Experiment()
    errors = validate(dataclasses.replace(base, model=dataclasses.replace(base.model, members=11)))
    assert any(e.field == "model.members" and "11" in e.message and "10" in e.message for e in errors)


def ensemble_experiment(members: int, epochs: int = 6, **train: object):
    from rnnstudio.core.recipes import RECIPES

    base = RECIPES["sine-simplernn"]
    return dataclasses.replace(base, model=dataclasses.replace(base.model, members=members),
                               train=dataclasses.replace(base.train, epochs=epochs, **train))


def test_each_member_trains_exactly_as_a_single_network_would_alone() -> None:
    from rnnstudio.core.trainer import Trainer

    single = Trainer(ensemble_experiment(1, validation_fraction=0.2)).run()
    together = Trainer(ensemble_experiment(3, validation_fraction=0.2)).run()
    first = [losses[0] for losses in together.history.member_loss]
    assert np.allclose(first, single.history.loss, rtol=1e-5)
    assert np.allclose([v[0] for v in together.history.member_val_loss], single.history.val_loss, rtol=1e-5)
    alone = NumpyNetwork.from_keras(single.model)
    member = NumpyNetwork.from_keras(together.model).member(0)
    assert np.allclose(member.hidden[0].recurrent_kernel, alone.hidden[0].recurrent_kernel, atol=1e-5)
    others = np.array(together.history.member_loss)[:, 1:]
    assert not np.allclose(others, np.array(first)[:, None])  # the other seeds learn differently


def test_the_ensembles_loss_is_its_mean_predictions_and_never_above_its_average_member() -> None:
    from rnnstudio.core.trainer import Trainer

    history = Trainer(ensemble_experiment(4, validation_fraction=0.2)).run().history
    assert len(history.member_loss) == len(history.loss) == 6 and all(len(m) == 4 for m in history.member_loss)
    for loss, val_loss, members, val_members in zip(history.loss, history.val_loss, history.member_loss,
                                                    history.member_val_loss):
        assert loss <= np.mean(members) * (1 + 1e-6)  # squared error of a mean <= mean of squared errors
        assert val_loss <= np.mean(val_members) * (1 + 1e-6)


def test_an_ensemble_run_saves_opens_and_shows_each_members_predictions(tmp_path: Path) -> None:
    import keras

    from rnnstudio.core.report import EpochReport
    from rnnstudio.core.storage import open_model, save_model
    from rnnstudio.core.trainer import Trainer

    experiment = ensemble_experiment(3)
    result = Trainer(experiment).run()
    save_model(tmp_path / "ensemble.keras", result.model, experiment, result.history)
    saved = open_model(tmp_path / "ensemble.keras")
    assert saved.experiment.model.members == 3 and saved.history == result.history
    plain = keras.saving.load_model(tmp_path / "ensemble.keras", safe_mode=True)
    assert [layer.name for layer in plain.layers].count("ensemble_mean") == 1
    series = saved.series if saved.series is not None else Trainer(experiment).series
    report = EpochReport.from_model(experiment, series, saved.model, 6, 0.0, None).computed()
    spread = report.spread
    assert spread is not None and spread.one_step.shape == (3, len(report.one_step.values))
    assert np.allclose(spread.one_step.mean(axis=0), report.one_step.values, atol=1e-9)  # the mean of its members
    assert spread.rollout.shape == (3, len(report.rollout.values))
    assert np.ptp(spread.rollout, axis=0).max() > 1e-3  # each member runs its own closed loop


def test_the_command_line_trains_an_ensemble_and_says_its_seeds_spread(capsys, tmp_path: Path) -> None:
    import json

    from rnnstudio.cli import main

    out = tmp_path / "seeds.keras"
    assert main(["train", "sine-simplernn", "--set", "model.members=3", "--set", "train.epochs=3",
                 "--set", "train.validation_fraction=0.2", "--out", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out.strip().splitlines()[-1])
    assert len(summary["member_loss"]) == 3 and summary["loss"] <= np.mean(summary["member_loss"])
    assert "the mean of 3 seeds; their own loss" in captured.err
    assert main(["info", str(out)]) == 0
    assert "20 units x 3 seeds" in capsys.readouterr().out


def test_a_non_negative_model_keeps_forecasts_at_zero_in_numpy_and_in_plain_keras(tmp_path: Path) -> None:
    import keras

    from rnnstudio.core.forecast import forecast
    from rnnstudio.core.recipes import RECIPES
    from rnnstudio.core.series import Series

    values = np.maximum(np.linspace(30, 2, 60) + rng.normal(0, 0.5, 60), 0)  # a count falling towards 0
    series = Series(values=values, t=np.arange(60.0))
    base = RECIPES["sine-simplernn"]
    samples = SampleSpec(layout="windows", window=6)
    experiments = {}
    for non_negative in (False, True):
        scaler = Scaler.fit("difference", values[:48], non_negative)
        model = build_model(ModelSpec(kind="lstm", units=4, members=2), samples, seed=1, scaler=scaler)
        model.set_weights([np.zeros_like(w) for w in model.get_weights()])  # predicts the mean change: down
        experiment = dataclasses.replace(base, samples=samples, model=dataclasses.replace(base.model, kind="lstm"),
                                         data=dataclasses.replace(base.data, scaling="difference",
                                                                  non_negative=non_negative))
        experiments[non_negative] = (experiment, model)
    falling = forecast(NumpyNetwork.from_keras(experiments[False][1]), experiments[False][0], series, 30)
    kept = forecast(NumpyNetwork.from_keras(experiments[True][1]), experiments[True][0], series, 30)
    assert falling.values.min() < -5 and kept.values.min() == 0.0
    positive = falling.values > 0  # the same path until the first value below 0; then 0, fed back, stays 0
    assert np.allclose(kept.values[positive], falling.values[positive]) and np.all(kept.values[~positive] == 0)
    model = experiments[True][1]
    model.save(tmp_path / "counts.keras")
    plain = keras.saving.load_model(tmp_path / "counts.keras", safe_mode=True)
    x = np.lib.stride_tricks.sliding_window_view(values, 6)[:, :, None].astype(np.float32)
    assert np.max(np.abs(plain.predict(x, verbose=0)[:, 0] - predict(NumpyNetwork.from_keras(model), x)[:, 0])) <= TOLERANCE
    assert plain.predict(np.zeros((1, 6, 1), np.float32), verbose=0)[0, 0] == 0.0  # below 0 it would be, without the ReLU


@pytest.mark.parametrize("kind, members, scaling", [("lstm", 1, "difference"), ("dense", 2, "standard"),
                                                    ("gru", 3, "difference")])
def test_a_highway_model_equals_keras_in_numpy_and_loads_in_plain_keras(tmp_path: Path, kind: str, members: int,
                                                                        scaling: str) -> None:
    import keras

    scaler = Scaler.fit(scaling, SERIES[:60])
    model = build_model(ModelSpec(kind=kind, layers=2, units=5, members=members, highway=True),
                        SampleSpec(layout="windows", window=6), seed=2, scaler=scaler)
    model.set_weights([w + 0.3 * rng.standard_normal(w.shape).astype(np.float32) for w in model.get_weights()])
    network = NumpyNetwork.from_keras(model)
    assert network.highway is not None and all(network.member(k).highway is not None for k in range(members))
    model.save(tmp_path / "highway.keras")
    plain = keras.saving.load_model(tmp_path / "highway.keras", safe_mode=True)
    x = frames()
    assert np.max(np.abs(predict(network, x) - plain.predict(x, verbose=0))) <= TOLERANCE
    assert network.with_weights(model.get_weights()).highway.kernel.shape == network.highway.kernel.shape


def test_a_highway_starts_as_the_least_squares_autoregression_and_its_gradients_include_it() -> None:
    from rnnstudio.core.gradients import gradients_through_time
    from rnnstudio.core.trainer import Trainer

    experiment = ensemble_experiment(2, epochs=1, learning_rate=1e-9)
    experiment = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, kind="lstm", highway=True),
                                     data=dataclasses.replace(experiment.data, scaling="difference"))
    trainer = Trainer(experiment)
    network = NumpyNetwork.from_keras(trainer.run().model)
    samples = trainer.model_samples
    n = samples.n_train
    design = np.column_stack([samples.x_train.reshape(n, -1), np.ones(n)])
    coefficients = np.linalg.lstsq(design, samples.y_train.reshape(n), rcond=None)[0]
    x = np.asarray(samples.x, np.float64).reshape(len(samples.x), -1)
    autoregression = x @ coefficients[:-1] + coefficients[-1]  # in the network's units
    raw_frames = trainer.samples.x
    expected = network.scaler.raw_output(autoregression, raw_frames)
    assert np.max(np.abs(predict(network, raw_frames)[:, 0] - expected)) < 1e-4

    inputs = x[5]
    exact = gradients_through_time(network.member(0), inputs, 0.0)
    step = 1e-6
    for k in (0, len(inputs) - 1):  # the last input and the first, through the highway and the states
        moved = inputs.copy()
        moved[k] += step
        slope = (gradients_through_time(network.member(0), moved, 0.0).prediction - exact.prediction) / step
        assert abs(abs(slope) - exact.input_sensitivity[len(inputs) - 1 - k]) < 1e-4
