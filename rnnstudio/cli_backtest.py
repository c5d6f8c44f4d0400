"""``rnnstudio-cli train --backtest N``: the backtest after the training, printed as a table
(mean and spread per forecaster over the origins), its verdict, and the prediction intervals
it gives the saved model; ``train --auto``: the search by backtest before it."""

from __future__ import annotations

from typing import Any, TextIO

from .core.auto_search import AutoResult, AutoSearch, CandidateScore, chosen
from .core.backtest import Backtest, BacktestRunner, Fold
from .core.experiment import Experiment
from .core.intervals import Intervals
from .core.series import Series
from .core.text import counted, printable


def run_backtest(experiment: Experiment, series: Series, origins: int, stream: TextIO,
                 attach: Any) -> tuple[Backtest | None, Intervals | None]:
    """Train at ``origins`` origins, printing each fold; ``attach(runner)`` lets Ctrl+C stop
    it. (None, None) when stopped."""
    runner = BacktestRunner(experiment, series, origins)
    attach(runner)
    print(f"{printable(experiment.name)}: backtest at {origins} origins, retraining at each…", file=stream, flush=True)

    def said(fold: Fold) -> None:
        network = fold.evaluation.row("network")
        print(f"  origin {fold.origin} (to {fold.end}): trained {counted(fold.epochs_run, 'epoch')}, kept {fold.kept_epoch}; "
              f"network MAE {network.mae:.4g}, persistence {fold.evaluation.row('persistence').mae:.4g}",
              file=stream, flush=True)

    backtest = runner.run(said)
    if backtest is None:
        print("backtest stopped before its last origin: no summary, no intervals", file=stream)
        return None, None
    for line in backtest_table(backtest):
        print(line, file=stream)
    intervals = backtest.intervals()
    for line in intervals_lines(intervals):
        print(line, file=stream)
    return backtest, intervals


def backtest_table(backtest: Backtest) -> list[str]:
    """Mean ± spread of each forecaster's one-step MAE and closed-loop RMSE (mean over the
    horizon) across the origins, ``*`` on the best mean; then the verdict."""
    summaries = backtest.summaries()
    width = max(len(summary.name) for summary in summaries)
    best_one = min(summaries, key=lambda summary: summary.mae.mean()).name
    best_far = min(summaries, key=lambda summary: summary.horizon_rmse.mean()).name
    lines = [f"backtest over {len(backtest.folds)} origins (mean ± spread across them)",
             f"{'':{width}}  {'MAE':>20}  {f'closed loop RMSE h1-{backtest.horizon}':>24}"]
    for summary in summaries:
        one = f"{summary.mae.mean():.4g} ± {summary.mae.std():.2g}" + ("*" if summary.name == best_one else " ")
        far = f"{summary.horizon_rmse.mean():.4g} ± {summary.horizon_rmse.std():.2g}" + (
            "*" if summary.name == best_far else " ")
        lines.append(f"{summary.name:{width}}  {one:>20}  {far:>24}")
    lines.append(backtest.verdict())
    return lines


def intervals_lines(intervals: Intervals) -> list[str]:
    """What the intervals are and how often they covered the truth, leaving one fold out."""
    coverage = ", ".join(f"{100 * level:.0f} %: {100 * covered:.0f} %" for level, covered in
                         zip(intervals.levels, intervals.coverage))
    return [f"prediction intervals from {intervals.calibration} closed loops of the backtest, horizons "
            f"1-{intervals.horizon}; coverage leaving one origin out: {coverage}"]


def run_auto_search(experiment: Experiment, series: Series, budget: float,
                    stream: TextIO) -> tuple[Experiment, AutoResult] | None:
    """Search (printing each candidate as it is scored, then the table); the chosen experiment
    and the search's result, or None when Ctrl+C stopped it."""
    search = AutoSearch(experiment, series, budget)
    names = ", ".join(candidate.name for candidate in search.candidates)
    print(f"{printable(experiment.name)}: Auto: backtesting {len(search.candidates)} candidates ({names}) at "
          f"{search.origins} origins in {search.pool.workers} worker processes…", file=stream, flush=True)

    def said(score: CandidateScore) -> None:
        outcome = score.error or f"{score.score:.3f} of persistence's errors"
        print(f"  {score.candidate.name}: {outcome}", file=stream, flush=True)

    try:
        result = search.run(said)
    except KeyboardInterrupt:
        search.request_stop()
        result = None
    if result is None:
        print("Auto stopped: nothing was trained", file=stream)
        return None
    for line in result.table():
        print(f"  {line}", file=stream)
    choice = chosen(experiment, result)
    said = choice.description.rsplit("; ", 1)[-1] if result.best is not None else \
        "Auto: no candidate was scored; training the experiment as set"
    print(f"{printable(experiment.name)}: {printable(said, 300)}", file=stream, flush=True)
    return choice, result
