"""Work off the GUI thread where only the newest request counts (reading a CSV, opening a
model file): one runs at a time in a background thread, results come back as a queued
signal in the GUI thread, and a result for an older request is dropped by its receiver."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal


class LatestWins(QObject):
    """A one-thread worker; ``finished`` carries each result (which holds its request number)."""

    finished = Signal(object)

    def __init__(self, name: str) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._latest = 0

    def submit(self, work: Callable[[int], object]) -> int:
        """Run ``work(request)`` in the background; returns the request number."""
        self._latest += 1
        self._pool.submit(self._run, work, self._latest)
        return self._latest

    def forget(self) -> None:
        """Make every request so far outdated: their results will not be the latest."""
        self._latest += 1

    def is_latest(self, result: object) -> bool:
        """Whether ``result`` answers the newest request."""
        return getattr(result, "request", None) == self._latest

    def shutdown(self) -> None:
        """Drop queued requests and wait for the running one."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, work: Callable[[int], object], request: int) -> None:
        try:
            self.finished.emit(work(request))
        except RuntimeError:  # the window closed meanwhile
            pass
