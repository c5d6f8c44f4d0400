"""The questions the window asks before anything trained could be lost."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.session import Run

Button = QMessageBox.StandardButton


def ask_unsaved_runs(parent: QWidget, runs: list[Run]) -> Button:
    """Save all / Discard / Cancel for ``runs`` (listed by name); returns Save, Discard or Cancel."""
    names = "\n".join(f"• {run.name} ({run.network_label}, {run.epochs_run} epochs)" for run in runs)
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved runs",
                      f"{len(runs)} trained run{'s are' if len(runs) > 1 else ' is'} not saved:\n\n{names}",
                      Button.Save | Button.Discard | Button.Cancel, parent)
    box.button(Button.Save).setText("Save all…")
    box.button(Button.Discard).setText("Discard")
    box.setDefaultButton(Button.Save)
    return Button(box.exec())


def ask_quit_while_training(parent: QWidget, run: Run) -> bool:
    """True when the user wants to stop the training run and quit."""
    answer = QMessageBox.question(
        parent, "A run is training",
        f"“{run.name}” is still training ({run.epochs_run} epochs so far). Stop it and quit? "
        "What it has learned so far will be lost.",
        Button.Yes | Button.Cancel, Button.Cancel)
    return answer == Button.Yes


def ask_delete_unsaved(parent: QWidget, run: Run) -> bool:
    """True when the user agrees to delete the unsaved ``run``."""
    answer = QMessageBox.question(
        parent, "Delete an unsaved run",
        f"“{run.name}” ({run.network_label}, {run.epochs_run} epochs) is not saved. Delete it anyway?",
        Button.Discard | Button.Cancel, Button.Cancel)
    return answer == Button.Discard
