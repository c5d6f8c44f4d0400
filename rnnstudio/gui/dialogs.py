"""The questions the window asks before anything trained could be lost."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.run import Run
from .i18n import QT_TR_NOOP, counted, tr

Button = QMessageBox.StandardButton


def _epochs(run: Run) -> str:
    return counted(run.epochs_run, QT_TR_NOOP("epoch"))


def ask_unsaved_runs(parent: QWidget, runs: list[Run]) -> Button:
    """Save all / Save the session / Discard / Cancel for ``runs`` (listed by name); returns
    Save, SaveAll (the session), Discard or Cancel."""
    names = "\n".join(f"• {run.name} ({run.network_label}, {_epochs(run)})" for run in runs)
    count = (tr("1 trained run is not saved:") if len(runs) == 1 else
             tr("{count} trained runs are not saved:").format(count=len(runs)))
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Unsaved runs"),
                      f"{count}\n\n{names}\n\n" + tr("Save each to a model file, or every run of the window, as it "
                                                       "is shown, in one session file."),
                      Button.Save | Button.SaveAll | Button.Discard | Button.Cancel, parent)
    box.button(Button.Save).setText(tr("Save all…"))
    box.button(Button.SaveAll).setText(tr("Save the session…"))
    box.button(Button.Discard).setText(tr("Discard"))
    box.setDefaultButton(Button.Save)
    return Button(box.exec())


def ask_quit_while_training(parent: QWidget, run: Run) -> bool:
    """True when the user wants to stop the training run and quit."""
    answer = QMessageBox.question(
        parent, tr("A run is training"),
        tr("“{run}” is still training ({epochs} so far). Stop it and quit? What it has learned so far will be "
           "lost.").format(run=run.name, epochs=_epochs(run)),
        Button.Yes | Button.Cancel, Button.Cancel)
    return answer == Button.Yes


def delete_unsaved_question(parent: QWidget, run: Run) -> QMessageBox:
    """The question before deleting the unsaved ``run``: its buttons say Delete and Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Delete an unsaved run"),
                      tr("“{run}” ({network}, {epochs}) is not saved. Delete it anyway?").format(
                          run=run.name, network=run.network_label, epochs=_epochs(run)), Button.Cancel, parent)
    box.addButton(tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
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
        parent, tr("Could not save"),
        message + "\n\n" + tr("“{run}” is still here, unsaved. Save it somewhere else?").format(run=run.name),
        Button.Save | Button.Cancel, Button.Save)
    return answer == Button.Save


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> None:
    """List the keyboard shortcuts of ``actions``."""
    rows = [f"<tr><td><b>{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}</b></td>"
            f"<td>&nbsp;&nbsp;{action.text().replace('&', '').rstrip('…')}</td></tr>"
            for action in actions if not action.shortcut().isEmpty()]
    QMessageBox.information(parent, tr("Keyboard shortcuts"), f"<table>{''.join(rows)}</table>")


def about_text() -> str:
    """The versions of the app and what it runs on (TensorFlow's once it has loaded)."""
    import sys

    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    from .. import __version__

    loaded = "tensorflow" in sys.modules and "keras" in sys.modules
    tensorflow = sys.modules["tensorflow"].__version__ if loaded else tr("still loading")
    keras = sys.modules["keras"].__version__ if loaded else tr("still loading")
    return (f"<h3>RNN Studio {__version__}</h3><p>{tr('Train small recurrent networks on time series and watch them learn.')}"
            f"</p><p>Qt {qVersion()}, PySide6 {PySide6.__version__}, pyqtgraph {pyqtgraph.__version__}, "
            f"TensorFlow {tensorflow}, Keras {keras}, Python {sys.version.split()[0]}</p>")


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, tr("About RNN Studio"), about_text())
