"""The main window's actions, menus and training toolbar.

:class:`StudioMenus` makes every QAction with its shortcut and tooltip, the File, Training
and Help menus and the toolbar with the progress strip; the window hands it the slots to
call and the widgets to place (the recent-files and export menus)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ..core.session import Session
from . import dialogs
from .i18n import tr
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


def button_text(text: str) -> str:
    """A menu item's text as a toolbar button says it: without its accelerator, written
    "&Train" or, in Japanese, "学習(&T)" (a toolbar has no Alt keys), and without "…"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…")


class StudioMenus:
    """The window's actions (``new``, ``open``, ``save``, ``save_as``, ``quit``, ``train``,
    ``pause``, ``stop``), its menus and the training toolbar with :attr:`strip`."""

    def __init__(self, window: QMainWindow, slots: dict[str, Callable[[], Any]], recent: QMenu, export: QMenu) -> None:
        standard = QKeySequence.StandardKey
        act = lambda *args: make_action(window, *args)  # noqa: E731 - a local shorthand
        self.new = act(tr("&New"), slots["new"], standard.New, tr("Start a new experiment in the panel (the runs stay in the list)"))
        self.open = act(tr("&Open…"), slots["open"], standard.Open, tr("Open a saved model as a run"))
        self.save = act(tr("&Save"), slots["save"], standard.Save, tr("Save the selected run"))
        self.save_as = act(tr("Save &As…"), slots["save_as"], standard.SaveAs, tr("Save the selected run to a new file"))
        self.quit = act(tr("&Quit"), slots["quit"], standard.Quit, tr("Quit RNN Studio"))
        self.train = act(tr("&Train"), slots["train"], "F5", tr("Train the panel's experiment as a new run"))
        self.pause = act(tr("&Pause"), slots["pause"], "F6", tr("Pause or resume training between epochs"))
        self.stop = act(tr("S&top"), slots["stop"], "Shift+F5", tr("Stop training after the current batch (and a sweep at once)"))
        self.sweep = act(tr("S&weep…"), slots["sweep"], None, tr("Train the panel's experiment over a grid of field values, "
                         "in worker processes"))
        self.backtest = act(tr("&Backtest…"), slots["backtest"], None, tr("Retrain the selected run's experiment at several "
                            "origins of its held-out part: does the result hold? (and prediction intervals)"))
        self.auto = act(tr("&Auto…"), slots["auto"], None, tr("Choose the panel's network by backtest: it and a few variants "
                        "(the other cell, a linear highway on or off, half the units, the other scaling), in worker processes"))
        file_menu = window.menuBar().addMenu(tr("&File"))
        file_menu.addActions([self.new, self.open])
        file_menu.addMenu(recent)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as])
        file_menu.addSeparator()
        self.open_session = act(tr("Open s&ession…"), slots["open_session"], None,
                                tr("Open a session file: its runs join these, overlaid and shown as they were"))
        self.save_session = act(tr("Save se&ssion…"), slots["save_session"], None,
                                tr("Keep every run of the window in one file, as shown: names, colours, overlays, "
                                "the selected run and epoch"))
        file_menu.addActions([self.open_session, self.save_session])
        file_menu.addMenu(export)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        training = [self.train, self.pause, self.stop, self.sweep, self.backtest, self.auto]
        window.menuBar().addMenu(tr("&Training")).addActions(training)
        self.help_menu = help_menu = window.menuBar().addMenu(tr("&Help"))
        shortcuts = [self.new, self.open, self.save, self.save_as, self.quit, *training]
        help_menu.addAction(act(tr("&Keyboard shortcuts"), lambda: dialogs.show_shortcuts(window, shortcuts), None,
                                tr("List the keyboard shortcuts")))
        help_menu.addAction(act(tr("&About RNN Studio"), lambda: dialogs.show_about(window), None,
                                tr("Versions of RNN Studio, Qt, TensorFlow and Keras")))
        self.toolbar = toolbar = QToolBar(tr("Training"))
        toolbar.setObjectName("training_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions(training)
        for action in training:
            action.setIconText(button_text(action.text()))
        pause_button = toolbar.widgetForAction(self.pause)
        pause_button.setMinimumWidth(pause_button.fontMetrics().horizontalAdvance(tr("Resume")) + 16)  # no jump on Resume
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
            why = tr("Train (F5): waiting for TensorFlow to finish loading")
        elif training:
            why = tr("Train (F5): one run trains at a time; wait for it or stop it")
        elif session.draft.loading:
            why = tr("Train (F5): waiting for the CSV file to be read")
        else:
            why = (tr("Train the panel's experiment as a new run (F5)") if valid
                   else tr("Train (F5): fix the fields marked in red first"))
        self.train.setToolTip(why)
        self.pause.setEnabled(training)
        self.pause.setText(tr("&Resume") if paused else tr("&Pause"))
        self.pause.setIconText(button_text(self.pause.text()))
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
