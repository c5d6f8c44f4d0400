"""Benchmark: a sweep of 8 R1-sized runs (issue 19's target).

The same 8 runs (R1 with model.kind in simple_rnn, gru and model.units in 8, 16, 24, 32)
are trained (a) one after another in this process, each timed alone (training only, its
compiled programs reused where shapes repeat), and (b) as one sweep on the machine's cores
(spawned worker processes, wall time from start to the last run's end, TensorFlow's import
in each worker included). Target: the sweep's wall time <= 1.5x the sum of the runs alone.
Then the same sweep from the window: the event loop's stalls while it runs (a 5 ms probe
timer), target p99 <= 50 ms.

Run: ``cd bench && QT_QPA_PLATFORM=offscreen ../.venv/bin/python bench_sweep.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
from bench_gui import StallProbe, ready_window
from PySide6.QtWidgets import QApplication

from rnnstudio.core.recipes import recipe
from rnnstudio.core.sweep import SweepPool, parse_variation, sweep_points
from rnnstudio.core.trainer import Trainer


def main() -> None:
    points = sweep_points(recipe("sine-simplernn"), [parse_variation("model.kind=simple_rnn,gru"),
                                                     parse_variation("model.units=8,16,24,32")])
    alone = []
    for point in points:
        trainer = Trainer(point.experiment)
        started = time.perf_counter()
        trainer.run()
        alone.append(time.perf_counter() - started)
    pool = SweepPool()
    started = time.perf_counter()
    outcomes = pool.run(points, lambda outcome: None)
    wall = time.perf_counter() - started
    assert len(outcomes) == len(points) and not any(outcome.error for outcome in outcomes)
    print(f"load average {os.getloadavg()[0]:.2f}; {len(points)} R1-sized runs: alone {sum(alone):.2f} s in all "
          f"({', '.join(f'{s:.2f}' for s in alone)}); as a sweep on {pool.workers} worker processes {wall:.2f} s wall "
          f"(their training {sum(o.seconds for o in outcomes):.2f} s): {wall / sum(alone):.2f}x; target <= 1.5x",
          flush=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = ready_window(app, Path(folder))
        probe = StallProbe()
        probe.start()
        window.sweeps.start(points, pool.workers)
        while window.sweeps.running or len(window.session.runs) < len(points):
            app.processEvents()
        probe.stop()
        late = probe.lateness
        print(f"the same sweep from the window ({len(late)} probes): event-loop stall p50 {np.percentile(late, 50):.1f} ms, "
              f"p99 {np.percentile(late, 99):.1f} ms, max {max(late):.1f} ms; target p99 <= 50 ms")
        window.stop_threads()


if __name__ == "__main__":
    main()
