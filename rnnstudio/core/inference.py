"""Exact, fast inference in numpy from a trained Keras model's weights.

Keras exposes an LSTM's cell state only after the last step and costs tens of milliseconds
per ``predict`` call. Here the same equations as Keras's SimpleRNN, LSTM, GRU and Dense layers
run in float64 numpy, one step at a time when needed, recording the hidden state ``h``, the
LSTM cell state ``c`` and the gate activations at every step. Tests hold the results to
Keras's own outputs within 1e-5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .ensemble import EnsembleError, member_of, wide_network
from .experiment import ModelSpec, SampleSpec
from .scaling import Scaler
from .validation import REPORT_FLOPS, prediction_flops

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
        plumbing = [layer for layer in model.layers if layer.name.startswith(_HIGHWAY_PLUMBING)]
        layers = [layer for layer in model.layers if layer not in plumbing]
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
            order.append((member, _HIGHWAY_SLOT if _is_highway(layer.name) else taken))
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
        for member, slot in order:
            position = len(slots[member]) - 1 if slot == _HIGHWAY_SLOT else slot
            layer = slots[member][position]
            own = _layer_arrays(layer)
            taken, remaining = remaining[: len(own)], remaining[len(own) :]
            if len(taken) != len(own) or any(np.shape(a) != b.shape for a, b in zip(taken, own)):
                raise InferenceError("the weights do not fit the network's layers")
            taken = [np.asarray(a, dtype=np.float64) for a in taken]
            slots[member][position] = replace(layer, kernel=taken[0], bias=taken[-1],
                                              recurrent_kernel=taken[1] if len(taken) == 3 else None)
        if remaining:
            raise InferenceError("more weights than the network has layers for")
        rebuilt = [replace(network, hidden=tuple(own[: len(network.hidden)]), output=own[len(network.hidden)],
                           highway=own[-1] if network.highway is not None else None, members=(), weight_order=())
                   for network, own in zip(networks, slots)]
        if self.members:
            return wide_network(rebuilt, self.weight_order)
        return replace(rebuilt[0], weight_order=self.weight_order)


_HIGHWAY_PLUMBING = ("with_highway", "highway_window")  # the highway's Add and Flatten: no weights
_HIGHWAY_SLOT = -1  # in weight_order: the member's highway layer


def _is_highway(name: str) -> bool:
    return name.startswith("highway") and not name.startswith(_HIGHWAY_PLUMBING)


def _slots(network: NumpyNetwork) -> list[LayerWeights]:
    """A network's weighted layers: hidden ones, the output layer, then its highway if any."""
    return [*network.hidden, network.output, *([network.highway] if network.highway is not None else [])]


def _single_network(model: Any, names: list[str], weighted: list[tuple[Any, str]], scaler: Scaler) -> NumpyNetwork:
    """One network from its weighted layers (in order), checked to be what numpy can run."""
    highways = [_layer_weights(layer, name) for layer, name in weighted if _is_highway(layer.name)]
    weighted = [(layer, name) for layer, name in weighted if not _is_highway(layer.name)]
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


State = list  # per hidden layer: [h] or [h, c], each (batch, units)


def zero_state(net: NumpyNetwork, batch: int = 1) -> State:
    """All-zero recurrent state for ``batch`` parallel sequences."""
    return [
        [np.zeros((batch, layer.units)) for _ in range(2 if layer.kind == "lstm" else 1)]
        for layer in net.hidden
    ]


def _dense(layer: LayerWeights, x: np.ndarray) -> np.ndarray:
    return ACTIVATION_FUNCTIONS[layer.activation](x @ layer.kernel + layer.bias)


def recurrent_step(layer: LayerWeights, x: np.ndarray, state: list[np.ndarray]) -> tuple[list[np.ndarray], dict[str, np.ndarray]]:
    """One time step of a recurrent layer: input ``x`` (batch, features) and ``state`` ->
    the new state (``[h]`` or ``[h, c]``) and the gate activations of this step."""
    act = ACTIVATION_FUNCTIONS[layer.activation]
    gate = ACTIVATION_FUNCTIONS[layer.recurrent_activation]
    h = state[0]
    assert layer.recurrent_kernel is not None, "a recurrent layer has a recurrent kernel"
    if layer.kind == "simple_rnn":
        return [act(x @ layer.kernel + layer.bias + h @ layer.recurrent_kernel)], {}
    units = layer.units
    if layer.kind == "lstm":
        z = x @ layer.kernel + h @ layer.recurrent_kernel + layer.bias
        gates = gate(z)  # one call for the three gates (the candidate's block is not used)
        i, f, o = gates[:, :units], gates[:, units : 2 * units], gates[:, 3 * units :]
        g = act(z[:, 2 * units : 3 * units])
        c = f * state[1] + i * g
        return [o * act(c), c], {"input": i, "forget": f, "candidate": g, "output": o}
    if layer.reset_after:
        from_x = x @ layer.kernel + layer.bias[0]
        from_h = h @ layer.recurrent_kernel + layer.bias[1]
        zr = gate(from_x[:, : 2 * units] + from_h[:, : 2 * units])
        r = zr[:, units:]
        candidate = act(from_x[:, 2 * units :] + r * from_h[:, 2 * units :])
    else:
        from_x = x @ layer.kernel + layer.bias
        zr = gate(from_x[:, : 2 * units] + h @ layer.recurrent_kernel[:, : 2 * units])
        r = zr[:, units:]
        candidate = act(from_x[:, 2 * units :] + (r * h) @ layer.recurrent_kernel[:, 2 * units :])
    z = zr[:, :units]
    return [z * h + (1.0 - z) * candidate], {"update": z, "reset": r, "candidate": candidate}


@dataclass
class StepRecord:
    """Per-step traces over a run: each step's ``h`` and ``c`` (layers, units), and the gates
    by name; stacked into arrays once, at the end (one array per step would cost more than the
    step itself)."""

    h: list[Any] = field(default_factory=list)
    c: list[Any] = field(default_factory=list)
    gates: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, state: State, gates: list[dict[str, np.ndarray]]) -> None:
        self.h.append([layer_state[0][0] for layer_state in state])
        if len(state[0]) == 2:
            self.c.append([layer_state[1][0] for layer_state in state])
        for name in gates[0]:
            self.gates.setdefault(name, []).append([g[name][0] for g in gates])


def run_sequence(net: NumpyNetwork, x: np.ndarray, state: State | None = None,
                 record: StepRecord | None = None) -> tuple[np.ndarray, State]:
    """Run a recurrent network over ``x`` (batch, steps, 1) from ``state`` (zeros if None).

    Returns per-step outputs (batch, steps) and the final state; with ``record``, appends
    every step's states and gates of batch row 0 to it.
    """
    x = np.asarray(x, dtype=np.float64)
    state = zero_state(net, x.shape[0]) if state is None else state
    outputs = np.empty(x.shape[:2])
    for step in range(x.shape[1]):
        signal = x[:, step, :]
        step_gates = []
        for index, layer in enumerate(net.hidden):
            state[index], gates = recurrent_step(layer, signal, state[index])
            signal = state[index][0]
            step_gates.append(gates)
        outputs[:, step] = _dense(net.output, signal)[:, 0]
        if record is not None:
            record.add(state, step_gates)
    return outputs, state


def hidden_activations(net: NumpyNetwork, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A Dense MLP's outputs (n,) and hidden activations (n, layers, units) for inputs ``x``."""
    signal = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    activations = []
    for layer in net.hidden:
        signal = _dense(layer, signal)
        activations.append(signal)
    return _dense(net.output, signal)[:, 0], np.stack(activations, axis=1)


def predict(net: NumpyNetwork, x: np.ndarray) -> np.ndarray:
    """What ``model.predict(x)`` returns, for windows (n, steps, 1), per-step (n, steps, 1)
    or x->y (n, 1) inputs: (n, 1) for last-step models, (n, steps, 1) for per-step ones."""
    if not net.recurrent and np.ndim(x) == 2:
        return hidden_activations(net, x)[0][:, None]  # x -> y, unscaled
    if not net.per_step_output:
        return predict_next(net, x)[:, None]
    outputs, _ = run_sequence(net, model_input(net, x))
    return raw_output(net, outputs)[:, :, None]


@dataclass(frozen=True)
class OneStepPredictions:
    """Teacher-forced predictions: ``values[k]`` predicts the series value at ``index[k]``."""

    index: np.ndarray
    values: np.ndarray


def one_step_predictions(net: NumpyNetwork, series_values: np.ndarray, t: np.ndarray,
                         samples: SampleSpec, last: int | None = None) -> OneStepPredictions:
    """One-step predictions over a whole series, each from true inputs only; with ``last``,
    only over its last ``last`` positions (a stateful model then starts that part from a
    zero state)."""
    values = np.asarray(series_values, dtype=np.float64)
    plan = samples.plan
    skip = 0 if last is None else max(len(values) - last - plan.least_warmup(samples.window), 0)
    values = values[skip:]
    if not plan.is_time_series:
        return OneStepPredictions(skip + np.arange(len(values)), hidden_activations(net, t[skip:, None])[0])
    if plan.carries_state:
        outputs, _ = run_sequence(net, model_input(net, values[None, :-1, None]))
        return OneStepPredictions(skip + np.arange(1, len(values)), raw_output(net, outputs[0]))
    window = samples.window
    frames = np.lib.stride_tricks.sliding_window_view(values[:-1], window)[:, :, None]
    return OneStepPredictions(skip + np.arange(window, len(values)), predict_next(net, frames))


MAX_ONE_STEP_POINTS = 200_000


def one_step_budget(model: ModelSpec, samples: SampleSpec) -> int:
    """How many one-step predictions a report computes (the last ones of the series): at most
    200,000, and fewer for big networks (at most :data:`REPORT_FLOPS` of arithmetic)."""
    return int(max(100, min(MAX_ONE_STEP_POINTS, REPORT_FLOPS // prediction_flops(model, samples))))


def model_input(net: NumpyNetwork, frames: np.ndarray) -> np.ndarray:
    """Raw input frames (n, steps, 1) -> what the network between the scaling layers sees."""
    return net.scaler.model_input(frames)


def raw_output(net: NumpyNetwork, outputs: np.ndarray, frames: np.ndarray | None = None) -> np.ndarray:
    """The network's outputs -> raw values (``frames``: the raw inputs, for differencing)."""
    return net.scaler.raw_output(np.asarray(outputs, dtype=np.float64), frames)


def predict_next(net: NumpyNetwork, frames: np.ndarray, record: StepRecord | None = None) -> np.ndarray:
    """Raw next values (n,) after raw windows ``frames`` (n, window, 1); with ``record``,
    the states (and gates) after each frame's last step are appended to it."""
    inputs = model_input(net, frames)
    linear = 0.0 if net.highway is None else _dense(net.highway, inputs.reshape(len(inputs), -1))[:, 0]
    if not net.recurrent:
        outputs, activations = hidden_activations(net, inputs)
        if record is not None:
            record.h.extend(activations)
        return raw_output(net, outputs + linear, frames)
    step_record = StepRecord() if record is not None else None
    outputs, _ = run_sequence(net, inputs, record=step_record)
    if record is not None and step_record is not None:
        record.h.append(step_record.h[-1])
        if step_record.c:
            record.c.append(step_record.c[-1])
        for name, per_step in step_record.gates.items():
            record.gates.setdefault(name, []).append(per_step[-1])
    return raw_output(net, outputs[:, -1] + linear, frames)


@dataclass(frozen=True)
class RolloutTrace:
    """A closed-loop rollout. ``values[k]`` predicts the series value at ``index[k]``; from
    ``closed_loop_from`` on, each input was the model's own previous output. ``h``/``c`` are
    (steps, layers, units) states after the step that produced each value (``c`` only for
    LSTM, both None for the MLP); ``gates`` maps gate names to arrays of the same shape."""

    index: np.ndarray
    values: np.ndarray
    closed_loop_from: int
    h: np.ndarray | None
    c: np.ndarray | None
    gates: dict[str, np.ndarray]


def closed_loop_rollout(net: NumpyNetwork, samples: SampleSpec, warmup_values: np.ndarray,
                        steps: int, start: int = 0) -> RolloutTrace:
    """Warm up on ``warmup_values`` (true values from series index ``start``), then predict
    ``steps`` values, each fed back as the next input.

    Stateful models carry their state through the warm-up one value at a time (its outputs
    are teacher-forced predictions) and on; window models read the last ``window`` values
    (true, then predicted) afresh for each step.
    """
    warmup = np.asarray(warmup_values, dtype=np.float64)
    first = start + len(warmup)
    record = StepRecord()
    if samples.plan.carries_state:
        outputs, state = run_sequence(net, model_input(net, warmup[None, :, None]), record=record)
        predicted = [raw_output(net, outputs[0, -1])]
        for _ in range(steps - 1):
            out, state = run_sequence(net, model_input(net, np.array([[[predicted[-1]]]])), state, record)
            predicted.append(raw_output(net, out[0, 0]))
        values = np.concatenate([raw_output(net, outputs[0, :-1]), predicted])[: len(warmup) - 1 + steps]
        index = np.arange(start + 1, start + 1 + len(values))
    else:
        window = list(warmup[-samples.window :])
        values = np.empty(steps)
        for k in range(steps):
            values[k] = predict_next(net, np.array(window)[None, :, None], record)[0]
            window = window[1:] + [values[k]]
        index = np.arange(first, first + steps)
    return _trace(index, values, first, record)


def _trace(index: np.ndarray, values: np.ndarray, first: int, record: StepRecord) -> RolloutTrace:
    def stacked(items: list[Any]) -> np.ndarray | None:
        return np.array(items[: len(values)], dtype=np.float64) if items else None

    return RolloutTrace(
        index=index, values=np.asarray(values, dtype=np.float64), closed_loop_from=first,
        h=stacked(record.h), c=stacked(record.c),
        gates={name: np.array(per_step[: len(values)], dtype=np.float64) for name, per_step in record.gates.items()},
    )
