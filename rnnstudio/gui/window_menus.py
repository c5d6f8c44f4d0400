"""The main window's actions, menus and training toolbar.

:class:`StudioMenus` makes every QAction with its shortcut and tooltip, the File, Training
and Help menus and the toolbar with the progress strip; the window hands it the slots to
call and the widgets to place (the recent-files and export menus)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ..core.session import Session
from . import dialogs
from .window_parts import ProgressStrip


def make_action(parent: QMainWindow, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = "") -> QAction:
    """An action whose tooltip names its shortcut."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    hint = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({hint})" if hint else ""))
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


class StudioMenus:
    """The window's actions (``new``, ``open``, ``save``, ``save_as``, ``quit``, ``train``,
    ``pause``, ``stop``), its menus and the training toolbar with :attr:`strip`."""

    def __init__(self, window: QMainWindow, slots: dict[str, Callable[[], Any]], recent: QMenu, export: QMenu) -> None:
        standard = QKeySequence.StandardKey
        act = lambda *args: make_action(window, *args)  # noqa: E731 - a local shorthand
        self.new = act("&New", slots["new"], standard.New, "Start a new experiment in the panel (the runs stay in the list)")
        self.open = act("&Open…", slots["open"], standard.Open, "Open a saved model as a run")
        self.save = act("&Save", slots["save"], standard.Save, "Save the selected run")
        self.save_as = act("Save &As…", slots["save_as"], standard.SaveAs, "Save the selected run to a new file")
        self.quit = act("&Quit", slots["quit"], standard.Quit, "Quit RNN Studio")
        self.train = act("&Train", slots["train"], "F5", "Train the panel's experiment as a new run")
        self.pause = act("&Pause", slots["pause"], "F6", "Pause or resume training between epochs")
        self.stop = act("S&top", slots["stop"], "Shift+F5", "Stop training after the current batch (and a sweep at once)")
        self.sweep = act("S&weep…", slots["sweep"], None, "Train the panel's experiment over a grid of field values, "
                         "in worker processes")
        self.backtest = act("&Backtest…", slots["backtest"], None, "Retrain the selected run's experiment at several "
                            "origins of its held-out part: does the result hold? (and prediction intervals)")
        self.auto = act("&Auto…", slots["auto"], None, "Choose the panel's network by backtest: it and a few variants "
                        "(the other cell, a linear highway, half the units, the other scaling), in worker processes")
        file_menu = window.menuBar().addMenu("&File")
        file_menu.addActions([self.new, self.open])
        file_menu.addMenu(recent)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as])
        file_menu.addSeparator()
        self.open_session = act("Open s&ession…", slots["open_session"], None,
                                "Open a session file: its runs join these, overlaid and shown as they were")
        self.save_session = act("Save se&ssion…", slots["save_session"], None,
                                "Keep every run of the window in one file, as shown: names, colours, overlays, "
                                "the selected run and epoch")
        file_menu.addActions([self.open_session, self.save_session])
        file_menu.addMenu(export)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        training = [self.train, self.pause, self.stop, self.sweep, self.backtest, self.auto]
        window.menuBar().addMenu("&Training").addActions(training)
        self.help_menu = help_menu = window.menuBar().addMenu("&Help")
        shortcuts = [self.new, self.open, self.save, self.save_as, self.quit, *training]
        help_menu.addAction(act("&Keyboard shortcuts", lambda: dialogs.show_shortcuts(window, shortcuts), None,
                                "List the keyboard shortcuts"))
        help_menu.addAction(act("&About RNN Studio", lambda: dialogs.show_about(window), None,
                                "Versions of RNN Studio, Qt, TensorFlow and Keras"))
        self.toolbar = toolbar = QToolBar("Training")
        toolbar.setObjectName("training_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions(training)
        pause_button = toolbar.widgetForAction(self.pause)
        pause_button.setMinimumWidth(pause_button.fontMetrics().horizontalAdvance("Resume") + 16)  # no jump on Resume
        toolbar.addSeparator()
        self.strip = ProgressStrip()
        toolbar.addWidget(self.strip)
        window.addToolBar(toolbar)

    def update(self, session: Session, tf_ready: bool, paused: bool | None, sweeping: bool = False,
               backtesting: bool = False, searching: bool = False) -> None:
        """Enable what can be done now; Train's tooltip says why it cannot. ``paused`` is
        None while nothing trains; ``sweeping`` while a sweep runs, ``backtesting`` a backtest,
        ``searching`` an Auto search."""
        valid, training = session.draft.experiment is not None, paused is not None
        self.train.setEnabled(valid and tf_ready and not training)
        if not tf_ready:
            why = "Train (F5): waiting for TensorFlow to finish loading"
        elif training:
            why = "Train (F5): one run trains at a time; wait for it or stop it"
        elif session.draft.loading:
            why = "Train (F5): waiting for the CSV file to be read"
        else:
            why = "Train the panel's experiment as a new run (F5)" if valid else "Train (F5): fix the fields marked in red first"
        self.train.setToolTip(why)
        self.pause.setEnabled(training)
        self.pause.setText("&Resume" if paused else "&Pause")
        self.stop.setEnabled(training or sweeping or backtesting or searching)
        draft = session.draft.experiment
        self.auto.setEnabled(not searching and draft is not None and draft.samples.plan.is_time_series)
        self.sweep.setEnabled(not sweeping)
        run = session.selected
        self.backtest.setEnabled(tf_ready and not backtesting and run is not None and run.series is not None
                                 and not run.is_training and run.experiment.samples.plan.is_time_series)
        savable = run is not None and run.savable
        self.save.setEnabled(savable)
        self.save_as.setEnabled(savable)
        self.save_session.setEnabled(any(other.savable for other in session.runs))
        self.open_session.setEnabled(tf_ready)
