"""View > Language: the window's language (System, English, 日本語), kept in the settings.

Qt translates a text when a widget is given it, so a new choice takes effect when the window
is next built: the menu says so, in the language chosen.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from .i18n import LANGUAGES, chosen_language, tr
from .settings import Settings

NEXT_START = {"en": "RNN Studio speaks English from its next start.",
              "ja": "次に RNN Studio を起動したときから日本語で表示します。"}


class LanguageMenu(QMenu):
    """One checkable entry per language; choosing one saves it and says when it applies."""

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(tr("&Language"), parent)
        self.settings = settings
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
        QMessageBox.information(self.parentWidget(), "RNN Studio", NEXT_START[chosen_language(code)])
