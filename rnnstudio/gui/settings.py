"""User preferences over QSettings: recent files, window geometry, last recipe, export folder,
lessons' progress, language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

DEFAULTS: dict[str, Any] = {
    "recent_files": [],
    "geometry": QByteArray(),
    "window_state": QByteArray(),
    "last_recipe": "pulse-lstm-stateful",
    "export_folder": "",  # where File > Export last wrote: its dialogs open there, not in the save folder
    "lessons": "",
    "language": "",
    "runs_area_open": False,  # the Runs/Scores/Sweep area under the plots starts folded (gui.bottom_area)
    "runs_area_height": 130,  # View > Language: "" follows the system's locale, else "en" or "ja" (gui.i18n)  # how far each lesson got (JSON, see core.lessons.LessonProgress)
}
MAX_RECENT = 8


class Settings:
    """Typed access to the studio's preferences. ``path`` points them at an INI file
    (tests); by default they live where Qt keeps the user's settings."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._store = QSettings("RNN Studio", "rnnstudio")
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        value = self._store.value(key, DEFAULTS[key])
        if key == "recent_files":
            if isinstance(value, str):
                value = [value]
            return [str(item) for item in (value or [])]
        return value

    def set(self, key: str, value: Any) -> None:
        self._store.setValue(key, value)

    def add_recent_file(self, path: str | Path) -> list[str]:
        """Put ``path`` first in the recent files; returns the new list."""
        path = str(Path(path).resolve())
        recent = [path] + [item for item in self.get("recent_files") if item != path]
        recent = recent[:MAX_RECENT]
        self.set("recent_files", recent)
        return recent

    def remove_recent_file(self, path: str) -> None:
        self.set("recent_files", [item for item in self.get("recent_files") if item != path])

    def sync(self) -> None:
        self._store.sync()

    def folder(self) -> Path:
        """The folder the settings live in (the studio's own files, such as the lessons' sample series, go there)."""
        return Path(self._store.fileName()).parent
