"""Validation of an experiment: every invalid field, with a message naming the field, the
value and what is allowed, and the bounds that keep any valid experiment within the time and
memory of a 24 GB machine."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .costs import MAX_STEP_SECONDS, largest_batch_within, parameter_count, prediction_flops, step_seconds, time_steps
from .experiment import (
    ACTIVATIONS,
    DATA_KINDS,
    DATE_ORDERS,
    DECIMAL_MARKS,
    INITIALIZERS,
    LOSSES,
    MISSING_POLICIES,
    MODEL_KINDS,
    NOISE_KINDS,
    OPTIMIZERS,
    SCALINGS,
    TRAINING_MODES,
    DataSpec,
    Experiment,
    ExperimentError,
    ModelSpec,
    RolloutSpec,
    SampleSpec,
    TrainSpec,
)
from .layouts import LAYOUT_NAMES, PLANS
from .text import QT_TR_NOOP

MAX_FORECAST = 100_000
MAX_ROLLOUT_STEPS = 100_000
MAX_SEASON = 10_000

MAX_UNITS = 1024
MAX_DENSE_LAYERS = 8
MAX_RECURRENT_LAYERS = 3
MAX_MEMBERS = 10  # a seed ensemble's networks
MAX_SERIES_LENGTH = 10_000_000
MAX_EPOCHS = 100_000
MAX_VALIDATION_FRACTION = 0.9
MAX_FED_BACK_HORIZON = 100  # steps a training sample is run on its own predictions
# Products of sizes, so that any valid experiment fits in memory on a 24 GB machine: the
# samples (float32, a few copies while batching), the rollout's traces (h, c and gates per
# step, layer and unit), and the weights with Adam's two slots and the snapshots.
MAX_SAMPLE_VALUES = 100_000_000    # samples x window: 0.4 GB as float32
MAX_TRACE_VALUES = 50_000_000      # (rollout steps + warm-up + forecast) x layers x units x 6 traces
MAX_PARAMETERS = 30_000_000        # 0.12 GB of float32 weights
# A report (rollout and forecast, one-step predictions) is computed again for every epoch
# shown (numpy, ~15 GFLOP/s on one core here): each at most ~2 s of arithmetic.
REPORT_FLOPS = 30_000_000_000


@dataclass(frozen=True)
class FieldError:
    """One invalid field: its dotted path, its value and a message saying what is allowed."""

    field: str
    value: Any
    allowed: str

    @property
    def message(self) -> str:
        return f"{self.field} = {self.value!r}: {self.allowed}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    )


class _Checker:
    """Collects :class:`FieldError` values for one experiment."""

    def __init__(self, say: Callable[[str], str] = str) -> None:
        self.errors: list[FieldError] = []
        self.say = say

    def fail(self, path: str, value: Any, allowed: str, **fields: Any) -> None:
        """Record ``allowed`` (a template marked for translation, its ``{fields}`` filled in
        after ``say`` has translated it) for the field at ``path``."""
        self.errors.append(FieldError(path, value, self.say(allowed).format(**fields) if fields else self.say(allowed)))

    def choice(self, path: str, value: Any, options: tuple[str, ...]) -> bool:
        if value in options:
            return True
        self.fail(path, value, QT_TR_NOOP("must be one of {options}"), options=", ".join(options))
        return False

    def int_range(self, path: str, value: Any, low: int, high: int) -> bool:
        if _is_int(value) and low <= value <= high:
            return True
        self.fail(path, value, QT_TR_NOOP("must be a whole number from {low} to {high}"), low=low, high=high)
        return False

    def positive(self, path: str, value: Any) -> bool:
        if _is_number(value) and value > 0:
            return True
        self.fail(path, value, QT_TR_NOOP("must be a number greater than 0"))
        return False

    def number_range(self, path: str, value: Any, low: float, high: float) -> bool:
        if _is_number(value) and low <= value <= high:
            return True
        self.fail(path, value, QT_TR_NOOP("must be a number from {low} to {high}"), low=low, high=high)
        return False


def validate(experiment: Experiment, series_length: int | None = None,
             say: Callable[[str], str] = str) -> list[FieldError]:
    """Every invalid field of ``experiment``, in panel order; empty when it is usable.

    ``series_length`` is the length of a CSV series when it is already known; for generated
    data the length comes from the experiment itself. ``say`` translates the messages (the
    window passes its ``tr``; the command line keeps English).
    """
    check = _Checker(say)
    length = _check_data(check, experiment.data)
    if experiment.data.kind == "csv":
        length = series_length
    _check_samples(check, experiment.samples, length)
    _check_scaling(check, experiment.data.scaling, experiment.samples)
    _check_non_negative(check, experiment.data.non_negative, experiment.samples)
    _check_model(check, experiment.model, experiment.samples)
    _check_train(check, experiment.train, experiment.samples)
    _check_mode(check, experiment)
    _check_rollout(check, experiment.rollout, experiment.samples, length)
    if not check.errors:
        _check_costs(check, experiment, length)
    return check.errors


def validate_or_raise(experiment: Experiment, series_length: int | None = None) -> None:
    """Raise :class:`ExperimentError` listing every invalid field."""
    errors = validate(experiment, series_length)
    if errors:
        raise ExperimentError("; ".join(error.message for error in errors))


def _check_data(check: _Checker, data: DataSpec) -> int | None:
    check.choice("data.scaling", data.scaling, SCALINGS)
    check.int_range("data.season", data.season, 0, MAX_SEASON)
    if not check.choice("data.kind", data.kind, DATA_KINDS):
        return None
    if data.kind == "csv":
        if not isinstance(data.path, str) or not data.path.strip():
            check.fail("data.path", data.path, QT_TR_NOOP("must name a CSV file"))
        if isinstance(data.column, bool) or not isinstance(data.column, (int, str)):
            check.fail("data.column", data.column, QT_TR_NOOP("must be a column name or a 0-based index"))
        elif isinstance(data.column, int) and data.column < 0:
            check.fail("data.column", data.column, QT_TR_NOOP("a column index must be 0 or more"))
        check.choice("data.missing", data.missing, MISSING_POLICIES)
        check.choice("data.decimal", data.decimal, DECIMAL_MARKS)
        check.choice("data.date_order", data.date_order, DATE_ORDERS)
        return None
    length_ok = check.int_range("data.length", data.length, 2, MAX_SERIES_LENGTH)
    check.choice("data.noise", data.noise, NOISE_KINDS)
    check.number_range("data.noise_level", data.noise_level, 0.0, 1e6)
    check.int_range("data.seed", data.seed, 0, 2**32 - 1)
    if data.kind == "sine":
        check.number_range("data.t_start", data.t_start, -1e9, 1e9)
        check.positive("data.t_step", data.t_step)
        check.positive("data.period", data.period)
        check.number_range("data.amplitude", data.amplitude, -1e6, 1e6)
    else:
        period_ok = _is_number(data.period) and float(data.period).is_integer()
        if not (period_ok and 2 <= data.period <= 100_000):
            check.fail("data.period", data.period, QT_TR_NOOP("a pulse period must be a whole number of samples from 2 to 100000"))
        elif not (_is_int(data.pulse_width) and 1 <= data.pulse_width < data.period):
            check.fail("data.pulse_width", data.pulse_width, QT_TR_NOOP("must be a whole number from 1 to {most} (less than the period)"),
                       most=int(data.period) - 1)
    return data.length if length_ok else None


def _check_samples(check: _Checker, samples: SampleSpec, length: int | None) -> None:
    if not check.choice("samples.layout", samples.layout, LAYOUT_NAMES):
        return
    plan = samples.plan
    if not plan.is_time_series:
        return
    if not check.int_range("samples.window", samples.window, 1, 100_000):
        return
    needed = plan.shortest_series(samples.window)
    if length is not None and needed > length:
        check.fail("samples.window", samples.window, QT_TR_NOOP("must be at most {most} for a series of {length} values"),
                   most=length - (needed - samples.window), length=length)
    if plan.carries_state:
        shifts = samples.stream_shifts
        if not shifts or not all(_is_int(s) and s >= 0 for s in shifts) or len(shifts) > 64:
            check.fail("samples.stream_shifts", shifts, QT_TR_NOOP("must list 1 to 64 shifts, each a whole number 0 or more"))
        elif length is not None and length % samples.window:
            check.fail("samples.window", samples.window, QT_TR_NOOP("must divide the series length {length} for stateful chunks"),
                       length=length)


def _check_non_negative(check: _Checker, non_negative: Any, samples: SampleSpec) -> None:
    if not isinstance(non_negative, bool):
        check.fail("data.non_negative", non_negative, QT_TR_NOOP("must be true or false"))
    elif non_negative and samples.layout in PLANS and not samples.plan.is_time_series:
        check.fail("data.non_negative", non_negative, QT_TR_NOOP("the xy layout maps x to y as it is; use false"))


def _check_scaling(check: _Checker, scaling: Any, samples: SampleSpec) -> None:
    plan = PLANS.get(samples.layout)
    if plan is None:
        return
    if scaling == "difference" and not plan.takes_difference:
        check.fail("data.scaling", scaling, QT_TR_NOOP("difference needs the windows layout, not {layout}"),
                   layout=samples.layout)
    elif scaling == "difference" and _is_int(samples.window) and samples.window < 2:
        check.fail("data.scaling", scaling, QT_TR_NOOP("difference needs a window of at least 2 values"))
    elif scaling not in ("none", None) and not plan.is_time_series:
        check.fail("data.scaling", scaling, QT_TR_NOOP("the xy layout maps x to y unscaled; use none"))


def _check_model(check: _Checker, model: ModelSpec, samples: SampleSpec) -> None:
    plan = PLANS.get(samples.layout)
    if check.choice("model.kind", model.kind, MODEL_KINDS):
        most = MAX_DENSE_LAYERS if model.kind == "dense" else MAX_RECURRENT_LAYERS
        check.int_range("model.layers", model.layers, 1, most)
        if plan and model.kind == "dense" and not plan.takes_dense:
            check.fail("model.kind", model.kind, QT_TR_NOOP("a Dense MLP needs the windows or xy layout, not {layout}"),
                       layout=samples.layout)
        if plan and model.kind != "dense" and not plan.takes_recurrent:
            check.fail("model.kind", model.kind, QT_TR_NOOP("the xy layout maps x to y and needs the Dense MLP"))
    check.int_range("model.units", model.units, 1, MAX_UNITS)
    check.int_range("model.members", model.members, 1, MAX_MEMBERS)
    if not isinstance(model.highway, bool):
        check.fail("model.highway", model.highway, QT_TR_NOOP("must be true or false"))
    elif model.highway and samples.layout in PLANS and samples.layout != "windows":
        check.fail("model.highway", model.highway, f"reads a window and adds to its next value: the windows layout "
                                                   f"only, not {samples.layout}")
    check.choice("model.activation", model.activation, ACTIVATIONS)
    check.choice("model.kernel_initializer", model.kernel_initializer, INITIALIZERS)


def _check_train(check: _Checker, train: TrainSpec, samples: SampleSpec) -> None:
    check.int_range("train.epochs", train.epochs, 1, MAX_EPOCHS)
    batch_ok = check.int_range("train.batch_size", train.batch_size, 1, 100_000)
    check.choice("train.optimizer", train.optimizer, OPTIMIZERS)
    if not (_is_number(train.learning_rate) and 0 < train.learning_rate <= 10):
        check.fail("train.learning_rate", train.learning_rate, QT_TR_NOOP("must be a number greater than 0 and at most 10"))
    check.choice("train.loss", train.loss, LOSSES)
    check.number_range("train.validation_fraction", train.validation_fraction, 0.0, MAX_VALIDATION_FRACTION)
    check.int_range("train.seed", train.seed, 0, 2**32 - 1)
    if check.int_range("train.early_stopping", train.early_stopping, 0, MAX_EPOCHS) and train.early_stopping \
            and _is_number(train.validation_fraction) and train.validation_fraction == 0:
        check.fail("train.early_stopping", train.early_stopping,
                   QT_TR_NOOP("needs a validation part to watch: set train.validation_fraction above 0, or 0 to "
                              "turn it off"))
    check.number_range("train.refit", train.refit, 0.0, 1.0)  # without early stopping it does nothing
    if not isinstance(train.shuffle, bool):
        check.fail("train.shuffle", train.shuffle, QT_TR_NOOP("must be true or false"))
    if samples.layout in PLANS and samples.plan.carries_state:
        streams = len(samples.stream_shifts)
        if batch_ok and train.batch_size != streams:
            check.fail("train.batch_size", train.batch_size, QT_TR_NOOP("must equal the number of streams ({streams}) so each batch row continues its own stream"),
                       streams=streams)
        if train.validation_fraction != 0:
            check.fail("train.validation_fraction", train.validation_fraction, QT_TR_NOOP("must be 0 for stateful chunks (every chunk carries state to the next)"))


MODE_WORDS = {"free_running": QT_TR_NOOP("free running"), "scheduled_sampling": QT_TR_NOOP("scheduled sampling")}


def _check_mode(check: _Checker, experiment: Experiment) -> None:
    """Free running and scheduled sampling: a horizon that fits, on layouts and networks
    whose own predictions can be fed back as their inputs (see :mod:`.free_running`)."""
    train, samples = experiment.train, experiment.samples
    horizon_ok = check.int_range("train.horizon", train.horizon, 2, MAX_FED_BACK_HORIZON)
    if not check.choice("train.mode", train.mode, TRAINING_MODES) or train.mode == "teacher_forcing" \
            or samples.layout not in PLANS:
        return
    mode = check.say(MODE_WORDS[train.mode])
    if samples.layout not in ("windows", "sequence"):
        why = (QT_TR_NOOP("its chunks carry state from batch to batch, and its closed-loop rollout is already one long "
                          "free run") if samples.plan.carries_state
               else QT_TR_NOOP("it maps x to y, with no past to feed back"))
        check.fail("train.mode", train.mode, QT_TR_NOOP("{mode} needs the windows or sequence layout; the {layout} "
                                                        "layout trains with teacher forcing only: {why}"),
                   mode=mode, layout=samples.layout, why=check.say(why))
    elif experiment.model.members > 1:
        check.fail("train.mode", train.mode, QT_TR_NOOP("{mode} trains a single network: each member of a seed ensemble "
                                                        "would need its own fed-back inputs; use model.members = 1"),
                   mode=mode)
    elif experiment.data.scaling == "difference":
        check.fail("train.mode", train.mode, QT_TR_NOOP("{mode} feeds back values, and the difference scaling's network "
                                                        "predicts changes; use the none, standard or minmax scaling"),
                   mode=mode)
    elif horizon_ok and samples.layout == "sequence" and _is_int(samples.window) and train.horizon > samples.window:
        check.fail("train.horizon", train.horizon, QT_TR_NOOP("the sequence layout feeds back within its window: at "
                                                              "most samples.window ({window})"), window=samples.window)


def _check_costs(check: _Checker, experiment: Experiment, length: int | None) -> None:
    """Refuse combinations of valid sizes whose product would not fit in memory."""
    samples, model, rollout = experiment.samples, experiment.model, experiment.rollout
    plan = samples.plan
    if length is not None:
        count = plan.sample_count(length, samples.window, len(samples.stream_shifts))
        each = plan.values_per_sample(samples.window)
        values = count * each
        if values > MAX_SAMPLE_VALUES:
            check.fail("samples.window", samples.window,
                       QT_TR_NOOP("makes {count} samples of {each} values ({values} values, {gb} GB); at most {most} "
                                  "values fit in memory: use a shorter window or series"),
                       count=f"{count:,}", each=f"{each:,}", values=f"{values:,}", gb=f"{values * 4 / 2**30:.1f}",
                       most=f"{MAX_SAMPLE_VALUES:,}")
    parameters = parameter_count(model, samples)
    if parameters > MAX_PARAMETERS:
        check.fail("model.units", model.units, QT_TR_NOOP("gives {weights} weights; at most {most} are trained: use "
                                                          "fewer units, layers or members"),
                   weights=f"{parameters:,}", most=f"{MAX_PARAMETERS:,}")
    else:
        _check_step_time(check, experiment, parameters)
    per_step = prediction_flops(model, samples)
    flops = (rollout.steps + rollout.forecast) * per_step
    if flops > REPORT_FLOPS:
        passes = plan.prediction_passes(model.kind == "dense", samples.window)
        rerun = check.say(QT_TR_NOOP(", re-run over a window of {passes}")).format(passes=passes) if passes > 1 else ""
        check.fail("rollout.steps", rollout.steps,
                   QT_TR_NOOP("{steps} closed-loop steps (forecast included) would take ~{seconds} s to compute for "
                              "this network ({weights} weights{rerun}); at most {most} in all"),
                   steps=f"{rollout.steps + rollout.forecast:,}", seconds=f"{flops / 15e9:.0f}",
                   weights=f"{parameters:,}", rerun=rerun, most=f"{REPORT_FLOPS // per_step:,}")
    traces = (rollout.steps + rollout.warmup + rollout.forecast) * model.layers * model.units * model.members * 6
    if traces > MAX_TRACE_VALUES:
        check.fail("rollout.steps", rollout.steps,
                   QT_TR_NOOP("with {layers} x {units} units records {traces} state values ({gb} GB); at most {most}: "
                              "use fewer steps"),
                   layers=model.layers, units=model.units * model.members, traces=f"{traces:,}",
                   gb=f"{traces * 4 / 2**30:.1f}", most=f"{MAX_TRACE_VALUES:,}")


def _check_step_time(check: _Checker, experiment: Experiment, parameters: int) -> None:
    """Refuse a training step too long to cut: Stop and Ctrl+C act between steps, so one step
    must be estimated at most :data:`MAX_STEP_SECONDS`."""
    samples, model, batch_size = experiment.samples, experiment.model, experiment.train.batch_size
    passes = experiment.train.passes
    seconds = step_seconds(model, samples, batch_size, passes)
    if seconds <= MAX_STEP_SECONDS:
        return
    steps = time_steps(model, samples)
    say = check.say
    what = say(QT_TR_NOOP("makes one training step take ~{seconds} s for this network ({weights} weights{over}{fed}); "
                          "Stop acts between steps, so one may take at most {most} s")).format(
        seconds=f"{seconds:.1f}", weights=f"{parameters:,}", most=MAX_STEP_SECONDS,
        over=say(QT_TR_NOOP(" over {steps} time steps")).format(steps=f"{steps:,}") if steps > 1 else "",
        fed=say(QT_TR_NOOP(", run {passes} times on its own predictions")).format(passes=passes) if passes > 1 else "")
    fit = largest_batch_within(model, samples, MAX_STEP_SECONDS, passes)
    if fit and not samples.plan.carries_state:
        check.fail("train.batch_size", batch_size, QT_TR_NOOP("{what}: at most {fit} samples per batch here"),
                   what=what, fit=fit)
    elif steps > 1:
        check.fail("samples.window", samples.window, QT_TR_NOOP("with {batch} per batch {what}: use a shorter window "
                                                                "or fewer units, layers or members"),
                   batch=batch_size, what=what)
    else:
        check.fail("model.units", model.units, QT_TR_NOOP("with {batch} per batch {what}: use fewer units, layers or "
                                                          "members"), batch=batch_size, what=what)


def _check_rollout(check: _Checker, rollout: RolloutSpec, samples: SampleSpec, length: int | None) -> None:
    check.int_range("rollout.steps", rollout.steps, 0, MAX_ROLLOUT_STEPS)
    plan = PLANS.get(samples.layout)
    if check.int_range("rollout.forecast", rollout.forecast, 0, MAX_FORECAST) and plan \
            and not plan.is_time_series and rollout.forecast:
        check.fail("rollout.forecast", rollout.forecast, QT_TR_NOOP("the xy layout maps x to y; it has no forecast (use 0)"))
    if plan is None or not plan.is_time_series or not _is_int(samples.window):
        return
    least = plan.least_warmup(samples.window)
    check.int_range("rollout.start", rollout.start, 0, MAX_SERIES_LENGTH)
    if not check.int_range("rollout.warmup", rollout.warmup, least, MAX_SERIES_LENGTH):
        return
    if length is not None and _is_int(rollout.start) and rollout.start + rollout.warmup > length:
        check.fail("rollout.warmup", rollout.warmup, QT_TR_NOOP("start + warmup must be at most the series length {length}"),
                   length=length)
