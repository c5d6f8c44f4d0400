"""Benchmark: the defaults a new user gets, on series made to look real (issue 21's table).

Each series of ``tests/series_maker.REALISTIC`` (a level shift, a growing multiplicative
season, cycles of varying length, a random walk, a short quarterly series, long weekly and
daily series with gaps) is cut as an outside check would: the first 80 % goes into a CSV, the
studio's defaults for that CSV are trained on it exactly as ``rnnstudio-cli train first80.csv``
would, and the model is scored on the last 20 % (never seen) beside persistence, seasonal
naive, linear AR, ETS and ARIMA, one step ahead (MAE) and over the horizon (closed-loop RMSE
averaged over horizons 1..H). Then the cost of ETS + ARIMA on a 1,000-point monthly series,
and of a 5-origin backtest against one run of the same experiment (side by side).

Run: ``cd bench && ../.venv/bin/python bench_forecasting.py`` (a few minutes; ``--costs`` for
the costs alone; ``--highway``, ``--members K`` or ``--refit SHARE`` to score the defaults with
that changed;
``--auto [SECONDS]`` to score what an Auto search on the first 80 % keeps; ``--checking`` for
``tests/series_maker.CHECKING``, seven more kinds the defaults were never tuned on (``--every``
for both sets), and ``--seed N[,M...]`` for other draws of each kind's noise;
``--coverage`` for the intervals' coverage: a 5-origin backtest on the first 80 %, its
intervals' leave-one-origin-out coverage, and how many of the unseen last 20 % values fall
inside them around the forecast from the end of the first 80 %).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import numpy as np
from series_maker import CHECKING, REALISTIC, checking_series, realistic_series, write_series_csv

from rnnstudio.core.csv_defaults import experiment_for_csv
from rnnstudio.core.csv_import import read_csv_table
from rnnstudio.core.experiment import Experiment
from rnnstudio.core.metrics import NETWORK, STATISTICAL, Evaluation, evaluate
from rnnstudio.core.numpy_network import NumpyNetwork
from rnnstudio.core.statistical import statistical_baselines
from rnnstudio.core.trainer import Trainer

WITHIN = 1.10


Made = tuple[np.ndarray, np.ndarray, np.ndarray]


def chosen_series() -> list[tuple[str, Callable[[], Made]]]:
    """(label, maker) of each series to score: ``REALISTIC`` (tuned on), ``CHECKING`` with
    ``--checking`` (never tuned on), both with ``--every``; ``--seed N[,M...]``: those draws of
    each kind's noise (0 by default)."""
    seeds = [int(s) for s in sys.argv[sys.argv.index("--seed") + 1].split(",")] if "--seed" in sys.argv else [0]
    sets = {"--checking": [(CHECKING, checking_series)], "--every": [(REALISTIC, realistic_series),
                                                                    (CHECKING, checking_series)]}
    chosen = next((sets[flag] for flag in sets if flag in sys.argv), [(REALISTIC, realistic_series)])
    return [(f"{name} {seed}" if len(seeds) > 1 else name, functools.partial(maker, name, seed))
            for seed in seeds for names, maker in chosen for name in names]


def variant(experiment: Experiment) -> Experiment:
    """The defaults as the command line asked for them (``--highway``, ``--members K``, ``--refit SHARE``)."""
    model = experiment.model
    if "--highway" in sys.argv:
        model = dataclasses.replace(model, highway=True)
    if "--members" in sys.argv:
        model = dataclasses.replace(model, members=int(sys.argv[sys.argv.index("--members") + 1]))
    train = experiment.train
    if "--refit" in sys.argv:
        train = dataclasses.replace(train, refit=float(sys.argv[sys.argv.index("--refit") + 1]))
    return dataclasses.replace(experiment, model=model, train=train)


def auto_chosen(experiment: Experiment) -> Experiment:
    """The experiment an Auto search (``--auto SECONDS``, 180 by default) keeps, on the same CSV."""
    from rnnstudio.core.auto_search import AS_SET, AutoSearch, chosen
    from rnnstudio.core.data import load_series

    position = sys.argv.index("--auto") + 1
    budget = float(sys.argv[position]) if position < len(sys.argv) and sys.argv[position][0].isdigit() else 180.0
    result = AutoSearch(experiment, load_series(experiment.data), budget).run()
    assert result is not None and result.best is not None
    print(f"  auto: {result.best.candidate.name if result.best.candidate.name != AS_SET else 'as set'} "
          f"({', '.join(f'{s.candidate.name} {s.score:.2f}' for s in result.scores)})", flush=True)
    return chosen(experiment, result)


def score_series(series: Made, folder: Path) -> tuple[Evaluation, float, str, int]:
    """Train the defaults on the first 80 % of ``series`` (dates, values, missing); score on the rest."""
    dates, values, missing = series
    cut = int(len(values) * 0.8)
    first = write_series_csv(folder / "first80.csv", dates[:cut], values[:cut].round(3), missing[:cut])
    whole = write_series_csv(folder / "whole.csv", dates, values.round(3), missing)
    experiment = variant(experiment_for_csv(first))
    started = time.perf_counter()
    if "--auto" in sys.argv:
        experiment = auto_chosen(experiment)
    result = Trainer(experiment).run()
    seconds = time.perf_counter() - started
    series = read_csv_table(whole).series("value", "interpolate")
    scoring = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, validation_fraction=0.0))
    evaluation = evaluate(NumpyNetwork.from_keras(result.model), scoring, series)
    assert evaluation is not None and evaluation.held_out_from == cut
    refit = result.history.refit  # kept epoch / epochs run, + the refit's epochs on every sample
    kept = f"{result.history.kept_epoch}/{result.epochs_run}" if refit is None else \
        f"{refit[0]}/{refit[1] - 1}+{result.epochs_run - refit[1] + 1}"
    highway = " hw" if experiment.model.highway else ""
    return evaluation, seconds, f"{experiment.model.kind[:4]} {experiment.model.units}u x{experiment.model.members}{highway} " \
                                f"w{experiment.samples.window} s{experiment.data.season} ep {kept}", len(values)


def coverage() -> None:
    """Intervals from a backtest of the defaults on the first 80 %, against the last 20 %."""
    from rnnstudio.core.backtest import BacktestRunner
    from rnnstudio.core.forecast import forecast

    print(f"{'series':24} {'80 % LOO':>9} {'95 % LOO':>9} {'80 % unseen':>12} {'95 % unseen':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for name, made in chosen_series():
            dates, values, missing = made()
            cut = int(len(values) * 0.8)
            first = write_series_csv(Path(folder) / "first80.csv", dates[:cut], values[:cut].round(3), missing[:cut])
            experiment = variant(experiment_for_csv(first))
            series = read_csv_table(first).series("value", "interpolate")
            backtest = BacktestRunner(experiment, series, 5).run()
            assert backtest is not None
            intervals = backtest.intervals()
            result = Trainer(experiment, series).run()
            ahead = forecast(NumpyNetwork.from_keras(result.model), experiment, series, len(values) - cut)
            assert ahead is not None
            truth = values[cut:][: intervals.horizon]
            inside = [np.mean((low[: len(truth)] <= truth) & (truth <= high[: len(truth)]))
                      for low, high in intervals.bounds(ahead.values[: len(truth)]).values()]
            print(f"{name:24} {intervals.coverage[0]:9.0%} {intervals.coverage[1]:9.0%} {inside[0]:12.0%} "
                  f"{inside[1]:12.0%}  ({len(truth)} unseen values)")


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f}; process CPU time counts where noted")
    if "--coverage" in sys.argv:
        coverage()
        return
    if "--costs" not in sys.argv:
        table()
    baseline_cost()
    backtest_cost()


def table() -> None:
    """The defaults against the baselines on each realistic series."""
    header = (f"{'series':24} {'n':>5}  {'defaults':30} {'net MAE':>9} {'persist':>9} {'best stat':>22} "
              f"{'ratio':>6} | {'net hRMSE':>9} {'best stat h':>22} {'ratio':>6}")
    print(header)
    beats = within_one = within_far = 0
    chosen = chosen_series()
    with tempfile.TemporaryDirectory() as folder:
        for name, made in chosen:
            evaluation, seconds, settings, length = score_series(made(), Path(folder))
            network, naive = evaluation.row(NETWORK), evaluation.row("persistence")
            stats = [row for row in evaluation.rows if row.name.startswith(STATISTICAL)]
            best = min(stats, key=lambda row: row.mae)
            far = {row.name: float(np.mean(row.horizon_rmse)) for row in evaluation.rows}
            best_far = min((row.name for row in stats), key=far.__getitem__)
            ratio, ratio_far = network.mae / best.mae, far[NETWORK] / far[best_far]
            beats += network.mae < naive.mae
            within_one += ratio <= WITHIN
            within_far += ratio_far <= WITHIN
            print(f"{name:24} {length:>5}  {settings:30} "
                  f"{network.mae:9.4g} {naive.mae:9.4g} {best.name[:13]:>13} {best.mae:8.4g} {ratio:6.2f} | "
                  f"{far[NETWORK]:9.4g} {best_far[:13]:>13} {far[best_far]:8.4g} {ratio_far:6.2f}  ({seconds:.0f} s)")
    count = len(chosen)
    print(f"network beats persistence one step ahead on {beats} of {count}; within 10 % of the best statistical "
          f"forecast on {within_one} of {count} one step ahead and {within_far} of {count} over the horizon")


def backtest_cost() -> None:
    """One run of a monthly sales CSV's defaults (with its scores) against a 5-origin
    backtest of the same experiment (each origin retrained and scored)."""
    from series_maker import write_sales_csv

    from rnnstudio.core.backtest import BacktestRunner

    with tempfile.TemporaryDirectory() as temporary:
        path = write_sales_csv(Path(temporary) / "sales.csv")
        experiment = experiment_for_csv(path)
        series = read_csv_table(path).series(experiment.data.column, experiment.data.missing)
    Trainer(experiment, series).run()  # compiled programs and the baselines' import, not timed
    wall, cpu = time.perf_counter(), time.process_time()
    result = Trainer(experiment, series).run()
    evaluate(NumpyNetwork.from_keras(result.model), experiment, series)
    one = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    backtest = BacktestRunner(experiment, series, 5).run()
    five = (time.perf_counter() - wall, time.process_time() - cpu)
    assert backtest is not None
    print(f"one run with its scores: {one[0]:.1f} s wall ({one[1]:.1f} s CPU); 5-origin backtest: {five[0]:.1f} s wall "
          f"({five[1]:.1f} s CPU): {five[0] / one[0]:.1f}x wall, {five[1] / one[1]:.1f}x CPU (target <= 6x)")


def baseline_cost() -> None:
    """ETS + ARIMA on a 1,000-point monthly series (800 training points, 40 origins, horizon 24)."""
    rng = np.random.default_rng(0)
    t = np.arange(1000)
    values = 100 + 0.05 * t + 10 * np.sin(2 * np.pi * t / 12) + np.cumsum(rng.normal(0, 1, 1000)) + rng.normal(0, 2, 1000)
    statistical_baselines(values[:300], 240, np.arange(240, 277), 24, 12)  # statsmodels' import, not timed
    wall, cpu = time.perf_counter(), time.process_time()
    found = statistical_baselines(values, 800, np.linspace(800, 976, 40).astype(int), 24, 12)
    print(f"ETS + ARIMA on a 1,000-point monthly series: {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU ({', '.join(f.name for f in found.forecasts)}; {found.note})")


if __name__ == "__main__":
    main()
