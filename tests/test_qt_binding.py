"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 did: every
void call such as ``setEnabled`` dropped a reference to ``None`` under Python 3.11, and the
app aborted with "deallocating None" after a few minutes of repainting)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot) -> None:
    box = QCheckBox()
    qtbot.addWidget(box)
    action = QAction("probe")
    before = sys.getrefcount(None)
    for _ in range(1000):
        action.setEnabled(True)
        box.setChecked(True)
    assert sys.getrefcount(None) >= before - 10
