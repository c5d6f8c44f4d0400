"""View > Language: the window's language (System, English, 日本語), kept in the settings.

Qt translates a text when a widget is given it, so a new choice takes effect when the window
is built again: the menu asks, in the language chosen, whether to restart RNN Studio now
(quitting as Quit does: unsaved runs are asked about first) or later.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from .i18n import LANGUAGES, chosen_language, tr
from .settings import Settings

QUESTION = {"en": ("RNN Studio speaks English from its next start.", "Restart now", "Later"),
            "ja": ("次に RNN Studio を起動したときから日本語で表示します。", "今すぐ再起動", "あとで")}


def ask_restart(window: QMainWindow, code: str) -> bool:
    """Say when the language ``code`` applies, in that language; True to restart now."""
    text, restart, later = QUESTION[code]
    box = QMessageBox(QMessageBox.Icon.Information, "RNN Studio", text, QMessageBox.StandardButton.NoButton, window)
    now = box.addButton(restart, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(later, QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is now


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that start this RNN Studio again, as it was started."""
    return sys.executable, ["-m", "rnnstudio.app", *sys.argv[1:]]


class LanguageMenu(QMenu):
    """One checkable entry per language; choosing one saves it and offers a restart."""

    def __init__(self, settings: Settings, window: QMainWindow) -> None:
        super().__init__(tr("&Language"), window)
        self.settings, self.window = settings, window
        group = QActionGroup(self)
        chosen = settings.get("language")
        for code, name in LANGUAGES.items():
            action = QAction(tr(name) if code == "" else name, self, checkable=True)
            action.setChecked(code == chosen)
            action.setData(code)
            group.addAction(action)
            self.addAction(action)
        group.triggered.connect(self._choose)

    def _choose(self, action: QAction) -> None:
        code = action.data()
        if code == self.settings.get("language"):
            return
        self.settings.set("language", code)
        self.settings.sync()
        if ask_restart(self.window, chosen_language(code)) and self.window.close():
            QProcess.startDetached(*restart_command())
