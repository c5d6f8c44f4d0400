"""Gradients through time: how far back a network's prediction reaches, and how much of the
loss's gradient reaches the states it had k steps earlier.

For one prediction ``ŷ`` made after the inputs ``x_0 … x_{T-1}`` this computes, exactly (the
chain rule run backwards through every step, as backpropagation through time does, in
float64):

- the input sensitivity ``|∂ŷ/∂x_{T-1-k}|``: how much the prediction moves when the input
  ``k`` steps back moves;
- the state gradient ``‖∂L/∂h_{T-1-k}‖`` for every recurrent layer: the size of the loss's
  gradient reaching that layer's hidden state ``k`` steps back, which is what trains the
  weights to use what was seen then. A plain RNN's shrinks about geometrically with ``k``;
  the LSTM's and GRU's gates can keep it open.

Everything is in the network's own units (between the scaling layers), with ``k = 0`` the
last step, the one that makes the prediction. The Dense MLP reads its window at once: its
sensitivity is to each window position, and it has no state. A linear highway adds its
weight for each window position to the input sensitivity (its path skips the states).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .numpy_network import ACTIVATION_FUNCTIONS, LayerWeights, NumpyNetwork

Derivative = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (pre-activation, activation) -> slope
DERIVATIVES: dict[str, Derivative] = {
    "tanh": lambda z, a: 1.0 - a * a,
    "sigmoid": lambda z, a: a * (1.0 - a),
    "hard_sigmoid": lambda z, a: np.where((z > -3.0) & (z < 3.0), 1.0 / 6.0, 0.0),
    "relu": lambda z, a: (z > 0).astype(np.float64),
    "linear": lambda z, a: np.ones_like(z),
}


@dataclass(frozen=True)
class Gradients:
    """One prediction's gradients through time. ``steps_back[k] = k``; ``input_sensitivity``
    is (steps,), ``state_gradient`` (layers, steps) (None for the Dense MLP); ``prediction``,
    ``target`` and ``loss_slope`` (∂L/∂ŷ) are in the network's units."""

    steps_back: np.ndarray
    input_sensitivity: np.ndarray
    state_gradient: np.ndarray | None
    prediction: float
    target: float
    loss_slope: float


def gradients_through_time(net: NumpyNetwork, inputs: np.ndarray, target: float, loss: str = "mse") -> Gradients:
    """Gradients of the prediction after ``inputs`` (steps,) (model space) and of its ``loss``
    (``mse`` or ``mae``) against ``target``, back through every step."""
    x = np.asarray(inputs, dtype=np.float64).reshape(-1)
    if net.recurrent:
        prediction, tape, out_slope = _forward(net, x)
        sensitivity, state_slopes = _backward(net, tape, out_slope)
    else:
        prediction, sensitivity = _dense_sensitivity(net, x)
        state_slopes = None
    if net.highway is not None:  # its straight path from each input of the window
        if len(x) != net.highway.kernel.shape[0]:
            raise ValueError(f"the highway reads a window of {net.highway.kernel.shape[0]} values, not {len(x)}")
        prediction += float(x @ net.highway.kernel[:, 0] + net.highway.bias[0])
        sensitivity = sensitivity + net.highway.kernel[:, 0]
    error = prediction - target
    slope = 2.0 * error if loss == "mse" else float(np.sign(error))
    steps = len(x)
    return Gradients(
        steps_back=np.arange(steps),
        input_sensitivity=np.abs(sensitivity[::-1]),
        state_gradient=None if state_slopes is None else abs(slope) * state_slopes[:, ::-1],
        prediction=float(prediction), target=float(target), loss_slope=float(slope),
    )


@dataclass
class _Step:
    """What one layer's step needs kept for the backward pass."""

    x: np.ndarray
    h_prev: np.ndarray
    c_prev: np.ndarray | None
    pre: np.ndarray       # pre-activations: SimpleRNN's sum, LSTM's z, GRU's [z r] then candidate
    act: np.ndarray       # their activations
    c: np.ndarray | None = None
    from_h: np.ndarray | None = None  # GRU: the recurrent kernel's part (reset_after) or r * h


def _forward(net: NumpyNetwork, x: np.ndarray) -> tuple[float, list[list[_Step]], float]:
    """Run the network over ``x`` from zero states, keeping every step of every layer; the
    prediction and the output layer's slope."""
    states = [(np.zeros(layer.units), np.zeros(layer.units) if layer.kind == "lstm" else None) for layer in net.hidden]
    tape: list[list[_Step]] = []
    signal = np.zeros(1)
    for value in x:
        signal = np.array([value])
        steps = []
        for index, layer in enumerate(net.hidden):
            h_prev, c_prev = states[index]
            step = _step(layer, signal, h_prev, c_prev)
            steps.append(step)
            signal = _output_of(layer, step)
            states[index] = (signal, step.c)
        tape.append(steps)
    out = net.output
    pre = signal @ out.kernel + out.bias
    prediction = ACTIVATION_FUNCTIONS[out.activation](pre)
    return float(prediction[0]), tape, float(DERIVATIVES[out.activation](pre, prediction)[0])


def _step(layer: LayerWeights, x: np.ndarray, h: np.ndarray, c: np.ndarray | None) -> _Step:
    act = ACTIVATION_FUNCTIONS[layer.activation]
    gate = ACTIVATION_FUNCTIONS[layer.recurrent_activation]
    u = layer.units
    recurrent = layer.recurrent_kernel
    assert recurrent is not None, "a recurrent layer has a recurrent kernel"
    if layer.kind == "simple_rnn":
        pre = x @ layer.kernel + layer.bias + h @ recurrent
        return _Step(x, h, None, pre, act(pre))
    if layer.kind == "lstm":
        assert c is not None
        pre = x @ layer.kernel + h @ recurrent + layer.bias
        gates = gate(pre)
        candidate = act(pre[2 * u : 3 * u])
        activated = np.concatenate([gates[: 2 * u], candidate, gates[3 * u :]])
        c_new = activated[u : 2 * u] * c + activated[:u] * candidate
        return _Step(x, h, c, pre, activated, c=c_new)
    if layer.reset_after:
        from_x = x @ layer.kernel + layer.bias[0]
        from_h = h @ recurrent + layer.bias[1]
        zr_pre = from_x[: 2 * u] + from_h[: 2 * u]
        zr = gate(zr_pre)
        cand_pre = from_x[2 * u :] + zr[u:] * from_h[2 * u :]
    else:
        from_x = x @ layer.kernel + layer.bias
        zr_pre = from_x[: 2 * u] + h @ recurrent[:, : 2 * u]
        zr = gate(zr_pre)
        from_h = zr[u:] * h
        cand_pre = from_x[2 * u :] + from_h @ recurrent[:, 2 * u :]
    pre = np.concatenate([zr_pre, cand_pre])
    return _Step(x, h, None, pre, np.concatenate([zr, act(cand_pre)]), from_h=from_h)


def _output_of(layer: LayerWeights, step: _Step) -> np.ndarray:
    u = layer.units
    if layer.kind == "simple_rnn":
        return step.act
    if layer.kind == "lstm":
        assert step.c is not None
        return step.act[3 * u :] * ACTIVATION_FUNCTIONS[layer.activation](step.c)
    z, candidate = step.act[:u], step.act[2 * u :]
    return z * step.h_prev + (1.0 - z) * candidate


def _backward(net: NumpyNetwork, tape: list[list[_Step]], out_slope: float) -> tuple[np.ndarray, np.ndarray]:
    """∂ŷ/∂x_t (steps,) and ‖∂ŷ/∂h_t‖ per layer (layers, steps), by backpropagation through
    time from the prediction after the last step."""
    layers = net.hidden
    steps = len(tape)
    dh = [np.zeros(layer.units) for layer in layers]
    dc = [np.zeros(layer.units) for layer in layers]
    dh[-1] = net.output.kernel[:, 0] * out_slope
    dx = np.zeros(steps)
    norms = np.zeros((len(layers), steps))
    for t in range(steps - 1, -1, -1):
        below = None
        for index in range(len(layers) - 1, -1, -1):
            if below is not None:
                dh[index] = dh[index] + below
            norms[index, t] = np.linalg.norm(dh[index])
            d_input, dh[index], dc[index] = _step_backward(layers[index], tape[t][index], dh[index], dc[index])
            below = d_input
        assert below is not None
        dx[t] = below[0]
    return dx, norms


def _step_backward(layer: LayerWeights, step: _Step, dh: np.ndarray,
                   dc: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One step of one layer, backwards: the slopes of its input, previous h and previous c."""
    u = layer.units
    recurrent = layer.recurrent_kernel
    assert recurrent is not None
    slope = DERIVATIVES[layer.activation]
    gate_slope = DERIVATIVES[layer.recurrent_activation]
    if layer.kind == "simple_rnn":
        d_pre = dh * slope(step.pre, step.act)
        return d_pre @ layer.kernel.T, d_pre @ recurrent.T, dc
    if layer.kind == "lstm":
        assert step.c is not None and step.c_prev is not None
        i, f, g, o = (step.act[k * u : (k + 1) * u] for k in range(4))
        c_act = ACTIVATION_FUNCTIONS[layer.activation](step.c)
        dc_total = dc + dh * o * slope(step.c, c_act)
        d_act = np.concatenate([dc_total * g, dc_total * step.c_prev, dc_total * i, dh * c_act])
        pre = step.pre
        d_pre = d_act * np.concatenate([gate_slope(pre[: 2 * u], step.act[: 2 * u]), slope(pre[2 * u : 3 * u], g),
                                        gate_slope(pre[3 * u :], o)])
        return d_pre @ layer.kernel.T, d_pre @ recurrent.T, dc_total * f
    z, r, candidate = step.act[:u], step.act[u : 2 * u], step.act[2 * u :]
    assert step.from_h is not None
    d_z = dh * (step.h_prev - candidate)
    d_cand_pre = dh * (1.0 - z) * slope(step.pre[2 * u :], candidate)
    dh_prev = dh * z
    if layer.reset_after:
        d_r = d_cand_pre * step.from_h[2 * u :]
        d_zr_pre = np.concatenate([d_z, d_r]) * gate_slope(step.pre[: 2 * u], step.act[: 2 * u])
        d_from_h = np.concatenate([d_zr_pre, d_cand_pre * r])
        dh_prev = dh_prev + d_from_h @ recurrent.T
    else:
        d_rh = d_cand_pre @ recurrent[:, 2 * u :].T
        d_r = d_rh * step.h_prev
        d_zr_pre = np.concatenate([d_z, d_r]) * gate_slope(step.pre[: 2 * u], step.act[: 2 * u])
        dh_prev = dh_prev + d_rh * r + d_zr_pre @ recurrent[:, : 2 * u].T
    d_from_x = np.concatenate([d_zr_pre, d_cand_pre])
    return d_from_x @ layer.kernel.T, dh_prev, dc


def _dense_sensitivity(net: NumpyNetwork, x: np.ndarray) -> tuple[float, np.ndarray]:
    """A Dense MLP's prediction from the window ``x`` and its slope to each window value."""
    signal = x
    jacobian = np.eye(len(x))  # d signal / d x, built forwards (windows are short)
    for layer in (*net.hidden, net.output):
        pre = signal @ layer.kernel + layer.bias
        signal = ACTIVATION_FUNCTIONS[layer.activation](pre)
        jacobian = (jacobian @ layer.kernel) * DERIVATIVES[layer.activation](pre, signal)
    return float(signal[0]), jacobian[:, 0]
