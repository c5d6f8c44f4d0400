"""ModelSpec -> Keras model. Imports Keras lazily: importing this module is cheap."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from .experiment import ModelSpec, SampleSpec
from .layouts import SampleLayout
from .scaling import Scaler
from .tf_runtime import tensorflow

if TYPE_CHECKING:
    import keras

RECURRENT_LAYER_CLASSES = {"simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
OUTPUT_LAYER_NAME = "output"
SCALE_IN, SCALE_OUT = "scale_in", "scale_out"


def build_model(model: ModelSpec, samples: SampleSpec, batch_size: int | None = None,
                seed: int | None = None, scaler: Scaler | None = None) -> keras.Model:
    """A fresh, uncompiled Keras model for ``model`` on the ``samples`` layout, taking raw
    values and giving raw values: an active ``scaler`` becomes built-in layers around the
    network (see :mod:`rnnstudio.core.scaling`).

    Stateful layouts need ``batch_size`` (the number of streams). ``seed`` makes the initial
    weights reproducible.
    """
    tensorflow()
    import keras

    if seed is not None:
        # Keras draws each unseeded initializer's seed from Python's ``random``. Not
        # keras.utils.set_random_seed: its tf.random.set_seed clears TensorFlow's kernel
        # caches, and with them the compiled training programs the next run would reuse.
        random.seed(seed)
    plan = samples.plan
    if model.kind == "dense":
        inputs = keras.Input(shape=plan.dense_input_shape(samples.window), name="x")
    elif plan.carries_state:
        inputs = keras.Input(batch_shape=(batch_size, None, 1), name="x")
    else:
        inputs = keras.Input(shape=(None, 1), name="x")
    scaler = scaler or Scaler()
    hidden = inputs
    if scaler.kind == "difference":
        hidden = keras.layers.Subtract(name="difference")(
            [keras.layers.Cropping1D((1, 0), name="later")(inputs), keras.layers.Cropping1D((0, 1), name="earlier")(inputs)])
    if scaler.active:
        hidden = keras.layers.Normalization(mean=[scaler.center], variance=[scaler.variance], name=SCALE_IN)(hidden)
    if model.kind == "dense" and len(plan.dense_input_shape(samples.window)) > 1:
        hidden = keras.layers.Flatten(name="flatten")(hidden)
    for index in range(model.layers):
        hidden = _hidden_layer(model, index, plan)(hidden)
    outputs = keras.layers.Dense(
        1, activation="linear", kernel_initializer=model.kernel_initializer, name=OUTPUT_LAYER_NAME
    )(hidden)
    if scaler.active:
        outputs = keras.layers.Normalization(mean=[scaler.center], variance=[scaler.variance], invert=True,
                                             name=SCALE_OUT)(outputs)
    if scaler.kind == "difference":
        last = keras.layers.Reshape((1,), name="last_value")(
            keras.layers.Cropping1D((samples.window - 1, 0), name="last")(inputs))
        outputs = keras.layers.Add(name="plus_change")([last, outputs])
    return keras.Model(inputs, outputs, name=model.kind)


def trainable_part(model: keras.Model) -> keras.Model:
    """The network between the scaling layers (model-space in and out), sharing its layers
    with ``model``; ``model`` itself when it has no scaling."""
    import keras

    names = {layer.name for layer in model.layers}
    if SCALE_IN not in names:
        return model
    return keras.Model(model.get_layer(SCALE_IN).output, model.get_layer(OUTPUT_LAYER_NAME).output, name="network")


def _hidden_layer(model: ModelSpec, index: int, plan: SampleLayout) -> Any:
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
        return_sequences=plan.per_step_output or not last,
        stateful=plan.carries_state,
        name=name,
    )


def parameter_count(model: keras.Model) -> int:
    """Number of trainable parameters."""
    return int(sum(int(w.numpy().size) for w in model.trainable_weights))
