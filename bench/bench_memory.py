"""Benchmark: memory over 20 back-to-back training runs in one process (issue 10).

Core: R1 (10 epochs) trained 20 times with the headless trainer, each result dropped, as
the CLI or a script would. Window: the same 20 runs from the Train button, each run deleted
from the session afterwards (so what remains is what the window leaks, not runs it keeps).
Prints the resident memory after the first run and after the last, and MB per run.
Target: at most 50 MB of growth over the 20 runs. ``core-shapes`` and ``window-shapes`` give
each run a network shape of its own (units 8, 12, ... 84): issue 22's case. Each new shape
compiles new XLA programs, and TensorFlow's XLA cache never evicts one (its
``device_compilation_cache.h`` says so; tensorflow/tensorflow#64170), so memory grows per
new shape whatever the studio drops; these print by how much.

Run: ``python bench/bench_memory.py [core|window|core-shapes|window-shapes]`` (core and window
by default).
"""

from __future__ import annotations

import gc
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

RUNS = 20
NAME = "sine-simplernn"


def resident_mb() -> float:
    """This process's resident memory now (not the peak), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def report(label: str, after_each: list[float]) -> None:
    growth = after_each[-1] - after_each[0]
    print(f"{label}: {after_each[0]:.0f} MB after run 1, {after_each[-1]:.0f} MB after run {len(after_each)}: "
          f"{growth:+.1f} MB over {len(after_each) - 1} runs, {growth / (len(after_each) - 1):+.2f} MB per run "
          f"(target: at most 50 MB in all)")


def shaped(run: int):
    """R1 with a network shape of its own for run ``run`` (units 8, 12, 16, ...), 10 epochs."""
    import dataclasses

    from rnnstudio.core.recipes import recipe

    base = recipe(NAME)
    return dataclasses.replace(base, model=dataclasses.replace(base.model, units=8 + 4 * run))


def core(new_shapes: bool = False) -> list[float]:
    """The 20 runs with the headless trainer (with ``new_shapes``, each with units of its own)."""
    from rnnstudio.core.recipes import recipe
    from rnnstudio.core.trainer import Trainer

    after_each = []
    for run in range(RUNS):
        Trainer(shaped(run) if new_shapes else recipe(NAME)).run(lambda report: None)
        gc.collect()
        after_each.append(resident_mb())
    return after_each


def window(new_shapes: bool = False) -> list[float]:
    """The 20 runs from the Train button (with ``new_shapes``, each with units of its own)."""
    from window_session import ready_window, wait_until

    after_each = []
    with ready_window() as (main_window, _):
        main_window.panel.choose_recipe(NAME)
        for run in range(RUNS):
            if new_shapes:
                main_window.panel.set_value("model.units", str(shaped(run).model.units))
                wait_until(lambda: main_window.session.draft.experiment is not None)
            main_window.train()
            wait_until(lambda: not main_window.is_training, step_ms=20)
            run = main_window.selected
            assert run.epochs_run == main_window.panel.experiment().train.epochs, "the run did not train to its end"
            run.unsaved = False
            main_window.session.remove(run)
            wait_until(lambda: True)
            gc.collect()
            after_each.append(resident_mb())
    return after_each


if __name__ == "__main__":
    which = sys.argv[1:] or ["core", "window"]
    if "core" in which:
        report("core trainer", core())
    if "core-shapes" in which:
        report("core trainer, a new shape each run", core(new_shapes=True))
    if "window" in which:
        report("window", window())
    if "window-shapes" in which:
        report("window, a new shape each run", window(new_shapes=True))
