"""Benchmark: how the window behaves while it works (issue 4's targets).

1. launch: seconds from starting ``rnnstudio`` (a new Python process) to the window's first
   paint. Target <= 1.5 s; TensorFlow's import (measured alongside) must not be in it.
2. stalls: while R2 and R5 train from the Train button, a 5 ms probe timer records how late
   the GUI thread's event loop serves it. Target: 99th percentile <= 50 ms.
3. CSV (issue 9): picking a 1,000,000-row CSV in the panel: seconds until it is read with the
   defaults of a new CSV experiment (off the GUI thread), and the event loop's stalls meanwhile.
   Target: p99 <= 50 ms. Then a repaint: one full repaint with that series loaded: a frame of the
   repaint timer that takes a new report (one-step predictions over all 1M points, rollout,
   states) and paints all four plots (data, loss, prediction, states). Target <= 50 ms.
4. overhead: R2's wall time from the Train button to the finished run, against the headless
   trainer on the same experiment (as ``rnnstudio-cli train`` runs it), alternated and
   repeated. Target: the GUI adds <= 20 %.
5. scrub (issue 8): with a finished R2 run selected, one move of the epoch slider to a
   repainted window (the rollout, states and loss marker recomputed from that epoch's
   snapshot by the numpy inference, all four plots painted). Target: median <= 50 ms.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_gui.py`` (or under Xvfb).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import bench_csv
import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from rnnstudio.core import csv_import
from rnnstudio.core.history import History
from rnnstudio.core.models import build_model
from rnnstudio.core.recipes import recipe
from rnnstudio.core.report import EpochReport
from rnnstudio.core.run import Run
from rnnstudio.core.trainer import Trainer
from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.settings import Settings

PROBE_MS = 5
LAUNCH_RUNS = 5
OVERHEAD_PAIRS = 3
CSV_POINTS = bench_csv.ROWS

LAUNCH_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from PySide6.QtCore import QEvent, QObject
    import rnnstudio.gui.main_window as main_window

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                print(f"PAINTED {time.time():.6f}", flush=True)
                os._exit(0)
            return False

    show = main_window.MainWindow.show
    def show_and_watch(self):
        self._first_paint = FirstPaint(self)
        self.installEventFilter(self._first_paint)
        show(self)
    main_window.MainWindow.show = show_and_watch
    from rnnstudio.app import main
    sys.exit(main(["--settings", sys.argv[1]]))
""")


def launch_seconds(settings: Path) -> float:
    """Seconds from spawning the app's process to its window's first paint."""
    started = time.time()
    output = subprocess.run([sys.executable, "-c", LAUNCH_SCRIPT, str(settings)], capture_output=True, text=True,
                            check=True, timeout=120).stdout
    painted = next(line for line in output.splitlines() if line.startswith("PAINTED "))
    return float(painted.split()[1]) - started


def tensorflow_import_seconds() -> float:
    """Seconds a fresh process needs to import TensorFlow and Keras (what the window must not wait for)."""
    script = "import time; t = time.time(); import keras, tensorflow; print(time.time() - t)"
    return float(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}).stdout.split()[-1])


class StallProbe:
    """A 5 ms timer in the GUI thread; ``lateness`` is how late (ms) each tick was served."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(self.clock.nsecsElapsed() / 1e6))

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @property
    def lateness(self) -> list[float]:
        return [max(later - earlier - PROBE_MS, 0.0) for earlier, later in zip(self.ticks, self.ticks[1:])]


def ready_window(app: QApplication, folder: Path) -> MainWindow:
    window = MainWindow(Settings(folder / "settings.ini"))
    window.show()
    window.start_loading_tensorflow()
    while not window.tf_ready:
        app.processEvents()
        time.sleep(0.01)
    return window


def train_in_window(app: QApplication, window: MainWindow, name: str, measure_stalls: bool) -> tuple[float, list[float]]:
    """Train recipe ``name`` from the window's Train action; returns the wall seconds and,
    with ``measure_stalls``, how late (ms) each 5 ms probe tick was served."""
    window.panel.choose_recipe(name)
    probe = StallProbe()
    loop = QEventLoop()
    ended = []
    window.training_ended.connect(lambda: (ended.append(time.perf_counter()), loop.quit()))
    if measure_stalls:
        probe.start()
    started = time.perf_counter()
    window.menus.train.trigger()
    loop.exec()  # the event loop, as app.exec() runs it
    probe.stop()
    window.selected.unsaved = False
    window.training_ended.disconnect()
    return ended[0] - started, probe.lateness


def headless_seconds(name: str) -> float:
    """Seconds of the headless trainer as ``rnnstudio-cli train`` runs it: a report object
    per epoch for the progress line, no predictions computed."""
    started = time.perf_counter()
    Trainer(recipe(name)).run(lambda report: None)
    return time.perf_counter() - started


def csv_load(app: QApplication, window: MainWindow, path: Path) -> tuple[float, list[float]]:
    """Seconds until a CSV picked in the panel is read (with the defaults of a new CSV
    experiment), and how late (ms) each 5 ms probe tick was served meanwhile."""
    csv_import._cache.clear()
    probe = StallProbe()
    loop = QEventLoop()
    window.panel.changed.connect(lambda: None if window.panel.csv_loading else loop.quit())
    probe.start()
    started = time.perf_counter()
    window.panel.open_csv(str(path))
    loop.exec()
    probe.stop()
    return time.perf_counter() - started, probe.lateness


def repaint_milliseconds(app: QApplication, window: MainWindow, path: Path) -> tuple[float, float]:
    """(median full-repaint ms, report materialize s) with a 1M-point CSV loaded."""
    window.panel.choose_recipe("sine-simplernn")
    window.panel.set_value("data.kind", "csv")
    window.panel.set_value("data.path", str(path))
    window.panel.set_value("data.column", "sales")
    while window.panel.csv_loading:
        app.processEvents()
    experiment = window.panel.experiment()
    assert experiment is not None, window.panel.errors
    series = window.panel.csv_series()
    model = build_model(experiment.model, experiment.samples, experiment.train.batch_size, seed=1)
    started = time.perf_counter()
    report = EpochReport.from_model(experiment, series, model, 1, 0.1, 0.1).computed()
    materialize_seconds = time.perf_counter() - started
    run = Run("million", experiment, series, History([0.5, 0.1], [0.6, 0.2]), template=report.network)
    run.snapshots.add(1, model.get_weights())
    window.session.add(run)  # shown, as when training starts
    window.session.training_run = run  # frames below are drawn as for a run in training
    views = window.plots.plot_views()
    times = []
    for _ in range(7):
        fresh = EpochReport.from_model(experiment, series, model, 1, 0.1, 0.1).computed()
        started = time.perf_counter()
        run.keep_report(fresh)  # what the session keeps of the worker's progress
        window._progress_pending = True
        for view in views:
            view.update()  # every plot repaints, not only those with new data
        window._on_frame()  # a frame as the repaint timer runs it: update the plots, paint
        times.append((time.perf_counter() - started) * 1000)
    window.session.training_run = None
    return statistics.median(times), materialize_seconds


class PaintCounter(QObject):
    """Counts the paint events of some widgets, by name."""

    def __init__(self, widgets: dict[str, QWidget]) -> None:
        super().__init__()
        self.names = {widget: name for name, widget in widgets.items()}
        self.counts = dict.fromkeys(widgets, 0)
        for widget in widgets.values():
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self.names:
            self.counts[self.names[watched]] += 1
        return False


def scrub_milliseconds(app: QApplication, window: MainWindow) -> tuple[list[float], dict[str, float]]:
    """Milliseconds from one slider move to a repainted window, for random epochs of the
    selected (finished) run: the prediction, states and loss marker are recomputed (in the
    background worker, as the window does) and the plots that changed repaint (the data plot
    does not change, so it is not forced to). Also: how often each plot painted per move."""
    rng = np.random.default_rng(0)
    epochs = window.plots.replay_bar.epochs
    plots = window.plots
    counter = PaintCounter({"loss": plots.loss_plot.viewport(), "prediction": plots.prediction_plot.viewport(),
                            "states": plots.states_plot.plot_widget.viewport()})
    moves = rng.choice(epochs, size=60)
    times = []
    for epoch in moves:
        started = time.perf_counter()
        window.plots.replay_bar.choose(int(epoch))
        while window.plots.computing:  # the epoch's report is computed off the GUI thread
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        app.processEvents()  # paint
        times.append((time.perf_counter() - started) * 1000)
    return times, {name: count / len(moves) for name, count in counter.counts.items()}


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        launches = sorted(launch_seconds(folder / "launch.ini") for _ in range(LAUNCH_RUNS))
        print(f"launch to first paint: median {statistics.median(launches):.2f} s "
              f"(runs {', '.join(f'{s:.2f}' for s in launches)}); target <= 1.5 s; "
              f"TensorFlow import alone: {tensorflow_import_seconds():.2f} s", flush=True)

        window = ready_window(app, folder)
        for name in ("pulse-lstm-stateful", "sine-mlp-regression"):
            seconds, lateness = train_in_window(app, window, name, measure_stalls=True)
            print(f"stalls while training {name} ({seconds:.1f} s, {len(lateness)} probes): "
                  f"p50 {percentile(lateness, 50):.1f} ms, p99 {percentile(lateness, 99):.1f} ms, "
                  f"max {max(lateness):.1f} ms; target p99 <= 50 ms", flush=True)

        gui, headless = [], []
        headless_seconds("pulse-lstm-stateful")  # warm caches once, outside the comparison
        for _ in range(OVERHEAD_PAIRS):
            headless.append(headless_seconds("pulse-lstm-stateful"))
            gui.append(train_in_window(app, window, "pulse-lstm-stateful", measure_stalls=False)[0])
        ratio = statistics.median(gui) / statistics.median(headless)
        print(f"R2 wall time: GUI median {statistics.median(gui):.2f} s ({', '.join(f'{s:.2f}' for s in gui)}) vs "
              f"headless {statistics.median(headless):.2f} s ({', '.join(f'{s:.2f}' for s in headless)}): "
              f"GUI adds {100 * (ratio - 1):+.0f} %; target <= +20 %", flush=True)

        scrub, paints = scrub_milliseconds(app, window)
        print(f"scrubbing R2 ({len(window.plots.replay_bar.epochs)} epochs): one slider move to a repainted window: "
              f"median {statistics.median(scrub):.1f} ms, p90 {percentile(scrub, 90):.1f} ms; target median <= 50 ms; "
              f"paints per move: {', '.join(f'{name} {count:.2f}' for name, count in paints.items())}", flush=True)

        path = folder / "million.csv"
        bench_csv.write_export(path)
        seconds, lateness = csv_load(app, window, path)
        print(f"picking a {CSV_POINTS:,}-row CSV in the panel: read with its defaults in {seconds:.2f} s off the GUI "
              f"thread; event-loop stalls meanwhile: p50 {percentile(lateness, 50):.1f} ms, p99 "
              f"{percentile(lateness, 99):.1f} ms, max {max(lateness):.1f} ms; target p99 <= 50 ms", flush=True)
        repaint, materialize_seconds = repaint_milliseconds(app, window, path)
        print(f"full repaint with a {CSV_POINTS:,}-point CSV: median {repaint:.1f} ms; target <= 50 ms "
              f"(computing the report's predictions and rollout in the worker: {materialize_seconds:.2f} s)", flush=True)
        for run in window.session.runs:
            run.unsaved = False
        window.close()


if __name__ == "__main__":
    main()
