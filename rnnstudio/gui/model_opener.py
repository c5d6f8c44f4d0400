"""Opening model files off the GUI thread: checking, loading with Keras, and computing the
first predictions and rollout can take seconds for a big model, and the window stays live.

One file opens at a time; Cancel (or a newer request) makes the window drop the result when
it arrives (see :mod:`.background`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.run import Run
from ..core.series import DataError
from ..core.storage import ModelFileError, open_model
from .background import LatestWins
from .i18n import tr


@dataclass(frozen=True)
class OpenResult:
    """What opening ``path`` gave: a run (named after the file) and its first report already
    computed, or the one-line error; ``data_error`` when the model opened but its data did not."""

    request: int
    path: Path
    run: Run | None = None
    error: str | None = None
    data_error: str | None = None


class ModelOpener(LatestWins):
    """Opens ``.keras`` files in a background thread; ``finished`` carries an :class:`OpenResult`."""

    def __init__(self) -> None:
        super().__init__("open")
        self.busy_with: Path | None = None

    def request(self, path: Path) -> int:
        """Open ``path``; the result arrives through ``finished``."""
        self.busy_with = path
        return self.submit(lambda request: _open(request, path))

    def cancel(self) -> None:
        """Forget the file being opened: its result will be dropped."""
        self.forget()
        self.busy_with = None

    def take(self, result: OpenResult) -> bool:
        """Whether ``result`` answers the newest request (and is no longer pending)."""
        if not self.is_latest(result):
            return False
        self.busy_with = None
        return True


def _open(request: int, path: Path) -> OpenResult:
    try:
        saved = open_model(path)
        try:
            series, data_error = saved.data_series(), None
        except DataError as error:
            series, data_error = None, error.said(tr)
        run = Run.opened(path.stem, saved, series)
        run.latest_report()  # the first predictions and rollout, computed here rather than in the window
    except ModelFileError as error:
        return OpenResult(request, path, error=str(error))
    except Exception as error:
        reason = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        return OpenResult(request, path, error=tr("{file}: could not be opened ({reason})").format(file=path, reason=reason))
    return OpenResult(request, path, run, data_error=data_error)
