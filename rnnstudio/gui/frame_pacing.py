"""Frame pacing: the live plots may use only a share of the GUI thread.

Training runs in a worker thread of the same process, so every millisecond the GUI thread
spends drawing (mostly Python, in pyqtgraph) is taken from training through the GIL and
delays the user's clicks. :class:`FramePacer` turns what a frame cost - the update of the
plot items and their painting - into the pause before the next one, so that drawing stays
under ``duty`` of the time: fast frames run at up to 25 per second, slow ones (big series,
many units, a slow machine) come less often instead of freezing the window.
"""

from __future__ import annotations


class FramePacer:
    """Spaces frames by what they cost."""

    def __init__(self, duty: float = 0.25, fastest_ms: int = 40, slowest_ms: int = 500) -> None:
        self.duty = duty
        self.fastest_ms = fastest_ms
        self.slowest_ms = slowest_ms

    def interval_ms(self, frame_seconds: float) -> int:
        """Milliseconds to wait before the next frame after one that took ``frame_seconds``."""
        return int(min(max(frame_seconds * 1000 / self.duty, self.fastest_ms), self.slowest_ms))
