"""The epoch replay bar under the plots: a slider over the epochs a run has snapshots of,
with step back, step forward and play.

While a run trains the bar follows the newest epoch, until the user moves it; moving it
back to the end follows again. When early stopping kept an earlier epoch's weights, the bar
shows that epoch when training ends, and its label says which epoch the model holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from .i18n import tr

PLAY_INTERVAL_MS = 80


class ReplayBar(QWidget):
    """Picks one of a run's recorded epochs. ``epoch_chosen`` carries the epoch number."""

    epoch_chosen = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.epochs: list[int] = []
        self.following = True
        self.kept: int | None = None
        self.refit: tuple[int, int] | None = None
        self.back = QToolButton()
        self.back.setArrowType(Qt.ArrowType.LeftArrow)
        self.back.setToolTip(tr("Previous recorded epoch"))
        self.forward = QToolButton()
        self.forward.setArrowType(Qt.ArrowType.RightArrow)
        self.forward.setToolTip(tr("Next recorded epoch"))
        self.play = QToolButton()
        self.play.setText(tr("Play"))
        self.play.setCheckable(True)
        self.play.setToolTip(tr("Replay the training epoch by epoch"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(tr("Show the model as it was after this epoch"))
        self.label = QLabel()
        self.label.setMinimumWidth(260)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel(tr("Epoch")))
        for widget in (self.back, self.slider, self.forward, self.play, self.label):
            layout.addWidget(widget, 1 if widget is self.slider else 0)
        self.timer = QTimer(self)
        self.timer.setInterval(PLAY_INTERVAL_MS)
        self.timer.timeout.connect(self._play_step)
        self.back.clicked.connect(lambda: self._move_by(-1))
        self.forward.clicked.connect(lambda: self._move_by(1))
        self.play.toggled.connect(self._on_play)
        self.slider.valueChanged.connect(self._on_slider)
        self.show_epochs([], None, True)

    @property
    def epoch(self) -> int | None:
        """The chosen epoch, or None when there is nothing to replay."""
        return self.epochs[self.slider.value()] if self.epochs else None

    def show_epochs(self, epochs: list[int], epoch: int | None, following: bool, kept: int | None = None,
                    refit: tuple[int, int] | None = None) -> None:
        """Offer ``epochs`` (ascending) with ``epoch`` chosen; ``kept`` is the epoch whose
        weights early stopping kept (None: the last); ``refit``: the history's (kept epoch,
        first refit epoch) when the run refit on every sample. Emits nothing."""
        self.following, self.kept, self.refit = following, kept, refit
        index = epochs.index(epoch) if epoch in epochs else len(epochs) - 1
        if epochs != self.epochs or index != self.slider.value():
            self.epochs = list(epochs)
            self.slider.blockSignals(True)
            self.slider.setRange(0, max(len(self.epochs) - 1, 0))
            self.slider.setValue(max(index, 0))
            self.slider.blockSignals(False)
            for widget in (self.slider, self.back, self.forward, self.play):
                widget.setEnabled(len(self.epochs) > 1)
        self._update_label()

    def choose(self, epoch: int) -> None:
        """Move to the recorded epoch nearest ``epoch``, as the user would."""
        if self.epochs:
            self.slider.setValue(min(range(len(self.epochs)), key=lambda i: abs(self.epochs[i] - epoch)))

    def _move_by(self, step: int) -> None:
        self.slider.setValue(self.slider.value() + step)

    def _on_slider(self, index: int) -> None:
        self.following = index == len(self.epochs) - 1
        self._update_label()
        if self.epochs:
            self.epoch_chosen.emit(self.epochs[index])

    def _on_play(self, playing: bool) -> None:
        if playing:
            if self.slider.value() == self.slider.maximum():
                self.slider.setValue(0)
            self.timer.start()
            self.play.setText(tr("Pause"))
        else:
            self.timer.stop()
            self.play.setText(tr("Play"))

    def _play_step(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self.play.setChecked(False)
        else:
            self._move_by(1)

    def _update_label(self) -> None:
        if not self.epochs:
            self.label.setText(tr("no epochs recorded yet"))
            return
        recorded = "" if len(self.epochs) == self.epochs[-1] else tr(", {count} recorded").format(count=len(self.epochs))
        follow = tr(" (newest)") if self.following and self.kept is None else ""
        model = "" if self.kept is None else (tr(" - the model's weights (best validation)") if self.epoch == self.kept
                                             else tr(" - the model keeps epoch {epoch}").format(epoch=self.kept))
        if self.refit is not None and self.epoch is not None:
            model += (tr(" - refit on every sample from epoch {epoch}").format(epoch=self.refit[0])
                      if self.epoch >= self.refit[1] else
                      tr(" - best validation: the refit started here") if self.epoch == self.refit[0] else "")
        self.label.setText(tr("{epoch} of {last}").format(epoch=self.epoch, last=self.epochs[-1]) + recorded + follow + model)
        self.label.setToolTip("" if self.kept is None else
                              tr("Early stopping kept the weights of epoch {epoch}, the lowest validation loss; "
                                 "later epochs are shown to replay how the network overfitted").format(epoch=self.kept))
