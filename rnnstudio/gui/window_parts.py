"""Small pieces of the main window: the error banner, docks, the training progress strip and
the status bar's widgets. They hold no state of the studio: the window writes into them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)

from .i18n import tr


class ErrorBanner(QFrame):
    """A red banner above the plots with a message and Dismiss."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("QFrame { background: #fdecea; border: 1px solid #d62728; border-radius: 4px; }"
                           "QLabel { color: #8a1c1c; border: none; }")
        layout = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton(tr("Dismiss"))
        dismiss.setToolTip(tr("Hide this message"))
        dismiss.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(dismiss)
        self.hide()

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.show()


def add_dock(window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """A movable dock around ``widget`` (named, so its place is kept between launches)."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


class ProgressStrip(QWidget):
    """Epochs done of the experiment's epochs, and a line beside it (rate, or how a run ended)."""

    def __init__(self) -> None:
        super().__init__()
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(200)
        self.progress.setFormat(tr("epoch %v/%m"))
        self.progress.setValue(0)
        self.progress.setToolTip(tr("Epochs done out of the experiment's epochs"))
        self.rate_label = QLabel()
        self.rate_label.setMinimumWidth(180)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(self.progress)
        row.addWidget(self.rate_label)

    def show_epochs(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, done, 1))
        self.progress.setValue(done)
        self.rate_label.setText(text)


class BusyIndicator(QWidget):
    """A busy bar with Cancel, shown while a file opens; ``cancelled`` when Cancel is pressed."""

    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        spinner = QProgressBar()
        spinner.setRange(0, 0)  # busy, no percentage
        spinner.setMaximumWidth(120)
        cancel = QPushButton(tr("Cancel"))
        cancel.setToolTip(tr("Stop waiting for this file"))
        cancel.clicked.connect(self.cancelled)
        row.addWidget(spinner)
        row.addWidget(cancel)
        self.hide()
