"""Work off the GUI thread where only the newest request counts (reading a CSV, opening a
model file, computing what a replayed epoch shows): one runs at a time in a background
thread, results come back as a queued signal in the GUI thread, and a result for an older
request is dropped by its receiver.

Every outcome reaches the GUI thread, as Orange's ``FutureWatcher`` does it: the result
through ``finished``, any exception through ``failed`` with its request number and one line
of text, so nothing is lost in the background and no caller waits forever.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal


class LatestWins(QObject):
    """A one-thread worker; ``finished`` carries each result (which holds its request number),
    ``failed(request, message)`` each exception."""

    finished = Signal(object)
    failed = Signal(int, str)

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
        """Whether ``result`` (or a request number) answers the newest request."""
        request = result if isinstance(result, int) else getattr(result, "request", None)
        return request == self._latest

    def shutdown(self) -> None:
        """Drop queued requests and wait for the running one."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, work: Callable[[int], object], request: int) -> None:
        try:
            result = work(request)
        except Exception as error:
            self._emit(self.failed, request, one_line(error))
            return
        self._emit(self.finished, result)

    @staticmethod
    def _emit(signal: object, *args: object) -> None:
        try:
            signal.emit(*args)  # type: ignore[attr-defined]
        except RuntimeError:  # the window closed meanwhile
            pass


def one_line(error: BaseException) -> str:
    """An unexpected error as one line a user can report: its type and first line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:300]}" if text else type(error).__name__
