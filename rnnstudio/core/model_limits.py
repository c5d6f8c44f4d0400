"""What a model file may declare, checked before Keras sees it.

A few kilobytes of config can ask Keras for gigabytes (units=16384, a batch of 100 million)
and a few kilobytes of HDF5 can declare a 4 GiB dataset. Every class, activation, size and
shape the config declares is checked here, and every dataset of the weights file against the
parameter count the config implies, so that an accepted file costs at most
:data:`MAX_WEIGHT_BYTES` of weights and builds in seconds."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

from .experiment import ACTIVATIONS
from .validation import MAX_UNITS

MAX_DIMENSION = 100_000          # any one declared axis: a window of at most 100,000 steps
MAX_STREAMS = 64                 # a stateful model's batch: one row per stream
MAX_SHAPE_VALUES = 10_000_000    # all axes of one declared shape together
MAX_LAYERS = 64                  # an ensemble of 10 members of 3 layers and an output is 40
MAX_WEIGHT_BYTES = 512 * 2**20   # the weights file, as declared and as stored
OPTIMIZER_COPIES = 3             # a compiled file may carry the optimizer's slots (Adam: 2) next to the weights
SHAPE_KEYS = ("batch_shape", "batch_input_shape", "input_shape", "build_input_shape", "shape", "target_shape",
              "cropping")
ALLOWED_ACTIVATIONS = set(ACTIVATIONS) | {"hard_sigmoid"}
UNSUPPORTED_FLAGS = ("go_backwards", "unroll", "time_major")
ALLOWED_CLASSES = {
    ("keras", "DTypePolicy"), ("keras", "Sequential"), ("keras", "Functional"),
    ("keras.src.models.functional", "Functional"), ("keras.models", "Sequential"),
    ("keras.layers", "InputLayer"), ("keras.layers", "Dense"), ("keras.layers", "Flatten"),
    ("keras.layers", "SimpleRNN"), ("keras.layers", "LSTM"), ("keras.layers", "GRU"),
    # the scaling a studio model carries (see rnnstudio.core.scaling): built-in, code-free layers
    ("keras.layers", "Normalization"), ("keras.layers", "Cropping1D"), ("keras.layers", "Subtract"),
    ("keras.layers", "Add"), ("keras.layers", "Reshape"),
    ("keras.layers", "Average"),  # a seed ensemble's mean (see rnnstudio.core.models)
    ("keras.layers", "ReLU"),  # non-negative outputs
    (None, "__keras_tensor__"),
} | {("keras.initializers", name) for name in (
    "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform",
    "RandomNormal", "RandomUniform", "TruncatedNormal", "Orthogonal", "Zeros", "Ones", "Constant")}


class LimitError(ValueError):
    """A model file that declares more, or other, than the studio opens; one line saying what."""


@dataclass
class Declared:
    """What a checked config declares: its layers' units and the largest input width."""

    units: list[int]
    widest_input: int
    layers: int = 0

    def parameter_bound(self) -> int:
        """An upper bound on the model's parameter count (each layer as if it were an LSTM fed
        by the widest input or unit count the config declares)."""
        feed = max([self.widest_input, *self.units], default=1)
        return sum(4 * units * (feed + units + 2) for units in self.units) + 4 * feed + 16

    def weight_bytes_bound(self) -> int:
        """The most bytes the weights file's datasets may declare: the parameters (float32 or
        float64), the optimizer's copies of them, and a little for counters."""
        return min(MAX_WEIGHT_BYTES, 8 * OPTIMIZER_COPIES * self.parameter_bound() + 2**16)


def without_compile_config(config: Any) -> Any:
    """``config`` without what ``model.compile`` adds (optimizer, loss, metrics): the studio
    opens models uncompiled and ignores an optimizer's state, so it need not be trusted."""
    if isinstance(config, dict):
        return {key: value for key, value in config.items() if key != "compile_config"}
    return config


def check_config(config: Any) -> Declared:
    """Check every class, activation, flag, unit count and shape in a Keras model config
    (pass it through :func:`without_compile_config` first: an optimizer is not checked, it is
    not loaded); raises :class:`LimitError` naming the first thing refused."""
    declared = Declared(units=[], widest_input=1)
    _walk(config, declared)
    if declared.layers > MAX_LAYERS:
        raise LimitError(f"the model has {declared.layers} layers; at most {MAX_LAYERS} are opened")
    return declared


def _walk(node: Any, declared: Declared) -> None:
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            _check_object(node, declared)
            stack.extend(value for key, value in node.items() if key not in SHAPE_KEYS)


def _check_object(node: dict, declared: Declared) -> None:
    if "class_name" in node:
        module, class_name = node.get("module"), node["class_name"]
        if not isinstance(class_name, str) or not (module is None or isinstance(module, str)):
            raise LimitError("a class name or module in config.json is not text")
        if (module, class_name) not in ALLOWED_CLASSES:
            raise LimitError(f"the model uses {class_name!r}, which RNN Studio does not open "
                             "(only Dense, SimpleRNN, LSTM and GRU models)")
        if node.get("registered_name") not in (None, class_name):
            raise LimitError("the model uses a custom registered object")
        if module == "keras.layers" and class_name != "InputLayer":
            declared.layers += 1
    for key in ("activation", "recurrent_activation"):
        if key in node and not (isinstance(node[key], str) and node[key] in ALLOWED_ACTIVATIONS):
            shown = node[key] if isinstance(node[key], str) else type(node[key]).__name__
            raise LimitError(f"the model uses {key} {shown!r}, which RNN Studio does not open "
                             f"(one of {', '.join(sorted(ALLOWED_ACTIVATIONS))})")
    for flag in UNSUPPORTED_FLAGS:
        if node.get(flag):
            raise LimitError(f"the model sets {flag}=True, which the studio's inference does not reproduce")
    if "units" in node:
        units = node["units"]
        if not (isinstance(units, int) and not isinstance(units, bool) and 1 <= units <= MAX_UNITS):
            raise LimitError(f"a layer declares units={units!r}; at most {MAX_UNITS} are opened")
        declared.units.append(units)
    for key in SHAPE_KEYS:
        if key in node:
            _check_shape(key, node[key], declared)


def _check_shape(key: str, shape: Any, declared: Declared) -> None:
    if isinstance(shape, dict):  # a tensor's config: {"shape": [...], "dtype": ...}
        shape = shape.get("shape")
    if shape is None:
        return
    dims = [shape] if isinstance(shape, int) else shape
    if not isinstance(dims, list) or not all(d is None or (isinstance(d, int) and not isinstance(d, bool))
                                             for d in _flat(dims)):
        raise LimitError(f"{key} {str(shape)[:60]} is not a list of whole numbers")
    sizes = [d for d in _flat(dims) if d is not None]
    if any(d < 0 or d > MAX_DIMENSION for d in sizes):
        raise LimitError(f"{key} declares an axis of {max(sizes):,}; at most {MAX_DIMENSION:,} are opened")
    if math.prod(sizes) > MAX_SHAPE_VALUES:
        raise LimitError(f"{key} {shape} holds {math.prod(sizes):,} values; at most {MAX_SHAPE_VALUES:,} are opened")
    if key in ("batch_shape", "batch_input_shape") and dims and dims[0] is not None and dims[0] > MAX_STREAMS:
        raise LimitError(f"{key} declares a batch of {dims[0]:,}; at most {MAX_STREAMS} streams are opened")
    if key in ("batch_shape", "batch_input_shape"):
        if len(dims) >= 2 and dims[-1] is not None and dims[-1] != 1 and len(dims) == 3:
            raise LimitError(f"the model reads {dims[-1]} values per step; the studio's models read 1")
        declared.widest_input = max(declared.widest_input, math.prod(d or 1 for d in dims[1:]))


def _flat(dims: list) -> list:
    return [d for item in dims for d in (item if isinstance(item, list) else [item])]


def check_weights(data: bytes, declared: Declared) -> None:
    """Check the weights file's declared datasets (shapes and types only; no data is read)
    against what the config implies; raises :class:`LimitError`."""
    import h5py

    bound = declared.weight_bytes_bound()
    total = 0

    def visit(name: str, item: Any) -> None:
        nonlocal total
        if not isinstance(item, h5py.Dataset):
            return
        if item.dtype.kind not in "fiu" or item.dtype.itemsize > 8:
            raise LimitError(f"model.weights.h5: dataset {name} has type {item.dtype}; weights are numbers")
        total += math.prod(item.shape) * item.dtype.itemsize
        if total > bound:
            raise LimitError(f"model.weights.h5 declares {total / 2**20:,.1f} MiB of weights; a model of this "
                             f"config has at most {bound / 2**20:,.1f} MiB")

    try:
        with h5py.File(io.BytesIO(data), "r") as weights:
            weights.visititems(visit)
    except LimitError:
        raise
    except Exception as error:  # h5py raises OSError, ValueError, KeyError... all mean "damaged"
        raise LimitError(f"model.weights.h5 is not a readable HDF5 file ({str(error).splitlines()[0][:120]})") from None
