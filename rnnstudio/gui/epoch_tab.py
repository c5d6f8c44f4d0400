"""What the Memory and Closed loop tabs share: a view of the shown run drawn from values
computed per epoch from its snapshots, in a background thread and only while the tab is
shown, with the overlaid runs beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..core.run import Run
from ..core.session import Session
from .background import LatestWins

History = TypeVar("History")


class EpochTab(QWidget, Generic[History]):
    """The tab around ``content``; ``failed`` carries a computing error, said as ``failure``
    ("The gradients could not be computed") and the error's message. Subclasses draw in
    :meth:`show_run` and :meth:`filled`."""

    failed = Signal(str)

    def __init__(self, session: Session, computer: LatestWins, content: QWidget, failure: str) -> None:
        super().__init__()
        self.session = session
        self.computer = computer
        self.computer.finished.connect(self._on_filled)
        self.computer.failed.connect(lambda request, message: self.computer.is_latest(request)
                                     and self.failed.emit(f"{failure}: {message}"))
        self.active = False  # set while the tab is shown: nothing is computed for a hidden tab
        self._run: Run | None = None
        self._pending: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)

    @property
    def computing(self) -> bool:
        return self._pending is not None and self.computer.is_latest(self._pending)

    def set_active(self, active: bool) -> None:
        """The tab was shown (or hidden): draw what is shown now."""
        self.active = active
        self.show_run(self._run)

    def show_run(self, run: Run | None) -> None:
        """Draw ``run`` at the session's epoch; compute what is missing in the background."""
        raise NotImplementedError

    def filled(self, result: object) -> None:
        """Draw what the newest request computed (``result``: what the computer returned)."""
        raise NotImplementedError

    def overlays(self, run: Run, history_of: Callable[[Run], History | None]) -> list[tuple[Run, History]]:
        """The overlaid runs other than ``run`` that have finished training, with their histories."""
        found = []
        for other in self.session.overlaid_runs():
            history = history_of(other) if other is not run and not other.is_training else None
            if history is not None:
                found.append((other, history))
        return found

    def _on_filled(self, result: object) -> None:
        if not self.computer.is_latest(result):
            return
        self._pending = None
        if self.active:
            self.filled(result)

    def shutdown(self) -> None:
        self.computer.forget()  # the running fill stops after its current epoch
        self.computer.shutdown()
