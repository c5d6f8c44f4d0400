"""Each sample layout is one class that knows its own rules: what the cost check counts is
what the cut makes, the shortest series and the least warm-up it names are the real limits,
and a layout name is checked once, with the allowed names."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnstudio.core.data import DataError, load_series, make_samples
from rnnstudio.core.experiment import DataSpec, Experiment, ExperimentError, ModelSpec, RolloutSpec, SampleSpec
from rnnstudio.core.inference import NumpyNetwork, closed_loop_rollout, one_step_predictions
from rnnstudio.core.layouts import LAYOUT_NAMES, PLANS
from rnnstudio.core.models import build_model
from rnnstudio.core.recipes import recipe
from rnnstudio.core.series import Series
from rnnstudio.core.validation import validate

SPECS = {
    "windows": SampleSpec(layout="windows", window=5),
    "sequence": SampleSpec(layout="sequence", window=5),
    "stateful": SampleSpec(layout="stateful", window=5, stream_shifts=(0, 2, 4)),
    "xy": SampleSpec(layout="xy"),
}
KIND = {"windows": "lstm", "sequence": "gru", "stateful": "lstm", "xy": "dense"}


def series_of(length: int) -> Series:
    return Series(t=np.arange(length, dtype=float), values=np.sin(np.arange(length) / 3.0))


def test_every_layout_name_has_its_plan() -> None:
    assert set(PLANS) == set(LAYOUT_NAMES) == set(SPECS)
    assert all(SPECS[name].plan.name == name for name in LAYOUT_NAMES)


@pytest.mark.parametrize("name", LAYOUT_NAMES)
@pytest.mark.parametrize("length", [30, 45])
def test_the_cost_check_counts_what_the_cut_makes(name: str, length: int) -> None:
    spec = SPECS[name]
    cut = make_samples(series_of(length), spec)
    plan = spec.plan
    assert len(cut.x) == plan.sample_count(length, spec.window, len(spec.stream_shifts))
    assert cut.x[0].size + cut.y[0].size == plan.values_per_sample(spec.window)
    assert cut.target_index.min() >= plan.first_target(spec.window) or plan.carries_state


@pytest.mark.parametrize("name", ["windows", "sequence", "stateful"])
def test_the_shortest_series_is_the_real_limit(name: str) -> None:
    spec = SPECS[name]
    shortest = spec.plan.shortest_series(spec.window)
    assert len(make_samples(series_of(shortest), spec).x) >= 1
    with pytest.raises(DataError, match="samples.window"):
        make_samples(series_of(shortest - 1), spec)


@pytest.mark.parametrize("name", ["windows", "sequence", "stateful"])
def test_the_least_warmup_is_enough_for_a_rollout_and_one_step_predictions(name: str) -> None:
    spec = SPECS[name]
    model = ModelSpec(kind=KIND[name], units=4)
    net = NumpyNetwork.from_keras(build_model(model, spec, batch_size=len(spec.stream_shifts), seed=0))
    least = spec.plan.least_warmup(spec.window)
    values = series_of(40).values
    trace = closed_loop_rollout(net, spec, values[:least], steps=6)
    assert trace.closed_loop_from == least and np.isfinite(trace.values).all()
    assert len(trace.values[trace.index >= least]) == 6
    predictions = one_step_predictions(net, values, np.arange(40.0), spec, last=10)
    assert len(predictions.values) == 10 and predictions.index[-1] == 39


def test_a_stateful_layout_is_charged_for_every_stream() -> None:
    """64 shifted copies of a long series are 64 times the samples: refused before training."""
    base = recipe("pulse-lstm-stateful")
    shifts = tuple(range(64))
    big = dataclasses.replace(
        base, data=dataclasses.replace(base.data, length=2_000_000),
        samples=dataclasses.replace(base.samples, stream_shifts=shifts),
        train=dataclasses.replace(base.train, batch_size=64))
    errors = validate(big)
    assert [e.field for e in errors] == ["samples.window"]
    assert "5,120,000 samples of 50 values" in errors[0].message
    assert not validate(dataclasses.replace(big, data=dataclasses.replace(big.data, length=500_000)))


def test_a_layout_name_is_checked_with_the_allowed_names() -> None:
    raw = recipe("sine-simplernn").to_dict()
    raw["samples"]["layout"] = "windowz"
    experiment = Experiment.from_dict(raw)
    (error,) = validate(experiment)
    assert error.field == "samples.layout"
    assert error.allowed == "must be one of windows, sequence, stateful, xy"
    raw["samples"]["layout"] = 3
    with pytest.raises(ExperimentError, match="samples.layout = 3: must be text"):
        Experiment.from_dict(raw)


def test_an_invalid_layout_still_gets_the_other_fields_checked() -> None:
    experiment = Experiment(data=DataSpec(kind="sine", length=100), samples=SampleSpec(layout="nope"),  # type: ignore[arg-type]
                            model=ModelSpec(units=0), rollout=RolloutSpec(forecast=-1))
    assert {e.field for e in validate(experiment)} == {"samples.layout", "model.units", "rollout.forecast"}


def test_xy_refuses_what_only_a_time_series_has() -> None:
    experiment = Experiment(data=DataSpec(length=50, scaling="standard"), samples=SampleSpec(layout="xy"),
                            model=ModelSpec(kind="lstm"), rollout=RolloutSpec(forecast=5))
    assert {e.field for e in validate(experiment)} == {"data.scaling", "model.kind", "rollout.forecast"}
    assert load_series(experiment.data) is not None
