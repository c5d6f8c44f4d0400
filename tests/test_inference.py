"""Numpy inference equals Keras's own outputs (max abs difference <= 1e-5)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnstudio.core.experiment import ModelSpec, SampleSpec
from rnnstudio.core.inference import NumpyNetwork, closed_loop_rollout, one_step_predictions, predict
from rnnstudio.core.models import build_model

TOLERANCE = 1e-5
rng = np.random.default_rng(7)
SERIES = np.sin(np.arange(60) / 4.0) + 0.1 * rng.standard_normal(60)


def keras_model(kind: str, layout: str, layers: int = 1, activation: str = "tanh", batch: int | None = None):
    model = build_model(ModelSpec(kind=kind, layers=layers, units=8, activation=activation),
                        SampleSpec(layout=layout, window=6), batch, seed=3)
    # Move away from the initial weights so biases and every gate matter.
    model.set_weights([w + 0.3 * rng.standard_normal(w.shape).astype(np.float32) for w in model.get_weights()])
    return model


@pytest.mark.parametrize("kind", ["simple_rnn", "lstm", "gru"])
@pytest.mark.parametrize("layout", ["windows", "sequence"])
@pytest.mark.parametrize("layers", [1, 2])
def test_batch_predictions_equal_keras(kind: str, layout: str, layers: int) -> None:
    model = keras_model(kind, layout, layers)
    x = np.lib.stride_tricks.sliding_window_view(SERIES, 6)[:, :, None].astype(np.float32)
    expected = model.predict(x, verbose=0)
    assert np.max(np.abs(predict(NumpyNetwork.from_keras(model), x) - expected)) <= TOLERANCE


@pytest.mark.parametrize("layout", ["windows", "xy"])
def test_dense_predictions_equal_keras(layout: str) -> None:
    model = keras_model("dense", layout, layers=3, activation="relu")
    x = (np.lib.stride_tricks.sliding_window_view(SERIES, 6)[:, :, None] if layout == "windows"
         else SERIES[:, None]).astype(np.float32)
    assert np.max(np.abs(predict(NumpyNetwork.from_keras(model), x) - model.predict(x, verbose=0))) <= TOLERANCE


@pytest.mark.parametrize("kind", ["simple_rnn", "lstm", "gru"])
def test_windowed_rollout_equals_a_keras_predict_loop(kind: str) -> None:
    model = keras_model(kind, "windows")
    net = NumpyNetwork.from_keras(model)
    samples = SampleSpec(layout="windows", window=6)
    trace = closed_loop_rollout(net, samples, SERIES[:6], steps=8)
    window = list(SERIES[:6])
    expected = []
    for _ in range(8):
        value = float(model.predict(np.array(window, np.float32)[None, :, None], verbose=0)[0, 0])
        expected.append(value)
        window = window[1:] + [value]
    assert np.max(np.abs(trace.values - expected)) <= TOLERANCE
    assert trace.index.tolist() == list(range(6, 14))
    assert trace.h.shape == (8, 1, 8)
    assert (trace.c is not None) == (kind == "lstm")


@pytest.mark.parametrize("kind", ["simple_rnn", "lstm", "gru"])
def test_stateful_rollout_and_states_equal_keras(kind: str) -> None:
    """Warm up one value at a time, then feed outputs back, against a stateful batch-1 twin
    driven by model.predict; the final h (and c) equal Keras's own state variables."""
    model = keras_model(kind, "stateful", layers=2, batch=1)
    net = NumpyNetwork.from_keras(model)
    samples = SampleSpec(layout="stateful", window=5)
    trace = closed_loop_rollout(net, samples, SERIES[:5], steps=6)
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_state()
    outputs = [float(model.predict(np.array([[[v]]], np.float32), verbose=0)[0, 0, 0]) for v in SERIES[:5]]
    for _ in range(5):
        outputs.append(float(model.predict(np.array([[[outputs[-1]]]], np.float32), verbose=0)[0, 0, 0]))
    assert np.max(np.abs(trace.values - outputs)) <= TOLERANCE
    assert trace.closed_loop_from == 5 and trace.index[0] == 1
    last_layer = model.layers[-2]
    keras_states = [np.asarray(s) for s in last_layer.states]
    assert np.max(np.abs(trace.h[-1, -1] - keras_states[0][0])) <= TOLERANCE
    if kind == "lstm":
        assert np.max(np.abs(trace.c[-1, -1] - keras_states[1][0])) <= TOLERANCE
        assert set(trace.gates) == {"input", "forget", "candidate", "output"}


def test_stateful_one_step_predictions_equal_a_keras_sequence_pass() -> None:
    model = keras_model("lstm", "stateful", batch=1)
    for layer in model.layers:
        if getattr(layer, "stateful", False):
            layer.reset_state()
    expected = model.predict(SERIES[None, :-1, None].astype(np.float32), verbose=0)[0, :, 0]
    result = one_step_predictions(NumpyNetwork.from_keras(model), SERIES, np.arange(60.0), SampleSpec(layout="stateful", window=5))
    assert result.index.tolist() == list(range(1, 60))
    assert np.max(np.abs(result.values - expected)) <= TOLERANCE


def test_lambda_models_are_refused() -> None:
    import keras

    from rnnstudio.core.numpy_network import InferenceError

    inputs = keras.Input((1,))
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Lambda(lambda v: v * 2)(inputs)))
    with pytest.raises(InferenceError, match="Lambda is not supported"):
        NumpyNetwork.from_keras(model)
