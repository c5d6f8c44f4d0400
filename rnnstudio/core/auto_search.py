"""Auto: the network chosen by measurement, not by rule.

A handful of candidates around an experiment - as set, the other gated cell (GRU for an LSTM),
with or without a linear highway (whichever it has not), half the units, the other scaling -
are each backtested as
:mod:`.backtest` does (retrained at each origin of the held-out part, scored one step ahead and
in closed loop; ETS and ARIMA left out, they are the same for every candidate), in worker
processes, within a time budget: candidates whose estimated backtest would not fit are left
out and named, and any still running when the budget is spent are ended. Each candidate's
score is the mean, over the origins, of its one-step MAE and its closed-loop RMSE, each
divided by persistence's on the same fold (below 1: better than "same as last value"); the
lowest wins, and ties keep the experiment as set.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .backtest import BacktestRunner, fold_origins
from .estimate import compile_seconds, in_words, training_seconds
from .experiment import Experiment, ExperimentError, ModelKind
from .metrics import NETWORK
from .series import Series
from .sweep import SweepPool
from .validation import validate

AUTO_ORIGINS = 3
DEFAULT_BUDGET_SECONDS = 180.0
MAX_BUDGET_SECONDS = 3600.0
AS_SET = "as set"


@dataclass(frozen=True)
class Candidate:
    """One experiment the search tries; ``name`` says how it differs from the one as set."""

    name: str
    experiment: Experiment


@dataclass(frozen=True)
class CandidateScore:
    """A candidate's backtest: its one-step and closed-loop errors relative to persistence's
    (means over the origins), the seconds it took, or why it failed."""

    candidate: Candidate
    one_step: float = math.nan
    closed_loop: float = math.nan
    seconds: float = 0.0
    error: str | None = None

    @property
    def score(self) -> float:
        """The mean of the two relative errors (infinite when the backtest failed)."""
        value = (self.one_step + self.closed_loop) / 2
        return math.inf if self.error is not None or not math.isfinite(value) else value


@dataclass(frozen=True)
class AutoResult:
    """Every candidate's score, in the order tried, and what the budget left out."""

    scores: list[CandidateScore]
    origins: int = AUTO_ORIGINS
    note: str = ""

    @property
    def best(self) -> CandidateScore | None:
        """The lowest score (the first of equals: the experiment as set comes first); None when
        every candidate failed."""
        finite = [score for score in self.scores if math.isfinite(score.score)]
        return min(finite, key=lambda score: score.score) if finite else None

    def as_dict(self) -> dict[str, object]:
        best = self.best
        return {"origins": self.origins, "chosen": best.candidate.name if best is not None else None,
                "note": self.note, "candidates": [
                    {"name": score.candidate.name, "one_step": _finite(score.one_step),
                     "closed_loop": _finite(score.closed_loop), "score": _finite(score.score),
                     "seconds": round(score.seconds, 2), "error": score.error} for score in self.scores]}

    def table(self) -> list[str]:
        """One line per candidate, ``*`` on the one kept, then the note."""
        width = max(len(score.candidate.name) for score in self.scores)
        best = self.best
        lines = [f"{'candidate':{width}}  {'one step':>9}  {'closed loop':>11}  {'score':>6}  (errors / persistence's)"]
        for score in self.scores:
            if score.error is not None:
                lines.append(f"{score.candidate.name:{width}}  failed: {score.error}")
                continue
            mark = "*" if score is best else " "
            lines.append(f"{score.candidate.name:{width}}  {score.one_step:9.3f}  {score.closed_loop:11.3f}  "
                         f"{score.score:6.3f}{mark} ({score.seconds:.0f} s)")
        return lines + ([self.note] if self.note else [])


def candidates(experiment: Experiment, length: int) -> list[Candidate]:
    """The experiment as set and the variants of it that are valid on a series of ``length``."""
    model, data, samples = experiment.model, experiment.data, experiment.samples
    windows = samples.layout == "windows"
    variants: list[tuple[str, Experiment]] = [(AS_SET, experiment)]
    if model.kind in ("lstm", "gru"):
        other: ModelKind = "gru" if model.kind == "lstm" else "lstm"
        variants.append((other.upper(), dataclasses.replace(experiment, model=dataclasses.replace(model, kind=other))))
    if windows:  # the highway's other side: added, or taken away where the defaults put it
        variants.append(("no highway" if model.highway else "linear highway", dataclasses.replace(
            experiment, model=dataclasses.replace(model, highway=not model.highway))))
    if model.units >= 8:
        variants.append((f"{model.units // 2} units", dataclasses.replace(
            experiment, model=dataclasses.replace(model, units=model.units // 2))))
    if windows and data.scaling == "difference":
        variants.append(("standard scaling", dataclasses.replace(
            experiment, data=dataclasses.replace(data, scaling="standard"))))
    elif windows and samples.window >= 2:
        variants.append(("difference scaling", dataclasses.replace(
            experiment, data=dataclasses.replace(data, scaling="difference"))))
    return [Candidate(name, variant) for name, variant in variants if not validate(variant, length)]


def backtest_seconds(experiment: Experiment, length: int, origins: int) -> float:
    """Estimated seconds of one candidate's backtest (training at each origin on the values
    before it, compiling once)."""
    return origins * training_seconds(experiment, length) + compile_seconds(experiment)


def planned(tried: list[Candidate], length: int, origins: int, budget: float,
            workers: int) -> tuple[list[Candidate], str]:
    """The candidates that fit ``budget`` seconds on ``workers`` processes (the first always),
    and a note naming those left out."""
    kept: list[Candidate] = []
    left_out: list[str] = []
    total = 0.0
    for candidate in tried:
        seconds = backtest_seconds(candidate.experiment, length, origins)
        if kept and (total + seconds) / workers > budget:
            left_out.append(f"{candidate.name} ({in_words(seconds)})")
            continue
        kept.append(candidate)
        total += seconds
    note = (f"left out to stay within {in_words(budget)}: {', '.join(left_out)}") if left_out else ""
    return kept, note


def score_candidate(task: tuple[Candidate, Series, int]) -> CandidateScore:
    """Backtest one candidate (in a worker process); any failure is the score's ``error``."""
    candidate, series, origins = task
    started = time.perf_counter()
    try:
        backtest = BacktestRunner(candidate.experiment, series, origins, statistical=False).run()
        if backtest is None:
            return CandidateScore(candidate, error="stopped or nothing learned")
        summaries = {summary.name: summary for summary in backtest.summaries()}
        network, persistence = summaries[NETWORK], summaries["persistence"]
        return CandidateScore(candidate, _relative(network.mae, persistence.mae),
                              _relative(network.horizon_rmse, persistence.horizon_rmse), time.perf_counter() - started)
    except Exception as error:  # one candidate's failure is its row, not the search's end
        return CandidateScore(candidate, error=f"{type(error).__name__}: {error}")


def _finite(value: float) -> float | None:
    """``value``, or None (JSON's null) when it is not a finite number."""
    return value if math.isfinite(value) else None


def _relative(errors: np.ndarray, reference: np.ndarray) -> float:
    """The mean over the folds of ``errors / reference`` (folds where persistence is exact are left out)."""
    usable = reference > 0
    return float(np.mean(errors[usable] / reference[usable])) if usable.any() else math.nan


class AutoSearch:
    """The search for one experiment and series: :meth:`run` blocks (call it off the GUI
    thread); :meth:`request_stop` (thread-safe) ends it at once, terminating the workers."""

    def __init__(self, experiment: Experiment, series: Series, budget: float = DEFAULT_BUDGET_SECONDS,
                 origins: int = AUTO_ORIGINS, workers: int | None = None) -> None:
        if not (isinstance(budget, (int, float)) and 10 <= budget <= MAX_BUDGET_SECONDS):
            raise ExperimentError(f"auto budget = {budget!r}: must be 10 to {MAX_BUDGET_SECONDS:.0f} seconds")
        fold_origins(experiment, len(series), origins)  # a series too short to backtest fails here
        self.pool = SweepPool(workers, work=score_candidate)
        self.series, self.origins, self.budget = series, origins, float(budget)
        self.candidates, self.note = planned(candidates(experiment, len(series)), len(series), origins, budget,
                                             self.pool.workers)
        self._stop = threading.Event()  # Stop pressed
        self._halt = threading.Event()  # Stop pressed, or the budget spent

    def run(self, on_score: Callable[[CandidateScore], None] | None = None) -> AutoResult | None:
        """Every planned candidate's score, in the planned order; None when stopped. Once the
        budget is spent (the plan is an estimate) the candidates still running are ended and
        scored as out of time; the best of the others is kept."""
        tasks = [(candidate, self.series, self.origins) for candidate in self.candidates]
        timer = threading.Timer(self.budget, self._halt.set)
        timer.daemon = True
        timer.start()
        try:
            scores = self.pool.run(tasks, on_score or (lambda score: None), self._halt)
        finally:
            timer.cancel()
        if self._stop.is_set() or (len(scores) < len(tasks) and not self._halt.is_set()):
            return None
        finished = {score.candidate.name: score for score in scores}
        late = [candidate.name for candidate in self.candidates if candidate.name not in finished]
        note = "; ".join(filter(None, [self.note, f"out of time after {self.budget:.0f} s: {', '.join(late)}"
                                       if late else ""]))
        return AutoResult([finished.get(candidate.name, CandidateScore(candidate, error="out of time"))
                           for candidate in self.candidates], self.origins, note)

    def request_stop(self) -> None:
        self._stop.set()
        self._halt.set()


def chosen(experiment: Experiment, result: AutoResult) -> Experiment:
    """The best candidate's experiment, its description saying how it was chosen (the
    experiment as set when every candidate failed)."""
    best = result.best
    if best is None:
        return experiment
    words = "kept as set" if best.candidate.name == AS_SET else f"changed to {best.candidate.name}"
    description = (f"{best.candidate.experiment.description}; Auto: {words} by a {result.origins}-origin backtest "
                   f"of {len(result.scores)} candidates").lstrip("; ")
    return dataclasses.replace(best.candidate.experiment, description=description)
