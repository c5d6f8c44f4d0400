"""Exact, fast inference in numpy from a trained Keras model's weights (read by :mod:`.numpy_network`).

Keras exposes an LSTM's cell state only after the last step and costs tens of milliseconds
per ``predict`` call. Here the same equations as Keras's SimpleRNN, LSTM, GRU and Dense layers
run in float64 numpy, one step at a time when needed, recording the hidden state ``h``, the
LSTM cell state ``c`` and the gate activations at every step. Tests hold the results to
Keras's own outputs within 1e-5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .costs import prediction_flops
from .experiment import ModelSpec, SampleSpec
from .numpy_network import ACTIVATION_FUNCTIONS, LayerWeights, NumpyNetwork
from .validation import REPORT_FLOPS

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
