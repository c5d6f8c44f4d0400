"""A real main window for GUI benchmarks: TensorFlow loaded, settings in a temporary file,
and a way to let its event loop run until something holds."""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def wait_until(done: Callable[[], bool], step_ms: int = 1) -> None:
    """Run the event loop until ``done()`` holds, checking every ``step_ms``."""
    from PySide6.QtCore import QEventLoop, QTimer

    while not done():
        loop = QEventLoop()
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()


@contextlib.contextmanager
def ready_window() -> Iterator[tuple[Any, float]]:
    """(a shown main window with TensorFlow loaded, the seconds TensorFlow took to load);
    its worker threads are stopped and its settings removed afterwards."""
    from PySide6.QtWidgets import QApplication

    from rnnstudio.gui.main_window import MainWindow
    from rnnstudio.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="rnnstudio-bench-"))
    window = MainWindow(Settings(folder / "settings.ini"))
    window.show()
    started = time.perf_counter()
    window.start_loading_tensorflow()
    wait_until(lambda: window.tf_ready)
    try:
        yield window, time.perf_counter() - started
    finally:
        window.stop_threads()
        app.processEvents()
        shutil.rmtree(folder, ignore_errors=True)
