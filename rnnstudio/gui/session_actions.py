"""File > Save session… and Open session…: every run of the window, as it is shown, in one
file (:mod:`rnnstudio.core.session_file`). Opening reads and checks the file off the GUI thread;
its runs join the window's, in their colours, overlaid and selected as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ..core.run import Run
from ..core.session import Session
from ..core.session_file import SESSION_SUFFIX, SessionFileError, open_session, runs_of, save_session
from .background import LatestWins
from .i18n import QT_TR_NOOP, counted, tr

SESSION_FILTER = QT_TR_NOOP("RNN Studio sessions (*.rnnsession)")


@dataclass(frozen=True)
class OpenedSession:
    """A session file read in the background: its runs (with colours and overlays), the
    selected one and its epoch, or the error."""

    request: int
    path: Path
    runs: list[tuple[Run, str, bool]]
    selected: int | None
    epoch: int | None
    error: str = ""


class SessionOpener(LatestWins):
    def __init__(self) -> None:
        super().__init__("session")

    def request(self, path: Path) -> int:
        def work(request: int) -> OpenedSession:
            try:
                contents = open_session(path)
            except SessionFileError as error:
                return OpenedSession(request, path, [], None, None, str(error))
            return OpenedSession(request, path, runs_of(contents), contents.selected, contents.epoch)

        return self.submit(work)


class SessionActions(QObject):
    """Save and open session files. ``status`` carries a line for the status bar, ``error`` a
    message for the banner, ``opened(bool)`` how an opening ended."""

    status = Signal(str)
    error = Signal(str)
    opened = Signal(bool)

    def __init__(self, session: Session, folder: Callable[[], Path], window: QWidget) -> None:
        """``folder()``: where the dialogs open (the folder of the most recent file)."""
        super().__init__(window)
        self.session, self.folder, self.window = session, folder, window
        self.opener = SessionOpener()
        self.opener.finished.connect(self._on_opened)
        self.opener.failed.connect(lambda request, message: self.opener.is_latest(request)
                                   and self._failed(tr("The session could not be opened: {message}").format(message=message)))

    def save_dialog(self) -> bool:
        """Ask where, then save every run of the window; False when cancelled or it failed."""
        if not any(run.savable for run in self.session.runs):
            self.error.emit(tr("There is no run to keep in a session yet: train or open one first"))
            return False
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save the session"), str(self.folder() / f"session{SESSION_SUFFIX}"),
                                              tr(SESSION_FILTER))
        if not path:
            return False
        return self.save_to(Path(path if path.endswith(SESSION_SUFFIX) else path + SESSION_SUFFIX))

    def save_to(self, path: Path) -> bool:
        """Write every run of the window, as shown, to ``path``; the runs count as saved then."""
        session = self.session
        runs = [run for run in session.runs if run.savable]
        try:
            save_session(path, [(run, session.color_of(run), session.is_overlaid(run)) for run in runs],
                         session.selected, session.epoch)
        except SessionFileError as error:
            self.error.emit(str(error))
            return False
        session.mark_kept_in_session(runs)
        self.status.emit(tr("Saved the session to {file}: {runs}").format(file=path.name,
                                                                           runs=counted(len(runs), QT_TR_NOOP("run"))))
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open a session"), str(self.folder()),
                                              tr(SESSION_FILTER) + ";;" + tr("All files (*)"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        """Read ``path`` in the background; its runs join the window's when it is read."""
        self.opener.request(path)
        self.status.emit(tr("Opening the session {file}…").format(file=path.name))

    def _on_opened(self, result: OpenedSession) -> None:
        if not self.opener.is_latest(result):
            return
        if result.error:
            self._failed(result.error)
            return
        for run, _, _ in result.runs:
            run.name = self.session.unique_name(run.name)
        self.session.add_saved_session(result.runs, result.selected, result.epoch)
        self.status.emit(tr("Opened the session {file}: {runs}").format(
            file=result.path.name, runs=counted(len(result.runs), QT_TR_NOOP("run"))))
        self.opened.emit(True)

    def _failed(self, message: str) -> None:
        self.error.emit(message)
        self.opened.emit(False)

    def shutdown(self) -> None:
        self.opener.shutdown()
