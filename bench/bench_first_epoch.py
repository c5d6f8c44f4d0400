"""Benchmark: from pressing Train to the first epoch drawn in the window (issue 11).

Three numbers, beside TensorFlow's import time, which sets the scale:
- a fresh process with XLA's disk cache emptied (everything compiles);
- a fresh process with the cache warm (the step's machine code is read from disk);
- the second run of the same recipe in one process (the compiled step is reused).
Targets: second run <= 0.5 s, fresh process with a warm cache <= 1.5 s.

Run: ``python bench/bench_first_epoch.py [recipe]`` (R2 by default).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(name: str) -> dict:
    """In this process: TensorFlow's import, then Train -> first epoch drawn, twice."""
    from window_session import ready_window, wait_until

    with ready_window() as (window, tensorflow_seconds):
        result = {"tensorflow_import": tensorflow_seconds}
        window.panel.choose_recipe(name)
        for key in ("first_run", "second_run"):
            pressed = time.perf_counter()
            window.train()
            wait_until(lambda: window.plots.loss_plot.loss_curve.getData()[0] is not None
                       and len(window.plots.loss_plot.loss_curve.getData()[0]) >= 1 and window.strip.progress.value() >= 1)
            result[key] = time.perf_counter() - pressed
            window.stop()
            wait_until(lambda: not window.is_training)
            window.selected.unsaved = False
    return result


def main(name: str) -> None:
    cache = tempfile.mkdtemp(prefix="rnnstudio-bench-cache-")
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    runs = []
    for label in ("cache emptied", "cache warm"):
        out = subprocess.run([sys.executable, __file__, "--measure", name], env=env, capture_output=True, text=True,
                             check=True).stdout
        runs.append((label, json.loads(out.strip().splitlines()[-1])))
    print(f"{name}: Train pressed -> first epoch drawn in the window")
    for label, result in runs:
        print(f"  fresh process, {label:13}: {result['first_run']:.2f} s   (TensorFlow import {result['tensorflow_import']:.2f} s;"
              f" second run in that process: {result['second_run']:.2f} s)")
    print("  targets: second run <= 0.5 s; fresh process with the cache warm <= 1.5 s")


if __name__ == "__main__":
    if "--measure" in sys.argv:
        print(json.dumps(measure(sys.argv[-1])))
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "pulse-lstm-stateful")
