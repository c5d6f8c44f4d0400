"""Editors that leave the mouse wheel to the panel unless the user has clicked into them.

Scrolling the parameter panel must never change a value just because a combo box passed
under the cursor (Activation went from tanh to linear that way).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox


class QuietComboBox(QComboBox):
    """A combo box that takes the wheel only when it has the keyboard focus."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not give it focus
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)  # long choice names do not widen the panel

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area under it scrolls instead
