"""ModelSpec -> Keras model. Imports Keras lazily: importing this module is cheap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .experiment import ModelSpec, SampleSpec
from .tf_runtime import tensorflow

if TYPE_CHECKING:
    import keras

RECURRENT_LAYER_CLASSES = {"simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
OUTPUT_LAYER_NAME = "output"


def returns_sequences(layout: str) -> bool:
    """Whether the model outputs one value per time step (else one per sample)."""
    return layout in ("sequence", "stateful")


def build_model(model: ModelSpec, samples: SampleSpec, batch_size: int | None = None,
                seed: int | None = None) -> keras.Model:
    """A fresh, uncompiled Keras model for ``model`` on the ``samples`` layout.

    Stateful layouts need ``batch_size`` (the number of streams). ``seed`` makes the initial
    weights reproducible.
    """
    tensorflow()
    import keras

    if seed is not None:
        keras.utils.set_random_seed(seed)
    stateful = samples.layout == "stateful"
    if model.kind == "dense":
        inputs = keras.Input(shape=(samples.window, 1) if samples.layout == "windows" else (1,), name="x")
    elif stateful:
        inputs = keras.Input(batch_shape=(batch_size, None, 1), name="x")
    else:
        inputs = keras.Input(shape=(None, 1), name="x")
    hidden = inputs
    if model.kind == "dense" and samples.layout == "windows":
        hidden = keras.layers.Flatten(name="flatten")(hidden)
    for index in range(model.layers):
        hidden = _hidden_layer(model, index, samples.layout)(hidden)
    outputs = keras.layers.Dense(
        1, activation="linear", kernel_initializer=model.kernel_initializer, name=OUTPUT_LAYER_NAME
    )(hidden)
    return keras.Model(inputs, outputs, name=model.kind)


def _hidden_layer(model: ModelSpec, index: int, layout: str) -> Any:
    import keras

    name = f"{model.kind}_{index + 1}"
    if model.kind == "dense":
        return keras.layers.Dense(model.units, activation=model.activation,
                                  kernel_initializer=model.kernel_initializer, name=name)
    layer_class = getattr(keras.layers, RECURRENT_LAYER_CLASSES[model.kind])
    last = index == model.layers - 1
    return layer_class(
        model.units,
        activation=model.activation,
        kernel_initializer=model.kernel_initializer,
        return_sequences=returns_sequences(layout) or not last,
        stateful=layout == "stateful",
        name=name,
    )


def parameter_count(model: keras.Model) -> int:
    """Number of trainable parameters."""
    return int(sum(int(w.numpy().size) for w in model.trainable_weights))
