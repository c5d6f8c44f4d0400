"""ModelSpec -> Keras model. Imports Keras lazily: importing this module is cheap."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import numpy as np

from .experiment import ModelSpec, SampleSpec
from .layouts import SampleLayout
from .scaling import Scaler
from .tf_runtime import tensorflow

if TYPE_CHECKING:
    import keras

RECURRENT_LAYER_CLASSES = {"simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
OUTPUT_LAYER_NAME = "output"
SCALE_IN, SCALE_OUT = "scale_in", "scale_out"
ENSEMBLE_MEAN = "ensemble_mean"
HIGHWAY, WITH_HIGHWAY, HIGHWAY_WINDOW = "highway", "with_highway", "highway_window"
NON_NEGATIVE = "non_negative"


def member_suffix(member: int, members: int) -> str:
    """What ends the names of member ``member``'s layers (0-based) in an ensemble of
    ``members``: ``_m1``, ``_m2``...; nothing for a single network."""
    return f"_m{member + 1}" if members > 1 else ""


def member_of(layer_name: str) -> int:
    """The member a layer belongs to, by its name (the inverse of :func:`member_suffix`):
    ``lstm_1_m3`` -> 2 (0-based); -1 for a name without a member suffix."""
    head, _, number = layer_name.rpartition("_m")
    return int(number) - 1 if head and number.isdigit() and int(number) >= 1 else -1


def is_highway_plumbing(layer_name: str) -> bool:
    """The highway's weightless layers: its window's ``Flatten`` and each member's ``Add``."""
    return layer_name.startswith((WITH_HIGHWAY, HIGHWAY_WINDOW))


def is_highway(layer_name: str) -> bool:
    """A member's highway ``Dense`` layer."""
    return layer_name.startswith(HIGHWAY) and not is_highway_plumbing(layer_name)


def build_model(model: ModelSpec, samples: SampleSpec, batch_size: int | None = None,
                seed: int | None = None, scaler: Scaler | None = None) -> keras.Model:
    """A fresh, uncompiled Keras model for ``model`` on the ``samples`` layout, taking raw
    values and giving raw values: an active ``scaler`` becomes built-in layers around the
    network (see :mod:`rnnstudio.core.scaling`).

    Stateful layouts need ``batch_size`` (the number of streams). ``seed`` makes the initial
    weights reproducible. An ensemble (``model.members`` > 1) has that many copies of the
    network side by side between the scaling layers, their outputs averaged by Keras's own
    ``Average`` layer: plain Keras loads it and gives the ensemble's mean. Its first member
    starts from the weights a single network with the same seed starts from. A ``highway``
    adds to each member's output a ``Dense(1)`` of the (scaled) window, and its input is then
    exactly ``window`` steps; see :func:`start_from_linear_autoregression`.
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
        inputs = keras.Input(shape=(samples.window if model.highway else None, 1), name="x")
    scaler = scaler or Scaler()
    hidden = inputs
    if scaler.kind == "difference":
        hidden = keras.layers.Subtract(name="difference")(
            [keras.layers.Cropping1D((1, 0), name="later")(inputs), keras.layers.Cropping1D((0, 1), name="earlier")(inputs)])
    if scaler.active:
        hidden = keras.layers.Normalization(mean=[scaler.center], variance=[scaler.variance], name=SCALE_IN)(hidden)
    if model.kind == "dense" and len(plan.dense_input_shape(samples.window)) > 1:
        hidden = keras.layers.Flatten(name="flatten")(hidden)
    window = None
    if model.highway:
        window = hidden if model.kind == "dense" else keras.layers.Flatten(name=HIGHWAY_WINDOW)(hidden)
    members = []
    for member in range(model.members):
        suffix = member_suffix(member, model.members)
        branch = hidden
        for index in range(model.layers):
            branch = _hidden_layer(model, index, plan, member)(branch)
        output = keras.layers.Dense(1, activation="linear", kernel_initializer=model.kernel_initializer,
                                    name=OUTPUT_LAYER_NAME + suffix)(branch)
        if window is not None:
            output = keras.layers.Add(name=WITH_HIGHWAY + suffix)(
                [output, keras.layers.Dense(1, activation="linear", name=HIGHWAY + suffix)(window)])
        members.append(output)
    outputs = members[0] if len(members) == 1 else keras.layers.Average(name=ENSEMBLE_MEAN)(members)
    if scaler.active:
        outputs = keras.layers.Normalization(mean=[scaler.center], variance=[scaler.variance], invert=True,
                                             name=SCALE_OUT)(outputs)
    if scaler.kind == "difference":
        last = keras.layers.Reshape((1,), name="last_value")(
            keras.layers.Cropping1D((samples.window - 1, 0), name="last")(inputs))
        outputs = keras.layers.Add(name="plus_change")([last, outputs])
    if scaler.non_negative:
        outputs = keras.layers.ReLU(name=NON_NEGATIVE)(outputs)
    return keras.Model(inputs, outputs, name=model.kind)


def trainable_part(model: keras.Model) -> keras.Model:
    """What training fits: the network between the scaling layers (model-space in and out),
    sharing its layers with ``model``; ``model`` itself when it is a single network with
    nothing around it (no scaling, no non-negative output). An ensemble's gives every
    member's output side by side (last axis, one per member), so that each member is trained
    on its own error."""
    import keras

    names = {layer.name for layer in model.layers}
    members = member_outputs(model)
    if SCALE_IN not in names and NON_NEGATIVE not in names and len(members) == 1:
        return model
    inputs = model.get_layer(SCALE_IN).output if SCALE_IN in names else model.inputs[0]
    outputs = members[0] if len(members) == 1 else keras.layers.Concatenate(name="members")(members)
    return keras.Model(inputs, outputs, name="network")


def member_outputs(model: keras.Model) -> list[Any]:
    """Each member's output in model space (one for a single network), its highway included."""
    names = {layer.name for layer in model.layers}
    if ENSEMBLE_MEAN not in names:
        return [model.get_layer(WITH_HIGHWAY if WITH_HIGHWAY in names else OUTPUT_LAYER_NAME).output]
    return list(model.get_layer(ENSEMBLE_MEAN).input)


def start_from_linear_autoregression(model: keras.Model, x: np.ndarray, y: np.ndarray) -> None:
    """Set every member's highway to the least-squares linear autoregression of the training
    samples ``x`` (samples, window, 1) -> ``y`` (model space), and its network's output layer
    to zero: the model starts out predicting exactly what that linear model predicts, and
    training teaches the network what it misses."""
    flat = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    design = np.column_stack([flat, np.ones(len(flat))])
    coefficients = np.linalg.lstsq(design, np.asarray(y, dtype=np.float64).reshape(len(y)), rcond=None)[0]
    for layer in model.layers:
        if is_highway(layer.name):
            layer.set_weights([coefficients[:-1, None].astype(np.float32), coefficients[-1:].astype(np.float32)])
        elif layer.name.startswith(OUTPUT_LAYER_NAME):
            layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])


def _hidden_layer(model: ModelSpec, index: int, plan: SampleLayout, member: int) -> Any:
    import keras

    name = f"{model.kind}_{index + 1}{member_suffix(member, model.members)}"
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
