"""The application icon, loaded from the packaged resources."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..resource_files import resource_path


def app_icon() -> QIcon:
    """RNN Studio's icon (SVG, with the PNG as a fallback size)."""
    icon = QIcon(str(resource_path("rnnstudio.svg")))
    icon.addFile(str(resource_path("rnnstudio.png")))
    return icon
