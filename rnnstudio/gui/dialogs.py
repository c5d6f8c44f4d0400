"""The questions the window asks before anything trained could be lost."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.run import Run
from ..core.text import counted

Button = QMessageBox.StandardButton


def ask_unsaved_runs(parent: QWidget, runs: list[Run]) -> Button:
    """Save all / Save the session / Discard / Cancel for ``runs`` (listed by name); returns
    Save, SaveAll (the session), Discard or Cancel."""
    names = "\n".join(f"• {run.name} ({run.network_label}, {counted(run.epochs_run, 'epoch')})" for run in runs)
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved runs",
                      f"{len(runs)} trained run{'s are' if len(runs) > 1 else ' is'} not saved:\n\n{names}\n\n"
                      "Save each to a model file, or every run of the window, as it is shown, in one session file.",
                      Button.Save | Button.SaveAll | Button.Discard | Button.Cancel, parent)
    box.button(Button.Save).setText("Save all…")
    box.button(Button.SaveAll).setText("Save the session…")
    box.button(Button.Discard).setText("Discard")
    box.setDefaultButton(Button.Save)
    return Button(box.exec())


def ask_quit_while_training(parent: QWidget, run: Run) -> bool:
    """True when the user wants to stop the training run and quit."""
    answer = QMessageBox.question(
        parent, "A run is training",
        f"“{run.name}” is still training ({counted(run.epochs_run, 'epoch')} so far). Stop it and quit? "
        "What it has learned so far will be lost.",
        Button.Yes | Button.Cancel, Button.Cancel)
    return answer == Button.Yes


def delete_unsaved_question(parent: QWidget, run: Run) -> QMessageBox:
    """The question before deleting the unsaved ``run``: its buttons say Delete and Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, "Delete an unsaved run",
                      f"“{run.name}” ({run.network_label}, {counted(run.epochs_run, 'epoch')}) is not saved. "
                      "Delete it anyway?", Button.Cancel, parent)
    box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(Button.Cancel)
    return box


def ask_delete_unsaved(parent: QWidget, run: Run) -> bool:
    """True when the user agrees to delete the unsaved ``run``."""
    box = delete_unsaved_question(parent, run)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole


def offer_save_as(parent: QWidget, run: Run, message: str) -> bool:
    """After a failed save: True when the user wants to save ``run`` somewhere else."""
    answer = QMessageBox.warning(
        parent, "Could not save",
        f"{message}\n\n“{run.name}” is still here, unsaved. Save it somewhere else?",
        Button.Save | Button.Cancel, Button.Save)
    return answer == Button.Save


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> None:
    """List the keyboard shortcuts of ``actions``."""
    rows = [f"<tr><td><b>{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}</b></td>"
            f"<td>&nbsp;&nbsp;{action.text().replace('&', '').rstrip('…')}</td></tr>"
            for action in actions if not action.shortcut().isEmpty()]
    QMessageBox.information(parent, "Keyboard shortcuts", f"<table>{''.join(rows)}</table>")


def about_text() -> str:
    """The versions of the app and what it runs on (TensorFlow's once it has loaded)."""
    import sys

    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    from .. import __version__

    loaded = "tensorflow" in sys.modules and "keras" in sys.modules
    tensorflow = sys.modules["tensorflow"].__version__ if loaded else "still loading"
    keras = sys.modules["keras"].__version__ if loaded else "still loading"
    return (f"<h3>RNN Studio {__version__}</h3><p>Train small recurrent networks on time series and watch "
            f"them learn.</p><p>Qt {qVersion()}, PySide6 {PySide6.__version__}, pyqtgraph {pyqtgraph.__version__}, "
            f"TensorFlow {tensorflow}, Keras {keras}, Python {sys.version.split()[0]}</p>")


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About RNN Studio", about_text())
