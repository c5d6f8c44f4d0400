"""Benchmark: what recording a weight snapshot after every epoch costs (issue 8).

R2 (400 epochs) trains headless with snapshot recording on and off, alternated and
repeated in one process, from the same initial weights. Target: recording adds <= 5 %.
Also prints the memory the snapshots take and how many epochs were kept.

Run: ``python bench/bench_snapshots.py``
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from rnnstudio.core.recipes import recipe
from rnnstudio.core.snapshots import MAX_SNAPSHOT_BYTES
from rnnstudio.core.trainer import Trainer

PAIRS = 5
NAME = "pulse-lstm-stateful"


def train_seconds(record: bool) -> tuple[float, Trainer]:
    trainer = Trainer(recipe(NAME), record_snapshots=record)
    started = time.perf_counter()
    trainer.run(lambda report: None)  # a report per epoch, as the CLI and the window get them
    return time.perf_counter() - started, trainer


def main() -> None:
    train_seconds(True)  # warm-up, outside the comparison
    on, off = [], []
    for _ in range(PAIRS):
        seconds, trainer = train_seconds(True)
        on.append(seconds)
        off.append(train_seconds(False)[0])
    snapshots = trainer.snapshots
    ratio = statistics.median(on) / statistics.median(off)
    print(f"R2 headless, snapshots on: median {statistics.median(on):.2f} s ({', '.join(f'{s:.2f}' for s in on)}); "
          f"off: median {statistics.median(off):.2f} s ({', '.join(f'{s:.2f}' for s in off)}); "
          f"recording adds {100 * (ratio - 1):+.1f} %; target <= +5 %")
    print(f"snapshots kept: {len(snapshots)} of 400 epochs, {snapshots.nbytes() / 2**20:.2f} MiB "
          f"(budget {MAX_SNAPSHOT_BYTES / 2**20:.0f} MiB per run)")


if __name__ == "__main__":
    main()
