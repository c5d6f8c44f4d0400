"""A seed ensemble's members side by side as one wide network, for numpy inference.

Block-diagonal weights, so each member's units see only their own inputs: the wide network's
states are the members' states one after the other, one pass computes them all, and its
output layer averages the members' outputs, as the Keras model's ``Average`` does (see
:class:`.inference.NumpyNetwork`). Training keeps the members as K branches of Keras's own
layers (:func:`.models.build_model`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

GATES = {"dense": 1, "simple_rnn": 1, "lstm": 4, "gru": 3}


class EnsembleError(ValueError):
    """An ensemble whose members are not copies of one network."""


def side_by_side(arrays: list[np.ndarray], gates: int, shared_rows: bool) -> np.ndarray:
    """One layer's kernels (or biases) of each member -> the wide layer's: each gate's block
    holds every member's units in turn; rows are shared (the first layer's input, a bias) or,
    for inputs from the members' own units, block-diagonal."""
    units = arrays[0].shape[-1] // gates
    blocks = []
    for gate in range(gates):
        parts = [a[..., gate * units : (gate + 1) * units] for a in arrays]
        if shared_rows:
            blocks.append(np.concatenate(parts, axis=-1))
            continue
        rows = parts[0].shape[0]
        diagonal = np.zeros((rows * len(parts), units * len(parts)), dtype=parts[0].dtype)
        for k, part in enumerate(parts):
            diagonal[k * rows : (k + 1) * rows, k * units : (k + 1) * units] = part
        blocks.append(diagonal)
    return np.concatenate(blocks, axis=-1)


def wide_network(members: list[Any], weight_order: tuple[tuple[int, int], ...]) -> Any:
    """``members`` (single :class:`.inference.NumpyNetwork` values) side by side as one wide
    network whose output is their mean."""
    first = members[0]
    shapes = [[layer.kernel.shape for layer in (*m.hidden, m.output)] for m in members]
    if any(shape != shapes[0] for shape in shapes) or any(m.per_step_output != first.per_step_output for m in members):
        raise EnsembleError("the ensemble's members differ in shape; RNN Studio's members are copies of one network")
    hidden = []
    for index, layer in enumerate(first.hidden):
        own = [m.hidden[index] for m in members]
        gates = GATES[layer.kind]
        recurrent = None if layer.recurrent_kernel is None else side_by_side(
            [w.recurrent_kernel for w in own if w.recurrent_kernel is not None], gates, shared_rows=False)
        hidden.append(replace(layer, kernel=side_by_side([w.kernel for w in own], gates, shared_rows=index == 0),
                              bias=side_by_side([w.bias for w in own], gates, shared_rows=True),
                              recurrent_kernel=recurrent))
    count = len(members)
    output = replace(first.output, kernel=np.concatenate([m.output.kernel for m in members]) / count,
                     bias=np.mean([m.output.bias for m in members], axis=0))
    highway = None if first.highway is None else replace(
        first.highway, kernel=np.mean([m.highway.kernel for m in members], axis=0),
        bias=np.mean([m.highway.bias for m in members], axis=0))
    return replace(first, hidden=tuple(hidden), output=output, highway=highway, members=tuple(members),
                   weight_order=weight_order)
