"""Auto: candidates around an experiment, backtested in worker processes within a budget, the
best kept - and the scores are the backtest's own, relative to persistence's."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest
from series_maker import realistic_series, write_series_csv

from rnnstudio import cli
from rnnstudio.core.auto_search import (
    AS_SET,
    AutoResult,
    AutoSearch,
    Candidate,
    CandidateScore,
    candidates,
    chosen,
    planned,
    score_candidate,
)
from rnnstudio.core.backtest import BacktestRunner
from rnnstudio.core.csv_defaults import experiment_for_csv
from rnnstudio.core.data import load_series
from rnnstudio.core.experiment import Experiment, ExperimentError
from rnnstudio.core.recipes import recipe


def level_shift(tmp_path: Path, epochs: int = 8) -> tuple[Experiment, object]:
    """The defaults a new user gets for a short monthly series with a level shift (one seed, no
    highway, few epochs)."""
    dates, values, missing = realistic_series("level shift")
    experiment = experiment_for_csv(write_series_csv(tmp_path / "shift.csv", dates, values, missing))
    experiment = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, members=1, highway=False),
                                     train=dataclasses.replace(experiment.train, epochs=epochs))
    return experiment, load_series(experiment.data)


def test_the_candidates_are_the_experiment_and_valid_variants_of_it(tmp_path: Path) -> None:
    experiment, series = level_shift(tmp_path)
    tried = candidates(experiment, len(series))
    assert [c.name for c in tried] == [AS_SET, "GRU", "linear highway", f"{experiment.model.units // 2} units",
                                       "standard scaling"]
    assert tried[0].experiment == experiment
    assert tried[1].experiment.model.kind == "gru" and tried[2].experiment.model.highway
    assert tried[4].experiment.data.scaling == "standard" and experiment.data.scaling == "difference"
    with_highway = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, highway=True))
    taken_away = [c for c in candidates(with_highway, len(series)) if c.name == "no highway"]
    assert len(taken_away) == 1 and not taken_away[0].experiment.model.highway
    mlp = recipe("sine-mlp-regression")  # x -> y: no highway, no difference scaling, no other cell
    assert [c.name for c in candidates(mlp, mlp.data.length)] == [AS_SET, "10 units"]


def test_the_budget_leaves_out_what_would_not_fit_and_says_so(tmp_path: Path) -> None:
    experiment, series = level_shift(tmp_path, epochs=150)
    tried = candidates(experiment, len(series))
    kept, note = planned(tried, len(series), 3, budget=1e-3, workers=2)
    assert kept == tried[:1]  # the experiment as set is always tried
    assert note.startswith("left out to stay within under a second: GRU (about ") and "standard scaling" in note
    assert planned(tried, len(series), 3, budget=1e6, workers=2) == (tried, "")
    with pytest.raises(ExperimentError, match=r"auto budget = 5: must be 10 to 3600 seconds"):
        AutoSearch(experiment, series, budget=5)


def test_a_candidates_score_is_its_backtest_relative_to_persistence(tmp_path: Path) -> None:
    experiment, series = level_shift(tmp_path)
    score = score_candidate((Candidate(AS_SET, experiment), series, 3))
    summaries = {s.name: s for s in BacktestRunner(experiment, series, 3).run().summaries()}  # with ETS and ARIMA
    network, persistence = summaries["network"], summaries["persistence"]
    assert score.error is None
    assert score.one_step == pytest.approx(np.mean(network.mae / persistence.mae), rel=1e-6)
    assert score.closed_loop == pytest.approx(np.mean(network.horizon_rmse / persistence.horizon_rmse), rel=1e-6)
    assert score.score == pytest.approx((score.one_step + score.closed_loop) / 2)


def test_the_lowest_score_wins_a_failure_never_does_and_the_description_says_how() -> None:
    base = recipe("sine-simplernn")
    half = dataclasses.replace(base, model=dataclasses.replace(base.model, units=base.model.units // 2))
    result = AutoResult([CandidateScore(Candidate(AS_SET, base), 0.9, 0.8),
                         CandidateScore(Candidate("half", half), 0.7, 0.8),
                         CandidateScore(Candidate("broken", base), error="ValueError: no")])
    assert result.best is result.scores[1] and math.isinf(result.scores[2].score)
    assert chosen(base, result).model == half.model
    assert chosen(base, result).description.endswith("Auto: changed to half by a 3-origin backtest of 3 candidates")
    table = result.table()
    assert "0.750*" in table[2] and "failed: ValueError: no" in table[3]
    assert json.loads(json.dumps(result.as_dict()))["chosen"] == "half"
    assert chosen(base, AutoResult([result.scores[2]])) == base  # every candidate failed: as set


@pytest.mark.slow
def test_auto_from_the_command_line_backtests_in_workers_and_trains_the_best(tmp_path: Path, capsys) -> None:
    dates, values, missing = realistic_series("level shift")
    path = write_series_csv(tmp_path / "shift.csv", dates, values, missing)
    code = cli.main(["train", str(path), "--epochs", "6", "--set", "model.members=1", "--auto", "900", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    auto = summary["auto"]
    names = [c["name"] for c in auto["candidates"]]
    assert names[0] == AS_SET and len(names) >= 3 and all(c["error"] is None for c in auto["candidates"])
    best = min(auto["candidates"], key=lambda c: c["score"])
    assert auto["chosen"] == best["name"]
    assert f"Auto: {'kept as set' if best['name'] == AS_SET else 'changed to ' + best['name']}" in err
    assert "worker processes" in err


@pytest.mark.slow
def test_the_budget_is_kept_while_running_candidates_still_out_are_ended(tmp_path: Path) -> None:
    import time

    experiment, series = level_shift(tmp_path, epochs=100_000)  # each backtest takes minutes
    experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, early_stopping=0))
    search = AutoSearch(experiment, series, budget=10)
    started = time.perf_counter()
    result = search.run()
    assert time.perf_counter() - started < 10 + 5  # the workers are ended at once when the budget is spent
    assert result is not None and result.best is None and chosen(experiment, result) == experiment
    assert [score.error for score in result.scores] == ["out of time"] and "out of time after 10 s: as set" in result.note
