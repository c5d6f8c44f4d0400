"""A trained Keras model as numpy arrays: what :mod:`.inference` runs.

:meth:`NumpyNetwork.from_keras` reads the layers RNN Studio builds (see
:func:`.models.build_model`): the hidden layers and the output layer, the scaling around them,
a non-negative output, a linear highway, a seed ensemble's members; anything else is refused
with :class:`InferenceError` naming the part. :meth:`NumpyNetwork.with_weights` puts another
epoch's weights into the same architecture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .ensemble import EnsembleError, wide_network
from .models import is_highway, is_highway_plumbing, member_of
from .scaling import Scaler

ACTIVATION_FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "tanh": np.tanh,
    "sigmoid": lambda v: 0.5 * (1.0 + np.tanh(0.5 * v)),
    "hard_sigmoid": lambda v: np.clip(v / 6.0 + 0.5, 0.0, 1.0),
    "relu": lambda v: np.maximum(v, 0.0),
    "linear": lambda v: v,
}


class InferenceError(ValueError):
    """A model that numpy inference does not support; the message says which part."""


@dataclass(frozen=True)
class LayerWeights:
    """One layer's weights and activations, as float64 arrays."""

    kind: str  # "dense", "simple_rnn", "lstm" or "gru"
    kernel: np.ndarray
    bias: np.ndarray
    activation: str
    recurrent_kernel: np.ndarray | None = None
    recurrent_activation: str = "sigmoid"
    reset_after: bool = True

    @property
    def units(self) -> int:
        return self.recurrent_kernel.shape[0] if self.recurrent_kernel is not None else self.kernel.shape[1]


@dataclass(frozen=True)
class NumpyNetwork:
    """A Keras model's hidden layers and its output layer, ready for numpy inference; its
    ``highway`` (a Dense(1) on the window, added to the output) when it has one.

    An ensemble keeps its ``members`` (each a single network) and runs as one network as wide
    as all of them side by side: block-diagonal weights, so each member's units see only their
    own, and an output layer that averages the members' outputs, as the Keras model's
    ``Average`` does. ``weight_order``: (member, slot) of each weighted layer in Keras's
    ``get_weights()`` order, which goes by depth (every member's first layer, then every
    member's second...); a slot indexes hidden layers then the output layer, -1 the highway."""

    hidden: tuple[LayerWeights, ...]
    output: LayerWeights
    per_step_output: bool = False
    scaler: Scaler = Scaler()
    highway: LayerWeights | None = None
    members: tuple[NumpyNetwork, ...] = ()
    weight_order: tuple[tuple[int, int], ...] = ()

    @property
    def recurrent(self) -> bool:
        return self.hidden[0].kind != "dense"

    @property
    def kind(self) -> str:
        return self.hidden[0].kind

    @property
    def member_count(self) -> int:
        """How many networks are averaged (1 for a single network)."""
        return max(1, len(self.members))

    @property
    def member_units(self) -> int:
        """Units per hidden layer of one member."""
        return self.hidden[0].units // self.member_count

    def member(self, index: int) -> NumpyNetwork:
        """Member ``index`` (0-based) on its own; a single network is its own member 0."""
        return self.members[index] if self.members else self

    @classmethod
    def from_keras(cls, model: Any) -> NumpyNetwork:
        """Read the weights of a model built by :func:`rnnstudio.core.models.build_model` (or
        the same architecture saved by plain Keras)."""
        layers = [layer for layer in model.layers if not is_highway_plumbing(layer.name)]
        names = [type(layer).__name__ for layer in layers]
        weighted = [(layer, name) for layer, name in zip(layers, names)
                    if name not in ("InputLayer", "Flatten", "Normalization", "Average", "ReLU")
                    and name not in _DIFFERENCE_LAYERS]
        scaler = _scaler_of(model, layers, names)
        ensemble = "Average" in names
        owners = [member_of(layer.name) if ensemble else 0 for layer, _ in weighted]
        count = max(owners) + 1
        if ensemble and (names.count("Average") != 1 or sorted(set(owners)) != list(range(count)) or count < 2):
            raise InferenceError("the ensemble's layers are not named as RNN Studio names them (..._m1, ..._m2, ...)")
        members = [_single_network(model, names, [w for w, m in zip(weighted, owners) if m == member], scaler)
                   for member in range(count)]
        order: list[tuple[int, int]] = []
        for layer, member in zip((w for w, _ in weighted), owners):
            taken = len([slot for slot in order if slot[0] == member and slot[1] != _HIGHWAY_SLOT])
            order.append((member, _HIGHWAY_SLOT if is_highway(layer.name) else taken))
        if not ensemble:
            return replace(members[0], weight_order=tuple(order))
        try:
            return wide_network(members, tuple(order))
        except EnsembleError as error:
            raise InferenceError(str(error)) from None

    def with_weights(self, arrays: list[np.ndarray]) -> NumpyNetwork:
        """The same architecture with ``arrays`` (in Keras's ``model.get_weights()`` order,
        which :attr:`weight_order` follows: kernel, recurrent kernel, bias per recurrent layer;
        kernel, bias per Dense layer) as its weights."""
        networks = list(self.members) if self.members else [self]
        slots = [_slots(network) for network in networks]
        order = self.weight_order or tuple((0, slot) for slot in range(len(slots[0])))
        remaining = list(arrays)
        for member, slot in order:  # the highway's slot, -1, is the last
            layer = slots[member][slot]
            own = _layer_arrays(layer)
            taken, remaining = remaining[: len(own)], remaining[len(own) :]
            if len(taken) != len(own) or any(np.shape(a) != b.shape for a, b in zip(taken, own)):
                raise InferenceError("the weights do not fit the network's layers")
            taken = [np.asarray(a, dtype=np.float64) for a in taken]
            slots[member][slot] = replace(layer, kernel=taken[0], bias=taken[-1],
                                              recurrent_kernel=taken[1] if len(taken) == 3 else None)
        if remaining:
            raise InferenceError("more weights than the network has layers for")
        rebuilt = [replace(network, hidden=tuple(own[: len(network.hidden)]), output=own[len(network.hidden)],
                           highway=own[-1] if network.highway is not None else None, members=(), weight_order=())
                   for network, own in zip(networks, slots)]
        if self.members:
            return wide_network(rebuilt, self.weight_order)
        return replace(rebuilt[0], weight_order=self.weight_order)


_HIGHWAY_SLOT = -1  # in weight_order: the member's highway layer, the last of its slots


def _slots(network: NumpyNetwork) -> list[LayerWeights]:
    """A network's weighted layers: hidden ones, the output layer, then its highway if any."""
    return [*network.hidden, network.output, *([network.highway] if network.highway is not None else [])]


def _single_network(model: Any, names: list[str], weighted: list[tuple[Any, str]], scaler: Scaler) -> NumpyNetwork:
    """One network from its weighted layers (in order), checked to be what numpy can run."""
    highways = [_layer_weights(layer, name) for layer, name in weighted if is_highway(layer.name)]
    weighted = [(layer, name) for layer, name in weighted if not is_highway(layer.name)]
    layers = []
    per_step = False
    for layer, name in weighted:
        layers.append(_layer_weights(layer, name))
        per_step = bool(layer.get_config().get("return_sequences", per_step))
    if len(layers) < 2 or layers[-1].kind != "dense" or layers[-1].kernel.shape[1] != 1:
        raise InferenceError("the model must end in a Dense layer with one output after at least one hidden layer")
    kinds = {layer.kind for layer in layers[:-1]}
    if len(kinds) != 1:
        raise InferenceError(f"hidden layers must all be of one kind, found {', '.join(sorted(kinds))}")
    input_shape = tuple(model.inputs[0].shape)
    width = int(np.prod([d or 1 for d in input_shape[1:]])) if layers[0].kind == "dense" else 1
    if layers[0].kind == "dense" and scaler.kind == "difference":
        width -= 1  # a window of w values has w - 1 differences
    if layers[0].kernel.shape[0] != width or (layers[0].kind == "dense" and len(input_shape) == 3
                                              and "Flatten" not in names):
        raise InferenceError(f"the first layer reads {layers[0].kernel.shape[0]} values where the input "
                             f"{input_shape[1:]} gives {width}; the studio's models read one value per step "
                             "(a Dense network reads a flattened window)")
    if len(highways) > 1 or (highways and (highways[0].kernel.shape[1] != 1 or per_step or input_shape[1] is None)):
        raise InferenceError("a highway is one Dense(1) on a fixed window, beside a network that predicts its next value")
    return NumpyNetwork(hidden=tuple(layers[:-1]), output=layers[-1], per_step_output=per_step, scaler=scaler,
                        highway=highways[0] if highways else None)


def _layer_arrays(layer: LayerWeights) -> list[np.ndarray]:
    if layer.recurrent_kernel is None:
        return [layer.kernel, layer.bias]
    return [layer.kernel, layer.recurrent_kernel, layer.bias]


_KIND_OF_CLASS = {"Dense": "dense", "SimpleRNN": "simple_rnn", "LSTM": "lstm", "GRU": "gru"}
_DIFFERENCE_LAYERS = {"Cropping1D": 3, "Subtract": 1, "Reshape": 1, "Add": 1}


def _scaler_of(model: Any, layers: list[Any], names: list[str]) -> Scaler:
    """The scaling a studio-built model carries (see :func:`rnnstudio.core.models.build_model`);
    anything else made of these ``layers`` (the model's, without a highway's plumbing; their
    class ``names``) is refused, since the inference would not reproduce it."""
    non_negative = _non_negative(model, names)
    normalizations = [layer.get_config() for layer, name in zip(layers, names) if name == "Normalization"]
    counts = {name: names.count(name) for name in _DIFFERENCE_LAYERS}
    difference = counts == _DIFFERENCE_LAYERS
    if not normalizations and not any(counts.values()):
        return Scaler(non_negative=non_negative)
    if len(normalizations) != 2 or (any(counts.values()) and not difference) \
            or [config.get("invert", False) for config in normalizations] != [False, True]:
        raise InferenceError("the model's scaling layers are not arranged as RNN Studio builds them")
    means = [np.ravel(np.asarray(config.get("mean"), dtype=np.float64)) for config in normalizations]
    variances = [np.ravel(np.asarray(config.get("variance"), dtype=np.float64)) for config in normalizations]
    if any(m.shape != (1,) for m in means + variances) or not (means[0] == means[1] and variances[0] == variances[1]):
        raise InferenceError("the model's input and output scaling differ; RNN Studio scales both alike")
    return Scaler("difference" if difference else "standard", float(means[0][0]), float(np.sqrt(variances[0][0])),
                  non_negative)


def _non_negative(model: Any, names: list[str]) -> bool:
    """Whether the model ends in a plain ReLU (outputs kept at 0 or above); a ReLU anywhere
    else, or one with a slope, a cap or a threshold, is refused."""
    if "ReLU" not in names:
        return False
    config = model.layers[-1].get_config()
    if names.count("ReLU") != 1 or names[-1] != "ReLU" or config.get("max_value") is not None \
            or config.get("negative_slope", 0.0) or config.get("threshold", 0.0):
        raise InferenceError("a ReLU layer is read only as a plain last layer that keeps outputs non-negative")
    return True


def _layer_weights(layer: Any, class_name: str) -> LayerWeights:
    kind = _KIND_OF_CLASS.get(class_name)
    if kind is None:
        raise InferenceError(f"layer {layer.name!r} of class {class_name} is not supported")
    config = layer.get_config()
    weights = [np.asarray(w, dtype=np.float64) for w in layer.get_weights()]
    activation = _activation_name(config.get("activation", "linear"))
    if not config.get("use_bias", True):
        raise InferenceError(f"layer {layer.name!r}: layers without bias are not supported")
    if kind == "dense":
        return LayerWeights(kind, weights[0], weights[1], activation)
    return LayerWeights(
        kind, weights[0], weights[2], activation, recurrent_kernel=weights[1],
        recurrent_activation=_activation_name(config.get("recurrent_activation", "sigmoid")),
        reset_after=bool(config.get("reset_after", True)),
    )


def _activation_name(raw: Any) -> str:
    name = raw if isinstance(raw, str) else (raw or {}).get("config", {}).get("name", str(raw))
    if name not in ACTIVATION_FUNCTIONS:
        raise InferenceError(f"activation {name!r} is not supported; supported: {', '.join(ACTIVATION_FUNCTIONS)}")
    return name
