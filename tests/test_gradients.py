"""Gradients through time equal TensorFlow's GradientTape on the same weights: the input
sensitivity of the prediction and the loss's gradient at every hidden state, for every cell
type, stacked layers, and the layouts that end a window or carry state."""

from __future__ import annotations

import numpy as np
import pytest

from rnnstudio.core.experiment import ModelSpec, SampleSpec
from rnnstudio.core.gradients import gradients_through_time
from rnnstudio.core.models import build_model
from rnnstudio.core.numpy_network import NumpyNetwork
from rnnstudio.core.tf_runtime import tensorflow

STEPS = 12


@pytest.fixture
def float64_keras():
    """Build the compared models in float64, so the comparison is not float32's rounding."""
    tensorflow()
    import keras

    keras.config.set_floatx("float64")
    keras.config.set_dtype_policy("float64")  # the policy layers take; Keras keeps the first one made
    yield keras
    keras.config.set_floatx("float32")
    keras.config.set_dtype_policy("float32")


def random_model(keras, kind: str, layers: int, layout: str, seed: int):
    samples = SampleSpec(layout=layout, window=STEPS, stream_shifts=(0,))
    model = build_model(ModelSpec(kind=kind, layers=layers, units=5, activation="tanh"), samples, batch_size=1, seed=seed)
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(0, 0.6, w.shape) for w in model.get_weights()])  # biases too, and larger than at init
    return model


def tape_gradients(model, x: np.ndarray, target: float):
    """|dŷ/dx_t| and ‖dL/dh_t‖ per layer by GradientTape, stepping the model's own cells."""
    import tensorflow as tf

    cells = [layer.cell for layer in model.layers if hasattr(layer, "cell")]
    output = model.get_layer("output")
    inputs = tf.constant(x[None, :, None], dtype=tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(inputs)
        states = [[tf.zeros((1, cell.units), tf.float64) for _ in range(2 if hasattr(cell, "recurrent_activation")
                   and type(cell).__name__ == "LSTMCell" else 1)] for cell in cells]
        hidden: list[list] = [[] for _ in cells]
        for t in range(len(x)):
            signal = inputs[:, t, :]
            for index, cell in enumerate(cells):
                signal, new_states = cell(signal, states[index])
                states[index] = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
                hidden[index].append(signal)
        prediction = output(signal)[0, 0]
        loss = (prediction - target) ** 2
    sensitivity = tape.gradient(prediction, inputs).numpy()[0, :, 0]
    state = np.array([[np.linalg.norm(tape.gradient(loss, h).numpy()) for h in per_layer] for per_layer in hidden])
    return float(prediction), sensitivity, state


@pytest.mark.parametrize("kind", ["simple_rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("layout", ["windows", "stateful"])
def test_gradients_equal_gradient_tape(float64_keras, kind: str, layers: int, layout: str) -> None:
    model = random_model(float64_keras, kind, layers, layout, seed=layers)
    x = np.sin(np.arange(STEPS) / 2.0) + 0.3
    prediction, sensitivity, state = tape_gradients(model, x, target=0.25)
    ours = gradients_through_time(NumpyNetwork.from_keras(model), x, 0.25)
    assert ours.prediction == pytest.approx(prediction, rel=1e-9)
    np.testing.assert_allclose(ours.input_sensitivity, np.abs(sensitivity[::-1]), rtol=1e-7, atol=1e-15)
    np.testing.assert_allclose(ours.state_gradient, state[:, ::-1], rtol=1e-7, atol=1e-15)
    assert ours.steps_back.tolist() == list(range(STEPS))


def test_a_gru_without_reset_after_too(float64_keras) -> None:
    keras = float64_keras
    inputs = keras.Input(shape=(None, 1))
    hidden = keras.layers.GRU(4, reset_after=False, return_sequences=True)(inputs)
    hidden = keras.layers.GRU(3, reset_after=False)(hidden)
    model = keras.Model(inputs, keras.layers.Dense(1, name="output")(hidden))
    rng = np.random.default_rng(3)
    model.set_weights([rng.normal(0, 0.6, w.shape) for w in model.get_weights()])
    x = rng.normal(size=9)
    prediction, sensitivity, state = tape_gradients(model, x, target=-0.5)
    ours = gradients_through_time(NumpyNetwork.from_keras(model), x, -0.5)
    np.testing.assert_allclose(ours.input_sensitivity, np.abs(sensitivity[::-1]), rtol=1e-7, atol=1e-15)
    np.testing.assert_allclose(ours.state_gradient, state[:, ::-1], rtol=1e-7, atol=1e-15)


def test_the_dense_mlp_is_sensitive_to_each_window_position(float64_keras) -> None:
    import tensorflow as tf

    samples = SampleSpec(layout="windows", window=6)
    model = build_model(ModelSpec(kind="dense", layers=2, units=7, activation="relu"), samples, seed=0)
    x = np.linspace(-1, 1, 6)
    inputs = tf.constant(x[None, :, None])
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        prediction = model(inputs)[0, 0]
    expected = tape.gradient(prediction, inputs).numpy()[0, :, 0]
    ours = gradients_through_time(NumpyNetwork.from_keras(model), x, 0.0)
    np.testing.assert_allclose(ours.input_sensitivity, np.abs(expected[::-1]), rtol=1e-7)
    assert ours.state_gradient is None


def test_a_plain_rnn_forgets_geometrically_where_its_recurrent_weights_are_small() -> None:
    """The lesson itself, on hand-set weights: with recurrent weight 0.5 and a linear
    activation, the input k steps back reaches the prediction with weight 0.5**k."""
    from rnnstudio.core.numpy_network import LayerWeights

    layer = LayerWeights("simple_rnn", np.array([[1.0]]), np.array([0.0]), "linear", recurrent_kernel=np.array([[0.5]]))
    net = NumpyNetwork(hidden=(layer,), output=LayerWeights("dense", np.array([[1.0]]), np.array([0.0]), "linear"))
    ours = gradients_through_time(net, np.ones(8), target=0.0)
    np.testing.assert_allclose(ours.input_sensitivity, 0.5 ** np.arange(8))
    assert ours.loss_slope == pytest.approx(2 * sum(0.5**k for k in range(8)))


def test_filling_a_runs_gradients_stops_when_told_after_one_epoch() -> None:
    """What lets Quit (or a newer request) stop a long fill: it asks before every epoch."""
    import dataclasses

    from rnnstudio.core.recipes import recipe
    from rnnstudio.core.run import Run
    from rnnstudio.core.trainer import Trainer

    experiment = recipe("sine-simplernn")
    experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=4))
    trainer = Trainer(experiment)
    result = trainer.run()
    run = Run("r1", experiment, trainer.series, result.history, result.snapshots,
              template=NumpyNetwork.from_keras(result.model))
    history = run.gradient_history()
    asked = []
    run.fill_gradients(history, keep_going=lambda: not asked.append(1) and len(asked) <= 1)
    assert sorted(history.by_epoch) == [1]
    run.fill_gradients(history)
    assert sorted(history.by_epoch) == [1, 2, 3, 4]
