"""File > Open Recent: the recent model files from the settings, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from .i18n import tr
from .settings import Settings


class RecentFilesMenu(QMenu):
    """Lists the recent files; ``chosen`` carries the path the user picked. Call
    :meth:`refresh` after the list in the settings changed."""

    chosen = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(tr("Open &Recent"), parent)
        self.settings = settings
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        recent = self.settings.get("recent_files")
        for path in recent:
            action = self.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.chosen.emit(p))
        self.setEnabled(bool(recent))
