"""Frame pacing: the live plots may use only a share of the GUI thread.

Training runs in a worker thread of the same process, so every millisecond the GUI thread
spends drawing (mostly Python, in pyqtgraph) is taken from training through the GIL and
delays the user's clicks. :class:`FramePacer` is told what each frame cost - the update
of the plot items and their painting - and spaces frames so that drawing
stays under ``duty`` of the time: fast frames run at up to 25 per second, slow ones (big
series, many units, a slow machine) come less often instead of freezing the window.
"""

from __future__ import annotations


class FramePacer:
    """Accumulates drawing time and proposes the pause before the next frame."""

    def __init__(self, duty: float = 0.25, fastest_ms: int = 40, slowest_ms: int = 500) -> None:
        self.duty = duty
        self.fastest_ms = fastest_ms
        self.slowest_ms = slowest_ms
        self._busy_seconds = 0.0

    def add(self, seconds: float) -> None:
        """Count ``seconds`` of drawing work."""
        self._busy_seconds += seconds

    def next_interval_ms(self) -> int:
        """Milliseconds to wait before the next frame, given the work counted since the last
        call (which it resets)."""
        busy_ms, self._busy_seconds = self._busy_seconds * 1000, 0.0
        return int(min(max(busy_ms / self.duty, self.fastest_ms), self.slowest_ms))


PACER = FramePacer()
