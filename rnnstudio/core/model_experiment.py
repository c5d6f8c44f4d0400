"""What a Keras model's own config says about the experiment that made it: the experiment
of a plain Keras file, and the check of a studio file's metadata against its model."""

from __future__ import annotations

from typing import Any, cast

from .experiment import (
    INITIALIZERS,
    Activation,
    DataSpec,
    Experiment,
    Initializer,
    ModelKind,
    ModelSpec,
    RolloutSpec,
    SampleSpec,
    ScalingName,
    TrainSpec,
)
from .layouts import LayoutName
from .numpy_network import NumpyNetwork

_INITIALIZER_NAMES: dict[str, Initializer] = {name.replace("_", ""): name for name in INITIALIZERS}


def experiment_from_model(model: Any, network: NumpyNetwork, name: str) -> Experiment:
    """An experiment describing ``model`` as far as its config allows (for plain Keras files
    and to check a studio file's metadata against its model)."""
    hidden_config = [layer.get_config() for layer in model.layers
                     if type(layer).__name__ in ("Dense", "SimpleRNN", "LSTM", "GRU")][0]
    initializer = hidden_config.get("kernel_initializer", {})
    initializer_name = initializer.get("class_name", "") if isinstance(initializer, dict) else str(initializer)
    input_shape = tuple(model.inputs[0].shape)
    # The file's own words: validate() judges them before the experiment is used.
    kind = cast(ModelKind, network.kind)
    stateful = bool(hidden_config.get("stateful", False))
    layout: LayoutName
    if kind == "dense":
        layout = "windows" if len(input_shape) == 3 else "xy"
    else:
        layout = "stateful" if stateful else ("sequence" if network.per_step_output else "windows")
    window = input_shape[1] if len(input_shape) == 3 and input_shape[1] else 20
    batch = input_shape[0] if stateful and input_shape[0] else 32
    return Experiment(
        name=name,
        description="opened from a plain Keras file",
        data=DataSpec(scaling=cast(ScalingName, network.scaler.kind), non_negative=network.scaler.non_negative),
        samples=SampleSpec(layout=layout, window=int(window) if layout != "xy" else 20,
                           stream_shifts=tuple(range(int(batch))) if stateful else (0,)),
        model=ModelSpec(kind=kind, layers=len(network.hidden), units=network.member_units, members=network.member_count,
                        highway=network.highway is not None,
                        activation=cast(Activation, network.hidden[0].activation),
                        kernel_initializer=_INITIALIZER_NAMES.get(initializer_name.lower(), "glorot_uniform")),
        train=TrainSpec(batch_size=int(batch), validation_fraction=0.0 if stateful else 0.2),
        rollout=RolloutSpec(start=0, warmup=int(window) if layout != "xy" else 0, steps=100 if layout != "xy" else 0),
    )


def same_scaling_family(first: str, second: str) -> bool:
    """Whether a model's layers could tell the two scalings apart (standard and minmax look
    alike: both are one Normalization layer)."""
    family = {"minmax": "standard"}
    return family.get(first, first) == family.get(second, second)
