"""The experiment: typed, validated, JSON round-trippable settings for one run.

An :class:`Experiment` holds everything needed to reproduce a run: where the data comes
from (:class:`DataSpec`), how it is cut into samples (:class:`SampleSpec`), the network
(:class:`ModelSpec`), the training settings (:class:`TrainSpec`) and the closed-loop
prediction to show (:class:`RolloutSpec`). Fields with a fixed set of values have
``Literal`` types; every field is checked by :func:`rnnstudio.core.validation.validate`,
whose messages name the field, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from .layouts import PLANS, LayoutName, SampleLayout
from .safe_json import JsonError, load_json

DataKind = Literal["sine", "pulse", "csv"]
NoiseKind = Literal["none", "uniform", "normal"]
ModelKind = Literal["dense", "simple_rnn", "lstm", "gru"]
Activation = Literal["tanh", "relu", "sigmoid", "linear"]
Initializer = Literal["glorot_uniform", "glorot_normal", "he_normal", "random_normal", "random_uniform"]
OptimizerName = Literal["adam", "sgd", "rmsprop", "adagrad"]
LossName = Literal["mse", "mae"]
ScalingName = Literal["none", "standard", "minmax", "difference"]
MissingPolicy = Literal["refuse", "interpolate", "drop"]
DecimalMark = Literal["auto", ".", ","]
DateOrder = Literal["auto", "day first", "month first"]
TrainingMode = Literal["teacher_forcing", "free_running", "scheduled_sampling"]

DATA_KINDS: tuple[DataKind, ...] = get_args(DataKind)
NOISE_KINDS: tuple[NoiseKind, ...] = get_args(NoiseKind)
MODEL_KINDS: tuple[ModelKind, ...] = get_args(ModelKind)
ACTIVATIONS: tuple[Activation, ...] = get_args(Activation)
INITIALIZERS: tuple[Initializer, ...] = get_args(Initializer)
OPTIMIZERS: tuple[OptimizerName, ...] = get_args(OptimizerName)
LOSSES: tuple[LossName, ...] = get_args(LossName)
SCALINGS: tuple[ScalingName, ...] = get_args(ScalingName)
MISSING_POLICIES: tuple[MissingPolicy, ...] = get_args(MissingPolicy)
DECIMAL_MARKS: tuple[DecimalMark, ...] = get_args(DecimalMark)
DATE_ORDERS: tuple[DateOrder, ...] = get_args(DateOrder)
TRAINING_MODES: tuple[TrainingMode, ...] = get_args(TrainingMode)
@dataclass(frozen=True)
class DataSpec:
    """Where the series comes from.

    ``sine``: ``amplitude * sin(2*pi*t/period)`` at ``t = t_start + i*t_step`` for ``length``
    points, plus noise. ``pulse``: 1 for ``pulse_width`` samples out of every ``period``
    (in samples), 0 otherwise, plus noise. ``csv``: column ``column`` (name or 0-based index)
    of the file at ``path``; empty cells are refused, interpolated or dropped (``missing``);
    ``decimal``: the file's decimal mark, ``auto`` to sniff it (a file whose numbers could be
    read both ways is then refused); ``date_order``: whether its dates put the day or the
    month first, ``auto`` to tell from the dates (dates that read both ways are then refused).

    ``scaling`` (none, standard, minmax, difference) is fitted on the training part and
    lives in the saved model. ``season`` is the season length in steps for the seasonal
    naive baseline (0: detected from the autocorrelation; 1: none, as persistence). ``non_negative``: the model's
    outputs are kept at 0 or above (counts, sales), by a ReLU the saved model carries.
    """

    kind: DataKind = "sine"
    length: int = 200
    t_start: float = 0.0
    t_step: float = 1.0
    period: float = 100.0
    amplitude: float = 1.0
    pulse_width: int = 3
    noise: NoiseKind = "uniform"
    noise_level: float = 0.05
    seed: int = 0
    path: str = ""
    column: int | str = 0
    missing: MissingPolicy = "refuse"
    decimal: DecimalMark = "auto"
    date_order: DateOrder = "auto"
    scaling: ScalingName = "none"
    season: int = 0
    non_negative: bool = False


@dataclass(frozen=True)
class SampleSpec:
    """How the series is cut into samples.

    ``windows``: ``window`` values -> the next value. ``sequence``: a window -> the same window
    shifted by one step. ``stateful``: the series and copies circularly shifted by
    ``stream_shifts`` are cut into consecutive chunks of ``window`` steps; batch k holds chunk k
    of every stream so the state carries over. ``xy``: each point's t -> its value.
    """

    layout: LayoutName = "windows"
    window: int = 20
    stream_shifts: tuple[int, ...] = (0,)

    @property
    def plan(self) -> SampleLayout:
        """What the layout means: how samples are cut, warmed, predicted and costed."""
        return PLANS[self.layout]


@dataclass(frozen=True)
class ModelSpec:
    """The network: ``layers`` hidden layers of ``units`` each, then a linear Dense(1).
    ``members`` > 1: a seed ensemble, that many copies of the network from different initial
    weights, trained together; the model's output is their mean. ``highway``: a linear
    autoregression on the window is added to the output (as LSTNet does; windows layout), so
    the network learns what a linear model misses."""

    kind: ModelKind = "simple_rnn"
    layers: int = 1
    units: int = 20
    activation: Activation = "tanh"
    kernel_initializer: Initializer = "glorot_uniform"
    members: int = 1
    highway: bool = False


@dataclass(frozen=True)
class TrainSpec:
    """Training settings. ``validation_fraction`` is the last part of the samples, unshuffled.
    ``early_stopping``: stop after this many epochs without a lower validation loss and keep
    the weights of the epoch with the lowest (0: off; it needs a validation part).
    ``refit``: after early stopping, train on from the kept epoch's weights on every sample,
    the validation part's too, for this share of the kept epochs (rounded up; 0: off), as a
    forecaster refits on all the data before forecasting. The run's scores stay those of the
    kept epoch, which never saw the validation part.

    ``mode``: what the network sees as its inputs while it trains. ``teacher_forcing``: always
    the true past. ``free_running``: over ``horizon`` steps its own predictions are fed back as
    its next inputs, and the loss is over all of them (gradients flow back through the fed-back
    predictions). ``scheduled_sampling``: each of those inputs is the prediction with a chance
    that rises over the epochs (see :func:`~rnnstudio.core.free_running.feedback_chance`), else
    the truth. The validation loss is always the one-step loss."""

    epochs: int = 10
    batch_size: int = 32
    optimizer: OptimizerName = "adam"
    learning_rate: float = 0.001
    loss: LossName = "mse"
    validation_fraction: float = 0.0
    shuffle: bool = True
    seed: int = 0
    early_stopping: int = 0
    refit: float = 0.0
    mode: TrainingMode = "teacher_forcing"
    horizon: int = 10

    @property
    def passes(self) -> int:
        """Network passes per sample in one training step: the horizon when predictions are
        fed back, else 1."""
        return 1 if self.mode == "teacher_forcing" else self.horizon

    def refit_epochs(self, kept_epoch: int) -> int:
        """How many epochs the refit on every sample trains after early stopping kept
        ``kept_epoch`` (0 without a refit)."""
        return math.ceil(round(self.refit * kept_epoch, 9)) if self.refit and self.early_stopping else 0


@dataclass(frozen=True)
class RolloutSpec:
    """Closed-loop prediction: warm up on ``warmup`` true values from ``start``, then predict
    ``steps`` values, each fed back as the next input. ``steps = 0`` shows no rollout.
    ``forecast``: closed-loop steps past the end of the series (warmed up on its last values)."""

    start: int = 0
    warmup: int = 20
    steps: int = 100
    forecast: int = 0


@dataclass(frozen=True)
class Experiment:
    """Everything that defines one run."""

    name: str = "custom"
    description: str = ""
    data: DataSpec = field(default_factory=DataSpec)
    samples: SampleSpec = field(default_factory=SampleSpec)
    model: ModelSpec = field(default_factory=ModelSpec)
    train: TrainSpec = field(default_factory=TrainSpec)
    rollout: RolloutSpec = field(default_factory=RolloutSpec)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        return json.loads(json.dumps(dataclasses.asdict(self)))

    def to_json(self) -> str:
        """Pretty JSON text."""
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_dict(cls, raw: Any) -> Experiment:
        """Build from a dict as written by :meth:`to_dict`; unknown or mistyped fields raise
        :class:`ExperimentError` naming the field."""
        return _from_dict(cls, raw, "")

    @classmethod
    def from_json(cls, text: str) -> Experiment:
        """Parse JSON text with the bounds of :func:`~rnnstudio.core.safe_json.load_json`; bad
        or unbounded JSON raises :class:`ExperimentError`."""
        try:
            raw = load_json(text, "experiment JSON")
        except JsonError as err:
            raise ExperimentError(str(err)) from None
        return cls.from_dict(raw)


class ExperimentError(ValueError):
    """An experiment that cannot be used; the message says which field and why."""


SECTION_TYPES = {
    "data": DataSpec,
    "samples": SampleSpec,
    "model": ModelSpec,
    "train": TrainSpec,
    "rollout": RolloutSpec,
}


def _from_dict(cls: type, raw: Any, prefix: str) -> Any:
    if not isinstance(raw, dict):
        where = prefix.rstrip(".") or "experiment"
        raise ExperimentError(f"{where} must be a JSON object, got {type(raw).__name__}")
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ExperimentError(
            f"{prefix}{unknown[0]} is not a known field; allowed: {', '.join(known)}"
        )
    values = {}
    for name, value in raw.items():
        path = prefix + name
        if name in SECTION_TYPES and cls is Experiment:
            values[name] = _from_dict(SECTION_TYPES[name], value, path + ".")
        else:
            values[name] = coerce_field(cls, name, value, path)
    return cls(**values)


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def coerce_field(cls: type, name: str, value: Any, path: str) -> Any:
    """Check ``value`` against the declared type of ``cls.name``; convert lists to tuples and
    whole floats to ints where the field is an int. A ``Literal`` field takes any text here:
    :func:`~rnnstudio.core.validation.validate` names the allowed values."""
    kind = _field_types(cls)[name]
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ExperimentError(f"{path} = {value!r}: must be true or false")
    if kind is int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ExperimentError(f"{path} = {value!r}: must be a whole number")
    if kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise ExperimentError(f"{path} = {value!r}: must be a number")
    if kind is str or get_origin(kind) is Literal:
        if isinstance(value, str):
            return value
        raise ExperimentError(f"{path} = {value!r}: must be text")
    if isinstance(kind, types.UnionType):  # int | str: a column
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            return value
        raise ExperimentError(f"{path} = {value!r}: must be a column name or a 0-based index")
    if get_origin(kind) is tuple:
        if isinstance(value, (list, tuple)) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            return tuple(value)
        raise ExperimentError(f"{path} = {value!r}: must be a list of whole numbers")
    raise ExperimentError(f"{path}: unsupported field type {kind}")  # pragma: no cover
