"""Benchmark: memory over 20 back-to-back training runs in one process (issue 10).

Core: R1 (10 epochs) trained 20 times with the headless trainer, each result dropped, as
the CLI or a script would. Window: the same 20 runs from the Train button, each run deleted
from the session afterwards (so what remains is what the window leaks, not runs it keeps).
Prints the resident memory after the first run and after the last, and MB per run.
Target: at most 50 MB of growth over the 20 runs. ``core-shapes`` and ``window-shapes`` give
each run a network shape of its own (units 8, 12, ... 84): issue 22's case. Each new shape
compiles new XLA programs, and TensorFlow's XLA cache never evicts one (its
``device_compilation_cache.h`` says so; tensorflow/tensorflow#64170), so a process's memory
grows per new shape whatever the studio drops. The core trainer (the CLI's: one run, then the
process ends) shows by how much. The window trains in a process of its own, replaced once it
has grown past its budget (:mod:`rnnstudio.core.training_process`): its figures are the
window's memory plus the training process's at the end of each run (its largest); the
growth is the largest after run 5 over the largest of runs 1-5 ("after the first few").
Target for the window: at most 100 MB. The shapes cases use empty caches (a temporary
``XDG_CACHE_HOME``), so each new shape compiles as it does for a user trying it first: a
process's first XLA compile also starts the compiler itself (~140 MB, once per process),
which a run read from the disk cache does not.

Run: ``python bench/bench_memory.py [core|window|core-shapes|window-shapes]`` (core and window
by default).
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

RUNS = 20
NAME = "sine-simplernn"


def report(label: str, after_each: list[float], target: float = 50) -> None:
    growth = after_each[-1] - after_each[0]
    print(f"{label}: {after_each[0]:.0f} MB after run 1, {after_each[-1]:.0f} MB after run {len(after_each)}: "
          f"{growth:+.1f} MB over {len(after_each) - 1} runs, {growth / (len(after_each) - 1):+.2f} MB per run "
          f"(target: at most {target:.0f} MB in all)")


FIRST_FEW = 5


def report_after_first_few(label: str, after_each: list[float]) -> None:
    """The largest memory after the first few runs over the largest in them (target 100 MB)."""
    print(f"{label}: after each run (MB) {' '.join(f'{v:.0f}' for v in after_each)}")
    first, later = max(after_each[:FIRST_FEW]), max(after_each[FIRST_FEW:])
    print(f"{label}: at most {later:.0f} MB in runs {FIRST_FEW + 1}-{len(after_each)} against at most {first:.0f} MB "
          f"in runs 1-{FIRST_FEW}: {later - first:+.1f} MB (target: at most 100 MB)")


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
    from rnnstudio.core.training_process import resident_mb

    after_each = []
    for run in range(RUNS):
        Trainer(shaped(run) if new_shapes else recipe(NAME)).run(lambda report: None)
        gc.collect()
        after_each.append(resident_mb())
    return after_each


def window(new_shapes: bool = False) -> list[float]:
    """The 20 runs from the Train button (with ``new_shapes``, each with units of its own)."""
    from window_session import ready_window, wait_until

    from rnnstudio.core.training_process import resident_mb, training_process

    after_each, window_alone = [], []
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
            window_alone.append(resident_mb())
            after_each.append(window_alone[-1] + training_process().last_resident_mb)
    print(f"the window alone after each run (MB): {' '.join(f'{v:.0f}' for v in window_alone)}; the training "
          f"process was replaced {training_process().replaced} times")
    return after_each


if __name__ == "__main__":
    which = sys.argv[1:] or ["core", "window"]
    if any(case.endswith("-shapes") for case in which):
        os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="rnnstudio-bench-cache-")  # before rnnstudio reads it
    if "core" in which:
        report("core trainer", core())
    if "core-shapes" in which:
        report("core trainer, a new shape each run", core(new_shapes=True))
    if "window" in which:
        report("window and its training process", window())
    if "window-shapes" in which:
        report_after_first_few("window and its training process, a new shape each run", window(new_shapes=True))
