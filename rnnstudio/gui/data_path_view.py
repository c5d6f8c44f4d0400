"""The Data's path tab: the shown experiment's series cut into samples and batches, stepped
through batch by batch (or played) in the order training sees them, with its shapes in
words; the batch shown is highlighted in the Data plot (``batch_shown``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QSpinBox, QVBoxLayout, QWidget

from ..core.data import validation_start
from ..core.data_path import DataPath, Span
from ..core.experiment import Experiment
from .i18n import QT_TR_NOOP, tr
from .plots.data_path_plot import DataPathPlot

PLAY_MS = 600  # one batch after another, slowly enough to read
NOTHING = QT_TR_NOOP("Choose an experiment to see how its series becomes batches")


class DataPathView(QWidget):
    """Summary, controls (epoch, batch, play) and the plot. ``batch_shown`` carries the spans
    drawn (an empty list when nothing is)."""

    batch_shown = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.summary.setFont(font)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.epoch = QSpinBox()
        self.epoch.setPrefix(tr("epoch "))
        self.epoch.setToolTip(tr("Which epoch's batches: the order is shuffled anew each epoch (unless state carries)"))
        self.batch = QSlider(Qt.Orientation.Horizontal)
        self.batch.setToolTip(tr("Which batch of the epoch, in the order the trainer runs them"))
        self.previous, self.next, self.play = QPushButton("◀"), QPushButton("▶"), QPushButton(tr("Play"))
        self.previous.setToolTip(tr("The batch before"))
        self.next.setToolTip(tr("The next batch (after the last: the next epoch's first)"))
        self.play.setCheckable(True)
        self.play.setToolTip(tr("Step through the batches, one every 0.6 s"))
        self.plot = DataPathPlot()
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for widget in (self.epoch, self.previous, self.batch, self.next, self.play):
            controls.addWidget(widget)
        self.epoch.setMinimumWidth(self.epoch.sizeHint().width())
        self.batch.setMinimumWidth(60)
        for button in (self.previous, self.next):
            button.setMaximumWidth(40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 0)
        layout.addWidget(self.summary)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_MS)
        self.timer.timeout.connect(self.step)
        self.play.toggled.connect(lambda on: self.timer.start() if on else self.timer.stop())
        self.previous.clicked.connect(lambda: self.batch.setValue(self.batch.value() - 1))
        self.next.clicked.connect(self.step)
        self.epoch.valueChanged.connect(self._draw)
        self.batch.valueChanged.connect(self._draw)
        self.active = False  # set while the tab is shown: the Data plot is highlighted only then
        self.path: DataPath | None = None
        self._validation_from: int | None = None
        self.show_experiment(None, 0)

    def show_experiment(self, experiment: Experiment | None, length: int) -> None:
        """Show how ``experiment`` cuts a series of ``length`` values (None: nothing)."""
        path = DataPath(experiment, length) if experiment is not None and length else None
        if path is not None and path == self.path:
            return
        self.path = path
        enabled = path is not None
        for widget in (self.epoch, self.batch, self.previous, self.next, self.play):
            widget.setEnabled(enabled)
        if path is None:
            self.play.setChecked(False)
            self.summary.setText("")
            self.plot.show_nothing(tr(NOTHING))
            self.batch_shown.emit([])
            return
        samples, train = path.experiment.samples, path.experiment.train
        self._validation_from = validation_start(length, samples, train.validation_fraction)
        self.summary.setText("\n".join(path.summary()))
        for control, most in ((self.epoch, path.last_epoch_shown), (self.batch, path.batch_count)):
            control.blockSignals(True)
            control.setRange(1, most)
            control.setValue(1)
            control.blockSignals(False)
        self._draw()

    def set_active(self, active: bool) -> None:
        """The tab was shown (or hidden): the Data plot highlights the batch only while shown."""
        self.active = active
        if not active:
            self.play.setChecked(False)
            self.batch_shown.emit([])
        else:
            self._draw()

    def step(self) -> None:
        """The next batch; after an epoch's last, the next epoch's first (after the last shown epoch, the first)."""
        if self.path is None:
            return
        if self.batch.value() < self.batch.maximum():
            self.batch.setValue(self.batch.value() + 1)
            return
        self.batch.blockSignals(True)
        self.batch.setValue(1)
        self.batch.blockSignals(False)
        epoch = self.epoch.value()
        self.epoch.setValue(epoch + 1 if epoch < self.epoch.maximum() else 1)
        if epoch == self.epoch.maximum() == 1:
            self._draw()

    def _draw(self) -> None:
        if self.path is None:
            return
        batches = self.path.batches(self.epoch.value())
        batch = batches[self.batch.value() - 1]
        spans: list[Span] = self.plot.show_batch(self.path, batch, self.epoch.value(), self._validation_from)
        if self.active:
            self.batch_shown.emit(spans)
