"""Benchmark: a seed ensemble of 5 trained in one program, against one network and against
five networks trained one after the other, side by side on the same data and epochs.

Each configuration is timed warm (its programs compiled by an earlier run, as in a session)
and the best of two runs is kept; CPU time (``time.process_time``) is printed beside wall
time, with the load average, since these machines are shared.

Run: ``python bench/bench_ensemble.py [--members K]``
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from series_maker import realistic_series, write_series_csv

from rnnstudio.core.csv_defaults import experiment_for_csv
from rnnstudio.core.data import load_series
from rnnstudio.core.experiment import Experiment
from rnnstudio.core.recipes import recipe
from rnnstudio.core.trainer import Trainer


def configurations(folder: Path) -> list[Experiment]:
    """Three recipes and the CSV defaults on two series made to look real (early stopping off:
    every contender runs the same epochs)."""
    chosen = [recipe("sine-simplernn"), recipe("pulse-lstm-stateful"), recipe("sine-simplernn-seq2seq")]
    for name in ("growing season", "level shift"):
        dates, values, missing = realistic_series(name)
        path = write_series_csv(folder / f"{name.replace(' ', '_')}.csv", dates, values, missing)
        chosen.append(experiment_for_csv(path))
    return [dataclasses.replace(e, train=dataclasses.replace(e.train, early_stopping=0)) for e in chosen]


def timed(experiment: Experiment, members: int, series: object) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the best of two warm runs with ``members`` seeds."""
    run = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, members=members))
    Trainer(run, series).run()  # compiles
    best = (float("inf"), float("inf"))
    for _ in range(2):
        cpu, wall = time.process_time(), time.perf_counter()
        Trainer(run, series, record_snapshots=True).run()
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5)
    members = parser.parse_args().members
    folder = Path("/tmp/rnnstudio-bench-ensemble")
    folder.mkdir(exist_ok=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"{'experiment':<26} {'network':<16} {'epochs':>6} {'one (cpu s)':>11} {f'{members} in one':>10} "
          f"{'ratio':>6} {f'{members} apart':>9} {'saved':>6}")
    for experiment in configurations(folder):
        series = load_series(experiment.data)
        one_cpu, _ = timed(experiment, 1, series)
        together_cpu, _ = timed(experiment, members, series)
        network = f"{experiment.model.kind} {experiment.model.units}"
        print(f"{experiment.name[:26]:<26} {network:<16} {experiment.train.epochs:>6} {one_cpu:>11.2f} "
              f"{together_cpu:>10.2f} {together_cpu / one_cpu:>5.1f}x {members * one_cpu:>9.2f} "
              f"{1 - together_cpu / (members * one_cpu):>6.0%}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
