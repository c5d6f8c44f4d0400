"""Benchmark: the memory tab (issue 19's targets).

1. heatmap: computing the gradients through time of every kept epoch of R2 (400 epochs),
   as the memory tab does in its background thread the first time it shows a run. Target
   <= 2 s. Printed as wall and CPU time, with the load average.
2. replay: with the memory tab shown and R2 finished, one move of the epoch slider to a
   repainted memory plot (the epoch's curve over the fan of earlier ones). Target: median
   <= 50 ms.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_gradients.py`` (from the repository).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
from bench_gui import PaintCounter, percentile, ready_window, train_in_window
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = ready_window(app, Path(folder))
        train_in_window(app, window, "pulse-lstm-stateful", measure_stalls=False)
        run = window.selected
        history = run.gradient_history()
        wall, cpu = time.perf_counter(), time.process_time()
        run.fill_gradients(history)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"load average {os.getloadavg()[0]:.2f}; gradients through time of all {len(history.by_epoch)} kept "
              f"epochs of R2 ({len(history.window.inputs)} steps back): {wall:.2f} s wall, {cpu:.2f} s CPU; "
              "target <= 2 s", flush=True)

        memory = window.plots.memory
        window.plots.inner_tabs.setCurrentWidget(memory)
        while memory.computing:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        app.processEvents()
        counter = PaintCounter({"memory": memory.plot.canvas.viewport()})
        times = []
        moves = np.random.default_rng(0).choice(run.snapshots.epochs, size=60)
        for epoch in moves:
            started = time.perf_counter()
            window.plots.replay_bar.choose(int(epoch))
            while window.plots.computing or memory.computing:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
            app.processEvents()
            times.append((time.perf_counter() - started) * 1000)
        print(f"replaying R2 with the memory tab shown: one slider move to a repainted window: median "
              f"{statistics.median(times):.1f} ms, p90 {percentile(times, 90):.1f} ms; target median <= 50 ms; "
              f"memory plot paints per move {counter.counts['memory'] / len(moves):.2f}", flush=True)
        window.stop_threads()


if __name__ == "__main__":
    main()
